//! `onlyChangedLines`: which lines of a document differ from the file's git HEAD version.
//!
//! The HEAD version comes from the git CLI (`git cat-file blob HEAD:<path>`, through the
//! hardened [`crate::git`] helper), so slopguard reads a
//! repository exactly as the user's git does. A file outside a repository, untracked, or new
//! since HEAD has no baseline: every line counts as changed.

use crate::git::{self, Git};
use foldhash::fast::RandomState;
use similar::{Algorithm, DiffOp};
use std::hash::BuildHasher;
use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// How long a line diff may take before every line is treated as changed.
const DIFF_TIME_LIMIT: Duration = Duration::from_millis(50);

/// What a document is compared with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Baseline {
    /// No committed version: show every finding.
    None,
    /// The text of the file at HEAD (lossily decoded if it is not UTF-8).
    Head(HeadText),
}

/// A document's HEAD version, kept as one hash per line: comparing it with the text after an
/// edit hashes the current lines and diffs the two lists. The HEAD text itself is not kept: it
/// was as large as the document (200 open 1k-line files held 6.9 MB of HEAD texts) and only
/// served to find the shared start and end by byte comparison, which hashing the current
/// lines does too (about 0.2 ms for 20,000 lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadText {
    /// One hash per line (`split_inclusive('\n')`), keyed with [`line_hasher`].
    lines: Vec<u64>,
}

impl HeadText {
    pub fn new(text: &str) -> HeadText {
        HeadText {
            lines: line_hashes(text),
        }
    }
}

impl From<&str> for HeadText {
    fn from(text: &str) -> HeadText {
        HeadText::new(text)
    }
}

impl From<String> for HeadText {
    fn from(text: String) -> HeadText {
        HeadText::new(&text)
    }
}

/// The line hasher, seeded once per process: lines cannot be crafted to collide with the HEAD
/// version's and so hide a change, and every document's hashes compare with each other.
fn line_hasher() -> &'static RandomState {
    static HASHER: OnceLock<RandomState> = OnceLock::new();
    HASHER.get_or_init(RandomState::default)
}

fn line_hashes(text: &str) -> Vec<u64> {
    let hasher = line_hasher();
    text.split_inclusive('\n')
        .map(|line| hasher.hash_one(line))
        .collect()
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
                Baseline::Head(HeadText::new(&String::from_utf8_lossy(&bytes))),
                note,
            )
        }
        Err(_) => (Baseline::None, None),
    }
}

/// The lines of `current` that are not in `baseline`, by a line diff.
///
/// It runs after every edit, so it diffs line hashes, not text (a text diff of 20,000 lines
/// took 30-65 ms, over the time limit, so every line counted as changed), and only the lines
/// between the start and the end the two versions share.
pub fn changed_lines(baseline: &Baseline, current: &str) -> ChangedLines {
    let Baseline::Head(head) = baseline else {
        return ChangedLines::ALL;
    };
    let started = Instant::now();
    let (old, new) = (&head.lines, line_hashes(current));
    let first_line = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let suffix_lines = old[first_line..]
        .iter()
        .rev()
        .zip(new[first_line..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let old_middle = &old[first_line..old.len() - suffix_lines];
    let new_middle = &new[first_line..new.len() - suffix_lines];
    let ops = similar::capture_diff_slices_deadline(
        Algorithm::Myers,
        old_middle,
        new_middle,
        Some(started + DIFF_TIME_LIMIT),
    );
    if started.elapsed() >= DIFF_TIME_LIMIT {
        // The diff gave up and is coarse: better show too much than hide a new finding.
        return ChangedLines::ALL;
    }
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for op in ops {
        let new = match op {
            DiffOp::Equal { .. } | DiffOp::Delete { .. } => continue,
            DiffOp::Insert {
                new_index, new_len, ..
            }
            | DiffOp::Replace {
                new_index, new_len, ..
            } => (first_line + new_index, first_line + new_index + new_len),
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

    /// The lines a plain text diff of the whole texts marks inserted or replaced: the reference.
    fn reference(old: &str, new: &str) -> Vec<usize> {
        let diff = similar::TextDiff::from_lines(old, new);
        let mut lines = Vec::new();
        for op in diff.ops() {
            if let DiffOp::Insert {
                new_index, new_len, ..
            }
            | DiffOp::Replace {
                new_index, new_len, ..
            } = *op
            {
                lines.extend(new_index..new_index + new_len);
            }
        }
        lines
    }

    fn changed(baseline: &Baseline, new: &str) -> Vec<usize> {
        let ChangedLines(Some(ranges)) = changed_lines(baseline, new) else {
            panic!("the diff gave up");
        };
        ranges.iter().flat_map(|&(a, b)| a..b).collect()
    }

    /// The lines of `new` outside `changed`, in order, must be lines of `old` in order: the
    /// unchanged lines are a common subsequence.
    fn unchanged_are_common(old: &str, new: &str, changed: &[usize]) -> bool {
        let mut old_lines = old.split_inclusive('\n');
        new.split_inclusive('\n')
            .enumerate()
            .filter(|(i, _)| !changed.contains(i))
            .all(|(_, line)| old_lines.any(|o| o == line))
    }

    #[test]
    fn the_trimmed_hashed_diff_is_as_small_as_a_full_text_diff() {
        let pool = ["a\n", "b\n", "x = 1\n", "\n", "eval(x)\n", "a\r\n", "tail"];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..2_000 {
            let len = next(30);
            let mut lines: Vec<&str> = (0..len).map(|_| pool[next(pool.len() - 1)]).collect();
            if next(3) == 0 {
                lines.push("tail"); // a last line without a newline
            }
            let old = lines.concat();
            for _ in 0..next(4) + 1 {
                let at = next(lines.len() + 1);
                match next(3) {
                    0 => lines.insert(at, pool[next(pool.len())]),
                    1 if at < lines.len() => drop(lines.remove(at)),
                    _ if at < lines.len() => lines[at] = pool[next(pool.len() - 1)],
                    _ => {}
                }
            }
            let new = lines.concat();
            let baseline = Baseline::Head(old.as_str().into());
            let found = changed(&baseline, &new);
            assert!(
                unchanged_are_common(&old, &new, &found),
                "{old:?} -> {new:?}: {found:?}"
            );
            assert_eq!(
                found.len(),
                reference(&old, &new).len(),
                "{old:?} -> {new:?}: {found:?}"
            );
        }
    }

    #[test]
    fn an_edit_in_a_long_text_marks_its_lines_only() {
        let head: String = (0..20_000).map(|i| format!("value_{i} = {i}\n")).collect();
        let baseline = Baseline::Head(head.as_str().into());
        for line in [0, 1, 9_999, 19_999] {
            let mut lines: Vec<String> = head.lines().map(|l| format!("{l}\n")).collect();
            lines.insert(line, "eval(x)\n".into());
            lines[(line + 5) % 20_000] = "changed\n".into();
            let new = lines.concat();
            let mut expected = vec![line, (line + 5) % 20_000];
            expected.sort();
            assert_eq!(changed(&baseline, &new), expected);
        }
        assert_eq!(changed(&baseline, &head), Vec::<usize>::new());
        assert_eq!(changed(&baseline, ""), Vec::<usize>::new());
        assert_eq!(changed(&Baseline::Head("".into()), "a\nb"), vec![0, 1]);
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
                Baseline::Head(format!("x = {i}\n").into()),
                "{name}"
            );
        }
    }
}
