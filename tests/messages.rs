//! Messages staff can act on (SPEC §6): every problem once, at its line and column
//! whatever editor wrote the file, with the right form of the usual mistakes, always on
//! one line, in Vietnamese on a Vietnamese site and in English with `--lang en`.

mod common;

use common::{Run, TempDir, bantin, path_str};
use std::fs;
use std::path::{Path, PathBuf};

const SITE: &str = "title: Bản tin thử\nbase_url: https://example.org/\n";
const UNITS: &str = "units:\n  - id: tinh\n    name: Đảng bộ tỉnh\n  - id: krong-pac\n    name: Huyện Krông Pắc\n    parent: tinh\n";
const ARTICLE: &str = "---\ntitle: Tin\ndate: 2024-05-04\nunits: [krong-pac]\n---\nNội dung.\n";

/// A content folder: site.yaml, data/don-vi.yaml (a province and one district), an
/// article naming the district, and `files` (path, bytes) on top.
fn content(tmp: &TempDir, files: &[(&str, &[u8])]) -> PathBuf {
    let dir = tmp.join("content");
    for (path, bytes) in [
        ("site.yaml", SITE.as_bytes()),
        ("data/don-vi.yaml", UNITS.as_bytes()),
        ("news/tin.md", ARTICLE.as_bytes()),
    ]
    .into_iter()
    .chain(files.iter().copied())
    {
        let path = dir.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    dir
}

fn check(dir: &Path, lang: &[&str]) -> Run {
    let mut args = vec!["check"];
    args.extend_from_slice(lang);
    args.extend(["--content", path_str(dir)]);
    bantin(&args)
}

/// The problem lines of a check, each without the content folder in front.
fn lines(run: &Run, dir: &Path) -> Vec<String> {
    let prefix = format!("{}/", dir.display());
    run.stderr.lines().filter_map(|l| l.strip_prefix(&prefix)).map(str::to_string).collect()
}

/// Checks `files` on top of the base content and asserts exactly `expected` problem
/// lines (Vietnamese, then English with `--lang en`) and the exit code.
fn assert_lines(name: &str, files: &[(&str, &[u8])], code: i32, vi: &[&str], en: &[&str]) {
    let tmp = TempDir::new(name);
    let dir = content(&tmp, files);
    for (lang, expected) in [(&[][..], vi), (&["--lang", "en"][..], en)] {
        let run = check(&dir, lang);
        assert_eq!(run.code, code, "{name} {lang:?}: {run:#?}");
        let found = lines(&run, &dir);
        assert_eq!(found, expected, "{name} {lang:?}:\n{}", run.stderr);
    }
}

#[test]
fn every_problem_of_one_report_is_shown() {
    let report = "reports:\n  - unit: krong-pac\n    period: 2024\n    as_of: 2024-02-30\n    admitted: 5.7\n    training:\n      awareness_trainees: \"3,50\"\n";
    assert_lines(
        "every-field",
        &[("data/bao-cao.yaml", report.as_bytes())],
        1,
        &[
            "data/bao-cao.yaml:4:12: as_of: `2024-02-30` là ngày không có thật: tháng 2/2024 chỉ có 29 ngày",
            "data/bao-cao.yaml:5:15: admitted: `5.7` không phải số nguyên: số người, số lớp là số nguyên từ 0 trở lên",
            "data/bao-cao.yaml:7:27: training.awareness_trainees: `3,50` không phải số nguyên: số người, số lớp là \
             số nguyên từ 0 trở lên",
        ],
        &[
            "data/bao-cao.yaml:4:12: as_of: `2024-02-30` is not a date that exists: 2024-02 has 29 days",
            "data/bao-cao.yaml:5:15: admitted: `5.7` is not a whole number: expected a whole number >= 0",
            "data/bao-cao.yaml:7:27: training.awareness_trainees: `3,50` is not a whole number: expected a whole \
             number >= 0",
        ],
    );
}

/// Rate targets: each rule at its place, and a rate written as text with the number it
/// means.
#[test]
fn rate_targets_are_checked_where_they_are_written() {
    let report = "reports:\n  - unit: krong-pac\n    period: 2024\n    admitted: 57\n    targets:\n      - rate_pct: 3\n      - value: 246\n        rate_pct: 3\n      - by: Tỉnh ủy\n      - rate_pct: 4\n        max_rate_pct: 3\n        max: 300\n";
    assert_lines(
        "rate-targets",
        &[("data/bao-cao.yaml", report.as_bytes())],
        1,
        &[
            "data/bao-cao.yaml:6:19: chỉ tiêu theo tỷ lệ (rate_pct: 3) cần số đảng viên đầu kỳ: hãy thêm \
             members_at_start (tổng số đảng viên ngày đầu kỳ) vào báo cáo này",
            "data/bao-cao.yaml:8:19: chỉ tiêu có cả value (246) và rate_pct (3): mỗi chỉ tiêu là số người hoặc tỷ \
             lệ, không phải cả hai; nếu nghị quyết giao cả hai thì ghi thành hai chỉ tiêu",
            "data/bao-cao.yaml:9:9: chỉ tiêu chưa có value hoặc rate_pct: ghi số người cần kết nạp (value: 246) \
             hoặc tỷ lệ so với số đảng viên đầu kỳ (rate_pct: 3)",
            "data/bao-cao.yaml:10:19: chỉ tiêu theo tỷ lệ (rate_pct: 4) cần số đảng viên đầu kỳ: hãy thêm \
             members_at_start (tổng số đảng viên ngày đầu kỳ) vào báo cáo này",
            "data/bao-cao.yaml:11:23: max_rate_pct (3) nhỏ hơn rate_pct (4): mức trên của tỷ lệ phải không nhỏ \
             hơn mức dưới",
            "data/bao-cao.yaml:12:14: max là số người, dùng với value: với chỉ tiêu theo tỷ lệ, mức trên ghi là \
             max_rate_pct",
        ],
        &[
            "data/bao-cao.yaml:6:19: a rate target (rate_pct: 3) needs the members at the start: add \
             members_at_start (the members on the period's first day) to this report",
            "data/bao-cao.yaml:8:19: target has both value (246) and rate_pct (3): a target is a count or a rate, \
             not both; write two targets when a resolution sets both",
            "data/bao-cao.yaml:9:9: target has no value and no rate_pct: expected the people to admit (value: \
             246) or a rate of the members at the start (rate_pct: 3)",
            "data/bao-cao.yaml:10:19: a rate target (rate_pct: 4) needs the members at the start: add \
             members_at_start (the members on the period's first day) to this report",
            "data/bao-cao.yaml:11:23: max_rate_pct (3) is smaller than rate_pct (4): expected max_rate_pct >= \
             rate_pct",
            "data/bao-cao.yaml:12:14: max is a count, for targets with value: a rate target's top is max_rate_pct",
        ],
    );
    let text = "reports:\n  - {unit: krong-pac, period: 2024, admitted: 57, members_at_start: 1900, targets: [{rate_pct: \"3,5%\"}]}\n";
    assert_lines(
        "rate-as-text",
        &[("data/bao-cao.yaml", text.as_bytes())],
        1,
        &[
            "data/bao-cao.yaml:2:96: targets[0].rate_pct: `3,5%` được viết như chữ: tỷ lệ ghi bằng số, không kèm dấu \
           % và dùng dấu chấm thập phân, ví dụ 3.5",
        ],
        &[
            "data/bao-cao.yaml:2:96: targets[0].rate_pct: `3,5%` is written as text: expected the rate as a number, \
           without % and with a decimal point, like 3.5",
        ],
    );
}

/// A tab in the units file breaks it: one error there, and one note instead of an
/// "unknown unit" for each report and article that names its units.
#[test]
fn a_broken_file_is_one_error_not_a_flood_of_unknown_names() {
    let units = "units:\n  - id: tinh\n    name: Đảng bộ tỉnh\n  - id: krong-pac\n\tname: Huyện Krông Pắc\n";
    let reports = "reports:\n  - {unit: krong-pac, period: 2024, admitted: 57}\n  - {unit: tinh, period: 2024, admitted: 60}\n";
    assert_lines(
        "syntax",
        &[("data/don-vi.yaml", units.as_bytes()), ("data/bao-cao.yaml", reports.as_bytes())],
        1,
        &[
            "data/don-vi.yaml:1:1: cảnh báo: 3 chỗ nhắc tới đơn vị hoặc bài viết có thể khai báo trong tệp này chưa \
             được kiểm tra: hãy sửa lỗi của tệp này trước",
            "data/don-vi.yaml:5:1: dòng này thụt lề bằng phím Tab: hãy thụt lề bằng dấu cách (YAML: found a tab \
             character that violates indentation, while scanning a plain scalar)",
        ],
        &[
            "data/don-vi.yaml:1:1: warning: 3 references to units or articles that may be defined in this file were \
             not checked: fix this file's problem first",
            "data/don-vi.yaml:5:1: this line is indented with a tab: indent with spaces (YAML: found a tab character \
             that violates indentation, while scanning a plain scalar)",
        ],
    );
}

#[test]
fn a_file_saved_as_utf16_says_so_and_holds_back_its_names() {
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(UNITS.encode_utf16().flat_map(u16::to_le_bytes));
    assert_lines(
        "utf16",
        &[("data/don-vi.yaml", &utf16)],
        1,
        &[
            "data/don-vi.yaml:1:1: tệp được lưu bằng mã UTF-16: hãy lưu lại bằng mã UTF-8 (trong Notepad: Save As, \
             mục Encoding chọn UTF-8)",
            "data/don-vi.yaml:1:1: cảnh báo: 1 chỗ nhắc tới đơn vị hoặc bài viết có thể khai báo trong tệp này chưa \
             được kiểm tra: hãy sửa lỗi của tệp này trước",
        ],
        &[
            "data/don-vi.yaml:1:1: is saved as UTF-16 text: expected the file saved as UTF-8 (in Notepad: Save as, \
             Encoding: UTF-8)",
            "data/don-vi.yaml:1:1: warning: 1 reference to units or articles that may be defined in this file was \
             not checked: fix this file's problem first",
        ],
    );
}

/// Each later duplicate names the first (files are read in name order), with its line
/// and column.
#[test]
fn duplicates_name_the_first_place() {
    let tmp = TempDir::new("duplicates");
    let twice = "units:\n  - id: tinh\n    name: Lần hai\n";
    let thrice = "units:\n\n  - id: tinh\n    name: Lần ba\n";
    let dir = content(&tmp, &[("data/hai.yaml", twice.as_bytes()), ("data/ba.yaml", thrice.as_bytes())]);
    let first = format!("{}/data/ba.yaml:3:9", dir.display());
    let run = check(&dir, &[]);
    assert_eq!(
        lines(&run, &dir),
        [
            format!(
                "data/don-vi.yaml:2:9: mã đơn vị `tinh` bị dùng hai lần (lần đầu tại {first}): mỗi đơn vị cần một mã riêng"
            ),
            format!(
                "data/hai.yaml:2:9: mã đơn vị `tinh` bị dùng hai lần (lần đầu tại {first}): mỗi đơn vị cần một mã riêng"
            ),
        ]
    );
}

/// The same unknown parent, written by the editors of three systems, with and without
/// a byte-order mark and a final line break: always line 4, column 13.
#[test]
fn positions_are_right_whatever_editor_wrote_the_file() {
    let lines_of = ["units:", "  - id: xa", "    name: Xã", "    parent: khong-co"];
    let expected =
        "data/x.yaml:4:13: không có đơn vị mã `khong-co`: cần mã của một đơn vị khai báo trong data/";
    for (name, end, bom) in
        [("lf", "\n", false), ("crlf", "\r\n", false), ("cr", "\r", false), ("bom", "\r\n", true)]
    {
        let mut text = if bom { "\u{feff}".to_string() } else { String::new() };
        text.push_str(&lines_of.join(end));
        for final_break in [true, false] {
            let text = if final_break { format!("{text}{end}") } else { text.clone() };
            let tmp = TempDir::new(&format!("editor-{name}-{final_break}"));
            let dir = content(&tmp, &[("data/x.yaml", text.as_bytes())]);
            assert_eq!(lines(&check(&dir, &[]), &dir), [expected], "{name}, final break {final_break}");
        }
    }
}

#[test]
fn syntax_errors_at_the_end_and_control_characters_are_placed_inside_the_file() {
    assert_lines(
        "end-and-nul",
        &[
            ("data/x.yaml", b"units:\n  - id: xa\n    name: \"X\xc3\xa3"),
            ("data/y.yaml", b"units:\n  - id: y\n    name: A\x00B\n"),
        ],
        1,
        &[
            "data/x.yaml:3:14: có dấu ngoặc kép hoặc ngoặc chưa đóng (YAML: found unexpected end of stream, while \
             scanning a quoted scalar)",
            "data/y.yaml:3:12: có ký tự điều khiển U+0000 (không hiển thị được) tại đây: hãy xóa ký tự này (thường do \
             sao chép từ chương trình khác)",
        ],
        &[
            "data/x.yaml:3:14: a quote or bracket is not closed (YAML: found unexpected end of stream, while scanning \
             a quoted scalar)",
            "data/y.yaml:3:12: holds the control character U+0000 here, which a text cannot show: delete it (it may \
             come from copying out of another program)",
        ],
    );
}

/// A value with a line break or a terminal escape cannot forge a second line.
#[test]
fn a_message_is_always_one_line() {
    let report = "reports:\n  - unit: \"krong-pac\\ndata/x.yaml:1:1: giả\\e[31m\"\n    period: 2024\n    admitted: 1\n";
    assert_lines(
        "one-line",
        &[("data/bao-cao.yaml", report.as_bytes())],
        1,
        &[
            "data/bao-cao.yaml:2:11: không có đơn vị mã `krong-pac\\ndata/x.yaml:1:1: giả\\u{1b}[31m`: cần mã của một \
           đơn vị khai báo trong data/",
        ],
        &[
            "data/bao-cao.yaml:2:11: unit `krong-pac\\ndata/x.yaml:1:1: giả\\u{1b}[31m` does not exist: expected the id \
           of a unit in data/",
        ],
    );
}

#[test]
fn usual_mistakes_show_the_right_form() {
    let units = "units:\n  - id: vĩnh-yên\n    name: Vĩnh Yên\n    parent: tinh\n";
    let reports = "reports:\n  - unit: krong-pak\n    period: 2024\n    as_of: 31/03/2024\n    admitted: 1.000\n    \
                   composition:\n      womn: 3\n  - unit: krong-pac\n    period: 2023\n    admitted: \"12%\"\n    \
                   ket_nap: 4\n    source: tinn\n";
    assert_lines(
        "hints",
        &[("data/vinh-yen.yaml", units.as_bytes()), ("data/bao-cao.yaml", reports.as_bytes())],
        1,
        &[
            "data/bao-cao.yaml:4:12: as_of: `31/03/2024` viết ngày trước: trong tệp số liệu hãy viết năm-tháng-ngày: \
             2024-03-31",
            "data/bao-cao.yaml:5:15: admitted: `1.000` có dấu phân cách hàng nghìn: trong tệp số liệu hãy viết liền, \
             không dấu: 1000",
            "data/bao-cao.yaml:10:15: admitted: `12%` là tỷ lệ phần trăm, ở đây cần số người: hãy ghi số người \
             (bantin tự tính tỷ lệ)",
            "data/bao-cao.yaml:11:5: không có trường `ket_nap`. Có phải là `admitted`?",
            "data/vinh-yen.yaml:2:9: mã đơn vị `vĩnh-yên` không hợp lệ: mã chỉ gồm chữ thường không dấu, chữ số và \
             dấu `-`; hãy viết `vinh-yen`",
        ],
        &[
            "data/bao-cao.yaml:4:12: as_of: `31/03/2024` puts the day first: write 2024-03-31 (YYYY-MM-DD)",
            "data/bao-cao.yaml:5:15: admitted: `1.000` has a thousands separator: in data files write the digits \
             alone: 1000",
            "data/bao-cao.yaml:10:15: admitted: `12%` is a percentage where a count of people belongs: write the \
             count (bantin computes rates)",
            "data/bao-cao.yaml:11:5: unknown field `ket_nap`. Did you mean `admitted`?",
            "data/vinh-yen.yaml:2:9: id `vĩnh-yên` is not valid: expected lowercase letters without accents, digits \
             and `-`; write `vinh-yen`",
        ],
    );
}

#[test]
fn misspelt_names_get_the_nearest_known_one() {
    let reports = "reports:\n  - unit: krong-pak\n    period: 2024\n    admitted: 5\n    composition:\n      womn: 3\n    \
                   source: tinn\n";
    assert_lines(
        "did-you-mean",
        &[("data/bao-cao.yaml", reports.as_bytes())],
        1,
        &[
            "data/bao-cao.yaml:2:11: không có đơn vị mã `krong-pak`: cần mã của một đơn vị khai báo trong data/. Có \
             phải là `krong-pac`?",
            "data/bao-cao.yaml:6:7: không có nhóm cơ cấu `womn`. Có phải là `women`?",
            "data/bao-cao.yaml:7:13: source `tinn` không phải bài viết nào: cần đường dẫn (slug) của một bài trong \
             news/ hoặc một địa chỉ http(s). Có phải là `tin`?",
        ],
        &[
            "data/bao-cao.yaml:2:11: unit `krong-pak` does not exist: expected the id of a unit in data/. Did you \
             mean `krong-pac`?",
            "data/bao-cao.yaml:6:7: unknown composition category `womn`. Did you mean `women`?",
            "data/bao-cao.yaml:7:13: source `tinn` is not an article: expected the slug of an article in news/ or an \
             http(s) address. Did you mean `tin`?",
        ],
    );
}

/// A monthly figure typed where the running total belongs.
#[test]
fn a_later_snapshot_with_fewer_admitted_is_a_warning() {
    let reports = "reports:\n  - {unit: krong-pac, period: 2024, as_of: 2024-03-31, admitted: 40}\n  - {unit: krong-pac, \
                   period: 2024, as_of: 2024-04-30, admitted: 9}\n";
    assert_lines(
        "snapshots",
        &[("data/bao-cao.yaml", reports.as_bytes())],
        0,
        &[
            "data/bao-cao.yaml:3:66: cảnh báo: số kết nạp lũy kế của `krong-pac` kỳ 2024 giảm từ 40 (tính đến \
           2024-03-31) xuống 9: số của các lần báo cáo sau phải là số cộng dồn từ đầu kỳ, không phải số riêng của \
           tháng",
        ],
        &[
            "data/bao-cao.yaml:3:66: warning: the running total of `krong-pac` for period 2024 falls from 40 (as of \
           2024-03-31) to 9: a later report gives the total since the period began, not the month's own figure",
        ],
    );
}

/// The summary line of a build counts the files it wrote: one chart shown on two pages
/// is one chart, and a chart is counted once though it is drawn twice (wide, and
/// narrow for phones).
#[test]
fn a_build_counts_the_files_it_wrote() {
    let tmp = TempDir::new("counts");
    let out = tmp.join("out");
    let run = bantin(&["build", "--content", "content", "--output", path_str(&out)]);
    assert_eq!(run.code, 0, "{run:#?}");
    let count = |dir: &Path, ext: &str| {
        walk(dir).into_iter().filter(|p| p.extension().is_some_and(|e| e == ext)).count()
    };
    let (pages, drawings) = (count(&out, "html"), count(&out.join("charts"), "svg"));
    let charts = drawings - count(&out.join("charts/narrow"), "svg");
    assert_eq!(drawings, 2 * charts);
    let summary = format!("Đã xuất bản {pages} trang, {charts} biểu đồ,");
    assert!(run.stderr.contains(&summary), "expected `{summary}` in:\n{}", run.stderr);
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// One cell of a test workbook: a number, a text, or a date cell.
enum Cell {
    N(f64),
    T(&'static str),
    D(u16, u8, u8),
}

/// A workbook of one sheet named `sheet`, a row of cells per line (`None`: empty).
fn workbook(sheet: &str, rows: &[&[Option<Cell>]]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet().set_name(sheet).unwrap();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (u32::try_from(r).unwrap(), u16::try_from(c).unwrap());
            match cell {
                None => {}
                Some(Cell::N(n)) => {
                    ws.write_number(r, c, *n).unwrap();
                }
                Some(Cell::T(t)) => {
                    ws.write_string(r, c, *t).unwrap();
                }
                Some(Cell::D(y, m, d)) => {
                    let day = rust_xlsxwriter::ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                    ws.write_datetime_with_format(r, c, &day, &date).unwrap();
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// Every broken cell of a reports sheet, each at its sheet and cell: values read as YAML
/// values are (the same hints), rules between values (an unknown unit, a count above
/// admitted, a duplicate), an unknown column once at its header.
#[test]
fn every_broken_cell_is_placed_at_its_sheet_and_cell() {
    use Cell::{D, N, T};
    let header = [
        Some(T("Mã đơn vị")),
        Some(T("Kỳ")),
        Some(T("Tính đến ngày")),
        Some(T("Kết nạp")),
        Some(T("Nữ")),
        Some(T("Tổng số đảng viên")),
        Some(T("Chỉ tiêu 1")),
        Some(T("Chỉ tiêu 1 tối đa")),
        Some(T("admited")),
    ];
    let rows: &[&[Option<Cell>]] = &[
        &header,
        &[Some(T("krong-pac")), Some(N(2024.0)), Some(D(2024, 5, 4)), Some(T("1.234"))],
        &[Some(T("krong-pac")), Some(N(2023.0)), Some(T("31/12/2023")), Some(N(5.0))],
        &[Some(T("krong-pax")), Some(N(2022.0)), None, Some(N(10.0))],
        &[Some(T("krong-pac")), Some(N(2021.0)), None, Some(N(10.0)), Some(N(12.0))],
        &[Some(T("krong-pac")), Some(N(2020.0)), None, Some(N(10.0)), None, Some(T("109,3%"))],
        &[
            Some(T("krong-pac")),
            Some(N(2019.0)),
            None,
            Some(N(10.0)),
            None,
            None,
            Some(N(20.0)),
            Some(N(15.0)),
        ],
        &[Some(T("krong-pac")), Some(N(2018.0)), None, Some(N(5.5))],
        &[],
        &[Some(T("krong-pac")), Some(N(2017.0)), None, Some(N(1.0))],
        &[Some(T("krong-pac")), Some(T("2017")), None, Some(N(2.0))],
    ];
    let bytes = workbook("Báo cáo", rows);
    let tmp = TempDir::new("cells");
    let dir = content(&tmp, &[("data/bao-cao-2024.xlsx", &bytes)]);
    let first = format!("{}/data/bao-cao-2024.xlsx:Báo cáo!A10", dir.display());
    for (lang, expected) in [
        (
            &[][..],
            [
                "data/bao-cao-2024.xlsx:Báo cáo!I1: không có cột `admited`. Có phải là `admitted`?".to_string(),
                "data/bao-cao-2024.xlsx:Báo cáo!D2: admitted: `1.234` có dấu phân cách hàng nghìn: trong tệp số liệu \
                 hãy viết liền, không dấu: 1234"
                    .into(),
                "data/bao-cao-2024.xlsx:Báo cáo!C3: as_of: `31/12/2023` viết ngày trước: trong tệp số liệu hãy viết \
                 năm-tháng-ngày: 2023-12-31"
                    .into(),
                "data/bao-cao-2024.xlsx:Báo cáo!A4: không có đơn vị mã `krong-pax`: cần mã của một đơn vị khai báo \
                 trong data/. Có phải là `krong-pac`?"
                    .into(),
                "data/bao-cao-2024.xlsx:Báo cáo!E5: composition.women (12) lớn hơn số kết nạp admitted (10)".into(),
                "data/bao-cao-2024.xlsx:Báo cáo!F6: members: `109,3%` là tỷ lệ phần trăm, ở đây cần số người: hãy \
                 ghi số người (bantin tự tính tỷ lệ)"
                    .into(),
                "data/bao-cao-2024.xlsx:Báo cáo!H7: max (15) nhỏ hơn value (20): mức trên của chỉ tiêu phải không nhỏ \
                 hơn mức dưới"
                    .into(),
                "data/bao-cao-2024.xlsx:Báo cáo!D8: admitted: `5.5` không phải số nguyên: số người, số lớp là số \
                 nguyên từ 0 trở lên"
                    .into(),
                format!(
                    "data/bao-cao-2024.xlsx:Báo cáo!A11: báo cáo thứ hai của `krong-pac` cho kỳ 2017 tính đến \
                     2017-12-31 (báo cáo đầu tại {first}): mỗi đơn vị, kỳ và ngày as_of chỉ có một báo cáo"
                ),
            ],
        ),
        (
            &["--lang", "en"][..],
            [
                "data/bao-cao-2024.xlsx:Báo cáo!I1: unknown column `admited`. Did you mean `admitted`?".to_string(),
                "data/bao-cao-2024.xlsx:Báo cáo!D2: admitted: `1.234` has a thousands separator: in data files write \
                 the digits alone: 1234"
                    .into(),
                "data/bao-cao-2024.xlsx:Báo cáo!C3: as_of: `31/12/2023` puts the day first: write 2023-12-31 \
                 (YYYY-MM-DD)"
                    .into(),
                "data/bao-cao-2024.xlsx:Báo cáo!A4: unit `krong-pax` does not exist: expected the id of a unit in \
                 data/. Did you mean `krong-pac`?"
                    .into(),
                "data/bao-cao-2024.xlsx:Báo cáo!E5: composition.women (12) is larger than admitted (10)".into(),
                "data/bao-cao-2024.xlsx:Báo cáo!F6: members: `109,3%` is a percentage where a count of people \
                 belongs: write the count (bantin computes rates)"
                    .into(),
                "data/bao-cao-2024.xlsx:Báo cáo!H7: max (15) is smaller than value (20): expected max >= value".into(),
                "data/bao-cao-2024.xlsx:Báo cáo!D8: admitted: `5.5` is not a whole number: expected a whole number >= 0"
                    .into(),
                format!(
                    "data/bao-cao-2024.xlsx:Báo cáo!A11: a second report of `krong-pac` for period 2017 as of \
                     2017-12-31 (the first at {first}): expected one report per unit, period and as_of"
                ),
            ],
        ),
    ] {
        let run = check(&dir, lang);
        assert_eq!(run.code, 1, "{lang:?}: {run:#?}");
        assert_eq!(lines(&run, &dir), expected, "{lang:?}:\n{}", run.stderr);
    }
}

/// A CSV file: places are its line and its column's number (4 is D), comma or
/// semicolon separated, with or without a byte-order mark; text that means a number
/// gets the YAML hints.
#[test]
fn a_csv_cell_is_placed_at_its_line_and_column() {
    let csv =
        "\u{feff}unit;period;as_of;admitted\nkrong-pac;2024;2024-05-04;12%\nkrong-pac;2023;;\"1,234\"\n";
    assert_lines(
        "csv",
        &[("data/bao-cao.csv", csv.as_bytes())],
        1,
        &[
            "data/bao-cao.csv:2:4: admitted: `12%` là tỷ lệ phần trăm, ở đây cần số người: hãy ghi số người \
             (bantin tự tính tỷ lệ)",
            "data/bao-cao.csv:3:4: admitted: `1,234` có dấu phân cách hàng nghìn: trong tệp số liệu hãy viết liền, \
             không dấu: 1234",
        ],
        &[
            "data/bao-cao.csv:2:4: admitted: `12%` is a percentage where a count of people belongs: write the count \
             (bantin computes rates)",
            "data/bao-cao.csv:3:4: admitted: `1,234` has a thousands separator: in data files write the digits \
             alone: 1234",
        ],
    );
}

/// A CSV file Excel saved in the Windows code page, a workbook that is no workbook, a
/// reports sheet without its admitted column, a sheet of neither units nor reports.
#[test]
fn files_a_spreadsheet_program_saved_wrong_say_how_to_save_them() {
    // "Kết nạp" in Windows-1258: not UTF-8 from its second character on.
    let cp1258 = b"unit,period,K\xea\xd2t n\xf2p\nkrong-pac,2024,3\n";
    let no_admitted = workbook(
        "Báo cáo",
        &[
            &[Some(Cell::T("Mã đơn vị")), Some(Cell::T("Kỳ")), Some(Cell::T("Ket nap them"))],
            &[Some(Cell::T("krong-pac")), Some(Cell::N(2024.0)), Some(Cell::N(3.0))],
        ],
    );
    let neither = workbook("Trang tính1", &[&[Some(Cell::T("Ghi chép"))]]);
    assert_lines(
        "saved-wrong",
        &[
            ("data/a.csv", cp1258),
            ("data/b.xlsx", b"PK\x03\x04 not a workbook"),
            ("data/c.xlsx", &no_admitted),
            ("data/d.xlsx", &neither),
        ],
        1,
        &[
            "data/a.csv:1:14: tệp CSV không phải mã UTF-8 từ chỗ này: trong Excel hãy lưu lại bằng Save As, chọn \
             kiểu CSV UTF-8 (Comma delimited)",
            "data/b.xlsx:1:1: không mở được bảng tính (Zip error: invalid Zip archive: Could not find EOCD): hãy mở \
             tệp bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx",
            "data/c.xlsx:Báo cáo!A1: dòng tiêu đề thiếu cột `Kết nạp` (admitted): mỗi dòng của trang này cần cột đó, \
             nên chưa đọc dòng nào",
            "data/d.xlsx:1:1: cảnh báo: bỏ qua: không có trang nào có dòng tiêu đề của đơn vị (Mã đơn vị, Tên đơn vị) \
             hoặc của báo cáo (Mã đơn vị, Kỳ, Kết nạp)",
        ],
        &[
            "data/a.csv:1:14: this CSV file is not UTF-8 from here on: in Excel, Save As and choose CSV UTF-8 (Comma \
             delimited)",
            "data/b.xlsx:1:1: cannot be opened as a workbook (Zip error: invalid Zip archive: Could not find EOCD): \
             expected a file Excel or LibreOffice saved as .xlsx",
            "data/c.xlsx:Báo cáo!A1: the header row has no column `admitted` (Admitted): every row of this sheet \
             needs it, so none was read",
            "data/d.xlsx:1:1: warning: ignored: no sheet has a header row of units (id, name) or of reports (unit, \
             period, admitted)",
        ],
    );
}

/// A rate target is worked out from `members_at_start`: zero members is said at its
/// place, with what it should be.
#[test]
fn members_at_the_start_of_zero_is_placed_at_the_number() {
    let report = "reports:\n  - unit: krong-pac\n    period: 2024\n    admitted: 57\n    members_at_start: 0\n    \
                  targets:\n      - rate_pct: 3\n";
    assert_lines(
        "members-at-start-zero",
        &[("data/bao-cao.yaml", report.as_bytes())],
        1,
        &["data/bao-cao.yaml:5:23: members_at_start bằng 0: cần tổng số đảng viên ngày đầu kỳ, lớn hơn 0"],
        &["data/bao-cao.yaml:5:23: members_at_start is 0: expected a whole number > 0"],
    );
}

/// A period written as its days needs the label pages show it by: an empty label and
/// a missing one.
#[test]
fn a_period_of_days_needs_its_label() {
    let reports = "reports:\n  - unit: krong-pac\n    period: {from: 2020-10-01, to: 2025-09-30, label: \"\"}\n    \
                   admitted: 57\n  - unit: tinh\n    period: {from: 2020-10-01, to: 2025-09-30}\n    admitted: 60\n";
    assert_lines(
        "period-label",
        &[("data/bao-cao.yaml", reports.as_bytes())],
        1,
        &[
            "data/bao-cao.yaml:3:13: period: nhãn kỳ (label) trống: cần một nhãn như \"2020-2025\"",
            "data/bao-cao.yaml:6:13: thiếu trường bắt buộc `period.label`",
        ],
        &[
            "data/bao-cao.yaml:3:13: period: period label is empty: expected a label such as \"2020-2025\"",
            "data/bao-cao.yaml:6:13: missing required field `period.label`",
        ],
    );
}

/// A data file is a mapping of `units:` and `reports:` lists: a file that is a list or
/// a text, and lists written as something else, each say so where they start.
#[test]
fn a_data_file_is_a_mapping_of_two_lists() {
    let not_lists = "units:\n  id: xa\n  name: Xã\nreports: 5\n";
    assert_lines(
        "data-shape",
        &[
            ("data/danh-sach.yaml", b"- krong-pac\n- tinh\n"),
            ("data/ghi-chu.yaml", "Số liệu quý I\n".as_bytes()),
            ("data/khong-phai-danh-sach.yaml", not_lists.as_bytes()),
        ],
        1,
        &[
            "data/danh-sach.yaml:1:3: tệp số liệu phải là một bảng có danh sách `units:` (đơn vị) và/hoặc \
             `reports:` (báo cáo)",
            "data/ghi-chu.yaml:1:1: tệp số liệu phải là một bảng có danh sách `units:` (đơn vị) và/hoặc `reports:` \
             (báo cáo)",
            "data/khong-phai-danh-sach.yaml:2:3: `units` phải là một danh sách, mỗi mục bắt đầu bằng `- `",
            "data/khong-phai-danh-sach.yaml:4:10: `reports` phải là một danh sách, mỗi mục bắt đầu bằng `- `",
        ],
        &[
            "data/danh-sach.yaml:1:3: expected a mapping with `units:` and/or `reports:` lists",
            "data/ghi-chu.yaml:1:1: expected a mapping with `units:` and/or `reports:` lists",
            "data/khong-phai-danh-sach.yaml:2:3: `units` must be a list (each item starting with `- `)",
            "data/khong-phai-danh-sach.yaml:4:10: `reports` must be a list (each item starting with `- `)",
        ],
    );
}

/// Two columns of a sheet for one field: the second is named at its header cell.
#[test]
fn a_column_given_twice_is_placed_at_its_second_header() {
    use Cell::{N, T};
    let bytes = workbook(
        "Báo cáo",
        &[
            &[Some(T("Mã đơn vị")), Some(T("Kỳ")), Some(T("admitted")), Some(T("Kết nạp"))],
            &[Some(T("krong-pac")), Some(N(2024.0)), Some(N(5.0)), Some(N(7.0))],
        ],
    );
    assert_lines(
        "column-twice",
        &[("data/bao-cao.xlsx", &bytes)],
        1,
        &["data/bao-cao.xlsx:Báo cáo!D1: cột `Kết nạp` (admitted) có hai lần: hãy xóa một cột"],
        &[
            "data/bao-cao.xlsx:Báo cáo!D1: column `Kết nạp` (admitted) is given twice: expected one column per field",
        ],
    );
}

/// A name, title or tag left empty, written `""` or with nothing after its key: each
/// is placed on its own line, not on the line that follows.
#[test]
fn empty_names_titles_and_tags_are_placed_on_their_own_line() {
    // YAML's null (`~`, `null`) is an empty value too, not the text "~" or "null".
    let units = "units:\n  - id: xa\n    name:\n    parent: tinh\n  - id: xb\n    name: \"\"\n    parent: tinh\n  \
                 - id: xc\n    name: ~\n    parent: tinh\n";
    let report = "reports:\n  - unit: krong-pac\n    period: 2024\n    admitted:\n    note: chưa có số\n";
    let article = "---\ntitle:\ndate: 2024-05-04\ntags: [hội nghị, \"\"]\n---\nNội dung.\n";
    let null_article = "---\ntitle: null\ndate: 2024-05-04\ntags: [~]\n---\nNội dung.\n";
    assert_lines(
        "empty",
        &[
            ("data/xa.yaml", units.as_bytes()),
            ("data/bao-cao.yaml", report.as_bytes()),
            ("news/trong.md", article.as_bytes()),
            ("news/rong.md", null_article.as_bytes()),
        ],
        1,
        &[
            "data/bao-cao.yaml:4:5: admitted: giá trị trống không dùng được ở đây, cần số nguyên từ 0 trở lên",
            "data/xa.yaml:3:5: đơn vị `xa` chưa có tên (name)",
            "data/xa.yaml:6:11: đơn vị `xb` chưa có tên (name)",
            "data/xa.yaml:9:11: đơn vị `xc` chưa có tên (name)",
            "news/rong.md:2:8: title trống: cần tiêu đề của bài",
            "news/rong.md:4:8: chủ đề trống: cần một từ hoặc cụm từ",
            "news/trong.md:2:1: title trống: cần tiêu đề của bài",
            "news/trong.md:4:18: chủ đề trống: cần một từ hoặc cụm từ",
        ],
        &[
            "data/bao-cao.yaml:4:5: admitted: an empty value cannot go here: expected a whole number >= 0",
            "data/xa.yaml:3:5: unit `xa` has an empty name",
            "data/xa.yaml:6:11: unit `xb` has an empty name",
            "data/xa.yaml:9:11: unit `xc` has an empty name",
            "news/rong.md:2:8: title is empty: expected the article's headline",
            "news/rong.md:4:8: tag is empty: expected a word or phrase",
            "news/trong.md:2:1: title is empty: expected the article's headline",
            "news/trong.md:4:18: tag is empty: expected a word or phrase",
        ],
    );
}

/// `percent_decimals` up to 6; extra categories with a key of their own and a label.
/// A declared category is then known in reports.
#[test]
fn site_settings_say_what_they_accept() {
    let site = "title: Bản tin thử\nbase_url: https://example.org/\npercent_decimals: 7\ncategories:\n  women: Phụ \
                nữ\n  Cựu-Chiến-Binh: Cựu chiến binh\n  nong_dan: \"\"\n  tri_thuc: Trí thức\n";
    let report = "reports:\n  - {unit: krong-pac, period: 2024, admitted: 5, composition: {tri_thuc: 2}}\n";
    assert_lines(
        "site-settings",
        &[("site.yaml", site.as_bytes()), ("data/bao-cao.yaml", report.as_bytes())],
        1,
        &[
            "site.yaml:3:19: percent_decimals: `7` vượt quá số lớn nhất cho phép: cần số nguyên từ 0 đến 6",
            "site.yaml:5:3: nhóm `women` đã có sẵn: hãy xóa nhóm này khỏi mục categories",
            "site.yaml:6:3: mã nhóm `Cựu-Chiến-Binh` không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu `_`",
            "site.yaml:7:13: nhóm `nong_dan` chưa có tên: cần tên để hiển thị",
        ],
        &[
            "site.yaml:3:19: percent_decimals: `7` is above the largest count: expected a whole number from 0 to 6",
            "site.yaml:5:3: category `women` is built in: remove it from categories",
            "site.yaml:6:3: category key `Cựu-Chiến-Binh` is not valid: expected lowercase letters, digits and `_`",
            "site.yaml:7:13: category `nong_dan` has an empty label: expected the name to show",
        ],
    );
}

/// A number of decimals no byte holds, or below zero, is said in the site's words too.
#[test]
fn percent_decimals_far_out_of_range_are_said_in_plain_words() {
    for (written, vi, en) in [
        (
            "300",
            "site.yaml:3:19: percent_decimals: `300` vượt quá số lớn nhất cho phép: cần số nguyên từ 0 đến 6",
            "site.yaml:3:19: percent_decimals: `300` is above the largest count: expected a whole number from 0 to 6",
        ),
        (
            "-1",
            "site.yaml:3:19: percent_decimals: `-1` là số âm: cần số nguyên từ 0 trở lên",
            "site.yaml:3:19: percent_decimals: `-1` is negative: expected a whole number >= 0",
        ),
    ] {
        let site = format!("{SITE}percent_decimals: {written}\n");
        assert_lines(&format!("decimals{written}"), &[("site.yaml", site.as_bytes())], 1, &[vi], &[en]);
    }
}

/// A file of a kind its folder does not hold is a warning at the file, and the build
/// goes on.
#[test]
fn files_bantin_does_not_read_are_named() {
    assert_lines(
        "ignored",
        &[("data/ghi-chu.txt", b"x"), ("news/anh.jpg", b"x")],
        0,
        &[
            "data/ghi-chu.txt:1:1: cảnh báo: bỏ qua: thư mục data/ chỉ đọc tệp .yaml và bảng tính .xlsx, .ods, .csv",
            "news/anh.jpg:1:1: cảnh báo: bỏ qua: thư mục news/ chỉ đọc tệp .md (ảnh hãy để trong static/)",
        ],
        &[
            "data/ghi-chu.txt:1:1: warning: ignored: only .yaml files and .xlsx, .ods and .csv spreadsheets are \
             read from data/",
            "news/anh.jpg:1:1: warning: ignored: only .md files are read from news/ (put images in static/)",
        ],
    );
}

/// A data or news file saved under a near name (Notepad adds `.txt`, which File Explorer
/// hides; `.yml`, `.markdown`) is named with the name to give it; an extension in capitals
/// is read, as a spreadsheet's is.
#[test]
fn files_saved_under_a_near_name_are_named_with_the_right_one() {
    let report = "reports:\n  - unit: khong-co\n    period: 2024\n    admitted: 1\n";
    let explorer = "(để thấy đuôi tên tệp trong File Explorer: Xem › Phần mở rộng tên tệp)";
    let shows = "(to see file name extensions in File Explorer: View › File name extensions)";
    assert_lines(
        "near-names",
        &[
            ("data/bao-cao.yaml.txt", b"x"),
            ("data/Ket-Nap.yml", b"x"),
            ("news/tin-moi.md.txt", b"x"),
            ("news/tin-cu.markdown", b"x"),
            ("data/BAO-CAO.YAML", report.as_bytes()),
        ],
        1,
        &[
            "data/BAO-CAO.YAML:2:11: không có đơn vị mã `khong-co`: cần mã của một đơn vị khai báo trong data/",
            &format!(
                "data/Ket-Nap.yml:1:1: cảnh báo: bỏ qua vì đuôi tên tệp: hãy đổi tên tệp thành Ket-Nap.yaml {explorer}"
            ),
            &format!(
                "data/bao-cao.yaml.txt:1:1: cảnh báo: bỏ qua vì đuôi tên tệp: hãy đổi tên tệp thành bao-cao.yaml {explorer}"
            ),
            &format!(
                "news/tin-cu.markdown:1:1: cảnh báo: bỏ qua vì đuôi tên tệp: hãy đổi tên tệp thành tin-cu.md {explorer}"
            ),
            &format!(
                "news/tin-moi.md.txt:1:1: cảnh báo: bỏ qua vì đuôi tên tệp: hãy đổi tên tệp thành tin-moi.md {explorer}"
            ),
        ],
        &[
            "data/BAO-CAO.YAML:2:11: unit `khong-co` does not exist: expected the id of a unit in data/",
            &format!(
                "data/Ket-Nap.yml:1:1: warning: ignored for its extension: rename it to Ket-Nap.yaml {shows}"
            ),
            &format!(
                "data/bao-cao.yaml.txt:1:1: warning: ignored for its extension: rename it to bao-cao.yaml {shows}"
            ),
            &format!(
                "news/tin-cu.markdown:1:1: warning: ignored for its extension: rename it to tin-cu.md {shows}"
            ),
            &format!(
                "news/tin-moi.md.txt:1:1: warning: ignored for its extension: rename it to tin-moi.md {shows}"
            ),
        ],
    );
}

/// Notepad saves `site.yaml.txt`, which File Explorer shows as `site.yaml`: the message
/// names the file that is there and how to see its whole name.
#[test]
fn a_site_file_saved_under_another_name_is_named() {
    let tmp = TempDir::new("site-txt");
    let dir = content(&tmp, &[]);
    fs::rename(dir.join("site.yaml"), dir.join("site.yaml.txt")).unwrap();
    let expected = [
        (
            &[][..],
            "site.yaml:1:1: thiếu tệp site.yaml, nhưng có tệp `site.yaml.txt`: hãy đổi tên tệp đó thành \
             site.yaml (để thấy đuôi tên tệp trong File Explorer: Xem › Phần mở rộng tên tệp)",
        ),
        (
            &["--lang", "en"][..],
            "site.yaml:1:1: site.yaml is missing, but `site.yaml.txt` is there: rename it to site.yaml (to see \
             file name extensions in File Explorer: View › File name extensions)",
        ),
    ];
    for (lang, line) in expected {
        let run = check(&dir, lang);
        assert_eq!((run.code, lines(&run, &dir)), (1, vec![line.to_string()]), "{lang:?}:\n{}", run.stderr);
    }
}

/// Hidden files and folders (SPEC §2) are skipped: an office program's lock file, a
/// broken draft, an article in a hidden folder and a hidden static file are neither
/// read, reported, published nor copied.
#[test]
fn hidden_files_and_folders_are_skipped() {
    let article = "---\ntitle: Bài ẩn\ndate: 2024-05-04\n---\nNội dung.\n";
    let tmp = TempDir::new("hidden");
    let dir = content(
        &tmp,
        &[
            ("data/.~lock.bao-cao.xlsx#", b"lock"),
            // Excel's owner file while bao-cao.xlsx is open: not a workbook.
            ("data/~$bao-cao.xlsx", b"\x0bNguyen Van A"),
            ("data/.nhap.yaml", b"units: [\n"),
            ("news/.nhap/bai-an.md", article.as_bytes()),
            ("news/.bai-an-2.md", article.as_bytes()),
            ("static/.htaccess", b"Deny from all\n"),
        ],
    );
    for lang in [&[][..], &["--lang", "en"][..]] {
        let run = check(&dir, lang);
        assert_eq!((run.code, lines(&run, &dir)), (0, vec![]), "{lang:?}:\n{}", run.stderr);
    }
    let out = tmp.join("out");
    let run = bantin(&["build", "--content", path_str(&dir), "--output", path_str(&out)]);
    assert_eq!(run.code, 0, "{run:#?}");
    let published: Vec<String> =
        walk(&out).iter().map(|p| p.strip_prefix(&out).unwrap().display().to_string()).collect();
    assert!(published.contains(&"news/tin.html".to_string()), "{published:?}");
    for skipped in ["bai-an", ".htaccess"] {
        assert!(!published.iter().any(|p| p.contains(skipped)), "{skipped} is in the site: {published:?}");
    }
}

/// The usual YAML slips beyond tabs, unclosed quotes and a colon in a value: a
/// backquote, and a line out of line with the fields or the list items above it.
#[test]
fn yaml_syntax_errors_say_what_to_do_in_plain_words() {
    assert_lines(
        "syntax-hints",
        &[
            ("data/a.yaml", "units:\n  - id: xa\n    name: `Xã`\n".as_bytes()),
            ("data/b.yaml", "units:\n  - id: xb\n    name: Xã\n   parent: tinh\n".as_bytes()),
            ("data/c.yaml", "units:\n  - id: xc\n    name: Xã\n - id: xd\n".as_bytes()),
        ],
        1,
        &[
            "data/a.yaml:3:11: ký tự này không thể đứng đầu một giá trị: hãy đặt văn bản trong ngoặc kép, và thụt lề \
             bằng dấu cách, không dùng phím Tab (YAML: found character that cannot start any token, while scanning \
             for the next token)",
            "data/b.yaml:4:4: thụt lề không thẳng hàng với các mục danh sách (bắt đầu bằng `- `) phía trên (YAML: \
             did not find expected '-' indicator, while parsing a block collection)",
            "data/c.yaml:4:2: thụt lề không thẳng hàng với các trường phía trên (YAML: did not find expected key, \
             while parsing a block mapping)",
        ],
        &[
            "data/a.yaml:3:11: this character cannot start a value: put the text in quotes (and indent with spaces, \
             not tabs) (YAML: found character that cannot start any token, while scanning for the next token)",
            "data/b.yaml:4:4: the indentation does not line up with the list items (starting with `- `) above (YAML: \
             did not find expected '-' indicator, while parsing a block collection)",
            "data/c.yaml:4:2: the indentation does not line up with the fields above (YAML: did not find expected \
             key, while parsing a block mapping)",
        ],
    );
}

/// A static file where the site has a folder (`units/`), or inside what the site
/// writes as a file (`news.html`).
#[test]
fn a_static_file_cannot_take_the_place_of_a_generated_folder_or_file() {
    assert_lines(
        "static-paths",
        &[("static/units", b"x"), ("static/news.html/anh.png", b"x")],
        1,
        &[
            "static/news.html/anh.png:1:1: static/news.html/anh.png cần thư mục news.html/ ở chỗ bantin ghi tệp \
             news.html: hãy đổi tên hoặc chuyển tệp này đi",
            "static/units:1:1: static/units trùng tên thư mục units/ do bantin tạo: hãy đổi tên hoặc chuyển tệp này đi",
        ],
        &[
            "static/news.html/anh.png:1:1: static/news.html/anh.png needs a folder news.html/ where the generated \
             file news.html is written: rename or move it (static files keep their paths in the site)",
            "static/units:1:1: static/units would take the place of the generated folder units/: rename or move it \
             (static files keep their paths in the site)",
        ],
    );
}

/// A unit id or a reference to a unit left empty (`id:`, `unit: ~`, `units: [""]`) is
/// told as missing, with an id folded from the unit's name, rather than as the unit
/// `` or `~` that does not exist; a unit without an id is never offered as the nearest.
#[test]
fn empty_unit_ids_and_references_are_told_as_missing() {
    let data = concat!(
        "units:\n  - id:\n    name: Chi bộ Thôn Đông\n    parent: krong-pac\n  - id: ~\n    name: Chi bộ 2\n",
        "reports:\n  - unit: ~\n    period: 2024\n    admitted: 3\n  - unit:\n    period: 2023\n    admitted: 4\n",
        "  - unit: krong-pak\n    period: 2023\n    admitted: 4\n",
    );
    let article = "---\ntitle: Tin hai\ndate: 2024-05-04\nunits: [tinh, ~]\n---\nNội dung.\n";
    let id_vi = "cần mã chỉ gồm chữ thường không dấu, chữ số và dấu `-`";
    let id_en = "expected lowercase letters without accents, digits and `-`";
    assert_lines(
        "empty-ids",
        &[("data/chi-bo.yaml", data.as_bytes()), ("news/tin-hai.md", article.as_bytes())],
        1,
        &[
            &format!(
                "data/chi-bo.yaml:2:5: đơn vị `Chi bộ Thôn Đông` chưa có mã (id): {id_vi}, ví dụ `chi-bo-thon-dong`"
            ),
            &format!("data/chi-bo.yaml:5:9: đơn vị `Chi bộ 2` chưa có mã (id): {id_vi}, ví dụ `chi-bo-2`"),
            "data/chi-bo.yaml:8:11: chưa ghi mã đơn vị: cần mã của một đơn vị khai báo trong data/",
            "data/chi-bo.yaml:11:5: chưa ghi mã đơn vị: cần mã của một đơn vị khai báo trong data/",
            "data/chi-bo.yaml:14:11: không có đơn vị mã `krong-pak`: cần mã của một đơn vị khai báo trong data/. \
             Có phải là `krong-pac`?",
            "news/tin-hai.md:4:15: chưa ghi mã đơn vị: cần mã của một đơn vị khai báo trong data/",
        ],
        &[
            &format!(
                "data/chi-bo.yaml:2:5: unit `Chi bộ Thôn Đông` has no id: {id_en}, such as `chi-bo-thon-dong`"
            ),
            &format!("data/chi-bo.yaml:5:9: unit `Chi bộ 2` has no id: {id_en}, such as `chi-bo-2`"),
            "data/chi-bo.yaml:8:11: no unit id given: expected the id of a unit in data/",
            "data/chi-bo.yaml:11:5: no unit id given: expected the id of a unit in data/",
            "data/chi-bo.yaml:14:11: unit `krong-pak` does not exist: expected the id of a unit in data/. \
             Did you mean `krong-pac`?",
            "news/tin-hai.md:4:15: no unit id given: expected the id of a unit in data/",
        ],
    );
}

#[test]
fn a_data_file_that_is_a_bare_list_is_told_which_name_to_give_it() {
    let units = "# Đơn vị của huyện\n- id: chi-bo-1\n  name: Chi bộ 1\n  parent: krong-pac\n";
    let reports = "- unit: krong-pac\n  period: 2023\n  admitted: 4\n";
    let other = "- name: Chi bộ 2\n  parent: krong-pac\n";
    assert_lines(
        "bare-lists",
        &[
            ("data/a.yaml", units.as_bytes()),
            ("data/b.yaml", reports.as_bytes()),
            ("data/c.yaml", other.as_bytes()),
        ],
        1,
        &[
            "data/a.yaml:2:3: danh sách này chưa có tên: hãy thêm dòng `units:` lên trên, ở đầu dòng",
            "data/b.yaml:1:3: danh sách này chưa có tên: hãy thêm dòng `reports:` lên trên, ở đầu dòng",
            "data/c.yaml:1:3: danh sách này chưa có tên: hãy thêm dòng `units:` (đơn vị) hoặc `reports:` (báo cáo) \
             lên trên, ở đầu dòng",
        ],
        &[
            "data/a.yaml:2:3: this list has no name: add a line `units:` above it, at the start of the line",
            "data/b.yaml:1:3: this list has no name: add a line `reports:` above it, at the start of the line",
            "data/c.yaml:1:3: this list has no name: add a line `units:` or `reports:` above it, at the start of \
             the line",
        ],
    );
}
