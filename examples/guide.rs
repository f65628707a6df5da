//! Turns the user guide (Markdown) into one HTML page that opens from disk, for the
//! release archives: `cargo run --example guide -- docs/huong-dan.md out/huong-dan.html`.
//! Images stay beside it, referenced by the same relative paths.

use pulldown_cmark::{Options, Parser, html};
use std::process::ExitCode;

const STYLE: &str = "body{font:17px/1.6 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;\
max-width:46rem;margin:0 auto;padding:1rem 1.25rem;color:#1b1b1b}\
h1,h2,h3{line-height:1.25}h2{margin-top:2.2rem;border-bottom:1px solid #ddd}\
code,pre{font-family:Consolas,'Courier New',monospace;background:#f3f3f3}\
pre{padding:.75rem;overflow-x:auto}code{padding:0 .2em}img{max-width:100%;border:1px solid #ccc}\
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top}";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [from, to] = args.as_slice() else {
        eprintln!("usage: guide GUIDE.md OUT.html");
        return ExitCode::from(2);
    };
    let markdown = match std::fs::read_to_string(from) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{from}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let title = markdown.lines().find_map(|l| l.strip_prefix("# ")).unwrap_or("bantin");
    let mut body = String::new();
    html::push_html(&mut body, Parser::new_ext(&markdown, Options::ENABLE_TABLES));
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n\
         <style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        bantin::text::escape_html(title)
    );
    match std::fs::write(to, page) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{to}: {e}");
            ExitCode::FAILURE
        }
    }
}
