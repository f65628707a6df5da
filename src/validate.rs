//! Validate: the rules of SPEC §4–§6 between the values of a loaded content folder.
//!
//! Every rule reports the file and YAML path of the value it is about; positions are
//! looked up only when problems are printed.

use crate::load::Loaded;
use crate::model::{Content, Origin, Report};
use crate::period::Period;
use crate::problem::{At, Problem};
use crate::{text, url};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Collects every problem of loaded content. When site.yaml could not be read, the
/// rules that depend on its settings are skipped.
pub fn validate(loaded: &Loaded) -> Vec<Problem> {
    let content = &loaded.content;
    let mut known_units: HashSet<&str> = content.units.iter().map(|u| u.id.as_str()).collect();
    known_units.extend(loaded.unreadable_units.iter().map(String::as_str));
    let mut v = Validator { content, known_units, problems: Vec::new() };
    if loaded.site_read {
        v.site();
    }
    v.units();
    v.reports(loaded.site_read);
    v.articles();
    v.problems
}

struct Validator<'a> {
    content: &'a Content,
    /// Units read, and units whose entries were broken (already reported).
    known_units: HashSet<&'a str>,
    problems: Vec<Problem>,
}

impl<'a> Validator<'a> {
    fn error(&mut self, origin: &Origin, field: &str, message: String) {
        let file = self.content.files[origin.file].clone();
        self.problems.push(Problem::error(file, At::Value(origin.field(field)), message));
    }

    fn key_error(&mut self, origin: &Origin, field: &str, message: String) {
        let file = self.content.files[origin.file].clone();
        self.problems.push(Problem::error(file, At::Key(origin.field(field)), message));
    }

    fn warning(&mut self, origin: &Origin, field: &str, message: String) {
        let file = self.content.files[origin.file].clone();
        self.problems.push(Problem::warning(file, At::Value(origin.field(field)), message));
    }

    /// Where an item was written, for messages that point at a first occurrence.
    fn file_of(&self, origin: &Origin) -> String {
        self.content.files[origin.file].display().to_string()
    }

    fn site(&mut self) {
        let site = &self.content.site;
        let here = Origin::default();
        if site.title.trim().is_empty() {
            self.error(&here, "title", "title is empty: expected the bulletin's name".into());
        }
        if !url::is_web(&site.base_url) {
            self.error(
                &here,
                "base_url",
                format!(
                    "base_url `{}` is not absolute: expected an address like https://example.org/ban-tin/",
                    url::shown(&site.base_url)
                ),
            );
        }
        if let Some(root) = &site.root_unit
            && !self.known_units.contains(root.as_str())
        {
            self.error(
                &here,
                "root_unit",
                format!("root_unit `{root}` does not exist: expected the id of a unit in data/"),
            );
        }
        if let Some(label) = &site.current_period
            && !self.content.reports.iter().any(|r| &r.period.label == label)
        {
            self.error(
                &here,
                "current_period",
                format!("current_period `{label}` has no report: expected a period label used in data/"),
            );
        }
        if site.percent_decimals > 6 {
            self.error(
                &here,
                "percent_decimals",
                format!("percent_decimals ({}) is too large: expected 0 to 6", site.percent_decimals),
            );
        }
        self.bulletin_header();
        for (key, label) in &site.categories {
            let path = format!("categories.{key}");
            if crate::model::BUILTIN_CATEGORIES.iter().any(|(k, ..)| k == key) {
                self.key_error(
                    &here,
                    &path,
                    format!("category `{key}` is built in: remove it from categories"),
                );
            } else if key.is_empty()
                || !key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            {
                self.key_error(
                    &here,
                    &path,
                    format!("category key `{key}` is not valid: expected lowercase letters, digits and `_`"),
                );
            } else if label.trim().is_empty() {
                self.error(
                    &here,
                    &path,
                    format!("category `{key}` has an empty label: expected the name to show"),
                );
            }
        }
    }

    /// `issuer`, `place` and `edition`: the header of the shared bulletin.
    fn bulletin_header(&mut self) {
        let site = &self.content.site;
        let here = Origin::default();
        let lines = &site.issuer.0;
        if lines.len() > crate::bulletin::MAX_ISSUER_LINES {
            self.error(
                &here,
                "issuer",
                format!(
                    "issuer has {} lines: expected at most {}, the superior bodies first and the issuing body last",
                    lines.len(),
                    crate::bulletin::MAX_ISSUER_LINES
                ),
            );
        }
        let empty: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].trim().is_empty()).collect();
        for i in empty {
            let path = if lines.len() == 1 { "issuer".to_string() } else { format!("issuer[{i}]") };
            self.error(&here, &path, "issuer line is empty: expected the name of a body".into());
        }
        if site.place.as_ref().is_some_and(|p| p.trim().is_empty()) {
            self.error(&here, "place", "place is empty: expected the place of issue, e.g. Khánh Hòa".into());
        }
        if let Some(number) = site.edition.as_ref().and_then(|e| e.number.as_ref())
            && number.trim().is_empty()
        {
            self.error(&here, "edition.number", "edition.number is empty: expected a number like 12".into());
        }
    }

    fn units(&mut self) {
        let mut first: HashMap<&str, &Origin> = HashMap::new();
        for unit in &self.content.units {
            if !text::is_id(&unit.id) {
                self.error(
                    &unit.origin,
                    "id",
                    format!("id `{}` is not valid: expected lowercase letters, digits and `-`", unit.id),
                );
            }
            if unit.name.trim().is_empty() {
                self.error(&unit.origin, "name", format!("unit `{}` has an empty name", unit.id));
            }
            if let Some(earlier) = first.insert(&unit.id, &unit.origin) {
                let message = format!(
                    "unit id `{}` is used twice: first in {}; expected unique ids",
                    unit.id,
                    self.file_of(earlier)
                );
                first.insert(&unit.id, earlier);
                self.error(&unit.origin, "id", message);
            }
        }
        for unit in &self.content.units {
            if let Some(parent) = &unit.parent
                && !self.known_units.contains(parent.as_str())
            {
                self.error(
                    &unit.origin,
                    "parent",
                    format!("parent `{parent}` does not exist: expected the id of a unit in data/"),
                );
            }
        }
        self.cycles(&first);
    }

    /// Reports each cycle of the unit tree once, at its unit that sorts first.
    fn cycles(&mut self, units: &HashMap<&str, &Origin>) {
        let parent: HashMap<&str, &str> =
            self.content.units.iter().filter_map(|u| Some((u.id.as_str(), u.parent.as_deref()?))).collect();
        let mut reported: HashSet<&str> = HashSet::new();
        let mut ids: Vec<&str> = units.keys().copied().collect();
        ids.sort_unstable();
        for start in ids {
            let mut chain = vec![start];
            let mut at = start;
            while let Some(&next) = parent.get(at) {
                if let Some(i) = chain.iter().position(|&c| c == next) {
                    let cycle = &chain[i..];
                    if cycle.iter().all(|c| !reported.contains(c)) {
                        reported.extend(cycle.iter().copied());
                        let first = *cycle.iter().min().expect("a cycle has units");
                        let mut path: Vec<&str> = cycle.to_vec();
                        let pos = path.iter().position(|&c| c == first).unwrap_or(0);
                        path.rotate_left(pos);
                        path.push(first);
                        let origin = units[first].clone();
                        self.error(
                            &origin,
                            "parent",
                            format!("units form a cycle ({}): expected a tree", path.join(" → ")),
                        );
                    }
                    break;
                }
                if !units.contains_key(next) {
                    break;
                }
                chain.push(next);
                at = next;
            }
        }
    }

    fn reports(&mut self, site_read: bool) {
        let units = self.known_units.clone();
        let categories: HashSet<String> = self.content.site.categories().into_iter().map(|c| c.key).collect();
        let articles: HashMap<&str, &crate::model::Article> =
            self.content.articles.iter().map(|a| (a.slug.as_str(), a)).collect();
        let mut labels: BTreeMap<&str, (&Period, &Origin)> = BTreeMap::new();
        let mut seen: HashMap<(&str, &str, chrono::NaiveDate), &Origin> = HashMap::new();
        for report in &self.content.reports {
            let o = &report.origin;
            if !units.contains(report.unit.as_str()) {
                self.error(
                    o,
                    "unit",
                    format!("unit `{}` does not exist: expected the id of a unit in data/", report.unit),
                );
            }
            match labels.get(report.period.label.as_str()) {
                Some((p, first)) if **p != report.period => {
                    let message = format!(
                        "period `{}` is {} … {} here but {} … {} in {}: one label must always mean the same days",
                        report.period.label,
                        report.period.from,
                        report.period.to,
                        p.from,
                        p.to,
                        self.file_of(first)
                    );
                    self.error(o, "period", message);
                }
                Some(_) => {}
                None => {
                    labels.insert(&report.period.label, (&report.period, o));
                }
            }
            self.report_dates(report);
            self.report_counts(report, site_read.then_some(&categories));
            self.report_source(report, &articles);
            if let Some(earlier) = seen.insert((&report.unit, &report.period.label, report.as_of()), o) {
                let message = format!(
                    "a second report of `{}` for period {} as of {}: first in {}; expected one report per unit, period and as_of",
                    report.unit,
                    report.period.label,
                    report.as_of(),
                    self.file_of(earlier)
                );
                self.error(o, "", message);
            }
        }
    }

    fn report_dates(&mut self, report: &Report) {
        let (o, p) = (&report.origin, &report.period);
        if let Some(as_of) = report.as_of {
            if as_of < p.from {
                self.error(
                    o,
                    "as_of",
                    format!("as_of ({as_of}) is before period {} starts ({})", p.label, p.from),
                );
            } else if as_of > p.to {
                self.error(
                    o,
                    "as_of",
                    format!("as_of ({as_of}) is after period {} ends ({})", p.label, p.to),
                );
            }
        }
        for (i, target) in report.targets.iter().enumerate() {
            if let Some(deadline) = target.deadline
                && !p.contains(deadline)
            {
                self.error(
                    o,
                    &format!("targets[{i}].deadline"),
                    format!("deadline ({deadline}) is outside period {} ({} … {})", p.label, p.from, p.to),
                );
            }
        }
    }

    fn report_counts(&mut self, report: &Report, categories: Option<&HashSet<String>>) {
        let o = &report.origin;
        for (i, target) in report.targets.iter().enumerate() {
            if target.value == 0 {
                self.error(
                    o,
                    &format!("targets[{i}].value"),
                    "target value is 0: expected a whole number > 0".into(),
                );
            }
            if let Some(max) = target.max
                && max < target.value
            {
                self.error(
                    o,
                    &format!("targets[{i}].max"),
                    format!("max ({max}) is smaller than value ({}): expected max >= value", target.value),
                );
            }
        }
        if report.members == Some(0) {
            self.error(o, "members", "members is 0: expected a whole number > 0".into());
        }
        for (key, &count) in &report.composition {
            let field = format!("composition.{key}");
            if categories.is_some_and(|known| !known.contains(key)) {
                let message = format!(
                    "unknown composition category `{key}`: expected one of youth, women, ethnic_minority, religious, \
                     pupils, students, enterprise_workers, postgraduate, university, or declare it under `categories` in site.yaml"
                );
                self.key_error(o, &field, message);
            } else if count > report.admitted {
                self.error(
                    o,
                    &field,
                    format!("{field} ({count}) is larger than admitted ({})", report.admitted),
                );
            }
        }
    }

    fn report_source(&mut self, report: &Report, articles: &HashMap<&str, &crate::model::Article>) {
        let Some(source) = &report.source else { return };
        let o = &report.origin;
        if url::is_web(source) {
            return;
        }
        // Slugs have no colon: this is meant as an address.
        if source.contains(':') {
            let message = format!(
                "source `{}` is not an http(s) address: expected one starting with http:// or https://, \
                 or the slug of an article in news/",
                url::shown(source)
            );
            self.error(o, "source", message);
            return;
        }
        match articles.get(source.as_str()) {
            None => self.error(
                o,
                "source",
                format!("source `{source}` is not an article: expected the slug of an article in news/ or an http(s) address"),
            ),
            Some(a) if a.draft => self.warning(
                o,
                "source",
                format!("source `{source}` is a draft: the pages name no source until it is published"),
            ),
            Some(a) if a.date < report.as_of() => self.warning(
                o,
                "source",
                format!("source article `{source}` is dated {}, before as_of ({})", a.date, report.as_of()),
            ),
            Some(_) => {}
        }
    }

    fn articles(&mut self) {
        let units = self.known_units.clone();
        let mut slugs: HashMap<&str, &Origin> = HashMap::new();
        for a in &self.content.articles {
            let o = &a.origin;
            if a.title.trim().is_empty() {
                self.error(o, "title", "title is empty: expected the article's headline".into());
            }
            for (i, unit) in a.units.iter().enumerate() {
                if !units.contains(unit.as_str()) {
                    self.error(
                        o,
                        &format!("units[{i}]"),
                        format!("unit `{unit}` does not exist: expected the id of a unit in data/"),
                    );
                }
            }
            for (i, tag) in a.tags.iter().enumerate() {
                if tag.trim().is_empty() {
                    self.error(o, &format!("tags[{i}]"), "tag is empty: expected a word or phrase".into());
                }
            }
            if let Some(address) = &a.source_url
                && !url::is_web(address)
            {
                let message = format!(
                    "source_url `{}` is not an http(s) address: expected one starting with http:// or https://",
                    url::shown(address)
                );
                self.error(o, "source_url", message);
            }
            if let Some(earlier) = slugs.insert(&a.slug, o) {
                let message = format!(
                    "slug `{}` is used twice: first by {}; expected unique slugs",
                    a.slug,
                    self.file_of(earlier)
                );
                slugs.insert(&a.slug, earlier);
                self.error(o, "slug", message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Source, parse};

    const SITE: &str = "title: T\nbase_url: https://example.org/\ncategories:\n  veterans: Cựu chiến binh\n";
    const UNITS: &str = "units:\n  - {id: tinh, name: Tỉnh}\n  - {id: huyen, name: Huyện, parent: tinh}\n";
    const ARTICLE: &str = "---\ntitle: Tin\ndate: 2016-06-01\n---\nBody\n";

    /// The problems of a content folder with the given data file (besides the units above).
    fn problems_of(site: &str, data: &str) -> Vec<(At, String)> {
        let files = vec![
            Source::new("data/units.yaml", UNITS),
            Source::new("data/d.yaml", data),
            Source::new("news/tin.md", ARTICLE),
        ];
        let loaded = parse(Some(Source::new("site.yaml", site)), files);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        validate(&loaded).into_iter().map(|p| (p.at, p.message)).collect()
    }

    fn only(data: &str) -> (At, String) {
        let mut found = problems_of(SITE, data);
        assert_eq!(found.len(), 1, "{found:?}");
        found.remove(0)
    }

    fn value(path: &str) -> At {
        At::Value(path.to_string())
    }

    #[test]
    fn valid_content_has_no_problem() {
        let data = "reports:\n  - {unit: huyen, period: 2016, as_of: 2016-05-31, admitted: 5, composition: {women: 2, veterans: 1}, source: tin}\n";
        assert_eq!(problems_of(SITE, data), vec![]);
    }

    #[test]
    fn composition_above_admitted() {
        let (at, msg) =
            only("reports:\n  - {unit: huyen, period: 2016, admitted: 222, composition: {women: 250}}\n");
        assert_eq!(at, value("reports[0].composition.women"));
        assert_eq!(msg, "composition.women (250) is larger than admitted (222)");
    }

    #[test]
    fn unknown_category_unless_declared() {
        let (at, msg) =
            only("reports:\n  - {unit: huyen, period: 2016, admitted: 2, composition: {womn: 1}}\n");
        assert_eq!(at, At::Key("reports[0].composition.womn".into()));
        assert!(msg.starts_with("unknown composition category `womn`"));
    }

    #[test]
    fn unknown_unit_parent_and_source() {
        let (at, msg) = only("reports:\n  - {unit: nowhere, period: 2016, admitted: 1}\n");
        assert_eq!(
            (at, msg.as_str()),
            (value("reports[0].unit"), "unit `nowhere` does not exist: expected the id of a unit in data/")
        );
        let (at, _) = only("units:\n  - {id: xa, name: Xã, parent: nowhere}\n");
        assert_eq!(at, value("units[0].parent"));
        let (at, msg) = only("reports:\n  - {unit: huyen, period: 2016, admitted: 1, source: missing}\n");
        assert_eq!(at, value("reports[0].source"));
        assert!(msg.starts_with("source `missing` is not an article"));
    }

    #[test]
    fn source_address_must_be_http() {
        let (at, msg) =
            only("reports:\n  - {unit: huyen, period: 2016, admitted: 1, source: \"javascript:alert(1)\"}\n");
        assert_eq!(at, value("reports[0].source"));
        assert_eq!(
            msg,
            "source `javascript:alert(1)` is not an http(s) address: expected one starting with http:// \
             or https://, or the slug of an article in news/"
        );
        let web =
            "reports:\n  - {unit: huyen, period: 2016, admitted: 1, source: \"HTTPS://example.org/x\"}\n";
        assert_eq!(problems_of(SITE, web), vec![]);
    }

    #[test]
    fn duplicate_unit_id_and_bad_id() {
        let (at, msg) = only("units:\n  - {id: huyen, name: Again}\n");
        assert_eq!(at, value("units[0].id"));
        assert_eq!(msg, "unit id `huyen` is used twice: first in data/units.yaml; expected unique ids");
        let (_, msg) = only("units:\n  - {id: Ba_Tri, name: B}\n");
        assert!(msg.starts_with("id `Ba_Tri` is not valid"));
    }

    #[test]
    fn cycle_is_reported_once() {
        let (at, msg) = only("units:\n  - {id: a, name: A, parent: b}\n  - {id: b, name: B, parent: a}\n");
        assert_eq!(at, value("units[0].parent"));
        assert_eq!(msg, "units form a cycle (a → b → a): expected a tree");
        let (_, msg) = only("units:\n  - {id: c, name: C, parent: c}\n");
        assert_eq!(msg, "units form a cycle (c → c): expected a tree");
    }

    #[test]
    fn as_of_and_deadline_inside_the_period() {
        let (at, msg) = only("reports:\n  - {unit: huyen, period: 2016, as_of: 2015-12-31, admitted: 1}\n");
        assert_eq!(at, value("reports[0].as_of"));
        assert_eq!(msg, "as_of (2015-12-31) is before period 2016 starts (2016-01-01)");
        let (_, msg) = only("reports:\n  - {unit: huyen, period: 2016, as_of: 2017-01-01, admitted: 1}\n");
        assert_eq!(msg, "as_of (2017-01-01) is after period 2016 ends (2016-12-31)");
        let (at, _) = only(
            "reports:\n  - {unit: huyen, period: 2016, admitted: 1, targets: [{value: 3, deadline: 2017-03-01}]}\n",
        );
        assert_eq!(at, value("reports[0].targets[0].deadline"));
    }

    #[test]
    fn target_value_and_range() {
        let (at, _) = only("reports:\n  - {unit: huyen, period: 2016, admitted: 1, targets: [{value: 0}]}\n");
        assert_eq!(at, value("reports[0].targets[0].value"));
        let (at, msg) =
            only("reports:\n  - {unit: huyen, period: 2016, admitted: 1, targets: [{value: 10, max: 9}]}\n");
        assert_eq!(at, value("reports[0].targets[0].max"));
        assert_eq!(msg, "max (9) is smaller than value (10): expected max >= value");
    }

    #[test]
    fn members_must_be_positive() {
        let (at, _) = only("reports:\n  - {unit: huyen, period: 2016, admitted: 1, members: 0}\n");
        assert_eq!(at, value("reports[0].members"));
    }

    #[test]
    fn one_label_means_the_same_days() {
        let data = "reports:\n  - {unit: huyen, period: 2016, admitted: 1}\n  - {unit: tinh, period: {from: 2016-02-01, to: 2016-12-31, label: \"2016\"}, admitted: 1}\n";
        let (at, msg) = only(data);
        assert_eq!(at, value("reports[1].period"));
        assert!(msg.contains("one label must always mean the same days"), "{msg}");
    }

    #[test]
    fn duplicate_report_but_snapshots_are_fine() {
        let (at, msg) = only(
            "reports:\n  - {unit: huyen, period: 2016, admitted: 1}\n  - {unit: huyen, period: 2016, as_of: 2016-12-31, admitted: 2}\n",
        );
        assert_eq!(at, value("reports[1]"));
        assert!(msg.starts_with("a second report of `huyen` for period 2016 as of 2016-12-31"));
        let snapshots = "reports:\n  - {unit: huyen, period: 2016, as_of: 2016-06-30, admitted: 1}\n  - {unit: huyen, period: 2016, admitted: 2}\n";
        assert_eq!(problems_of(SITE, snapshots), vec![]);
    }

    #[test]
    fn source_article_before_as_of_is_a_warning() {
        let files = vec![
            Source::new("data/units.yaml", UNITS),
            Source::new("news/tin.md", ARTICLE),
            Source::new(
                "data/d.yaml",
                "reports:\n  - {unit: huyen, period: 2016, admitted: 1, source: tin}\n",
            ),
        ];
        let loaded = parse(Some(Source::new("site.yaml", SITE)), files);
        let found = validate(&loaded);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, crate::problem::Severity::Warning);
        assert_eq!(found[0].message, "source article `tin` is dated 2016-06-01, before as_of (2016-12-31)");
    }

    #[test]
    fn draft_source_is_a_warning() {
        let files = vec![
            Source::new("data/units.yaml", UNITS),
            Source::new("news/nhap.md", "---\ntitle: Nháp\ndate: 2017-01-01\ndraft: true\n---\n"),
            Source::new(
                "data/d.yaml",
                "reports:\n  - {unit: huyen, period: 2016, admitted: 1, source: nhap}\n",
            ),
        ];
        let found = validate(&parse(Some(Source::new("site.yaml", SITE)), files));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, crate::problem::Severity::Warning);
        assert_eq!(found[0].at, value("reports[0].source"));
    }

    #[test]
    fn site_settings() {
        let site = "title: T\nbase_url: /ban-tin/\nroot_unit: nowhere\ncurrent_period: 2030\n";
        let found = problems_of(site, "");
        let paths: Vec<_> = found.iter().map(|(at, _)| at.clone()).collect();
        assert_eq!(paths, vec![value("base_url"), value("root_unit"), value("current_period")]);
    }

    #[test]
    fn article_rules() {
        let files = vec![
            Source::new("data/units.yaml", UNITS),
            Source::new(
                "news/a.md",
                "---\ntitle: A\ndate: 2016-01-01\nunits: [huyen, nowhere]\nsource_url: \" JavaScript:alert(1)\"\n---\n",
            ),
            Source::new("news/b.md", "---\ntitle: B\ndate: 2016-01-02\nslug: a\n---\n"),
        ];
        let loaded = parse(Some(Source::new("site.yaml", SITE)), files);
        let found: Vec<_> = validate(&loaded).into_iter().map(|p| (p.file, p.at, p.message)).collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0].1, value("units[1]"));
        assert_eq!(found[1].1, value("source_url"));
        assert_eq!(
            found[1].2,
            "source_url ` JavaScript:alert(1)` is not an http(s) address: expected one starting with http:// or https://"
        );
        assert_eq!(found[2].0.to_str(), Some("news/b.md"));
        assert_eq!(found[2].2, "slug `a` is used twice: first by news/a.md; expected unique slugs");
    }
}
