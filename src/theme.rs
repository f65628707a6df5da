//! The theme: the built-in templates, compiled into the binary, and a site's own
//! templates folder, whose files replace built-in ones of the same name. Every built-in
//! template also stays reachable as `builtin/<name>`, so a site's `base.html` can
//! `{% extends "builtin/base.html" %}` and change one block.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The built-in theme, embedded at compile time so `bantin` works from any folder.
const BUILT_IN: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("components.html", include_str!("../templates/components.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("unit.html", include_str!("../templates/unit.html")),
    ("units.html", include_str!("../templates/units.html")),
    ("article.html", include_str!("../templates/article.html")),
    ("news.html", include_str!("../templates/news.html")),
    ("tags.html", include_str!("../templates/tags.html")),
    ("tag.html", include_str!("../templates/tag.html")),
    ("unit_news.html", include_str!("../templates/unit_news.html")),
    ("month.html", include_str!("../templates/month.html")),
    ("data.html", include_str!("../templates/data.html")),
    ("404.html", include_str!("../templates/404.html")),
    ("feed.xml", include_str!("../templates/feed.xml")),
    ("sitemap.xml", include_str!("../templates/sitemap.xml")),
    ("robots.txt", include_str!("../templates/robots.txt")),
    ("style.css", include_str!("../templates/style.css")),
    ("search.html", include_str!("../templates/search.html")),
    ("search.js", include_str!("../templates/search.js")),
    ("favicon.svg", include_str!("../templates/favicon.svg")),
    ("bulletin.html", include_str!("../templates/bulletin.html")),
];

/// The built-in templates by name, as `bantin theme export` copies them out.
pub fn built_in() -> impl Iterator<Item = (&'static str, &'static str)> {
    BUILT_IN.iter().copied()
}

/// One template's text and where it came from, for error messages.
#[derive(Clone, Debug)]
pub struct TemplateSource {
    pub text: String,
    /// The file a site's own template was read from; `None` for a built-in one.
    pub file: Option<PathBuf>,
}

/// Template name → source: the built-in theme with a site's overrides applied.
pub type Templates = BTreeMap<String, TemplateSource>;

/// The prefix under which the built-in templates stay reachable when a site overrides them.
pub const BUILTIN_PREFIX: &str = "builtin/";

/// The built-in templates (each also as `builtin/<name>`), overridden by every file of
/// `dir` (names relative to it).
pub fn templates(dir: Option<&Path>) -> Result<Templates, String> {
    let builtin = |name: String, text: &str| (name, TemplateSource { text: text.to_string(), file: None });
    let mut out: Templates = BUILT_IN
        .iter()
        .flat_map(|(name, text)| {
            // Components are global in tera: they cannot be defined twice.
            let alias =
                (*name != "components.html").then(|| builtin(format!("{BUILTIN_PREFIX}{name}"), text));
            std::iter::once(builtin(name.to_string(), text)).chain(alias)
        })
        .collect();
    let Some(dir) = dir else { return Ok(out) };
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().follow_links(true) {
        let entry = entry.map_err(|e| format!("cannot read templates folder {}: {e}", dir.display()))?;
        if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let name = crate::text::slashed(rel);
        if name.starts_with(BUILTIN_PREFIX) {
            continue; // the built-in theme stays as it was built
        }
        let text = std::fs::read_to_string(entry.path())
            .map_err(|e| format!("{}: cannot be read as UTF-8 text: {e}", entry.path().display()))?;
        out.insert(name, TemplateSource { text, file: Some(entry.path().to_path_buf()) });
    }
    Ok(out)
}

/// Where a template is: the site's file when the template came from one, else
/// `built-in theme: name`.
fn template_file(name: &str, templates: &Templates) -> String {
    match templates.get(name).and_then(|t| t.file.as_ref()) {
        Some(file) => file.display().to_string(),
        None => format!("built-in theme: {name}"),
    }
}

/// A template error as `file:line:col: template error: message`, one line per problem.
pub fn describe_error(error: &tera::Error, templates: &Templates) -> String {
    use tera::ErrorKind;
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            let file = template_file(report.filename(), templates);
            format!("{file}:{}:{}: template error: {}", span.start_line, span.start_col + 1, report.message())
        }
        // Unknown filters, tests and components come as one text of reports:
        // "error: message\n --> name:line:col\n  | …", one after another.
        ErrorKind::Msg(text) if text.contains("\n --> ") => {
            let mut lines = Vec::new();
            for block in text.split("error: ").filter(|b| !b.trim().is_empty()) {
                let message = block.lines().next().unwrap_or("").trim();
                let at = block.lines().find_map(|l| l.trim().strip_prefix("--> "));
                match at.and_then(|at| at.split_once(':')) {
                    Some((name, line_col)) => lines.push(format!(
                        "{}:{line_col}: template error: {message}",
                        template_file(name, templates)
                    )),
                    None => lines.push(format!("template error: {message}")),
                }
            }
            lines.join("\n")
        }
        _ => format!("template error: {error}"),
    }
}
