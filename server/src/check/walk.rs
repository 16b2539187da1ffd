//! Which files a check reads: the paths given, directories walked as ripgrep walks them
//! (`.gitignore`, `.ignore`, and the config's `exclude`), hidden files included because `.env`
//! files are where secrets leak.

use crate::config::Excludes;
use ignore::WalkBuilder;
use std::path::{Path, PathBuf};

/// Directories never walked: version-control internals.
const VCS_DIRS: &[&str] = &[".git", ".hg", ".svn", ".jj"];

/// The files below `paths`, sorted. Problems (a path that does not exist, a directory that
/// cannot be read) are collected in `errors`: the run goes on, but must not pass.
pub fn collect_files(
    paths: &[PathBuf],
    excludes: &Excludes,
    cwd: &Path,
    errors: &mut Vec<String>,
) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for root in paths {
        let metadata = match std::fs::metadata(root) {
            Ok(metadata) => metadata,
            Err(e) => {
                errors.push(format!("{}: {e}", root.display()));
                continue;
            }
        };
        if !metadata.is_dir() && !metadata.is_file() {
            // A FIFO or device would block or never end: not something to analyse.
            errors.push(format!(
                "{}: not a regular file or directory",
                root.display()
            ));
            continue;
        }
        if !metadata.is_dir() {
            // A file named explicitly (as pre-commit does) is read even if git ignores it,
            // but the config's `exclude` still applies.
            if !excludes.is_excluded(root, cwd) {
                files.push(root.clone());
            }
            continue;
        }
        let excludes = excludes.clone();
        let cwd = cwd.to_path_buf();
        let walker = WalkBuilder::new(root)
            .hidden(false)
            .require_git(false)
            .filter_entry(move |entry| {
                let is_vcs_dir = entry.file_type().is_some_and(|t| t.is_dir())
                    && entry
                        .file_name()
                        .to_str()
                        .is_some_and(|name| VCS_DIRS.contains(&name));
                !is_vcs_dir && !excludes.is_excluded(entry.path(), &cwd)
            })
            .build();
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                    files.push(tidy(entry.into_path()));
                }
                Ok(_) => {}
                Err(e) => errors.push(e.to_string()),
            }
        }
    }
    files.sort();
    files.dedup();
    files
}

/// `./src/a.py` → `src/a.py`, as ripgrep prints paths below `.`.
fn tidy(path: PathBuf) -> PathBuf {
    match path.strip_prefix(".") {
        Ok(rest) if !rest.as_os_str().is_empty() => rest.to_path_buf(),
        _ => path,
    }
}
