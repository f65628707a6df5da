//! Render: every page of SPEC §8 through the tera templates of the theme.
//!
//! Pages are described as views (plain data for the templates) and rendered in
//! parallel; links are relative to each page, so the site works under any sub-path
//! and from disk.

use crate::indicators::{Figures, Focus, Indicators, Status, Tree};
use crate::labels::labels;
use crate::locale::Locale;
use crate::markdown;
use crate::model::{Article, Category, Content, Language, Unit};
use crate::points::{self, Writer};
use crate::text;
use crate::theme::{self, Templates};
use crate::write::OutputFile;
use rayon::prelude::*;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;
use tera::{Context, Kwargs, State, Tera};

/// Articles per page of the news list and of each tag.
pub const PER_PAGE: usize = 20;
/// Articles in the feed.
const FEED_SIZE: usize = 20;
/// Latest news on the front page and on unit pages.
const NEWS_ON_FRONT: usize = 5;

use crate::draw::{ChartsByPage, chart_path};

/// A page, or a set of pages made together (a list and its later pages), by what it
/// shows: the unit of renders kept apart when only part of a site is rendered again.
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
    Feed,
    Sitemap,
    Robots,
    Style,
}

/// One page to render: its template, its path in the output and its own data.
struct Page {
    id: PageId,
    template: &'static str,
    path: String,
    title: String,
    section: &'static str,
    data: Value,
    /// Lists of articles, added to `data` as they are cached: an article appears on
    /// many pages and is converted for the templates once.
    lists: Vec<(&'static str, tera::Value)>,
}

impl Page {
    fn new(
        id: PageId,
        template: &'static str,
        path: String,
        title: String,
        section: &'static str,
        data: Value,
    ) -> Page {
        Page { id, template, path, title, section, data, lists: Vec::new() }
    }

    fn with_list(mut self, key: &'static str, articles: Vec<tera::Value>) -> Page {
        self.lists.push((key, tera::Value::from(articles)));
        self
    }

    /// The page's data for the templates, lists included.
    fn value(self) -> tera::Value {
        let Value::Object(fields) = self.data else { return tera::Value::from_serializable(&self.data) };
        let mut out: BTreeMap<String, tera::Value> =
            fields.into_iter().map(|(key, v)| (key, tera::Value::from_serializable(&v))).collect();
        out.extend(self.lists.into_iter().map(|(key, v)| (key.to_string(), v)));
        tera::Value::from(out)
    }
}

/// Renders the pages, the feed, the sitemap, robots.txt and the stylesheet; with
/// `only`, just the pages it names.
pub fn render(
    content: &Content,
    ind: &Indicators,
    focus: &Focus,
    charts: &ChartsByPage,
    templates: &Templates,
    only: Option<&BTreeSet<PageId>>,
) -> Result<Vec<(PageId, OutputFile)>, String> {
    let wants = |id: &PageId| only.is_none_or(|set| set.contains(id));
    let site = SiteView::new(content, ind);
    let tera = engine(content, templates)?;
    let mut pages = Vec::new();
    if wants(&PageId::Front) {
        pages.push(site.front_page(focus, charts));
    }
    for id in [PageId::Units, PageId::Data, PageId::NotFound, PageId::Tags] {
        if wants(&id) {
            pages.push(site.single_page(id));
        }
    }
    pages.extend(site.unit_pages(charts, &wants));
    pages.extend(site.article_pages(&wants));
    pages.extend(site.list_pages(&List::News, &wants));
    let tag_pages = site.tags.par_iter().flat_map_iter(|(slug, _)| site.list_pages(&List::Tag(slug), &wants));
    pages.par_extend(tag_pages);
    let mut files: Vec<(PageId, OutputFile)> = pages
        .into_par_iter()
        .map(|page| Ok((page.id.clone(), render_page(&tera, &site, page, templates)?)))
        .collect::<Result<_, String>>()?;
    if wants(&PageId::Feed) {
        files.push((PageId::Feed, render_xml(&tera, "feed.xml", site.feed(), templates)?));
    }
    if wants(&PageId::Sitemap) {
        files.push((PageId::Sitemap, render_xml(&tera, "sitemap.xml", site.sitemap(), templates)?));
    }
    if wants(&PageId::Robots) {
        let robots = format!("User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n", site.base_url);
        files.push((PageId::Robots, OutputFile::new("robots.txt", robots)));
    }
    if wants(&PageId::Style) {
        let css = templates.get("style.css").map(|t| t.text.clone()).unwrap_or_default();
        files.push((PageId::Style, OutputFile::new("assets/style.css", css)));
    }
    Ok(files)
}

/// A paginated list of articles.
enum List<'s> {
    News,
    /// A tag's list, by the tag's slug.
    Tag(&'s str),
}

impl List<'_> {
    fn page(&self, n: usize) -> PageId {
        match self {
            List::News => PageId::News(n),
            List::Tag(slug) => PageId::Tag(slug.to_string(), n),
        }
    }

    /// `news/index.html`, `news/page-2.html`, `tags/nu.html`, `tags/nu-page-2.html`.
    fn path(&self, n: usize) -> String {
        match (self, n) {
            (List::News, 1) => "news/index.html".into(),
            (List::News, n) => format!("news/page-{n}.html"),
            (List::Tag(slug), 1) => format!("tags/{slug}.html"),
            (List::Tag(slug), n) => format!("tags/{slug}-page-{n}.html"),
        }
    }

    fn section(&self) -> &'static str {
        match self {
            List::News => "news",
            List::Tag(_) => "tags",
        }
    }
}

/// How many pages a list of `articles` takes: at least one.
pub fn page_count(articles: usize) -> usize {
    articles.div_ceil(PER_PAGE).max(1)
}

/// Published articles, newest first: the order of every list.
pub fn published(content: &Content) -> Vec<&Article> {
    let mut published: Vec<&Article> = content.articles.iter().filter(|a| !a.draft).collect();
    published.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.slug.cmp(&b.slug)));
    published
}

/// Tag slug → (the tag as first written, its articles in the order of `published`).
pub fn tag_lists<'a>(published: &[&'a Article]) -> BTreeMap<String, (String, Vec<&'a Article>)> {
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
        Some(s) => crate::period::parse_date(&s[..s.len().min(10)])
            .map(|d| locale.date(d))
            .unwrap_or_else(|_| s.to_string()),
        None => "–".to_string(),
    });
    // Filters first: templates are checked against them when added.
    let sources = templates.iter().filter(|(name, _)| !name.ends_with(".css"));
    tera.add_raw_templates(sources.map(|(name, t)| (name.as_str(), t.text.as_str())))
        .map_err(|e| theme::describe_error(&e, templates))?;
    let globals = tera.global_context();
    globals.insert("site", &site_globals(content));
    globals.insert("l", &labels(content.site.language));
    Ok(tera)
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
        "language": match s.language { Language::Vi => "vi", Language::En => "en" },
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

/// Everything the pages share: names, the tree, articles in order, tags.
struct SiteView<'a> {
    content: &'a Content,
    ind: &'a Indicators,
    tree: Tree<'a>,
    units: HashMap<&'a str, &'a Unit>,
    names: HashMap<&'a str, &'a str>,
    categories: Vec<Category>,
    l: BTreeMap<&'static str, &'static str>,
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
    tags: BTreeMap<String, (String, Vec<&'a Article>)>,
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
        let base_path =
            base_url.split_once("://").and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string()));
        SiteView {
            content,
            ind,
            tree: Tree::new(content),
            units: content.units.iter().map(|u| (u.id.as_str(), u)).collect(),
            names: content.units.iter().map(|u| (u.id.as_str(), u.name.as_str())).collect(),
            categories: content.site.categories(),
            l: labels(content.site.language),
            locale: Locale::new(content.site.language),
            articles_by_slug: published.iter().map(|a| (a.slug.as_str(), *a)).collect(),
            refs: published.iter().map(|a| (a.slug.as_str(), OnceLock::new())).collect(),
            published,
            news_by_unit,
            tags,
            base_path: base_path.unwrap_or_else(|| "/".into()),
            base_url,
        }
    }

    fn unit_ref(&self, id: &str) -> Value {
        let unit = self.units.get(id);
        json!({
            "id": id,
            "name": unit.map_or(id, |u| u.name.as_str()),
            "kind": unit.and_then(|u| u.kind.as_deref()),
            "url": format!("units/{id}.html"),
        })
    }

    fn status_label(&self, status: Status) -> &'static str {
        match status {
            Status::Exceeded => self.l["status_exceeded"],
            Status::Achieved => self.l["status_achieved"],
            Status::Behind => self.l["status_behind"],
        }
    }

    fn source(&self, source: &Option<String>) -> Value {
        match source {
            None => Value::Null,
            Some(s) if s.starts_with("http://") || s.starts_with("https://") => {
                json!({ "title": s, "url": s, "external": true })
            }
            Some(slug) => match self.articles_by_slug.get(slug.as_str()) {
                Some(a) => json!({ "title": a.title, "url": format!("news/{slug}.html"), "external": false }),
                None => Value::Null,
            },
        }
    }

    /// A report's figures for the templates, composition in display order.
    fn figures(&self, f: &Figures) -> Value {
        let targets: Vec<Value> = f
            .targets
            .iter()
            .map(|t| {
                json!({
                    "value": t.value, "max": t.max, "by": t.by, "document": t.document,
                    "deadline": t.deadline, "achievement_pct": t.achievement_pct,
                    "status": t.status, "status_label": self.status_label(t.status), "pace": t.pace,
                })
            })
            .collect();
        let composition: Vec<Value> = self
            .categories
            .iter()
            .filter_map(|c| {
                let s = f.composition.get(&c.key)?;
                Some(json!({ "key": c.key, "label": c.label, "count": s.count, "share_pct": s.share_pct }))
            })
            .collect();
        let training = &f.training;
        let has_training = [
            training.awareness_classes,
            training.awareness_trainees,
            training.new_member_classes,
            training.new_member_trainees,
        ]
        .iter()
        .any(Option::is_some);
        json!({
            "unit": self.unit_ref(&f.unit),
            "period": { "label": f.period.label, "from": f.period.from, "to": f.period.to },
            "as_of": f.as_of, "latest": f.latest, "derived": f.derived, "admitted": f.admitted,
            "targets": targets, "first_target": targets.first(), "composition": composition,
            "members": f.members, "admission_rate_pct": f.admission_rate_pct, "organizations": f.organizations,
            "training": training, "has_training": has_training, "conversion_pct": f.conversion_pct,
            "confirmed": f.confirmed, "change": f.change, "rank": f.rank,
            "source": self.source(&f.source), "note": f.note,
        })
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
            "url": format!("news/{}.html", a.slug),
            "summary": summary,
            "source": a.source,
            "source_url": a.source_url,
            "author": a.author,
            "tags": a.tags.iter().map(|t| json!({ "name": t, "url": format!("tags/{}.html", text::slug_lossy(t)) })).collect::<Vec<_>>(),
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
            [one] if group.iter().all(|g| g.unit != one.unit) => self.unit_ref(&one.unit),
            _ => Value::Null,
        };
        let overview: Vec<Value> = self
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
        Page::new(
            PageId::Front,
            "index.html",
            "index.html".into(),
            self.content.site.title.clone(),
            "home",
            data,
        )
        .with_list("news", self.article_list(&news))
    }

    fn unit_tree(&self, id: &str) -> Value {
        let children: Vec<Value> = self.tree.children_of(id).iter().map(|c| self.unit_tree(c)).collect();
        let mut node = self.unit_ref(id);
        node["children"] = json!(children);
        node
    }

    fn units_page(&self) -> Page {
        let tree: Vec<Value> = self.tree.roots.iter().map(|r| self.unit_tree(r)).collect();
        Page::new(
            PageId::Units,
            "units.html",
            "units/index.html".into(),
            self.l["all_units"].into(),
            "units",
            json!({ "tree": tree }),
        )
    }

    fn unit_pages(&self, charts: &ChartsByPage, wants: &(impl Fn(&PageId) -> bool + Sync)) -> Vec<Page> {
        let units = self.content.units.par_iter().filter(|u| wants(&PageId::Unit(u.id.clone())));
        units.map(|u| self.unit_page(u, charts)).collect()
    }

    fn breadcrumb(&self, id: &str) -> Vec<Value> {
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

    fn unit_page(&self, unit: &Unit, charts: &ChartsByPage) -> Page {
        let id = unit.id.as_str();
        let all: Vec<&Figures> = self.ind.of_unit(id).collect();
        let mut latest: Vec<&Figures> = all.iter().filter(|f| f.latest).copied().collect();
        latest.sort_by(|a, b| {
            (b.period.from, b.period.to, &b.period.label).cmp(&(a.period.from, a.period.to, &a.period.label))
        });
        let snapshots: Vec<Value> = latest
            .iter()
            .filter_map(|f| {
                let snaps: Vec<Value> = all
                    .iter()
                    .filter(|s| s.period.label == f.period.label)
                    .map(|s| self.figures(s))
                    .collect();
                (snaps.len() > 1).then(|| json!({ "period": f.period.label, "snapshots": snaps }))
            })
            .collect();
        let children_period = latest.iter().find(|f| {
            self.tree.children_of(id).iter().any(|c| self.ind.latest(c, &f.period.label).is_some())
        });
        let children: Vec<Value> = match children_period {
            Some(p) => {
                let mut rows: Vec<&Figures> = self
                    .tree
                    .children_of(id)
                    .iter()
                    .filter_map(|c| self.ind.latest(c, &p.period.label))
                    .collect();
                rows.sort_by_key(|f| (f.rank.map_or(usize::MAX, |r| r.by_admitted), f.unit.clone()));
                rows.iter().map(|f| self.figures(f)).collect()
            }
            None => Vec::new(),
        };
        let data = json!({
            "unit": self.unit_ref(id),
            "breadcrumb": self.breadcrumb(id),
            "periods": latest.iter().map(|f| self.figures(f)).collect::<Vec<_>>(),
            "snapshots": snapshots,
            "children_period": children_period.map(|f| &f.period.label),
            "children": children,
            "sub_units": self.tree.children_of(id).iter().map(|c| self.unit_ref(c)).collect::<Vec<_>>(),
            "charts": self.charts_of(charts, id),
        });
        Page::new(
            PageId::Unit(id.to_string()),
            "unit.html",
            format!("units/{id}.html"),
            unit.name.clone(),
            "units",
            data,
        )
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

    fn article_pages(&self, wants: &(impl Fn(&PageId) -> bool + Sync)) -> Vec<Page> {
        self.published
            .par_iter()
            .filter(|a| wants(&PageId::Article(a.slug.clone())))
            .map(|a| {
                let mut view = self.article_ref(a);
                let names = markdown::Names {
                    article: &a.title,
                    done: self.l["task_done"],
                    not_done: self.l["task_open"],
                };
                view["body"] = json!(markdown::to_html(&a.body, &names));
                let figures: Vec<Value> = a
                    .units
                    .iter()
                    .filter_map(|u| self.figures_at(u, a.date))
                    .map(|f| self.figures(f))
                    .collect();
                view["figures"] = json!(figures);
                Page::new(
                    PageId::Article(a.slug.clone()),
                    "article.html",
                    format!("news/{}.html", a.slug),
                    a.title.clone(),
                    "news",
                    view,
                )
            })
            .collect()
    }

    /// The wanted pages of a paginated list of articles.
    fn list_pages(&self, list: &List, wants: &(impl Fn(&PageId) -> bool + Sync)) -> Vec<Page> {
        let (articles, template, title, extra) = match list {
            List::News => (&self.published, "news.html", self.l["news"], Value::Null),
            List::Tag(slug) => {
                let (name, articles) = &self.tags[*slug];
                (articles, "tag.html", name.as_str(), json!({ "tag": name }))
            }
        };
        let pages = page_count(articles.len());
        (1..=pages)
            .into_par_iter()
            .filter(|&n| wants(&list.page(n)))
            .map(|n| {
                let slice = &articles[(n - 1) * PER_PAGE..(n * PER_PAGE).min(articles.len())];
                let data = json!({
                    "pagination": {
                        "current": n, "total": pages,
                        "previous": (n > 1).then(|| list.path(n - 1)),
                        "next": (n < pages).then(|| list.path(n + 1)),
                        "first": list.path(1), "last": list.path(pages),
                    },
                    "extra": extra,
                });
                let title =
                    if n == 1 { title.to_string() } else { format!("{title} – {} {n}", self.l["page"]) };
                Page::new(list.page(n), template, list.path(n), title, list.section(), data)
                    .with_list("articles", self.article_list(slice))
            })
            .collect()
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
            .map(|(slug, (name, articles))| json!({ "name": name, "url": format!("tags/{slug}.html"), "count": articles.len() }))
            .collect();
        Page::new(
            PageId::Tags,
            "tags.html",
            "tags/index.html".into(),
            self.l["tags"].into(),
            "tags",
            json!({ "tags": tags }),
        )
    }

    fn data_page(&self) -> Page {
        Page::new(
            PageId::Data,
            "data.html",
            "data/index.html".into(),
            self.l["data"].into(),
            "data",
            json!({}),
        )
    }

    fn not_found_page(&self) -> Page {
        Page::new(PageId::NotFound, "404.html", "404.html".into(), self.l["not_found"].into(), "", json!({}))
    }

    fn feed(&self) -> Value {
        let entries: Vec<Value> = self
            .published
            .iter()
            .take(FEED_SIZE)
            .map(|a| {
                let mut v = self.article_ref(a);
                v["absolute_url"] = json!(format!("{}news/{}.html", self.base_url, a.slug));
                v
            })
            .collect();
        let updated = self.published.first().map(|a| a.published.to_rfc3339());
        json!({ "entries": entries, "updated": updated, "feed_url": format!("{}feed.xml", self.base_url) })
    }

    fn sitemap(&self) -> Value {
        let mut urls: Vec<Value> =
            ["index.html", "units/index.html", "news/index.html", "tags/index.html", "data/index.html"]
                .iter()
                .map(|p| json!({ "loc": format!("{}{p}", self.base_url) }))
                .collect();
        urls.extend(
            self.content
                .units
                .iter()
                .map(|u| json!({ "loc": format!("{}units/{}.html", self.base_url, u.id) })),
        );
        urls.extend(
            self.published.iter().map(
                |a| json!({ "loc": format!("{}news/{}.html", self.base_url, a.slug), "lastmod": a.date }),
            ),
        );
        urls.extend(
            self.tags.keys().map(|slug| json!({ "loc": format!("{}tags/{slug}.html", self.base_url) })),
        );
        json!({ "urls": urls })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_roots() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("units/ba-tri.html"), "../");
        assert_eq!(root_of("a/b/c.html"), "../../");
    }

    #[test]
    fn base_url_has_one_trailing_slash() {
        assert_eq!(base_url("https://e.org/ban-tin"), "https://e.org/ban-tin/");
        assert_eq!(base_url("https://e.org/ban-tin//"), "https://e.org/ban-tin/");
    }
}
