//! Routes: the one place every output path comes from (SPEC §8).
//!
//! Unit ids, article slugs and tag slugs are `[a-z0-9-]+`, so paths cannot collide by
//! construction: list pages sit at the top of the site under fixed names (`units.html`,
//! `news.html`, `news-2.html`, `tags.html`, `data.html`; the bulletin to share,
//! `bulletin.pdf` and `bulletin.html`), each item in its kind's folder
//! (`units/{id}.html`, `news/{slug}.html`, `tags/{slug}.html`, a tag's later pages in
//! `tags/{slug}/page-N.html`), a unit's news in the unit's own folder
//! (`units/{id}/news.html`, `units/{id}/news-N.html`), a month of news in the archive
//! (`archive/2024-10.html`, `archive/2024-10/page-N.html`), and a chart's name joins its
//! parts with `_`, which no id and no [`period_key`] contains (its narrow drawing has a
//! folder of its own). Static files are the one source that could still land on a
//! generated path: [`static_conflicts`] makes that a located error. The search page is
//! `search.html`, its script `assets/search.js`, and nothing but the search index is
//! written in [`SEARCH_INDEX`].

use crate::catalog::problems::Msg;
use crate::model::Unit;
use crate::problem::Problem;
use crate::resolve::Bulletin;
use crate::resolve::lists::{Lists, Month};
use rayon::prelude::*;
use rustc_hash::FxHashSet;
use std::path::Path;
use std::sync::Arc;

pub const FRONT: &str = "index.html";
pub const UNITS: &str = "units.html";
pub const TAGS: &str = "tags.html";
pub const DATA: &str = "data.html";
pub const NOT_FOUND: &str = "404.html";
pub const FEED: &str = "feed.xml";
pub const SITEMAP: &str = "sitemap.xml";
/// The most addresses one sitemap file may list (the sitemap protocol's limit). A site
/// with more has its addresses in parts, and [`SITEMAP`] is the index of the parts.
pub const SITEMAP_URLS: usize = 50_000;
pub const ROBOTS: &str = "robots.txt";
pub const STYLE: &str = "assets/style.css";
pub const JSON: &str = "data/indicators.json";
pub const CSV: &str = "data/indicators.csv";
/// The bulletin to share: A4 PDF, and one self-contained HTML file.
pub const BULLETIN_PDF: &str = "bulletin.pdf";
pub const BULLETIN_HTML: &str = "bulletin.html";
/// The indicators as a workbook, for spreadsheet programs in any locale.
pub const XLSX: &str = "data/indicators.xlsx";
/// The search page, where the search box of every page leads, and its script.
pub const SEARCH: &str = "search.html";
pub const SCRIPT: &str = "assets/search.js";
/// The folder of the search index: shards named by a prefix of their terms
/// (`[a-z0-9]+`), the other files by a name that starts with `_`.
pub const SEARCH_INDEX: &str = "search";
/// The folder of the charts; its names are known only once the charts are chosen.
pub const CHARTS: &str = "charts";
/// The site's icon when `static/` gives none.
pub const FAVICON: &str = "assets/favicon.svg";
/// A site's own icon, from `static/`.
pub const STATIC_FAVICON: &str = "favicon.svg";

/// Articles per page of the news list and of each tag.
pub const PER_PAGE: usize = 20;

/// A page, or a file made like one, by what it shows.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageId {
    Front,
    Units,
    Data,
    NotFound,
    Unit(String),
    Article(String),
    /// A page of the news list, from 1.
    News(usize),
    Tags,
    /// A page of one tag's list: the tag's slug and the page, from 1.
    Tag(String, usize),
    /// A page of the news naming a unit: its id and the page, from 1.
    UnitNews(String, usize),
    /// A page of one month's news.
    Month(Month, usize),
    Feed,
    /// The sitemap: 0 for [`SITEMAP`] (every address, or the index of the parts when
    /// there are more than [`SITEMAP_URLS`]), `n` for its part `n`.
    Sitemap(usize),
    Robots,
    Style,
    /// The built-in icon.
    Favicon,
    /// The bulletin to share as one HTML file.
    Bulletin,
    Search,
    /// The search page's script.
    Script,
}

impl PageId {
    /// The template that renders the page: the one place that says so, for rendering
    /// and for knowing which pages a changed template touches.
    pub fn template(&self) -> &'static str {
        match self {
            PageId::Front => "index.html",
            PageId::Units => "units.html",
            PageId::Data => "data.html",
            PageId::NotFound => "404.html",
            PageId::Unit(_) => "unit.html",
            PageId::Article(_) => "article.html",
            PageId::News(_) => "news.html",
            PageId::Tags => "tags.html",
            PageId::Tag(..) => "tag.html",
            PageId::UnitNews(..) => "unit_news.html",
            PageId::Month(..) => "month.html",
            PageId::Feed => "feed.xml",
            PageId::Sitemap(_) => "sitemap.xml",
            PageId::Robots => "robots.txt",
            PageId::Style => "style.css",
            PageId::Favicon => "favicon.svg",
            PageId::Bulletin => "bulletin.html",
            PageId::Search => "search.html",
            PageId::Script => "search.js",
        }
    }

    /// The folder the page is written in, named without making its path, for the
    /// pages of units, articles and lists, which are nearly all; `None` for the rest.
    pub fn folder(&self) -> Option<&'static str> {
        match self {
            PageId::Unit(_) | PageId::UnitNews(..) => Some("units"),
            PageId::Article(_) => Some("news"),
            PageId::Tag(..) => Some("tags"),
            PageId::Month(..) => Some("archive"),
            _ => None,
        }
    }

    /// Where the page is written, relative to the site's root.
    pub fn path(&self) -> String {
        match self {
            PageId::Front => FRONT.into(),
            PageId::Units => UNITS.into(),
            PageId::Data => DATA.into(),
            PageId::NotFound => NOT_FOUND.into(),
            PageId::Unit(id) => unit(id),
            PageId::Article(slug) => article(slug),
            PageId::News(n) => news(*n),
            PageId::Tags => TAGS.into(),
            PageId::Tag(slug, n) => tag(slug, *n),
            PageId::UnitNews(id, n) => unit_news(id, *n),
            PageId::Month(m, n) => month(m, *n),
            PageId::Feed => FEED.into(),
            PageId::Sitemap(part) => sitemap(*part),
            PageId::Robots => ROBOTS.into(),
            PageId::Style => STYLE.into(),
            PageId::Favicon => FAVICON.into(),
            PageId::Bulletin => BULLETIN_HTML.into(),
            PageId::Search => SEARCH.into(),
            PageId::Script => SCRIPT.into(),
        }
    }
}

pub fn unit(id: &str) -> String {
    format!("units/{id}.html")
}

pub fn article(slug: &str) -> String {
    format!("news/{slug}.html")
}

/// Page `n` (from 1) of the news list.
pub fn news(n: usize) -> String {
    match n {
        1 => "news.html".into(),
        n => format!("news-{n}.html"),
    }
}

/// Page `n` (from 1) of a tag's list.
pub fn tag(slug: &str, n: usize) -> String {
    match n {
        1 => format!("tags/{slug}.html"),
        n => format!("tags/{slug}/page-{n}.html"),
    }
}

/// Page `n` (from 1) of the news naming a unit.
pub fn unit_news(id: &str, n: usize) -> String {
    match n {
        1 => format!("units/{id}/news.html"),
        n => format!("units/{id}/news-{n}.html"),
    }
}

/// Page `n` (from 1) of a month's news.
pub fn month(m: &Month, n: usize) -> String {
    match n {
        1 => format!("archive/{}.html", m.key()),
        n => format!("archive/{}/page-{n}.html", m.key()),
    }
}

/// How many pages a list of `articles` takes: at least one.
pub fn page_count(articles: usize) -> usize {
    articles.div_ceil(PER_PAGE).max(1)
}

/// A chart's name (file stem and SVG id prefix): its kind, then the unit it belongs to
/// (none for the top-level units side by side), then its period's [`period_key`].
pub fn chart_name(kind: &str, unit: Option<&str>, period: Option<&str>) -> String {
    let mut name = kind.to_string();
    for part in [unit.map(str::to_string), period.map(period_key)].into_iter().flatten() {
        name.push('_');
        name.push_str(&part);
    }
    name
}

/// The unit a chart's file may belong to, read back from its path as [`chart`],
/// [`narrow_chart`], [`chart_csv`] or [`chart_xlsx`] wrote it: the part of its
/// [`chart_name`] after the kind. A chart of no unit has the start of its
/// [`period_key`] there, which can read as a unit id (`achievement_2024`): a caller
/// looks the part up among its units and, not finding the file there, among the
/// charts of no unit.
#[cfg(any(feature = "serve", test))]
pub fn chart_unit(path: &str) -> Option<&str> {
    let file = path.strip_prefix(CHARTS)?.strip_prefix('/')?;
    let file = file.strip_prefix("narrow/").unwrap_or(file);
    // Kinds and unit ids have neither `_` nor `.`; a period key has no `_`.
    let (_kind, rest) = file.split_once('_')?;
    Some(rest.split(['_', '.']).next().unwrap_or(rest)).filter(|part| !part.is_empty())
}

/// A file of the search index, by its name without `.js`.
pub fn search_file(name: &str) -> String {
    format!("{SEARCH_INDEX}/{name}.js")
}

pub fn chart(name: &str) -> String {
    format!("{CHARTS}/{name}.svg")
}

/// A chart's narrow drawing, for phones, in a folder of its own inside [`CHARTS`]:
/// chart names have no `/`, so no chart file can land there.
pub fn narrow_chart(name: &str) -> String {
    format!("{CHARTS}/narrow/{name}.svg")
}

/// A chart's table as CSV, beside its SVG: chart names are unique, and nothing but
/// charts is written in [`CHARTS`].
pub fn chart_csv(name: &str) -> String {
    format!("{CHARTS}/{name}.csv")
}

/// A chart's table as a workbook, beside its SVG.
pub fn chart_xlsx(name: &str) -> String {
    format!("{CHARTS}/{name}.xlsx")
}

/// A period label as a file-name part, different for every label: `[a-z0-9-]` is
/// kept and every other byte is written `.xx` (hex), so "2015-2020" stays as it is and
/// "Quý I/2024" and "quy i 2024" stay apart.
pub fn period_key(label: &str) -> String {
    let mut key = String::with_capacity(label.len());
    for b in label.bytes() {
        match b {
            b'a'..=b'z' | b'0'..=b'9' | b'-' => key.push(b as char),
            other => key.push_str(&format!(".{other:02x}")),
        }
    }
    key
}

/// [`SITEMAP`], or its part `n` (from 1): `sitemap-2.xml`.
pub fn sitemap(part: usize) -> String {
    if part == 0 { SITEMAP.into() } else { format!("sitemap-{part}.xml") }
}

/// The pages a sitemap lists first, before each unit, published article, tag and month
/// (the first page of each list).
pub fn sitemap_head() -> [String; 5] {
    [FRONT.into(), UNITS.into(), news(1), TAGS.into(), DATA.into()]
}

/// How many addresses the sitemap lists (see [`sitemap_head`]).
pub fn sitemap_len(units: usize, articles: usize, tags: usize, months: usize) -> usize {
    sitemap_head().len() + units + articles + tags + months
}

/// How many parts a sitemap of `len` addresses is written in: none when one file
/// holds them all.
pub fn sitemap_parts(len: usize) -> usize {
    if len > SITEMAP_URLS { len.div_ceil(SITEMAP_URLS) } else { 0 }
}

/// Every page of a site but for the charts: its [`unit_pages`], its [`article_pages`]
/// and the pages of the whole site, with the sitemap in `sitemap_parts` parts.
pub(crate) fn pages(units: Vec<PageId>, articles: Vec<PageId>, sitemap_parts: usize) -> Vec<PageId> {
    let mut ids = Vec::with_capacity(units.len() + articles.len() + 13 + sitemap_parts);
    ids.extend([PageId::Front, PageId::Units, PageId::Data, PageId::NotFound, PageId::Tags]);
    ids.extend(units);
    ids.extend(articles);
    ids.extend([PageId::Feed, PageId::Robots, PageId::Style, PageId::Bulletin]);
    ids.extend((0..=sitemap_parts).map(PageId::Sitemap));
    ids.extend([PageId::Search, PageId::Script, PageId::Favicon]);
    ids
}

/// A page for each unit.
pub(crate) fn unit_pages(units: &[Arc<Unit>]) -> Vec<PageId> {
    units.iter().map(|u| PageId::Unit(u.id.clone())).collect()
}

/// A page for each published article, then the pages of their lists.
pub(crate) fn article_pages(lists: &Lists) -> Vec<PageId> {
    let mut ids: Vec<PageId> = lists.published.iter().map(|a| PageId::Article(a.slug.clone())).collect();
    ids.extend(lists.pages());
    ids
}

/// Static files that would land on a generated file or folder: a located error each.
pub fn static_conflicts(bulletin: &Bulletin) -> Vec<Problem> {
    let statics = &bulletin.content.statics;
    if statics.is_empty() {
        return Vec::new();
    }
    // Only a generated path that begins as a static file does can meet it.
    let firsts: FxHashSet<String> =
        statics.iter().map(|rel| first_part(&crate::text::slashed(rel)).to_string()).collect();
    let mut files: FxHashSet<String> = bulletin
        .pages
        .par_iter()
        .filter(|id| id.folder().is_none_or(|folder| firsts.contains(folder)))
        .map(PageId::path)
        .filter(|path| firsts.contains(first_part(path)))
        .collect();
    files.extend([JSON, CSV, XLSX, BULLETIN_PDF, crate::write::MARK].map(String::from));
    let folders: FxHashSet<&str> =
        files.iter().flat_map(|f| ancestors(f)).chain([CHARTS, SEARCH_INDEX]).collect();
    statics
        .iter()
        .filter_map(|rel| {
            let path = crate::text::slashed(rel);
            let message = if files.contains(&path) {
                Msg::StaticOverFile { path }
            } else if folders.contains(path.as_str()) {
                Msg::StaticOverFolder { path }
            } else if let Some(file) = ancestors(&path).find(|a| files.contains(*a)) {
                Msg::StaticUnderFile { file: file.to_string(), path: path.clone() }
            } else if path.starts_with(&format!("{CHARTS}/")) {
                Msg::StaticInCharts { path }
            } else if path.starts_with(&format!("{SEARCH_INDEX}/")) {
                Msg::StaticInSearch { path }
            } else {
                return None;
            };
            Some(Problem::file_error(Path::new("static").join(rel), message))
        })
        .collect()
}

/// `a/b/c.html` → `a`; `c.html` → `c.html`.
fn first_part(path: &str) -> &str {
    path.split('/').next().unwrap_or(path)
}

/// `a/b/c.html` → `a/b`, `a`.
fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(|(i, _)| &path[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_s_folder_is_the_first_part_of_its_path() {
        let m = Month { year: 2024, month: 5 };
        let pages = [
            PageId::Unit("a".into()),
            PageId::UnitNews("a".into(), 2),
            PageId::Article("b".into()),
            PageId::Tag("c".into(), 1),
            PageId::Tag("c".into(), 3),
            PageId::Month(m, 1),
            PageId::Month(m, 2),
            PageId::News(2),
            PageId::Front,
            PageId::Style,
        ];
        for id in pages {
            let path = id.path();
            let folder = path.split_once('/').map(|(folder, _)| folder);
            // A page may say no folder (its path is then made), never a wrong one.
            assert!(id.folder().is_none_or(|f| Some(f) == folder), "{id:?} at {path}");
        }
        assert_eq!(PageId::Month(m, 1).folder(), Some("archive"));
    }

    #[test]
    fn list_pages_never_share_a_name_with_an_item() {
        assert_eq!(unit("index"), "units/index.html");
        assert_ne!(unit("index"), PageId::Units.path());
        assert_eq!(article("page-2"), "news/page-2.html");
        assert_eq!(news(2), "news-2.html");
        assert_eq!(tag("index", 1), "tags/index.html");
        assert_ne!(tag("index", 1), TAGS);
        assert_eq!(tag("nu", 2), "tags/nu/page-2.html");
        assert_ne!(tag("nu", 2), tag("nu-page-2", 1));
        assert_eq!(unit("search"), "units/search.html");
        assert_ne!(unit("search"), PageId::Search.path());
        assert_eq!(search_file("da"), "search/da.js");
        assert_ne!(search_file("_index"), search_file("index"));
        assert_eq!(unit_news("ba-tri", 2), "units/ba-tri/news-2.html");
        assert_ne!(unit_news("news", 1), unit("news"));
        let october = Month { year: 2024, month: 10 };
        assert_eq!(month(&october, 1), "archive/2024-10.html");
        assert_eq!(month(&october, 3), "archive/2024-10/page-3.html");
    }

    #[test]
    fn chart_names_keep_their_parts_apart() {
        assert_eq!(chart_name("achievement", Some("x"), Some("2015-2020")), "achievement_x_2015-2020");
        assert_ne!(
            chart_name("achievement", Some("x"), Some("2015-2020")),
            chart_name("achievement", Some("x-2015"), Some("2020"))
        );
        assert_eq!(chart_name("achievement", None, Some("2024")), "achievement_2024");
        assert_ne!(
            chart_name("achievement", None, Some("2024")),
            chart_name("achievement", Some("top"), Some("2024"))
        );
        assert_eq!(chart_name("admissions", Some("ba-tri"), None), "admissions_ba-tri");
        assert_eq!(chart("admissions_ba-tri"), "charts/admissions_ba-tri.svg");
        assert_eq!(narrow_chart("admissions_ba-tri"), "charts/narrow/admissions_ba-tri.svg");
        assert_eq!(chart_csv("admissions_ba-tri"), "charts/admissions_ba-tri.csv");
        assert_eq!(chart_xlsx("admissions_ba-tri"), "charts/admissions_ba-tri.xlsx");
    }

    #[test]
    fn a_chart_file_names_the_unit_it_was_named_for() {
        let periods =
            [None, Some("2024"), Some("2015-2020"), Some("Quý I/2024"), Some("q1_2024"), Some("2024.1")];
        for kind in ["achievement", "admissions", "composition", "progress", "training"] {
            for unit in ["a", "ba-tri", "x-2015", "2024"] {
                for period in periods {
                    let name = chart_name(kind, Some(unit), period);
                    for path in [chart(&name), narrow_chart(&name), chart_csv(&name), chart_xlsx(&name)] {
                        assert_eq!(chart_unit(&path), Some(unit), "{path}");
                    }
                }
            }
        }
        // A chart of no unit: the start of its period key, where it has one.
        let front = |period| chart(&chart_name("achievement", None, Some(period)));
        assert_eq!(chart_unit(&front("2024")), Some("2024"));
        assert_eq!(chart_unit(&front("2015-2020")), Some("2015-2020"));
        assert_eq!(chart_unit(&front("Quý I/2024")), None);
        assert_eq!(chart_unit(&front("q1_2024")), Some("q1"));
        assert_eq!(chart_unit(&front("2024.1")), Some("2024"));
        assert_eq!(chart_unit("charts/achievement.svg"), None);
        assert_eq!(chart_unit("assets/achievement_a.svg"), None);
    }

    #[test]
    fn period_keys_differ_for_labels_that_fold_alike() {
        assert_eq!(period_key("2015-2020"), "2015-2020");
        assert_eq!(period_key("Quý I/2024"), ".51u.c3.bd.20.49.2f2024");
        assert_ne!(period_key("Quý I/2024"), period_key("quy i 2024"));
        assert_ne!(period_key("a b"), period_key("a.20b"));
    }
}
