//! An article: front matter split, YAML front matter, slug, the article rules, and
//! the placing of its problems.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = bantin_fuzz::text(data);
    bantin_fuzz::check(Some(bantin_fuzz::SITE), &[("news/bai-viet.md", &text)]);
});
