//! The machine-readable data files of SPEC §8: `data/indicators.json` and `.csv`.

use crate::compute::indicators::{Figures, Focus, Indicators};
use crate::model::Content;
use crate::resolve::Bulletin;
use serde::Serialize;
use serde_json::{Value, json};
use std::io::{self, Write};
use std::sync::Arc;

/// Writes `indicators.json` to `out`: one report per line, so the file reads and diffs
/// well. Written as it is made: a national set's file is a hundred megabytes.
pub fn json(content: &Content, ind: &Indicators, focus: &Focus, out: &mut dyn Write) -> io::Result<()> {
    let site = json!({ "title": content.site.title, "as_of": focus.as_of });
    let mut units: Vec<&crate::model::Unit> = content.units.iter().map(Arc::as_ref).collect();
    units.sort_by(|a, b| a.id.cmp(&b.id));
    let units: Vec<Value> = units
        .iter()
        .map(|u| json!({ "id": u.id, "name": u.name, "kind": u.kind, "parent": u.parent }))
        .collect();
    write!(out, "{{\"site\":{site},\n\"units\":[")?;
    write_lines(out, units.iter())?;
    out.write_all(b"],\n\"reports\":[")?;
    write_lines(out, ind.reports.iter().map(|f| report_json(f)))?;
    out.write_all(b"]}\n")
}

fn write_lines<T: Serialize>(out: &mut dyn Write, items: impl Iterator<Item = T>) -> io::Result<()> {
    for (i, item) in items.enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, &item)?;
    }
    out.write_all(b"\n")
}

/// One report as a line of `indicators.json`, its keys in the order of SPEC §8.
#[derive(Serialize)]
struct ReportLine<'a> {
    unit: &'a str,
    period: &'a str,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    as_of: chrono::NaiveDate,
    latest: bool,
    derived: bool,
    summed: Option<crate::compute::indicators::Summed>,
    admitted: u64,
    targets: &'a [crate::compute::indicators::TargetFigures],
    #[serde(serialize_with = "as_object")]
    composition: &'a litemap::LiteMap<String, crate::compute::indicators::Share>,
    members: Option<u64>,
    members_at_start: Option<u64>,
    admission_rate_pct: Option<f64>,
    organizations: Option<u64>,
    training: &'a crate::model::Training,
    conversion_pct: Option<f64>,
    confirmed: Option<u64>,
    change: &'a Option<crate::compute::indicators::Change>,
    rank: &'a Option<crate::compute::indicators::Rank>,
    source: &'a Option<String>,
    note: &'a Option<String>,
}

/// One report as the JSON value of its line in `indicators.json`.
pub fn report_value(f: &Figures) -> Value {
    serde_json::to_value(report_json(f)).unwrap_or(Value::Null)
}

/// A composition as the JSON object SPEC §8 shows, even when empty (the map writes an
/// empty one as a list).
fn as_object<S: serde::Serializer>(
    map: &&litemap::LiteMap<String, crate::compute::indicators::Share>,
    out: S,
) -> Result<S::Ok, S::Error> {
    out.collect_map(map.iter())
}

/// One report as it is serialized in its line of `indicators.json`.
pub fn report_line(f: &Figures) -> impl Serialize + '_ {
    report_json(f)
}

fn report_json(f: &Figures) -> ReportLine<'_> {
    ReportLine {
        unit: &f.unit,
        period: &f.period.label,
        from: f.period.from,
        to: f.period.to,
        as_of: f.as_of,
        latest: f.latest,
        derived: f.derived,
        summed: f.summed,
        admitted: f.admitted,
        targets: &f.targets,
        composition: &f.composition,
        members: f.members,
        members_at_start: f.members_at_start,
        admission_rate_pct: f.admission_rate_pct,
        organizations: f.organizations,
        training: &f.training,
        conversion_pct: f.conversion_pct,
        confirmed: f.confirmed,
        change: &f.change,
        rank: &f.rank,
        source: &f.source,
        note: &f.note,
    }
}

/// The columns of each target in `indicators.csv`, after `target1_`, `target2_`, …:
/// its scalar fields in `indicators.json`, then its pace's.
const TARGET_FIELDS: [&str; 17] = [
    "value",
    "max",
    "rate_pct",
    "max_rate_pct",
    "by",
    "document",
    "deadline",
    "achievement_pct",
    "status",
    "pace_status",
    "elapsed_days",
    "total_days",
    "elapsed_pct",
    "expected",
    "pace_pct",
    "projected",
    "required_per_month",
];

/// `indicators.csv`: UTF-8 with a byte-order mark (so spreadsheet programs show the
/// diacritics), a header row, one row per report; targets and composition flattened.
pub fn csv(bulletin: &Bulletin, ind: &Indicators, out: &mut dyn Write) -> io::Result<()> {
    let targets = ind.reports.iter().map(|f| f.targets.len()).max().unwrap_or(0);
    let used: std::collections::HashSet<&str> =
        ind.reports.iter().flat_map(|f| f.composition.keys().map(String::as_str)).collect();
    let categories: Vec<&str> =
        bulletin.categories.iter().map(|c| c.key.as_str()).filter(|k| used.contains(k)).collect();

    let mut header: Vec<String> = [
        "unit",
        "unit_name",
        "period",
        "from",
        "to",
        "as_of",
        "latest",
        "derived",
        "summed_units",
        "summed_of",
        "admitted",
    ]
    .map(String::from)
    .to_vec();
    for n in 1..=targets {
        for field in TARGET_FIELDS {
            header.push(format!("target{n}_{field}"));
        }
    }
    for key in &categories {
        header.push(format!("count_{key}"));
        header.push(format!("share_{key}_pct"));
    }
    header.extend(
        [
            "members",
            "members_at_start",
            "admission_rate_pct",
            "organizations",
            "awareness_classes",
            "awareness_trainees",
            "new_member_classes",
            "new_member_trainees",
            "conversion_pct",
            "confirmed",
            "change_previous",
            "change_previous_as_of",
            "change_delta",
            "change_pct",
            "rank_by_admitted",
            "rank_by_achievement",
            "rank_of",
            "rank_of_achievement",
            "source",
            "note",
        ]
        .map(String::from),
    );

    let mut row = String::from("\u{feff}");
    push_row(&mut row, &header.into_iter().map(Cell::Text).collect::<Vec<_>>());
    out.write_all(row.as_bytes())?;
    for f in &ind.reports {
        row.clear();
        let name = bulletin.names.get(f.unit.as_str()).copied().unwrap_or("");
        push_row(&mut row, &csv_row(f, name, targets, &categories));
        out.write_all(row.as_bytes())?;
    }
    Ok(())
}

/// One CSV cell. Text comes from content and is written so that a spreadsheet cannot
/// take it for a formula; a figure is a number, date or word that bantin wrote.
#[derive(Clone)]
pub enum Cell {
    Text(String),
    Figure(String),
}

fn text(text: &str) -> Cell {
    Cell::Text(text.to_string())
}

fn opt_text(text: Option<&str>) -> Cell {
    Cell::Text(text.unwrap_or_default().to_string())
}

fn figure(v: &impl ToString) -> Cell {
    Cell::Figure(v.to_string())
}

fn opt<T: ToString>(v: Option<T>) -> Cell {
    Cell::Figure(v.map(|v| v.to_string()).unwrap_or_default())
}

fn csv_row(f: &Figures, name: &str, targets: usize, categories: &[&str]) -> Vec<Cell> {
    let mut row = vec![
        text(&f.unit),
        text(name),
        text(&f.period.label),
        figure(&f.period.from),
        figure(&f.period.to),
        figure(&f.as_of),
        figure(&f.latest),
        figure(&f.derived),
        opt(f.summed.map(|s| s.units)),
        opt(f.summed.map(|s| s.of)),
        figure(&f.admitted),
    ];
    for n in 0..targets {
        match f.targets.get(n) {
            Some(t) => {
                let word = |v: serde_json::Value| v.as_str().map(String::from);
                let status = serde_json::to_value(t.status).ok().and_then(word);
                let pace_status = t.pace_status.and_then(|p| serde_json::to_value(p).ok().and_then(word));
                row.extend([
                    figure(&t.value),
                    opt(t.max),
                    opt(t.rate_pct),
                    opt(t.max_rate_pct),
                    opt_text(t.by.as_deref()),
                    opt_text(t.document.as_deref()),
                    figure(&t.deadline),
                    figure(&t.achievement_pct),
                    opt(status),
                    opt(pace_status),
                    opt(t.pace.map(|p| p.elapsed_days)),
                    opt(t.pace.map(|p| p.total_days)),
                    opt(t.pace.map(|p| p.elapsed_pct)),
                    opt(t.pace.map(|p| p.expected)),
                    opt(t.pace.map(|p| p.pace_pct)),
                    opt(t.pace.map(|p| p.projected)),
                    opt(t.pace.map(|p| p.required_per_month)),
                ]);
            }
            None => row.extend(std::iter::repeat_n(figure(&""), TARGET_FIELDS.len())),
        }
    }
    for &key in categories {
        let share = f.composition.get(key);
        row.push(opt(share.map(|s| s.count)));
        row.push(opt(share.and_then(|s| s.share_pct)));
    }
    let t = &f.training;
    row.extend([
        opt(f.members),
        opt(f.members_at_start),
        opt(f.admission_rate_pct),
        opt(f.organizations),
        opt(t.awareness_classes),
        opt(t.awareness_trainees),
        opt(t.new_member_classes),
        opt(t.new_member_trainees),
        opt(f.conversion_pct),
        opt(f.confirmed),
        opt_text(f.change.as_ref().map(|c| c.previous.as_str())),
        opt(f.change.as_ref().map(|c| c.previous_as_of)),
        opt(f.change.as_ref().map(|c| c.delta)),
        opt(f.change.as_ref().and_then(|c| c.pct)),
        opt(f.rank.map(|r| r.by_admitted)),
        opt(f.rank.and_then(|r| r.by_achievement)),
        opt(f.rank.map(|r| r.of)),
        opt(f.rank.map(|r| r.of_achievement)),
        opt_text(f.source.as_deref()),
        opt_text(f.note.as_deref()),
    ]);
    row
}

/// Text a spreadsheet would read as a formula (OWASP's list of first characters) gets a
/// leading `'`, which spreadsheets take to mean "text" and do not show.
fn neutralised(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}").into() } else { text.into() }
}

/// One CSV line (RFC 4180): fields with a comma, quote or line break are quoted.
pub fn push_row(out: &mut String, cells: &[Cell]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let field = match cell {
            Cell::Text(text) => neutralised(text),
            Cell::Figure(figure) => figure.into(),
        };
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[Cell]) -> String {
        let mut out = String::new();
        push_row(&mut out, cells);
        out
    }

    #[test]
    fn csv_quotes_only_what_needs_it() {
        assert_eq!(row(&[text("a"), text("b, c"), text("say \"hi\"")]), "a,\"b, c\",\"say \"\"hi\"\"\"\r\n");
    }

    #[test]
    fn text_that_a_spreadsheet_would_run_is_neutralised() {
        let cells = vec![
            text("=HYPERLINK(\"http://x\",\"y\")"),
            text("@SUM(1)"),
            text("+1"),
            text("-2+3"),
            text("\t=1"),
            text("\r=1"),
            text("Đảng bộ = 1"),
        ];
        assert_eq!(
            row(&cells),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'@SUM(1),'+1,'-2+3,'\t=1,\"'\r=1\",Đảng bộ = 1\r\n"
        );
    }

    #[test]
    fn figures_keep_their_sign() {
        assert_eq!(row(&[figure(&-12), figure(&-5.5), opt(Some(-1)), opt::<i64>(None)]), "-12,-5.5,-1,\r\n");
    }
}
