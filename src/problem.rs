//! Problems found in content: where they are and what is expected.

use crate::locate::{Locator, Position};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// Where in its file a problem shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum At {
    /// A position the YAML parser gave.
    Pos(Position),
    /// The value at a YAML path (`reports[2].composition.women`), located on output.
    Value(String),
    /// The key that ends a YAML path (an unknown field).
    Key(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// The file, relative to the content folder.
    pub file: PathBuf,
    pub at: At,
    pub message: String,
}

impl Problem {
    pub fn error(file: impl Into<PathBuf>, at: At, message: impl Into<String>) -> Problem {
        Problem { severity: Severity::Error, file: file.into(), at, message: message.into() }
    }

    pub fn warning(file: impl Into<PathBuf>, at: At, message: impl Into<String>) -> Problem {
        Problem { severity: Severity::Warning, file: file.into(), at, message: message.into() }
    }

    /// A problem with a whole file (unreadable, not UTF-8, missing).
    pub fn file_error(file: impl Into<PathBuf>, message: impl Into<String>) -> Problem {
        Problem::error(file, At::Pos(Position::START), message)
    }
}

/// A problem with its position resolved, ready to print.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Located {
    pub file: PathBuf,
    pub pos: Position,
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let Position { line, col } = self.pos;
        let file = self.file.display();
        match self.severity {
            Severity::Error => write!(f, "{file}:{line}:{col}: {}", self.message),
            Severity::Warning => write!(f, "{file}:{line}:{col}: warning: {}", self.message),
        }
    }
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
    let read = |file: &Path| {
        let bytes = std::fs::read(content_dir.join(file)).ok()?;
        Some(String::from_utf8_lossy(&bytes).into_owned())
    };
    locate_with(problems, shown_root, read)
}

/// [`locate_all`] over texts that `read` gives by path relative to the content folder
/// (`None` for a file that cannot be read), so that content held in memory is placed too.
pub fn locate_with(
    problems: Vec<Problem>,
    shown_root: &Path,
    read: impl Fn(&Path) -> Option<String>,
) -> Vec<Located> {
    let mut by_file: BTreeMap<PathBuf, Vec<Problem>> = BTreeMap::new();
    for p in problems {
        by_file.entry(p.file.clone()).or_default().push(p);
    }
    let mut out = Vec::new();
    for (file, problems) in by_file {
        let needs_text = problems.iter().any(|p| !matches!(p.at, At::Pos(_)));
        let locator = needs_text
            .then(|| read(&file))
            .flatten()
            .map(|text| {
                let (yaml, offset) = yaml_part(&text, &file);
                Locator::new(&yaml, offset)
            })
            .unwrap_or_default();
        for p in problems {
            let pos = match &p.at {
                At::Pos(pos) => Some(*pos),
                At::Value(path) => locator.value(path),
                At::Key(path) => locator.key(path),
            };
            out.push(Located {
                file: shown_root.join(&file),
                pos: pos.unwrap_or(Position::START),
                severity: p.severity,
                message: p.message,
            });
        }
    }
    out.sort();
    out.dedup();
    out
}

/// "1 error", "2 warnings".
pub fn count(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// "2 errors, 1 warning".
pub fn summary(problems: &[Located]) -> String {
    let of = |s| problems.iter().filter(|p| p.severity == s).count();
    format!("{}, {}", count(of(Severity::Error), "error"), count(of(Severity::Warning), "warning"))
}

pub fn has_errors(problems: &[Located]) -> bool {
    problems.iter().any(|p| p.severity == Severity::Error)
}
