//! Byte offsets to line/column positions, once per document.

use serde::Serialize;

/// A 0-based position. `column` counts Unicode scalar values from the start of the line, which is
/// what a person counts; the LSP converts byte offsets to UTF-16 itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// A range in a document: exact bytes, and the positions of its ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    pub start_byte: usize,
    pub end_byte: usize,
    pub start: Position,
    pub end: Position,
}

/// Line starts of one text, for converting byte offsets to positions in O(log lines).
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// The text this index is of.
    pub fn text(&self) -> &'a str {
        self.text
    }

    pub fn new(text: &'a str) -> Self {
        LineIndex {
            text,
            line_starts: line_starts(text),
        }
    }

    /// The 0-based line holding `offset` (an offset past the end belongs to the last line).
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len())
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The text of a 0-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &'a str {
        let start = self.line_start(line);
        let end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let column = self.text[start..offset].chars().count();
        Position {
            line: line as u32,
            column: column as u32,
        }
    }

    pub fn span(&self, start_byte: usize, end_byte: usize) -> Span {
        Span {
            start_byte,
            end_byte,
            start: self.position(start_byte),
            end: self.position(end_byte),
        }
    }
}

/// Byte offsets where each line starts. A line ends at `\n`, `\r\n` or a `\r` alone, as in
/// the LSP specification and in editors: a file with old Mac line endings must not put every
/// finding on line 1.
pub fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
    starts.push(0);
    // Vectorised search for line ends: the editor indexes the whole document after each edit.
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        let ends_line = bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n');
        if ends_line {
            starts.push(i + 1);
        }
    }
    starts
}

/// The largest char boundary at or before `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "a = 1\nnäme = é(x)\n\nlast";
        let index = LineIndex::new(text);
        assert_eq!(index.position(0), Position { line: 0, column: 0 });
        let paren = text.find("(x)").unwrap();
        assert_eq!(index.position(paren), Position { line: 1, column: 8 });
        assert_eq!(index.position(text.len()), Position { line: 3, column: 4 });
        assert_eq!(index.line_text(1), "näme = é(x)");
        assert_eq!(index.line_text(2), "");
        assert_eq!(index.line_count(), 4);
        // An offset inside a multi-byte character is clamped to its start.
        let inside = text.find('ä').unwrap() + 1;
        assert_eq!(index.position(inside), Position { line: 1, column: 1 });
    }

    #[test]
    fn a_carriage_return_alone_ends_a_line_and_crlf_is_one_break() {
        let text = "a\rb\r\nc\nd\r\re";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 6);
        let lines: Vec<&str> = (0..6).map(|l| index.line_text(l)).collect();
        assert_eq!(lines, ["a", "b", "c", "d", "", "e"]);
        assert_eq!(
            index.position(text.find('e').unwrap()),
            Position { line: 5, column: 0 }
        );
    }
}
