//! Load: walking a content folder and parsing its files into typed content.
//!
//! Files are found in sorted order and parsed in parallel; every problem keeps its file
//! and position. Nothing here judges the content beyond its syntax and types: the rules
//! between values live in `validate`.

use crate::locate::Position;
use crate::model::{Article, Content, FrontMatter, Origin, Report, Site, Unit};
use crate::problem::{At, Problem};
use crate::text;
use crate::timings::Timings;
use rayon::prelude::*;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_yaml::Value;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use walkdir::WalkDir;

/// The content read from a folder, and every problem met while reading it.
#[derive(Debug, Default)]
pub struct Loaded {
    pub content: Content,
    pub problems: Vec<Problem>,
    /// False when site.yaml is missing or broken: rules that depend on it are skipped.
    pub site_read: bool,
    /// Ids of units whose entries could not be read: references to them are not
    /// reported again as unknown.
    pub unreadable_units: Vec<String>,
}

/// The files of a content folder by role, relative to it, in sorted order.
#[derive(Debug, Default)]
struct Found {
    site: Option<PathBuf>,
    data: Vec<PathBuf>,
    news: Vec<PathBuf>,
    statics: Vec<PathBuf>,
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
    units: Vec<Unit>,
    reports: Vec<Report>,
    article: Option<Article>,
    problems: Vec<Problem>,
    unreadable_units: Vec<String>,
}

/// A problem's position and message, before its file is attached.
type Failure = (At, String);

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
        (finish(dir, found, walk_problems, parsed), count)
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
    Source { rel: rel.to_path_buf(), text: read_text(dir, rel) }
}

/// site.yaml is read again on every load: it is one small file.
fn finish(dir: &Path, found: Found, walk_problems: Vec<Problem>, parsed: Vec<(PathBuf, Parsed)>) -> Loaded {
    let site = found.site.as_ref().map(|rel| read(dir, rel));
    let mut loaded = assemble(site, parsed);
    loaded.problems.extend(walk_problems);
    loaded.content.statics = found.statics;
    loaded
}

/// Parsed files kept between loads of the same folder, so that a load after an edit
/// parses only the files that changed.
#[derive(Default)]
pub struct ParseCache {
    files: HashMap<PathBuf, (Stamp, Parsed)>,
}

/// A file's size and modification time: when both are unchanged, so is the file.
type Stamp = Option<(u64, SystemTime)>;

fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

impl ParseCache {
    /// Loads `dir` as [`load`] does, parsing again only the files that are new, whose
    /// stamp changed, or that `changed` names (relative to `dir`).
    pub fn load(&mut self, dir: &Path, changed: &HashSet<PathBuf>, timings: &mut Timings) -> Loaded {
        let (found, walk_problems) = walk_timed(dir, timings);
        let parsed = timings.stage("parse", "files", || {
            let stale: Vec<(&PathBuf, Stamp)> = found
                .parsed_files()
                .map(|rel| (rel, stamp(&dir.join(rel))))
                .filter(|(rel, now)| {
                    changed.contains(*rel)
                        || self.files.get(*rel).is_none_or(|(then, _)| then != now || now.is_none())
                })
                .collect();
            let count = stale.len() + 1;
            let fresh: Vec<(PathBuf, (Stamp, Parsed))> = stale
                .into_par_iter()
                .map(|(rel, now)| (rel.clone(), (now, parse_file(&read(dir, rel)))))
                .collect();
            self.files.extend(fresh);
            let present: HashSet<&PathBuf> = found.parsed_files().collect();
            self.files.retain(|rel, _| present.contains(rel));
            let parsed = found.parsed_files().map(|rel| (rel.clone(), self.files[rel].1.clone())).collect();
            (parsed, count)
        });
        finish(dir, found, walk_problems, parsed)
    }
}

/// One content file: its path relative to the content folder and its text, or why
/// it could not be read.
pub struct Source {
    pub rel: PathBuf,
    pub text: Result<String, (At, String)>,
}

impl Source {
    pub fn new(rel: &str, text: &str) -> Source {
        Source { rel: PathBuf::from(rel), text: Ok(text.to_string()) }
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
    let mut parsed = match &source.text {
        Ok(text) if is_article(&source.rel) => parse_article(&source.rel, text),
        Ok(text) => parse_data(text),
        Err(failure) => {
            Parsed { problems: vec![failure_at(&source.rel, failure.clone())], ..Parsed::default() }
        }
    };
    for p in &mut parsed.problems {
        p.file = source.rel.clone();
    }
    parsed
}

/// Merges site.yaml and the parsed files, in the order given, into one content.
fn assemble(site: Option<Source>, parsed: Vec<(PathBuf, Parsed)>) -> Loaded {
    let mut problems = Vec::new();
    let mut content = Content::default();
    let site_rel = PathBuf::from("site.yaml");
    let site_read = match site {
        None => {
            problems.push(Problem::file_error(
                &site_rel,
                "site.yaml is missing: expected a file with at least `title` and `base_url`",
            ));
            false
        }
        Some(source) => match source.text.and_then(|t| parse_yaml::<Site>(&t, 0)) {
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

    let mut unreadable_units = Vec::new();
    for (rel, mut p) in parsed {
        let file = content.files.len();
        content.files.push(rel);
        p.units.iter_mut().for_each(|u| u.origin.file = file);
        p.reports.iter_mut().for_each(|r| r.origin.file = file);
        p.article.iter_mut().for_each(|a| a.origin.file = file);
        unreadable_units.extend(p.unreadable_units);
        content.units.extend(p.units);
        content.reports.extend(p.reports);
        content.articles.extend(p.article);
        problems.extend(p.problems);
    }
    Loaded { content, problems, site_read, unreadable_units }
}

fn failure_at(file: &Path, (at, message): Failure) -> Problem {
    Problem::error(file, at, message)
}

fn is_article(rel: &Path) -> bool {
    rel.starts_with("news")
}

fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.')
}

/// Walks the folder in sorted order, skipping hidden entries; symbolic links are
/// followed, but a link back to a folder above it is reported once and not entered.
fn walk(dir: &Path, problems: &mut Vec<Problem>) -> Found {
    let mut found = Found::default();
    let walker = WalkDir::new(dir).follow_links(true).sort_by_file_name();
    for entry in walker.into_iter().filter_entry(|e| !is_hidden(e)) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let rel = e.path().and_then(|p| p.strip_prefix(dir).ok()).unwrap_or(Path::new(""));
                problems.push(if e.loop_ancestor().is_some() {
                    Problem::warning(rel, At::Pos(Position::START), "symbolic link loop: not followed")
                } else {
                    Problem::file_error(rel, format!("cannot be read: {e}"))
                });
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path()).to_path_buf();
        classify(rel, &mut found, problems);
    }
    found
}

fn classify(rel: PathBuf, found: &mut Found, problems: &mut Vec<Problem>) {
    let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
    let ignored = |why: &str| Problem::warning(&rel, At::Pos(Position::START), format!("ignored: {why}"));
    if rel == Path::new("site.yaml") {
        found.site = Some(rel);
    } else if rel.starts_with("data") {
        match ext {
            "yaml" => found.data.push(rel),
            _ => problems.push(ignored("only .yaml files are read from data/")),
        }
    } else if rel.starts_with("news") {
        match ext {
            "md" => found.news.push(rel),
            _ => problems.push(ignored("only .md files are read from news/ (put images in static/)")),
        }
    } else if let Ok(inside) = rel.strip_prefix("static") {
        found.statics.push(inside.to_path_buf());
    }
}

/// Reads a file as UTF-8 (a leading byte-order mark is dropped).
fn read_text(dir: &Path, rel: &Path) -> Result<String, Failure> {
    let bytes = std::fs::read(dir.join(rel))
        .map_err(|e| (At::Pos(Position::START), format!("cannot be read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let col = 1 + String::from_utf8_lossy(&valid[line_start..]).chars().count();
        (At::Pos(Position { line, col }), "is not UTF-8 text: expected the file saved as UTF-8".to_string())
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Deserializes YAML whose first line is line `1 + line_offset` of its file.
///
/// serde_yaml places syntax errors well but not errors raised while converting a value
/// (a date that does not exist), so a failed parse is redone through a `Value`, which
/// names the path of the broken value for [`crate::locate`] to place.
fn parse_yaml<T: DeserializeOwned>(yaml: &str, line_offset: usize) -> Result<T, Failure> {
    serde_yaml::from_str(yaml).map_err(|e| match serde_yaml::from_str::<Value>(yaml) {
        Err(_) => yaml_failure(&e, yaml, line_offset),
        Ok(value) => match serde_path_to_error::deserialize::<_, T>(value) {
            Err(e) => item_failure("", &e),
            Ok(_) => yaml_failure(&e, yaml, line_offset),
        },
    })
}

/// The parser's error for `yaml`, whose first line is line `1 + line_offset` of its file.
fn yaml_failure(e: &serde_yaml::Error, yaml: &str, line_offset: usize) -> Failure {
    let pos = e.location().map_or(Position::START, |l| {
        Position { line: l.line(), col: l.column() }.at_most(Position::end_of(yaml))
    });
    let pos = Position { line: pos.line + line_offset, ..pos };
    let mut message = e.to_string();
    // The position leads the printed line: the parser's own copy of it, which may lie
    // past the end of the file, is left out.
    if let Some(l) = e.location() {
        message = message.replacen(&format!(" at line {} column {}", l.line(), l.column()), "", 1);
    }
    (At::Pos(pos), plain_serde_message(&message))
}

/// Hints for the YAML parser's terse messages: what to do, then its own words.
const YAML_HINTS: &[(&str, &str)] = &[
    ("mapping values are not allowed in this context", "a value that contains \": \" must be put in quotes"),
    (
        "found character that cannot start any token",
        "this character cannot start a value: put the text in quotes (and indent with spaces, not tabs)",
    ),
    ("did not find expected key", "the indentation does not line up with the fields above"),
    ("did not find expected '-' indicator", "the indentation does not line up with the list items above"),
    ("found unexpected end of stream", "a quote or bracket is not closed"),
];

/// Serde's and the YAML parser's wording, made plainer where it helps.
fn plain_serde_message(message: &str) -> String {
    if let Some((_, hint)) = YAML_HINTS.iter().find(|(raw, _)| message.contains(raw)) {
        return format!("{hint} (YAML: {message})");
    }
    message
        .replace("missing field", "missing required field")
        .replace("EOF while parsing a value", "the YAML ends where a value was expected")
}

/// The fast path parses the file straight into its types; a file with problems is
/// parsed again item by item, so that every broken item is reported, not only the first.
fn parse_data(text: &str) -> Parsed {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct DataFile {
        #[serde(default)]
        units: Vec<Unit>,
        #[serde(default)]
        reports: Vec<Report>,
    }
    match serde_yaml::from_str::<DataFile>(text) {
        Ok(mut data) => {
            for (i, unit) in data.units.iter_mut().enumerate() {
                unit.place(format!("units[{i}]"));
            }
            for (i, report) in data.reports.iter_mut().enumerate() {
                report.place(format!("reports[{i}]"));
            }
            Parsed { units: data.units, reports: data.reports, ..Parsed::default() }
        }
        Err(_) => parse_data_items(text),
    }
}

/// Parses a data file item by item. Items that fail are left out, so the indexes of
/// the kept items are set from their place in the file here, before they are lost.
fn parse_data_items(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let root: Value = match serde_yaml::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            parsed.problems.push(failure_at(Path::new(""), yaml_failure(&e, text, 0)));
            return parsed;
        }
    };
    let map = match root {
        Value::Null => return parsed,
        Value::Mapping(map) => map,
        _ => {
            parsed.problems.push(failure_at(
                Path::new(""),
                (At::Value(String::new()), "expected a mapping with `units:` and/or `reports:` lists".into()),
            ));
            return parsed;
        }
    };
    for (key, value) in map {
        match key.as_str() {
            Some("units") => {
                parsed.unreadable_units = unreadable_ids(&value);
                parsed.units = items(value, "units", &mut parsed.problems);
                parsed.unreadable_units.retain(|id| !parsed.units.iter().any(|u| &u.id == id));
            }
            Some("reports") => parsed.reports = items(value, "reports", &mut parsed.problems),
            _ => {
                let name = key.as_str().map_or_else(|| format!("{key:?}"), str::to_string);
                parsed.problems.push(failure_at(
                    Path::new(""),
                    (At::Key(name.clone()), format!("unknown field `{name}`, expected `units` or `reports`")),
                ));
            }
        }
    }
    parsed
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
            let message = format!("`{list}` must be a list (each item starting with `- `)");
            problems.push(failure_at(Path::new(""), (At::Value(list.to_string()), message)));
            return Vec::new();
        }
    };
    let mut out = Vec::with_capacity(seq.len());
    for (i, item) in seq.into_iter().enumerate() {
        let path = format!("{list}[{i}]");
        match serde_path_to_error::deserialize::<_, T>(item) {
            Ok(mut t) => {
                t.place(path);
                out.push(t);
            }
            Err(e) => problems.push(failure_at(Path::new(""), item_failure(&path, &e))),
        }
    }
    out
}

fn item_failure(item: &str, e: &serde_path_to_error::Error<serde_yaml::Error>) -> Failure {
    let field = e.path().to_string();
    let field = if field == "." { String::new() } else { field };
    let message = plain_serde_message(&e.inner().to_string());
    let full = match (item.is_empty(), field.is_empty()) {
        (_, true) => item.to_string(),
        (true, false) => field.clone(),
        (false, false) => format!("{item}.{field}"),
    };
    if message.starts_with("unknown field") {
        (At::Key(full), message)
    } else if field.is_empty() {
        (At::Value(full), message)
    } else {
        (At::Value(full), format!("{field}: {message}"))
    }
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
    let mut parsed = Parsed::default();
    match article(rel, text) {
        Ok(article) => parsed.article = Some(article),
        Err(failure) => parsed.problems.push(failure_at(rel, failure)),
    }
    parsed
}

fn article(rel: &Path, text: &str) -> Result<Article, Failure> {
    let start = At::Pos(Position::START);
    let Some((yaml, body)) = split_front_matter(text) else {
        let message = if text.starts_with("---") {
            "front matter is not closed: expected a line `---` after its YAML"
        } else {
            "missing front matter: expected the file to start with a `---` line, the YAML \
             fields (title, date…), and another `---` line"
        };
        return Err((start, message.to_string()));
    };
    if yaml.trim().is_empty() {
        return Err((start, "front matter is empty: expected at least `title` and `date`".into()));
    }
    let front: FrontMatter = parse_yaml(yaml, 1)?;
    let stem = rel.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let (written, at) = match &front.slug {
        Some(slug) => (slug.clone(), At::Value("slug".into())),
        None => (stem, start),
    };
    let slug = text::slug(&written).ok_or_else(|| {
        (at, format!("slug `{written}` cannot be part of a URL: expected letters, digits, spaces or `-`"))
    })?;
    Ok(Article {
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
        origin: Origin::default(),
    })
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

    #[test]
    fn collects_every_broken_item_of_a_data_file() {
        let text = "units:\n  - id: a\n    name: A\n    colour: red\nreports:\n  - unit: a\n    period: 2016\n    admitted: -1\n  - unit: a\n    period: 2017\n    admitted: 3\n";
        let parsed = parse_data(text);
        assert_eq!(parsed.units.len(), 0);
        assert_eq!(parsed.reports.len(), 1);
        assert_eq!(parsed.reports[0].origin, Origin { file: 0, item: "reports[1]".into() });
        let found: Vec<_> = parsed.problems.iter().map(|p| (p.at.clone(), p.message.clone())).collect();
        assert_eq!(found[0].0, At::Key("units[0].colour".into()));
        assert!(found[0].1.starts_with("unknown field `colour`"));
        assert_eq!(found[1].0, At::Value("reports[0].admitted".into()));
        assert_eq!(found[1].1, "admitted: -1 is negative: expected a whole number >= 0");
    }

    #[test]
    fn errors_at_the_end_of_the_stream_stay_inside_the_file() {
        // The parser places this error on line 5, which the text does not have.
        let parsed = parse_data("units:\n  - id: a\n    name: A\nbbb");
        let problem = &parsed.problems[0];
        assert_eq!(problem.at, At::Pos(Position { line: 4, col: 4 }));
        assert_eq!(
            problem.message,
            "could not find expected ':', while scanning a simple key at line 4 column 1"
        );
    }

    #[test]
    fn front_matter_errors_count_the_opening_line() {
        let e = article(Path::new("news/a.md"), "---\ntitle: A\ndate: 2024-02-30\n---\n").unwrap_err();
        assert_eq!(e.0, At::Value("date".into()));
        assert_eq!(
            e.1,
            "date: 2024-02-30 is not a date that exists (a time may follow, e.g. 2024-05-04 14:30)"
        );
        let e = article(Path::new("news/a.md"), "---\ntitle: [A\n---\n").unwrap_err();
        assert_eq!(e.0, At::Pos(Position { line: 2, col: 8 }));
    }

    #[test]
    fn article_slug_from_file_name_is_folded() {
        let a =
            article(Path::new("news/Đảng viên mới.md"), "---\ntitle: A\ndate: 2024-01-02\n---\nx").unwrap();
        assert_eq!(a.slug, "dang-vien-moi");
        assert_eq!(a.date.to_string(), "2024-01-02");
    }
}
