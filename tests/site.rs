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
//! - `site_links/`: an article with every way of writing a link, an image or a heading
//!   attribute that could carry script, and links that must be kept;
//! - `site_override/templates/`: a 404.html extending base.html with a marker;
//! - `site_broken_template/templates/`: a news.html using an unknown filter on line 3;
//! - `site_extend/templates/`: a base.html that extends the built-in one and replaces
//!   only its footer;
//! - `reserved/`: names that list pages and charts also use: a unit `index` and units
//!   `x` (period 2015-2020) and `x-2015` (period 2020), articles `index` and `page-2`
//!   among 22 (two news pages), tags `index`, `page-2`, `tin tức` (two pages) and
//!   `tin tức page 2`.

mod common;

use common::{Run, TempDir, bantin, path_str, snapshot};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

const SAMPLE: &str = "content";
const VALID: &str = "tests/fixtures/valid";
const EN: &str = "tests/fixtures/site_en";
const ESCAPE: &str = "tests/fixtures/site_escape";
const LINKS: &str = "tests/fixtures/site_links";
const OVERRIDE_TEMPLATES: &str = "tests/fixtures/site_override/templates";
const BROKEN_TEMPLATES: &str = "tests/fixtures/site_broken_template/templates";
const RESERVED: &str = "tests/fixtures/reserved";
const EXTEND_TEMPLATES: &str = "tests/fixtures/site_extend/templates";

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
                || is_bulletin_icon(&rel, &url)
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
    assert_shows(&out, "news.html", "news/2025-01-10-tong-ket-nam-2024.html");
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

/// The attributes of every start tag, `(name lowercased, value as written)`. A small
/// scanner that knows tags from text: a page shows `&lt;a href="javascript:…"&gt;` from
/// content as text, which a plain search for `href="` would take for a link.
fn start_tag_attributes(markup: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for piece in markup.split('<').skip(1) {
        if !piece.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue; // an end tag, a comment, a declaration
        }
        let tag = &piece[..piece.find('>').unwrap_or(piece.len())];
        let mut rest = tag.trim_start_matches(|c: char| !c.is_whitespace() && c != '/');
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if rest.is_empty() {
                break;
            }
            let name_end =
                rest.find(|c: char| c.is_whitespace() || c == '=' || c == '/').unwrap_or(rest.len());
            let name = rest[..name_end].to_ascii_lowercase();
            rest = rest[name_end..].trim_start();
            let mut value = "";
            if let Some(after) = rest.strip_prefix('=') {
                let after = after.trim_start();
                let (start, end) = match after.chars().next() {
                    Some(quote @ ('"' | '\'')) => (1, after[1..].find(quote).map_or(after.len(), |i| i + 1)),
                    _ => (0, after.find(char::is_whitespace).unwrap_or(after.len())),
                };
                value = &after[start..end];
                rest = after.get(end + start..).unwrap_or("");
            }
            found.push((name, value.to_string()));
        }
    }
    found
}

/// An attribute value as a browser reads it before the URL parser: character
/// references decoded.
fn decode_references(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').unwrap_or(0);
        let name = &rest[1..end.max(1)];
        let decoded = match name {
            "amp" => Some('&'),
            "quot" => Some('"'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .map(|hex| u32::from_str_radix(hex, 16))
                .or_else(|| name.strip_prefix('#').map(str::parse))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) if end > 0 => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Attributes whose value a browser loads or follows as a URL.
const URL_ATTRIBUTES: [&str; 9] =
    ["href", "src", "srcset", "action", "formaction", "poster", "cite", "background", "xlink:href"];

/// An article with every way of writing a link, an image or a heading attribute that
/// could carry script (SPEC §8): the pages keep no such URL and no such attribute, the
/// safe links stay, and `check` and `build` warn at each URL's place in the file.
#[test]
fn links_and_attributes_from_content_carry_no_script() {
    let file = format!("{LINKS}/news/lien-ket.md");
    let warning = |at: &str, url: &str| {
        format!(
            "{file}:{at}: cảnh báo: liên kết `{url}` không được phép: chỉ giữ địa chỉ http:, https:, \
             mailto:, tel:, đường dẫn tương đối và #; trang sẽ chỉ hiện chữ của liên kết (hoặc chú \
             thích của ảnh)"
        )
    };
    let expected = [
        ("12:11", "javascript:alert(1)"),
        ("12:39", "JaVaScRiPt:alert(1)"),
        ("13:10", "javascript:alert(1)"),
        ("13:40", "javascript:alert(1)"),
        ("14:10", "java\\tscript:alert(1)"),
        ("14:39", "java\\nscript:alert(1)"),
        ("14:69", "java\\u{1}script:alert(1)"),
        ("14:98", " javascript:alert(1)"),
        ("15:6", "vbscript:msgbox(1)"),
        ("15:30", "data:text/html,x"),
        ("15:52", "file:///etc/passwd"),
        ("15:76", "ms-settings:x"),
        ("16:5", "data:image/svg+xml,y"),
        ("16:38", "javascript:alert(1)"),
        ("17:9", "javascript:alert(1)"),
        ("17:31", "VBSCRIPT:msgbox(1)"),
        ("20:1", "javascript:alert(1)"),
        ("21:1", "data:text/html,z"),
    ];
    let check = bantin(&["check", "--content", LINKS]);
    assert_eq!(check.code, 0, "{check:#?}");
    let lines: Vec<&str> = check.stderr.lines().collect();
    for (at, url) in expected {
        let line = warning(at, url);
        assert!(lines.contains(&line.as_str()), "expected\n  {line}\nin:\n{}", check.stderr);
    }
    assert!(lines.contains(&"0 lỗi, 18 cảnh báo"), "{}", check.stderr);

    let tmp = TempDir::new("links");
    let out = tmp.join("out");
    let build = build_with(LINKS, &out, &[]);
    assert_eq!(build.code, 0, "{build:#?}");
    assert!(build.stderr.lines().any(|l| l == warning("12:11", "javascript:alert(1)")), "{}", build.stderr);

    let mut urls = 0;
    for (rel, bytes) in files(&out) {
        if !(rel.ends_with(".html") || rel.ends_with(".xml") || rel.ends_with(".svg")) {
            continue;
        }
        let markup = String::from_utf8(bytes).expect("markup is UTF-8");
        for (name, value) in start_tag_attributes(&markup) {
            assert!(!name.starts_with("on") && name != "autofocus", "{rel}: attribute {name}=\"{value}\"");
            if URL_ATTRIBUTES.contains(&name.as_str()) && !is_bulletin_icon(&rel, &value) {
                urls += 1;
                let read: String = decode_references(&value)
                    .chars()
                    .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                for scheme in ["javascript:", "vbscript:", "data:", "file:", "ms-settings:"] {
                    assert!(!read.contains(scheme), "{rel}: {name}=\"{value}\"");
                }
            }
        }
    }
    assert!(urls > 50, "only {urls} URL attributes were seen");

    let article = read(&out, "news/lien-ket.html");
    for kept in [
        "<h2 id=\"rieng\" class=\"noi-bat\">Mục</h2>",
        "<p>Nội tuyến a và b.\nThực thể c d.\nKý tự ẩn e f g h.\nKhác i j k l.\nẢnh ảnh một ảnh hai.\n",
        "<a href=\"https://example.org/\">web</a>",
        "<a href=\"mailto:a@example.org\">thư</a>",
        "<a href=\"tel:+84258\">gọi</a>",
        "<a href=\"#rieng\">mục</a>",
        "<a href=\"../index.html\">trang</a>",
        "<a href=\"//example.net/x\">xa</a>",
        "href=\"https://example.org/bao-thu/lien-ket\"",
    ] {
        assert!(article.contains(kept), "the article page should show `{kept}`:\n{article}");
    }
    assert_shows(&out, "units/huyen-thu-nghiem.html", "href=\"https://example.org/bao-thu/so-lieu\"");
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
    assert!(fall.contains(",2023,2023-12-31,-12,-8.45"), "the change stays a negative number: {fall}");
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

/// The first `<h1>` of a page, without its markup.
fn heading(out: &Path, rel: &str) -> String {
    let html = read(out, rel);
    let start = html.find("<h1").unwrap_or_else(|| panic!("{rel} has no <h1>"));
    let text = &html[start..];
    let text = &text[text.find('>').unwrap() + 1..text.find("</h1>").unwrap()];
    text.split('<').next().unwrap_or_default().trim().to_string()
}

#[test]
fn names_that_list_pages_and_charts_use_each_get_their_own_page() {
    let tmp = TempDir::new("reserved");
    let out = tmp.join("out");
    build_ok(RESERVED, &out);
    for (page, h1) in [
        ("units.html", "Tất cả đơn vị"),
        ("units/index.html", "Đảng bộ tỉnh Chỉ Mục"),
        ("units/top.html", "Đảng bộ huyện Đỉnh"),
        ("news.html", "Tin tức"),
        ("news-2.html", "Tin tức"),
        ("news/index.html", "Bài có đường dẫn chỉ mục"),
        ("news/page-2.html", "Bài có đường dẫn trang hai"),
        ("tags.html", "Chủ đề"),
        ("tags/index.html", "Tin theo chủ đề: index"),
        ("tags/page-2.html", "Tin theo chủ đề: page-2"),
        ("tags/tin-tuc.html", "Tin theo chủ đề: tin tức"),
        ("tags/tin-tuc/page-2.html", "Tin theo chủ đề: tin tức"),
        ("tags/tin-tuc-page-2.html", "Tin theo chủ đề: tin tức page 2"),
    ] {
        assert_eq!(heading(&out, page), h1, "{page} is the wrong page");
    }
    assert_shows(&out, "news-2.html", "news/tin-01.html");
    assert_shows(&out, "tags/tin-tuc/page-2.html", "../../news/tin-01.html");
    // One chart per unit and period: x's term and x-2015's year do not share a file.
    let x = read(&out, "charts/composition_x_2015-2020.svg");
    let x_2015 = read(&out, "charts/composition_x-2015_2020.svg");
    assert!(x.contains("Đảng bộ huyện Ích,") && x.contains("2015-2020"), "{x}");
    assert!(x_2015.contains("Đảng bộ huyện Ích Hai Không Một Lăm") && x_2015.contains("2020"), "{x_2015}");
    assert_links_resolve(&out);
    assert_feed_and_sitemap(&out, "https://example.org/ten-danh-rieng/");
}

/// Three builds of the reserved-names folder, and one of a copy whose files are found in
/// another order (data files and articles renamed), are byte for byte the same.
#[test]
fn builds_are_byte_identical_whatever_order_files_are_found_in() {
    let tmp = TempDir::new("order-of-files");
    let reference = tmp.join("site-0");
    build_ok(RESERVED, &reference);
    let expected = files(&reference);
    for n in 1..3 {
        let out = tmp.join(&format!("site-{n}"));
        build_ok(RESERVED, &out);
        assert!(files(&out) == expected, "build {n} differs from the first");
    }
    let reordered = tmp.join("reordered");
    common::copy_dir(Path::new(RESERVED), &reordered);
    fs::rename(reordered.join("data/1-don-vi.yaml"), reordered.join("data/z-don-vi.yaml")).unwrap();
    fs::rename(reordered.join("data/2-bao-cao.yaml"), reordered.join("data/a-bao-cao.yaml")).unwrap();
    for entry in fs::read_dir(reordered.join("news")).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        fs::rename(&path, path.with_file_name(format!("{}.md", stem.chars().rev().collect::<String>())))
            .unwrap();
    }
    let out = tmp.join("site-reordered");
    build_ok(path_str(&reordered), &out);
    let found = files(&out);
    assert_eq!(found.keys().collect::<Vec<_>>(), expected.keys().collect::<Vec<_>>());
    for (rel, bytes) in &expected {
        assert!(bytes == &found[rel], "{rel} differs when the files are found in another order");
    }
}

#[test]
fn a_static_file_over_a_generated_one_is_a_located_error() {
    let tmp = TempDir::new("static-clash");
    let content = tmp.join("content");
    common::copy_dir(Path::new(VALID), &content);
    fs::write(content.join("static/index.html"), "<p>trang riêng</p>\n").unwrap();
    fs::create_dir_all(content.join("static/units")).unwrap();
    fs::write(content.join("static/units.html"), "x").unwrap();
    fs::write(content.join("static/units/huyen-mau-don.html"), "x").unwrap();
    fs::create_dir_all(content.join("static/charts")).unwrap();
    fs::write(content.join("static/charts/anh.svg"), "<svg/>").unwrap();
    fs::write(content.join("static/news.html"), "x").unwrap();
    for command in ["check", "build"] {
        let run = match command {
            // In English here, as `--lang en` asks on this Vietnamese site.
            "check" => bantin(&["check", "--lang", "en", "--content", path_str(&content)]),
            _ => build_with(path_str(&content), &tmp.join("out"), &["--lang", "en"]),
        };
        assert_eq!(run.code, 1, "{command}: {run:#?}");
        for line in [
            "static/index.html:1:1: static/index.html would replace the generated file index.html",
            "static/units.html:1:1: static/units.html would replace the generated file units.html",
            "static/units/huyen-mau-don.html:1:1: static/units/huyen-mau-don.html would replace the generated \
             file units/huyen-mau-don.html",
            "static/charts/anh.svg:1:1: static/charts/anh.svg is inside charts/, where the charts are written",
            "static/news.html:1:1: static/news.html would replace the generated file news.html",
        ] {
            assert!(run.stderr.contains(line), "{command} should print `{line}`:\n{}", run.stderr);
        }
    }
    assert!(!tmp.join("out").exists(), "nothing is built");
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
    for page in ["units.html", "units/tinh-thu-nghiem.html"] {
        let html = read(&out, page);
        let first = html.find("Đảng bộ huyện Mẫu Đơn").expect("Mẫu Đơn is listed");
        let second = html.find("Đảng bộ huyện Giả Định").expect("Giả Định is listed");
        assert!(first < second, "{page}: `order` is not followed");
    }
    for page in ["index.html", "units/xa-thu-nghiem.html", "news.html", "404.html"] {
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
    bantin_synthetic::generate(bantin_synthetic::Size::Small, 1, &content).expect("generated");
    let out = tmp.join("out");
    build_ok(path_str(&content), &out);
    let news = files(&out);
    let published = news.keys().filter(|p| p.starts_with("news/")).count();
    let pages = published.div_ceil(20);
    assert!(pages >= 3, "{published} articles make {pages} pages");
    let listed = |page: &str| read(&out, page).matches("class=\"article-title\"").count();
    assert_eq!(listed("news.html"), 20);
    assert_eq!(listed(&format!("news-{pages}.html")), published - 20 * (pages - 1));
    assert!(!news.contains_key(&format!("news-{}.html", pages + 1)));

    let first = read(&out, "news.html");
    assert!(first.contains("rel=\"next\" href=\"news-2.html\""), "{first}");
    assert!(!first.contains("rel=\"prev\""));
    let last = read(&out, &format!("news-{pages}.html"));
    assert!(last.contains(&format!("rel=\"prev\" href=\"news-{}.html\"", pages - 1)), "{last}");
    assert!(!last.contains("rel=\"next\""));
}

/// `private: true` keeps the bulletin out of search engines on every page.
#[test]
fn a_private_bulletin_says_noindex_everywhere() {
    let tmp = TempDir::new("private");
    let content = tmp.join("content");
    common::copy_dir(Path::new(VALID), &content);
    let site = fs::read_to_string(content.join("site.yaml")).unwrap();
    fs::write(content.join("site.yaml"), format!("{site}private: true\n")).unwrap();
    let out = tmp.join("out");
    build_ok(path_str(&content), &out);
    let noindex = "<meta name=\"robots\" content=\"noindex, nofollow\">";
    let pages: Vec<(String, Vec<u8>)> =
        files(&out).into_iter().filter(|(p, _)| p.ends_with(".html")).collect();
    assert!(pages.len() > 10);
    for (page, bytes) in &pages {
        assert!(String::from_utf8_lossy(bytes).contains(noindex), "{page} lacks noindex");
    }
    assert_eq!(read(&out, "robots.txt"), "User-agent: *\nDisallow: /\n");

    let public = tmp.join("public");
    build_ok(VALID, &public);
    assert!(!read(&public, "index.html").contains("noindex"), "a public bulletin is indexed");
}

/// A site's base.html can extend the built-in one (`builtin/base.html`) and replace one
/// block: every page gets the new footer and keeps the built-in header and navigation.
#[test]
fn a_template_can_extend_the_built_in_one() {
    let tmp = TempDir::new("extend");
    let out = tmp.join("out");
    let run = build_with(VALID, &out, &["--templates", EXTEND_TEMPLATES]);
    assert_eq!(run.code, 0, "{run:#?}");
    // Every page made from base.html; bulletin.html is one file of its own.
    let pages = files(&out).into_iter().filter(|(p, _)| p.ends_with(".html") && p != "bulletin.html");
    for (page, bytes) in pages {
        let html = String::from_utf8(bytes).unwrap();
        assert!(html.contains("<p>Chân trang riêng của đơn vị</p></footer>"), "{page} lacks the new footer");
        assert!(!html.contains("Ban Tổ chức Tỉnh ủy Thử Nghiệm (giả định)"), "{page} keeps the old footer");
        assert!(html.contains("<nav aria-label="), "{page} lost the built-in navigation");
    }
}

/// `bantin theme export` copies the built-in theme out: the same files as the theme the
/// binary carries, a site built with them is the same site byte for byte, and a folder
/// that holds files is refused and left as it was.
#[test]
fn the_built_in_theme_can_be_exported_to_start_from() {
    let tmp = TempDir::new("theme");
    let theme = tmp.join("templates");
    let run = bantin(&["theme", "export", path_str(&theme)]);
    assert_eq!(run.code, 0, "{run:#?}");
    let shipped = snapshot(&Path::new(env!("CARGO_MANIFEST_DIR")).join("templates"));
    assert!(snapshot(&theme) == shipped, "the exported theme is not the one in templates/");
    let copied = format!("Đã chép {} tệp giao diện vào thư mục ", shipped.len());
    assert!(run.stderr.starts_with(&copied), "{}", run.stderr);

    let (plain, themed) = (tmp.join("plain"), tmp.join("themed"));
    assert_eq!(build_with(VALID, &plain, &[]).code, 0);
    assert_eq!(build_with(VALID, &themed, &["--templates", path_str(&theme)]).code, 0);
    assert!(files(&plain) == files(&themed), "the exported theme builds another site");

    fs::write(theme.join("base.html"), "{# my own #}").unwrap();
    let before = snapshot(&theme);
    let run = bantin(&["theme", "export", path_str(&theme)]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("bantin theme export chỉ chép giao diện vào thư mục mới hoặc thư mục trống"));
    assert_eq!(snapshot(&theme), before, "a refused export changed the folder");
}

/// The one `data:` URL bantin writes: the theme's icon inside `bulletin.html`, which
/// travels as one file (an SVG image; content never reaches it).
fn is_bulletin_icon(rel: &str, url: &str) -> bool {
    rel == "bulletin.html" && url.starts_with("data:image/svg+xml,%3Csvg%20")
}
