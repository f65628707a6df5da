//! The cells of a workbook's sheets or of a CSV file, as plain values: what a row of a
//! spreadsheet holds, before its header says what each cell means.

use crate::catalog::problems::Msg;
use calamine::{Data, Reader};
use std::io::Cursor;

/// One cell's value as the spreadsheet holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Int(i64),
    Float(f64),
    Text(String),
    /// A date cell, as `YYYY-MM-DD`.
    Date(String),
    Bool(bool),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }
}

/// One sheet (or a CSV file): its rows, each with the number the spreadsheet shows for it
/// (a CSV file's line), and the cells from its first used column on.
#[derive(Debug, Default)]
pub struct Grid {
    /// The sheet's name; `None` for a CSV file.
    pub name: Option<String>,
    /// The column (from 1) of each row's first cell.
    pub first_col: u32,
    pub rows: Vec<(u32, Vec<Cell>)>,
}

/// Whether a file under data/ is a spreadsheet bantin reads, and which kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Ods,
    Csv,
}

impl Format {
    /// The format of a file by its extension (in any case: Windows keeps `.XLSX`).
    pub fn of(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" => Some(Format::Xlsx),
            "ods" => Some(Format::Ods),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// The sheets of a workbook, in the workbook's order.
pub fn workbook(format: Format, bytes: Vec<u8>) -> Result<Vec<Grid>, Msg> {
    let unreadable = |e: &dyn std::fmt::Display| Msg::WorkbookUnreadable { cause: e.to_string() };
    // A reader that panics on a malformed file must not take the whole run with it.
    let read = std::panic::catch_unwind(move || -> Result<Vec<Grid>, Msg> {
        let cursor = Cursor::new(bytes);
        match format {
            Format::Xlsx => {
                let mut book: calamine::Xlsx<_> =
                    calamine::open_workbook_from_rs(cursor).map_err(|e| unreadable(&e))?;
                sheets(&mut book).map_err(|e| unreadable(&e))
            }
            Format::Ods => {
                let mut book: calamine::Ods<_> =
                    calamine::open_workbook_from_rs(cursor).map_err(|e| unreadable(&e))?;
                sheets(&mut book).map_err(|e| unreadable(&e))
            }
            Format::Csv => Ok(Vec::new()),
        }
    });
    read.unwrap_or_else(|_| Err(Msg::WorkbookUnreadable { cause: "?".into() }))
}

fn sheets<R: Reader<Cursor<Vec<u8>>>>(book: &mut R) -> Result<Vec<Grid>, R::Error> {
    let names = book.sheet_names();
    let mut grids = Vec::with_capacity(names.len());
    for name in names {
        let range = book.worksheet_range(&name)?;
        let Some((row0, col0)) = range.start() else {
            grids.push(Grid { name: Some(name), first_col: 1, rows: Vec::new() });
            continue;
        };
        let rows = range
            .rows()
            .enumerate()
            .map(|(i, cells)| (row0 + super::index_u32(i) + 1, cells.iter().map(cell_of).collect()))
            .collect();
        grids.push(Grid { name: Some(name), first_col: col0 + 1, rows });
    }
    Ok(grids)
}

/// A workbook's cell as a plain value: whole numbers as integers, dates as `YYYY-MM-DD`.
fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Int(*i),
        Data::Float(f) => number(*f),
        Data::String(s) => text(s),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => match dt.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => {
                Cell::Date(t.date().format("%Y-%m-%d").to_string())
            }
            Some(t) => Cell::Text(t.format("%Y-%m-%d %H:%M:%S").to_string()),
            None => number(dt.as_f64()),
        },
        Data::DateTime(dt) => number(dt.as_f64()),
        Data::DateTimeIso(s) => match s.strip_suffix("T00:00:00") {
            Some(day) => Cell::Date(day.to_string()),
            None if s.len() == 10 => Cell::Date(s.clone()),
            None => Cell::Text(s.clone()),
        },
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(e.to_string()),
    }
}

/// A number cell: whole numbers (as spreadsheets store them, in floating point) as
/// integers, so that a count reads as a count.
fn number(f: f64) -> Cell {
    if f.fract() == 0.0 && f.abs() < 9.0e15 {
        Cell::Int(crate::locale::round_to_i64(f))
    } else {
        Cell::Float(f)
    }
}

/// A text cell, trimmed; blank text is an empty cell.
fn text(s: &str) -> Cell {
    let s = s.trim();
    if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) }
}

/// A CSV text (decoded, without its byte-order mark): comma or semicolon separated, as
/// the first line shows. Cells that are whole numbers as written (`222`, `-3`, not
/// `007` or `1.234`) are numbers; every other cell is text.
pub fn csv(text: &str) -> Result<Grid, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator(text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line = u32::try_from(reader.position().line()).unwrap_or(u32::MAX);
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => rows.push((line, record.iter().map(csv_cell).collect())),
            Err(e) => return Err(e.to_string()),
        }
    }
    Ok(Grid { name: None, first_col: 1, rows })
}

/// `;` when the first line that holds either has more semicolons than commas (a
/// spreadsheet in a locale whose decimal mark is the comma saves so), else `,`.
fn separator(text: &str) -> u8 {
    let line = text.lines().find(|l| l.contains([',', ';'])).unwrap_or("");
    let count = |c: char| line.chars().filter(|x| *x == c).count();
    if count(';') > count(',') { b';' } else { b',' }
}

fn csv_cell(field: &str) -> Cell {
    let field = field.trim();
    let digits = field.strip_prefix('-').unwrap_or(field);
    let whole = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && digits.len() <= 15;
    match field.parse::<i64>() {
        Ok(n) if whole => Cell::Int(n),
        _ => text(field),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_keep_what_is_written() {
        let grid = csv("a;b;c\n222;1.234;007\n-3;;109,3%\n").unwrap();
        assert_eq!(grid.rows[0].0, 1);
        assert_eq!(
            grid.rows[1],
            (2, vec![Cell::Int(222), Cell::Text("1.234".into()), Cell::Text("007".into())])
        );
        assert_eq!(grid.rows[2], (3, vec![Cell::Int(-3), Cell::Empty, Cell::Text("109,3%".into())]));
    }

    #[test]
    fn csv_separator_is_what_the_first_line_uses() {
        assert_eq!(separator("unit,period,admitted\n"), b',');
        assert_eq!(separator("unit;period;admitted\n"), b';');
        assert_eq!(separator("\nname;\"a, b\";x\n"), b';');
    }

    #[test]
    fn quoted_cells_span_lines_and_rows_keep_their_line() {
        let grid = csv("id,name\na,\"Hai\ndòng\"\nb,B\n").unwrap();
        assert_eq!(grid.rows[1].1[1], Cell::Text("Hai\ndòng".into()));
        assert_eq!(grid.rows[2].0, 4);
    }

    #[test]
    fn whole_numbers_of_a_workbook_are_integers() {
        assert_eq!(number(222.0), Cell::Int(222));
        assert_eq!(number(2.5), Cell::Float(2.5));
        assert_eq!(text("  "), Cell::Empty);
    }
}
