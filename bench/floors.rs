//! Floors: the cheapest version of a build's big costs, to read `bantin build --timings`
//! against (bench/README.md, "Floors"). Release build, on a generated content folder:
//!
//! ```sh
//! cargo run --release --no-default-features --example floors -- markdown CONTENT [RUNS]
//! cargo run --release --no-default-features --example floors -- data CONTENT [RUNS]
//! cargo run --release --no-default-features --example floors -- write BUILT_OUTPUT [SUBFOLDER]
//! ```
//!
//! - `markdown`: every article body through pulldown-cmark alone (`Parser::new_ext` and
//!   `push_html`, the options of `render::markdown`), then through
//!   `render::markdown::to_html`; one thread, the best of RUNS (default 5) passes.
//! - `data`: `indicators.json`, `.csv` and `.xlsx` made in memory as the build makes them
//!   (nothing written), RUNS times (default 3): wall and CPU time of each run, and how
//!   far the process's peak memory rose over the first.
//! - `write`: every file of a built output folder (or of its SUBFOLDER, e.g. `charts`)
//!   read into memory, then written again beside it under `<folder>.floor/` (on the same
//!   file system: use tmpfs), by rayon's threads as a build writes; the copy is removed.

use bantin::render::markdown;
use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    match (args.first().map(String::as_str), args.get(1)) {
        (Some("markdown"), Some(dir)) => markdown_floor(Path::new(dir), number(2, 5)),
        (Some("data"), Some(dir)) => data_floor(Path::new(dir), number(2, 3)),
        (Some("write"), Some(dir)) => write_floor(Path::new(dir), args.get(2).map(String::as_str)),
        _ => {
            eprintln!(
                "usage: floors markdown CONTENT [RUNS] | data CONTENT [RUNS] | write OUTPUT [SUBFOLDER]"
            );
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

fn checked(dir: &Path) -> bantin::pipeline::Checked {
    let checked = bantin::pipeline::check(dir);
    assert!(!checked.failed() && checked.computed.is_some(), "{} has errors", dir.display());
    checked
}

fn markdown_floor(dir: &Path, runs: usize) {
    let checked = checked(dir);
    let articles = &checked.content().articles;
    let bytes: usize = articles.iter().map(|a| a.body.len()).sum();
    println!("{} article bodies, {:.1} MB of Markdown", articles.len(), mb(bytes));
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let names = |title| markdown::Names { article: title, done: "Đã xong", not_done: "Chưa xong" };
    let plain = best(runs, || {
        articles.iter().fold(0, |n, a| {
            let mut out = String::with_capacity(a.body.len() * 3 / 2);
            html::push_html(&mut out, Parser::new_ext(&a.body, options));
            n + out.len()
        })
    });
    let ours =
        best(runs, || articles.iter().map(|a| markdown::to_html(&a.body, &names(&a.title)).len()).sum());
    for (what, (took, html)) in [("pulldown-cmark alone", plain), ("markdown::to_html", ours)] {
        println!("{what:22} {:8.1} ms   {:.1} MB of HTML", ms(took), mb(html));
    }
    println!("to_html / pulldown-cmark alone: {:.2}", ms(ours.0) / ms(plain.0));
}

/// The shortest of `runs` runs of `work`, and what it returned.
fn best(runs: usize, work: impl Fn() -> usize) -> (Duration, usize) {
    (0..runs.max(1))
        .map(|_| {
            let started = Instant::now();
            let out = std::hint::black_box(work());
            (started.elapsed(), out)
        })
        .min()
        .expect("one run")
}

fn data_floor(dir: &Path, runs: usize) {
    let checked = checked(dir);
    let (ind, focus) = checked.computed.as_ref().expect("computed");
    let peak_before = peak_kib();
    for run in 1..=runs {
        let (started, cpu) = (Instant::now(), cpu_time());
        let files = bantin::pipeline::data_files(checked.bulletin(), ind, focus).expect("data files");
        let (wall, cpu) = (started.elapsed(), cpu_time() - cpu);
        let sizes: Vec<String> =
            files.iter().map(|f| format!("{} {:.1} MB", f.path, mb(f.bytes.len()))).collect();
        println!("run {run}: wall {:.0} ms, CPU {:.0} ms ({})", ms(wall), ms(cpu), sizes.join(", "));
        if run == 1 {
            println!("peak memory rose by {} MiB", (peak_kib() - peak_before) / 1024);
        }
    }
}

fn write_floor(dir: &Path, under: Option<&str>) {
    let root = under.map_or_else(|| dir.to_path_buf(), |u| dir.join(u));
    let mut files = Vec::new();
    walk(&root, &mut files);
    let read: Vec<(PathBuf, Vec<u8>)> = files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read");
            (p.strip_prefix(&root).expect("inside").to_path_buf(), bytes)
        })
        .collect();
    let total: usize = read.iter().map(|(_, b)| b.len()).sum();
    let copy = PathBuf::from(format!("{}.floor", root.display()));
    let _ = std::fs::remove_dir_all(&copy);
    let (started, cpu) = (Instant::now(), cpu_time());
    read.par_iter().for_each(|(path, bytes)| {
        let to = copy.join(path);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).expect("folder");
        }
        std::fs::write(&to, bytes).expect("write");
    });
    let (wall, cpu) = (started.elapsed(), cpu_time() - cpu);
    println!(
        "{} files, {:.1} MB: written in {:.0} ms wall, {:.0} ms CPU",
        read.len(),
        mb(total),
        ms(wall),
        ms(cpu)
    );
    std::fs::remove_dir_all(&copy).expect("remove the copy");
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a folder").flatten() {
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            walk(&path, files);
        } else {
            files.push(path);
        }
    }
}

/// The process's user + system time, from `/proc/self/stat` (in clock ticks of 10 ms).
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    // utime and stime are fields 14 and 15 of the line; the state (field 3) comes first.
    let field = |n: usize| after_name.split_whitespace().nth(n - 3).and_then(|f| f.parse::<u64>().ok());
    let ticks = field(14).unwrap_or(0) + field(15).unwrap_or(0);
    Duration::from_millis(ticks * 10)
}

/// The process's peak resident memory in KiB (`VmHWM`).
fn peak_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mb(bytes: usize) -> f64 {
    // Exact for any size a build writes.
    #[allow(clippy::cast_precision_loss)]
    let bytes = bytes as f64;
    bytes / 1e6
}
