//! Folding Vietnamese text to ASCII for slugs and search; the Vietnamese alphabetical
//! order of names ([`collation_key`]); escaping text for HTML; paths as they appear in
//! URLs.
//!
//! `deunicode` transliterates `đ`/`Đ` to `d`/`D`, which Unicode decomposition (NFD)
//! alone leaves intact, so "Đảng viên" folds to "dang vien" as SPEC §10 asks.

mod collate;

pub use collate::collation_key;

/// Lowercase ASCII transliteration: "Đảng viên" → "dang vien".
pub fn fold(text: &str) -> String {
    // Char by char while each one's transliteration cannot lose its last space (which
    // `deunicode` drops from one ending in a space before another starting with one, as
    // for Chinese); the whole `deunicode` pass takes over from the first that could.
    let mut out = String::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(t) = deunicode::deunicode_char(c).filter(|t| !t.ends_with(' ')) {
            out.extend(t.chars().map(|t| t.to_ascii_lowercase()));
        } else {
            out.push_str(&deunicode::deunicode(&text[at..]).to_lowercase());
            break;
        }
    }
    out
}

/// The URL slug of a text: folded, with runs of spaces, `_` and `-` turned into one `-`.
///
/// Returns `None` when anything else than letters, digits, spaces, `_` and `-` remains
/// after folding, or when nothing remains at all: such a text cannot name a URL safely.
pub fn slug(text: &str) -> Option<String> {
    let folded = fold(text);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            ' ' | '\t' | '_' | '-' => {
                if !out.is_empty() && !out.ends_with('-') {
                    out.push('-');
                }
            }
            _ => return None,
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    (!out.is_empty()).then_some(out)
}

/// Like [`slug`], but never fails: characters that cannot appear in a URL become `-`.
/// Used for tag pages, whose names are free text.
pub fn slug_lossy(text: &str) -> String {
    let cleaned: String =
        fold(text).chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    slug(&cleaned).unwrap_or_else(|| "-".to_string())
}

/// `[a-z0-9-]+`: the shape of unit ids.
pub fn is_id(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Text made safe in HTML content and inside a double-quoted attribute.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A relative path with `/` separators, as in URLs and template names.
pub fn slashed(rel: &std::path::Path) -> String {
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escaping_covers_content_and_attributes() {
        assert_eq!(
            escape_html(r#"<a href="x">Tom & Jerry's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
    }

    #[test]
    fn folds_d_with_stroke() {
        assert_eq!(fold("Đảng viên"), "dang vien");
        assert_eq!(fold("đồng khởi"), "dong khoi");
    }

    #[test]
    fn folds_as_deunicode_does_whatever_the_script() {
        let texts = [
            "Đảng bộ “Tỉnh” – 2024… ĐẢNG VIÊN Ỹ",
            "中国 x 中国x🅶 ☃中 国 end",
            "Ærø Œuvre ß ﬁ café\u{301} ½ №5 \u{200b} \u{10ffff}",
            "Krông Pắc 中",
            "",
        ];
        for text in texts {
            assert_eq!(fold(text), deunicode::deunicode(text).to_lowercase(), "{text}");
        }
    }

    #[test]
    fn slugs_vietnamese_phrases() {
        assert_eq!(slug("Đảng viên mới").as_deref(), Some("dang-vien-moi"));
        assert_eq!(slug("2017-01-18-ba-tri").as_deref(), Some("2017-01-18-ba-tri"));
        assert_eq!(slug("Krông  Pắc_2024").as_deref(), Some("krong-pac-2024"));
    }

    #[test]
    fn rejects_unsafe_slugs() {
        assert_eq!(slug("a/b"), None);
        assert_eq!(slug("tin?"), None);
        assert_eq!(slug("  "), None);
    }

    #[test]
    fn lossy_slug_replaces_punctuation() {
        assert_eq!(slug_lossy("hội nghị, chỉ tiêu"), "hoi-nghi-chi-tieu");
        assert_eq!(slug_lossy("!!!"), "-");
    }

    #[test]
    fn ids() {
        assert!(is_id("ba-tri-2"));
        assert!(!is_id("Ba-Tri"));
        assert!(!is_id("ba_tri"));
        assert!(!is_id(""));
    }
}
