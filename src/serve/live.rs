//! A site kept in memory between edits, for `bantin serve`.
//!
//! Each rebuild reads only the files that changed ([`ParseCache`]), validates and
//! computes the content, and asks [`deps`] what the change touches. Nothing else is
//! made then: a page, a page's charts, the data files, the search index and the PDF are
//! made when first asked for ([`Site::file`]) and kept until a change touches them.
//! Pages already made that a change touches are made again at once, so that a page
//! open in a browser reloads without waiting and a template error shows as soon as it
//! is saved. The files served are always those a full `bantin build` of the same
//! folder would write.

use crate::charts::Chart;
use crate::charts::by_page::{self, ChartsByPage, FRONT};
use crate::compute::reads::{Computed, Reads};
use crate::load::ParseCache;
use crate::model::{Content, Language};
use crate::pipeline::{self, Calculated, Checked, Paths};
use crate::problem::Located;
use crate::render::bulletin::pdf::LazyPdf;
use crate::render::theme::{self, TemplateError, Templates};
use crate::render::{self, Emit, Inputs, PageId, RenderError};
use crate::resolve::Resolved;
use crate::resolve::routes;
use crate::serve::deps::{self, Touched};
use crate::timings::Timings;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

/// A file's bytes, shared between the site and the server.
pub type Bytes = Arc<[u8]>;

/// Files by path.
type Files = HashMap<String, Bytes>;

/// What one rebuild did.
pub enum Outcome {
    /// The content and templates are good. `shown`: a file already served changed (or
    /// was removed), so open pages should reload; `pages` and `charts` were made again.
    Built { shown: bool, pages: usize, charts: usize, took: Duration },
    /// The content or templates have errors (see [`LiveSite::problems`] and
    /// [`LiveSite::error`]): the last good site stays.
    Failed,
}

/// Why a site's file could not be made.
#[derive(Debug, thiserror::Error)]
pub enum RebuildError {
    #[error(transparent)]
    Templates(#[from] TemplateError),
    #[error(transparent)]
    Render(#[from] RenderError),
    /// A chart's downloads or the data files could not be made.
    #[error(transparent)]
    Files(#[from] std::io::Error),
    /// A page of the route table that rendering did not make: its path.
    #[error("{0}: the page was not made")]
    PageMissing(String),
}

pub struct LiveSite {
    paths: Paths,
    cache: ParseCache,
    good: Option<Arc<Site>>,
    /// Warnings and errors of the latest rebuild, for the terminal and the overlay.
    problems: Vec<Located>,
    error: Option<RebuildError>,
    timings: Timings,
    /// The language of the last site.yaml that could be read.
    language: Option<Language>,
}

impl LiveSite {
    pub fn new(paths: Paths) -> LiveSite {
        LiveSite {
            paths,
            cache: ParseCache::default(),
            good: None,
            problems: Vec::new(),
            error: None,
            timings: Timings::default(),
            language: None,
        }
    }

    /// The content folder watched.
    pub fn content_dir(&self) -> &Path {
        &self.paths.content
    }

    /// How long each stage of the latest rebuild took.
    pub fn timings(&self) -> &Timings {
        &self.timings
    }

    /// The problems of the latest rebuild (warnings included).
    pub fn problems(&self) -> &[Located] {
        &self.problems
    }

    /// What stopped the latest rebuild of valid content (a template error, mostly).
    pub fn error(&self) -> Option<&RebuildError> {
        self.error.as_ref()
    }

    /// True when the latest rebuild failed.
    pub fn failed(&self) -> bool {
        self.error.is_some() || crate::problem::has_errors(&self.problems)
    }

    /// The content's language, once a site.yaml could be read.
    pub fn language(&self) -> Option<Language> {
        self.language
    }

    /// The last good site.
    pub fn site(&self) -> Option<Arc<Site>> {
        self.good.clone()
    }

    /// True once some rebuild succeeded.
    pub fn has_site(&self) -> bool {
        self.good.is_some()
    }

    /// Reads again the files an editor wrote, works out what changed and makes again
    /// the files already made that it touches. `changed` names those files (absolute or
    /// relative to the working folder); naming the content folder itself, or a file
    /// added or removed, has the whole folder looked at again.
    pub fn rebuild(&mut self, changed: &HashSet<PathBuf>) -> Outcome {
        let started = Instant::now();
        self.timings = Timings::default();
        let content_dir = &self.paths.content;
        let rel: HashSet<PathBuf> = changed.iter().filter_map(|p| relative_to(p, content_dir)).collect();
        let loaded = self.cache.load(content_dir, &rel, &mut self.timings);
        let earlier = self.good.as_deref().map(|g| pipeline::Earlier {
            content: g.made.resolved.content(),
            figure_checks: &g.made.figure_checks,
            computed: &g.made.computed,
        });
        let mut checked = pipeline::check_again(loaded, content_dir, &mut self.timings, earlier);
        self.problems = std::mem::take(&mut checked.problems);
        self.language = checked.language().or(self.language);
        self.error = None;
        let templates = match theme::templates(self.paths.templates.as_deref()) {
            Ok(t) => t,
            Err(e) => return self.fail(e.into()),
        };
        let Checked { resolved, computed, figure_checks, .. } = checked;
        let Some(computed) = computed else {
            return Outcome::Failed;
        };
        // The compiled templates hold the site's settings and icon: kept while none changed.
        let kept = self.good.as_ref().map(|g| &g.made).filter(|m| {
            let (old, new) = (m.resolved.content(), resolved.content());
            m.templates == templates && old.site == new.site && render::favicon(old) == render::favicon(new)
        });
        let tera = match kept {
            Some(m) => m.tera.clone(),
            None => match render::compile(resolved.content(), &templates) {
                Ok(tera) => Arc::new(tera),
                Err(e) => return self.fail(e.into()),
            },
        };
        let statics = self.read_statics(resolved.content(), &rel);
        let touched = self.timings.stage("deps", "pages", || {
            let new = computed.inputs(resolved.bulletin(), &templates);
            let touched = match &self.good {
                Some(old) => old.touched_by(&new),
                None => Touched { all: true, ..Touched::default() },
            };
            let count = touched.pages.len();
            (touched, count)
        });
        let made = Made { resolved, computed, figure_checks, templates, tera, statics };
        let site = Site::new(made, self.good.as_deref(), &touched);
        // Pages a browser may show, made again now: every page made before that the
        // change touches, and the front page of a first build.
        let again: BTreeSet<PageId> = match &self.good {
            Some(old) => {
                old.made_pages().into_iter().filter(|id| touched.all || touched.pages.contains(id)).collect()
            }
            None => [PageId::Front].into(),
        };
        let rendered = self.timings.stage("render", "pages", || {
            let rendered = site.render(&again);
            let count = rendered.as_ref().map_or(0, |r| r.0);
            (rendered, count)
        });
        let (pages, charts) = match rendered {
            Ok(counts) => counts,
            Err(e) => return self.fail(e),
        };
        let shown = match &self.good {
            Some(old) => old.shows_other_than(&site, &touched),
            None => true,
        };
        self.good = Some(Arc::new(site));
        Outcome::Built { shown, pages, charts, took: started.elapsed() }
    }

    fn fail(&mut self, error: RebuildError) -> Outcome {
        self.error = Some(error);
        Outcome::Failed
    }

    /// Static files, read again when named as changed or new.
    fn read_statics(&self, content: &Content, changed: &HashSet<PathBuf>) -> BTreeMap<String, Bytes> {
        let static_dir = self.paths.content.join("static");
        let old = self.good.as_ref().map(|g| &g.made.statics);
        content
            .statics
            .iter()
            .filter_map(|rel| {
                let path = crate::text::slashed(rel);
                let kept = old
                    .and_then(|o| o.get(&path))
                    .filter(|_| !changed.contains(&Path::new("static").join(rel)));
                let bytes = match kept {
                    Some(bytes) => bytes.clone(),
                    None => Bytes::from(std::fs::read(static_dir.join(rel)).ok()?),
                };
                Some((path, bytes))
            })
            .collect()
    }
}

/// What a site's files are made from.
struct Made {
    /// The content and its bulletin, kept for the next comparison.
    resolved: Resolved,
    /// The figures, the front page's focus and the warnings about the figures, kept
    /// from the site before when no figure could have changed.
    computed: Arc<Calculated>,
    /// What validation found of the site settings, units and reports, kept likewise.
    figure_checks: Arc<crate::validate::FigureChecks>,
    templates: Templates,
    tera: Arc<tera::Tera>,
    statics: BTreeMap<String, Bytes>,
}

/// A page or file rendered, and what it was made from (its path is its id's).
#[derive(Clone)]
struct Page {
    bytes: Bytes,
    reads: Arc<Reads>,
}

/// A page's charts as drawn: their values (without their drawings, but for the
/// charts the shared bulletin shows), their files, and what they were drawn from.
#[derive(Clone)]
struct Drawn {
    charts: Arc<Vec<Chart>>,
    files: Arc<Files>,
    reads: Arc<Reads>,
}

/// A site that validated and computed, and the files made of it so far.
pub struct Site {
    made: Made,
    /// The path of each page, made on first use.
    routes: OnceLock<HashMap<String, PageId>>,
    pages: Mutex<BTreeMap<PageId, Page>>,
    /// Each page's charts by its key: [`FRONT`] or a unit id.
    charts: Mutex<BTreeMap<String, Drawn>>,
    /// Each of [`pipeline::DATA_FILES`], made when first asked for.
    data_files: [OnceLock<Result<Bytes, String>>; 3],
    search_files: OnceLock<Files>,
    /// `bulletin.pdf` (typeset when first fetched) and what its bulletin was made from.
    pdf: OnceLock<(Arc<LazyPdf>, Reads)>,
}

/// Locks a cache; a panic while it was held leaves it usable.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Site {
    /// A new site, keeping of `old` what `touched` leaves as it was.
    fn new(made: Made, old: Option<&Site>, touched: &Touched) -> Site {
        let site = Site {
            made,
            routes: OnceLock::new(),
            pages: Mutex::default(),
            charts: Mutex::default(),
            data_files: Default::default(),
            search_files: OnceLock::new(),
            pdf: OnceLock::new(),
        };
        let Some(old) = old.filter(|_| !touched.all) else { return site };
        let pages =
            lock(&old.pages).iter().filter(|(id, _)| !touched.pages.contains(id)).map(clone).collect();
        *lock(&site.pages) = pages;
        let charts =
            lock(&old.charts).iter().filter(|(key, _)| !touched.charts.contains(*key)).map(clone).collect();
        *lock(&site.charts) = charts;
        for (kept, was) in site.data_files.iter().zip(&old.data_files).filter(|_| !touched.data_files) {
            if let Some(file) = was.get() {
                let _ = kept.set(file.clone());
            }
        }
        if let Some(files) = old.search_files.get().filter(|_| !touched.search) {
            let _ = site.search_files.set(files.clone());
        }
        if let Some(pdf) = old.pdf.get().filter(|(_, reads)| reads.is_disjoint(&touched.facts)) {
            let _ = site.pdf.set(pdf.clone());
        }
        site
    }

    fn inputs(&self) -> Inputs<'_> {
        let m = &self.made;
        m.computed.inputs(m.resolved.bulletin(), &m.templates)
    }

    fn computed(&self) -> Computed<'_> {
        self.inputs().computed()
    }

    /// The path part of the site's base URL (`/ban-tin/`).
    pub fn base_path(&self) -> String {
        render::base_path(&self.made.resolved.content().site.base_url)
    }

    /// What `new` touches of what this site has made.
    fn touched_by(&self, new: &Inputs) -> Touched {
        let pages = lock(&self.pages);
        let charts = lock(&self.charts);
        let page_reads = pages.iter().map(|(id, p)| (id, p.reads.as_ref()));
        deps::touched(&self.inputs(), new, page_reads, charts.iter().map(|(key, d)| (key, d.reads.as_ref())))
    }

    fn made_pages(&self) -> Vec<PageId> {
        lock(&self.pages).keys().cloned().collect()
    }

    /// Whether `next`, which `touched` made of this site, would show a reader anything
    /// else among the files this site has served: a page, a chart, a data or search
    /// file or the PDF made again or gone, or another static file.
    fn shows_other_than(&self, next: &Site, touched: &Touched) -> bool {
        let made_pages = lock(&self.pages).keys().any(|id| touched.all || touched.pages.contains(id));
        let made_charts = lock(&self.charts).keys().any(|key| touched.all || touched.charts.contains(key));
        let dropped = |was: bool, is: bool| was && !is;
        let same_statics = self.made.statics.len() == next.made.statics.len()
            && self
                .made
                .statics
                .iter()
                .all(|(p, b)| next.made.statics.get(p).is_some_and(|n| Arc::ptr_eq(n, b)));
        made_pages
            || made_charts
            || self
                .data_files
                .iter()
                .zip(&next.data_files)
                .any(|(a, b)| dropped(a.get().is_some(), b.get().is_some()))
            || dropped(self.search_files.get().is_some(), next.search_files.get().is_some())
            || dropped(self.pdf.get().is_some(), next.pdf.get().is_some())
            || !same_statics
    }

    /// Renders `ids` (those the site has) with their charts and keeps them; returns how
    /// many pages and charts were made.
    fn render(&self, ids: &BTreeSet<PageId>) -> Result<(usize, usize), RebuildError> {
        if ids.is_empty() {
            return Ok((0, 0));
        }
        let keys: BTreeSet<String> = ids.iter().flat_map(|id| self.chart_keys(id)).collect();
        let (charts, drawn) = self.charts_of(&keys)?;
        let made = Mutex::new(Vec::new());
        let keep = |id: &PageId, file: crate::write::OutputFile, reads: Reads| {
            let page = Page { bytes: Bytes::from(file.bytes), reads: Arc::new(reads) };
            lock(&made).push((id.clone(), page));
            Ok(())
        };
        let count =
            render::render_each(self.inputs(), &self.made.tera, &charts, Some(ids), Emit::Noted(&keep))?;
        lock(&self.pages).extend(made.into_inner().unwrap_or_else(|e| e.into_inner()));
        Ok((count, drawn))
    }

    /// The keys of the charts a page shows.
    fn chart_keys(&self, id: &PageId) -> Vec<String> {
        match id {
            PageId::Front => vec![FRONT.to_string()],
            PageId::Unit(unit) => vec![unit.clone()],
            PageId::Bulletin => std::iter::once(FRONT.to_string())
                .chain(self.made.computed.focus.units.iter().cloned())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The charts of `keys`, drawn now where not yet drawn, and how many were drawn.
    fn charts_of(&self, keys: &BTreeSet<String>) -> std::io::Result<(ChartsByPage, usize)> {
        let missing: BTreeSet<String> = {
            let charts = lock(&self.charts);
            keys.iter().filter(|k| !charts.contains_key(*k)).cloned().collect()
        };
        let mut count = 0;
        if !missing.is_empty() {
            let (mut drawn, reads) = by_page::draw(self.computed(), Some(&missing));
            count = by_page::files(&drawn);
            let downloads = by_page::Downloads::new(self.made.resolved.content());
            let mut made = Vec::with_capacity(reads.len());
            for (key, reads) in reads {
                let mut charts = drawn.remove(&key).unwrap_or_default();
                let mut files = Files::new();
                for chart in &charts {
                    files.extend(downloads.files(chart)?.into_iter().map(|(p, b)| (p, Bytes::from(b))));
                }
                // The shared bulletin shows the front page's and the focus units' drawings.
                if key != FRONT && !self.made.computed.focus.units.contains(&key) {
                    for chart in &mut charts {
                        (chart.svg, chart.narrow) = (String::new(), String::new());
                    }
                }
                made.push((
                    key,
                    Drawn { charts: Arc::new(charts), files: Arc::new(files), reads: Arc::new(reads) },
                ));
            }
            lock(&self.charts).extend(made);
        }
        let charts = lock(&self.charts);
        let by_page = keys.iter().filter_map(|k| Some((k.clone(), charts.get(k)?.charts.to_vec()))).collect();
        Ok((by_page, count))
    }

    /// The file at `path` as `bantin build` would write it, made now if not yet made;
    /// `None` when the site has no such file.
    pub fn file(&self, path: &str) -> Result<Option<Bytes>, RebuildError> {
        if path.starts_with(&format!("{}/", routes::CHARTS)) {
            return self.chart_file(path);
        }
        if path.starts_with(&format!("{}/", routes::SEARCH_INDEX)) {
            let files = self.search_files.get_or_init(|| {
                let files = crate::render::search::files(
                    self.made.resolved.bulletin(),
                    &self.made.computed.indicators,
                );
                files.into_iter().map(|f| (f.path, Bytes::from(f.bytes))).collect()
            });
            return Ok(files.get(path).cloned());
        }
        if let Some(i) = pipeline::DATA_FILES.iter().position(|p| *p == path) {
            let file = self.data_files[i].get_or_init(|| {
                let m = &self.made;
                let mut bytes = Vec::new();
                let (b, computed) = (m.resolved.bulletin(), &m.computed);
                pipeline::data_file(path, b, &computed.indicators, &computed.focus, &mut bytes)
                    .map(|()| Bytes::from(bytes))
                    .map_err(|e| format!("{path}: {e}"))
            });
            return file.clone().map(Some).map_err(|e| std::io::Error::other(e).into());
        }
        let routes = self.routes.get_or_init(|| {
            self.made.resolved.bulletin().pages.iter().map(|id| (id.path(), id.clone())).collect()
        });
        match routes.get(path) {
            Some(id) => self.page(id).map(Some),
            None => Ok(self.made.statics.get(path).cloned()),
        }
    }

    /// A page of the route table, rendered now if not yet made; one that rendering
    /// leaves out is an error, not an empty page.
    fn page(&self, id: &PageId) -> Result<Bytes, RebuildError> {
        if let Some(page) = lock(&self.pages).get(id) {
            return Ok(page.bytes.clone());
        }
        self.render(&[id.clone()].into())?;
        let pages = lock(&self.pages);
        pages.get(id).map(|p| p.bytes.clone()).ok_or_else(|| RebuildError::PageMissing(id.path()))
    }

    /// A chart's file: drawn with its page's charts, found by the unit its name
    /// carries, or the front page's.
    fn chart_file(&self, path: &str) -> Result<Option<Bytes>, RebuildError> {
        let unit = routes::chart_unit(path).filter(|u| self.made.resolved.bulletin().units.contains_key(u));
        for key in unit.into_iter().chain([FRONT]) {
            let key = BTreeSet::from([key.to_string()]);
            self.charts_of(&key)?;
            let charts = lock(&self.charts);
            if let Some(bytes) = key.first().and_then(|k| charts.get(k)?.files.get(path).cloned()) {
                return Ok(Some(bytes));
            }
        }
        Ok(None)
    }

    /// `bulletin.pdf`, typeset when first asked for; `None` when the site makes none.
    pub fn pdf(&self) -> Result<Option<Arc<LazyPdf>>, RebuildError> {
        if !self.made.resolved.content().site.pdf {
            return Ok(None);
        }
        if let Some((pdf, _)) = self.pdf.get() {
            return Ok(Some(pdf.clone()));
        }
        let keys = self.chart_keys(&PageId::Bulletin).into_iter().collect();
        let (charts, _) = self.charts_of(&keys)?;
        let reader = self.computed().reader(true);
        let bulletin = crate::render::bulletin::bulletin(&reader, &charts);
        let made = self.pdf.get_or_init(|| (Arc::new(LazyPdf::new(bulletin)), reader.into_reads()));
        Ok(Some(made.0.clone()))
    }
}

fn clone<K: Clone, V: Clone>((k, v): (&K, &V)) -> (K, V) {
    (k.clone(), v.clone())
}

/// A path relative to `dir`, whether given absolute or relative to the working folder.
fn relative_to(path: &Path, dir: &Path) -> Option<PathBuf> {
    let path = std::path::absolute(path).ok()?;
    let dir = std::path::absolute(dir).ok()?;
    path.strip_prefix(&dir).ok().map(Path::to_path_buf)
}
