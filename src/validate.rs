//! Validate: the rules of SPEC §4–§6 between the values of a loaded content folder.
//!
//! Every rule reports the file and YAML path of the value it is about; positions are
//! looked up only when problems are printed. A name that may be defined in a file that
//! could not be read is not reported as unknown: one note on that file says how many
//! references wait for it.

use crate::catalog::problems::{Fault, Msg};
use crate::load::Loaded;
use crate::model::period::Period;
use crate::model::{Article, Content, Origin, Report};
use crate::problem::hints;
use crate::problem::{At, Problem};
use crate::{text, url};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// An empty map with room for `len` keys. Keys are ids, slugs and labels of the content
/// folder, hashed with FxHash: quicker than SipHash, and no one but its writers chooses them.
fn map_for<K, V>(len: usize) -> FxHashMap<K, V> {
    FxHashMap::with_capacity_and_hasher(len, Default::default())
}

/// A rate as YAML writes it, for a message: `3`, `3.5`.
fn shown(rate: f64) -> String {
    format!("{rate}")
}

/// Collects every problem of loaded content. When site.yaml could not be read, the
/// rules that depend on its settings are skipped.
#[cfg(test)]
pub fn validate(loaded: &Loaded) -> Vec<Problem> {
    validate_again(loaded, None).0
}

/// What was found of the site settings, the units and the reports, and what else it
/// was found from: a live preview keeps it while a change leaves all of that as it
/// was, as an article's edit mostly does.
#[derive(Debug)]
pub struct FigureChecks {
    site_read: bool,
    /// The articles reports may cite (see [`same_citations`]).
    citable: Vec<Arc<Article>>,
    unreadable: BTreeMap<String, PathBuf>,
    problems: Vec<Problem>,
    /// How many references each unreadable file holds back.
    unchecked: BTreeMap<PathBuf, usize>,
    /// Each report of a unit and period with more than one (snapshots), by index in
    /// `Content::reports`: the reports of its unit and period.
    snapshots: Arc<FxHashMap<usize, Arc<[usize]>>>,
}

/// Whether reports cite the same in both lists of articles: what a `source` reads of
/// an article is its slug, whether it is a draft, and its date.
fn same_citations(old: &[Arc<Article>], new: &[Arc<Article>]) -> bool {
    fn cited(a: &Article) -> (&str, bool, chrono::NaiveDate) {
        (&a.slug, a.draft, a.date)
    }
    old.len() == new.len() && old.iter().zip(new).all(|(a, b)| Arc::ptr_eq(a, b) || cited(a) == cited(b))
}

/// An earlier validation of another version of the same folder.
#[derive(Clone, Copy)]
pub struct Earlier<'a> {
    pub content: &'a Content,
    pub checks: &'a Arc<FigureChecks>,
    /// The reports counted otherwise since, when nothing else changed (see
    /// [`Content::changed_reports`]).
    pub changed: Option<&'a [usize]>,
}

/// [`validate`], keeping the `earlier` checks of the site settings, units and reports
/// when they hold for `loaded` (see [`FigureChecks`]), or making again only those of the
/// reports whose counts changed; `earlier` is another version of the same folder, the
/// checks made of it, and its reports that `loaded` counts otherwise when nothing else
/// changed (see [`Content::changed_reports`]). Returns every problem, in no set order
/// (they are sorted when placed), and the checks to keep.
pub fn validate_again(loaded: &Loaded, earlier: Option<Earlier>) -> (Vec<Problem>, Arc<FigureChecks>) {
    let content = &loaded.content;
    // A unit without an id is told so once; it is neither known nor offered as the nearest.
    let units: Vec<&str> =
        content.units.iter().map(|u| u.id.as_str()).filter(|id| !id.trim().is_empty()).collect();
    let mut v = Validator {
        content,
        known_units: units.iter().copied().collect(),
        units,
        unreadable: &loaded.unreadable,
        unchecked: BTreeMap::new(),
        problems: Vec::new(),
    };
    let comparable = earlier.filter(|e| {
        e.checks.site_read == loaded.site_read
            && same_citations(&e.checks.citable, &content.articles)
            && e.checks.unreadable == loaded.unreadable
    });
    let checks = match comparable {
        Some(Earlier { checks, changed: Some([]), .. }) => checks.clone(),
        Some(Earlier { content: was, checks, changed: Some(changed) }) => {
            Arc::new(v.figure_checks_again(checks, was, changed))
        }
        _ => Arc::new(v.figure_checks(loaded)),
    };
    v.problems.clone_from(&checks.problems);
    v.unchecked.clone_from(&checks.unchecked);
    v.articles();
    v.notes();
    (v.problems, checks)
}

struct Validator<'a> {
    content: &'a Content,
    known_units: FxHashSet<&'a str>,
    /// Unit ids in file order, for the nearest name of a misspelt one.
    units: Vec<&'a str>,
    /// Unit ids and article slugs that files which could not be read may define, with
    /// those files.
    unreadable: &'a BTreeMap<String, PathBuf>,
    /// How many references each unreadable file holds back.
    unchecked: BTreeMap<PathBuf, usize>,
    problems: Vec<Problem>,
}

impl<'a> Validator<'a> {
    fn file(&self, origin: &Origin) -> PathBuf {
        self.content.files[origin.file].clone()
    }

    fn error(&mut self, origin: &Origin, field: &str, message: Msg) {
        let problem = Problem::error(self.file(origin), At::Value(origin.field(field)), message);
        self.problems.push(problem);
    }

    fn key_error(&mut self, origin: &Origin, field: &str, message: Msg) {
        let problem = Problem::error(self.file(origin), At::Key(origin.field(field)), message);
        self.problems.push(problem);
    }

    fn warning(&mut self, origin: &Origin, field: &str, message: Msg) {
        let problem = Problem::warning(self.file(origin), At::Value(origin.field(field)), message);
        self.problems.push(problem);
    }

    /// An error about an item that clashes with an earlier one, naming both places.
    fn clash(&mut self, origin: &Origin, field: &str, first: &Origin, message: Msg) {
        let problem = Problem::error(self.file(origin), At::Value(origin.field(field)), message)
            .with_first(self.file(first), At::Value(first.field(field)));
        self.problems.push(problem);
    }

    /// Whether a name is unknown and worth reporting: a name that an unreadable file
    /// may define is counted for that file's note instead.
    fn unknown(&mut self, name: &str, known: bool) -> bool {
        if known {
            return false;
        }
        match self.unreadable.get(name) {
            Some(file) => {
                *self.unchecked.entry(file.clone()).or_default() += 1;
                false
            }
            None => true,
        }
    }

    fn unknown_unit(&mut self, origin: &Origin, field: &str, id: &str) {
        if id.trim().is_empty() {
            self.error(origin, field, Msg::UnitRefEmpty);
        } else if self.unknown(id, self.known_units.contains(id)) {
            let nearest = hints::nearest(id, self.units.iter().copied());
            self.error(origin, field, Msg::UnknownUnit { id: id.to_string(), nearest });
        }
    }

    /// Checks the site settings, the units and the reports, and hands over what it found.
    fn figure_checks(&mut self, loaded: &Loaded) -> FigureChecks {
        if loaded.site_read {
            self.site();
        }
        self.units();
        self.reports(loaded.site_read);
        let snapshots = self.snapshots();
        FigureChecks {
            site_read: loaded.site_read,
            citable: self.content.articles.clone(),
            unreadable: loaded.unreadable.clone(),
            problems: std::mem::take(&mut self.problems),
            unchecked: std::mem::take(&mut self.unchecked),
            snapshots: Arc::new(snapshots),
        }
    }

    /// [`Self::figure_checks`] of content that differs from `was`, checked as `checks`,
    /// only in the counts of the reports `changed`: what those reports' own values gave
    /// and the snapshots of their units and periods gave is found again.
    fn figure_checks_again(
        &mut self,
        checks: &FigureChecks,
        was: &Content,
        changed: &[usize],
    ) -> FigureChecks {
        let categories = self.categories(checks.site_read);
        let articles = self.articles_by_slug();
        // The snapshots of the changed reports' units and periods, each group once.
        let mut groups: Vec<&Arc<[usize]>> = changed.iter().filter_map(|i| checks.snapshots.get(i)).collect();
        groups.sort_unstable_by_key(|g| g[0]);
        groups.dedup_by_key(|g| g[0]);
        for &i in changed {
            self.report_values(&was.reports[i], categories.as_deref(), &articles);
        }
        for group in &groups {
            self.snapshot_warnings(group.iter().map(|&i| was.reports[i].as_ref()).collect());
        }
        let (gone, gone_held) = (std::mem::take(&mut self.problems), std::mem::take(&mut self.unchecked));
        for &i in changed {
            self.report_values(&self.content.reports[i], categories.as_deref(), &articles);
        }
        for group in &groups {
            self.snapshot_warnings(group.iter().map(|&i| self.content.reports[i].as_ref()).collect());
        }
        let mut problems = checks.problems.clone();
        for p in &gone {
            if let Some(at) = problems.iter().position(|q| q == p) {
                problems.swap_remove(at);
            }
        }
        problems.append(&mut self.problems);
        let mut unchecked = checks.unchecked.clone();
        for (file, count) in gone_held {
            let held = unchecked.entry(file).or_default();
            *held = held.saturating_sub(count);
        }
        for (file, count) in std::mem::take(&mut self.unchecked) {
            *unchecked.entry(file).or_default() += count;
        }
        unchecked.retain(|_, count| *count > 0);
        FigureChecks {
            site_read: checks.site_read,
            citable: self.content.articles.clone(),
            unreadable: self.unreadable.clone(),
            problems,
            unchecked,
            snapshots: checks.snapshots.clone(),
        }
    }

    fn site(&mut self) {
        let site = &self.content.site;
        let here = Origin::default();
        if site.title.trim().is_empty() {
            self.error(&here, "title", Msg::SiteTitleEmpty);
        }
        if !url::is_web(&site.base_url) {
            self.error(&here, "base_url", Msg::BaseUrlNotWeb { url: url::shown(&site.base_url) });
        }
        if let Some(root) = &site.root_unit {
            self.unknown_unit(&here, "root_unit", root);
        }
        if let Some(label) = &site.current_period
            && !self.content.reports.iter().any(|r| &r.period.label == label)
        {
            let labels: Vec<&str> = self.content.reports.iter().map(|r| r.period.label.as_str()).collect();
            let nearest = hints::nearest(label, labels);
            self.error(&here, "current_period", Msg::CurrentPeriodNoReport { label: label.clone(), nearest });
        }
        if site.percent_decimals > crate::model::MAX_PERCENT_DECIMALS {
            // Worded as a number too large to read is (`model::de_decimals`).
            let fault = Fault::CountTooLarge {
                written: site.percent_decimals.to_string(),
                max: crate::model::MAX_PERCENT_DECIMALS.into(),
            };
            self.error(&here, "percent_decimals", Msg::Value { field: "percent_decimals".into(), fault });
        }
        self.bulletin_header();
        for (key, label) in &site.categories {
            let path = format!("categories.{key}");
            let key = key.clone();
            if crate::model::BUILTIN_CATEGORIES.iter().any(|(k, _)| *k == key) {
                self.key_error(&here, &path, Msg::CategoryBuiltin { key });
            } else if key.is_empty()
                || !key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            {
                self.key_error(&here, &path, Msg::CategoryKeyInvalid { key });
            } else if label.trim().is_empty() {
                self.error(&here, &path, Msg::CategoryLabelEmpty { key });
            }
        }
    }

    /// `issuer`, `place` and `edition`: the header of the shared bulletin.
    fn bulletin_header(&mut self) {
        let site = &self.content.site;
        let here = Origin::default();
        let lines = &site.issuer.0;
        if lines.len() > crate::render::bulletin::MAX_ISSUER_LINES {
            let message = Msg::IssuerTooManyLines {
                lines: lines.len(),
                max: crate::render::bulletin::MAX_ISSUER_LINES,
            };
            self.error(&here, "issuer", message);
        }
        let empty: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].trim().is_empty()).collect();
        for i in empty {
            let path = if lines.len() == 1 { "issuer".to_string() } else { format!("issuer[{i}]") };
            self.error(&here, &path, Msg::IssuerLineEmpty);
        }
        if site.place.as_ref().is_some_and(|p| p.trim().is_empty()) {
            self.error(&here, "place", Msg::PlaceEmpty);
        }
        if let Some(number) = site.edition.as_ref().and_then(|e| e.number.as_ref())
            && number.trim().is_empty()
        {
            self.error(&here, "edition.number", Msg::EditionNumberEmpty);
        }
    }

    fn units(&mut self) {
        let mut first: FxHashMap<&str, &Origin> = map_for(self.content.units.len());
        for unit in self.content.units.iter() {
            if unit.name.trim().is_empty() {
                self.error(&unit.origin, "name", Msg::UnitNameEmpty { id: unit.id.clone() });
            }
            if unit.id.trim().is_empty() {
                // Each unit without an id is told so; they are not each other's twins.
                let suggested = hints::folded_slug(&unit.name);
                self.error(&unit.origin, "id", Msg::UnitIdEmpty { name: unit.name.clone(), suggested });
                continue;
            }
            if !text::is_id(&unit.id) {
                let folded = hints::folded_slug(&unit.id);
                self.error(&unit.origin, "id", Msg::UnitIdInvalid { id: unit.id.clone(), folded });
            }
            match first.get(unit.id.as_str()) {
                Some(earlier) => {
                    self.clash(&unit.origin, "id", earlier, Msg::UnitIdTwice { id: unit.id.clone() })
                }
                None => {
                    first.insert(&unit.id, &unit.origin);
                }
            }
        }
        for unit in self.content.units.iter() {
            if let Some(parent) = &unit.parent {
                self.unknown_unit(&unit.origin, "parent", parent);
            }
        }
        self.cycles(&first);
    }

    /// Reports each cycle of the unit tree once, at its unit that sorts first.
    fn cycles(&mut self, units: &FxHashMap<&str, &Origin>) {
        let parent: FxHashMap<&str, &str> =
            self.content.units.iter().filter_map(|u| Some((u.id.as_str(), u.parent.as_deref()?))).collect();
        let mut reported: FxHashSet<&str> = FxHashSet::default();
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
                        let mut path: Vec<String> = cycle.iter().map(|c| c.to_string()).collect();
                        let pos = path.iter().position(|c| c == first).unwrap_or(0);
                        path.rotate_left(pos);
                        path.push(first.to_string());
                        let origin = units[first].clone();
                        self.error(&origin, "parent", Msg::Cycle { units: path });
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

    /// The category keys a report's composition may use; `None` when site.yaml, which
    /// declares some, could not be read.
    fn categories(&self, site_read: bool) -> Option<Vec<String>> {
        site_read.then(|| self.content.site.categories().into_iter().map(|c| c.key).collect())
    }

    fn articles_by_slug(&self) -> FxHashMap<&'a str, &'a Article> {
        self.content.articles.iter().map(|a| (a.slug.as_str(), a.as_ref())).collect()
    }

    fn reports(&mut self, site_read: bool) {
        let categories = self.categories(site_read);
        let articles = self.articles_by_slug();
        let mut labels: FxHashMap<&str, (&Period, &Origin)> = FxHashMap::default();
        let mut seen: FxHashMap<(&str, &str, chrono::NaiveDate), &Origin> =
            map_for(self.content.reports.len());
        for report in self.content.reports.iter() {
            let o = &report.origin;
            self.unknown_unit(o, "unit", &report.unit);
            match labels.get(report.period.label.as_str()) {
                Some((p, first)) if **p != report.period => {
                    let message = Msg::PeriodTwoMeanings {
                        label: report.period.label.clone(),
                        from: report.period.from,
                        to: report.period.to,
                        other_from: p.from,
                        other_to: p.to,
                    };
                    let first = (*first).clone();
                    self.clash(o, "period", &first, message);
                }
                Some(_) => {}
                None => {
                    labels.insert(&report.period.label, (&report.period, o));
                }
            }
            self.report_values(report, categories.as_deref(), &articles);
            let key = (report.unit.as_str(), report.period.label.as_str(), report.as_of());
            match seen.get(&key) {
                Some(earlier) => {
                    let message = Msg::ReportTwice {
                        unit: report.unit.clone(),
                        label: report.period.label.clone(),
                        as_of: report.as_of(),
                    };
                    let earlier = (*earlier).clone();
                    self.clash(o, "", &earlier, message);
                }
                None => {
                    seen.insert(key, o);
                }
            }
        }
    }

    /// The checks of a report's own values: its dates, counts, targets and source.
    fn report_values(
        &mut self,
        report: &Report,
        categories: Option<&[String]>,
        articles: &FxHashMap<&str, &Article>,
    ) {
        self.report_dates(report);
        self.report_counts(report, categories);
        self.report_source(report, articles);
    }

    fn report_dates(&mut self, report: &Report) {
        let (o, p) = (&report.origin, &report.period);
        let label = || p.label.clone();
        if let Some(as_of) = report.as_of {
            if as_of < p.from {
                let message = Msg::AsOfBeforePeriod { as_of, label: label(), from: p.from };
                self.error(o, "as_of", message);
            } else if as_of > p.to {
                let message = Msg::AsOfAfterPeriod { as_of, label: label(), to: p.to };
                self.error(o, "as_of", message);
            }
        }
        for (i, target) in report.targets.iter().enumerate() {
            if let Some(deadline) = target.deadline
                && !p.contains(deadline)
            {
                let message =
                    Msg::DeadlineOutside { deadline, label: p.label.clone(), from: p.from, to: p.to };
                self.error(o, &format!("targets[{i}].deadline"), message);
            }
        }
    }

    fn report_counts(&mut self, report: &Report, categories: Option<&[String]>) {
        let o = &report.origin;
        for (i, target) in report.targets.iter().enumerate() {
            self.target(report, i, target);
        }
        if report.members == Some(0) {
            self.error(o, "members", Msg::MembersZero);
        }
        if report.members_at_start == Some(0) {
            self.error(o, "members_at_start", Msg::MembersAtStartZero);
        }
        // The field's path is written only for a problem: most reports have none.
        let field = |key: &str| format!("composition.{key}");
        for (key, &count) in &report.composition {
            if let Some(known) = categories.filter(|known| !known.contains(key)) {
                let nearest = hints::nearest(key, known.iter().map(String::as_str));
                let message = Msg::UnknownCategory { key: key.clone(), nearest, known: known.to_vec() };
                self.key_error(o, &field(key), message);
            } else if count > report.admitted {
                let message =
                    Msg::CompositionAboveAdmitted { field: field(key), count, admitted: report.admitted };
                self.error(o, &field(key), message);
            }
        }
    }

    /// A target is a count (`value`, perhaps to `max`) or a rate of the members at the
    /// start (`rate_pct`, perhaps to `max_rate_pct`, with the report's `members_at_start`).
    fn target(&mut self, report: &Report, i: usize, target: &crate::model::Target) {
        let o = &report.origin;
        let field = |name: &str| format!("targets[{i}].{name}");
        match (target.value, target.rate_pct) {
            (None, None) => self.error(o, &format!("targets[{i}]"), Msg::TargetWithoutValue),
            (Some(value), Some(rate)) => {
                self.error(o, &field("rate_pct"), Msg::TargetValueAndRate { value, rate: shown(rate) })
            }
            (Some(value), None) => {
                if value == 0 {
                    self.error(o, &field("value"), Msg::TargetZero);
                }
                if let Some(max) = target.max
                    && max < value
                {
                    self.error(o, &field("max"), Msg::MaxBelowValue { max, value });
                }
                if target.max_rate_pct.is_some() {
                    self.error(o, &field("max_rate_pct"), Msg::MaxRateWithValue);
                }
            }
            (None, Some(rate)) => {
                let rates = [("rate_pct", Some(rate)), ("max_rate_pct", target.max_rate_pct)];
                for (name, written) in rates {
                    if let Some(r) = written.filter(|r| !(r.is_finite() && *r > 0.0 && *r <= 100.0)) {
                        let message = Msg::RateOutOfRange { field: name.to_string(), rate: shown(r) };
                        self.error(o, &field(name), message);
                    }
                }
                if let Some(max) = target.max_rate_pct
                    && max < rate
                {
                    let message = Msg::MaxRateBelowRate { max: shown(max), rate: shown(rate) };
                    self.error(o, &field("max_rate_pct"), message);
                }
                if target.max.is_some() {
                    self.error(o, &field("max"), Msg::MaxWithRate);
                }
                if report.members_at_start.is_none() {
                    self.error(o, &field("rate_pct"), Msg::RateWithoutStart { rate: shown(rate) });
                }
            }
        }
    }

    fn report_source(&mut self, report: &Report, articles: &FxHashMap<&str, &Article>) {
        let Some(source) = &report.source else { return };
        let o = &report.origin;
        if url::is_web(source) {
            return;
        }
        // Slugs have no colon: this is meant as an address.
        if source.contains(':') {
            self.error(o, "source", Msg::SourceNotWeb { source: url::shown(source) });
            return;
        }
        let slug = || source.clone();
        match articles.get(source.as_str()) {
            None if self.unknown(source, false) => {
                let nearest = hints::nearest(source, articles.keys().copied());
                self.error(o, "source", Msg::SourceNotArticle { slug: slug(), nearest });
            }
            None => {}
            Some(a) if a.draft => self.warning(o, "source", Msg::SourceDraft { slug: slug() }),
            Some(a) if a.date < report.as_of() => {
                let message = Msg::SourceBeforeAsOf { slug: slug(), date: a.date, as_of: report.as_of() };
                self.warning(o, "source", message);
            }
            Some(_) => {}
        }
    }

    /// A later snapshot of a unit and period with fewer admitted than an earlier one:
    /// most likely the month's own figure typed where the running total belongs.
    /// Returns the snapshots of each unit and period, for [`FigureChecks::snapshots`].
    fn snapshots(&mut self) -> FxHashMap<usize, Arc<[usize]>> {
        let reports = &self.content.reports;
        let period = |r: &'a Report| (r.unit.as_str(), r.period.label.as_str());
        // Most units have one report a period: only the others are gathered and sorted.
        let mut counts: FxHashMap<(&str, &str), usize> = map_for(reports.len());
        for r in reports.iter() {
            *counts.entry(period(r)).or_default() += 1;
        }
        let mut by_period: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
        for (i, r) in reports.iter().enumerate().filter(|(_, r)| counts[&period(r)] > 1) {
            by_period.entry(period(r)).or_default().push(i);
        }
        let mut snapshots = FxHashMap::default();
        for group in by_period.into_values() {
            self.snapshot_warnings(group.iter().map(|&i| reports[i].as_ref()).collect());
            let group: Arc<[usize]> = group.into();
            snapshots.extend(group.iter().map(|&i| (i, group.clone())));
        }
        snapshots
    }

    /// The warnings of the reports of one unit and period: each snapshot is compared
    /// with the highest count of an earlier day (the latest of equal ones).
    fn snapshot_warnings(&mut self, mut reports: Vec<&Report>) {
        reports.sort_by_key(|r| r.as_of());
        for (i, &later) in reports.iter().enumerate() {
            let earlier = reports[..i].iter().filter(|r| r.as_of() < later.as_of());
            let Some(&earlier) = earlier.max_by_key(|r| (r.admitted, r.as_of())) else { continue };
            if later.admitted < earlier.admitted {
                let message = Msg::SnapshotSmaller {
                    unit: later.unit.clone(),
                    label: later.period.label.clone(),
                    admitted: later.admitted,
                    earlier: earlier.admitted,
                    earlier_as_of: earlier.as_of(),
                };
                self.warning(&later.origin, "admitted", message);
            }
        }
    }

    fn articles(&mut self) {
        let mut slugs: FxHashMap<&str, &Origin> = map_for(self.content.articles.len());
        for a in &self.content.articles {
            let o = &a.origin;
            if a.title.trim().is_empty() {
                self.error(o, "title", Msg::ArticleTitleEmpty);
            }
            for (i, unit) in a.units.iter().enumerate() {
                if !self.known_units.contains(unit.as_str()) {
                    self.unknown_unit(o, &format!("units[{i}]"), unit);
                }
            }
            for (i, tag) in a.tags.iter().enumerate() {
                if tag.trim().is_empty() {
                    self.error(o, &format!("tags[{i}]"), Msg::TagEmpty);
                }
            }
            if let Some(address) = &a.source_url
                && !url::is_web(address)
            {
                self.error(o, "source_url", Msg::SourceUrlNotWeb { url: url::shown(address) });
            }
            match slugs.get(a.slug.as_str()) {
                Some(earlier) => {
                    let earlier = (*earlier).clone();
                    self.clash(o, "slug", &earlier, Msg::SlugTwice { slug: a.slug.clone() });
                }
                None => {
                    slugs.insert(&a.slug, o);
                }
            }
        }
    }

    /// One note per unreadable file whose names other files use.
    fn notes(&mut self) {
        for (file, &count) in &self.unchecked {
            let note = Problem::warning(
                file.clone(),
                At::Pos(crate::problem::locate::Position::START),
                Msg::UncheckedReferences { count },
            );
            self.problems.push(note);
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

    #[test]
    fn the_checks_of_the_figures_are_kept_only_while_what_they_read_is_unchanged() {
        // A report citing the article, and one naming an unknown unit: a problem to keep.
        let data = "reports:\n  - {unit: huyen, period: 2016, admitted: 1, source: tin}\n  \
                    - {unit: huyện, period: 2016, admitted: 1}\n";
        let loaded = |article: &str| {
            let files = vec![
                Source::new("data/units.yaml", UNITS),
                Source::new("data/d.yaml", data),
                Source::new("news/tin.md", article),
            ];
            parse(Some(Source::new("site.yaml", SITE)), files)
        };
        let first = loaded(ARTICLE);
        let (found, checks) = validate_again(&first, None);
        assert_eq!(found, validate(&first));
        let again = |article: &str| {
            let next = loaded(article);
            let changed = next.content.changed_reports(&first.content);
            let (found, kept) = validate_again(
                &next,
                Some(Earlier { content: &first.content, checks: &checks, changed: changed.as_deref() }),
            );
            assert_eq!(sorted(&found), sorted(&validate(&next)));
            (found, Arc::ptr_eq(&kept, &checks))
        };
        // A new title: nothing a report reads of the article changed.
        let (_, kept) = again(&ARTICLE.replace("title: Tin", "title: Tin mới"));
        assert!(kept);
        // A draft now: the report citing it is checked again, and warned about.
        let (found, kept) = again(&ARTICLE.replace("---\nBody", "draft: true\n---\nBody"));
        assert!(!kept);
        assert!(found.iter().any(|p| matches!(p.message, Msg::SourceDraft { .. })), "{found:?}");
    }

    fn sorted(problems: &[Problem]) -> Vec<String> {
        let mut shown: Vec<String> = problems.iter().map(|p| format!("{p:?}")).collect();
        shown.sort();
        shown
    }

    #[test]
    fn a_report_counted_anew_is_checked_again_with_its_snapshots() {
        // Snapshots of one unit and period, a report citing a draft, a report over its
        // composition and one naming a file that could not be read.
        let data = "reports:
  - {unit: huyen, period: 2016, as_of: 2016-06-30, admitted: 5}
  - {unit: huyen, period: 2016, admitted: 7, source: tin}
  - {unit: tinh, period: 2016, admitted: 3, composition: {women: 4}}
  - {unit: tinh, period: 2017, admitted: 3, source: thieu}
";
        let loaded = |data: &str| {
            let files = vec![
                Source::new("data/units.yaml", UNITS),
                Source::new("data/d.yaml", data),
                Source::new("news/tin.md", "---\ntitle: Tin\ndate: 2016-06-01\ndraft: true\n---\nBody\n"),
            ];
            let mut loaded = parse(Some(Source::new("site.yaml", SITE)), files);
            loaded.unreadable.insert("thieu".into(), PathBuf::from("news/thieu.md"));
            loaded
        };
        let mut was = loaded(data);
        let (_, mut checks) = validate_again(&was, None);
        // Each edit, and how many problems remain after it.
        let edits = [
            ("as_of: 2016-06-30, admitted: 5", "as_of: 2016-06-30, admitted: 9", 4),
            ("admitted: 3, composition", "admitted: 5, composition", 3),
            ("source: tin", "source: tinh-moi", 3),
            ("admitted: 3, source: thieu", "admitted: 3, source: https://e.org/", 2),
            ("as_of: 2016-06-30, admitted: 9", "as_of: 2016-06-30, admitted: 1", 1),
        ];
        assert_eq!(validate(&was).len(), 3, "the draft, the composition, the unread file");
        let mut text = data.to_string();
        for (from, to, left) in edits {
            text = text.replacen(from, to, 1);
            let now = loaded(&text);
            let changed = now.content.changed_reports(&was.content).expect("the same plan");
            assert_eq!(changed.len(), 1, "{from} → {to}");
            let (found, kept) = validate_again(
                &now,
                Some(Earlier { content: &was.content, checks: &checks, changed: Some(&changed) }),
            );
            let (full, full_checks) = validate_again(&now, None);
            assert_eq!(sorted(&found), sorted(&full), "{from} → {to}");
            assert_eq!(kept.unchecked, full_checks.unchecked, "{from} → {to}");
            assert_eq!(found.len(), left, "{from} → {to}: {found:?}");
            (was, checks) = (now, kept);
        }
    }

    /// The problems of a content folder with the given data file (besides the units above).
    fn problems_of(site: &str, data: &str) -> Vec<(At, String)> {
        let files = vec![
            Source::new("data/units.yaml", UNITS),
            Source::new("data/d.yaml", data),
            Source::new("news/tin.md", ARTICLE),
        ];
        let loaded = parse(Some(Source::new("site.yaml", site)), files);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        validate(&loaded)
            .into_iter()
            .map(|p| (p.at, p.message.text(crate::model::Language::En, "FIRST")))
            .collect()
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
        assert_eq!(msg, "unit id `huyen` is used twice (first at FIRST): expected unique ids");
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
    fn rate_targets() {
        let report = |fields: &str, target: &str| {
            format!("reports:\n  - {{unit: huyen, period: 2016, admitted: 1{fields}, targets: [{target}]}}\n")
        };
        let start = ", members_at_start: 5400";
        assert_eq!(problems_of(SITE, &report(start, "{rate_pct: 3, max_rate_pct: 4}")), vec![]);
        assert_eq!(problems_of(SITE, &report(start, "{rate_pct: 0.5}")), vec![]);
        let (at, msg) = only(&report("", "{rate_pct: 3}"));
        assert_eq!(at, value("reports[0].targets[0].rate_pct"));
        assert_eq!(
            msg,
            "a rate target (rate_pct: 3) needs the members at the start: add members_at_start (the members \
             on the period's first day) to this report"
        );
        let (at, msg) = only(&report(start, "{value: 220, rate_pct: 3}"));
        assert_eq!(at, value("reports[0].targets[0].rate_pct"));
        assert!(msg.starts_with("target has both value (220) and rate_pct (3)"), "{msg}");
        let (at, msg) = only(&report(start, "{by: Huyện ủy}"));
        assert_eq!(at, value("reports[0].targets[0]"));
        assert!(msg.starts_with("target has no value and no rate_pct"), "{msg}");
        let (at, msg) = only(&report(start, "{rate_pct: 4, max_rate_pct: 3.5}"));
        assert_eq!(at, value("reports[0].targets[0].max_rate_pct"));
        assert_eq!(msg, "max_rate_pct (3.5) is smaller than rate_pct (4): expected max_rate_pct >= rate_pct");
        let found = problems_of(SITE, &report(start, "{rate_pct: 0, max_rate_pct: 120}"));
        let paths: Vec<At> = found.iter().map(|(at, _)| at.clone()).collect();
        assert_eq!(
            paths,
            [value("reports[0].targets[0].rate_pct"), value("reports[0].targets[0].max_rate_pct")]
        );
        assert!(found[0].1.starts_with("rate_pct (0) is not above 0 and at most 100"), "{}", found[0].1);
        let (at, _) = only(&report(start, "{rate_pct: -2}"));
        assert_eq!(at, value("reports[0].targets[0].rate_pct"));
        let (at, msg) = only(&report(start, "{rate_pct: 3, max: 200}"));
        assert_eq!(at, value("reports[0].targets[0].max"));
        assert!(msg.starts_with("max is a count"), "{msg}");
        let (at, msg) = only(&report(start, "{value: 100, max_rate_pct: 4}"));
        assert_eq!(at, value("reports[0].targets[0].max_rate_pct"));
        assert!(msg.starts_with("max_rate_pct is a rate"), "{msg}");
        let (at, _) = only(&report(", members_at_start: 0", "{value: 3}"));
        assert_eq!(at, value("reports[0].members_at_start"));
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
    fn a_snapshot_below_any_earlier_one_is_a_warning() {
        // March 100, June 50, September 80: June and September are both below March.
        let snapshots = "reports:
  - {unit: huyen, period: 2016, as_of: 2016-09-30, admitted: 80}
  - {unit: huyen, period: 2016, as_of: 2016-03-31, admitted: 100}
  - {unit: huyen, period: 2016, as_of: 2016-06-30, admitted: 50}
  - {unit: huyen, period: 2016, admitted: 120}
";
        let found = problems_of(SITE, snapshots);
        let at: Vec<&At> = found.iter().map(|(at, _)| at).collect();
        assert_eq!(at, [&value("reports[2].admitted"), &value("reports[0].admitted")], "{found:?}");
        assert!(found.iter().all(|(_, m)| m.contains("from 100 (as of 2016-03-31)")), "{found:?}");
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
        assert_eq!(
            found[0].message.text(crate::model::Language::En, "FIRST"),
            "source article `tin` is dated 2016-06-01, before as_of (2016-12-31)"
        );
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
        let found: Vec<_> = validate(&loaded)
            .into_iter()
            .map(|p| (p.file, p.at, p.message.text(crate::model::Language::En, "FIRST")))
            .collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0].1, value("units[1]"));
        assert_eq!(found[1].1, value("source_url"));
        assert_eq!(
            found[1].2,
            "source_url ` JavaScript:alert(1)` is not an http(s) address: expected one starting with http:// or https://"
        );
        assert_eq!(found[2].0.to_str(), Some("news/b.md"));
        assert_eq!(found[2].2, "slug `a` is used twice (first at FIRST): expected unique slugs");
    }
}
