//! Load: walking a content folder and parsing its files into typed content.
//!
//! Files are found in sorted order and parsed in parallel; every problem keeps its file
//! and position. Nothing here judges the content beyond its syntax and types: the rules
//! between values live in `validate`. The one exception is the links of article bodies
//! that pages drop (SPEC §8): they are found here, where the file's text is at hand to
//! place them.

pub(crate) mod limits;

use crate::catalog::problems::{Fault, Msg, SyntaxHint};
use crate::model::{Article, Content, FrontMatter, Origin, Report, Site, Unit};
use crate::problem::hints;
use crate::problem::locate::{Position, YamlText};
use crate::problem::{At, Indexes, PathIndex, Problem};
use crate::render::markdown;
use crate::sheets::{self, grid::Format};
use crate::timings::Timings;
use crate::{text, url};
use rayon::prelude::*;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_yaml::Value;
use std::collections::{BTreeMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;
use walkdir::WalkDir;

/// The content read from a folder, and every problem met while reading it.
#[derive(Debug, Default)]
pub struct Loaded {
    pub content: Content,
    pub problems: Vec<Problem>,
    /// False when site.yaml is missing or broken: rules that depend on it are skipped.
    pub site_read: bool,
    /// Unit ids and article slugs that may be defined in files or entries that could
    /// not be read, with those files: references to them are not reported as unknown.
    pub unreadable: BTreeMap<String, PathBuf>,
    /// Each file's index of places (its YAML text's positions, a spreadsheet's cells),
    /// to place the problems found later at YAML paths.
    pub indexes: Indexes,
}

/// The files of a content folder by role, relative to it, in sorted order.
#[derive(Debug, Default)]
struct Found {
    site: Option<PathBuf>,
    /// The first file at the top of the folder named like site.yaml without being it
    /// (`site.yaml.txt`, which Notepad writes and File Explorer shows as `site.yaml`).
    site_like: Option<String>,
    data: Vec<PathBuf>,
    news: Vec<PathBuf>,
    statics: Vec<PathBuf>,
    /// A symbolic link was followed: files may change beyond the folder's own tree.
    links: bool,
}

impl Found {
    /// The data and news files, in the order they are merged.
    fn parsed_files(&self) -> impl Iterator<Item = &PathBuf> {
        self.data.iter().chain(&self.news)
    }
}

/// What one data or news file yielded; its items' `origin.file` is set when the
/// files are merged.
#[derive(Clone, Default)]
pub struct Parsed {
    units: Vec<Arc<Unit>>,
    reports: Vec<Arc<Report>>,
    article: Option<Arc<Article>>,
    problems: Vec<Problem>,
    /// Unit ids and article slugs this file may define but could not be read.
    unreadable: Vec<String>,
    /// Where the file's YAML paths are: its text kept, or a spreadsheet's cells.
    index: Option<Arc<dyn PathIndex>>,
}

impl Parsed {
    /// Numbers the items as of the `file`-th file of the content. A shared item is
    /// copied only when its number changes (a file was added or removed before it).
    fn number(&mut self, file: usize) {
        let renumber = |origin: &Origin| origin.file != file;
        for u in self.units.iter_mut().filter(|u| renumber(&u.origin)) {
            Arc::make_mut(u).origin.file = file;
        }
        for r in self.reports.iter_mut().filter(|r| renumber(&r.origin)) {
            Arc::make_mut(r).origin.file = file;
        }
        if let Some(a) = self.article.as_mut().filter(|a| renumber(&a.origin)) {
            Arc::make_mut(a).origin.file = file;
        }
    }
}

/// A problem's position and message, before its file is attached.
pub type Failure = (At, Msg);

pub fn load(dir: &Path) -> Loaded {
    load_timed(dir, &mut Timings::default())
}

/// [`load`], timing the walk and the reading and parsing apart.
pub fn load_timed(dir: &Path, timings: &mut Timings) -> Loaded {
    let (found, walk_problems) = walk_timed(dir, timings);
    timings.stage("parse", "files", || {
        let files: Vec<&PathBuf> = found.parsed_files().collect();
        let count = files.len() + 1;
        let parsed = files.into_par_iter().map(|rel| (rel.clone(), parse_file(&read(dir, rel)))).collect();
        (finish(dir, &found, &walk_problems, vec![Merged::new(parsed, 1)]), count)
    })
}

/// The walk as a timed stage: the files found, and the problems met.
fn walk_timed(dir: &Path, timings: &mut Timings) -> (Found, Vec<Problem>) {
    timings.stage("walk", "files", || {
        let mut problems = Vec::new();
        let found = walk(dir, &mut problems);
        let count = found.parsed_files().count() + found.statics.len() + 1;
        ((found, problems), count)
    })
}

fn read(dir: &Path, rel: &Path) -> Source {
    let format = Format::of(rel).filter(|_| rel.starts_with("data"));
    if matches!(format, Some(Format::Xlsx | Format::Ods)) {
        return match read_bytes(dir, rel) {
            Ok(bytes) => Source {
                rel: rel.to_path_buf(),
                text: Ok(String::new()),
                salvaged: Vec::new(),
                binary: Some(bytes),
            },
            Err(failure) => {
                Source { rel: rel.to_path_buf(), text: Err(failure), salvaged: Vec::new(), binary: None }
            }
        };
    }
    let (text, salvaged) = match read_bytes(dir, rel) {
        Err(failure) => (Err(failure), Vec::new()),
        Ok(bytes) => match decode(bytes) {
            Ok(text) => (Ok(text), Vec::new()),
            // A text that does not decode may still name units other files refer to.
            Err(failed) => {
                let (failure, bytes) = *failed;
                let lossy = salvage(&bytes);
                match failure {
                    (at, Msg::NotUtf8) if format == Some(Format::Csv) => {
                        (Err((at, Msg::CsvNotUtf8)), sheets::csv_ids(&lossy))
                    }
                    failure => (Err(failure), possible_names(&lossy)),
                }
            }
        },
    };
    Source { rel: rel.to_path_buf(), text, salvaged, binary: None }
}

/// site.yaml is read again on every load: it is one small file.
fn finish(dir: &Path, found: &Found, walk_problems: &[Problem], parts: Vec<Merged>) -> Loaded {
    let site = found.site.as_ref().map(|rel| read(dir, rel));
    let mut loaded = assemble_parts(site, found.site_like.clone(), parts);
    loaded.problems.extend_from_slice(walk_problems);
    loaded.content.statics.clone_from(&found.statics);
    loaded
}

/// Parsed files kept between loads of the same folder, so that a load after an edit
/// parses only the files that changed.
#[derive(Default)]
pub struct ParseCache {
    files: rustc_hash::FxHashMap<PathBuf, (Stamp, Parsed)>,
    /// The last walk, while no change can have moved a file: see [`Walked::holds`].
    walked: Option<Walked>,
    /// The data files as last merged.
    data: Option<Merged>,
    /// The news files as last merged.
    news: Option<Merged>,
}

/// A file's size and modification time: when both are unchanged, so is the file.
type Stamp = Option<(u64, SystemTime)>;

fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// A walk's files and problems, and the site, data and news files it found.
struct Walked {
    found: Found,
    problems: Vec<Problem>,
    read: HashSet<PathBuf>,
}

impl Walked {
    fn new(found: Found, problems: Vec<Problem>) -> Walked {
        let read = found.site.iter().chain(found.parsed_files()).cloned().collect();
        Walked { found, problems, read }
    }

    /// Whether a walk now would find what this one found, when only the files
    /// `changed` names were written: each is a site, data or news file this walk found
    /// and still a plain file (a static file is opened by the walk, so it walks again).
    /// A walk that followed a link holds for no change: the watcher may miss what
    /// changes beyond the folder.
    fn holds(&self, dir: &Path, changed: &HashSet<PathBuf>) -> bool {
        !self.found.links
            && changed.iter().all(|rel| {
                self.read.contains(rel)
                    && std::fs::symlink_metadata(dir.join(rel)).is_ok_and(|m| m.file_type().is_file())
            })
    }
}

impl ParseCache {
    /// Loads `dir` as [`load`] does, parsing again only the files that `changed` names
    /// (relative to `dir`), those that are new and those whose stamp changed. The folder
    /// is walked and each file's stamp looked at again unless `changed` names only
    /// files written in place (see [`Walked::holds`]).
    pub fn load(&mut self, dir: &Path, changed: &HashSet<PathBuf>, timings: &mut Timings) -> Loaded {
        let kept = self.walked.take().filter(|w| w.holds(dir, changed));
        let walked_again = kept.is_none();
        let walked = kept.unwrap_or_else(|| {
            let (found, problems) = walk_timed(dir, timings);
            Walked::new(found, problems)
        });
        let found = &walked.found;
        let parts = timings.stage("parse", "files", || {
            let stale = if walked_again {
                self.stale(dir, found, changed)
            } else {
                found.parsed_files().filter(|rel| changed.contains(*rel)).collect()
            };
            let count = stale.len() + 1;
            let (news_changed, data_changed): (Vec<&PathBuf>, Vec<&PathBuf>) =
                stale.iter().copied().partition(|rel| is_article(rel));
            let fresh: Vec<(PathBuf, (Stamp, Parsed))> = stale
                .into_par_iter()
                .map(|rel| (rel.clone(), (stamp(&dir.join(rel)), parse_file(&read(dir, rel)))))
                .collect();
            self.files.extend(fresh);
            if walked_again {
                let present: HashSet<&PathBuf> = found.parsed_files().collect();
                self.files.retain(|rel, _| present.contains(rel));
            }
            // The data files are numbered from 1 whatever the walk: the same list is
            // numbered alike.
            let kept = self.data.take().filter(|d| d.files == found.data);
            let data = match kept.and_then(|data| self.patched(data, &data_changed)) {
                Some(data) => data,
                None => Merged::new(self.parsed(&found.data, 1), 1),
            };
            let first = 1 + data.files.len();
            // With the walk kept, the files are those of the last load, numbered alike.
            let kept = self.news.take().filter(|_| !walked_again);
            let news = match kept.and_then(|news| self.patched(news, &news_changed)) {
                Some(news) => news,
                None => Merged::new(self.parsed(&found.news, first), first),
            };
            self.data = Some(data.clone());
            self.news = Some(news.clone());
            (vec![data, news], count)
        });
        let loaded = finish(dir, found, &walked.problems, parts);
        self.walked = Some(walked);
        loaded
    }

    /// The files `found` that `changed` names, are new, or whose stamp changed.
    fn stale<'f>(&self, dir: &Path, found: &'f Found, changed: &HashSet<PathBuf>) -> Vec<&'f PathBuf> {
        let files: Vec<&PathBuf> = found.parsed_files().collect();
        files
            .into_par_iter()
            .filter(|rel| {
                let now = stamp(&dir.join(rel));
                changed.contains(*rel)
                    || self.files.get(*rel).is_none_or(|(then, _)| *then != now || now.is_none())
            })
            .collect()
    }

    /// The files as last merged with those `changed` put in place of their earlier
    /// selves; `None` unless each file was and is readable without a problem (and an
    /// article file one article), which is all that can change then (the common save).
    fn patched(&mut self, mut merged: Merged, changed: &[&PathBuf]) -> Option<Merged> {
        for &rel in changed {
            let file = merged.first + merged.files.iter().position(|f| f == rel)?;
            let (_, parsed) = self.files.get_mut(rel)?;
            let clean = parsed.problems.is_empty() && parsed.unreadable.is_empty();
            let was_clean = !merged.problems.iter().any(|p| &p.file == rel)
                && !merged.unreadable.iter().any(|(_, f)| f == rel);
            if !clean || !was_clean {
                return None;
            }
            let old_index = merged.indexes.iter().position(|(path, _)| path == rel)?;
            parsed.number(file);
            if is_article(rel) {
                let old_article = merged.articles.binary_search_by_key(&file, |a| a.origin.file).ok()?;
                merged.articles[old_article] = parsed.article.clone()?;
            } else {
                merged.units = spliced(&merged.units, file, &parsed.units, |u| u.origin.file);
                merged.reports = spliced(&merged.reports, file, &parsed.reports, |r| r.origin.file);
            }
            merged.indexes[old_index].1 = parsed.index.clone()?;
        }
        Some(merged)
    }

    /// The files as last parsed, in the order given, numbered from `first` as in the
    /// content (the cache's copy too, so that a shared article keeps its number).
    fn parsed(&mut self, files: &[PathBuf], first: usize) -> Vec<(PathBuf, Parsed)> {
        for (i, rel) in files.iter().enumerate() {
            self.files.get_mut(rel).expect("parsed before").1.number(first + i);
        }
        // Cloned in parallel: at tens of thousands of files the copying is most of a load.
        files.par_iter().map(|rel| (rel.clone(), self.files[rel].1.clone())).collect()
    }
}

/// One content file: its path relative to the content folder and its text, or why
/// it could not be read.
pub struct Source {
    pub rel: PathBuf,
    pub text: Result<String, Failure>,
    /// The unit ids and slugs a file that could not be decoded may define.
    pub salvaged: Vec<String>,
    /// A workbook's bytes (`.xlsx`, `.ods`), which are no text.
    pub binary: Option<Vec<u8>>,
}

impl Source {
    pub fn new(rel: &str, text: &str) -> Source {
        Source { rel: PathBuf::from(rel), text: Ok(text.to_string()), salvaged: Vec::new(), binary: None }
    }

    /// A workbook's bytes.
    pub fn binary(rel: &str, bytes: Vec<u8>) -> Source {
        Source { rel: PathBuf::from(rel), text: Ok(String::new()), salvaged: Vec::new(), binary: Some(bytes) }
    }
}

/// Parses site.yaml (`None` when missing) and the data and news files, in parallel;
/// the order of `files` is kept in the content.
pub fn parse(site: Option<Source>, files: Vec<Source>) -> Loaded {
    let parsed = files.into_par_iter().map(|source| (source.rel.clone(), parse_file(&source))).collect();
    assemble(site, parsed)
}

/// Parses one data or news file.
pub fn parse_file(source: &Source) -> Parsed {
    let sheet = Format::of(&source.rel).filter(|_| !is_article(&source.rel));
    let mut parsed = match &source.text {
        Ok(text) if is_article(&source.rel) => parse_article(&source.rel, text),
        Ok(_) if matches!(sheet, Some(Format::Xlsx | Format::Ods)) => {
            let bytes = source.binary.clone().unwrap_or_default();
            from_sheets(sheets::read_workbook(sheet.expect("a workbook"), bytes))
        }
        Ok(text) if sheet == Some(Format::Csv) => from_sheets(sheets::read_csv(text)),
        Ok(text) => {
            let kept = Arc::new(YamlText::whole(text.as_str().into()));
            Parsed { index: Some(kept.clone()), ..parse_data(&kept) }
        }
        Err(failure) => Parsed {
            problems: vec![failure_at(&source.rel, failure.clone())],
            unreadable: source.salvaged.clone(),
            ..Parsed::default()
        },
    };
    for p in &mut parsed.problems {
        p.file = source.rel.clone();
    }
    parsed
}

/// Items each behind its own `Arc`: a load after an edit shares those of the files that
/// did not change instead of copying them.
fn shared<T>(items: Vec<T>) -> Vec<Arc<T>> {
    items.into_iter().map(Arc::new).collect()
}

fn from_sheets(read: sheets::Read) -> Parsed {
    Parsed {
        units: shared(read.units),
        reports: shared(read.reports),
        article: None,
        problems: read.problems,
        unreadable: read.unreadable,
        index: Some(Arc::new(read.places)),
    }
}

/// Merges site.yaml and the parsed files, in the order given, into one content.
fn assemble(site: Option<Source>, parsed: Vec<(PathBuf, Parsed)>) -> Loaded {
    assemble_parts(site, None, vec![Merged::new(parsed, 1)])
}

/// Merges site.yaml and the files merged in `parts`, in that order, into one content.
/// `site_like`: a file named like site.yaml, for the message when it is missing.
fn assemble_parts(site: Option<Source>, site_like: Option<String>, parts: Vec<Merged>) -> Loaded {
    let mut problems = Vec::new();
    let mut content = Content::default();
    let mut indexes = Indexes::default();
    let site_rel = PathBuf::from("site.yaml");
    let site_read = match site {
        None => {
            problems.push(Problem::file_error(&site_rel, Msg::SiteMissing { written: site_like }));
            false
        }
        Some(source) => match source.text.and_then(|t| {
            let kept = Arc::new(YamlText::whole(t.into()));
            let site = parse_yaml::<Site>(&kept);
            indexes.insert(site_rel.clone(), kept as Arc<dyn PathIndex>);
            site
        }) {
            Ok(site) => {
                content.site = site;
                true
            }
            Err(failure) => {
                problems.push(failure_at(&site_rel, failure));
                false
            }
        },
    };
    content.files.push(site_rel);
    let mut unreadable = BTreeMap::new();
    content.units = joined(parts.iter().map(|p| &p.units));
    content.reports = joined(parts.iter().map(|p| &p.reports));
    for part in parts {
        content.files.extend(part.files);
        content.articles.extend(part.articles);
        problems.extend(part.problems);
        unreadable.extend(part.unreadable);
        indexes.extend(part.indexes);
    }
    Loaded { content, problems, site_read, unreadable, indexes }
}

/// The items of several files merged, shared rather than copied when one holds them all.
fn joined<'a, T: Clone + 'a>(parts: impl Iterator<Item = &'a Arc<[T]>> + Clone) -> Arc<[T]> {
    let mut full = parts.clone().filter(|p| !p.is_empty());
    match (full.next(), full.next()) {
        (None, _) => Arc::from([]),
        (Some(only), None) => only.clone(),
        _ => parts.flat_map(|p| p.iter().cloned()).collect(),
    }
}

/// `items`, in the order of their files, with those of `file` replaced by `new`.
fn spliced<T>(items: &[Arc<T>], file: usize, new: &[Arc<T>], file_of: impl Fn(&T) -> usize) -> Arc<[Arc<T>]> {
    let start = items.partition_point(|item| file_of(item) < file);
    let end = start + items[start..].partition_point(|item| file_of(item) == file);
    items[..start].iter().chain(new).chain(&items[end..]).cloned().collect()
}

/// Parsed files merged, their items numbered by file: a [`ParseCache`] keeps the data
/// files' while none of them changes, so that an article's edit copies no unit or
/// report.
#[derive(Clone, Default)]
struct Merged {
    /// The number of the first file in the content's files.
    first: usize,
    files: Vec<PathBuf>,
    units: Arc<[Arc<Unit>]>,
    reports: Arc<[Arc<Report>]>,
    articles: Vec<Arc<Article>>,
    problems: Vec<Problem>,
    unreadable: Vec<(String, PathBuf)>,
    indexes: Vec<(PathBuf, Arc<dyn PathIndex>)>,
}

impl Merged {
    /// Merges `parsed`, in order, the first file numbered `first` in the content's files.
    fn new(parsed: Vec<(PathBuf, Parsed)>, first: usize) -> Merged {
        let (mut units, mut reports) = (Vec::new(), Vec::new());
        let mut merged = Merged { first, ..Merged::default() };
        for (rel, mut p) in parsed {
            merged.indexes.extend(p.index.take().map(|index| (rel.clone(), index)));
            let file = first + merged.files.len();
            p.number(file);
            merged.unreadable.extend(p.unreadable.into_iter().map(|name| (name, rel.clone())));
            units.extend(p.units);
            reports.extend(p.reports);
            merged.articles.extend(p.article);
            merged.problems.extend(p.problems);
            merged.files.push(rel);
        }
        Merged { units: units.into(), reports: reports.into(), ..merged }
    }
}

fn failure_at(file: &Path, (at, message): Failure) -> Problem {
    Problem::error(file, at, message)
}

fn is_article(rel: &Path) -> bool {
    rel.starts_with("news")
}

/// Whether an entry of the content folder is hidden, and so skipped (SPEC §2): its name
/// starts with `.`, Windows marks it hidden, or it is the owner file that Excel and Word
/// keep beside a document while it is open (`~$bao-cao.xlsx`, marked hidden on Windows,
/// not a workbook; it comes unmarked on a copy), so that a build does not fail because the
/// workbook is open.
fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    let name = entry.file_name().to_string_lossy();
    entry.depth() > 0 && (name.starts_with('.') || name.starts_with("~$") || marked_hidden(entry))
}

#[cfg(windows)]
fn marked_hidden(entry: &walkdir::DirEntry) -> bool {
    use std::os::windows::fs::MetadataExt;
    const FILE_ATTRIBUTE_HIDDEN: u32 = 0x2;
    entry.metadata().is_ok_and(|m| m.file_attributes() & FILE_ATTRIBUTE_HIDDEN != 0)
}

#[cfg(not(windows))]
fn marked_hidden(_: &walkdir::DirEntry) -> bool {
    false
}

/// Walks the folder in sorted order, skipping hidden entries. Symbolic links are
/// followed, except a link back to a folder above it and a link in static/ that leads
/// outside the content folder: each is reported and not entered. Static files are
/// published as they are, so a link to anything outside could publish any file the
/// builder may read.
fn walk(dir: &Path, problems: &mut Vec<Problem>) -> Found {
    let mut found = Found::default();
    let root = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let walker = WalkDir::new(dir).follow_links(true).sort_by_file_name();
    let mut entries = walker.into_iter().filter_entry(|e| !is_hidden(e));
    while let Some(entry) = entries.next() {
        let (path, is_link) = match &entry {
            Ok(e) => (e.path(), e.path_is_symlink()),
            Err(e) => (e.path().unwrap_or(dir), e.path().is_some_and(Path::is_symlink)),
        };
        let rel = path.strip_prefix(dir).unwrap_or(path).to_path_buf();
        found.links |= is_link;
        if is_link && let Some(warning) = static_link_outside(&rel, path, &root) {
            problems.push(warning);
            if matches!(&entry, Ok(e) if e.file_type().is_dir()) {
                entries.skip_current_dir();
            }
            continue;
        }
        match entry {
            Ok(entry) if entry.file_type().is_file() => classify(dir, rel, &mut found, problems),
            Ok(_) => {}
            Err(e) => problems.push(walk_problem(&rel, &e)),
        }
    }
    found
}

/// The warning for a symbolic link in static/ whose target lies outside `root`, the
/// content folder.
fn static_link_outside(rel: &Path, link: &Path, root: &Path) -> Option<Problem> {
    if !rel.starts_with("static") {
        return None;
    }
    let target = link.canonicalize().ok()?;
    (!target.starts_with(root)).then(|| {
        let message = Msg::SymlinkOutside { target: target.display().to_string() };
        Problem::warning(rel, At::Pos(Position::START), message)
    })
}

/// A folder or file the walk could not enter: a link loop (a warning), a link to
/// nothing, or something the builder may not read.
fn walk_problem(rel: &Path, e: &walkdir::Error) -> Problem {
    if e.loop_ancestor().is_some() {
        return Problem::warning(rel, At::Pos(Position::START), Msg::SymlinkLoop);
    }
    if let Some(path) = e.path()
        && let Ok(target) = std::fs::read_link(path)
        && !path.exists()
    {
        return Problem::file_error(rel, Msg::DanglingLink { target: target.display().to_string() });
    }
    let cause = e.io_error().map_or_else(|| e.to_string(), ToString::to_string);
    Problem::file_error(rel, Msg::CannotRead { cause })
}

/// `Site.yaml`, `site.yml`, `site.yaml.txt`: a name site.yaml may have been saved as.
fn is_site_like(rel: &Path) -> bool {
    rel.to_string_lossy().to_lowercase().starts_with("site.y")
}

/// The name a data or news file was meant to have, when an editor or a habit gave it
/// another: Notepad's `.txt` after the real extension (`bao-cao.yaml.txt`, which File
/// Explorer shows as `bao-cao.yaml`), `.yml` for `.yaml`, `.markdown` for `.md`.
fn meant_name(rel: &Path, wanted: &str, aliases: &[&str]) -> Option<String> {
    let name = rel.file_name()?.to_str()?;
    let lower = name.to_ascii_lowercase();
    aliases.iter().find_map(|alias| {
        let stem = lower.strip_suffix(alias)?.strip_suffix('.')?;
        (!stem.is_empty()).then(|| format!("{}.{wanted}", &name[..stem.len()]))
    })
}

fn classify(dir: &Path, rel: PathBuf, found: &mut Found, problems: &mut Vec<Problem>) {
    // As spreadsheets are: `BAO-CAO.YAML` is a YAML file on Windows too.
    let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let ignored = |why: Msg| Problem::warning(&rel, At::Pos(Position::START), why);
    let misnamed = |wanted, aliases| meant_name(&rel, wanted, aliases).map(|name| Msg::Misnamed { name });
    if rel == Path::new("site.yaml") {
        found.site = Some(rel);
    } else if rel.components().count() == 1 && is_site_like(&rel) {
        found.site_like.get_or_insert_with(|| rel.display().to_string());
    } else if rel.starts_with("data") {
        match ext.as_str() {
            "yaml" => found.data.push(rel),
            _ if sheets::is_sheet(&rel) => found.data.push(rel),
            _ => {
                let why = misnamed("yaml", &["yaml.txt", "yml.txt", "yml"]);
                problems.push(ignored(why.unwrap_or(Msg::IgnoredInData)));
            }
        }
    } else if rel.starts_with("news") {
        match ext.as_str() {
            "md" => found.news.push(rel),
            _ => {
                let why = misnamed("md", &["md.txt", "markdown"]);
                problems.push(ignored(why.unwrap_or(Msg::IgnoredInNews)));
            }
        }
    } else if let Ok(inside) = rel.strip_prefix("static") {
        // Only a build copies static files: opening each here lets `check` find those
        // that cannot be read as well.
        match std::fs::File::open(dir.join(&rel)) {
            Ok(_) => found.statics.push(inside.to_path_buf()),
            Err(e) => problems.push(Problem::file_error(&rel, Msg::CannotRead { cause: e.to_string() })),
        }
    }
}

/// Reads a file as UTF-8 (a leading byte-order mark is dropped), refusing one larger
/// than [`limits::MAX_FILE_BYTES`] without reading more of it.
fn read_bytes(dir: &Path, rel: &Path) -> Result<Vec<u8>, Failure> {
    let cannot_read =
        |e: std::io::Error| (At::Pos(Position::START), Msg::CannotRead { cause: e.to_string() });
    let file = std::fs::File::open(dir.join(rel)).map_err(cannot_read)?;
    let size = file.metadata().map_or(0, |m| m.len());
    let mut bytes = Vec::with_capacity(size.min(limits::MAX_FILE_BYTES + 1) as usize);
    file.take(limits::MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(cannot_read)?;
    if bytes.len() as u64 > limits::MAX_FILE_BYTES {
        let mib = limits::MAX_FILE_BYTES / (1024 * 1024);
        return Err((At::Pos(Position::START), Msg::FileTooLarge { mib }));
    }
    Ok(bytes)
}

/// Whatever text `bytes` hold, UTF-16 included, for [`possible_names`].
fn salvage(bytes: &[u8]) -> String {
    let utf16 = |to_u16: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = bytes[2..].chunks_exact(2).map(|c| to_u16([c[0], c[1]])).collect();
        String::from_utf16_lossy(&units)
    };
    match bytes {
        [0xff, 0xfe, ..] => utf16(u16::from_le_bytes),
        [0xfe, 0xff, ..] => utf16(u16::from_be_bytes),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// The values of every `id:` and `slug:` key in a text that could not be parsed: the
/// names it may define.
fn possible_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for key in ["id:", "slug:"] {
        for (i, _) in text.match_indices(key) {
            let starts_key =
                text[..i].chars().next_back().is_none_or(|c| c.is_whitespace() || "{,-".contains(c));
            let value = text[i + key.len()..].trim_start_matches([' ', '\t', '"', '\'']);
            let name: String =
                value.chars().take_while(|c| !c.is_whitespace() && !"\"',}#".contains(*c)).collect();
            if starts_key && !name.is_empty() {
                names.push(name);
            }
        }
    }
    names
}

/// A file's bytes as the text its problems are placed in: UTF-8 without a byte-order
/// mark, lines ending in `\n` whether the editor wrote `\r\n` or a lone `\r` (as old
/// Mac editors do, and as every editor shows them), and no control character but tabs.
/// A text that is not gives its bytes back, for the names they may hold.
fn decode(bytes: Vec<u8>) -> Result<String, Box<(Failure, Vec<u8>)>> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(Box::new(((At::Pos(Position::START), Msg::Utf16), bytes)));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]).into_owned();
        let valid = normalized_lines(without_bom(valid));
        Box::new(((At::Pos(Position::of_offset(&valid, valid.len())), Msg::NotUtf8), e.into_bytes()))
    })?;
    let text = normalized_lines(without_bom(text));
    if let Some((offset, c)) = first_control(&text) {
        let failure = (At::Pos(Position::of_offset(&text, offset)), Msg::ControlChar { code: c as u32 });
        return Err(Box::new((failure, text.into_bytes())));
    }
    Ok(text)
}

fn without_bom(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    text
}

/// `\r\n` and lone `\r` line ends as `\n`.
fn normalized_lines(text: String) -> String {
    if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text }
}

/// The first control character but line breaks and tabs, and its byte offset. Control
/// characters (U+0000–U+001F, U+007F–U+009F) are one byte below 0x20, 0x7F, or 0xC2
/// followed by 0x80–0x9F: looking at bytes spares decoding every character.
fn first_control(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let is_start = |(i, &b): (usize, &u8)| match b {
        b'\n' | b'\t' => false,
        0..0x20 | 0x7f => true,
        0xc2 => bytes.get(i + 1).is_some_and(|next| (0x80..=0x9f).contains(next)),
        _ => false,
    };
    let offset = bytes.iter().enumerate().position(is_start)?;
    text[offset..].chars().next().map(|c| (offset, c))
}

/// Deserializes YAML whose first line is line `1 + line_offset` of its file.
///
/// serde_yaml places syntax errors well but not errors raised while converting a value
/// (a date that does not exist), so a failed parse is redone through a `Value`, which
/// names the path of the broken value for [`crate::problem::locate`] to place.
fn parse_yaml<T: DeserializeOwned>(kept: &YamlText) -> Result<T, Failure> {
    let (yaml, line_offset) = (kept.yaml(), kept.line_offset());
    check_depth(kept)?;
    serde_yaml::from_str(yaml).map_err(|e| match serde_yaml::from_str::<Value>(yaml) {
        Err(_) => syntax_failure(&e, yaml, line_offset),
        Ok(value) => match serde_path_to_error::deserialize::<_, T>(value) {
            Err(e) => item_failure("", &e),
            Ok(_) => syntax_failure(&e, yaml, line_offset),
        },
    })
}

/// A text nested too deep fails at its first level too deep, before serde_yaml reads it.
fn check_depth(kept: &YamlText) -> Result<(), Failure> {
    match kept.too_deep() {
        Some(Position { line, col }) => Err((
            At::Pos(Position { line: line + kept.line_offset(), col }),
            Msg::TooDeep { max: limits::MAX_DEPTH },
        )),
        None => Ok(()),
    }
}

/// A syntax error placed inside `yaml`: the parser puts an error at the end of a text
/// without a final line break one line past it.
fn syntax_failure(e: &serde_yaml::Error, yaml: &str, line_offset: usize) -> Failure {
    match yaml_failure(e, line_offset) {
        (At::Pos(pos), message) => (At::Pos(pos.within(yaml, line_offset)), message),
        other => other,
    }
}

fn yaml_failure(e: &serde_yaml::Error, line_offset: usize) -> Failure {
    let pos = e.location().map_or(Position { line: 1 + line_offset, col: 1 }, |l| Position {
        line: l.line() + line_offset,
        col: l.column(),
    });
    // The parser's own places count lines from the YAML, not the file: the problem's
    // place says where it is.
    let detail = without_places(&e.to_string());
    if let Some(fault) = Fault::from_error(&detail) {
        return (At::Pos(pos), Msg::Value { field: String::new(), fault });
    }
    (At::Pos(pos), Msg::YamlSyntax { hint: syntax_hint(&detail), detail })
}

/// `text` without the parser's " at line 3 column 14" places.
fn without_places(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let line_end = digits(after);
        match after[line_end..].strip_prefix(" column ") {
            Some(col) if line_end > 0 && digits(col) > 0 => rest = &col[digits(col)..],
            _ => {
                out.push_str(" at line ");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The plain hint for the YAML parser's commonest terse messages.
fn syntax_hint(detail: &str) -> Option<SyntaxHint> {
    const HINTS: [(&str, SyntaxHint); 6] = [
        ("found a tab character", SyntaxHint::Tab),
        ("mapping values are not allowed in this context", SyntaxHint::ColonInValue),
        ("found character that cannot start any token", SyntaxHint::CannotStart),
        ("did not find expected key", SyntaxHint::KeyIndentation),
        ("did not find expected '-' indicator", SyntaxHint::ListIndentation),
        ("found unexpected end of stream", SyntaxHint::Unclosed),
    ];
    HINTS.iter().find(|(raw, _)| detail.contains(raw)).map(|(_, hint)| *hint)
}

/// The fast path parses the file straight into its types; a file with problems is
/// parsed again item by item, so that every broken item is reported, not only the first.
fn parse_data(kept: &YamlText) -> Parsed {
    let text = kept.yaml();
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct DataFile {
        #[serde(default)]
        units: Vec<Unit>,
        #[serde(default)]
        reports: Vec<Report>,
    }
    if let Err(failure) = check_depth(kept) {
        return Parsed { problems: vec![failure_at(Path::new(""), failure)], ..Parsed::default() };
    }
    match serde_yaml::from_str::<DataFile>(text) {
        Ok(mut data) => {
            for (i, unit) in data.units.iter_mut().enumerate() {
                unit.place(format!("units[{i}]"));
            }
            for (i, report) in data.reports.iter_mut().enumerate() {
                report.place(format!("reports[{i}]"));
            }
            Parsed { units: shared(data.units), reports: shared(data.reports), ..Parsed::default() }
        }
        Err(_) => parse_data_items(kept),
    }
}

/// The list a data file's item belongs in, by its keys: `units` for one with an `id`,
/// `reports` for one with a `unit`.
fn list_of(item: &Value) -> Option<&'static str> {
    let item = item.as_mapping()?;
    if item.contains_key("id") {
        Some("units")
    } else if item.contains_key("unit") {
        Some("reports")
    } else {
        None
    }
}

/// Parses a data file item by item. Items that fail are left out, so the indexes of
/// the kept items are set from their place in the file here, before they are lost.
fn parse_data_items(kept: &YamlText) -> Parsed {
    let text = kept.yaml();
    let mut parsed = Parsed::default();
    let root: Value = match serde_yaml::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            parsed.problems.push(failure_at(Path::new(""), syntax_failure(&e, text, 0)));
            parsed.unreadable = possible_names(text);
            return parsed;
        }
    };
    let map = match root {
        Value::Null => return parsed,
        Value::Mapping(map) => map,
        // A list of mappings: units or reports without the line that names their list.
        Value::Sequence(items) if items.first().is_some_and(Value::is_mapping) => {
            let message = Msg::DataIsList { list: items.first().and_then(list_of) };
            parsed.problems.push(failure_at(Path::new(""), (At::Value("[0]".into()), message)));
            return parsed;
        }
        _ => {
            parsed.problems.push(failure_at(Path::new(""), (At::Value(String::new()), Msg::DataNotMapping)));
            return parsed;
        }
    };
    for (key, value) in map {
        match key.as_str() {
            Some("units") => {
                parsed.unreadable = unreadable_ids(&value);
                parsed.units = shared(items(value, "units", &mut parsed.problems));
                parsed.unreadable.retain(|id| !parsed.units.iter().any(|u| &u.id == id));
            }
            Some("reports") => parsed.reports = shared(items(value, "reports", &mut parsed.problems)),
            _ => {
                let name = key.as_str().map_or_else(|| format!("{key:?}"), str::to_string);
                let nearest = hints::nearest(&name, ["units", "reports"]);
                let expected = vec!["units".to_string(), "reports".to_string()];
                let message = Msg::UnknownField { key: name.clone(), nearest, expected };
                parsed.problems.push(failure_at(Path::new(""), (At::Key(name), message)));
            }
        }
    }
    as_written(&mut parsed.problems, kept);
    parsed
}

/// Counts the YAML reader turned into fractions (`1.000` reads as 1) told by the
/// form they are written in, which names the usual mistake: a thousands separator.
fn as_written(problems: &mut [Problem], kept: &YamlText) {
    let is_fraction = |p: &Problem| matches!(&p.message, Msg::Value { fault: Fault::NotWhole { .. }, .. });
    if !problems.iter().any(is_fraction) {
        return;
    }
    for p in problems.iter_mut().filter(|p| is_fraction(p)) {
        if let (At::Value(path), Msg::Value { fault, .. }) = (&p.at, &mut p.message)
            && let Some(written) = kept.written(path)
        {
            *fault = hints::count_fault(written);
        }
    }
}

/// The `id` of every unit entry that has one, read or not.
fn unreadable_ids(units: &Value) -> Vec<String> {
    let Some(seq) = units.as_sequence() else { return Vec::new() };
    seq.iter().filter_map(|u| u.get("id")?.as_str().map(String::from)).collect()
}

trait Placed {
    fn place(&mut self, item: String);
}
impl Placed for Unit {
    fn place(&mut self, item: String) {
        self.origin.item = item;
    }
}
impl Placed for Report {
    fn place(&mut self, item: String) {
        self.origin.item = item;
    }
}

fn items<T: DeserializeOwned + Placed>(value: Value, list: &str, problems: &mut Vec<Problem>) -> Vec<T> {
    let seq = match value {
        Value::Null => return Vec::new(),
        Value::Sequence(seq) => seq,
        _ => {
            let message = Msg::NotAList { list: list.to_string() };
            problems.push(failure_at(Path::new(""), (At::Value(list.to_string()), message)));
            return Vec::new();
        }
    };
    let mut out = Vec::with_capacity(seq.len());
    for (i, item) in seq.into_iter().enumerate() {
        let path = format!("{list}[{i}]");
        match T::deserialize(&item) {
            Ok(mut t) => {
                t.place(path);
                out.push(t);
            }
            Err(_) => {
                let failures = every_failure::<T>(item, &path);
                problems.extend(failures.into_iter().map(|f| failure_at(Path::new(""), f)));
            }
        }
    }
    out
}

/// How many problems one item may show: past that, the rest waits for the next run.
const MAX_FAILURES_PER_ITEM: usize = 20;

/// Every problem of one item, not only the first: after each failure the value at fault
/// is mended (a stand-in put in its place, a missing field added, an unknown one left
/// out) and the item read again, until it reads, cannot be mended, or a failure repeats.
pub(crate) fn every_failure<T: DeserializeOwned>(mut value: Value, item: &str) -> Vec<Failure> {
    let mut failures = Vec::new();
    let mut seen = HashSet::new();
    while failures.len() < MAX_FAILURES_PER_ITEM {
        let Err(e) = serde_path_to_error::deserialize::<_, T>(&value) else { break };
        if !seen.insert((e.path().to_string(), e.inner().to_string())) {
            break;
        }
        failures.push(item_failure(item, &e));
        if !mend::<T>(&mut value, &e) {
            break;
        }
    }
    // A field misspelt is also a field missing: the "did you mean" says both.
    let meant: Vec<String> = failures
        .iter()
        .filter_map(|(_, m)| match m {
            Msg::UnknownField { nearest: Some(n), .. } => Some(n.clone()),
            _ => None,
        })
        .collect();
    failures.retain(|(_, m)| !matches!(m, Msg::MissingField { field } if meant.contains(field)));
    failures
}

/// Values that stand in for a broken one while the rest of its item is read.
fn stand_ins() -> [Value; 7] {
    [
        Value::from(1),
        Value::from("2000-01-01"),
        Value::from("x"),
        Value::Mapping(Default::default()),
        Value::Sequence(Vec::new()),
        Value::Bool(false),
        Value::Null,
    ]
}

/// Mends `value` where `e` failed so the next read gets past it; false when it cannot.
fn mend<T: DeserializeOwned>(value: &mut Value, e: &serde_path_to_error::Error<serde_yaml::Error>) -> bool {
    use serde_path_to_error::Segment;
    let mut path: Vec<Segment> = e.path().iter().cloned().collect();
    let message = e.inner().to_string();
    let key = match message.strip_prefix("missing field `").and_then(|m| m.split('`').next()) {
        Some(field) => Value::from(field),
        None => match path.pop() {
            Some(Segment::Map { key }) => Value::from(key),
            Some(Segment::Seq { index }) => Value::from(index),
            _ => return false,
        },
    };
    // The place the stand-in goes: a read that fails there again has not got past it.
    let container = e.path().to_string();
    let slot = match (message.starts_with("missing field"), key.as_str()) {
        (true, Some(field)) if container == "." => field.to_string(),
        (true, Some(field)) => format!("{container}.{field}"),
        _ => container,
    };
    let unknown = message.starts_with("unknown field");
    let Some(container) = at_path(value, &path) else { return false };
    let original = container.clone();
    for stand_in in stand_ins() {
        let mut mended = original.clone();
        match (&mut mended, &key) {
            (Value::Mapping(map), key) if unknown => {
                map.remove(key);
            }
            (Value::Mapping(map), key) => {
                map.insert(key.clone(), stand_in);
            }
            (Value::Sequence(seq), Value::Number(n)) => {
                match n.as_u64().and_then(|i| seq.get_mut(usize::try_from(i).ok()?)) {
                    Some(slot) => *slot = stand_in,
                    None => return false,
                }
            }
            _ => return false,
        }
        *at_path(value, &path).expect("the path was there") = mended;
        let next = serde_path_to_error::deserialize::<_, T>(&*value).err().map(|e| e.path().to_string());
        if unknown || next.as_deref() != Some(slot.as_str()) {
            return true;
        }
    }
    false
}

/// The value at `path` inside `value`.
pub(crate) fn at_path<'v>(
    value: &'v mut Value,
    path: &[serde_path_to_error::Segment],
) -> Option<&'v mut Value> {
    use serde_path_to_error::Segment;
    path.iter().try_fold(value, |v, segment| match segment {
        Segment::Map { key } => v.get_mut(key.as_str()),
        Segment::Seq { index } => v.get_mut(*index),
        _ => None,
    })
}

fn item_failure(item: &str, e: &serde_path_to_error::Error<serde_yaml::Error>) -> Failure {
    let field = e.path().to_string();
    let field = if field == "." { String::new() } else { field };
    let full = |field: &str| match (item.is_empty(), field.is_empty()) {
        (_, true) => item.to_string(),
        (true, false) => field.to_string(),
        (false, false) => format!("{item}.{field}"),
    };
    let detail = e.inner().to_string();
    if let Some(fault) = Fault::from_error(&detail) {
        return (At::Value(full(&field)), Msg::Value { field, fault });
    }
    if let Some(rest) = detail.strip_prefix("unknown field `") {
        let (key, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let expected: Vec<String> = expected.split('`').skip(1).step_by(2).map(str::to_string).collect();
        let nearest = hints::nearest(key, expected.iter().map(String::as_str));
        return (At::Key(full(&field)), Msg::UnknownField { key: key.to_string(), nearest, expected });
    }
    if let Some(key) = detail.strip_prefix("missing field `").and_then(|r| r.split('`').next()) {
        let missing = if field.is_empty() { key.to_string() } else { format!("{field}.{key}") };
        return (At::Value(full(&field)), Msg::MissingField { field: missing });
    }
    if let Some((found, expected)) =
        detail.strip_prefix("invalid type: ").and_then(|r| r.split_once(", expected "))
    {
        let message = Msg::WrongType { field: field.clone(), found: found.into(), expected: expected.into() };
        return (At::Value(full(&field)), message);
    }
    (At::Value(full(&field)), Msg::Other { field, detail })
}

/// Splits `---\nYAML\n---\nbody` into the YAML and the body.
pub fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

fn parse_article(rel: &Path, text: &str) -> Parsed {
    let front = front_matter(text);
    let mut parsed = Parsed { index: front.clone().map(|f| f as Arc<dyn PathIndex>), ..Parsed::default() };
    match article(rel, text, front.as_deref()) {
        Ok((article, unsafe_urls)) => {
            parsed.problems = unsafe_url_warnings(rel, text, &article.body, unsafe_urls);
            parsed.article = Some(Arc::new(article));
        }
        Err(failure) => {
            parsed.problems.push(failure_at(rel, failure));
            parsed.unreadable = possible_names(text);
            parsed.unreadable.extend(rel.file_stem().and_then(|s| text::slug(&s.to_string_lossy())));
        }
    }
    parsed
}

/// A warning for each link or image URL of the body that pages drop (`found`, by offset
/// in `body`), placed in the file (`body` is the end of `text`).
fn unsafe_url_warnings(rel: &Path, text: &str, body: &str, found: Vec<(usize, String)>) -> Vec<Problem> {
    let body_start = text.len() - body.len();
    found
        .into_iter()
        .map(|(offset, url)| {
            let at = At::Pos(Position::of_offset(text, body_start + offset));
            Problem::warning(rel, at, Msg::UnsafeLink { url: url::shown(&url) })
        })
        .collect()
}

/// An article's front matter, kept with its places (its body is not).
fn front_matter(text: &str) -> Option<Arc<YamlText>> {
    split_front_matter(text).map(|(yaml, _)| Arc::new(YamlText::new(yaml.into(), 1)))
}

/// The article of `text`, whose front matter, kept with its places, is `front`, and
/// the URLs its body links that pages drop (by their offset in the body).
fn article(
    rel: &Path,
    text: &str,
    front: Option<&YamlText>,
) -> Result<(Article, Vec<(usize, String)>), Failure> {
    let start = At::Pos(Position::START);
    let (Some((yaml, body)), Some(front)) = (split_front_matter(text), front) else {
        let message =
            if text.starts_with("---") { Msg::FrontMatterUnclosed } else { Msg::FrontMatterMissing };
        return Err((start, message));
    };
    if yaml.trim().is_empty() {
        return Err((start, Msg::FrontMatterEmpty));
    }
    let front: FrontMatter = parse_yaml(front)?;
    let stem = rel.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let (written, at) = match &front.slug {
        Some(slug) => (slug.clone(), At::Value("slug".into())),
        None => (stem, start),
    };
    let slug = text::slug(&written).ok_or_else(|| {
        (at, Msg::SlugNotUrl { folded: hints::folded_slug(&written), written: written.clone() })
    })?;
    // One pass over the body finds both what lists show of it and what pages drop.
    let skim = markdown::skim(body);
    let article = Article {
        slug,
        title: front.title,
        date: front.date.date_naive(),
        published: front.date,
        units: front.units,
        tags: front.tags,
        source: front.source,
        source_url: front.source_url,
        author: front.author,
        summary: front.summary,
        draft: front.draft,
        body: body.into(),
        lead: skim.first_paragraph,
        origin: Origin::default(),
    };
    Ok((article, skim.unsafe_urls))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        assert_eq!(split_front_matter("---\na: 1\n---\nbody\n"), Some(("a: 1\n", "body\n")));
        assert_eq!(split_front_matter("---\r\na: 1\r\n---\r\nb"), Some(("a: 1\r\n", "b")));
        assert_eq!(split_front_matter("a: 1\n---\n"), None);
        assert_eq!(split_front_matter("---\na: 1\n"), None);
    }

    /// A content folder under the system's temporary folder, removed first.
    fn folder(name: &str, files: &[(&str, &str)]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("bantin-load-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (rel, text) in files {
            write(&dir, rel, text);
        }
        dir
    }

    fn write(dir: &Path, rel: &str, text: &str) {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder made");
        std::fs::write(path, text).expect("file written");
    }

    /// What a load yields, as text: the content and the problems.
    fn shown(loaded: &Loaded) -> String {
        format!("{:?}\n{:?}\n{:?}", loaded.content, loaded.problems, loaded.unreadable)
    }

    #[test]
    fn a_cached_load_after_edits_equals_a_fresh_one() {
        let article = |title: &str| format!("---\ntitle: {title}\ndate: 2024-03-01\n---\nMột.\n");
        let dir = folder(
            "cache",
            &[
                ("site.yaml", "title: T\nbase_url: https://e.org/\n"),
                (
                    "data/d.yaml",
                    "units:\n  - { id: a, name: Xã A }\nreports:\n  - { unit: a, period: 2024, admitted: 1 }\n",
                ),
                ("news/a.md", &article("A")),
            ],
        );
        let mut cache = ParseCache::default();
        let mut timings = Timings::default();
        let first = cache.load(&dir, &HashSet::new(), &mut timings);
        assert_eq!(shown(&first), shown(&load(&dir)));
        let named = |rels: &[&str]| rels.iter().map(PathBuf::from).collect::<HashSet<_>>();

        // An article written in place: the data files' items are shared, not read again.
        write(&dir, "news/a.md", &article("A mới"));
        let retitled = cache.load(&dir, &named(&["news/a.md"]), &mut timings);
        assert_eq!(shown(&retitled), shown(&load(&dir)));
        assert_eq!(retitled.content.articles[0].title, "A mới");
        assert!(Arc::ptr_eq(&first.content.reports, &retitled.content.reports));

        // A report written in place.
        write(
            &dir,
            "data/d.yaml",
            "units:\n  - { id: a, name: Xã A }\nreports:\n  - { unit: a, period: 2024, admitted: 2 }\n",
        );
        let refigured = cache.load(&dir, &named(&["data/d.yaml"]), &mut timings);
        assert_eq!(shown(&refigured), shown(&load(&dir)));
        assert_eq!(refigured.content.reports[0].admitted, 2);

        // A new file and a removed one are found by walking again.
        write(&dir, "news/b.md", &article("B"));
        std::fs::remove_file(dir.join("news/a.md")).expect("removed");
        let moved = cache.load(&dir, &named(&["news/b.md", "news/a.md"]), &mut timings);
        assert_eq!(shown(&moved), shown(&load(&dir)));
        assert_eq!(moved.content.articles.iter().map(|a| a.title.as_str()).collect::<Vec<_>>(), ["B"]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// The last walk is kept only when every file a save names is a site, data or news
    /// file it found and still a plain file; a new, removed or static file, the whole
    /// folder (named when the watcher lost events) and a walk that followed a link
    /// walk again.
    #[test]
    fn a_kept_walk_holds_only_for_the_plain_files_it_read() {
        let dir = folder(
            "holds",
            &[
                ("site.yaml", "title: T\nbase_url: https://e.org/\n"),
                ("data/d.yaml", "units:\n  - { id: a, name: Xã A }\n"),
                ("news/a.md", "---\ntitle: A\ndate: 2024-03-01\n---\nMột.\n"),
                ("static/x.txt", "x"),
            ],
        );
        let walked = |dir: &Path| {
            let mut problems = Vec::new();
            let found = walk(dir, &mut problems);
            Walked::new(found, problems)
        };
        let named = |rels: &[&str]| rels.iter().map(PathBuf::from).collect::<HashSet<_>>();
        let kept = walked(&dir);
        assert!(kept.holds(&dir, &named(&["site.yaml", "data/d.yaml", "news/a.md"])));
        for changed in ["news/b.md", "static/x.txt", "", "data"] {
            assert!(!kept.holds(&dir, &named(&[changed])), "{changed:?} keeps the walk");
        }
        std::fs::remove_file(dir.join("news/a.md")).expect("removed");
        assert!(!kept.holds(&dir, &named(&["news/a.md"])));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.join("data/d.yaml"), dir.join("data/e.yaml")).expect("linked");
            let linked = walked(&dir);
            assert!(!linked.holds(&dir, &named(&["site.yaml"])));
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// An article saved in place is put in place of its earlier self; one saved broken,
    /// or mended, is merged with the others again: each load equals a fresh one.
    #[test]
    fn articles_saved_in_place_broken_and_mended_load_as_a_fresh_load_does() {
        let article = |title: &str| format!("---\ntitle: {title}\ndate: 2024-03-01\n---\nMột.\n");
        let dir = folder(
            "cache-articles",
            &[
                ("site.yaml", "title: T\nbase_url: https://e.org/\n"),
                ("data/d.yaml", "units:\n  - { id: a, name: Xã A }\n"),
                ("news/a.md", &article("A")),
                ("news/b.md", &article("B")),
                ("news/c.md", &article("C")),
            ],
        );
        let mut cache = ParseCache::default();
        let mut timings = Timings::default();
        let first = cache.load(&dir, &HashSet::new(), &mut timings);
        let named = |rels: &[&str]| rels.iter().map(PathBuf::from).collect::<HashSet<_>>();
        let titles = |l: &Loaded| l.content.articles.iter().map(|a| a.title.clone()).collect::<Vec<_>>();

        write(&dir, "news/b.md", &article("B mới"));
        let retitled = cache.load(&dir, &named(&["news/b.md"]), &mut timings);
        assert_eq!(shown(&retitled), shown(&load(&dir)));
        assert_eq!(titles(&retitled), ["A", "B mới", "C"]);
        // The others are shared, not read again.
        assert!(Arc::ptr_eq(&first.content.articles[0], &retitled.content.articles[0]));
        assert!(Arc::ptr_eq(&first.content.articles[2], &retitled.content.articles[2]));

        write(&dir, "news/b.md", "---\ntitle: [B\n---\nMột.\n");
        let broken = cache.load(&dir, &named(&["news/b.md"]), &mut timings);
        assert_eq!(shown(&broken), shown(&load(&dir)));
        assert_eq!(titles(&broken), ["A", "C"]);
        assert_eq!(broken.problems.len(), 1);

        write(&dir, "news/b.md", &article("B"));
        write(&dir, "news/c.md", &article("C mới"));
        let mended = cache.load(&dir, &named(&["news/b.md", "news/c.md"]), &mut timings);
        assert_eq!(shown(&mended), shown(&load(&dir)));
        assert_eq!(titles(&mended), ["A", "B", "C mới"]);
        assert!(mended.problems.is_empty());

        write(&dir, "news/a.md", &article("A mới"));
        let again = cache.load(&dir, &named(&["news/a.md"]), &mut timings);
        assert_eq!(shown(&again), shown(&load(&dir)));
        assert_eq!(titles(&again), ["A mới", "B", "C mới"]);

        // A problem validation finds in an article saved in place is placed on the
        // article's new text.
        let unknown =
            "---\ntitle: B\nsummary: Tóm tắt\ntags: [t]\ndate: 2024-03-01\nunits: [zz]\n---\nMột.\n";
        write(&dir, "news/b.md", unknown);
        let placed =
            crate::pipeline::check_loaded(cache.load(&dir, &named(&["news/b.md"]), &mut timings), &dir);
        let fresh = crate::pipeline::check_loaded(load(&dir), &dir);
        assert_eq!(placed.problems, fresh.problems);
        assert_eq!(placed.problems.len(), 1);
        let place = placed.problems[0].location.to_string();
        assert!(place.ends_with("news/b.md:6:9"), "{place}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A data file saved in place is put in place of its earlier self among the others,
    /// which stay shared; one saved broken, or mended, is merged again: each load equals
    /// a fresh one, and a problem in the saved file is placed on its new text.
    #[test]
    fn data_files_saved_in_place_broken_and_mended_load_as_a_fresh_load_does() {
        let reports = |a: u64, b: u64| {
            format!(
                "reports:\n  - {{ unit: a, period: 2024, admitted: {a} }}\n  - {{ unit: b, period: 2024, admitted: {b} }}\n"
            )
        };
        let dir = folder(
            "cache-data",
            &[
                ("site.yaml", "title: T\nbase_url: https://e.org/\n"),
                ("data/1.yaml", "units:\n  - { id: a, name: Xã A }\n  - { id: b, name: Xã B }\n"),
                ("data/2.yaml", &reports(1, 2)),
                ("data/3.yaml", "reports:\n  - { unit: a, period: 2023, admitted: 5 }\n"),
                ("news/a.md", "---\ntitle: A\ndate: 2024-03-01\n---\nMột.\n"),
            ],
        );
        let mut cache = ParseCache::default();
        let mut timings = Timings::default();
        let first = cache.load(&dir, &HashSet::new(), &mut timings);
        let named = |rels: &[&str]| rels.iter().map(PathBuf::from).collect::<HashSet<_>>();
        let admitted = |l: &Loaded| l.content.reports.iter().map(|r| r.admitted).collect::<Vec<_>>();

        write(&dir, "data/2.yaml", &reports(7, 2));
        let counted = cache.load(&dir, &named(&["data/2.yaml"]), &mut timings);
        assert_eq!(shown(&counted), shown(&load(&dir)));
        assert_eq!(admitted(&counted), [7, 2, 5]);
        // The other files' items are shared, not read again.
        assert!(Arc::ptr_eq(&first.content.units[0], &counted.content.units[0]));
        assert!(Arc::ptr_eq(&first.content.reports[2], &counted.content.reports[2]));

        // A report more, then a unit in the file that had none.
        write(
            &dir,
            "data/2.yaml",
            &format!("{}  - {{ unit: a, period: 2022, admitted: 4 }}\n", reports(7, 2)),
        );
        let longer = cache.load(&dir, &named(&["data/2.yaml"]), &mut timings);
        assert_eq!(shown(&longer), shown(&load(&dir)));
        assert_eq!(admitted(&longer), [7, 2, 4, 5]);
        write(
            &dir,
            "data/3.yaml",
            "units:\n  - { id: c, name: Xã C }\nreports:\n  - { unit: a, period: 2023, admitted: 5 }\n",
        );
        let unit = cache.load(&dir, &named(&["data/3.yaml"]), &mut timings);
        assert_eq!(shown(&unit), shown(&load(&dir)));
        assert_eq!(unit.content.units.len(), 3);

        write(&dir, "data/2.yaml", "reports:\n  - { unit: a, period: [2024\n");
        let broken = cache.load(&dir, &named(&["data/2.yaml"]), &mut timings);
        assert_eq!(shown(&broken), shown(&load(&dir)));
        assert_eq!((admitted(&broken), broken.problems.len()), (vec![5], 1));

        write(&dir, "data/2.yaml", &reports(1, 2));
        let mended = cache.load(&dir, &named(&["data/2.yaml"]), &mut timings);
        assert_eq!(shown(&mended), shown(&load(&dir)));
        assert_eq!(admitted(&mended), [1, 2, 5]);

        // A problem validation finds in the file saved in place is placed on its new text.
        write(&dir, "data/2.yaml", &format!("\n\n{}", reports(1, 2).replace("unit: b", "unit: zz")));
        let placed =
            crate::pipeline::check_loaded(cache.load(&dir, &named(&["data/2.yaml"]), &mut timings), &dir);
        let fresh = crate::pipeline::check_loaded(load(&dir), &dir);
        assert_eq!(placed.problems, fresh.problems);
        let place = placed.problems[0].location.to_string();
        assert!(place.ends_with("data/2.yaml:5:13"), "{place}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn collects_every_broken_item_of_a_data_file() {
        let text = "units:\n  - id: a\n    name: A\n    colour: red\nreports:\n  - unit: a\n    period: 2016\n    admitted: -1\n  - unit: a\n    period: 2017\n    admitted: 3\n";
        let parsed = parse_data(&YamlText::whole(text.into()));
        assert_eq!(parsed.units.len(), 0);
        assert_eq!(parsed.reports.len(), 1);
        assert_eq!(parsed.reports[0].origin, Origin { file: 0, item: "reports[1]".into() });
        let found: Vec<_> = parsed
            .problems
            .iter()
            .map(|p| (p.at.clone(), p.message.text(crate::model::Language::En, "FIRST")))
            .collect();
        assert_eq!(found[0].0, At::Key("units[0].colour".into()));
        assert!(found[0].1.starts_with("unknown field `colour`"), "{}", found[0].1);
        assert_eq!(found[1].0, At::Value("reports[0].admitted".into()));
        assert_eq!(found[1].1, "admitted: `-1` is negative: expected a whole number >= 0");
    }

    #[test]
    fn control_characters_are_found_as_characters_are() {
        let by_chars = |t: &str| t.char_indices().find(|&(_, c)| c.is_control() && c != '\n' && c != '\t');
        let mut rng = fastrand::Rng::with_seed(3);
        let pieces = [
            "a", "\n", "\t", "\u{0}", "\u{1f}", "\u{7f}", "\u{80}", "\u{85}", "\u{9f}", "\u{a0}", "Đ", "ễ",
            "€", "😀",
        ];
        for _ in 0..20_000 {
            let text: String = (0..rng.usize(0..8)).map(|_| pieces[rng.usize(..pieces.len())]).collect();
            assert_eq!(first_control(&text), by_chars(&text), "{text:?}");
        }
    }

    fn article_of(rel: &Path, text: &str) -> Result<Article, Failure> {
        article(rel, text, front_matter(text).as_deref()).map(|(article, _)| article)
    }

    #[test]
    fn front_matter_errors_count_the_opening_line() {
        let e = article_of(Path::new("news/a.md"), "---\ntitle: A\ndate: 2024-02-30\n---\n").unwrap_err();
        assert_eq!(e.0, At::Value("date".into()));
        assert_eq!(
            e.1.text(crate::model::Language::En, "FIRST"),
            "date: `2024-02-30` is not a date that exists: 2024-02 has 29 days"
        );
        let e = article_of(Path::new("news/a.md"), "---\ntitle: [A\n---\n").unwrap_err();
        assert_eq!(e.0, At::Pos(Position { line: 2, col: 8 }));
    }

    #[test]
    fn unsafe_body_urls_are_warnings_placed_in_the_file() {
        let text = "---\ntitle: A\ndate: 2024-01-02\n---\nĐoạn [x](javascript:alert(1)).\n\n[y]: data:x\n";
        let parsed = parse_article(Path::new("news/a.md"), text);
        assert!(parsed.article.is_some());
        let found: Vec<_> = parsed.problems.iter().map(|p| (p.severity, p.at.clone())).collect();
        let warning_at = |line, col| (crate::problem::Severity::Warning, At::Pos(Position { line, col }));
        assert_eq!(found, vec![warning_at(5, 6), warning_at(7, 1)]);
        assert_eq!(
            parsed.problems[0].message.text(crate::model::Language::En, "FIRST"),
            "URL `javascript:alert(1)` is not allowed in a link or image: only http:, https:, mailto:, \
             tel:, relative and # URLs are kept; the page shows the link's text or the image's alt text instead"
        );
    }

    #[test]
    fn article_slug_from_file_name_is_folded() {
        let a = article_of(Path::new("news/Đảng viên mới.md"), "---\ntitle: A\ndate: 2024-01-02\n---\nx")
            .unwrap();
        assert_eq!(a.slug, "dang-vien-moi");
        assert_eq!(a.date.to_string(), "2024-01-02");
    }
}
