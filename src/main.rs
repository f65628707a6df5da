use bantin::catalog::{self, Built, Help, Usage, Words};
use bantin::model::Language;
use bantin::pipeline::{self, Paths};
#[cfg(feature = "serve")]
use bantin::serve;
use bantin::timings::Timings;
use bantin::write::{Output, Refusal};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

// glibc's allocator, after a live preview frees the figures of the site before, spends
// tens of milliseconds gathering the freed pieces on the next large allocation; mimalloc
// keeps a save's work steady, and a full build's many small pages quicker.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The shape of the command line. Every text of its help comes from the catalog, in the
/// language of the messages ([`localized`]), so none is written here.
/// The version and the commit the binary was built from.
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (", env!("BANTIN_COMMIT"), ")");

#[derive(Parser)]
#[command(name = "bantin", version = VERSION)]
struct Cli {
    #[arg(long, global = true, value_enum, hide_possible_values = true)]
    lang: Option<Lang>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Lang {
    Vi,
    En,
}

impl From<Lang> for Language {
    fn from(lang: Lang) -> Language {
        match lang {
            Lang::Vi => Language::Vi,
            Lang::En => Language::En,
        }
    }
}

/// Defaults are written in the help texts, in their language, rather than by clap.
#[derive(Subcommand)]
enum Command {
    Build {
        #[arg(long, default_value = "content", hide_default_value = true)]
        content: PathBuf,
        #[arg(long)]
        templates: Option<PathBuf>,
        #[arg(long, default_value = "output", hide_default_value = true)]
        output: PathBuf,
        #[arg(long)]
        timings: bool,
        #[arg(long)]
        no_pdf: bool,
    },
    Check {
        #[arg(long, default_value = "content", hide_default_value = true)]
        content: PathBuf,
        #[arg(long)]
        timings: bool,
    },
    #[cfg(feature = "serve")]
    Serve {
        #[arg(long, default_value = "content", hide_default_value = true)]
        content: PathBuf,
        #[arg(long)]
        templates: Option<PathBuf>,
        #[arg(long, default_value_t = 1111, hide_default_value = true)]
        port: u16,
        #[arg(long, default_value = "127.0.0.1", hide_default_value = true)]
        bind: std::net::IpAddr,
        #[arg(long)]
        open: bool,
        #[arg(long)]
        timings: bool,
    },
    New {
        dir: PathBuf,
    },
    Theme {
        #[command(subcommand)]
        action: ThemeCommand,
    },
}

#[derive(Subcommand)]
enum ThemeCommand {
    Export { theme_dir: PathBuf },
}

/// Exit statuses of SPEC §1.
const CONTENT_ERRORS: u8 = 1;
const USAGE_ERROR: u8 = 2;

fn main() -> ExitCode {
    utf8_console();
    let args: Vec<OsString> = std::env::args_os().collect();
    // Read before parsing, so that the help and the parser's errors speak it too.
    let chosen = lang_in(&args);
    let before_content = catalog::speaking(chosen, None);
    let mut command = localized(catalog::help(chosen.unwrap_or_else(catalog::environment_language)));
    let parsed = command.try_get_matches_from_mut(&args).and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => return refused_command_line(&e, &command, &args, before_content),
    };
    let voice = Voice(cli.lang.map(Language::from));
    match cli.command {
        Command::Check { content, timings } => run_check(&content, timings, voice),
        Command::Build { content, templates, output, timings, no_pdf } => {
            let paths = Paths { content, templates: templates_or_default(templates), output };
            run_build(&paths, timings, no_pdf, voice)
        }
        Command::New { dir } => run_new(&dir, voice),
        Command::Theme { action: ThemeCommand::Export { theme_dir } } => run_theme_export(&theme_dir, voice),
        #[cfg(feature = "serve")]
        Command::Serve { content, templates, port, bind, open, timings } => {
            let paths = Paths { content, templates: templates_or_default(templates), output: PathBuf::new() };
            run_serve(&serve::Options { paths, timings, bind, port, open, lang: voice.0 })
        }
    }
}

/// On Windows, the console's code page set to UTF-8. Rust writes to a console window in
/// wide characters already; this keeps Vietnamese intact when the output goes through a
/// batch file's pipe or another program that reads the console's code page.
fn utf8_console() {
    #[cfg(windows)]
    // SAFETY: SetConsoleOutputCP takes a code page number and touches no memory of ours.
    unsafe {
        windows_sys::Win32::System::Console::SetConsoleOutputCP(windows_sys::Win32::Globalization::CP_UTF8);
    }
}

/// The language `--lang` names in `args` (`--lang en`, `--lang=en`), if any.
fn lang_in(args: &[OsString]) -> Option<Language> {
    let args: Vec<&str> = args.iter().skip(1).map(|a| a.to_str().unwrap_or("")).collect();
    let value = args.iter().enumerate().find_map(|(i, arg)| match arg.strip_prefix("--lang") {
        Some("") => args.get(i + 1).copied(),
        Some(rest) => rest.strip_prefix('='),
        None => None,
    })?;
    Lang::from_str(value, false).ok().map(Language::from)
}

/// The language messages speak: `--lang`, else the content's once site.yaml is read,
/// else the environment's.
#[derive(Clone, Copy)]
struct Voice(Option<Language>);

impl Voice {
    fn before_content(self) -> &'static dyn Words {
        catalog::speaking(self.0, None)
    }

    fn after(self, checked: &pipeline::Checked) -> (&'static dyn Words, Language) {
        let language = self.0.or(checked.language()).unwrap_or_else(catalog::environment_language);
        (catalog::words(language), language)
    }
}

/// The command line with every text of its help in the words of `help`.
fn localized(help: &'static Help) -> clap::Command {
    let mut command = worded_tree(Cli::command(), help);
    // Building adds clap's own --help, --version and `help` command, worded after it;
    // the texts before it tell clap which commands have a long help.
    command.build();
    worded_tree(command, help)
}

/// Words the commands and options there are.
fn worded_tree(command: clap::Command, help: &'static Help) -> clap::Command {
    let after = format!(
        "{}\n  {}\n  {}\n  {}\n  {}\n  {}\n\n{}",
        help.usage_lines,
        help.build_usage,
        help.check_usage,
        help.serve_usage,
        help.new_usage,
        help.theme_usage,
        help.defaults
    );
    let long = |about: &str, more: &str| format!("{about}\n\n{more}");
    worded(command, help, help.timings)
        .about(help.about)
        .override_usage(help.usage)
        .after_help(after)
        .subcommand_help_heading(help.commands_heading)
        .mut_subcommands(|c| match c.get_name() {
            "build" => worded(c, help, help.timings)
                .about(help.build)
                .long_about(long(help.build, help.build_long))
                .override_usage(help.build_usage),
            "check" => worded(c, help, help.timings).about(help.check).override_usage(help.check_usage),
            "serve" => worded(c, help, help.serve_timings)
                .about(help.serve)
                .long_about(long(help.serve, help.serve_long))
                .override_usage(help.serve_usage),
            "new" => worded(c, help, help.timings)
                .about(help.new)
                .long_about(long(help.new, help.new_long))
                .override_usage(help.new_usage),
            "theme" => worded(c, help, help.timings)
                .about(help.theme)
                .override_usage(help.theme_usage)
                .subcommand_help_heading(help.commands_heading)
                .mut_subcommands(|c| match c.get_name() {
                    "export" => worded(c, help, help.timings)
                        .about(help.theme_export)
                        .long_about(long(help.theme_export, help.theme_export_long))
                        .override_usage(help.theme_usage),
                    "help" => c.about(help.help_command),
                    _ => c,
                }),
            "help" => c.about(help.help_command),
            _ => c,
        })
}

/// A command's help layout and its options' texts in the words of `help`.
fn worded(command: clap::Command, help: &'static Help, timings: &'static str) -> clap::Command {
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
        help.usage_heading
    );
    command.help_template(template).mut_args(|arg| worded_arg(arg, help, timings))
}

/// An option's help text, heading and value placeholder; the option is known by its id.
fn worded_arg(arg: Arg, help: &'static Help, timings: &'static str) -> Arg {
    let (text, value) = match arg.get_id().as_str() {
        "content" => (help.content, Some(help.dir_value)),
        "templates" => (help.templates, Some(help.dir_value)),
        "output" => (help.output, Some(help.dir_value)),
        "timings" => (timings, None),
        "no_pdf" => (help.no_pdf, None),
        "port" => (help.port, Some(help.port_value)),
        "bind" => (help.bind, Some(help.address_value)),
        "open" => (help.open, None),
        "lang" => (help.lang, Some(help.lang_value)),
        "dir" => (help.new_dir, Some(help.dir_value)),
        "theme_dir" => (help.theme_dir, Some(help.dir_value)),
        "help" => (help.help, None),
        "version" => (help.version, None),
        _ => return arg,
    };
    let arg = arg.help(text).help_heading(help.options_heading);
    match value {
        Some(value) => arg.value_name(value),
        None => arg,
    }
}

/// Prints why the command line was refused (or the help or version it asked for).
fn refused_command_line(
    e: &clap::Error,
    command: &clap::Command,
    args: &[OsString],
    words: &dyn Words,
) -> ExitCode {
    let Some(usage) = usage_of(e) else {
        // Help, version, and what the catalog does not word: as clap writes it.
        let _ = e.print();
        return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(USAGE_ERROR));
    };
    let named = args.iter().skip(1).filter_map(|a| a.to_str()).find(|a| command.find_subcommand(a).is_some());
    let help_command = match named {
        Some(name) => format!("bantin {name} --help"),
        None => "bantin --help".to_string(),
    };
    eprintln!("{}", words.error(&words.usage_error(&usage, &help_command)));
    ExitCode::from(USAGE_ERROR)
}

/// The catalog's account of a parser error, for the usual mistakes.
fn usage_of(e: &clap::Error) -> Option<Usage<'_>> {
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.as_str()),
        _ => None,
    };
    let texts = |kind| match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.as_slice(),
        _ => &[],
    };
    Some(match e.kind() {
        ErrorKind::UnknownArgument => Usage::UnknownOption {
            option: text(ContextKind::InvalidArg)?,
            suggestion: text(ContextKind::SuggestedArg),
        },
        ErrorKind::InvalidSubcommand => Usage::UnknownCommand {
            command: text(ContextKind::InvalidSubcommand)?,
            suggestion: texts(ContextKind::SuggestedSubcommand).first().map(String::as_str),
        },
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => Usage::BadValue {
            option: text(ContextKind::InvalidArg)?,
            value: text(ContextKind::InvalidValue)?,
            valid: texts(ContextKind::ValidValue),
        },
        ErrorKind::ArgumentConflict if text(ContextKind::InvalidArg) == text(ContextKind::PriorArg) => {
            Usage::Twice { option: text(ContextKind::InvalidArg)? }
        }
        _ => return None,
    })
}

/// `templates/` is used when it exists and no other folder is named.
fn templates_or_default(templates: Option<PathBuf>) -> Option<PathBuf> {
    templates.or_else(|| Some(PathBuf::from("templates")).filter(|t| t.is_dir()))
}

#[cfg(feature = "serve")]
fn run_serve(options: &serve::Options) -> ExitCode {
    let words = Voice(options.lang).before_content();
    if let Some(code) = content_folder_missing(&options.paths.content, words) {
        return code;
    }
    if let Some(missing) = templates_missing(&options.paths) {
        eprintln!("{}", words.error(&missing.message(words)));
        return ExitCode::from(USAGE_ERROR);
    }
    match serve::serve(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e @ serve::ServeError::PortInUse(_)) => {
            eprintln!("{}", words.error(&e.message(words)));
            ExitCode::from(USAGE_ERROR)
        }
        Err(e) => {
            eprintln!("{}", words.error(&e.message(words)));
            ExitCode::FAILURE
        }
    }
}

/// Writes a starter bulletin, in the language of the messages.
fn run_new(dir: &Path, voice: Voice) -> ExitCode {
    let words = voice.before_content();
    let written =
        bantin::starter::write(dir, words.language()).map(|workbook| words.new_written(dir, &workbook));
    report_started(written, words, |dir| words.new_not_empty(dir))
}

fn run_theme_export(dir: &Path, voice: Voice) -> ExitCode {
    let words = voice.before_content();
    let written = bantin::starter::theme(dir).map(|files| words.theme_written(dir, files));
    report_started(written, words, |dir| words.theme_not_empty(dir))
}

/// What `new` or `theme export` did, or why it wrote nothing.
fn report_started(
    written: Result<String, bantin::starter::NewError>,
    words: &dyn Words,
    not_empty: impl Fn(&Path) -> String,
) -> ExitCode {
    match written {
        Ok(message) => {
            eprintln!("{message}");
            ExitCode::SUCCESS
        }
        Err(bantin::starter::NewError::NotEmpty(dir)) => {
            eprintln!("{}", words.error(&not_empty(&dir)));
            ExitCode::from(USAGE_ERROR)
        }
        Err(bantin::starter::NewError::Write(path, e)) => {
            eprintln!("{}", words.error(&words.cannot_write(&path, &e)));
            ExitCode::FAILURE
        }
    }
}

/// A missing content folder is a usage error: nothing could be read at all.
fn content_folder_missing(content: &Path, words: &dyn Words) -> Option<ExitCode> {
    if content.is_dir() {
        return None;
    }
    eprintln!("{}", words.error(&words.content_missing(content)));
    Some(ExitCode::from(USAGE_ERROR))
}

fn print_problems(report: &pipeline::Checked, words: &dyn Words) {
    for p in &report.problems {
        eprintln!("{}", p.line(words.language()));
    }
    if !report.problems.is_empty() {
        eprintln!("{}", bantin::problem::summary(&report.problems, words));
    }
}

fn run_check(content: &Path, show_timings: bool, voice: Voice) -> ExitCode {
    if let Some(code) = content_folder_missing(content, voice.before_content()) {
        return code;
    }
    let mut timings = Timings::default();
    let checked = pipeline::check_timed(content, &mut timings);
    if show_timings {
        eprintln!("{timings}");
    }
    let (words, language) = voice.after(&checked);
    print_problems(&checked, words);
    if checked.failed() {
        return ExitCode::from(CONTENT_ERRORS);
    }
    println!("{}", checked.summary(words));
    print!("{}", checked.figures_table(language));
    ExitCode::SUCCESS
}

/// Why a build may not start writing: both are usage errors.
#[derive(Debug, thiserror::Error)]
enum NotClaimed {
    /// The templates folder asked for does not exist.
    #[error("{}", catalog::words(Language::En).templates_missing(.0))]
    TemplatesMissing(PathBuf),
    #[error(transparent)]
    Refused(#[from] Refusal),
}

impl NotClaimed {
    fn message(&self, words: &dyn Words) -> String {
        match self {
            NotClaimed::TemplatesMissing(templates) => words.templates_missing(templates),
            NotClaimed::Refused(refusal) => refusal.message(words),
        }
    }
}

/// A templates folder asked for must exist.
fn templates_missing(paths: &Paths) -> Option<NotClaimed> {
    let t = paths.templates.as_ref().filter(|t| !t.is_dir())?;
    Some(NotClaimed::TemplatesMissing(t.clone()))
}

/// Claims the output folder for this build (SPEC §1): refused when it is not bantin's
/// to replace, or when the templates asked for are missing.
fn claim_output(paths: &Paths, words: &dyn Words) -> Result<Output, NotClaimed> {
    if let Some(missing) = templates_missing(paths) {
        return Err(missing);
    }
    let inputs: Vec<&Path> =
        std::iter::once(paths.content.as_path()).chain(paths.templates.as_deref()).collect();
    let waiting = || eprintln!("{}", words.waiting_for_build(&paths.output));
    Ok(Output::claim(&paths.output, &inputs, waiting)?)
}

fn run_build(paths: &Paths, show_timings: bool, no_pdf: bool, voice: Voice) -> ExitCode {
    let words = voice.before_content();
    if let Some(code) = content_folder_missing(&paths.content, words) {
        return code;
    }
    let output = match claim_output(paths, words) {
        Ok(output) => output,
        Err(e) => {
            eprintln!("{}", words.error(&e.message(words)));
            return ExitCode::from(USAGE_ERROR);
        }
    };
    let started = Instant::now();
    let progress = std::io::stderr().is_terminal();
    let mut timings = if progress {
        // One line on a terminal, rewritten as each stage starts and cleared at the end.
        Timings::with_progress(|stage| eprint!("\r\x1b[2K{}", words.building(stage)))
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
            let (words, _) = voice.after(&report);
            print_problems(&report, words);
            eprintln!("{}", words.build_failed(&paths.output));
            ExitCode::from(CONTENT_ERRORS)
        }
        Ok((report, Some(written))) => {
            let (words, _) = voice.after(&report);
            print_problems(&report, words);
            let summary = report.summary(words);
            eprintln!(
                "{}",
                words.built(&Built {
                    pages: written.pages,
                    charts: written.charts,
                    files: written.files,
                    summary: &summary,
                    output: &paths.output,
                    took: started.elapsed(),
                })
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", words.error(&e.message(words)));
            ExitCode::from(CONTENT_ERRORS)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<OsString> {
        line.split(' ').map(OsString::from).collect()
    }

    #[test]
    fn lang_is_found_before_parsing() {
        assert_eq!(lang_in(&args("bantin --lang en build")), Some(Language::En));
        assert_eq!(lang_in(&args("bantin check --lang=vi")), Some(Language::Vi));
        assert_eq!(lang_in(&args("bantin check --lang fr")), None);
        assert_eq!(lang_in(&args("bantin check --lang")), None);
        assert_eq!(lang_in(&args("bantin check")), None);
    }

    /// Every option of every command has its help text and heading from the catalog.
    #[test]
    fn every_option_is_worded_in_both_languages() {
        for help in [&catalog::VI_HELP, &catalog::EN_HELP] {
            let command = localized(help);
            let commands =
                std::iter::once(&command).chain(command.get_subcommands().filter(|c| c.get_name() != "help"));
            for c in commands {
                assert!(c.get_about().is_some(), "{}", c.get_name());
                for arg in c.get_arguments() {
                    assert!(arg.get_help().is_some(), "{} {}", c.get_name(), arg.get_id());
                    assert_eq!(arg.get_help_heading(), Some(help.options_heading), "{}", arg.get_id());
                }
            }
        }
    }
}
