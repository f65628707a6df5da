//! Write: putting a built site in place, whole or not at all.
//!
//! Everything is written into a fresh folder beside the target; only when that
//! succeeded is the old folder moved aside and the new one renamed into its place.

use rayon::prelude::*;
use std::io;
use std::path::{Path, PathBuf};

/// One file of the built site.
pub struct OutputFile {
    /// Relative to the output folder, with `/` separators.
    pub path: String,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> OutputFile {
        OutputFile { path: path.into(), bytes: bytes.into() }
    }
}

/// Writes `files` and copies `statics` (paths relative to `static_dir`) into a new
/// folder, then swaps it in for `output`. On any error the old `output` is untouched.
pub fn replace_output(
    output: &Path,
    files: &[OutputFile],
    static_dir: &Path,
    statics: &[PathBuf],
) -> io::Result<()> {
    let staging = sibling(output, "new");
    remove_if_present(&staging)?;
    let written = fill(&staging, files, static_dir, statics);
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    swap_in(&staging, output)
}

fn fill(staging: &Path, files: &[OutputFile], static_dir: &Path, statics: &[PathBuf]) -> io::Result<()> {
    std::fs::create_dir_all(staging)?;
    statics.par_iter().try_for_each(|rel| {
        let to = staging.join(rel);
        create_parent(&to)?;
        std::fs::copy(static_dir.join(rel), to).map(drop)
    })?;
    files.par_iter().try_for_each(|f| {
        let to = staging.join(&f.path);
        create_parent(&to)?;
        std::fs::write(to, &f.bytes)
    })
}

fn create_parent(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(parent) => std::fs::create_dir_all(parent),
        None => Ok(()),
    }
}

/// `out` → `.out.bantin-new` beside it.
fn sibling(output: &Path, what: &str) -> PathBuf {
    let name =
        output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    output.with_file_name(format!(".{name}.bantin-{what}"))
}

fn remove_if_present(path: &Path) -> io::Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

fn swap_in(staging: &Path, output: &Path) -> io::Result<()> {
    if !output.exists() {
        return std::fs::rename(staging, output);
    }
    let old = sibling(output, "old");
    remove_if_present(&old)?;
    std::fs::rename(output, &old)?;
    if let Err(e) = std::fs::rename(staging, output) {
        std::fs::rename(&old, output)?;
        return Err(e);
    }
    remove_if_present(&old)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staging_folders_sit_beside_the_output() {
        assert_eq!(sibling(Path::new("site/output"), "new"), PathBuf::from("site/.output.bantin-new"));
    }
}
