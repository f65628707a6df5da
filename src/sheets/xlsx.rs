//! A workbook of one small table, written directly: the parts a spreadsheet program
//! needs (content types, relationships, workbook, styles, one sheet) and nothing more.
//!
//! A build writes one per chart, thousands for a large bulletin; rust_xlsxwriter, which
//! writes `indicators.xlsx`, starts a thread for each sheet it saves, and so many
//! threads leave the allocator holding far more memory than the tables need. These
//! tables need none of its features: numbers, text, dates and a few number formats.

use super::out::Out;
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use std::fmt::Write as _;
use std::io::Write;
use zip::write::SimpleFileOptions;

/// Style indexes of `styles.xml`, in the order of its `cellXfs`.
pub(crate) const HEADER: usize = 1;
pub(crate) const INTEGER: usize = 2;
pub(crate) const PLAIN: usize = 3;
pub(crate) const DECIMAL: usize = 4;
pub(crate) const PERCENT: usize = 5;
pub(crate) const DATE: usize = 6;

/// The bytes of an `.xlsx` file of one sheet named `name`: `headers` in bold above
/// `rows`, the header frozen, percentages with `decimals` decimals. The same table gives
/// the same bytes.
pub fn table(name: &str, headers: &[String], rows: &[Vec<Out>], decimals: usize) -> std::io::Result<Vec<u8>> {
    let mut book = Writer::new(decimals, false);
    book.sheet(name, headers, &widths(headers, rows), rows.iter().cloned())?;
    book.finish("", "")
}

/// Column widths that fit the headers and the text of `rows`.
pub fn widths(headers: &[String], rows: &[Vec<Out>]) -> Vec<usize> {
    (0..headers.len())
        .map(|c| {
            rows.iter()
                .filter_map(|r| match r.get(c) {
                    Some(Out::Text(t)) => Some(t.chars().count().min(40)),
                    _ => None,
                })
                .max()
                .unwrap_or(8)
                .max(headers[c].chars().count().min(24))
                .max(10)
                + 2
        })
        .collect()
}

/// A workbook written sheet by sheet, each row as it comes: a sheet of a hundred
/// thousand reports is never held whole in memory.
pub struct Writer {
    zip: zip::ZipWriter<std::io::Cursor<Vec<u8>>>,
    options: SimpleFileOptions,
    names: Vec<String>,
    decimals: usize,
    /// The text of a large workbook's cells, each distinct text written once.
    shared: Option<SharedStrings>,
}

impl Writer {
    /// `compressed`: deflate the parts, and write each distinct text of the cells once,
    /// in a table of shared strings that the cells number. A single large workbook gains
    /// from both (its unit names and paths repeat on every row); thousands of small ones
    /// lose more to the compressor's buffers, allocated and freed for each file, than
    /// they save.
    pub fn new(decimals: usize, compressed: bool) -> Writer {
        let method =
            if compressed { zip::CompressionMethod::Deflated } else { zip::CompressionMethod::Stored };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .compression_level(compressed.then_some(LEVEL))
            .last_modified_time(zip::DateTime::default())
            // The same bytes on every system (the default names the building one).
            .system(zip::System::Unix)
            .large_file(false);
        Writer {
            zip: zip::ZipWriter::new(std::io::Cursor::new(Vec::new())),
            options,
            names: Vec::new(),
            decimals,
            shared: compressed.then(SharedStrings::default),
        }
    }

    /// Adds a sheet: its header row, the columns' `widths`, and `rows`.
    pub fn sheet(
        &mut self,
        name: &str,
        headers: &[String],
        widths: &[usize],
        rows: impl Iterator<Item = Vec<Out>>,
    ) -> std::io::Result<()> {
        self.names.push(name.to_string());
        let part = format!("xl/worksheets/sheet{}.xml", self.names.len());
        self.zip.start_file(part, self.options).map_err(std::io::Error::other)?;
        let mut out = std::io::BufWriter::with_capacity(1 << 16, &mut self.zip);
        write_sheet(&mut out, headers, widths, rows, self.shared.as_mut())?;
        out.flush()
    }

    /// The workbook's bytes, its properties holding `title` and `description`.
    pub fn finish(mut self, title: &str, description: &str) -> std::io::Result<Vec<u8>> {
        let sheets = self.names.len();
        let mut types = String::from(CONTENT_TYPES_HEAD);
        let mut rels = String::from(WORKBOOK_RELS_HEAD);
        let mut book = String::from(WORKBOOK_HEAD);
        for (i, name) in self.names.iter().enumerate() {
            let n = i + 1;
            let _ = write!(
                types,
                "<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            );
            let _ = write!(
                rels,
                "<Relationship Id=\"rId{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"
            );
            let _ = write!(book, "<sheet name=\"{}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>", escaped(name));
        }
        let _ = write!(
            rels,
            "<Relationship Id=\"rId{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>",
            sheets + 1
        );
        let shared = self.shared.take().map(|s| s.xml());
        if shared.is_some() {
            types.push_str(
                "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>",
            );
            let _ = write!(
                rels,
                "<Relationship Id=\"rId{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>",
                sheets + 2
            );
        }
        types.push_str("</Types>");
        rels.push_str("</Relationships>");
        book.push_str("</sheets></workbook>");
        let core = format!(
            "{XML}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
             xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:description>{}</dc:description>\
             <dc:creator>bantin</dc:creator></cp:coreProperties>",
            escaped(title),
            escaped(description)
        );
        let parts = [
            ("[Content_Types].xml", types),
            ("_rels/.rels", ROOT_RELS.to_string()),
            ("docProps/core.xml", core),
            ("xl/workbook.xml", book),
            ("xl/_rels/workbook.xml.rels", rels),
            ("xl/styles.xml", styles(self.decimals)),
        ];
        for (name, xml) in parts.into_iter().chain(shared.map(|xml| ("xl/sharedStrings.xml", xml))) {
            self.zip.start_file(name, self.options).map_err(std::io::Error::other)?;
            self.zip.write_all(xml.as_bytes())?;
        }
        Ok(self.zip.finish().map_err(std::io::Error::other)?.into_inner())
    }
}

/// The deflate level of a large workbook: zlib's 3 rather than its default 6 halves the
/// compressor's time; with the shared strings the file is still smaller than it was
/// with every text inline at level 6.
const LEVEL: i64 = 3;

/// The shared strings of a workbook (`xl/sharedStrings.xml`): each distinct text once,
/// numbered in the order first written.
#[derive(Default)]
struct SharedStrings {
    numbers: FxHashMap<String, usize>,
    /// Cells that refer to the table.
    count: usize,
}

impl SharedStrings {
    fn number(&mut self, text: &str) -> usize {
        self.count += 1;
        if let Some(&n) = self.numbers.get(text) {
            return n;
        }
        let n = self.numbers.len();
        self.numbers.insert(text.to_string(), n);
        n
    }

    fn xml(self) -> String {
        let mut texts: Vec<(String, usize)> = self.numbers.into_iter().collect();
        texts.sort_unstable_by_key(|(_, n)| *n);
        let mut out = format!(
            "{XML}<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"{}\" uniqueCount=\"{}\">",
            self.count,
            texts.len()
        );
        for (text, _) in texts {
            // Only text with spaces at either end needs them kept.
            let preserve = text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace);
            out.push_str(if preserve { "<si><t xml:space=\"preserve\">" } else { "<si><t>" });
            out.push_str(&escaped(&text));
            out.push_str("</t></si>");
        }
        out.push_str("</sst>");
        out
    }
}

const XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

const CONTENT_TYPES_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
</Relationships>";

const WORKBOOK_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>";

const WORKBOOK_RELS_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";

/// The cell styles: default, bold header, `#,##0`, `0`, `#,##0.0`, a percentage, and
/// the locale's short date (built-in format 14).
fn styles(decimals: usize) -> String {
    let fraction = if decimals == 0 { String::new() } else { format!(".{}", "0".repeat(decimals)) };
    format!(
        "{XML}<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"#,##0.0\"/><numFmt numFmtId=\"165\" formatCode=\"0{fraction}%\"/></numFmts>\
<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>\
<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>\
<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>\
<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
<cellXfs count=\"7\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyAlignment=\"1\"><alignment wrapText=\"1\" vertical=\"top\"/></xf>\
<xf numFmtId=\"3\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>\
<xf numFmtId=\"1\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>\
<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>\
<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>\
<xf numFmtId=\"14\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>\
<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\
</styleSheet>"
    )
}

/// Text as XML character data; characters XML cannot hold are left out.
pub(crate) fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A date as a spreadsheet's day number (days since 1899-12-30).
pub(crate) fn serial(d: NaiveDate) -> i64 {
    (d - NaiveDate::from_ymd_opt(1899, 12, 30).expect("a valid date")).num_days()
}

fn write_sheet(
    out: &mut impl std::io::Write,
    headers: &[String],
    widths: &[usize],
    rows: impl Iterator<Item = Vec<Out>>,
    mut shared: Option<&mut SharedStrings>,
) -> std::io::Result<()> {
    // Each column's letters, made once; a row longer than the header (none is) makes
    // its own.
    let letters: Vec<String> = (0..headers.len().max(1))
        .map(|c| crate::problem::CellRef::column_letters(super::index_u32(c + 1)))
        .collect();
    let letter = |c: usize| -> std::borrow::Cow<'_, str> {
        letters.get(c).map_or_else(
            || crate::problem::CellRef::column_letters(super::index_u32(c + 1)).into(),
            |l| l.as_str().into(),
        )
    };
    write!(
        out,
        "{XML}<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
    )?;
    if !widths.is_empty() {
        out.write_all(b"<cols>")?;
        for (c, w) in widths.iter().enumerate() {
            write!(out, "<col min=\"{n}\" max=\"{n}\" width=\"{w}\" customWidth=\"1\"/>", n = c + 1)?;
        }
        out.write_all(b"</cols>")?;
    }
    out.write_all(b"<sheetData><row r=\"1\">")?;
    for (c, h) in headers.iter().enumerate() {
        write!(
            out,
            "<c r=\"{}1\" s=\"{HEADER}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
            letter(c),
            escaped(h)
        )?;
    }
    out.write_all(b"</row>")?;
    let mut n = 1;
    for row in rows {
        n += 1;
        write!(out, "<row r=\"{n}\">")?;
        for (c, cell) in row.iter().enumerate() {
            let at = letter(c);
            match cell {
                Out::Empty => {}
                Out::Integer(v) => write!(out, "<c r=\"{at}{n}\" s=\"{INTEGER}\"><v>{v}</v></c>")?,
                Out::Plain(v) => write!(out, "<c r=\"{at}{n}\" s=\"{PLAIN}\"><v>{v}</v></c>")?,
                Out::Decimal(v) => write!(out, "<c r=\"{at}{n}\" s=\"{DECIMAL}\"><v>{v}</v></c>")?,
                Out::Percent(v) => write!(out, "<c r=\"{at}{n}\" s=\"{PERCENT}\"><v>{}</v></c>", v / 100.0)?,
                Out::Date(d) => write!(out, "<c r=\"{at}{n}\" s=\"{DATE}\"><v>{}</v></c>", serial(*d))?,
                Out::Bool(b) => write!(out, "<c r=\"{at}{n}\" t=\"b\"><v>{}</v></c>", u8::from(*b))?,
                Out::Text(t) if let Some(table) = shared.as_deref_mut() => {
                    write!(out, "<c r=\"{at}{n}\" t=\"s\"><v>{}</v></c>", table.number(t))?;
                }
                Out::Text(t) => write!(
                    out,
                    "<c r=\"{at}{n}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                    escaped(t)
                )?,
            }
        }
        out.write_all(b"</row>")?;
    }
    out.write_all(b"</sheetData>")?;
    if !headers.is_empty() {
        write!(out, "<autoFilter ref=\"A1:{}{n}\"/>", letter(headers.len() - 1))?;
    }
    out.write_all(b"</worksheet>")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What calamine reads back is what was written: types, numbers, text, dates.
    #[test]
    fn a_table_reads_back() {
        let day = NaiveDate::from_ymd_opt(2024, 5, 4).unwrap();
        let rows = vec![vec![
            Out::Text("Huyện <A> & \"B\"".into()),
            Out::Integer(23596),
            Out::Percent(109.3),
            Out::Date(day),
            Out::Empty,
            Out::Plain(2016),
        ]];
        let headers: Vec<String> =
            ["Đơn vị", "Kết nạp", "Tỷ lệ", "Ngày", "x", "Năm"].map(String::from).to_vec();
        let bytes = table("Bảng", &headers, &rows, 1).unwrap();
        let grids = crate::sheets::grid::workbook(crate::sheets::grid::Format::Xlsx, bytes.clone()).unwrap();
        use crate::sheets::grid::Cell;
        assert_eq!(grids[0].rows[0].1[0], Cell::Text("Đơn vị".into()));
        assert_eq!(
            grids[0].rows[1].1,
            vec![
                Cell::Text("Huyện <A> & \"B\"".into()),
                Cell::Int(23596),
                Cell::Float(1.093),
                Cell::Date("2024-05-04".into()),
                Cell::Empty,
                Cell::Int(2016),
            ]
        );
        assert_eq!(bytes, table("Bảng", &headers, &rows, 1).unwrap());
    }

    /// A large workbook's text is in its shared strings, each distinct text once, and
    /// reads back the same as text written in the cells.
    #[test]
    fn shared_strings_read_back() {
        let texts = ["Đảng bộ <A> & \"B\"", " lề trái", "lề phải ", "Đảng bộ <A> & \"B\"", "=1+1"];
        let rows: Vec<Vec<Out>> =
            texts.iter().map(|t| vec![Out::Text((*t).to_string()), Out::Integer(1), Out::Empty]).collect();
        let headers: Vec<String> = ["Tên", "Số", "x"].map(String::from).to_vec();
        let mut book = Writer::new(1, true);
        book.sheet("Một", &headers, &widths(&headers, &rows), rows.iter().cloned()).unwrap();
        book.sheet("Hai", &headers, &widths(&headers, &rows), rows.iter().rev().cloned()).unwrap();
        let bytes = book.finish("Tiêu đề", "").unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
        let mut shared = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/sharedStrings.xml").unwrap(), &mut shared)
            .unwrap();
        assert!(shared.contains("count=\"10\" uniqueCount=\"4\""), "{shared}");
        assert!(shared.contains("<si><t xml:space=\"preserve\"> lề trái</t></si>"), "{shared}");

        // calamine itself: the grid of `load` trims the text of cells.
        use calamine::{Data, Reader};
        let mut read = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        for (name, reversed) in [("Một", false), ("Hai", true)] {
            let range = read.worksheet_range(name).unwrap();
            let mut cells: Vec<Data> = range.rows().skip(1).map(|r| r[0].clone()).collect();
            if reversed {
                cells.reverse();
            }
            let written: Vec<Data> = texts.iter().map(|t| Data::String((*t).to_string())).collect();
            assert_eq!(cells, written);
        }
    }
}
