//! The computed bulletin as the builders of pages and charts read it: every figure,
//! article and list they are handed goes through a [`Reader`], which can note what was
//! read. The live preview keeps each page's notes and, after an edit, renders again
//! the pages whose notes name something the edit changed (`serve::deps`), so what a
//! page shows and what the preview thinks it shows come from the same lookups.
//!
//! What every page shows (the site's settings, the units, their names and tree, the
//! categories) is read without a note: an edit to those touches every page.

use crate::compute::indicators::{Figures, Focus, Indicators};
use crate::model::{Article, Category, Content};
use crate::resolve::lists::{ListId, Month, TagLists};
use crate::resolve::{Bulletin, IdMap, Tree};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// One thing a page or a chart was made from that an edit can change alone.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fact {
    /// A unit's figures: every report of it, as computed (ranks included).
    Figures(String),
    /// A published article's fields.
    Article(String),
    /// Which articles a list holds, in which order.
    List(ListId),
    /// The tags, their names and how many articles each has.
    Tags,
    /// The months with news and how many articles each has.
    Months,
    /// The front page's focus: its period, units and day.
    Focus,
    /// A page's charts ([`crate::charts::by_page::FRONT`] or a unit id), as drawn.
    Charts(String),
}

/// What one page or one page's charts were made from.
pub type Reads = BTreeSet<Fact>;

/// A computed site: its bulletin, its figures and the front page's focus.
#[derive(Clone, Copy)]
pub struct Computed<'a> {
    pub b: &'a Bulletin<'a>,
    pub ind: &'a Indicators,
    pub focus: &'a Focus,
}

impl<'a> Computed<'a> {
    /// A reader for one builder; `noting`, it notes what it hands out (see
    /// [`Reader::into_reads`]).
    pub fn reader(self, noting: bool) -> Reader<'a> {
        Reader { b: self.b, ind: self.ind, focus: self.focus, reads: noting.then(RefCell::default) }
    }
}

/// The computed site handed out to one builder.
pub struct Reader<'a> {
    b: &'a Bulletin<'a>,
    ind: &'a Indicators,
    focus: &'a Focus,
    /// `None` when nobody asks what was read (a full build).
    reads: Option<RefCell<Reads>>,
}

impl<'a> Reader<'a> {
    /// What was read (nothing when the reader noted nothing).
    pub fn into_reads(self) -> Reads {
        self.reads.map(RefCell::into_inner).unwrap_or_default()
    }

    fn note(&self, fact: impl FnOnce() -> Fact) {
        if let Some(reads) = &self.reads {
            reads.borrow_mut().insert(fact());
        }
    }

    // What every page shows: read without a note.

    pub fn content(&self) -> &'a Content {
        self.b.content
    }

    pub fn tree(&self) -> &'a Tree<'a> {
        &self.b.tree
    }

    pub fn units(&self) -> &'a IdMap<'a, &'a crate::model::Unit> {
        &self.b.units
    }

    pub fn names(&self) -> &'a IdMap<'a, &'a str> {
        &self.b.names
    }

    pub fn categories(&self) -> &'a [Category] {
        &self.b.categories
    }

    /// A unit's name; its id when it has none.
    pub fn name<'b>(&'b self, id: &'b str) -> &'b str {
        self.b.name(id)
    }

    pub fn parent(&self, id: &str) -> Option<&'a str> {
        self.b.parent(id)
    }

    // What an edit can change alone: noted.

    pub fn focus(&self) -> &'a Focus {
        self.note(|| Fact::Focus);
        self.focus
    }

    /// A unit's latest figures for a period.
    pub fn latest(&self, unit: &str, period: &str) -> Option<&'a Figures> {
        self.note(|| Fact::Figures(unit.to_string()));
        self.ind.latest(unit, period)
    }

    /// A unit's figures of its latest period.
    pub fn current(&self, unit: &str) -> Option<&'a Figures> {
        self.note(|| Fact::Figures(unit.to_string()));
        self.ind.current(unit)
    }

    /// A unit's latest figures of each period, newest period first.
    pub fn periods_of(&self, unit: &str) -> Vec<&'a Figures> {
        self.note(|| Fact::Figures(unit.to_string()));
        self.ind.periods_of(unit)
    }

    /// Every figure of a unit.
    pub fn of_unit(&self, unit: &str) -> crate::compute::indicators::Each<'a> {
        self.note(|| Fact::Figures(unit.to_string()));
        self.ind.of_unit(unit)
    }

    /// A published article.
    pub fn article(&self, slug: &str) -> Option<&'a Article> {
        self.note(|| Fact::Article(slug.to_string()));
        self.b.articles.get(slug).copied()
    }

    /// How many articles a list holds.
    pub fn list_len(&self, list: &ListId) -> usize {
        self.note(|| Fact::List(list.clone()));
        self.b.lists.get(list).len()
    }

    /// The articles of a list at `range` (cut to the list's length).
    pub fn list(&self, list: &ListId, range: Range<usize>) -> &'a [&'a Article] {
        self.note(|| Fact::List(list.clone()));
        let all = self.b.lists.get(list);
        let shown = &all[range.start.min(all.len())..range.end.min(all.len())];
        for a in shown {
            self.note(|| Fact::Article(a.slug.clone()));
        }
        shown
    }

    /// The tags, each with its name and articles (to count, not to show).
    pub fn tags(&self) -> &'a TagLists<'a> {
        self.note(|| Fact::Tags);
        &self.b.lists.tags
    }

    /// The months with news, oldest first, each with its articles (to count, not to show).
    pub fn months(&self) -> &'a BTreeMap<Month, Vec<&'a Article>> {
        self.note(|| Fact::Months);
        &self.b.lists.months
    }

    /// A page's charts were shown.
    pub fn charts(&self, key: &str) {
        self.note(|| Fact::Charts(key.to_string()));
    }
}
