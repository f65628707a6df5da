//! Write: putting a built site in place, whole or not at all.
//!
//! Everything is written into a fresh folder beside the target; only when that
//! succeeded is the old folder moved aside and the new one renamed into its place.

use rayon::prelude::*;
use std::io;
use std::path::{Path, PathBuf};

/// One file of the site.
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

/// A new output folder being filled beside the old one. Files are written into it as
/// they are made; [`Staging::commit`] swaps it in for the output. Dropped without a
/// commit, it is removed and the old output stays as it was.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    committed: bool,
}

impl Staging {
    pub fn new(output: &Path) -> io::Result<Staging> {
        let dir = sibling(output, "new");
        remove_if_present(&dir)?;
        std::fs::create_dir_all(&dir)?;
        Ok(Staging { dir, output: output.to_path_buf(), committed: false })
    }

    /// Writes one file (path relative to the output, with `/` separators).
    pub fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let to = self.dir.join(path);
        match std::fs::write(&to, bytes) {
            // Folders are made on first need: one failed call is cheaper than a check per file.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                create_parent(&to)?;
                std::fs::write(&to, bytes)
            }
            written => written,
        }
    }

    /// Copies `statics` (paths relative to `static_dir`).
    pub fn copy_statics(&self, static_dir: &Path, statics: &[PathBuf]) -> io::Result<()> {
        statics.par_iter().try_for_each(|rel| {
            let to = self.dir.join(rel);
            create_parent(&to)?;
            std::fs::copy(static_dir.join(rel), to).map(drop)
        })
    }

    /// Puts the new folder in place of the output.
    pub fn commit(mut self) -> io::Result<()> {
        swap_in(&self.dir, &self.output)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
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
