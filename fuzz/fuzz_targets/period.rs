//! Periods and dates: the written forms, named periods as YAML, article dates with
//! times and offsets. A period that parses never ends before it starts, and a date
//! that parses writes back as it was read.
#![no_main]

use bantin::model::parse_published;
use bantin::model::period::{Period, parse_date};
use libfuzzer_sys::fuzz_target;

fn assert_sane(p: &Period) {
    assert!(p.from <= p.to, "{p:?} ends before it starts");
    assert!(p.contains(p.from) && p.contains(p.to), "{p:?}");
}

fuzz_target!(|data: &[u8]| {
    let text = bantin_fuzz::text(data);
    if let Ok(p) = Period::parse(&text) {
        assert_sane(&p);
    }
    if let Ok(p) = serde_yaml::from_str::<Period>(&text) {
        assert_sane(&p);
        let _ = p.calendar_year();
    }
    if let Ok(day) = parse_date(&text) {
        assert_eq!(day.to_string(), text);
    }
    let _ = parse_published(&text);
});
