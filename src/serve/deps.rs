//! Dependencies: which pages, charts and data files a change to the content or the
//! templates touches, so that a live preview renders only those again.
//!
//! The rules follow what each page shows (see `render`): an article appears on its
//! own page, in its lists (news, tags, units, month), the feed, the sitemap, the front
//! page and the pages of the units it names; a unit's figures appear on its page, its
//! parent's table of children, the index of units, its charts and its parent's, the
//! front page, the data files and the articles that name it. Site settings and units (names, tree, order) show on
//! nearly every page, so a change to them touches everything.

use crate::charts::by_page::FRONT;
use crate::compute::indicators::{Figures, Indicators};
use crate::model::{Article, Content, Unit};
use crate::render::Inputs;
use crate::render::theme::Templates;
use crate::resolve::Bulletin;
use crate::resolve::lists::{ListId, Lists};
use crate::resolve::routes::PageId;
use std::collections::{BTreeSet, HashMap};

/// What a change touches.
#[derive(Debug, Default, PartialEq)]
pub struct Touched {
    /// Everything is made again.
    pub all: bool,
    pub pages: BTreeSet<PageId>,
    /// Charts by page key: [`FRONT`] or a unit id.
    pub charts: BTreeSet<String>,
    pub data_files: bool,
}

impl Touched {
    fn everything() -> Touched {
        Touched { all: true, ..Touched::default() }
    }

    #[cfg(test)]
    fn is_empty(&self) -> bool {
        !self.all && self.pages.is_empty() && self.charts.is_empty() && !self.data_files
    }
}

/// What changed between two computed sites of the same folder, each with its resolved
/// bulletin: the tree and the lists are those the pages were rendered from.
pub fn touched(old: &Inputs, new: &Inputs) -> Touched {
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
    articles_touched(&mut t, old, new);
    figures_touched(&mut t, old, new);
    if old.focus != new.focus {
        t.pages.insert(PageId::Front);
        t.charts.insert(FRONT.to_string());
        t.data_files = true;
    }
    // The bulletin shows what the front page shows and the focus units' charts; a
    // change to a figure of the units it compares, or to an article they cite, touches
    // their parent's page, which is a focus unit's.
    let focus = &new.focus.units;
    let shows = |key: &str| key == FRONT || focus.iter().any(|u| u == key);
    let bulletin = t.charts.iter().any(|c| shows(c))
        || t.pages.iter().any(|p| match p {
            PageId::Front => true,
            PageId::Unit(unit) => shows(unit),
            _ => false,
        });
    if bulletin {
        t.pages.insert(PageId::Bulletin);
    }
    t
}

/// Units in the same order with the same fields; where they were written is not shown.
fn same_units(old: &[Unit], new: &[Unit]) -> bool {
    let shown = |u: &Unit| (u.id.clone(), u.name.clone(), u.kind.clone(), u.parent.clone(), u.order);
    old.len() == new.len() && old.iter().zip(new).all(|(a, b)| shown(a) == shown(b))
}

/// The pages each changed page template renders. Returns false when a changed template
/// may be used by any page (the base, components, or a template another one names).
fn templates_touched(t: &mut Touched, old: &Templates, new: &Templates, bulletin: &Bulletin) -> bool {
    let names: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for name in names {
        let text = |ts: &Templates| ts.get(name).map(|s| s.text.clone());
        if text(old) == text(new) {
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

/// An article's fields, without where it was written.
#[allow(clippy::type_complexity)]
fn shown_article(a: &Article) -> impl PartialEq + '_ {
    (
        (&a.slug, &a.title, a.date, a.published, &a.units, &a.tags),
        (&a.source, &a.source_url, &a.author, &a.summary, a.draft, &a.body),
    )
}

fn articles_touched(t: &mut Touched, old: &Inputs, new: &Inputs) {
    // Drafts included: an article may be published or withdrawn.
    let by_slug = |c: &'_ Content| -> HashMap<String, usize> {
        c.articles.iter().enumerate().map(|(i, a)| (a.slug.clone(), i)).collect()
    };
    let (old_content, new_content) = (old.bulletin.content, new.bulletin.content);
    let (old_slugs, new_slugs) = (by_slug(old_content), by_slug(new_content));
    let slugs: BTreeSet<&String> = old_slugs.keys().chain(new_slugs.keys()).collect();
    // Made on the first changed article only: most edits change no article.
    let mut citing: Option<HashMap<&str, BTreeSet<&str>>> = None;
    for slug in slugs {
        let before = old_slugs.get(slug).map(|&i| &old_content.articles[i]);
        let after = new_slugs.get(slug).map(|&i| &new_content.articles[i]);
        let changed = match (before, after) {
            (Some(a), Some(b)) => shown_article(a) != shown_article(b),
            _ => true,
        };
        if !changed || before.into_iter().chain(after).all(|a| a.draft) {
            continue;
        }
        list_pages_touched(t, slug, before, after, &old.bulletin.lists, &new.bulletin.lists);
        let citing = citing.get_or_insert_with(|| citing_units(&[old.ind, new.ind]));
        article_touched(t, slug, before.into_iter().chain(after).filter(|a| !a.draft));
        // A report citing the article shows its title beside the figures.
        for unit in citing.get(slug.as_str()).into_iter().flatten() {
            figures_shown(t, new.bulletin, unit);
        }
    }
}

/// The list pages a changed article touches: the one page of each list showing it when
/// it keeps its place (same time, still published, still in the list), else every page
/// of the list, as articles after it move; and then the archive, on the news and month
/// pages, counts the months again.
fn list_pages_touched(
    t: &mut Touched,
    slug: &str,
    before: Option<&Article>,
    after: Option<&Article>,
    old: &Lists,
    new: &Lists,
) {
    let ids = |a: Option<&Article>| -> BTreeSet<ListId> {
        a.map(ListId::of).unwrap_or_default().into_iter().collect()
    };
    let (old_ids, new_ids) = (ids(before), ids(after));
    let in_place =
        matches!((before, after), (Some(a), Some(b)) if !a.draft && !b.draft && a.published == b.published);
    for id in old_ids.union(&new_ids) {
        let kept = in_place && old_ids.contains(id) && new_ids.contains(id);
        match (kept, new.page_of(id, slug)) {
            (true, Some(n)) => {
                // A unit's short list is on the unit's page only.
                t.pages.extend(id.pages(new.get(id).len()).filter(|p| *p == id.page(n)));
            }
            _ => t.pages.extend(id.pages(old.get(id).len().max(new.get(id).len()))),
        }
    }
    if !in_place {
        for lists in [old, new] {
            t.pages.extend(ListId::News.pages(lists.published.len()));
            t.pages.extend(lists.month_pages());
        }
    }
}

/// A published article (before or after the change, or both) changed: the pages
/// other than lists that show it.
fn article_touched<'a>(t: &mut Touched, slug: &str, versions: impl Iterator<Item = &'a Article>) {
    t.pages.extend([PageId::Article(slug.to_string()), PageId::Tags]);
    t.pages.extend([PageId::Feed, PageId::Sitemap, PageId::Front]);
    for a in versions {
        t.pages.extend(a.units.iter().map(|u| PageId::Unit(u.clone())));
    }
}

/// Article slug → units with a report citing it, in any of the computed sites.
fn citing_units<'a>(inds: &[&'a Indicators]) -> HashMap<&'a str, BTreeSet<&'a str>> {
    let mut out: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for f in inds.iter().flat_map(|ind| &ind.reports) {
        if let Some(source) = &f.source {
            out.entry(source.as_str()).or_default().insert(f.unit.as_str());
        }
    }
    out
}

/// The pages that show a unit's figures, in the new site.
fn figures_shown(t: &mut Touched, bulletin: &Bulletin, unit: &str) {
    t.pages.extend([PageId::Unit(unit.to_string()), PageId::Front, PageId::Units]);
    t.pages.extend(bulletin.parent(unit).map(|p| PageId::Unit(p.to_string())));
    let naming = bulletin.lists.units.get(unit).into_iter().flatten();
    t.pages.extend(naming.map(|a| PageId::Article(a.slug.clone())));
}

/// Units whose figures changed touch their pages, their parent's page, both their
/// charts, the front page and the data files.
fn figures_touched(t: &mut Touched, old: &Inputs, new: &Inputs) {
    let (before, after) = (by_unit(old.ind), by_unit(new.ind));
    let units: BTreeSet<&str> = before.keys().chain(after.keys()).copied().collect();
    for unit in units {
        let (a, b) = (before.get(unit).copied().unwrap_or(&[]), after.get(unit).copied().unwrap_or(&[]));
        if a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.shows_same(y)) {
            continue;
        }
        figures_shown(t, new.bulletin, unit);
        t.charts.extend([unit.to_string(), FRONT.to_string()]);
        t.charts.extend(new.bulletin.parent(unit).map(str::to_string));
        t.data_files = true;
    }
}

/// Each unit's figures, as the slice of `ind.reports` that holds them.
fn by_unit(ind: &Indicators) -> HashMap<&str, &[Figures]> {
    let mut out = HashMap::new();
    let mut rest = ind.reports.as_slice();
    while let Some(first) = rest.first() {
        let len = rest.iter().take_while(|f| f.unit == first.unit).count();
        out.insert(first.unit.as_str(), &rest[..len]);
        rest = &rest[len..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
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
        let (ind, focus) = checked.computed.as_ref().expect("computed");
        Inputs { bulletin: checked.bulletin(), ind, focus, templates }
    }

    fn theme() -> Templates {
        crate::render::theme::templates(None).expect("built-in theme")
    }

    fn diff(before: &[(String, String)], after: &[(String, String)]) -> Touched {
        let (c1, c2, t) = (computed(before), computed(after), theme());
        touched(&inputs(&c1, &t), &inputs(&c2, &t))
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
    fn an_article_title_touches_its_page_lists_tags_feed_and_the_units_it_names() {
        let mut after = base();
        after[1].1 = NEWS_A.replace("Tin A", "Tin A mới");
        let t = diff(&base(), &after);
        let mut expected: BTreeSet<PageId> = [
            PageId::Article("tin-a".into()),
            PageId::News(1),
            PageId::Tags,
            PageId::Tag("thanh-nien".into(), 1),
            PageId::Month(crate::resolve::lists::Month { year: 2024, month: 3 }, 1),
            PageId::Feed,
            PageId::Sitemap,
            PageId::Front,
            PageId::Bulletin,
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
        let pages = touched(&old, &new).pages;
        assert_eq!(pages, [PageId::Article("tin-a".into()), PageId::Article("tin-b".into())].into());

        let mut edited = t.clone();
        edited.get_mut("base.html").expect("base template").text.push('\n');
        assert!(touched(&old, &Inputs { templates: &edited, ..old }).all);
        let mut edited = t.clone();
        edited.get_mut("style.css").expect("stylesheet").text.push('\n');
        assert_eq!(touched(&old, &Inputs { templates: &edited, ..old }).pages, [PageId::Style].into());
    }
}
