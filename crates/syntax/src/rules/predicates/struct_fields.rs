//! What `self.name` holds in a Rust method when the type's constructions in the file set it
//! only from what a predicate can read: `Self { accept_any: true, .. }` / `Mailer { ... }`
//! literals and `self.name = value` assignments in its `impl` blocks.

use tree_sitter::Node;

/// What the file sets field `key` of the type whose `impl` is around `ancestors` to, each read
/// by `read`. `None` when nothing in the file sets it; empty when one setting cannot be read (a
/// shorthand `Self { accept_any }` of a parameter, a literal filled from `..base`).
pub(super) fn own_field_bindings(
    key: &str,
    ancestors: &[Node<'_>],
    source: &[u8],
    read: &dyn Fn(Node<'_>, Option<&str>) -> Option<String>,
) -> Option<Vec<String>> {
    let text = |n: Node<'_>| n.utf8_text(source).unwrap_or("");
    let implementation = ancestors.iter().find(|a| a.kind() == "impl_item")?;
    let ty = implementation.child_by_field_name("type")?;
    let ty = ty.child_by_field_name("type").unwrap_or(ty);
    let type_name = text(ty);
    let root = *ancestors.last()?;
    let mut found = Vec::new();
    let mut readable = true;
    let mut any = false;
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
        match node.kind() {
            "struct_expression" => {
                let Some(name) = node.child_by_field_name("name") else {
                    continue;
                };
                let constructs = match text(name) {
                    "Self" => implementation.byte_range().contains(&node.start_byte()),
                    written => written == type_name,
                };
                let Some(body) = node.child_by_field_name("body").filter(|_| constructs) else {
                    continue;
                };
                let mut cursor = body.walk();
                for field in body.named_children(&mut cursor) {
                    match field.kind() {
                        "field_initializer"
                            if field
                                .child_by_field_name("field")
                                .is_some_and(|f| text(f) == key) =>
                        {
                            any = true;
                            match field
                                .child_by_field_name("value")
                                .and_then(|v| read(v, None))
                            {
                                Some(value) => found.push(value),
                                None => readable = false,
                            }
                        }
                        "shorthand_field_initializer" if text(field) == key => {
                            any = true;
                            readable = false;
                        }
                        "base_field_initializer" => readable = false,
                        _ => {}
                    }
                }
            }
            // `self.accept_any = value` in a method of the type.
            "assignment_expression"
                if implementation.byte_range().contains(&node.start_byte())
                    && node
                        .child_by_field_name("left")
                        .is_some_and(|l| text(l) == format!("self.{key}")) =>
            {
                any = true;
                match node
                    .child_by_field_name("right")
                    .and_then(|v| read(v, None))
                {
                    Some(value) => found.push(value),
                    None => readable = false,
                }
            }
            _ => {}
        }
    }
    if !any {
        return None;
    }
    Some(if readable { found } else { Vec::new() })
}
