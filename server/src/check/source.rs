//! Reading one file for analysis without trusting it: size limit before reading, binary
//! detection, lossy decoding of invalid UTF-8.

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

/// Reads `path` if it is at most `max_size` bytes and looks like text.
pub fn load(path: &Path, max_size: u64) -> io::Result<Loaded> {
    let file = File::open(path)?;
    let size = file.metadata()?.len();
    if size > max_size {
        return Ok(Loaded::Skipped(SkipReason::TooLarge { size }));
    }
    // `take`: the file may have grown since `metadata`.
    let mut reader = file.take(max_size + 1);
    let mut bytes = Vec::with_capacity(size as usize);
    // Look at the start first, so a large binary file is not read whole to be skipped.
    (&mut reader)
        .take(BINARY_PROBE as u64)
        .read_to_end(&mut bytes)?;
    if bytes.contains(&0) {
        return Ok(Loaded::Skipped(SkipReason::Binary));
    }
    reader.read_to_end(&mut bytes)?;
    Ok(decode(bytes, max_size))
}

/// Decodes bytes read from anywhere (a file, standard input) under the same rules.
pub fn decode(bytes: Vec<u8>, max_size: u64) -> Loaded {
    if bytes.len() as u64 > max_size {
        return Loaded::Skipped(SkipReason::TooLarge {
            size: bytes.len() as u64,
        });
    }
    if bytes[..bytes.len().min(BINARY_PROBE)].contains(&0) {
        return Loaded::Skipped(SkipReason::Binary);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Loaded::Text { text, lossy: false },
        Err(e) => Loaded::Text {
            text: String::from_utf8_lossy(e.as_bytes()).into_owned(),
            lossy: true,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_are_told_apart() {
        assert!(matches!(
            decode(b"abc".to_vec(), 10),
            Loaded::Text { lossy: false, .. }
        ));
        assert!(matches!(
            decode(b"a\xffb".to_vec(), 10),
            Loaded::Text { lossy: true, ref text } if text == "a\u{fffd}b"
        ));
        assert!(matches!(
            decode(b"a\0b".to_vec(), 10),
            Loaded::Skipped(SkipReason::Binary)
        ));
        assert!(matches!(
            decode(vec![b'a'; 11], 10),
            Loaded::Skipped(SkipReason::TooLarge { size: 11 })
        ));
        assert!(matches!(decode(Vec::new(), 10), Loaded::Text { .. }));
    }
}
