//! Finding where a value sits in a YAML text, for problems found after parsing.
//!
//! serde_yaml reports positions only for the errors it raises itself. Rules checked
//! later (an unknown unit, a count above `admitted`…) know the YAML path of the value
//! (`reports[3].composition.women`); this module maps such paths back to line and
//! column with yaml-rust2's event parser, over the text kept in memory when the file
//! was loaded ([`YamlText`]). It runs only for files that have problems.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

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
        let lines: Vec<&str> = text.split('\n').collect();
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

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    locator: Locator,
    line_offset: usize,
    /// The text as characters: markers count characters.
    chars: Vec<char>,
}

fn join(path: &str, segment: &str) -> String {
    if path.is_empty() { segment.to_string() } else { format!("{path}.{segment}") }
}

impl Builder {
    fn position(&self, mark: Marker) -> Position {
        Position { line: mark.line() + self.line_offset, col: mark.col() + 1 }
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

    fn open(&mut self, map: bool, at: Position, index: usize) {
        self.place_container(at);
        let path = self.child_path();
        // A flow collection (`{…}`, `[…]`) is placed at its bracket; a block one at its
        // first entry, as its start marker lies past the first key.
        let placed = matches!(self.chars.get(index), Some('{' | '['));
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

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let at = self.position(mark);
        match event {
            Event::Scalar(text, ..) => self.scalar(text, at),
            Event::Alias(_) => self.scalar(String::new(), at),
            Event::MappingStart(..) => self.open(true, at, mark.index()),
            Event::SequenceStart(..) => self.open(false, at, mark.index()),
            Event::MappingEnd | Event::SequenceEnd => self.close(),
            _ => {}
        }
    }
}

impl Locator {
    /// Reads the positions of `text`, whose first line is line `1 + line_offset` of its file.
    /// A text that does not parse yields whatever was read before the syntax error.
    pub fn new(text: &str, line_offset: usize) -> Locator {
        let mut builder = Builder { line_offset, chars: text.chars().collect(), ..Builder::default() };
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

/// The YAML of a file kept from loading (the whole of a data file, the front matter
/// of an article). Its positions are read from this text the first time a problem asks
/// for one, once: reading them for every file would cost a second parse of all content
/// for the few files that have problems.
#[derive(Debug)]
pub struct YamlText {
    yaml: Arc<str>,
    /// The line of the file before the YAML's first line.
    line_offset: usize,
    locator: OnceLock<Locator>,
}

impl YamlText {
    /// `yaml`, whose first line is line `1 + line_offset` of its file.
    pub fn new(yaml: Arc<str>, line_offset: usize) -> YamlText {
        YamlText { yaml, line_offset, locator: OnceLock::new() }
    }

    /// A file that is YAML throughout.
    pub fn whole(text: Arc<str>) -> YamlText {
        YamlText::new(text, 0)
    }

    pub fn yaml(&self) -> &str {
        &self.yaml
    }

    /// The positions of the YAML, read on first use.
    pub fn locator(&self) -> &Locator {
        self.locator.get_or_init(|| Locator::new(&self.yaml, self.line_offset))
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
        assert_eq!(kept.locator().value("units[0].name"), at(4, 11));
        assert_eq!(YamlText::whole(DOC.into()).locator().value("units[0].name"), at(3, 11));
    }

    #[test]
    fn finds_keys_and_offsets_lines() {
        let l = Locator::new(DOC, 1);
        assert_eq!(l.key("reports[0].composition.women"), at(9, 7));
    }
}
