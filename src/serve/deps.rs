//! Dependencies: which pages, charts and data files a change to the content or the
//! templates touches, so that a live preview renders only those again.
//!
//! Each page and each page's charts were made through a [`Reader`] that noted what it
//! handed out ([`Reads`]); a change touches those whose notes name a [`Fact`] it
//! changed, so what a page shows and what the preview renders again cannot drift.
//! Site settings and units (names, tree, order) show on nearly every page, and a
//! template may be included anywhere: a change to them touches everything.
//!
//! [`Reader`]: crate::compute::reads::Reader

use crate::compute::indicators::Indicators;
use crate::compute::reads::{Computed, Fact, Reads};
use crate::model::Article;
use crate::model::Unit;
use crate::render::Inputs;
use crate::render::theme::Templates;
use crate::resolve::Bulletin;
use crate::resolve::lists::{ListId, Month, TagLists};
use crate::resolve::routes::PageId;
use rustc_hash::FxHashSet;
use std::cmp::{Ordering, Reverse};
use std::collections::BTreeSet;
use std::sync::Arc;

/// What a change touches.
#[derive(Debug, Default, PartialEq)]
pub struct Touched {
    /// Everything is made again.
    pub all: bool,
    pub pages: BTreeSet<PageId>,
    /// Charts by page key: [`crate::charts::by_page::FRONT`] or a unit id.
    pub charts: BTreeSet<String>,
    pub data_files: bool,
    /// The search index is made again.
    pub search: bool,
    /// What changed, charts drawn again included: whatever was made from one of these
    /// is made again.
    pub facts: Reads,
}

impl Touched {
    fn everything() -> Touched {
        Touched { all: true, ..Touched::default() }
    }

    #[cfg(test)]
    fn is_empty(&self) -> bool {
        !self.all
            && self.pages.is_empty()
            && self.charts.is_empty()
            && !self.data_files
            && self.facts.is_empty()
    }
}

/// What changed between two computed sites of the same folder, each with its resolved
/// bulletin, given what each page (`pages`) and each page's charts (`charts`) of the
/// old site were made from.
pub fn touched<'n>(
    old: &Inputs,
    new: &Inputs,
    pages: impl Iterator<Item = (&'n PageId, &'n Reads)>,
    charts: impl Iterator<Item = (&'n String, &'n Reads)>,
) -> Touched {
    let (before, after) = (old.bulletin.content, new.bulletin.content);
    if before.site != after.site
        || !same_units(&before.units, &after.units)
        || crate::render::favicon(before) != crate::render::favicon(after)
    {
        return Touched::everything();
    }
    let mut t = Touched::default();
    if !templates_touched(&mut t, old.templates, new.templates, new.bulletin) {
        return Touched::everything();
    }
    let mut changed = changed(old.computed(), new.computed());
    // The data files show every figure and the focus.
    t.data_files = changed.iter().any(|f| matches!(f, Fact::Figures(_) | Fact::Focus));
    // The search index shows every published article and each unit's current figure.
    t.search = changed.iter().any(|f| matches!(f, Fact::Figures(_) | Fact::Article(_)));
    // Charts first: a page showing charts drawn again is rendered again.
    for (key, read) in charts {
        if !read.is_disjoint(&changed) {
            t.charts.insert(key.clone());
        }
    }
    changed.extend(t.charts.iter().map(|key| Fact::Charts(key.clone())));
    t.pages.extend(pages.filter(|(_, read)| !read.is_disjoint(&changed)).map(|(id, _)| id.clone()));
    pages_added_or_removed(&mut t.pages, &old.bulletin.pages, &new.bulletin.pages);
    t.facts = changed;
    t
}

/// Units in the same order with the same fields; where they were written is not shown.
/// Units shared from one load to the next are the same slice or the same items, seen at
/// once.
fn same_units(old: &[Arc<Unit>], new: &[Arc<Unit>]) -> bool {
    fn shown(u: &Unit) -> impl PartialEq + '_ {
        (&u.id, &u.name, &u.kind, &u.parent, u.order)
    }
    std::ptr::eq(old, new)
        || old.len() == new.len()
            && old.iter().zip(new).all(|(a, b)| Arc::ptr_eq(a, b) || shown(a) == shown(b))
}

/// Adds the pages in one list and not in the other. Most changes keep every page, in
/// the same order: the lists are compared before any set is made.
fn pages_added_or_removed(out: &mut BTreeSet<PageId>, old: &[PageId], new: &[PageId]) {
    if old == new {
        return;
    }
    let (before, after): (FxHashSet<&PageId>, FxHashSet<&PageId>) =
        (old.iter().collect(), new.iter().collect());
    out.extend(before.symmetric_difference(&after).map(|&id| id.clone()));
}

/// The pages each changed page template renders. Returns false when a changed template
/// may be used by any page (the base, components, or a template another one names).
fn templates_touched(t: &mut Touched, old: &Templates, new: &Templates, bulletin: &Bulletin) -> bool {
    let names: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for name in names {
        if old.get(name).map(|s| &s.text) == new.get(name).map(|s| &s.text) {
            continue;
        }
        // `{% include "unit.html" %}`, `{% extends 'unit.html' %}`, …
        let quoted = [format!("\"{name}\""), format!("'{name}'")];
        let named_elsewhere =
            new.iter().any(|(other, s)| other != name && quoted.iter().any(|q| s.text.contains(q.as_str())));
        if named_elsewhere {
            return false;
        }
        t.pages.extend(pages_of_template(name, bulletin));
    }
    true
}

/// The pages a template renders, as rendering names it ([`PageId::template`]).
fn pages_of_template(name: &str, bulletin: &Bulletin) -> Vec<PageId> {
    bulletin.pages.iter().filter(|p| p.template() == name).cloned().collect()
}

/// What changed between two computed sites of the same folder, as [`Fact`]s (charts
/// aside: they change when drawn again).
fn changed(old: Computed, new: Computed) -> Reads {
    let mut out = Reads::new();
    // Figures kept from the site before (no report, unit or setting changed) are the same.
    if !std::ptr::eq(old.ind, new.ind) {
        figures_changed(&mut out, old.ind, new.ind);
    }
    let articles = articles_changed(old.b, new.b);
    lists_changed(&mut out, old.b, new.b, &articles);
    out.extend(articles.into_iter().map(|slug| Fact::Article(slug.to_string())));
    if old.focus != new.focus {
        out.insert(Fact::Focus);
    }
    out
}

fn figures_changed(out: &mut Reads, was: &Indicators, now: &Indicators) {
    let (old, new) = (&was.reports, &now.reports);
    // Figures made again after a save (`compute::again`) share, in their places, those
    // it left as they were: only the others are compared.
    let shared = old.len() == new.len() && old.iter().zip(new).any(|(a, b)| Arc::ptr_eq(a, b));
    if shared {
        let moved = old.iter().zip(new).filter(|(a, b)| !Arc::ptr_eq(a, b) && !a.shows_same(b));
        out.extend(moved.flat_map(|(a, b)| [&a.unit, &b.unit]).map(|unit| Fact::Figures(unit.clone())));
        return;
    }
    for (unit, a, b) in merge_by_key(was.by_unit(), now.by_unit()) {
        let (a, b) = (a.unwrap_or(&[]), b.unwrap_or(&[]));
        if a.len() != b.len() || !a.iter().zip(b).all(|(x, y)| x.shows_same(y)) {
            out.insert(Fact::Figures(unit.to_string()));
        }
    }
}

/// Two sequences sorted by key, walked side by side: each key once, with its value in
/// each sequence that has it.
fn merge_by_key<K: Ord, V>(
    old: impl Iterator<Item = (K, V)>,
    new: impl Iterator<Item = (K, V)>,
) -> impl Iterator<Item = (K, Option<V>, Option<V>)> {
    let (mut old, mut new) = (old.peekable(), new.peekable());
    std::iter::from_fn(move || {
        let order = match (old.peek(), new.peek()) {
            (None, None) => return None,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some((a, _)), Some((b, _))) => a.cmp(b),
        };
        Some(match order {
            Ordering::Less => old.next().map(|(k, a)| (k, Some(a), None))?,
            Ordering::Greater => new.next().map(|(k, b)| (k, None, Some(b)))?,
            Ordering::Equal => {
                let ((k, a), (_, b)) = (old.next()?, new.next()?);
                (k, Some(a), Some(b))
            }
        })
    })
}

/// The slugs of the published articles added, withdrawn or shown otherwise.
fn articles_changed<'b>(old: &'b Bulletin, new: &'b Bulletin) -> BTreeSet<&'b str> {
    // Newest first, then by slug: the order of both lists, in which no two articles of
    // one list are level. An article moved in time is withdrawn from one place and
    // added at another.
    let in_order = |b: &'b Bulletin| b.lists.published.iter().map(|a| ((Reverse(a.published), &a.slug), *a));
    merge_by_key(in_order(old), in_order(new))
        .filter(|(_, a, b)| a.zip(*b).is_none_or(|(a, b)| !same_article(a, b)))
        .map(|((_, slug), ..)| slug.as_str())
        .collect()
}

/// Whether an article shows the same: an unchanged file keeps the same shared article.
fn same_article(a: &Article, b: &Article) -> bool {
    std::ptr::eq(a, b) || shown_article(a) == shown_article(b)
}

/// An article's fields, without where it was written. The body is compared by its
/// text only when it was read again: an unchanged file keeps the same shared text.
#[allow(clippy::type_complexity)]
fn shown_article(a: &Article) -> impl PartialEq + '_ {
    (
        (&a.slug, &a.title, a.date, a.published, &a.units, &a.tags),
        (&a.source, &a.source_url, &a.author, &a.summary, a.draft, Body(&a.body)),
    )
}

struct Body<'a>(&'a std::sync::Arc<str>);

impl PartialEq for Body<'_> {
    fn eq(&self, other: &Body) -> bool {
        std::sync::Arc::ptr_eq(self.0, other.0) || self.0 == other.0
    }
}

/// Lists whose articles or order changed, and the tags' and months' counts, given the
/// slugs of the articles that changed. Only a list that holds one of those, before or
/// after, can change: any other holds the same articles as before, which sort the same.
fn lists_changed(out: &mut Reads, old: &Bulletin, new: &Bulletin, articles: &BTreeSet<&str>) {
    if articles.is_empty() {
        return;
    }
    let versions = articles.iter().flat_map(|slug| [old.articles.get(slug), new.articles.get(slug)]);
    let lists: BTreeSet<ListId> = versions.flatten().flat_map(|a| ListId::of(a)).collect();
    for id in lists {
        let (a, b) = (old.lists.get(&id), new.lists.get(&id));
        if a.len() != b.len() || a.iter().zip(b).any(|(x, y)| x.slug != y.slug) {
            out.insert(Fact::List(id));
        }
    }
    if !tag_counts(&old.lists.tags).eq(tag_counts(&new.lists.tags)) {
        out.insert(Fact::Tags);
    }
    let month = |(m, list): (&Month, &Vec<&Article>)| (*m, list.len());
    if !old.lists.months.iter().map(month).eq(new.lists.months.iter().map(month)) {
        out.insert(Fact::Months);
    }
}

/// Each tag's slug, name and number of articles.
fn tag_counts<'t>(tags: &'t TagLists) -> impl Iterator<Item = (&'t String, &'t String, usize)> {
    tags.iter().map(|(slug, (name, list))| (slug, name, list.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::by_page::{self, FRONT};
    use crate::load::{Source, parse};
    use crate::pipeline::{Checked, check_loaded};

    const SITE: &str = "title: T\nbase_url: https://e.org/\n";
    const DATA: &str = "units:
  - { id: p, name: Tỉnh P }
  - { id: a, name: Xã A, parent: p }
  - { id: b, name: Xã B, parent: p }
  - { id: c, name: Xã C, parent: p }
reports:
  - { unit: a, period: 2024, admitted: 10, targets: [{ value: 20 }] }
  - { unit: b, period: 2024, admitted: 30, source: tin-b }
  - { unit: c, period: 2024, admitted: 20 }
";
    const NEWS_A: &str = "---\ntitle: Tin A\ndate: 2024-03-01\nunits: [a]\ntags: [Thanh niên]\n---\nMột.\n";
    const NEWS_B: &str = "---\ntitle: Tin B\ndate: 2024-04-01\nunits: [b]\n---\nHai.\n";

    /// Computes a content folder given as (path, text) pairs.
    fn computed(files: &[(String, String)]) -> Checked {
        let sources = files.iter().map(|(rel, text)| Source::new(rel, text)).collect();
        let checked = check_loaded(parse(Some(Source::new("site.yaml", SITE)), sources), "".as_ref());
        assert!(!checked.failed(), "{:?}", checked.problems);
        checked
    }

    /// The site of a computed folder, with `templates`.
    fn inputs<'a>(checked: &'a Checked, templates: &'a Templates) -> Inputs<'a> {
        checked.computed.as_ref().expect("computed").inputs(checked.bulletin(), templates)
    }

    fn theme() -> Templates {
        crate::render::theme::templates(None).expect("built-in theme")
    }

    /// What `new` touches of `old`, from what each page and chart of `old` was made from
    /// when it was rendered and drawn.
    fn touched_since(old: &Inputs, new: &Inputs) -> Touched {
        let (charts, chart_reads) = by_page::draw(old.computed(), None);
        let rendered = crate::render::render(*old, &charts, None).expect("rendered");
        let pages = rendered.iter().map(|r| (&r.id, &r.reads));
        touched(old, new, pages, chart_reads.iter().map(|(key, reads)| (key, reads)))
    }

    fn diff(before: &[(String, String)], after: &[(String, String)]) -> Touched {
        let (c1, c2, t) = (computed(before), computed(after), theme());
        touched_since(&inputs(&c1, &t), &inputs(&c2, &t))
    }

    fn base() -> Vec<(String, String)> {
        [("data/p.yaml", DATA), ("news/tin-a.md", NEWS_A), ("news/tin-b.md", NEWS_B)]
            .map(|(path, text)| (path.to_string(), text.to_string()))
            .into()
    }

    fn units(ids: &[&str]) -> impl Iterator<Item = PageId> {
        ids.iter().map(|id| PageId::Unit(id.to_string())).collect::<Vec<_>>().into_iter()
    }

    #[test]
    fn nothing_changed_touches_nothing() {
        assert!(diff(&base(), &base()).is_empty());
    }

    #[test]
    fn an_article_title_touches_its_page_lists_feed_and_the_units_it_names() {
        let mut after = base();
        after[1].1 = NEWS_A.replace("Tin A", "Tin A mới");
        let t = diff(&base(), &after);
        // Not the index of tags (names and counts only), nor the bulletin (no report cites it).
        let mut expected: BTreeSet<PageId> = [
            PageId::Article("tin-a".into()),
            PageId::News(1),
            PageId::Tag("thanh-nien".into(), 1),
            PageId::Month(crate::resolve::lists::Month { year: 2024, month: 3 }, 1),
            PageId::Feed,
            PageId::Sitemap(0),
            PageId::Front,
        ]
        .into();
        expected.extend(units(&["a"]));
        assert_eq!(t.pages, expected);
        assert!(!t.all && t.charts.is_empty() && !t.data_files);
    }

    #[test]
    fn an_article_cited_by_a_report_touches_the_pages_showing_that_figure() {
        let mut after = base();
        after[2].1 = NEWS_B.replace("Tin B", "Tin B mới");
        let t = diff(&base(), &after);
        // b's page cites it, p's table of children too; tin-b names b.
        assert!(t.pages.is_superset(&units(&["b", "p"]).collect()));
        assert!(!t.pages.contains(&PageId::Unit("a".into())));
        assert!(t.charts.is_empty());
    }

    #[test]
    fn a_new_and_a_deleted_article_touch_their_pages() {
        let mut after = base();
        after.remove(1);
        after.push((
            "news/tin-c.md".into(),
            "---\ntitle: Tin C\ndate: 2024-05-01\ntags: [Nữ]\n---\nBa.\n".into(),
        ));
        let t = diff(&base(), &after);
        for page in
            [PageId::Article("tin-a".into()), PageId::Article("tin-c".into()), PageId::Tag("nu".into(), 1)]
        {
            assert!(t.pages.contains(&page), "{page:?}");
        }
        assert!(t.pages.contains(&PageId::Tag("thanh-nien".into(), 1)));
    }

    /// The sample plus 30 more articles, one a day from 2024-01-01: two pages of news.
    fn two_pages() -> Vec<(String, String)> {
        let mut files = base();
        for day in 1..=30 {
            files.push((
                format!("news/tin-{day:02}.md"),
                format!("---\ntitle: Tin {day}\ndate: 2024-01-{day:02}\ntags: [Nữ]\n---\nx\n"),
            ));
        }
        files
    }

    fn news_pages(t: &Touched) -> Vec<&PageId> {
        t.pages.iter().filter(|p| matches!(p, PageId::News(_) | PageId::Tag(..))).collect()
    }

    #[test]
    fn an_article_keeping_its_place_touches_only_the_list_pages_showing_it() {
        // 32 published: tin-01 is the oldest, on page 2 of the news and of its tag.
        let mut after = two_pages();
        let oldest = after.iter_mut().find(|(p, _)| p == "news/tin-01.md").unwrap();
        oldest.1 = oldest.1.replace("Tin 1\n", "Tin một\n");
        let t = diff(&two_pages(), &after);
        assert_eq!(news_pages(&t), [&PageId::News(2), &PageId::Tag("nu".into(), 2)]);
    }

    #[test]
    fn an_article_moving_in_time_touches_every_page_of_its_lists() {
        let mut after = two_pages();
        let oldest = after.iter_mut().find(|(p, _)| p == "news/tin-01.md").unwrap();
        oldest.1 = oldest.1.replace("2024-01-01", "2024-12-01");
        let t = diff(&two_pages(), &after);
        let expected =
            [PageId::News(1), PageId::News(2), PageId::Tag("nu".into(), 1), PageId::Tag("nu".into(), 2)];
        assert_eq!(news_pages(&t), expected.iter().collect::<Vec<_>>());
    }

    #[test]
    fn a_draft_changing_touches_nothing() {
        let draft = "---\ntitle: Nháp\ndate: 2024-05-01\ndraft: true\n---\nx\n";
        let edited = "---\ntitle: Nháp 2\ndate: 2024-05-01\ndraft: true\n---\ny\n";
        let mut before = base();
        before.push(("news/nhap.md".into(), draft.into()));
        let mut after = base();
        after.push(("news/nhap.md".into(), edited.into()));
        assert!(diff(&before, &after).is_empty());
    }

    #[test]
    fn a_figure_touches_the_unit_its_parent_ranked_siblings_front_charts_and_data() {
        let mut after = base();
        // c overtakes b: c and b change rank, a's rank (third) stays.
        after[0].1 =
            DATA.replace("unit: c, period: 2024, admitted: 20", "unit: c, period: 2024, admitted: 40");
        let t = diff(&base(), &after);
        let mut expected: BTreeSet<PageId> = units(&["b", "c", "p"]).collect();
        expected.insert(PageId::Front);
        expected.insert(PageId::Units);
        expected.insert(PageId::Bulletin);
        expected.insert(PageId::Article("tin-b".into()));
        assert_eq!(t.pages, expected);
        assert_eq!(t.charts, ["b", "c", "p", FRONT].iter().map(|s| s.to_string()).collect());
        assert!(t.data_files);
    }

    /// Every page of a site, rendered: its path and bytes by page.
    fn pages_of(site: &Inputs) -> std::collections::BTreeMap<PageId, Vec<u8>> {
        let (charts, _) = by_page::draw(site.computed(), None);
        let rendered = crate::render::render(*site, &charts, None).expect("rendered");
        rendered.into_iter().map(|r| (r.id, r.file.bytes)).collect()
    }

    /// The rule that keeps the preview right: a page whose bytes an edit changes, or
    /// that it adds or removes, is touched.
    #[test]
    fn every_page_an_edit_changes_is_touched() {
        type Edit = Box<dyn Fn(&mut Vec<(String, String)>)>;
        let edits: Vec<(&str, Edit)> = vec![
            ("title", Box::new(|f| f[1].1 = NEWS_A.replace("Tin A", "Tin A mới"))),
            ("date", Box::new(|f| f[1].1 = NEWS_A.replace("2024-03-01", "2024-05-01"))),
            ("tag", Box::new(|f| f[1].1 = NEWS_A.replace("[Thanh niên]", "[Thanh niên, Nữ]"))),
            ("units", Box::new(|f| f[2].1 = NEWS_B.replace("units: [b]", "units: [a, c]"))),
            ("draft", Box::new(|f| f[2].1 = NEWS_B.replace("units: [b]", "units: [b]\ndraft: true"))),
            ("body", Box::new(|f| f[2].1 = NEWS_B.replace("Hai.", "Hai, ba."))),
            ("deleted", Box::new(|f| drop(f.remove(1)))),
            (
                "added",
                Box::new(|f| {
                    let text = "---\ntitle: Tin C\ndate: 2024-06-01\nunits: [c]\ntags: [Nữ]\n---\nBa.\n";
                    f.push(("news/tin-c.md".into(), text.into()));
                }),
            ),
            ("figure", Box::new(|f| f[0].1 = DATA.replace("admitted: 20", "admitted: 40"))),
            ("target", Box::new(|f| f[0].1 = DATA.replace("value: 20", "value: 12"))),
            ("source", Box::new(|f| f[0].1 = DATA.replace("source: tin-b", "source: tin-a"))),
        ];
        let theme = theme();
        let before = computed(&base());
        let old = inputs(&before, &theme);
        let old_pages = pages_of(&old);
        for (name, edit) in edits {
            let mut files = base();
            edit(&mut files);
            let after = computed(&files);
            let new = inputs(&after, &theme);
            let t = touched_since(&old, &new);
            assert!(!t.all, "{name}: touched everything");
            let new_pages = pages_of(&new);
            let ids: BTreeSet<&PageId> = old_pages.keys().chain(new_pages.keys()).collect();
            for id in ids {
                if old_pages.get(id) != new_pages.get(id) {
                    assert!(t.pages.contains(id), "{name}: {id:?} changed but was not touched");
                }
            }
        }
    }

    #[test]
    fn a_unit_renamed_touches_everything() {
        let mut after = base();
        after[0].1 = DATA.replace("Xã A", "Xã A mới");
        assert!(diff(&base(), &after).all);
    }

    #[test]
    fn a_page_template_touches_its_pages_and_the_base_touches_everything() {
        let (c, t) = (computed(&base()), theme());
        let old = inputs(&c, &t);
        let mut edited = t.clone();
        edited.get_mut("article.html").expect("article template").text.push('\n');
        let new = Inputs { templates: &edited, ..old };
        let pages = touched_since(&old, &new).pages;
        assert_eq!(pages, [PageId::Article("tin-a".into()), PageId::Article("tin-b".into())].into());

        let mut edited = t.clone();
        edited.get_mut("base.html").expect("base template").text.push('\n');
        assert!(touched_since(&old, &Inputs { templates: &edited, ..old }).all);
        let mut edited = t.clone();
        edited.get_mut("style.css").expect("stylesheet").text.push('\n');
        assert_eq!(touched_since(&old, &Inputs { templates: &edited, ..old }).pages, [PageId::Style].into());
    }
}
