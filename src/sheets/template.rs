//! The data workbook of a starter bulletin: a sheet of units, a sheet of reports and a
//! guide, with headers in the language asked for, a note on each header, number and
//! date formats on the columns, data validation where spreadsheets support it (unit ids
//! from the units sheet, periods, whole numbers from 0) and example rows.

use super::columns::{Kind, Slot, known};
use super::out::{Formats, excel_date, workbook};
use crate::catalog::{self, Column, SheetLabels, Starter};
use crate::load::limits::MAX_COUNT;
use crate::model::{BUILTIN_CATEGORIES, Language};
use chrono::NaiveDate;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, Format, Formula, Note, Worksheet, XlsxError,
};

/// The last row (from 0) that the columns' formats and validation reach.
const LAST_ROW: u32 = 5000;

/// What a column holds, for its format and validation.
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    Text,
    /// A unit id from the units sheet.
    UnitId,
    Period,
    Count,
    Date,
    /// A sort key: any whole number.
    Order,
    /// A percentage written as a number (3 for 3%).
    Rate,
}

struct TemplateColumn {
    header: String,
    field: String,
    required: bool,
    note: String,
    shape: Shape,
}

fn column(c: &Column, field: &str, required: bool, shape: Shape) -> TemplateColumn {
    TemplateColumn {
        header: c.header.replace("{n}", "1"),
        field: field.into(),
        required,
        note: c.note.into(),
        shape,
    }
}

fn unit_columns(s: &SheetLabels) -> Vec<TemplateColumn> {
    let u = &s.units;
    vec![
        column(&u.id, "id", true, Shape::Text),
        column(&u.name, "name", true, Shape::Text),
        column(&u.kind, "kind", false, Shape::Text),
        column(&u.parent, "parent", false, Shape::UnitId),
        column(&u.order, "order", false, Shape::Order),
    ]
}

/// The report columns the model reads, in the order a form lists them.
fn report_columns(s: &SheetLabels, language: Language) -> Vec<TemplateColumn> {
    let r = &s.reports;
    let l = catalog::labels(language);
    let mut columns = vec![
        column(&r.unit, "unit", true, Shape::UnitId),
        column(&r.unit_name, "unit_name", false, Shape::Text),
        column(&r.period, "period", true, Shape::Period),
        column(&r.period_from, "period_from", false, Shape::Date),
        column(&r.period_to, "period_to", false, Shape::Date),
        column(&r.as_of, "as_of", false, Shape::Date),
        column(&r.admitted, "admitted", true, Shape::Count),
        column(&r.target_value, "target1_value", false, Shape::Count),
        column(&r.target_max, "target1_max", false, Shape::Count),
        column(&r.target_rate_pct, "target1_rate_pct", false, Shape::Rate),
        column(&r.target_max_rate_pct, "target1_max_rate_pct", false, Shape::Rate),
        column(&r.target_by, "target1_by", false, Shape::Text),
        column(&r.target_document, "target1_document", false, Shape::Text),
        column(&r.target_deadline, "target1_deadline", false, Shape::Date),
        column(&r.members, "members", false, Shape::Count),
        column(&r.members_at_start, "members_at_start", false, Shape::Count),
        column(&r.organizations, "organizations", false, Shape::Count),
    ];
    for (key, label) in BUILTIN_CATEGORIES {
        let header = label(&l.categories).to_string();
        let note = s.composition_note.to_string();
        columns.push(TemplateColumn {
            header,
            field: key.into(),
            required: false,
            note,
            shape: Shape::Count,
        });
    }
    for (header, field) in [
        (l.awareness_classes, "awareness_classes"),
        (l.awareness_trainees, "awareness_trainees"),
        (l.new_member_classes, "new_member_classes"),
        (l.new_member_trainees, "new_member_trainees"),
    ] {
        let note = s.training_note.to_string();
        columns.push(TemplateColumn {
            header: header.into(),
            field: field.into(),
            required: false,
            note,
            shape: Shape::Count,
        });
    }
    columns.extend([
        column(&r.confirmed, "confirmed", false, Shape::Count),
        column(&r.source, "source", false, Shape::Text),
        column(&r.note, "note", false, Shape::Text),
    ]);
    // Only columns of fields the model reads: the template never holds a column that
    // `bantin check` would refuse.
    let table = super::columns::table(Kind::Reports);
    columns.retain(|c| {
        table.slot(&c.field).is_some_and(|slot| slot == Slot::Ignored || known(Kind::Reports, &slot))
    });
    columns
}

/// One example value of a cell.
enum Example {
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

/// The example rows of the units sheet: a province and two districts under it.
fn example_units(starter: &Starter) -> Vec<Vec<(&'static str, Example)>> {
    let [province, east, west] = &starter.units;
    let unit = |[id, name, kind]: &[&str; 3], parent: Option<&str>, order: f64| {
        let mut row = vec![
            ("id", Example::Text(id.to_string())),
            ("name", Example::Text(name.to_string())),
            ("kind", Example::Text(kind.to_string())),
            ("order", Example::Number(order)),
        ];
        row.extend(parent.map(|p| ("parent", Example::Text(p.to_string()))));
        row
    };
    vec![unit(province, None, 1.0), unit(east, Some(province[0]), 1.0), unit(west, Some(province[0]), 2.0)]
}

/// The example reports: each district's year 2023 and its first half of 2024.
fn example_reports(starter: &Starter) -> Vec<Vec<(&'static str, Example)>> {
    let [_, east, west] = &starter.units;
    let n = Example::Number;
    let t = |s: &str| Example::Text(s.to_string());
    let mut rows = Vec::new();
    for (unit, by, year, as_of, admitted, target, members, organizations, women, youth) in [
        (east, starter.target_by[0], 2023, None, 118.0, 110.0, 4153.0, 38.0, 52.0, 66.0),
        (west, starter.target_by[1], 2023, None, 96.0, 100.0, 3611.0, 31.0, 41.0, 50.0),
        (east, starter.target_by[0], 2024, Some(day(2024, 6, 30)), 57.0, 120.0, 4210.0, 38.0, 25.0, 31.0),
        (west, starter.target_by[1], 2024, Some(day(2024, 6, 30)), 43.0, 100.0, 3650.0, 31.0, 19.0, 22.0),
    ] {
        let mut row = vec![
            ("unit", t(unit[0])),
            ("unit_name", t(unit[1])),
            ("period", n(f64::from(year))),
            ("admitted", n(admitted)),
            ("target1_value", n(target)),
            ("target1_by", t(by)),
            ("target1_document", t(starter.target_document)),
            ("members", n(members)),
            ("organizations", n(organizations)),
            ("women", n(women)),
            ("youth", n(youth)),
        ];
        row.extend(as_of.map(|d| ("as_of", Example::Date(d))));
        if year == 2024 && unit[0] == east[0] {
            row.extend([
                ("awareness_classes", n(6.0)),
                ("awareness_trainees", n(410.0)),
                ("source", t(starter.article_slug)),
                ("note", t(starter.report_note)),
            ]);
        }
        rows.push(row);
    }
    rows
}

/// The data workbook of a starter bulletin, worded in `language`.
pub fn data_workbook(language: Language) -> Result<Vec<u8>, XlsxError> {
    let (s, starter) = (catalog::sheets(language), catalog::starter(language));
    let f = Formats::new();
    let mut book = workbook(s.guide_title, s.guide_intro[0], day(2024, 1, 1));
    let units = unit_columns(s);
    let reports = report_columns(s, language);
    let ids = format!("='{}'!$A$2:$A${}", s.units_sheet, LAST_ROW + 1);

    let sheet = book.add_worksheet().set_name(s.units_sheet)?;
    fill(sheet, &units, &example_units(starter), &ids, &f)?;
    let sheet = book.add_worksheet().set_name(s.reports_sheet)?;
    fill(sheet, &reports, &example_reports(starter), &ids, &f)?;
    guide(
        book.add_worksheet().set_name(s.guide_sheet)?,
        s,
        &[(s.units_sheet, &units), (s.reports_sheet, &reports)],
        &f,
    )?;
    book.worksheet_from_index(1)?.set_active(true);
    book.save_to_buffer()
}

/// A sheet's header row with a note on each header, its columns' formats and
/// validation, and the example rows.
fn fill(
    sheet: &mut Worksheet,
    columns: &[TemplateColumn],
    examples: &[Vec<(&'static str, Example)>],
    ids: &str,
    f: &Formats,
) -> Result<(), XlsxError> {
    let count_format = Format::new().set_num_format("0");
    let rate_format = Format::new().set_num_format("0.0##");
    let text_format = Format::new().set_num_format("@");
    let required_header = f.header.clone().set_background_color("#FFF2CC");
    for (i, c) in columns.iter().enumerate() {
        let col = super::index_u16(i);
        let header_format = if c.required { &required_header } else { &f.header };
        sheet.write_string_with_format(0, col, &c.header, header_format)?;
        sheet.insert_note(
            0,
            col,
            &Note::new(&c.note).add_author_prefix(false).set_width(320).set_height(90),
        )?;
        let longest = examples
            .iter()
            .flat_map(|row| row.iter().filter(|(f, _)| *f == c.field))
            .map(|(_, v)| match v {
                Example::Text(t) => t.chars().count(),
                _ => 10,
            })
            .max()
            .unwrap_or(0);
        let width = c.header.chars().count().max(longest).clamp(10, 32) as f64 + 2.0;
        sheet.set_column_width(col, width)?;
        let validation = match c.shape {
            Shape::Text => {
                sheet.set_column_format(col, &text_format)?;
                None
            }
            Shape::UnitId => {
                sheet.set_column_format(col, &text_format)?;
                Some(DataValidation::new().allow_list_formula(Formula::new(ids)))
            }
            Shape::Period => {
                // A year, a term `2020-2025`, or any label beside a period's own first day.
                let letters = |c: usize| crate::problem::CellRef::column_letters(super::index_u32(c + 1));
                let p = format!("{}2", letters(i));
                let from =
                    columns.iter().position(|c| c.field == "period_from").map(|c| format!("{}2", letters(c)));
                let named = from.map(|from| format!(",AND(LEN({p})>0,{from}<>\"\")")).unwrap_or_default();
                let rule = format!(
                    "=OR(AND(ISNUMBER({p}),{p}>=1930,{p}<=2200),AND(LEN({p})=9,MID({p},5,1)=\"-\"){named})"
                );
                Some(DataValidation::new().allow_custom(Formula::new(rule)))
            }
            Shape::Count => {
                sheet.set_column_format(col, &count_format)?;
                let max = i32::try_from(MAX_COUNT).unwrap_or(i32::MAX);
                Some(DataValidation::new().allow_whole_number(DataValidationRule::Between(0, max)))
            }
            Shape::Order => {
                sheet.set_column_format(col, &count_format)?;
                let max = i32::try_from(MAX_COUNT).unwrap_or(i32::MAX);
                Some(DataValidation::new().allow_whole_number(DataValidationRule::Between(-max, max)))
            }
            Shape::Rate => {
                sheet.set_column_format(col, &rate_format)?;
                Some(DataValidation::new().allow_decimal_number(DataValidationRule::Between(0.0, 100.0)))
            }
            Shape::Date => {
                sheet.set_column_format(col, &f.date)?;
                let (first, last) = (excel_date(day(1930, 1, 1)), excel_date(day(2200, 12, 31)));
                match (first, last) {
                    (Some(first), Some(last)) => {
                        Some(DataValidation::new().allow_date(DataValidationRule::Between(first, last)))
                    }
                    _ => None,
                }
            }
        };
        if let Some(v) = validation {
            // A warning, not a refusal: `bantin check` has the last word, with its reason.
            // Excel's limits: a title of 32 characters, a message of 255.
            let clip = |text: &str, max: usize| text.chars().take(max).collect::<String>();
            let v = v
                .set_error_style(DataValidationErrorStyle::Warning)
                .set_error_title(clip(&c.header, 32))?
                .set_error_message(clip(&c.note, 255))?;
            sheet.add_data_validation(1, col, LAST_ROW, col, &v)?;
        }
    }
    for (r, example) in examples.iter().enumerate() {
        let row = super::index_u32(r + 1);
        for (field, value) in example {
            let Some(col) = columns.iter().position(|c| c.field == *field) else { continue };
            let col = super::index_u16(col);
            match value {
                Example::Text(t) => {
                    sheet.write_string_with_format(row, col, t, &text_format)?;
                }
                Example::Number(n) => {
                    sheet.write_number_with_format(row, col, *n, &count_format)?;
                }
                Example::Date(d) => {
                    if let Some(date) = excel_date(*d) {
                        sheet.write_datetime_with_format(row, col, &date, &f.date)?;
                    }
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 1)?;
    printed_on_a4(sheet);
    Ok(())
}

/// Printed, a sheet fits the width of a landscape A4 page, its header on every page.
fn printed_on_a4(sheet: &mut Worksheet) {
    sheet.set_landscape().set_paper_size(9).set_print_fit_to_pages(1, 0);
}

/// The guide: what the workbook is for, then each sheet's columns, their field names,
/// whether each is required, and what each holds.
fn guide(
    sheet: &mut Worksheet,
    s: &SheetLabels,
    sheets: &[(&str, &Vec<TemplateColumn>)],
    f: &Formats,
) -> Result<(), XlsxError> {
    let title = Format::new().set_bold().set_font_size(14);
    let wrap = Format::new().set_text_wrap().set_align(rust_xlsxwriter::FormatAlign::Top);
    sheet.write_string_with_format(0, 0, s.guide_title, &title)?;
    let mut row = 2;
    for paragraph in s.guide_intro {
        sheet.merge_range(row, 0, row, 3, paragraph, &wrap)?;
        sheet.set_row_height(row, 45)?;
        row += 1;
    }
    for (name, columns) in sheets {
        row += 1;
        sheet.write_string_with_format(row, 0, *name, &title)?;
        row += 1;
        for (c, h) in s.guide_headers.iter().enumerate() {
            sheet.write_string_with_format(row, super::index_u16(c), *h, &f.header)?;
        }
        row += 1;
        for column in columns.iter() {
            sheet.write_string_with_format(row, 0, &column.header, &wrap)?;
            sheet.write_string_with_format(row, 1, &column.field, &wrap)?;
            sheet.write_string_with_format(
                row,
                2,
                if column.required { s.required } else { s.optional },
                &wrap,
            )?;
            sheet.write_string_with_format(row, 3, &column.note, &wrap)?;
            // Spreadsheets do not size rows to wrapped text they did not lay out.
            let lines = column.note.chars().count().div_ceil(75).max(1);
            sheet.set_row_height(row, 15.0 * lines as f64)?;
            row += 1;
        }
    }
    for (col, width) in [(0, 30.0), (1, 22.0), (2, 14.0), (3, 70.0)] {
        sheet.set_column_width(col, width)?;
    }
    printed_on_a4(sheet);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_reads_back_without_a_problem() {
        for language in [Language::Vi, Language::En] {
            let bytes = data_workbook(language).unwrap();
            let read = crate::sheets::read_workbook(crate::sheets::grid::Format::Xlsx, bytes);
            assert!(read.problems.is_empty(), "{language:?}: {:?}", read.problems);
            assert_eq!((read.units.len(), read.reports.len()), (3, 4));
            let east = &read.reports[2];
            assert_eq!(east.as_of.map(|d| d.to_string()).as_deref(), Some("2024-06-30"));
            assert_eq!(east.targets[0].value, Some(120));
            assert_eq!(east.composition.get("women"), Some(&25));
        }
    }

    #[test]
    fn the_template_is_the_same_bytes_each_time() {
        assert_eq!(data_workbook(Language::Vi).unwrap(), data_workbook(Language::Vi).unwrap());
    }
}
