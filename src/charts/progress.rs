//! 4. Progress through a period.

use super::*;
use crate::catalog::Progress;
use crate::resolve::routes;

/// Cumulative admissions at each snapshot of one unit and period (points joined from
/// zero at the period's start) against the straight line from zero at the start to
/// the first target of the latest snapshot at its deadline (a range as a grey wedge),
/// with the projected end at the current pace (`pace.projected`) marked at the
/// deadline when the latest snapshot is before it.
///
/// Snapshots of another unit or period than the latest one are ignored. `None` when
/// there is no snapshot or the latest one has no target.
pub fn progress(unit_id: &str, unit_name: &str, snapshots: &[&Figures], t: &ChartText) -> Option<Chart> {
    chart(values(unit_id, unit_name, snapshots, t)?, t)
}

pub(super) fn values(
    unit_id: &str,
    unit_name: &str,
    snapshots: &[&Figures],
    t: &ChartText,
) -> Option<Values> {
    let mut snaps: Vec<&Figures> = snapshots.to_vec();
    snaps.sort_by_key(|f| f.as_of);
    let latest = *snaps.last()?;
    snaps.retain(|f| f.unit == latest.unit && f.period.label == latest.period.label);
    snaps.dedup_by_key(|f| f.as_of);
    let latest = *snaps.last()?;
    let target = latest.targets.first()?;
    let from = latest.period.from;
    let deadline = target.deadline;
    let end = deadline.max(latest.as_of);
    let total = day_pos(from, deadline).max(1.0);
    let pace = target.pace.filter(|p| p.projected.is_finite());

    let slug = routes::chart_name("progress", Some(unit_id), Some(&latest.period.label));
    let title = t.words.progress_title(unit_name, &t.period(latest));
    let (as_of, target_text, share) = (t.date(latest.as_of), t.target(target), t.pct(target.achievement_pct));
    let (deadline_text, pace_text) =
        (t.date(deadline), pace.map(|p| (t.pct(p.pace_pct), t.people(p.projected))));
    let desc = t.words.progress_desc(&Progress {
        unit: unit_name,
        as_of: &as_of,
        admitted: latest.admitted,
        target: &target_text,
        share: &share,
        deadline: &deadline_text,
        pace: pace_text.as_ref().map(|(pct, projected)| (pct.as_str(), projected.as_str())),
    });

    let target_label = t.words.target_mark(&target_text);
    let projected_label = pace.map(|p| t.words.projected_mark(&t.people(p.projected)));
    let mut legend = vec![
        (Key::Line(BLUE, Stroke::Solid), t.l().admitted_so_far.to_string()),
        (Key::Line(INK, Stroke::Dashed), t.l().even_pace.to_string()),
    ];
    if pace.is_some() {
        legend.push((Key::Hollow(BLUE), t.l().projected_at_pace.to_string()));
    }

    let expected = |day: NaiveDate| -> f64 { target.value * day_pos(from, day).min(total) / total };
    let mut rows: Vec<Vec<String>> = snaps
        .iter()
        .map(|f| {
            vec![
                t.date(f.as_of),
                t.int(f.admitted),
                t.people(expected(f.as_of)),
                t.pct(f.admitted as f64 * 100.0 / target.value),
            ]
        })
        .collect();
    if let Some(p) = pace {
        rows.push(vec![
            t.words.projected_row(&deadline_text),
            t.people(p.projected),
            t.target(target),
            t.pct(p.projected * 100.0 / target.value),
        ]);
    }
    let table = DataTable {
        caption: t.words.progress_caption(&title, &target_text),
        headers: t.l().progress_headers.map(String::from).to_vec(),
        rows,
        numeric: vec![false, true, true, true],
    };
    let track = Track {
        from,
        end,
        total,
        points: snaps.iter().map(|f| (f.as_of, f.admitted)).collect(),
        target: target.value,
        target_max: target.max,
        projected: pace.map(|p| p.projected),
        target_label,
        projected_label,
        legend,
    };
    Some(Values { slug, title, desc, table, plot: Plot::Progress(track) })
}
