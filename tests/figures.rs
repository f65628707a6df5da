//! Figures that read right, end to end (SPEC §7, §8): each rule on the pages, in
//! `indicators.json` and in `indicators.csv` of a real build, from a small content folder
//! written by the test (or the sample and the indicators fixture where they hold the case).

mod common;

use common::{TempDir, bantin, parse_csv, path_str};
use serde_json::{Value, json};
use std::fs;
use std::path::{Path, PathBuf};

/// One built site and its data files.
struct Built {
    _tmp: TempDir,
    out: PathBuf,
    json: Value,
    csv: Vec<Vec<String>>,
}

impl Built {
    fn of(content: &Path, tmp: TempDir) -> Built {
        let out = tmp.join("out");
        let run = bantin(&["build", "--content", path_str(content), "--output", path_str(&out)]);
        assert_eq!(run.code, 0, "{run:#?}");
        let json = serde_json::from_slice(&fs::read(out.join("data/indicators.json")).unwrap()).unwrap();
        let bytes = fs::read(out.join("data/indicators.csv")).unwrap();
        let csv = parse_csv(std::str::from_utf8(&bytes[3..]).unwrap());
        Built { _tmp: tmp, out, json, csv }
    }

    fn page(&self, rel: &str) -> String {
        fs::read_to_string(self.out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Every HTML page of the site, by path.
    fn pages(&self) -> Vec<(String, String)> {
        common::snapshot(&self.out)
            .into_iter()
            .filter_map(|(rel, bytes)| {
                let rel = rel.to_string_lossy().replace('\\', "/");
                if !rel.ends_with(".html") {
                    return None;
                }
                Some((rel, String::from_utf8(bytes?).expect("pages are UTF-8")))
            })
            .collect()
    }

    /// The latest report of a unit and period in indicators.json.
    fn report(&self, unit: &str, period: &str) -> &Value {
        self.json["reports"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["unit"] == unit && r["period"] == period && r["latest"] == true)
            .unwrap_or_else(|| panic!("no report of {unit} for {period}"))
    }

    /// A cell of the latest row of a unit and period in indicators.csv.
    fn cell(&self, unit: &str, period: &str, column: &str) -> &str {
        let header = &self.csv[0];
        let at = |name: &str| {
            header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}: {header:?}"))
        };
        let (u, p, latest, col) = (at("unit"), at("period"), at("latest"), at(column));
        let row = self.csv[1..]
            .iter()
            .find(|r| r[u] == unit && r[p] == period && r[latest] == "true")
            .unwrap_or_else(|| panic!("no CSV row of {unit} for {period}"));
        &row[col]
    }
}

const SITE: &str = "title: Bản tin thử\nbase_url: https://example.org/\n";

/// A content folder of `site.yaml` (with `settings` added), `data/d.yaml` and articles.
fn content(name: &str, settings: &str, data: &str, news: &[(&str, &str)]) -> (PathBuf, TempDir) {
    let tmp = TempDir::new(name);
    let dir = tmp.join("content");
    fs::create_dir_all(dir.join("data")).unwrap();
    fs::create_dir_all(dir.join("news")).unwrap();
    fs::write(dir.join("site.yaml"), format!("{SITE}{settings}")).unwrap();
    fs::write(dir.join("data/d.yaml"), data).unwrap();
    for (file, text) in news {
        fs::write(dir.join("news").join(file), text).unwrap();
    }
    (dir, tmp)
}

fn build(name: &str, settings: &str, data: &str) -> Built {
    let (dir, tmp) = content(name, settings, data, &[]);
    Built::of(&dir, tmp)
}

fn assert_shows(page: &str, rel: &str, texts: &[&str]) {
    for text in texts {
        assert!(page.contains(text), "{rel} should show `{text}`:\n{page}");
    }
}

fn assert_hides(page: &str, rel: &str, texts: &[&str]) {
    for text in texts {
        assert!(!page.contains(text), "{rel} should not show `{text}`");
    }
}

const PROVINCE: &str = "units:\n  - {id: tinh, name: Đảng bộ tỉnh Thử}\n  - {id: huyen, name: Đảng bộ huyện Thử, parent: tinh}\n";

// ---------------------------------------------------------------------------------------
// Same-period change.

#[test]
fn part_of_a_year_compares_with_the_same_part_of_the_previous_year() {
    let settings = "root_unit: tinh\ncurrent_period: 2024\n";
    let data = format!(
        "{PROVINCE}reports:
  - {{unit: tinh, period: 2023, as_of: 2023-09-30, admitted: 280}}
  - {{unit: tinh, period: 2023, admitted: 452}}
  - {{unit: tinh, period: 2024, as_of: 2024-09-30, admitted: 300}}
"
    );
    let site = build("same-period", settings, &data);
    let r = site.report("tinh", "2024");
    assert_eq!(r["change"]["previous"], "2023");
    assert_eq!(r["change"]["previous_as_of"], "2023-09-30");
    assert_eq!(r["change"]["delta"], 20);
    assert_eq!(site.cell("tinh", "2024", "change_previous_as_of"), "2023-09-30");
    assert_eq!(site.cell("tinh", "2024", "change_delta"), "20");
    let front = site.page("index.html");
    assert_shows(
        &front,
        "index.html",
        &[
            "<dt>So với cùng kỳ năm trước</dt>",
            "+20 (+7,1%)",
            "năm trước tính đến 30/09/2023",
            "Số kết nạp tăng 20 so với cùng kỳ năm trước (+7,1%).",
        ],
    );
    // Never the whole of 2023 against nine months of 2024.
    assert_hides(&front, "index.html", &["-152", "so với năm 2023", "so với năm trước"]);
}

#[test]
fn without_the_same_span_a_year_earlier_there_is_no_change_and_the_page_says_why() {
    let settings = "root_unit: tinh\ncurrent_period: 2024\n";
    let data = format!(
        "{PROVINCE}reports:
  - {{unit: tinh, period: 2023, admitted: 452}}
  - {{unit: tinh, period: 2023, as_of: 2023-10-08, admitted: 330}}
  - {{unit: tinh, period: 2024, as_of: 2024-09-30, admitted: 300}}
"
    );
    let site = build("no-same-period", settings, &data);
    assert_eq!(site.report("tinh", "2024")["change"], Value::Null);
    for column in ["change_previous", "change_previous_as_of", "change_delta", "change_pct"] {
        assert_eq!(site.cell("tinh", "2024", column), "", "{column}");
    }
    let front = site.page("index.html");
    assert_shows(
        &front,
        "index.html",
        &["Chưa có số liệu cùng kỳ năm trước</span>", "Chưa có số liệu cùng kỳ năm trước để so sánh."],
    );
    assert_hides(&front, "index.html", &["-152", "-30 ", "so với năm"]);
    assert_shows(&site.page("units/tinh.html"), "units/tinh.html", &["Chưa có số liệu cùng kỳ năm trước"]);
}

#[test]
fn a_whole_year_compares_with_the_previous_year() {
    let settings = "root_unit: tinh\ncurrent_period: 2024\n";
    let data = format!(
        "{PROVINCE}reports:\n  - {{unit: tinh, period: 2023, admitted: 452}}\n  - {{unit: tinh, period: 2024, admitted: 400}}\n"
    );
    let site = build("whole-year", settings, &data);
    assert_eq!(site.report("tinh", "2024")["change"]["previous_as_of"], "2023-12-31");
    assert_eq!(site.cell("tinh", "2024", "change_pct"), (-52.0 * 100.0 / 452.0).to_string());
    let front = site.page("index.html");
    assert_shows(
        &front,
        "index.html",
        &["<dt>So với năm trước</dt>", "-52 (-11,5%)", "Số kết nạp giảm 52 so với năm trước (-11,5%)."],
    );
    assert_hides(&front, "index.html", &["cùng kỳ năm trước (-11,5%)"]);
}

// ---------------------------------------------------------------------------------------
// Status while a period runs; rankings.

/// A province whose units report to 30 June 2024: on pace, behind pace, already over the
/// target, one whose deadline has passed, and one without a target.
const HALF_YEAR: &str = "units:
  - {id: tinh, name: Đảng bộ tỉnh Thử}
  - {id: a, name: Đảng bộ huyện A, parent: tinh}
  - {id: b, name: Đảng bộ huyện B, parent: tinh}
  - {id: c, name: Đảng bộ Công an tỉnh, parent: tinh}
  - {id: d, name: Đảng bộ huyện D, parent: tinh}
  - {id: e, name: Đảng bộ huyện E, parent: tinh}
  - {id: xa, name: Đảng bộ xã Một, parent: e}
reports:
  - {unit: a, period: 2024, as_of: 2024-06-30, admitted: 52, targets: [{value: 102}]}
  - {unit: b, period: 2024, as_of: 2024-06-30, admitted: 13, targets: [{value: 75}]}
  - {unit: c, period: 2024, as_of: 2024-06-30, admitted: 21, targets: [{value: 20}]}
  - {unit: d, period: 2024, as_of: 2024-06-30, admitted: 9, targets: [{value: 20, deadline: 2024-05-31}]}
  - {unit: e, period: 2024, as_of: 2024-06-30, admitted: 30}
  - {unit: xa, period: 2024, as_of: 2024-06-30, admitted: 3}
";

#[test]
fn while_the_period_runs_a_target_shows_its_pace_not_behind() {
    let site = build("pace", "root_unit: tinh\ncurrent_period: 2024\n", HALF_YEAR);
    let target = |unit: &str| site.report(unit, "2024")["targets"][0].clone();
    assert_eq!(
        (target("a")["status"].clone(), target("a")["pace_status"].clone()),
        (json!("behind"), json!("on_pace"))
    );
    assert_eq!(target("b")["pace_status"], "behind_pace");
    assert_eq!(
        (target("c")["status"].clone(), target("c")["pace_status"].clone()),
        (json!("exceeded"), Value::Null)
    );
    assert_eq!(
        (target("d")["status"].clone(), target("d")["pace_status"].clone()),
        (json!("behind"), Value::Null)
    );
    let cells = |column: &str| ["a", "b", "c", "d"].map(|u| site.cell(u, "2024", column).to_string());
    assert_eq!(cells("target1_pace_status"), ["on_pace", "behind_pace", "", ""]);
    assert_eq!(cells("target1_status"), ["behind", "behind", "exceeded", "behind"]);

    let front = site.page("index.html");
    assert_shows(
        &front,
        "index.html",
        &[
            "status-on_pace\">Đúng tiến độ<",
            "status-behind_pace\">Chậm tiến độ<",
            "status-exceeded\">Vượt chỉ tiêu 5,0%<",
            "status-behind\">Chưa đạt<",
            "Chưa đến hạn: 1 đơn vị đúng tiến độ, 1 đơn vị chậm tiến độ.",
        ],
    );
    let a = site.page("units/a.html");
    assert_shows(&a, "units/a.html", &["Đúng tiến độ"]);
    assert_hides(&a, "units/a.html", &["Chưa đạt"]);
    let chart = site.page("charts/achievement_tinh_2024.svg");
    assert_shows(
        &chart,
        "the achievement chart",
        &["51,0% (đúng tiến độ)", "17,3% (chậm tiến độ)", "45,0% (chưa đạt)"],
    );
}

#[test]
fn rankings_put_achievement_beside_admissions_and_units_without_a_target_apart() {
    let site = build("ranking", "root_unit: tinh\ncurrent_period: 2024\n", HALF_YEAR);
    let rank = |unit: &str| site.report(unit, "2024")["rank"].clone();
    // c 105%, a 51,0%, d 45,0%, b 17,3%; by admissions a 52, e 30, c 21, b 13, d 9.
    assert_eq!(rank("c"), json!({"by_admitted": 3, "by_achievement": 1, "of": 5, "of_achievement": 4}));
    assert_eq!(rank("e"), json!({"by_admitted": 2, "by_achievement": null, "of": 5, "of_achievement": 4}));
    assert_eq!(site.cell("a", "2024", "rank_of_achievement"), "4");
    let front = site.page("index.html");
    let by_achievement = front.find("Xếp theo tỷ lệ đạt chỉ tiêu</caption>").expect("a table by achievement");
    let apart = front.find("Đơn vị chưa có chỉ tiêu</caption>").expect("units without a target apart");
    let order: Vec<usize> = ["units/c.html", "units/a.html", "units/d.html", "units/b.html"]
        .iter()
        .map(|u| by_achievement + front[by_achievement..].find(u).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]) && order[3] < apart, "{front}");
    assert!(front[by_achievement..apart].find("units/e.html").is_none(), "e has no target");
    assert!(front[apart..].contains("units/e.html"));
    assert_shows(
        &front,
        "index.html",
        &["<th scope=\"col\" class=\"num\">Hạng theo tỷ lệ đạt</th>", ">1/4<", ">3/5<"],
    );
    assert_shows(&front, "index.html", &["<summary>Xếp theo số kết nạp</summary>"]);
    // The commune is the only unit ranked under E: its rank of one is not printed.
    assert_eq!(site.report("xa", "2024")["rank"]["of"], 1);
    for (rel, page) in site.pages() {
        assert_hides(&page, &rel, &[">1/1<"]);
    }
}

// ---------------------------------------------------------------------------------------
// Rounding.

#[test]
fn figures_round_half_away_from_zero_on_pages_charts_points_and_the_command_line() {
    let data = "units:
  - {id: tinh, name: Đảng bộ tỉnh Thử}
  - {id: a, name: Đảng bộ huyện A, parent: tinh}
  - {id: b, name: Đảng bộ huyện B, parent: tinh}
reports:
  - {unit: a, period: 2024, admitted: 162, targets: [{value: 160}]}
  - {unit: b, period: 2024, admitted: 800, targets: [{value: 640}], composition: {religious: 1}}
";
    let settings = "root_unit: tinh\ncurrent_period: 2024\n";
    let site = build("rounding", settings, data);
    assert_eq!(site.report("a", "2024")["targets"][0]["achievement_pct"], 101.25);
    assert_eq!(site.cell("a", "2024", "target1_achievement_pct"), "101.25");
    assert_shows(
        &site.page("index.html"),
        "index.html",
        &["101,3%", "Tỷ lệ đạt cao nhất: Đảng bộ huyện B (125,0%); thấp nhất: Đảng bộ huyện A (101,3%)."],
    );
    assert_shows(&site.page("units/a.html"), "units/a.html", &["101,3%"]);
    assert_shows(&site.page("charts/achievement_tinh_2024.svg"), "the achievement chart", &["101,3% (vượt)"]);
    // The command line's table of top-level units.
    let one = "units:\n  - {id: a, name: A}\nreports:\n  - {unit: a, period: 2024, admitted: 162, targets: [{value: 160}]}\n";
    let (dir, _tmp) = content("rounding-cli", "", one, &[]);
    let check = bantin(&["check", "--content", path_str(&dir)]);
    assert!(check.stdout.contains("  160     101,3%"), "{}", check.stdout);

    // 1 of 800 is 0.125%: two decimals show 0,13%.
    let site = build("rounding-2", &format!("{settings}percent_decimals: 2\n"), data);
    assert_eq!(site.report("b", "2024")["composition"]["religious"]["share_pct"], 0.125);
    assert_eq!(site.cell("b", "2024", "share_religious_pct"), "0.125");
    assert_shows(&site.page("units/b.html"), "units/b.html", &["0,13%"]);
    assert_shows(&site.page("units/a.html"), "units/a.html", &["101,25%"]);
}

// ---------------------------------------------------------------------------------------
// Rate targets.

#[test]
fn a_rate_target_is_a_count_of_the_members_at_the_start() {
    let data = "units:
  - {id: tinh, name: Đảng bộ tỉnh Thử}
  - {id: a, name: Đảng bộ huyện A, parent: tinh}
  - {id: b, name: Đảng bộ huyện B, parent: tinh}
reports:
  - {unit: a, period: 2016, admitted: 222, members: 5700, members_at_start: 5544, targets: [{rate_pct: 3, max_rate_pct: 4, by: Huyện ủy A}]}
  - {unit: b, period: 2016, admitted: 35, members_at_start: 1000, targets: [{rate_pct: 3.5}]}
";
    let site = build("rate", "root_unit: tinh\n", data);
    let a = site.report("a", "2016");
    let t = &a["targets"][0];
    assert_eq!((t["rate_pct"].clone(), t["max_rate_pct"].clone()), (json!(3), json!(4)));
    assert!(
        (t["value"].as_f64().unwrap() - 166.32).abs() < 1e-9
            && (t["max"].as_f64().unwrap() - 221.76).abs() < 1e-9
    );
    assert_eq!((a["members_at_start"].clone(), t["status"].clone()), (json!(5544), json!("exceeded")));
    assert_eq!(site.report("tinh", "2016")["members_at_start"], 6544);
    assert_eq!(site.cell("a", "2016", "target1_rate_pct"), "3");
    assert_eq!(site.cell("a", "2016", "target1_max_rate_pct"), "4");
    assert_eq!(site.cell("a", "2016", "target1_value"), (3.0 * 5544.0 / 100.0).to_string());
    assert_eq!(site.cell("a", "2016", "members_at_start"), "5544");
    assert_eq!(site.cell("tinh", "2016", "members_at_start"), "6544");
    let page = site.page("units/a.html");
    assert_shows(
        &page,
        "units/a.html",
        &["167–221 <span class=\"rate\">(3–4% số đảng viên đầu kỳ)</span>", "5.544"],
    );
    // 3,5% of 1.000 is 35: reached exactly.
    assert_shows(
        &site.page("units/b.html"),
        "units/b.html",
        &[
            "35 <span class=\"rate\">(3,5% số đảng viên đầu kỳ)</span>",
            "data-label=\"Tỷ lệ đạt\">100,0%",
            "Đạt chỉ tiêu",
        ],
    );
    assert_shows(&site.page("units/tinh.html"), "units/tinh.html", &["167–221", "6.544"]);
}

// ---------------------------------------------------------------------------------------
// Honest sums.

#[test]
fn a_sum_says_how_many_units_it_sums() {
    let data = "units:
  - {id: tinh, name: Đảng bộ tỉnh Thử}
  - {id: a, name: Đảng bộ huyện A, parent: tinh}
  - {id: b, name: Đảng bộ huyện B, parent: tinh}
  - {id: c, name: Đảng bộ huyện C, parent: tinh}
  - {id: d, name: Đảng bộ huyện D, parent: tinh}
reports:
  - {unit: a, period: 2024, as_of: 2024-09-30, admitted: 57, composition: {women: 30}}
  - {unit: b, period: 2024, as_of: 2024-09-30, admitted: 40}
  - {unit: c, period: 2024, as_of: 2024-09-30, admitted: 12}
";
    let site = build("sums", "root_unit: tinh\n", data);
    let tinh = site.report("tinh", "2024");
    assert_eq!(
        (tinh["summed"].clone(), tinh["admitted"].clone()),
        (json!({"units": 3, "of": 4}), json!(109))
    );
    assert_eq!(tinh["composition"], json!({}), "no share on a sum of units that do not all give it");
    assert_eq!(
        (site.cell("tinh", "2024", "summed_units"), site.cell("tinh", "2024", "summed_of")),
        ("3", "4")
    );
    assert_eq!(site.cell("a", "2024", "summed_units"), "");
    let front = site.page("index.html");
    assert_shows(
        &front,
        "index.html",
        &["Σ 3/4 đơn vị: Tổng hợp từ 3/4 đơn vị trực thuộc; chưa có số liệu của 1 đơn vị"],
    );
    assert_shows(&site.page("units/tinh.html"), "units/tinh.html", &["Σ 3/4 đơn vị"]);
}

#[test]
fn the_csv_holds_every_scalar_of_a_target_its_document_and_pace_included() {
    let tmp = TempDir::new("csv-targets");
    let site = Built::of(Path::new("content"), tmp);
    let targets = site.report("krong-pac", "2024")["targets"].as_array().unwrap().clone();
    assert_eq!(targets[1]["document"], "Kế hoạch của Ban Thường vụ Huyện ủy");
    let mut checked = 0;
    for (n, target) in targets.iter().enumerate() {
        let pace = target["pace"].as_object().expect("krong-pac's 2024 targets have a pace");
        let scalars = target.as_object().unwrap().iter().filter(|(key, _)| *key != "pace");
        for (key, value) in scalars.chain(pace.iter()) {
            let column = format!("target{}_{key}", n + 1);
            let cell = site.cell("krong-pac", "2024", &column);
            match value {
                Value::Null => assert_eq!(cell, "", "{column}"),
                Value::String(text) => assert_eq!(cell, text, "{column}"),
                // serde_json reads a float to within a unit in the last place.
                Value::Number(x) => {
                    let (cell, json) = (cell.parse::<f64>().unwrap(), x.as_f64().unwrap());
                    assert!(
                        (cell - json).abs() <= 1e-12 * json.abs().max(1.0),
                        "{column}: {cell} against {json}"
                    );
                }
                other => panic!("{column}: {other} is not a scalar"),
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 2 * 17);
}

// ---------------------------------------------------------------------------------------
// Whole people.

#[test]
fn counts_of_people_from_a_formula_are_whole_and_the_data_files_keep_full_precision() {
    let tmp = TempDir::new("people");
    let site = Built::of(Path::new("content"), tmp);
    let pace = site.report("krong-pac", "2024")["targets"][0]["pace"].clone();
    // SPEC §7: expected 112.2, projected 124.9, 38.6 a month.
    assert!((pace["expected"].as_f64().unwrap() - 246.0 * 125.0 / 274.0).abs() < 1e-9);
    assert!((pace["projected"].as_f64().unwrap() - 57.0 * 274.0 / 125.0).abs() < 1e-9);
    assert_eq!(site.cell("krong-pac", "2024", "target1_projected"), (57.0 * 274.0 / 125.0).to_string());
    let needed = site.cell("krong-pac", "2024", "target1_required_per_month").parse::<f64>().unwrap();
    assert!((needed - 189.0 * 30.4375 / 149.0).abs() < 1e-9, "{needed}");
    let page = site.page("units/krong-pac.html");
    assert_shows(
        &page,
        "units/krong-pac.html",
        &[
            "<dt>Mức cần đạt đến nay</dt><dd>112</dd>",
            "<dt>Dự kiến cuối kỳ (30/09/2024)</dt><dd>125</dd>",
            "<dt>Cần kết nạp mỗi tháng</dt><dd>39</dd>",
        ],
    );
    assert_hides(&page, "units/krong-pac.html", &["124,9", "38,6", "112,2"]);
    assert_shows(&site.page("charts/progress_krong-pac_2024.svg"), "the progress chart", &["Ước đạt 125"]);
    assert_shows(
        &site.page("index.html"),
        "index.html",
        &[
            "dự kiến kết nạp khoảng 125 người đến 30/09/2024; để đạt chỉ tiêu 246 cần kết nạp ít nhất 39 người mỗi tháng.",
        ],
    );
}

// ---------------------------------------------------------------------------------------
// The front page.

#[test]
fn headline_cards_show_the_same_categories() {
    let data = "units:
  - {id: a, name: Đảng bộ tỉnh A}
  - {id: b, name: Đảng bộ tỉnh B}
  - {id: c, name: Đảng bộ tỉnh C}
reports:
  - {unit: a, period: 2024, admitted: 10, composition: {pupils: 1, students: 2, youth: 3, women: 4, religious: 1}}
  - {unit: b, period: 2024, admitted: 10, composition: {women: 5, ethnic_minority: 2, religious: 1, university: 3}}
  - {unit: c, period: 2024, admitted: 10, composition: {university: 4, women: 6, youth: 1, religious: 2}}
";
    let site = build("cards", "", data);
    let front = site.page("index.html");
    let cards: Vec<Vec<&str>> = front
        .split("<article class=\"card\">")
        .skip(1)
        .map(|card| {
            let card = &card[..card.find("</article>").unwrap()];
            card.split("<dt>").skip(1).map(|dt| &dt[..dt.find("</dt>").unwrap()]).collect()
        })
        .collect();
    assert_eq!(cards.len(), 3);
    let categories = ["Đoàn viên thanh niên", "Nữ", "Người theo tôn giáo", "Trình độ đại học"];
    for card in &cards {
        assert_eq!(card[card.len() - 4..], categories, "{cards:?}");
    }
    // A card without a category shows a dash: B has no youth union members.
    let b = &front[front.find("units/b.html").unwrap()..];
    assert!(b.contains("<dt>Đoàn viên thanh niên</dt><dd>–</dd>"), "{b}");
    assert_eq!(site.report("b", "2024")["composition"].get("youth"), None);
}

#[test]
fn the_front_page_shows_admissions_over_the_years_and_names_a_period_once() {
    let settings = "root_unit: tinh\ncurrent_period: 2024\n";
    let data = format!(
        "{PROVINCE}reports:
  - {{unit: tinh, period: 2022, admitted: 410}}
  - {{unit: tinh, period: 2023, admitted: 452}}
  - {{unit: tinh, period: 2024, as_of: 2024-09-30, admitted: 300, composition: {{women: 150}}}}
"
    );
    let site = build("front-years", settings, &data);
    assert_shows(
        &site.page("index.html"),
        "index.html",
        &["charts/admissions_tinh.svg", "charts/composition_tinh_2024.svg", "<strong>Năm 2024</strong>"],
    );
    let chart = site.page("charts/admissions_tinh.svg");
    assert!(chart.contains("data-year=\"2022\"") && chart.contains("data-year=\"2024\""), "{chart}");

    // A named period is named once: never "Kỳ Kỳ họp …".
    let sample = Built::of(Path::new("content"), TempDir::new("sample-periods"));
    for (rel, page) in sample.pages() {
        assert_hides(&page, &rel, &["Kỳ Kỳ", "Kỳ <strong>Kỳ", "giai đoạn Kỳ"]);
    }
    assert_shows(
        &sample.page("units/khoi-co-quan-khanh-hoa.html"),
        "units/khoi-co-quan-khanh-hoa.html",
        &["Kỳ họp 23/02/2021"],
    );
}

/// An article dated 4 May shows the figures counted to 4 May, with their date, not a
/// later snapshot it could not have known.
#[test]
fn an_article_shows_the_figures_in_force_on_its_date() {
    let site = Built::of(Path::new("tests/fixtures/indicators"), TempDir::new("in-force"));
    let article = site.page("news/2024-05-04-hoi-nghi-huyen-a.html");
    let table = &article[article.find("id=\"article-figures\"").expect("a figures table")..];
    assert_shows(
        table,
        "the article's figures",
        &[
            "<td data-label=\"Tính đến\">04/05/2024</td>",
            "<td class=\"num\" data-label=\"Kết nạp\">57</td>",
            "23,2%",
        ],
    );
    assert_hides(table, "the article's figures", &["30/09/2024", "<td class=\"num\">130</td>"]);
    // The unit's page has both snapshots.
    assert_shows(&site.page("units/huyen-a.html"), "units/huyen-a.html", &["04/05/2024", "30/09/2024"]);
}
