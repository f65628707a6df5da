//! What a content problem says, as data: [`Msg`] names the problem and carries its
//! values; `vi.rs` and `en.rs` word every variant in an exhaustive `match`, so a problem
//! without words in one language does not compile. Problems are found before the
//! language of the messages is known (`--lang`, else the site's), and worded when shown.

mod en;
mod vi;

use crate::model::Language;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One content problem, without its place.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Msg {
    // Files.
    /// No site.yaml; `written`: a file at the top of the folder named like it
    /// (`site.yaml.txt`, `site.yml`).
    SiteMissing {
        written: Option<String>,
    },
    CannotRead {
        cause: String,
    },
    FileTooLarge {
        mib: u64,
    },
    Utf16,
    NotUtf8,
    ControlChar {
        code: u32,
    },
    TooDeep {
        max: usize,
    },
    /// The YAML parser's own words, after the plain hint for its commonest errors.
    YamlSyntax {
        hint: Option<SyntaxHint>,
        detail: String,
    },
    DataNotMapping,
    /// A data file that is a bare list: `list` when its first item looks like a unit
    /// (`units`) or a report (`reports`).
    DataIsList {
        list: Option<&'static str>,
    },
    NotAList {
        list: String,
    },
    FrontMatterMissing,
    FrontMatterUnclosed,
    FrontMatterEmpty,
    IgnoredInData,
    IgnoredInNews,
    /// A data or news file named otherwise than bantin reads (`bao-cao.yaml.txt`,
    /// `bao-cao.yml`): the name to give it.
    Misnamed {
        name: String,
    },
    /// A workbook (`.xlsx`, `.ods`) that could not be opened: the reader's words.
    WorkbookUnreadable {
        cause: String,
    },
    /// A CSV file that is not UTF-8: Excel's plain "CSV" saves in the Windows code page.
    CsvNotUtf8,
    /// A workbook or CSV file with no sheet whose header row names units or reports.
    NoSheetFound,
    /// A header row of units or reports without one of the columns every row needs.
    MissingColumn {
        column: String,
    },
    /// A column header that names no field: `nearest` is the header meant, if near.
    UnknownColumn {
        header: String,
        nearest: Option<String>,
        expected: Vec<String>,
    },
    /// Two columns of one sheet that name the same field.
    ColumnTwice {
        header: String,
        field: String,
    },
    SymlinkLoop,
    SymlinkOutside {
        target: String,
    },
    DanglingLink {
        target: String,
    },
    /// Names that may be defined in a file that could not be read are not reported as
    /// unknown elsewhere: how many such references were left unchecked.
    UncheckedReferences {
        count: usize,
    },

    // Fields.
    /// `field` is the path inside the item (`targets[0].by`), `key` its last name.
    UnknownField {
        key: String,
        nearest: Option<String>,
        expected: Vec<String>,
    },
    MissingField {
        field: String,
    },
    WrongType {
        field: String,
        found: String,
        expected: String,
    },
    /// A value a reader of the content format rejected: where, and why.
    Value {
        field: String,
        fault: Fault,
    },
    /// Words of the YAML library this catalog has no plainer words for.
    Other {
        field: String,
        detail: String,
    },

    // Site settings.
    SiteTitleEmpty,
    BaseUrlNotWeb {
        url: String,
    },
    CurrentPeriodNoReport {
        label: String,
        nearest: Option<String>,
    },
    CategoryBuiltin {
        key: String,
    },
    CategoryKeyInvalid {
        key: String,
    },
    CategoryLabelEmpty {
        key: String,
    },
    IssuerTooManyLines {
        lines: usize,
        max: usize,
    },
    IssuerLineEmpty,
    PlaceEmpty,
    EditionNumberEmpty,

    // Units.
    UnitIdInvalid {
        id: String,
        folded: Option<String>,
    },
    UnitNameEmpty {
        id: String,
    },
    /// A unit without an id; `suggested` is its name folded to one.
    UnitIdEmpty {
        name: String,
        suggested: Option<String>,
    },
    /// A reference to a unit (a report's `unit`, a `parent`, an article's `units`) left empty.
    UnitRefEmpty,
    UnitIdTwice {
        id: String,
    },
    UnknownUnit {
        id: String,
        nearest: Option<String>,
    },
    Cycle {
        units: Vec<String>,
    },

    // Reports.
    PeriodTwoMeanings {
        label: String,
        from: NaiveDate,
        to: NaiveDate,
        other_from: NaiveDate,
        other_to: NaiveDate,
    },
    AsOfBeforePeriod {
        as_of: NaiveDate,
        label: String,
        from: NaiveDate,
    },
    AsOfAfterPeriod {
        as_of: NaiveDate,
        label: String,
        to: NaiveDate,
    },
    DeadlineOutside {
        deadline: NaiveDate,
        label: String,
        from: NaiveDate,
        to: NaiveDate,
    },
    TargetZero,
    MaxBelowValue {
        max: u64,
        value: u64,
    },
    /// A target with neither `value` nor `rate_pct`.
    TargetWithoutValue,
    /// A target with both `value` and `rate_pct` (the rate as written).
    TargetValueAndRate {
        value: u64,
        rate: String,
    },
    /// A rate target in a report without `members_at_start`.
    RateWithoutStart {
        rate: String,
    },
    /// `rate_pct` or `max_rate_pct` not above 0 or above 100.
    RateOutOfRange {
        field: String,
        rate: String,
    },
    MaxRateBelowRate {
        max: String,
        rate: String,
    },
    /// `max` (a count) on a rate target.
    MaxWithRate,
    /// `max_rate_pct` on a count target.
    MaxRateWithValue,
    MembersZero,
    MembersAtStartZero,
    UnknownCategory {
        key: String,
        nearest: Option<String>,
        known: Vec<String>,
    },
    CompositionAboveAdmitted {
        field: String,
        count: u64,
        admitted: u64,
    },
    SourceNotWeb {
        source: String,
    },
    SourceNotArticle {
        slug: String,
        nearest: Option<String>,
    },
    SourceDraft {
        slug: String,
    },
    SourceBeforeAsOf {
        slug: String,
        date: NaiveDate,
        as_of: NaiveDate,
    },
    ReportTwice {
        unit: String,
        label: String,
        as_of: NaiveDate,
    },
    ChildrenExceed {
        unit: String,
        label: String,
        sum: u64,
        admitted: u64,
    },
    SnapshotSmaller {
        unit: String,
        label: String,
        admitted: u64,
        earlier: u64,
        earlier_as_of: NaiveDate,
    },

    // Articles.
    ArticleTitleEmpty,
    SlugNotUrl {
        written: String,
        folded: Option<String>,
    },
    SlugTwice {
        slug: String,
    },
    TagEmpty,
    SourceUrlNotWeb {
        url: String,
    },
    UnsafeLink {
        url: String,
    },

    // Static files.
    StaticOverFile {
        path: String,
    },
    StaticOverFolder {
        path: String,
    },
    StaticUnderFile {
        path: String,
        file: String,
    },
    StaticInCharts {
        path: String,
    },
    StaticInSearch {
        path: String,
    },
}

/// The commonest YAML syntax errors, in plain words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SyntaxHint {
    /// "mapping values are not allowed in this context".
    ColonInValue,
    /// "found character that cannot start any token" (a tab, `@`, a backquote…).
    CannotStart,
    /// "did not find expected key".
    KeyIndentation,
    /// "did not find expected '-' indicator".
    ListIndentation,
    /// "found unexpected end of stream".
    Unclosed,
    /// "found a tab character that violates indentation".
    Tab,
}

/// What is wrong with one value as written: found while reading it, before the
/// language of the messages is known.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Fault {
    NotWhole {
        written: String,
    },
    Negative {
        written: String,
    },
    CountTooLarge {
        written: String,
        max: u64,
    },
    /// `1.000` or `1,000`: a count written with thousands separators.
    Thousands {
        written: String,
        digits: String,
    },
    /// `12%` where a count belongs.
    Percent {
        written: String,
    },
    OrderTooFar {
        written: String,
        max: u64,
    },
    NotADate {
        written: String,
    },
    /// `31/03/2024`: a day-first date, and the form it should take.
    DayFirst {
        written: String,
        iso: String,
    },
    NoSuchDate {
        written: String,
        year: i32,
        month: u32,
        days: u32,
    },
    BadTime {
        written: String,
    },
    PeriodInvalid {
        written: String,
    },
    PeriodReversed {
        written: String,
    },
    PeriodLabelEmpty,
    /// `3%` or `3,5` where a rate belongs: the number it means, as YAML writes it.
    RateAsText {
        written: String,
        number: String,
    },
    NotARate {
        written: String,
    },
    NamedPeriodReversed {
        label: String,
        from: NaiveDate,
        to: NaiveDate,
    },
}

/// Marks a [`Fault`] carried through serde's error text.
const FAULT: &str = "\u{1}fault\u{1}";

impl Fault {
    /// This fault as the error of a deserializer.
    pub fn into_error<E: serde::de::Error>(self) -> E {
        E::custom(format!("{FAULT}{}{FAULT}", serde_json::to_string(&self).unwrap_or_default()))
    }

    /// The fault a deserializer's error text carries, if it carries one (serde may have
    /// put the field's name before it and its place after it).
    pub fn from_error(text: &str) -> Option<Fault> {
        let (_, rest) = text.split_once(FAULT)?;
        serde_json::from_str(rest.split_once(FAULT)?.0).ok()
    }
}

impl Msg {
    /// The message in `language`; `first` is where the first of two clashing items is,
    /// for the messages that name it.
    pub fn text(&self, language: Language, first: &str) -> String {
        match language {
            Language::Vi => vi::text(self, first),
            Language::En => en::text(self, first),
        }
    }

    /// Whether the message names the place of a first occurrence.
    pub fn names_first(&self) -> bool {
        matches!(
            self,
            Msg::UnitIdTwice { .. }
                | Msg::SlugTwice { .. }
                | Msg::ReportTwice { .. }
                | Msg::PeriodTwoMeanings { .. }
        )
    }
}

/// `a`, `b`, `c` for a list of names in a message.
fn quoted_list(names: &[String]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of each kind of message: both languages word it, differently, on one line.
    #[test]
    fn both_languages_word_every_message() {
        let day = NaiveDate::from_ymd_opt(2024, 3, 31).unwrap();
        let s = |t: &str| t.to_string();
        let messages = [
            Msg::SiteMissing { written: None },
            Msg::SiteMissing { written: Some(s("site.yaml.txt")) },
            Msg::CannotRead { cause: s("denied") },
            Msg::FileTooLarge { mib: 16 },
            Msg::Utf16,
            Msg::NotUtf8,
            Msg::ControlChar { code: 0 },
            Msg::TooDeep { max: 32 },
            Msg::YamlSyntax { hint: Some(SyntaxHint::Tab), detail: s("found a tab character") },
            Msg::YamlSyntax { hint: None, detail: s("x") },
            Msg::DataNotMapping,
            Msg::DataIsList { list: Some("units") },
            Msg::DataIsList { list: None },
            Msg::NotAList { list: s("units") },
            Msg::FrontMatterMissing,
            Msg::FrontMatterUnclosed,
            Msg::FrontMatterEmpty,
            Msg::IgnoredInData,
            Msg::IgnoredInNews,
            Msg::Misnamed { name: s("bao-cao.yaml") },
            Msg::WorkbookUnreadable { cause: s("invalid zip") },
            Msg::CsvNotUtf8,
            Msg::NoSheetFound,
            Msg::MissingColumn { column: s("admitted") },
            Msg::UnknownColumn { header: s("Ket nap"), nearest: Some(s("Kết nạp")), expected: vec![] },
            Msg::UnknownColumn { header: s("x"), nearest: None, expected: vec![s("id"), s("name")] },
            Msg::ColumnTwice { header: s("Kết nạp"), field: s("admitted") },
            Msg::SymlinkLoop,
            Msg::SymlinkOutside { target: s("/etc/passwd") },
            Msg::DanglingLink { target: s("x") },
            Msg::UncheckedReferences { count: 2 },
            Msg::UnknownField { key: s("admited"), nearest: Some(s("admitted")), expected: vec![] },
            Msg::MissingField { field: s("admitted") },
            Msg::WrongType { field: s("name"), found: s("a sequence"), expected: s("a string") },
            Msg::Value {
                field: s("admitted"),
                fault: Fault::Thousands { written: s("1.000"), digits: s("1000") },
            },
            Msg::Other { field: s("x"), detail: s("y") },
            Msg::SiteTitleEmpty,
            Msg::BaseUrlNotWeb { url: s("/x/") },
            Msg::CurrentPeriodNoReport { label: s("2030"), nearest: None },
            Msg::CategoryBuiltin { key: s("women") },
            Msg::CategoryKeyInvalid { key: s("A") },
            Msg::CategoryLabelEmpty { key: s("a") },
            Msg::IssuerTooManyLines { lines: 4, max: 3 },
            Msg::IssuerLineEmpty,
            Msg::PlaceEmpty,
            Msg::EditionNumberEmpty,
            Msg::UnitIdInvalid { id: s("vĩnh-yên"), folded: Some(s("vinh-yen")) },
            Msg::UnitNameEmpty { id: s("a") },
            Msg::UnitIdEmpty { name: s("Chi bộ A"), suggested: Some(s("chi-bo-a")) },
            Msg::UnitIdEmpty { name: s(""), suggested: None },
            Msg::UnitRefEmpty,
            Msg::UnitIdTwice { id: s("a") },
            Msg::UnknownUnit { id: s("a"), nearest: Some(s("b")) },
            Msg::Cycle { units: vec![s("a"), s("b"), s("a")] },
            Msg::PeriodTwoMeanings { label: s("p"), from: day, to: day, other_from: day, other_to: day },
            Msg::AsOfBeforePeriod { as_of: day, label: s("2025"), from: day },
            Msg::AsOfAfterPeriod { as_of: day, label: s("2023"), to: day },
            Msg::DeadlineOutside { deadline: day, label: s("2023"), from: day, to: day },
            Msg::TargetZero,
            Msg::MaxBelowValue { max: 1, value: 2 },
            Msg::TargetWithoutValue,
            Msg::TargetValueAndRate { value: 220, rate: s("3") },
            Msg::RateWithoutStart { rate: s("3") },
            Msg::RateOutOfRange { field: s("rate_pct"), rate: s("0") },
            Msg::MaxRateBelowRate { max: s("3"), rate: s("4") },
            Msg::MaxWithRate,
            Msg::MaxRateWithValue,
            Msg::MembersZero,
            Msg::MembersAtStartZero,
            Msg::Value {
                field: s("rate_pct"),
                fault: Fault::RateAsText { written: s("3%"), number: s("3") },
            },
            Msg::Value { field: s("rate_pct"), fault: Fault::NotARate { written: s("ba") } },
            Msg::UnknownCategory { key: s("womn"), nearest: None, known: vec![s("women")] },
            Msg::CompositionAboveAdmitted { field: s("composition.women"), count: 3, admitted: 2 },
            Msg::SourceNotWeb { source: s("x:y") },
            Msg::SourceNotArticle { slug: s("x"), nearest: None },
            Msg::SourceDraft { slug: s("x") },
            Msg::SourceBeforeAsOf { slug: s("x"), date: day, as_of: day },
            Msg::ReportTwice { unit: s("a"), label: s("2024"), as_of: day },
            Msg::ChildrenExceed { unit: s("a"), label: s("2024"), sum: 3, admitted: 2 },
            Msg::SnapshotSmaller {
                unit: s("a"),
                label: s("2024"),
                admitted: 1,
                earlier: 2,
                earlier_as_of: day,
            },
            Msg::ArticleTitleEmpty,
            Msg::SlugNotUrl { written: s("a/b"), folded: Some(s("a-b")) },
            Msg::SlugTwice { slug: s("a") },
            Msg::TagEmpty,
            Msg::SourceUrlNotWeb { url: s("x") },
            Msg::UnsafeLink { url: s("javascript:x") },
            Msg::StaticOverFile { path: s("index.html") },
            Msg::StaticOverFolder { path: s("units") },
            Msg::StaticUnderFile { path: s("units.html/x"), file: s("units.html") },
            Msg::StaticInCharts { path: s("charts/x.svg") },
            Msg::StaticInSearch { path: s("search/x.js") },
        ];
        for msg in &messages {
            let (vi, en) = (msg.text(Language::Vi, "a.yaml:1:1"), msg.text(Language::En, "a.yaml:1:1"));
            assert!(!vi.is_empty() && !en.is_empty() && vi != en, "{msg:?}: {vi} / {en}");
            assert!(!vi.contains('\n') && !en.contains('\n'), "{msg:?}");
            if msg.names_first() {
                assert!(vi.contains("a.yaml:1:1") && en.contains("a.yaml:1:1"), "{msg:?}");
            }
        }
    }

    #[test]
    fn a_fault_goes_through_serde_and_back() {
        let fault = Fault::DayFirst { written: "31/03/2024".into(), iso: "2024-03-31".into() };
        let e: serde_yaml::Error = fault.clone().into_error();
        assert_eq!(Fault::from_error(&e.to_string()), Some(fault));
        assert_eq!(Fault::from_error("invalid type: string"), None);
    }
}
