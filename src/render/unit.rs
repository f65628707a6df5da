//! A unit's page, the news naming it, and the index of units as a tree.

use super::{FiguresView, Page, PageView, RankingView, UnitRef};
use crate::catalog::Words;
use crate::charts::by_page::ChartsByPage;
use crate::compute::indicators::Figures;
use crate::locale::Locale;
use crate::model::Unit;
use crate::resolve::lists::{ListId, UNIT_NEWS};
use crate::resolve::routes;
use serde::Serialize;
use serde_json::{Value, json};

/// Units the index lists, at most: whole levels of the tree, the first always; a unit
/// whose children are left out says how many it has, and its page lists them.
const INDEX_UNITS: usize = 1_000;
/// Children a unit's page shows open; more are ranked behind a summary to open. The
/// index opens its roots when their children together are no more than this too.
const CHILDREN_OPEN: usize = 12;

/// A period's latest figures and, when it was counted more than once, every count.
#[derive(Serialize)]
struct PeriodBlock<'a> {
    #[serde(flatten)]
    latest: FiguresView<'a>,
    snapshots: Vec<FiguresView<'a>>,
}

/// What a unit's page shows, but for its news.
#[derive(Serialize)]
struct UnitPageView<'a> {
    unit: UnitRef<'a>,
    breadcrumb: Vec<UnitRef<'a>>,
    /// Newest first: the first leads the page.
    periods: Vec<PeriodBlock<'a>>,
    children_period: Option<String>,
    children: Option<RankingView<'a>>,
    /// `100 đơn vị trực thuộc`: the summary of a ranking shown closed.
    children_below: String,
    /// Whether the ranking of the children is short enough to show open.
    children_open: bool,
    /// The children the ranking leaves out (all of them when there is none).
    sub_units: Vec<UnitRef<'a>>,
    charts: Vec<Value>,
    /// The chart of the children's achievement, shown with their ranking.
    children_charts: Vec<Value>,
    /// The link to all the news naming the unit, when the page shows only the latest.
    all_news: Option<Value>,
}

impl<'a> PageView<'_, 'a> {
    pub(super) fn unit_page(&self, unit: &'a Unit, charts: &ChartsByPage) -> Page {
        let id = unit.id.as_str();
        let latest = self.r.periods_of(id);
        let periods = latest
            .iter()
            .map(|f| {
                let counts: Vec<&Figures> =
                    self.r.of_unit(id).filter(|s| s.period.label == f.period.label).collect();
                let snapshots = if counts.len() > 1 { counts } else { Vec::new() };
                PeriodBlock {
                    latest: self.figures(f),
                    snapshots: snapshots.into_iter().map(|s| self.figures(s)).collect(),
                }
            })
            .collect();
        let children_of = self.r.tree().children_of(id);
        let children_period =
            latest.iter().find(|f| children_of.iter().any(|c| self.r.latest(c, &f.period.label).is_some()));
        let ranked: Vec<&Figures> = children_period
            .map(|p| children_of.iter().filter_map(|c| self.r.latest(c, &p.period.label)).collect())
            .unwrap_or_default();
        let news = ListId::Unit(id.to_string());
        let news_len = self.r.list_len(&news);
        let children_chart =
            format!("{}/{}_", routes::CHARTS, routes::chart_name("achievement", Some(id), None));
        let (children_charts, charts): (Vec<Value>, Vec<Value>) =
            self.charts_of(charts, id).as_array().cloned().unwrap_or_default().into_iter().partition(|c| {
                !ranked.is_empty() && c["file"].as_str().is_some_and(|f| f.starts_with(&children_chart))
            });
        let view = UnitPageView {
            unit: self.unit_ref(id),
            breadcrumb: self.breadcrumb(id),
            periods,
            children_period: children_period
                .map(|f| self.words.period_title(&f.period.label, f.period.kind())),
            children: (!ranked.is_empty()).then(|| self.ranking(&ranked)),
            children_below: self.words.units_below(ranked.len()),
            children_open: ranked.len() <= CHILDREN_OPEN,
            sub_units: children_of
                .iter()
                .filter(|c| ranked.iter().all(|f| f.unit != **c))
                .map(|c| self.unit_ref(c))
                .collect(),
            charts,
            children_charts,
            all_news: (news_len > UNIT_NEWS).then(
                || json!({ "url": routes::unit_news(id, 1), "text": self.words.all_articles(news_len) }),
            ),
        };
        let shown = self.r.list(&news, 0..UNIT_NEWS);
        Page::new(unit.name.clone(), "units", &view).with("news", self.article_list(shown))
    }

    /// A unit's latest figures of each period, newest period first.
    /// The index of units: the tree, open at its roots when they have few children, each
    /// unit with its latest figure.
    pub(super) fn units_page(&self) -> Page {
        let depth = self.index_depth();
        let tree = self.r.tree();
        let below_roots: usize = tree.roots.iter().map(|r| tree.children_of(r).len()).sum();
        let open = depth > 1 && below_roots <= CHILDREN_OPEN;
        let tree: Vec<Value> = tree.roots.iter().map(|r| self.unit_node(r, 1, depth, open)).collect();
        Page::new(self.l.all_units.into(), "units", &json!({ "tree": tree }))
    }

    /// How many levels of the tree the index lists: as many whole levels as keep it
    /// within [`INDEX_UNITS`], and at least the first.
    fn index_depth(&self) -> usize {
        let tree = self.r.tree();
        let mut level: Vec<&str> = tree.roots.clone();
        let (mut listed, mut depth) = (0, 0);
        while !level.is_empty() && depth <= self.r.units().len() {
            listed += level.len();
            if depth > 0 && listed > INDEX_UNITS {
                break;
            }
            depth += 1;
            level = level.iter().flat_map(|u| tree.children_of(u).iter().copied()).collect();
        }
        depth
    }

    /// A unit and, down to `depth`, its children; `open` at the roots.
    fn unit_node(&self, id: &'a str, level: usize, depth: usize, open: bool) -> Value {
        let children_of = self.r.tree().children_of(id);
        let children: Vec<Value> = if level < depth {
            children_of.iter().map(|c| self.unit_node(c, level + 1, depth, false)).collect()
        } else {
            Vec::new()
        };
        json!({
            "name": self.unit_ref(id).name,
            "url": routes::unit(id),
            "figure": self.latest_figure(id),
            "below": (!children_of.is_empty()).then(|| self.words.units_below(children_of.len())),
            "children": children,
            "open": open,
        })
    }

    fn latest_figure(&self, id: &str) -> Option<String> {
        Some(figure_in_words(self.r.current(id)?, self.words, &self.locale, self.decimals))
    }
}

/// A unit's figure in words, as the index of units and search results show its current
/// one: `Năm 2024: kết nạp 312, đạt 104,0% chỉ tiêu`.
pub(crate) fn figure_in_words(f: &Figures, words: &dyn Words, locale: &Locale, decimals: usize) -> String {
    let period = words.period_title(&f.period.label, f.period.kind());
    let admitted = locale.integer(f.admitted);
    let achievement = f.targets.first().map(|t| locale.percent(t.achievement_pct, decimals));
    words.unit_figure(&period, &admitted, achievement.as_deref())
}
