//! Integration tests of the indicators (SPEC §7) and the data files (SPEC §8).
//!
//! `tests/fixtures/indicators/` is a small fictional content folder that exercises every
//! rule of SPEC §7; its `expected.json` was worked out by hand from the SPEC definitions
//! (not produced by bantin). The last test checks the percentages printed in the seed
//! articles against the sample `content/` folder.

mod common;

use common::{TempDir, bantin, parse_csv, path_str};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

const FIXTURE: &str = "tests/fixtures/indicators";
const SAMPLE: &str = "content";

// ---------------------------------------------------------------------------------------
// Building.

/// The output folder of one successful build of `content`.
struct Built {
    _tmp: TempDir,
    out: PathBuf,
}

impl Built {
    fn file(&self, rel: &str) -> Vec<u8> {
        let path = self.out.join(rel);
        fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    fn json(&self) -> Value {
        let bytes = self.file("data/indicators.json");
        serde_json::from_slice(&bytes).expect("data/indicators.json is valid JSON")
    }

    fn csv(&self) -> Vec<u8> {
        self.file("data/indicators.csv")
    }
}

/// Runs `bantin build --content <content> --output <temp>` from the crate root.
fn build(content: &str) -> Built {
    let tmp = TempDir::new(&content.replace('/', "-"));
    let out = tmp.0.join("out");
    let run = bantin(&["build", "--content", content, "--output", path_str(&out)]);
    assert_eq!(run.code, 0, "bantin build --content {content} failed:\n{}", run.stderr);
    Built { _tmp: tmp, out }
}

fn expected() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE).join("expected.json");
    let text = fs::read_to_string(&path).expect("expected.json can be read");
    serde_json::from_str(&text).expect("expected.json is valid JSON")
}

// ---------------------------------------------------------------------------------------
// Comparing JSON values.

/// Equal within 1e-9 relative (numbers are percentages and ratios at full precision).
fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

/// A short rendering of a value for messages.
fn show(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 200 { format!("{}…", s.chars().take(200).collect::<String>()) } else { s }
}

/// The JSON path of the first difference between `expected` and `actual`, with both
/// values there; numbers are compared with [`close`], objects regardless of key order.
fn first_difference(path: &str, expected: &Value, actual: &Value) -> Option<String> {
    let differ = || Some(format!("{path}: expected {}, found {}", show(expected), show(actual)));
    match (expected, actual) {
        (Value::Number(e), Value::Number(a)) => {
            let (e, a) = (e.as_f64().unwrap(), a.as_f64().unwrap());
            if close(e, a) { None } else { differ() }
        }
        (Value::Array(e), Value::Array(a)) => {
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                if let Some(d) = first_difference(&format!("{path}[{i}]"), ev, av) {
                    return Some(d);
                }
            }
            (e.len() != a.len()).then(|| {
                let extra = if a.len() > e.len() {
                    format!("; first extra item: {}", show(&a[e.len()]))
                } else {
                    format!("; first missing item: {}", show(&e[a.len()]))
                };
                format!("{path}: expected {} items, found {}{extra}", e.len(), a.len())
            })
        }
        (Value::Object(e), Value::Object(a)) => {
            for (key, ev) in e {
                let sub = format!("{path}.{key}");
                match a.get(key) {
                    None => return Some(format!("{sub}: missing (expected {})", show(ev))),
                    Some(av) => {
                        if let Some(d) = first_difference(&sub, ev, av) {
                            return Some(d);
                        }
                    }
                }
            }
            a.iter()
                .find(|(key, _)| !e.contains_key(*key))
                .map(|(key, av)| format!("{path}.{key}: unexpected field ({})", show(av)))
        }
        _ if expected == actual => None,
        _ => differ(),
    }
}

/// "unit period as_of" of a report, to name it in messages.
fn report_name(r: &Value) -> String {
    format!(
        "{} {} {}",
        r["unit"].as_str().unwrap_or("?"),
        r["period"].as_str().unwrap_or("?"),
        r["as_of"].as_str().unwrap_or("?")
    )
}

fn assert_json_matches(expected: &Value, actual: &Value) {
    if let Some(diff) = first_difference("$", expected, actual) {
        // Name the report the difference is in, when it is in one.
        let hint = diff
            .strip_prefix("$.reports[")
            .and_then(|rest| rest.split(']').next())
            .and_then(|i| i.parse::<usize>().ok())
            .map(|i| {
                format!(
                    "\n(expected report {i} is {}, found {})",
                    report_name(&expected["reports"][i]),
                    report_name(&actual["reports"][i])
                )
            })
            .unwrap_or_default();
        panic!("data/indicators.json differs from {FIXTURE}/expected.json at {diff}{hint}");
    }
}

#[test]
fn json_comparison_finds_the_first_difference() {
    let e: Value = serde_json::from_str(r#"{"a": [1, {"b": 100.0, "c": null}], "d": "x"}"#).unwrap();
    let same: Value =
        serde_json::from_str(r#"{"d": "x", "a": [1.0, {"c": null, "b": 100.00000000001}]}"#).unwrap();
    assert_eq!(first_difference("$", &e, &same), None);
    let off: Value = serde_json::from_str(r#"{"a": [1, {"b": 100.001, "c": null}], "d": "x"}"#).unwrap();
    assert_eq!(first_difference("$", &e, &off).unwrap(), "$.a[1].b: expected 100.0, found 100.001");
    let null: Value = serde_json::from_str(r#"{"a": [1, {"b": 100.0, "c": 0}], "d": "x"}"#).unwrap();
    assert_eq!(first_difference("$", &e, &null).unwrap(), "$.a[1].c: expected null, found 0");
    let extra: Value =
        serde_json::from_str(r#"{"a": [1, {"b": 100.0, "c": null}, 3], "d": "x", "e": 1}"#).unwrap();
    assert!(first_difference("$", &e, &extra).unwrap().starts_with("$.a: expected 2 items, found 3"));
}

// ---------------------------------------------------------------------------------------
// (a) The fixture's indicators, against the hand-computed expectation.

#[test]
fn fixture_indicators_match_the_hand_computed_expectation() {
    let built = build(FIXTURE);
    assert_json_matches(&expected(), &built.json());
}

// ---------------------------------------------------------------------------------------
// (b) indicators.csv.

#[test]
fn csv_parser_handles_quotes() {
    assert_eq!(
        parse_csv("a,\"b, c\",\"say \"\"hi\"\"\"\r\n,\"x\ny\",\r\n"),
        vec![vec!["a", "b, c", "say \"hi\""], vec!["", "x\ny", ""],]
    );
}

/// The number in a CSV cell, `None` when empty.
fn csv_number(cell: &str, what: &str) -> Option<f64> {
    (!cell.is_empty()).then(|| cell.parse().unwrap_or_else(|_| panic!("{what}: `{cell}` is not a number")))
}

#[test]
fn fixture_csv_has_a_bom_a_header_and_a_row_per_report() {
    let built = build(FIXTURE);
    let json = built.json();
    let bytes = built.csv();
    assert!(
        bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
        "indicators.csv starts with {:02X?}, not the UTF-8 byte-order mark EF BB BF",
        &bytes[..bytes.len().min(3)]
    );
    let text = std::str::from_utf8(&bytes[3..]).expect("indicators.csv is UTF-8");
    let rows = parse_csv(text);
    let header = &rows[0];
    let column = |name: &str| -> usize {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("indicators.csv has no `{name}` column: {header:?}"))
    };
    let unit = column("unit");
    let period = column("period");
    let as_of = column("as_of");
    let admitted = column("admitted");
    let _ = column("target1_value");
    let achievement = column("target1_achievement_pct");
    let women = column("share_women_pct");
    let _ = column("share_veterans_pct");

    let reports = json["reports"].as_array().expect("reports is a list");
    let body = &rows[1..];
    assert_eq!(
        body.len(),
        reports.len(),
        "indicators.csv has {} rows after the header, indicators.json {} reports",
        body.len(),
        reports.len()
    );
    for (i, (row, r)) in body.iter().zip(reports).enumerate() {
        let name = report_name(r);
        assert_eq!(
            row.len(),
            header.len(),
            "CSV row {} ({name}) has {} fields, the header {}",
            i + 2,
            row.len(),
            header.len()
        );
        assert_eq!(
            (row[unit].as_str(), row[period].as_str(), row[as_of].as_str()),
            (r["unit"].as_str().unwrap(), r["period"].as_str().unwrap(), r["as_of"].as_str().unwrap()),
            "CSV row {} is not report {i} of the JSON",
            i + 2
        );
        assert_eq!(csv_number(&row[admitted], "admitted"), r["admitted"].as_f64(), "admitted of {name}");
        let checks = [
            (achievement, &r["targets"][0]["achievement_pct"], "achievement"),
            (women, &r["composition"]["women"]["share_pct"], "women share"),
        ];
        for (col, value, what) in checks {
            let cell = csv_number(&row[col], what);
            match (cell, value.as_f64()) {
                (None, None) => {}
                (Some(c), Some(j)) if close(c, j) => {}
                (c, j) => panic!("{what} of {name}: CSV {c:?}, JSON {j:?}"),
            }
        }
    }
}

/// The data page (SPEC §8) links each data file where the build wrote it: the JSON
/// reads as JSON, the CSV begins with its byte-order mark, the workbook is a zip.
#[test]
fn the_data_page_links_the_three_data_files() {
    let built = build(FIXTURE);
    let page = String::from_utf8(built.file("data.html")).expect("data.html is UTF-8");
    let links: Vec<&str> = page.split("href=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect();
    for (file, starts) in [
        ("data/indicators.json", &b"{"[..]),
        ("data/indicators.csv", &b"\xef\xbb\xbf"[..]),
        ("data/indicators.xlsx", &b"PK\x03\x04"[..]),
    ] {
        assert!(links.contains(&file), "data.html does not link {file}: {links:?}");
        assert!(built.file(file).starts_with(starts), "{file} is not what its name says");
    }
    assert!(built.json()["reports"].is_array(), "indicators.json has no reports");
}

// ---------------------------------------------------------------------------------------
// (c) Reproducibility.

#[test]
fn two_builds_write_byte_identical_data_files() {
    let (first, second) = (build(FIXTURE), build(FIXTURE));
    for file in ["data/indicators.json", "data/indicators.csv", "data/indicators.xlsx"] {
        assert!(
            first.file(file) == second.file(file),
            "{file} differs between two builds of the same content"
        );
    }
}

// ---------------------------------------------------------------------------------------
// (d) The figures printed in the seed articles, from the sample content.

/// The latest report of `unit` for the period labelled `period`.
fn latest<'a>(json: &'a Value, unit: &str, period: &str) -> &'a Value {
    json["reports"]
        .as_array()
        .expect("reports is a list")
        .iter()
        .find(|r| r["unit"] == unit && r["period"] == period && r["latest"] == true)
        .unwrap_or_else(|| panic!("no latest report of {unit} for period {period}"))
}

/// `value` rounded to `decimals` as the articles print it (decimal comma, no `%`).
fn printed(value: &Value, decimals: usize, what: &str) -> String {
    let v = value.as_f64().unwrap_or_else(|| panic!("{what} is not a number: {value}"));
    format!("{v:.decimals$}").replace('.', ",")
}

#[test]
fn sample_content_reproduces_the_seed_articles_figures() {
    let built = build(SAMPLE);
    let json = built.json();
    let mut wrong = Vec::new();
    let mut expect = |value: &Value, decimals: usize, article: &str, what: &str| {
        let got = printed(value, decimals, what);
        if got != article {
            wrong.push(format!("{what}: the article prints {article}, JSON gives {got} ({value})"));
        }
    };

    let term = latest(&json, "khoi-co-quan-khanh-hoa", "2015-2020");
    expect(&term["targets"][0]["achievement_pct"], 1, "109,3", "929 of 850");

    let krong_pac = latest(&json, "krong-pac", "2024");
    let targets = &krong_pac["targets"];
    assert_eq!(targets[0]["value"], 246, "first Krông Pắc target");
    assert_eq!(targets[1]["value"], 275, "second Krông Pắc target");
    expect(&targets[0]["achievement_pct"], 2, "23,17", "57 of 246");
    expect(&targets[1]["achievement_pct"], 2, "20,73", "57 of 275");

    let meeting = latest(&json, "khoi-co-quan-khanh-hoa", "Kỳ họp 23/02/2021");
    assert_eq!(meeting["admitted"], 22, "the meeting's admissions");
    let shares = &meeting["composition"];
    expect(&shares["youth"]["share_pct"], 0, "59", "13 of 22 youth");
    expect(&shares["postgraduate"]["share_pct"], 1, "18,2", "4 of 22 postgraduate");
    expect(&shares["university"]["share_pct"], 1, "68,2", "15 of 22 university");

    let province = latest(&json, "tinh-khong-ten", "2020-2025");
    assert_eq!(province["admitted"], 23596, "the province's admissions");
    let shares = &province["composition"];
    expect(&shares["youth"]["share_pct"], 0, "63", "14.866 of 23.596 youth");
    expect(&shares["women"]["share_pct"], 1, "54,4", "12.839 of 23.596 women");
    expect(&shares["ethnic_minority"]["share_pct"], 1, "17,7", "ethnic minorities");
    expect(&shares["religious"]["share_pct"], 1, "2,2", "religious followers");

    // SPEC §7's pace example: Krông Pắc as of 2024-05-04 against 246 by 2024-09-30.
    assert_eq!(krong_pac["as_of"], "2024-05-04");
    assert_eq!(targets[0]["deadline"], "2024-09-30");
    let pace = &targets[0]["pace"];
    expect(&pace["elapsed_days"], 0, "125", "elapsed days");
    expect(&pace["total_days"], 0, "274", "total days");
    expect(&pace["expected"], 1, "112,2", "expected by as_of");
    expect(&pace["pace_pct"], 1, "50,8", "pace");
    expect(&pace["projected"], 1, "124,9", "projected");
    expect(&pace["required_per_month"], 1, "38,6", "required per month");

    assert!(wrong.is_empty(), "figures of the seed articles not reproduced:\n{}", wrong.join("\n"));
}
