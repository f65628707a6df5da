//! 1. Achievement by child unit.

use super::*;
use crate::compute::indicators::Status;
use crate::resolve::routes;

/// Achievement of the first target by child unit in one period: horizontal bars
/// sorted from the highest achievement, a 100% reference line, bars coloured by
/// status and labelled with the percentage and the status word (behind bars are also
/// hatched). Units without a target are left out of the bars and listed in the table
/// with "-". `unit_id` is the parent unit (it names the file; `None` for the top-level
/// units side by side).
///
/// `None` when no unit has a target.
pub fn achievement(
    unit_id: Option<&str>,
    period_label: &str,
    units: &[(&str, &Figures)],
    t: &ChartText,
) -> Option<Chart> {
    chart(values(unit_id, period_label, units, t)?, t)
}

pub(super) fn values(
    unit_id: Option<&str>,
    period_label: &str,
    units: &[(&str, &Figures)],
    t: &ChartText,
) -> Option<Values> {
    let mut with_target: Vec<(&str, &Figures, &TargetFigures)> = units
        .iter()
        .filter_map(|&(name, f)| {
            let target = f.targets.first()?;
            target.achievement_pct.is_finite().then_some((name, f, target))
        })
        .collect();
    if with_target.is_empty() {
        return None;
    }
    // Stable: equal achievements keep the order they were given in.
    with_target.sort_by(|a, b| b.2.achievement_pct.total_cmp(&a.2.achievement_pct));

    let slug = routes::chart_name("achievement", unit_id, Some(period_label));
    let title = t.words.achievement_title(period_label);
    let reached = with_target.iter().filter(|(_, _, tg)| tg.status != Status::Behind).count();
    let n = with_target.len();
    let (hi, lo) = (with_target[0], with_target[n - 1]);
    let (hi_pct, lo_pct) = (t.pct(hi.2.achievement_pct), t.pct(lo.2.achievement_pct));
    let desc = if n == 1 {
        t.words.achievement_one(hi.0, hi.1.admitted, &hi_pct, t.l().status.of(hi.2.standing()))
    } else if hi_pct == lo_pct {
        // "highest X, lowest Y" at one share would rank units that are level.
        t.words.achievement_alike(n, reached, &hi_pct)
    } else {
        t.words.achievement_many(n, reached, (hi.0, &hi_pct), (lo.0, &lo_pct))
    };

    let bars = with_target
        .iter()
        .map(|&(name, f, tg)| {
            let (color, hatch) = color_of(tg.standing());
            HBar {
                label: name.to_string(),
                value: tg.achievement_pct,
                text: format!("{} ({})", t.pct(tg.achievement_pct), t.l().status.of(tg.standing())),
                color,
                hatch,
                attrs: format!(
                    "data-status=\"{}\" data-admitted=\"{}\" data-target=\"{}\"",
                    tg.standing().key(),
                    f.admitted,
                    tg.value
                ),
            }
        })
        .collect();
    let standings =
        [Standing::Behind, Standing::BehindPace, Standing::OnPace, Standing::Achieved, Standing::Exceeded];
    let legend = standings
        .into_iter()
        .filter(|&s| with_target.iter().any(|(_, _, tg)| tg.standing() == s))
        .map(|s| {
            let (color, hatch) = color_of(s);
            (Key::Swatch(color, hatch), t.l().legend.of(s).to_string())
        })
        .collect();
    let spec = HBars {
        bars,
        scale: Scale::Percent { at_least: 100.0, exactly: false },
        reference: Some((100.0, t.l().target_line.into())),
        legend,
        axis_title: t.l().achievement_axis.into(),
        label_cap: 240.0,
    };

    let mut rows: Vec<Vec<String>> = with_target
        .iter()
        .map(|&(name, f, tg)| {
            vec![
                name.to_string(),
                t.int(f.admitted),
                t.target(tg),
                t.pct(tg.achievement_pct),
                t.l().status.of(tg.standing()).to_string(),
            ]
        })
        .collect();
    for &(name, f) in units {
        if !with_target.iter().any(|(_, g, _)| std::ptr::eq(*g, f)) {
            rows.push(vec![name.to_string(), t.int(f.admitted), "-".into(), "-".into(), "-".into()]);
        }
    }
    let table = DataTable {
        caption: title.clone(),
        headers: t.l().achievement_headers.map(String::from).to_vec(),
        rows,
        numeric: vec![false, true, true, true, false],
    };
    Some(Values { slug, title, desc, table, plot: Plot::Bars(spec) })
}
