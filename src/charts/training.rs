//! 5. Training and admission.

use super::*;
use crate::catalog::TrainingFacts;
use crate::resolve::routes;

/// Training against admission for one report: horizontal bars of the people trained
/// in awareness of the Party, those admitted (with the conversion percentage), and the
/// new members trained, each labelled with the count (and classes).
///
/// `None` when the report gives neither awareness nor new-member trainees.
pub fn training(unit_id: &str, unit_name: &str, f: &Figures, t: &ChartText) -> Option<Chart> {
    chart(values(unit_id, unit_name, f, t)?, t)
}

pub(super) fn values(unit_id: &str, unit_name: &str, f: &Figures, t: &ChartText) -> Option<Values> {
    let tr = &f.training;
    if tr.awareness_trainees.is_none() && tr.new_member_trainees.is_none() {
        return None;
    }
    let classes = |n: Option<u64>| -> String {
        match n {
            Some(n) => format!(" ({})", t.words.classes(n)),
            None => String::new(),
        }
    };
    let conversion = f.conversion_pct.filter(|p| p.is_finite());
    // (key, label, people, classes, colour)
    let mut rows: Vec<(&str, &str, u64, Option<u64>, RGBColor)> = Vec::new();
    if let Some(n) = tr.awareness_trainees {
        rows.push(("awareness_trainees", t.l().trained_awareness, n, tr.awareness_classes, GREEN));
    }
    rows.push(("admitted", t.l().admitted_to_party, f.admitted, None, BLUE));
    if let Some(n) = tr.new_member_trainees {
        rows.push(("new_member_trainees", t.l().new_members_trained, n, tr.new_member_classes, GREEN));
    }

    let slug = routes::chart_name("training", Some(unit_id), Some(&f.period.label));
    let period = t.period(f);
    let title = t.words.training_title(unit_name, &period);
    let conversion_text = conversion.map(|c| t.pct(c));
    let desc = t.words.training_desc(&TrainingFacts {
        unit: unit_name,
        period: &period,
        awareness: tr.awareness_trainees,
        admitted: f.admitted,
        conversion: conversion_text.as_deref(),
        new_members: tr.new_member_trainees,
    });

    let bars = rows
        .iter()
        .map(|&(key, label, n, cl, color)| {
            let text = if key == "admitted" {
                match conversion {
                    Some(c) => format!("{} ({})", t.int(n), t.pct(c)),
                    None => t.int(n),
                }
            } else {
                format!("{}{}", t.int(n), classes(cl))
            };
            HBar {
                label: label.to_string(),
                value: n as f64,
                text,
                color,
                hatch: false,
                attrs: format!("data-key=\"{key}\" data-count=\"{n}\""),
            }
        })
        .collect();
    let axis_title = if conversion.is_some() { t.l().people_axis_conversion } else { t.l().people_axis };
    let spec = HBars {
        bars,
        scale: Scale::Count,
        reference: None,
        legend: Vec::new(),
        axis_title: axis_title.into(),
        label_cap: 200.0,
    };

    let mut table_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|&(_, label, n, cl, _)| vec![label.to_string(), t.int(n), cl.map_or("-".into(), |c| t.int(c))])
        .collect();
    if let Some(c) = conversion {
        table_rows.push(vec![t.l().conversion_row.to_string(), t.pct(c), "-".into()]);
    }
    let table = DataTable {
        caption: title.clone(),
        headers: t.l().training_headers.map(String::from).to_vec(),
        rows: table_rows,
        numeric: vec![false, true, true],
    };
    Some(Values { slug, title, desc, table, plot: Plot::Bars(spec) })
}
