//! The content a bulletin is made of, as read from `site.yaml`, `data/` and `news/`.

pub mod period;

use crate::catalog::CategoryLabels;
use crate::catalog::problems::Fault;
use crate::load::limits;
use crate::model::period::{Period, de_opt_date, de_opt_label};
use crate::problem::hints;
use chrono::{DateTime, FixedOffset, NaiveDate};
use indexmap::IndexMap;
use litemap::LiteMap;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

/// Everything read from one content folder.
#[derive(Debug, Default)]
pub struct Content {
    pub site: Site,
    /// In the order of their files. Shared, the lists and each item: a live preview keeps
    /// the lists from one load to the next while no data file changes, and the items of
    /// the files that did not.
    pub units: Arc<[Arc<Unit>]>,
    pub reports: Arc<[Arc<Report>]>,
    /// Each shared likewise, while its file is unchanged.
    pub articles: Vec<Arc<Article>>,
    /// Files under `static/`, relative to it, in sorted order.
    pub statics: Vec<PathBuf>,
    /// Every file read, relative to the content folder; [`Origin::file`] indexes it.
    pub files: Vec<PathBuf>,
}

impl Content {
    /// The reports of `self` whose figures differ from `was`'s, another version of the
    /// same folder, when nothing else differs that the order of the figures rests on:
    /// the same site settings and units, and as many reports, each of the same unit,
    /// period and day, written at the same place in files of the same names (a problem
    /// names its file). `None` when anything else changed; no report when the figures
    /// and what is found of them are the same.
    pub fn changed_reports(&self, was: &Content) -> Option<Vec<usize>> {
        if self.site != was.site {
            return None;
        }
        // Items shared from one load to the next were read from the same data files,
        // numbered alike.
        if Arc::ptr_eq(&self.units, &was.units) && Arc::ptr_eq(&self.reports, &was.reports) {
            return Some(Vec::new());
        }
        let same_units = Arc::ptr_eq(&self.units, &was.units) || self.units == was.units;
        if !same_units || self.reports.len() != was.reports.len() {
            return None;
        }
        let placed_alike = |r: &Report, w: &Report| {
            (&r.unit, &r.period, r.as_of, &r.origin) == (&w.unit, &w.period, w.as_of, &w.origin)
        };
        let mut changed = Vec::new();
        for (i, (r, w)) in self.reports.iter().zip(was.reports.iter()).enumerate() {
            if Arc::ptr_eq(r, w) {
                continue;
            }
            if !placed_alike(r, w) {
                return None;
            }
            if r != w {
                changed.push(i);
            }
        }
        (self.figure_files() == was.figure_files()).then_some(changed)
    }

    /// The files read up to the last that holds a unit or a report: the data files,
    /// which are read before the articles, so an article added or removed moves none.
    fn figure_files(&self) -> &[PathBuf] {
        // Units and reports are in the order of their files: the last of each is in the
        // last file that holds one.
        let last_of = |origin: Option<&Origin>| origin.map(|o| o.file);
        let last = last_of(self.units.last().map(|u| &u.origin))
            .max(last_of(self.reports.last().map(|r| &r.origin)));
        &self.files[..last.map_or(0, |i| i + 1)]
    }
}

/// Where an item was written: a file and the YAML path of the item inside it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    pub file: usize,
    /// `units[3]`, `reports[0]`, or empty for an article's front matter.
    pub item: String,
}

impl Origin {
    /// The YAML path of one field of this item: `reports[2]` + `composition.women`.
    pub fn field(&self, field: &str) -> String {
        match (self.item.is_empty(), field.is_empty()) {
            (true, _) => field.to_string(),
            (false, true) => self.item.clone(),
            (false, false) => format!("{}.{}", self.item, field),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Vi,
    En,
}

impl Language {
    /// The language's code in HTML and XML: `vi`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Vi => "vi",
            Language::En => "en",
        }
    }
}

#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub title: String,
    pub description: Option<String>,
    pub base_url: String,
    #[serde(default)]
    pub language: Language,
    pub root_unit: Option<String>,
    #[serde(default, deserialize_with = "de_opt_label")]
    pub current_period: Option<String>,
    #[serde(default = "default_percent_decimals", deserialize_with = "de_decimals")]
    pub percent_decimals: u8,
    pub contact: Option<String>,
    #[serde(default, deserialize_with = "de_opt_date")]
    pub next_release: Option<NaiveDate>,
    /// The issuing body of the shared bulletin, in the lines of its header: superior
    /// bodies first, the issuing body last (`issuer: Ban Tổ chức Tỉnh ủy`, or a list).
    #[serde(default)]
    pub issuer: Issuer,
    /// The place of issue, before the date in the bulletin's header.
    pub place: Option<String>,
    /// The bulletin's number and date of issue.
    pub edition: Option<Edition>,
    /// Whether a build writes `bulletin.pdf` (`bantin build --no-pdf` turns it off).
    #[serde(default = "yes")]
    pub pdf: bool,
    /// Extra composition categories, key → label, in the order written.
    #[serde(default)]
    pub categories: IndexMap<String, String>,
    /// Keeps the bulletin out of search engines: `robots.txt` disallows everything and
    /// every page says `noindex`.
    #[serde(default)]
    pub private: bool,
}

fn default_percent_decimals() -> u8 {
    1
}

/// The most decimals `percent_decimals` may ask for.
pub const MAX_PERCENT_DECIMALS: u8 = 6;

/// `percent_decimals`, read as a count is (a negative or a fraction says so). A number
/// up to 255 is kept for the rules to hold to [`MAX_PERCENT_DECIMALS`]; a larger one is
/// refused here, with the same bound.
fn de_decimals<'de, D: Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
    let decimals = de_count(d)?;
    u8::try_from(decimals).map_err(|_| {
        Fault::CountTooLarge { written: decimals.to_string(), max: MAX_PERCENT_DECIMALS.into() }.into_error()
    })
}

fn yes() -> bool {
    true
}

/// The lines of an issuing body's name, superior bodies first: one text, or a list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Issuer(pub Vec<String>);

impl<'de> Deserialize<'de> for Issuer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Issuer, D::Error> {
        struct Lines;
        impl<'de> Visitor<'de> for Lines {
            type Value = Issuer;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("the issuing body's name, or a list of lines with the superior body first")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Issuer, E> {
                Ok(Issuer(vec![v.to_string()]))
            }

            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Issuer, A::Error> {
                let mut lines = Vec::new();
                while let Some(line) = seq.next_element::<String>()? {
                    lines.push(line);
                }
                Ok(Issuer(lines))
            }
        }
        d.deserialize_any(Lines)
    }
}

/// A bulletin's number (`12`, or a text such as `12-BT/BTCTU`) and date of issue.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    #[serde(default, deserialize_with = "de_opt_text")]
    pub number: Option<String>,
    #[serde(default, deserialize_with = "de_opt_date")]
    pub issued: Option<NaiveDate>,
}

/// A text that must be written: YAML's null (`~`, `null`, nothing) is read as an empty
/// text, which validation refuses in the content's words, where serde_yaml would read
/// `title: ~` as the title "~".
fn de_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

/// A list of [`de_text`]s.
fn de_texts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let texts = Vec::<Option<String>>::deserialize(d)?;
    Ok(texts.into_iter().map(Option::unwrap_or_default).collect())
}

/// A text that may be left out: a blank one (`""`, spaces) is left out too, as YAML's
/// null is, so that `source: ""` means no source rather than one named ``.
fn de_opt_written<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.filter(|text| !text.trim().is_empty()))
}

/// A text or a whole number, kept as text.
fn de_opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct Text;
    impl Visitor<'_> for Text {
        type Value = String;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a number like 12 or a text like 12-BT/BTCTU")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_string())
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
    }
    d.deserialize_any(Text).map(Some)
}

// `Eq`: two lists of shared units compare each pair by address first.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    #[serde(deserialize_with = "de_text")]
    pub id: String,
    #[serde(deserialize_with = "de_text")]
    pub name: String,
    pub kind: Option<String>,
    pub parent: Option<String>,
    #[serde(default, deserialize_with = "de_order")]
    pub order: Option<i64>,
    #[serde(skip)]
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    #[serde(deserialize_with = "de_text")]
    pub unit: String,
    pub period: Period,
    #[serde(default, deserialize_with = "de_opt_date")]
    pub as_of: Option<NaiveDate>,
    #[serde(deserialize_with = "de_count")]
    pub admitted: u64,
    #[serde(default)]
    pub targets: Vec<Target>,
    #[serde(default, deserialize_with = "de_opt_count")]
    pub members: Option<u64>,
    /// Members at the period's first day: what a target's `rate_pct` is a rate of.
    #[serde(default, deserialize_with = "de_opt_count")]
    pub members_at_start: Option<u64>,
    #[serde(default, deserialize_with = "de_opt_count")]
    pub organizations: Option<u64>,
    /// Category key → how many of the admitted belong to it, by key (a sorted vector: a
    /// report names a few).
    #[serde(default, deserialize_with = "de_composition")]
    pub composition: LiteMap<String, u64>,
    #[serde(default)]
    pub training: Training,
    #[serde(default, deserialize_with = "de_opt_count")]
    pub confirmed: Option<u64>,
    #[serde(default, deserialize_with = "de_opt_written")]
    pub source: Option<String>,
    #[serde(default, deserialize_with = "de_opt_written")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

impl Report {
    /// The day the figure was counted: `as_of`, or the period's last day.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of.unwrap_or(self.period.to)
    }
}

/// A target: a count (`value`, perhaps up to `max`), or a rate of the report's
/// `members_at_start` (`rate_pct`, perhaps up to `max_rate_pct`). Validation insists on
/// exactly one of `value` and `rate_pct`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    #[serde(default, deserialize_with = "de_opt_count")]
    pub value: Option<u64>,
    #[serde(default, deserialize_with = "de_opt_count")]
    pub max: Option<u64>,
    /// Percent of the members at the period's start.
    #[serde(default, deserialize_with = "de_opt_rate")]
    pub rate_pct: Option<f64>,
    #[serde(default, deserialize_with = "de_opt_rate")]
    pub max_rate_pct: Option<f64>,
    pub by: Option<String>,
    pub document: Option<String>,
    #[serde(default, deserialize_with = "de_opt_date")]
    pub deadline: Option<NaiveDate>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Training {
    #[serde(default, deserialize_with = "de_opt_count")]
    pub awareness_classes: Option<u64>,
    #[serde(default, deserialize_with = "de_opt_count")]
    pub awareness_trainees: Option<u64>,
    #[serde(default, deserialize_with = "de_opt_count")]
    pub new_member_classes: Option<u64>,
    #[serde(default, deserialize_with = "de_opt_count")]
    pub new_member_trainees: Option<u64>,
}

/// A news article: its front matter and its Markdown body.
#[derive(Clone, Debug)]
pub struct Article {
    pub slug: String,
    pub title: String,
    /// The calendar day of publication, as written.
    pub date: NaiveDate,
    /// The moment of publication; `+07:00` (Vietnam) when the front matter gives no offset.
    pub published: DateTime<FixedOffset>,
    pub units: Vec<String>,
    pub tags: Vec<String>,
    pub source: Option<String>,
    pub source_url: Option<String>,
    pub author: Option<String>,
    pub summary: Option<String>,
    pub draft: bool,
    /// Shared: a live preview keeps every article between rebuilds.
    pub body: std::sync::Arc<str>,
    /// The body's first paragraph as plain text, read at load: the summary shown when
    /// none is written.
    pub lead: String,
    pub origin: Origin,
}

/// The front matter of an article as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    #[serde(deserialize_with = "de_text")]
    pub title: String,
    #[serde(deserialize_with = "de_published")]
    pub date: DateTime<FixedOffset>,
    #[serde(default, deserialize_with = "de_texts")]
    pub units: Vec<String>,
    #[serde(default, deserialize_with = "de_texts")]
    pub tags: Vec<String>,
    #[serde(default, deserialize_with = "de_opt_written")]
    pub source: Option<String>,
    #[serde(default, deserialize_with = "de_opt_written")]
    pub source_url: Option<String>,
    #[serde(default, deserialize_with = "de_opt_written")]
    pub author: Option<String>,
    #[serde(default, deserialize_with = "de_opt_written")]
    pub summary: Option<String>,
    #[serde(default)]
    pub draft: bool,
    pub slug: Option<String>,
}

/// Vietnam's offset, assumed for article times written without one.
pub fn vietnam_offset() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("a valid offset")
}

/// `YYYY-MM-DD`, optionally followed by a time (`T` or space) and an offset.
pub fn parse_published(text: &str) -> Result<DateTime<FixedOffset>, Fault> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t);
    }
    let local = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| chrono::NaiveDateTime::parse_from_str(text, f).ok());
    let local = match local {
        Some(t) => t,
        None => crate::model::period::parse_date(text)
            .map_err(|fault| match fault {
                Fault::NotADate { .. } => Fault::BadTime { written: text.to_string() },
                other => other,
            })?
            .and_hms_opt(0, 0, 0)
            .expect("midnight exists"),
    };
    let bad_time = || Fault::BadTime { written: text.to_string() };
    local.and_local_timezone(vietnam_offset()).single().ok_or_else(bad_time)
}

fn de_published<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
    let text = String::deserialize(d)?;
    parse_published(&text).map_err(Fault::into_error)
}

/// A count of people or classes: a whole number, zero or more.
struct CountVisitor;

impl Visitor<'_> for CountVisitor {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a whole number >= 0")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
        if v > limits::MAX_COUNT {
            return Err(too_large(v));
        }
        Ok(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u64, E> {
        let v = u64::try_from(v).map_err(|_| Fault::Negative { written: v.to_string() }.into_error())?;
        self.visit_u64(v)
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<u64, E> {
        match u64::try_from(v) {
            Ok(v) => self.visit_u64(v),
            Err(_) => Err(too_large(v)),
        }
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<u64, E> {
        match u128::try_from(v) {
            Ok(v) => self.visit_u128(v),
            Err(_) => Err(Fault::Negative { written: v.to_string() }.into_error()),
        }
    }

    /// A fraction, or a whole number too large for `u128`.
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<u64, E> {
        if v.fract() == 0.0 && v > limits::MAX_COUNT as f64 {
            return Err(too_large(v));
        }
        Err(hints::count_fault(&v.to_string()).into_error())
    }

    /// A count written as text: `"1.000"`, `"3,50"`, `"12%"`, or a whole number in quotes.
    fn visit_str<E: de::Error>(self, v: &str) -> Result<u64, E> {
        match v.trim().parse::<u64>() {
            Ok(n) => self.visit_u64(n),
            Err(_) => Err(hints::count_fault(v).into_error()),
        }
    }
}

/// The fault of a count above [`limits::MAX_COUNT`].
fn too_large<E: de::Error>(count: impl fmt::Display) -> E {
    Fault::CountTooLarge { written: count.to_string(), max: limits::MAX_COUNT }.into_error()
}

pub fn de_count<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    d.deserialize_any(CountVisitor)
}

/// A unit's sort key: a whole number, bounded like a count in both directions.
fn de_order<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let order = i64::deserialize(d)?;
    if order.unsigned_abs() > limits::MAX_COUNT {
        let fault = Fault::OrderTooFar { written: order.to_string(), max: limits::MAX_COUNT };
        return Err(fault.into_error());
    }
    Ok(Some(order))
}

fn de_opt_count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    de_count(d).map(Some)
}

/// A rate in percent: any number (validation bounds it); `3%` or `3,5` written as text
/// is refused with the number it means.
struct RateVisitor;

impl Visitor<'_> for RateVisitor {
    type Value = f64;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a percentage as a number, like 3 or 3.5")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        Ok(v as f64)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        Ok(v as f64)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        Ok(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<f64, E> {
        Err(hints::rate_fault(v).into_error())
    }
}

fn de_opt_rate<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    d.deserialize_any(RateVisitor).map(Some)
}

fn de_composition<'de, D: Deserializer<'de>>(d: D) -> Result<LiteMap<String, u64>, D::Error> {
    #[derive(Deserialize)]
    struct Count(#[serde(deserialize_with = "de_count")] u64);
    let counts = BTreeMap::<String, Count>::deserialize(d)?;
    Ok(counts.into_iter().map(|(k, Count(n))| (k, n)).collect())
}

/// A built-in category's label, from the catalog of a language.
pub type CategoryLabel = fn(&CategoryLabels) -> &'static str;

/// Composition categories with built-in labels (SPEC §4), in display order: each key
/// with its label in [`CategoryLabels`].
pub const BUILTIN_CATEGORIES: [(&str, CategoryLabel); 9] = [
    ("youth", |c| c.youth),
    ("women", |c| c.women),
    ("ethnic_minority", |c| c.ethnic_minority),
    ("religious", |c| c.religious),
    ("pupils", |c| c.pupils),
    ("students", |c| c.students),
    ("enterprise_workers", |c| c.enterprise_workers),
    ("postgraduate", |c| c.postgraduate),
    ("university", |c| c.university),
];

/// A composition category with its label in the site's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Category {
    pub key: String,
    pub label: String,
}

impl Site {
    /// Every category a report may use: the built-in ones, then those of site.yaml.
    pub fn categories(&self) -> Vec<Category> {
        let labels = &crate::catalog::labels(self.language).categories;
        let builtin = BUILTIN_CATEGORIES
            .iter()
            .map(|(key, label)| Category { key: key.to_string(), label: label(labels).to_string() });
        let custom =
            self.categories.iter().map(|(key, label)| Category { key: key.clone(), label: label.clone() });
        builtin.chain(custom).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_reject_negative_and_fractions() {
        #[derive(Debug, Deserialize)]
        struct C {
            #[serde(deserialize_with = "de_count")]
            n: u64,
        }
        assert_eq!(serde_yaml::from_str::<C>("n: 5").unwrap().n, 5);
        let fault = |yaml: &str| Fault::from_error(&serde_yaml::from_str::<C>(yaml).unwrap_err().to_string());
        assert_eq!(fault("n: -5"), Some(Fault::Negative { written: "-5".into() }));
        assert_eq!(fault("n: 2.5"), Some(Fault::NotWhole { written: "2.5".into() }));
        assert_eq!(
            fault("n: \"1.000\""),
            Some(Fault::Thousands { written: "1.000".into(), digits: "1000".into() })
        );
        assert_eq!(fault("n: 12%"), Some(Fault::Percent { written: "12%".into() }));
        assert_eq!(serde_yaml::from_str::<C>("n: \"12\"").unwrap().n, 12);
    }

    #[test]
    fn counts_and_orders_have_a_maximum() {
        #[derive(Debug, Deserialize)]
        struct C {
            #[serde(deserialize_with = "de_count")]
            n: u64,
        }
        assert_eq!(serde_yaml::from_str::<C>("n: 100000000").unwrap().n, limits::MAX_COUNT);
        for (yaml, shown) in [
            ("n: 100000001", "100000001"),
            ("n: 18446744073709551615", "18446744073709551615"),
            ("n: 99999999999999999999999", "99999999999999999999999"),
            ("n: 1e40", "10000000000000000000000000000000000000000"),
        ] {
            let e = serde_yaml::from_str::<C>(yaml).unwrap_err().to_string();
            let too_large = Fault::CountTooLarge { written: shown.into(), max: limits::MAX_COUNT };
            assert_eq!(Fault::from_error(&e), Some(too_large), "{e}");
        }
        let unit = |order: &str| serde_yaml::from_str::<Unit>(&format!("{{id: a, name: A, order: {order}}}"));
        assert_eq!(unit("-100000000").unwrap().order, Some(-100_000_000));
        assert_eq!(unit("3").unwrap().order, Some(3));
        let e = unit("-100000001").unwrap_err().to_string();
        let far = Fault::OrderTooFar { written: "-100000001".into(), max: limits::MAX_COUNT };
        assert_eq!(Fault::from_error(&e), Some(far), "{e}");
        assert_eq!(serde_yaml::from_str::<Unit>("{id: a, name: A}").unwrap().order, None);
    }

    #[test]
    fn published_dates_with_and_without_time() {
        let t = parse_published("2024-05-04").unwrap();
        assert_eq!(t.to_rfc3339(), "2024-05-04T00:00:00+07:00");
        let t = parse_published("2012-01-01T07:00:00+07:00").unwrap();
        assert_eq!(t.date_naive().to_string(), "2012-01-01");
        let t = parse_published("2024-05-04 14:30").unwrap();
        assert_eq!(t.to_rfc3339(), "2024-05-04T14:30:00+07:00");
        assert_eq!(
            parse_published("2024-02-30").unwrap_err(),
            Fault::NoSuchDate { written: "2024-02-30".into(), year: 2024, month: 2, days: 29 }
        );
        assert_eq!(parse_published("ngày 4/5").unwrap_err(), Fault::BadTime { written: "ngày 4/5".into() });
    }

    #[test]
    fn custom_categories_follow_builtin_ones() {
        let mut site = Site::default();
        site.categories.insert("veterans".into(), "Cựu chiến binh".into());
        let cats = site.categories();
        assert_eq!(cats.len(), 10);
        assert_eq!(cats[1].label, "Nữ");
        assert_eq!(cats[9].key, "veterans");
        site.language = Language::En;
        assert_eq!(site.categories()[1].label, "Women");
    }
}
