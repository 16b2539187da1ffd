//! The comment that documents a node (`// SAFETY: ...`), read where clippy's
//! `undocumented_unsafe_blocks` reads it: on the lines directly above the node, above the
//! statement that holds it when that statement starts a line or two earlier
//! (`accept-comment-above-statement`), and, for an `unsafe` block, as the first thing inside it
//! (`unsafe { // Safety: ... }`, a common style clippy does not accept, but a reader does).

use tree_sitter::Node;

/// How many lines a statement may start above the node for the comment above it to count:
/// `Some(Handle {\n fd: unsafe { .. } })` is documented above `Some`; a comment above a long
/// closure is not one for every block inside it.
const STATEMENT_LINES: usize = 2;

/// Whether a comment matching `pattern` documents `node` (`ancestors` innermost first).
pub(super) fn documented(
    node: Node<'_>,
    ancestors: &[Node<'_>],
    source: &[u8],
    pattern: &regex::Regex,
) -> bool {
    if pattern.is_match(&comment_above(source, node.start_byte())) {
        return true;
    }
    let line = node.start_position().row;
    let statement = ancestors
        .windows(2)
        .find(|pair| is_statement_list(pair[1].kind()))
        .map(|pair| pair[0]);
    if let Some(statement) = statement
        && statement.start_position().row < line
        && line - statement.start_position().row <= STATEMENT_LINES
        && pattern.is_match(&comment_above(source, statement.start_byte()))
    {
        return true;
    }
    // `unsafe { // Safety: ... }`: the keyword's block opens with the comment.
    ancestors
        .first()
        .filter(|parent| parent.kind() == "unsafe_block")
        .and_then(|block| block.named_child(0))
        .and_then(|body| body.child(1))
        .filter(|first| first.kind().ends_with("comment"))
        .is_some_and(|comment| pattern.is_match(comment.utf8_text(source).unwrap_or("")))
}

/// The nodes whose children are statements.
fn is_statement_list(kind: &str) -> bool {
    matches!(
        kind,
        "block" | "source_file" | "declaration_list" | "match_block"
    )
}

/// The text of the comment lines directly above the line holding byte `start` (stopping at the
/// first line that is not a comment), plus that line's text before `start`.
pub(super) fn comment_above(source: &[u8], start: usize) -> String {
    // Line by line from `start` backwards, decoding only the lines read: decoding all the text
    // before `start` made this predicate cost the file's length per match.
    let mut lines = source[..start.min(source.len())]
        .rsplit(|&b| b == b'\n')
        .map(String::from_utf8_lossy);
    let mut above = lines.next().unwrap_or_default().into_owned();
    for line in lines {
        let trimmed = line.trim_start();
        let is_comment = ["//", "/*", "*", "#"]
            .iter()
            .any(|opener| trimmed.starts_with(opener))
            && !trimmed.starts_with("#[");
        if !is_comment {
            break;
        }
        above.push('\n');
        above.push_str(trimmed);
    }
    above
}
