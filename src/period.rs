//! Periods (SPEC §4): a year, a term of years, or named dates.

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

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// Parses the written forms `2016` and `2015-2020`.
    pub fn parse(written: &str) -> Result<Period, String> {
        let expected = "expected a year like 2016, a term like 2015-2020, \
                        or {from: YYYY-MM-DD, to: YYYY-MM-DD, label: …}";
        let year = |s: &str| -> Option<i32> {
            (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
        };
        let bad = || format!("period `{written}` is not valid: {expected}");
        match written.split_once('-') {
            None => year(written).and_then(Period::year).ok_or_else(bad),
            Some((a, b)) => {
                let (first, last) = (year(a).ok_or_else(bad)?, year(b).ok_or_else(bad)?);
                if last < first {
                    return Err(format!(
                        "period `{written}` ends before it starts: expected the earlier year first"
                    ));
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

/// Parses `YYYY-MM-DD`, telling a date that does not exist from a malformed one.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Err(format!("`{text}` is not a date: expected YYYY-MM-DD"));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| format!("{text} is not a date that exists"))
}

/// Deserializes a `YYYY-MM-DD` date with the messages of [`parse_date`].
pub fn de_date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let text = String::deserialize(d)?;
    parse_date(&text).map_err(de::Error::custom)
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
        Period::parse(v).map_err(E::custom)
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
            return Err(de::Error::custom("period label is empty: expected a label such as \"2020-2025\""));
        }
        if named.to < named.from {
            return Err(de::Error::custom(format!(
                "period `{}` ends ({}) before it starts ({})",
                named.label, named.to, named.from
            )));
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
    fn term() {
        let p = Period::parse("2015-2020").unwrap();
        assert_eq!((p.from, p.to), (day("2015-01-01"), day("2020-12-31")));
        assert_eq!(p.calendar_year(), None);
    }

    #[test]
    fn rejects_bad_written_periods() {
        assert!(Period::parse("2020-2015").unwrap_err().contains("ends before it starts"));
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
        assert!(e.to_string().contains("ends (2020-01-01) before it starts (2021-01-01)"));
    }

    #[test]
    fn dates_that_do_not_exist() {
        assert_eq!(parse_date("2016-02-30").unwrap_err(), "2016-02-30 is not a date that exists");
        assert!(parse_date("2016-2-3").unwrap_err().contains("expected YYYY-MM-DD"));
        assert_eq!(day("2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
    }
}
