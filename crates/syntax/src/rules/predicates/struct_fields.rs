//! What `self.name` holds in a Rust method when the type's constructions set it only from what
//! a predicate can read: `Self { accept_any: true, .. }` / `Mailer { ... }` literals and
//! `self.name = value` assignments in the type's `impl` blocks at the top of the file.

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
    let root = *ancestors.last()?;
    let type_of = |implementation: Node<'_>| {
        let ty = implementation.child_by_field_name("type")?;
        Some(text(ty.child_by_field_name("type").unwrap_or(ty)))
    };
    let mut settings = Settings::default();
    // The type's own `impl` blocks at the top of the file, where its constructors are.
    let type_name = type_of(*implementation)?;
    let mut cursor = root.walk();
    let mut stack: Vec<Node<'_>> = root
        .named_children(&mut cursor)
        .filter(|item| item.kind() == "impl_item" && type_of(*item) == Some(type_name))
        .collect();
    while let Some(node) = stack.pop() {
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
        match node.kind() {
            "struct_expression" => {
                let Some(name) = node.child_by_field_name("name") else {
                    continue;
                };
                let constructs = matches!(text(name), "Self") || text(name) == type_name;
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
                            settings.take(
                                field
                                    .child_by_field_name("value")
                                    .and_then(|v| read(v, None)),
                            );
                        }
                        "shorthand_field_initializer" if text(field) == key => settings.take(None),
                        "base_field_initializer" => settings.readable = false,
                        _ => {}
                    }
                }
            }
            // `self.accept_any = value` in a method of the type.
            "assignment_expression"
                if node
                    .child_by_field_name("left")
                    .is_some_and(|l| text(l) == format!("self.{key}")) =>
            {
                settings.take(
                    node.child_by_field_name("right")
                        .and_then(|v| read(v, None)),
                );
            }
            _ => {}
        }
    }
    if !settings.any {
        return None;
    }
    Some(if settings.readable {
        settings.found
    } else {
        Vec::new()
    })
}

/// What the settings of one field read so far say.
struct Settings {
    found: Vec<String>,
    /// Every setting read so far could be read.
    readable: bool,
    /// Some setting was seen.
    any: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            found: Vec::new(),
            readable: true,
            any: false,
        }
    }
}

impl Settings {
    /// One setting of the field, as read (`None`: it cannot be read).
    fn take(&mut self, value: Option<String>) {
        self.any = true;
        match value {
            Some(value) => self.found.push(value),
            None => self.readable = false,
        }
    }
}
