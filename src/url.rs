//! Which URLs from content may reach an `href` or a `src` (SPEC §8).
//!
//! One rule for the renderer and for validation, so that what is reported and what is
//! dropped cannot differ. A browser runs `javascript:` and `vbscript:` URLs and opens
//! `data:` and `file:` ones as documents, so only the schemes below are kept; a URL
//! without a scheme stays on the page's own scheme. That includes a protocol-relative
//! `//other.example/x`: it is http(s) to another host, no more than an `https://` link.

/// The schemes a link or image in content may use.
const KEPT: [&str; 4] = ["http", "https", "mailto", "tel"];

/// The scheme of `url`, lowercased, as a browser could read it; `None` when the URL has
/// none (a path, `//host/…`, `?query` or `#fragment`).
///
/// Browsers skip leading spaces and control characters and drop tabs and newlines
/// anywhere, so every ASCII space and control character is left out here:
/// `" java\tscript:"` is read as `javascript`. A colon before any `/`, `?` or `#`
/// ends a scheme; whatever comes before it counts as one, so an oddly spelt
/// `ja%76ascript:` is not mistaken for a relative path and kept.
fn scheme(url: &str) -> Option<String> {
    let visible: String = url.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control()).collect();
    let end = visible.find([':', '/', '?', '#'])?;
    visible[end..].starts_with(':').then(|| visible[..end].to_ascii_lowercase())
}

/// Whether a link or image URL from content may be written into a page: one with an
/// `http`, `https`, `mailto` or `tel` scheme, or one without a scheme.
/// Character references must be decoded before (the Markdown parser does).
pub fn is_safe(url: &str) -> bool {
    scheme(url).is_none_or(|s| KEPT.contains(&s.as_str()))
}

/// Whether `url` is an absolute `http://` or `https://` address with a host and no
/// space or control character: the form of `base_url`, `source_url` and a report's
/// `source` (a subset of what [`is_safe`] keeps).
pub fn is_web(url: &str) -> bool {
    let plain = !url.chars().any(|c| c.is_whitespace() || c.is_control());
    let host = url.split_once("://").is_some_and(|(_, rest)| !rest.is_empty() && !rest.starts_with('/'));
    plain && host && matches!(scheme(url).as_deref(), Some("http" | "https"))
}

/// A URL as a message shows it: control characters escaped, and cut after 60
/// characters, as a `data:` URL may be thousands long.
pub fn shown(url: &str) -> String {
    const MAX: usize = 60;
    let mut out = String::new();
    for c in url.chars().take(MAX) {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    if url.chars().count() > MAX {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_web_mail_phone_relative_and_fragment_urls() {
        for url in [
            "https://x",
            "http://example.org/a?b=c#d",
            "HTTPS://EXAMPLE.ORG/",
            "mailto:ban-to-chuc@example.org",
            "tel:+84258123456",
            "#x",
            "a/b.html",
            "../x.png",
            "/static/logo.svg",
            "?trang=2",
            "//evil.example/x",
            "trang.html?a=b:c",
            "",
        ] {
            assert!(is_safe(url), "{url:?} should be kept");
        }
    }

    #[test]
    fn drops_every_other_scheme_however_spelt() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "java\u{0}script:alert(1)",
            "java\u{7f}script:alert(1)",
            " javascript:alert(1)",
            "\u{1}\u{1f} javascript:alert(1)",
            // `&#106;avascript:` once the Markdown parser has decoded the reference.
            "javascript:alert(1)",
            "javascript://%0aalert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "data:image/svg+xml;base64,PHN2Zz4=",
            "file:///etc/passwd",
            "C:\\Windows\\x.html",
            "ja%76ascript:alert(1)",
            "unknown-scheme:x",
            "http\u{a0}:x",
        ] {
            assert!(!is_safe(url), "{url:?} should be dropped");
        }
    }

    #[test]
    fn web_addresses_are_absolute_http_with_a_host() {
        assert!(is_web("https://example.org/ban-tin/"));
        assert!(is_web("HTTP://example.org"));
        for url in [
            "/ban-tin/",
            "//example.org/",
            "https://",
            "https:///x",
            "ftp://example.org/",
            "javascript://example.org/%0aalert(1)",
            "https://exa mple.org/",
            " https://example.org/",
            "https://example.org/\n",
            "mailto:a@example.org",
        ] {
            assert!(!is_web(url), "{url:?} is not a web address");
        }
    }

    #[test]
    fn messages_show_urls_on_one_short_line() {
        assert_eq!(shown("java\tscript:\u{1}x"), "java\\tscript:\\u{1}x");
        let long = format!("data:text/html,{}", "a".repeat(100));
        assert_eq!(shown(&long).chars().count(), 61);
        assert!(shown(&long).ends_with("aa…"));
    }
}
