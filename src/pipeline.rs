//! The whole run: load → validate → compute → charts → render → write.

use crate::draw;
use crate::indicators::{self, Focus, Indicators};
use crate::load::{Loaded, load_timed};
use crate::locale::Locale;
use crate::model::Content;
use crate::problem::{self, Located, Problem};
use crate::render::{self, PageId, RenderError};
use crate::timings::Timings;
use crate::validate::validate;
use crate::write::{OutputFile, Staging};
use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Where a run reads and writes.
#[derive(Clone, Debug)]
pub struct Paths {
    pub content: PathBuf,
    pub templates: Option<PathBuf>,
    pub output: PathBuf,
}

/// A content folder read, validated and, when valid, computed.
pub struct Checked {
    pub content: Content,
    /// Every problem, located and sorted.
    pub problems: Vec<Located>,
    /// `None` when the content has errors.
    pub computed: Option<(Indicators, Focus)>,
}

impl Checked {
    pub fn failed(&self) -> bool {
        problem::has_errors(&self.problems)
    }

    /// "9 units, 7 reports, 5 articles (0 drafts), 5 periods".
    pub fn summary(&self) -> String {
        let c = &self.content;
        let mut periods: Vec<&str> = c.reports.iter().map(|r| r.period.label.as_str()).collect();
        periods.sort_unstable();
        periods.dedup();
        let drafts = c.articles.iter().filter(|a| a.draft).count();
        format!(
            "{}, {}, {} ({}), {}",
            problem::count(c.units.len(), "unit"),
            problem::count(c.reports.len(), "report"),
            problem::count(c.articles.len(), "article"),
            problem::count(drafts, "draft"),
            problem::count(periods.len(), "period"),
        )
    }

    /// The latest figure of each top-level unit in each period, as a text table.
    pub fn figures_table(&self) -> String {
        let Some((ind, _)) = &self.computed else {
            return String::new();
        };
        let locale = Locale::new(self.content.site.language);
        let decimals = self.content.site.percent_decimals as usize;
        let roots = indicators::Tree::new(&self.content).roots;
        let l = crate::labels::labels(self.content.site.language);
        let header = ["unit", "period", "as_of", "admitted", "target", "achievement"];
        let mut rows = vec![header.map(|key| l[key].to_string())];
        for unit in roots {
            for f in ind.of_unit(unit).filter(|f| f.latest) {
                let first = f.targets.first();
                rows.push([
                    f.unit.clone(),
                    f.period.label.clone(),
                    locale.date(f.as_of),
                    locale.integer(f.admitted as i64) + if f.derived { " (sum)" } else { "" },
                    first.map(|t| locale.integer(t.value as i64)).unwrap_or_else(|| "-".into()),
                    first.map(|t| locale.percent(t.achievement_pct, decimals)).unwrap_or_else(|| "-".into()),
                ]);
            }
        }
        let widths: Vec<usize> =
            (0..6).map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0)).collect();
        let mut out = String::new();
        for row in &rows {
            for (c, cell) in row.iter().enumerate() {
                let pad = widths[c] - cell.chars().count();
                if c < 3 {
                    let _ = write!(out, "{cell}{}  ", " ".repeat(pad));
                } else {
                    let _ = write!(out, "{}{cell}  ", " ".repeat(pad));
                }
            }
            out.truncate(out.trim_end().len());
            out.push('\n');
        }
        out
    }
}

/// Reads, validates and computes a content folder.
pub fn check(content_dir: &Path) -> Checked {
    check_timed(content_dir, &mut Timings::default())
}

/// [`check`], timing each stage.
pub fn check_timed(content_dir: &Path, timings: &mut Timings) -> Checked {
    let loaded = load_timed(content_dir, timings);
    check_loaded_timed(loaded, content_dir, timings)
}

/// Validates and computes content already read from `content_dir`.
pub fn check_loaded(loaded: Loaded, content_dir: &Path) -> Checked {
    check_loaded_timed(loaded, content_dir, &mut Timings::default())
}

/// [`check_loaded`], timing each stage.
pub fn check_loaded_timed(loaded: Loaded, content_dir: &Path, timings: &mut Timings) -> Checked {
    check_located(loaded, timings, |problems| problem::locate_all(problems, content_dir, content_dir))
}

/// Validates and computes loaded content; `locate` places the problems in their files.
pub fn check_located(
    mut loaded: Loaded,
    timings: &mut Timings,
    locate: impl FnOnce(Vec<Problem>) -> Vec<Located>,
) -> Checked {
    let c = &loaded.content;
    let items = c.units.len() + c.reports.len() + c.articles.len();
    let mut problems = std::mem::take(&mut loaded.problems);
    timings.stage("validate", "items", || {
        problems.extend(validate(&loaded));
        ((), items)
    });
    let content = loaded.content;
    let computed = (!problems.iter().any(|p| p.severity == problem::Severity::Error)).then(|| {
        timings.stage("compute", "figures", || {
            let ind = indicators::compute(&content);
            problems.extend(indicators::consistency_warnings(&content, &ind));
            let focus = indicators::focus(&content, &ind);
            let count = ind.reports.len();
            ((ind, focus), count)
        })
    });
    let problems = locate(problems);
    Checked { content, problems, computed }
}

/// `data/indicators.json` and `data/indicators.csv`, for a site kept in memory.
pub fn data_files(content: &Content, ind: &Indicators, focus: &Focus) -> [OutputFile; 2] {
    let (json, csv) =
        rayon::join(|| crate::datafiles::json(content, ind, focus), || crate::datafiles::csv(content, ind));
    [OutputFile::new("data/indicators.json", json), OutputFile::new("data/indicators.csv", csv)]
}

/// What a build wrote.
#[derive(Clone, Copy, Debug)]
pub struct Written {
    pub pages: usize,
    pub charts: usize,
    /// Every file, pages, charts, data files and static files included.
    pub files: usize,
}

/// Validates, computes, draws and renders into a new folder beside the output, then
/// swaps it in; a run with content or template errors leaves the output as it was
/// (and `Written` is `None`). Charts and pages are written as they are made.
pub fn build(paths: &Paths, timings: &mut Timings) -> Result<(Checked, Option<Written>), BuildError> {
    let checked = check_timed(&paths.content, timings);
    let Some((ind, focus)) = &checked.computed else { return Ok((checked, None)) };
    let content = &checked.content;
    let templates = crate::theme::templates(paths.templates.as_deref()).map_err(BuildError::Templates)?;
    let write_error = |e| BuildError::Write(paths.output.clone(), e);
    let staging = Staging::new(&paths.output).map_err(write_error)?;
    let write = |path: &str, bytes: &[u8]| staging.write(path, bytes);

    let charts = timings.stage("charts", "charts", || {
        let charts = draw::draw_to(content, ind, focus, &write);
        let count = charts.as_ref().map_or(0, |c| c.values().map(Vec::len).sum());
        (charts, count)
    });
    let charts = charts.map_err(write_error)?;
    let html = AtomicUsize::new(0);
    let emit = |_: &PageId, file: OutputFile| {
        if file.path.ends_with(".html") {
            html.fetch_add(1, Ordering::Relaxed);
        }
        staging.write(&file.path, &file.bytes)
    };
    let rendered = timings.stage("render", "pages", || {
        let inputs = render::Inputs { content, ind, focus, templates: &templates };
        let rendered = render::render_each(inputs, &charts, None, &emit);
        let count = *rendered.as_ref().unwrap_or(&0);
        (rendered, count)
    });
    let rendered = rendered.map_err(|e| match e {
        RenderError::Template(message) => BuildError::Templates(message),
        RenderError::Write(_, e) => write_error(e),
    })?;
    timings
        .stage("data", "files", || {
            let (json, csv) = rayon::join(
                || crate::datafiles::json(content, ind, focus),
                || crate::datafiles::csv(content, ind),
            );
            let written = write("data/indicators.json", json.as_bytes())
                .and(write("data/indicators.csv", csv.as_bytes()));
            (written, 2)
        })
        .map_err(write_error)?;
    let chart_files: HashSet<String> = charts.values().flatten().map(draw::chart_path).collect();
    let files = rendered + 2 + chart_files.len() + content.statics.len();
    timings
        .stage("write", "files", || {
            let statics = staging.copy_statics(&paths.content.join("static"), &content.statics);
            (statics.and_then(|()| staging.commit()), content.statics.len())
        })
        .map_err(write_error)?;
    let written = Written { pages: html.into_inner(), charts: charts.values().map(Vec::len).sum(), files };
    Ok((checked, Some(written)))
}

#[derive(Debug)]
pub enum BuildError {
    /// A template could not be read, compiled or rendered: `file:line:col: message`.
    Templates(String),
    Write(PathBuf, std::io::Error),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            BuildError::Templates(message) => f.write_str(message),
            BuildError::Write(path, e) => write!(f, "cannot write {}: {e}", path.display()),
        }
    }
}
