//! Snapshots of what the real binary writes for `tests/fixtures/valid/`: the front
//! page, a unit page, an article page and a chart's table of figures, byte for byte.
//! A change to any of them fails here until the new text is reviewed and accepted
//! (CONTRIBUTING.md says how); the snapshots live in `tests/snapshots/`.

mod common;

use common::{TempDir, bantin, path_str};
use std::fs;

const VALID: &str = "tests/fixtures/valid";

/// Builds the fixture into a fresh folder and reads the file at `rel` in it.
fn built_page(rel: &str) -> String {
    let out = TempDir::new("snapshot");
    let run = bantin(&["build", "--content", VALID, "--output", path_str(&out.0)]);
    assert_eq!(run.code, 0, "build of {VALID} failed: {run:#?}");
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The `<figure>` of `page` that shows the chart drawn in `svg`: its caption, its
/// description and the table of the figures it shows.
fn chart_figure<'a>(page: &'a str, svg: &str) -> &'a str {
    let at = page.find(&format!("/{svg}\"")).unwrap_or_else(|| panic!("{svg} is on the page"));
    let start = page[..at].rfind("<figure").expect("the chart is in a figure");
    let end = at + page[at..].find("</figure>").expect("the figure is closed") + "</figure>".len();
    &page[start..end]
}

#[test]
fn front_page() {
    insta::assert_snapshot!(built_page("index.html"));
}

#[test]
fn unit_page() {
    insta::assert_snapshot!(built_page("units/huyen-gia-dinh.html"));
}

#[test]
fn article_page() {
    insta::assert_snapshot!(built_page("news/2025-01-10-tong-ket-nam-2024.html"));
}

#[test]
fn chart_table() {
    let page = built_page("units/tinh-thu-nghiem.html");
    insta::assert_snapshot!(chart_figure(&page, "composition_tinh-thu-nghiem_2024.svg"));
}
