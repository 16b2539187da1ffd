//! Reading one file for analysis without trusting it: size limit before reading, binary
//! detection, lossy decoding of invalid UTF-8.
//!
//! A NUL byte marks a binary file (as git decides), except in a file whose extension names a
//! language slopguard parses: node, Python and rustc run such a file, so a stray NUL must not
//! hide its code. It is analysed, the NUL read as a character, with a note.

use crate::lang::Language;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// How far into a file to look for a NUL byte, the mark of a binary file (as git does).
const BINARY_PROBE: usize = 8 * 1024;

/// The text of a file, or why it is not analysed.
#[derive(Debug)]
pub enum Loaded {
    Text {
        text: String,
        /// Invalid UTF-8 was replaced by U+FFFD.
        lossy: bool,
        /// A code file holding NUL bytes, analysed as text nonetheless.
        nul: bool,
    },
    Skipped(SkipReason),
}

/// Why a readable file is not analysed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    Binary,
    TooLarge {
        size: u64,
    },
    /// Vendored, generated or minified (by default), or any kind `[files]` sets to `skip`.
    Context(crate::context::FileContext),
}

/// Reads `path` if it is at most `max_size` bytes and looks like text (or is code).
pub fn load(path: &Path, max_size: u64) -> io::Result<Loaded> {
    let code = Language::from_path(path).is_some();
    let file = File::open(path)?;
    let size = file.metadata()?.len();
    // `take`: the file may have grown since `metadata`.
    let mut reader = file.take(max_size + 1);
    let mut bytes = Vec::with_capacity(size.min(max_size) as usize);
    // Look at the start first, so a large binary file is not read whole to be skipped, and an
    // image over the size limit is a binary file (no code in it to miss), not an incomplete
    // analysis that fails the run.
    (&mut reader)
        .take(BINARY_PROBE as u64)
        .read_to_end(&mut bytes)?;
    if bytes.contains(&0) && !code {
        return Ok(Loaded::Skipped(SkipReason::Binary));
    }
    if size > max_size {
        return Ok(Loaded::Skipped(SkipReason::TooLarge { size }));
    }
    reader.read_to_end(&mut bytes)?;
    Ok(decode(bytes, max_size, path))
}

/// Decodes bytes read from anywhere (a file, standard input) under the same rules; `path`
/// (as named) tells whether it is a code file.
pub fn decode(bytes: Vec<u8>, max_size: u64, path: &Path) -> Loaded {
    if bytes.len() as u64 > max_size {
        return Loaded::Skipped(SkipReason::TooLarge {
            size: bytes.len() as u64,
        });
    }
    let code = Language::from_path(path).is_some();
    if !code && bytes[..bytes.len().min(BINARY_PROBE)].contains(&0) {
        return Loaded::Skipped(SkipReason::Binary);
    }
    let nul = code && bytes.contains(&0);
    match String::from_utf8(bytes) {
        Ok(text) => Loaded::Text {
            text,
            lossy: false,
            nul,
        },
        Err(e) => Loaded::Text {
            text: String::from_utf8_lossy(e.as_bytes()).into_owned(),
            lossy: true,
            nul,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_are_told_apart() {
        let data = Path::new("data.bin");
        assert!(matches!(
            decode(b"abc".to_vec(), 10, data),
            Loaded::Text { lossy: false, .. }
        ));
        assert!(matches!(
            decode(b"a\xffb".to_vec(), 10, data),
            Loaded::Text { lossy: true, ref text, .. } if text == "a\u{fffd}b"
        ));
        assert!(matches!(
            decode(b"a\0b".to_vec(), 10, data),
            Loaded::Skipped(SkipReason::Binary)
        ));
        assert!(matches!(
            decode(vec![b'a'; 11], 10, data),
            Loaded::Skipped(SkipReason::TooLarge { size: 11 })
        ));
        assert!(matches!(decode(Vec::new(), 10, data), Loaded::Text { .. }));
    }

    #[test]
    fn a_code_file_with_a_nul_is_text() {
        assert!(matches!(
            decode(b"// \0\neval(x)".to_vec(), 100, Path::new("app.js")),
            Loaded::Text { nul: true, lossy: false, ref text } if text.ends_with("eval(x)")
        ));
    }
}
