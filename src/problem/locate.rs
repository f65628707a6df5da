//! Where each value sits in a YAML text kept from loading.
//!
//! serde_yaml reports positions only for the errors it raises itself. Rules checked
//! later (an unknown unit, a count above `admitted`…) know the YAML path of the value
//! (`reports[3].composition.women`); the file's [`YamlText`] maps such paths to line and
//! column. Its places are read from the text kept in memory: by the one-pass [`tape`]
//! for block-style content, on the first look-up (most files have no problem to place,
//! and a national set's tapes would hold a hundred megabytes), else by yaml-rust2's
//! event parser ([`Locator`]) when the file is loaded.

use crate::load::limits;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

mod tape;

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub col: usize,
}

impl Position {
    pub const START: Position = Position { line: 1, col: 1 };

    /// This position moved onto `text` (whose first line is line `1 + line_offset` of
    /// its file): a line past the end is the end of the last line, a column past the
    /// end of its line is the line's end.
    pub fn within(self, text: &str, line_offset: usize) -> Position {
        // A line ends at `\n` or `\r\n`, as editors count it.
        let lines: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
        let last = if text.ends_with('\n') && lines.len() > 1 { lines.len() - 1 } else { lines.len() };
        let index = self.line.saturating_sub(line_offset + 1);
        if index >= last {
            let end = lines.get(last.saturating_sub(1)).map_or(0, |l| l.chars().count());
            return Position { line: line_offset + last.max(1), col: end + 1 };
        }
        let width = lines[index].chars().count();
        Position { line: self.line, col: self.col.min(width + 1) }
    }

    /// The position of byte `offset` of `text`, columns counted in characters.
    pub fn of_offset(text: &str, offset: usize) -> Position {
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position { line: 1 + before.matches('\n').count(), col: 1 + before[line_start..].chars().count() }
    }
}

/// Positions of every value and every mapping key of one YAML document.
#[derive(Debug, Default)]
pub struct Locator {
    values: HashMap<String, Position>,
    keys: HashMap<String, Position>,
    /// Each plain value as written (`1.000` stays `1.000`, where a YAML number reads 1).
    written: HashMap<String, String>,
}

enum Frame {
    Map { path: String, key: Option<String>, start: Position, placed: bool },
    Seq { path: String, next: usize, start: Position, placed: bool },
}

struct Builder<'t> {
    stack: Vec<Frame>,
    locator: Locator,
    line_offset: usize,
    /// The text's lines. A marker's line and column are right; its index is not, past
    /// a block scalar with letters beyond ASCII (it counts their bytes).
    lines: Vec<&'t str>,
    /// The characters of the last line looked at: markers come line by line.
    line_chars: (usize, Vec<char>),
}

fn join(path: &str, segment: &str) -> String {
    if path.is_empty() { segment.to_string() } else { format!("{path}.{segment}") }
}

impl Builder<'_> {
    fn position(&self, mark: Marker) -> Position {
        Position { line: mark.line() + self.line_offset, col: mark.col() + 1 }
    }

    fn char_at(&mut self, mark: Marker) -> Option<char> {
        if self.line_chars.0 != mark.line() {
            let line = self.lines.get(mark.line().wrapping_sub(1))?;
            self.line_chars = (mark.line(), line.chars().collect());
        }
        self.line_chars.1.get(mark.col()).copied()
    }

    /// The path of the value that comes next in the innermost container.
    fn child_path(&self) -> String {
        match self.stack.last() {
            None => String::new(),
            Some(Frame::Map { path, key, .. }) => join(path, key.as_deref().unwrap_or("")),
            Some(Frame::Seq { path, next, .. }) => format!("{path}[{next}]"),
        }
    }

    /// A container's position is that of its first entry: block mappings report
    /// their start after the first key, which would point at the wrong column.
    fn place_container(&mut self, at: Position) {
        if let Some(Frame::Map { path, placed, .. } | Frame::Seq { path, placed, .. }) = self.stack.last_mut()
            && !*placed
        {
            *placed = true;
            self.locator.values.insert(path.clone(), at);
        }
    }

    fn value_done(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Map { key, .. }) => *key = None,
            Some(Frame::Seq { next, .. }) => *next += 1,
            None => {}
        }
    }

    fn scalar(&mut self, text: String, at: Position) {
        self.place_container(at);
        if let Some(Frame::Map { path, key: key @ None, .. }) = self.stack.last_mut() {
            self.locator.keys.insert(join(path, &text), at);
            *key = Some(text);
            return;
        }
        let path = self.child_path();
        self.locator.values.insert(path.clone(), at);
        self.locator.written.insert(path, text);
        self.value_done();
    }

    /// A value left empty (`name:` and nothing after) is placed at its key: the parser
    /// marks it where the next token starts, often on a later line.
    fn empty(&mut self, at: Position) {
        let key_at = match self.stack.last() {
            Some(Frame::Map { path, key: Some(key), .. }) => self.locator.keys.get(&join(path, key)).copied(),
            _ => None,
        };
        self.scalar(String::new(), key_at.unwrap_or(at));
    }

    fn open(&mut self, map: bool, at: Position, mark: Marker) {
        self.place_container(at);
        let path = self.child_path();
        // A flow collection (`{…}`, `[…]`) is placed at its bracket; a block one at its
        // first entry, as its start marker lies past the first key.
        let placed = matches!(self.char_at(mark), Some('{' | '['));
        if placed {
            self.locator.values.insert(path.clone(), at);
        }
        self.stack.push(if map {
            Frame::Map { path, key: None, start: at, placed }
        } else {
            Frame::Seq { path, next: 0, start: at, placed }
        });
    }

    fn close(&mut self) {
        if let Some(Frame::Map { path, start, placed, .. } | Frame::Seq { path, start, placed, .. }) =
            self.stack.pop()
            && !placed
        {
            self.locator.values.insert(path, start);
        }
        self.value_done();
    }
}

impl MarkedEventReceiver for Builder<'_> {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let at = self.position(mark);
        match event {
            Event::Scalar(text, TScalarStyle::Plain, ..) if text.is_empty() => self.empty(at),
            Event::Scalar(text, ..) => self.scalar(text, at),
            Event::Alias(_) => self.scalar(String::new(), at),
            Event::MappingStart(..) => self.open(true, at, mark),
            Event::SequenceStart(..) => self.open(false, at, mark),
            Event::MappingEnd | Event::SequenceEnd => self.close(),
            _ => {}
        }
    }
}

impl Locator {
    /// Reads the positions of `text`, whose first line is line `1 + line_offset` of its file.
    /// A text that does not parse yields whatever was read before the syntax error.
    pub fn new(text: &str, line_offset: usize) -> Locator {
        let mut builder = Builder {
            stack: Vec::new(),
            locator: Locator::default(),
            line_offset,
            lines: text.split('\n').collect(),
            line_chars: (0, Vec::new()),
        };
        let _ = Parser::new_from_str(text).load(&mut builder, false);
        // The parser places an empty value at the very end on the line after the last.
        let mut locator = builder.locator;
        // Only a position past the last line needs moving: find that line once.
        let last_line = line_offset + text.trim_end_matches('\n').matches('\n').count() + 1;
        for pos in locator.values.values_mut().chain(locator.keys.values_mut()) {
            if pos.line > last_line {
                *pos = pos.within(text, line_offset);
            }
        }
        locator
    }

    /// The position of the value at `path`, or of the nearest enclosing value found.
    pub fn value(&self, path: &str) -> Option<Position> {
        let mut path = path;
        loop {
            if let Some(p) = self.values.get(path) {
                return Some(*p);
            }
            path = parent(path)?;
        }
    }

    /// The position of the key that ends `path`, else of the nearest enclosing value.
    pub fn key(&self, path: &str) -> Option<Position> {
        self.keys.get(path).copied().or_else(|| self.value(path))
    }

    /// The plain value at `path` as it is written in the file.
    pub fn written(&self, path: &str) -> Option<&str> {
        self.written.get(path).map(String::as_str)
    }
}

/// The places of a YAML text: the tape read in one pass for block-style content, or
/// the event parser's index for anything beyond it, unless it nests too deep to read.
#[derive(Debug)]
enum Places {
    /// Block-style content, whose tape is read again and kept on the first look-up.
    Tape(OnceLock<tape::Tape>),
    Parsed(Locator),
    /// Where the text first opens a list or mapping deeper than [`limits::MAX_DEPTH`].
    TooDeep(Position),
}

/// The YAML of a file kept from loading (the whole of a data file, the front matter
/// of an article), with the places of its values.
#[derive(Debug)]
pub struct YamlText {
    yaml: Arc<str>,
    /// The line of the file before the YAML's first line.
    line_offset: usize,
    places: Places,
}

impl YamlText {
    /// `yaml`, whose first line is line `1 + line_offset` of its file.
    pub fn new(yaml: Arc<str>, line_offset: usize) -> YamlText {
        let places = match tape::index(yaml.clone(), line_offset) {
            Some(_) => Places::Tape(OnceLock::new()),
            None => match limits::too_deep(&yaml) {
                Some(at) => Places::TooDeep(at),
                None => Places::Parsed(Locator::new(&yaml, line_offset)),
            },
        };
        YamlText { yaml, line_offset, places }
    }

    /// A file that is YAML throughout.
    pub fn whole(text: Arc<str>) -> YamlText {
        YamlText::new(text, 0)
    }

    pub fn yaml(&self) -> &str {
        &self.yaml
    }

    /// The line of the file before the YAML's first line.
    pub fn line_offset(&self) -> usize {
        self.line_offset
    }

    /// Where the YAML first opens a list or mapping deeper than [`limits::MAX_DEPTH`]
    /// (line and column within the YAML), if it does.
    pub fn too_deep(&self) -> Option<Position> {
        match self.places {
            Places::TooDeep(at) => Some(at),
            _ => None,
        }
    }

    /// The position of the value at `path`, or of the nearest enclosing value.
    pub fn value(&self, path: &str) -> Option<Position> {
        match &self.places {
            Places::Tape(tape) => Some(self.tape(tape).value(path)),
            Places::Parsed(locator) => locator.value(path),
            Places::TooDeep(_) => None,
        }
    }

    /// The position of the key that ends `path`, else of the nearest enclosing value.
    pub fn key(&self, path: &str) -> Option<Position> {
        match &self.places {
            Places::Tape(tape) => Some(self.tape(tape).key(path)),
            Places::Parsed(locator) => locator.key(path),
            Places::TooDeep(_) => None,
        }
    }

    /// The plain value at `path` as it is written in the file.
    pub fn written(&self, path: &str) -> Option<&str> {
        match &self.places {
            Places::Tape(tape) => self.tape(tape).written(path),
            Places::Parsed(locator) => locator.written(path),
            Places::TooDeep(_) => None,
        }
    }

    /// The tape of block-style content, read on the first look-up.
    fn tape<'t>(&self, tape: &'t OnceLock<tape::Tape>) -> &'t tape::Tape {
        tape.get_or_init(|| {
            tape::index(self.yaml.clone(), self.line_offset)
                .expect("the text was read as block style when loaded")
        })
    }
}

fn parent(path: &str) -> Option<&str> {
    if path.is_empty() {
        return None;
    }
    Some(match path.rfind(['.', '[']) {
        Some(i) => &path[..i],
        None => "",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "\
units:
  - id: ba-tri
    name: Ba Tri
reports:
  - unit: ba-tri
    period: {from: 2020-10-01, to: 2025-09-30, label: x}
    composition:
      women: 250
    targets: []
";

    fn at(line: usize, col: usize) -> Option<Position> {
        Some(Position { line, col })
    }

    #[test]
    fn a_column_past_a_line_ending_in_crlf_is_its_end() {
        let moved = Position { line: 1, col: 9 }.within("ab\r\ncd\r\n", 0);
        assert_eq!(moved, Position { line: 1, col: 3 });
    }

    #[test]
    fn finds_values_and_items() {
        let l = Locator::new(DOC, 0);
        assert_eq!(l.value("units[0].name"), at(3, 11));
        assert_eq!(l.value("units[0]"), at(2, 5));
        assert_eq!(l.value("reports[0].composition.women"), at(8, 14));
        assert_eq!(l.value("reports[0].period.to"), at(6, 36));
        assert_eq!(l.value("reports[0].period"), at(6, 13));
        assert_eq!(l.value("reports[0].targets"), at(9, 14));
    }

    #[test]
    fn places_a_flow_at_its_bracket_after_letters_beyond_ascii() {
        // The parser's marker index counts a block scalar's bytes; its line and column do not.
        let l = Locator::new("a: |\n  dòng một\nb: {c: 1}\n", 0);
        assert_eq!(l.value("b"), at(3, 4));
    }

    /// `name:` with nothing after is placed at `name`, not on the line after it.
    #[test]
    fn places_an_empty_value_at_its_key() {
        let text = "units:\n  - id: xa\n    name:\n    parent: tinh\n  - id: xb\n    name:\n";
        let tape = YamlText::whole(text.into());
        let parsed = Locator::new(text, 0);
        for (path, expected) in [("units[0].name", at(3, 5)), ("units[1].name", at(6, 5))] {
            assert_eq!(tape.value(path), expected, "{path}");
            assert_eq!(parsed.value(path), expected, "{path}");
        }
    }

    #[test]
    fn falls_back_to_the_enclosing_value() {
        let l = Locator::new(DOC, 0);
        assert_eq!(l.value("reports[0].composition.youth"), at(8, 7));
        assert_eq!(l.value("reports[0].missing"), at(5, 5));
    }

    #[test]
    fn positions_of_byte_offsets_count_characters() {
        let text = "một\nhai ba";
        assert_eq!(Position::of_offset(text, 0), Position::START);
        assert_eq!(Position::of_offset(text, text.find("ba").unwrap()), Position { line: 2, col: 5 });
        assert_eq!(Position::of_offset(text, text.find('\n').unwrap()), Position { line: 1, col: 4 });
    }

    #[test]
    fn kept_front_matter_counts_the_lines_before_it() {
        let kept = YamlText::new(DOC.into(), 1);
        assert_eq!(kept.value("units[0].name"), at(4, 11));
        assert_eq!(YamlText::whole(DOC.into()).value("units[0].name"), at(3, 11));
    }

    #[test]
    fn finds_keys_and_offsets_lines() {
        let l = Locator::new(DOC, 1);
        assert_eq!(l.key("reports[0].composition.women"), at(9, 7));
    }
}
