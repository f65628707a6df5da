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

    /// `23.596` (vi), `23,596` (en): a count, from its own digits (no float between).
    pub fn integer(self, n: u64) -> String {
        self.whole_number(None, n)
    }

    /// A count of things held in memory (pages, units), as [`Locale::integer`].
    pub fn count(self, n: usize) -> String {
        // A `usize` is at most 64 bits wide on every target Rust supports.
        self.integer(u64::try_from(n).unwrap_or(u64::MAX))
    }

    /// A whole number that may be below zero: `-1.500`, `23.596`.
    pub fn whole(self, n: i64) -> String {
        self.whole_number((n < 0).then_some('-'), n.unsigned_abs())
    }

    /// A change with its sign: `+12`, `-3`, `0`.
    pub fn signed_integer(self, n: i64) -> String {
        let sign = match n.signum() {
            1 => Some('+'),
            -1 => Some('-'),
            _ => None,
        };
        self.whole_number(sign, n.unsigned_abs())
    }

    /// `magnitude` grouped in thousands, after its sign if it has one.
    fn whole_number(self, sign: Option<char>, magnitude: u64) -> String {
        let digits = magnitude.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
        out.extend(sign);
        group_thousands(&digits, self.separators().0, &mut out);
        out
    }

    /// A number rounded to `decimals` as a spreadsheet's ROUND does: half away from zero
    /// on its decimal value ([`round_half_away`]): `124,9` (vi), `124.9` (en).
    pub fn decimal(self, x: f64, decimals: usize) -> String {
        let (thousands, point) = self.separators();
        let text = round_half_away(x.abs(), decimals);
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

    /// A count of people that comes out of a formula, to the nearest whole person
    /// (half away from zero): `125` for 124,9.
    pub fn people(self, x: f64) -> String {
        self.decimal(x, 0)
    }

    /// Whole people from `low` to `high`: `246`, or `246–275` for a range.
    pub fn people_range(self, low: u64, high: Option<u64>) -> String {
        match high {
            Some(high) if high != low => format!("{}–{}", self.integer(low), self.integer(high)),
            _ => self.integer(low),
        }
    }

    /// A count of people still needed, rounded up to a whole person: `39` for 38,6
    /// (a figure that is whole on its decimal value stays as it is).
    pub fn people_needed(self, x: f64) -> String {
        self.integer(whole_up(x))
    }

    /// A number as content writes it, to at most six places and without trailing zeros:
    /// `3`, `3,5` (vi), `3.5` (en).
    pub fn plain(self, x: f64) -> String {
        let text = round_half_away(x.abs(), 6);
        let places = text.split_once('.').map_or(0, |(_, f)| f.trim_end_matches('0').len());
        self.decimal(x, places)
    }

    /// `109,3%` (vi), `109.3%` (en): no space before the sign.
    pub fn percent(self, x: f64, decimals: usize) -> String {
        format!("{}%", self.decimal(x, decimals))
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

/// `x` rounded to `decimals` places, half away from zero, on its decimal value: 101.25
/// → `101.3`, 0.125 → `0.13`, 1.005 → `1.01` (its binary value is a little below
/// 1.005, which is not what a reader of 1.005 rounds). Returns `digits[.digits]`
/// without a sign; not finite values are `0`.
pub fn round_half_away(x: f64, decimals: usize) -> String {
    let x = if x.is_finite() { x.abs() } else { 0.0 };
    // The decimal value: the shortest decimal that reads back as the same `f64` (what a
    // spreadsheet shows for a value typed or computed). `Display` never uses an exponent.
    let mut text = x.to_string();
    let point = text.find('.').unwrap_or(text.len());
    let next = text.as_bytes().get(point + 1 + decimals).copied().unwrap_or(b'0');
    if point == text.len() {
        text.push('.');
    }
    let kept = point + 1 + decimals;
    text.truncate(kept);
    text.extend(std::iter::repeat_n('0', kept - text.len()));
    if decimals == 0 {
        text.pop();
    }
    let mut digits = text.into_bytes();
    if next >= b'5' {
        // Carry from the last kept digit, over the point.
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, b'1');
                break;
            }
            i -= 1;
            match digits[i] {
                b'.' => {}
                b'9' => digits[i] = b'0',
                d => {
                    digits[i] = d + 1;
                    break;
                }
            }
        }
    }
    String::from_utf8(digits).expect("digits and a point")
}

/// The whole number at or above `x` (0 for what is not above 0), on its decimal value
/// to nine places, so that a figure meant to be whole that floating point puts a hair
/// above it (39.000000000000007) is not taken up to the next person.
pub fn whole_up(x: f64) -> u64 {
    let rounded: f64 = round_half_away(x.max(0.0), 9).parse().unwrap_or(0.0);
    round_to_u64(rounded.ceil())
}

/// The whole number at or below `x` (0 for what is not above 0), on its decimal value to
/// nine places, as [`whole_up`].
pub fn whole_down(x: f64) -> u64 {
    let rounded: f64 = round_half_away(x.max(0.0), 9).parse().unwrap_or(0.0);
    round_to_u64(rounded.floor())
}

/// `x` rounded to the nearest whole number, half away from zero, held within `i64`;
/// not a number is 0.
#[expect(
    clippy::cast_possible_truncation,
    reason = "a float `as` an integer saturates at the integer's bounds and takes NaN to 0"
)]
pub fn round_to_i64(x: f64) -> i64 {
    x.round() as i64
}

/// `x` rounded to the nearest whole number, half away from zero, held within `u64`:
/// 0 below zero and for what is not a number, `u64::MAX` above it.
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "a float `as` an integer saturates at the integer's bounds and takes NaN to 0"
)]
pub fn round_to_u64(x: f64) -> u64 {
    x.round() as u64
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
        assert_eq!(VI.integer(0), "0");
        assert_eq!(EN.integer(u64::MAX), "18,446,744,073,709,551,615");
        assert_eq!(VI.count(1000), "1.000");
        assert_eq!(VI.whole(-1500), "-1.500");
        assert_eq!(VI.whole(1500), "1.500");
        assert_eq!(EN.whole(i64::MIN), "-9,223,372,036,854,775,808");
    }

    #[test]
    fn rounding_into_a_count() {
        assert_eq!(round_to_u64(2.5), 3);
        assert_eq!(round_to_u64(2.4), 2);
        assert_eq!(round_to_u64(-3.0), 0);
        assert_eq!(round_to_u64(f64::NAN), 0);
        assert_eq!(round_to_u64(1e30), u64::MAX);
        assert_eq!(round_to_i64(-2.5), -3);
        assert_eq!(round_to_i64(-1e30), i64::MIN);
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

    /// A spreadsheet's ROUND: half away from zero on the decimal value, not ties to even
    /// on the binary value.
    #[test]
    fn rounding_as_a_spreadsheet_does() {
        assert_eq!(VI.percent(162.0 * 100.0 / 160.0, 1), "101,3%");
        assert_eq!(VI.decimal(0.125, 2), "0,13");
        assert_eq!(VI.decimal(-0.125, 2), "-0,13");
        assert_eq!(VI.decimal(2.5, 0), "3");
        assert_eq!(VI.decimal(0.5, 0), "1");
        assert_eq!(VI.decimal(1.5, 0), "2");
        // 1.005 and 2.675 are a little below themselves in binary; their decimal value
        // is what a reader rounds.
        assert_eq!(EN.decimal(1.005, 2), "1.01");
        assert_eq!(EN.decimal(2.675, 2), "2.68");
        assert_eq!(EN.decimal(1.0049999, 2), "1.00");
        assert_eq!(VI.decimal(9.95, 1), "10,0");
        assert_eq!(VI.decimal(999999.95, 1), "1.000.000,0");
        assert_eq!(VI.decimal(0.04, 1), "0,0");
        assert_eq!(VI.decimal(7.0, 2), "7,00");
        assert_eq!(VI.decimal(1e-7, 2), "0,00");
        assert_eq!(VI.decimal(f64::NAN, 1), "0,0");
        assert_eq!(round_half_away(0.0, 3), "0.000");
        assert_eq!(round_half_away(12.0, 0), "12");
        // A carry over the point, and into a new first digit.
        assert_eq!(round_half_away(0.96, 1), "1.0");
        assert_eq!(round_half_away(99.5, 0), "100");
        assert_eq!(round_half_away(0.5, 0), "1");
        assert_eq!(round_half_away(0.0049, 2), "0.00");
        // Ties to even would give 122 and 0,12.
        assert_eq!(VI.percent(147.0 * 100.0 / 120.0, 0), "123%");
        assert_eq!(VI.decimal(0.125, 2), "0,13");
    }

    #[test]
    fn plain_numbers_as_written() {
        assert_eq!(VI.plain(3.0), "3");
        assert_eq!(VI.plain(3.5), "3,5");
        assert_eq!(EN.plain(0.25), "0.25");
        assert_eq!(VI.plain(1234.5), "1.234,5");
    }

    #[test]
    fn people_are_whole() {
        assert_eq!(VI.people(124.9), "125");
        assert_eq!(VI.people(112.5), "113");
        assert_eq!(VI.people(1234.4), "1.234");
        assert_eq!(VI.people_needed(38.6), "39");
        assert_eq!(VI.people_needed(38.0), "38");
        assert_eq!(VI.people_needed(39.0_f64.next_up()), "39");
        assert_eq!(VI.people_needed(0.0), "0");
        assert_eq!(VI.people_needed(-3.0), "0");
        assert_eq!((whole_up(166.32), whole_down(221.76)), (167, 221));
        assert_eq!((whole_up(162.0), whole_down(162.0)), (162, 162));
        assert_eq!(whole_down(221.0_f64.next_down()), 221);
    }

    #[test]
    fn signed_changes() {
        assert_eq!(VI.signed_integer(12), "+12");
        assert_eq!(VI.signed_integer(-3), "-3");
        assert_eq!(VI.signed_integer(0), "0");
        assert_eq!(EN.signed_integer(-1500), "-1,500");
        assert_eq!(EN.signed_integer(i64::MIN), "-9,223,372,036,854,775,808");
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
