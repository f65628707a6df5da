//! `bantin serve`: the site over HTTP from memory, rebuilt when a file changes, with
//! every open page told to reload.
//!
//! Three parts: the HTTP server (axum), a watcher thread that turns file events into
//! rebuilds of the [`LiveSite`], and an event stream (`/__bantin/events`, server-sent
//! events) that the reload script in each served page listens to. The script and the
//! error overlay are added to pages as they are served; the site itself, and so
//! `bantin build`, never contains them.

pub(crate) mod deps;
pub(crate) mod live;

use crate::catalog::{self, Words};
use crate::model::Language;
use crate::pipeline::Paths;
use crate::problem;
use crate::render::bulletin::pdf::LazyPdf;
use crate::serve::live::{Bytes, LiveSite, Outcome, Site};
use crate::text::escape_html;
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use std::collections::HashSet;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, RwLock, mpsc};
use std::time::Duration;
use tokio::sync::broadcast;
use tokio_stream::{Stream, StreamExt, wrappers::BroadcastStream};

/// Editors save by writing a temporary file and renaming it, or in several writes:
/// events closer together than this make one rebuild.
const SETTLE: Duration = Duration::from_millis(15);
const EVENTS_PATH: &str = "/__bantin/events";

pub struct Options {
    pub paths: Paths,
    /// Print each rebuild's stage timings.
    pub timings: bool,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
    /// The language of messages, when `--lang` chose one; else the content's.
    pub lang: Option<Language>,
}

/// Why the preview server stopped. Shown in English; [`ServeError::message`] words
/// it in the content's language.
#[derive(Debug, thiserror::Error)]
#[error("{}", catalog::words(Language::En).serve_error(self))]
pub enum ServeError {
    PortInUse(SocketAddr),
    Bind(SocketAddr, #[source] std::io::Error),
    /// A folder could not be watched (`None`: the watcher could not start).
    Watch(Option<PathBuf>, #[source] notify::Error),
    Server(#[source] std::io::Error),
}

impl ServeError {
    /// What went wrong and what to do, in the words of one language.
    pub fn message(&self, words: &dyn Words) -> String {
        words.serve_error(self)
    }
}

/// What the server hands out: the last good site, and the problems of the latest
/// rebuild when it failed.
struct Served {
    site: Option<Arc<Site>>,
    /// The overlay shown over every page while the content has errors.
    overlay: Option<String>,
    /// The path part of the site's base URL (`/ban-tin/`); requests under it are
    /// served as if at the root, so the 404 page's links work too.
    base_path: String,
}

struct Shared {
    served: RwLock<Served>,
    reload: broadcast::Sender<u64>,
}

/// Builds, serves and watches until the process is stopped.
pub fn serve(options: &Options) -> Result<(), ServeError> {
    let addr = SocketAddr::new(options.bind, options.port);
    let listener = TcpListener::bind(addr).map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => ServeError::PortInUse(addr),
        _ => ServeError::Bind(addr, e),
    })?;
    let mut live = LiveSite::new(options.paths.clone());
    let outcome = live.rebuild(&HashSet::new());
    let words = catalog::speaking(options.lang, live.language());
    report(&live, &outcome, options.timings, words);
    let shared =
        Arc::new(Shared { served: RwLock::new(served(&live, words)), reload: broadcast::channel(16).0 });
    let _watcher = watch(options, live, shared.clone())?;

    let url = format!("http://{addr}/");
    eprintln!("{}", words.serving(&options.paths.content, &url));
    if options.open
        && let Err(e) = webbrowser::open(&url)
    {
        eprintln!("{}", words.browser_failed(&e));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(ServeError::Server)?;
    runtime.block_on(run_server(listener, shared)).map_err(ServeError::Server)
}

async fn run_server(listener: TcpListener, shared: Arc<Shared>) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let app = Router::new().route(EVENTS_PATH, get(events)).fallback(get(file)).with_state(shared);
    axum::serve(listener, app).await
}

/// Starts watching the content and templates folders; each settled batch of changes
/// rebuilds the site on the returned watcher's thread.
fn watch(options: &Options, live: LiveSite, shared: Arc<Shared>) -> Result<impl Drop, ServeError> {
    let (paths, timings, lang) = (&options.paths, options.timings, options.lang);
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer =
        new_debouncer(SETTLE, Some(SETTLE / 3), tx).map_err(|e| ServeError::Watch(None, e))?;
    let folders = std::iter::once(&paths.content).chain(paths.templates.as_ref());
    for folder in folders {
        debouncer
            .watch(folder, RecursiveMode::Recursive)
            .map_err(|e| ServeError::Watch(Some(folder.clone()), e))?;
    }
    std::thread::spawn(move || rebuild_on_change(live, &rx, &shared, timings, lang));
    Ok(debouncer)
}

fn rebuild_on_change(
    mut live: LiveSite,
    rx: &mpsc::Receiver<DebounceEventResult>,
    shared: &Shared,
    timings: bool,
    lang: Option<Language>,
) {
    let mut version = 0;
    let content = live.content_dir().to_path_buf();
    while let Ok(first) = rx.recv() {
        let changed: HashSet<PathBuf> = std::iter::once(first)
            .chain(rx.try_iter())
            .filter_map(Result::ok)
            .flatten()
            .filter(|e| !e.kind.is_access())
            // Events were lost: the whole folder is looked at again.
            .flat_map(|e| if e.need_rescan() { vec![content.clone()] } else { e.event.paths })
            .filter(|p| !is_editor_scratch(p))
            .collect();
        if changed.is_empty() {
            continue;
        }
        let outcome = live.rebuild(&changed);
        let words = catalog::speaking(lang, live.language());
        report(&live, &outcome, timings, words);
        let next = served(&live, words);
        let mut served = shared.served.write().unwrap_or_else(|e| e.into_inner());
        let reload = served.overlay != next.overlay || matches!(outcome, Outcome::Built { shown: true, .. });
        let before = std::mem::replace(&mut *served, next);
        drop(served);
        if reload {
            version += 1;
            // No open page is not an error.
            let _ = shared.reload.send(version);
        }
        // Freeing a large site takes a while: the browser is told to reload first.
        drop(before);
    }
}

/// Swap files, backups and hidden files that editors write beside the real one.
fn is_editor_scratch(path: &std::path::Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp")
}

/// Prints what a rebuild did, problems as `bantin check` prints them.
fn report(live: &LiveSite, outcome: &Outcome, timings: bool, words: &dyn Words) {
    if timings {
        eprintln!("{}", live.timings());
    }
    for p in live.problems() {
        eprintln!("{}", p.line(words.language()));
    }
    if !live.problems().is_empty() {
        eprintln!("{}", problem::summary(live.problems(), words));
    }
    match outcome {
        Outcome::Built { shown: false, took, .. } => eprintln!("{}", words.nothing_changed(took.as_millis())),
        Outcome::Built { pages, charts, took, .. } => {
            eprintln!("{}", words.rebuilt(*pages, *charts, took.as_millis()))
        }
        Outcome::Failed => {
            if let Some(e) = live.error() {
                eprintln!("{e}");
            }
        }
    }
    if live.failed() {
        eprintln!("{}", words.still_serving(live.has_site()));
    }
}

fn served(live: &LiveSite, words: &dyn Words) -> Served {
    let site = live.site();
    let base_path = site.as_ref().map_or_else(|| "/".into(), |s| s.base_path());
    Served { site, overlay: live.failed().then(|| overlay(live, words)), base_path }
}

/// The problems of a failed rebuild as a box over the page.
fn overlay(live: &LiveSite, words: &dyn Words) -> String {
    let mut items: Vec<String> = live
        .problems()
        .iter()
        .filter(|p| p.severity == problem::Severity::Error)
        .map(|p| format!("<li>{}</li>", escape_html(&p.line(words.language()))))
        .collect();
    let error = live.error().map(ToString::to_string).unwrap_or_default();
    items.extend(error.lines().map(|l| format!("<li>{}</li>", escape_html(l))));
    let (heading, note) =
        (escape_html(&words.overlay_heading()), escape_html(&words.overlay_note(live.has_site())));
    format!(
        "<div id=\"bantin-problems\" role=\"alert\" style=\"position:fixed;inset:1rem;z-index:2147483647;\
         overflow:auto;background:#fff;color:#1a1a1a;border:3px solid #b00020;border-radius:6px;\
         padding:1rem 1.5rem;font:15px/1.5 system-ui,sans-serif;box-shadow:0 0 0 100vmax rgba(0,0,0,.45)\">\
         <h2 style=\"margin:0 0 .5rem;color:#b00020\">{heading}</h2>\
         <p style=\"margin:0 0 .75rem\">{note}</p>\
         <ul style=\"font-size:15px;line-height:1.5;padding-left:1.2rem\">{}</ul></div>",
        items.concat()
    )
}

/// The script that reloads the page when the site changed.
pub const RELOAD_SCRIPT: &str = "<script>new EventSource(\"/__bantin/events\")\
.addEventListener(\"reload\",function(){location.reload()});</script>";

async fn events(State(shared): State<Arc<Shared>>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let versions = BroadcastStream::new(shared.reload.subscribe());
    let stream =
        versions.filter_map(|v| v.ok().map(|v| Ok(Event::default().event("reload").data(v.to_string()))));
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn file(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    // A page or chart not made yet is made now: off the server's threads.
    let found = tokio::task::spawn_blocking(move || served_file(&shared, &uri)).await;
    match found {
        Ok(Ok(response)) => response,
        Ok(Err(pdf)) => bulletin_pdf(pdf).await,
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

/// The file at `uri`, or the PDF bulletin to typeset when that is what is asked for.
fn served_file(shared: &Shared, uri: &Uri) -> Result<Response, Arc<LazyPdf>> {
    let (site, overlay, base_path) = {
        let served = shared.served.read().unwrap_or_else(|e| e.into_inner());
        (served.site.clone(), served.overlay.clone(), served.base_path.clone())
    };
    let decoded = percent_encoding::percent_decode_str(uri.path()).decode_utf8_lossy();
    let path = decoded.strip_prefix(base_path.as_str()).unwrap_or(decoded.trim_start_matches('/'));
    let path =
        if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() };
    let get = |path: &str| -> Result<Option<Bytes>, String> {
        match &site {
            Some(site) => site.file(path).map_err(|e| e.to_string()),
            None => Ok(None),
        }
    };
    if path == crate::resolve::routes::BULLETIN_PDF
        && let Some(site) = &site
    {
        match site.pdf() {
            Ok(Some(pdf)) => return Err(pdf),
            Ok(None) => {}
            Err(e) => return Ok(made_badly(&e.to_string(), overlay.as_deref())),
        }
    }
    let found = match get(&path) {
        Ok(Some(bytes)) => Some((StatusCode::OK, path, bytes)),
        Ok(None) => match get(&format!("{path}/index.html")) {
            Ok(Some(_)) => return Ok(redirect(&format!("{}/", uri.path()))),
            _ => get("404.html")
                .ok()
                .flatten()
                .map(|bytes| (StatusCode::NOT_FOUND, "404.html".to_string(), bytes)),
        },
        Err(e) => return Ok(made_badly(&e, overlay.as_deref())),
    };
    let response = match found {
        Some((status, path, bytes)) => {
            let kind = content_type(&path);
            let body = match kind.starts_with("text/html") {
                true => page(&bytes, overlay.as_deref()).into_bytes(),
                false => bytes.to_vec(),
            };
            (status, [(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "no-store")], Body::from(body))
        }
        None => {
            // Nothing has built yet: the problems are all there is to show.
            let status =
                if overlay.is_some() { StatusCode::SERVICE_UNAVAILABLE } else { StatusCode::NOT_FOUND };
            let body = page(b"<!DOCTYPE html><title>bantin</title><body></body>", overlay.as_deref());
            let html = "text/html; charset=utf-8";
            (status, [(header::CONTENT_TYPE, html), (header::CACHE_CONTROL, "no-store")], Body::from(body))
        }
    };
    Ok(response.into_response())
}

/// A file that could not be made (a template error met while rendering a page first
/// asked for): the error, over the page, and in the terminal.
fn made_badly(error: &str, overlay: Option<&str>) -> Response {
    eprintln!("{error}");
    let item = format!("<li>{}</li>", escape_html(error));
    let shown = overlay.map_or_else(
        || format!("<div id=\"bantin-problems\" role=\"alert\"><ul>{item}</ul></div>"),
        str::to_string,
    );
    let body = page(b"<!DOCTYPE html><title>bantin</title><body></body>", Some(&shown));
    let html = "text/html; charset=utf-8";
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, html), (header::CACHE_CONTROL, "no-store")],
        Body::from(body),
    )
        .into_response()
}

/// `bulletin.pdf`, typeset on the first request after a change (off the server's
/// threads), then kept until the next change.
async fn bulletin_pdf(pdf: Arc<LazyPdf>) -> Response {
    let made = tokio::task::spawn_blocking(move || pdf.bytes().clone()).await;
    match made {
        Ok(Ok(bytes)) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/pdf"), (header::CACHE_CONTROL, "no-store")],
            Body::from(bytes.to_vec()),
        )
            .into_response(),
        Ok(Err(message)) => {
            eprintln!("{message}");
            (StatusCode::INTERNAL_SERVER_ERROR, message).into_response()
        }
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("bulletin.pdf: {e}")).into_response(),
    }
}

fn redirect(to: &str) -> Response {
    (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, to.to_string())]).into_response()
}

/// A page with the reload script, and the overlay when there are problems, before
/// its closing `</body>`.
fn page(html: &[u8], overlay: Option<&str>) -> String {
    let html = String::from_utf8_lossy(html);
    let insert = format!("{}{RELOAD_SCRIPT}", overlay.unwrap_or(""));
    match html.rfind("</body>") {
        Some(at) => format!("{}{insert}{}", &html[..at], &html[at..]),
        None => format!("{html}{insert}"),
    }
}

fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, ext)| ext);
    match ext.to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reload_script_goes_before_the_closing_body() {
        let html = page(b"<html><body><p>x</p></body></html>", None);
        assert_eq!(html, format!("<html><body><p>x</p>{RELOAD_SCRIPT}</body></html>"));
        let html = page(b"<p>x</p></body>", Some("<div>problems</div>"));
        assert!(html.starts_with("<p>x</p><div>problems</div><script>"));
    }

    #[test]
    fn scratch_files_of_editors_are_not_changes() {
        for name in ["a/.site.yaml.swp", "a/b.md~", "a/4913.tmp", "a/.#b.md"] {
            assert!(is_editor_scratch(std::path::Path::new(name)), "{name}");
        }
        assert!(!is_editor_scratch(std::path::Path::new("news/tin.md")));
    }
}
