//! Write: putting a built site in place, whole or not at all, and only where bantin may.
//!
//! The output folder belongs to bantin (SPEC §1). [`Output::claim`] refuses any path
//! that is not a new folder, an empty one or one an earlier build made (marked by
//! [`MARK`]), before anything is written; then it holds a lock beside the output, so
//! builds into one output take turns, and puts back what a build killed mid-swap left.
//! Each build fills a staging folder of its own beside the output; [`Staging::commit`]
//! swaps it in so that the output path holds the old site or the new one at every
//! instant.

use crate::catalog::Words;
use rayon::prelude::*;
use std::fs::{self, File};
use std::io;
use std::path::{Component, Path, PathBuf};

/// The file that marks a folder as a bantin build: a later build may replace it.
pub const MARK: &str = ".bantin";
const MARK_TEXT: &str = "This folder was made by bantin: the next build replaces it as a whole.\n\
Files put here by hand are lost then; put them in the content's static/ folder instead.\n";

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

/// Why a path cannot be a build's output. Shown in English; [`Refusal::message`]
/// words it in the content's language.
#[derive(Debug, thiserror::Error)]
#[error("{}", crate::catalog::words(crate::model::Language::En).refusal(self))]
pub enum Refusal {
    /// The output is an input folder: `(output, input)`.
    IsInput(PathBuf, PathBuf),
    /// The output holds an input folder: `(output, input)`.
    HoldsInput(PathBuf, PathBuf),
    /// The output lies inside an input folder: `(output, input)`.
    InsideInput(PathBuf, PathBuf),
    /// The home folder or the root of a file system.
    Home(PathBuf),
    Root(PathBuf),
    /// Something other than a folder is at the path.
    NotAFolder(PathBuf),
    /// A folder that bantin did not make and that is not empty: its first entries by
    /// name, and how many it has.
    Foreign {
        output: PathBuf,
        first: Vec<String>,
        count: usize,
    },
    /// The path could not be examined or locked.
    Io(PathBuf, #[source] io::Error),
}

impl Refusal {
    /// Why the path is refused and what to do, in the words of one language.
    pub fn message(&self, words: &dyn Words) -> String {
        words.refusal(self)
    }
}

/// The output folder of one build, checked and locked for it.
pub struct Output {
    /// Absolute, with `..` and symlinks resolved.
    path: PathBuf,
    /// Beside the output; removed when the build ends.
    lock_path: PathBuf,
    /// Held until the build ends; the lock is released when the file is closed.
    _lock: File,
}

impl Drop for Output {
    /// The lock file goes before the lock is released: a build waiting on it sees it gone
    /// and locks a new one ([`lock_file`]). Windows does not remove an open file.
    fn drop(&mut self) {
        if cfg!(unix) {
            let _ = fs::remove_file(&self.lock_path);
        }
    }
}

/// Opens and locks the lock file at `path`, calling `waiting` once if another build
/// holds it. A lock taken on a file that its holder removed meanwhile is taken again
/// on the new file, so two builds never both hold "the" lock.
fn lock_file(path: &Path, waiting: impl FnOnce()) -> io::Result<File> {
    let mut waiting = Some(waiting);
    loop {
        let file = File::options().create(true).truncate(false).write(true).open(path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                if let Some(waiting) = waiting.take() {
                    waiting();
                }
                file.lock()?;
            }
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
        if still_at(path, &file) {
            return Ok(file);
        }
    }
}

/// Whether `file` is still the file at `path`.
#[cfg(unix)]
fn still_at(path: &Path, file: &File) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(path), file.metadata()) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_at(_: &Path, _: &File) -> bool {
    true
}

impl Output {
    /// Checks that `output` may be replaced (it does not exist, is empty, or holds an
    /// earlier build) and is neither one of `inputs` nor inside or around one, then
    /// locks it for this build. `waiting` is called when another build holds it.
    pub fn claim(output: &Path, inputs: &[&Path], waiting: impl FnOnce()) -> Result<Output, Refusal> {
        let io_error = |e| Refusal::Io(output.to_path_buf(), e);
        let path = resolve(output).map_err(io_error)?;
        refuse_special(&path, output)?;
        refuse_inputs(&path, output, inputs)?;
        refuse_foreign(&path, output)?;
        let parent = path.parent().ok_or_else(|| Refusal::Root(output.to_path_buf()))?;
        fs::create_dir_all(parent).map_err(io_error)?;
        let lock_path = sibling(&path, "lock");
        let lock = lock_file(&lock_path, waiting).map_err(io_error)?;
        recover(&path).map_err(io_error)?;
        // Another build may have changed the folder while this one waited.
        refuse_foreign(&path, output)?;
        Ok(Output { path, lock_path, _lock: lock })
    }

    /// A new, empty staging folder of this build's own beside the output.
    pub fn stage(&self) -> io::Result<Staging<'_>> {
        let dir = sibling(&self.path, &format!("new-{}", std::process::id()));
        remove_if_present(&dir)?;
        fs::create_dir(&dir)?;
        Ok(Staging { dir, output: self, committed: false })
    }
}

/// `path` made absolute, each `..` taken after the symlinks before it are resolved (as
/// the file system does), and every existing part resolved to its real path.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut out = PathBuf::new();
    for part in std::path::absolute(path)?.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => {
                out.push(other);
                if let Ok(real) = out.canonicalize() {
                    out = real;
                }
            }
        }
    }
    Ok(out)
}

fn refuse_inputs(path: &Path, output: &Path, inputs: &[&Path]) -> Result<(), Refusal> {
    for input in inputs {
        let real = resolve(input).map_err(|e| Refusal::Io(input.to_path_buf(), e))?;
        if real == path {
            return Err(Refusal::IsInput(output.to_path_buf(), input.to_path_buf()));
        }
        if real.starts_with(path) {
            return Err(Refusal::HoldsInput(output.to_path_buf(), input.to_path_buf()));
        }
        if path.starts_with(&real) {
            return Err(Refusal::InsideInput(output.to_path_buf(), input.to_path_buf()));
        }
    }
    Ok(())
}

fn refuse_special(path: &Path, output: &Path) -> Result<(), Refusal> {
    if path.parent().is_none() {
        return Err(Refusal::Root(output.to_path_buf()));
    }
    let homes = ["HOME", "USERPROFILE"].into_iter().filter_map(std::env::var_os);
    if homes.filter_map(|h| resolve(Path::new(&h)).ok()).any(|home| home == path) {
        return Err(Refusal::Home(output.to_path_buf()));
    }
    Ok(())
}

/// Refuses a path that holds anything but a folder bantin made or an empty folder.
fn refuse_foreign(path: &Path, output: &Path) -> Result<(), Refusal> {
    let meta = match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Refusal::Io(output.to_path_buf(), e)),
        Ok(meta) => meta,
    };
    if !meta.is_dir() {
        return Err(Refusal::NotAFolder(output.to_path_buf()));
    }
    if path.join(MARK).is_file() {
        return Ok(());
    }
    let mut names: Vec<String> = fs::read_dir(path)
        .map_err(|e| Refusal::Io(output.to_path_buf(), e))?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    if names.is_empty() {
        return Ok(());
    }
    names.sort();
    let count = names.len();
    names.truncate(5);
    Err(Refusal::Foreign { output: output.to_path_buf(), first: names, count })
}

/// Puts back what a build killed mid-swap left beside the output: the old site moved
/// aside while the output path was empty, and staging folders no build uses any more
/// (the caller holds the lock, so no other build is filling one).
fn recover(path: &Path) -> io::Result<()> {
    let old = sibling(path, "old");
    if old.is_dir() {
        if fs::symlink_metadata(path).is_err() {
            fs::rename(&old, path)?;
        } else {
            fs::remove_dir_all(&old)?;
        }
    }
    let Some(parent) = path.parent() else { return Ok(()) };
    let stale = sibling_name(path, "new-");
    for entry in fs::read_dir(parent)?.filter_map(Result::ok) {
        if entry.file_name().to_string_lossy().starts_with(&stale) {
            remove_if_present(&entry.path())?;
        }
    }
    Ok(())
}

/// A folder filling with a new site beside the output. Files are written into it as
/// they are made; [`Staging::commit`] swaps it in for the output. Dropped without a
/// commit, it is removed and the output stays as it was.
pub struct Staging<'a> {
    dir: PathBuf,
    output: &'a Output,
    committed: bool,
}

impl Staging<'_> {
    /// Writes one file (path relative to the output, with `/` separators).
    pub fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        self.in_folder(path, |to| fs::write(to, bytes))
    }

    /// A file at `path` to write in pieces, for a file too large to hold whole.
    pub fn create(&self, path: &str) -> io::Result<io::BufWriter<File>> {
        let file = self.in_folder(path, |to| File::create(to))?;
        Ok(io::BufWriter::with_capacity(1 << 16, file))
    }

    /// `make` at `path` in the new folder, its folders made on first need: one failed
    /// call is cheaper than a check per file.
    fn in_folder<T>(&self, path: &str, make: impl Fn(&Path) -> io::Result<T>) -> io::Result<T> {
        let to = self.dir.join(path);
        match make(&to) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                create_parent(&to)?;
                make(&to)
            }
            made => made,
        }
    }

    /// Copies `statics` (paths relative to `static_dir`).
    pub fn copy_statics(&self, static_dir: &Path, statics: &[PathBuf]) -> io::Result<()> {
        statics.par_iter().try_for_each(|rel| {
            let to = self.dir.join(rel);
            create_parent(&to)?;
            fs::copy(static_dir.join(rel), to).map(drop)
        })
    }

    /// Marks the new folder as bantin's and puts it in place of the output.
    pub fn commit(mut self) -> io::Result<()> {
        fs::write(self.dir.join(MARK), MARK_TEXT)?;
        swap_in(&self.dir, &self.output.path)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging<'_> {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn create_parent(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(parent) => fs::create_dir_all(parent),
        None => Ok(()),
    }
}

/// `.out.bantin-` + `what`: the name of a file beside `out` that belongs to its builds.
fn sibling_name(output: &Path, what: &str) -> String {
    let name =
        output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    format!(".{name}.bantin-{what}")
}

/// `out` → `.out.bantin-new-42` beside it.
fn sibling(output: &Path, what: &str) -> PathBuf {
    output.with_file_name(sibling_name(output, what))
}

fn remove_if_present(path: &Path) -> io::Result<()> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Puts `staging` at `output`. Where the system can exchange two paths in one step
/// (Linux), the output path never stands empty; elsewhere the old site is moved aside
/// first, and a build after a crash between the two renames puts it back ([`recover`]).
fn swap_in(staging: &Path, output: &Path) -> io::Result<()> {
    if fs::symlink_metadata(output).is_err() {
        return fs::rename(staging, output);
    }
    if exchange(staging, output)? {
        // `staging` now holds the old site.
        return remove_if_present(staging);
    }
    let old = sibling(output, "old");
    remove_if_present(&old)?;
    fs::rename(output, &old)?;
    if let Err(e) = fs::rename(staging, output) {
        fs::rename(&old, output)?;
        return Err(e);
    }
    remove_if_present(&old)
}

/// Exchanges two paths atomically; `false` when this system or file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staging_folders_sit_beside_the_output() {
        assert_eq!(sibling(Path::new("site/output"), "new"), PathBuf::from("site/.output.bantin-new"));
    }
}
