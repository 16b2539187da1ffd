//! Reading the added lines of each file from `git diff -U0` output.
//!
//! Git's patch format is line-based but not self-delimiting by prefix: an added line whose
//! content is `++ i;` reads `+++ i;`, exactly like a file header. So the body of each hunk is
//! counted from its `@@ -a,b +c,d @@` header (b old lines, d new lines, plus `\ No newline`
//! markers) and only what lies between hunks is read as headers.
//!
//! Paths come from the `+++ b/<path>` header: C-quoted (`"b/a\tb.py"`, octal escapes for
//! bytes outside printable ASCII) when git quotes them, otherwise verbatim; either way with a
//! tab appended when the name holds a space. Files without a `+++` header (pure renames, mode changes,
//! binary files) add no lines here; the caller learns about binary files from `--numstat`.
//!
//! No crate is used: the one maintained unified-diff parser in reach (`diffy`) reads one file's
//! patch, not git's multi-file output with its extended headers, and this is ~100 lines.

use std::path::PathBuf;

/// The added lines of one file: its path (relative to the repository root, without the `b/`
/// prefix) and sorted 0-based inclusive line ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedLines {
    pub path: PathBuf,
    pub ranges: Vec<(u32, u32)>,
}

/// Parses a `git diff -U0 --dst-prefix=b/` patch. Deleted files add nothing; a file whose
/// header names it but that has no added lines (a pure deletion of lines) has no ranges.
pub fn added_lines(patch: &[u8]) -> Vec<AddedLines> {
    let mut files: Vec<AddedLines> = Vec::new();
    // Whether the current section's new side is a file (`+++` not `/dev/null`).
    let mut current: Option<usize> = None;
    let mut lines = patch.split(|b| *b == b'\n');
    while let Some(line) = lines.next() {
        if line.starts_with(b"diff --git ") {
            current = None;
        } else if let Some(target) = line.strip_prefix(b"+++ ") {
            current = new_path(target).map(|path| {
                files.push(AddedLines {
                    path,
                    ranges: Vec::new(),
                });
                files.len() - 1
            });
        } else if let Some(header) = line.strip_prefix(b"@@ ") {
            let Some((old, (start, count))) = hunk_counts(header) else {
                continue;
            };
            if let Some(index) = current
                && count > 0
            {
                let first = start.saturating_sub(1);
                files[index]
                    .ranges
                    .push((first, first.saturating_add(count - 1)));
            }
            skip_body(&mut lines, old, count);
        }
    }
    for file in &mut files {
        file.ranges.sort_unstable();
    }
    files
}

/// Consumes a hunk's body: `old` removed and `new` added lines (context lines count as both),
/// and any `\ No newline at end of file` markers among them.
fn skip_body<'a>(lines: &mut impl Iterator<Item = &'a [u8]>, mut old: u32, mut new: u32) {
    while old > 0 || new > 0 {
        let Some(line) = lines.next() else {
            return;
        };
        match line.first() {
            Some(b'-') => old = old.saturating_sub(1),
            Some(b'+') => new = new.saturating_sub(1),
            Some(b'\\') => {}
            // A context line (` `, or empty under `diff.suppressBlankEmpty`).
            _ => {
                old = old.saturating_sub(1);
                new = new.saturating_sub(1);
            }
        }
    }
}

/// The file a `+++ ` header names, or `None` for `/dev/null`.
fn new_path(target: &[u8]) -> Option<PathBuf> {
    if target == b"/dev/null" {
        return None;
    }
    // Git appends a tab to a name that holds a space (for GNU patch), quoted or not; a real
    // tab in a name would have made git quote it.
    let target = target.strip_suffix(b"\t").unwrap_or(target);
    let bytes = if target.first() == Some(&b'"') {
        unquote(target)?
    } else {
        target.to_vec()
    };
    let bytes = bytes.strip_prefix(b"b/").map(<[u8]>::to_vec)?;
    Some(super::path_from_bytes(bytes))
}

/// `-a[,b] +c[,d] @@ ...` → `(b, (c, d))`, counts defaulting to 1.
fn hunk_counts(header: &[u8]) -> Option<(u32, (u32, u32))> {
    let header = std::str::from_utf8(header.split(|b| *b == b'@').next()?).ok()?;
    let mut parts = header.split_whitespace();
    let old = range(parts.next()?.strip_prefix('-')?)?;
    let new = range(parts.next()?.strip_prefix('+')?)?;
    Some((old.1, new))
}

fn range(text: &str) -> Option<(u32, u32)> {
    match text.split_once(',') {
        Some((start, count)) => Some((start.parse().ok()?, count.parse().ok()?)),
        None => Some((text.parse().ok()?, 1)),
    }
}

/// Undoes git's C-style quoting (`"b/a\tb.py"`, `"b/\303\251.py"`) into the name's bytes.
/// `None` when the quotes are not closed.
pub fn unquote(quoted: &[u8]) -> Option<Vec<u8>> {
    let inner = quoted.strip_prefix(b"\"")?.strip_suffix(b"\"")?;
    let mut bytes = Vec::with_capacity(inner.len());
    let mut rest = inner.iter().copied().peekable();
    while let Some(b) = rest.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        let escaped = rest.next()?;
        bytes.push(match escaped {
            b'a' => 0x07,
            b'b' => 0x08,
            b'f' => 0x0c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'v' => 0x0b,
            b'0'..=b'7' => {
                let mut value = u32::from(escaped - b'0');
                for _ in 0..2 {
                    if let Some(&digit @ b'0'..=b'7') = rest.peek() {
                        value = value * 8 + u32::from(digit - b'0');
                        rest.next();
                    }
                }
                u8::try_from(value).ok()?
            }
            // `\\`, `\"` and anything else git may escape stand for themselves.
            other => other,
        });
    }
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn ranges<'a>(files: &'a [AddedLines], path: &str) -> Option<&'a [(u32, u32)]> {
        files
            .iter()
            .find(|f| f.path == Path::new(path))
            .map(|f| f.ranges.as_slice())
    }

    #[test]
    fn hunks_give_added_line_ranges() {
        let patch = b"\
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
-gone too
diff --git a/old.py b/old.py
deleted file mode 100644
--- a/old.py
+++ /dev/null
@@ -1 +0,0 @@
-x
diff --git a/new.py b/new.py
new file mode 100644
--- /dev/null
+++ b/new.py
@@ -0,0 +1 @@
+z
\\ No newline at end of file
";
        let files = added_lines(patch);
        assert_eq!(ranges(&files, "app.py"), Some(&[(2, 2), (10, 11)][..]));
        assert_eq!(ranges(&files, "new.py"), Some(&[(0, 0)][..]));
        assert_eq!(ranges(&files, "old.py"), None);
    }

    #[test]
    fn added_lines_that_look_like_headers_are_content() {
        let patch = b"\
diff --git a/a.js b/a.js
--- a/a.js
+++ b/a.js
@@ -1,0 +2,3 @@
+++ i;
+-- j;
+@@ -1 +1 @@
@@ -9,0 +12 @@
+eval(x);
";
        let files = added_lines(patch);
        assert_eq!(files.len(), 1);
        assert_eq!(ranges(&files, "a.js"), Some(&[(1, 3), (11, 11)][..]));
    }

    #[test]
    fn quoted_and_spaced_names_are_read_exactly() {
        let patch = b"\
diff --git a/sp ace.py b/sp ace.py
--- a/sp ace.py\t
+++ b/sp ace.py\t
@@ -0,0 +1 @@
+x
diff --git \"a/back\\\\slash.py\" \"b/back\\\\slash.py\"
+++ \"b/back\\\\slash.py\"
@@ -0,0 +1 @@
+x
+++ \"b/\\303\\251t\\303\\251\\tq\\\"uo te.py\"\t
@@ -0,0 +1 @@
+x
";
        let files = added_lines(patch);
        let names: Vec<_> = files.iter().map(|f| f.path.clone()).collect();
        assert_eq!(
            names,
            vec![
                PathBuf::from("sp ace.py"),
                PathBuf::from("back\\slash.py"),
                PathBuf::from("été\tq\"uo te.py"),
            ]
        );
    }

    #[test]
    fn broken_input_never_panics() {
        for patch in [
            &b"+++ \"b/unclosed"[..],
            b"+++ \"b/\\777\"",
            b"@@ -1 +4294967295,4294967295 @@",
            b"+++ b/x\n@@ -1,99 +1,99 @@\n+only",
            b"@@ garbage",
            b"+++ a-without-prefix",
        ] {
            let _ = added_lines(patch);
        }
    }
}
