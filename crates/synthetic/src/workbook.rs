//! The reports of a synthetic set as one workbook, as a provincial board that keeps its
//! figures in Excel would send them: a sheet of reports, one row each, headed by the
//! field names.

use super::figures::{Period, Report};
use super::tree::Tree;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// Rows per sheet: a sheet holds at most 1,048,576 rows.
const ROWS_PER_SHEET: usize = 1_000_000;

fn date(d: chrono::NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    // Out-of-range parts make an invalid date, which the workbook writer refuses.
    let year = u16::try_from(d.year()).unwrap_or(0);
    let (month, day) = (u8::try_from(d.month()).unwrap_or(0), u8::try_from(d.day()).unwrap_or(0));
    ExcelDateTime::from_ymd(year, month, day)
}

/// Every report in sheets of [`ROWS_PER_SHEET`] rows; the bytes of an `.xlsx` file.
pub fn reports(tree: &Tree, reports: &[&Report]) -> Result<Vec<u8>, XlsxError> {
    let targets =
        reports.iter().map(|r| r.targets.len() + usize::from(r.rate_target.is_some())).max().unwrap_or(0);
    let mut categories: Vec<&str> = Vec::new();
    for r in reports {
        for (k, _) in &r.composition {
            if !categories.contains(k) {
                categories.push(k);
            }
        }
    }
    let mut headers: Vec<String> =
        ["unit", "period", "period_from", "period_to", "as_of", "admitted"].map(String::from).to_vec();
    for n in 1..=targets {
        for f in ["value", "max", "rate_pct", "max_rate_pct", "by", "document", "deadline"] {
            headers.push(format!("target{n}_{f}"));
        }
    }
    headers.extend(["members", "members_at_start", "organizations"].map(String::from));
    headers.extend(categories.iter().map(|c| c.to_string()));
    headers.extend(
        [
            "awareness_classes",
            "awareness_trainees",
            "new_member_classes",
            "new_member_trainees",
            "confirmed",
            "source",
            "note",
        ]
        .map(String::from),
    );
    let col = |name: &str| {
        let at = headers.iter().position(|h| h == name).expect("a known column");
        u16::try_from(at).expect("a column within a sheet")
    };
    let day = Format::new().set_num_format("dd/mm/yyyy");

    let mut book = Workbook::new();
    let created = date(chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("a valid date"))?;
    book.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    for (s, chunk) in reports.chunks(ROWS_PER_SHEET).enumerate() {
        let sheet = book.add_worksheet().set_name(format!("Báo cáo {}", s + 1))?;
        for (c, h) in headers.iter().enumerate() {
            sheet.write_string(0, u16::try_from(c).unwrap_or(u16::MAX), h)?;
        }
        for (i, r) in chunk.iter().enumerate() {
            row(sheet, u32::try_from(i + 1).unwrap_or(u32::MAX), tree, r, &col, &day)?;
        }
    }
    book.save_to_buffer()
}

fn row(
    sheet: &mut Worksheet,
    at: u32,
    tree: &Tree,
    r: &Report,
    col: &dyn Fn(&str) -> u16,
    day: &Format,
) -> Result<(), XlsxError> {
    let number = |sheet: &mut Worksheet, name: &str, v: Option<u64>| -> Result<(), XlsxError> {
        if let Some(v) = v {
            sheet.write_number(at, col(name), v as f64)?;
        }
        Ok(())
    };
    let text = |sheet: &mut Worksheet, name: &str, v: Option<&str>| -> Result<(), XlsxError> {
        if let Some(v) = v {
            sheet.write_string(at, col(name), v)?;
        }
        Ok(())
    };
    let when = |sheet: &mut Worksheet, name: &str, v: Option<chrono::NaiveDate>| -> Result<(), XlsxError> {
        if let Some(v) = v {
            sheet.write_datetime_with_format(at, col(name), &date(v)?, day)?;
        }
        Ok(())
    };
    sheet.write_string(at, col("unit"), &tree.units[r.unit].id)?;
    match &r.period {
        Period::Year(y) => {
            sheet.write_number(at, col("period"), f64::from(*y))?;
        }
        Period::Term(..) => {
            sheet.write_string(at, col("period"), r.period.label())?;
        }
        Period::Named { from, to, label } => {
            sheet.write_string(at, col("period"), *label)?;
            when(sheet, "period_from", Some(*from))?;
            when(sheet, "period_to", Some(*to))?;
        }
    }
    when(sheet, "as_of", r.as_of)?;
    number(sheet, "admitted", Some(r.admitted))?;
    for (n, t) in r.targets.iter().enumerate() {
        let n = n + 1;
        number(sheet, &format!("target{n}_value"), Some(t.value))?;
        number(sheet, &format!("target{n}_max"), t.max)?;
        text(sheet, &format!("target{n}_by"), t.by.as_deref())?;
        text(sheet, &format!("target{n}_document"), t.document.as_deref())?;
        when(sheet, &format!("target{n}_deadline"), t.deadline)?;
    }
    if let Some((rate, max)) = r.rate_target {
        let n = r.targets.len() + 1;
        number(sheet, &format!("target{n}_rate_pct"), Some(rate.into()))?;
        number(sheet, &format!("target{n}_max_rate_pct"), Some(max.into()))?;
        text(sheet, &format!("target{n}_document"), Some("Kế hoạch thực hiện Nghị quyết 21-NQ/TW"))?;
    }
    number(sheet, "members", r.members)?;
    number(sheet, "members_at_start", r.members_at_start)?;
    number(sheet, "organizations", r.organizations)?;
    for (k, count) in &r.composition {
        number(sheet, k, Some(*count))?;
    }
    if let Some(t) = &r.training {
        let keys = ["awareness_classes", "awareness_trainees", "new_member_classes", "new_member_trainees"];
        for (key, value) in keys.iter().zip(t) {
            number(sheet, key, *value)?;
        }
    }
    number(sheet, "confirmed", r.confirmed)?;
    text(sheet, "source", r.source.as_deref())?;
    text(sheet, "note", r.note.as_deref())?;
    Ok(())
}
