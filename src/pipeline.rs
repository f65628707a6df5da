//! The whole run: load → validate → compute → charts → render → write.

use crate::load::{Loaded, load};
use crate::problem::{self, Located};
use crate::validate::validate;
use crate::write::{OutputFile, replace_output};
use std::path::{Path, PathBuf};

/// Where a run reads and writes.
#[derive(Clone, Debug)]
pub struct Paths {
    pub content: PathBuf,
    pub templates: Option<PathBuf>,
    pub output: PathBuf,
}

/// What a run found: every problem, located and sorted, and a summary line.
pub struct Report {
    pub problems: Vec<Located>,
    pub summary: String,
}

impl Report {
    pub fn failed(&self) -> bool {
        problem::has_errors(&self.problems)
    }
}

/// Reads and validates a content folder.
pub fn check(content_dir: &Path) -> (Loaded, Report) {
    let mut loaded = load(content_dir);
    let mut problems = std::mem::take(&mut loaded.problems);
    problems.extend(validate(&loaded.content, loaded.site_read));
    let located = problem::locate_all(problems, content_dir, content_dir);
    let summary = content_summary(&loaded);
    (
        loaded,
        Report {
            problems: located,
            summary,
        },
    )
}

fn content_summary(loaded: &Loaded) -> String {
    let c = &loaded.content;
    let mut periods: Vec<&str> = c.reports.iter().map(|r| r.period.label.as_str()).collect();
    periods.sort_unstable();
    periods.dedup();
    let published = c.articles.iter().filter(|a| !a.draft).count();
    format!(
        "{} units, {} reports, {} articles ({} drafts), {} periods",
        c.units.len(),
        c.reports.len(),
        c.articles.len(),
        c.articles.len() - published,
        periods.len()
    )
}

/// Validates, then writes the site; the output folder is replaced only on success.
pub fn build(paths: &Paths) -> Result<Report, BuildError> {
    let (loaded, report) = check(&paths.content);
    if report.failed() {
        return Ok(report);
    }
    let files: Vec<OutputFile> = Vec::new();
    let _ = &loaded;
    replace_output(
        &paths.output,
        &files,
        &paths.content.join("static"),
        &loaded.content.statics,
    )
    .map_err(|e| BuildError::Write(paths.output.clone(), e))?;
    Ok(report)
}

#[derive(Debug)]
pub enum BuildError {
    Write(PathBuf, std::io::Error),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            BuildError::Write(path, e) => write!(f, "cannot write {}: {e}", path.display()),
        }
    }
}
