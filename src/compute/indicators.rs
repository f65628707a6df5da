//! Compute: every figure of SPEC §7, from validated content. Pure: no I/O, no clock.
//!
//! Percentages keep full precision; rounding happens only where a figure is shown.

use crate::catalog::problems::Msg;
use crate::compute::order::{Numbering, Place, Plan};
use crate::locale::{whole_down, whole_up};
use crate::model::period::Period;
use crate::model::{Report, Target, Training};
use crate::problem::Problem;
use crate::resolve::{Bulletin, Tree};
use chrono::{Datelike, NaiveDate};
use litemap::LiteMap;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Serialize, Serializer};
use std::sync::Arc;

/// A report with its indicators: one written in data/, or one rolled up from children.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    pub unit: String,
    pub period: Period,
    pub as_of: NaiveDate,
    /// False for an earlier snapshot of the same unit and period.
    pub latest: bool,
    /// True for a report summed from the unit's children (SPEC §7, roll-up).
    pub derived: bool,
    pub admitted: u64,
    pub targets: Vec<TargetFigures>,
    /// Category key → count and share, for the categories the report gives, by key.
    pub composition: LiteMap<String, Share>,
    pub members: Option<u64>,
    pub members_at_start: Option<u64>,
    pub admission_rate_pct: Option<f64>,
    pub organizations: Option<u64>,
    pub training: Training,
    pub conversion_pct: Option<f64>,
    pub confirmed: Option<u64>,
    pub change: Option<Change>,
    pub rank: Option<Rank>,
    /// For a derived report: how many of the unit's children it sums.
    pub summed: Option<Summed>,
    pub source: Option<String>,
    pub note: Option<String>,
    /// Index of the written report in `Content::reports`; `None` when derived.
    pub written: Option<usize>,
}

impl Figures {
    /// The same figures, wherever their report was written in `Content::reports`.
    pub fn shows_same(&self, other: &Figures) -> bool {
        // Destructured in full, so that a new field must be considered here.
        let Figures {
            unit,
            period,
            as_of,
            latest,
            derived,
            admitted,
            targets,
            composition,
            members,
            members_at_start,
            admission_rate_pct,
            organizations,
            training,
            conversion_pct,
            confirmed,
            change,
            rank,
            summed,
            source,
            note,
            written,
        } = self;
        (unit, period, as_of, latest, derived, admitted, targets, composition)
            == (
                &other.unit,
                &other.period,
                &other.as_of,
                &other.latest,
                &other.derived,
                &other.admitted,
                &other.targets,
                &other.composition,
            )
            && (members, admission_rate_pct, organizations, training, conversion_pct, confirmed)
                == (
                    &other.members,
                    &other.admission_rate_pct,
                    &other.organizations,
                    &other.training,
                    &other.conversion_pct,
                    &other.confirmed,
                )
            && (members_at_start, summed) == (&other.members_at_start, &other.summed)
            && (change, rank, source, note) == (&other.change, &other.rank, &other.source, &other.note)
            && written.is_some() == other.written.is_some()
    }

    /// Whether the figure counts its whole period (`as_of` is the period's last day): a
    /// year's change then compares whole years, else the same part of each year.
    pub fn whole_period(&self) -> bool {
        self.as_of >= self.period.to
    }

    /// Whether this figure has a same-period change by its kind (the latest figure of a
    /// year); `change` is then absent only when the previous year has no comparable figure.
    pub fn compares_years(&self) -> bool {
        self.latest && self.period.calendar_year().is_some()
    }
}

/// How many of a unit's children a derived report sums.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Summed {
    /// Children whose figures are in the sum.
    pub units: usize,
    /// Children the unit has.
    pub of: usize,
}

impl Summed {
    /// Whether some children are missing from the sum.
    pub fn partial(&self) -> bool {
        self.units < self.of
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetFigures {
    /// The count to reach: as written, or implied by `rate_pct` (unrounded).
    #[serde(serialize_with = "number")]
    pub value: f64,
    #[serde(serialize_with = "opt_number")]
    pub max: Option<f64>,
    /// A rate target's percent of the members at the period's start.
    #[serde(serialize_with = "opt_number")]
    pub rate_pct: Option<f64>,
    #[serde(serialize_with = "opt_number")]
    pub max_rate_pct: Option<f64>,
    pub by: Option<String>,
    pub document: Option<String>,
    pub deadline: NaiveDate,
    pub achievement_pct: f64,
    pub status: Status,
    /// While the period runs and the target is not reached: on pace or behind it.
    pub pace_status: Option<PaceStatus>,
    pub pace: Option<Pace>,
}

impl TargetFigures {
    /// The whole people the target asks for: at least `value` rounded up, at most `max`
    /// rounded down (a rate of 3% of 5.544 members asks for at least 167 people).
    pub fn people(&self) -> (u64, Option<u64>) {
        (whole_up(self.value), self.max.map(whole_down))
    }

    /// Where the target stands as pages show it: the pace while the period runs and
    /// the target is not reached, else the status.
    pub fn standing(&self) -> Standing {
        match (self.pace_status, self.status) {
            (Some(PaceStatus::OnPace), _) => Standing::OnPace,
            (Some(PaceStatus::BehindPace), _) => Standing::BehindPace,
            (None, Status::Exceeded) => Standing::Exceeded,
            (None, Status::Achieved) => Standing::Achieved,
            (None, Status::Behind) => Standing::Behind,
        }
    }
}

/// A whole number as a JSON integer (`220`, not `220.0`), any other as it is.
fn number<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 {
        s.serialize_i64(crate::locale::round_to_i64(*x))
    } else {
        s.serialize_f64(*x)
    }
}

fn opt_number<S: Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(x) => number(x, s),
        None => s.serialize_none(),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PaceStatus {
    OnPace,
    BehindPace,
}

/// A target's standing on the pages: its status, or its pace while it still runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    Exceeded,
    Achieved,
    OnPace,
    BehindPace,
    Behind,
}

impl Standing {
    /// The key pages and charts mark it with (`status-on_pace`, `data-status`).
    pub fn key(self) -> &'static str {
        match self {
            Standing::Exceeded => "exceeded",
            Standing::Achieved => "achieved",
            Standing::OnPace => "on_pace",
            Standing::BehindPace => "behind_pace",
            Standing::Behind => "behind",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Exceeded,
    Achieved,
    Behind,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Share {
    pub count: u64,
    pub share_pct: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Pace {
    pub elapsed_days: i64,
    pub total_days: i64,
    pub elapsed_pct: f64,
    pub expected: f64,
    pub pace_pct: f64,
    pub projected: f64,
    pub required_per_month: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    /// The label of the previous year's period.
    pub previous: String,
    /// The `as_of` of the previous year's figure compared: the same day a year earlier,
    /// or the nearest within [`SAME_PERIOD_DAYS`].
    pub previous_as_of: NaiveDate,
    pub delta: i64,
    pub pct: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Rank {
    pub by_admitted: usize,
    pub by_achievement: Option<usize>,
    /// How many were ranked by admitted.
    pub of: usize,
    /// How many were ranked by achievement (those with a target).
    pub of_achievement: usize,
}

/// How many days from the same day a year earlier a previous year's figure may be
/// counted to and still be compared.
pub const SAME_PERIOD_DAYS: i64 = 7;

/// The days in a month on average (365.25 / 12), for "required per month".
const DAYS_PER_MONTH: f64 = 30.4375;

/// `part × 100 / whole`, absent when `whole` is 0. For counts the product is exact, so
/// the one rounding of the division leaves a figure whose decimal value is the true one
/// (162 of 160 is 101.25, which displays as 101,3).
pub fn pct(part: f64, whole: f64) -> Option<f64> {
    (whole != 0.0).then(|| part * 100.0 / whole)
}

pub fn status(admitted: u64, value: f64, max: Option<f64>) -> Status {
    let a = admitted as f64;
    if a > max.unwrap_or(value) {
        Status::Exceeded
    } else if a >= value {
        Status::Achieved
    } else {
        Status::Behind
    }
}

/// While the period runs (there is a pace) and the target is not reached: on pace when
/// admissions are at or above the straight line to the deadline.
pub fn pace_status(admitted: u64, value: f64, pace: Option<&Pace>) -> Option<PaceStatus> {
    let p = pace?;
    ((admitted as f64) < value).then_some(if p.pace_pct >= 100.0 {
        PaceStatus::OnPace
    } else {
        PaceStatus::BehindPace
    })
}

/// Progress against a target while `as_of` is before its deadline, counting days
/// inclusively from the period's first day.
pub fn pace(
    admitted: u64,
    value: f64,
    from: NaiveDate,
    as_of: NaiveDate,
    deadline: NaiveDate,
) -> Option<Pace> {
    if as_of >= deadline {
        return None;
    }
    let elapsed_days = (as_of - from).num_days() + 1;
    let total_days = (deadline - from).num_days() + 1;
    let (a, v) = (admitted as f64, value);
    let (elapsed, total) = (elapsed_days as f64, total_days as f64);
    let days_left = (deadline - as_of).num_days() as f64;
    // Each figure is one division of products that are exact for counts and days.
    Some(Pace {
        elapsed_days,
        total_days,
        elapsed_pct: elapsed * 100.0 / total,
        expected: v * elapsed / total,
        pace_pct: a * 100.0 * total / (v * elapsed),
        projected: a * total / elapsed,
        required_per_month: (v - a).max(0.0) * DAYS_PER_MONTH / days_left,
    })
}

/// All figures of a content folder, sorted by unit id, period start, period label, as_of.
/// Each is shared: figures computed again after a save share those the save left as they
/// were, and so compare equal at once.
#[derive(Debug, Default)]
pub struct Indicators {
    pub reports: Vec<Arc<Figures>>,
}

impl Indicators {
    /// The period's figure of a unit: its latest snapshot, written or derived.
    pub fn latest(&self, unit: &str, period_label: &str) -> Option<&Figures> {
        self.latest_at(unit, period_label).map(|at| self.reports[at].as_ref())
    }

    /// Where in `reports` [`Self::latest`] is.
    pub(super) fn latest_at(&self, unit: &str, period_label: &str) -> Option<usize> {
        // A unit has a few dozen figures at most: a scan is cheaper than a keyed lookup.
        let range = self.range_of(unit);
        let found =
            self.reports[range.clone()].iter().position(|f| f.latest && f.period.label == period_label);
        found.map(|i| range.start + i)
    }

    /// Each period's figure of a unit (its latest snapshot), the most recent period first:
    /// the one that starts last; of two starting together, the one counted to the later
    /// day, then the longer one, then by label.
    pub fn periods_of(&self, unit: &str) -> Vec<&Figures> {
        let mut latest: Vec<&Figures> = self.of_unit(unit).filter(|f| f.latest).collect();
        latest.sort_by(|a, b| recency(b).cmp(&recency(a)));
        latest
    }

    /// A unit's current figure: that of its most recent period (see [`Self::periods_of`]).
    pub fn current(&self, unit: &str) -> Option<&Figures> {
        self.of_unit(unit).filter(|f| f.latest).max_by(|a, b| recency(a).cmp(&recency(b)))
    }

    /// Every report of a unit in order (period start, label, as_of).
    /// Each unit's figures, as the slice of `reports` that holds them, by unit id in
    /// order (the order of `reports`).
    pub fn by_unit(&self) -> impl Iterator<Item = (&str, &[Arc<Figures>])> {
        self.reports.chunk_by(|a, b| a.unit == b.unit).map(|run| (run[0].unit.as_str(), run))
    }

    pub fn of_unit(&self, unit: &str) -> Each<'_> {
        self.reports[self.range_of(unit)].iter().map(Arc::as_ref)
    }

    /// The range of `reports` that holds a unit's figures.
    pub(super) fn range_of(&self, unit: &str) -> std::ops::Range<usize> {
        let start = self.reports.partition_point(|f| f.unit.as_str() < unit);
        start..start + self.reports[start..].partition_point(|f| f.unit == unit)
    }
}

/// Figures read one by one from the shared list.
pub type Each<'a> = std::iter::Map<std::slice::Iter<'a, Arc<Figures>>, fn(&Arc<Figures>) -> &Figures>;

/// How recent a period's figure is; see [`Indicators::periods_of`].
fn recency(f: &Figures) -> (NaiveDate, NaiveDate, NaiveDate, &str) {
    (f.period.from, f.as_of, f.period.to, &f.period.label)
}

/// Computes every indicator of validated content.
pub fn compute(bulletin: &Bulletin) -> Indicators {
    let (content, tree) = (bulletin.content, &bulletin.tree);
    let numbers = Numbering::new(content);
    let plan = Plan::new(content, tree, &numbers);
    let mut figures: Vec<Figures> = plan
        .slots
        .par_iter()
        .map(|slot| match slot.written {
            Some(i) => written(&content.reports[i], i, slot.latest),
            None => to_roll_up(),
        })
        .collect();
    roll_up(tree, &numbers, &plan, &mut figures);
    changes(&numbers, &plan, &mut figures);
    ranks(&numbers, &plan, &mut figures);
    Indicators { reports: figures.into_par_iter().map(Arc::new).collect() }
}

/// A target's figures; `None` for a target validation refuses (neither a count nor a
/// rate with the members at the start).
fn target(r: &Report, t: &Target) -> Option<TargetFigures> {
    let of_start = |rate: f64| r.members_at_start.map(|m| rate * m as f64 / 100.0);
    let (value, max) = match (t.value, t.rate_pct) {
        (Some(value), _) => (value as f64, t.max.map(|m| m as f64)),
        (None, Some(rate)) => (of_start(rate)?, t.max_rate_pct.and_then(of_start)),
        (None, None) => return None,
    };
    let deadline = t.deadline.unwrap_or(r.period.to);
    let pace = pace(r.admitted, value, r.period.from, r.as_of(), deadline);
    Some(TargetFigures {
        value,
        max,
        rate_pct: t.rate_pct.filter(|_| t.value.is_none()),
        max_rate_pct: t.max_rate_pct.filter(|_| t.value.is_none()),
        by: t.by.clone(),
        document: t.document.clone(),
        deadline,
        achievement_pct: pct(r.admitted as f64, value)?,
        status: status(r.admitted, value, max),
        pace_status: pace_status(r.admitted, value, pace.as_ref()),
        pace,
    })
}

pub(super) fn written(r: &Report, index: usize, latest: bool) -> Figures {
    let as_of = r.as_of();
    let targets = r.targets.iter().filter_map(|t| target(r, t)).collect();
    let mut f = Figures {
        unit: r.unit.clone(),
        period: r.period.clone(),
        as_of,
        latest,
        derived: false,
        admitted: r.admitted,
        targets,
        composition: LiteMap::new(),
        members: r.members,
        members_at_start: r.members_at_start,
        admission_rate_pct: None,
        organizations: r.organizations,
        training: r.training,
        conversion_pct: None,
        confirmed: r.confirmed,
        change: None,
        rank: None,
        summed: None,
        source: r.source.clone(),
        note: r.note.clone(),
        written: Some(index),
    };
    set_ratios(&mut f, &r.composition);
    f
}

/// Shares, admission rate and conversion: the ratios of a report's own counts.
fn set_ratios(f: &mut Figures, counts: &LiteMap<String, u64>) {
    let a = f.admitted as f64;
    // Inserted one by one: collecting would sort what is already sorted.
    for (k, &count) in counts {
        f.composition.insert(k.clone(), Share { count, share_pct: pct(count as f64, a) });
    }
    f.admission_rate_pct = f.members.and_then(|m| pct(a, m as f64));
    f.conversion_pct = f.training.awareness_trainees.and_then(|t| pct(a, t as f64));
}

/// A derived figure's stand-in until [`roll_up`] sums it.
fn to_roll_up() -> Figures {
    sum("", &[], 0)
}

/// Sums each derived figure from the unit's children's figures for its period, bottom-up.
fn roll_up(tree: &Tree, numbers: &Numbering, plan: &Plan, figures: &mut [Figures]) {
    for &(unit, place) in &plan.derived {
        let children = tree.children_of(unit);
        let sum = {
            let parts: Vec<&Figures> = children
                .iter()
                .filter_map(|c| plan.latest(Place { unit: numbers.unit(c), ..place }))
                .map(|i| &figures[i])
                .collect();
            sum(unit, &parts, children.len())
        };
        let slot = plan.latest(place).expect("a derived figure has a slot");
        figures[slot] = sum;
    }
}

/// The sum of counts. Each count is at most [`crate::load::limits::MAX_COUNT`], so no real
/// sum comes near `u64::MAX`; saturating keeps even a crafted one from wrapping.
pub fn add_up(counts: impl IntoIterator<Item = u64>) -> u64 {
    counts.into_iter().fold(0, u64::saturating_add)
}

/// The total of a figure over the parts, only when every part gives it: a sum over
/// some children is not the parent's figure, and would mislead the ratios built on it.
fn total(parts: &[&Figures], figure: impl Fn(&Figures) -> Option<u64>) -> Option<u64> {
    parts.iter().try_fold(0, |sum: u64, p| Some(sum.saturating_add(figure(p)?)))
}

/// A parent's report summed from its children's period figures; `children` is how many
/// children the parent has. Of no parts, a stand-in with no period.
pub(super) fn sum(unit: &str, parts: &[&Figures], children: usize) -> Figures {
    let keys = parts.first().into_iter().flat_map(|first| first.composition.keys());
    let counts: LiteMap<String, u64> = keys
        .filter_map(|k| Some((k.clone(), total(parts, |p| p.composition.get(k).map(|s| s.count))?)))
        .collect();
    let no_period = || Period { label: String::new(), from: NaiveDate::MIN, to: NaiveDate::MIN };
    let training = Training {
        awareness_classes: total(parts, |p| p.training.awareness_classes),
        awareness_trainees: total(parts, |p| p.training.awareness_trainees),
        new_member_classes: total(parts, |p| p.training.new_member_classes),
        new_member_trainees: total(parts, |p| p.training.new_member_trainees),
    };
    let (members, confirmed) = (total(parts, |p| p.members), total(parts, |p| p.confirmed));
    let members_at_start = total(parts, |p| p.members_at_start);
    let mut f = Figures {
        unit: unit.to_string(),
        period: parts.first().map_or_else(no_period, |first| first.period.clone()),
        as_of: parts.iter().map(|p| p.as_of).max().unwrap_or(NaiveDate::MIN),
        latest: true,
        derived: true,
        admitted: add_up(parts.iter().map(|p| p.admitted)),
        targets: Vec::new(),
        composition: LiteMap::new(),
        members,
        members_at_start,
        admission_rate_pct: None,
        organizations: None,
        training,
        conversion_pct: None,
        confirmed,
        change: None,
        rank: None,
        summed: Some(Summed { units: parts.len(), of: children }),
        source: None,
        note: None,
        written: None,
    };
    set_ratios(&mut f, &counts);
    f
}

/// The same day a year earlier; 29 February becomes 28 February.
pub fn year_before(day: NaiveDate) -> NaiveDate {
    let year = day.year() - 1;
    day.with_year(year).or_else(|| NaiveDate::from_ymd_opt(year, day.month(), day.day() - 1)).unwrap_or(day)
}

/// The previous year's figure of `f`'s unit to compare `f` with: a report or snapshot of
/// the previous calendar year counted to the same day a year earlier, else the nearest
/// within [`SAME_PERIOD_DAYS`] (the earlier of two as near), else none. `of_unit` holds
/// every figure of the unit with the calendar year its period covers; `year` is `f`'s.
pub(super) fn same_period_before<'a>(
    of_unit: impl Iterator<Item = (&'a Figures, Option<i32>)>,
    f: &Figures,
    year: Option<i32>,
) -> Option<&'a Figures> {
    let year = year?;
    let day = year_before(f.as_of);
    let distance = |p: &Figures| (p.as_of - day).num_days().abs();
    of_unit
        .filter(|&(p, of)| of == Some(year - 1) && distance(p) <= SAME_PERIOD_DAYS)
        .map(|(p, _)| p)
        .min_by_key(|p| (distance(p), p.as_of))
}

/// Change against the same span of the previous year, on latest snapshots of years.
fn changes(numbers: &Numbering, plan: &Plan, figures: &mut [Figures]) {
    // Label number → the calendar year its period covers, if it is one.
    let years: Vec<Option<i32>> = numbers.periods().iter().map(|p| p.calendar_year()).collect();
    let year = |i: usize| years[plan.slots[i].place.label as usize];
    let reports = &*figures;
    let found: Vec<Option<Change>> = (reports.par_iter().enumerate())
        .map(|(i, f)| {
            if !plan.slots[i].latest {
                return None;
            }
            let of_unit =
                plan.units[plan.slots[i].place.unit as usize].clone().map(|j| (&reports[j], year(j)));
            Some(change(f, same_period_before(of_unit, f, year(i))?))
        })
        .collect();
    figures.par_iter_mut().zip(found).for_each(|(f, change)| f.change = change);
}

/// The change of `f` against `prev`, its unit's figure of the year before.
pub(super) fn change(f: &Figures, prev: &Figures) -> Change {
    let signed = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    let delta = signed(f.admitted).saturating_sub(signed(prev.admitted));
    Change {
        previous: prev.period.label.clone(),
        previous_as_of: prev.as_of,
        delta,
        pct: pct(delta as f64, prev.admitted as f64),
    }
}

/// Competition ranking (1, 2, 2, 4) of `values`, highest first.
pub fn competition_ranks(values: &[f64]) -> Vec<usize> {
    // A value's rank is one more than the number of greater values: found by binary
    // search in a sorted copy, so a thousand siblings cost n·log n, not n².
    let key = |x: f64| if x.is_nan() { f64::NEG_INFINITY } else { x };
    let mut sorted: Vec<f64> = values.iter().map(|&v| key(v)).collect();
    sorted.sort_by(|a, b| b.total_cmp(a));
    values.iter().map(|&v| 1 + sorted.partition_point(|&o| o > v)).collect()
}

/// Ranks siblings (top-level units among themselves) with a report for the same label.
fn ranks(numbers: &Numbering, plan: &Plan, figures: &mut [Figures]) {
    // (parent, label, figure) of each latest figure: sorted, siblings are together.
    let mut latest: Vec<(Option<u32>, u32, usize)> = (plan.slots.iter().enumerate())
        .filter(|(_, slot)| slot.latest)
        .map(|(i, slot)| (numbers.parent(slot.place.unit), slot.place.label, i))
        .collect();
    latest.par_sort_unstable();
    let ranked: Vec<(usize, Rank)> = latest
        .par_chunk_by(|a, b| (a.0, a.1) == (b.0, b.1))
        .flat_map_iter(|siblings| {
            let members: Vec<&Figures> = siblings.iter().map(|&(_, _, i)| &figures[i]).collect();
            siblings.iter().map(|&(_, _, i)| i).zip(ranks_among(&members))
        })
        .collect();
    let mut ranks = vec![None; figures.len()];
    for (i, rank) in ranked {
        ranks[i] = Some(rank);
    }
    figures.par_iter_mut().zip(ranks).for_each(|(f, rank)| f.rank = rank);
}

/// The ranks of figures among each other, in their order.
pub(super) fn ranks_among(members: &[&Figures]) -> Vec<Rank> {
    let admitted: Vec<f64> = members.iter().map(|f| f.admitted as f64).collect();
    let achievement = |f: &Figures| Some(f.targets.first()?.achievement_pct);
    let achieved: Vec<f64> = members.iter().filter_map(|f| achievement(f)).collect();
    let mut by_achievement = competition_ranks(&achieved).into_iter();
    competition_ranks(&admitted)
        .into_iter()
        .zip(members)
        .map(|(by_admitted, f)| Rank {
            by_admitted,
            by_achievement: achievement(f).and_then(|_| by_achievement.next()),
            of: members.len(),
            of_achievement: achieved.len(),
        })
        .collect()
}

/// What the front page summarises (SPEC §3): the root unit, or every top-level unit,
/// in one period, counted up to one day.
#[derive(Clone, Debug, PartialEq)]
pub struct Focus {
    pub units: Vec<String>,
    pub period: Option<Period>,
    /// The latest `as_of` among the focus units' figures for the period.
    pub as_of: Option<NaiveDate>,
}

/// `current_period` when set, else the period with reports for the focus units that
/// starts last (then ends last): the most recent figures, not the longest term.
pub fn focus(bulletin: &Bulletin, ind: &Indicators) -> Focus {
    let content = bulletin.content;
    let units: Vec<String> = match &content.site.root_unit {
        Some(root) => vec![root.clone()],
        None => bulletin.tree.roots.iter().map(|u| u.to_string()).collect(),
    };
    let reported = || units.iter().flat_map(|u| ind.of_unit(u)).filter(|f| f.latest);
    let period = match &content.site.current_period {
        Some(label) => reported()
            .find(|f| &f.period.label == label)
            .map(|f| f.period.clone())
            .or_else(|| ind.reports.iter().find(|f| &f.period.label == label).map(|f| f.period.clone())),
        None => reported()
            .map(|f| &f.period)
            .max_by(|a, b| (a.from, a.to, &a.label).cmp(&(b.from, b.to, &b.label)))
            .cloned(),
    };
    let as_of =
        period.as_ref().and_then(|p| reported().filter(|f| f.period.label == p.label).map(|f| f.as_of).max());
    Focus { units, period, as_of }
}

/// The warning of SPEC §6: children's admissions adding up to more than their
/// parent's own report for the same period.
pub fn consistency_warnings(bulletin: &Bulletin, ind: &Indicators) -> Vec<Problem> {
    let units: Vec<(&str, &[Arc<Figures>])> = ind.by_unit().collect();
    let of_unit: FxHashMap<&str, &[Arc<Figures>]> = units.iter().copied().collect();
    let latest = |unit: &str, label: &str| -> Option<&Figures> {
        Some(of_unit.get(unit)?.iter().find(|f| f.latest && f.period.label == label)?)
    };
    // The warnings come in the figures' order.
    units.par_iter().flat_map_iter(|&(unit, figures)| warnings_of(bulletin, unit, figures, latest)).collect()
}

/// The warnings of one unit's `figures`: those of its written reports that its
/// children's latest figures (found by `latest`) add up to more than.
pub(super) fn warnings_of<'f>(
    bulletin: &Bulletin,
    unit: &str,
    figures: &[Arc<Figures>],
    latest: impl Fn(&str, &str) -> Option<&'f Figures>,
) -> Vec<Problem> {
    let (content, children) = (bulletin.content, bulletin.tree.children_of(unit));
    if children.is_empty() {
        return Vec::new();
    }
    let exceeded = |f: &Figures| {
        let written = f.written?;
        let sum = add_up(children.iter().filter_map(|c| latest(c, &f.period.label)).map(|c| c.admitted));
        (sum > f.admitted).then(|| {
            let origin = &content.reports[written].origin;
            Problem::warning(
                content.files[origin.file].clone(),
                crate::problem::At::Value(origin.field("admitted")),
                Msg::ChildrenExceed {
                    unit: f.unit.clone(),
                    label: f.period.label.clone(),
                    sum,
                    admitted: f.admitted,
                },
            )
        })
    };
    figures.iter().filter(|f| f.latest).filter_map(|f| exceeded(f)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Source, parse};

    fn day(s: &str) -> NaiveDate {
        crate::model::period::parse_date(s).unwrap()
    }

    /// Indicators of units and reports written as one data file.
    fn compute_yaml(data: &str) -> Indicators {
        let site = Source::new("site.yaml", "title: T\nbase_url: https://example.org/\n");
        let loaded = parse(Some(site), vec![Source::new("data/d.yaml", data)]);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert!(crate::validate::validate(&loaded).is_empty());
        compute(&Bulletin::new(&loaded.content))
    }

    const TREE: &str = "units:
  - {id: tinh, name: Tỉnh}
  - {id: a, name: A, parent: tinh}
  - {id: b, name: B, parent: tinh}
  - {id: c, name: C, parent: tinh}
  - {id: d, name: D, parent: tinh}
  - {id: xa, name: Xã, parent: a}
";

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn achievement_and_status_of_a_range() {
        assert_eq!(status(5, 10.0, Some(20.0)), Status::Behind);
        assert_eq!(status(10, 10.0, Some(20.0)), Status::Achieved);
        assert_eq!(status(20, 10.0, Some(20.0)), Status::Achieved);
        assert_eq!(status(21, 10.0, Some(20.0)), Status::Exceeded);
        assert_eq!(status(10, 10.0, None), Status::Achieved);
        assert_eq!(status(11, 10.0, None), Status::Exceeded);
        let ind = compute_yaml(&format!(
            "{TREE}reports:\n  - {{unit: a, period: 2016, admitted: 222, targets: [{{value: 220}}, {{value: 200, max: 240}}]}}\n"
        ));
        let t = &ind.latest("a", "2016").unwrap().targets;
        assert!(close(t[0].achievement_pct, 222.0 / 220.0 * 100.0));
        assert_eq!((t[0].status, t[1].status), (Status::Exceeded, Status::Achieved));
    }

    #[test]
    fn admitted_zero_has_no_shares() {
        let ind = compute_yaml(&format!(
            "{TREE}reports:\n  - {{unit: a, period: 2016, admitted: 0, members: 50, composition: {{women: 0}}, targets: [{{value: 4}}]}}\n"
        ));
        let f = ind.latest("a", "2016").unwrap();
        assert_eq!(*f.composition.get("women").unwrap(), Share { count: 0, share_pct: None });
        assert_eq!(f.admission_rate_pct, Some(0.0));
        assert_eq!(f.targets[0].status, Status::Behind);
    }

    #[test]
    fn shares_rate_and_conversion() {
        let ind = compute_yaml(&format!(
            "{TREE}reports:\n  - {{unit: a, period: 2016, admitted: 222, members: 5544, composition: {{women: 121}}, training: {{awareness_trainees: 444}}}}\n"
        ));
        let f = ind.latest("a", "2016").unwrap();
        assert!(close(f.composition.get("women").unwrap().share_pct.unwrap(), 121.0 / 222.0 * 100.0));
        assert!(close(f.admission_rate_pct.unwrap(), 222.0 / 5544.0 * 100.0));
        assert_eq!(f.conversion_pct, Some(50.0));
    }

    #[test]
    fn pace_of_the_spec_example_in_a_leap_year() {
        let p = pace(57, 246.0, day("2024-01-01"), day("2024-05-04"), day("2024-09-30")).unwrap();
        assert_eq!((p.elapsed_days, p.total_days), (125, 274));
        assert_eq!(
            format!("{:.1} {:.1} {:.1} {:.1}", p.expected, p.pace_pct, p.projected, p.required_per_month),
            "112.2 50.8 124.9 38.6"
        );
        let common = pace(57, 246.0, day("2023-01-01"), day("2023-05-04"), day("2023-09-30")).unwrap();
        assert_eq!((common.elapsed_days, common.total_days), (124, 273));
    }

    #[test]
    fn no_pace_on_or_after_the_deadline() {
        assert_eq!(pace(5, 10.0, day("2024-01-01"), day("2024-09-30"), day("2024-09-30")), None);
        assert_eq!(pace(5, 10.0, day("2024-01-01"), day("2024-12-31"), day("2024-09-30")), None);
        let met = pace(12, 10.0, day("2024-01-01"), day("2024-06-30"), day("2024-12-31")).unwrap();
        assert_eq!(met.required_per_month, 0.0);
    }

    #[test]
    fn competition_ranking_with_ties() {
        assert_eq!(competition_ranks(&[10.0, 20.0, 20.0, 5.0]), vec![3, 1, 1, 4]);
        assert_eq!(competition_ranks(&[f64::NAN, 1.0, 2.0]), vec![1, 2, 1]);
        let ind = compute_yaml(&format!(
            "{TREE}reports:
  - {{unit: a, period: 2016, admitted: 10, targets: [{{value: 10}}]}}
  - {{unit: b, period: 2016, admitted: 20, targets: [{{value: 40}}]}}
  - {{unit: c, period: 2016, admitted: 20, targets: [{{value: 10}}]}}
  - {{unit: d, period: 2016, admitted: 5}}
"
        ));
        let rank = |u: &str| ind.latest(u, "2016").unwrap().rank.unwrap();
        let r = |by_admitted, by_achievement, of| Rank { by_admitted, by_achievement, of, of_achievement: 3 };
        assert_eq!(rank("a"), r(3, Some(2), 4));
        assert_eq!(rank("b"), r(1, Some(3), 4));
        assert_eq!(rank("c"), r(1, Some(1), 4));
        assert_eq!(rank("d"), r(4, None, 4));
        assert_eq!(rank("tinh"), Rank { by_admitted: 1, by_achievement: None, of: 1, of_achievement: 0 });
    }

    #[test]
    fn change_against_the_previous_year() {
        let ind = compute_yaml(&format!(
            "{TREE}reports:
  - {{unit: a, period: 2015, admitted: 0}}
  - {{unit: a, period: 2016, admitted: 12}}
  - {{unit: b, period: 2015, admitted: 210}}
  - {{unit: b, period: 2016, admitted: 222}}
  - {{unit: c, period: 2015-2020, admitted: 9}}
"
        ));
        let a = ind.latest("a", "2016").unwrap().change.clone().unwrap();
        assert_eq!((a.previous.as_str(), a.delta, a.pct), ("2015", 12, None));
        assert_eq!(a.previous_as_of, day("2015-12-31"));
        let b = ind.latest("b", "2016").unwrap().change.clone().unwrap();
        assert_eq!(b.delta, 12);
        assert!(close(b.pct.unwrap(), 12.0 / 210.0 * 100.0));
        assert_eq!(ind.latest("a", "2015").unwrap().change, None);
        assert_eq!(ind.latest("c", "2015-2020").unwrap().change, None);
        let tinh = ind.latest("tinh", "2016").unwrap().change.clone().unwrap();
        assert_eq!((tinh.delta, tinh.pct), (24, Some(24.0 / 210.0 * 100.0)));
    }

    /// A year's change compares the same span of the previous year: the report counted
    /// to the same day a year earlier, else the nearest within seven days, else none.
    #[test]
    fn change_on_the_same_span_of_the_previous_year() {
        let change = |data: &str| {
            let ind = compute_yaml(&format!("{TREE}reports:\n{data}"));
            ind.latest("a", "2024").unwrap().change.clone()
        };
        let exact = change(
            "  - {unit: a, period: 2023, as_of: 2023-09-30, admitted: 300}
  - {unit: a, period: 2023, as_of: 2023-10-03, admitted: 310}
  - {unit: a, period: 2023, admitted: 456}
  - {unit: a, period: 2024, as_of: 2024-09-30, admitted: 304}
",
        )
        .unwrap();
        assert_eq!((exact.previous_as_of, exact.delta), (day("2023-09-30"), 4));
        assert!(close(exact.pct.unwrap(), 4.0 * 100.0 / 300.0));
        // No report on the day: the nearest within seven days, the earlier of two as near.
        let near = change(
            "  - {unit: a, period: 2023, as_of: 2023-09-27, admitted: 290}
  - {unit: a, period: 2023, as_of: 2023-10-03, admitted: 310}
  - {unit: a, period: 2024, as_of: 2024-09-30, admitted: 304}
",
        )
        .unwrap();
        assert_eq!((near.previous_as_of, near.delta), (day("2023-09-27"), 14));
        let later = change(
            "  - {unit: a, period: 2023, as_of: 2023-10-07, admitted: 310}
  - {unit: a, period: 2024, as_of: 2024-09-30, admitted: 304}
",
        );
        assert_eq!(later.unwrap().previous_as_of, day("2023-10-07"));
        // Eight days away, or only the whole previous year: nothing to compare with.
        let far = "  - {unit: a, period: 2023, as_of: 2023-10-08, admitted: 310}\n  - {unit: a, period: 2023, admitted: 456}\n  - {unit: a, period: 2024, as_of: 2024-09-30, admitted: 304}\n";
        assert_eq!(change(far), None);
        // A whole year against the whole previous year, as before.
        let whole = change(
            "  - {unit: a, period: 2023, admitted: 200}\n  - {unit: a, period: 2024, admitted: 150}\n",
        );
        assert_eq!(whole.unwrap().previous_as_of, day("2023-12-31"));
        assert_eq!(year_before(day("2024-02-29")), day("2023-02-28"));
        assert_eq!(year_before(day("2025-03-01")), day("2024-03-01"));
        let leap = change(
            "  - {unit: a, period: 2023, as_of: 2023-02-28, admitted: 20}\n  - {unit: a, period: 2024, as_of: 2024-02-29, admitted: 25}\n",
        );
        assert_eq!(leap.unwrap().delta, 5);
    }

    #[test]
    fn pace_status_while_the_period_runs() {
        let ind = compute_yaml(&format!(
            "{TREE}reports:
  - {{unit: a, period: 2024, as_of: 2024-05-04, admitted: 57, targets: [{{value: 246, deadline: 2024-09-30}}]}}
  - {{unit: b, period: 2024, as_of: 2024-06-30, admitted: 52, targets: [{{value: 102}}]}}
  - {{unit: c, period: 2024, as_of: 2024-06-30, admitted: 21, targets: [{{value: 20}}]}}
  - {{unit: d, period: 2024, as_of: 2024-09-30, admitted: 57, targets: [{{value: 246, deadline: 2024-09-30}}]}}
"
        ));
        let t = |u: &str| ind.latest(u, "2024").unwrap().targets[0].clone();
        assert_eq!((t("a").status, t("a").pace_status), (Status::Behind, Some(PaceStatus::BehindPace)));
        assert_eq!(t("a").standing(), Standing::BehindPace);
        // 52 of 102 by 30 June: 50.98% of the target in 49.73% of the year.
        assert_eq!(t("b").pace_status, Some(PaceStatus::OnPace));
        assert_eq!(t("b").standing(), Standing::OnPace);
        // Reached before the deadline: the final status.
        assert_eq!((t("c").pace_status, t("c").standing()), (None, Standing::Exceeded));
        assert!(t("c").pace.is_some());
        // The deadline has come: missed.
        assert_eq!((t("d").pace_status, t("d").standing()), (None, Standing::Behind));
        assert_eq!(pace_status(10, 10.0, t("a").pace.as_ref()), None);
    }

    /// A rate target's value is the rate of the members at the start, unrounded; status
    /// and pace follow from it, and pages ask for whole people (at least 167).
    #[test]
    fn rate_targets_imply_their_value() {
        let ind = compute_yaml(&format!(
            "{TREE}reports:
  - {{unit: a, period: 2016, admitted: 166, members_at_start: 5544, targets: [{{rate_pct: 3, max_rate_pct: 4}}, {{value: 150}}]}}
  - {{unit: b, period: 2016, admitted: 167, members_at_start: 5544, targets: [{{rate_pct: 3}}]}}
  - {{unit: c, period: 2016, admitted: 222, members_at_start: 5544, targets: [{{rate_pct: 3, max_rate_pct: 4}}]}}
"
        ));
        let a = &ind.latest("a", "2016").unwrap().targets;
        assert!(close(a[0].value, 166.32) && close(a[0].max.unwrap(), 221.76));
        assert_eq!((a[0].rate_pct, a[0].max_rate_pct), (Some(3.0), Some(4.0)));
        assert_eq!((a[1].rate_pct, a[1].value), (None, 150.0));
        assert!(close(a[0].achievement_pct, 166.0 * 100.0 / 166.32));
        assert_eq!(a[0].status, Status::Behind);
        assert_eq!(a[0].people(), (167, Some(221)));
        // 167 is above 166.32: over a target that is one number, as for any target.
        assert_eq!(ind.latest("b", "2016").unwrap().targets[0].status, Status::Exceeded);
        assert_eq!(ind.latest("c", "2016").unwrap().targets[0].status, Status::Exceeded);
        assert_eq!(ind.latest("a", "2016").unwrap().targets[0].standing(), Standing::Behind);
        // Members at the start add up in a roll-up like members.
        assert_eq!(ind.latest("tinh", "2016").unwrap().members_at_start, Some(3 * 5544));
        let json = serde_json::to_string(&a[0]).unwrap();
        assert!(
            json.starts_with("{\"value\":166.32,\"max\":221.76,\"rate_pct\":3,\"max_rate_pct\":4,"),
            "{json}"
        );
        let json = serde_json::to_string(&a[1]).unwrap();
        assert!(json.starts_with("{\"value\":150,\"max\":null,\"rate_pct\":null,"), "{json}");
    }

    /// Percentages of counts are one division of exact products: their decimal value is
    /// the true one, so that display rounding sees 101.25, not 101.24999….
    #[test]
    fn percentages_keep_their_decimal_value() {
        assert_eq!(pct(162.0, 160.0), Some(101.25));
        assert_eq!(pct(201.0, 200.0), Some(100.5));
        assert_eq!(pct(1.0, 8.0), Some(12.5));
        assert_eq!(pct(3.0, 0.0), None);
    }

    #[test]
    fn snapshots_latest_and_nulls_on_earlier_ones() {
        let ind = compute_yaml(&format!(
            "{TREE}reports:
  - {{unit: b, period: 2023, admitted: 40}}
  - {{unit: b, period: 2024, as_of: 2024-05-04, admitted: 57, targets: [{{value: 246, deadline: 2024-09-30}}]}}
  - {{unit: b, period: 2024, as_of: 2024-08-01, admitted: 120, targets: [{{value: 246, deadline: 2024-09-30}}]}}
"
        ));
        let snaps: Vec<&Figures> = ind.of_unit("b").filter(|f| f.period.label == "2024").collect();
        assert_eq!(snaps.len(), 2);
        assert_eq!((snaps[0].latest, snaps[1].latest), (false, true));
        assert_eq!((snaps[0].change.clone(), snaps[0].rank), (None, None));
        // 1 August 2024 against all of 2023 would compare spans of other lengths.
        assert_eq!(snaps[1].change, None);
        assert!(snaps[1].compares_years() && !snaps[1].whole_period());
        assert!(snaps[0].targets[0].pace.is_some());
        assert_eq!(ind.latest("b", "2024").unwrap().admitted, 120);
        assert_eq!(ind.latest("tinh", "2024").unwrap().admitted, 120);
    }

    #[test]
    fn derived_figures_only_when_every_child_gives_them() {
        let ind = compute_yaml(&format!(
            "{TREE}reports:
  - {{unit: a, period: 2016, admitted: 3, members: 100, composition: {{women: 2, youth: 1}}, training: {{awareness_trainees: 6}}}}
  - {{unit: b, period: 2016, admitted: 7, composition: {{women: 1}}}}
"
        ));
        let tinh = ind.latest("tinh", "2016").unwrap();
        assert_eq!((tinh.members, tinh.admission_rate_pct), (None, None));
        assert_eq!(tinh.composition.keys().collect::<Vec<_>>(), ["women"]);
        assert_eq!(tinh.composition.get("women").unwrap().share_pct, Some(30.0));
        assert_eq!(tinh.training.awareness_trainees, None);
        assert_eq!(tinh.conversion_pct, None);
    }

    #[test]
    fn derived_report_two_levels_up() {
        let ind = compute_yaml(&format!(
            "{TREE}reports:
  - {{unit: xa, period: 2016, as_of: 2016-06-30, admitted: 3, members: 100, composition: {{women: 2, youth: 0}}, training: {{awareness_trainees: 6}}}}
  - {{unit: b, period: 2016, as_of: 2016-09-30, admitted: 7, members: 300, composition: {{women: 1, youth: 4}}, training: {{awareness_trainees: 14}}}}
"
        ));
        let a = ind.latest("a", "2016").unwrap();
        assert!(a.derived && a.targets.is_empty());
        assert_eq!((a.admitted, a.as_of, a.members), (3, day("2016-06-30"), Some(100)));
        let tinh = ind.latest("tinh", "2016").unwrap();
        assert!(tinh.derived);
        assert_eq!((tinh.admitted, tinh.as_of, tinh.members), (10, day("2016-09-30"), Some(400)));
        assert_eq!(tinh.composition.get("women").unwrap().count, 3);
        assert_eq!(tinh.composition.get("youth").unwrap().share_pct, Some(40.0));
        assert_eq!(tinh.training.awareness_trainees, Some(20));
        assert_eq!((tinh.training.awareness_classes, tinh.conversion_pct), (None, Some(50.0)));
        assert_eq!(tinh.admission_rate_pct, Some(2.5));
        assert_eq!(
            ind.latest("a", "2016").unwrap().rank.unwrap(),
            Rank { by_admitted: 2, by_achievement: None, of: 2, of_achievement: 0 }
        );
        assert_eq!(a.summed, Some(Summed { units: 1, of: 1 }));
        assert_eq!(tinh.summed, Some(Summed { units: 2, of: 4 }));
        assert!(tinh.summed.unwrap().partial());
        assert_eq!(ind.latest("b", "2016").unwrap().summed, None);
    }

    #[test]
    fn children_adding_up_to_more_than_the_parent_warn() {
        let site = Source::new("site.yaml", "title: T\nbase_url: https://example.org/\n");
        let data = format!(
            "{TREE}reports:\n  - {{unit: a, period: 2016, admitted: 5}}\n  - {{unit: b, period: 2016, admitted: 6}}\n  - {{unit: tinh, period: 2016, admitted: 10}}\n"
        );
        let loaded = parse(Some(site), vec![Source::new("data/d.yaml", &data)]);
        let b = Bulletin::new(&loaded.content);
        let warnings = consistency_warnings(&b, &compute(&b));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].at, crate::problem::At::Value("reports[2].admitted".into()));
        assert_eq!(
            warnings[0].message.text(crate::model::Language::En, "FIRST"),
            "the units under `tinh` admitted 11 in period 2016 together, more than its own admitted (10)"
        );
    }

    #[test]
    fn focus_picks_the_period_that_starts_last() {
        let site = Source::new("site.yaml", "title: T\nbase_url: https://example.org/\n");
        let data = format!(
            "{TREE}reports:\n  - {{unit: a, period: 2020-2025, admitted: 5}}\n  - {{unit: b, period: 2024, as_of: 2024-05-04, admitted: 6}}\n"
        );
        let loaded = parse(Some(site), vec![Source::new("data/d.yaml", &data)]);
        let b = Bulletin::new(&loaded.content);
        let f = focus(&b, &compute(&b));
        assert_eq!(f.units, vec!["tinh".to_string()]);
        assert_eq!(f.period.unwrap().label, "2024");
        assert_eq!(f.as_of, Some(day("2024-05-04")));
    }

    /// Loading refuses counts above the maximum; past it, sums saturate, never wrap.
    #[test]
    fn roll_ups_do_not_wrap() {
        assert_eq!(add_up([u64::MAX, 2]), u64::MAX);
        let site = Source::new("site.yaml", "title: T\nbase_url: https://example.org/\n");
        let data = format!(
            "{TREE}reports:\n  - {{unit: a, period: 2016, admitted: 1, members: 9}}\n  - {{unit: b, period: 2016, admitted: 2, members: 9}}\n  - {{unit: b, period: 2015, admitted: 2}}\n"
        );
        let mut loaded = parse(Some(site), vec![Source::new("data/d.yaml", &data)]);
        let reports = std::sync::Arc::get_mut(&mut loaded.content.reports).expect("reports of one load");
        let first = std::sync::Arc::make_mut(&mut reports[0]);
        first.admitted = u64::MAX;
        first.members = Some(u64::MAX);
        let ind = compute(&Bulletin::new(&loaded.content));
        let tinh = ind.latest("tinh", "2016").unwrap();
        assert_eq!((tinh.admitted, tinh.members), (u64::MAX, Some(u64::MAX)));
        assert_eq!(ind.latest("tinh", "2016").unwrap().change.as_ref().unwrap().delta, i64::MAX - 2);
    }

    #[test]
    fn own_report_is_not_replaced_by_a_roll_up() {
        let ind = compute_yaml(&format!(
            "{TREE}reports:\n  - {{unit: xa, period: 2016, admitted: 3}}\n  - {{unit: a, period: 2016, admitted: 2}}\n"
        ));
        let a = ind.latest("a", "2016").unwrap();
        assert_eq!((a.derived, a.admitted), (false, 2));
        assert_eq!(ind.of_unit("a").count(), 1);
    }

    #[test]
    fn reports_sorted_by_unit_period_start_label_as_of() {
        let ind = compute_yaml(&format!(
            "{TREE}reports:
  - {{unit: b, period: 2016, admitted: 1}}
  - {{unit: a, period: 2016, admitted: 1}}
  - {{unit: a, period: 2015-2020, admitted: 1}}
  - {{unit: a, period: 2015, as_of: 2015-12-01, admitted: 1}}
  - {{unit: a, period: 2015, as_of: 2015-06-01, admitted: 1}}
"
        ));
        let order: Vec<String> =
            ind.reports.iter().map(|f| format!("{} {} {}", f.unit, f.period.label, f.as_of)).collect();
        assert_eq!(
            order[..5],
            [
                "a 2015 2015-06-01",
                "a 2015 2015-12-01",
                "a 2015-2020 2020-12-31",
                "a 2016 2016-12-31",
                "b 2016 2016-12-31",
            ]
        );
    }
}
