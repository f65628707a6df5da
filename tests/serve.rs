//! `bantin serve` as a user meets it: pages over HTTP, edits that show up, a broken
//! file shown over the page and gone once fixed, and a served site equal to a build.
#![cfg(feature = "serve")]

mod common;

use common::{TempDir, bantin, bantin_command, copy_dir, path_str, snapshot};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A running `bantin serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    /// Lines the server printed to stderr.
    lines: mpsc::Receiver<String>,
}

impl Server {
    fn start(content: &Path) -> Server {
        Server::start_with(content, &[])
    }

    fn start_with(content: &Path, more: &[&str]) -> Server {
        let port = free_port();
        let mut child = bantin_command()
            .args(["serve", "--content", path_str(content), "--port", &port.to_string()])
            .args(more)
            .stderr(Stdio::piped())
            .spawn()
            .expect("bantin serve starts");
        let stderr = child.stderr.take().expect("stderr is piped");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let server = Server { child, port, lines };
        // The sites served here are Vietnamese, and so are the messages.
        server.wait_for_line("Đang xem trước ");
        server
    }

    fn wait_for_line(&self, start: &str) -> String {
        self.wait_for_any_line(&[start])
    }

    fn wait_for_any_line(&self, starts: &[&str]) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if starts.iter().any(|s| line.starts_with(s)) => return line,
                Ok(line) => assert!(!line.contains("panicked"), "{line}"),
                Err(_) => break,
            }
        }
        panic!("bantin serve printed no line starting with any of {starts:?}");
    }

    fn try_get(&self, path: &str) -> Result<Vec<u8>, ureq::Error> {
        let url = format!("http://127.0.0.1:{}/{path}", self.port);
        ureq::get(&url).call()?.body_mut().with_config().limit(64 << 20).read_to_vec()
    }

    fn get(&self, path: &str) -> Vec<u8> {
        self.try_get(path).unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    fn page(&self, path: &str) -> String {
        String::from_utf8(self.get(path)).expect("pages are UTF-8")
    }

    /// Fetches `path` until it is there and `ready` holds for it (rebuilds take a
    /// moment after a save).
    fn page_once(&self, path: &str, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let page = self.try_get(path).map(|b| String::from_utf8(b).expect("pages are UTF-8"));
            let page = match page {
                Ok(page) if ready(&page) => return page,
                Ok(page) => page,
                Err(e) => e.to_string(),
            };
            assert!(Instant::now() < deadline, "{path} never showed {what}:\n{page}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("bound").port()
}

/// Replaces `from` by `to` in a file, as an editor saving it would.
fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).expect("file can be read");
    assert!(text.contains(from), "{} has no {from:?}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).expect("file can be written");
}

fn without_reload_script(page: &[u8]) -> Vec<u8> {
    let script = bantin::serve::RELOAD_SCRIPT.as_bytes();
    match page.windows(script.len()).position(|w| w == script) {
        Some(at) => [&page[..at], &page[at + script.len()..]].concat(),
        None => page.to_vec(),
    }
}

#[test]
fn serve_rebuilds_on_edits_shows_errors_and_equals_a_build() {
    let tmp = TempDir::new("serve");
    let content = tmp.join("content");
    copy_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("content").as_path(), &content);
    let server = Server::start(&content);

    let unit = server.page("units/krong-pac.html");
    assert!(unit.contains("Đảng bộ huyện Krông Pắc") && unit.contains(bantin::serve::RELOAD_SCRIPT));

    // A data edit: 57 admitted become 1234, shown with the Vietnamese thousands dot.
    let data = content.join("data/dak-lak/krong-pac.yaml");
    edit(&data, "admitted: 57", "admitted: 1234");
    server.page_once("units/krong-pac.html", "the new figure", |p| p.contains("1.234"));

    // An article edit: the new title reaches the news list.
    let article = content.join("news/2024-05-04-krong-pac.md");
    let text = std::fs::read_to_string(&article).unwrap();
    let title_line = text.lines().find(|l| l.starts_with("title:")).unwrap().to_string();
    edit(&article, &title_line, "title: \"Krông Pắc tăng tốc kết nạp đảng viên\"");
    server.page_once("news.html", "the new title", |p| p.contains("Krông Pắc tăng tốc kết nạp đảng viên"));

    // A broken file: the problem over the page, with its file and line.
    edit(&data, "admitted: 1234", "admitted: many");
    let broken = server.page_once("index.html", "the problems", |p| p.contains("bantin-problems"));
    assert!(broken.contains("krong-pac.yaml:"), "{broken}");
    assert!(broken.contains("admitted"), "{broken}");
    assert!(broken.contains("Đảng bộ huyện Krông Pắc"), "the last good site stays under the overlay");
    server.wait_for_line("Bản xem trước giữ lần dựng thành công gần nhất");
    assert!(broken.contains("bantin: nội dung có lỗi"), "{broken}");

    // Fixed: the site comes back by itself.
    edit(&data, "admitted: many", "admitted: 60");
    server.page_once("units/krong-pac.html", "the fixed figure", |p| {
        !p.contains("bantin-problems") && p.contains(">60<")
    });

    // A new article and a deleted one.
    let added = "---\ntitle: Tin mới về Ba Tri\ndate: 2024-06-01\nunits: [ba-tri]\ntags: [Tin mới]\n---\nMột tin mới.\n";
    std::fs::write(content.join("news/2024-06-01-tin-moi.md"), added).unwrap();
    // The article cited by a report: the citation goes first, then the article.
    edit(&content.join("data/ben-tre/ba-tri.yaml"), "    source: 2017-01-18-ba-tri\n", "");
    std::fs::remove_file(content.join("news/2017-01-18-ba-tri.md")).unwrap();
    server.page_once("tags/tin-moi.html", "the new tag", |p| p.contains("Tin mới về Ba Tri"));
    server.page_once("units/ba-tri.html", "the new article, not the deleted one", |p| {
        p.contains("Tin mới về Ba Tri") && !p.contains("news/2017-01-18-ba-tri.html")
    });
    let gone = server.try_get("news/2017-01-18-ba-tri.html");
    assert!(matches!(gone, Err(ureq::Error::StatusCode(404))), "{gone:?}");

    // A static file: served as saved.
    let icon = "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>mới</title></svg>";
    std::fs::write(content.join("static/favicon.svg"), icon).unwrap();
    server.page_once("favicon.svg", "the new icon", |p| p == icon);

    // What is served is what a build of the same folder writes.
    assert_served_as_built(&server, &tmp.join("output"), &["--content", path_str(&content)]);
}

/// Every file that `bantin build` with `args` writes into `output` is served with the
/// same bytes (fetched again while the server may still be rebuilding after a save).
fn assert_served_as_built(server: &Server, output: &Path, args: &[&str]) {
    let run = bantin(&[&["build", "--output", path_str(output)], args].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let built = snapshot(output);
    assert!(built.len() > 40, "the build wrote the whole site");
    let deadline = Instant::now() + Duration::from_secs(20);
    for (rel, bytes) in built {
        let Some(bytes) = bytes else { continue };
        let rel = rel.to_str().unwrap().replace('\\', "/");
        if rel == ".bantin" {
            continue; // the mark of a built folder, not part of the site
        }
        loop {
            let served = without_reload_script(&server.get(&rel));
            if served == bytes {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "{rel} served differs from the build:\n{}",
                first_difference(&served, &bytes)
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

#[test]
fn serve_on_a_port_in_use_says_so() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let run = bantin(&["serve", "--port", &port]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains(&format!("cổng {port} trên 127.0.0.1 đang được dùng")), "{}", run.stderr);
    assert!(run.stderr.contains("--port"), "{}", run.stderr);
}

#[test]
fn serve_on_broken_content_shows_the_problems_until_fixed() {
    let tmp = TempDir::new("serve-broken");
    let content = tmp.join("content");
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken/composition_above_admitted");
    copy_dir(&fixture, &content);
    let server = Server::start(&content);

    let shown = server.try_get("index.html");
    assert!(matches!(shown, Err(ureq::Error::StatusCode(503))), "{shown:?}");
    let page = ureq::get(&format!("http://127.0.0.1:{}/", server.port))
        .config()
        .http_status_as_error(false)
        .build()
        .call()
        .expect("the server answers")
        .body_mut()
        .read_to_string()
        .expect("the page is text");
    assert!(page.contains("data/don-vi.yaml:9:14:"), "{page}");
    assert!(page.contains("composition.women (15) lớn hơn số kết nạp admitted (12)"), "{page}");

    edit(&content.join("data/don-vi.yaml"), "women: 15", "women: 5");
    server.page_once("index.html", "the site", |p| !p.contains("bantin-problems") && p.contains("<h1"));
}

/// Pages are made when first opened: a template that fails only while rendering
/// shows its error on the page that uses it, when that page is opened.
#[test]
fn a_template_failing_on_a_page_not_yet_opened_shows_its_error_when_opened() {
    let tmp = TempDir::new("serve-template-error");
    let content = tmp.join("content");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid"), &content);
    let templates = tmp.join("templates");
    std::fs::create_dir_all(&templates).expect("templates folder");
    std::fs::write(templates.join("tags.html"), "<p>{{ no_such_value }}</p>\n").expect("template written");
    let server = Server::start_with(&content, &["--templates", path_str(&templates)]);

    assert!(server.page("index.html").contains("<h1"));
    let response = ureq::get(&format!("http://127.0.0.1:{}/tags.html", server.port))
        .config()
        .http_status_as_error(false)
        .build()
        .call()
        .expect("the server answers");
    assert_eq!(response.status(), 500);
    let page = response.into_body().read_to_string().expect("the page is text");
    assert!(page.contains("bantin-problems") && page.contains("tags.html"), "{page}");
    assert!(server.page("units.html").contains("<h1"), "other pages are made as before");
}

/// The first line where `served` and `built` differ, both ways.
fn first_difference(served: &[u8], built: &[u8]) -> String {
    let (served, built) = (String::from_utf8_lossy(served), String::from_utf8_lossy(built));
    let mut lines = served.lines().zip(built.lines()).enumerate();
    match lines.find(|(_, (s, b))| s != b) {
        Some((n, (s, b))) => format!("line {}: served {s:?}\n        built  {b:?}", n + 1),
        None => format!("served {} lines, built {}", served.lines().count(), built.lines().count()),
    }
}

/// What `serve` prints when a save has been taken in: pages rebuilt, nothing changed, or
/// the last good site kept while the content has errors.
const TAKEN_IN: [&str; 3] = ["Đã tạo lại ", "Đã cập nhật trong ", KEPT];
const KEPT: &str = "Bản xem trước giữ lần dựng";

/// A random sequence of the saves a staffer makes — figures, articles, units, site
/// settings, a template, a broken save and its fix — on the synthetic `small` set; at
/// checkpoints and at the end, what is served equals a fresh build of the same folder.
/// `BANTIN_EDIT_SEED` replays a sequence; the seed used is printed.
#[test]
fn serve_after_random_edits_equals_a_build() {
    let seed = std::env::var("BANTIN_EDIT_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| fastrand::u64(..));
    println!("BANTIN_EDIT_SEED={seed}");
    let mut rng = fastrand::Rng::with_seed(seed);
    let tmp = TempDir::new("serve-edits");
    let content = tmp.join("content");
    let templates = tmp.join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    bantin_synthetic::generate(bantin_synthetic::Size::Small, seed % 8, &content)
        .expect("the small set is written");
    let server = Server::start_with(&content, &["--templates", path_str(&templates)]);
    let mut deleted = Vec::new();
    for step in 1..=24 {
        let save = Save::ALL[rng.usize(..Save::ALL.len())];
        println!("save {step}: {save:?}");
        match save {
            Save::BrokenThenFixed => break_and_fix(&server, &mut rng, &content),
            save => {
                deleted.extend(save.make(&mut rng, &content, &templates, step));
                let taken = server.wait_for_any_line(&TAKEN_IN);
                assert!(!taken.starts_with(KEPT), "save {step} ({save:?}) broke the content");
            }
        }
        if step % 6 == 0 {
            let output = tmp.join(&format!("build-{step}"));
            let args = ["--content", path_str(&content), "--templates", path_str(&templates)];
            assert_served_as_built(&server, &output, &args);
            for page in &deleted {
                let gone = server.try_get(page);
                assert!(
                    matches!(gone, Err(ureq::Error::StatusCode(404))),
                    "{page} is still served: {gone:?}"
                );
            }
        }
    }
}

/// A figure saved as a word: the preview keeps the last good site; then the file is
/// saved back as it was.
fn break_and_fix(server: &Server, rng: &mut fastrand::Rng, content: &Path) {
    let file = pick(rng, &files_under(&content.join("data"), ".yaml"), "admitted: ");
    let good = std::fs::read_to_string(&file).unwrap();
    edit(&file, "admitted: ", "admitted: nhiều ");
    server.wait_for_line(KEPT);
    std::fs::write(&file, good).unwrap();
    let taken = server.wait_for_any_line(&TAKEN_IN);
    assert!(!taken.starts_with(KEPT), "the file saved back as it was is good");
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Save {
    ReportFigure,
    ArticleTitle,
    ArticleDate,
    ArticleTags,
    ArticleDraft,
    NewArticle,
    DeletedArticle,
    UnitName,
    SiteTitle,
    Template,
    BrokenThenFixed,
}

impl Save {
    const ALL: [Save; 11] = [
        Save::ReportFigure,
        Save::ArticleTitle,
        Save::ArticleDate,
        Save::ArticleTags,
        Save::ArticleDraft,
        Save::NewArticle,
        Save::DeletedArticle,
        Save::UnitName,
        Save::SiteTitle,
        Save::Template,
        Save::BrokenThenFixed,
    ];

    /// Makes this save; returns the page of an article it deleted.
    fn make(self, rng: &mut fastrand::Rng, content: &Path, templates: &Path, step: usize) -> Option<String> {
        let articles = files_under(&content.join("news"), ".md");
        match self {
            Save::ReportFigure => {
                // A block (`    admitted: 57`) or a flow report (`{unit: …, admitted: 5, …}`).
                let file = pick(rng, &files_under(&content.join("data"), ".yaml"), "admitted: ");
                let text = std::fs::read_to_string(&file).unwrap();
                let lines: Vec<&str> = text.lines().filter(|l| l.contains("admitted: ")).collect();
                let line = lines[rng.usize(..lines.len())];
                let at = line.find("admitted: ").unwrap() + "admitted: ".len();
                let digits = line[at..].chars().take_while(char::is_ascii_digit).count();
                let admitted: u64 = line[at..at + digits].parse().unwrap();
                let changed = format!("{}{}{}", &line[..at], admitted + rng.u64(1..4), &line[at + digits..]);
                edit(&file, &format!("{line}\n"), &format!("{changed}\n"));
            }
            Save::ArticleTitle => {
                let file = &articles[rng.usize(..articles.len())];
                edit(file, &pick_line(rng, file, "title: "), &format!("title: \"Tin sửa lần {step}\""));
            }
            Save::ArticleDate => {
                let file = &articles[rng.usize(..articles.len())];
                let date = pick_line(rng, file, "date: ");
                // 29 February stays in a leap year.
                let year = if date.contains("-02-29") { 2024 } else { rng.u32(2020..=2024) };
                edit(file, &date[.."date: 2024".len()], &format!("date: {year}"));
            }
            Save::ArticleTags => {
                let file = pick(rng, &articles, "tags: [");
                edit(&file, "tags: [", &format!("tags: [chủ đề {}, ", step % 3));
            }
            Save::ArticleDraft => {
                let file = pick_uncited(rng, content);
                match std::fs::read_to_string(&file).unwrap().contains("draft: true\n") {
                    true => edit(&file, "draft: true\n", ""),
                    false => edit(&file, "\n---\n", "\ndraft: true\n---\n"),
                }
            }
            Save::NewArticle => {
                let units =
                    std::fs::read_to_string(content.join("data/tinh-thu-nghiem-01/don-vi.yaml")).unwrap();
                let ids: Vec<&str> = units.lines().filter_map(|l| l.strip_prefix("  - id: ")).collect();
                let unit = ids[rng.usize(..ids.len())];
                let date = format!("2024-0{}-1{}", rng.u32(1..=9), rng.u32(0..=9));
                let text = format!(
                    "---\ntitle: Tin mới số {step}\ndate: {date}\nunits: [{unit}]\ntags: [tin mới]\n---\nNội dung tin mới.\n"
                );
                std::fs::write(content.join(format!("news/2024/{date}-tin-moi-{step}.md")), text).unwrap();
            }
            Save::DeletedArticle => {
                let file = pick_uncited(rng, content);
                std::fs::remove_file(&file).unwrap();
                return Some(format!("news/{}.html", file.file_stem().unwrap().to_str().unwrap()));
            }
            Save::UnitName => {
                let file = content.join("data/tinh-thu-nghiem-01/don-vi.yaml");
                let name = pick_line(rng, &file, "    name: ");
                edit(&file, &format!("{name}\n"), &format!("{name} (sửa lần {step})\n"));
            }
            Save::SiteTitle => {
                let file = content.join("site.yaml");
                edit(&file, &pick_line(rng, &file, "title: "), &format!("title: Bản tin sửa lần {step}"));
            }
            Save::Template => {
                let file = templates.join("news.html");
                if file.exists() {
                    std::fs::remove_file(&file).unwrap();
                } else {
                    let footer =
                        format!("{{% block footer %}}<footer>Lần sửa {step}</footer>{{% endblock footer %}}");
                    std::fs::write(&file, format!("{{% extends \"builtin/news.html\" %}}{footer}")).unwrap();
                }
            }
            Save::BrokenThenFixed => unreachable!("made with the server: break_and_fix"),
        }
        None
    }
}

/// The files under `dir` whose names end with `ext`, in a stable order.
fn files_under(dir: &Path, ext: &str) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> =
        snapshot(dir).into_keys().filter(|f| f.to_str().unwrap().ends_with(ext)).collect();
    files.sort();
    files.into_iter().map(|f| dir.join(f)).collect()
}

/// One of `files` that contains `needle`.
fn pick(rng: &mut fastrand::Rng, files: &[std::path::PathBuf], needle: &str) -> std::path::PathBuf {
    let with: Vec<_> =
        files.iter().filter(|f| std::fs::read_to_string(f).unwrap().contains(needle)).collect();
    with[rng.usize(..with.len())].clone()
}

/// One of the lines of `file` that start with `start`.
fn pick_line(rng: &mut fastrand::Rng, file: &Path, start: &str) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| l.starts_with(start)).collect();
    lines[rng.usize(..lines.len())].to_string()
}

/// An article that no report cites as its source (a report may not cite a draft or a
/// missing article).
fn pick_uncited(rng: &mut fastrand::Rng, content: &Path) -> std::path::PathBuf {
    let data: String = files_under(&content.join("data"), ".yaml")
        .iter()
        .map(|d| std::fs::read_to_string(d).unwrap())
        .collect();
    let articles = files_under(&content.join("news"), ".md");
    let uncited: Vec<_> = articles
        .iter()
        .filter(|a| !data.contains(&format!("source: {}\n", a.file_stem().unwrap().to_str().unwrap())))
        .collect();
    uncited[rng.usize(..uncited.len())].clone()
}
