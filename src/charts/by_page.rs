//! Draw: which charts each page shows (SPEC §9), drawn from the indicators.
//!
//! The front page shows achievement by unit, the summarised unit's admissions over the
//! years (when it has several) and composition; each unit page shows
//! achievement of its units, admissions over the years, composition, progress
//! through a running period and training, where its data allows.

use crate::charts::{self, Chart, ChartText};
use crate::compute::indicators::Figures;
use crate::compute::points;
use crate::compute::reads::{Computed, Reader, Reads};
use crate::model::Content;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

/// Charts by the page they belong to: `index` for the front page, else a unit id.
pub type ChartsByPage = HashMap<String, Vec<Chart>>;

/// The key of the front page's charts in [`ChartsByPage`]: no unit id is empty.
pub const FRONT: &str = "";

/// How many charts the charts make: a chart shown on two pages is one chart (its
/// [`DRAWINGS`], and [`DOWNLOADS`] files of its table).
#[cfg(feature = "serve")]
pub fn files(charts: &ChartsByPage) -> usize {
    charts.values().flatten().map(chart_path).collect::<std::collections::HashSet<_>>().len()
}

/// The SVG files of a chart: its wide drawing and its narrow one, for phones.
pub const DRAWINGS: usize = 2;

/// The files of a chart's table besides its drawings: a CSV file and a workbook.
pub const DOWNLOADS: usize = 2;

/// How a chart's table is written for download: the site's locale and its percentage
/// decimals.
#[derive(Clone, Copy)]
pub struct Downloads {
    pub locale: crate::locale::Locale,
    pub decimals: usize,
}

impl Downloads {
    pub fn new(content: &Content) -> Downloads {
        Downloads {
            locale: crate::locale::Locale::new(content.site.language),
            decimals: usize::from(content.site.percent_decimals),
        }
    }

    /// A chart's files: its drawings, and its table as CSV and as a workbook.
    pub fn files<'c>(
        &self,
        chart: &'c Chart,
    ) -> std::io::Result<[(String, Cow<'c, [u8]>); DRAWINGS + DOWNLOADS]> {
        let table = &chart.table;
        let xlsx = crate::sheets::out::table_xlsx(table, self.locale, self.decimals)?;
        Ok([
            (chart_path(chart), Cow::Borrowed(chart.svg.as_bytes())),
            (crate::resolve::routes::narrow_chart(&chart.slug), Cow::Borrowed(chart.narrow.as_bytes())),
            (
                crate::resolve::routes::chart_csv(&chart.slug),
                Cow::Owned(crate::sheets::out::table_csv(table, self.locale).into_bytes()),
            ),
            (crate::resolve::routes::chart_xlsx(&chart.slug), Cow::Owned(xlsx)),
        ])
    }
}

/// The path of a chart in the output.
pub fn chart_path(chart: &Chart) -> String {
    crate::resolve::routes::chart(&chart.slug)
}

/// The charts of every page that has some; with `only`, of the pages it names
/// ([`FRONT`] or unit ids). For the live preview, which keeps them in memory, and
/// with them what each page's charts were drawn from.
#[cfg(any(feature = "serve", test))]
pub fn draw(site: Computed, only: Option<&BTreeSet<String>>) -> (ChartsByPage, ChartReads) {
    let keep = |_: &str, _: &mut Vec<Chart>| Ok::<(), std::convert::Infallible>(());
    match draw_with(site, true, only, &keep) {
        Ok(drawn) => drawn,
        Err(never) => match never {},
    }
}

/// What each page's charts were drawn from, by the page's key.
pub type ChartReads = Vec<(String, Reads)>;

/// What a build keeps of its charts once drawn.
pub struct Drawn {
    /// The front page's charts and the focus units' (the shared bulletin shows them),
    /// with their wide drawings.
    pub kept: ChartsByPage,
    /// How many charts were drawn (a chart shown on two pages is one chart).
    pub charts: usize,
}

/// Draws every chart and hands its drawings, with its table's downloads, to `write` as
/// soon as a page's charts are drawn, then a unit's charts to `show` (a build renders
/// the unit's page then). Only the charts [`Drawn`] keeps stay in memory.
pub fn draw_to<E: From<std::io::Error> + Send>(
    site: Computed,
    write: &(dyn Fn(&str, &[u8]) -> std::io::Result<()> + Sync),
    show: &(dyn Fn(&str, &ChartsByPage) -> Result<(), E> + Sync),
) -> Result<Drawn, E> {
    let downloads = Downloads::new(site.b.content);
    let drawn = std::sync::Mutex::new(std::collections::HashSet::new());
    let written = |key: &str, charts: &mut Vec<Chart>| -> Result<(), E> {
        for chart in charts.iter_mut() {
            for (path, bytes) in downloads.files(chart)? {
                write(&path, &bytes)?;
            }
            chart.narrow = String::new();
        }
        drawn.lock().unwrap_or_else(|e| e.into_inner()).extend(charts.iter().map(|c| c.slug.clone()));
        if key != FRONT {
            let page = ChartsByPage::from([(key.to_string(), std::mem::take(charts))]);
            show(key, &page)?;
            if site.focus.units.iter().any(|u| u == key) {
                *charts = page.into_values().next().unwrap_or_default();
            }
        }
        Ok(())
    };
    let kept = draw_with(site, false, None, &written)?.0;
    Ok(Drawn { kept, charts: drawn.into_inner().unwrap_or_else(|e| e.into_inner()).len() })
}

/// What is done with a page's charts once drawn, by the page's key.
type Finish<'a, E> = dyn Fn(&str, &mut Vec<Chart>) -> Result<(), E> + Sync + 'a;

/// Draws the charts of each page (`only` those it names) and, when `noting`, notes what
/// each page's were drawn from.
fn draw_with<'a, E: Send>(
    site: Computed<'a>,
    noting: bool,
    only: Option<&BTreeSet<String>>,
    finish: &Finish<'_, E>,
) -> Result<(ChartsByPage, ChartReads), E> {
    let wants = |key: &str| only.is_none_or(|keys| keys.contains(key));
    let content = site.b.content;
    let t = ChartText::new(content.site.language, usize::from(content.site.percent_decimals));
    let page = |key: &'a str| -> Result<(String, Vec<Chart>, Reads), E> {
        let ctx = Ctx { r: site.reader(noting), t: &t };
        let mut charts = if key == FRONT { ctx.front_charts() } else { ctx.unit_charts(key) };
        finish(key, &mut charts)?;
        Ok((key.to_string(), charts, ctx.r.into_reads()))
    };
    let keys = content.units.par_iter().map(|u| u.id.as_str()).chain(rayon::iter::once(FRONT));
    let drawn: Vec<(String, Vec<Chart>, Reads)> =
        keys.filter(|k| wants(k)).map(page).collect::<Result<_, E>>()?;
    let mut by_page = ChartsByPage::new();
    let mut reads = ChartReads::new();
    for (key, charts, read) in drawn {
        if noting {
            reads.push((key.clone(), read));
        }
        if !charts.is_empty() {
            by_page.insert(key, charts);
        }
    }
    Ok((by_page, reads))
}

struct Ctx<'a> {
    /// The computed site: names, the tree, the categories, the figures, the focus.
    r: Reader<'a>,
    t: &'a ChartText,
}

impl<'a> Ctx<'a> {
    fn name<'b>(&'b self, id: &'b str) -> &'b str {
        self.r.name(id)
    }

    /// The achievement of `group`, the children of `parent` (`None`: the top-level units).
    fn achievement(&self, parent: Option<&str>, period: &str, group: &[&'a Figures]) -> Option<Chart> {
        let units: Vec<(&str, &Figures)> = group.iter().map(|f| (self.name(&f.unit), *f)).collect();
        charts::achievement(parent, period, &units, self.t)
    }

    fn front_charts(&self) -> Vec<Chart> {
        let focus = self.r.focus();
        let Some(period) = &focus.period else { return Vec::new() };
        let group = points::comparison_group(&self.r);
        let mut out: Vec<Chart> = match self.all_children_of_one(&group, &period.label) {
            // Every child of one unit: that unit's own chart, the file its page shows too.
            Some((parent, children)) => self.achievement(Some(parent), &period.label, &children),
            None => self.achievement(None, &period.label, &group),
        }
        .into_iter()
        .collect();
        let summarised: Vec<&str> = focus
            .units
            .iter()
            .map(String::as_str)
            .filter(|u| self.r.latest(u, &period.label).is_some())
            .collect();
        // One unit summarised: its admissions over the years, when it has several.
        if let [unit] = summarised.as_slice() {
            let years = self.years(unit);
            if years.len() > 1 {
                out.extend(charts::admissions_over_years(self.name(unit), unit, &years, self.t));
            }
        }
        for unit in summarised {
            if let Some(f) = self.r.latest(unit, &period.label) {
                out.extend(charts::composition(unit, self.name(unit), f, self.r.categories(), self.t));
            }
        }
        out
    }

    /// A unit's latest figure of each calendar year.
    fn years(&self, id: &str) -> Vec<&'a Figures> {
        self.r.of_unit(id).filter(|f| f.latest && f.period.calendar_year().is_some()).collect()
    }

    fn unit_charts(&self, id: &'a str) -> Vec<Chart> {
        let name = self.name(id);
        let latest: Vec<&Figures> = self.r.of_unit(id).filter(|f| f.latest).collect();
        let newest_first = |f: &&&Figures| std::cmp::Reverse((f.period.from, f.period.to));
        let mut by_recency = latest.clone();
        by_recency.sort_by_key(|f| newest_first(&f));
        let mut out = Vec::new();

        if let Some(f) = by_recency.iter().find(|f| !self.children_figures(id, &f.period.label).is_empty()) {
            out.extend(self.achievement(
                Some(id),
                &f.period.label,
                &self.children_figures(id, &f.period.label),
            ));
        }
        out.extend(charts::admissions_over_years(name, id, &self.years(id), self.t));
        if let Some(f) = by_recency.iter().find(|f| !f.composition.is_empty()) {
            out.extend(charts::composition(id, name, f, self.r.categories(), self.t));
        }
        if let Some(f) = by_recency.iter().find(|f| !f.targets.is_empty()) {
            let snapshots: Vec<&Figures> =
                self.r.of_unit(id).filter(|s| s.period.label == f.period.label).collect();
            if snapshots.len() > 1 || f.targets.iter().any(|t| t.pace.is_some()) {
                out.extend(charts::progress(id, name, &snapshots, self.t));
            }
        }
        if let Some(f) = by_recency
            .iter()
            .find(|f| f.training.awareness_trainees.is_some() || f.training.new_member_trainees.is_some())
        {
            out.extend(charts::training(id, name, f, self.t));
        }
        out
    }

    /// The unit whose children with figures for `period` are exactly `group`, if any,
    /// with those children's figures in the tree's order.
    fn all_children_of_one(&self, group: &[&Figures], period: &str) -> Option<(&'a str, Vec<&'a Figures>)> {
        let parent = self.r.parent(&group.first()?.unit)?;
        let children = self.children_figures(parent, period);
        let all =
            children.len() == group.len() && group.iter().all(|f| self.r.parent(&f.unit) == Some(parent));
        all.then_some((parent, children))
    }

    fn children_figures(&self, id: &str, period: &str) -> Vec<&'a Figures> {
        self.r.tree().children_of(id).iter().filter_map(|c| self.r.latest(c, period)).collect()
    }
}
