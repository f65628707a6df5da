//! Workbooks bantin writes: `data/indicators.xlsx` and each chart's table (with its CSV
//! twin). Numbers are numbers with a number format, percentages fractions with a
//! percentage format, dates dates: a spreadsheet shows them in its reader's locale,
//! whatever that is. The same input gives the same bytes: nothing in them comes from
//! the clock (the data template's creation date is fixed).

use super::{flat, xlsx};
use crate::catalog::{self, Labels, OutColumns};
use crate::charts::DataTable;
use crate::compute::indicators::{Figures, Indicators};
use crate::locale::Locale;
use crate::model::Category;
use crate::render::datafiles;

use crate::resolve::Bulletin;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook};
use std::collections::HashMap;

/// A workbook whose properties hold nothing that changes from one run to the next.
pub fn workbook(title: &str, comment: &str, created: NaiveDate) -> Workbook {
    let mut book = Workbook::new();
    let year = u16::try_from(created.year().clamp(1900, 9999)).unwrap_or(1900);
    let (month, day) = month_day(created);
    let created = ExcelDateTime::from_ymd(year, month, day)
        .unwrap_or_else(|_| ExcelDateTime::from_ymd(2000, 1, 1).expect("a valid date"));
    let properties =
        DocProperties::new().set_title(title).set_comment(comment).set_creation_datetime(&created);
    book.set_properties(&properties);
    book
}

/// The date a spreadsheet shows as a date.
pub fn excel_date(d: NaiveDate) -> Option<ExcelDateTime> {
    let year = u16::try_from(d.year()).ok().filter(|y| (1900..=9999).contains(y))?;
    let (month, day) = month_day(d);
    ExcelDateTime::from_ymd(year, month, day).ok()
}

/// A date's month and day as a spreadsheet takes them (chrono's are 1–12 and 1–31).
fn month_day(d: NaiveDate) -> (u8, u8) {
    (u8::try_from(d.month()).unwrap_or(1), u8::try_from(d.day()).unwrap_or(1))
}

/// The formats of a workbook template's header and date cells.
pub struct Formats {
    pub header: Format,
    pub date: Format,
}

impl Formats {
    pub fn new() -> Formats {
        Formats {
            header: Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top),
            // The locale's short date (format 14): dd/mm/yyyy on a Vietnamese computer.
            date: Format::new().set_num_format_index(14),
        }
    }
}

/// One cell of a sheet bantin writes.
#[derive(Clone, Debug, PartialEq)]
pub enum Out {
    Empty,
    Integer(i64),
    /// A whole number shown without thousands separators (a year).
    Plain(i64),
    Decimal(f64),
    /// A percentage (109.3), written as the fraction a spreadsheet formats as 109.3%.
    Percent(f64),
    Date(NaiveDate),
    Bool(bool),
    Text(String),
}

impl Out {
    /// The cell as a CSV field, in the machine form of `indicators.csv`.
    fn csv(&self) -> String {
        match self {
            Out::Empty => String::new(),
            Out::Integer(n) | Out::Plain(n) => n.to_string(),
            Out::Decimal(x) | Out::Percent(x) => x.to_string(),
            Out::Date(d) => d.to_string(),
            Out::Bool(b) => b.to_string(),
            Out::Text(t) => t.clone(),
        }
    }
}

/// `data/indicators.xlsx`: a sheet of reports and a sheet of their targets, headed in the
/// site's language, each report with its unit's name and the names of the units above.
///
/// Its columns come from the fields of `indicators.json`, so a figure the JSON gains is
/// a column here too (headed by its field name until the catalog words it). Rows are
/// written as they are made: a national bulletin's is never held whole in memory.
pub fn indicators(bulletin: &Bulletin, ind: &Indicators) -> std::io::Result<Vec<u8>> {
    let content = bulletin.content;
    let language = content.site.language;
    let (l, s) = (catalog::labels(language), catalog::sheets(language));
    let path_of = |id: &str| {
        let mut above = Vec::new();
        let mut at = id;
        while let Some(p) = bulletin.parent(at) {
            if above.len() > content.units.len() {
                break;
            }
            above.push(bulletin.name(p));
            at = p;
        }
        above.reverse();
        above.join(" › ")
    };
    let paths_above: HashMap<&str, String> =
        content.units.iter().map(|u| (u.id.as_str(), path_of(&u.id))).collect();
    let categories = &bulletin.categories;
    let unit_columns = |f: &Figures| {
        vec![
            Out::Text(f.unit.clone()),
            Out::Text(bulletin.names.get(f.unit.as_str()).copied().unwrap_or("").to_string()),
            Out::Text(paths_above.get(f.unit.as_str()).cloned().unwrap_or_default()),
        ]
    };
    let unit_headers = [s.out.unit_id, s.out.unit_name, s.out.unit_path].map(String::from);
    let unit_widths = [20, 40, 50];

    // The columns: every scalar of the JSON lines, nested objects flattened, targets apart.
    let (mut paths, mut target_paths) = (Paths::default(), Paths::default());
    for f in &ind.reports {
        flat::scalars(&datafiles::report_line(f), &mut |path, _| {
            if !["unit", "targets"].contains(&path.first()) {
                paths.add(path);
            }
        });
        for t in &f.targets {
            flat::scalars(t, &mut |path, _| target_paths.add(path));
        }
    }
    let fields: Vec<String> = ind
        .reports
        .first()
        .and_then(|f| datafiles::report_value(f).as_object().map(|o| o.keys().cloned().collect()))
        .unwrap_or_default();
    let fields: Vec<&String> = fields.iter().collect();
    let paths = in_order(&paths.list, &fields, categories);
    let target_paths = in_order(&target_paths.list, &[], &[]);
    let width = |h: &str| h.chars().count().clamp(10, 24) + 2;

    let mut headers: Vec<String> = unit_headers.to_vec();
    headers.extend(paths.iter().map(|p| header(p, l, &s.out, categories)));
    let mut widths: Vec<usize> = unit_widths.to_vec();
    widths.extend(headers[3..].iter().map(|h| width(h)));
    let mut target_headers: Vec<String> = unit_headers.to_vec();
    target_headers.extend([l.period, l.as_of, s.out.latest, s.out.target_number].map(String::from));
    target_headers.extend(target_paths.iter().map(|p| header(p, l, &s.out, categories)));
    let mut target_widths: Vec<usize> = unit_widths.to_vec();
    target_widths.extend(target_headers[3..].iter().map(|h| width(h)));

    let mut book = super::xlsx::Writer::new(usize::from(content.site.percent_decimals), true);
    let columns = column_numbers(&paths);
    let rows = ind.reports.iter().map(|fig| {
        let mut row = unit_columns(fig);
        let first = row.len();
        row.resize(first + paths.len(), Out::Empty);
        flat::scalars(&datafiles::report_line(fig), &mut |path, value| {
            if let Some(c) = columns.get(path.joined()) {
                row[first + c] = cell(path.last(), value, l);
            }
        });
        row
    });
    book.sheet(s.reports_sheet, &headers, &widths, rows)?;
    let target_columns = column_numbers(&target_paths);
    let target_rows = ind.reports.iter().flat_map(|fig| {
        fig.targets.iter().enumerate().map(|(n, t)| {
            let mut row = unit_columns(fig);
            row.extend([
                Out::Text(fig.period.label.clone()),
                Out::Date(fig.as_of),
                Out::Bool(fig.latest),
                Out::Plain(i64::try_from(n + 1).unwrap_or(i64::MAX)),
            ]);
            let first = row.len();
            row.resize(first + target_paths.len(), Out::Empty);
            flat::scalars(t, &mut |path, value| {
                if let Some(c) = target_columns.get(path.joined()) {
                    row[first + c] = cell(path.last(), value, l);
                }
            });
            row
        })
    });
    book.sheet(s.targets_sheet, &target_headers, &target_widths, target_rows)?;
    book.finish(&content.site.title, s.out.source_note)
}

/// The paths of the scalars of values, in first-seen order.
#[derive(Default)]
struct Paths {
    list: Vec<Vec<String>>,
    seen: rustc_hash::FxHashSet<String>,
}

impl Paths {
    fn add(&mut self, path: &flat::Path) {
        if !self.seen.contains(path.joined()) {
            self.seen.insert(path.joined().to_string());
            self.list.push(path.keys().map(String::from).collect());
        }
    }
}

/// Each column's number among `paths`, by its path's keys joined as [`flat::Path::joined`].
fn column_numbers(paths: &[Vec<String>]) -> HashMap<String, usize> {
    let separator = flat::SEPARATOR.to_string();
    paths.iter().enumerate().map(|(c, p)| (p.join(&separator), c)).collect()
}

/// The columns' paths in the order of the fields (`fields`, as `indicators.json` has
/// them) and composition categories in the site's order (`categories`); a path that
/// is absent in some lines and an object in others is a column for each of its fields.
fn in_order(paths: &[Vec<String>], fields: &[&String], categories: &[Category]) -> Vec<Vec<String>> {
    let mut kept: Vec<Vec<String>> = paths
        .iter()
        .filter(|p| !paths.iter().any(|q| q.len() > p.len() && q.starts_with(p)))
        .cloned()
        .collect();
    let position = |list: &[&String], key: &str| list.iter().position(|k| *k == key).unwrap_or(list.len());
    kept.sort_by_key(|p| {
        let top = position(fields, &p[0]);
        let category = match p.as_slice() {
            [c, key, ..] if c == "composition" => {
                categories.iter().position(|c| &c.key == key).unwrap_or(categories.len())
            }
            _ => 0,
        };
        (top, category)
    });
    kept
}

/// A column's header in the site's language; a field the catalog does not word yet is
/// headed by its name.
fn header(path: &[String], l: &Labels, o: &OutColumns, categories: &[Category]) -> String {
    let joined = path.join(".");
    let worded = match joined.as_str() {
        "period" => l.period,
        "from" => o.from,
        "to" => o.to,
        "as_of" => l.as_of,
        "latest" => o.latest,
        "derived" => o.derived,
        "admitted" => l.admitted_long,
        "members" => l.members,
        "admission_rate_pct" => l.admission_rate,
        "organizations" => l.organizations,
        "training.awareness_classes" => l.awareness_classes,
        "training.awareness_trainees" => l.awareness_trainees,
        "training.new_member_classes" => l.new_member_classes,
        "training.new_member_trainees" => l.new_member_trainees,
        "conversion_pct" => l.conversion,
        "confirmed" => l.confirmed,
        "change" => l.change,
        "rank" => l.rank,
        "pace" => l.pace,
        "change.previous" => o.change_previous,
        "change.delta" => o.change_delta,
        "change.pct" => o.change_pct,
        "rank.by_admitted" => l.rank_admitted,
        "rank.by_achievement" => l.rank_achievement,
        "rank.of" => o.rank_of,
        "source" => l.source,
        "note" => l.note,
        "value" => o.value,
        "max" => o.max,
        "by" => l.set_by,
        "document" => o.document,
        "deadline" => l.deadline,
        "achievement_pct" => l.achievement,
        "status" => l.status,
        "pace.elapsed_days" => o.elapsed_days,
        "pace.total_days" => o.total_days,
        "pace.elapsed_pct" => o.elapsed_pct,
        "pace.expected" => l.expected,
        "pace.pace_pct" => l.pace_pct,
        "pace.projected" => l.projected,
        "pace.required_per_month" => l.required_per_month,
        _ => match path {
            [c, key, field] if c == "composition" => {
                let label =
                    categories.iter().find(|c| &c.key == key).map_or(key.as_str(), |c| c.label.as_str());
                let suffix = if field == "count" { o.count_suffix } else { o.share_suffix };
                return format!("{label} {suffix}");
            }
            _ => return path.join("_"),
        },
    };
    worded.to_string()
}

/// A field's value as a cell (`last`: the field's name): percentages as fractions, dates
/// as dates, a status in words.
fn cell(last: &str, value: flat::Scalar<'_>, l: &Labels) -> Out {
    use flat::Scalar;
    // As serde_json reads a number as a float.
    let float = |n: serde_json::Number| n.as_f64().unwrap_or(0.0);
    let percent = last.ends_with("pct");
    match value {
        Scalar::Null => Out::Empty,
        Scalar::Bool(b) => Out::Bool(b),
        Scalar::Int(n) if percent => Out::Percent(float(n.into())),
        Scalar::Int(n) => Out::Integer(n),
        Scalar::Big(n) if percent => Out::Percent(float(n.into())),
        // A whole number past i64 (no count comes near one).
        Scalar::Big(n) => Out::Decimal(float(n.into())),
        Scalar::Float(x) if percent => Out::Percent(x),
        Scalar::Float(x) => Out::Decimal(x),
        Scalar::Text(t) => {
            let date_field = ["from", "to", "as_of", "deadline"].contains(&last) || last.ends_with("as_of");
            match date_field.then(|| crate::model::period::parse_date(t).ok()).flatten() {
                Some(d) => Out::Date(d),
                None if last == "status" => Out::Text(status_word(t, l)),
                None => Out::Text(t.to_string()),
            }
        }
    }
}

fn status_word(status: &str, l: &Labels) -> String {
    match status {
        "exceeded" => l.status_exceeded,
        "achieved" => l.status_achieved,
        "behind" => l.status_behind,
        other => other,
    }
    .to_string()
}

/// A chart's table as cells: each number read back from the text the table shows, in
/// the site's locale, so the download holds the figures the chart shows.
pub fn table_cells(table: &DataTable, locale: Locale) -> Vec<Vec<Out>> {
    table
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(c, text)| match table.numeric.get(c) {
                    Some(true) => shown(text, locale),
                    _ => date_shown(text, locale).unwrap_or_else(|| Out::Text(text.clone())),
                })
                .collect()
        })
        .collect()
}

/// A figure as the pages show it (`23.596`, `109,3%`, `112,2`, a date), read back.
fn shown(text: &str, locale: Locale) -> Out {
    let (thousands, point) = locale.separators();
    let trimmed = text.trim();
    if trimmed.is_empty() || trimmed == "-" || trimmed == "–" {
        return Out::Empty;
    }
    let (digits, percent) = match trimmed.strip_suffix('%') {
        Some(d) => (d, true),
        None => (trimmed, false),
    };
    let grouped = digits.contains(thousands);
    let machine: String =
        digits.chars().filter(|c| *c != thousands).map(|c| if c == point { '.' } else { c }).collect();
    let shaped = !machine.is_empty()
        && machine.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == '+')
        && machine.chars().any(|c| c.is_ascii_digit());
    let whole = if percent || machine.contains('.') { None } else { machine.parse::<i64>().ok() };
    match (whole, machine.parse::<f64>()) {
        (Some(n), _) if shaped && grouped => Out::Integer(n),
        (Some(n), _) if shaped => Out::Plain(n),
        (None, Ok(x)) if shaped && percent => Out::Percent(x),
        (None, Ok(x)) if shaped => Out::Decimal(x),
        _ => date_shown(trimmed, locale).unwrap_or_else(|| Out::Text(text.to_string())),
    }
}

fn date_shown(text: &str, locale: Locale) -> Option<Out> {
    let format = match locale.language {
        crate::model::Language::Vi => "%d/%m/%Y",
        crate::model::Language::En => "%Y-%m-%d",
    };
    NaiveDate::parse_from_str(text.trim(), format).ok().map(Out::Date)
}

/// A chart's table as a workbook of one sheet.
///
/// A build writes one for every chart, and all but the sheet is the same in each: those
/// parts are written once (by [`super::xlsx::table`], for an empty table) and kept
/// compressed, and each table's workbook is a copy of them with its sheet added.
pub fn table_xlsx(table: &DataTable, locale: Locale, decimals: usize) -> std::io::Result<Vec<u8>> {
    let name = catalog::labels(locale.language).chart_data;
    let cells = table_cells(table, locale);
    let mut sheet = Vec::with_capacity(1024);
    write_table_sheet(&mut sheet, &table.headers, &super::xlsx::widths(&table.headers, &cells), &cells);
    let book = TEMPLATES.with(|cache| -> std::io::Result<Vec<u8>> {
        let mut cache = cache.borrow_mut();
        let key = (name, decimals);
        if let Some((_, bytes)) = cache.iter().find(|(k, _)| *k == key) {
            return Ok(bytes.clone());
        }
        let bytes = template(name, decimals)?;
        cache.push((key, bytes.clone()));
        Ok(bytes)
    })?;
    let mut zip = zip::ZipWriter::new_append(std::io::Cursor::new(book)).map_err(std::io::Error::other)?;
    zip.start_file(SHEET, zip_options(zip::CompressionMethod::Stored)).map_err(std::io::Error::other)?;
    std::io::Write::write_all(&mut zip, &sheet)?;
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}

/// The part of a chart table's workbook that holds its sheet.
const SHEET: &str = "xl/worksheets/sheet1.xml";

/// The parts of a chart table's workbook but its sheet, compressed, by sheet name and
/// percentage decimals.
type Templates = Vec<((&'static str, usize), Vec<u8>)>;

thread_local! {
    static TEMPLATES: std::cell::RefCell<Templates> = const { std::cell::RefCell::new(Vec::new()) };
}

fn zip_options(method: zip::CompressionMethod) -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default()
        .compression_method(method)
        .last_modified_time(zip::DateTime::default())
        // The same bytes on every system (the default names the building one).
        .system(zip::System::Unix)
        .large_file(false)
}

/// Every part of the workbook of an empty table named `name`, but its sheet, deflated.
fn template(name: &str, decimals: usize) -> std::io::Result<Vec<u8>> {
    use std::io::{Read, Write};
    let empty = super::xlsx::table(name, &[], &[], decimals)?;
    let mut parts = zip::ZipArchive::new(std::io::Cursor::new(empty)).map_err(std::io::Error::other)?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip_options(zip::CompressionMethod::Deflated).compression_level(Some(9));
    for i in 0..parts.len() {
        let mut part = parts.by_index(i).map_err(std::io::Error::other)?;
        let name = part.name().map_err(std::io::Error::other)?.into_owned();
        if name == SHEET {
            continue;
        }
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes)?;
        out.start_file(name, deflated).map_err(std::io::Error::other)?;
        out.write_all(&bytes)?;
    }
    Ok(out.finish().map_err(std::io::Error::other)?.into_inner())
}

/// A chart table's sheet, as [`super::xlsx`] writes one (styles by their index in its
/// `styles.xml`), text marked to keep its spaces only where it has some to lose.
fn write_table_sheet(out: &mut Vec<u8>, headers: &[String], widths: &[usize], rows: &[Vec<Out>]) {
    use std::io::Write;
    use xlsx::{DATE, DECIMAL, HEADER, INTEGER, PERCENT, PLAIN};
    let letters: Vec<String> = (0..headers.len().max(rows.iter().map(Vec::len).max().unwrap_or(0)))
        .map(|c| crate::problem::CellRef::column_letters(super::index_u32(c + 1)))
        .collect();
    let text = |out: &mut Vec<u8>, t: &str| {
        let t = xlsx::escaped(t);
        let keep = t.starts_with(char::is_whitespace) || t.ends_with(char::is_whitespace) || t.contains("  ");
        let space = if keep { " xml:space=\"preserve\"" } else { "" };
        let _ = write!(out, " t=\"inlineStr\"><is><t{space}>{t}</t></is></c>");
    };
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
    );
    if !widths.is_empty() {
        out.extend_from_slice(b"<cols>");
        for (c, w) in widths.iter().enumerate() {
            let _ = write!(out, "<col min=\"{n}\" max=\"{n}\" width=\"{w}\" customWidth=\"1\"/>", n = c + 1);
        }
        out.extend_from_slice(b"</cols>");
    }
    out.extend_from_slice(b"<sheetData><row r=\"1\">");
    for (h, at) in headers.iter().zip(&letters) {
        let _ = write!(out, "<c r=\"{at}1\" s=\"{HEADER}\"");
        text(out, h);
    }
    out.extend_from_slice(b"</row>");
    let mut n = 1;
    for row in rows {
        n += 1;
        let _ = write!(out, "<row r=\"{n}\">");
        for (cell, at) in row.iter().zip(&letters) {
            let _ = match cell {
                Out::Empty => Ok(()),
                Out::Integer(v) => write!(out, "<c r=\"{at}{n}\" s=\"{INTEGER}\"><v>{v}</v></c>"),
                Out::Plain(v) => write!(out, "<c r=\"{at}{n}\" s=\"{PLAIN}\"><v>{v}</v></c>"),
                Out::Decimal(v) => write!(out, "<c r=\"{at}{n}\" s=\"{DECIMAL}\"><v>{v}</v></c>"),
                Out::Percent(v) => write!(out, "<c r=\"{at}{n}\" s=\"{PERCENT}\"><v>{}</v></c>", v / 100.0),
                Out::Date(d) => write!(out, "<c r=\"{at}{n}\" s=\"{DATE}\"><v>{}</v></c>", xlsx::serial(*d)),
                Out::Bool(b) => write!(out, "<c r=\"{at}{n}\" t=\"b\"><v>{}</v></c>", u8::from(*b)),
                Out::Text(t) => {
                    let _ = write!(out, "<c r=\"{at}{n}\"");
                    text(out, t);
                    Ok(())
                }
            };
        }
        out.extend_from_slice(b"</row>");
    }
    out.extend_from_slice(b"</sheetData>");
    if let Some(last) = letters.get(headers.len().wrapping_sub(1)).filter(|_| !headers.is_empty()) {
        let _ = write!(out, "<autoFilter ref=\"A1:{last}{n}\"/>");
    }
    out.extend_from_slice(b"</worksheet>");
}

/// A chart's table as CSV, in the machine form of `indicators.csv`: UTF-8 with a
/// byte-order mark, numbers with a point, percentages as numbers in a column whose
/// header ends in `(%)`, dates as `YYYY-MM-DD`.
pub fn table_csv(table: &DataTable, locale: Locale) -> String {
    let cells = table_cells(table, locale);
    let percent_columns: Vec<bool> = (0..table.headers.len())
        .map(|c| cells.iter().any(|r| matches!(r.get(c), Some(Out::Percent(_)))))
        .collect();
    let mut out = String::from("\u{feff}");
    let headers: Vec<datafiles::Cell> = table
        .headers
        .iter()
        .zip(&percent_columns)
        .map(|(h, pct)| datafiles::Cell::Text(if *pct { format!("{h} (%)") } else { h.clone() }))
        .collect();
    datafiles::push_row(&mut out, &headers);
    for row in &cells {
        let row = row
            .iter()
            .map(|c| match c {
                Out::Text(t) => datafiles::Cell::Text(t.clone()),
                other => datafiles::Cell::Figure(other.csv()),
            })
            .collect::<Vec<_>>();
        datafiles::push_row(&mut out, &row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;

    #[test]
    fn figures_shown_are_read_back_in_their_locale() {
        let vi = Locale::new(Language::Vi);
        assert_eq!(shown("23.596", vi), Out::Integer(23596));
        assert_eq!(shown("2016", vi), Out::Plain(2016));
        assert_eq!(shown("109,3%", vi), Out::Percent(109.3));
        assert_eq!(shown("112,2", vi), Out::Decimal(112.2));
        assert_eq!(shown("-", vi), Out::Empty);
        assert_eq!(shown("220–240", vi), Out::Text("220–240".into()));
        assert_eq!(shown("04/05/2024", vi), Out::Date(NaiveDate::from_ymd_opt(2024, 5, 4).unwrap()));
        let en = Locale::new(Language::En);
        assert_eq!(shown("23,596", en), Out::Integer(23596));
        assert_eq!(shown("109.3%", en), Out::Percent(109.3));
        assert_eq!(shown("+12", en), Out::Plain(12));
        assert_eq!(shown("-1,500", en), Out::Integer(-1500));
    }

    /// A JSON integer is a whole-number cell of its own digits, past what a float holds.
    #[test]
    fn integers_stay_integers() {
        use flat::Scalar;
        let l = catalog::labels(Language::Vi);
        assert_eq!(
            cell("admitted", Scalar::Int(9_007_199_254_740_993), l),
            Out::Integer(9_007_199_254_740_993)
        );
        assert_eq!(cell("admitted", Scalar::Big(u64::MAX), l), Out::Decimal(1.8446744073709552e19));
        assert_eq!(cell("admitted", Scalar::Float(12.5), l), Out::Decimal(12.5));
        assert_eq!(cell("achievement_pct", Scalar::Int(110), l), Out::Percent(110.0));
        assert_eq!(cell("achievement_pct", Scalar::Float(109.5), l), Out::Percent(109.5));
        assert_eq!(
            cell("as_of", Scalar::Text("2024-05-04"), l),
            Out::Date(NaiveDate::from_ymd_opt(2024, 5, 4).unwrap())
        );
        assert_eq!(cell("status", Scalar::Text("behind"), l), Out::Text(l.status_behind.into()));
        assert_eq!(cell("note", Scalar::Null, l), Out::Empty);
        assert_eq!(Out::Integer(9_007_199_254_740_993).csv(), "9007199254740993");
    }

    #[test]
    fn a_chart_table_as_csv_keeps_machine_numbers() {
        let table = DataTable {
            caption: "c".into(),
            headers: vec!["Năm".into(), "Kết nạp".into(), "Tỷ lệ đạt".into()],
            rows: vec![vec!["2016".into(), "1.222".into(), "100,9%".into()]],
            numeric: vec![true, true, true],
        };
        let csv = table_csv(&table, Locale::new(Language::Vi));
        assert_eq!(csv, "\u{feff}Năm,Kết nạp,Tỷ lệ đạt (%)\r\n2016,1222,100.9\r\n");
    }

    /// A chart's workbook reads back with the cells of the same table written whole by
    /// the workbook writer, text with and without spaces to keep included.
    #[test]
    fn a_chart_workbook_reads_back_as_the_full_one() {
        let table = DataTable {
            caption: "c".into(),
            headers: vec!["Ngày".into(), "Kết nạp".into(), "Tỷ lệ".into(), " Ghi  chú ".into()],
            rows: vec![
                vec!["04/05/2024".into(), "1.222".into(), "100,9%".into(), "a <b> & c".into()],
                vec!["Tổng".into(), "12".into(), "-".into(), " x  y ".into()],
            ],
            numeric: vec![false, true, true, false],
        };
        let vi = Locale::new(Language::Vi);
        let name = catalog::labels(Language::Vi).chart_data;
        let full = super::super::xlsx::table(name, &table.headers, &table_cells(&table, vi), 2).unwrap();
        let read = |bytes: Vec<u8>| {
            crate::sheets::grid::workbook(crate::sheets::grid::Format::Xlsx, bytes)
                .unwrap()
                .into_iter()
                .map(|g| (g.name.clone(), g.rows.clone()))
                .collect::<Vec<_>>()
        };
        let chart = table_xlsx(&table, vi, 2).unwrap();
        assert!(chart.len() < full.len(), "{} bytes, {} written whole", chart.len(), full.len());
        assert_eq!(read(chart), read(full));
    }

    #[test]
    fn the_same_table_gives_the_same_bytes() {
        let table = DataTable {
            caption: "c".into(),
            headers: vec!["a".into()],
            rows: vec![vec!["1".into()]],
            numeric: vec![true],
        };
        let vi = Locale::new(Language::Vi);
        let first = table_xlsx(&table, vi, 1).unwrap();
        // Past a second: a time stamp from the clock would show.
        std::thread::sleep(std::time::Duration::from_millis(1100));
        assert_eq!(first, table_xlsx(&table, vi, 1).unwrap());
        let empty = Indicators::default();
        let content = crate::model::Content::default();
        let resolved = Bulletin::new(&content);
        let workbook = indicators(&resolved, &empty).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1100));
        assert_eq!(workbook, indicators(&resolved, &empty).unwrap());
    }
}
