//! Rule directories on disk: every `*.toml` below a directory, in a stable order, and for a
//! directory a scanned repository names, nothing outside that repository.

use super::{Rule, RuleError, parse_rule};
use std::path::{Path, PathBuf};

/// Reads every `*.toml` below `dir` (sorted, so errors and ids come in a stable order).
pub fn load_dir(dir: &Path) -> Result<Vec<Rule>, Vec<RuleError>> {
    load_dir_bounded(dir, None)
}

/// [`load_dir`] for a directory a scanned repository names (`[rules] extra-dirs` in its
/// `slopguard.toml`): nothing outside `root` is read, through `..` or a symbolic link; each
/// such path is an error instead, so a repository cannot make slopguard read the user's files.
pub fn load_dir_within(dir: &Path, root: &Path) -> Result<Vec<Rule>, Vec<RuleError>> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    load_dir_bounded(dir, Some(&root))
}

/// The paths below `dir` (or `dir` itself) that lead outside `root`, which
/// [`load_dir_within`] refuses: for a shell that loads the directory later and must refuse it
/// now. A directory that cannot be listed has none.
pub fn paths_outside(dir: &Path, root: &Path) -> Vec<PathBuf> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    list_bounded(dir, Some(&root)).map_or_else(|_| Vec::new(), |(_, outside)| outside)
}

/// The `*.toml` files below `dir`, and the paths not read because they lead outside `within`.
fn list_bounded(
    dir: &Path,
    within: Option<&Path>,
) -> std::io::Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let outside = |path: &Path| {
        within.is_some_and(|root| {
            path.canonicalize()
                .is_ok_and(|real| !real.starts_with(root))
        })
    };
    let (mut files, mut refused) = (Vec::new(), Vec::new());
    if outside(dir) {
        refused.push(dir.to_path_buf());
    } else {
        collect_toml_files(dir, &mut files, &outside, &mut refused)?;
    }
    Ok((files, refused))
}

fn load_dir_bounded(dir: &Path, within: Option<&Path>) -> Result<Vec<Rule>, Vec<RuleError>> {
    let mut errors = Vec::new();
    let (mut files, outside_paths) = list_bounded(dir, within).map_err(|e| {
        vec![RuleError {
            origin: dir.display().to_string(),
            line: None,
            message: e.to_string(),
        }]
    })?;
    for path in outside_paths {
        errors.push(RuleError {
            origin: path.display().to_string(),
            line: None,
            message: "outside the project: a repository's rule directories must be inside \
                      it (not read)"
                .into(),
        });
    }
    files.sort();
    let mut rules = Vec::new();
    for path in files {
        let origin = path.display().to_string();
        match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => {
                    match parse_rule(&text, &origin, path.file_stem().and_then(|s| s.to_str())) {
                        Ok(rule) => rules.push(rule),
                        Err(e) => errors.push(e),
                    }
                }
                Err(_) => errors.push(RuleError {
                    origin,
                    line: None,
                    message: "not valid UTF-8".into(),
                }),
            },
            Err(e) => errors.push(RuleError {
                origin,
                line: None,
                message: e.to_string(),
            }),
        }
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(errors)
    }
}

/// The `*.toml` files below `dir`; paths `outside` says may not be read are listed apart.
fn collect_toml_files(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    outside: &dyn Fn(&Path) -> bool,
    refused: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if outside(&path) {
            refused.push(path);
            continue;
        }
        // Follow symbolic links: a corpus or rule directory may link in another.
        if std::fs::metadata(&path)?.is_dir() {
            collect_toml_files(&path, out, outside, refused)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}
