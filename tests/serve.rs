//! `bantin serve` as a user meets it: pages over HTTP, edits that show up, a broken
//! file shown over the page and gone once fixed, and a served site equal to a build.

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
        let port = free_port();
        let mut child = bantin_command()
            .args(["serve", "--content", path_str(content), "--port", &port.to_string()])
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
        let deadline = Instant::now() + Duration::from_secs(30);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.starts_with(start) => return line,
                Ok(line) => assert!(!line.contains("panicked"), "{line}"),
                Err(_) => break,
            }
        }
        panic!("bantin serve printed no line starting with {start:?}");
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
    let output = tmp.join("output");
    let run = bantin(&["build", "--content", path_str(&content), "--output", path_str(&output)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let built = snapshot(&output);
    assert!(built.len() > 40, "the build wrote the whole site");
    for (rel, bytes) in built {
        let Some(bytes) = bytes else { continue };
        let rel = rel.to_str().unwrap().replace('\\', "/");
        if rel == ".bantin" {
            continue; // the mark of a built folder, not part of the site
        }
        let served = server.get(&rel);
        assert!(without_reload_script(&served) == bytes, "{rel} served differs from the build");
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
