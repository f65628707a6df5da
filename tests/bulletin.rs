//! The bulletin to share (SPEC §8): `bulletin.pdf` as poppler's tools read it (text,
//! fonts, pages, metadata), the same bytes from two builds, `--no-pdf`, and
//! `bulletin.html` as one file that asks for nothing outside itself.
//!
//! Needs poppler-utils (`pdftotext`, `pdffonts`, `pdfinfo`).

mod common;

use common::{Run, TempDir, bantin, copy_dir, path_str};
use std::fs;
use std::path::Path;
use std::process::Command;

const SAMPLE: &str = "content";
const EN: &str = "tests/fixtures/site_en";

fn build(content: &str, output: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["build", "--content", content, "--output", path_str(output)];
    args.extend_from_slice(extra);
    let run = bantin(&args);
    assert_eq!(run.code, 0, "build of {content} failed: {run:#?}");
    run
}

/// The standard output of a poppler tool run on `pdf`.
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .output()
        .unwrap_or_else(|e| panic!("{tool} cannot be started (install poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{tool} failed on {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("poppler writes UTF-8")
}

/// The PDF's text (`pdftotext FILE -`), every run of white space made one space.
fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext cannot be started (install poppler-utils): {e}"));
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `pdfinfo`'s fields.
fn info(pdf: &Path) -> std::collections::BTreeMap<String, String> {
    poppler("pdfinfo", &[], pdf)
        .lines()
        .filter_map(|l| l.split_once(':').map(|(k, v)| (k.trim().to_string(), v.trim().to_string())))
        .collect()
}

fn pages(pdf: &Path) -> usize {
    info(pdf)["Pages"].parse().expect("a page count")
}

/// Every font of the PDF is embedded: `pdffonts` shows `yes` in its `emb` column.
fn assert_fonts_embedded(pdf: &Path) {
    let fonts = poppler("pdffonts", &[], pdf);
    let header = fonts.lines().next().expect("a header line");
    let emb = header.find(" emb").expect("an emb column") + 1;
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "the PDF has fonts:\n{fonts}");
    for row in rows {
        assert_eq!(row.get(emb..emb + 3), Some("yes"), "a font is not embedded:\n{fonts}");
    }
}

/// A copy of the sample whose site.yaml ends with `extra`.
fn sample_with(tmp: &TempDir, extra: &str) -> String {
    let content = tmp.join("content");
    copy_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE).as_path(), &content);
    let site = content.join("site.yaml");
    let text = fs::read_to_string(&site).unwrap();
    fs::write(&site, format!("{text}\n{extra}")).unwrap();
    path_str(&content).to_string()
}

#[test]
fn the_sample_bulletin_reads_as_a_party_document() {
    let tmp = TempDir::new("sample-pdf");
    let out = tmp.join("out");
    build(SAMPLE, &out, &[]);
    let pdf = out.join("bulletin.pdf");
    let text = pdf_text(&pdf);
    // The header: the issuing body under its superior, the party, place and date.
    for shown in [
        "ĐẢNG BỘ TỈNH ĐẮK LẮK",
        "BAN TỔ CHỨC TỈNH ỦY",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Đắk Lắk, ngày 10 tháng 5 năm 2024",
        "Số 12",
        "BẢN TIN CÔNG TÁC PHÁT TRIỂN ĐẢNG VIÊN",
    ] {
        assert!(text.contains(shown), "the PDF should show `{shown}`:\n{text}");
    }
    // The headline figures in the Vietnamese format, every child unit, the sources.
    for shown in [
        "Tính đến ngày 04/05/2024, Đảng bộ tỉnh Đắk Lắk đã kết nạp 57 đảng viên mới năm 2024.",
        "Đảng bộ huyện Krông Pắc",
        "23,2%",
        "Chưa đạt",
        "Krông Pắc: mới đạt chưa đến một phần tư chỉ tiêu kết nạp đảng viên năm 2024 (Báo Đắk Lắk, 04/05/2024)",
        "Trang 1/",
    ] {
        assert!(text.contains(shown), "the PDF should show `{shown}`:\n{text}");
    }
    assert_fonts_embedded(&pdf);
    let info = info(&pdf);
    assert!(info["Pages"].parse::<usize>().unwrap() <= 4, "{info:?}");
    assert_eq!(info["Title"], "Bản tin công tác phát triển đảng viên – Số 12");
    assert_eq!(info["Author"], "Ban Tổ chức Tỉnh ủy, Đảng bộ tỉnh Đắk Lắk");
    assert_eq!(info["Page size"], "595.276 x 841.89 pts (A4)");
    assert_eq!(info["Tagged"], "yes");
    // The date is the date of issue, not the clock's.
    assert!(info["CreationDate"].contains("2024"), "{info:?}");
    assert!(!text.contains("{"), "a blank left in a pattern:\n{text}");
    let bytes = fs::read(&pdf).unwrap();
    assert!(bytes.windows(9).any(|w| w == b"/Lang(vi)"), "the document's language is Vietnamese");
}

#[test]
fn a_province_bulletin_shows_109_3_percent_and_every_child_unit() {
    let tmp = TempDir::new("province-pdf");
    let content = sample_with(&tmp, "root_unit: khanh-hoa\ncurrent_period: \"2015-2020\"\n");
    let out = tmp.join("out");
    build(&content, &out, &[]);
    let text = pdf_text(&out.join("bulletin.pdf"));
    for shown in ["109,3%", "929", "850", "Vượt chỉ tiêu", "Đảng bộ Khối các cơ quan tỉnh Khánh Hòa"]
    {
        assert!(text.contains(shown), "the PDF should show `{shown}`:\n{text}");
    }
}

#[test]
fn the_english_bulletin_speaks_english_without_settings() {
    let tmp = TempDir::new("en-pdf");
    let out = tmp.join("out");
    build(EN, &out, &[]);
    let pdf = out.join("bulletin.pdf");
    let text = pdf_text(&pdf);
    // No issuer, place or edition: the title heads the document, the date is the
    // latest as_of.
    for shown in [
        "COMMUNIST PARTY OF VIET NAM",
        "Year 2024 · Figures as of 2024-12-31",
        "110.7%",
        "MAIN POINTS",
        "Page 1 of",
    ] {
        assert!(text.contains(shown), "the PDF should show `{shown}`:\n{text}");
    }
    assert!(!text.contains("ĐẢNG CỘNG SẢN"), "{text}");
    let info = info(&pdf);
    assert_eq!(info["Author"], "Bản tin thử nghiệm công tác phát triển đảng viên");
    let bytes = fs::read(&pdf).unwrap();
    assert!(bytes.windows(9).any(|w| w == b"/Lang(en)"), "the document's language is English");
    assert_fonts_embedded(&pdf);
}

#[test]
fn two_builds_give_the_same_bulletin_and_no_pdf_writes_none() {
    let tmp = TempDir::new("pdf-twice");
    let (a, b, c) = (tmp.join("a"), tmp.join("b"), tmp.join("c"));
    build(SAMPLE, &a, &[]);
    build(SAMPLE, &b, &[]);
    for file in ["bulletin.pdf", "bulletin.html"] {
        assert!(fs::read(a.join(file)).unwrap() == fs::read(b.join(file)).unwrap(), "{file} differs");
    }
    build(SAMPLE, &c, &["--no-pdf"]);
    assert!(!c.join("bulletin.pdf").exists(), "--no-pdf wrote bulletin.pdf");
    assert!(c.join("bulletin.html").exists());
    for page in ["index.html", "data.html"] {
        let html = fs::read_to_string(c.join(page)).unwrap();
        assert!(!html.contains("bulletin.pdf"), "{page} links to a PDF that is not there");
        assert!(html.contains("href=\"bulletin.html\""), "{page} links to the HTML bulletin");
        let with_pdf = fs::read_to_string(a.join(page)).unwrap();
        assert!(with_pdf.contains("href=\"bulletin.pdf\""), "{page} links to the PDF");
    }
    // `pdf: false` in site.yaml does the same.
    let content = sample_with(&tmp, "pdf: false\n");
    let d = tmp.join("d");
    build(&content, &d, &[]);
    assert!(!d.join("bulletin.pdf").exists(), "pdf: false wrote bulletin.pdf");
}

#[test]
fn the_html_bulletin_is_one_file() {
    let tmp = TempDir::new("html-bulletin");
    let out = tmp.join("out");
    build(SAMPLE, &out, &[]);
    let html = fs::read_to_string(out.join("bulletin.html")).unwrap();
    assert!(html.len() < 1_000_000, "bulletin.html is {} bytes", html.len());
    for attr in ["src=\"", "href=\""] {
        let mut rest = html.as_str();
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let value = &rest[..rest.find('"').unwrap()];
            let value = value.replace("&#x2F;", "/");
            assert!(
                value.starts_with('#')
                    || value.starts_with("https://")
                    || value.starts_with("http://")
                    || value.starts_with("data:image/svg+xml,"),
                "bulletin.html asks for `{value}` outside itself"
            );
        }
    }
    // Its icon is inside too, so that no browser asks the server for /favicon.ico.
    assert!(html.contains("<link rel=\"icon\" href=\"data:image/svg+xml,%3Csvg"), "{html}");
    let links = html.matches("<link").count();
    assert_eq!(links, 1, "bulletin.html links only its own icon");
    for outside in ["<script", "url(", "@import", "<img", "<iframe", "<object"] {
        assert!(!html.contains(outside), "bulletin.html has `{outside}`");
    }
    // The charts are inside, as SVG, and so are the figures and the header.
    assert!(html.contains("<svg") && html.contains("achievement_dak-lak_2024-title"), "{html}");
    for shown in ["Đảng bộ huyện Krông Pắc", "23,2%", "Đắk Lắk, ngày 10 tháng 5 năm 2024", "Số 12"]
    {
        assert!(html.contains(shown), "bulletin.html should show `{shown}`");
    }
}

#[test]
fn a_synthetic_province_fits_in_four_pages() {
    let tmp = TempDir::new("synthetic-pdf");
    let content = tmp.join("content");
    bantin_synthetic::generate(bantin_synthetic::Size::Small, 1, &content).expect("the small set is written");
    let site = tmp.join("out");
    build(path_str(&content), &site, &[]);
    let pdf = site.join("bulletin.pdf");
    assert!(pages(&pdf) <= 4, "{} pages", pages(&pdf));
    let text = pdf_text(&pdf);
    let table = "Kết quả kết nạp đảng viên của các đơn vị trực thuộc";
    assert!(text.contains(table), "{text}");
    let checked = bantin::pipeline::check(&content);
    let computed = checked.computed.as_ref().expect("the synthetic set is valid");
    let (ind, focus) = (&computed.indicators, &computed.focus);
    let resolved = checked.bulletin();
    let period = focus.period.as_ref().expect("a period");
    let root = &focus.units[0];
    let names: Vec<&str> = resolved
        .tree
        .children_of(root)
        .iter()
        .filter(|c| ind.latest(c, &period.label).is_some())
        .map(|c| resolved.name(c))
        .collect();
    assert!(names.len() >= 10, "{names:?}");
    for name in names {
        assert!(text.contains(name), "the PDF should name `{name}`:\n{text}");
    }
    assert_fonts_embedded(&pdf);
}

#[test]
fn issuer_place_and_edition_are_checked_where_they_are_written() {
    let tmp = TempDir::new("issuer-errors");
    let content = tmp.join("content");
    copy_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE).as_path(), &content);
    let site = content.join("site.yaml");
    let text = fs::read_to_string(&site).unwrap();
    let text =
        text.replace("  - Ban Tổ chức Tỉnh ủy\n", "  - \" \"\n").replace("place: Đắk Lắk", "place: \"\"");
    fs::write(&site, text).unwrap();
    let run = bantin(&["check", "--content", path_str(&content)]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr.contains("site.yaml:25:5: một dòng của issuer bị trống: cần tên cơ quan"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("site.yaml:26:8: place trống: cần địa danh nơi ban hành, ví dụ Khánh Hòa"),
        "{}",
        run.stderr
    );
    let text = fs::read_to_string(&site).unwrap().replace("number: 12", "number: [12]");
    fs::write(&site, text).unwrap();
    let run = bantin(&["check", "--content", path_str(&content)]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stderr.contains("edition.number"), "{}", run.stderr);
}
