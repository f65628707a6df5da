//! The lists of published articles, each newest first: all of them (the news list),
//! by tag, by unit and by month. Pages show them a page of [`PER_PAGE`] at a time.

use crate::model::{Article, Content};
use crate::resolve::routes::{PER_PAGE, PageId, page_count};
use crate::text;
use chrono::Datelike;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// Articles listed on a unit's own page; more than this have a list of their own.
pub const UNIT_NEWS: usize = 10;

/// A calendar month, by which the news is archived.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
}

impl Month {
    pub fn of(a: &Article) -> Month {
        Month { year: a.date.year(), month: a.date.month() }
    }

    /// `2024-10`: a file name part.
    pub fn key(&self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

/// One list of articles.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ListId {
    News,
    /// A tag's list, by the tag's slug.
    Tag(String),
    /// The articles naming a unit, by its id.
    Unit(String),
    Month(Month),
}

impl ListId {
    /// Page `n` (from 1) of the list.
    pub fn page(&self, n: usize) -> PageId {
        match self {
            ListId::News => PageId::News(n),
            ListId::Tag(slug) => PageId::Tag(slug.clone(), n),
            ListId::Unit(id) => PageId::UnitNews(id.clone(), n),
            ListId::Month(m) => PageId::Month(*m, n),
        }
    }

    /// The list a page belongs to, and the page's number.
    pub fn of_page(id: &PageId) -> Option<(ListId, usize)> {
        Some(match id {
            PageId::News(n) => (ListId::News, *n),
            PageId::Tag(slug, n) => (ListId::Tag(slug.clone()), *n),
            PageId::UnitNews(unit, n) => (ListId::Unit(unit.clone()), *n),
            PageId::Month(m, n) => (ListId::Month(*m), *n),
            _ => return None,
        })
    }

    /// The pages of the list when it holds `articles`: the news has a page even when
    /// empty, no other list does, and a unit's list has pages of its own only when its
    /// page cannot show them all.
    pub fn pages(&self, articles: usize) -> impl Iterator<Item = PageId> + '_ {
        let count = match self {
            ListId::News => page_count(articles),
            ListId::Unit(_) if articles <= UNIT_NEWS => 0,
            _ => articles.div_ceil(PER_PAGE),
        };
        (1..=count).map(|n| self.page(n))
    }

    /// The lists an article is in.
    pub fn of(a: &Article) -> Vec<ListId> {
        let mut ids = vec![ListId::News, ListId::Month(Month::of(a))];
        ids.extend(a.tags.iter().map(|t| ListId::Tag(text::slug_lossy(t))));
        ids.extend(a.units.iter().map(|u| ListId::Unit(u.clone())));
        ids.sort();
        ids.dedup();
        ids
    }
}

/// Tag slug → (the tag as first written, its articles newest first).
pub type TagLists<'a> = BTreeMap<String, (String, Vec<&'a Article>)>;

/// Every list of a site's published articles.
pub struct Lists<'a> {
    /// Newest first: the order of every list.
    pub published: Vec<&'a Article>,
    pub tags: TagLists<'a>,
    /// Unit id → the articles naming it.
    pub units: BTreeMap<&'a str, Vec<&'a Article>>,
    pub months: BTreeMap<Month, Vec<&'a Article>>,
}

impl<'a> Lists<'a> {
    /// The lists of published articles: [`crate::resolve::Bulletin`] holds those of a run.
    pub(crate) fn new(content: &'a Content) -> Lists<'a> {
        let published = published(content);
        // Gathered by hash, then sorted once: most of the units named have one list each.
        let mut units: FxHashMap<&str, Vec<&Article>> = FxHashMap::default();
        let mut months: BTreeMap<Month, Vec<&Article>> = BTreeMap::new();
        for a in &published {
            for unit in &a.units {
                push_once(units.entry(unit.as_str()).or_default(), a);
            }
            months.entry(Month::of(a)).or_default().push(a);
        }
        Lists { tags: tag_lists(&published), published, units: units.into_iter().collect(), months }
    }

    pub fn get(&self, id: &ListId) -> &[&'a Article] {
        let list = match id {
            ListId::News => Some(&self.published),
            ListId::Tag(slug) => self.tags.get(slug).map(|(_, list)| list),
            ListId::Unit(unit) => self.units.get(unit.as_str()),
            ListId::Month(m) => self.months.get(m),
        };
        list.map_or(&[], Vec::as_slice)
    }

    /// The page of a list that shows an article.
    pub fn page_of(&self, id: &ListId, slug: &str) -> Option<usize> {
        self.get(id).iter().position(|a| a.slug == slug).map(|i| i / PER_PAGE + 1)
    }

    /// Every page of every list.
    pub fn pages(&self) -> Vec<PageId> {
        let mut ids: Vec<ListId> = vec![ListId::News];
        ids.extend(self.tags.keys().map(|slug| ListId::Tag(slug.clone())));
        ids.extend(self.units.keys().map(|unit| ListId::Unit(unit.to_string())));
        ids.extend(self.months.keys().map(|m| ListId::Month(*m)));
        ids.iter().flat_map(|id| id.pages(self.get(id).len()).collect::<Vec<_>>()).collect()
    }

    /// The pages of the monthly archive.
    pub fn month_pages(&self) -> impl Iterator<Item = PageId> + '_ {
        self.months.iter().flat_map(|(m, list)| ListId::Month(*m).pages(list.len()).collect::<Vec<_>>())
    }
}

/// Two tags or units of one article may be the same list: the article is listed once.
/// (Compared by address: reading another article's slug would be a cache miss each.)
fn push_once<'a>(list: &mut Vec<&'a Article>, a: &'a Article) {
    if list.last().is_none_or(|x| !std::ptr::eq(*x, a)) {
        list.push(a);
    }
}

/// Published articles, newest first: the order of every list.
fn published(content: &Content) -> Vec<&Article> {
    // Sorted with each date beside its article, so that most comparisons read no article.
    let mut published: Vec<_> =
        content.articles.iter().filter(|a| !a.draft).map(|a| (a.published, a.as_ref())).collect();
    published.sort_by(|(at, a), (bt, b)| bt.cmp(at).then_with(|| a.slug.cmp(&b.slug)));
    published.into_iter().map(|(_, a)| a).collect()
}

/// The [`TagLists`] of published articles.
fn tag_lists<'a>(published: &[&'a Article]) -> TagLists<'a> {
    // Articles share a few tags: each written form is found by hash and made a slug
    // once, and its list kept by number until all are filled.
    let mut by_written: FxHashMap<&str, usize> = FxHashMap::default();
    let mut by_slug: FxHashMap<String, usize> = FxHashMap::default();
    let mut lists: Vec<(String, (String, Vec<&Article>))> = Vec::new();
    for a in published {
        for tag in &a.tags {
            let list = *by_written.entry(tag).or_insert_with(|| {
                let slug = text::slug_lossy(tag);
                *by_slug.entry(slug.clone()).or_insert_with(|| {
                    lists.push((slug, (tag.clone(), Vec::new())));
                    lists.len() - 1
                })
            });
            push_once(&mut lists[list].1.1, a);
        }
    }
    lists.into_iter().collect()
}
