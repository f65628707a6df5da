use bantin::pipeline::{self, Paths};
use bantin::serve;
use bantin::timings::Timings;
use bantin::write::Output;
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// bantin turns a folder of YAML data and Markdown news about party-member development
/// into a static HTML bulletin with indicators and SVG charts.
#[derive(Parser)]
#[command(version, about, long_about = None, after_help = USAGE_LINES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate the content, compute the indicators and write the site.
    ///
    /// The output folder is replaced only when everything succeeded: a build with
    /// errors leaves the previous site exactly as it was.
    Build {
        /// The content folder (site.yaml, data/, news/, static/).
        #[arg(long, value_name = "DIR", default_value = "content")]
        content: PathBuf,
        /// Templates overriding the built-in theme by name [default: templates, when that folder exists].
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// Where the site is written.
        #[arg(long, value_name = "DIR", default_value = "output")]
        output: PathBuf,
        /// Print the wall time, items and items per second of each stage to stderr.
        #[arg(long)]
        timings: bool,
        /// Write no bulletin.pdf (the site's pages then do not link to it).
        #[arg(long)]
        no_pdf: bool,
    },
    /// Validate the content and compute the indicators; print every problem, write nothing.
    Check {
        /// The content folder (site.yaml, data/, news/, static/).
        #[arg(long, value_name = "DIR", default_value = "content")]
        content: PathBuf,
    },
    /// Build the site in memory and serve it over HTTP, rebuilding on every change.
    ///
    /// Watches the content and templates folders; after a file is saved, only the pages
    /// and charts the change touches are made again, and open pages reload. When the
    /// content has errors they are printed and shown over the page, and the last good
    /// site stays served. Nothing is written to disk.
    Serve {
        /// The content folder (site.yaml, data/, news/, static/).
        #[arg(long, value_name = "DIR", default_value = "content")]
        content: PathBuf,
        /// Templates overriding the built-in theme by name [default: templates, when that folder exists].
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// The port to listen on.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; 0.0.0.0 makes the preview reachable from other machines.
        #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default web browser.
        #[arg(long)]
        open: bool,
        /// Print the stage timings of every rebuild to stderr.
        #[arg(long)]
        timings: bool,
    },
}

const USAGE_LINES: &str = "\
Usage lines:
  bantin build [--content DIR] [--templates DIR] [--output DIR] [--timings] [--no-pdf]
  bantin check [--content DIR]
  bantin serve [--content DIR] [--templates DIR] [--port 1111] [--bind 127.0.0.1] [--open] [--timings]

Defaults: --content content, --templates templates (when that folder exists, else the
built-in theme), --output output.
Exit status: 0 success (warnings allowed), 1 content or template errors, 2 usage errors.";

/// Exit statuses of SPEC §1.
const CONTENT_ERRORS: u8 = 1;
const USAGE_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { content } => run_check(&content),
        Command::Build { content, templates, output, timings, no_pdf } => {
            run_build(&Paths { content, templates: templates_or_default(templates), output }, timings, no_pdf)
        }
        Command::Serve { content, templates, port, bind, open, timings } => {
            let paths = Paths { content, templates: templates_or_default(templates), output: PathBuf::new() };
            run_serve(serve::Options { paths, timings, bind, port, open })
        }
    }
}

/// `templates/` is used when it exists and no other folder is named.
fn templates_or_default(templates: Option<PathBuf>) -> Option<PathBuf> {
    templates.or_else(|| Some(PathBuf::from("templates")).filter(|t| t.is_dir()))
}

fn run_serve(options: serve::Options) -> ExitCode {
    if let Some(code) = content_folder_missing(&options.paths.content) {
        return code;
    }
    if let Some(message) = templates_missing(&options.paths) {
        eprintln!("error: {message}");
        return ExitCode::from(USAGE_ERROR);
    }
    match serve::serve(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e @ serve::ServeError::PortInUse(_)) => {
            eprintln!("error: {e}");
            ExitCode::from(USAGE_ERROR)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A missing content folder is a usage error: nothing could be read at all.
fn content_folder_missing(content: &Path) -> Option<ExitCode> {
    if content.is_dir() {
        return None;
    }
    eprintln!(
        "error: content folder `{}` not found: run bantin where content/ is, or pass --content DIR",
        content.display()
    );
    Some(ExitCode::from(USAGE_ERROR))
}

fn print_problems(report: &pipeline::Checked) {
    for p in &report.problems {
        eprintln!("{p}");
    }
    if !report.problems.is_empty() {
        eprintln!("{}", bantin::problem::summary(&report.problems));
    }
}

fn run_check(content: &Path) -> ExitCode {
    if let Some(code) = content_folder_missing(content) {
        return code;
    }
    let checked = pipeline::check(content);
    print_problems(&checked);
    if checked.failed() {
        return ExitCode::from(CONTENT_ERRORS);
    }
    println!("{}", checked.summary());
    print!("{}", checked.figures_table());
    ExitCode::SUCCESS
}

/// A templates folder asked for must exist.
fn templates_missing(paths: &Paths) -> Option<String> {
    let t = paths.templates.as_ref().filter(|t| !t.is_dir())?;
    Some(format!("templates folder `{}` not found", t.display()))
}

/// Claims the output folder for this build (SPEC §1): refused when it is not bantin's
/// to replace, or when the templates asked for are missing.
fn claim_output(paths: &Paths) -> Result<Output, String> {
    if let Some(message) = templates_missing(paths) {
        return Err(message);
    }
    let inputs: Vec<&Path> =
        std::iter::once(paths.content.as_path()).chain(paths.templates.as_deref()).collect();
    Output::claim(&paths.output, &inputs, || {
        eprintln!("waiting for another build into {} to finish…", paths.output.display())
    })
    .map_err(|refusal| refusal.to_string())
}

fn run_build(paths: &Paths, show_timings: bool, no_pdf: bool) -> ExitCode {
    if let Some(code) = content_folder_missing(&paths.content) {
        return code;
    }
    let output = match claim_output(paths) {
        Ok(output) => output,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(USAGE_ERROR);
        }
    };
    let started = Instant::now();
    let progress = std::io::stderr().is_terminal();
    let mut timings = if progress {
        // One line on a terminal, rewritten as each stage starts and cleared at the end.
        Timings::with_progress(|stage| eprint!("\r\x1b[2Kbuilding: {stage}…"))
    } else {
        Timings::default()
    };
    let built = pipeline::build(paths, &output, no_pdf, &mut timings);
    if progress {
        eprint!("\r\x1b[2K");
    }
    if show_timings {
        eprintln!("{timings}");
    }
    match built {
        Ok((report, None)) => {
            print_problems(&report);
            eprintln!("build failed: {} left unchanged", paths.output.display());
            ExitCode::from(CONTENT_ERRORS)
        }
        Ok((report, Some(written))) => {
            print_problems(&report);
            eprintln!(
                "built {} pages, {} charts, {} files ({}) into {} in {:.2?}",
                written.pages,
                written.charts,
                written.files,
                report.summary(),
                paths.output.display(),
                started.elapsed()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(CONTENT_ERRORS)
        }
    }
}
