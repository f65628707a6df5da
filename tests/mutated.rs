//! A property of `bantin check` over mutated copies of the sample content and the
//! fixtures (SPEC §1, §6): whatever a file holds, check does not panic, exits 0 or 1,
//! and prints every problem as `path:line:col: message` with a path of a file of the
//! content folder and a line and column inside that file.
//!
//! The cases come from a fixed seed, so a failure reproduces; a failing case prints its
//! seed, its mutations and the mutated file.

mod common;

use common::{TempDir, bantin, copy_dir, path_str};
use fastrand::Rng;
use std::fs;
use std::path::{Path, PathBuf};

const SEED: u64 = 20_240_504;
const CASES: u64 = 200;
/// Failing cases printed in full; the others are counted.
const SHOWN: usize = 5;

/// What a mutation does to one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    FlipBit,
    DeleteLine,
    DuplicateLine,
    /// A character with a meaning in YAML (`:`, `-`, `{`, `[`, `"`, …).
    InsertSyntax,
    InsertTab,
    InsertNul,
    LeadingBom,
    /// A carriage return that no line feed follows.
    InsertCr,
    CrOnlyLineEnds,
    CrlfLineEnds,
    Truncate,
    /// A number replaced by a huge, negative, fractional or date-like one.
    SwapNumber,
}

const KINDS: &[Kind] = &[
    Kind::FlipBit,
    Kind::DeleteLine,
    Kind::DuplicateLine,
    Kind::InsertSyntax,
    Kind::InsertTab,
    Kind::InsertNul,
    Kind::LeadingBom,
    Kind::InsertCr,
    Kind::CrOnlyLineEnds,
    Kind::CrlfLineEnds,
    Kind::Truncate,
    Kind::SwapNumber,
];

/// Mutations left out of the property (none: a lone `\r` ends a line, as editors show it).
const LEFT_OUT: &[Kind] = &[];

const SYNTAX: &[&str] =
    &[":", ": ", "-", "- ", "{", "}", "[", "]", ",", "\"", "'", "#", "&", "*", "!", "|", ">", "?"];
const NUMBERS: &[&str] = &[
    "0",
    "-5",
    "2.5",
    "1.234",
    "1e3",
    "0x1F",
    "1_000",
    ".nan",
    "9223372036854775807",
    "18446744073709551615",
    "99999999999999999999",
    "2024-02-30",
    "2024-05-04",
];

/// The content folders mutated: the sample, and every fixture that is content.
fn folders() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut folders = vec![root.join("content")];
    for fixture in ["valid", "indicators", "warnings", "site_en", "site_escape"] {
        folders.push(root.join("tests/fixtures").join(fixture));
    }
    folders.extend(sorted_entries(&root.join("tests/fixtures/broken")));
    folders
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .expect("folder can be read")
        .map(|e| e.expect("entry can be read").path())
        .collect();
    entries.sort();
    entries
}

/// The files `check` parses (site.yaml, data, news), relative to `dir`, sorted.
fn parsed_files(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for path in sorted_entries(dir) {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "md") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, &mut files);
    files
        .into_iter()
        .filter_map(|p| p.strip_prefix(dir).ok().map(Path::to_path_buf))
        .filter(|rel| rel == Path::new("site.yaml") || rel.starts_with("data") || rel.starts_with("news"))
        .collect()
}

/// A byte offset of `bytes` that does not split a UTF-8 character.
fn char_boundary(rng: &mut Rng, bytes: &[u8]) -> usize {
    let mut i = rng.usize(..=bytes.len());
    while i > 0 && i < bytes.len() && bytes[i] & 0xC0 == 0x80 {
        i -= 1;
    }
    i
}

/// The byte ranges of the lines of `bytes`, line feeds included.
fn line_ranges(bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            ranges.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < bytes.len() {
        ranges.push(start..bytes.len());
    }
    ranges
}

fn insert(bytes: &mut Vec<u8>, at: usize, text: &[u8]) {
    bytes.splice(at..at, text.iter().copied());
}

/// Applies one mutation of `kind` to `bytes`; a mutation that finds nothing to change
/// (a line in an empty file, a number in a file without one) leaves it as it is.
fn mutate(rng: &mut Rng, kind: Kind, bytes: &mut Vec<u8>) {
    let lines = line_ranges(bytes);
    match kind {
        Kind::FlipBit if !bytes.is_empty() => {
            let i = rng.usize(..bytes.len());
            bytes[i] ^= 1 << rng.u8(..8);
        }
        Kind::DeleteLine if !lines.is_empty() => {
            bytes.drain(lines[rng.usize(..lines.len())].clone());
        }
        Kind::DuplicateLine if !lines.is_empty() => {
            let line = lines[rng.usize(..lines.len())].clone();
            let copy = bytes[line.clone()].to_vec();
            insert(bytes, line.end, &copy);
        }
        Kind::InsertSyntax => {
            let at = char_boundary(rng, bytes);
            insert(bytes, at, SYNTAX[rng.usize(..SYNTAX.len())].as_bytes());
        }
        Kind::InsertTab => {
            // Half the time where indentation goes: YAML forbids tabs there.
            let at = match rng.bool() || lines.is_empty() {
                true => char_boundary(rng, bytes),
                false => lines[rng.usize(..lines.len())].start,
            };
            insert(bytes, at, b"\t");
        }
        Kind::InsertNul => {
            let at = char_boundary(rng, bytes);
            insert(bytes, at, b"\0");
        }
        Kind::LeadingBom if !bytes.starts_with("\u{feff}".as_bytes()) => {
            insert(bytes, 0, "\u{feff}".as_bytes())
        }
        Kind::InsertCr => {
            let at = char_boundary(rng, bytes);
            if bytes.get(at) != Some(&b'\n') {
                insert(bytes, at, b"\r");
            }
        }
        Kind::CrOnlyLineEnds => bytes.iter_mut().filter(|b| **b == b'\n').for_each(|b| *b = b'\r'),
        Kind::CrlfLineEnds => *bytes = String::from_utf8_lossy(bytes).replace('\n', "\r\n").into_bytes(),
        Kind::Truncate => bytes.truncate(rng.usize(..=bytes.len())),
        Kind::SwapNumber => {
            let numbers = digit_runs(bytes);
            if !numbers.is_empty() {
                let number = numbers[rng.usize(..numbers.len())].clone();
                bytes.splice(number, NUMBERS[rng.usize(..NUMBERS.len())].bytes());
            }
        }
        _ => {}
    }
}

/// The byte ranges of the runs of ASCII digits in `bytes`.
fn digit_runs(bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i > start {
            runs.push(start..i);
        }
        i += 1;
    }
    runs
}

/// One case: a folder copied, one of its files mutated.
struct Case {
    seed: u64,
    folder: PathBuf,
    file: PathBuf,
    kinds: Vec<Kind>,
    bytes: Vec<u8>,
    dir: TempDir,
}

impl Case {
    fn new(seed: u64, folders: &[PathBuf]) -> Case {
        let mut rng = Rng::with_seed(seed);
        let folder = folders[rng.usize(..folders.len())].clone();
        let dir = TempDir::new(&format!("case-{seed}"));
        copy_dir(&folder, &dir.0);
        let files = parsed_files(&dir.0);
        let file = files[rng.usize(..files.len())].clone();
        let mut bytes = fs::read(dir.0.join(&file)).expect("fixture can be read");
        let kinds: Vec<Kind> = KINDS.iter().copied().filter(|k| !LEFT_OUT.contains(k)).collect();
        let kinds: Vec<Kind> = (0..rng.usize(1..=3)).map(|_| kinds[rng.usize(..kinds.len())]).collect();
        for &kind in &kinds {
            mutate(&mut rng, kind, &mut bytes);
        }
        fs::write(dir.0.join(&file), &bytes).expect("mutated file can be written");
        Case { seed, folder, file, kinds, bytes, dir }
    }

    /// The case as a failure shows it: seed, mutations and the file, lines numbered.
    fn describe(&self, why: &str) -> String {
        let text = String::from_utf8_lossy(&self.bytes);
        let numbered: Vec<String> = text
            .split('\n')
            .enumerate()
            .map(|(i, l)| format!("{:>4} | {}", i + 1, l.escape_debug()))
            .collect();
        format!(
            "seed {}: {} of {} with {:?}: {why}\n{}",
            self.seed,
            self.file.display(),
            self.folder.display(),
            self.kinds,
            numbered.join("\n")
        )
    }
}

/// Whether `line`, `col` (1-based; a column one past the end of a line included) lies
/// in `path`, counted in characters as an editor shows the file: a leading byte-order
/// mark is not shown, `\r\n` and a lone `\r` end a line as `\n` does, and a final line
/// break opens no line.
fn inside(path: &Path, line: usize, col: usize) -> bool {
    let bytes = fs::read(path).expect("content file can be read");
    let text = String::from_utf8_lossy(&bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = if text.is_empty() { vec![""] } else { text.lines().collect() };
    line >= 1 && col >= 1 && lines.get(line - 1).is_some_and(|l| col <= l.chars().count() + 1)
}

/// "2 errors, 1 warning".
fn is_count_line(line: &str) -> bool {
    let words: Vec<&str> = line.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    matches!(words.as_slice(), [n, "error" | "errors", m, "warning" | "warnings"]
        if n.parse::<usize>().is_ok() && m.parse::<usize>().is_ok())
}

/// Why a printed line breaks the property, if it does.
fn misplaced(dir: &Path, line: &str) -> Option<String> {
    if is_count_line(line) {
        return None;
    }
    let Some(rest) = line.strip_prefix(&format!("{}/", path_str(dir))) else {
        return Some(format!("a line that names no file of the content folder: {line}"));
    };
    let mut parts = rest.splitn(4, ':');
    let (rel, at_line, at_col, message) = (parts.next()?, parts.next(), parts.next(), parts.next());
    let (Some(Ok(at_line)), Some(Ok(at_col)), Some(message)) =
        (at_line.map(str::parse::<usize>), at_col.map(str::parse::<usize>), message)
    else {
        return Some(format!("a line without `path:line:col: `: {line}"));
    };
    let path = dir.join(rel);
    if !message.starts_with(' ') {
        Some(format!("no space after the location: {line}"))
    } else if !path.is_file() {
        // Only a missing site.yaml is a problem with a file that is not there.
        (rel != "site.yaml" || (at_line, at_col) != (1, 1))
            .then(|| format!("not a file of the content: {line}"))
    } else {
        (!inside(&path, at_line, at_col)).then(|| format!("placed outside {rel}: {line}"))
    }
}

/// Runs `bantin check` on the case; `Err` says how the property broke.
fn check(case: &Case) -> Result<(), String> {
    let dir = &case.dir.0;
    let run = std::panic::catch_unwind(|| bantin(&["check", "--lang", "en", "--content", path_str(dir)]))
        .map_err(|_| "bantin panicked (its stderr is printed above)".to_string())?;
    if run.code != 0 && run.code != 1 {
        return Err(format!("exit status {}:\n{}", run.code, run.stderr));
    }
    match run.stderr.lines().find_map(|line| misplaced(dir, line)) {
        Some(why) => Err(why),
        None => Ok(()),
    }
}

#[test]
fn check_places_every_problem_of_mutated_content_inside_its_files() {
    let folders = folders();
    let failures: Vec<String> = (0..CASES)
        .filter_map(|i| {
            let case = Case::new(SEED + i, &folders);
            check(&case).err().map(|why| case.describe(&why))
        })
        .collect();
    let shown: Vec<&str> = failures.iter().take(SHOWN).map(String::as_str).collect();
    assert!(
        failures.is_empty(),
        "{} of {CASES} cases broke the property; the first {}:\n\n{}",
        failures.len(),
        shown.len(),
        shown.join("\n\n")
    );
}

/// A `SwapNumber` input: one child's admissions near the largest count make the
/// children's sum, compared with the parent's own report, overflow.
#[test]
fn a_count_too_large_to_add_up_is_an_error() {
    let dir = TempDir::new("huge-count");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid"), &dir.0);
    let file = dir.join("data/bao-cao/so-lieu.yaml");
    let text = fs::read_to_string(&file).expect("fixture can be read");
    fs::write(&file, text.replace("admitted: 130", "admitted: 18446744073709551615")).unwrap();
    let run = bantin(&["check", "--lang", "en", "--content", path_str(&dir.0)]);
    assert_eq!(run.code, 1, "{run:#?}");
    let at_value = format!("{}:32:15: ", path_str(&file));
    assert!(
        run.stderr.lines().any(|l| l.starts_with(&at_value)),
        "expected a line `{at_value}…`:\n{}",
        run.stderr
    );
}
