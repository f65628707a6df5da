//! Article bodies: the HTML and the default summary. Raw HTML is shown as text, so
//! every tag in the output is one the renderer made, and no attribute from content
//! can carry script.
#![no_main]

use bantin::render::markdown::{Names, skim, to_html};
use libfuzzer_sys::fuzz_target;

const NAMES: Names = Names { article: "Bài <viết>", done: "Đã xong", not_done: "Chưa xong" };

/// The attributes the renderer writes; `style` only for table cell alignment.
const ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "href",
    "src",
    "alt",
    "title",
    "start",
    "style",
    "role",
    "tabindex",
    "aria-label",
    "aria-labelledby",
    "type",
    "checked",
    "disabled",
];

/// The tags of `html`: text escapes `<`, and attribute values escape `>` and `"`.
fn tags(html: &str) -> impl Iterator<Item = &str> {
    html.split('<').skip(1).map(|rest| rest.split('>').next().unwrap_or(rest))
}

/// The attributes of a tag (`a href="x" title="y"`) as (name, value) pairs.
fn attributes(tag: &str) -> Vec<(&str, &str)> {
    let pieces: Vec<&str> = tag.split('"').collect();
    pieces
        .chunks_exact(2)
        .map(|pair| (pair[0].trim_end_matches('=').rsplit(' ').next().unwrap_or_default(), pair[1]))
        .collect()
}

fn assert_safe(html: &str) {
    for tag in tags(html) {
        assert!(!tag.starts_with("script"), "raw HTML reached the page: {html}");
        for (name, value) in attributes(tag) {
            assert!(ATTRIBUTES.contains(&name), "attribute `{name}` from content: {tag}");
            assert!(name != "style" || value.starts_with("text-align: "), "a style from content: {tag}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = bantin_fuzz::text(data);
    assert_safe(&to_html(&text, &NAMES));
    let _ = skim(&text);
});
