//! Names the commit a binary was built from, for `bantin --version`: `BANTIN_COMMIT`
//! when the release script sets it, else what git says, else "unknown" (a source
//! archive without git).

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=BANTIN_COMMIT");
    println!("cargo:rerun-if-changed=.git/HEAD");
    println!("cargo:rerun-if-changed=.git/refs");
    let commit = std::env::var("BANTIN_COMMIT").ok().filter(|c| !c.is_empty()).or_else(git_commit);
    println!("cargo:rustc-env=BANTIN_COMMIT={}", commit.as_deref().unwrap_or("unknown"));
}

fn git_commit() -> Option<String> {
    let out = Command::new("git").args(["rev-parse", "--short=12", "HEAD"]).output().ok()?;
    let commit = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !commit.is_empty()).then_some(commit)
}
