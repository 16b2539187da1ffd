//! `slopguard rules explain FILE:LINE[:COL]`: the syntax tree at a spot, for rule authors.

use crate::lang::Language;
use crate::text::LineIndex;
use std::fmt::Write;
use tree_sitter::Node;

/// Deepest level and most nodes printed: explain is for a statement, not a whole module.
const MAX_DEPTH: usize = 16;
const MAX_NODES: usize = 400;

/// Describes the smallest named node at 1-based `line` and `column` (characters; `None`: the
/// first non-blank character of the line): its tree with field names, then its ancestors.
pub fn explain(
    language: Language,
    text: &str,
    line: usize,
    column: Option<usize>,
) -> Result<String, String> {
    let lines = LineIndex::new(text);
    if line == 0 || line > lines.line_count() {
        return Err(format!(
            "line {line} is outside the file (1..={})",
            lines.line_count()
        ));
    }
    let line_text = lines.line_text(line - 1);
    let column = match column {
        Some(0) => return Err("columns start at 1".into()),
        Some(c) => c - 1,
        None => line_text.chars().take_while(|c| c.is_whitespace()).count(),
    };
    let byte_in_line: usize = line_text.chars().take(column).map(char::len_utf8).sum();
    let offset = lines.line_start(line - 1) + byte_in_line;
    let tree =
        crate::analysis::parse(language, text, None).ok_or("the file took too long to parse")?;
    let node = tree
        .root_node()
        .named_descendant_for_byte_range(offset, offset)
        .ok_or("no syntax node at that spot")?;

    let mut out = String::new();
    let position = |n: Node<'_>| {
        let s = lines.position(n.start_byte());
        let e = lines.position(n.end_byte());
        format!(
            "{}:{}-{}:{}",
            s.line + 1,
            s.column + 1,
            e.line + 1,
            e.column + 1
        )
    };
    writeln!(
        out,
        "{} node `{}` at {}",
        language.name(),
        node.kind(),
        position(node)
    )
    .unwrap();
    let mut printed = 0;
    write_tree(&mut out, node, None, text.as_bytes(), 0, &mut printed);
    out.push('\n');
    writeln!(out, "\nancestors, innermost first (field: kind at range):").unwrap();
    let mut child = node;
    while let Some(parent) = child.parent() {
        let field = field_of(parent, child)
            .map(|f| format!("{f}: "))
            .unwrap_or_default();
        writeln!(out, "  {field}{} at {}", parent.kind(), position(parent)).unwrap();
        child = parent;
    }
    Ok(out)
}

fn field_of<'t>(parent: Node<'t>, child: Node<'t>) -> Option<&'t str> {
    let mut cursor = parent.walk();
    if !cursor.goto_first_child() {
        return None;
    }
    loop {
        if cursor.node() == child {
            return cursor.field_name();
        }
        if !cursor.goto_next_sibling() {
            return None;
        }
    }
}

fn write_tree(
    out: &mut String,
    node: Node<'_>,
    field: Option<&str>,
    source: &[u8],
    depth: usize,
    printed: &mut usize,
) {
    let indent = "  ".repeat(depth);
    let field = field.map(|f| format!("{f}: ")).unwrap_or_default();
    *printed += 1;
    if depth > 0 {
        out.push('\n');
    }
    write!(out, "{indent}{field}({}", node.kind()).unwrap();
    if node.named_child_count() == 0 {
        let text = node.utf8_text(source).unwrap_or("");
        let short: String = text.chars().take(40).collect();
        let ellipsis = if text.chars().count() > 40 { "…" } else { "" };
        write!(out, " {:?}", format!("{short}{ellipsis}")).unwrap();
    } else if depth >= MAX_DEPTH || *printed >= MAX_NODES {
        out.push_str(" …");
    } else {
        let mut cursor = node.walk();
        if cursor.goto_first_child() {
            loop {
                let child = cursor.node();
                if child.is_named() {
                    write_tree(out, child, cursor.field_name(), source, depth + 1, printed);
                }
                if !cursor.goto_next_sibling() {
                    break;
                }
            }
        }
    }
    out.push(')');
}
