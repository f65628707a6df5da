//! A whole content folder in memory: site.yaml, one data file and articles, separated
//! by `@@@@` lines (`@` cannot start a YAML token, so no YAML file holds such a line).
#![no_main]

use libfuzzer_sys::fuzz_target;

const SEPARATOR: &str = "\n@@@@\n";

fuzz_target!(|data: &[u8]| {
    let text = bantin_fuzz::text(data);
    let mut parts = text.split(SEPARATOR);
    let site = parts.next().unwrap_or_default();
    let data_file = parts.next().unwrap_or_default();
    let articles: Vec<(String, &str)> =
        parts.enumerate().map(|(i, article)| (format!("news/bai-{i}.md"), article)).collect();
    let mut files = vec![("data/don-vi.yaml", data_file)];
    files.extend(articles.iter().map(|(rel, text)| (rel.as_str(), *text)));
    bantin_fuzz::check(Some(site), &files);
});
