//! 3. Composition.

use super::*;
use crate::model::Category;
use crate::resolve::routes;

/// Shares of the admitted in each composition category the report gives, as labelled
/// horizontal bars on a 0–100% axis, in the order of `categories`;
/// categories the report gives but `categories` does not name follow, by key.
///
/// `None` when the report gives no category or admitted nobody (no shares).
pub fn composition(
    unit_id: &str,
    unit_name: &str,
    f: &Figures,
    categories: &[Category],
    t: &ChartText,
) -> Option<Chart> {
    chart(values(unit_id, unit_name, f, categories, t)?, t)
}

pub(super) fn values(
    unit_id: &str,
    unit_name: &str,
    f: &Figures,
    categories: &[Category],
    t: &ChartText,
) -> Option<Values> {
    let mut items: Vec<(String, u64, f64)> = Vec::new();
    for c in categories {
        if let Some(s) = f.composition.get(&c.key)
            && let Some(p) = s.share_pct.filter(|p| p.is_finite())
        {
            items.push((c.label.clone(), s.count, p));
        }
    }
    for (key, s) in &f.composition {
        if categories.iter().any(|c| &c.key == key) {
            continue;
        }
        if let Some(p) = s.share_pct.filter(|p| p.is_finite()) {
            items.push((key.clone(), s.count, p));
        }
    }
    if items.is_empty() {
        return None;
    }
    let slug = routes::chart_name("composition", Some(unit_id), Some(&f.period.label));
    let title = t.words.composition_title(unit_name, &t.period(f));
    let hi = items.iter().fold(&items[0], |m, x| if x.2 > m.2 { x } else { m });
    let lo = items.iter().fold(&items[0], |m, x| if x.2 < m.2 { x } else { m });
    let (hi_pct, lo_pct) = (t.pct(hi.2), t.pct(lo.2));
    let desc = if items.len() == 1 {
        t.words.composition_one(f.admitted, &hi.0, &hi_pct, hi.1)
    } else if hi_pct == lo_pct {
        // "highest X, lowest X" would name one group twice.
        t.words.composition_alike(f.admitted, &hi_pct)
    } else {
        t.words.composition_many(f.admitted, (&hi.0, &hi_pct), (&lo.0, &lo_pct))
    };
    let bars = items
        .iter()
        .map(|(label, count, p)| HBar {
            label: label.clone(),
            value: *p,
            text: format!("{} ({})", t.pct(*p), t.int(*count)),
            color: BLUE,
            hatch: false,
            attrs: format!("data-count=\"{count}\""),
        })
        .collect();
    let spec = HBars {
        bars,
        scale: Scale::Percent { at_least: 100.0, exactly: true },
        reference: None,
        legend: Vec::new(),
        axis_title: t.words.composition_axis(f.admitted),
        label_cap: 240.0,
    };
    let table = DataTable {
        caption: title.clone(),
        headers: t.l().composition_headers.map(String::from).to_vec(),
        rows: items.iter().map(|(label, count, p)| vec![label.clone(), t.int(*count), t.pct(*p)]).collect(),
        numeric: vec![false, true, true],
    };
    Some(Values { slug, title, desc, table, plot: Plot::Bars(spec) })
}
