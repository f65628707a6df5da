//! A data file: units and reports, item by item when broken, the rules between them,
//! the indicators of valid ones, and the placing of problems.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = bantin_fuzz::text(data);
    bantin_fuzz::check(Some(bantin_fuzz::SITE), &[("data/don-vi.yaml", &text)]);
});
