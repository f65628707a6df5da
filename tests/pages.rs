//! The shape of the pages: a unit's page (its latest figures, one table of its periods,
//! each period in detail, its latest news and a link to the rest), the numbered pages
//! of the news, the archive by month, the site's icon on every page, and the Vietnamese
//! alphabetical order of units and tags.

mod common;

use common::{TempDir, bantin, copy_dir, path_str};
use std::fs;
use std::path::Path;

/// The valid fixture plus `count` articles naming the commune, a day apart from
/// 2023-01-01 (31 in January, 28 in February, …).
fn site_with_news(count: usize) -> (TempDir, TempDir) {
    let content = TempDir::new("pages-content");
    copy_dir(Path::new("tests/fixtures/valid"), &content.0);
    let start = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    for i in 0..count {
        let day = start + chrono::Days::new(i as u64);
        let text = format!("---\ntitle: Tin số {i}\ndate: {day}\nunits: [xa-thu-nghiem]\n---\nNội dung.\n");
        fs::write(content.join(&format!("news/tin-so-{i}.md")), text).unwrap();
    }
    let out = TempDir::new("pages-out");
    let run = bantin(&["build", "--content", path_str(&content.0), "--output", path_str(&out.0)]);
    assert_eq!(run.code, 0, "{run:#?}");
    (content, out)
}

fn read(out: &TempDir, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn count(text: &str, part: &str) -> usize {
    text.matches(part).count()
}

#[test]
fn a_unit_page_leads_with_its_latest_figures_then_one_table_and_each_period_in_detail() {
    let (_content, out) = site_with_news(0);
    let page = read(&out, "units/tinh-thu-nghiem.html");
    let latest = page.find("Số liệu mới nhất").expect("latest figures");
    let table = page.find("<caption>Số liệu theo kỳ: ").expect("the table of periods");
    let details = page.find("Chi tiết từng kỳ").expect("the periods in detail");
    assert!(latest < table && table < details);
    assert_eq!(count(&page, "<table class=\"figures stack by-period\">\n  <caption>Số liệu theo kỳ"), 1);
    let rows = count(&page[table..details], "<th scope=\"row\">");
    assert!(rows >= 2, "one row per period: {rows}");
    assert_eq!(count(&page, "<details class=\"period\""), rows, "one summary to open per period");
    for label in ["Kết nạp", "Chỉ tiêu", "So với cùng kỳ"] {
        assert!(page[table..details].contains(&format!("data-label=\"{label}")), "{label}");
    }
}

#[test]
fn a_unit_page_lists_its_latest_news_and_links_to_all_of_them() {
    let (_content, out) = site_with_news(45);
    let page = read(&out, "units/xa-thu-nghiem.html");
    let news = &page[page.find("id=\"unit-news\"").expect("news section")..];
    assert_eq!(count(news, "class=\"article-title\""), 10);
    assert!(news.contains("href=\"../units/xa-thu-nghiem/news.html\">Xem tất cả 46 bài"), "{news}");
    let all = read(&out, "units/xa-thu-nghiem/news.html");
    assert_eq!(count(&all, "class=\"article-title\""), 20);
    assert!(all.contains("Tin về đơn vị: Đảng bộ xã Thử Nghiệm"));
    let last = read(&out, "units/xa-thu-nghiem/news-3.html");
    assert_eq!(count(&last, "class=\"article-title\""), 6);
    // A unit with few articles has no list of its own.
    assert!(!out.join("units/tinh-thu-nghiem/news.html").exists());
}

#[test]
fn news_pages_are_numbered_with_the_first_the_last_and_the_nearby_pages() {
    let (_content, out) = site_with_news(160);
    // 162 published articles: 9 pages.
    assert!(out.join("news-9.html").exists() && !out.join("news-10.html").exists());
    let fifth = read(&out, "news-5.html");
    let nav = &fifth[fifth.find("class=\"pagination\"").expect("pagination")..];
    assert!(nav.contains("<a href=\"news.html\">Trang đầu</a>"), "{nav}");
    assert!(nav.contains("<a href=\"news-9.html\">Trang cuối</a>"), "{nav}");
    for n in 3..=7 {
        assert!(nav.contains(&format!("href=\"news-{n}.html\" aria-label=\"Trang {n}\"")), "page {n}");
    }
    assert!(nav.contains("aria-label=\"Trang 5\" aria-current=\"page\">5</a>"));
    assert_eq!(count(nav, "class=\"gap\""), 2);
    let first = read(&out, "news.html");
    assert!(first.contains("href=\"news.html\" aria-label=\"Trang 1\" aria-current=\"page\">1</a>"));
    assert!(!first.contains(">Trang đầu</a>"));
}

#[test]
fn the_archive_lists_each_month_of_news_and_the_news_list_links_it() {
    let (_content, out) = site_with_news(60);
    let february = read(&out, "archive/2023-02.html");
    assert!(february.contains("<h1>Tin tức · Tháng 2/2023</h1>"), "{february}");
    assert_eq!(count(&february, "class=\"article-title\""), 20);
    let rest = read(&out, "archive/2023-02/page-2.html");
    assert_eq!(count(&rest, "class=\"article-title\""), 8);
    for day in 31..59 {
        let shown =
            february.contains(&format!(">Tin số {day}<")) || rest.contains(&format!(">Tin số {day}<"));
        assert!(shown, "the article of day {day} is in February");
    }
    assert!(!february.contains(">Tin số 30<") && !rest.contains(">Tin số 59<"));
    let news = read(&out, "news.html");
    assert!(news.contains("Lưu trữ theo tháng"));
    assert!(news.contains("href=\"archive/2023-02.html\" aria-label=\"Tháng 2/2023\">Tháng 2</a> <span class=\"count\">(28)</span>"), "{news}");
    assert!(out.join("archive/2024-06.html").exists() && out.join("archive/2025-01.html").exists());
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains("archive/2023-02.html</loc>"), "{sitemap}");
    assert!(!sitemap.contains("archive/2023-02/page-2.html"), "only a month's first page is listed");
}

#[test]
fn every_page_links_the_site_icon() {
    let (_content, out) = site_with_news(25);
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&out.0) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&out.0).unwrap().to_string_lossy().replace('\\', "/");
        if !rel.ends_with(".html") || rel == "bulletin.html" {
            continue;
        }
        let root = if rel == "404.html" {
            "/ban-tin-thu-nghiem/".to_string()
        } else {
            "../".repeat(rel.matches('/').count())
        };
        let link = format!("<link rel=\"icon\" href=\"{root}assets/favicon.svg\" type=\"image/svg+xml\">");
        assert!(read(&out, &rel).contains(&link), "{rel} should link the icon");
        pages += 1;
    }
    assert!(pages > 20);
    assert!(read(&out, "assets/favicon.svg").starts_with("<svg"));
}

/// SPEC §8: the Atom feed holds the latest 20 articles, newest first; drafts are not in it.
#[test]
fn the_feed_holds_the_latest_twenty_articles_newest_first() {
    let (_content, out) = site_with_news(45);
    let text = read(&out, "feed.xml");
    let feed = roxmltree::Document::parse(&text).expect("feed.xml is XML");
    let titles: Vec<&str> = feed
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .filter_map(|entry| entry.children().find(|n| n.has_tag_name("title")).and_then(|t| t.text()))
        .collect();
    assert_eq!(titles.len(), 20, "{titles:?}");
    // The fixture's two published articles (2025, 2024), then the newest of the 45.
    assert_eq!(titles[0], "Tỉnh Thử Nghiệm kết nạp 310 đảng viên mới năm 2024");
    assert_eq!(titles[1], "Xã Thử Nghiệm chú trọng tạo nguồn phát triển đảng viên");
    assert_eq!(titles[2], "Tin số 44");
    assert_eq!(titles[19], "Tin số 27");
    assert!(!text.contains("bản nháp"), "the draft is not in the feed");
}

/// Sibling units, units of one rank and the tags are in Vietnamese alphabetical order,
/// which neither their ids and slugs (without marks) nor the bytes of their names give.
#[test]
fn units_of_one_rank_and_the_tags_are_in_vietnamese_alphabetical_order() {
    let content = TempDir::new("order-content");
    copy_dir(Path::new("tests/fixtures/valid"), &content.0);
    let children = [
        ("an-my", "Chi bộ An Mỹ"),
        ("an-thi", "Chi bộ Ân Thi"),
        ("doan-ket", "Chi bộ Đoàn Kết"),
        ("duong-lieu", "Chi bộ Dương Liễu"),
    ];
    let mut data = String::from(
        "units:\n  - {id: huyen-thu-tu, name: Đảng bộ huyện Thứ Tự, parent: tinh-thu-nghiem, order: 3}\n",
    );
    for (id, name) in children {
        data += &format!("  - {{id: {id}, name: {name}, parent: huyen-thu-tu}}\n");
    }
    data += "reports:\n";
    for (id, _) in children {
        data += &format!("  - {{unit: {id}, period: 2024, admitted: 5}}\n");
    }
    fs::write(content.join("data/thu-tu.yaml"), data).unwrap();
    let tags = "[Đoàn thanh niên, Dư luận xã hội, Ấp văn hóa, An ninh]";
    let article = format!("---\ntitle: Thứ tự\ndate: 2024-07-01\ntags: {tags}\n---\nNội dung.\n");
    fs::write(content.join("news/thu-tu.md"), article).unwrap();
    let out = TempDir::new("order-out");
    let run = bantin(&["build", "--content", path_str(&content.0), "--output", path_str(&out.0)]);
    assert_eq!(run.code, 0, "{run:#?}");

    let in_order = |page: &str, names: &[&str]| {
        let at: Vec<usize> = names.iter().map(|n| page.find(n).unwrap_or_else(|| panic!("{n}"))).collect();
        assert!(at.is_sorted(), "{names:?} at {at:?}");
    };
    let expected = ["Chi bộ An Mỹ", "Chi bộ Ân Thi", "Chi bộ Dương Liễu", "Chi bộ Đoàn Kết"];
    let unit = read(&out, "units/huyen-thu-tu.html");
    in_order(&unit[unit.find("id=\"children\"").expect("the children's ranking")..], &expected);
    in_order(&read(&out, "units.html"), &expected);
    in_order(&read(&out, "tags.html"), &["An ninh", "Ấp văn hóa", "Dư luận xã hội", "Đoàn thanh niên"]);
}

#[test]
fn a_blank_optional_text_is_left_out_as_if_unwritten() {
    let content = TempDir::new("pages-blank-content");
    copy_dir(Path::new("tests/fixtures/valid"), &content.0);
    let reports = content.join("data/bao-cao/so-lieu.yaml");
    let text = fs::read_to_string(&reports).unwrap();
    let blanked = text
        .replace("source: 2025-01-10-tong-ket-nam-2024", "source: \"\"")
        .replace("note: Số liệu hư cấu, chỉ dùng để kiểm thử.", "note: \"  \"");
    assert_ne!(blanked, text);
    fs::write(&reports, blanked).unwrap();
    let article = content.join("news/2024-06-15-xa-thu-nghiem.md");
    let text = fs::read_to_string(&article).unwrap();
    let summary = "summary: Đảng bộ xã Thử Nghiệm mở lớp bồi dưỡng nhận thức về Đảng cho quần chúng ưu tú.";
    assert!(text.contains(summary));
    fs::write(&article, text.replace(summary, "summary: \"\"\nauthor: \" \"")).unwrap();

    let out = TempDir::new("pages-blank-out");
    let run = bantin(&["build", "--content", path_str(&content.0), "--output", path_str(&out.0)]);
    // A blank source is no source: not an article named ``.
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(!run.stderr.contains("``"), "{}", run.stderr);
    // Without a summary, lists show the body's first paragraph.
    let news = read(&out, "news.html");
    assert!(
        news.contains("<p>Đảng bộ xã Thử Nghiệm (huyện Mẫu Đơn) mở lớp bồi dưỡng nhận thức về Đảng.</p>"),
        "{news}"
    );
    let page = read(&out, "news/2024-06-15-xa-thu-nghiem.html");
    assert!(!page.contains("Tác giả"), "{page}");
}
