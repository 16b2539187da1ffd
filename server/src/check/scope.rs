//! Scopes: which lines of which files a check reports on. `--staged` and `--diff REV` ask the
//! git CLI (the tool users already trust with their history) for the changed lines.

use crate::config::normalize;
use crate::git::{self, Git, GitError, patch};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// What a check reports on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Scope {
    /// Whole files.
    #[default]
    All,
    /// Lines added or changed in the git index, against `HEAD`.
    Staged,
    /// Lines changed since the merge base of a revision and `HEAD`, uncommitted work included.
    Diff(String),
}

/// The changed lines of the files one scope covers.
#[derive(Debug, Clone)]
pub enum LineSet {
    /// A file git does not track: every line is new.
    All,
    /// 0-based inclusive line ranges, sorted.
    Ranges(Vec<(u32, u32)>),
}

impl LineSet {
    /// Whether any line of `first..=last` changed.
    pub fn overlaps(&self, first: u32, last: u32) -> bool {
        match self {
            LineSet::All => true,
            LineSet::Ranges(ranges) => ranges.iter().any(|&(a, b)| a <= last && first <= b),
        }
    }
}

/// The changed lines of a repository for one scope.
#[derive(Debug)]
pub struct ChangedLines {
    root: PathBuf,
    changed: HashMap<PathBuf, LineSet>,
    tracked: HashSet<PathBuf>,
    /// `--staged`: changed files are read from the index, which is what will be committed
    /// (the work tree may hold unstaged edits that move lines).
    from_index: bool,
}

impl ChangedLines {
    /// Asks git. `cwd` must be inside a work tree.
    pub fn from_git(scope: &Scope, cwd: &Path) -> Result<ChangedLines, String> {
        let flag = match scope {
            Scope::All => unreachable!("whole files need no git"),
            Scope::Staged => "--staged",
            Scope::Diff(_) => "--diff",
        };
        let root = Git::new(cwd).toplevel().map_err(|e| {
            format!(
                "{flag} needs a git repository, and none was found at or above {}: {e}",
                cwd.display()
            )
        })?;
        let git = Git::new(&root);
        let base = match scope {
            Scope::All => unreachable!(),
            Scope::Staged => "--cached".to_string(),
            Scope::Diff(rev) => {
                let known = |e| format!("--diff {rev}: not a revision git knows: {e}");
                if rev.starts_with('-') {
                    return Err(known(GitError::UnknownRevision(rev.clone())));
                }
                let base = git
                    .output(&["merge-base", rev, "HEAD"])
                    .or_else(|_| {
                        git.output(&["rev-parse", "--verify", &format!("{rev}^{{commit}}")])
                    })
                    .map_err(known)?;
                String::from_utf8_lossy(&base).trim().to_string()
            }
        };
        // Everything that shapes the patch is spelled out, so the repository's `diff.*`
        // settings (prefixes, `relative`, inter-hunk context, colour) cannot change it.
        let diff = |format: &[&str]| {
            let mut args = vec![
                "diff",
                "--no-color",
                "--no-ext-diff",
                "--no-textconv",
                "--no-relative",
                "-M",
            ];
            args.extend(format);
            args.extend([base.as_str(), "--"]);
            git.output(&args).map_err(|e| e.to_string())
        };
        let patch = diff(&[
            "-U0",
            "--inter-hunk-context=0",
            "--src-prefix=a/",
            "--dst-prefix=b/",
        ])?;
        let mut changed: HashMap<PathBuf, LineSet> = patch::added_lines(&patch)
            .into_iter()
            .map(|file| (root.join(file.path), LineSet::Ranges(file.ranges)))
            .collect();
        // Git shows no lines of a file it takes for binary (a NUL in the first 8 KB), but
        // slopguard may analyse it as text: all of it counts as changed.
        for path in binary_files(&diff(&["-z", "--numstat"])?) {
            changed.insert(root.join(path), LineSet::All);
        }
        let listing = git
            .output(&["ls-files", "-z", "--cached"])
            .map_err(|e| e.to_string())?;
        let tracked = listing
            .split(|b| *b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| root.join(git::path_from_bytes(p.to_vec())))
            .collect();
        Ok(ChangedLines {
            root,
            changed,
            tracked,
            from_index: *scope == Scope::Staged,
        })
    }

    /// For `--staged`, the staged contents of a changed file; `None` when the file is read
    /// from the work tree (other scopes, untracked files).
    pub fn staged_contents(&self, absolute: &Path) -> Option<Result<Vec<u8>, String>> {
        let path = normalize(absolute);
        if !self.from_index || !self.changed.contains_key(&path) {
            return None;
        }
        let relative = path.strip_prefix(&self.root).ok()?;
        let spec = format!(":{}", git::spell(relative));
        Some(
            Git::new(&self.root)
                .output(&["cat-file", "blob", &spec])
                .map_err(|e| e.to_string()),
        )
    }

    /// The changed lines of `absolute`, or `None` when the scope leaves the file out: git
    /// tracks it and it did not change, or (`--staged`) git does not track it, so it is not
    /// being committed. For `--diff`, untracked files are uncommitted work: all new.
    pub fn lines_for(&self, absolute: &Path) -> Option<&LineSet> {
        let path = normalize(absolute);
        match self.changed.get(&path) {
            Some(lines) => Some(lines),
            None if self.from_index || self.tracked.contains(&path) => None,
            None => Some(&LineSet::All),
        }
    }
}

/// The paths of the binary files in `git diff -z --numstat` output (`-\t-\t<path>\0`, or
/// `-\t-\t\0<old>\0<new>\0` for a rename).
fn binary_files(numstat: &[u8]) -> Vec<PathBuf> {
    let mut binary = Vec::new();
    let mut fields = numstat.split(|b| *b == 0);
    while let Some(entry) = fields.next() {
        let mut columns = entry.splitn(3, |b| *b == b'\t');
        let (Some(added), Some(_), Some(path)) = (columns.next(), columns.next(), columns.next())
        else {
            continue;
        };
        let path = if path.is_empty() {
            fields.next();
            fields.next().unwrap_or_default()
        } else {
            path
        };
        if added == b"-" && !path.is_empty() {
            binary.push(git::path_from_bytes(path.to_vec()));
        }
    }
    binary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numstat_names_binary_files_renamed_or_not() {
        let numstat =
            b"1\t0\ttext.py\0-\t-\tblob.js\0-\t-\t\0old.bin\0new name.bin\x000\t0\t\0a.py\0b.py\0";
        assert_eq!(
            binary_files(numstat),
            vec![PathBuf::from("blob.js"), PathBuf::from("new name.bin")]
        );
    }

    #[test]
    fn line_sets_overlap_spans() {
        let lines = LineSet::Ranges(vec![(2, 2), (10, 11)]);
        assert!(lines.overlaps(2, 2));
        assert!(lines.overlaps(0, 3));
        assert!(lines.overlaps(11, 20));
        assert!(!lines.overlaps(3, 9));
        assert!(LineSet::All.overlaps(100, 100));
    }
}
