//! Python's `match` patterns: the names a `case` captures (`case {"url": str(url)}:`), and
//! what each holds of the subject, so a handler that takes a request apart with `match` is
//! followed as one that indexes it.

use crate::flow::adapter::{Captured, CaseCaptures, named_children, text_of};
use tree_sitter::Node;

/// The captures of the `case_clause` `clause` and its guard.
pub(super) fn case_captures<'t>(clause: Node<'t>, text: &str) -> CaseCaptures<'t> {
    let mut captures = CaseCaptures {
        guard: clause
            .child_by_field_name("guard")
            .map(|g| g.named_child(0).unwrap_or(g)),
        ..CaseCaptures::default()
    };
    // Walked with a stack: a hostile file's pattern can nest thousands deep.
    let mut stack: Vec<Node<'t>> = named_children(clause)
        .into_iter()
        .filter(|c| c.kind() == "case_pattern")
        .collect();
    while let Some(node) = stack.pop() {
        match node.kind() {
            // `case Point(x=px)`, `{"k": name}`: a lone name is a capture (`_` is none; a
            // dotted name, `Color.RED`, is a value compared with).
            "dotted_name" => {
                let parent = node.parent();
                if let Some(name) = node.named_child(0).filter(|_| {
                    node.named_child_count() == 1
                        && parent.is_some_and(|p| p.kind() == "case_pattern")
                        && text_of(node, text) != "_"
                }) {
                    let class = parent
                        .and_then(|p| p.parent())
                        .filter(|c| c.kind() == "class_pattern")
                        .and_then(|c| c.named_child(0))
                        .map(|name| text_of(name, text));
                    let captured = match class {
                        Some("str") => Captured::Text,
                        Some("int" | "float" | "bool") => Captured::Number,
                        _ => Captured::Part,
                    };
                    captures.names.push((name, captured));
                }
            }
            // `case [first, *rest]`, `case {"a": 1, **rest}`, `case {...} as whole`.
            "splat_pattern" | "as_pattern" => {
                let mut children = named_children(node);
                if let Some(name) = children.last().filter(|n| n.kind() == "identifier") {
                    captures.names.push((*name, Captured::Part));
                    children.pop();
                }
                stack.extend(children);
            }
            // A class pattern's own name is no capture.
            "class_pattern" => stack.extend(named_children(node).into_iter().skip(1)),
            _ => stack.extend(named_children(node)),
        }
    }
    captures
}
