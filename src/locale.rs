//! Numbers, percentages and dates in the site's language (SPEC §10).

use crate::model::Language;
use chrono::NaiveDate;

/// How one language writes numbers and dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Locale {
    pub language: Language,
}

impl Locale {
    pub fn new(language: Language) -> Locale {
        Locale { language }
    }

    /// The thousands separator and the decimal mark.
    pub fn separators(self) -> (char, char) {
        match self.language {
            Language::Vi => ('.', ','),
            Language::En => (',', '.'),
        }
    }

    /// `23.596` (vi), `23,596` (en).
    pub fn integer(self, n: i64) -> String {
        let digits = n.unsigned_abs().to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
        if n < 0 {
            out.push('-');
        }
        group_thousands(&digits, self.separators().0, &mut out);
        out
    }

    /// A number rounded to `decimals`: `124,9` (vi), `124.9` (en).
    pub fn decimal(self, x: f64, decimals: usize) -> String {
        let (thousands, point) = self.separators();
        let text = format!("{:.*}", decimals, x.abs());
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let mut out = String::with_capacity(text.len() + 4);
        // "-0,0" would read as a negative figure: the sign shows only if a digit does.
        if x < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
            out.push('-');
        }
        group_thousands(whole, thousands, &mut out);
        if !fraction.is_empty() {
            out.push(point);
            out.push_str(fraction);
        }
        out
    }

    /// `109,3%` (vi), `109.3%` (en): no space before the sign.
    pub fn percent(self, x: f64, decimals: usize) -> String {
        format!("{}%", self.decimal(x, decimals))
    }

    /// A change with its sign: `+12`, `-3`, `0`.
    pub fn signed_integer(self, n: i64) -> String {
        if n > 0 { format!("+{}", self.integer(n)) } else { self.integer(n) }
    }

    /// A change of a percentage with its sign: `+5,7%`.
    pub fn signed_percent(self, x: f64, decimals: usize) -> String {
        let text = self.percent(x, decimals);
        if x > 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) { format!("+{text}") } else { text }
    }

    /// `23/02/2021` (vi), `2021-02-23` (en).
    pub fn date(self, d: NaiveDate) -> String {
        match self.language {
            Language::Vi => d.format("%d/%m/%Y").to_string(),
            Language::En => d.format("%Y-%m-%d").to_string(),
        }
    }

    /// The month of a date: `05/2024` (vi), `2024-05` (en).
    pub fn month(self, d: NaiveDate) -> String {
        match self.language {
            Language::Vi => d.format("%m/%Y").to_string(),
            Language::En => d.format("%Y-%m").to_string(),
        }
    }
}

fn group_thousands(digits: &str, separator: char, out: &mut String) {
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VI: Locale = Locale { language: Language::Vi };
    const EN: Locale = Locale { language: Language::En };

    #[test]
    fn integers() {
        assert_eq!(VI.integer(23596), "23.596");
        assert_eq!(EN.integer(23596), "23,596");
        assert_eq!(VI.integer(1234567), "1.234.567");
        assert_eq!(VI.integer(999), "999");
        assert_eq!(VI.integer(-1500), "-1.500");
    }

    #[test]
    fn percentages_of_the_seed_articles() {
        assert_eq!(VI.percent(929.0 / 850.0 * 100.0, 1), "109,3%");
        assert_eq!(EN.percent(929.0 / 850.0 * 100.0, 1), "109.3%");
        assert_eq!(VI.percent(57.0 / 246.0 * 100.0, 2), "23,17%");
        assert_eq!(VI.percent(57.0 / 275.0 * 100.0, 2), "20,73%");
        assert_eq!(VI.percent(13.0 / 22.0 * 100.0, 0), "59%");
        assert_eq!(VI.percent(4.0 / 22.0 * 100.0, 1), "18,2%");
        assert_eq!(VI.percent(14866.0 / 23596.0 * 100.0, 0), "63%");
        assert_eq!(VI.percent(12839.0 / 23596.0 * 100.0, 1), "54,4%");
    }

    #[test]
    fn decimals_group_thousands_and_hide_negative_zero() {
        assert_eq!(VI.decimal(12345.678, 1), "12.345,7");
        assert_eq!(EN.decimal(12345.678, 1), "12,345.7");
        assert_eq!(VI.decimal(-0.04, 1), "0,0");
        assert_eq!(VI.decimal(-2.5, 1), "-2,5");
    }

    #[test]
    fn signed_changes() {
        assert_eq!(VI.signed_integer(12), "+12");
        assert_eq!(VI.signed_integer(-3), "-3");
        assert_eq!(VI.signed_integer(0), "0");
        assert_eq!(VI.signed_percent(5.714, 1), "+5,7%");
        assert_eq!(VI.signed_percent(0.01, 1), "0,0%");
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2021, 2, 23).unwrap();
        assert_eq!(VI.date(d), "23/02/2021");
        assert_eq!(EN.date(d), "2021-02-23");
    }
}
