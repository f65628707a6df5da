//! The positions of a YAML text read while the file is loaded, in one pass over its
//! lines: a tape of its values in document order, each with its key, the key's place,
//! its own place and (for a scalar) the text it is written as.
//!
//! Content is written in block style: mappings and lists by indentation, plain or
//! quoted scalars, short `[…]` and `{…}` on one line. For that, one pass over the bytes
//! is a fraction of the cost of a YAML parser's events. A text beyond it (block
//! scalars, anchors and aliases, tags, multi-line scalars or flows, several documents,
//! duplicate keys, escapes) yields no tape and is read by the full event parser of
//! [`super::Locator`]. Both place every value at the same line and column; the tests
//! compare them.

use super::Position;
use crate::load::limits::MAX_DEPTH;
use std::cell::Cell;
use std::sync::{Arc, OnceLock};

/// A byte range of the text, `NONE` for none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Range {
    start: u32,
    len: u32,
}

impl Range {
    const NONE: Range = Range { start: u32::MAX, len: 0 };
    /// The written form of a `|` or `>` scalar, which the tape does not keep.
    const FOLDED: Range = Range { start: u32::MAX, len: 1 };

    fn new(start: usize, end: usize) -> Option<Range> {
        Some(Range { start: u32::try_from(start).ok()?, len: u32::try_from(end - start).ok()? })
    }

    fn get(self, text: &str) -> Option<&str> {
        if self.start == u32::MAX {
            return None;
        }
        let start = self.start as usize;
        text.get(start..start + self.len as usize)
    }
}

/// A line and column, both 1-based, kept small: a tape holds one per value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct At {
    line: u32,
    col: u32,
}

impl From<At> for Position {
    fn from(at: At) -> Position {
        Position { line: at.line as usize, col: at.col as usize }
    }
}

/// One value. A container is followed by its entries; `end` is the index past its last.
#[derive(Clone, Copy, Debug)]
struct Node {
    /// The key, for a mapping's value.
    key: Range,
    key_at: At,
    at: At,
    /// A scalar as written (without its quotes).
    written: Range,
    end: u32,
}

/// The positions of one YAML text.
#[derive(Debug)]
pub struct Tape {
    text: Arc<str>,
    nodes: Vec<Node>,
    /// Each container's entries, listed on the first look-up (a file with problems):
    /// where each node's list starts, and the lists one after another.
    entries: OnceLock<(Vec<u32>, Vec<u32>)>,
}

/// An index of a tape's nodes, which [`Scan::next_index`] keeps within `u32`.
fn index32(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

/// One step of a path: `.women` or `[2]`.
enum Step<'p> {
    Key(&'p str),
    Index(usize),
}

/// The first step of `path` and what follows it, `None` for a step that is not one.
fn first_step(path: &str) -> Option<(Step<'_>, &str)> {
    let (step, rest) = if let Some(inner) = path.strip_prefix('[') {
        let close = inner.find(']')?;
        (Step::Index(inner[..close].parse().ok()?), &inner[close + 1..])
    } else {
        let end = path.find(['.', '[']).unwrap_or(path.len());
        (Step::Key(&path[..end]), &path[end..])
    };
    Some((step, rest.strip_prefix('.').unwrap_or(rest)))
}

impl Tape {
    /// The entries of the container at `index`, walked.
    fn walk(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        let end = self.nodes[index].end as usize;
        let mut next = index + 1;
        std::iter::from_fn(move || {
            let entry = (next < end).then_some(next)?;
            next = self.nodes[entry].end as usize;
            Some(entry)
        })
    }

    /// The entries of the container at `index`, listed: a list of 100,000 reports is
    /// walked once, not once per problem.
    fn entries(&self, index: usize) -> &[u32] {
        let (starts, lists) = self.entries.get_or_init(|| {
            let mut starts = Vec::with_capacity(self.nodes.len() + 1);
            let mut lists = Vec::with_capacity(self.nodes.len());
            for node in 0..self.nodes.len() {
                starts.push(index32(lists.len()));
                lists.extend(self.walk(node).map(index32));
            }
            starts.push(index32(lists.len()));
            (starts, lists)
        });
        &lists[starts[index] as usize..starts[index + 1] as usize]
    }

    fn entry(&self, index: usize, step: &Step) -> Option<usize> {
        let text = &*self.text;
        let entries = self.entries(index).iter().map(|&i| i as usize);
        match step {
            Step::Key(key) => entries.filter(|&i| self.nodes[i].key.get(text) == Some(*key)).last(),
            Step::Index(n) => {
                let entry = *self.entries(index).get(*n)? as usize;
                (self.nodes[entry].key == Range::NONE).then_some(entry)
            }
        }
    }

    /// The value at `path`, or the nearest enclosing one, and whether it is the value itself.
    fn find(&self, path: &str) -> (usize, bool) {
        let (mut index, mut rest) = (0, path);
        while !rest.is_empty() {
            let Some((step, after)) = first_step(rest) else { return (index, false) };
            let Some(entry) = self.entry(index, &step) else { return (index, false) };
            (index, rest) = (entry, after);
        }
        (index, true)
    }

    pub fn value(&self, path: &str) -> Position {
        self.nodes[self.find(path).0].at.into()
    }

    pub fn key(&self, path: &str) -> Position {
        match self.find(path) {
            (index, true) if self.nodes[index].key != Range::NONE => self.nodes[index].key_at.into(),
            (index, _) => self.nodes[index].at.into(),
        }
    }

    pub fn written(&self, path: &str) -> Option<&str> {
        match self.find(path) {
            (index, true) => self.nodes[index].written.get(&self.text),
            _ => None,
        }
    }
}

/// A block container still open, and the column its entries start at.
struct Frame {
    node: usize,
    indent: usize,
    list: bool,
    placed: bool,
}

/// A key whose value starts on a later line, or is empty: then it is placed at its key.
struct Pending {
    key: Range,
    key_at: At,
    indent: usize,
}

#[cfg(test)]
const FOLDED: &str = "(folded)";

/// A `|` or `>` scalar whose lines follow. The event parser places it at its first
/// line, or at its `|` or `>` when it has none.
struct BlockScalar {
    key: Range,
    key_at: At,
    /// The indentation of the entry that holds it: its lines are deeper.
    parent: usize,
    /// The indentation of its first line, once met.
    lines: Option<usize>,
    /// The most spaces of a blank line before its first: more than the first line's
    /// indentation is an error.
    blank: usize,
}

/// The text goes beyond what the tape reads.
struct Beyond;

type Scanned = Result<(), Beyond>;

fn beyond<T>(ok: Option<T>) -> Result<T, Beyond> {
    ok.ok_or(Beyond)
}

/// More keys than this in one mapping are left to the event parser: looking for a
/// duplicate takes time quadratic in their number.
const MAX_KEYS: usize = 64;

struct Scan<'t> {
    text: &'t str,
    nodes: Vec<Node>,
    frames: Vec<Frame>,
    pending: Option<Pending>,
    block_scalar: Option<BlockScalar>,
    /// The deepest indentation the next line may have: deeper would continue a scalar.
    deepest: usize,
    line: u32,
    /// The last place counted: the line's start, a byte in it and the characters before
    /// that byte, so that a long line is counted once, not once per value.
    counted: Cell<(usize, usize, usize)>,
}

/// The tape of `text`, whose first line is line `1 + line_offset` of its file; `None`
/// when the text goes beyond block-style YAML.
pub fn index(text: Arc<str>, line_offset: usize) -> Option<Tape> {
    let nodes = Scan::new(&text, line_offset)?.run().ok()?;
    Some(Tape { text, nodes, entries: OnceLock::new() })
}

fn is_item(line: &str, at: usize) -> bool {
    let rest = &line.as_bytes()[at..];
    rest.first() == Some(&b'-') && rest.get(1).is_none_or(|&b| b == b' ')
}

/// Where the spaces from `at` end.
fn skip_spaces(line: &str, at: usize) -> usize {
    at + line[at..].bytes().take_while(|&b| b == b' ').count()
}

/// Nothing but spaces and a comment from `at` on.
fn is_blank_from(line: &str, at: usize) -> bool {
    let at = skip_spaces(line, at);
    at == line.len() || (line.as_bytes()[at] == b'#' && at > 0 && line.as_bytes()[at - 1] == b' ')
}

/// A quoted scalar at `at`: its inner range and the index past its closing quote.
fn quoted(line: &str, at: usize) -> Option<(usize, usize, usize)> {
    let quote = line.as_bytes()[at];
    let close = at + 1 + line[at + 1..].find(quote as char)?;
    let inner = &line[at + 1..close];
    let escaped = if quote == b'"' { inner.contains('\\') } else { line[close + 1..].starts_with('\'') };
    (!escaped).then_some((at + 1, close, close + 1))
}

/// A plain key at `at`: the index of its colon, where it ends.
fn plain_key(line: &str, at: usize) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut i = at;
    while i < bytes.len() {
        match bytes[i] {
            b'#' if i > at && bytes[i - 1] == b' ' => return None,
            b':' if bytes.get(i + 1).is_none_or(|&b| b == b' ') => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// Characters that start something other than a plain scalar or key.
fn is_indicator(b: u8) -> bool {
    matches!(
        b,
        b'[' | b']'
            | b'{'
            | b'}'
            | b','
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'%'
            | b'@'
            | b'`'
            | b'?'
            | b'#'
            | b':'
            | b'\t'
    )
}

impl<'t> Scan<'t> {
    fn new(text: &'t str, line_offset: usize) -> Option<Scan<'t>> {
        if text.starts_with('\u{feff}') {
            return None;
        }
        let line = u32::try_from(line_offset).ok()?;
        Some(Scan {
            text,
            nodes: Vec::new(),
            frames: Vec::new(),
            pending: None,
            block_scalar: None,
            deepest: usize::MAX,
            line,
            counted: Cell::new((0, 0, 0)),
        })
    }

    fn run(mut self) -> Result<Vec<Node>, Beyond> {
        let text = self.text;
        for raw in text.split('\n') {
            self.line += 1;
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            let indent = line.bytes().take_while(|&b| b == b' ').count();
            let rest = &line[indent..];
            if let Some(block) = self.block_scalar.as_mut().filter(|b| b.lines.is_none() && rest.is_empty()) {
                block.blank = block.blank.max(indent);
            }
            if rest.is_empty() || (rest.starts_with('#') && self.block_scalar.is_none()) {
                continue;
            }
            if indent == 0 && (rest.starts_with("---") || rest.starts_with("...") || rest.starts_with('%')) {
                return Err(Beyond);
            }
            self.content_line(line, indent)?;
        }
        self.finish()
    }

    /// The place of byte `byte` of the current line.
    fn at(&self, line: &str, byte: usize) -> At {
        let (start, counted_byte, counted_chars) = self.counted.get();
        let (from, before) = if start == line.as_ptr() as usize && counted_byte <= byte {
            (counted_byte, counted_chars)
        } else {
            (0, 0)
        };
        let span = &line[from..byte];
        let chars = before + if span.is_ascii() { span.len() } else { span.chars().count() };
        self.counted.set((line.as_ptr() as usize, byte, chars));
        At { line: self.line, col: u32::try_from(chars + 1).unwrap_or(u32::MAX) }
    }

    fn range(&self, line: &str, start: usize, end: usize) -> Result<Range, Beyond> {
        let offset = line.as_ptr() as usize - self.text.as_ptr() as usize;
        beyond(Range::new(offset + start, offset + end))
    }

    fn content_line(&mut self, line: &str, indent: usize) -> Scanned {
        if let Some(block) = self.block_scalar.take() {
            if indent > block.parent {
                return self.block_scalar_line(block, line, indent);
            }
            Self::end_block_scalar(&block)?;
            if line[indent..].starts_with('#') {
                return Ok(());
            }
        }
        if indent > self.deepest || line.as_bytes()[indent] == b'\t' {
            return Err(Beyond);
        }
        let item = is_item(line, indent);
        if let Some(pending) = self.pending.take() {
            if indent > pending.indent || (indent == pending.indent && item) {
                self.open_block(line, indent, item, pending.key, pending.key_at)?;
                return self.entry(line, indent);
            }
            let empty = self.range(line, indent, indent)?;
            self.leaf(pending.key, pending.key_at, pending.key_at, empty)?;
        }
        while let Some(top) = self.frames.last() {
            if top.indent > indent || (top.indent == indent && top.list && !item) {
                self.close()?;
            } else {
                break;
            }
        }
        if self.frames.is_empty() {
            if !self.nodes.is_empty() {
                return Err(Beyond);
            }
            self.open_block(line, indent, item, Range::NONE, At { line: 0, col: 0 })?;
        }
        self.entry(line, indent)
    }

    fn block_scalar_line(&mut self, mut block: BlockScalar, line: &str, indent: usize) -> Scanned {
        match block.lines {
            Some(lines) if indent < lines => return Err(Beyond),
            Some(_) => {}
            None if indent < block.blank => return Err(Beyond),
            None => {
                self.leaf(block.key, block.key_at, self.at(line, indent), Range::FOLDED)?;
                block.lines = Some(indent);
            }
        }
        self.block_scalar = Some(block);
        Ok(())
    }

    /// A block scalar without lines is placed by where the next token starts, which is
    /// left to the event parser.
    fn end_block_scalar(block: &BlockScalar) -> Scanned {
        if block.lines.is_none() { Err(Beyond) } else { Ok(()) }
    }

    /// The entry that starts at `indent` in the innermost container.
    fn entry(&mut self, line: &str, indent: usize) -> Scanned {
        let top = self.frames.last().ok_or(Beyond)?;
        if top.indent != indent || top.list != is_item(line, indent) {
            return Err(Beyond);
        }
        if top.list { self.item(line, skip_spaces(line, indent + 1)) } else { self.key_value(line, indent) }
    }

    /// The content of a list item, at `at`.
    fn item(&mut self, line: &str, at: usize) -> Scanned {
        if is_blank_from(line, at) {
            return Err(Beyond);
        }
        if is_item(line, at) {
            self.open_block(line, at, true, Range::NONE, At { line: 0, col: 0 })?;
            return self.entry(line, at);
        }
        let first = line.as_bytes()[at];
        let key_line = if matches!(first, b'"' | b'\'') {
            self.quoted_key(line, at).is_some()
        } else {
            plain_key(line, at).is_some()
        };
        if key_line && !is_indicator(first) {
            self.open_block(line, at, false, Range::NONE, At { line: 0, col: 0 })?;
            return self.key_value(line, at);
        }
        self.value(line, at, Range::NONE, At { line: 0, col: 0 })
    }

    /// A quoted key at `at`: its inner range and the index of its colon.
    fn quoted_key(&self, line: &str, at: usize) -> Option<(usize, usize, usize)> {
        let (start, end, after) = quoted(line, at)?;
        (line.as_bytes().get(after) == Some(&b':')
            && line.as_bytes().get(after + 1).is_none_or(|&b| b == b' '))
        .then_some((start, end, after))
    }

    /// The key starting at `at`: its text range and its colon.
    fn key_at(&self, line: &str, at: usize) -> Result<(Range, usize), Beyond> {
        let first = line.as_bytes()[at];
        let (start, end, colon) = if matches!(first, b'"' | b'\'') {
            beyond(self.quoted_key(line, at))?
        } else if is_indicator(first) || is_item(line, at) {
            return Err(Beyond);
        } else {
            let colon = beyond(plain_key(line, at))?;
            (at, colon, colon)
        };
        let key = &line[start..end];
        if key.is_empty() || key.ends_with(' ') || key.contains(['.', '[', ']']) {
            return Err(Beyond);
        }
        Ok((self.range(line, start, end)?, colon))
    }

    /// Opens a block list or mapping whose first entry starts at `indent`. The event
    /// parser marks a block mapping at its first key's colon, a block list at its dash.
    fn open_block(&mut self, line: &str, indent: usize, list: bool, key: Range, key_at: At) -> Scanned {
        if self.frames.len() >= MAX_DEPTH {
            return Err(Beyond);
        }
        let mark = if list { indent } else { self.key_at(line, indent)?.1 };
        let at = self.at(line, mark);
        self.first_event(at);
        let node = self.nodes.len();
        self.nodes.push(Node { key, key_at, at, written: Range::NONE, end: 0 });
        self.frames.push(Frame { node, indent, list, placed: false });
        Ok(())
    }

    /// The index of the next value.
    fn next_index(&self) -> Result<u32, Beyond> {
        u32::try_from(self.nodes.len()).map_err(|_| Beyond)
    }

    fn close(&mut self) -> Scanned {
        if let Some(frame) = self.frames.pop() {
            self.nodes[frame.node].end = self.next_index()?;
        }
        Ok(())
    }

    /// The first thing met inside a container places it.
    fn first_event(&mut self, at: At) {
        if let Some(frame) = self.frames.last_mut()
            && !frame.placed
        {
            frame.placed = true;
            self.nodes[frame.node].at = at;
        }
    }

    fn leaf(&mut self, key: Range, key_at: At, at: At, written: Range) -> Scanned {
        self.first_event(at);
        let end = self.next_index()? + 1;
        self.nodes.push(Node { key, key_at, at, written, end });
        Ok(())
    }

    fn key_value(&mut self, line: &str, indent: usize) -> Scanned {
        let (key, colon) = self.key_at(line, indent)?;
        let map = self.frames.last().ok_or(Beyond)?.node;
        self.no_duplicate(map, key)?;
        let key_at = self.at(line, indent);
        self.first_event(key_at);
        let value = skip_spaces(line, colon + 1);
        if is_blank_from(line, value) {
            self.pending = Some(Pending { key, key_at, indent });
            self.deepest = usize::MAX;
            return Ok(());
        }
        self.value(line, value, key, key_at)
    }

    /// Duplicate keys are left to the event parser, whose index keeps the last.
    fn no_duplicate(&self, map: usize, key: Range) -> Scanned {
        let text = self.text;
        let mut i = map + 1;
        for _ in 0..MAX_KEYS {
            if i >= self.nodes.len() {
                return Ok(());
            }
            if self.nodes[i].key.get(text) == key.get(text) {
                return Err(Beyond);
            }
            i = self.nodes[i].end as usize;
        }
        Err(Beyond)
    }

    /// A scalar or a one-line flow at `at`, the rest of the line.
    fn value(&mut self, line: &str, at: usize, key: Range, key_at: At) -> Scanned {
        let first = line.as_bytes()[at];
        let end = match first {
            b'[' | b'{' => self.flow(line, at, key, key_at, 0)?,
            b'"' | b'\'' => {
                let (start, end, after) = beyond(quoted(line, at))?;
                let written = self.range(line, start, end)?;
                self.leaf(key, key_at, self.at(line, at), written)?;
                after
            }
            b'|' | b'>' => {
                // Its lines are skipped; only plain and quoted scalars keep their written form.
                let header = usize::from(matches!(line.as_bytes().get(at + 1), Some(b'+' | b'-')));
                let parent = self.frames.last().map_or(0, |f| f.indent);
                self.block_scalar = Some(BlockScalar { key, key_at, parent, lines: None, blank: 0 });
                at + 1 + header
            }
            _ if is_indicator(first) || is_item(line, at) => return Err(Beyond),
            _ => {
                let comment = line[at..].find(" #").map_or(line.len(), |i| at + i);
                let plain = line[at..comment].trim_end_matches(' ');
                if plain.contains(": ") || plain.ends_with(':') {
                    return Err(Beyond);
                }
                let written = self.range(line, at, at + plain.len())?;
                self.leaf(key, key_at, self.at(line, at), written)?;
                line.len()
            }
        };
        if !is_blank_from(line, end) {
            return Err(Beyond);
        }
        self.deepest = self.frames.last().map_or(0, |f| f.indent);
        Ok(())
    }

    /// A `[…]` or `{…}` closed on this line, at `at`; the index past its bracket.
    fn flow(&mut self, line: &str, at: usize, key: Range, key_at: At, depth: usize) -> Result<usize, Beyond> {
        if self.frames.len() + depth >= MAX_DEPTH {
            return Err(Beyond);
        }
        let map = line.as_bytes()[at] == b'{';
        let close = if map { b'}' } else { b']' };
        let here = self.at(line, at);
        self.first_event(here);
        let node = self.nodes.len();
        self.nodes.push(Node { key, key_at, at: here, written: Range::NONE, end: 0 });
        let mut i = skip_spaces(line, at + 1);
        if line.as_bytes().get(i) != Some(&close) {
            loop {
                i = if map {
                    self.flow_pair(line, i, node, depth)?
                } else {
                    self.flow_value(line, i, Range::NONE, here, depth)?
                };
                i = skip_spaces(line, i);
                match line.as_bytes().get(i) {
                    Some(b',') => i = skip_spaces(line, i + 1),
                    Some(&b) if b == close => break,
                    _ => return Err(Beyond),
                }
                if line.as_bytes().get(i).is_none_or(|&b| b == close) {
                    return Err(Beyond);
                }
            }
        }
        self.nodes[node].end = self.next_index()?;
        Ok(i + 1)
    }

    /// `key: value` inside `{…}`, at `at`; the index past the value.
    fn flow_pair(&mut self, line: &str, at: usize, map: usize, depth: usize) -> Result<usize, Beyond> {
        let bytes = line.as_bytes();
        let (start, end, after) = match bytes.get(at) {
            Some(b'"' | b'\'') => beyond(quoted(line, at))?,
            Some(&b) if !is_indicator(b) && !is_item(line, at) => {
                let end = at + line[at..].find([':', ',', '}', ']', '[', '{', '#']).ok_or(Beyond)?;
                (at, end, end)
            }
            _ => return Err(Beyond),
        };
        let key_text = &line[start..end];
        if bytes.get(after) != Some(&b':')
            || bytes.get(after + 1).is_none_or(|&b| b != b' ')
            || key_text.is_empty()
            || key_text.ends_with(' ')
            || key_text.contains(['.', '[', ']'])
        {
            return Err(Beyond);
        }
        let key = self.range(line, start, end)?;
        self.no_duplicate(map, key)?;
        let key_at = self.at(line, at);
        self.flow_value(line, skip_spaces(line, after + 1), key, key_at, depth)
    }

    /// A scalar or nested flow inside a flow, at `at`; the index past it.
    fn flow_value(
        &mut self,
        line: &str,
        at: usize,
        key: Range,
        key_at: At,
        depth: usize,
    ) -> Result<usize, Beyond> {
        match line.as_bytes().get(at) {
            Some(b'[' | b'{') => self.flow(line, at, key, key_at, depth + 1),
            Some(b'"' | b'\'') => {
                let (start, end, after) = beyond(quoted(line, at))?;
                let written = self.range(line, start, end)?;
                self.leaf(key, key_at, self.at(line, at), written)?;
                Ok(after)
            }
            Some(&b) if !is_indicator(b) && !is_item(line, at) => {
                let stop =
                    line[at..].find([',', ']', '}', '[', '{', '#', ':']).map_or(line.len(), |i| at + i);
                if !matches!(line.as_bytes().get(stop), Some(b',' | b']' | b'}')) {
                    return Err(Beyond);
                }
                let plain = line[at..stop].trim_end_matches(' ');
                let written = self.range(line, at, at + plain.len())?;
                self.leaf(key, key_at, self.at(line, at), written)?;
                Ok(stop)
            }
            _ => Err(Beyond),
        }
    }

    /// Ends the text: a key left without a value is placed at its key.
    fn finish(mut self) -> Result<Vec<Node>, Beyond> {
        if let Some(block) = self.block_scalar.take() {
            Self::end_block_scalar(&block)?;
        }
        if let Some(pending) = self.pending.take() {
            let end = self.text.len();
            let empty = beyond(Range::new(end, end))?;
            self.leaf(pending.key, pending.key_at, pending.key_at, empty)?;
        }
        while !self.frames.is_empty() {
            self.close()?;
        }
        if self.nodes.is_empty() {
            return Err(Beyond);
        }
        Ok(self.nodes)
    }
}

#[cfg(test)]
mod tests {
    use super::super::Locator;
    use super::*;
    use std::path::Path;

    type Places = Vec<(String, Position, Option<Position>, Option<String>)>;

    /// Every value's path, place, key place and written form ([`FOLDED`] for a block
    /// scalar), as the event parser records them.
    fn paths(tape: &Tape) -> Places {
        let mut out = Vec::new();
        collect(tape, 0, "", &mut out);
        out
    }

    fn collect(tape: &Tape, index: usize, path: &str, out: &mut Places) {
        let node = tape.nodes[index];
        let key_at = (node.key != Range::NONE).then(|| node.key_at.into());
        let written = if node.written == Range::FOLDED {
            Some(FOLDED.to_string())
        } else {
            node.written.get(&tape.text).map(str::to_string)
        };
        out.push((path.to_string(), node.at.into(), key_at, written));
        for (n, entry) in tape.walk(index).enumerate() {
            let child = match tape.nodes[entry].key.get(&tape.text) {
                Some(key) if path.is_empty() => key.to_string(),
                Some(key) => format!("{path}.{key}"),
                None => format!("{path}[{n}]"),
            };
            collect(tape, entry, &child, out);
        }
    }

    /// What the event parser's index holds, in the tape's form.
    fn parsed(text: &str, line_offset: usize) -> Places {
        let locator = Locator::new(text, line_offset);
        let mut places: Places = (locator.values.iter())
            .map(|(path, at)| {
                (path.clone(), *at, locator.keys.get(path).copied(), locator.written.get(path).cloned())
            })
            .collect();
        places.sort_by(|a, b| a.0.cmp(&b.0));
        places
    }

    /// The tape of `text`, checked against the event parser where it reads one.
    fn check(text: &str, line_offset: usize) -> bool {
        let Some(tape) = index(text.into(), line_offset) else { return false };
        let mut places = paths(&tape);
        places.sort_by(|a, b| a.0.cmp(&b.0));
        let mut expected = parsed(text, line_offset);
        for ((_, _, _, written), (_, _, _, theirs)) in places.iter().zip(&mut expected) {
            if written.as_deref() == Some(FOLDED) {
                *theirs = Some(FOLDED.to_string());
            }
        }
        assert_eq!(places, expected, "places differ in:\n{text}");
        true
    }

    #[test]
    fn places_block_style_as_the_event_parser_does() {
        let read = [
            "units:\n  - id: ba-tri\n    name: Ba Tri\n  - id: x\nreports:\n- unit: a\n  tags: [a, 'b', {c: d}]\n  period: {from: 2020, to: 2025}\n  empty:\n  e2: ~\n  list:\n    - - 1\n      - 2\n    - k: v\n  q: \"x y\" # c\n",
            "title: \"A\"\ndate: 2025-01-01\ntags:\n- a\n- b\nunits: []\n",
            "- \"quoted key\": 1\n  b: 2\n- 'x': [ ]\n",
            "a:\n  # note\n\n  b: Bến Tre, tỉnh\n  c: 'Đồng Khởi'\n  d: {e: \"f\", g: [1, 2, [3]]}\nlast:\n",
            "a: 1\nb:\n",
            "a: 1\nb:",
            "a:\n  - x\n  -   y\nb: {}\n",
            "- - - 1\n    - 2\n  - 3\n- 4\n",
            "key: value # a comment\nurl: https://example.com/a#b\nneg: -5\n",
            "  indented: 1\n  second: 2\n",
            "a:\r\n  b: 1\r\n",
            "a: |\n  text\n\n  more\nb: >-\n    folded\n    # not a comment\nc:\n  - >\n    x\n  - 1\nd: |+\n  x\n",
            "a: |\n\n  text\n",
            "a: |\n  # kept\n  x\n# comment\nb: |-\n\n  y\n# comment\nc: 1\n",
            "a: |\n  dòng\nb: {c: 1}\n",
            "- |\n  x\n- >-\n  y\n",
        ];
        for (n, text) in read.iter().enumerate() {
            assert!(check(text, 0), "not read: {n}");
            assert!(check(text, 3), "not read at an offset: {n}");
        }
    }

    #[test]
    fn leaves_the_rest_to_the_event_parser() {
        let beyond = [
            "a: |2\n  text\n",
            "a: >\nb: 1\n",
            "a: |\n",
            "a: >\n    text\n  less\n",
            "a: &x 1\nb: *x\n",
            "a: !tag 1\n",
            "a: one\n  two\n",
            "a: \"one\n  two\"\n",
            "a: [1,\n  2]\n",
            "---\na: 1\n",
            "a: 1\na: 2\n",
            "a: \"x\\ty\"\n",
            "a: 'it''s'\n",
            "? a\n: b\n",
            "-\n  a: 1\n",
            "a.b: 1\n",
            "just a scalar\n",
            "",
            "a: b: c\n",
            "a:\n\tb: 1\n",
            "a: [1, ]\n",
            "{a: 1}\n",
        ];
        for text in beyond {
            assert!(index(text.into(), 0).is_none(), "read: {text:?}");
        }
    }

    #[test]
    fn reads_only_texts_within_the_depth_limit() {
        let nested = |depth: usize| {
            let block: String = (1..depth).map(|d| format!("{}a:\n", "  ".repeat(d - 1))).collect();
            format!("{block}{}b: [1]\n", "  ".repeat(depth - 1))
        };
        // `depth - 1` block mappings hold the last one, whose `b` holds one list.
        assert!(check(&nested(MAX_DEPTH - 1), 0));
        assert!(index(nested(MAX_DEPTH).into(), 0).is_none());
        let flow = format!("a: {}1{}\n", "[".repeat(MAX_DEPTH - 1), "]".repeat(MAX_DEPTH - 1));
        assert!(check(&flow, 0));
        let flow = format!("a: {}1{}\n", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(index(flow.into(), 0).is_none());
    }

    #[test]
    fn finds_values_keys_and_written_forms() {
        let tape =
            index("reports:\n  - unit: ba-tri\n    composition:\n      women: 1.000\n".into(), 0).unwrap();
        assert_eq!(tape.value("reports[0].composition.women"), Position { line: 4, col: 14 });
        assert_eq!(tape.key("reports[0].composition.women"), Position { line: 4, col: 7 });
        assert_eq!(tape.value("reports[0].composition.youth"), Position { line: 4, col: 7 });
        assert_eq!(tape.value("reports[5].unit"), Position { line: 2, col: 9 });
        assert_eq!(tape.written("reports[0].composition.women"), Some("1.000"));
        assert_eq!(tape.written("reports[0].composition.youth"), None);
    }

    /// A random block-style text: mappings and lists nested by indentation, with
    /// plain, quoted, empty and flow values.
    fn random_text(rng: &mut fastrand::Rng) -> String {
        const KEYS: [&str; 6] = ["id", "tên", "\"quoted\"", "'single'", "a-b", "x1"];
        const VALUES: [&str; 14] = [
            "1",
            "1.000",
            "Bến Tre",
            "'a b'",
            "\"c, d\"",
            "[1, 'x', {k: v}]",
            "{from: 2020, to: 2025}",
            "[]",
            "~",
            "a # note",
            "http://x/#y",
            "",
            ">-\n      folded\n      text",
            "|\n      kept\n\n      lines",
        ];
        let mut text = String::new();
        let mut depth = 0usize;
        for _ in 0..rng.usize(1..14) {
            let indent = " ".repeat(depth * 2);
            let key = KEYS[rng.usize(..KEYS.len())];
            let value = VALUES[rng.usize(..VALUES.len())];
            match rng.u8(..6) {
                0 => text.push_str(&format!("{indent}- {value}\n")),
                1 => text.push_str(&format!("{indent}- {key}: {value}\n")),
                2 | 3 => {
                    text.push_str(&format!("{indent}{key}:\n"));
                    depth += 1;
                }
                4 => depth = depth.saturating_sub(rng.usize(0..=depth)),
                _ => text.push_str(&format!("{indent}{key}: {value}\n")),
            }
        }
        text
    }

    /// The text with a few characters changed, added or removed.
    fn mutated(rng: &mut fastrand::Rng, text: &str) -> String {
        const PIECES: [&str; 12] = [" ", "  ", ":", "- ", "#", "'", "\"", "[", "]", "{", ",", "\n"];
        let mut chars: Vec<char> = text.chars().collect();
        for _ in 0..rng.usize(1..4) {
            let at = rng.usize(..=chars.len());
            match rng.u8(..3) {
                0 if at < chars.len() => {
                    chars.remove(at);
                }
                _ => chars.splice(at..at, PIECES[rng.usize(..PIECES.len())].chars()).for_each(drop),
            }
        }
        chars.into_iter().collect()
    }

    #[test]
    fn random_texts_are_placed_alike() {
        let mut rng = fastrand::Rng::with_seed(11);
        let (mut read, mut mutants_read) = (0, 0);
        for _ in 0..10_000 {
            let text = random_text(&mut rng);
            read += usize::from(check(&text, 0));
            for _ in 0..4 {
                mutants_read += usize::from(check(&mutated(&mut rng, &text), 2));
            }
        }
        assert!(read > 2000 && mutants_read > 3000, "read {read} texts and {mutants_read} changed ones");
    }

    /// Every YAML text of the sample, the fixtures and the starter is read alike.
    #[test]
    fn every_content_file_is_placed_alike() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut read = 0;
        for folder in ["content", "tests/fixtures", "starter"] {
            for entry in walkdir::WalkDir::new(root.join(folder)).into_iter().filter_map(Result::ok) {
                let path = entry.path();
                let Ok(text) = std::fs::read_to_string(path) else { continue };
                let yaml = match path.extension().and_then(|e| e.to_str()) {
                    Some("yaml" | "yml") => text.as_str(),
                    Some("md") => match text.strip_prefix("---\n").and_then(|t| t.split_once("\n---")) {
                        Some((front, _)) => front,
                        None => continue,
                    },
                    _ => continue,
                };
                read += usize::from(check(yaml, 1));
            }
        }
        assert!(read > 50, "only {read} files read");
    }
}
