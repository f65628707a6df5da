//! Render: every page of SPEC §8 through the tera templates of the theme.
//!
//! Pages are described as views (plain data for the templates) and rendered in
//! parallel; links are relative to each page, so the site works under any sub-path
//! and from disk.

pub(crate) mod bulletin;
pub(crate) mod datafiles;
pub mod markdown;
pub(crate) mod search;
pub(crate) mod theme;

use crate::catalog::{self, Labels, Words};
use crate::compute::indicators::{Figures, Focus, Indicators, Standing, TargetFigures};
use crate::compute::points::{self, Writer};
use crate::compute::reads::{Computed, Reader, Reads};
use crate::locale::Locale;
use crate::model::{Article, Category, Content};
use crate::resolve::Bulletin;
use crate::write::OutputFile;
use crate::{text, url};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;
use tera::{Context, Kwargs, State, Tera};
use theme::{TemplateError, Templates};

/// Articles in the feed.
const FEED_SIZE: usize = 20;
/// Latest news on the front page.
const NEWS_ON_FRONT: usize = 5;
/// Composition categories on each headline card.
const HEADLINE_CATEGORIES: usize = 4;

use crate::charts::by_page::{ChartsByPage, chart_path};
use crate::resolve::lists::ListId;
use crate::resolve::routes;
pub use crate::resolve::routes::{PER_PAGE, PageId};

mod list;
mod unit;

pub(crate) use unit::figure_in_words;

/// One page to render: its template, its path in the output and its own data.
struct Page {
    title: String,
    section: &'static str,
    /// The page's own data, converted for the templates.
    data: tera::Value,
    /// Values added to `data` by key: values converted for the templates once for many
    /// pages (lists of articles: an article appears on many pages; the news archive), and
    /// texts made outside the page's view (the shared bulletin's icon).
    added: Vec<(&'static str, tera::Value)>,
}

impl Page {
    /// A page whose data is any serializable view (a JSON object or a typed view).
    fn new(title: String, section: &'static str, data: &impl Serialize) -> Page {
        let data = tera::Value::from_serializable(data);
        Page { title, section, data, added: Vec::new() }
    }

    /// The page with `value` added to its data as `key`.
    fn with(mut self, key: &'static str, value: impl Into<tera::Value>) -> Page {
        self.added.push((key, value.into()));
        self
    }

    /// The page's data for the templates, the added values included.
    fn value(self) -> tera::Value {
        if self.added.is_empty() {
            return self.data;
        }
        let mut fields = self.data.into_map().unwrap_or_default();
        fields.extend(self.added.into_iter().map(|(key, v)| (key.into(), v)));
        tera::Value::from(fields)
    }
}

/// A computed site: what the pages are made from.
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    pub bulletin: &'a Bulletin<'a>,
    pub ind: &'a Indicators,
    pub focus: &'a Focus,
    pub templates: &'a Templates,
}

impl<'a> Inputs<'a> {
    pub(crate) fn computed(&self) -> Computed<'a> {
        Computed { b: self.bulletin, ind: self.ind, focus: self.focus }
    }
}

/// One page or file rendered, with what it was made from (see [`crate::compute::reads`]).
pub struct Rendered {
    pub id: PageId,
    pub file: OutputFile,
    pub reads: Reads,
}

/// Renders the pages, the feed, the sitemap, robots.txt and the stylesheet, in no
/// particular order, each with what it was made from; with `only`, just the pages it
/// names.
pub fn render(
    site: Inputs,
    charts: &ChartsByPage,
    only: Option<&BTreeSet<PageId>>,
) -> Result<Vec<Rendered>, RenderError> {
    let files = std::sync::Mutex::new(Vec::new());
    let keep = |id: &PageId, file: OutputFile, reads: Reads| {
        let rendered = Rendered { id: id.clone(), file, reads };
        files.lock().unwrap_or_else(|e| e.into_inner()).push(rendered);
        Ok(())
    };
    let tera = compile(site.bulletin.content, site.templates)?;
    render_each(site, &tera, charts, only, Emit::Noted(&keep))?;
    Ok(files.into_inner().unwrap_or_else(|e| e.into_inner()))
}

/// Why rendering stopped.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// A rendered file could not be handed on: its path and why.
    #[error("{path}: {source}")]
    Write { path: String, source: std::io::Error },
}

/// Where rendered files go: a build writes them; the preview keeps them with what each
/// was made from.
#[derive(Clone, Copy)]
pub enum Emit<'e> {
    File(&'e (dyn Fn(&PageId, OutputFile) -> std::io::Result<()> + Sync)),
    Noted(&'e (dyn Fn(&PageId, OutputFile, Reads) -> std::io::Result<()> + Sync)),
}

/// Renders each page with `tera` (see [`compile`]) and hands it to `emit` as soon as it
/// is made, in parallel, so a build never holds the whole site in memory. Returns how
/// many files were made.
pub fn render_each(
    inputs: Inputs,
    tera: &Tera,
    charts: &ChartsByPage,
    only: Option<&BTreeSet<PageId>>,
    emit: Emit,
) -> Result<usize, RenderError> {
    let pages = Pages::new(inputs, tera);
    let ids: Vec<&PageId> = match only {
        Some(set) => set.iter().filter(|id| pages.site.exists(id)).collect(),
        None => inputs.bulletin.pages.iter().collect(),
    };
    pages.each(&ids, charts, emit)
}

/// The pages of one computed site, rendered with `tera` whenever asked, sharing the
/// site's views: a build renders each unit's page as soon as its charts are drawn.
pub struct Pages<'a> {
    inputs: Inputs<'a>,
    tera: &'a Tera,
    site: SiteView<'a>,
}

impl<'a> Pages<'a> {
    pub fn new(inputs: Inputs<'a>, tera: &'a Tera) -> Pages<'a> {
        Pages { inputs, tera, site: SiteView::new(inputs.computed()) }
    }

    /// Renders the pages `ids`, in parallel, with `charts` (those of the pages named are
    /// enough), and hands each to `emit` as soon as it is made: how many were made.
    pub fn each(&self, ids: &[&PageId], charts: &ChartsByPage, emit: Emit) -> Result<usize, RenderError> {
        let noting = matches!(emit, Emit::Noted(_));
        ids.par_iter().try_for_each(|id| {
            let page = PageView { site: &self.site, r: self.inputs.computed().reader(noting) };
            let file = page.file(id, self.tera, self.inputs.templates, charts)?;
            let path = file.path.clone();
            let emitted = match emit {
                Emit::File(emit) => emit(id, file),
                Emit::Noted(emit) => emit(id, file, page.r.into_reads()),
            };
            emitted.map_err(|source| RenderError::Write { path, source })
        })?;
        Ok(ids.len())
    }
}

/// A unit as pages link to it.
#[derive(Serialize)]
struct UnitRef<'a> {
    id: &'a str,
    name: &'a str,
    kind: Option<&'a str>,
    url: String,
}

#[derive(Serialize)]
struct SourceView<'a> {
    title: &'a str,
    url: String,
    external: bool,
}

#[derive(Serialize)]
struct PeriodView<'a> {
    label: &'a str,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    /// The period as a heading: `Năm 2024`, `Giai đoạn 2015-2020`, `Kỳ họp 23/02/2021`.
    title: String,
}

/// A target's figures with its standing and its size in words.
#[derive(Clone, Serialize)]
struct TargetView<'a> {
    #[serde(flatten)]
    figures: &'a TargetFigures,
    /// The whole people it asks for: `246`, `167–221`.
    people: String,
    /// A rate target's rate: `3–4% số đảng viên đầu kỳ`.
    rate: Option<String>,
    /// `exceeded`, `achieved`, `on_pace`, `behind_pace`, `behind`: the badge's class.
    standing: &'static str,
    status_label: String,
}

/// A year's change: on the same span of the previous year, or on the whole previous year.
#[derive(Serialize)]
struct ChangeView<'a> {
    #[serde(flatten)]
    change: &'a crate::compute::indicators::Change,
    /// `So với cùng kỳ năm trước` or `So với năm trước`.
    label: &'static str,
    /// `năm trước tính đến 31/03/2023`.
    previous_note: String,
}

/// Ranks as pages print them: `2/5`, or none where only one unit was ranked.
#[derive(Serialize)]
struct RankView {
    admitted: Option<String>,
    achievement: Option<String>,
}

#[derive(Serialize)]
struct CompositionView {
    key: String,
    label: String,
    count: u64,
    share_pct: Option<f64>,
}

/// One report's figures as the templates see them: typed, so that a page's data is
/// converted for the templates in one pass.
#[derive(Serialize)]
struct FiguresView<'a> {
    unit: UnitRef<'a>,
    period: PeriodView<'a>,
    as_of: chrono::NaiveDate,
    latest: bool,
    derived: bool,
    admitted: u64,
    targets: Vec<TargetView<'a>>,
    first_target: Option<TargetView<'a>>,
    composition: Vec<CompositionView>,
    members: Option<u64>,
    members_at_start: Option<u64>,
    admission_rate_pct: Option<f64>,
    organizations: Option<u64>,
    training: &'a crate::model::Training,
    has_training: bool,
    conversion_pct: Option<f64>,
    confirmed: Option<u64>,
    change: Option<ChangeView<'a>>,
    /// A year's latest figure with no figure of the same span a year earlier.
    no_comparable: bool,
    rank: RankView,
    /// A derived figure's mark: `Σ 3/4 đơn vị`.
    summed: Option<String>,
    /// Said beside a headline summed from fewer children than the unit has.
    partial_sum: Option<String>,
    source: Option<SourceView<'a>>,
    note: Option<&'a str>,
}

/// The children of one unit (or the units side by side) in one period, ranked: by
/// achievement those with a target, apart those without, and all by admissions.
#[derive(Serialize)]
struct RankingView<'a> {
    by_achievement: Vec<FiguresView<'a>>,
    without_target: Vec<FiguresView<'a>>,
    by_admitted: Vec<FiguresView<'a>>,
}

/// The composition categories of the front page's headline cards, chosen once for the
/// page so that the cards compare: the (at most four) that most cards give a share of,
/// in display order; a card without one shows a dash.
fn headline_categories<'c>(categories: &'c [Category], cards: &[&Figures]) -> Vec<&'c Category> {
    let given = |key: &str| {
        cards.iter().filter(|f| f.composition.get(key).and_then(|s| s.share_pct).is_some()).count()
    };
    let mut chosen: Vec<(usize, usize, &Category)> = categories
        .iter()
        .enumerate()
        .map(|(i, c)| (given(&c.key), i, c))
        .filter(|(n, _, _)| *n > 0)
        .collect();
    chosen.sort_by_key(|&(n, i, _)| (std::cmp::Reverse(n), i));
    chosen.truncate(HEADLINE_CATEGORIES);
    chosen.sort_by_key(|&(_, i, _)| i);
    chosen.into_iter().map(|(_, _, c)| c).collect()
}

/// The relative prefix from a page back to the site's root: `../` per folder.
fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

fn render_page(
    tera: &Tera,
    site: &SiteView,
    id: &PageId,
    page: Page,
    templates: &Templates,
) -> Result<OutputFile, TemplateError> {
    let mut ctx = Context::new();
    let path = id.path();
    // The 404 page is served at any depth, so its links start from the site's path.
    let root = if *id == PageId::NotFound { site.base_path.clone() } else { root_of(&path) };
    ctx.insert("root", &root);
    ctx.insert("page_path", &path);
    ctx.insert("page_url", &format!("{}{}", site.base_url, path));
    ctx.insert("page_title", &page.title);
    ctx.insert("section", page.section);
    ctx.insert_value("page", page.value());
    let html = render_bytes(tera, id.template(), &ctx, templates)?;
    Ok(OutputFile::new(path, html))
}

/// Renders into bytes: the templates and the values are UTF-8 already, so the
/// output is not checked again as a `String` would be.
fn render_bytes(
    tera: &Tera,
    template: &str,
    ctx: &Context,
    templates: &Templates,
) -> Result<Vec<u8>, TemplateError> {
    let mut out = Vec::new();
    tera.render_to(template, ctx, &mut out).map_err(|e| theme::template_error(&e, templates))?;
    Ok(out)
}

/// A file of the theme written as it is (the stylesheet, the search page's script).
/// The theme's icon as a `data:` URL, for the bulletin that travels as one file: it
/// asks for nothing outside itself, and a page naming no icon makes browsers ask the
/// server for `/favicon.ico`.
fn icon_data_url(templates: &Templates) -> String {
    let svg = templates.get(PageId::Favicon.template()).map_or("", |t| t.text.as_str());
    let encoded = percent_encoding::utf8_percent_encode(svg, percent_encoding::NON_ALPHANUMERIC);
    format!("data:image/svg+xml,{encoded}")
}

fn asset(templates: &Templates, id: &PageId) -> OutputFile {
    OutputFile::new(id.path(), templates.get(id.template()).map(|t| t.text.clone()).unwrap_or_default())
}

fn render_xml(
    tera: &Tera,
    id: &PageId,
    data: &impl Serialize,
    templates: &Templates,
) -> Result<OutputFile, TemplateError> {
    let mut ctx = Context::new();
    ctx.insert("page", data);
    let xml = render_bytes(tera, id.template(), &ctx, templates)?;
    Ok(OutputFile::new(id.path(), xml))
}

/// A tera instance with the theme, the locale's filters and the site-wide data.
/// The templates compiled, with the site's filters and globals: a build does this
/// before it draws a chart, so that a template error costs no drawing. Its error reads
/// `file:line:col: template error: message`.
pub fn compile(content: &Content, templates: &Templates) -> Result<Tera, TemplateError> {
    let mut tera = Tera::new();
    let locale = Locale::new(content.site.language);
    let decimals = usize::from(content.site.percent_decimals);
    tera.register_filter("num", move |v: &tera::Value, _: Kwargs, _: &State| {
        whole_or(v, locale, |x| locale.decimal(x, 0))
    });
    tera.register_filter("people", move |v: &tera::Value, _: Kwargs, _: &State| {
        whole_or(v, locale, |x| locale.people(x))
    });
    tera.register_filter("people_needed", move |v: &tera::Value, _: Kwargs, _: &State| {
        people_needed(v, locale)
    });
    tera.register_filter("dec", move |v: &tera::Value, k: Kwargs, _: &State| {
        let places = k.get::<usize>("places").ok().flatten().unwrap_or(1);
        number(v, |x| locale.decimal(x, places))
    });
    tera.register_filter("pct", move |v: &tera::Value, _: Kwargs, _: &State| {
        number(v, |x| locale.percent(x, decimals))
    });
    tera.register_filter("signed", move |v: &tera::Value, _: Kwargs, _: &State| signed(v, locale));
    tera.register_filter("signed_pct", move |v: &tera::Value, _: Kwargs, _: &State| {
        number(v, |x| locale.signed_percent(x, decimals))
    });
    tera.register_filter("date", move |v: &tera::Value, _: Kwargs, _: &State| match v.as_str() {
        Some(s) => show_date(locale, s),
        None => "–".to_string(),
    });
    // Filters first: templates are checked against them when added.
    let sources = templates
        .iter()
        .filter(|(name, _)| !name.ends_with(".css") && !name.ends_with(".js") && !name.ends_with(".svg"));
    tera.add_raw_templates(sources.map(|(name, t)| (name.as_str(), t.text.as_str())))
        .map_err(|e| theme::template_error(&e, templates))?;
    let globals = tera.global_context();
    globals.insert("site", &site_globals(content));
    globals.insert("l", catalog::labels(content.site.language));
    globals.insert("paths", &template_paths());
    globals.insert("bulletin_words", crate::render::bulletin::words(content.site.language));
    Ok(tera)
}

/// The paths of the site's fixed pages, for the templates' links (`{{ root }}{{ paths.news }}`).
fn template_paths() -> Value {
    json!({
        "front": routes::FRONT, "units": routes::UNITS, "news": routes::news(1), "tags": routes::TAGS,
        "data": routes::DATA, "feed": routes::FEED, "style": routes::STYLE, "json": routes::JSON,
        "csv": routes::CSV, "xlsx": routes::XLSX, "sitemap": routes::SITEMAP,
        "bulletin_pdf": routes::BULLETIN_PDF, "bulletin_html": routes::BULLETIN_HTML,
        "search": routes::SEARCH, "script": routes::SCRIPT, "search_index": format!("{}/", routes::SEARCH_INDEX),
    })
}

/// A date (`2024-05-04`, perhaps with a time after it) in the locale's format; any
/// other text as it is. Templates may pass any text, so the date is cut by characters.
fn show_date(locale: Locale, text: &str) -> String {
    let day = text.char_indices().nth(10).map_or(text, |(end, _)| &text[..end]);
    crate::model::period::parse_date(day).map(|d| locale.date(d)).unwrap_or_else(|_| text.to_string())
}

/// A whole number from a template value as the integer it is; a fraction by `fraction`.
fn whole_or(v: &tera::Value, locale: Locale, fraction: impl Fn(f64) -> String) -> String {
    match (v.as_u64(), v.as_i64()) {
        (Some(n), _) => locale.integer(n),
        (None, Some(n)) => locale.whole(n),
        (None, None) => number(v, fraction),
    }
}

/// People still needed: an integer as it is, nobody below zero; a fraction rounded up.
fn people_needed(v: &tera::Value, locale: Locale) -> String {
    match v.as_i64() {
        Some(n) if n < 0 => locale.integer(0),
        _ => whole_or(v, locale, |x| locale.people_needed(x)),
    }
}

/// A change with its sign: an integer as it is, a fraction to the nearest whole.
fn signed(v: &tera::Value, locale: Locale) -> String {
    match v.as_i64() {
        Some(n) => locale.signed_integer(n),
        None => number(v, |x| locale.signed_integer(crate::locale::round_to_i64(x))),
    }
}

/// A number from a template value, formatted; `–` when absent.
fn number(v: &tera::Value, format: impl Fn(f64) -> String) -> String {
    match v.as_f64() {
        Some(x) if x.is_finite() => format(x),
        _ => "–".to_string(),
    }
}

fn site_globals(content: &Content) -> Value {
    let s = &content.site;
    json!({
        "title": s.title,
        "description": s.description,
        "language": s.language.code(),
        "base_url": base_url(&s.base_url),
        "contact": s.contact,
        "next_release": s.next_release,
        "percent_decimals": s.percent_decimals,
        "private": s.private,
        "pdf": s.pdf,
        "favicon": favicon(content),
    })
}

/// The site's icon: its own from `static/`, else the theme's.
pub fn favicon(content: &Content) -> &'static str {
    let own = content.statics.iter().any(|rel| text::slashed(rel) == routes::STATIC_FAVICON);
    if own { routes::STATIC_FAVICON } else { routes::FAVICON }
}

/// The base URL with exactly one trailing slash.
fn base_url(url: &str) -> String {
    format!("{}/", url.trim_end_matches('/'))
}

/// The path part of the base URL, ending in `/`: `https://e.org/ban-tin` → `/ban-tin/`.
pub fn base_path(url: &str) -> String {
    let url = base_url(url);
    let path = url.split_once("://").and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string()));
    path.unwrap_or_else(|| "/".into())
}

/// Everything the pages share: the resolved bulletin (names, the tree, articles in
/// order, tags), the figures and the site's words.
struct SiteView<'a> {
    content: &'a Content,
    /// The computed site, for what is not a page's own reading (which pages exist).
    site: Computed<'a>,
    l: &'static Labels,
    words: &'static dyn Words,
    locale: Locale,
    /// Decimals of percentages (`percent_decimals`).
    decimals: usize,
    /// Each published article as lists show it, made once on first use: an article
    /// appears in the news list, its tags' lists, its units' pages and the feed.
    refs: HashMap<&'a str, OnceLock<tera::Value>>,
    /// The archive by year and month as the news list shows it, the same on each of its
    /// pages: made once on first use.
    news_archive: OnceLock<tera::Value>,
    base_url: String,
    /// The path part of the base URL (`/ban-tin/`), for the 404 page.
    base_path: String,
}

impl<'a> SiteView<'a> {
    fn new(site: Computed<'a>) -> SiteView<'a> {
        let content = site.b.content;
        let published = &site.b.lists.published;
        let base_url = base_url(&content.site.base_url);
        SiteView {
            content,
            site,
            l: catalog::labels(content.site.language),
            words: catalog::words(content.site.language),
            locale: Locale::new(content.site.language),
            decimals: usize::from(content.site.percent_decimals),
            refs: published.iter().map(|a| (a.slug.as_str(), OnceLock::new())).collect(),
            news_archive: OnceLock::new(),
            base_path: base_path(&content.site.base_url),
            base_url,
        }
    }

    /// Whether the site has this page (a selection may name pages since removed).
    fn exists(&self, id: &PageId) -> bool {
        let b = self.site.b;
        match id {
            PageId::Unit(unit) => b.units.contains_key(unit.as_str()),
            PageId::Article(slug) => b.articles.contains_key(slug.as_str()),
            PageId::News(_) | PageId::Tag(..) | PageId::UnitNews(..) | PageId::Month(..) => {
                ListId::of_page(id)
                    .is_some_and(|(list, _)| list.pages(b.lists.get(&list).len()).any(|p| p == *id))
            }
            PageId::Sitemap(part) => *part <= b.sitemap_parts(),
            _ => true,
        }
    }
}

/// One page being built: the site's shared views, and a reader of the computed site
/// that notes what the page shows.
struct PageView<'s, 'a> {
    site: &'s SiteView<'a>,
    r: Reader<'a>,
}

impl<'a> std::ops::Deref for PageView<'_, 'a> {
    type Target = SiteView<'a>;

    fn deref(&self) -> &SiteView<'a> {
        self.site
    }
}

impl<'a> PageView<'_, 'a> {
    fn unit_ref(&self, id: &'a str) -> UnitRef<'a> {
        let unit = self.r.units().get(id);
        UnitRef {
            id,
            name: unit.map_or(id, |u| u.name.as_str()),
            kind: unit.and_then(|u| u.kind.as_deref()),
            url: routes::unit(id),
        }
    }

    fn source(&self, source: &'a Option<String>) -> Option<SourceView<'a>> {
        match source.as_deref()? {
            s if url::is_web(s) => Some(SourceView { title: s, url: s.to_string(), external: true }),
            slug => self.r.article(slug).map(|a| SourceView {
                title: &a.title,
                url: routes::article(slug),
                external: false,
            }),
        }
    }

    /// A target for the templates: its people, its rate and its standing in words.
    fn target_view(&self, t: &'a TargetFigures) -> TargetView<'a> {
        let (low, high) = t.people();
        let rate = t.rate_pct.map(|r| {
            let rate = match t.max_rate_pct {
                Some(m) if m != r => format!("{}–{}%", self.locale.plain(r), self.locale.plain(m)),
                _ => format!("{}%", self.locale.plain(r)),
            };
            self.words.rate_target(&rate)
        });
        let standing = t.standing();
        let status_label = match standing {
            // "Vượt chỉ tiêu 22,5%": by how much, over a target that is one number.
            Standing::Exceeded if t.max.is_none() => {
                self.words.exceeded_by(&self.locale.percent(t.achievement_pct - 100.0, self.decimals))
            }
            other => self.l.status_of(other).to_string(),
        };
        TargetView {
            figures: t,
            people: self.locale.people_range(low, high),
            rate,
            standing: standing.key(),
            status_label,
        }
    }

    /// A report's figures for the templates, composition in display order.
    fn figures(&self, f: &'a Figures) -> FiguresView<'a> {
        let targets: Vec<TargetView> = f.targets.iter().map(|t| self.target_view(t)).collect();
        let composition = self
            .r
            .categories()
            .iter()
            .filter_map(|c| {
                let s = f.composition.get(&c.key)?;
                Some(CompositionView {
                    key: c.key.clone(),
                    label: c.label.clone(),
                    count: s.count,
                    share_pct: s.share_pct,
                })
            })
            .collect();
        let t = &f.training;
        let has_training =
            [t.awareness_classes, t.awareness_trainees, t.new_member_classes, t.new_member_trainees]
                .iter()
                .any(Option::is_some);
        let change = f.change.as_ref().map(|c| ChangeView {
            change: c,
            label: if f.whole_period() { self.l.change_whole_year } else { self.l.change },
            previous_note: self.words.previous_as_of(&self.locale.date(c.previous_as_of)),
        });
        let n = |x: usize| self.locale.count(x);
        let rank = RankView {
            admitted: f.rank.filter(|r| r.of > 1).map(|r| format!("{}/{}", n(r.by_admitted), n(r.of))),
            achievement: f
                .rank
                .filter(|r| r.of_achievement > 1)
                .and_then(|r| Some(format!("{}/{}", n(r.by_achievement?), n(r.of_achievement)))),
        };
        FiguresView {
            unit: self.unit_ref(&f.unit),
            period: self.period_view(&f.period),
            as_of: f.as_of,
            latest: f.latest,
            derived: f.derived,
            admitted: f.admitted,
            first_target: targets.first().cloned(),
            targets,
            composition,
            members: f.members,
            members_at_start: f.members_at_start,
            admission_rate_pct: f.admission_rate_pct,
            organizations: f.organizations,
            training: &f.training,
            has_training,
            conversion_pct: f.conversion_pct,
            confirmed: f.confirmed,
            no_comparable: f.compares_years() && change.is_none(),
            change,
            rank,
            summed: f.summed.map(|s| self.words.summed(s.units, s.of)),
            partial_sum: f.summed.filter(|s| s.partial()).map(|s| self.words.partial_sum(s.units, s.of)),
            source: self.source(&f.source),
            note: f.note.as_deref(),
        }
    }

    fn period_view(&self, p: &'a crate::model::period::Period) -> PeriodView<'a> {
        let title = self.words.period_title(&p.label, p.kind());
        PeriodView { label: &p.label, from: p.from, to: p.to, title }
    }

    /// Units of one period ranked: by achievement those with a first target (then by
    /// admissions), apart those without one, and every unit by admissions; units of one
    /// rank in the Vietnamese order of their names.
    fn ranking(&self, group: &[&'a Figures]) -> RankingView<'a> {
        // By name first (then id): the sorts by rank below are stable.
        let mut all: Vec<&Figures> = group.to_vec();
        all.sort_by_cached_key(|&f| (text::collation_key(self.r.name(&f.unit)), f.unit.as_str()));
        let by_admitted = |f: &&Figures| f.rank.map_or(usize::MAX, |r| r.by_admitted);
        let mut with_target: Vec<&Figures> = all.iter().filter(|f| !f.targets.is_empty()).copied().collect();
        with_target
            .sort_by_key(|f| (f.rank.and_then(|r| r.by_achievement).unwrap_or(usize::MAX), by_admitted(f)));
        let mut without: Vec<&Figures> = all.iter().filter(|f| f.targets.is_empty()).copied().collect();
        without.sort_by_key(by_admitted);
        all.sort_by_key(by_admitted);
        let views = |list: Vec<&'a Figures>| list.into_iter().map(|f| self.figures(f)).collect();
        RankingView {
            by_achievement: views(with_target),
            without_target: views(without),
            by_admitted: views(all),
        }
    }

    /// Articles as lists show them, for the templates.
    fn article_list(&self, articles: &[&Article]) -> Vec<tera::Value> {
        let converted = |a: &Article| tera::Value::from_serializable(&self.article_ref(a));
        articles
            .iter()
            .map(|a| match self.refs.get(a.slug.as_str()) {
                Some(cached) => cached.get_or_init(|| converted(a)).clone(),
                None => converted(a),
            })
            .collect()
    }

    fn article_ref(&self, a: &Article) -> Value {
        let summary = a.summary.as_deref().unwrap_or(&a.lead);
        json!({
            "slug": a.slug,
            "title": a.title,
            "date": a.date,
            "published": a.published.to_rfc3339(),
            "url": routes::article(&a.slug),
            "summary": summary,
            "source": a.source,
            // Validation refuses any other address; the page does not rely on that alone.
            "source_url": a.source_url.as_deref().filter(|u| url::is_web(u)),
            "author": a.author,
            "tags": a.tags.iter().map(|t| json!({ "name": t, "url": routes::tag(&text::slug_lossy(t), 1) })).collect::<Vec<_>>(),
            "units": a.units.iter().map(|u| self.unit_ref(u)).collect::<Vec<_>>(),
        })
    }

    /// A page's charts: files and sizes of both drawings, accessible text and the
    /// numbers as a table.
    fn charts_of(&self, charts: &ChartsByPage, page: &str) -> Value {
        self.r.charts(page);
        let views: Vec<Value> = charts
            .get(page)
            .into_iter()
            .flatten()
            .map(|c| {
                json!({
                    "file": chart_path(c), "width": c.size.0, "height": c.size.1,
                    "narrow": routes::narrow_chart(&c.slug),
                    "narrow_width": c.narrow_size.0, "narrow_height": c.narrow_size.1,
                    "title": c.title, "desc": c.desc, "caption": c.table.caption,
                    "headers": c.table.headers, "rows": c.table.rows, "numeric": c.table.numeric,
                    "csv": routes::chart_csv(&c.slug), "xlsx": routes::chart_xlsx(&c.slug),
                })
            })
            .collect();
        json!(views)
    }

    fn front_page(&self, charts: &ChartsByPage) -> Page {
        let focus = self.r.focus();
        let headline: Vec<&Figures> = match &focus.period {
            Some(p) => focus.units.iter().filter_map(|u| self.r.latest(u, &p.label)).collect(),
            None => Vec::new(),
        };
        let group = points::comparison_group(&self.r);
        let writer = Writer {
            locale: self.locale,
            decimals: usize::from(self.content.site.percent_decimals),
            names: self.r.names(),
        };
        let main_points = points::main_points(focus, &headline, &group, &writer);
        let group_parent = match headline.as_slice() {
            [one] if group.iter().all(|g| g.unit != one.unit) => Some(self.unit_ref(&one.unit)),
            _ => None,
        };
        let overview: Vec<FiguresView> =
            self.r.tree().roots.iter().filter_map(|u| self.r.current(u).map(|f| self.figures(f))).collect();
        // One set of categories for every card, so that the cards compare.
        let categories = headline_categories(self.r.categories(), &headline);
        let cards: Vec<Value> = headline
            .iter()
            .map(|f| {
                let shares: Vec<Value> = categories
                    .iter()
                    .map(|c| {
                        let share = f.composition.get(&c.key).and_then(|s| s.share_pct);
                        json!({ "label": c.label, "share_pct": share })
                    })
                    .collect();
                json!({ "f": self.figures(f), "shares": shares })
            })
            .collect();
        let data = json!({
            "period": focus.period.as_ref().map(|p| self.period_view(p)),
            "as_of": focus.as_of,
            "cards": cards,
            "points": main_points,
            "ranking": (!group.is_empty()).then(|| self.ranking(&group)),
            "group_parent": group_parent,
            "overview": overview,
            "charts": self.charts_of(charts, crate::charts::by_page::FRONT),
        });
        let news = self.r.list(&ListId::News, 0..NEWS_ON_FRONT);
        Page::new(self.content.site.title.clone(), "home", &data).with("news", self.article_list(news))
    }

    fn breadcrumb(&self, id: &str) -> Vec<UnitRef<'a>> {
        let mut chain = Vec::new();
        let mut at = self.r.parent(id);
        while let Some(p) = at {
            if chain.len() > self.r.units().len() {
                break;
            }
            chain.push(self.unit_ref(p));
            at = self.r.parent(p);
        }
        chain.reverse();
        chain
    }

    /// A unit's figures in force on an article's day: of its figures counted to that day
    /// or before, the latest; of two counted to one day, the one of the shorter period.
    /// A later snapshot, which the article could not know, is never shown with it.
    fn figures_at(&self, unit: &'a str, day: chrono::NaiveDate) -> Option<&'a Figures> {
        let length = |f: &Figures| (f.period.to - f.period.from).num_days();
        self.r.of_unit(unit).filter(|f| f.as_of <= day).max_by(|a, b| {
            (a.as_of, std::cmp::Reverse(length(a)), std::cmp::Reverse(&a.period.label)).cmp(&(
                b.as_of,
                std::cmp::Reverse(length(b)),
                std::cmp::Reverse(&b.period.label),
            ))
        })
    }

    fn article_page(&self, a: &Article) -> Page {
        let mut view = self.article_ref(a);
        let names = markdown::Names { article: &a.title, done: self.l.task_done, not_done: self.l.task_open };
        view["body"] = json!(markdown::to_html(&a.body, &names));
        let figures: Vec<FiguresView> =
            a.units.iter().filter_map(|u| self.figures_at(u, a.date)).map(|f| self.figures(f)).collect();
        view["figures"] = json!(figures);
        Page::new(a.title.clone(), "news", &view)
    }

    /// Renders one page or file.
    fn file(
        &self,
        id: &PageId,
        tera: &Tera,
        templates: &Templates,
        charts: &ChartsByPage,
    ) -> Result<OutputFile, TemplateError> {
        let page = match id {
            PageId::Front => self.front_page(charts),
            PageId::Unit(unit) => self.unit_page(self.r.units()[unit.as_str()], charts),
            PageId::Article(slug) => match self.r.article(slug) {
                Some(a) => self.article_page(a),
                None => self.not_found_page(),
            },
            PageId::News(_) | PageId::Tag(..) | PageId::UnitNews(..) | PageId::Month(..) => {
                let (list, n) = ListId::of_page(id).expect("a list page");
                self.list_page(&list, n)
            }
            PageId::Feed => return render_xml(tera, id, &self.feed(), templates),
            PageId::Sitemap(part) => return render_xml(tera, id, &self.sitemap(*part), templates),
            PageId::Robots => return render_xml(tera, id, &Value::Null, templates),
            PageId::Style | PageId::Script | PageId::Favicon => return Ok(asset(templates, id)),
            PageId::Bulletin => self.bulletin_page(charts).with("icon", icon_data_url(templates)),
            single => self.single_page(single),
        };
        render_page(tera, self, id, page, templates)
    }

    /// A page of which the site has exactly one, other than the front page.
    fn single_page(&self, id: &PageId) -> Page {
        match id {
            PageId::Units => self.units_page(),
            PageId::Data => self.data_page(),
            PageId::NotFound => self.not_found_page(),
            PageId::Search => self.search_page(),
            _ => self.tags_page(),
        }
    }

    /// The tags in the Vietnamese order of their names as first written (their slugs,
    /// without marks, would put "Đoàn thanh niên" before "Dư luận xã hội").
    fn tags_page(&self) -> Page {
        let mut tags: Vec<_> = self.r.tags().iter().collect();
        tags.sort_by_cached_key(|&(slug, (name, _))| (text::collation_key(name), slug.as_str()));
        let tags: Vec<Value> = tags
            .into_iter()
            .map(|(slug, (name, articles))| json!({ "name": name, "url": routes::tag(slug, 1), "count": articles.len() }))
            .collect();
        Page::new(self.l.tags.into(), "tags", &json!({ "tags": tags }))
    }

    /// The bulletin to share, as one HTML file: the same data as `bulletin.pdf`.
    fn bulletin_page(&self, charts: &ChartsByPage) -> Page {
        let bulletin = crate::render::bulletin::bulletin(&self.r, charts);
        let title = bulletin.meta.title.clone();
        Page::new(title, "bulletin", &bulletin)
    }

    /// The data page: its glossary is in `l.glossary`; the rounding depends on site.yaml.
    fn data_page(&self) -> Page {
        let rounding =
            catalog::words(self.content.site.language).rounding(self.content.site.percent_decimals);
        Page::new(self.l.data.into(), "data", &json!({ "rounding": rounding }))
    }

    /// The page the search box leads to; its script shows the results.
    fn search_page(&self) -> Page {
        let data = json!({ "thousands": self.locale.separators().0.to_string() });
        Page::new(self.l.search.label.into(), "search", &data)
    }

    fn not_found_page(&self) -> Page {
        Page::new(self.l.not_found.into(), "", &json!({}))
    }

    fn feed(&self) -> Value {
        let shown = self.r.list(&ListId::News, 0..FEED_SIZE);
        let entries: Vec<Value> = shown
            .iter()
            .map(|a| {
                let mut v = self.article_ref(a);
                v["absolute_url"] = json!(format!("{}{}", self.base_url, routes::article(&a.slug)));
                v
            })
            .collect();
        let updated = shown.first().map(|a| a.published.to_rfc3339());
        json!({ "entries": entries, "updated": updated, "feed_url": format!("{}{}", self.base_url, routes::FEED) })
    }

    /// Every page a search engine should know, typed rather than as JSON: a national
    /// site's sixty thousand addresses were held twice, as JSON and as tera's values.
    /// `part` 0 is the whole sitemap, or the index of its parts when one file cannot
    /// hold it ([`routes::SITEMAP_URLS`]); part `n` holds the `n`th run of addresses.
    fn sitemap(&self, part: usize) -> Sitemap {
        let published = self.r.list(&ListId::News, 0..usize::MAX);
        let (tags, months) = (self.r.tags(), self.r.months());
        let len = routes::sitemap_len(self.content.units.len(), published.len(), tags.len(), months.len());
        let parts = routes::sitemap_parts(len);
        let absolute = |path: &str| format!("{}{path}", self.base_url);
        if part == 0 && parts > 0 {
            let parts = (1..=parts).map(|n| absolute(&routes::sitemap(n))).collect();
            return Sitemap { urls: Vec::new(), parts };
        }
        let url = |path: &str, lastmod| SitemapUrl { loc: absolute(path), lastmod };
        let urls = routes::sitemap_head().into_iter().map(|p| url(&p, None));
        let urls = urls.chain(self.content.units.iter().map(|u| url(&routes::unit(&u.id), None)));
        let urls = urls.chain(published.iter().map(|a| url(&routes::article(&a.slug), Some(a.date))));
        let urls = urls.chain(tags.keys().map(|slug| url(&routes::tag(slug, 1), None)));
        // A month of the archive is a list of its own, as a tag's is: its first page.
        let urls = urls.chain(months.keys().map(|m| url(&routes::month(m, 1), None)));
        let run = part.saturating_sub(1) * routes::SITEMAP_URLS;
        Sitemap { urls: urls.skip(run).take(routes::SITEMAP_URLS).collect(), parts: Vec::new() }
    }
}

/// A sitemap's addresses, or the addresses of its parts when it is their index.
#[derive(Serialize)]
struct Sitemap {
    urls: Vec<SitemapUrl>,
    parts: Vec<String>,
}

#[derive(Serialize)]
struct SitemapUrl {
    loc: String,
    lastmod: Option<chrono::NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;

    #[test]
    fn relative_roots() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("units/ba-tri.html"), "../");
        assert_eq!(root_of("a/b/c.html"), "../../");
    }

    #[test]
    fn base_paths() {
        assert_eq!(base_path("https://e.org/ban-tin/"), "/ban-tin/");
        assert_eq!(base_path("https://e.org/ban-tin"), "/ban-tin/");
        assert_eq!(base_path("https://e.org"), "/");
    }

    /// Template integers are formatted from their digits: 2^53 + 1 has no `f64`.
    #[test]
    fn template_integers_are_not_floats() {
        let (vi, en) = (Locale::new(Language::Vi), Locale::new(Language::En));
        let people = |v: tera::Value| whole_or(&v, vi, |x| vi.people(x));
        assert_eq!(people(tera::Value::from(9_007_199_254_740_993_u64)), "9.007.199.254.740.993");
        assert_eq!(people(tera::Value::from(u64::MAX)), "18.446.744.073.709.551.615");
        assert_eq!(people(tera::Value::from(-1500_i64)), "-1.500");
        assert_eq!(people(tera::Value::from(124.5)), "125");
        assert_eq!(people(tera::Value::from("x")), "–");
        assert_eq!(people_needed(&tera::Value::from(-3_i64), vi), "0");
        assert_eq!(people_needed(&tera::Value::from(38.2), vi), "39");
        assert_eq!(people_needed(&tera::Value::from(23596_u64), en), "23,596");
        assert_eq!(signed(&tera::Value::from(i64::MIN), en), "-9,223,372,036,854,775,808");
        assert_eq!(signed(&tera::Value::from(12_u64), vi), "+12");
        assert_eq!(signed(&tera::Value::from(-2.6), vi), "-3");
    }

    #[test]
    fn dates_are_cut_by_characters() {
        let vi = Locale::new(Language::Vi);
        assert_eq!(show_date(vi, "2024-05-04T14:30:00+07:00"), "04/05/2024");
        assert_eq!(show_date(vi, "2024-05-04"), "04/05/2024");
        for text in ["Đảng bộ tỉnh Khánh Hòa", "Bản tin", "Nghị quyết", "ĐĐĐĐĐĐĐĐĐĐĐ", ""]
        {
            assert_eq!(show_date(vi, text), text);
        }
    }

    /// The cards compare: the categories most cards give, in display order, the same in
    /// every card.
    #[test]
    fn headline_categories_are_chosen_once_for_the_page() {
        use crate::load::{Source, parse};
        let data = "units:
  - {id: a, name: A}
  - {id: b, name: B}
  - {id: c, name: C}
reports:
  - {unit: a, period: 2024, admitted: 10, composition: {pupils: 1, students: 2, youth: 3, women: 4, religious: 1}}
  - {unit: b, period: 2024, admitted: 10, composition: {women: 5, ethnic_minority: 2, religious: 1, university: 3}}
  - {unit: c, period: 2024, admitted: 10, composition: {university: 4, women: 6, youth: 1, religious: 2}}
";
        let site = Source::new("site.yaml", "title: T\nbase_url: https://e.org/\n");
        let loaded = parse(Some(site), vec![Source::new("data/d.yaml", data)]);
        let b = Bulletin::new(&loaded.content);
        let ind = crate::compute::indicators::compute(&b);
        let cards: Vec<&Figures> = ["a", "b", "c"].iter().map(|u| ind.latest(u, "2024").unwrap()).collect();
        let categories = &b.categories;
        let keys: Vec<&str> =
            headline_categories(categories, &cards).iter().map(|c| c.key.as_str()).collect();
        // women and religious (3 cards), youth and university (2): in display order.
        assert_eq!(keys, ["youth", "women", "religious", "university"]);
        assert!(headline_categories(categories, &[]).is_empty());
    }

    /// The sitemap protocol allows 50,000 addresses a file: more go in parts, which
    /// sitemap.xml indexes, in the order one file would list them.
    #[test]
    fn a_sitemap_too_long_for_one_file_is_an_index_of_parts() {
        use crate::load::{Source, parse};
        let units = routes::SITEMAP_URLS - routes::sitemap_head().len() + 1;
        let data: String = std::iter::once("units:\n".to_string())
            .chain((0..units).map(|i| format!("  - {{id: u{i}, name: U{i}}}\n")))
            .collect();
        let site = Source::new("site.yaml", "title: T\nbase_url: https://e.org/b/\n");
        let loaded = parse(Some(site), vec![Source::new("data/d.yaml", &data)]);
        let b = Bulletin::new(&loaded.content);
        let sitemaps: BTreeSet<PageId> =
            b.pages.iter().filter(|id| matches!(id, PageId::Sitemap(_))).cloned().collect();
        assert_eq!(sitemaps, (0..=2).map(PageId::Sitemap).collect());
        let templates = theme::templates(None).unwrap();
        let computed = crate::pipeline::Calculated::new(&b);
        let rendered =
            render(computed.inputs(&b, &templates), &ChartsByPage::new(), Some(&sitemaps)).unwrap();
        let file = |path: &str| {
            let found = rendered.iter().find(|r| r.file.path == path).unwrap_or_else(|| panic!("no {path}"));
            String::from_utf8(found.file.bytes.clone()).unwrap()
        };
        let locs = |text: &str| -> Vec<String> {
            let doc = roxmltree::Document::parse(text).unwrap();
            doc.descendants()
                .filter(|n| n.has_tag_name("loc"))
                .map(|n| n.text().unwrap().to_string())
                .collect()
        };
        let index = file("sitemap.xml");
        assert!(index.contains("<sitemapindex"), "{index}");
        assert_eq!(locs(&index), ["https://e.org/b/sitemap-1.xml", "https://e.org/b/sitemap-2.xml"]);
        let (first, second) = (locs(&file("sitemap-1.xml")), locs(&file("sitemap-2.xml")));
        assert_eq!(first.len(), routes::SITEMAP_URLS);
        assert_eq!(first[0], "https://e.org/b/index.html");
        // The last unit alone: the site has no articles, tags or months to follow it.
        assert_eq!(second, [format!("https://e.org/b/units/u{}.html", units - 1)]);
        // A part the site does not have (the live preview may ask once parts are fewer).
        let beyond = BTreeSet::from([PageId::Sitemap(3)]);
        assert!(
            render(computed.inputs(&b, &templates), &ChartsByPage::new(), Some(&beyond)).unwrap().is_empty()
        );
    }

    #[test]
    fn base_url_has_one_trailing_slash() {
        assert_eq!(base_url("https://e.org/ban-tin"), "https://e.org/ban-tin/");
        assert_eq!(base_url("https://e.org/ban-tin//"), "https://e.org/ban-tin/");
    }
}
