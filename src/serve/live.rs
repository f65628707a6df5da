//! A built site kept in memory between edits, for `bantin serve`.
//!
//! Each rebuild reads only the files that changed ([`ParseCache`]), validates and
//! computes the whole content (cheap next to rendering), asks [`deps`] what the change
//! touches, and draws and renders only that. The files served are always those a full
//! `bantin build` of the same folder would write.

use crate::charts::by_page;
use crate::compute::indicators::{Focus, Indicators};
use crate::compute::reads::{Computed, Reads};
use crate::load::ParseCache;
use crate::model::{Content, Language};
use crate::pipeline::{self, Checked, Paths};
use crate::problem::Located;
use crate::render::bulletin::pdf::LazyPdf;
use crate::render::theme::{self, TemplateError, Templates};
use crate::render::{self, Inputs, PageId, RenderError, Rendered};
use crate::resolve::Resolved;
use crate::serve::deps::{self, Touched};
use crate::timings::Timings;
use crate::write::OutputFile;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A file's bytes, shared between the site and the server.
pub type Bytes = Arc<[u8]>;

/// The files of a site by path, as the server hands them out.
pub type Files = HashMap<String, Bytes>;

/// The last site that built, and what it was made from.
struct Good {
    /// The content and its bulletin, kept for the next comparison.
    resolved: Resolved,
    ind: Indicators,
    focus: Focus,
    templates: Templates,
    chart_files: BTreeMap<String, Vec<(String, Bytes)>>,
    /// What each page's charts were drawn from, by the page's key.
    chart_reads: BTreeMap<String, Reads>,
    /// Each page or file by what it shows.
    pages: BTreeMap<PageId, Made>,
    data_files: Vec<(String, Bytes)>,
    /// The search index, made again when a figure or a published article changes.
    search_files: Vec<(String, Bytes)>,
    statics: BTreeMap<String, Bytes>,
    /// `bulletin.pdf`, typeset on request; `None` when the site makes none.
    pdf: Option<Arc<LazyPdf>>,
}

/// What one rebuild did.
pub enum Outcome {
    /// The site changed: how many pages and charts were made again.
    Built { pages: usize, charts: usize, took: Duration },
    /// The content or templates have errors (see [`LiveSite::problems`] and
    /// [`LiveSite::error`]): the last good site stays.
    Failed,
}

/// Why a rebuild of valid content made no new site.
#[derive(Debug, thiserror::Error)]
pub enum RebuildError {
    #[error(transparent)]
    Templates(#[from] TemplateError),
    #[error(transparent)]
    Render(#[from] RenderError),
    /// A chart's downloads or the data files could not be made.
    #[error(transparent)]
    Files(#[from] std::io::Error),
}

pub struct LiveSite {
    paths: Paths,
    cache: ParseCache,
    good: Option<Good>,
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

    /// The base URL of the last good site.
    pub fn base_url(&self) -> Option<&str> {
        self.good.as_ref().map(|g| g.resolved.content().site.base_url.as_str())
    }

    /// True once some rebuild succeeded.
    pub fn has_site(&self) -> bool {
        self.good.is_some()
    }

    /// Reads the folders again and renders what changed. `changed` names files
    /// (absolute or relative to the working folder) that an editor wrote.
    pub fn rebuild(&mut self, changed: &HashSet<PathBuf>) -> Outcome {
        let started = Instant::now();
        self.timings = Timings::default();
        let content_dir = &self.paths.content;
        let rel: HashSet<PathBuf> = changed.iter().filter_map(|p| relative_to(p, content_dir)).collect();
        let loaded = self.cache.load(content_dir, &rel, &mut self.timings);
        let mut checked = pipeline::check_loaded_timed(loaded, content_dir, &mut self.timings);
        self.problems = std::mem::take(&mut checked.problems);
        self.language = checked.language().or(self.language);
        self.error = None;
        let templates = match theme::templates(self.paths.templates.as_deref()) {
            Ok(t) => t,
            Err(e) => return self.fail(e.into()),
        };
        let Checked { resolved, computed, .. } = checked;
        let Some((ind, focus)) = computed else {
            return Outcome::Failed;
        };
        let new = Inputs { bulletin: resolved.bulletin(), ind: &ind, focus: &focus, templates: &templates };
        let touched = self.timings.stage("deps", "pages", || {
            let touched = match &self.good {
                Some(old) => deps::touched(
                    &old.inputs(),
                    &new,
                    old.pages.iter().map(|(id, made)| (id, &made.reads)),
                    old.chart_reads.iter(),
                ),
                None => Touched { all: true, ..Touched::default() },
            };
            let count = touched.pages.len();
            (touched, count)
        });
        let statics = self.read_statics(resolved.content(), &rel);
        match self.apply(resolved, ind, focus, templates, &touched, statics) {
            Ok((pages, charts)) => Outcome::Built { pages, charts, took: started.elapsed() },
            Err(e) => self.fail(e),
        }
    }

    fn fail(&mut self, error: RebuildError) -> Outcome {
        self.error = Some(error);
        Outcome::Failed
    }

    /// Static files, read again when named as changed or new.
    fn read_statics(&self, content: &Content, changed: &HashSet<PathBuf>) -> BTreeMap<String, Bytes> {
        let static_dir = self.paths.content.join("static");
        let old = self.good.as_ref().map(|g| &g.statics);
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

    /// Draws and renders what `touched` names and keeps the result as the good site;
    /// on a template error the good site stays as it was.
    fn apply(
        &mut self,
        resolved: Resolved,
        ind: Indicators,
        focus: Focus,
        templates: Templates,
        touched: &Touched,
        statics: BTreeMap<String, Bytes>,
    ) -> Result<(usize, usize), RebuildError> {
        let partial = self.good.is_some() && !touched.all;
        let bulletin = resolved.bulletin();
        let content = bulletin.content;
        // A page rendered again needs its charts: they are drawn again with it.
        let chart_keys: BTreeSet<String> = touched
            .charts
            .iter()
            .cloned()
            .chain(touched.pages.iter().filter_map(|id| match id {
                PageId::Front => Some(by_page::FRONT.to_string()),
                PageId::Unit(unit) => Some(unit.clone()),
                _ => None,
            }))
            .chain(bulletin_charts(touched, &focus))
            .collect();
        let site = Computed { b: bulletin, ind: &ind, focus: &focus };
        let (drawn, chart_reads) = self.timings.stage("charts", "charts", || {
            let drawn = by_page::draw(site, partial.then_some(&chart_keys));
            let count = drawn.0.values().map(Vec::len).sum();
            (drawn, count)
        });
        let only_pages = partial.then_some(&touched.pages);
        let rendered = self.timings.stage("render", "pages", || {
            let inputs = Inputs { bulletin, ind: &ind, focus: &focus, templates: &templates };
            let rendered = render::render(inputs, &drawn, only_pages);
            let count = rendered.as_ref().map_or(0, Vec::len);
            (rendered, count)
        })?;
        // Counted as a build counts them: HTML pages, and charts.
        let pages = rendered.iter().filter(|r| r.file.path.ends_with(".html")).count();
        let counts = (pages, by_page::files(&drawn));

        // Made before the good site is taken apart, so that a failure leaves it whole.
        let downloads = by_page::Downloads::new(content);
        let mut drawn_files = Vec::with_capacity(drawn.len());
        for (key, charts) in &drawn {
            let mut files = Vec::with_capacity((by_page::DRAWINGS + by_page::DOWNLOADS) * charts.len());
            for chart in charts {
                let made = downloads.files(chart)?;
                files.extend(made.into_iter().map(|(path, bytes)| (path, Bytes::from(bytes))));
            }
            drawn_files.push((key.clone(), files));
        }
        let fresh_data = self.timings.stage("data", "files", || {
            if partial && !touched.data_files {
                return (Ok(None), 0);
            }
            let files = pipeline::data_files(bulletin, &ind, &focus).map(|f| Some(shared(f)));
            let count = files.as_ref().map_or(0, |f| f.as_ref().map_or(0, Vec::len));
            (files, count)
        });
        let fresh_data = fresh_data?;
        let search_again =
            !partial || touched.data_files || touched.pages.iter().any(|p| matches!(p, PageId::Article(_)));
        let fresh_search = self.timings.stage("search", "files", || {
            let files = search_again.then(|| shared(crate::render::search::files(bulletin, &ind)));
            let count = files.as_ref().map_or(0, Vec::len);
            (files, count)
        });
        let old = self.good.take().filter(|_| partial);
        let made_again = !partial || touched.pages.contains(&PageId::Bulletin);
        let (mut chart_files, mut kept_reads, mut pages, data_files, search_files, pdf) = match old {
            Some(g) => (
                g.chart_files,
                g.chart_reads,
                g.pages,
                Some(g.data_files),
                g.search_files,
                g.pdf.filter(|_| !made_again),
            ),
            None => Default::default(),
        };
        let search_files = fresh_search.unwrap_or(search_files);
        let pdf = match pdf {
            Some(kept) => Some(kept),
            None if content.site.pdf => {
                Some(Arc::new(LazyPdf::new(crate::render::bulletin::bulletin(&site.reader(false), &drawn))))
            }
            None => None,
        };
        for key in &chart_keys {
            chart_files.remove(key);
        }
        chart_files.extend(drawn_files);
        kept_reads.extend(chart_reads);
        for id in &touched.pages {
            pages.remove(id);
        }
        for Rendered { id, file, reads } in rendered {
            pages.insert(id, Made { path: file.path, bytes: Bytes::from(file.bytes), reads });
        }
        let data_files = match (data_files.filter(|_| !touched.data_files), fresh_data) {
            (Some(kept), _) => kept,
            (None, Some(fresh)) => fresh,
            (None, None) => shared(pipeline::data_files(bulletin, &ind, &focus)?),
        };
        self.good = Some(Good {
            resolved,
            ind,
            focus,
            templates,
            chart_files,
            chart_reads: kept_reads,
            pages,
            data_files,
            search_files,
            statics,
            pdf,
        });
        Ok(counts)
    }

    /// `bulletin.pdf` of the last good site, typeset when first asked for.
    pub fn pdf(&self) -> Option<Arc<LazyPdf>> {
        self.good.as_ref().and_then(|g| g.pdf.clone())
    }

    /// Every file of the last good site, as `bantin build` would write it: statics
    /// first, then pages, data files, the search index and charts, later ones winning on equal paths.
    pub fn files(&self) -> Files {
        let Some(good) = &self.good else { return Files::new() };
        let mut files: Files = good.statics.iter().map(|(p, b)| (p.clone(), b.clone())).collect();
        let charts_and_data =
            good.data_files.iter().chain(&good.search_files).chain(good.chart_files.values().flatten());
        files.extend(good.pages.values().map(|m| (m.path.clone(), m.bytes.clone())));
        files.extend(charts_and_data.map(|(p, b)| (p.clone(), b.clone())));
        files
    }
}

/// The charts the bulletin shows, drawn again whenever it is: the front page's and
/// the focus units'.
fn bulletin_charts(touched: &Touched, focus: &Focus) -> Vec<String> {
    if !touched.pages.contains(&PageId::Bulletin) {
        return Vec::new();
    }
    std::iter::once(by_page::FRONT.to_string()).chain(focus.units.iter().cloned()).collect()
}

/// A page or file rendered, and what it was made from.
struct Made {
    path: String,
    bytes: Bytes,
    reads: Reads,
}

impl Good {
    fn inputs(&self) -> Inputs<'_> {
        Inputs {
            bulletin: self.resolved.bulletin(),
            ind: &self.ind,
            focus: &self.focus,
            templates: &self.templates,
        }
    }
}

fn shared(files: impl IntoIterator<Item = OutputFile>) -> Vec<(String, Bytes)> {
    files.into_iter().map(|f| (f.path, Bytes::from(f.bytes))).collect()
}

/// A path relative to `dir`, whether given absolute or relative to the working folder.
fn relative_to(path: &Path, dir: &Path) -> Option<PathBuf> {
    let path = std::path::absolute(path).ok()?;
    let dir = std::path::absolute(dir).ok()?;
    path.strip_prefix(&dir).ok().map(Path::to_path_buf)
}
