//! Helpers shared by the integration tests: running the real binary, temporary
//! folders, and reading a whole output folder.

#![allow(dead_code)] // each test crate uses its own part of these helpers

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What one run of bantin did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs bantin from the crate root, as a user would from their site folder, without
/// `LANG` (as on Windows): messages speak Vietnamese until site.yaml says otherwise.
pub fn bantin(args: &[&str]) -> Run {
    bantin_with_lang(args, None)
}

/// Runs bantin as [`bantin`] does, with `LANG` set to `lang`.
pub fn bantin_with_lang(args: &[&str], lang: Option<&str>) -> Run {
    let mut command = bantin_command();
    command.args(args).current_dir(env!("CARGO_MANIFEST_DIR"));
    if let Some(lang) = lang {
        command.env("LANG", lang);
    }
    let out = command.output().expect("bantin can be started");
    let run = Run {
        code: out.status.code().expect("bantin exited by itself"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    };
    assert!(!run.stderr.contains("panicked"), "bantin {args:?} panicked:\n{}", run.stderr);
    run
}

/// The bantin binary without the `LANG` of the environment the tests run in, so that
/// what it prints does not depend on the machine.
pub fn bantin_command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_bantin"));
    command.env_remove("LANG");
    command
}

pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// A fresh folder under the system's temporary folder, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let crate_name = env!("CARGO_CRATE_NAME");
        let path =
            std::env::temp_dir().join(format!("bantin-{crate_name}-{}-{n}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).expect("temporary folder can be created");
        TempDir(path)
    }

    pub fn join(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Every entry under `dir` (relative to it): files with their bytes, folders as `None`.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Option<Vec<u8>>>) {
        for entry in fs::read_dir(dir).expect("folder can be read") {
            let path = entry.expect("entry can be read").path();
            let rel = path.strip_prefix(root).unwrap().to_path_buf();
            if path.is_dir() {
                out.insert(rel, None);
                walk(root, &path, out);
            } else {
                out.insert(rel, Some(fs::read(&path).expect("file can be read")));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Copies a folder tree, so a test can edit a copy of a fixture.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("folder can be created");
    for entry in fs::read_dir(from).expect("folder can be read") {
        let path = entry.expect("entry can be read").path();
        let target = to.join(path.file_name().expect("entries have names"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            fs::copy(&path, &target).expect("file can be copied");
        }
    }
}

/// Parses RFC 4180 CSV: fields quoted only when they hold a comma, quote or line break.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            _ => field.push(c),
        }
    }
    assert!(!quoted, "the CSV ends inside a quoted field");
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}
