//! The search index a build writes (SPEC §8, §10): plain script files under search/,
//! their terms folded to ASCII, drafts left out, and the search box on every page.

mod common;

use common::{TempDir, bantin, copy_dir, path_str};
use std::fs;
use std::path::Path;

const VALID: &str = "tests/fixtures/valid";

fn build(content: &Path, output: &Path) {
    let run = bantin(&["build", "--no-pdf", "--content", path_str(content), "--output", path_str(output)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_index_holds_folded_terms_of_units_and_published_articles() {
    let tmp = TempDir::new("search-index");
    let out = tmp.join("out");
    build(Path::new(VALID), &out);
    let index = read(&out.join("search/_index.js"));
    assert!(index.starts_with("bantinSearch.index({"), "{index}");
    // "Đảng", "Thử Nghiệm", "Mẫu Đơn": folded, in the shard of their first letters.
    for (shard, term) in [("da", "dang"), ("th", "thu"), ("ng", "nghiem"), ("ma", "mau"), ("do", "don")] {
        let text = read(&out.join(format!("search/{shard}.js")));
        assert!(text.starts_with(&format!("bantinSearch.shard(\"{shard}\",{{")), "{text}");
        assert!(text.contains(&format!("\"{term}\":\"")), "{term} in search/{shard}.js: {text}");
    }
    let mut terms = String::new();
    for entry in fs::read_dir(out.join("search")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.ends_with(".js"), "{name}");
        if !name.starts_with('_') {
            terms.push_str(&read(&path));
        }
    }
    assert!(terms.is_ascii(), "shards hold folded terms only");
    // The draft "Kế hoạch … (bản nháp)" is not indexed.
    assert!(!terms.contains("\"nhap\""), "a draft's words are not in the index");
    let docs = read(&out.join("search/_0.js"));
    assert!(docs.contains(r#"[0,"xa-thu-nghiem","Đảng bộ xã Thử Nghiệm","#), "{docs}");
    assert!(index.contains(r#""paths":["units/*.html","news/*.html"]"#), "{index}");
    assert!(!docs.contains("bản nháp"), "{docs}");
}

#[test]
fn every_page_has_the_search_box_and_the_search_page_its_script() {
    let tmp = TempDir::new("search-pages");
    let out = tmp.join("out");
    build(Path::new(VALID), &out);
    let unit = read(&out.join("units/xa-thu-nghiem.html"));
    assert!(
        unit.contains(r#"<form class="search" role="search" action="../search.html" method="get">"#),
        "{unit}"
    );
    let front = read(&out.join("index.html"));
    assert!(front.contains(r#"action="search.html""#) && !front.contains("search.js"), "{front}");
    let page = read(&out.join("search.html"));
    assert!(page.contains(r#"<script src="assets/search.js"></script>"#), "{page}");
    assert!(page.contains(r#"data-index="search/""#) && page.contains("<noscript>"), "{page}");
    assert!(page.contains("Không tìm thấy kết quả nào"), "{page}");
    assert!(read(&out.join("assets/search.js")).contains("bantinSearch"));
}

#[test]
fn a_static_file_in_the_index_folder_is_an_error() {
    let tmp = TempDir::new("search-static");
    let content = tmp.join("content");
    copy_dir(Path::new(VALID), &content);
    fs::create_dir_all(content.join("static/search")).unwrap();
    fs::write(content.join("static/search/da.js"), "alert(1)").unwrap();
    fs::write(content.join("static/search.html"), "<p>x</p>").unwrap();
    let run = bantin(&["check", "--content", path_str(&content)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("static/search/da.js"), "{}", run.stderr);
    assert!(run.stderr.contains("static/search.html"), "{}", run.stderr);
}
