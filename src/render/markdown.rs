//! Article bodies: CommonMark with tables, footnotes, strikethrough and task lists.
//!
//! Raw HTML in an article is shown as text, like every other value from content, and
//! each heading gets an anchor id folded from its text. Nothing from content can carry
//! script: a heading keeps only its `{#id}` and `{.class}` attributes, and a link or
//! image whose URL [`url::is_safe`] refuses shows as its text (an image as its alt
//! text); [`skim`] finds those URLs for the warnings. Tables sit in a box that
//! scrolls sideways on narrow screens and can be scrolled from the keyboard. A task-list
//! item shows its state as a named mark (☑, ☐) rather than as a form control.

use crate::{text, url};
use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd, html};
use std::collections::{HashMap, VecDeque};

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

/// The HTML of a Markdown body, in one pass over pulldown-cmark's events: only a
/// heading's own events are held back, until its text gives it an id.
pub fn to_html(markdown: &str, names: &Names) -> String {
    let events = Parser::new_ext(markdown, options()).map(escape_raw_html).map(without_heading_attrs);
    let events = Decorated::new(without_unsafe_links(events), names);
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

fn escape_raw_html(event: Event) -> Event {
    match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    }
}

/// Keeps a heading's `{#id}` and `{.class}` but no other attribute: `{onfocus=…}`
/// would be written as an event handler.
fn without_heading_attrs(event: Event) -> Event {
    match event {
        Event::Start(Tag::Heading { level, id, classes, .. }) => {
            Event::Start(Tag::Heading { level, id, classes, attrs: Vec::new() })
        }
        other => other,
    }
}

/// Unwraps each link and image whose URL is not safe: its text, or its alt text, stays.
fn without_unsafe_links<'a>(events: impl Iterator<Item = Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    // Whether each open link or image is kept; images may sit inside links.
    let mut kept = Vec::new();
    events.filter(move |event| match event {
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
            let keep = url::is_safe(dest_url);
            kept.push(keep);
            keep
        }
        Event::End(TagEnd::Link | TagEnd::Image) => kept.pop().unwrap_or(true),
        _ => true,
    })
}

/// The theme's additions to a body's events: an id on each heading from its text
/// ("Kết quả" → `ket-qua`, unique in the page); each table in a sideways-scrolling
/// box (`table-scroll`) that takes keyboard focus, so a table wider than a phone can be
/// scrolled without a pointer, named by the nearest heading above it, else by the
/// article's title; a task-list item's state as a mark named in words. Runs after
/// `escape_raw_html`, so the boxes are the only raw HTML events.
struct Decorated<'a, 'n, I> {
    events: I,
    names: &'n Names<'n>,
    /// Events ready to go out: a heading held back until its end, a table after its box.
    ready: VecDeque<Event<'a>>,
    used_ids: HashMap<String, usize>,
    last_heading: Option<String>,
}

impl<'a, 'n, I: Iterator<Item = Event<'a>>> Decorated<'a, 'n, I> {
    fn new(events: I, names: &'n Names<'n>) -> Self {
        Decorated { events, names, ready: VecDeque::new(), used_ids: HashMap::new(), last_heading: None }
    }

    /// Holds back a heading without an id until its end, then names it from its text.
    fn heading(&mut self, start: Event<'a>) -> Event<'a> {
        let mut title = String::new();
        for event in self.events.by_ref() {
            let end = matches!(event, Event::End(TagEnd::Heading(_)));
            if let Event::Text(t) | Event::Code(t) = &event {
                title.push_str(t);
            }
            self.ready.push_back(event);
            if end {
                break;
            }
        }
        let base = text::slug_lossy(&title);
        let n = self.used_ids.entry(base.clone()).or_insert(0);
        *n += 1;
        let anchor = if *n == 1 { base } else { format!("{base}-{n}") };
        self.last_heading = Some(anchor.clone());
        match start {
            Event::Start(Tag::Heading { level, classes, attrs, .. }) => {
                Event::Start(Tag::Heading { level, id: Some(CowStr::from(anchor)), classes, attrs })
            }
            other => other,
        }
    }

    fn table_box(&self) -> Event<'a> {
        let name = match &self.last_heading {
            Some(id) => format!("aria-labelledby=\"{}\"", text::escape_html(id)),
            None => format!("aria-label=\"{}\"", text::escape_html(self.names.article)),
        };
        Event::Html(format!("<div class=\"table-scroll\" role=\"group\" tabindex=\"0\" {name}>\n").into())
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Decorated<'a, '_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(event) = self.ready.pop_front() {
            return Some(event);
        }
        Some(match self.events.next()? {
            start @ Event::Start(Tag::Heading { id: None, .. }) => self.heading(start),
            Event::Start(Tag::Heading { id: Some(id), level, classes, attrs }) => {
                self.last_heading = Some(id.to_string());
                Event::Start(Tag::Heading { id: Some(id), level, classes, attrs })
            }
            start @ Event::Start(Tag::Table(_)) => {
                self.ready.push_back(start);
                self.table_box()
            }
            end @ Event::End(TagEnd::Table) => {
                self.ready.push_back(Event::Html("</div>\n".into()));
                end
            }
            Event::TaskListMarker(done) => task_mark(done, self.names),
            other => other,
        })
    }
}

/// A task-list item's state as a mark named in words. pulldown-cmark writes a disabled
/// checkbox without a label: a form control in an article that nothing names (axe
/// `label`, critical) and that readers cannot use anyway.
fn task_mark<'a>(done: bool, names: &Names) -> Event<'a> {
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

/// What load reads of a body besides its HTML, in one pass of the parser.
pub struct Skim {
    /// Each link and image URL that [`to_html`] drops, with the byte offset in the body
    /// where it is written: the link for an inline link, image or autolink, the
    /// definition (`[x]: url`) for a reference link, so that a definition is reported
    /// once however often it is used, or when it is not used at all.
    pub unsafe_urls: Vec<(usize, String)>,
    /// The first paragraph as plain text: an article's summary when none is written.
    pub first_paragraph: String,
}

/// Reads a body's [`Skim`].
pub fn skim(markdown: &str) -> Skim {
    let parser = Parser::new_ext(markdown, options());
    let mut unsafe_urls: Vec<(usize, String)> = parser
        .reference_definitions()
        .iter()
        .filter(|(_, def)| !url::is_safe(&def.dest))
        .map(|(_, def)| (def.span.start, def.dest.to_string()))
        .collect();
    let mut first = FirstParagraph::default();
    for (event, range) in parser.into_offset_iter() {
        if let Event::Start(Tag::Link { link_type, dest_url, .. } | Tag::Image { link_type, dest_url, .. }) =
            &event
            && !is_reference(*link_type)
            && !url::is_safe(dest_url)
        {
            unsafe_urls.push((range.start, dest_url.to_string()));
        }
        first.take(&event);
    }
    unsafe_urls.sort();
    Skim { unsafe_urls, first_paragraph: first.text.trim().to_string() }
}

/// The text of the first paragraph, gathered event by event.
#[derive(Default)]
struct FirstParagraph {
    text: String,
    inside: bool,
    done: bool,
}

impl FirstParagraph {
    fn take(&mut self, event: &Event) {
        if self.done {
            return;
        }
        match event {
            Event::Start(Tag::Paragraph) => self.inside = true,
            Event::End(TagEnd::Paragraph) if self.inside => self.done = true,
            Event::Text(t) | Event::Code(t) if self.inside => self.text.push_str(t),
            Event::SoftBreak | Event::HardBreak if self.inside => self.text.push(' '),
            _ => {}
        }
    }
}

/// Links whose URL comes from a reference definition.
fn is_reference(link_type: LinkType) -> bool {
    matches!(link_type, LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut)
}

/// The words of the whole text, without markup: what search reads of an article.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                out.push_str(&t);
                out.push(' ');
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out
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
    fn headings_get_unique_folded_ids() {
        let html = to_html("## Kết quả\n\n## Kết quả\n\n## Đảng viên mới {#rieng}\n", &NAMES);
        assert!(html.contains("<h2 id=\"ket-qua\">"), "{html}");
        assert!(html.contains("<h2 id=\"ket-qua-2\">"));
        assert!(html.contains("<h2 id=\"rieng\">Đảng viên mới</h2>"), "{html}");
    }

    #[test]
    fn headings_keep_only_id_and_class_attributes() {
        let html = to_html("# Tiêu đề {#rieng .noi-bat onfocus=alert(1) autofocus tabindex=0}\n", &NAMES);
        assert_eq!(html, "<h1 id=\"rieng\" class=\"noi-bat\">Tiêu đề</h1>\n");
        let html = to_html("## Tin {onfocus=alert(1) autofocus}\n", &NAMES);
        assert_eq!(html, "<h2 id=\"tin\">Tin</h2>\n");
    }

    /// Every way of writing a link or an image, each to a URL that must not be kept.
    const PAYLOADS: &str = "\
[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](jav&#x61;script:alert(1))
[d](&#106;avascript:alert(1)) [e](<java\tscript:alert(1)>) [f](vbscript:msgbox(1))
![g](data:text/html,x) <javascript:alert(1)> [h][def] [i] [k](file:///etc/passwd)
[l ![m](javascript:alert(2))](https://ok.example/)

[def]: javascript:alert(3)
[i]:
  data:text/html,y
[unused]: vbscript:z
";

    #[test]
    fn links_and_images_to_other_schemes_show_as_text() {
        // The autolink's text is its URL: it stays, as plain text.
        assert_eq!(
            to_html(PAYLOADS, &NAMES),
            "<p>a b c\nd e f\ng javascript:alert(1) h i k\n<a href=\"https://ok.example/\">l m</a></p>\n"
        );
    }

    #[test]
    fn safe_links_and_images_are_kept() {
        let html = to_html(
            "[a](https://x) [b](mailto:a@b.vn) [c](tel:+84) [d](#x) [e](a/b.html) ![f](../x.png) \
             <https://y> <a@b.vn> [g](//host.example/p)\n",
            &NAMES,
        );
        for link in [
            "href=\"https://x\"",
            "href=\"mailto:a@b.vn\"",
            "href=\"tel:+84\"",
            "href=\"#x\"",
            "href=\"a/b.html\"",
            "src=\"../x.png\"",
            "href=\"https://y\"",
            "href=\"//host.example/p\"",
        ] {
            assert!(html.contains(link), "{link} in {html}");
        }
    }

    #[test]
    fn unsafe_urls_are_found_where_they_are_written() {
        let found = skim(PAYLOADS).unsafe_urls;
        let at = |needle: &str| PAYLOADS.find(needle).unwrap();
        let expected = vec![
            (at("[a]"), "javascript:alert(1)".to_string()),
            (at("[b]"), "JaVaScRiPt:alert(1)".into()),
            (at("[c]"), "javascript:alert(1)".into()),
            (at("[d]"), "javascript:alert(1)".into()),
            (at("[e]"), "java\tscript:alert(1)".into()),
            (at("[f]"), "vbscript:msgbox(1)".into()),
            (at("![g]"), "data:text/html,x".into()),
            (at("<javascript"), "javascript:alert(1)".into()),
            (at("[k]"), "file:///etc/passwd".into()),
            (at("![m]"), "javascript:alert(2)".into()),
            (at("[def]:"), "javascript:alert(3)".into()),
            (at("[i]:"), "data:text/html,y".into()),
            (at("[unused]:"), "vbscript:z".into()),
        ];
        assert_eq!(found, expected);
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
            skim("# Tiêu đề\n\nĐoạn **một**\ndòng hai.\n\nĐoạn hai.").first_paragraph,
            "Đoạn một dòng hai."
        );
    }
}
