//! Charts in a built site (SPEC §9): every chart is drawn wide and narrow, with the
//! same title and description, and the pages show the narrow drawing on phones through
//! `<picture>`, each drawing at its size, the first chart of a page loaded at once.

mod common;

use common::{TempDir, bantin, path_str};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// The site of the valid fixture, built into `tmp`.
fn built(tmp: &TempDir) -> std::path::PathBuf {
    let out = tmp.join("site");
    let run = bantin(&["build", "--content", "tests/fixtures/valid", "--output", path_str(&out)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    out
}

/// A drawing's title, description and viewBox size.
fn drawing(path: &Path) -> (String, String, (String, String)) {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let root = doc.root_element();
    let of =
        |tag: &str| root.children().find(|n| n.has_tag_name(tag)).and_then(|n| n.text()).unwrap().to_string();
    let view: Vec<&str> = root.attribute("viewBox").unwrap().split(' ').collect();
    (of("title"), of("desc"), (view[2].to_string(), view[3].to_string()))
}

/// The attributes of the first `<tag` in `html`.
fn attributes(html: &str, tag: &str) -> BTreeMap<String, String> {
    let start = html.find(&format!("<{tag} ")).unwrap_or_else(|| panic!("no <{tag}> in {html}"));
    let rest = &html[start + tag.len() + 2..];
    let rest = &rest[..rest.find('>').unwrap()];
    let mut out = BTreeMap::new();
    for part in rest.split('"').collect::<Vec<_>>().chunks(2) {
        if let [name, value] = part {
            out.insert(name.trim().trim_end_matches('=').to_string(), value.to_string());
        }
    }
    out
}

#[test]
fn every_chart_is_drawn_narrow_too_with_the_same_words() {
    let tmp = TempDir::new("charts-narrow");
    let site = built(&tmp);
    let charts = site.join("charts");
    let mut wide = 0;
    for entry in fs::read_dir(&charts).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "svg") {
            continue;
        }
        wide += 1;
        let narrow = charts.join("narrow").join(path.file_name().unwrap());
        let (title, desc, wide_size) = drawing(&path);
        let (narrow_title, narrow_desc, narrow_size) = drawing(&narrow);
        assert_eq!((title, desc), (narrow_title, narrow_desc), "{}", path.display());
        assert_eq!(wide_size.0, "640");
        assert!(narrow_size.0.parse::<u32>().unwrap() <= 340, "{}", narrow.display());
    }
    assert!(wide > 0, "the fixture has charts");
    assert_eq!(fs::read_dir(charts.join("narrow")).unwrap().count(), wide);
}

#[test]
fn pages_show_each_chart_in_a_picture_at_its_size_the_first_at_once() {
    let tmp = TempDir::new("charts-pages");
    let site = built(&tmp);
    let mut pages = 0;
    for page in ["index.html"]
        .into_iter()
        .map(|p| site.join(p))
        .chain(fs::read_dir(site.join("units")).unwrap().map(|e| e.unwrap().path()))
    {
        let html = fs::read_to_string(&page).unwrap();
        let pictures: Vec<&str> =
            html.split("<picture>").skip(1).map(|p| &p[..p.find("</picture>").unwrap()]).collect();
        if pictures.is_empty() {
            continue;
        }
        pages += 1;
        let root = page.parent().unwrap();
        for (i, picture) in pictures.iter().enumerate() {
            let source = attributes(picture, "source");
            let img = attributes(picture, "img");
            assert!(source["media"].contains("max-width"), "{}", page.display());
            let (narrow, wide) = (&source["srcset"], &img["src"]);
            assert!(narrow.contains("charts/narrow/") && !wide.contains("/narrow/"), "{narrow} {wide}");
            assert_eq!(narrow.rsplit('/').next(), wide.rsplit('/').next());
            let (.., narrow_size) = drawing(&root.join(narrow));
            let (.., wide_size) = drawing(&root.join(wide));
            assert_eq!((&source["width"], &source["height"]), (&narrow_size.0, &narrow_size.1));
            assert_eq!((&img["width"], &img["height"]), (&wide_size.0, &wide_size.1));
            assert!(!img["alt"].is_empty());
            let lazy = img.get("loading").map(String::as_str);
            assert_eq!(lazy, if i == 0 { None } else { Some("lazy") }, "chart {i} of {}", page.display());
        }
    }
    assert!(pages > 1, "the fixture's front page and unit pages have charts");
}

/// A chart shown on two pages is one file with one table: the front page comparing the
/// children of one unit shows that unit's own achievement chart, rows in the same order
/// as on the unit's page and in the chart's CSV.
#[test]
fn a_chart_on_two_pages_shows_the_same_table_as_its_file() {
    let tmp = TempDir::new("shared-chart");
    let content = tmp.join("content");
    bantin_synthetic::generate(bantin_synthetic::Size::Small, 1, &content).expect("the small set is written");
    let out = tmp.join("site");
    let run = bantin(&["build", "--no-pdf", "--content", path_str(&content), "--output", path_str(&out)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let slug = "achievement_tinh-thu-nghiem-01_2024";
    let table = |page: &str| {
        let html = fs::read_to_string(out.join(page)).unwrap();
        let at = html.find(&format!("charts/{slug}.svg")).unwrap_or_else(|| panic!("{page} shows no {slug}"));
        let from = at + html[at..].find("<table>").unwrap();
        html[from..from + html[from..].find("</table>").unwrap()].to_string()
    };
    let (front, unit) = (table("index.html"), table("units/tinh-thu-nghiem-01.html"));
    assert_eq!(front, unit, "the front page and the unit's page show one chart");
    let names: Vec<&str> =
        unit.split("<th scope=\"row\">").skip(1).map(|r| &r[..r.find('<').unwrap()]).collect();
    let csv = fs::read_to_string(out.join(format!("charts/{slug}.csv"))).unwrap();
    let rows: Vec<&str> = csv.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert!(names.len() > 5, "{unit}");
    assert_eq!(names, rows, "the CSV lists the units as the pages do");
}
