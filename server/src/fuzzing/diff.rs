//! The `git diff -U0` reader: arbitrary patches, and the path round trip.

use crate::git::patch::{added_lines, unquote};

/// Any bytes as a patch: ranges are well formed and sorted, and no file appears without the
/// `+++ ` header that names it.
pub fn git_diff(data: &[u8]) {
    let files = added_lines(data);
    let headers = data
        .split(|b| *b == b'\n')
        .filter(|line| line.starts_with(b"+++ "))
        .count();
    assert!(
        files.len() <= headers,
        "{} files from {headers} headers",
        files.len()
    );
    for file in &files {
        assert!(
            file.ranges.iter().all(|(first, last)| first <= last),
            "an inverted range in {:?}",
            file.ranges
        );
        assert!(
            file.ranges.is_sorted(),
            "ranges not sorted: {:?}",
            file.ranges
        );
    }
}

/// The bytes as a file name (NUL removed: git cannot store it): written into a patch exactly as
/// git writes it, with `core.quotePath` on or off (the first byte's low bit), the reader must
/// give back the same bytes and the added line.
pub fn git_diff_path(data: &[u8]) {
    let Some((&mode, name)) = data.split_first() else {
        return;
    };
    let name: Vec<u8> = name.iter().copied().filter(|b| *b != 0).collect();
    if name.is_empty() {
        return;
    }
    let quote_high_bytes = mode & 1 == 1;
    let old = git_quoted(b"a/", &name, quote_high_bytes);
    let new = git_quoted(b"b/", &name, quote_high_bytes);
    // After a name holding a space, git ends the `---`/`+++` lines with a tab (for GNU patch).
    let tab: &[u8] = if name.contains(&b' ') { b"\t" } else { b"" };
    let patch = [
        b"diff --git ",
        &old[..],
        b" ",
        &new[..],
        b"\n--- ",
        &old[..],
        tab,
        b"\n+++ ",
        &new[..],
        tab,
        b"\n@@ -0,0 +1,2 @@\n+first\n+++ second\n",
    ]
    .concat();

    let files = added_lines(&patch);
    assert_eq!(
        files.len(),
        1,
        "one file expected from {}",
        patch.escape_ascii()
    );
    assert_eq!(
        files[0].path,
        crate::git::path_from_bytes(name.clone()),
        "the path read back from {}",
        patch.escape_ascii()
    );
    #[cfg(unix)]
    {
        // Byte for byte: `Path` equality would forgive a doubled or trailing `/`.
        use std::os::unix::ffi::OsStrExt;
        assert_eq!(files[0].path.as_os_str().as_bytes(), &name[..]);
    }
    assert_eq!(files[0].ranges, vec![(0, 1)]);

    let quoted = c_quote(&name, true);
    assert_eq!(unquote(&quoted).as_deref(), Some(&name[..]), "unquote");
}

/// A name as git writes it in headers: C-quoted when it holds a byte git quotes.
fn git_quoted(prefix: &[u8], name: &[u8], quote_high_bytes: bool) -> Vec<u8> {
    let full = [prefix, name].concat();
    if full.iter().any(|&b| must_quote(b, quote_high_bytes)) {
        c_quote(&full, quote_high_bytes)
    } else {
        full
    }
}

/// The bytes git's `quote_c_style` escapes: controls, DEL, `"` and `\`, and with
/// `core.quotePath` (the default) every byte of a non-ASCII character.
fn must_quote(b: u8, quote_high_bytes: bool) -> bool {
    b < 0x20 || b == 0x7f || b == b'"' || b == b'\\' || (quote_high_bytes && b >= 0x80)
}

fn c_quote(bytes: &[u8], quote_high_bytes: bool) -> Vec<u8> {
    let mut out = vec![b'"'];
    for &b in bytes {
        match b {
            0x07 => out.extend_from_slice(b"\\a"),
            0x08 => out.extend_from_slice(b"\\b"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            0x0b => out.extend_from_slice(b"\\v"),
            0x0c => out.extend_from_slice(b"\\f"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            _ if must_quote(b, quote_high_bytes) => {
                out.extend_from_slice(format!("\\{b:03o}").as_bytes())
            }
            _ => out.push(b),
        }
    }
    out.push(b'"');
    out
}
