//! Real published figures (`tests/fixtures/published/`): five reports that Vietnamese
//! papers printed, each article's address kept as its `source_url`. Every percentage
//! those reports print comes out of the indicators (`indicators.json`, rounded as the
//! report rounds it) and shows on the unit's page (at the site's two decimals).

mod common;

use bantin::locale::Locale;
use bantin::model::Language;
use common::{TempDir, bantin, path_str};
use serde_json::Value;
use std::fs;
use std::path::PathBuf;

const PUBLISHED: &str = "tests/fixtures/published";

struct Site {
    _tmp: TempDir,
    out: PathBuf,
    json: Value,
}

impl Site {
    fn build() -> Site {
        let tmp = TempDir::new("published");
        let out = tmp.join("out");
        let run = bantin(&["build", "--content", PUBLISHED, "--output", path_str(&out)]);
        assert_eq!(run.code, 0, "{run:#?}");
        assert!(
            !run.stderr.contains("cảnh báo"),
            "the published figures build without warnings:\n{}",
            run.stderr
        );
        let json = serde_json::from_slice(&fs::read(out.join("data/indicators.json")).unwrap()).unwrap();
        Site { _tmp: tmp, out, json }
    }

    fn page(&self, rel: &str) -> String {
        fs::read_to_string(self.out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// The latest report of a unit and period.
    fn report(&self, unit: &str, period: &str) -> &Value {
        self.json["reports"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["unit"] == unit && r["period"] == period && r["latest"] == true)
            .unwrap_or_else(|| panic!("no report of {unit} for {period}"))
    }
}

/// A percentage as a report prints it: `decimals` places, decimal comma, as bantin shows
/// figures (half away from zero).
fn printed(x: f64, decimals: usize) -> String {
    Locale::new(Language::Vi).decimal(x, decimals)
}

/// What a page of the site shows for a percentage (two decimals).
fn shown(x: f64) -> String {
    Locale::new(Language::Vi).percent(x, 2)
}

/// One percentage a report prints: where it is in the indicators, and the page showing it.
struct Printed {
    source: &'static str,
    unit: &'static str,
    period: &'static str,
    what: &'static str,
    figure: fn(&Value) -> f64,
    printed: &'static str,
    decimals: usize,
    /// What the page writes around the figure (`{}` is the figure at two decimals).
    page_text: &'static str,
}

fn achievement(r: &Value) -> f64 {
    r["targets"][0]["achievement_pct"].as_f64().unwrap()
}

fn share(key: &'static str) -> impl Fn(&Value) -> f64 {
    move |r| r["composition"][key]["share_pct"].as_f64().unwrap()
}

#[test]
fn every_printed_percentage_comes_out_of_the_indicators_and_onto_the_pages() {
    let site = Site::build();
    let ninh_thuan = "baoninhthuan.com.vn/news/131984p24c161";
    let quang_tri = "vietnam.vn/en/dang-vien-tre-chiem-ti-le-den-64";
    let tu_ky = "baohaiduong.vn/tu-ky-ket-nap-dang-vuot-47-7-ke-hoach-319204";
    let vung_liem = "baovinhlong.com.vn/chinh-tri/xay-dung-dang/201712/vung-liem";
    let all: Vec<Printed> = vec![
        Printed {
            source: ninh_thuan,
            unit: "ninh-thuan",
            period: "2022",
            what: "288 of the year's target",
            figure: achievement,
            printed: "35,34",
            decimals: 2,
            page_text: "815: {}",
        },
        Printed {
            source: ninh_thuan,
            unit: "cong-an-ninh-thuan",
            period: "2022",
            what: "the provincial police, 21",
            figure: achievement,
            printed: "105",
            decimals: 0,
            page_text: "20: {}",
        },
        Printed {
            source: ninh_thuan,
            unit: "ninh-phuoc",
            period: "2022",
            what: "Ninh Phước, 52",
            figure: achievement,
            printed: "50,98",
            decimals: 2,
            page_text: "102: {}",
        },
        Printed {
            source: ninh_thuan,
            unit: "quan-su-ninh-thuan",
            period: "2022",
            what: "the provincial military, 5",
            figure: achievement,
            printed: "50",
            decimals: 0,
            page_text: "10: {}",
        },
        Printed {
            source: ninh_thuan,
            unit: "bien-phong-ninh-thuan",
            period: "2022",
            what: "the border guard, 4",
            figure: achievement,
            printed: "50",
            decimals: 0,
            page_text: "8: {}",
        },
        Printed {
            source: ninh_thuan,
            unit: "ninh-son",
            period: "2022",
            what: "Ninh Sơn, 13",
            figure: achievement,
            printed: "17,33",
            decimals: 2,
            page_text: "75: {}",
        },
        Printed {
            source: quang_tri,
            unit: "quang-tri",
            period: "2024",
            what: "213 of 333 aged 18 to 30",
            figure: |r| share("age_18_30")(r),
            printed: "64",
            decimals: 0,
            page_text: "<td class=\"num\">{}</td>",
        },
        Printed {
            source: tu_ky,
            unit: "tu-ky",
            period: "2012",
            what: "192 above the year's plan",
            figure: |r| achievement(r) - 100.0,
            printed: "47,7",
            decimals: 1,
            page_text: "Vượt chỉ tiêu {}",
        },
        Printed {
            source: tu_ky,
            unit: "tu-ky",
            period: "2012",
            what: "192 on the same period of 2011",
            figure: |r| r["change"]["pct"].as_f64().unwrap(),
            printed: "12,9",
            decimals: 1,
            page_text: "+22 (+{})",
        },
        Printed {
            source: tu_ky,
            unit: "tu-ky",
            period: "2012",
            what: "125 women",
            figure: |r| share("women")(r),
            printed: "65,1",
            decimals: 1,
            page_text: "<td class=\"num\">{}</td>",
        },
        Printed {
            source: tu_ky,
            unit: "tu-ky",
            period: "2012",
            what: "136 youth union members",
            figure: |r| share("youth")(r),
            printed: "70,8",
            decimals: 1,
            page_text: "<td class=\"num\">{}</td>",
        },
        Printed {
            source: tu_ky,
            unit: "tu-ky",
            period: "2012",
            what: "68 farmers",
            figure: |r| share("farmers")(r),
            printed: "35,4",
            decimals: 1,
            page_text: "<td class=\"num\">{}</td>",
        },
        Printed {
            source: vung_liem,
            unit: "vung-liem",
            period: "2017",
            what: "245 of the resolution's target",
            figure: achievement,
            printed: "122,5",
            decimals: 1,
            page_text: "200: {}",
        },
    ];
    let mut wrong = Vec::new();
    for p in &all {
        let r = site.report(p.unit, p.period);
        let x = (p.figure)(r);
        let got = printed(x, p.decimals);
        if got != p.printed {
            wrong.push(format!(
                "{} ({}): the report prints {}, the indicators give {got} ({x})",
                p.what, p.source, p.printed
            ));
        }
        let page = site.page(&format!("units/{}.html", p.unit));
        let text = p.page_text.replace("{}", &shown(x));
        if !page.contains(&text) {
            wrong.push(format!("{} ({}): units/{}.html does not show `{text}`", p.what, p.source, p.unit));
        }
    }
    assert!(wrong.is_empty(), "published figures not reproduced:\n{}", wrong.join("\n"));

    // Each article keeps its source's address, and every source is cited.
    let mut cited = 0;
    for entry in fs::read_dir(format!("{PUBLISHED}/news")).unwrap() {
        let text = fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(text.contains("\nsource_url: http"), "{text}");
        cited += 1;
    }
    assert_eq!(cited, 5);
    for source in [ninh_thuan, quang_tri, tu_ky, vung_liem] {
        let articles = fs::read_dir(site.out.join("news")).unwrap();
        let shown =
            articles.into_iter().any(|a| fs::read_to_string(a.unwrap().path()).unwrap().contains(source));
        assert!(shown, "no article page links to {source}");
    }
}

/// The published figures show the rules of the bulletin on real data: a quarter
/// compared with the same quarter a year earlier, units whose year still runs on pace
/// or behind it, a province summed from one of its eight districts, and a year's
/// target missed once the year is over.
#[test]
fn real_figures_read_as_a_statistics_office_prints_them() {
    let site = Site::build();
    let quang_tri = site.report("quang-tri", "2024");
    assert_eq!(quang_tri["change"]["previous_as_of"], "2023-03-31");
    assert_eq!(quang_tri["change"]["delta"], 137);
    let front = site.page("index.html");
    assert!(front.contains("Số kết nạp tăng 137 so với cùng kỳ năm trước (+69,90%)."), "{front}");

    assert_eq!(site.report("ninh-phuoc", "2022")["targets"][0]["pace_status"], "on_pace");
    assert_eq!(site.report("ninh-son", "2022")["targets"][0]["pace_status"], "behind_pace");
    assert_eq!(site.report("cong-an-ninh-thuan", "2022")["targets"][0]["pace_status"], Value::Null);
    let province = site.page("units/ninh-thuan.html");
    for text in [">Đúng tiến độ<", ">Chậm tiến độ<", ">Vượt chỉ tiêu 5,00%<"] {
        assert!(province.contains(text), "units/ninh-thuan.html should show {text}");
    }
    assert!(!province.contains(">Chưa đạt<"), "no target is missed before the year ends");

    let vinh_long = site.report("vinh-long", "2017");
    assert_eq!(vinh_long["summed"], serde_json::json!({"units": 1, "of": 8}));
    assert!(site.page("units/vinh-long.html").contains("Σ 1/8 đơn vị"));

    let hai_duong = site.report("hai-duong", "2019");
    assert_eq!(
        (hai_duong["targets"][0]["status"].as_str(), hai_duong["targets"][0]["pace_status"].as_str()),
        (Some("behind"), None)
    );
    let hai_duong_page = site.page("units/hai-duong.html");
    assert!(hai_duong_page.contains("74,20%"));
    // The years of the chart counted to November say so.
    assert!(hai_duong_page.contains("2012 (đến 30/11/2012)"), "{hai_duong_page}");
}
