//! Article bodies: CommonMark with tables, footnotes, strikethrough and task lists.
//!
//! Raw HTML in an article is shown as text, like every other value from content, and
//! each heading gets an anchor id folded from its text. Tables sit in a box that
//! scrolls sideways on narrow screens and can be scrolled from the keyboard. A task-list
//! item shows its state as a named mark (☑, ☐) rather than as a form control.

use crate::text;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};
use std::collections::HashMap;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// What the HTML of a body names in words, in the site's language.
pub struct Names<'a> {
    /// The article's title: the name of a table that no heading precedes.
    pub article: &'a str,
    /// The states of a task-list item.
    pub done: &'a str,
    pub not_done: &'a str,
}

/// The HTML of a Markdown body.
pub fn to_html(markdown: &str, names: &Names) -> String {
    let events: Vec<Event> =
        Parser::new_ext(markdown, options()).map(escape_raw_html).map(without_heading_attributes).collect();
    let events = with_heading_ids(events);
    let events = with_table_boxes(events, names.article);
    let events = events.into_iter().map(|e| task_mark(e, names)).collect::<Vec<_>>();
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    out
}

fn escape_raw_html(event: Event) -> Event {
    match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    }
}

/// Keeps a heading's `{#id .class}` but drops other attributes written after it
/// (`{onclick=…}`): an attribute from content could carry script.
fn without_heading_attributes(event: Event) -> Event {
    match event {
        Event::Start(Tag::Heading { level, id, classes, attrs: _ }) => {
            Event::Start(Tag::Heading { level, id, classes, attrs: Vec::new() })
        }
        other => other,
    }
}

/// Gives each heading an id from its text ("Kết quả" → `ket-qua`), unique in the page.
fn with_heading_ids(mut events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id: None, .. }) = &events[i] {
            let mut title = String::new();
            for e in &events[i + 1..] {
                match e {
                    Event::End(TagEnd::Heading(_)) => break,
                    Event::Text(t) | Event::Code(t) => title.push_str(t),
                    _ => {}
                }
            }
            let base = text::slug_lossy(&title);
            let n = used.entry(base.clone()).or_insert(0);
            *n += 1;
            let anchor = if *n == 1 { base } else { format!("{base}-{n}") };
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(anchor));
            }
        }
        i += 1;
    }
    events
}

/// Wraps each table in the theme's sideways-scrolling box (`table-scroll`). The box
/// takes keyboard focus, so a table wider than a phone can be scrolled without a
/// pointer, and is named by the nearest heading above the table, else by `title`.
/// Runs after `escape_raw_html`, so these are the only raw HTML events.
fn with_table_boxes<'a>(events: Vec<Event<'a>>, title: &str) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len() + 4);
    let mut heading: Option<String> = None;
    for event in events {
        match &event {
            Event::Start(Tag::Heading { id: Some(id), .. }) => heading = Some(id.to_string()),
            Event::Start(Tag::Table(_)) => {
                let name = match &heading {
                    Some(id) => format!("aria-labelledby=\"{}\"", text::escape_html(id)),
                    None => format!("aria-label=\"{}\"", text::escape_html(title)),
                };
                let open = format!("<div class=\"table-scroll\" role=\"group\" tabindex=\"0\" {name}>\n");
                out.push(Event::Html(open.into()));
            }
            _ => {}
        }
        let closes_table = matches!(event, Event::End(TagEnd::Table));
        out.push(event);
        if closes_table {
            out.push(Event::Html("</div>\n".into()));
        }
    }
    out
}

/// A task-list item's state as a mark named in words. pulldown-cmark writes a disabled
/// checkbox without a label: a form control in an article that nothing names (axe
/// `label`, critical) and that readers cannot use anyway.
fn task_mark<'a>(event: Event<'a>, names: &Names) -> Event<'a> {
    match event {
        Event::TaskListMarker(done) => {
            let (mark, name) = if done { ("☑", names.done) } else { ("☐", names.not_done) };
            let class = if done { "task task-done" } else { "task" };
            Event::Html(
                format!(
                    "<span class=\"{class}\" role=\"img\" aria-label=\"{}\">{mark}</span> ",
                    text::escape_html(name)
                )
                .into(),
            )
        }
        other => other,
    }
}

/// The first paragraph as plain text: an article's summary when none is written.
pub fn first_paragraph(markdown: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if inside => break,
            Event::Text(t) | Event::Code(t) if inside => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak if inside => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: Names = Names { article: "T", done: "Đã xong", not_done: "Chưa xong" };

    #[test]
    fn renders_extensions() {
        let html = to_html(
            "| a | b |\n|---|--:|\n| 1 | 2 |\n\n~~cũ~~ mới[^1]\n\n- [x] xong\n\n[^1]: Ghi chú.\n",
            &NAMES,
        );
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>cũ</del>"));
        assert!(
            html.contains("<span class=\"task task-done\" role=\"img\" aria-label=\"Đã xong\">☑</span> xong"),
            "{html}"
        );
        assert!(!html.contains("<input"), "{html}");
        assert!(html.contains("footnote-definition"));
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_html("Xin <script>alert(1)</script> chào\n\n<div>khối</div>\n", &NAMES);
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("&lt;div&gt;"));
    }

    #[test]
    fn headings_keep_no_attribute_but_id_and_class() {
        let html = to_html("# Tiêu đề {#rieng .noi-bat onclick=alert(1) style=\"x\"}\n", &NAMES);
        assert_eq!(html, "<h1 id=\"rieng\" class=\"noi-bat\">Tiêu đề</h1>\n");
    }

    #[test]
    fn headings_get_unique_folded_ids() {
        let html = to_html("## Kết quả\n\n## Kết quả\n\n## Đảng viên mới {#rieng}\n", &NAMES);
        assert!(html.contains("<h2 id=\"ket-qua\">"), "{html}");
        assert!(html.contains("<h2 id=\"ket-qua-2\">"));
        assert!(html.contains("<h2 id=\"rieng\">Đảng viên mới</h2>"), "{html}");
    }

    #[test]
    fn tables_sit_in_a_focusable_box_named_by_the_heading_above() {
        let table = "| a | b |\n|---|---|\n| 1 | 2 |\n";
        let names = Names { article: "Bài <b> & \"x\"", ..NAMES };
        let html = to_html(&format!("{table}\n## Số liệu \"quý\"\n\n{table}"), &names);
        assert!(
            html.contains(
                "<div class=\"table-scroll\" role=\"group\" tabindex=\"0\" \
                 aria-label=\"Bài &lt;b&gt; &amp; &quot;x&quot;\">\n<table>"
            ),
            "{html}"
        );
        assert!(
            html.contains(
                "<div class=\"table-scroll\" role=\"group\" tabindex=\"0\" aria-labelledby=\"so-lieu-quy\">"
            ),
            "{html}"
        );
        assert_eq!(html.matches("</table>\n</div>").count(), 2, "{html}");
    }

    #[test]
    fn summary_is_the_first_paragraph() {
        assert_eq!(
            first_paragraph("# Tiêu đề\n\nĐoạn **một**\ndòng hai.\n\nĐoạn hai."),
            "Đoạn một dòng hai."
        );
    }
}
