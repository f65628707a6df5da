//! Render: every page of SPEC §8 through the tera templates of the theme.
//!
//! Pages are described as views (plain data for the templates) and rendered in
//! parallel; links are relative to each page, so the site works under any sub-path
//! and from disk.

use crate::catalog::{self, Labels};
use crate::indicators::{Figures, Focus, Indicators, TargetFigures, Tree};
use crate::locale::Locale;
use crate::markdown;
use crate::model::{Article, Category, Content, Unit};
use crate::points::{self, Writer};
use crate::theme::{self, Templates};
use crate::write::OutputFile;
use crate::{text, url};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;
use tera::{Context, Kwargs, State, Tera};

/// Articles in the feed.
const FEED_SIZE: usize = 20;
/// Latest news on the front page and on unit pages.
const NEWS_ON_FRONT: usize = 5;

use crate::draw::{ChartsByPage, chart_path};
use crate::routes::{self, page_count};
pub use crate::routes::{PER_PAGE, PageId};

/// One page to render: its template, its path in the output and its own data.
struct Page {
    template: &'static str,
    path: String,
    title: String,
    section: &'static str,
    /// The page's own data, converted for the templates.
    data: tera::Value,
    /// Lists of articles, added to `data` as they are cached: an article appears on
    /// many pages and is converted for the templates once.
    lists: Vec<(&'static str, tera::Value)>,
}

impl Page {
    /// A page whose data is any serializable view (a JSON object or a typed view).
    fn new(
        template: &'static str,
        path: String,
        title: String,
        section: &'static str,
        data: &impl Serialize,
    ) -> Page {
        let data = tera::Value::from_serializable(data);
        Page { template, path, title, section, data, lists: Vec::new() }
    }

    fn with_list(mut self, key: &'static str, articles: Vec<tera::Value>) -> Page {
        self.lists.push((key, tera::Value::from(articles)));
        self
    }

    /// The page's data for the templates, lists included.
    fn value(self) -> tera::Value {
        if self.lists.is_empty() {
            return self.data;
        }
        let mut fields = self.data.into_map().unwrap_or_default();
        fields.extend(self.lists.into_iter().map(|(key, v)| (key.into(), v)));
        tera::Value::from(fields)
    }
}

/// A computed site: what the pages are made from.
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    pub content: &'a Content,
    pub ind: &'a Indicators,
    pub focus: &'a Focus,
    pub templates: &'a Templates,
}

/// Renders the pages, the feed, the sitemap, robots.txt and the stylesheet, in no
/// particular order; with `only`, just the pages it names.
pub fn render(
    site: Inputs,
    charts: &ChartsByPage,
    only: Option<&BTreeSet<PageId>>,
) -> Result<Vec<(PageId, OutputFile)>, String> {
    let files = std::sync::Mutex::new(Vec::new());
    let keep = |id: &PageId, file: OutputFile| {
        files.lock().unwrap_or_else(|e| e.into_inner()).push((id.clone(), file));
        Ok(())
    };
    render_each(site, charts, only, &keep).map_err(|e| match e {
        RenderError::Template(message) => message,
        RenderError::Write(path, e) => format!("{path}: {e}"),
    })?;
    Ok(files.into_inner().unwrap_or_else(|e| e.into_inner()))
}

/// Why rendering stopped.
#[derive(Debug)]
pub enum RenderError {
    /// `file:line:col: template error: message`.
    Template(String),
    /// A rendered file could not be handed on: its path and why.
    Write(String, std::io::Error),
}

/// Renders each page and hands it to `emit` as soon as it is made, in parallel, so a
/// build never holds the whole site in memory. Returns how many files were made.
pub fn render_each(
    inputs: Inputs,
    charts: &ChartsByPage,
    only: Option<&BTreeSet<PageId>>,
    emit: &(dyn Fn(&PageId, OutputFile) -> std::io::Result<()> + Sync),
) -> Result<usize, RenderError> {
    let Inputs { content, ind, focus, templates } = inputs;
    let site = SiteView::new(content, ind);
    let tera = engine(content, templates).map_err(RenderError::Template)?;
    let ids: Vec<PageId> = match only {
        Some(set) => set.iter().filter(|id| site.exists(id)).cloned().collect(),
        None => site.all_pages(),
    };
    ids.par_iter().try_for_each(|id| {
        let file = site.file(id, &tera, templates, focus, charts).map_err(RenderError::Template)?;
        let path = file.path.clone();
        emit(id, file).map_err(|e| RenderError::Write(path, e))
    })?;
    Ok(ids.len())
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
}

/// A target's figures with its status in words.
#[derive(Clone, Serialize)]
struct TargetView<'a> {
    #[serde(flatten)]
    figures: &'a TargetFigures,
    status_label: &'static str,
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
    admission_rate_pct: Option<f64>,
    organizations: Option<u64>,
    training: &'a crate::model::Training,
    has_training: bool,
    conversion_pct: Option<f64>,
    confirmed: Option<u64>,
    change: Option<&'a crate::indicators::Change>,
    rank: Option<crate::indicators::Rank>,
    source: Option<SourceView<'a>>,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct SnapshotsView<'a> {
    period: &'a str,
    snapshots: Vec<FiguresView<'a>>,
}

/// What a unit's page shows, but for its news.
#[derive(Serialize)]
struct UnitPageView<'a> {
    unit: UnitRef<'a>,
    breadcrumb: Vec<UnitRef<'a>>,
    /// The latest figures of each period, newest first.
    periods: Vec<FiguresView<'a>>,
    snapshots: Vec<SnapshotsView<'a>>,
    children_period: Option<&'a str>,
    children: Vec<FiguresView<'a>>,
    sub_units: Vec<UnitRef<'a>>,
    charts: Value,
}

/// A paginated list of articles.
enum List<'s> {
    News,
    /// A tag's list, by the tag's slug.
    Tag(&'s str),
}

impl List<'_> {
    fn path(&self, n: usize) -> String {
        match self {
            List::News => routes::news(n),
            List::Tag(slug) => routes::tag(slug, n),
        }
    }

    fn section(&self) -> &'static str {
        match self {
            List::News => "news",
            List::Tag(_) => "tags",
        }
    }
}

/// Published articles, newest first: the order of every list.
pub fn published(content: &Content) -> Vec<&Article> {
    let mut published: Vec<&Article> = content.articles.iter().filter(|a| !a.draft).collect();
    published.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.slug.cmp(&b.slug)));
    published
}

/// Tag slug → (the tag as first written, its articles in the order of `published`).
pub type TagLists<'a> = BTreeMap<String, (String, Vec<&'a Article>)>;

/// The [`TagLists`] of published articles.
pub fn tag_lists<'a>(published: &[&'a Article]) -> TagLists<'a> {
    let mut tags: BTreeMap<String, (String, Vec<&Article>)> = BTreeMap::new();
    for a in published {
        for tag in &a.tags {
            let entry = tags.entry(text::slug_lossy(tag)).or_insert_with(|| (tag.clone(), Vec::new()));
            // Two tags of one article may share a slug; the article is listed once.
            if entry.1.last().is_none_or(|x| x.slug != a.slug) {
                entry.1.push(a);
            }
        }
    }
    tags
}

/// The relative prefix from a page back to the site's root: `../` per folder.
fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

fn render_page(
    tera: &Tera,
    site: &SiteView,
    page: Page,
    templates: &Templates,
) -> Result<OutputFile, String> {
    let mut ctx = Context::new();
    // The 404 page is served at any depth, so its links start from the site's path.
    let root = if page.template == "404.html" { site.base_path.clone() } else { root_of(&page.path) };
    ctx.insert("root", &root);
    ctx.insert("page_path", &page.path);
    ctx.insert("page_url", &format!("{}{}", site.base_url, page.path));
    ctx.insert("page_title", &page.title);
    ctx.insert("section", page.section);
    let (template, path) = (page.template, page.path.clone());
    ctx.insert_value("page", page.value());
    let html = render_bytes(tera, template, &ctx, templates)?;
    Ok(OutputFile::new(path, html))
}

/// Renders into bytes: the templates and the values are UTF-8 already, so the
/// output is not checked again as a `String` would be.
fn render_bytes(
    tera: &Tera,
    template: &str,
    ctx: &Context,
    templates: &Templates,
) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    tera.render_to(template, ctx, &mut out).map_err(|e| theme::describe_error(&e, templates))?;
    Ok(out)
}

fn render_xml(tera: &Tera, template: &str, data: Value, templates: &Templates) -> Result<OutputFile, String> {
    let mut ctx = Context::new();
    ctx.insert("page", &data);
    let xml = render_bytes(tera, template, &ctx, templates)?;
    Ok(OutputFile::new(template, xml))
}

/// A tera instance with the theme, the locale's filters and the site-wide data.
fn engine(content: &Content, templates: &Templates) -> Result<Tera, String> {
    let mut tera = Tera::new();
    let locale = Locale::new(content.site.language);
    let decimals = content.site.percent_decimals as usize;
    tera.register_filter("num", move |v: &tera::Value, _: Kwargs, _: &State| {
        number(v, |x| locale.decimal(x, 0))
    });
    tera.register_filter("dec", move |v: &tera::Value, k: Kwargs, _: &State| {
        let places = k.get::<usize>("places").ok().flatten().unwrap_or(1);
        number(v, |x| locale.decimal(x, places))
    });
    tera.register_filter("pct", move |v: &tera::Value, _: Kwargs, _: &State| {
        number(v, |x| locale.percent(x, decimals))
    });
    tera.register_filter("signed", move |v: &tera::Value, _: Kwargs, _: &State| {
        number(v, |x| locale.signed_integer(x.round() as i64))
    });
    tera.register_filter("signed_pct", move |v: &tera::Value, _: Kwargs, _: &State| {
        number(v, |x| locale.signed_percent(x, decimals))
    });
    tera.register_filter("date", move |v: &tera::Value, _: Kwargs, _: &State| match v.as_str() {
        Some(s) => show_date(locale, s),
        None => "–".to_string(),
    });
    // Filters first: templates are checked against them when added.
    let sources = templates.iter().filter(|(name, _)| !name.ends_with(".css"));
    tera.add_raw_templates(sources.map(|(name, t)| (name.as_str(), t.text.as_str())))
        .map_err(|e| theme::describe_error(&e, templates))?;
    let globals = tera.global_context();
    globals.insert("site", &site_globals(content));
    globals.insert("l", catalog::labels(content.site.language));
    globals.insert("paths", &template_paths());
    Ok(tera)
}

/// The paths of the site's fixed pages, for the templates' links (`{{ root }}{{ paths.news }}`).
fn template_paths() -> Value {
    json!({
        "front": routes::FRONT, "units": routes::UNITS, "news": routes::news(1), "tags": routes::TAGS,
        "data": routes::DATA, "feed": routes::FEED, "style": routes::STYLE, "json": routes::JSON,
        "csv": routes::CSV, "xlsx": routes::XLSX,
    })
}

/// A date (`2024-05-04`, perhaps with a time after it) in the locale's format; any
/// other text as it is. Templates may pass any text, so the date is cut by characters.
fn show_date(locale: Locale, text: &str) -> String {
    let day = text.char_indices().nth(10).map_or(text, |(end, _)| &text[..end]);
    crate::period::parse_date(day).map(|d| locale.date(d)).unwrap_or_else(|_| text.to_string())
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
    })
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

/// Everything the pages share: names, the tree, articles in order, tags.
struct SiteView<'a> {
    content: &'a Content,
    ind: &'a Indicators,
    tree: Tree<'a>,
    units: HashMap<&'a str, &'a Unit>,
    names: HashMap<&'a str, &'a str>,
    categories: Vec<Category>,
    l: &'static Labels,
    locale: Locale,
    /// Published articles, newest first.
    published: Vec<&'a Article>,
    /// Each published article as lists show it, made once on first use: an article
    /// appears in the news list, its tags' lists, its units' pages and the feed.
    refs: HashMap<&'a str, OnceLock<tera::Value>>,
    articles_by_slug: HashMap<&'a str, &'a Article>,
    /// Unit id → published articles naming it, newest first.
    news_by_unit: HashMap<&'a str, Vec<&'a Article>>,
    /// Tag slug → (name, articles newest first).
    tags: TagLists<'a>,
    base_url: String,
    /// The path part of the base URL (`/ban-tin/`), for the 404 page.
    base_path: String,
}

impl<'a> SiteView<'a> {
    fn new(content: &'a Content, ind: &'a Indicators) -> SiteView<'a> {
        let published = published(content);
        let tags = tag_lists(&published);
        let mut news_by_unit: HashMap<&str, Vec<&Article>> = HashMap::new();
        for a in &published {
            for unit in &a.units {
                let list = news_by_unit.entry(unit.as_str()).or_default();
                if list.last().is_none_or(|last| last.slug != a.slug) {
                    list.push(a);
                }
            }
        }
        let base_url = base_url(&content.site.base_url);
        SiteView {
            content,
            ind,
            tree: Tree::new(content),
            units: content.units.iter().map(|u| (u.id.as_str(), u)).collect(),
            names: content.units.iter().map(|u| (u.id.as_str(), u.name.as_str())).collect(),
            categories: content.site.categories(),
            l: catalog::labels(content.site.language),
            locale: Locale::new(content.site.language),
            articles_by_slug: published.iter().map(|a| (a.slug.as_str(), *a)).collect(),
            refs: published.iter().map(|a| (a.slug.as_str(), OnceLock::new())).collect(),
            published,
            news_by_unit,
            tags,
            base_path: base_path(&content.site.base_url),
            base_url,
        }
    }

    fn unit_ref(&self, id: &'a str) -> UnitRef<'a> {
        let unit = self.units.get(id);
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
            slug => self.articles_by_slug.get(slug).map(|a| SourceView {
                title: &a.title,
                url: routes::article(slug),
                external: false,
            }),
        }
    }

    /// A report's figures for the templates, composition in display order.
    fn figures(&self, f: &'a Figures) -> FiguresView<'a> {
        let targets: Vec<TargetView> = f
            .targets
            .iter()
            .map(|t| TargetView { figures: t, status_label: self.l.status_of(t.status) })
            .collect();
        let composition = self
            .categories
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
        FiguresView {
            unit: self.unit_ref(&f.unit),
            period: PeriodView { label: &f.period.label, from: f.period.from, to: f.period.to },
            as_of: f.as_of,
            latest: f.latest,
            derived: f.derived,
            admitted: f.admitted,
            first_target: targets.first().cloned(),
            targets,
            composition,
            members: f.members,
            admission_rate_pct: f.admission_rate_pct,
            organizations: f.organizations,
            training: &f.training,
            has_training,
            conversion_pct: f.conversion_pct,
            confirmed: f.confirmed,
            change: f.change.as_ref(),
            rank: f.rank,
            source: self.source(&f.source),
            note: f.note.as_deref(),
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
        let summary = a.summary.clone().unwrap_or_else(|| markdown::first_paragraph(&a.body));
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

    fn news_about(&self, unit: &str) -> &[&'a Article] {
        self.news_by_unit.get(unit).map_or(&[], Vec::as_slice)
    }

    /// A page's charts: file, accessible text and the numbers as a table.
    fn charts_of(&self, charts: &ChartsByPage, page: &str) -> Value {
        let views: Vec<Value> = charts
            .get(page)
            .into_iter()
            .flatten()
            .map(|c| {
                json!({
                    "file": chart_path(c), "title": c.title, "desc": c.desc, "caption": c.table.caption,
                    "headers": c.table.headers, "rows": c.table.rows, "numeric": c.table.numeric,
                    "csv": routes::chart_csv(&c.slug), "xlsx": routes::chart_xlsx(&c.slug),
                })
            })
            .collect();
        json!(views)
    }

    fn front_page(&self, focus: &Focus, charts: &ChartsByPage) -> Page {
        let headline: Vec<&Figures> = match &focus.period {
            Some(p) => focus.units.iter().filter_map(|u| self.ind.latest(u, &p.label)).collect(),
            None => Vec::new(),
        };
        let group = points::comparison_group(self.content, self.ind, focus);
        let writer = Writer {
            locale: self.locale,
            decimals: self.content.site.percent_decimals as usize,
            names: &self.names,
        };
        let main_points = points::main_points(focus, &headline, &group, &writer);
        let group_parent = match headline.as_slice() {
            [one] if group.iter().all(|g| g.unit != one.unit) => Some(self.unit_ref(&one.unit)),
            _ => None,
        };
        let overview: Vec<FiguresView> = self
            .tree
            .roots
            .iter()
            .filter_map(|u| {
                let latest = self
                    .ind
                    .of_unit(u)
                    .filter(|f| f.latest)
                    .max_by(|a, b| (a.period.from, a.as_of).cmp(&(b.period.from, b.as_of)))?;
                Some(self.figures(latest))
            })
            .collect();
        let data = json!({
            "period": focus.period.as_ref().map(|p| json!({ "label": p.label, "from": p.from, "to": p.to })),
            "as_of": focus.as_of,
            "headline": headline.iter().map(|f| self.figures(f)).collect::<Vec<_>>(),
            "points": main_points,
            "group": group.iter().map(|f| self.figures(f)).collect::<Vec<_>>(),
            "group_parent": group_parent,
            "overview": overview,
            "charts": self.charts_of(charts, crate::draw::FRONT),
        });
        let news: Vec<&Article> = self.published.iter().take(NEWS_ON_FRONT).copied().collect();
        Page::new("index.html", routes::FRONT.into(), self.content.site.title.clone(), "home", &data)
            .with_list("news", self.article_list(&news))
    }

    fn unit_tree(&self, id: &'a str) -> Value {
        let children: Vec<Value> = self.tree.children_of(id).iter().map(|c| self.unit_tree(c)).collect();
        let mut node = json!(self.unit_ref(id));
        node["children"] = Value::Array(children);
        node
    }

    fn units_page(&self) -> Page {
        let tree: Vec<Value> = self.tree.roots.iter().map(|r| self.unit_tree(r)).collect();
        Page::new(
            "units.html",
            routes::UNITS.into(),
            self.l.all_units.into(),
            "units",
            &json!({ "tree": tree }),
        )
    }

    fn breadcrumb(&self, id: &str) -> Vec<UnitRef<'a>> {
        let mut chain = Vec::new();
        let mut at = self.tree.parent.get(id).copied();
        while let Some(p) = at {
            if chain.len() > self.units.len() {
                break;
            }
            chain.push(self.unit_ref(p));
            at = self.tree.parent.get(p).copied();
        }
        chain.reverse();
        chain
    }

    fn unit_page(&self, unit: &'a Unit, charts: &ChartsByPage) -> Page {
        let id = unit.id.as_str();
        let all: Vec<&Figures> = self.ind.of_unit(id).collect();
        let mut latest: Vec<&Figures> = all.iter().filter(|f| f.latest).copied().collect();
        latest.sort_by(|a, b| {
            (b.period.from, b.period.to, &b.period.label).cmp(&(a.period.from, a.period.to, &a.period.label))
        });
        let snapshots: Vec<SnapshotsView> = latest
            .iter()
            .filter_map(|f| {
                let snaps: Vec<FiguresView> = all
                    .iter()
                    .filter(|s| s.period.label == f.period.label)
                    .map(|s| self.figures(s))
                    .collect();
                (snaps.len() > 1).then_some(SnapshotsView { period: &f.period.label, snapshots: snaps })
            })
            .collect();
        let children_period = latest.iter().find(|f| {
            self.tree.children_of(id).iter().any(|c| self.ind.latest(c, &f.period.label).is_some())
        });
        let children: Vec<FiguresView> = match children_period {
            Some(p) => {
                let mut rows: Vec<&Figures> = self
                    .tree
                    .children_of(id)
                    .iter()
                    .filter_map(|c| self.ind.latest(c, &p.period.label))
                    .collect();
                rows.sort_by_key(|f| (f.rank.map_or(usize::MAX, |r| r.by_admitted), f.unit.as_str()));
                rows.iter().map(|f| self.figures(f)).collect()
            }
            None => Vec::new(),
        };
        let view = UnitPageView {
            unit: self.unit_ref(id),
            breadcrumb: self.breadcrumb(id),
            periods: latest.iter().map(|f| self.figures(f)).collect(),
            snapshots,
            children_period: children_period.map(|f| f.period.label.as_str()),
            children,
            sub_units: self.tree.children_of(id).iter().map(|c| self.unit_ref(c)).collect(),
            charts: self.charts_of(charts, id),
        };
        Page::new("unit.html", routes::unit(id), unit.name.clone(), "units", &view)
            .with_list("news", self.article_list(self.news_about(id)))
    }

    /// A unit's figure for the period an article falls in: the shortest period
    /// containing the article's date.
    fn figures_at(&self, unit: &'a str, day: chrono::NaiveDate) -> Option<&'a Figures> {
        self.ind
            .of_unit(unit)
            .filter(|f| f.latest && f.period.contains(day))
            .min_by_key(|f| ((f.period.to - f.period.from).num_days(), f.period.label.clone()))
    }

    fn article_page(&self, a: &Article) -> Page {
        let mut view = self.article_ref(a);
        let names = markdown::Names { article: &a.title, done: self.l.task_done, not_done: self.l.task_open };
        view["body"] = json!(markdown::to_html(&a.body, &names));
        let figures: Vec<FiguresView> =
            a.units.iter().filter_map(|u| self.figures_at(u, a.date)).map(|f| self.figures(f)).collect();
        view["figures"] = json!(figures);
        Page::new("article.html", routes::article(&a.slug), a.title.clone(), "news", &view)
    }

    /// Page `n` of a paginated list of articles.
    fn list_page(&self, list: &List, n: usize) -> Page {
        let (articles, template, title, extra) = self.list(list);
        let pages = page_count(articles.len());
        let slice = &articles[((n - 1) * PER_PAGE).min(articles.len())..(n * PER_PAGE).min(articles.len())];
        let data = json!({
            "pagination": {
                "current": n, "total": pages,
                "previous": (n > 1).then(|| list.path(n - 1)),
                "next": (n < pages).then(|| list.path(n + 1)),
                "first": list.path(1), "last": list.path(pages),
            },
            "extra": extra,
        });
        let title = if n == 1 { title.to_string() } else { format!("{title} – {} {n}", self.l.page) };
        Page::new(template, list.path(n), title, list.section(), &data)
            .with_list("articles", self.article_list(slice))
    }

    /// A list's articles, template, title and extra data for the template.
    fn list<'s>(&'s self, list: &List<'s>) -> (&'s [&'a Article], &'static str, &'s str, Value) {
        match list {
            List::News => (&self.published, "news.html", self.l.news, Value::Null),
            List::Tag(slug) => match self.tags.get(*slug) {
                Some((name, articles)) => (articles, "tag.html", name.as_str(), json!({ "tag": name })),
                None => (&[], "tag.html", slug, Value::Null),
            },
        }
    }

    /// Every page and file of the site.
    fn all_pages(&self) -> Vec<PageId> {
        routes::pages(&self.content.units, &self.published, &self.tags)
    }

    /// Whether the site has this page (a selection may name pages since removed).
    fn exists(&self, id: &PageId) -> bool {
        match id {
            PageId::Unit(unit) => self.units.contains_key(unit.as_str()),
            PageId::Article(slug) => self.articles_by_slug.contains_key(slug.as_str()),
            PageId::News(n) => *n >= 1 && *n <= page_count(self.published.len()),
            PageId::Tag(slug, n) => {
                self.tags.get(slug).is_some_and(|(_, a)| *n >= 1 && *n <= page_count(a.len()))
            }
            _ => true,
        }
    }

    /// Renders one page or file.
    fn file(
        &self,
        id: &PageId,
        tera: &Tera,
        templates: &Templates,
        focus: &Focus,
        charts: &ChartsByPage,
    ) -> Result<OutputFile, String> {
        let page = match id {
            PageId::Front => self.front_page(focus, charts),
            PageId::Unit(unit) => self.unit_page(self.units[unit.as_str()], charts),
            PageId::Article(slug) => self.article_page(self.articles_by_slug[slug.as_str()]),
            PageId::News(n) => self.list_page(&List::News, *n),
            PageId::Tag(slug, n) => self.list_page(&List::Tag(slug), *n),
            PageId::Feed => return render_xml(tera, "feed.xml", self.feed(), templates),
            PageId::Sitemap => return render_xml(tera, "sitemap.xml", self.sitemap(), templates),
            PageId::Robots => {
                let robots = format!("User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n", self.base_url);
                return Ok(OutputFile::new(routes::ROBOTS, robots));
            }
            PageId::Style => {
                let css = templates.get("style.css").map(|t| t.text.clone()).unwrap_or_default();
                return Ok(OutputFile::new(routes::STYLE, css));
            }
            single => self.single_page(single.clone()),
        };
        render_page(tera, self, page, templates)
    }

    /// A page of which the site has exactly one, other than the front page.
    fn single_page(&self, id: PageId) -> Page {
        match id {
            PageId::Units => self.units_page(),
            PageId::Data => self.data_page(),
            PageId::NotFound => self.not_found_page(),
            _ => self.tags_page(),
        }
    }

    fn tags_page(&self) -> Page {
        let tags: Vec<Value> = self
            .tags
            .iter()
            .map(|(slug, (name, articles))| json!({ "name": name, "url": routes::tag(slug, 1), "count": articles.len() }))
            .collect();
        Page::new("tags.html", routes::TAGS.into(), self.l.tags.into(), "tags", &json!({ "tags": tags }))
    }

    /// The data page: its glossary is in `l.glossary`; the rounding depends on site.yaml.
    fn data_page(&self) -> Page {
        let rounding =
            catalog::words(self.content.site.language).rounding(self.content.site.percent_decimals);
        Page::new(
            "data.html",
            routes::DATA.into(),
            self.l.data.into(),
            "data",
            &json!({ "rounding": rounding }),
        )
    }

    fn not_found_page(&self) -> Page {
        Page::new("404.html", routes::NOT_FOUND.into(), self.l.not_found.into(), "", &json!({}))
    }

    fn feed(&self) -> Value {
        let entries: Vec<Value> = self
            .published
            .iter()
            .take(FEED_SIZE)
            .map(|a| {
                let mut v = self.article_ref(a);
                v["absolute_url"] = json!(format!("{}{}", self.base_url, routes::article(&a.slug)));
                v
            })
            .collect();
        let updated = self.published.first().map(|a| a.published.to_rfc3339());
        json!({ "entries": entries, "updated": updated, "feed_url": format!("{}{}", self.base_url, routes::FEED) })
    }

    fn sitemap(&self) -> Value {
        let loc = |path: &str| format!("{}{path}", self.base_url);
        let mut urls: Vec<Value> =
            [routes::FRONT, routes::UNITS, &routes::news(1), routes::TAGS, routes::DATA]
                .iter()
                .map(|p| json!({ "loc": loc(p) }))
                .collect();
        urls.extend(self.content.units.iter().map(|u| json!({ "loc": loc(&routes::unit(&u.id)) })));
        urls.extend(
            self.published
                .iter()
                .map(|a| json!({ "loc": loc(&routes::article(&a.slug)), "lastmod": a.date })),
        );
        urls.extend(self.tags.keys().map(|slug| json!({ "loc": loc(&routes::tag(slug, 1)) })));
        json!({ "urls": urls })
    }
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

    #[test]
    fn base_url_has_one_trailing_slash() {
        assert_eq!(base_url("https://e.org/ban-tin"), "https://e.org/ban-tin/");
        assert_eq!(base_url("https://e.org/ban-tin//"), "https://e.org/ban-tin/");
    }
}
