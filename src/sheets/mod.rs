//! Spreadsheets: units and reports read from `.xlsx`, `.ods` and `.csv` files under
//! data/, and the workbooks bantin writes (`indicators.xlsx`, each chart's table, the
//! data template of `bantin new`).
//!
//! A sheet is known by its header row, not its name. Each row becomes the same YAML
//! value a report (or unit) written in a YAML file would be — numbers as numbers, dates
//! as `YYYY-MM-DD`, `composition`, `training` and `targets` nested — and is read by the
//! same deserializers, so every rule and hint of YAML data holds for a cell too. While
//! the rows are read, each item keeps its row and each field its column ([`Places`]):
//! a problem found later at `reports[3].composition.women` is placed at its cell.

pub mod columns;
pub mod flat;
pub mod grid;
pub mod out;
pub mod template;
pub mod xlsx;

use crate::catalog::problems::Msg;
use crate::model::{Report, Unit};
use crate::problem::hints;
use crate::problem::locate::Position;
use crate::problem::{At, CellRef, PathIndex, Problem, Span};
use columns::{Kind, Slot, Table};
use grid::{Cell, Format, Grid};
use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// How many rows from the top of a sheet may come before its header row (a title,
/// notes).
const HEADER_SEARCH_ROWS: usize = 20;

/// A row or column number within a workbook as the `u32` spreadsheets count in. A
/// sheet holds at most 1,048,576 rows and 16,384 columns, so an index past `u32`
/// saturates, and the workbook writer refuses the cell.
pub(crate) fn index_u32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// A column or sheet number within a workbook as a `u16`, as [`index_u32`].
pub(crate) fn index_u16(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

/// What one spreadsheet file yielded.
#[derive(Debug, Default)]
pub struct Read {
    pub units: Vec<Unit>,
    pub reports: Vec<Report>,
    /// Problems placed in the file (their file is set by the caller).
    pub problems: Vec<Problem>,
    /// Unit ids of rows that could not be read.
    pub unreadable: Vec<String>,
    pub places: Places,
}

/// Reads a workbook's bytes.
pub fn read_workbook(format: Format, bytes: Vec<u8>) -> Read {
    match grid::workbook(format, bytes) {
        Ok(grids) => read_grids(&grids),
        Err(message) => Read { problems: vec![file_problem(message)], ..Read::default() },
    }
}

/// Reads a CSV file's text.
pub fn read_csv(text: &str) -> Read {
    match grid::csv(text) {
        Ok(grid) => read_grids(&[grid]),
        Err(cause) => Read { problems: vec![file_problem(Msg::CannotRead { cause })], ..Read::default() },
    }
}

/// The unit ids a CSV text that could not be decoded may define: the `id` column of a
/// units header, read from the text as far as it goes.
pub fn csv_ids(text: &str) -> Vec<String> {
    let read = read_csv(text);
    let mut ids: Vec<String> = read.units.into_iter().map(|u| u.id).collect();
    ids.extend(read.unreadable);
    ids
}

fn file_problem(message: Msg) -> Problem {
    Problem::file_error("", message)
}

fn read_grids(grids: &[Grid]) -> Read {
    let mut read = Read::default();
    let mut found = false;
    for (index, grid) in grids.iter().enumerate() {
        found |= read_grid(index, grid, &mut read);
    }
    if !found {
        read.problems.push(Problem::warning("", At::Pos(Position::START), Msg::NoSheetFound));
    }
    read
}

/// A header row: its index in the sheet's rows, and what it heads.
enum Header {
    Found(usize, Kind),
    /// A reports header without one of its needed columns (those named).
    Lacking(usize, Vec<&'static str>),
}

/// The header row of a sheet. A row that names two of a report's three needed columns
/// is taken as a header that lacks the third.
fn header_row(grid: &Grid) -> Option<Header> {
    let mut near = None;
    for (i, (_, cells)) in grid.rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        for kind in [Kind::Reports, Kind::Units] {
            let table = columns::table(kind);
            let named: Vec<String> = cells
                .iter()
                .filter_map(|c| match c {
                    Cell::Text(t) => table.slot(t).map(|s| s.field_name()),
                    _ => None,
                })
                .collect();
            let missing: Vec<&'static str> =
                Table::required(kind).iter().copied().filter(|f| !named.iter().any(|n| n == f)).collect();
            if missing.is_empty() {
                return Some(Header::Found(i, kind));
            }
            if kind == Kind::Reports && missing.len() == 1 && near.is_none() {
                near = Some(Header::Lacking(i, missing));
            }
        }
    }
    near
}

/// Reads one sheet's items into `read`; false when the sheet holds neither units nor
/// reports.
fn read_grid(index: usize, grid: &Grid, read: &mut Read) -> bool {
    let Some(header) = header_row(grid) else { return false };
    let mut sheet = SheetPlaces {
        name: grid.name.clone(),
        index,
        header: 0,
        first_col: grid.first_col,
        fields: HashMap::new(),
    };
    let (h, kind) = match header {
        Header::Found(h, kind) => (h, kind),
        Header::Lacking(h, missing) => {
            sheet.header = grid.rows[h].0;
            for column in missing {
                let at = sheet.cell(sheet.header, sheet.first_col);
                read.problems.push(Problem::error("", at, Msg::MissingColumn { column: column.to_string() }));
            }
            return true;
        }
    };
    sheet.header = grid.rows[h].0;
    let columns = header_columns(kind, &grid.rows[h].1, &mut sheet, &mut read.problems);
    // Sheets are numbered as a workbook's are, far below `u16::MAX`.
    let sheet_number = index_u16(read.places.sheets.len());
    read.places.sheets.push(sheet);
    for (row, cells) in &grid.rows[h + 1..] {
        let Some((value, targets)) = item_value(kind, &columns, cells) else { continue };
        let at = RowAt { sheet: sheet_number, row: *row, targets };
        match kind {
            Kind::Units => {
                let path = format!("units[{}]", read.places.units.len());
                read.places.units.push(at);
                let id = value.get("id").and_then(Value::as_str).map(str::to_string);
                match read_item::<Unit>(value, &path) {
                    Ok(mut unit) => {
                        unit.origin.item = path;
                        read.units.push(unit);
                    }
                    Err(failures) => {
                        read.unreadable.extend(id);
                        push_failures(&read.places, failures, &mut read.problems);
                    }
                }
            }
            Kind::Reports => {
                let path = format!("reports[{}]", read.places.reports.len());
                read.places.reports.push(at);
                match read_item::<Report>(value, &path) {
                    Ok(mut report) => {
                        report.origin.item = path;
                        read.reports.push(report);
                    }
                    Err(failures) => push_failures(&read.places, failures, &mut read.problems),
                }
            }
        }
    }
    true
}

fn push_failures(places: &Places, failures: Vec<crate::load::Failure>, problems: &mut Vec<Problem>) {
    for (at, message) in failures {
        let at = places.at(&at).unwrap_or(at);
        problems.push(Problem::error("", at, message));
    }
}

/// The meaning of each column of a header row, by the column's index in the row; the
/// fields' places go into `sheet`, and unknown or repeated columns are problems.
fn header_columns(
    kind: Kind,
    cells: &[Cell],
    sheet: &mut SheetPlaces,
    problems: &mut Vec<Problem>,
) -> Vec<(usize, Slot)> {
    let table = columns::table(kind);
    let mut out: Vec<(usize, Slot)> = Vec::new();
    for (i, cell) in cells.iter().enumerate() {
        let header = match cell {
            Cell::Empty => continue,
            Cell::Text(t) => t.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Float(f) => f.to_string(),
            Cell::Date(d) => d.clone(),
            Cell::Bool(b) => b.to_string(),
        };
        let col = sheet.first_col + index_u32(i);
        let at = sheet.cell(sheet.header, col);
        let slot = match table.slot(&header) {
            Some(slot) if columns::known(kind, &slot) => slot,
            _ => {
                let known: Vec<&str> = table
                    .names
                    .iter()
                    .map(String::as_str)
                    .filter(|n| table.slot(n).is_some_and(|s| columns::known(kind, &s)))
                    .collect();
                let nearest = hints::nearest(&header, known.iter().copied());
                match (kind, nearest) {
                    // A column no field is near may be a category of the site's own: the
                    // rules, which know the site's categories, judge it.
                    (Kind::Reports, None) if !snake(&header).is_empty() => Slot::Composition(snake(&header)),
                    (_, nearest) => {
                        let fields = match kind {
                            Kind::Units => columns::fields_of::<Unit>(),
                            Kind::Reports => columns::fields_of::<Report>(),
                        };
                        let nested = ["period", "targets", "composition", "training"];
                        let expected =
                            fields.iter().filter(|f| !nested.contains(f)).map(|f| f.to_string()).collect();
                        problems.push(Problem::error(
                            "",
                            at,
                            Msg::UnknownColumn { header, nearest, expected },
                        ));
                        continue;
                    }
                }
            }
        };
        if slot != Slot::Ignored && out.iter().any(|(_, s)| *s == slot) {
            problems.push(Problem::error("", at, Msg::ColumnTwice { header, field: slot.field_name() }));
            continue;
        }
        if slot == Slot::Period {
            sheet.fields.insert("period.label".into(), col);
            sheet.fields.insert("period".into(), col);
        } else if slot == Slot::PeriodFrom {
            sheet.fields.entry("period".into()).or_insert(col);
        }
        if slot != Slot::Ignored {
            sheet.fields.insert(slot.path(), col);
        }
        out.push((i, slot));
    }
    out
}

/// A header as a composition key: folded, lowercase, words joined by `_`.
fn snake(header: &str) -> String {
    let folded = crate::text::fold(header);
    let words: Vec<&str> =
        folded.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.join("_")
}

/// A row as the YAML value of the item it holds, with the numbers of its targets in
/// list order when some are left out; `None` for a row with nothing in its columns.
fn item_value(kind: Kind, columns: &[(usize, Slot)], cells: &[Cell]) -> Option<(Value, Option<Box<[u16]>>)> {
    let mut map = Mapping::new();
    let mut training = Mapping::new();
    let mut composition = Mapping::new();
    let mut targets: BTreeMap<u16, Mapping> = BTreeMap::new();
    let (mut label, mut from, mut to) = (None, None, None);
    let mut any = false;
    for (i, slot) in columns {
        let Some(cell) = cells.get(*i).filter(|c| !c.is_empty()) else { continue };
        if *slot == Slot::Ignored {
            continue;
        }
        any = true;
        let v = value_of(cell);
        match slot {
            Slot::Top(f) => {
                map.insert(Value::from(f.as_str()), v);
            }
            Slot::Period => label = Some(v),
            Slot::PeriodFrom => from = Some(v),
            Slot::PeriodTo => to = Some(v),
            Slot::Training(f) => {
                training.insert(Value::from(f.as_str()), v);
            }
            Slot::Composition(k) => {
                composition.insert(Value::from(k.as_str()), v);
            }
            Slot::Target(n, f) => {
                targets.entry(*n).or_default().insert(Value::from(f.as_str()), v);
            }
            Slot::Ignored => {}
        }
    }
    if !any {
        return None;
    }
    if from.is_some() || to.is_some() {
        let mut named = Mapping::new();
        named.extend(from.map(|v| (Value::from("from"), v)));
        named.extend(to.map(|v| (Value::from("to"), v)));
        // A label is text, even when it is a year typed as a number.
        named.extend(label.map(|v| (Value::from("label"), as_text(v))));
        map.insert(Value::from("period"), Value::Mapping(named));
    } else if let Some(label) = label {
        map.insert(Value::from("period"), label);
    }
    if !training.is_empty() {
        map.insert(Value::from("training"), Value::Mapping(training));
    }
    if !composition.is_empty() {
        map.insert(Value::from("composition"), Value::Mapping(composition));
    }
    let numbers: Vec<u16> = targets.keys().copied().collect();
    let renumbered = numbers.iter().enumerate().any(|(i, n)| usize::from(*n) != i + 1);
    if !targets.is_empty() {
        let list = targets.into_values().map(Value::Mapping).collect();
        map.insert(Value::from("targets"), Value::Sequence(list));
    }
    debug_assert!(kind == Kind::Reports || map.get("targets").is_none());
    Some((Value::Mapping(map), renumbered.then(|| numbers.into_boxed_slice())))
}

fn value_of(cell: &Cell) -> Value {
    match cell {
        Cell::Empty => Value::Null,
        Cell::Int(n) => Value::from(*n),
        Cell::Float(f) => Value::from(*f),
        Cell::Text(t) | Cell::Date(t) => Value::from(t.as_str()),
        Cell::Bool(b) => Value::Bool(*b),
    }
}

/// A number as the text it is written as: `2024`, `2.5`.
fn as_text(v: Value) -> Value {
    match v {
        Value::Number(n) => Value::from(n.to_string()),
        other => other,
    }
}

/// How many numbers in text fields one item may have read as their text.
const MAX_TEXT_NUMBERS: usize = 64;

/// Reads one item as a YAML item is read, after reading the numbers of text fields as
/// their text: a spreadsheet keeps `123` in a name or note column as a number.
fn read_item<T: DeserializeOwned>(mut value: Value, path: &str) -> Result<T, Vec<crate::load::Failure>> {
    if let Ok(item) = T::deserialize(&value) {
        return Ok(item);
    }
    for _ in 0..MAX_TEXT_NUMBERS {
        let e = match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(item) => return Ok(item),
            Err(e) => e,
        };
        let detail = e.inner().to_string();
        let number =
            ["invalid type: integer", "invalid type: floating point"].iter().any(|p| detail.starts_with(p));
        if !(number && detail.ends_with("expected a string")) {
            break;
        }
        let segments: Vec<_> = e.path().iter().cloned().collect();
        match crate::load::at_path(&mut value, &segments) {
            Some(slot) => *slot = as_text(slot.clone()),
            None => break,
        }
    }
    Err(crate::load::every_failure::<T>(value, path))
}

/// Where each item of a spreadsheet file and each of its fields is: per item, its
/// sheet and row; per sheet, each field's column.
#[derive(Debug, Default)]
pub struct Places {
    sheets: Vec<SheetPlaces>,
    units: Vec<RowAt>,
    reports: Vec<RowAt>,
}

#[derive(Debug)]
struct SheetPlaces {
    /// `None` for a CSV file, whose places are lines and columns.
    name: Option<String>,
    /// The sheet's place in its workbook.
    index: usize,
    header: u32,
    first_col: u32,
    /// A field's path inside an item (`composition.women`, `targets[1].value` for the
    /// second target column) → its column.
    fields: HashMap<String, u32>,
}

impl SheetPlaces {
    fn cell(&self, row: u32, col: u32) -> Span {
        match &self.name {
            Some(sheet) => Span::Cell(CellRef { sheet_index: self.index, sheet: sheet.clone(), row, col }),
            None => Span::Pos(Position { line: row as usize, col: col as usize }),
        }
    }
}

#[derive(Debug)]
struct RowAt {
    sheet: u16,
    row: u32,
    /// The number of each target in list order, when a target column group is skipped.
    targets: Option<Box<[u16]>>,
}

impl Places {
    /// The cell of a YAML path of this file's items (`reports[3].composition.women`):
    /// a value's own cell, a key's header cell (an unknown category), or the item's
    /// first cell; `None` for a place that is not such a path.
    pub fn at(&self, at: &At) -> Option<At> {
        match at {
            At::Value(path) => self.span(path, false),
            At::Key(path) => self.span(path, true),
            _ => None,
        }
        .map(At::from)
    }

    /// The cell of the value at `path`, or of its key's header when `key`.
    fn span(&self, path: &str, key: bool) -> Option<Span> {
        let (list, rest) = path.split_once('[')?;
        let (index, rest) = rest.split_once(']')?;
        let rows = match list {
            "units" => &self.units,
            "reports" => &self.reports,
            _ => return None,
        };
        let row = rows.get(index.parse::<usize>().ok()?)?;
        let sheet = self.sheets.get(usize::from(row.sheet))?;
        let field = renumbered(rest.strip_prefix('.').unwrap_or(rest), row.targets.as_deref());
        let mut look = field.as_str();
        loop {
            if let Some(col) = sheet.fields.get(look) {
                let line = if key && look == field { sheet.header } else { row.row };
                return Some(sheet.cell(line, *col));
            }
            match look.rfind(['.', '[']) {
                Some(i) => look = &look[..i],
                None => break,
            }
        }
        Some(sheet.cell(row.row, sheet.first_col))
    }
}

impl PathIndex for Places {
    fn value(&self, path: &str) -> Option<Span> {
        self.span(path, false)
    }

    fn key(&self, path: &str) -> Option<Span> {
        self.span(path, true)
    }
}

/// `targets[i]…` with the list index `i` turned into the target's column group.
fn renumbered(field: &str, numbers: Option<&[u16]>) -> String {
    let (Some(rest), Some(numbers)) = (field.strip_prefix("targets["), numbers) else {
        return field.to_string();
    };
    let Some((i, after)) = rest.split_once(']') else { return field.to_string() };
    match i.parse::<usize>().ok().and_then(|i| numbers.get(i)) {
        Some(n) => format!("targets[{}]{after}", n - 1),
        None => field.to_string(),
    }
}

/// Whether a file under data/ is a spreadsheet.
pub fn is_sheet(rel: &Path) -> bool {
    Format::of(rel).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;

    fn text_of(p: &Problem) -> String {
        format!("{:?} {}", p.at, p.message.text(Language::En, "FIRST"))
    }

    #[test]
    fn rows_become_reports_with_their_nested_fields() {
        let csv = "\u{feff}unit;period;admitted;women;awareness_trainees;target2_value;target2_deadline\n\
                   a;2024;10;3;40;12;2024-09-30\n;;;;;;\n";
        let read = read_csv(csv.trim_start_matches('\u{feff}'));
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        assert_eq!(read.reports.len(), 1);
        let r = &read.reports[0];
        assert_eq!((r.unit.as_str(), r.period.label.as_str(), r.admitted), ("a", "2024", 10));
        assert_eq!(r.composition.get("women"), Some(&3));
        assert_eq!(r.training.awareness_trainees, Some(40));
        assert_eq!(r.targets[0].value, Some(12));
        assert_eq!(r.origin.item, "reports[0]");
        // The only target is the second column group: its problems go there.
        let at = read.places.at(&At::Value("reports[0].targets[0].deadline".into()));
        assert_eq!(at, Some(At::Pos(Position { line: 2, col: 7 })));
        let at = read.places.at(&At::Key("reports[0].composition.women".into()));
        assert_eq!(at, Some(At::Pos(Position { line: 1, col: 4 })));
        assert_eq!(
            read.places.at(&At::Value("reports[0]".into())),
            Some(At::Pos(Position { line: 2, col: 1 }))
        );
    }

    #[test]
    fn named_periods_and_numbers_in_text_columns() {
        let csv = "id,name\n2024,123\n";
        let read = read_csv(csv);
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        assert_eq!((read.units[0].id.as_str(), read.units[0].name.as_str()), ("2024", "123"));
        let csv = "unit,period,period_from,period_to,admitted\na,2024,2023-10-01,2024-09-30,1\n";
        let read = read_csv(csv);
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        assert_eq!(read.reports[0].period.label, "2024");
        assert_eq!(read.reports[0].period.from.to_string(), "2023-10-01");
    }

    #[test]
    fn every_broken_cell_is_a_problem_at_its_cell() {
        let csv = "unit,period,admitted,members,admited\na,2024,\"1.234\",109%,\nb,2024,5.5,3,\n";
        let read = read_csv(csv);
        let found: Vec<String> = read.problems.iter().map(text_of).collect();
        assert_eq!(
            found,
            [
                "Pos(Position { line: 1, col: 5 }) unknown column `admited`. Did you mean `admitted`?",
                "Pos(Position { line: 2, col: 3 }) admitted: `1.234` has a thousands separator: in data files write \
                 the digits alone: 1234",
                "Pos(Position { line: 2, col: 4 }) members: `109%` is a percentage where a count of people belongs: \
                 write the count (bantin computes rates)",
                "Pos(Position { line: 3, col: 3 }) admitted: `5.5` is not a whole number: expected a whole number >= 0",
            ]
        );
    }

    #[test]
    fn a_sheet_without_a_needed_column_is_one_problem() {
        let read = read_csv("unit,period,admited\na,2024,1\n");
        let found: Vec<String> = read.problems.iter().map(text_of).collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("no column `admitted`"), "{found:?}");
        let read = read_csv("x,y\n1,2\n");
        assert_eq!(read.problems[0].message, Msg::NoSheetFound);
        // A header without a letter names no category either: the columns there are, listed.
        let read = read_csv("unit,period,admitted,%%\na,2024,1,2\n");
        let found: Vec<String> = read.problems.iter().map(text_of).collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("unknown column `%%`. Expected one of `unit`, `as_of`, `admitted`"),
            "{found:?}"
        );
    }

    #[test]
    fn renumbered_targets() {
        assert_eq!(renumbered("targets[0].value", Some(&[2])), "targets[1].value");
        assert_eq!(renumbered("targets[0].value", None), "targets[0].value");
        assert_eq!(renumbered("admitted", Some(&[2])), "admitted");
    }
}
