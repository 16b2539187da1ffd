//! Scopes: which lines of which files a check reports on. `--staged` and `--diff REV` ask the
//! git CLI (the tool users already trust with their history) for the changed lines.

use crate::config::normalize;
use crate::git::Git;
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
        let root = git(cwd, &["rev-parse", "--show-toplevel"]).map_err(|e| {
            format!(
                "{flag} needs a git repository, and none was found at or above {}: {e}",
                cwd.display()
            )
        })?;
        let root = PathBuf::from(root.trim_end_matches(['\n', '\r']));
        let base_args: Vec<String> = match scope {
            Scope::All => unreachable!(),
            Scope::Staged => vec!["--cached".into()],
            Scope::Diff(rev) => {
                let base = git(&root, &["merge-base", rev, "HEAD"])
                    .or_else(|_| {
                        git(
                            &root,
                            &["rev-parse", "--verify", &format!("{rev}^{{commit}}")],
                        )
                    })
                    .map_err(|e| format!("--diff {rev}: not a revision git knows: {e}"))?;
                vec![base.trim().to_string()]
            }
        };
        let mut args = vec![
            "-c",
            "core.quotePath=false",
            "diff",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "-U0",
            "-M",
        ];
        args.extend(base_args.iter().map(String::as_str));
        args.push("--");
        let patch = git(&root, &args)?;
        let changed = parse_patch(&patch)
            .into_iter()
            .map(|(path, ranges)| (root.join(path), LineSet::Ranges(ranges)))
            .collect();
        let listing = git(&root, &["ls-files", "-z", "--cached"])?;
        let tracked = listing
            .split('\0')
            .filter(|p| !p.is_empty())
            .map(|p| root.join(p))
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
        let spec = format!(":{}", relative.to_string_lossy().replace('\\', "/"));
        Some(
            Git::new(&self.root)
                .output(&["cat-file", "blob", &spec])
                .map_err(|e| e.to_string()),
        )
    }

    /// The changed lines of `absolute`, or `None` when the scope leaves the file out (git
    /// tracks it and it did not change). Files git cannot see are new.
    pub fn lines_for(&self, absolute: &Path) -> Option<&LineSet> {
        let path = normalize(absolute);
        match self.changed.get(&path) {
            Some(lines) => Some(lines),
            None if self.tracked.contains(&path) => None,
            None => Some(&LineSet::All),
        }
    }
}

/// Runs git in `dir` and returns its standard output.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    Git::new(dir)
        .output(args)
        .map(|out| String::from_utf8_lossy(&out).into_owned())
        .map_err(|e| e.to_string())
}

/// The added lines of each file in a `-U0` patch: path (relative to the repository root) to
/// sorted 0-based inclusive line ranges. Deleted files and pure deletions add nothing.
fn parse_patch(patch: &str) -> HashMap<PathBuf, Vec<(u32, u32)>> {
    let mut files: HashMap<PathBuf, Vec<(u32, u32)>> = HashMap::new();
    let mut current: Option<PathBuf> = None;
    for line in patch.lines() {
        if let Some(target) = line.strip_prefix("+++ ") {
            current = if target == "/dev/null" {
                None
            } else {
                let target = unquote(target);
                Some(PathBuf::from(target.strip_prefix("b/").unwrap_or(&target)))
            };
            if let Some(path) = &current {
                files.entry(path.clone()).or_default();
            }
        } else if let Some(hunk) = line.strip_prefix("@@ ")
            && let Some(path) = &current
            && let Some((start, count)) = added_range(hunk)
            && count > 0
        {
            let first = start.saturating_sub(1);
            files
                .entry(path.clone())
                .or_default()
                .push((first, first + count - 1));
        }
    }
    for ranges in files.values_mut() {
        ranges.sort_unstable();
    }
    files
}

/// `-a,b +c,d @@ ...` → `(c, d)`, with `d` defaulting to 1.
fn added_range(hunk: &str) -> Option<(u32, u32)> {
    let plus = hunk.split_whitespace().find(|p| p.starts_with('+'))?;
    let plus = &plus[1..];
    let (start, count) = match plus.split_once(',') {
        Some((start, count)) => (start.parse().ok()?, count.parse().ok()?),
        None => (plus.parse().ok()?, 1),
    };
    Some((start, count))
}

/// Undoes git's C-style quoting of unusual paths (`"a\tb.py"`).
fn unquote(path: &str) -> String {
    let Some(inner) = path.strip_prefix('"').and_then(|p| p.strip_suffix('"')) else {
        return path.to_string();
    };
    let mut bytes = Vec::new();
    let mut chars = inner.bytes().peekable();
    while let Some(b) = chars.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match chars.next() {
            Some(b'n') => bytes.push(b'\n'),
            Some(b't') => bytes.push(b'\t'),
            Some(b'r') => bytes.push(b'\r'),
            Some(d @ b'0'..=b'7') => {
                let mut value = u32::from(d - b'0');
                for _ in 0..2 {
                    if let Some(&next @ b'0'..=b'7') = chars.peek() {
                        value = value * 8 + u32::from(next - b'0');
                        chars.next();
                    }
                }
                bytes.push(value as u8);
            }
            Some(other) => bytes.push(other),
            None => bytes.push(b'\\'),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patches_give_added_line_ranges() {
        let patch = "\
diff --git a/app.py b/app.py
--- a/app.py
+++ b/app.py
@@ -3 +3 @@ def f():
-x
+y
@@ -10,0 +11,2 @@
+a
+b
@@ -20,2 +21,0 @@
-gone
diff --git a/old.py b/old.py
--- a/old.py
+++ /dev/null
@@ -1 +0,0 @@
-x
diff --git a/new.py b/new.py
--- /dev/null
+++ b/new.py
@@ -0,0 +1 @@
+z
";
        let files = parse_patch(patch);
        assert_eq!(files[Path::new("app.py")], vec![(2, 2), (10, 11)]);
        assert_eq!(files[Path::new("new.py")], vec![(0, 0)]);
        assert!(!files.contains_key(Path::new("old.py")));
    }

    #[test]
    fn quoted_paths_are_unquoted() {
        assert_eq!(unquote("\"b/a\\tb.py\""), "b/a\tb.py");
        assert_eq!(unquote("\"b/\\303\\251.py\""), "b/é.py");
        assert_eq!(unquote("b/plain.py"), "b/plain.py");
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
