//! The whole run: load → validate → resolve → compute → charts → render → write.

use crate::catalog::{self, ContentCounts, Words};
use crate::charts::by_page;
use crate::compute::indicators::{self, Focus, Indicators};
use crate::load::{Loaded, load_timed};
use crate::locale::Locale;
use crate::model::{Content, Language};
use crate::problem::{self, Located, Problem};
use crate::render::theme::{TemplateError, Templates};
use crate::render::{self, PageId, RenderError};
use crate::resolve::{Bulletin, Resolved};
use crate::timings::Timings;
use crate::validate::{self, FigureChecks, validate_again};
use crate::write::{Output, OutputFile, Staging};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Where a run reads and writes.
#[derive(Clone, Debug)]
pub struct Paths {
    pub content: PathBuf,
    pub templates: Option<PathBuf>,
    pub output: PathBuf,
}

/// What compute makes of valid content.
pub struct Calculated {
    pub indicators: Indicators,
    /// The front page's period and units.
    pub focus: Focus,
    /// The warnings about the figures (§6), not yet located.
    pub warnings: Vec<Problem>,
}

impl Calculated {
    pub fn new(bulletin: &Bulletin) -> Calculated {
        let indicators = indicators::compute(bulletin);
        let focus = indicators::focus(bulletin, &indicators);
        let warnings = indicators::consistency_warnings(bulletin, &indicators);
        Calculated { indicators, focus, warnings }
    }

    /// The figures of `bulletin`, whose content is `was`'s but for the reports
    /// `changed` (see [`Content::changed_reports`]), made from `earlier`'s (`was`'s
    /// figures): only what those reports move is made again. `None` when they cannot be.
    pub fn again(bulletin: &Bulletin, earlier: &Calculated, changed: &[usize]) -> Option<Calculated> {
        let (indicators, warnings) =
            crate::compute::again::figures(bulletin, &earlier.indicators, &earlier.warnings, changed)?;
        let focus = indicators::focus(bulletin, &indicators);
        Some(Calculated { indicators, focus, warnings })
    }

    /// What rendering reads: these figures, the bulletin they were computed from, and
    /// the templates.
    pub fn inputs<'a>(&'a self, bulletin: &'a Bulletin<'a>, templates: &'a Templates) -> render::Inputs<'a> {
        render::Inputs { bulletin, ind: &self.indicators, focus: &self.focus, templates }
    }
}

/// A content folder read, validated, resolved and, when valid, computed.
pub struct Checked {
    /// The content and its [`Bulletin`], resolved once for every stage of the run.
    pub resolved: Resolved,
    /// Every problem, located and sorted.
    pub problems: Vec<Located>,
    /// The figures, the front page's focus and the warnings about the figures (the
    /// warnings among `problems` too). `None` when the content has errors; shared, so
    /// that a live preview can keep it when a change moves no figure.
    pub computed: Option<Arc<Calculated>>,
    /// What validation found of the site settings, units and reports, kept by a live
    /// preview for the next check.
    pub figure_checks: Arc<FigureChecks>,
    /// False when site.yaml is missing or broken (its `language` is then unknown).
    pub site_read: bool,
}

impl Checked {
    pub fn content(&self) -> &Content {
        self.resolved.content()
    }

    pub fn bulletin(&self) -> &Bulletin<'_> {
        self.resolved.bulletin()
    }

    pub fn failed(&self) -> bool {
        problem::has_errors(&self.problems)
    }

    /// The language site.yaml chose, when it could be read.
    pub fn language(&self) -> Option<Language> {
        self.site_read.then_some(self.content().site.language)
    }

    /// "9 units, 7 reports, 5 articles (0 drafts), 5 periods".
    pub fn summary(&self, words: &dyn Words) -> String {
        let c = self.content();
        words.content_summary(&ContentCounts {
            units: c.units.len(),
            reports: c.reports.len(),
            articles: c.articles.len(),
            drafts: c.articles.iter().filter(|a| a.draft).count(),
            periods: self.bulletin().periods.len(),
        })
    }

    /// The latest figure of each top-level unit in each period, as a text table in
    /// `language` (the terminal's, which `--lang` may set apart from the site's).
    pub fn figures_table(&self, language: Language) -> String {
        let Some(computed) = &self.computed else {
            return String::new();
        };
        let ind = &computed.indicators;
        let locale = Locale::new(language);
        let decimals = usize::from(self.content().site.percent_decimals);
        let roots = &self.bulletin().tree.roots;
        let l = catalog::labels(language);
        let header = [l.unit, l.period, l.as_of, l.admitted, l.target, l.achievement];
        let mut rows = vec![header.map(String::from)];
        let summed = format!(" {}", l.summed_mark);
        for unit in roots {
            for f in ind.of_unit(unit).filter(|f| f.latest) {
                let first = f.targets.first();
                rows.push([
                    f.unit.clone(),
                    f.period.label.clone(),
                    locale.date(f.as_of),
                    locale.integer(f.admitted) + if f.derived { &summed } else { "" },
                    first
                        .map(|t| locale.people_range(t.people().0, t.people().1))
                        .unwrap_or_else(|| "-".into()),
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

/// [`check_loaded`], timing each stage. Problems are placed from the indexes kept
/// when the files were loaded, and shown under `content_dir`.
pub fn check_loaded_timed(loaded: Loaded, content_dir: &Path, timings: &mut Timings) -> Checked {
    check_again(loaded, content_dir, timings, None)
}

/// An earlier check of the same folder: its content, what validation found of its
/// figures, and the figures with their warnings.
#[derive(Clone, Copy)]
pub struct Earlier<'a> {
    pub content: &'a Content,
    pub figure_checks: &'a Arc<FigureChecks>,
    pub computed: &'a Arc<Calculated>,
}

/// [`check_loaded_timed`], keeping what the `earlier` check found and made of the site
/// settings, units and reports when they are as they were, in files of the same names
/// (the figures and their warnings are made of nothing else, and their checks of
/// nothing else but what reports cite of the articles: [`validate_again`]), and making
/// again only what those reports move when only some reports' counts changed
/// ([`Content::changed_reports`]).
pub fn check_again(
    mut loaded: Loaded,
    content_dir: &Path,
    timings: &mut Timings,
    earlier: Option<Earlier>,
) -> Checked {
    let c = &loaded.content;
    let items = c.units.len() + c.reports.len() + c.articles.len();
    let mut problems = std::mem::take(&mut loaded.problems);
    // Static files are checked against the pages, which the resolved bulletin lists.
    let (figure_checks, changed) = timings.stage("validate", "items", || {
        // The reports counted otherwise than in the earlier check, when nothing else moved.
        let changed = earlier.and_then(|e| loaded.content.changed_reports(e.content));
        let (found, checks) = validate_again(
            &loaded,
            earlier.map(|e| validate::Earlier {
                content: e.content,
                checks: e.figure_checks,
                changed: changed.as_deref(),
            }),
        );
        problems.extend(found);
        ((checks, changed), items)
    });
    let resolved = timings.stage("resolve", "pages", || {
        let resolved = Resolved::new(Arc::new(std::mem::take(&mut loaded.content)));
        problems.extend(crate::resolve::routes::static_conflicts(resolved.bulletin()));
        let pages = resolved.bulletin().pages.len();
        (resolved, pages)
    });
    let computed = (!problems.iter().any(|p| p.severity == problem::Severity::Error)).then(|| {
        timings.stage("compute", "figures", || {
            let bulletin = resolved.bulletin();
            let computed = match (earlier, changed) {
                (Some(e), Some(changed)) if changed.is_empty() => e.computed.clone(),
                (Some(e), Some(changed)) => Calculated::again(bulletin, e.computed, &changed)
                    .map_or_else(|| Arc::new(Calculated::new(bulletin)), Arc::new),
                _ => Arc::new(Calculated::new(bulletin)),
            };
            problems.extend(computed.warnings.iter().cloned());
            let count = computed.indicators.reports.len();
            (computed, count)
        })
    });
    let problems = problem::locate(problems, &loaded.indexes, content_dir);
    Checked { resolved, problems, computed, figure_checks, site_read: loaded.site_read }
}

/// The data files' paths: the indicators as JSON, CSV and a workbook.
pub const DATA_FILES: [&str; 3] =
    [crate::resolve::routes::JSON, crate::resolve::routes::CSV, crate::resolve::routes::XLSX];

/// Writes one of the [`DATA_FILES`] to `out`; nothing for another path.
pub fn data_file(
    path: &str,
    bulletin: &Bulletin,
    ind: &Indicators,
    focus: &Focus,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use crate::resolve::routes::{CSV, JSON, XLSX};
    match path {
        JSON => crate::render::datafiles::json(bulletin.content, ind, focus, out),
        CSV => crate::render::datafiles::csv(bulletin, ind, out),
        XLSX => out.write_all(&crate::sheets::out::indicators(bulletin, ind)?),
        _ => Ok(()),
    }
}

/// Writes one file of the site: its path relative to the output, and its bytes.
type WriteFile<'a> = dyn Fn(&str, &[u8]) -> std::io::Result<()> + Sync + 'a;

/// Why the charts or pages could not all be made and written.
enum Unmade {
    Charts(std::io::Error),
    Pages(RenderError),
}

impl From<std::io::Error> for Unmade {
    fn from(e: std::io::Error) -> Unmade {
        Unmade::Charts(e)
    }
}

/// Draws the charts and renders the pages but the sitemap, writing each file as it is
/// made: each unit's page as soon as its charts are drawn (so that only the charts
/// [`by_page::Drawn`] keeps stay in memory), then the other pages. The charts kept,
/// and how many files of pages were made.
fn draw_and_render(
    inputs: render::Inputs,
    pages: &render::Pages,
    timings: &mut Timings,
    write: &WriteFile,
    emit: &(dyn Fn(&PageId, OutputFile) -> std::io::Result<()> + Sync),
) -> Result<(by_page::Drawn, usize), Unmade> {
    let show = |unit: &str, charts: &by_page::ChartsByPage| {
        let page = PageId::Unit(unit.to_string());
        pages.each(&[&page], charts, render::Emit::File(emit)).map(drop).map_err(Unmade::Pages)
    };
    let drawn = timings.stage("charts", "charts", || {
        let drawn = by_page::draw_to(inputs.computed(), write, &show);
        let count = drawn.as_ref().map_or(0, |d| d.charts);
        (drawn, count)
    })?;
    let others: Vec<&PageId> = inputs
        .bulletin
        .pages
        .iter()
        .filter(|id| !matches!(id, PageId::Unit(_) | PageId::Sitemap(_)))
        .collect();
    let rendered = timings.stage("render", "pages", || {
        let rendered = pages.each(&others, &drawn.kept, render::Emit::File(emit));
        (rendered, others.len())
    });
    rendered.map_err(Unmade::Pages)?;
    Ok((drawn, inputs.bulletin.pages.len()))
}

/// Makes and writes the data files and the search index, each timed as a stage beside
/// the others: how many files each wrote.
fn figure_files(
    bulletin: &Bulletin,
    ind: &Indicators,
    focus: &Focus,
    staging: &Staging,
) -> (crate::timings::Beside, crate::timings::Beside) {
    use rayon::prelude::*;
    let data = Timings::beside("data", "files", || {
        let written = DATA_FILES.par_iter().try_for_each(|path| {
            let mut file = staging.create(path)?;
            data_file(path, bulletin, ind, focus, &mut file)?;
            file.flush()
        });
        written.map(|()| DATA_FILES.len())
    });
    let search = Timings::beside("search", "files", || {
        let files = crate::render::search::files(bulletin, ind);
        files.iter().try_for_each(|f| staging.write(&f.path, &f.bytes)).map(|()| files.len())
    });
    (data, search)
}

/// What a build wrote.
#[derive(Clone, Copy, Debug)]
pub struct Written {
    /// HTML pages.
    pub pages: usize,
    /// Charts (a chart shown on two pages is one chart), each written as
    /// [`by_page::DRAWINGS`] SVG files and [`by_page::DOWNLOADS`] files of its table.
    pub charts: usize,
    /// Every file, pages, charts, data files and static files included.
    pub files: usize,
}

/// Validates, computes, draws and renders into a new folder beside the output, then
/// swaps it in; a run with content or template errors leaves the output as it was
/// (and `Written` is `None`). Charts and pages are written as they are made, then
/// `bulletin.pdf` is typeset, unless `skip_pdf` or the site's `pdf: false` says not
/// to. `output` is `paths.output`, claimed for this build.
pub fn build(
    paths: &Paths,
    output: &Output,
    skip_pdf: bool,
    timings: &mut Timings,
) -> Result<(Checked, Option<Written>), BuildError> {
    let mut loaded = load_timed(&paths.content, timings);
    // Pages link to the PDF only when there is one (validation reads no such setting).
    loaded.content.site.pdf &= !skip_pdf;
    let checked = check_loaded_timed(loaded, &paths.content, timings);
    let Some(computed) = checked.computed.clone() else { return Ok((checked, None)) };
    let (ind, focus) = (&computed.indicators, &computed.focus);
    let bulletin = checked.bulletin();
    let content = bulletin.content;
    let templates = crate::render::theme::templates(paths.templates.as_deref())?;
    let inputs = computed.inputs(bulletin, &templates);
    let tera = render::compile(content, &templates)?;
    let write_error = |e| BuildError::Write(paths.output.clone(), e);
    let staging = output.stage().map_err(write_error)?;
    let write = |path: &str, bytes: &[u8]| staging.write(path, bytes);

    let html = AtomicUsize::new(0);
    let emit = |_: &PageId, file: OutputFile| {
        if file.path.ends_with(".html") {
            html.fetch_add(1, Ordering::Relaxed);
        }
        staging.write(&file.path, &file.bytes)
    };
    // The data files and the search index need only the figures, and the sitemap only
    // the lists: they are made beside the charts and pages, on whichever core those leave
    // free (the sitemap's sixty thousand addresses then do not add to the memory the
    // pages hold at the end).
    let pages = render::Pages::new(inputs, &tera);
    let (made, ((data_files, search_files), sitemap)) = rayon::join(
        || draw_and_render(inputs, &pages, timings, &write, &emit),
        || {
            let files = figure_files(bulletin, ind, focus, &staging);
            let no_charts = by_page::ChartsByPage::new();
            let sitemaps: Vec<&PageId> =
                bulletin.pages.iter().filter(|id| matches!(id, PageId::Sitemap(_))).collect();
            (files, pages.each(&sitemaps, &no_charts, render::Emit::File(&emit)))
        },
    );
    let unmade = |e| match e {
        Unmade::Charts(e) | Unmade::Pages(RenderError::Write { source: e, .. }) => write_error(e),
        Unmade::Pages(RenderError::Template(e)) => BuildError::Templates(e),
    };
    let (drawn, rendered) = made.map_err(unmade)?;
    sitemap.map_err(|e| unmade(Unmade::Pages(e)))?;
    let data_files = timings.add(data_files).map_err(write_error)?;
    let search_files = timings.add(search_files).map_err(write_error)?;
    if content.site.pdf {
        let pdf = timings.stage("pdf", "pages", || {
            let reader = inputs.computed().reader(false);
            let pdf =
                crate::render::bulletin::pdf::pdf(&crate::render::bulletin::bulletin(&reader, &drawn.kept));
            (pdf, 1)
        });
        let pdf = pdf.map_err(BuildError::Pdf)?;
        write(crate::resolve::routes::BULLETIN_PDF, &pdf).map_err(write_error)?;
    }
    let chart_files = drawn.charts;
    let files = rendered
        + data_files
        + search_files
        + usize::from(content.site.pdf)
        + chart_files * (by_page::DRAWINGS + by_page::DOWNLOADS)
        + content.statics.len();
    timings
        .stage("write", "files", || {
            let statics = staging.copy_statics(&paths.content.join("static"), &content.statics);
            (statics.and_then(|()| staging.commit()), content.statics.len())
        })
        .map_err(write_error)?;
    let written = Written { pages: html.into_inner(), charts: chart_files, files };
    Ok((checked, Some(written)))
}

/// Why a build stopped after its content was found valid.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// A template could not be read, compiled or rendered: `file:line:col: template
    /// error: message`, a line each.
    #[error(transparent)]
    Templates(#[from] TemplateError),
    /// typst could not make `bulletin.pdf`: its messages.
    #[error("{0}")]
    Pdf(String),
    #[error("{}", catalog::words(Language::En).cannot_write(.0, .1))]
    Write(PathBuf, #[source] std::io::Error),
}

impl BuildError {
    /// What went wrong, in the words of one language; a template error as the template
    /// engine located it.
    pub fn message(&self, words: &dyn Words) -> String {
        match self {
            BuildError::Write(path, e) => words.cannot_write(path, e),
            _ => self.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::problems::Msg;
    use crate::load::{Source, parse};

    const SITE: &str = "title: T\nbase_url: https://e.org/\n";
    const DATA: &str =
        "units:\n  - { id: a, name: Xã A }\nreports:\n  - { unit: a, period: 2024, admitted: 10 }\n";
    const NEWS: &str = "---\ntitle: Tin\ndate: 2024-03-01\nunits: [a]\n---\nMột.\n";

    fn checked(data: &str, news: &str, earlier: Option<&Checked>) -> Checked {
        checked_in("data/d.yaml", data, news, earlier)
    }

    /// [`checked`], the data written in the file `data_file`.
    fn checked_in(data_file: &str, data: &str, news: &str, earlier: Option<&Checked>) -> Checked {
        let sources = vec![Source::new(data_file, data), Source::new("news/tin.md", news)];
        let loaded = parse(Some(Source::new("site.yaml", SITE)), sources);
        let earlier = earlier.map(|c| Earlier {
            content: c.content(),
            figure_checks: &c.figure_checks,
            computed: c.computed.as_ref().expect("computed"),
        });
        check_again(loaded, "".as_ref(), &mut Timings::default(), earlier)
    }

    #[test]
    fn figures_are_kept_when_only_articles_change_and_made_again_when_a_report_does() {
        let first = checked(DATA, NEWS, None);
        let same = |c: &Checked| Arc::ptr_eq(c.computed.as_ref().unwrap(), first.computed.as_ref().unwrap());
        let retitled = checked(DATA, &NEWS.replace("title: Tin", "title: Tin mới"), Some(&first));
        assert!(same(&retitled));
        let refigured = checked(&DATA.replace("admitted: 10", "admitted: 12"), NEWS, Some(&first));
        assert!(!same(&refigured));
        assert_eq!(refigured.computed.as_ref().unwrap().indicators.reports[0].admitted, 12);
    }

    #[test]
    fn warnings_about_the_figures_are_kept_with_them_and_are_those_of_a_full_check() {
        // Xã A and Xã B admitted 13 between them, more than their Huyện's own 10.
        let over = "units:\n  - { id: h, name: Huyện }\n  - { id: a, name: Xã A, parent: h }\n  \
                    - { id: b, name: Xã B, parent: h }\nreports:\n  - { unit: h, period: 2024, admitted: 10 }\n  \
                    - { unit: a, period: 2024, admitted: 8 }\n  - { unit: b, period: 2024, admitted: 5 }\n";
        let exceed = |c: &Checked| {
            c.problems
                .iter()
                .filter(|p| matches!(p.message, Msg::ChildrenExceed { .. }))
                .map(|p| p.location.file.clone())
                .collect::<Vec<_>>()
        };
        let first = checked(over, NEWS, None);
        assert_eq!(exceed(&first), [PathBuf::from("data/d.yaml")]);
        let news = NEWS.replace("title: Tin", "title: Tin mới");
        let retitled = checked(over, &news, Some(&first));
        assert!(Arc::ptr_eq(retitled.computed.as_ref().unwrap(), first.computed.as_ref().unwrap()));
        assert_eq!(retitled.problems, checked(over, &news, None).problems);
        assert_eq!(exceed(&retitled), [PathBuf::from("data/d.yaml")]);
        // The same data in a file of another name: the warning names that file.
        let moved = checked_in("data/e.yaml", over, NEWS, Some(&first));
        assert_eq!(moved.problems, checked_in("data/e.yaml", over, NEWS, None).problems);
        assert_eq!(exceed(&moved), [PathBuf::from("data/e.yaml")]);
    }
}
