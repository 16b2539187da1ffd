//! `onlyChangedLines`: which lines of a document differ from the file's git HEAD version.
//!
//! The HEAD version comes from the git CLI (`git cat-file blob HEAD:<path>`, through the
//! hardened [`crate::git`] helper), so slopguard reads a
//! repository exactly as the user's git does. A file outside a repository, untracked, or new
//! since HEAD has no baseline: every line counts as changed.

use crate::git::{self, Git};
use similar::{DiffOp, TextDiff};
use std::path::Path;
use std::time::{Duration, Instant};

/// How long a line diff may take before every line is treated as changed.
const DIFF_TIME_LIMIT: Duration = Duration::from_millis(50);

/// What a document is compared with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Baseline {
    /// No committed version: show every finding.
    None,
    /// The text of the file at HEAD (lossily decoded if it is not UTF-8).
    Head(String),
}

/// Lines of the current text (0-based, sorted, disjoint half-open ranges) that differ from the
/// baseline; `None` means every line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedLines(Option<Vec<(usize, usize)>>);

impl ChangedLines {
    pub const ALL: ChangedLines = ChangedLines(None);

    /// Whether any line of `first..=last` changed.
    pub fn touches(&self, first: usize, last: usize) -> bool {
        match &self.0 {
            None => true,
            Some(ranges) => {
                let i = ranges.partition_point(|&(_, end)| end <= first);
                ranges.get(i).is_some_and(|&(start, _)| start <= last)
            }
        }
    }
}

/// Reads the HEAD version of `path`. Any git failure (no git, not a repository, untracked file,
/// file added since HEAD) means no baseline; the second value explains failures worth logging.
pub fn load(path: &Path) -> (Baseline, Option<String>) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return (Baseline::None, None);
    };
    let Ok(dir) = dir.canonicalize() else {
        return (Baseline::None, None);
    };
    // Not a repository, or git is missing: both mean "show everything".
    let Ok(root) = Git::new(&dir).toplevel() else {
        return (Baseline::None, None);
    };
    let Ok(relative) = dir.join(name).strip_prefix(&root).map(git::spell) else {
        return (Baseline::None, None);
    };
    // `HEAD:<path>` names the committed blob; a file that is untracked or added since HEAD
    // has none. `cat-file blob` prints it as stored: no text conversion, no filter.
    match Git::new(&root).output(&["cat-file", "blob", &format!("HEAD:{relative}")]) {
        Ok(bytes) => {
            let note = std::str::from_utf8(&bytes).is_err().then(|| {
                format!("HEAD version of {relative} is not valid UTF-8; compared lossily")
            });
            (
                Baseline::Head(String::from_utf8_lossy(&bytes).into_owned()),
                note,
            )
        }
        Err(_) => (Baseline::None, None),
    }
}

/// The lines of `current` that are not in `baseline`, by a line diff.
pub fn changed_lines(baseline: &Baseline, current: &str) -> ChangedLines {
    let Baseline::Head(old) = baseline else {
        return ChangedLines::ALL;
    };
    let started = Instant::now();
    let diff = TextDiff::configure()
        .deadline(started + DIFF_TIME_LIMIT)
        .diff_lines(old.as_str(), current);
    if started.elapsed() >= DIFF_TIME_LIMIT {
        // The diff gave up and is coarse: better show too much than hide a new finding.
        return ChangedLines::ALL;
    }
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for op in diff.ops() {
        let new = match *op {
            DiffOp::Equal { .. } | DiffOp::Delete { .. } => continue,
            DiffOp::Insert {
                new_index, new_len, ..
            } => (new_index, new_index + new_len),
            DiffOp::Replace {
                new_index, new_len, ..
            } => (new_index, new_index + new_len),
        };
        match ranges.last_mut() {
            Some(last) if last.1 >= new.0 => last.1 = last.1.max(new.1),
            _ => ranges.push(new),
        }
    }
    ChangedLines(Some(ranges))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_inserted_and_replaced_lines_count() {
        let old = Baseline::Head("a\nb\nc\nd\n".into());
        let changed = changed_lines(&old, "a\nNEW\nb\nc\nD\n");
        assert!(!changed.touches(0, 0));
        assert!(changed.touches(1, 1));
        assert!(!changed.touches(2, 3));
        assert!(changed.touches(4, 4));
        assert!(
            changed.touches(0, 2),
            "a multi-line finding touching a changed line"
        );
        assert!(changed_lines(&Baseline::None, "x").touches(0, 0));
        assert!(!changed_lines(&old, "a\nb\nc\nd\n").touches(0, 10));
    }

    fn run(dir: &Path, args: &[&str]) {
        use std::process::{Command, Stdio};
        let status = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    }

    #[test]
    fn head_version_of_tracked_files_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        run(root, &["init", "-q"]);
        run(root, &["config", "user.email", "t@example.invalid"]);
        run(root, &["config", "user.name", "t"]);
        std::fs::create_dir(root.join("src")).unwrap();
        std::fs::write(root.join("src/app.py"), "x = 1\n").unwrap();
        run(root, &["add", "."]);
        run(root, &["commit", "-q", "-m", "init"]);
        std::fs::write(root.join("src/app.py"), "x = 2\n").unwrap();
        std::fs::write(root.join("src/new.py"), "y = 1\n").unwrap();
        let (baseline, note) = load(&root.join("src/app.py"));
        assert_eq!(baseline, Baseline::Head("x = 1\n".into()));
        assert_eq!(note, None);
        assert_eq!(load(&root.join("src/new.py")).0, Baseline::None);
        let outside = tempfile::tempdir().unwrap();
        assert_eq!(load(&outside.path().join("a.py")).0, Baseline::None);
    }

    #[test]
    fn head_version_of_files_with_unusual_names() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        run(root, &["init", "-q"]);
        let names = ["back\\slash.py", "sp ace.py", "*.py", "ün\ticödé.py"];
        for (i, name) in names.iter().enumerate() {
            std::fs::write(root.join(name), format!("x = {i}\n")).unwrap();
        }
        run(root, &["add", "."]);
        run(
            root,
            &[
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@x.invalid",
                "commit",
                "-qm",
                "i",
            ],
        );
        for (i, name) in names.iter().enumerate() {
            assert_eq!(
                load(&root.join(name)).0,
                Baseline::Head(format!("x = {i}\n")),
                "{name}"
            );
        }
    }
}
