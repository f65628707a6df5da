//! Limits on what content may hold, so that no file can wrap a sum, make a run slow or
//! fill the memory. Each lies far above real data; the README lists them.

use crate::problem::locate::Position;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, ScanError};

/// The largest count a report may give (admitted, members, a target…). Vietnam's whole
/// party has about 5.6 million members, so no real count comes near; and sums of such
/// counts stay exact in a `u64` up to 184 billion reports.
pub const MAX_COUNT: u64 = 100_000_000;

/// The deepest nesting of lists and mappings in a YAML text. Real data files nest five
/// levels (`reports` → report → `targets` → target, or `period: {…}`).
pub const MAX_DEPTH: usize = 32;

/// The largest data file, site.yaml or article read: 16 MiB, some 200,000 reports.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Where `yaml` first opens a list or mapping deeper than [`MAX_DEPTH`], if it does
/// (line and column within `yaml`).
///
/// This runs before serde_yaml sees the text: serde_yaml's parser takes time quadratic
/// in the depth (minutes for 200 KB of `{a: {a: …}}`), while this event parser stops
/// at the first level too deep. Text it rejects before that point is left to
/// serde_yaml, which reports the syntax error in its own words.
pub fn too_deep(yaml: &str) -> Option<Position> {
    match first_too_deep(yaml) {
        Ok(found) => found,
        // Before yielding the events of a flow collection that could be a mapping key,
        // the scanner reads ahead to its end, and gives up at 256 open brackets. The
        // first level too deep lies in what it read: read only that, to find it.
        Err(e) if e.info() == "recursion limit exceeded" => {
            let end = yaml.char_indices().nth(e.marker().index()).map_or(yaml.len(), |(i, _)| i);
            first_too_deep(&yaml[..end]).ok().flatten().or(Some(position(*e.marker())))
        }
        Err(_) => None,
    }
}

fn first_too_deep(yaml: &str) -> Result<Option<Position>, ScanError> {
    let mut parser = Parser::new_from_str(yaml);
    let mut depth = 0usize;
    loop {
        match parser.next_token()? {
            (Event::StreamEnd, _) => return Ok(None),
            (Event::MappingStart(..) | Event::SequenceStart(..), mark) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Ok(Some(position(start_of(yaml, &mut parser, mark))));
                }
            }
            (Event::MappingEnd | Event::SequenceEnd, _) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
}

/// Where a collection starts: its bracket or dash, or for a block mapping, whose start
/// mark lies past its first key, that key.
fn start_of(yaml: &str, parser: &mut Parser<std::str::Chars>, mark: Marker) -> Marker {
    match yaml.chars().nth(mark.index()) {
        Some('{' | '[' | '-') => mark,
        _ => parser.peek().map_or(mark, |(_, first)| *first),
    }
}

fn position(mark: Marker) -> Position {
    Position { line: mark.line(), col: mark.col() + 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, col: usize) -> Option<Position> {
        Some(Position { line, col })
    }

    #[test]
    fn real_data_is_not_too_deep() {
        let data = "reports:\n  - unit: a\n    period: {from: 2020-10-01, to: 2025-09-30, label: x}\n    targets:\n      - {value: 3}\n";
        assert_eq!(too_deep(data), None);
        let limit = format!("{}1{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(too_deep(&limit), None);
    }

    #[test]
    fn finds_the_first_level_too_deep_in_flow_collections() {
        // 50,000 levels: the scanner's own limit is met before any event.
        let maps = format!("{}1{}", "{a: ".repeat(50_000), "}".repeat(50_000));
        assert_eq!(too_deep(&maps), at(1, 4 * MAX_DEPTH + 1));
        let lists = format!("x: {}", "[".repeat(100_000));
        assert_eq!(too_deep(&lists), at(1, 3 + MAX_DEPTH));
    }

    #[test]
    fn finds_the_first_level_too_deep_in_block_collections() {
        let dashes = format!("{}x\n", "- ".repeat(100_000));
        assert_eq!(too_deep(&dashes), at(1, 2 * MAX_DEPTH + 1));
        let indented: String = (0..40).map(|i| format!("{}a:\n", " ".repeat(i))).collect();
        assert_eq!(too_deep(&indented), at(MAX_DEPTH + 1, MAX_DEPTH + 1));
    }

    #[test]
    fn leaves_syntax_errors_to_serde_yaml() {
        assert_eq!(too_deep("a: [1\n"), None);
        assert_eq!(too_deep("a: b: c\n"), None);
    }
}
