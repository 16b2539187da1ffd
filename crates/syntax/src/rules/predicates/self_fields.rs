//! What a Python method's `self.name` holds when its class sets it only from what the predicate
//! can read: a class attribute (`iv = IV`), or assignments `self.iv = ...` in its methods, a
//! parameter counting as its default (`def __init__(self, iv=IV)`).

use tree_sitter::Node;

/// The values `self.<key>` is given in `class` (a `class_definition`), each read by `read`.
/// `None` when nothing there sets the attribute; an empty list when something that sets it
/// cannot be read (a parameter without a default, a computed value that `read` refuses), which
/// makes the predicate's answer "not known".
pub(super) fn self_field_bindings(
    class: Node<'_>,
    key: &str,
    source: &[u8],
    read: &dyn Fn(Node<'_>, Option<&str>) -> Option<String>,
) -> Option<Vec<String>> {
    let text = |n: Node<'_>| n.utf8_text(source).unwrap_or("");
    let body = class.child_by_field_name("body")?;
    let mut found = Vec::new();
    let mut unknown = false;
    let mut take = |value: Option<Node<'_>>| match value.and_then(|v| read(v, None)) {
        Some(string) => found.push(string),
        None => unknown = true,
    };
    let mut cursor = body.walk();
    for member in body.named_children(&mut cursor) {
        let member = match member.kind() {
            "decorated_definition" => match member.child_by_field_name("definition") {
                Some(definition) => definition,
                None => continue,
            },
            _ => member,
        };
        match member.kind() {
            // `iv = IV` in the class body: what `self.iv` reads until a method sets it.
            "expression_statement" => {
                let Some(assignment) = member.named_child(0).filter(|a| a.kind() == "assignment")
                else {
                    continue;
                };
                let left = assignment.child_by_field_name("left");
                if left.is_some_and(|l| l.kind() == "identifier" && text(l) == key) {
                    take(assignment.child_by_field_name("right"));
                }
            }
            "function_definition" => {
                let params = member.child_by_field_name("parameters");
                let Some(method_body) = member.child_by_field_name("body") else {
                    continue;
                };
                let mut stack = vec![method_body];
                while let Some(current) = stack.pop() {
                    if matches!(current.kind(), "class_definition" | "function_definition") {
                        continue;
                    }
                    stack.extend(current.named_children(&mut current.walk()));
                    if current.kind() != "assignment" {
                        continue;
                    }
                    let assigned = current.child_by_field_name("left").is_some_and(|left| {
                        left.kind() == "attribute"
                            && left
                                .child_by_field_name("object")
                                .is_some_and(|o| text(o) == "self")
                            && left
                                .child_by_field_name("attribute")
                                .is_some_and(|a| text(a) == key)
                    });
                    if !assigned {
                        continue;
                    }
                    let value = current.child_by_field_name("right");
                    match value.filter(|v| v.kind() == "identifier") {
                        Some(name) => {
                            match params.and_then(|p| default_of(p, text(name), source)) {
                                Some(default) => take(default),
                                None => take(value),
                            }
                        }
                        None => take(value),
                    }
                }
            }
            _ => {}
        }
    }
    if unknown {
        return Some(Vec::new());
    }
    (!found.is_empty()).then_some(found)
}

/// For a parameter named `name` among `params`: `Some(Some(default))`, or `Some(None)` when it
/// has none (its value is the caller's). `None` when no parameter has that name.
fn default_of<'t>(params: Node<'t>, name: &str, source: &[u8]) -> Option<Option<Node<'t>>> {
    let text = |n: Node<'_>| n.utf8_text(source).unwrap_or("");
    let mut cursor = params.walk();
    for param in params.named_children(&mut cursor) {
        let (pattern, default) = match param.kind() {
            "identifier" => (Some(param), None),
            "typed_parameter" => (param.named_child(0), None),
            "default_parameter" | "typed_default_parameter" => (
                param.child_by_field_name("name"),
                param.child_by_field_name("value"),
            ),
            _ => continue,
        };
        if pattern.is_some_and(|p| text(p) == name) {
            return Some(default);
        }
    }
    None
}
