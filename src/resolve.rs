//! Resolve: the facts every stage reads from the content — the unit tree, names, the
//! site's categories, the published articles and their lists, the periods, the pages —
//! built once per run, after validation, and shared by compute, charts, render, the
//! search index, the data files, the PDF bulletin and the live preview's comparison.

pub(crate) mod lists;
pub(crate) mod routes;

use crate::model::{Article, Category, Content, Unit};
use crate::resolve::lists::Lists;
use crate::text;
use rayon::prelude::*;
use routes::PageId;
use rustc_hash::FxHashMap;
use std::sync::Arc;
use yoke::{Yoke, Yokeable};

/// A map by unit id or article slug. Its keys are written in the content folder, not
/// sent by whoever may reach a server, so a quick hasher serves: SipHash, the standard
/// one, was a sixth of the time spent resolving content.
pub type IdMap<'a, V> = FxHashMap<&'a str, V>;

/// What a run knows of its content beyond the content itself. Read-only.
#[derive(Yokeable)]
pub struct Bulletin<'a> {
    /// The content resolved.
    pub content: &'a Content,
    /// The unit tree, children in display order.
    pub tree: Tree<'a>,
    /// Unit id → unit.
    pub units: IdMap<'a, &'a Unit>,
    /// Unit id → name.
    pub names: IdMap<'a, &'a str>,
    /// Every category a report may use: the built-in ones, then the site's own.
    pub categories: Vec<Category>,
    /// The published articles, newest first, and their lists: by tag (the tags), by
    /// unit and by month.
    pub lists: Lists<'a>,
    /// Article slug → published article.
    pub articles: IdMap<'a, &'a Article>,
    /// The labels of the reports' periods, sorted, each once.
    pub periods: Vec<&'a str>,
    /// Every page of the site but for the charts (see [`routes::pages`]).
    pub pages: Vec<PageId>,
}

impl<'a> Bulletin<'a> {
    /// Resolves content; content with errors resolves too (static files are checked
    /// against its pages), though only valid content is computed.
    pub fn new(content: &'a Content) -> Bulletin<'a> {
        // The articles' lists and the units' tree read apart, with the pages of each:
        // each on a core.
        let ((lists, article_pages), (tree, units, names, periods, unit_pages)) = rayon::join(
            || {
                let lists = Lists::new(content);
                let pages = routes::article_pages(&lists);
                (lists, pages)
            },
            || {
                let units = content.units.iter().map(|u| (u.id.as_str(), u.as_ref())).collect();
                let names = content.units.iter().map(|u| (u.id.as_str(), u.name.as_str())).collect();
                (Tree::new(content), units, names, periods(content), routes::unit_pages(&content.units))
            },
        );
        Bulletin {
            content,
            tree,
            units,
            names,
            categories: content.site.categories(),
            articles: lists.published.iter().map(|a| (a.slug.as_str(), *a)).collect(),
            periods,
            pages: routes::pages(
                unit_pages,
                article_pages,
                routes::sitemap_parts(sitemap_len(content, &lists)),
            ),
            lists,
        }
    }

    /// How many parts the sitemap is written in (0: one file holds it).
    pub fn sitemap_parts(&self) -> usize {
        routes::sitemap_parts(sitemap_len(self.content, &self.lists))
    }

    /// A unit's name; its id when it has none.
    pub fn name<'b>(&'b self, id: &'b str) -> &'b str {
        self.names.get(id).copied().unwrap_or(id)
    }

    /// A unit's parent.
    pub fn parent(&self, id: &str) -> Option<&'a str> {
        self.tree.parent.get(id).copied()
    }
}

/// How many addresses the sitemap of `content` lists.
fn sitemap_len(content: &Content, lists: &Lists) -> usize {
    routes::sitemap_len(content.units.len(), lists.published.len(), lists.tags.len(), lists.months.len())
}

/// The labels of the reports' periods, sorted, each once.
fn periods(content: &Content) -> Vec<&str> {
    let mut periods: Vec<&str> = content.reports.iter().map(|r| r.period.label.as_str()).collect();
    // A file's reports are mostly of one period: fewer labels are left to sort.
    periods.dedup();
    periods.sort_unstable();
    periods.dedup();
    periods
}

/// Content held with its [`Bulletin`], resolved once: a site kept between the rebuilds
/// of `bantin serve` keeps what was resolved from it.
pub struct Resolved(Yoke<Bulletin<'static>, Arc<Content>>);

impl Resolved {
    /// Resolves `content` and keeps both.
    pub fn new(content: Arc<Content>) -> Resolved {
        Resolved(Yoke::attach_to_cart(content, |content| Bulletin::new(content)))
    }

    pub fn bulletin(&self) -> &Bulletin<'_> {
        self.0.get()
    }

    pub fn content(&self) -> &Content {
        self.0.backing_cart()
    }
}

/// The unit tree: children of each unit in display order (order, then name in Vietnamese
/// alphabetical order, then id).
pub struct Tree<'a> {
    /// Unit id → its children, in display order.
    pub children: IdMap<'a, Vec<&'a str>>,
    /// The top-level units, in display order.
    pub roots: Vec<&'a str>,
    /// Unit id → its parent's id.
    pub parent: IdMap<'a, &'a str>,
}

impl<'a> Tree<'a> {
    fn new(content: &'a Content) -> Tree<'a> {
        let mut parent = IdMap::with_capacity_and_hasher(content.units.len(), Default::default());
        let mut children: IdMap<Vec<&Unit>> = IdMap::default();
        let mut roots = Vec::new();
        for u in content.units.iter() {
            match &u.parent {
                Some(p) => {
                    children.entry(p.as_str()).or_default().push(u);
                    parent.insert(u.id.as_str(), p.as_str());
                }
                None => roots.push(u.as_ref()),
            }
        }
        // Only siblings are compared: sorting each family apart spares most comparisons
        // of long names that share their first words. Names are compared only between
        // units of one `order`, each by a key made once.
        let in_order = |mut units: Vec<&'a Unit>| -> Vec<&'a str> {
            units.sort_by_key(|u| u.order);
            for tied in units.chunk_by_mut(|a, b| a.order == b.order) {
                tied.sort_by_cached_key(|&u| (text::collation_key(&u.name), u.id.as_str()));
            }
            units.into_iter().map(|u| u.id.as_str()).collect()
        };
        let children = children.into_par_iter().map(|(p, units)| (p, in_order(units))).collect();
        Tree { children, roots: in_order(roots), parent }
    }

    pub fn children_of(&self, unit: &str) -> &[&'a str] {
        self.children.get(unit).map_or(&[], Vec::as_slice)
    }

    /// Every unit, children before their parents.
    pub fn post_order(&self) -> Vec<&'a str> {
        let mut out = Vec::new();
        let mut stack: Vec<(&str, bool)> = self.roots.iter().rev().map(|&r| (r, false)).collect();
        while let Some((unit, expanded)) = stack.pop() {
            if expanded {
                out.push(unit);
            } else {
                stack.push((unit, true));
                stack.extend(self.children_of(unit).iter().rev().map(|&c| (c, false)));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Source, parse};

    fn resolved(data: &str, news: &[(&str, &str)]) -> Resolved {
        let site = Source::new("site.yaml", "title: T\nbase_url: https://e.org/\n");
        let mut sources = vec![Source::new("data/d.yaml", data)];
        sources.extend(news.iter().map(|(path, text)| Source::new(path, text)));
        Resolved::new(Arc::new(parse(Some(site), sources).content))
    }

    const DATA: &str = "units:
  - { id: p, name: Tỉnh P }
  - { id: b, name: Xã B, parent: p, order: 1 }
  - { id: a, name: Xã A, parent: p, order: 2 }
  - { id: c, name: Xã C, parent: p, order: 1 }
reports:
  - { unit: a, period: 2024, admitted: 10 }
  - { unit: b, period: 2023, admitted: 30 }
  - { unit: c, period: 2024, admitted: 20 }
";

    #[test]
    fn the_tree_orders_children_and_names_parents() {
        let r = resolved(DATA, &[]);
        let b = r.bulletin();
        assert_eq!(b.tree.roots, ["p"]);
        assert_eq!(b.tree.children_of("p"), ["b", "c", "a"]);
        assert_eq!(b.tree.post_order(), ["b", "c", "a", "p"]);
        assert_eq!(b.parent("a"), Some("p"));
        assert_eq!((b.name("a"), b.name("x")), ("Xã A", "x"));
        assert_eq!(b.periods, ["2023", "2024"]);
    }

    #[test]
    fn siblings_of_one_order_are_in_vietnamese_alphabetical_order() {
        // The ids follow the names' byte order, which put Â, Ă, Đ and Ư after Y. One name
        // is typed decomposed (U and a combining hook above).
        let data = r#"units:
  - { id: p, name: Tỉnh P }
  - { id: a, name: An Lão, parent: p }
  - { id: b, name: Dương Kinh, parent: p }
  - { id: c, name: Uông Bí, parent: p }
  - { id: d, name: "U\u0309y ban", parent: p }
  - { id: e, name: Yên Mỹ, parent: p }
  - { id: f, name: Ân Thi, parent: p }
  - { id: g, name: Ăn, parent: p }
  - { id: h, name: Đông Hưng, parent: p }
  - { id: i, name: Ưu, parent: p }
  - { id: j, name: Ba Vì, parent: p, order: 1 }
"#;
        let r = resolved(data, &[]);
        assert_eq!(r.content().units[4].name, "U\u{309}y ban");
        assert_eq!(r.bulletin().tree.children_of("p"), ["a", "g", "f", "b", "h", "c", "d", "i", "e", "j"]);
    }

    #[test]
    fn only_published_articles_are_listed() {
        let draft = "---\ntitle: Nháp\ndate: 2024-05-01\ndraft: true\n---\nx\n";
        let news = "---\ntitle: Tin\ndate: 2024-04-01\nunits: [a]\n---\nx\n";
        let r = resolved(DATA, &[("news/nhap.md", draft), ("news/tin.md", news)]);
        let b = r.bulletin();
        assert_eq!(b.articles.keys().copied().collect::<Vec<_>>(), ["tin"]);
        assert_eq!(b.lists.units["a"].len(), 1);
        assert!(b.pages.contains(&PageId::Article("tin".into())));
        assert!(!b.pages.contains(&PageId::Article("nhap".into())));
        assert_eq!(r.content().articles.len(), 2);
    }
}
