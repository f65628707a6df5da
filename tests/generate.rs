//! The synthetic content generator (`examples/generate.rs`, the `bantin-synthetic` crate): the
//! small set is valid content for the real `bantin check` and `build`, holds every
//! feature of the content format, and is the same for the same seed.

mod common;

use bantin::locale::Locale;
use bantin::model::Language;
use bantin_synthetic::{self as synthetic, Size};
use common::{TempDir, bantin, path_str, snapshot};
use std::fs;
use std::path::Path;

/// Every file under `dir` as text, joined.
fn all_text(dir: &Path) -> String {
    snapshot(dir).into_values().flatten().map(|bytes| String::from_utf8(bytes).expect("UTF-8")).collect()
}

#[test]
fn small_set_passes_check_and_builds() {
    let dir = TempDir::new("small");
    let content = dir.join("content");
    let stats = synthetic::generate(Size::Small, 1, &content).expect("generated");
    assert!(stats.units >= 20, "{stats:?}");
    assert!(stats.articles >= 40, "{stats:?}");

    let run = bantin(&["check", "--content", path_str(&content)]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(run.stderr, "", "the small set has no problem at all");
    let n = |count: usize| Locale::new(Language::Vi).count(count);
    let summary = format!(
        "{} đơn vị, {} báo cáo, {} bài viết ({} bản nháp)",
        n(stats.units),
        n(stats.reports),
        n(stats.articles),
        n(stats.drafts)
    );
    assert!(run.stdout.starts_with(&summary), "expected `{summary}` in:\n{}", run.stdout);
    assert!(run.stdout.contains("(tổng hợp)"), "a year of the province is rolled up:\n{}", run.stdout);

    let site = dir.join("site");
    let run = bantin(&["build", "--content", path_str(&content), "--output", path_str(&site)]);
    assert_eq!(run.code, 0, "{run:#?}");
    let files = fs::read_dir(site.join("units")).expect("units/");
    // A unit named by many articles has a folder of its news beside its page.
    let unit_pages = files.filter(|f| f.as_ref().is_ok_and(|f| f.path().is_file())).count();
    assert_eq!(unit_pages, stats.units, "a page per unit");
    assert!(site.join("units.html").is_file(), "the unit tree");
    assert!(site.join("favicon.svg").is_file());
}

#[test]
fn same_seed_same_bytes_other_seed_other_content() {
    let dir = TempDir::new("seeds");
    let [a, b, c] = ["a", "b", "c"].map(|name| dir.join(name));
    synthetic::generate(Size::Small, 5, &a).expect("generated");
    synthetic::generate(Size::Small, 5, &b).expect("generated");
    synthetic::generate(Size::Small, 6, &c).expect("generated");
    assert!(snapshot(&a) == snapshot(&b), "two runs with seed 5 differ");
    assert!(snapshot(&a) != snapshot(&c), "seeds 5 and 6 give the same folder");
}

#[test]
fn small_set_uses_every_part_of_the_format() {
    let dir = TempDir::new("features");
    synthetic::generate(Size::Small, 1, &dir.0).expect("generated");
    let text = all_text(&dir.0);
    for needle in [
        "root_unit: ",
        "current_period: 2024",
        "categories:\n  veterans: ",
        "veterans: ",
        "period: \"2015-2020\"",
        "period: \"2020-2025\"",
        "label: \"Quý I/2023\"",
        "as_of: 2024-03-31",
        "order: ",
        "max: ",
        "deadline: 2024-11-30",
        "- value: ",
        "- rate_pct: 3\n        max_rate_pct: 4",
        "members_at_start: ",
        "training:\n",
        "source: https://",
        "draft: true",
        "\nslug: ",
        "units: [",
        "[^1]",
        "| --- |",
        "\n## ",
        "\n- [",
    ] {
        assert!(text.contains(needle), "no `{needle}` in the small set");
    }
}

#[test]
fn refuses_a_folder_that_holds_files() {
    let dir = TempDir::new("busy");
    fs::write(dir.join("site.yaml"), "title: mine\n").expect("written");
    let e = synthetic::generate(Size::Small, 1, &dir.0).expect_err("a folder with files is refused");
    assert!(e.to_string().contains("is not empty"), "{e}");
    assert_eq!(fs::read_to_string(dir.join("site.yaml")).expect("kept"), "title: mine\n");
}

/// The small set with its reports in one workbook checks clean and builds the same site
/// as with its reports in YAML files.
#[test]
fn small_set_with_its_reports_in_a_workbook_builds_the_same_site() {
    let dir = TempDir::new("small-workbook");
    let (yaml, workbook) = (dir.join("yaml"), dir.join("workbook"));
    synthetic::generate(Size::Small, 1, &yaml).expect("generated");
    synthetic::generate_with(Size::Small, 1, &workbook, synthetic::Reports::Workbook).expect("generated");
    assert!(workbook.join("data/bao-cao.xlsx").is_file());
    let run = bantin(&["check", "--content", path_str(&workbook)]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:#?}");
    let build = |content: &Path, site: &Path| {
        let run = bantin(&["build", "--content", path_str(content), "--output", path_str(site)]);
        assert_eq!(run.code, 0, "{run:#?}");
        snapshot(site)
    };
    let (a, b) = (build(&yaml, &dir.join("yaml-site")), build(&workbook, &dir.join("workbook-site")));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (rel, bytes) in &a {
        assert!(bytes == &b[rel], "{} differs", rel.display());
    }
}
