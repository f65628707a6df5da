//! Search: an index of the units (by name and id) and the published articles (title,
//! summary, body, tags), written at build time as plain script files beside the pages.
//!
//! The search page's script (`assets/search.js`) loads with `<script src>` only the files
//! a query needs, which works from disk (`file://`), where `fetch` does not:
//!
//! - `search/_index.js`: the shard keys, the documents per chunk, the fold table, and
//!   the paths of units and articles (from the route table, `*` standing for the id);
//! - `search/{key}.js`: the terms that start with `key` (the longest key that starts a
//!   term holds it) and where each is found;
//! - `search/_{n}.js`: chunk `n` of the documents, as results show them: `[0, unit id,
//!   name, parent and latest figure]`, `[1, article slug, title, date]`.
//!
//! Terms are the runs of letters and digits of [`text::fold`]ed text, so "Đắk Lắk",
//! "dak lak" and "DAK LAK" are the same two terms; the page folds a query with a table
//! made by the same function. Documents are numbered in the order results take at equal
//! hits: units level by level down the tree, then articles newest first. A term's
//! postings are numbers: `gap * 2 + 1` for a document that has the term in its title (a
//! unit's name or id, an article's title), `gap * 2` for one that has it elsewhere, `gap`
//! counting from the previous document of the list (from 0 for the first). They are
//! written as one string, five bits a character, most significant first: [`LAST`] ends
//! a number, [`MORE`] goes on (half the bytes of decimal numbers, which matters at
//! national scale: about 3 million postings).

use crate::catalog::{self, Words};
use crate::compute::indicators::Indicators;
use crate::locale::Locale;
use crate::model::{Article, Unit};
use crate::render::markdown;
use crate::resolve::Bulletin;
use crate::resolve::routes;
use crate::text;
use crate::write::OutputFile;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Documents per chunk file.
const CHUNK: usize = 64;
/// Terms are cut to this many letters, in the index and in a query.
const MAX_TERM: usize = 24;
/// A shard larger than this (bytes) is split by the next letter of its terms.
const SHARD_BYTES: usize = 24 * 1024;
/// The digits of [`postings`]: the last of a number, and any before it.
const LAST: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
const MORE: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ@#$%&+";
/// The file of shard keys; the other files' names start with `_` too, which no key does.
const INDEX: &str = "_index";

/// A document as results show it, and the texts it is found by.
struct Doc {
    /// 0 for a unit, 1 for an article: the index of its path in `_index.js`.
    kind: u8,
    /// The unit's id or the article's slug.
    key: String,
    title: String,
    /// A unit's parent and latest figure, an article's date.
    detail: String,
    /// The terms it is found by.
    terms: Terms,
}

/// The search index of a site: every file under [`routes::SEARCH_INDEX`].
pub fn files(bulletin: &Bulletin, ind: &Indicators) -> Vec<OutputFile> {
    let docs = documents(bulletin, ind);
    let postings = postings(&docs);
    let shards = shards(&postings, SHARD_BYTES);
    let mut files = vec![OutputFile::new(routes::search_file(INDEX), index_file(&shards, docs.len()))];
    for (key, terms) in &shards {
        let mut js = format!("bantinSearch.shard(\"{key}\",{{");
        for (i, (term, list)) in terms.iter().enumerate() {
            let comma = if i == 0 { "" } else { "," };
            let _ = write!(js, "{comma}\"{term}\":{list}");
        }
        js.push_str("});\n");
        files.push(OutputFile::new(routes::search_file(key), js));
    }
    for (n, chunk) in docs.chunks(CHUNK).enumerate() {
        let rows: Vec<_> = chunk.iter().map(|d| (d.kind, &d.key, &d.title, &d.detail)).collect();
        let json = serde_json::to_string(&rows).unwrap_or_default();
        files.push(OutputFile::new(
            routes::search_file(&format!("_{n}")),
            format!("bantinSearch.docs({n},{json});\n"),
        ));
    }
    files
}

/// The terms of a text, in order, repeats kept: folded, split at anything but `a-z0-9`,
/// cut to [`MAX_TERM`] letters (as the search page splits a query).
#[cfg(test)]
fn terms(text: &str) -> Vec<String> {
    tokens(&text::fold(text)).map(String::from).collect()
}

/// The terms of a folded text.
fn tokens(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(|t| &t[..t.len().min(MAX_TERM)])
}

/// `_index.js`: the keys, the chunk size, the longest term and the fold table.
fn index_file(shards: &BTreeMap<String, Vec<(&str, &str)>>, docs: usize) -> String {
    let keys: Vec<&str> = shards.keys().map(String::as_str).collect();
    let index = serde_json::json!({
        "keys": keys.join(" "), "docs": docs, "chunk": CHUNK, "max": MAX_TERM, "fold": fold_table(),
        "paths": [routes::unit("*"), routes::article("*")],
    });
    format!("bantinSearch.index({index});\n")
}

/// Each ASCII letter with the letters that [`text::fold`] turns into it, of the Latin
/// letters with diacritics Vietnamese uses (`"d": "ĎďĐđ…"`): the page folds a query
/// with it, so index and query fold by one rule.
fn fold_table() -> BTreeMap<String, String> {
    let mut table: BTreeMap<String, String> = BTreeMap::new();
    let letters = ('\u{c0}'..='\u{1b0}').chain('\u{1ea0}'..='\u{1ef9}');
    for c in letters.filter(|c| c.is_alphabetic()) {
        let folded = text::fold(&c.to_string());
        if folded.len() == 1 && folded.bytes().all(|b| b.is_ascii_lowercase()) {
            table.entry(folded).or_default().push(c);
        }
    }
    table
}

/// Units level by level down the tree, then published articles newest first.
fn documents(bulletin: &Bulletin, ind: &Indicators) -> Vec<Doc> {
    let site = Site::new(bulletin, ind);
    let (tree, units) = (&bulletin.tree, &bulletin.units);
    let mut ids: Vec<&str> = Vec::with_capacity(units.len());
    let mut level: Vec<&str> = tree.roots.clone();
    while !level.is_empty() && ids.len() < bulletin.content.units.len() {
        ids.extend(&level);
        level = level.iter().flat_map(|u| tree.children_of(u).iter().copied()).collect();
    }
    let mut docs: Vec<Doc> = ids.par_iter().map(|id| site.unit_doc(units[id])).collect();
    docs.par_extend(bulletin.lists.published.par_iter().map(|a| article_doc(a, site.locale)));
    docs
}

/// What a unit's document is made from.
struct Site<'a> {
    ind: &'a Indicators,
    /// The run's resolved bulletin: names and the tree.
    b: &'a Bulletin<'a>,
    words: &'static dyn Words,
    locale: Locale,
    decimals: usize,
}

impl<'a> Site<'a> {
    fn new(b: &'a Bulletin<'a>, ind: &'a Indicators) -> Site<'a> {
        let content = b.content;
        Site {
            ind,
            b,
            words: catalog::words(content.site.language),
            locale: Locale::new(content.site.language),
            decimals: usize::from(content.site.percent_decimals),
        }
    }

    /// A unit with its parent's name and its latest figure: `Đảng bộ tỉnh X · Năm
    /// 2024: kết nạp 12, đạt 109,3% chỉ tiêu`.
    fn unit_doc(&self, unit: &Unit) -> Doc {
        let parent = self.b.parent(&unit.id).and_then(|p| self.b.units.get(p));
        let figure = self
            .ind
            .current(&unit.id)
            .map(|f| crate::render::figure_in_words(f, self.words, &self.locale, self.decimals));
        let detail: Vec<&str> =
            [parent.map(|p| p.name.as_str()), figure.as_deref()].into_iter().flatten().collect();
        Doc {
            kind: 0,
            key: unit.id.clone(),
            title: unit.name.clone(),
            detail: detail.join(" · "),
            terms: Terms::of(&format!("{} {}", unit.name, unit.id), ""),
        }
    }
}

fn article_doc(a: &Article, locale: Locale) -> Doc {
    let mut body = a.summary.clone().unwrap_or_default();
    for tag in &a.tags {
        body.push(' ');
        body.push_str(tag);
    }
    body.push(' ');
    body.push_str(&markdown::plain_text(&a.body));
    Doc {
        kind: 1,
        key: a.slug.clone(),
        title: a.title.clone(),
        detail: locale.date(a.date),
        terms: Terms::of(&a.title, &body),
    }
}

/// A document's terms, once each, with whether each is found in its title. Only the
/// terms are kept, not the text they were found in (a national bulletin's articles are
/// tens of megabytes), and in one string: a list of ranges took three times its bytes.
struct Terms {
    /// The terms, each followed by a space: those found in the title first.
    text: String,
    /// How many of them are found in the title.
    titled: usize,
}

impl Terms {
    /// The terms of a document's `title` (a unit's name and id, an article's title), ranked
    /// first, and of the rest of its text (an article's summary, tags and body).
    fn of(title: &str, rest: &str) -> Terms {
        let (title, rest) = (text::fold(title), text::fold(rest));
        let mut seen: FxHashSet<&str> = FxHashSet::default();
        let mut text = String::new();
        let mut titled = 0;
        // The title first, so that a term found in both is the title's.
        for (n, part) in [&title, &rest].into_iter().enumerate() {
            for t in tokens(part).filter(|t| seen.insert(t)) {
                text.push_str(t);
                text.push(' ');
                titled += usize::from(n == 0);
            }
        }
        text.shrink_to_fit();
        Terms { text, titled }
    }

    /// Each term, with true when it is found in the title.
    fn each(&self) -> impl Iterator<Item = (&str, bool)> {
        self.text.split_terminator(' ').enumerate().map(|(i, t)| (t, i < self.titled))
    }
}

/// Term → its postings, written as a JSON string (see the module's comment).
fn postings(docs: &[Doc]) -> BTreeMap<String, String> {
    let mut lists: FxHashMap<String, (usize, String)> = FxHashMap::default();
    for (id, Doc { terms, .. }) in docs.iter().enumerate() {
        for (term, named) in terms.each() {
            let posting = |last: usize| (id - last) * 2 + usize::from(named);
            match lists.get_mut(term) {
                Some((last, list)) => {
                    digits(posting(*last), list);
                    *last = id;
                }
                None => {
                    let mut list = String::from("\"");
                    digits(posting(0), &mut list);
                    lists.insert(term.to_string(), (id, list));
                }
            }
        }
    }
    lists.into_iter().map(|(term, (_, list))| (term, list + "\"")).collect()
}

/// `n` in the digits of [`LAST`] and [`MORE`].
fn digits(n: usize, out: &mut String) {
    let mut shift = 0;
    while n >> (shift + 5) > 0 {
        shift += 5;
    }
    while shift > 0 {
        out.push(MORE[(n >> shift) & 31] as char);
        shift -= 5;
    }
    out.push(LAST[n & 31] as char);
}

/// Shard key → its terms with their postings. Terms go by their first two letters; a
/// shard over `limit` bytes keeps the terms equal to its key and gives the longer ones
/// to shards keyed one letter longer, again and again.
fn shards(postings: &BTreeMap<String, String>, limit: usize) -> BTreeMap<String, Vec<(&str, &str)>> {
    let mut out = BTreeMap::new();
    for (key, terms) in group(postings.iter().map(|(t, p)| (t.as_str(), p.as_str())), 2) {
        split(key, terms, limit, &mut out);
    }
    out
}

/// Terms by their first `n` letters (fewer for a shorter term).
fn group<'a>(
    terms: impl Iterator<Item = (&'a str, &'a str)>,
    n: usize,
) -> BTreeMap<String, Vec<(&'a str, &'a str)>> {
    let mut groups: BTreeMap<String, Vec<(&str, &str)>> = BTreeMap::new();
    for (term, list) in terms {
        groups.entry(term[..term.len().min(n)].to_string()).or_default().push((term, list));
    }
    groups
}

fn split<'a>(
    key: String,
    terms: Vec<(&'a str, &'a str)>,
    limit: usize,
    out: &mut BTreeMap<String, Vec<(&'a str, &'a str)>>,
) {
    let size: usize = terms.iter().map(|(t, p)| t.len() + p.len() + 4).sum();
    let longer = terms.iter().any(|(t, _)| t.len() > key.len());
    if size <= limit || !longer {
        out.insert(key, terms);
        return;
    }
    let (own, rest): (Vec<_>, Vec<_>) = terms.into_iter().partition(|(t, _)| t.len() == key.len());
    if !own.is_empty() {
        out.insert(key.clone(), own);
    }
    for (sub, terms) in group(rest.into_iter(), key.len() + 1) {
        split(sub, terms, limit, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Source, parse};
    use crate::resolve::Resolved;
    use std::collections::BTreeSet;

    const DATA: &str = "units:
  - {id: dak-lak, name: Đảng bộ tỉnh Đắk Lắk}
  - {id: krong-pac, name: Đảng bộ huyện Krông Pắc, parent: dak-lak}
  - {id: ea-kly, name: Đảng bộ xã Ea Kly, parent: krong-pac}
reports:
  - {unit: krong-pac, period: 2024, admitted: 1234, targets: [{value: 1000}]}
";

    fn site(articles: &[(&str, &str)]) -> (Resolved, Indicators) {
        let site = Source::new("site.yaml", "title: T\nbase_url: https://e.org/\n");
        let mut sources = vec![Source::new("data/d.yaml", DATA)];
        sources.extend(articles.iter().map(|(name, text)| Source::new(&format!("news/{name}.md"), text)));
        let resolved = Resolved::new(std::sync::Arc::new(parse(Some(site), sources).content));
        let ind = crate::compute::indicators::compute(resolved.bulletin());
        (resolved, ind)
    }

    fn sample() -> (Resolved, Indicators) {
        site(&[
            (
                "a",
                "---\ntitle: Kết nạp đảng viên mới\ndate: 2024-05-04\ntags: [chỉ tiêu]\n---\nHội nghị ở Krông Pắc.\n",
            ),
            ("b", "---\ntitle: Hội nghị\ndate: 2024-06-01\n---\nBàn về **Đảng viên** trẻ.\n"),
            ("c", "---\ntitle: Bản nháp bí mật\ndate: 2024-06-02\ndraft: true\n---\nXyzzy.\n"),
        ])
    }

    /// The index as the page reads it: files by name without `.js`, each one's JSON.
    struct Read {
        keys: Vec<String>,
        shards: std::collections::HashMap<String, serde_json::Map<String, serde_json::Value>>,
        docs: Vec<serde_json::Value>,
    }

    fn read(files: &[OutputFile]) -> Read {
        let mut read = Read { keys: Vec::new(), shards: std::collections::HashMap::new(), docs: Vec::new() };
        for f in files {
            let text = String::from_utf8(f.bytes.clone()).unwrap();
            let (call, args) = text.trim_end().trim_end_matches(");").split_once('(').unwrap();
            let args: serde_json::Value = serde_json::from_str(&format!("[{args}]")).unwrap();
            match call {
                "bantinSearch.index" => {
                    read.keys = args[0]["keys"].as_str().unwrap().split(' ').map(String::from).collect()
                }
                "bantinSearch.shard" => {
                    read.shards
                        .insert(args[0].as_str().unwrap().into(), args[1].as_object().unwrap().clone());
                }
                _ => read.docs.extend(args[1].as_array().unwrap().iter().map(|d| {
                    let kind = d[0].as_u64().unwrap();
                    let path = format!(
                        "{}/{}.html",
                        ["units", "news"][usize::try_from(kind).unwrap()],
                        d[1].as_str().unwrap()
                    );
                    serde_json::json!([path, d[2], d[3]])
                })),
            }
        }
        read
    }

    impl Read {
        /// Documents with the term (with any term it starts, for `prefix`): id → in title.
        fn postings(&self, term: &str, prefix: bool) -> BTreeMap<usize, bool> {
            let mut hits = BTreeMap::new();
            let keys =
                self.keys.iter().filter(|k| term.starts_with(k.as_str()) || (prefix && k.starts_with(term)));
            for key in keys {
                for (t, list) in &self.shards[key] {
                    if t == term || (prefix && t.starts_with(term)) {
                        let mut id = 0;
                        for n in undigits(list.as_str().unwrap()) {
                            id += n / 2;
                            *hits.entry(id).or_insert(false) |= n % 2 == 1;
                        }
                    }
                }
            }
            hits
        }

        /// The titles found by a query, ranked: every term, the last as a prefix.
        fn find(&self, query: &str) -> Vec<String> {
            let terms = terms(query);
            let lists: Vec<_> =
                terms.iter().enumerate().map(|(i, t)| self.postings(t, i + 1 == terms.len())).collect();
            let mut found: Vec<(usize, usize)> = lists[0]
                .keys()
                .filter(|id| lists.iter().all(|l| l.contains_key(id)))
                .map(|id| (lists.iter().filter(|l| l[id]).count(), *id))
                .collect();
            found.sort_by_key(|&(named, id)| (std::cmp::Reverse(named), id));
            found.iter().map(|&(_, id)| self.docs[id][1].as_str().unwrap().to_string()).collect()
        }
    }

    fn undigits(text: &str) -> Vec<usize> {
        let (mut numbers, mut n) = (Vec::new(), 0);
        for b in text.bytes() {
            match (LAST.iter().position(|&d| d == b), MORE.iter().position(|&d| d == b)) {
                (Some(d), _) => {
                    numbers.push(n * 32 + d);
                    n = 0;
                }
                (None, Some(d)) => n = n * 32 + d,
                (None, None) => panic!("{text}"),
            }
        }
        numbers
    }

    #[test]
    fn postings_are_five_bits_a_digit() {
        let mut out = String::new();
        for n in [0, 31, 32, 1023, 1024, 123_456] {
            digits(n, &mut out);
        }
        assert_eq!(out, "0vB0+vBA0DYS0");
        assert_eq!(undigits(&out), [0, 31, 32, 1023, 1024, 123_456]);
    }

    #[test]
    fn index_and_query_fold_alike() {
        assert_eq!(terms("Đắk Lắk"), ["dak", "lak"]);
        assert_eq!(terms("DAK LAK"), terms("dak lak"));
        assert_eq!(terms("Đảng viên, ĐOÀN-viên"), ["dang", "vien", "doan", "vien"]);
        assert_eq!(terms(&"x".repeat(40)), ["x".repeat(MAX_TERM)]);
        let table = fold_table();
        assert!(table["d"].contains('đ') && table["d"].contains('Đ'));
        assert!(table["a"].contains('ắ') && table["a"].contains('Ặ'));
        assert!(table["u"].contains('ư') && table["o"].contains('ờ'));
    }

    #[test]
    fn finds_units_and_articles_with_every_term_and_a_prefix() {
        let (resolved, ind) = sample();
        let index = read(&files(resolved.bulletin(), &ind));
        assert_eq!(index.find("dak lak"), ["Đảng bộ tỉnh Đắk Lắk"]);
        assert_eq!(index.find("DAK LAK"), index.find("Đắk Lắk"));
        assert_eq!(index.find("krong-pac"), ["Đảng bộ huyện Krông Pắc", "Kết nạp đảng viên mới"]);
        // Title hits first, then units before articles, newer articles first.
        assert_eq!(index.find("dang vien"), ["Kết nạp đảng viên mới", "Hội nghị"]);
        assert_eq!(index.find("dang vi"), index.find("dang vien"));
        assert_eq!(index.find("hoi nghi"), ["Hội nghị", "Kết nạp đảng viên mới"]);
        assert_eq!(index.find("chi tieu"), ["Kết nạp đảng viên mới"]);
        assert!(index.find("dang xyz").is_empty());
        assert!(index.find("xyzzy").is_empty(), "drafts are not indexed");
        assert_eq!(index.docs.len(), 5);
    }

    #[test]
    fn units_show_their_parent_and_latest_figure() {
        let (resolved, ind) = sample();
        let index = read(&files(resolved.bulletin(), &ind));
        let detail = |title: &str| index.docs.iter().find(|d| d[1] == title).unwrap()[2].clone();
        assert_eq!(
            detail("Đảng bộ huyện Krông Pắc"),
            "Đảng bộ tỉnh Đắk Lắk · Năm 2024: kết nạp 1.234, đạt 123,4% chỉ tiêu"
        );
        assert_eq!(detail("Đảng bộ tỉnh Đắk Lắk"), "Năm 2024: kết nạp 1.234");
        assert_eq!(detail("Hội nghị"), "01/06/2024");
        assert_eq!(index.docs[0][0], "units/dak-lak.html");
    }

    #[test]
    fn large_shards_split_by_the_next_letter() {
        let postings: BTreeMap<String, String> = ["d", "da", "dan", "dang", "danh", "dao", "xa"]
            .iter()
            .map(|t| (t.to_string(), "\"02468\"".into()))
            .collect();
        let keys = |limit| shards(&postings, limit).into_keys().collect::<Vec<_>>();
        assert_eq!(keys(1000), ["d", "da", "xa"]);
        assert_eq!(keys(50), ["d", "da", "dan", "dao", "xa"]);
        assert_eq!(keys(20), ["d", "da", "dan", "dang", "danh", "dao", "xa"]);
        // Every term is in the shard of the longest key that starts it.
        let split = shards(&postings, 20);
        for term in postings.keys() {
            let key = split.keys().filter(|k| term.starts_with(k.as_str())).max_by_key(|k| k.len()).unwrap();
            assert!(split[key].iter().any(|(t, _)| t == term), "{term} in {key}");
        }
        let names: BTreeSet<String> = split.keys().map(|k| routes::search_file(k)).collect();
        assert!(!names.contains(&routes::search_file(INDEX)));
    }

    #[test]
    fn the_same_content_gives_the_same_bytes() {
        let (resolved, ind) = sample();
        let a = files(resolved.bulletin(), &ind);
        let b = files(resolved.bulletin(), &ind);
        assert_eq!(a.len(), b.len());
        for (a, b) in a.iter().zip(&b) {
            assert_eq!((&a.path, &a.bytes), (&b.path, &b.bytes));
        }
    }
}
