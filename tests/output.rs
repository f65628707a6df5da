//! The output folder belongs to bantin (SPEC §1): a build replaces only a new, empty
//! or earlier-built folder, refuses everything else before writing anything, and
//! leaves the old or the new site at the output path whatever happens meanwhile.

mod common;

use common::{TempDir, bantin_command, copy_dir, path_str, snapshot};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

const VALID: &str = "tests/fixtures/valid";

/// Runs `bantin build` from `cwd` with `args`; returns the exit code and stderr. The
/// output folder is refused before site.yaml is read: without `LANG` in `env`, in Vietnamese.
fn build_in(cwd: &Path, args: &[&str], env: &[(&str, &Path)]) -> (i32, String) {
    let mut command = bantin_command();
    command.arg("build").args(args).current_dir(cwd);
    for (key, value) in env {
        command.env(key, value);
    }
    let out = command.output().expect("bantin can be started");
    let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
    assert!(!stderr.contains("panicked"), "bantin build {args:?} panicked:\n{stderr}");
    (out.status.code().expect("bantin exited by itself"), stderr)
}

fn crate_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A project folder: `content/` (a copy of the valid fixture) and nothing else.
fn project(tmp: &TempDir) -> PathBuf {
    let project = tmp.join("proj");
    copy_dir(&crate_root().join(VALID), &project.join("content"));
    project
}

/// Asserts a refusal: exit 2, a message naming `named`, and `tmp` byte for byte as it was.
fn assert_refused(tmp: &TempDir, cwd: &Path, args: &[&str], named: &str) {
    let before = snapshot(&tmp.0);
    let (code, stderr) = build_in(cwd, args, &[]);
    assert_eq!(code, 2, "build {args:?} is refused: {stderr}");
    assert!(stderr.contains(named), "the message names {named}: {stderr}");
    assert!(snapshot(&tmp.0) == before, "build {args:?} changed files while refusing");
}

#[test]
fn a_folder_of_other_files_is_refused_and_left_as_it_was() {
    let tmp = TempDir::new("foreign");
    let docs = tmp.join("docs");
    fs::create_dir_all(docs.join(".git")).unwrap();
    fs::write(docs.join(".git/config"), "[core]\n").unwrap();
    fs::write(docs.join("CNAME"), "bantin.example.org\n").unwrap();
    fs::write(docs.join("luan-van.pdf"), b"%PDF-1.7\n\xff\x00").unwrap();
    let content = crate_root().join(VALID);
    let args = ["--content", path_str(&content), "--output", path_str(&docs)];
    assert_refused(&tmp, &tmp.0, &args, "có 3 mục không do bantin tạo ra (.git, CNAME, luan-van.pdf)");
}

#[test]
fn a_regular_file_is_refused_and_left_as_it_was() {
    let tmp = TempDir::new("file");
    fs::write(tmp.join("site"), "not a folder\n").unwrap();
    let content = crate_root().join(VALID);
    let args = ["--content", path_str(&content), "--output", "site"];
    assert_refused(&tmp, &tmp.0, &args, "`site` là một tệp, không phải thư mục");
    let (code, stderr) = build_in(&tmp.0, &args, &[("LANG", Path::new("en_US.UTF-8"))]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("error: output `site` is a file, not a folder"), "{stderr}");
}

#[test]
fn the_content_folder_is_refused_however_it_is_named() {
    let tmp = TempDir::new("content-paths");
    let proj = project(&tmp);
    let is_content = "`content/../content` chính là `content`";
    assert_refused(&tmp, &proj, &["--output", "content/../content"], is_content);
    assert_refused(&tmp, &proj, &["--output", "../proj"], "`../proj` chứa `content`");
    assert_refused(&tmp, &proj, &["--output", "content/site"], "nằm trong `content`");
    assert_refused(&tmp, &proj, &["--output", "."], "chứa `content`");

    // A content folder reached through a symlink is the same folder.
    std::os::unix::fs::symlink(proj.join("content"), tmp.join("link")).unwrap();
    let args = ["--content", "link", "--output", "proj/content"];
    assert_refused(&tmp, &tmp.0, &args, "chính là `link`");
    let args = ["--content", "link", "--output", "proj"];
    assert_refused(&tmp, &tmp.0, &args, "chứa `link`");
}

#[test]
fn the_templates_folder_is_refused() {
    let tmp = TempDir::new("templates");
    let proj = project(&tmp);
    fs::create_dir_all(proj.join("theme")).unwrap();
    fs::write(proj.join("theme/404.html"), "{% extends \"base.html\" %}\n").unwrap();
    let args = ["--templates", "theme", "--output", "theme"];
    assert_refused(&tmp, &proj, &args, "`theme` chính là `theme`");
}

#[test]
fn home_and_the_root_are_refused() {
    let tmp = TempDir::new("home");
    let proj = project(&tmp);
    let home = tmp.join("home");
    fs::create_dir_all(&home).unwrap();
    let before = snapshot(&tmp.0);
    let (code, stderr) = build_in(&proj, &["--output", path_str(&home)], &[("HOME", &home)]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("là thư mục cá nhân của bạn"), "{stderr}");
    assert!(snapshot(&tmp.0) == before);

    let (code, stderr) = build_in(&proj, &["--output", "/"], &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("`/` là thư mục gốc của ổ đĩa"), "{stderr}");
}

#[test]
fn an_empty_folder_is_built_into_and_marked_then_replaced_by_the_next_build() {
    let tmp = TempDir::new("empty");
    let proj = project(&tmp);
    fs::create_dir_all(proj.join("site")).unwrap();
    let (code, stderr) = build_in(&proj, &["--output", "site"], &[]);
    assert_eq!(code, 0, "{stderr}");
    let mark = fs::read_to_string(proj.join("site/.bantin")).expect("the site is marked as bantin's");
    assert!(mark.contains("made by bantin"), "{mark}");
    let first = snapshot(&proj.join("site"));

    let (code, stderr) = build_in(&proj, &["--output", "site"], &[]);
    assert_eq!(code, 0, "an earlier build is replaced: {stderr}");
    assert!(snapshot(&proj.join("site")) == first);
    let mut beside: Vec<String> =
        fs::read_dir(&proj).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    beside.sort();
    assert_eq!(beside, ["content", "site"], "no lock or staging folder is left beside the output");
}

type Site = BTreeMap<PathBuf, Option<Vec<u8>>>;

/// The site of the valid fixture, built once into `proj/reference`.
fn reference_site(proj: &Path) -> Site {
    let (code, stderr) = build_in(proj, &["--output", "reference"], &[]);
    assert_eq!(code, 0, "{stderr}");
    snapshot(&proj.join("reference"))
}

#[test]
fn simultaneous_builds_into_one_folder_each_leave_one_whole_site() {
    let tmp = TempDir::new("simultaneous");
    let proj = project(&tmp);
    let reference = reference_site(&proj);
    for pair in 0..6 {
        let start = || {
            Command::new(env!("CARGO_BIN_EXE_bantin"))
                .args(["build", "--output", "site"])
                .current_dir(&proj)
                .stderr(Stdio::null())
                .spawn()
                .expect("bantin can be started")
        };
        let (mut a, mut b) = (start(), start());
        assert!(a.wait().unwrap().success() && b.wait().unwrap().success(), "pair {pair}");
        assert!(snapshot(&proj.join("site")) == reference, "pair {pair} left a mixed site");
    }
}

#[test]
fn a_build_killed_at_any_point_leaves_the_old_or_the_new_site() {
    let tmp = TempDir::new("killed");
    let proj = project(&tmp);
    let reference = reference_site(&proj);
    let (code, stderr) = build_in(&proj, &["--output", "site"], &[]);
    assert_eq!(code, 0, "{stderr}");
    for step in 0..16 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bantin"))
            .args(["build", "--output", "site"])
            .current_dir(&proj)
            .stderr(Stdio::null())
            .spawn()
            .expect("bantin can be started");
        std::thread::sleep(Duration::from_millis(step * 6));
        let _ = child.kill();
        let _ = child.wait();
        assert!(snapshot(&proj.join("site")) == reference, "a kill after {} ms broke the site", step * 6);
    }
}

#[test]
fn a_build_after_a_crash_between_the_renames_puts_the_old_site_back() {
    let tmp = TempDir::new("crashed");
    let proj = project(&tmp);
    let reference = reference_site(&proj);
    // Where the system cannot exchange two folders in one step, the old site is moved
    // aside before the new one is renamed in: a crash between the two leaves this.
    fs::rename(proj.join("reference"), proj.join(".reference.bantin-old")).unwrap();
    fs::create_dir_all(proj.join(".reference.bantin-new-1")).unwrap();
    fs::write(proj.join("content/site.yaml"), "title: [\n").unwrap();
    let (code, stderr) = build_in(&proj, &["--output", "reference"], &[]);
    assert_eq!(code, 1, "the content is broken: {stderr}");
    assert!(snapshot(&proj.join("reference")) == reference, "the old site is back at the output path");
    assert!(!proj.join(".reference.bantin-old").exists() && !proj.join(".reference.bantin-new-1").exists());
}
