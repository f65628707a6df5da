//! Writes a synthetic, clearly fictional content folder for tests and benchmarks:
//!
//! ```sh
//! cargo run --release --example generate -- --size small|medium|national [--seed N] [--workbook] --out DIR
//! ```

use bantin_synthetic::{self as synthetic, Reports, Size};
use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Write a synthetic content folder (site.yaml, data/, news/, static/) of a given size.
/// The same size and seed always give the same bytes.
#[derive(Parser)]
struct Args {
    /// How much content to write.
    #[arg(long, value_enum)]
    size: Size,
    /// Seed of the random choices.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Write the reports into one workbook, data/bao-cao.xlsx, instead of YAML files.
    #[arg(long)]
    workbook: bool,
    /// The folder to write; it must not exist or be empty.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let started = Instant::now();
    let reports = if args.workbook { Reports::Workbook } else { Reports::Yaml };
    match synthetic::generate_with(args.size, args.seed, &args.out, reports) {
        Ok(s) => {
            eprintln!(
                "wrote {} units, {} reports, {} articles ({} drafts) in {} files to {} in {:.2?}",
                s.units,
                s.reports,
                s.articles,
                s.drafts,
                s.files,
                args.out.display(),
                started.elapsed()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
