//! Edits a text and its syntax tree together, as the editor does before an incremental
//! re-parse: shared by the tests that compare a re-check after edits with a full check.

use tree_sitter::{InputEdit, Point, Tree};

/// The row and column (in bytes) of `offset` in `text`.
pub fn point(text: &str, offset: usize) -> Point {
    let before = &text[..offset];
    let row = before.matches('\n').count();
    let column = offset - before.rfind('\n').map_or(0, |i| i + 1);
    Point::new(row, column)
}

/// Replaces `start..old_end` of `text` with `new_text` and tells `tree` about it.
pub fn apply(text: &mut String, tree: &mut Tree, start: usize, old_end: usize, new_text: &str) {
    let start_position = point(text, start);
    let old_end_position = point(text, old_end);
    text.replace_range(start..old_end, new_text);
    let new_end = start + new_text.len();
    tree.edit(&InputEdit {
        start_byte: start,
        old_end_byte: old_end,
        new_end_byte: new_end,
        start_position,
        old_end_position,
        new_end_position: point(text, new_end),
    });
}
