//! `bantin new`: a starter bulletin in a new or empty folder — site.yaml with every
//! setting explained, one example article, and the data workbook with example units
//! and reports — that `bantin check` passes and `bantin build` makes a site of.

use crate::catalog::{self, Starter};
use crate::model::{Language, Site};
use crate::sheets::columns::fields_of;
use std::path::{Path, PathBuf};

/// Why a starter bulletin or theme was not written.
#[derive(Debug)]
pub enum NewError {
    /// The folder holds files already (or is a file).
    NotEmpty(PathBuf),
    Write(PathBuf, std::io::Error),
}

/// site.yaml of a starter bulletin: each setting the model reads, with its comment.
pub fn site_yaml(starter: &Starter) -> String {
    let known = fields_of::<Site>();
    let mut out = String::from(starter.site_intro);
    for (key, setting) in starter.site.all() {
        if !known.contains(&key) {
            continue;
        }
        out.push('\n');
        for line in setting.comment.lines() {
            out.push_str(&format!("# {line}\n"));
        }
        out.push_str(setting.line);
        out.push('\n');
    }
    out
}

/// Writes a starter bulletin into `dir`, worded in `language`; the path of its workbook.
pub fn write(dir: &Path, language: Language) -> Result<PathBuf, NewError> {
    refuse_unless_new_or_empty(dir)?;
    let starter = catalog::starter(language);
    let workbook = crate::sheets::template::data_workbook(language)
        .map_err(|e| NewError::Write(dir.join("data"), std::io::Error::other(e)))?;
    let workbook_path = Path::new("data").join(starter.workbook);
    let files: [(PathBuf, Vec<u8>); 3] = [
        (PathBuf::from("site.yaml"), site_yaml(starter).into_bytes()),
        (Path::new("news").join(format!("{}.md", starter.article_slug)), starter.article.as_bytes().to_vec()),
        (workbook_path.clone(), workbook),
    ];
    write_files(dir, files)?;
    Ok(dir.join(workbook_path))
}

/// Copies the built-in theme into `dir`, a folder a site can name with `--templates`;
/// how many files it wrote.
pub fn theme(dir: &Path) -> Result<usize, NewError> {
    refuse_unless_new_or_empty(dir)?;
    let files: Vec<(PathBuf, Vec<u8>)> = crate::render::theme::built_in()
        .map(|(name, text)| (PathBuf::from(name), text.as_bytes().to_vec()))
        .collect();
    let count = files.len();
    write_files(dir, files)?;
    Ok(count)
}

/// Nothing a user made is ever overwritten: only a new or empty folder is written into.
fn refuse_unless_new_or_empty(dir: &Path) -> Result<(), NewError> {
    let empty = match std::fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_none(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
        Err(_) => false,
    };
    if !empty || dir.is_file() {
        return Err(NewError::NotEmpty(dir.to_path_buf()));
    }
    Ok(())
}

fn write_files(dir: &Path, files: impl IntoIterator<Item = (PathBuf, Vec<u8>)>) -> Result<(), NewError> {
    for (rel, bytes) in files {
        let path = dir.join(rel);
        let parent = path.parent().unwrap_or(dir);
        std::fs::create_dir_all(parent).map_err(|e| NewError::Write(parent.to_path_buf(), e))?;
        std::fs::write(&path, bytes).map_err(|e| NewError::Write(path.clone(), e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_yaml_reads_as_the_site_settings() {
        for language in [Language::Vi, Language::En] {
            let yaml = site_yaml(catalog::starter(language));
            let site: Site = serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
            assert_eq!(site.language, language);
            assert!(yaml.lines().filter(|l| l.starts_with("# ")).count() > 10, "{yaml}");
        }
    }
}
