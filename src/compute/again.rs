//! The figures computed again after a save that changed some reports' counts but not
//! which unit, period or day each is of ([`crate::model::Content::changed_reports`]):
//! the order of the figures is then as it was, and only these move: the reports' own
//! figures, their ancestors' roll-ups up to the first unit with a report of its own,
//! those units' changes against the year before, the ranks among their siblings, and
//! the warnings of those units and their parents. Every other figure is the one
//! computed before, shared.

use crate::catalog::problems::Msg;
use crate::compute::indicators::{
    Change, Figures, Indicators, change, ranks_among, same_period_before, sum, warnings_of, written,
};
use crate::problem::Problem;
use crate::resolve::Bulletin;
use std::collections::BTreeSet;
use std::sync::Arc;

/// The figures of `bulletin` and their warnings, its content being that of the figures
/// `was` (warned of by `was_warnings`) with the reports `changed` (indices in
/// `Content::reports`) counted again. `None` when a changed report has no figure in
/// `was`, which cannot be while the plan is the same.
pub fn figures(
    bulletin: &Bulletin,
    was: &Indicators,
    was_warnings: &[Problem],
    changed: &[usize],
) -> Option<(Indicators, Vec<Problem>)> {
    let content = bulletin.content;
    let mut ind = Indicators { reports: was.reports.clone() };
    let mut moved = Moved::default();
    for &i in changed {
        let report = &content.reports[i];
        let range = ind.range_of(&report.unit);
        let at = range.start + ind.reports[range].iter().position(|f| f.written == Some(i))?;
        let latest = ind.reports[at].latest;
        ind.reports[at] = Arc::new(written(report, i, latest));
        moved.units.insert(&report.unit);
        if latest {
            moved.latest.insert((&report.unit, &report.period.label));
        }
    }
    for (unit, label) in moved.latest.clone() {
        roll_up(bulletin, &mut ind, unit, label, &mut moved);
    }
    for &unit in &moved.units {
        set_changes(&mut ind, unit);
    }
    let groups: BTreeSet<(Option<&str>, &str)> =
        moved.latest.iter().map(|&(unit, label)| (bulletin.parent(unit), label)).collect();
    for (parent, label) in groups {
        set_ranks(bulletin, &mut ind, parent, label);
    }
    let warnings = warnings(bulletin, &ind, was_warnings, &moved);
    Some((ind, warnings))
}

/// What moved: the units with a figure made again, and the unit and label of each
/// latest figure made again.
#[derive(Default)]
struct Moved<'a> {
    units: BTreeSet<&'a str>,
    latest: BTreeSet<(&'a str, &'a str)>,
}

/// Sums again the derived figures above `unit` for `label`, up to the first unit with a
/// report of its own or the first sum that comes out as it was.
fn roll_up<'a>(
    bulletin: &Bulletin<'a>,
    ind: &mut Indicators,
    unit: &str,
    label: &'a str,
    moved: &mut Moved<'a>,
) {
    let mut parent = bulletin.parent(unit);
    while let Some(unit) = parent {
        let Some(at) = ind.latest_at(unit, label).filter(|&at| ind.reports[at].derived) else { return };
        let children = bulletin.tree.children_of(unit);
        let parts: Vec<&Figures> = children.iter().filter_map(|c| ind.latest(c, label)).collect();
        let was = &ind.reports[at];
        // The change and rank are set later, if the sum moved; one that comes out as it
        // was moves nothing above it.
        let summed =
            Figures { change: was.change.clone(), rank: was.rank, ..sum(unit, &parts, children.len()) };
        if **was == summed {
            return;
        }
        ind.reports[at] = Arc::new(summed);
        moved.units.insert(unit);
        moved.latest.insert((unit, label));
        parent = bulletin.parent(unit);
    }
}

/// The changes against the year before of a unit's latest figures. A figure is copied
/// only when its change is another, so that one left as it was stays shared.
fn set_changes(ind: &mut Indicators, unit: &str) {
    let range = ind.range_of(unit);
    let figures = &ind.reports[range.clone()];
    let change_of = |f: &Figures| -> Option<Change> {
        let of_unit = figures.iter().map(|p| (p.as_ref(), p.period.calendar_year()));
        f.latest
            .then(|| same_period_before(of_unit, f, f.period.calendar_year()))?
            .map(|prev| change(f, prev))
    };
    let changes: Vec<Option<Change>> = figures.iter().map(|f| change_of(f)).collect();
    for (at, change) in range.zip(changes) {
        let figure = &mut ind.reports[at];
        if figure.change != change {
            Arc::make_mut(figure).change = change;
        }
    }
}

/// The ranks of the latest figures for `label` among the children of `parent` (among
/// the top-level units for none).
fn set_ranks(bulletin: &Bulletin, ind: &mut Indicators, parent: Option<&str>, label: &str) {
    let siblings = match parent {
        Some(p) => bulletin.tree.children_of(p),
        None => &bulletin.tree.roots,
    };
    let mut members: Vec<usize> = siblings.iter().filter_map(|s| ind.latest_at(s, label)).collect();
    members.sort_unstable();
    let figures: Vec<&Figures> = members.iter().map(|&at| ind.reports[at].as_ref()).collect();
    let ranks = ranks_among(&figures);
    for (at, rank) in members.into_iter().zip(ranks) {
        let figure = &mut ind.reports[at];
        if figure.rank != Some(rank) {
            Arc::make_mut(figure).rank = Some(rank);
        }
    }
}

/// `was`, the warnings before, with those of the units whose figures moved and of
/// their parents made again, in the figures' order (by unit).
fn warnings(bulletin: &Bulletin, ind: &Indicators, was: &[Problem], moved: &Moved) -> Vec<Problem> {
    let parents = moved.latest.iter().filter_map(|&(unit, _)| bulletin.parent(unit));
    let again: BTreeSet<&str> = moved.units.iter().copied().chain(parents).collect();
    let unit_of = |p: &Problem| match &p.message {
        Msg::ChildrenExceed { unit, .. } => unit.clone(),
        _ => String::new(),
    };
    let mut warnings: Vec<Problem> =
        was.iter().filter(|p| !again.contains(unit_of(p).as_str())).cloned().collect();
    for unit in again {
        let figures = &ind.reports[ind.range_of(unit)];
        warnings.extend(warnings_of(bulletin, unit, figures, |c, label| ind.latest(c, label)));
    }
    // Stable: a unit's warnings keep their order.
    warnings.sort_by_cached_key(unit_of);
    warnings
}

#[cfg(test)]
mod tests {
    use crate::load::{Source, parse};
    use crate::pipeline::Calculated;
    use crate::resolve::Bulletin;
    use std::sync::Arc;

    /// Two levels of roll-ups, a parent with a report of its own (`h2`), snapshots, two
    /// years (changes) and the warning of children adding up to more (`tinh`, 2023).
    const DATA: &str = "units:
  - {id: tinh, name: Tỉnh}
  - {id: huyen, name: Huyện, parent: tinh}
  - {id: h2, name: Huyện 2, parent: tinh}
  - {id: xa1, name: Xã 1, parent: huyen}
  - {id: xa2, name: Xã 2, parent: huyen}
  - {id: xa3, name: Xã 3, parent: h2}
reports:
  - {unit: xa1, period: 2023, admitted: 4, members: 40, composition: {women: 2}}
  - {unit: xa1, period: 2024, admitted: 5, members: 41, targets: [{value: 6}], composition: {women: 3}}
  - {unit: xa1, period: 2024, as_of: 2024-06-30, admitted: 2}
  - {unit: xa2, period: 2024, admitted: 7, members: 30, targets: [{value: 6}], composition: {women: 1}}
  - {unit: xa2, period: 2023, admitted: 3, members: 29, composition: {women: 0}}
  - {unit: xa3, period: 2024, admitted: 9}
  - {unit: h2, period: 2024, admitted: 10, targets: [{value: 8}]}
  - {unit: tinh, period: 2023, admitted: 5}
";

    fn content(data: &str) -> crate::model::Content {
        let site = Source::new("site.yaml", "title: T\nbase_url: https://example.org/\n");
        let loaded = parse(Some(site), vec![Source::new("data/d.yaml", data)]);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert!(crate::validate::validate(&loaded).is_empty());
        loaded.content
    }

    /// Edits `from` into `to` (once each) and checks that the figures made again equal
    /// those computed from scratch, sharing every figure that did not move.
    fn edit_equals_a_fresh_compute(from: &str, to: &str) -> Calculated {
        let (was, now) = (content(DATA), content(&DATA.replacen(from, to, 1)));
        let earlier = Calculated::new(&Bulletin::new(&was));
        let bulletin = Bulletin::new(&now);
        let changed = now.changed_reports(&was).expect("the same plan");
        assert_eq!(changed.len(), 1, "{from} → {to}");
        let again = Calculated::again(&bulletin, &earlier, &changed).expect("made again");
        let fresh = Calculated::new(&bulletin);
        let plain =
            |c: &Calculated| c.indicators.reports.iter().map(|f| f.as_ref().clone()).collect::<Vec<_>>();
        assert_eq!(plain(&again), plain(&fresh), "{from} → {to}");
        assert_eq!(again.warnings, fresh.warnings, "{from} → {to}");
        assert_eq!(again.focus, fresh.focus);
        for (a, e) in again.indicators.reports.iter().zip(&earlier.indicators.reports) {
            assert_eq!(
                Arc::ptr_eq(a, e),
                **a == **e,
                "{} {} shared only when unmoved",
                a.unit,
                a.period.label
            );
        }
        again
    }

    #[test]
    fn a_leaf_s_count_moves_its_roll_ups_changes_ranks_and_warnings() {
        // xa2 2023 feeds huyen's 2023 roll-up, tinh's warning and xa2's 2024 change.
        let again = edit_equals_a_fresh_compute("admitted: 3, members: 29", "admitted: 0, members: 29");
        assert!(again.warnings.is_empty(), "tinh's 2023 children now add up to 4, under 5");
        edit_equals_a_fresh_compute("admitted: 7, members: 30", "admitted: 70, members: 30");
        edit_equals_a_fresh_compute("composition: {women: 3}", "composition: {women: 5}");
    }

    #[test]
    fn a_report_under_a_parent_with_its_own_warns_the_parent_and_stops_there() {
        let again = edit_equals_a_fresh_compute(
            "{unit: xa3, period: 2024, admitted: 9}",
            "{unit: xa3, period: 2024, admitted: 12}",
        );
        assert_eq!(again.warnings.len(), 2, "h2 2024 now too, beside tinh 2023");
        edit_equals_a_fresh_compute(
            "admitted: 10, targets: [{value: 8}]",
            "admitted: 10, targets: [{value: 20}]",
        );
    }

    #[test]
    fn an_earlier_snapshot_moves_only_itself() {
        edit_equals_a_fresh_compute("as_of: 2024-06-30, admitted: 2", "as_of: 2024-06-30, admitted: 3");
    }

    #[test]
    fn a_moved_unit_period_or_day_is_another_plan() {
        let was = content(DATA);
        for (from, to) in [
            ("{unit: xa3, period: 2024", "{unit: xa3, period: 2023"),
            ("as_of: 2024-06-30", "as_of: 2024-05-31"),
        ] {
            let now = content(&DATA.replacen(from, to, 1));
            assert_eq!(now.changed_reports(&was), None, "{from} → {to}");
        }
    }
}
