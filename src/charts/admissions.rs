//! 2. Admissions over the years.

use super::*;
use crate::compute::indicators::Status;
use crate::resolve::routes;

/// Members admitted per calendar year for one unit: a bar per year (the latest
/// snapshot of each year; other periods are ignored), with the year's first target
/// marked by a dark line across the bar, and a range `value..max` as a grey band.
/// Years without a report inside the span keep an empty slot. Linear axis from zero.
///
/// `None` when no calendar-year report is given.
pub fn admissions_over_years(
    unit_name: &str,
    unit_id: &str,
    years: &[&Figures],
    t: &ChartText,
) -> Option<Chart> {
    chart(values(unit_name, unit_id, years, t)?, t)
}

pub(super) fn values(unit_name: &str, unit_id: &str, years: &[&Figures], t: &ChartText) -> Option<Values> {
    let mut items: Vec<(i32, &Figures)> =
        years.iter().filter_map(|f| Some((f.period.calendar_year()?, *f))).collect();
    items.sort_by_key(|a| (a.0, a.1.as_of));
    // The latest snapshot of each year.
    let mut dedup: Vec<(i32, &Figures)> = Vec::new();
    for item in items {
        match dedup.last_mut() {
            Some(last) if last.0 == item.0 => *last = item,
            _ => dedup.push(item),
        }
    }
    let items = dedup;
    let (first_year, last_year) = (items.first()?.0, items.last()?.0);

    let slug = routes::chart_name("admissions", Some(unit_id), None);
    let title = t.words.years_title(unit_name);
    let with_target: Vec<&(i32, &Figures)> = items.iter().filter(|(_, f)| !f.targets.is_empty()).collect();
    let reached = with_target.iter().filter(|(_, f)| f.targets[0].status != Status::Behind).count();
    let desc = if items.len() == 1 {
        let (y, f) = items[0];
        let target = f.targets.first().map(|tg| (t.target(tg), t.pct(tg.achievement_pct)));
        t.words.years_one(y, unit_name, f.admitted, target.as_ref().map(|(v, p)| (v.as_str(), p.as_str())))
    } else {
        let admitted = || items.iter().map(|(_, f)| f.admitted);
        let (most, fewest) = (admitted().max().unwrap_or(0), admitted().min().unwrap_or(0));
        // Every year of a tie is named: naming one would single it out.
        let years_of =
            |n: u64| items.iter().filter(|(_, f)| f.admitted == n).map(|(y, _)| *y).collect::<Vec<_>>();
        let targets = (!with_target.is_empty()).then_some((reached, with_target.len()));
        let span = (first_year, last_year);
        if most == fewest {
            t.words.years_alike(unit_name, span, items.len(), most, targets)
        } else {
            t.words.years_span(unit_name, span, (most, &years_of(most)), (fewest, &years_of(fewest)), targets)
        }
    };

    // Slots: every year of the span, unless the span is very long.
    let span = usize::try_from(last_year - first_year + 1).unwrap_or(0);
    let slots: Vec<i32> =
        if span <= 40 { (first_year..=last_year).collect() } else { items.iter().map(|(y, _)| *y).collect() };
    let any_range =
        items.iter().any(|(_, f)| f.targets.first().is_some_and(|tg| tg.max.is_some_and(|m| m > tg.value)));
    let mut legend = vec![
        (Key::Swatch(BLUE, false), t.l().admitted.to_string()),
        (Key::Line(INK, Stroke::Solid), t.l().target.to_string()),
    ];
    if !with_target.is_empty() && any_range {
        legend.push((Key::Band, t.l().target_range.to_string()));
    }
    if with_target.is_empty() {
        legend.truncate(1);
    }
    let bars = items
        .iter()
        .map(|&(year, f)| YearBar {
            year,
            admitted: f.admitted,
            target: f.targets.first().map(|tg| (tg.value, tg.max)),
        })
        .collect();

    let rows = items
        .iter()
        .map(|(y, f)| {
            let tg = f.targets.first();
            // A year counted only part way says to when: its bar is not a whole year.
            let year = match f.whole_period() {
                true => y.to_string(),
                false => t.words.year_to(*y, &t.date(f.as_of)),
            };
            vec![
                year,
                t.int(f.admitted),
                tg.map_or("-".into(), |tg| t.target(tg)),
                tg.map_or("-".into(), |tg| t.pct(tg.achievement_pct)),
            ]
        })
        .collect();
    let table = DataTable {
        caption: title.clone(),
        headers: t.l().years_headers.map(String::from).to_vec(),
        rows,
        numeric: vec![false, true, true, true],
    };
    Some(Values { slug, title, desc, table, plot: Plot::Years(Years { slots, bars, legend }) })
}
