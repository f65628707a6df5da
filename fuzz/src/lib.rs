//! What the fuzz targets share: content held in memory, checked as `bantin check`
//! checks a folder, with the property every printed problem must keep.

use bantin::load::{self, Source};
use bantin::pipeline::{self, Checked};
use bantin::problem;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The smallest valid site.yaml, for targets that vary another file.
pub const SITE: &str = "title: Bản tin\nbase_url: https://example.org/ban-tin/\n";

/// Fuzz input as a file's text is parsed: invalid UTF-8 is replaced, so no input is
/// wasted (a file that is not UTF-8 is refused before parsing), and a leading
/// byte-order mark is dropped, as files are read.
pub fn text(data: &[u8]) -> String {
    let text = String::from_utf8_lossy(data);
    text.strip_prefix('\u{feff}').unwrap_or(&text).to_string()
}

/// Parses, validates, computes and places problems for `site` (site.yaml; `None` when
/// missing) and `files` (paths relative to the content folder, and their texts).
/// Panics when a problem is placed outside its file.
pub fn check(site: Option<&str>, files: &[(&str, &str)]) -> Checked {
    let mut texts: HashMap<PathBuf, &str> =
        files.iter().map(|(rel, text)| (PathBuf::from(rel), *text)).collect();
    if let Some(site) = site {
        texts.insert(PathBuf::from("site.yaml"), site);
    }
    let sources = files.iter().map(|(rel, text)| Source::new(rel, text)).collect();
    let loaded = load::parse(site.map(|s| Source::new("site.yaml", s)), sources);
    let checked = pipeline::check_loaded(loaded, Path::new(""));
    for p in &checked.problems {
        let text = texts.get(&p.location.file).copied().unwrap_or("");
        if placed_reliably(text) {
            // Content held in memory here is YAML and Markdown: every place is a line and column.
            let problem::Span::Pos(pos) = &p.location.span else { panic!("a cell in a text file") };
            let shown = p.line(bantin::model::Language::En);
            assert!(inside(text, pos.line, pos.col), "placed outside its file: {shown}");
        }
    }
    checked
}

/// Whether line `line`, column `col` (1-based, in characters; one past the end of a
/// line included) lies in `text`, as an editor shows it: a line's closing `\r` is not
/// shown, and a final line feed opens no line.
fn inside(text: &str, line: usize, col: usize) -> bool {
    let lines: Vec<&str> = if text.is_empty() { vec![""] } else { text.lines().collect() };
    line >= 1 && col >= 1 && lines.get(line - 1).is_some_and(|l| col <= l.chars().count() + 1)
}

/// Positions in a text with a lone carriage return are not placed reliably yet: the
/// YAML parser counts it as a line end, editors and the value locator may not.
fn placed_reliably(text: &str) -> bool {
    !text.match_indices('\r').any(|(i, _)| !text[i + 1..].starts_with('\n'))
}
