//! End-to-end tests of the rendered site (SPEC §8, §10): what a reader of the built
//! pages sees, whether the links work, whether feed and sitemap are valid XML with
//! absolute URLs, whether drafts stay hidden, content is escaped, builds are
//! reproducible, and the templates folder overrides the built-in theme.
//!
//! Fixtures: `content/` (the sample built from the seed articles), `tests/fixtures/valid/`
//! and the `tests/fixtures/site_*/` folders derived from it:
//! - `site_en/`: `language: en`, tỉnh Thử Nghiệm's 2020-2025 report admits 23596 of a
//!   target of 21588 (109.301…%);
//! - `site_escape/`: an article title and a unit name of `<script>alert(1)</script> & "x"`;
//!   text a spreadsheet would run as a formula (a unit named `=HYPERLINK("http://x","y")`,
//!   a note `@SUM(1)`, a target set `by: "+1"`, a note starting with a tab), and huyện
//!   Mẫu Đơn admitting 12 fewer in 2024 than in 2023;
//! - `site_override/templates/`: a 404.html extending base.html with a marker;
//! - `site_broken_template/templates/`: a news.html using an unknown filter on line 3.

mod common;

use common::{Run, TempDir, bantin, path_str, snapshot};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

const SAMPLE: &str = "content";
const VALID: &str = "tests/fixtures/valid";
const EN: &str = "tests/fixtures/site_en";
const ESCAPE: &str = "tests/fixtures/site_escape";
const OVERRIDE_TEMPLATES: &str = "tests/fixtures/site_override/templates";
const BROKEN_TEMPLATES: &str = "tests/fixtures/site_broken_template/templates";

/// `bantin build --content <content> --output <output>` plus `extra` arguments.
fn build_with(content: &str, output: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["build", "--content", content, "--output", path_str(output)];
    args.extend_from_slice(extra);
    bantin(&args)
}

/// Builds `content` into `output` and insists that it succeeded.
fn build_ok(content: &str, output: &Path) {
    let run = build_with(content, output, &[]);
    assert_eq!(run.code, 0, "build of {content} failed: {run:#?}");
}

/// Every file under `dir` (relative path with `/` separators → bytes).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    snapshot(dir)
        .into_iter()
        .filter_map(|(rel, bytes)| {
            let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            bytes.map(|b| (rel, b))
        })
        .collect()
}

/// The text of one output file.
fn read(out: &Path, rel: &str) -> String {
    let path = out.join(rel);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{} cannot be read: {e}", path.display()))
}

fn assert_shows(out: &Path, rel: &str, text: &str) {
    let page = read(out, rel);
    assert!(page.contains(text), "{rel} should show `{text}`, but it does not:\n{page}");
}

/// The values of every `name="..."` attribute in `html` (a plain scan, no regex).
fn attribute_values<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!("{name}=\"");
    let mut values = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        let before = rest[..i].chars().last();
        rest = &rest[i + needle.len()..];
        // `data-href="…"` is not an `href`.
        if before.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_') {
            continue;
        }
        let end = rest.find('"').expect("attribute value is closed");
        values.push(&rest[..end]);
        rest = &rest[end + 1..];
    }
    values
}

/// Decodes the few entities that may appear in a URL attribute.
fn unescape_attr(value: &str) -> String {
    value.replace("&amp;", "&").replace("&#x2F;", "/").replace("&#47;", "/")
}

// 1. The sample's figures in the Vietnamese locale.

#[test]
fn sample_pages_show_the_seed_figures_in_vietnamese_format() {
    let tmp = TempDir::new("sample");
    let out = tmp.join("out");
    build_ok(SAMPLE, &out);

    // Khối cơ quan Khánh Hòa: 929 of 850.
    assert_shows(&out, "index.html", "109,3%");
    assert_shows(&out, "units/khoi-co-quan-khanh-hoa.html", "109,3%");
    // The unnamed province's target of 23.596.
    assert_shows(&out, "units/tinh-khong-ten.html", "23.596");
    // Dates as dd/mm/yyyy.
    assert_shows(&out, "news/2021-02-23-khoi-co-quan-khanh-hoa.html", "23/02/2021");
    // Krông Pắc: 57 of 246 at one decimal, and the pace worked out in SPEC §7.
    assert_shows(&out, "units/krong-pac.html", "23,2%");
    assert_shows(&out, "units/krong-pac.html", "50,8%");
}

// 2. The English locale.

#[test]
fn english_site_uses_english_number_and_date_formats() {
    let tmp = TempDir::new("en");
    let out = tmp.join("out");
    build_ok(EN, &out);

    let unit = read(&out, "units/tinh-thu-nghiem.html");
    assert!(unit.contains("23,596"), "23596 admitted should read 23,596:\n{unit}");
    assert!(unit.contains("109.3%"), "23596 of 21588 should read 109.3%:\n{unit}");
    assert!(!unit.contains("23.596"), "no Vietnamese thousands separator in English:\n{unit}");
    assert!(!unit.contains("109,3%"), "no Vietnamese decimal comma in English:\n{unit}");

    let article = read(&out, "news/2025-01-10-tong-ket-nam-2024.html");
    assert!(article.contains("2025-01-10"), "the article date should be ISO:\n{article}");
    assert!(!article.contains("10/01/2025"), "no dd/mm/yyyy date in English:\n{article}");
}

// 3. Relative links.

/// Every relative `href`/`src` of every page (404.html excepted) names an existing file.
fn assert_links_resolve(out: &Path) {
    let mut broken = Vec::new();
    let mut checked = 0;
    for (rel, bytes) in files(out) {
        if !rel.ends_with(".html") || rel == "404.html" {
            continue;
        }
        let html = String::from_utf8(bytes).expect("pages are UTF-8");
        let page_dir = out.join(&rel).parent().unwrap().to_path_buf();
        for value in attribute_values(&html, "href").into_iter().chain(attribute_values(&html, "src")) {
            let url = unescape_attr(value);
            if url.starts_with("http://")
                || url.starts_with("https://")
                || url.starts_with("mailto:")
                || url.starts_with('#')
            {
                continue;
            }
            assert!(!url.starts_with('/'), "{rel} links to `{url}`: links must be relative");
            assert!(!url.contains("://"), "{rel} links to `{url}`: an unexpected scheme");
            let path = url.split(['#', '?']).next().unwrap();
            checked += 1;
            let target = page_dir.join(path);
            if path.is_empty() || !target.is_file() {
                broken.push(format!("{rel}: {value}"));
            }
        }
    }
    assert!(checked > 50, "only {checked} links found in {}: is the scan broken?", out.display());
    assert!(broken.is_empty(), "broken relative links in {}:\n{}", out.display(), broken.join("\n"));
}

#[test]
fn every_relative_link_of_the_sample_resolves() {
    let tmp = TempDir::new("links-sample");
    let out = tmp.join("out");
    build_ok(SAMPLE, &out);
    assert_links_resolve(&out);
}

#[test]
fn every_relative_link_of_the_valid_fixture_resolves() {
    let tmp = TempDir::new("links-valid");
    let out = tmp.join("out");
    build_ok(VALID, &out);
    assert_links_resolve(&out);
}

// 4. Feed and sitemap.

fn assert_feed_and_sitemap(out: &Path, base_url: &str) {
    let feed_text = read(out, "feed.xml");
    let feed =
        roxmltree::Document::parse(&feed_text).unwrap_or_else(|e| panic!("feed.xml: {e}\n{feed_text}"));
    let root = feed.root_element();
    assert_eq!(root.tag_name().name(), "feed");
    let mut entries = 0;
    for node in root.descendants().filter(|n| n.is_element()) {
        match node.tag_name().name() {
            "id" => {
                let id = node.text().unwrap_or_default();
                assert!(id.starts_with(base_url), "feed.xml <id>{id}</id> is not under {base_url}");
            }
            "link" => {
                let href = node.attribute("href").expect("every <link> has an href");
                assert!(
                    href.starts_with(base_url),
                    "feed.xml <link href=\"{href}\"> is not under {base_url}"
                );
            }
            "entry" => entries += 1,
            _ => {}
        }
    }
    assert!(entries > 0, "feed.xml has no entries:\n{feed_text}");

    let sitemap_text = read(out, "sitemap.xml");
    let sitemap = roxmltree::Document::parse(&sitemap_text)
        .unwrap_or_else(|e| panic!("sitemap.xml: {e}\n{sitemap_text}"));
    let locs: Vec<&str> = sitemap
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap_or_default())
        .collect();
    assert!(locs.len() > 5, "sitemap.xml lists too few pages:\n{sitemap_text}");
    for loc in &locs {
        assert!(loc.starts_with(base_url), "sitemap.xml <loc>{loc}</loc> is not under {base_url}");
        // Each listed page exists in the output.
        let rel = &loc[base_url.len()..];
        let rel =
            if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() };
        assert!(out.join(&rel).is_file(), "sitemap.xml lists {loc}, but {rel} was not built");
    }
}

#[test]
fn feed_and_sitemap_are_xml_with_absolute_urls() {
    let tmp = TempDir::new("feed-sample");
    let out = tmp.join("out");
    build_ok(SAMPLE, &out);
    assert_feed_and_sitemap(&out, "https://example.org/ban-tin/");

    let valid = tmp.join("valid");
    build_ok(VALID, &valid);
    assert_feed_and_sitemap(&valid, "https://example.org/ban-tin-thu-nghiem/");
}

// 5. Drafts.

#[test]
fn a_draft_article_is_published_nowhere() {
    let tmp = TempDir::new("draft");
    let out = tmp.join("out");
    build_ok(VALID, &out);

    // `slug: Kế hoạch năm 2025` folds to this.
    let slug = "ke-hoach-nam-2025";
    let title = "Kế hoạch phát triển đảng viên năm 2025";
    assert!(!out.join(format!("news/{slug}.html")).exists(), "the draft got a page");
    for (rel, bytes) in files(&out) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(slug), "{rel} mentions the draft's slug {slug}");
        assert!(!text.contains(title), "{rel} shows the draft's title");
        assert!(!text.contains("Bản nháp, chưa đăng"), "{rel} shows the draft's body");
    }
    // The published articles are there, so the scan above looked at the right pages.
    assert_shows(&out, "news/index.html", "news/2025-01-10-tong-ket-nam-2024.html");
    assert_shows(&out, "feed.xml", "news/2025-01-10-tong-ket-nam-2024.html");
    assert_shows(&out, "sitemap.xml", "news/2025-01-10-tong-ket-nam-2024.html");
}

// 6. Escaping and SVG.

#[test]
fn content_is_escaped_in_html_xml_and_svg() {
    let tmp = TempDir::new("escape");
    let out = tmp.join("out");
    build_ok(ESCAPE, &out);

    let raw = "<script>alert(1)</script>";
    let mut markup = 0;
    for (rel, bytes) in files(&out) {
        // indicators.json and .csv are data, not markup: the raw text is right there.
        if !(rel.ends_with(".html") || rel.ends_with(".xml") || rel.ends_with(".svg")) {
            continue;
        }
        markup += 1;
        let text = String::from_utf8(bytes).expect("markup is UTF-8");
        assert!(!text.contains(raw), "{rel} contains the raw {raw}");
        assert!(!text.contains("& \"x\""), "{rel} contains an unescaped `& \"x\"`");
    }
    assert!(markup > 10);

    let article = read(&out, "news/2024-06-15-xa-thu-nghiem.html");
    assert!(article.contains("&lt;script&gt;"), "the article page should show the escaped title:\n{article}");
    let unit = read(&out, "units/huyen-gia-dinh.html");
    assert!(unit.contains("&lt;script&gt;"), "the unit page should show the escaped name:\n{unit}");

    // The escaped values still make well-formed feed and sitemap.
    assert_feed_and_sitemap(&out, "https://example.org/ban-tin-thu-nghiem/");
}

/// SPEC §8: CSV text cells that a spreadsheet would read as a formula are neutralised
/// with a leading `'`, still quoted as CSV; numbers, negative ones too, stay numbers.
#[test]
fn csv_text_cells_cannot_run_as_formulas() {
    let tmp = TempDir::new("formulas");
    let out = tmp.join("out");
    build_ok(ESCAPE, &out);
    let csv = read(&out, "data/indicators.csv");
    let row = |unit_and_period: &str| {
        csv.lines()
            .find(|l| l.starts_with(unit_and_period))
            .unwrap_or_else(|| panic!("no row starting `{unit_and_period}` in:\n{csv}"))
    };
    let formulas = row("huyen-cong-thuc,");
    assert!(
        formulas.starts_with("huyen-cong-thuc,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",2024,"),
        "the unit name is neutralised and quoted: {formulas}"
    );
    assert!(formulas.contains(",'+1,"), "the target's `by` is neutralised: {formulas}");
    assert!(formulas.ends_with(",'@SUM(1)"), "the note is neutralised: {formulas}");
    let fall = row("huyen-mau-don,Đảng bộ huyện Mẫu Đơn,2024,");
    assert!(fall.contains(",2023,-12,-8.45"), "the change stays a negative number: {fall}");
    assert!(row("huyen-mau-don,Đảng bộ huyện Mẫu Đơn,2023,").ends_with(",'\t=1+2"));
    assert!(!csv.contains(",'-1") && !csv.contains(",'2"), "no figure is neutralised:\n{csv}");
}

/// Every chart parses as XML, with a `<title>` and a `<desc>` (SPEC §9).
fn assert_charts_parse(out: &Path) {
    let charts: Vec<(String, Vec<u8>)> = files(out)
        .into_iter()
        .filter(|(rel, _)| rel.starts_with("charts/") && rel.ends_with(".svg"))
        .collect();
    assert!(!charts.is_empty(), "no charts in {}", out.display());
    for (rel, bytes) in charts {
        let text = String::from_utf8(bytes).unwrap_or_else(|_| panic!("{rel} is not UTF-8"));
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{rel} is not XML: {e}"));
        assert_eq!(doc.root_element().tag_name().name(), "svg", "{rel}");
        assert!(doc.descendants().any(|n| n.has_tag_name("title")), "{rel} has no <title>");
        assert!(doc.descendants().any(|n| n.has_tag_name("desc")), "{rel} has no <desc>");
    }
}

#[test]
fn every_chart_is_well_formed_svg() {
    let tmp = TempDir::new("charts");
    for (content, name) in [(SAMPLE, "sample"), (VALID, "valid"), (ESCAPE, "escape"), (EN, "en")] {
        let out = tmp.join(name);
        build_ok(content, &out);
        assert_charts_parse(&out);
    }
}

// 7. Reproducibility.

#[test]
fn two_builds_are_byte_identical() {
    let tmp = TempDir::new("twice");
    let (a, b) = (tmp.join("a"), tmp.join("deeper/b"));
    build_ok(SAMPLE, &a);
    build_ok(SAMPLE, &b);
    let (fa, fb) = (files(&a), files(&b));
    assert_eq!(
        fa.keys().collect::<Vec<_>>(),
        fb.keys().collect::<Vec<_>>(),
        "the two builds hold other files"
    );
    for (rel, bytes) in &fa {
        assert!(bytes == &fb[rel], "{rel} differs between two builds of the same content");
    }
}

// 8. Template override.

#[test]
fn a_templates_folder_overrides_only_its_own_templates() {
    let tmp = TempDir::new("override");
    let (plain, custom) = (tmp.join("plain"), tmp.join("custom"));
    build_ok(VALID, &plain);
    let run = build_with(VALID, &custom, &["--templates", OVERRIDE_TEMPLATES]);
    assert_eq!(run.code, 0, "build with {OVERRIDE_TEMPLATES} failed: {run:#?}");

    let not_found = read(&custom, "404.html");
    assert!(
        not_found.contains("SITE-OVERRIDE-MARKER"),
        "404.html should come from the override:\n{not_found}"
    );
    // Extending base.html keeps the site's frame.
    assert!(not_found.contains("Bản tin thử nghiệm công tác phát triển đảng viên"), "{not_found}");
    assert!(!read(&plain, "404.html").contains("SITE-OVERRIDE-MARKER"));

    let index = read(&custom, "index.html");
    assert!(index.contains("Bản tin thử nghiệm công tác phát triển đảng viên"), "{index}");
    let (fp, fc) = (files(&plain), files(&custom));
    assert_eq!(fp.keys().collect::<Vec<_>>(), fc.keys().collect::<Vec<_>>());
    for (rel, bytes) in &fp {
        if rel != "404.html" {
            assert!(bytes == &fc[rel], "{rel} changed although only 404.html was overridden");
        }
    }
}

// 9. A broken override template.

#[test]
fn a_broken_template_fails_the_build_and_names_its_file_and_line() {
    let tmp = TempDir::new("broken-template");
    let out = tmp.join("out");
    build_ok(VALID, &out);
    let before = snapshot(&out);

    let run = build_with(VALID, &out, &["--templates", BROKEN_TEMPLATES]);
    assert_eq!(run.code, 1, "a broken template is a template error: {run:#?}");
    let location = format!("{BROKEN_TEMPLATES}/news.html:3:");
    assert!(
        run.stderr.contains(&location),
        "stderr should name the template file and line `{location}`:\n{}",
        run.stderr
    );
    assert!(run.stderr.contains("nosuchfilter"), "stderr should name the unknown filter:\n{}", run.stderr);
    assert!(snapshot(&out) == before, "a failed build changed the existing output");
}

/// `order` puts "Mẫu Đơn" (order 1) before "Giả Định" (order 2), though its name sorts after.
#[test]
fn siblings_follow_their_order_and_pages_show_contact_and_next_release() {
    let tmp = TempDir::new("order");
    let out = tmp.join("out");
    build_ok(VALID, &out);
    for page in ["units/index.html", "units/tinh-thu-nghiem.html"] {
        let html = read(&out, page);
        let first = html.find("Đảng bộ huyện Mẫu Đơn").expect("Mẫu Đơn is listed");
        let second = html.find("Đảng bộ huyện Giả Định").expect("Giả Định is listed");
        assert!(first < second, "{page}: `order` is not followed");
    }
    for page in ["index.html", "units/xa-thu-nghiem.html", "news/index.html", "404.html"] {
        assert_shows(&out, page, "Ban Tổ chức Tỉnh ủy Thử Nghiệm (giả định)");
    }
    assert_shows(&out, "index.html", "15/07/2025");
    assert_eq!(
        read(&out, "robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://example.org/ban-tin-thu-nghiem/sitemap.xml\n"
    );
}

/// The generated small set publishes more than two pages of news: 20 a page, newest
/// first, each page linking to the next and the previous.
#[test]
fn news_lists_paginate_by_twenty() {
    let tmp = TempDir::new("pages");
    let content = tmp.join("content");
    bantin::synthetic::generate(bantin::synthetic::Size::Small, 1, &content).expect("generated");
    let out = tmp.join("out");
    build_ok(path_str(&content), &out);
    let news = files(&out);
    let published = news
        .keys()
        .filter(|p| p.starts_with("news/") && !p.starts_with("news/page-") && *p != "news/index.html")
        .count();
    let pages = published.div_ceil(20);
    assert!(pages >= 3, "{published} articles make {pages} pages");
    let listed = |page: &str| read(&out, page).matches("class=\"article-title\"").count();
    assert_eq!(listed("news/index.html"), 20);
    assert_eq!(listed(&format!("news/page-{pages}.html")), published - 20 * (pages - 1));
    assert!(!news.contains_key(&format!("news/page-{}.html", pages + 1)));

    let first = read(&out, "news/index.html");
    assert!(first.contains("rel=\"next\" href=\"../news/page-2.html\""), "{first}");
    assert!(!first.contains("rel=\"prev\""));
    let last = read(&out, &format!("news/page-{pages}.html"));
    assert!(last.contains(&format!("rel=\"prev\" href=\"../news/page-{}.html\"", pages - 1)), "{last}");
    assert!(!last.contains("rel=\"next\""));
}
