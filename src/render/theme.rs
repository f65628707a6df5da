//! The theme: the built-in templates, compiled into the binary, and a site's own
//! templates folder, whose files replace built-in ones of the same name. Every built-in
//! template also stays reachable as `builtin/<name>`, so a site's `base.html` can
//! `{% extends "builtin/base.html" %}` and change one block.

use crate::problem::locate::Position;
use crate::problem::{Location, Span};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The built-in theme, embedded at compile time so `bantin` works from any folder.
const BUILT_IN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("components.html", include_str!("../../templates/components.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("unit.html", include_str!("../../templates/unit.html")),
    ("units.html", include_str!("../../templates/units.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("news.html", include_str!("../../templates/news.html")),
    ("tags.html", include_str!("../../templates/tags.html")),
    ("tag.html", include_str!("../../templates/tag.html")),
    ("unit_news.html", include_str!("../../templates/unit_news.html")),
    ("month.html", include_str!("../../templates/month.html")),
    ("data.html", include_str!("../../templates/data.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("feed.xml", include_str!("../../templates/feed.xml")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
    ("robots.txt", include_str!("../../templates/robots.txt")),
    ("style.css", include_str!("../../templates/style.css")),
    ("search.html", include_str!("../../templates/search.html")),
    ("search.js", include_str!("../../templates/search.js")),
    ("favicon.svg", include_str!("../../templates/favicon.svg")),
    ("bulletin.html", include_str!("../../templates/bulletin.html")),
];

/// The built-in templates by name, as `bantin theme export` copies them out.
pub fn built_in() -> impl Iterator<Item = (&'static str, &'static str)> {
    BUILT_IN.iter().copied()
}

/// One template's text and where it came from, for error messages.
#[derive(Clone, Debug, PartialEq, Eq)]
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
pub fn templates(dir: Option<&Path>) -> Result<Templates, TemplateError> {
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
        let entry = entry.map_err(|source| TemplateError::Folder { dir: dir.to_path_buf(), source })?;
        if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let name = crate::text::slashed(rel);
        if name.starts_with(BUILTIN_PREFIX) {
            continue; // the built-in theme stays as it was built
        }
        let text = std::fs::read_to_string(entry.path())
            .map_err(|source| TemplateError::Unreadable { file: entry.path().to_path_buf(), source })?;
        out.insert(name, TemplateSource { text, file: Some(entry.path().to_path_buf()) });
    }
    Ok(out)
}

/// Why the templates cannot make the site.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("cannot read templates folder {}: {source}", dir.display())]
    Folder { dir: PathBuf, source: walkdir::Error },
    #[error("{}: cannot be read as UTF-8 text: {source}", file.display())]
    Unreadable { file: PathBuf, source: std::io::Error },
    /// What tera found wrong, one problem a line.
    #[error("{}", lines(.0))]
    Tera(Vec<TemplateProblem>),
}

/// One problem tera found, placed in its template when tera says where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateProblem {
    pub at: Option<Location>,
    pub message: String,
}

impl std::fmt::Display for TemplateProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match &self.at {
            Some(at) => write!(f, "{at}: template error: {}", self.message),
            None => write!(f, "template error: {}", self.message),
        }
    }
}

fn lines(problems: &[TemplateProblem]) -> String {
    problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

/// Where a template is: the site's file when the template came from one, else
/// `built-in theme: name`.
fn template_file(name: &str, templates: &Templates) -> PathBuf {
    match templates.get(name).and_then(|t| t.file.as_ref()) {
        Some(file) => file.clone(),
        None => PathBuf::from(format!("built-in theme: {name}")),
    }
}

fn template_location(name: &str, line: usize, col: usize, templates: &Templates) -> Location {
    Location { file: template_file(name, templates), span: Span::Pos(Position { line, col }) }
}

/// A tera error as problems placed in the templates (`file:line:col: template error:
/// message`), from the template name and span tera gives.
pub fn template_error(error: &tera::Error, templates: &Templates) -> TemplateError {
    use tera::ErrorKind;
    let problems = match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            let at = template_location(report.filename(), span.start_line, span.start_col + 1, templates);
            vec![TemplateProblem { at: Some(at), message: report.message().to_string() }]
        }
        ErrorKind::Msg(text) if text.contains("\n --> ") => reported_problems(text, templates),
        ErrorKind::MissingParent { current, parent } => {
            let at = parent_name_position(current, parent, templates)
                .map(|pos| Location { file: template_file(current, templates), span: Span::Pos(pos) });
            vec![TemplateProblem { at, message: error.to_string() }]
        }
        _ => vec![TemplateProblem { at: None, message: error.to_string() }],
    };
    TemplateError::Tera(problems)
}

/// Where template `name` names the missing template `parent` it extends: tera gives
/// no span for it, but the name stands quoted in the `{% extends %}` tag.
fn parent_name_position(name: &str, parent: &str, templates: &Templates) -> Option<Position> {
    let text = &templates.get(name)?.text;
    let offset = ['"', '\''].iter().find_map(|q| text.find(&format!("{q}{parent}{q}")))?;
    Some(Position::of_offset(text, offset))
}

/// The problems tera finds once all templates are added (unknown filters, tests and
/// components) reach us only as the text of its reports, one after another:
/// "error: message\n --> name:line:col\n  | …".
fn reported_problems(text: &str, templates: &Templates) -> Vec<TemplateProblem> {
    text.split("error: ")
        .filter(|block| !block.trim().is_empty())
        .map(|block| {
            let message = block.lines().next().unwrap_or("").trim().to_string();
            let at = block
                .lines()
                .find_map(|l| l.trim().strip_prefix("--> "))
                .and_then(|at| {
                    let mut parts = at.rsplitn(3, ':');
                    let col = parts.next()?.parse().ok()?;
                    let line = parts.next()?.parse().ok()?;
                    Some((parts.next()?, line, col))
                })
                .map(|(name, line, col)| template_location(name, line, col, templates));
            TemplateProblem { at, message }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile_error(text: &str) -> TemplateError {
        let mut tera = tera::Tera::new();
        let error = tera.add_raw_templates([("page.html", text)]).expect_err("a broken template");
        let mut templates = Templates::new();
        let file = Some(PathBuf::from("templates/page.html"));
        templates.insert("page.html".into(), TemplateSource { text: text.into(), file });
        template_error(&error, &templates)
    }

    fn places(error: &TemplateError) -> Vec<Option<String>> {
        let TemplateError::Tera(problems) = error else { panic!("not tera's: {error}") };
        problems.iter().map(|p| p.at.as_ref().map(ToString::to_string)).collect()
    }

    #[test]
    fn a_syntax_error_is_placed_where_tera_found_it() {
        let error = compile_error("<p>\n  {{ x }");
        assert_eq!(places(&error), [Some("templates/page.html:2:8".to_string())]);
        assert!(error.to_string().starts_with("templates/page.html:2:8: template error: "), "{error}");
    }

    #[test]
    fn each_unknown_filter_is_a_line_placed_in_its_template() {
        let error = compile_error("{{ a | nope }}\n{{ b | nada }}");
        assert_eq!(
            places(&error),
            [Some("templates/page.html:1:8".to_string()), Some("templates/page.html:2:8".to_string())]
        );
        assert_eq!(error.to_string().lines().count(), 2, "{error}");
    }

    #[test]
    fn a_missing_parent_is_placed_at_its_name_in_the_extends_tag() {
        let error = compile_error("{# a page #}\n{% extends 'nowhere.html' %}");
        assert_eq!(places(&error), [Some("templates/page.html:2:12".to_string())]);
        assert!(error.to_string().ends_with("from 'nowhere.html', which doesn't exist or isn't loaded."));
    }

    #[test]
    fn a_built_in_template_is_named_as_such() {
        let templates = templates(None).expect("built-in theme");
        assert_eq!(template_file("base.html", &templates), PathBuf::from("built-in theme: base.html"));
    }
}
