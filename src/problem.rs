//! Problems found in content: where they are and what is expected.

use crate::catalog::Words;
use crate::catalog::problems::Msg;
use crate::locate::{Locator, Position};
use crate::model::Language;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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

/// Where a located problem is: a line and column of a text file, or a workbook's cell.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    Pos(Position),
    Cell(CellRef),
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Place::Pos(Position { line, col }) => write!(f, "{line}:{col}"),
            Place::Cell(cell) => write!(f, "{cell}"),
        }
    }
}

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
    pub fn error(file: impl Into<PathBuf>, at: At, message: Msg) -> Problem {
        Problem { severity: Severity::Error, file: file.into(), at, message, first: None }
    }

    pub fn warning(file: impl Into<PathBuf>, at: At, message: Msg) -> Problem {
        Problem { severity: Severity::Warning, file: file.into(), at, message, first: None }
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

/// A problem with its position resolved, ready to be worded.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Located {
    pub file: PathBuf,
    pub place: Place,
    pub severity: Severity,
    pub message: Msg,
    /// `file:line:col` (or `file:Sheet!B12`) of the first of two clashing items.
    pub first: Option<String>,
}

impl Located {
    /// `file:line:col: message` (`file:Sheet!B12: message` for a workbook's cell) in
    /// `language`, always one line: characters that could break it or reach the terminal
    /// as commands are written as escapes.
    pub fn line(&self, language: Language) -> String {
        let place = one_line(&self.place.to_string());
        let file = self.file.display();
        let message = one_line(&self.message.text(language, self.first.as_deref().unwrap_or("")));
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

/// The YAML of a content file and the line its first line has in the file:
/// the whole file for data, the front matter (after its `---` line) for articles.
pub fn yaml_part(text: &str, file: &Path) -> (String, usize) {
    if file.extension().is_some_and(|e| e == "md") {
        match crate::load::split_front_matter(text) {
            Some((yaml, _)) => (yaml.to_string(), 1),
            None => (String::new(), 0),
        }
    } else {
        (text.to_string(), 0)
    }
}

/// Resolves every problem's position (reading the files that need it, once each),
/// shows paths joined to `shown_root` (the content folder as the user typed it),
/// and sorts by file, line and column.
pub fn locate_all(problems: Vec<Problem>, content_dir: &Path, shown_root: &Path) -> Vec<Located> {
    let read = |file: &Path| crate::load::decode(std::fs::read(content_dir.join(file)).ok()?).ok();
    locate_with(problems, shown_root, read)
}

/// [`locate_all`] over texts that `read` gives by path relative to the content folder
/// (`None` for a file that cannot be read), so that content held in memory is placed too.
pub fn locate_with(
    problems: Vec<Problem>,
    shown_root: &Path,
    read: impl Fn(&Path) -> Option<String>,
) -> Vec<Located> {
    let mut locators: BTreeMap<PathBuf, Locator> = BTreeMap::new();
    let needing = problems
        .iter()
        .flat_map(|p| std::iter::once((&p.file, &p.at)).chain(p.first.as_ref().map(|(f, a)| (f, a))))
        .filter(|(_, at)| matches!(at, At::Value(_) | At::Key(_)));
    for (file, _) in needing {
        locators.entry(file.clone()).or_insert_with(|| locator_of(read(file), file));
    }
    let place = |file: &Path, at: &At| match at {
        At::Pos(pos) => Place::Pos(*pos),
        At::Value(path) => {
            Place::Pos(locators.get(file).and_then(|l| l.value(path)).unwrap_or(Position::START))
        }
        At::Key(path) => Place::Pos(locators.get(file).and_then(|l| l.key(path)).unwrap_or(Position::START)),
        At::Cell(cell) => Place::Cell(cell.clone()),
    };
    let mut out: Vec<Located> = problems
        .into_iter()
        .map(|p| Located {
            place: place(&p.file, &p.at),
            first: p
                .first
                .as_ref()
                .map(|(file, at)| format!("{}:{}", shown_root.join(file).display(), place(file, at))),
            file: shown_root.join(&p.file),
            severity: p.severity,
            message: p.message,
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The positions of a content file's YAML, read once.
fn locator_of(text: Option<String>, file: &Path) -> Locator {
    text.map(|text| {
        let (yaml, offset) = yaml_part(&text, file);
        Locator::new(&yaml, offset)
    })
    .unwrap_or_default()
}

/// How many errors and warnings there are, in the words of one language: "2 errors, 1 warning".
pub fn summary(problems: &[Located], words: &dyn Words) -> String {
    let of = |s| problems.iter().filter(|p| p.severity == s).count();
    words.problem_count(of(Severity::Error), of(Severity::Warning))
}

pub fn has_errors(problems: &[Located]) -> bool {
    problems.iter().any(|p| p.severity == Severity::Error)
}
