//! What a Rust value is beyond its syntax: the type a `let` declares, a number type, a `match`
//! used as a value, a `(name, value)` header pair.

use super::Rust;
use crate::flow::adapter::{Adapter, Expr, named_children, text_of};
use std::collections::{HashMap, HashSet};
use tree_sitter::Node;

/// `u64`, `&i32`, `Option<u32>`, `Uuid`, and extractors of them: `Path<u64>`,
/// `web::Path<(u32, u32)>` (the framework rejects a request that does not parse).
pub(super) fn is_scalar(annotation: &str) -> bool {
    let mut ty = annotation.trim().trim_start_matches('&').trim();
    for wrapper in [
        "Option<",
        "Path<",
        "web::Path<",
        "axum::extract::Path<",
        "Query<",
    ] {
        if let Some(inner) = ty.strip_prefix(wrapper).and_then(|t| t.strip_suffix('>')) {
            ty = inner.trim();
            break;
        }
    }
    let tuple = ty
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(ty);
    let parts: Vec<&str> = tuple
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    !parts.is_empty()
        && parts.iter().all(|p| {
            matches!(
                *p,
                "i8" | "i16"
                    | "i32"
                    | "i64"
                    | "i128"
                    | "isize"
                    | "u8"
                    | "u16"
                    | "u32"
                    | "u64"
                    | "u128"
                    | "usize"
                    | "f32"
                    | "f64"
                    | "bool"
                    | "Uuid"
                    | "uuid::Uuid"
            )
        })
}

/// The names of the struct fields the file declares only as numbers, booleans or UUIDs
/// (`struct Page { title: String, page: i64 }` → `page`); a name some struct declares with
/// another type (`id: String` next to `id: u64`) is left out. Items at module level and in
/// inline modules are read, one walk over them.
pub(super) fn scalar_fields<'t>(root: Node<'t>, text: &'t str) -> HashSet<&'t str> {
    let mut scalar: HashMap<&str, bool> = HashMap::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match node.kind() {
            "source_file" | "declaration_list" => stack.extend(named_children(node)),
            "mod_item" => stack.extend(node.child_by_field_name("body")),
            "struct_item" => {
                let Some(body) = node.child_by_field_name("body") else {
                    continue;
                };
                for field in named_children(body) {
                    if let (Some(name), Some(ty)) = (
                        field.child_by_field_name("name"),
                        field.child_by_field_name("type"),
                    ) {
                        let is = is_scalar(text_of(ty, text));
                        *scalar.entry(text_of(name, text)).or_insert(is) &= is;
                    }
                }
            }
            _ => {}
        }
    }
    scalar
        .into_iter()
        .filter_map(|(name, is)| is.then_some(name))
        .collect()
}

/// The type a `let` declares for the value `node` becomes, through what unwraps or awaits it
/// (`let uri: Uri = target.parse().unwrap();`, `let s: String = raw.parse()?;`).
pub(super) fn declared_type<'a>(node: Node<'_>, text: &'a str) -> Option<&'a str> {
    let mut node = node;
    loop {
        let parent = node.parent()?;
        match parent.kind() {
            "try_expression" | "await_expression" | "parenthesized_expression" => node = parent,
            // `x.parse().unwrap()`: `node` is the receiver of an unwrapping method.
            "field_expression"
                if parent.child_by_field_name("value") == Some(node)
                    && parent.child_by_field_name("field").is_some_and(|f| {
                        matches!(
                            text_of(f, text),
                            "unwrap"
                                | "expect"
                                | "ok"
                                | "unwrap_or_default"
                                | "map_err"
                                | "context"
                        )
                    }) =>
            {
                node = parent.parent().filter(|c| c.kind() == "call_expression")?;
            }
            "let_declaration" if parent.child_by_field_name("value") == Some(node) => {
                return parent.child_by_field_name("type").map(|t| text_of(t, text));
            }
            _ => return None,
        }
    }
}

/// Whether a `let` declares a number, boolean or UUID: `let n: u32 = ...`.
pub(super) fn declared_scalar(node: Node<'_>, text: &str, rust: &Rust) -> bool {
    node.child_by_field_name("type")
        .is_some_and(|t| rust.is_scalar_type(text_of(t, text)))
}

/// A `match` used as a value: its scrutinee (a sink may sit there: `match
/// client.get(&url).send().await`), then each arm with its pattern bound to it.
pub(super) fn match_value(node: Node<'_>) -> Expr<'_> {
    let (Some(scrutinee), Some(body)) = (
        node.child_by_field_name("value"),
        node.child_by_field_name("body"),
    ) else {
        return Expr::Other;
    };
    let mut arms = Vec::new();
    for arm in named_children(body) {
        if arm.kind() != "match_arm" {
            continue;
        }
        match (
            arm.child_by_field_name("pattern"),
            arm.child_by_field_name("value"),
        ) {
            (Some(pattern), Some(value)) => arms.push((pattern, value)),
            _ => return Expr::Other,
        }
    }
    Expr::Arms { scrutinee, arms }
}

/// A pair `(LOCATION, value)`, `(header::CONTENT_TYPE, v)` or `("location", value)`: a header's
/// name (a constant in capitals or a string of one token, given lower case with `-` as the
/// header is spelled: `location`, `content-type`) and the node of its value.
pub(super) fn header_pair<'t>(node: Node<'t>, text: &str) -> Option<(Node<'t>, String, Node<'t>)> {
    let [name, value] = named_children(node)[..] else {
        return None;
    };
    let field = match name.kind() {
        "string_literal" => text_of(name, text).trim_matches('"'),
        "identifier" | "scoped_identifier" => {
            let last = text_of(name, text).rsplit("::").next().unwrap_or("");
            if last.chars().any(|c| c.is_ascii_lowercase()) {
                return None;
            }
            last
        }
        _ => return None,
    };
    let token = !field.is_empty()
        && field
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    token.then(|| (name, field.to_ascii_lowercase().replace('_', "-"), value))
}

/// Whether a tuple is a response of headers and a body: an element before the last is an array
/// of header pairs (axum's `(StatusCode::OK, [(CONTENT_TYPE, "text/html")], page)`).
pub(super) fn has_header_array(node: Node<'_>, text: &str) -> bool {
    let parts = named_children(node);
    parts.len() >= 2
        && parts[..parts.len() - 1].iter().any(|part| {
            part.kind() == "array_expression"
                && named_children(*part).iter().all(|pair| {
                    pair.kind() == "tuple_expression" && header_pair(*pair, text).is_some()
                })
                && part.named_child_count() > 0
        })
}
