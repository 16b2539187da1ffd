//! LSP positions (line + UTF-16 code unit, as the protocol mandates) to byte offsets and back.
//!
//! The analysis core speaks bytes; editors speak UTF-16. Every conversion in the server goes
//! through [`LineStarts`], so a non-ASCII character (`é`, `😀`) is counted the same everywhere.

use tower_lsp_server::ls_types::{Position, Range};

/// Byte offsets where each line of a text starts. Line breaks are `\n`, `\r\n` and `\r` alone,
/// as the protocol defines them (see [`crate::text::line_starts`]).
#[derive(Debug, Clone, Default)]
pub struct LineStarts {
    starts: Vec<usize>,
    /// How many `\n` the text holds: when some `\r` ends a line alone there are fewer than
    /// lines, and tree-sitter, which counts rows at `\n` only, then has other rows.
    newlines: usize,
}

impl LineStarts {
    pub fn new(text: &str) -> LineStarts {
        LineStarts {
            starts: crate::text::line_starts(text),
            newlines: count_newlines(text.as_bytes()),
        }
    }

    /// Follows one replacement without reading the whole text: bytes `start..old_end` became
    /// `start..new_end` of `text` (the text after it), and held `removed_newlines` `\n`.
    pub fn edit(
        &mut self,
        text: &str,
        start: usize,
        old_end: usize,
        new_end: usize,
        removed_newlines: usize,
    ) {
        let bytes = text.as_bytes();
        // Whether byte `i` ends a line depends on it and the next one only: from the byte
        // before the edit to the first one after it, the answers may change.
        let from = start.saturating_sub(1);
        let lo = self.starts.partition_point(|&s| s <= from);
        let hi = self.starts.partition_point(|&s| s <= old_end + 1);
        let ends_line =
            |i: usize| bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        let window = from..(new_end + 1).min(bytes.len());
        let fresh: Vec<usize> = window.filter(|&i| ends_line(i)).map(|i| i + 1).collect();
        for later in &mut self.starts[hi..] {
            *later = *later - old_end + new_end;
        }
        self.starts.splice(lo..hi, fresh);
        let added = count_newlines(&bytes[start..new_end]);
        self.newlines = self.newlines - removed_newlines + added;
    }

    /// Whether the lines are tree-sitter's rows too (no `\r` ends a line alone).
    pub fn rows_are_lines(&self) -> bool {
        self.starts.len() == self.newlines + 1
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// The byte range of `line` without its line break; `None` past the last line.
    pub fn line_range(&self, text: &str, line: usize) -> Option<(usize, usize)> {
        let start = *self.starts.get(line)?;
        let end = match self.starts.get(line + 1) {
            Some(&next) if text.as_bytes()[..next].ends_with(b"\r\n") => next - 2,
            Some(&next) => next - 1,
            None => text.len(),
        };
        Some((start, end.max(start)))
    }

    /// The byte offset of an LSP position. Positions past the end of a line clamp to its end,
    /// positions past the last line clamp to the end of the text (the protocol asks servers to be
    /// lenient here), and a column inside a surrogate pair clamps to the character's start.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let Some((start, end)) = self.line_range(text, position.line as usize) else {
            return text.len();
        };
        let mut units = 0u32;
        for (i, ch) in text[start..end].char_indices() {
            let next = units + ch.len_utf16() as u32;
            if next > position.character {
                return start + i;
            }
            units = next;
        }
        end
    }

    /// The LSP position of byte `offset` (clamped to the text and to a character boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = crate::text::floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        let character = text[start..offset].encode_utf16().count() as u32;
        Position::new(line as u32, character)
    }

    pub fn range(&self, text: &str, start: usize, end: usize) -> Range {
        Range::new(self.position(text, start), self.position(text, end))
    }
}

/// How many `\n` `bytes` holds.
pub fn count_newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| **b == b'\n').count()
}

/// Whether two LSP ranges overlap or touch (a cursor at either end of a finding counts).
pub fn ranges_touch(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_updates_the_lines_as_a_fresh_count_would() {
        let mut text = String::from("a\r\nb\rc\n\nd");
        let mut lines = LineStarts::new(&text);
        let pieces = ["\n", "\r", "\r\n", "x", "yz\nw", "", "\n\r\n\r"];
        let mut seed = 7u64;
        for step in 0..3_000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let pick = |n: usize, shift: u32| ((seed >> shift) as usize) % (n + 1);
            let start = pick(text.len(), 33);
            let old_end = (start + pick(3, 45)).min(text.len());
            let new_text = pieces[pick(pieces.len() - 1, 50)];
            let removed = text[start..old_end].matches('\n').count();
            text.replace_range(start..old_end, new_text);
            lines.edit(&text, start, old_end, start + new_text.len(), removed);
            let fresh = LineStarts::new(&text);
            assert_eq!(lines.starts, fresh.starts, "step {step}: {text:?}");
            assert_eq!(lines.rows_are_lines(), fresh.rows_are_lines(), "{text:?}");
        }
    }

    #[test]
    fn utf16_columns_round_trip_through_non_ascii_text() {
        // `é` is 2 bytes / 1 unit, `😀` is 4 bytes / 2 units.
        let text = "aé😀b\nsecond\n";
        let lines = LineStarts::new(text);
        let b = text.find('b').unwrap();
        assert_eq!(lines.position(text, b), Position::new(0, 4));
        assert_eq!(lines.offset(text, Position::new(0, 4)), b);
        // Inside the surrogate pair: clamps to the emoji's start.
        assert_eq!(
            lines.offset(text, Position::new(0, 3)),
            text.find('😀').unwrap()
        );
        assert_eq!(
            lines.offset(text, Position::new(1, 0)),
            text.find("second").unwrap()
        );
    }

    #[test]
    fn positions_past_the_end_clamp() {
        let text = "ab\ncd";
        let lines = LineStarts::new(text);
        assert_eq!(lines.offset(text, Position::new(0, 99)), 2);
        assert_eq!(lines.offset(text, Position::new(7, 0)), text.len());
        assert_eq!(lines.position(text, 999), Position::new(1, 2));
        assert_eq!(lines.line_count(), 2);
    }

    #[test]
    fn a_carriage_return_alone_ends_a_line() {
        let text = "a\rbé\r\nc";
        let lines = LineStarts::new(text);
        assert_eq!(lines.line_count(), 3);
        assert!(!lines.rows_are_lines());
        assert_eq!(
            lines.offset(text, Position::new(1, 9)),
            text.find('\r').unwrap() + 4
        );
        assert_eq!(lines.position(text, text.len()), Position::new(2, 1));
        assert!(LineStarts::new("a\r\nb\n").rows_are_lines());
    }
}
