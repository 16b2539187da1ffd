//! What `this.name` holds in a JavaScript or TypeScript method when its class sets it only from
//! what a predicate can read: a field initializer, a constructor's parameter property, `this.name
//! = value` in its methods, a parameter's default, or what every `new Class(...)` of the file
//! passes for a constructor's parameter.

use super::scopes::bindings;
use tree_sitter::Node;

/// What the class around `ancestors` binds its field `key` to, each read by `read`: field
/// initializers (`algo = "sha1"`, TypeScript's `private algo = "sha1"` and constructor parameter
/// properties), `this.key = value` in its methods, a method parameter assigned there standing for
/// its default (`constructor(algorithm = "sha1") { this.algorithm = algorithm }`) or, for a
/// constructor's parameter, the arguments every `new Class(...)` of the file passes there
/// (`new PasswordHasher("md5")`). `None` when the class never sets it; empty when one setting
/// cannot be read (a parameter without a default that no construction in the file explains).
pub(super) fn own_field_bindings(
    key: &str,
    ancestors: &[Node<'_>],
    source: &[u8],
    read: &dyn Fn(Node<'_>, Option<&str>) -> Option<String>,
) -> Option<Vec<String>> {
    let text = |n: Node<'_>| n.utf8_text(source).unwrap_or("");
    let class = ancestors.iter().find(|a| {
        matches!(
            a.kind(),
            "class_declaration" | "class" | "abstract_class_declaration"
        )
    })?;
    let body = class.child_by_field_name("body")?;
    let mut found = Vec::new();
    let mut passed_values = Vec::new();
    let mut take = |value: Option<Node<'_>>| match value.and_then(|v| read(v, None)) {
        Some(string) => {
            found.push(string);
            true
        }
        None => false,
    };
    let mut cursor = body.walk();
    for member in body.named_children(&mut cursor) {
        match member.kind() {
            "field_definition" | "public_field_definition" => {
                let name = member
                    .child_by_field_name("property")
                    .or_else(|| member.child_by_field_name("name"));
                if name.is_some_and(|n| text(n) == key)
                    && let Some(value) = member.child_by_field_name("value")
                    && !take(Some(value))
                {
                    return Some(Vec::new());
                }
            }
            "method_definition" => {
                let params = member.child_by_field_name("parameters");
                let is_constructor = member
                    .child_by_field_name("name")
                    .is_some_and(|n| text(n) == "constructor");
                // What `new Class(...)` passes for the constructor's parameter `name`.
                let passed = |name: &str| -> Option<Vec<String>> {
                    if !is_constructor {
                        return None;
                    }
                    let index = parameter_index(params?, name, source)?;
                    constructed_with(class, index, ancestors, source, read)
                };
                // `constructor(private algo = "sha1")`: a parameter property.
                if let Some(params) = params {
                    let mut inner = params.walk();
                    for param in params.named_children(&mut inner) {
                        let property = param.named_children(&mut param.walk()).any(|c| {
                            c.kind() == "accessibility_modifier" || c.kind() == "readonly"
                        });
                        let name = param.child_by_field_name("pattern");
                        if property && name.is_some_and(|n| text(n) == key) {
                            let default = param.child_by_field_name("value");
                            if default.is_some_and(|d| take(Some(d))) {
                                continue;
                            }
                            match passed(key) {
                                Some(values) if default.is_none() => passed_values.extend(values),
                                _ => return Some(Vec::new()),
                            }
                        }
                    }
                }
                let Some(method_body) = member.child_by_field_name("body") else {
                    continue;
                };
                let mut stack = vec![method_body];
                while let Some(current) = stack.pop() {
                    stack.extend(current.named_children(&mut current.walk()));
                    if current.kind() != "assignment_expression" {
                        continue;
                    }
                    let Some(left) = current.child_by_field_name("left") else {
                        continue;
                    };
                    let assigned = left.kind() == "member_expression"
                        && left
                            .child_by_field_name("object")
                            .is_some_and(|o| o.kind() == "this")
                        && left
                            .child_by_field_name("property")
                            .is_some_and(|p| text(p) == key);
                    if !assigned {
                        continue;
                    }
                    let value = current.child_by_field_name("right");
                    let value = match value {
                        Some(v) if v.kind() == "identifier" => {
                            match params.and_then(|ps| parameter_default(ps, text(v), source)) {
                                Some(Some(default)) => Some(default),
                                Some(None) => match passed(text(v)) {
                                    Some(values) => {
                                        passed_values.extend(values);
                                        continue;
                                    }
                                    None => return Some(Vec::new()),
                                },
                                None => Some(v),
                            }
                        }
                        other => other,
                    };
                    if !take(value) {
                        return Some(Vec::new());
                    }
                }
            }
            _ => {}
        }
    }
    found.extend(passed_values);
    (!found.is_empty()).then_some(found)
}

/// The position of the parameter named `name` in `params`.
fn parameter_index(params: Node<'_>, name: &str, source: &[u8]) -> Option<usize> {
    let mut cursor = params.walk();
    params
        .named_children(&mut cursor)
        .filter(|p| p.kind() != "comment")
        .position(|param| {
            let pattern = match param.kind() {
                "assignment_pattern" => param.child_by_field_name("left"),
                "required_parameter" | "optional_parameter" => param.child_by_field_name("pattern"),
                _ => Some(param),
            };
            pattern.is_some_and(|p| p.utf8_text(source).ok() == Some(name))
        })
}

/// The arguments at `index` of every `new Class(...)` of the file (`class` being its
/// declaration), each read by `read`: `None` when there is none, or one passes nothing there or
/// something `read` refuses.
fn constructed_with(
    class: &Node<'_>,
    index: usize,
    ancestors: &[Node<'_>],
    source: &[u8],
    read: &dyn Fn(Node<'_>, Option<&str>) -> Option<String>,
) -> Option<Vec<String>> {
    let name = class.child_by_field_name("name")?.utf8_text(source).ok()?;
    let root = ancestors.last()?;
    let mut found = Vec::new();
    let mut stack = vec![*root];
    while let Some(node) = stack.pop() {
        stack.extend(node.named_children(&mut node.walk()));
        if node.kind() != "new_expression"
            || node
                .child_by_field_name("constructor")
                .and_then(|c| c.utf8_text(source).ok())
                != Some(name)
        {
            continue;
        }
        let args = node.child_by_field_name("arguments")?;
        let mut cursor = args.walk();
        let passed: Vec<Node<'_>> = args
            .named_children(&mut cursor)
            .filter(|a| a.kind() != "comment")
            .collect();
        if passed.iter().any(|a| a.kind() == "spread_element") {
            return None;
        }
        let value = *passed.get(index)?;
        // `new FeedParser(PARSE_OPTIONS)`: what the name is bound to where it is passed.
        if value.kind() == "identifier" {
            let mut chain = Vec::new();
            let mut at = value.parent();
            while let Some(up) = at {
                chain.push(up);
                at = up.parent();
            }
            let resolved = bindings(value, || chain.into(), source, read);
            if resolved.is_empty() {
                return None;
            }
            found.extend(resolved);
        } else {
            found.push(read(value, None)?);
        }
    }
    (!found.is_empty()).then_some(found)
}

/// For a parameter named `name` of `params`: `Some(default)`, `Some(None)` without one.
fn parameter_default<'t>(params: Node<'t>, name: &str, source: &[u8]) -> Option<Option<Node<'t>>> {
    let mut cursor = params.walk();
    for param in params.named_children(&mut cursor) {
        let (pattern, default) = match param.kind() {
            "assignment_pattern" => (
                param.child_by_field_name("left"),
                param.child_by_field_name("right"),
            ),
            "required_parameter" | "optional_parameter" => (
                param.child_by_field_name("pattern"),
                param.child_by_field_name("value"),
            ),
            "identifier" => (Some(param), None),
            _ => (None, None),
        };
        if pattern.is_some_and(|p| p.utf8_text(source).ok() == Some(name)) {
            return Some(default);
        }
    }
    None
}

/// Whether `name` is the name of the class it is written in (`ShareLinkCodec.ALGO` in a method
/// of `class ShareLinkCodec`). Looks up a few dozen levels at most: a class is never deeper.
pub(super) fn names_enclosing_class(name: Node<'_>, source: &[u8]) -> bool {
    if name.kind() != "identifier" {
        return false;
    }
    let mut at = name;
    for _ in 0..48 {
        let Some(parent) = at.parent() else {
            return false;
        };
        if matches!(
            parent.kind(),
            "class_declaration" | "abstract_class_declaration"
        ) {
            return parent
                .child_by_field_name("name")
                .is_some_and(|n| n.utf8_text(source) == name.utf8_text(source));
        }
        at = parent;
    }
    false
}
