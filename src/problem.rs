//! Problems found in content: where they are and what is expected.

pub(crate) mod hints;
pub(crate) mod locate;

use crate::catalog::Words;
use crate::catalog::problems::Msg;
use crate::model::Language;
use crate::problem::locate::{Position, YamlText};
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// Where in its file a problem shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum At {
    /// A position known when the file was read: the YAML parser's, or a link's in an
    /// article body.
    Pos(Position),
    /// The value at a YAML path (`reports[2].composition.women`), located on output.
    Value(String),
    /// The key that ends a YAML path (an unknown field).
    Key(String),
    /// A cell of a workbook's sheet, known when the workbook was read.
    Cell(CellRef),
}

/// A cell of a workbook (`.xlsx`, `.ods`): its sheet, and its row and column counted
/// from 1 as spreadsheet programs count them. Shown as `Báo cáo!D12`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellRef {
    /// The sheet's place in the workbook, so that problems sort in the sheets' order.
    pub sheet_index: usize,
    pub sheet: String,
    pub row: u32,
    pub col: u32,
}

impl CellRef {
    /// The column's letters: 1 → `A`, 27 → `AA`.
    pub fn column_letters(col: u32) -> String {
        let mut letters = Vec::new();
        let mut n = col;
        while n > 0 {
            let rem = (n - 1) % 26;
            letters.push(b'A' + rem as u8);
            n = (n - 1) / 26;
        }
        letters.reverse();
        String::from_utf8(letters).unwrap_or_default()
    }
}

impl std::fmt::Display for CellRef {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{}!{}{}", self.sheet, CellRef::column_letters(self.col), self.row)
    }
}

/// Where in its file a located problem is: a line and column of a text file, or a
/// workbook's cell.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Span {
    Pos(Position),
    Cell(CellRef),
}

impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Span::Pos(Position { line, col }) => write!(f, "{line}:{col}"),
            Span::Cell(cell) => write!(f, "{cell}"),
        }
    }
}

impl From<Span> for At {
    fn from(span: Span) -> At {
        match span {
            Span::Pos(pos) => At::Pos(pos),
            Span::Cell(cell) => At::Cell(cell),
        }
    }
}

/// A file and a place in it, shown as `file:line:col` or `file:Sheet!B12`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub file: PathBuf,
    pub span: Span,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{}:{}", self.file.display(), self.span)
    }
}

/// What places the YAML paths of one file's content (`reports[2].composition.women`):
/// the positions of its YAML text, or the cells of a spreadsheet. Each file's index is
/// made when the file is loaded.
pub trait PathIndex: std::fmt::Debug + Send + Sync {
    /// The place of the value at `path`, or of the nearest enclosing value.
    fn value(&self, path: &str) -> Option<Span>;
    /// The place of the key that ends `path`, else of the nearest enclosing value.
    fn key(&self, path: &str) -> Option<Span>;
}

impl PathIndex for YamlText {
    fn value(&self, path: &str) -> Option<Span> {
        YamlText::value(self, path).map(Span::Pos)
    }

    fn key(&self, path: &str) -> Option<Span> {
        YamlText::key(self, path).map(Span::Pos)
    }
}

/// Each loaded file's index, by path relative to the content folder.
pub type Indexes = rustc_hash::FxHashMap<PathBuf, Arc<dyn PathIndex>>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// The file, relative to the content folder.
    pub file: PathBuf,
    pub at: At,
    pub message: Msg,
    /// The first of two items that clash (a unit id used twice): its file and place.
    pub first: Option<(PathBuf, At)>,
}

impl Problem {
    pub fn error(file: impl Into<PathBuf>, at: impl Into<At>, message: Msg) -> Problem {
        Problem { severity: Severity::Error, file: file.into(), at: at.into(), message, first: None }
    }

    pub fn warning(file: impl Into<PathBuf>, at: impl Into<At>, message: Msg) -> Problem {
        Problem { severity: Severity::Warning, file: file.into(), at: at.into(), message, first: None }
    }

    /// A problem with a whole file (unreadable, not UTF-8, missing).
    pub fn file_error(file: impl Into<PathBuf>, message: Msg) -> Problem {
        Problem::error(file, At::Pos(Position::START), message)
    }

    /// The same problem, naming where the first of the clashing items is.
    pub fn with_first(mut self, file: impl Into<PathBuf>, at: At) -> Problem {
        self.first = Some((file.into(), at));
        self
    }
}

/// A problem with its place resolved, ready to be worded.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Located {
    pub location: Location,
    pub severity: Severity,
    pub message: Msg,
    /// Where the first of two clashing items is.
    pub first: Option<Location>,
}

impl Located {
    /// `file:line:col: message` (`file:Sheet!B12: message` for a workbook's cell) in
    /// `language`, always one line: characters that could break it or reach the terminal
    /// as commands are written as escapes.
    pub fn line(&self, language: Language) -> String {
        let Location { file, span } = &self.location;
        let place = one_line(&span.to_string());
        let file = file.display();
        let first = self.first.as_ref().map(Location::to_string);
        let message = one_line(&self.message.text(language, first.as_deref().unwrap_or("")));
        match self.severity {
            Severity::Error => format!("{file}:{place}: {message}"),
            Severity::Warning => {
                let warning = match language {
                    Language::Vi => "cảnh báo",
                    Language::En => "warning",
                };
                format!("{file}:{place}: {warning}: {message}")
            }
        }
    }
}

/// `text` with control characters written as escapes (`\n`, `\u{1b}`).
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    out
}

/// Resolves every problem's place from the files' indexes, shows paths joined to
/// `shown_root` (the content folder as the user typed it), and sorts by file, line and
/// column. A path no index places is put at the start of its file.
pub fn locate(problems: Vec<Problem>, indexes: &Indexes, shown_root: &Path) -> Vec<Located> {
    let location =
        |file: &Path, at: &At| Location { file: shown_root.join(file), span: span(indexes, file, at) };
    let mut out: Vec<Located> = problems
        .into_iter()
        .map(|p| Located {
            location: location(&p.file, &p.at),
            first: p.first.as_ref().map(|(file, at)| location(file, at)),
            severity: p.severity,
            message: p.message,
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

fn span(indexes: &Indexes, file: &Path, at: &At) -> Span {
    let index = || indexes.get(file);
    let found = match at {
        At::Pos(pos) => Some(Span::Pos(*pos)),
        At::Cell(cell) => Some(Span::Cell(cell.clone())),
        At::Value(path) => index().and_then(|i| i.value(path)),
        At::Key(path) => index().and_then(|i| i.key(path)),
    };
    found.unwrap_or(Span::Pos(Position::START))
}

/// How many errors and warnings there are, in the words of one language: "2 errors, 1 warning".
pub fn summary(problems: &[Located], words: &dyn Words) -> String {
    let of = |s| problems.iter().filter(|p| p.severity == s).count();
    words.problem_count(of(Severity::Error), of(Severity::Warning))
}

pub fn has_errors(problems: &[Located]) -> bool {
    problems.iter().any(|p| p.severity == Severity::Error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn missing(field: &str) -> Msg {
        Msg::MissingField { field: field.to_string() }
    }

    #[test]
    fn paths_are_placed_from_the_kept_text_and_clashes_name_the_first() {
        let text = "units:\n  - id: a\n    name: A\n  - id: a\n    name: B\n";
        let mut indexes = Indexes::default();
        indexes.insert("data/u.yaml".into(), Arc::new(YamlText::whole(text.into())) as Arc<dyn PathIndex>);
        let problems = vec![
            Problem::error("data/u.yaml", At::Value("units[1].id".into()), missing("x"))
                .with_first("data/u.yaml", At::Value("units[0].id".into())),
            Problem::warning("data/u.yaml", At::Key("units[0].name".into()), missing("y")),
            Problem::error("data/gone.yaml", At::Value("units[0]".into()), missing("z")),
        ];
        let located = locate(problems, &indexes, Path::new("content"));
        let at = |l: &Located| (l.location.to_string(), l.first.as_ref().map(Location::to_string));
        let found: Vec<_> = located.iter().map(at).collect();
        assert_eq!(
            found,
            [
                ("content/data/gone.yaml:1:1".to_string(), None),
                ("content/data/u.yaml:3:5".to_string(), None),
                ("content/data/u.yaml:4:9".to_string(), Some("content/data/u.yaml:2:9".to_string())),
            ]
        );
    }

    #[test]
    fn a_cell_shows_its_sheet_and_column_letters() {
        let cell = CellRef { sheet_index: 0, sheet: "Báo cáo".into(), row: 12, col: 28 };
        let location = Location { file: "data/a.xlsx".into(), span: Span::Cell(cell) };
        assert_eq!(location.to_string(), "data/a.xlsx:Báo cáo!AB12");
    }
}
