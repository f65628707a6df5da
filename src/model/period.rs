//! Periods (SPEC §4): a year, a term of years, or named dates.

use crate::catalog::problems::Fault;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use std::fmt;

/// A span of days with the label users write and read.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    pub label: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    pub fn year(year: i32) -> Option<Period> {
        Some(Period {
            label: year.to_string(),
            from: NaiveDate::from_ymd_opt(year, 1, 1)?,
            to: NaiveDate::from_ymd_opt(year, 12, 31)?,
        })
    }

    /// The calendar year this period covers exactly, if it is one.
    pub fn calendar_year(&self) -> Option<i32> {
        let y = self.from.year();
        (self.from == NaiveDate::from_ymd_opt(y, 1, 1)? && self.to == NaiveDate::from_ymd_opt(y, 12, 31)?)
            .then_some(y)
    }

    /// How a sentence names the period: a calendar year labelled by its number, a term
    /// labelled by its years (`2015-2020`), or a label that names itself (`Kỳ họp
    /// 23/02/2021`, `6 tháng đầu năm 2024`), which no word goes before.
    pub fn kind(&self) -> PeriodKind {
        let years = |label: &str| label.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '–' | ' '));
        match self.calendar_year() {
            Some(year) if self.label == year.to_string() => PeriodKind::Year,
            _ if years(&self.label) && self.label.chars().any(|c| c.is_ascii_digit()) => PeriodKind::Term,
            _ => PeriodKind::Named,
        }
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// Parses the written forms `2016` and `2015-2020`.
    pub fn parse(written: &str) -> Result<Period, Fault> {
        let year = |s: &str| -> Option<i32> {
            (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
        };
        let bad = || Fault::PeriodInvalid { written: written.to_string() };
        match written.split_once('-') {
            None => year(written).and_then(Period::year).ok_or_else(bad),
            Some((a, b)) => {
                let (first, last) = (year(a).ok_or_else(bad)?, year(b).ok_or_else(bad)?);
                if last < first {
                    return Err(Fault::PeriodReversed { written: written.to_string() });
                }
                Ok(Period {
                    label: written.to_string(),
                    from: Period::year(first).ok_or_else(bad)?.from,
                    to: Period::year(last).ok_or_else(bad)?.to,
                })
            }
        }
    }
}

/// How a sentence names a period (see [`Period::kind`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodKind {
    Year,
    Term,
    Named,
}

/// Parses `YYYY-MM-DD`, telling a date that does not exist from a malformed one.
pub fn parse_date(text: &str) -> Result<NaiveDate, Fault> {
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Err(crate::problem::hints::date_fault(text));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| crate::problem::hints::date_fault(text))
}

/// Deserializes a `YYYY-MM-DD` date with the messages of [`parse_date`].
pub fn de_date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let text = String::deserialize(d)?;
    parse_date(&text).map_err(Fault::into_error)
}

pub fn de_opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    de_date(d).map(Some)
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(PeriodVisitor)
    }
}

struct PeriodVisitor;

impl<'de> Visitor<'de> for PeriodVisitor {
    type Value = Period;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a year like 2016, a term like 2015-2020, or {from, to, label}")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Period, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Period, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Period, E> {
        Period::parse(v).map_err(Fault::into_error)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Period, A::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Named {
            #[serde(deserialize_with = "de_date")]
            from: NaiveDate,
            #[serde(deserialize_with = "de_date")]
            to: NaiveDate,
            label: String,
        }
        let named = Named::deserialize(de::value::MapAccessDeserializer::new(map))?;
        if named.label.trim().is_empty() {
            return Err(Fault::PeriodLabelEmpty.into_error());
        }
        if named.to < named.from {
            let (from, to) = (named.from, named.to);
            return Err(Fault::NamedPeriodReversed { label: named.label, from, to }.into_error());
        }
        Ok(Period { label: named.label, from: named.from, to: named.to })
    }
}

/// A period label as written in site.yaml (`current_period: 2024`).
pub fn de_opt_label<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Label {
        Number(u64),
        Text(String),
    }
    Ok(Some(match Label::deserialize(d)? {
        Label::Number(n) => n.to_string(),
        Label::Text(s) => s,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn year() {
        let p = Period::parse("2016").unwrap();
        assert_eq!((p.label.as_str(), p.from, p.to), ("2016", day("2016-01-01"), day("2016-12-31")));
        assert_eq!(p.calendar_year(), Some(2016));
    }

    #[test]
    fn kinds_of_periods() {
        let named =
            |label: &str, from: &str, to: &str| Period { label: label.into(), from: day(from), to: day(to) };
        assert_eq!(Period::parse("2016").unwrap().kind(), PeriodKind::Year);
        assert_eq!(Period::parse("2015-2020").unwrap().kind(), PeriodKind::Term);
        assert_eq!(named("2020-2025", "2020-10-01", "2025-09-30").kind(), PeriodKind::Term);
        assert_eq!(named("Kỳ họp 23/02/2021", "2021-02-23", "2021-02-23").kind(), PeriodKind::Named);
        assert_eq!(named("Năm 2024", "2024-01-01", "2024-12-31").kind(), PeriodKind::Named);
        assert_eq!(named("6 tháng đầu năm 2024", "2024-01-01", "2024-06-30").kind(), PeriodKind::Named);
    }

    #[test]
    fn term() {
        let p = Period::parse("2015-2020").unwrap();
        assert_eq!((p.from, p.to), (day("2015-01-01"), day("2020-12-31")));
        assert_eq!(p.calendar_year(), None);
    }

    #[test]
    fn rejects_bad_written_periods() {
        assert_eq!(
            Period::parse("2020-2015").unwrap_err(),
            Fault::PeriodReversed { written: "2020-2015".into() }
        );
        assert!(Period::parse("16").is_err());
        assert!(Period::parse("2015-20").is_err());
        assert!(Period::parse("năm 2016").is_err());
    }

    #[test]
    fn named_period_from_yaml() {
        let p: Period =
            serde_yaml::from_str("{from: 2020-10-01, to: 2025-09-30, label: \"2020-2025\"}").unwrap();
        assert_eq!((p.label.as_str(), p.from, p.to), ("2020-2025", day("2020-10-01"), day("2025-09-30")));
        let p: Period = serde_yaml::from_str("2016").unwrap();
        assert_eq!(p.label, "2016");
    }

    #[test]
    fn named_period_needs_a_label_and_order() {
        let e = serde_yaml::from_str::<Period>("{from: 2020-10-01, to: 2025-09-30}").unwrap_err();
        assert!(e.to_string().contains("missing field `label`"));
        let e = serde_yaml::from_str::<Period>("{from: 2021-01-01, to: 2020-01-01, label: x}").unwrap_err();
        let reversed =
            Fault::NamedPeriodReversed { label: "x".into(), from: day("2021-01-01"), to: day("2020-01-01") };
        assert_eq!(Fault::from_error(&e.to_string()), Some(reversed));
    }

    #[test]
    fn dates_that_do_not_exist() {
        let no_such = Fault::NoSuchDate { written: "2016-02-30".into(), year: 2016, month: 2, days: 29 };
        assert_eq!(parse_date("2016-02-30").unwrap_err(), no_such);
        assert_eq!(
            parse_date("3/2/2016").unwrap_err(),
            Fault::DayFirst { written: "3/2/2016".into(), iso: "2016-02-03".into() }
        );
        assert_eq!(day("2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
    }
}
