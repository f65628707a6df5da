//! Floors: the cheapest version of a build's big costs, to read `bantin build --timings`
//! against (bench/README.md, "Floors"). Release build, on a generated content folder:
//!
//! ```sh
//! cargo run --release --no-default-features --example floors -- markdown CONTENT [RUNS]
//! cargo run --release --no-default-features --example floors -- data CONTENT [RUNS]
//! cargo run --release --no-default-features --example floors -- write BUILT_OUTPUT|LISTING [SUBFOLDER]
//! ```
//!
//! - `markdown`: every article body through pulldown-cmark alone (`Parser::new_ext` and
//!   `push_html`, the options of `render::markdown`), then through
//!   `render::markdown::to_html`, in turn; one thread, the best of RUNS (default 5) passes each.
//! - `data`: `indicators.json`, `.csv` and `.xlsx` made in memory as the build makes them
//!   (nothing written), RUNS times (default 3): wall and CPU time of each run, and how
//!   far the process's peak memory rose over the first.
//! - `write`: files of the sizes of a built output folder's (or of its SUBFOLDER, e.g.
//!   `charts`), or of a listing of paths and sizes, written beside it under
//!   `<folder or listing>.floor/` (use tmpfs) by rayon's threads, as a build writes
//!   them; the copy is removed.

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
                "usage: floors markdown CONTENT [RUNS] | data CONTENT [RUNS] | write OUTPUT|LISTING [SUBFOLDER]"
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
    let plain = || {
        articles.iter().fold(0, |n, a| {
            let mut out = String::with_capacity(a.body.len() * 3 / 2);
            html::push_html(&mut out, Parser::new_ext(&a.body, options));
            n + out.len()
        })
    };
    let ours = || articles.iter().map(|a| markdown::to_html(&a.body, &names(&a.title)).len()).sum();
    // Taken in turn, so that a slower spell of a shared machine slows both.
    let (mut plain_times, mut our_times) = (Vec::new(), Vec::new());
    let (mut plain_html, mut our_html) = (0, 0);
    for _ in 0..runs.max(1) {
        (plain_html, our_html) = (timed(&mut plain_times, plain), timed(&mut our_times, ours));
    }
    let (plain, ours) = (best(&mut plain_times), best(&mut our_times));
    for (what, took, html) in
        [("pulldown-cmark alone", plain, plain_html), ("markdown::to_html", ours, our_html)]
    {
        println!("{what:22} {:8.1} ms (best of {runs})  {:.1} MB of HTML", ms(took), mb(html));
    }
    println!("to_html / pulldown-cmark alone: {:.2}", ms(ours) / ms(plain));
}

/// Runs `work` once, adding its time to `times`; what it returned.
fn timed(times: &mut Vec<Duration>, work: impl Fn() -> usize) -> usize {
    let started = Instant::now();
    let out = std::hint::black_box(work());
    times.push(started.elapsed());
    out
}

fn best(times: &mut [Duration]) -> Duration {
    times.iter().copied().min().unwrap_or_default()
}

fn data_floor(dir: &Path, runs: usize) {
    let checked = checked(dir);
    let computed = checked.computed.as_ref().expect("computed");
    let (ind, focus) = (&computed.indicators, &computed.focus);
    let peak_before = peak_kib();
    for run in 1..=runs {
        let (started, cpu) = (Instant::now(), cpu_time());
        let files: Vec<(&str, Vec<u8>)> = bantin::pipeline::DATA_FILES
            .iter()
            .map(|path| {
                let mut bytes = Vec::new();
                bantin::pipeline::data_file(path, checked.bulletin(), ind, focus, &mut bytes)
                    .expect("data file");
                (*path, bytes)
            })
            .collect();
        let (wall, cpu) = (started.elapsed(), cpu_time() - cpu);
        let sizes: Vec<String> =
            files.iter().map(|(path, bytes)| format!("{path} {:.1} MB", mb(bytes.len()))).collect();
        println!("run {run}: wall {:.0} ms, CPU {:.0} ms ({})", ms(wall), ms(cpu), sizes.join(", "));
        if run == 1 {
            println!("peak memory rose by {} MiB", (peak_kib() - peak_before) / 1024);
        }
    }
}

fn write_floor(listing: &Path, under: Option<&str>) {
    // Each file's path and size: from a listing (`find DIR -type f -printf '%P\t%s\n'`,
    // so that the built folder can be removed first) or from the folder itself.
    let files: Vec<(PathBuf, usize)> = if listing.is_dir() {
        let mut found = Vec::new();
        walk(listing, &mut found);
        found
            .into_iter()
            .map(|p| {
                let size =
                    std::fs::metadata(&p).map_or(0, |m| usize::try_from(m.len()).unwrap_or(usize::MAX));
                (p.strip_prefix(listing).expect("inside").to_path_buf(), size)
            })
            .collect()
    } else {
        let text = std::fs::read_to_string(listing).expect("a listing");
        text.lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(path, size)| (PathBuf::from(path), size.parse().expect("a size")))
            .collect()
    };
    let files: Vec<(PathBuf, usize)> =
        files.into_iter().filter(|(p, _)| under.is_none_or(|u| p.starts_with(u))).collect();
    let total: usize = files.iter().map(|(_, size)| size).sum();
    let largest = files.iter().map(|(_, size)| *size).max().unwrap_or(0);
    let bytes = vec![b'x'; largest];
    let copy = PathBuf::from(format!("{}.floor", listing.display()));
    let _ = std::fs::remove_dir_all(&copy);
    let (started, cpu) = (Instant::now(), cpu_time());
    files.par_iter().for_each(|(path, size)| {
        let to = copy.join(path);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).expect("folder");
        }
        std::fs::write(&to, &bytes[..*size]).expect("write");
    });
    let (wall, cpu) = (started.elapsed(), cpu_time() - cpu);
    println!(
        "{} files, {:.1} MB: written in {:.0} ms wall, {:.0} ms CPU",
        files.len(),
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
