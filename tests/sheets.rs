//! Spreadsheets in and out, with the real programs: workbooks written by bantin and
//! saved by LibreOffice are read as YAML is; the sample content as a workbook builds the
//! same site; `bantin new` makes a bulletin that checks and builds; `indicators.xlsx`
//! and each chart's table keep their numbers when LibreOffice opens them in a
//! Vietnamese locale.

mod common;

use common::{TempDir, bantin, copy_dir, path_str, snapshot};
use rust_xlsxwriter::{ExcelDateTime, Workbook};
use serde_yaml::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const SAMPLE: &str = "content";

fn build(content: &Path, output: &Path) {
    let run = bantin(&["build", "--content", path_str(content), "--output", path_str(output)]);
    assert_eq!(run.code, 0, "{run:#?}");
}

fn check_ok(content: &Path) -> String {
    let run = bantin(&["check", "--content", path_str(content)]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    run.stdout
}

/// Every file of a built site, by path.
fn site(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    snapshot(dir)
}

// ---------------------------------------------------------------------------------------
// bantin new

#[test]
fn a_new_bulletin_checks_and_builds_and_a_folder_with_files_is_refused() {
    let tmp = TempDir::new("new");
    let dir = tmp.join("ban-tin");
    let run = bantin(&["new", path_str(&dir)]);
    assert_eq!(run.code, 0, "{run:#?}");
    for rel in ["site.yaml", "data/bao-cao.xlsx", "news/huyen-dong-ket-nap-dang-vien-6-thang.md"] {
        assert!(dir.join(rel).is_file(), "{rel} is missing");
    }
    let summary = check_ok(&dir);
    assert!(summary.starts_with("3 đơn vị, 4 báo cáo, 1 bài viết (0 bản nháp), 2 kỳ"), "{summary}");
    build(&dir, &tmp.join("site"));
    assert!(tmp.join("site/units/huyen-dong.html").is_file());
    assert!(tmp.join("site/data/indicators.xlsx").is_file());

    let before = snapshot(&dir);
    let run = bantin(&["new", path_str(&dir)]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        format!(
            "lỗi: thư mục `{}` đã có tệp: bantin new chỉ tạo bản tin mẫu trong thư mục mới hoặc thư mục trống, \
             để không ghi đè lên tệp nào\n",
            dir.display()
        )
    );
    assert_eq!(snapshot(&dir), before, "a refused `new` changed the folder");
}

#[test]
fn a_new_bulletin_in_english_with_lang_en() {
    let tmp = TempDir::new("new-en");
    let dir = tmp.join("bulletin");
    let run = bantin(&["--lang", "en", "new", path_str(&dir)]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(dir.join("data/reports.xlsx").is_file());
    let site = fs::read_to_string(dir.join("site.yaml")).unwrap();
    assert!(site.contains("\nlanguage: en\n"), "{site}");
    assert!(check_ok(&dir).starts_with("3 units, 4 reports"));
}

// ---------------------------------------------------------------------------------------
// Workbooks saved by LibreOffice

/// A content folder of the starter bulletin whose workbook is `workbook` (saved as `name`).
fn starter_with(tmp: &TempDir, folder: &str, workbook: Option<(&Path, &str)>) -> PathBuf {
    let dir = tmp.join(folder);
    let run = bantin(&["new", path_str(&dir)]);
    assert_eq!(run.code, 0, "{run:#?}");
    if let Some((from, name)) = workbook {
        fs::remove_file(dir.join("data/bao-cao.xlsx")).unwrap();
        fs::copy(from, dir.join("data").join(name)).unwrap();
    }
    dir
}

/// The starter workbook opened and saved again by LibreOffice, as .xlsx and as .ods
/// (`tests/fixtures/sheets/`), reads into the same figures as the workbook bantin wrote.
#[test]
fn workbooks_saved_by_libreoffice_read_as_the_one_bantin_wrote() {
    let tmp = TempDir::new("saved");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sheets");
    let ours = starter_with(&tmp, "ours", None);
    build(&ours, &tmp.join("ours-site"));
    let expected = fs::read(tmp.join("ours-site/data/indicators.json")).unwrap();
    for name in ["libreoffice.xlsx", "libreoffice.ods"] {
        let dir = starter_with(&tmp, name, Some((&fixtures.join(name), name)));
        check_ok(&dir);
        let out = tmp.join(&format!("{name}-site"));
        build(&dir, &out);
        let json = fs::read(out.join("data/indicators.json")).unwrap();
        assert!(json == expected, "{name} reads other figures than the workbook bantin wrote");
    }
}

// ---------------------------------------------------------------------------------------
// The sample content as a workbook

/// A cell of the workbook a staffer would fill: numbers as numbers, dates as dates.
fn write_value(sheet: &mut rust_xlsxwriter::Worksheet, row: u32, col: u16, value: &Value) {
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    match value {
        Value::Number(n) => {
            sheet.write_number(row, col, n.as_f64().unwrap()).unwrap();
        }
        Value::String(s) => match chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) if s.len() == 10 => {
                let d = ExcelDateTime::from_ymd(
                    d.format("%Y").to_string().parse().unwrap(),
                    d.format("%m").to_string().parse().unwrap(),
                    d.format("%d").to_string().parse().unwrap(),
                )
                .unwrap();
                sheet.write_datetime_with_format(row, col, &d, &date).unwrap();
            }
            _ => {
                sheet.write_string(row, col, s).unwrap();
            }
        },
        Value::Bool(b) => {
            sheet.write_boolean(row, col, *b).unwrap();
        }
        other => panic!("no cell for {other:?}"),
    }
}

/// A YAML item as the columns of its row: nested fields by their column names.
fn columns_of(item: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for (key, value) in item.as_mapping().unwrap() {
        let key = key.as_str().unwrap();
        match (key, value) {
            ("period", Value::Mapping(named)) => {
                out.push(("period".into(), named["label"].clone()));
                out.push(("period_from".into(), named["from"].clone()));
                out.push(("period_to".into(), named["to"].clone()));
            }
            ("composition" | "training", Value::Mapping(fields)) => {
                out.extend(fields.iter().map(|(k, v)| (k.as_str().unwrap().to_string(), v.clone())));
            }
            ("targets", Value::Sequence(targets)) => {
                for (n, target) in targets.iter().enumerate() {
                    for (k, v) in target.as_mapping().unwrap() {
                        out.push((format!("target{}_{}", n + 1, k.as_str().unwrap()), v.clone()));
                    }
                }
            }
            _ => out.push((key.to_string(), value.clone())),
        }
    }
    out
}

/// Writes every unit and report of `data` (YAML files) into one workbook, one sheet
/// of units and one of reports, headed by the field names.
fn as_workbook(data: &Path) -> Vec<u8> {
    let mut items: BTreeMap<&str, Vec<Vec<(String, Value)>>> = BTreeMap::new();
    let mut files = Vec::new();
    let mut stack = vec![data.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                files.push(path);
            }
        }
    }
    files.sort();
    for file in files {
        let root: Value = serde_yaml::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
        for list in ["units", "reports"] {
            for item in root.get(list).and_then(Value::as_sequence).into_iter().flatten() {
                items.entry(list).or_default().push(columns_of(item));
            }
        }
    }
    let mut book = Workbook::new();
    for (list, name) in [("units", "Đơn vị"), ("reports", "Báo cáo")] {
        let rows = &items[list];
        let mut headers: Vec<String> = Vec::new();
        for row in rows {
            for (h, _) in row {
                if !headers.contains(h) {
                    headers.push(h.clone());
                }
            }
        }
        let sheet = book.add_worksheet().set_name(name).unwrap();
        for (c, h) in headers.iter().enumerate() {
            sheet.write_string(0, u16::try_from(c).unwrap(), h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            for (h, v) in row {
                let c = headers.iter().position(|x| x == h).unwrap();
                write_value(sheet, u32::try_from(r + 1).unwrap(), u16::try_from(c).unwrap(), v);
            }
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn the_sample_content_as_a_workbook_builds_the_same_site() {
    let tmp = TempDir::new("sample-workbook");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE);
    let converted = tmp.join("content");
    copy_dir(&sample, &converted);
    let workbook = as_workbook(&sample.join("data"));
    fs::remove_dir_all(converted.join("data")).unwrap();
    fs::create_dir_all(converted.join("data")).unwrap();
    fs::write(converted.join("data/so-lieu.xlsx"), workbook).unwrap();
    check_ok(&converted);
    build(&sample, &tmp.join("from-yaml"));
    build(&converted, &tmp.join("from-workbook"));
    let (a, b) = (site(&tmp.join("from-yaml")), site(&tmp.join("from-workbook")));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (rel, bytes) in &a {
        assert!(bytes == &b[rel], "{} differs between the YAML and the workbook", rel.display());
    }
}

/// A workbook and a YAML file merge; a report given in both is a duplicate, named at
/// its cell and at the YAML line of the first.
#[test]
fn a_report_in_a_workbook_and_in_yaml_is_a_duplicate() {
    let tmp = TempDir::new("duplicate");
    let dir = starter_with(&tmp, "dup", None);
    fs::write(dir.join("data/them.yaml"), "reports:\n  - {unit: huyen-tay, period: 2023, admitted: 96}\n")
        .unwrap();
    let run = bantin(&["check", "--content", path_str(&dir)]);
    assert_eq!(run.code, 1, "{run:#?}");
    let prefix = format!("{}/", dir.display());
    let lines: Vec<&str> = run.stderr.lines().filter_map(|l| l.strip_prefix(&prefix)).collect();
    assert_eq!(
        lines,
        [format!(
            "data/them.yaml:2:5: báo cáo thứ hai của `huyen-tay` cho kỳ 2023 tính đến 2023-12-31 (báo cáo đầu tại \
             {prefix}data/bao-cao.xlsx:Báo cáo!A3): mỗi đơn vị, kỳ và ngày as_of chỉ có một báo cáo"
        )]
    );
}

// ---------------------------------------------------------------------------------------
// LibreOffice

/// `soffice`, which CI installs (`.ci/run`); elsewhere these tests say they did not run.
fn soffice() -> Option<&'static str> {
    let found = Command::new("soffice").arg("--version").output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(std::env::var_os("CI").is_none(), "CI must install LibreOffice (libreoffice-calc-nogui)");
        eprintln!("soffice is not installed: the LibreOffice conversions were not tested");
        return None;
    }
    Some("soffice")
}

/// A LibreOffice profile set to the Vietnamese locale: decimal comma, `.` between
/// thousands, day-first dates.
fn vietnamese_profile(tmp: &TempDir) -> String {
    let user = tmp.join("profile/user");
    fs::create_dir_all(&user).unwrap();
    fs::write(
        user.join("registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>vi-VN</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>vi-VN</value></prop></item>
</oor:items>
"#,
    )
    .unwrap();
    format!("-env:UserInstallation=file://{}", tmp.join("profile").display())
}

/// Converts `file` with LibreOffice into `to` (a filter), in `out`.
fn convert(soffice: &str, profile: &str, file: &Path, to: &str, out: &Path) {
    let status = Command::new(soffice)
        .args([profile, "--headless", "--convert-to", to, "--outdir", path_str(out), path_str(file)])
        .output()
        .expect("soffice runs");
    assert!(status.status.success(), "{status:?}");
}

/// Each sheet of a workbook as LibreOffice shows its cells, as a CSV text per sheet.
fn shown_as_csv(
    soffice: &str,
    profile: &str,
    workbook: &Path,
    out: &Path,
) -> BTreeMap<String, Vec<Vec<String>>> {
    // Separator `,`, quote `"`, UTF-8 (76), from line 1, cells as shown, every sheet.
    convert(
        soffice,
        profile,
        workbook,
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
        out,
    );
    let stem = workbook.file_stem().unwrap().to_str().unwrap();
    let mut sheets = BTreeMap::new();
    for entry in fs::read_dir(out).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let Some(sheet) = name.strip_prefix(&format!("{stem}-")).and_then(|n| n.strip_suffix(".csv")) else {
            continue;
        };
        let mut reader =
            csv::ReaderBuilder::new().has_headers(false).flexible(true).from_path(&path).unwrap();
        let rows = reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
        sheets.insert(sheet.to_string(), rows);
    }
    sheets
}

/// `indicators.xlsx` opened by LibreOffice in a Vietnamese locale shows every count and
/// percentage as the pages do: the numbers survive, unlike those of a CSV file.
#[test]
fn indicators_xlsx_keeps_its_numbers_in_a_vietnamese_libreoffice() {
    let Some(soffice) = soffice() else { return };
    let tmp = TempDir::new("lo-indicators");
    let out = tmp.join("site");
    build(Path::new(SAMPLE), &out);
    let profile = vietnamese_profile(&tmp);
    let converted = tmp.join("csv");
    let sheets = shown_as_csv(soffice, &profile, &out.join("data/indicators.xlsx"), &converted);
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("data/indicators.json")).unwrap()).unwrap();
    let reports = json["reports"].as_array().unwrap();

    let rows = &sheets["Báo cáo"];
    let header = &rows[0];
    let col = |name: &str| {
        header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}: {header:?}"))
    };
    assert_eq!(rows.len(), reports.len() + 1);
    let vi = |n: u64| bantin::locale::Locale::new(bantin::model::Language::Vi).integer(n);
    for (row, report) in rows[1..].iter().zip(reports) {
        assert_eq!(row[col("Mã đơn vị")], report["unit"].as_str().unwrap());
        assert_eq!(row[col("Đảng viên mới được kết nạp")], vi(report["admitted"].as_u64().unwrap()));
        if let Some(members) = report["members"].as_u64() {
            assert_eq!(row[col("Tổng số đảng viên")], vi(members));
        }
        let as_of = chrono::NaiveDate::parse_from_str(report["as_of"].as_str().unwrap(), "%Y-%m-%d").unwrap();
        assert_eq!(row[col("Tính đến")], as_of.format("%d/%m/%Y").to_string());
    }
    // 14.866 of 23.596 new members were youth (63%), 12.839 women (54,4%): as the seed
    // article prints them.
    let unnamed = rows.iter().find(|r| r[0] == "tinh-khong-ten").expect("the unnamed province");
    assert_eq!(unnamed[col("Đảng viên mới được kết nạp")], "23.596");
    assert_eq!(unnamed[col("Đoàn viên thanh niên (số người)")], "14.866");
    assert_eq!(unnamed[col("Đoàn viên thanh niên (tỷ lệ)")], "63,0%");
    assert_eq!(unnamed[col("Nữ (số người)")], "12.839");
    assert_eq!(unnamed[col("Nữ (tỷ lệ)")], "54,4%");

    let targets = &sheets["Chỉ tiêu"];
    let t = |name: &str| targets[0].iter().position(|h| h == name).unwrap();
    let achieved: Vec<&str> = targets[1..].iter().map(|r| r[t("Tỷ lệ đạt")].as_str()).collect();
    for printed in ["109,3%", "23,2%", "20,7%", "100,9%"] {
        assert!(achieved.contains(&printed), "{printed} not in {achieved:?}");
    }
}

/// Each chart's workbook, opened by LibreOffice in a Vietnamese locale, shows the
/// chart's table as the page does, cell for cell.
#[test]
fn chart_tables_open_in_libreoffice_as_the_pages_show_them() {
    let Some(soffice) = soffice() else { return };
    let tmp = TempDir::new("lo-charts");
    let out = tmp.join("site");
    build(Path::new(SAMPLE), &out);
    let profile = vietnamese_profile(&tmp);
    let html = fs::read_to_string(out.join("units/dak-lak.html")).unwrap();
    let mut checked = 0;
    for chart in ["achievement_dak-lak_2024", "progress_krong-pac_2024"] {
        let Some(_) = html.find(&format!("charts/{chart}.xlsx")).or_else(|| {
            fs::read_to_string(out.join("units/krong-pac.html"))
                .unwrap()
                .find(&format!("charts/{chart}.xlsx"))
        }) else {
            panic!("no page links {chart}.xlsx")
        };
        let converted = tmp.join(chart);
        let sheets = shown_as_csv(soffice, &profile, &out.join(format!("charts/{chart}.xlsx")), &converted);
        let rows = sheets.values().next().expect("one sheet");
        let csv_rows = read_chart_csv(&out.join(format!("charts/{chart}.csv")));
        assert_eq!(rows.len(), csv_rows.len(), "{chart}");
        assert_eq!(
            rows[0],
            csv_rows[0].iter().map(|h| h.trim_end_matches(" (%)").to_string()).collect::<Vec<_>>()
        );
        checked += 1;
        // The table the page shows, cell for cell.
        let page = if chart.starts_with("progress") { "units/krong-pac.html" } else { "units/dak-lak.html" };
        let page = fs::read_to_string(out.join(page)).unwrap();
        for row in &rows[1..] {
            let shown: String =
                row.iter().filter(|c| !c.is_empty()).map(|c| format!(">{c}<")).collect::<Vec<_>>().join("");
            for cell in row.iter().filter(|c| !c.is_empty()) {
                assert!(
                    page.contains(&format!(">{cell}<")),
                    "{chart}: `{cell}` is not in the page's table ({shown})"
                );
            }
        }
    }
    assert_eq!(checked, 2);
}

fn read_chart_csv(path: &Path) -> Vec<Vec<String>> {
    let text = fs::read_to_string(path).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
}

/// A CSV file of reports that LibreOffice saves as a workbook is read like the CSV.
#[test]
fn a_workbook_libreoffice_made_from_a_csv_reads_as_the_csv() {
    let Some(soffice) = soffice() else { return };
    let tmp = TempDir::new("lo-csv");
    let dir = starter_with(&tmp, "csv", None);
    let csv = "unit;period;as_of;admitted;target1_value;women\nhuyen-dong;2022;2022-12-31;101;100;40\nhuyen-tay;2022;2022-12-31;88;90;30\n";
    let source = tmp.join("bao-cao-2022.csv");
    fs::write(&source, csv).unwrap();
    fs::copy(&source, dir.join("data/bao-cao-2022.csv")).unwrap();
    build(&dir, &tmp.join("from-csv"));
    fs::remove_file(dir.join("data/bao-cao-2022.csv")).unwrap();
    let profile = vietnamese_profile(&tmp);
    // The semicolon-separated, UTF-8 CSV as LibreOffice imports it, saved as .xlsx.
    let status = Command::new(soffice)
        .args([
            profile.as_str(),
            "--headless",
            "--infilter=CSV:59,34,76,1",
            "--convert-to",
            "xlsx",
            "--outdir",
            path_str(&dir.join("data")),
            path_str(&source),
        ])
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    assert!(dir.join("data/bao-cao-2022.xlsx").is_file());
    build(&dir, &tmp.join("from-xlsx"));
    let json = |site: &str| fs::read(tmp.join(site).join("data/indicators.json")).unwrap();
    assert!(json("from-csv") == json("from-xlsx"), "the workbook LibreOffice saved reads other figures");
}
