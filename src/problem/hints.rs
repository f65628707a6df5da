//! The usual mistakes, recognised: the right form of a value written another way, and
//! the nearest known name for a misspelt one.

use crate::catalog::problems::Fault;
use chrono::{Datelike, NaiveDate};

/// Field names as Vietnamese staff may write them, with the name they mean.
const VIETNAMESE_FIELDS: [(&str, &str); 14] = [
    ("ten", "name"),
    ("ma", "id"),
    ("ma-don-vi", "unit"),
    ("don-vi", "unit"),
    ("ky", "period"),
    ("ket-nap", "admitted"),
    ("chi-tieu", "targets"),
    ("cap-tren", "parent"),
    ("nguon", "source"),
    ("ghi-chu", "note"),
    ("ngay", "date"),
    ("tieu-de", "title"),
    ("dang-vien", "members"),
    ("co-cau", "composition"),
];

/// The known name nearest to `word` (ignoring case, accents and `_`/`-`), when it is
/// near enough to be a slip of the keyboard, or the field a Vietnamese name means.
pub fn nearest<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let folded = crate::text::slug_lossy(word);
    let known: Vec<&str> = known.into_iter().collect();
    if let Some((_, meant)) = VIETNAMESE_FIELDS.iter().find(|(vi, _)| *vi == folded) {
        return known.contains(meant).then(|| meant.to_string());
    }
    known
        .iter()
        .filter(|k| **k != word)
        .map(|k| (strsim::normalized_damerau_levenshtein(&folded, &crate::text::slug_lossy(k)), *k))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, k)| k.to_string())
}

/// The slug a written name folds to (`Vĩnh Yên` → `vinh-yen`), if it folds to one.
pub fn folded_slug(written: &str) -> Option<String> {
    let slug = crate::text::slug_lossy(written);
    (slug != "-").then_some(slug)
}

/// What is wrong with a count written as text (or as a number with a point in it):
/// thousands separators, a percentage, or a fraction.
pub fn count_fault(written: &str) -> Fault {
    let written = written.trim();
    if let Some(digits) = thousands(written) {
        return Fault::Thousands { written: written.to_string(), digits };
    }
    if written.ends_with('%') {
        return Fault::Percent { written: written.to_string() };
    }
    Fault::NotWhole { written: written.to_string() }
}

/// What is wrong with a rate written as text: `3%` or `3,5` mean a number, written so
/// that YAML reads text; anything else is not a rate.
pub fn rate_fault(written: &str) -> Fault {
    let written = written.trim();
    let bare = written.trim_end_matches('%').trim().replace(',', ".");
    match bare.parse::<f64>() {
        Ok(x) if x.is_finite() && !bare.is_empty() => {
            Fault::RateAsText { written: written.to_string(), number: bare }
        }
        _ => Fault::NotARate { written: written.to_string() },
    }
}

/// `1.000`, `12.839`, `1,000,000` → the digits alone; `None` for anything else.
fn thousands(written: &str) -> Option<String> {
    let separator = written.chars().find(|c| *c == '.' || *c == ',' || *c == ' ')?;
    let groups: Vec<&str> = written.split(separator).collect();
    let shaped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    shaped
        .then(|| groups.concat().trim_start_matches('0').to_string())
        .map(|d| if d.is_empty() { "0".into() } else { d })
}

/// What is wrong with a date written as `written`: day first (`31/03/2024`), a day that
/// does not exist (`2024-02-30`), or no date at all.
pub fn date_fault(written: &str) -> Fault {
    let owned = written.to_string();
    if let Some(iso) = day_first(written) {
        return Fault::DayFirst { written: owned, iso };
    }
    let parts: Vec<&str> = written.split('-').collect();
    if let [y, m, d] = parts[..]
        && let (Ok(year), Ok(month), Ok(_)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>())
        && (1..=12).contains(&month)
        && let Some(days) = days_in_month(year, month)
    {
        return Fault::NoSuchDate { written: owned, year, month, days };
    }
    Fault::NotADate { written: owned }
}

/// `31/03/2024`, `31-03-2024` or `31.03.2024` as `2024-03-31`, when that day exists.
fn day_first(written: &str) -> Option<String> {
    let parts: Vec<&str> = written.split(['/', '-', '.']).collect();
    let [d, m, y] = parts[..] else { return None };
    if y.len() != 4 || d.len() > 2 || m.len() > 2 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    Some(date.format("%Y-%m-%d").to_string())
}

fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next =
        if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1)? } else { first.with_month(month + 1)? };
    u32::try_from((next - first).num_days()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_written_as_text() {
        assert_eq!(rate_fault("3%"), Fault::RateAsText { written: "3%".into(), number: "3".into() });
        assert_eq!(
            rate_fault(" 3,5 % "),
            Fault::RateAsText { written: "3,5 %".into(), number: "3.5".into() }
        );
        assert_eq!(rate_fault("ba phần trăm"), Fault::NotARate { written: "ba phần trăm".into() });
        assert_eq!(rate_fault("%"), Fault::NotARate { written: "%".into() });
    }

    #[test]
    fn near_names_are_offered() {
        let fields = ["unit", "period", "admitted", "targets", "members"];
        assert_eq!(nearest("admited", fields), Some("admitted".into()));
        assert_eq!(nearest("Admitted", fields), Some("admitted".into()));
        assert_eq!(nearest("ket_nap", fields), Some("admitted".into()));
        assert_eq!(nearest("colour", fields), None);
        assert_eq!(nearest("krong-pak", ["krong-pac", "krong-bong", "ea-kar"]), Some("krong-pac".into()));
        assert_eq!(nearest("ten", ["id", "name"]), Some("name".into()));
    }

    #[test]
    fn ids_fold_to_the_form_they_should_take() {
        assert_eq!(folded_slug("vĩnh-yên"), Some("vinh-yen".into()));
        assert_eq!(folded_slug("Đảng viên Mới"), Some("dang-vien-moi".into()));
        assert_eq!(folded_slug("!!"), None);
    }

    #[test]
    fn counts_written_the_vietnamese_way_show_their_digits() {
        let thousands = |w: &str, d: &str| Fault::Thousands { written: w.into(), digits: d.into() };
        assert_eq!(count_fault("1.000"), thousands("1.000", "1000"));
        assert_eq!(count_fault("23.596"), thousands("23.596", "23596"));
        assert_eq!(count_fault("1,234,567"), thousands("1,234,567", "1234567"));
        assert_eq!(count_fault("12%"), Fault::Percent { written: "12%".into() });
        assert_eq!(count_fault("3,50"), Fault::NotWhole { written: "3,50".into() });
        assert_eq!(count_fault("5.7"), Fault::NotWhole { written: "5.7".into() });
    }

    #[test]
    fn dates_show_the_form_they_should_take() {
        let day_first = |w: &str, iso: &str| Fault::DayFirst { written: w.into(), iso: iso.into() };
        assert_eq!(date_fault("31/03/2024"), day_first("31/03/2024", "2024-03-31"));
        assert_eq!(date_fault("1.4.2024"), day_first("1.4.2024", "2024-04-01"));
        assert_eq!(
            date_fault("2024-02-30"),
            Fault::NoSuchDate { written: "2024-02-30".into(), year: 2024, month: 2, days: 29 }
        );
        assert_eq!(date_fault("hôm qua"), Fault::NotADate { written: "hôm qua".into() });
    }
}
