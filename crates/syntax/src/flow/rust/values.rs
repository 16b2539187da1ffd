//! What a Rust value is beyond its syntax: the type a `let` declares, a number type, a `match`
//! used as a value, a `(name, value)` header pair.

use super::Rust;
use crate::flow::adapter::{Adapter, DeclaredFields, Expr, named_children, text_of};
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

/// The names of the struct fields the file declares only as numbers, booleans, UUIDs or enums
/// of plain variants (`struct Page { title: String, page: i64, sort: SortField }` with `enum
/// SortField { Title, Created }` → `page`, `sort`): such a field holds no text of the caller's.
/// A name some struct declares with another type (`id: String` next to `id: u64`) is left out.
/// Items at module level and in inline modules are read, one walk over them.
pub(super) fn scalar_fields<'t>(root: Node<'t>, text: &'t str) -> HashSet<&'t str> {
    let mut fields: Vec<(&str, &str)> = Vec::new();
    let mut plain_enums: HashSet<&str> = HashSet::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match node.kind() {
            "source_file" | "declaration_list" => stack.extend(named_children(node)),
            "mod_item" => stack.extend(node.child_by_field_name("body")),
            "struct_item" => fields.extend(
                struct_fields(node, text)
                    .map(|(_, f)| f)
                    .into_iter()
                    .flatten(),
            ),
            "enum_item" => {
                let (Some(name), Some(body)) = (
                    node.child_by_field_name("name"),
                    node.child_by_field_name("body"),
                ) else {
                    continue;
                };
                let plain = named_children(body)
                    .iter()
                    .filter(|v| v.kind() == "enum_variant")
                    .all(|v| v.child_by_field_name("body").is_none());
                if plain {
                    plain_enums.insert(text_of(name, text));
                }
            }
            _ => {}
        }
    }
    let holds_no_text = |ty: &str| {
        let inner = ty.trim().trim_start_matches('&').trim();
        let inner = inner
            .strip_prefix("Option<")
            .and_then(|t| t.strip_suffix('>'))
            .unwrap_or(inner)
            .trim();
        is_scalar(ty) || plain_enums.contains(inner)
    };
    let mut scalar: HashMap<&str, bool> = HashMap::new();
    for (name, ty) in fields {
        let is = holds_no_text(ty);
        *scalar.entry(name).or_insert(is) &= is;
    }
    scalar
        .into_iter()
        .filter_map(|(name, is)| is.then_some(name))
        .collect()
}

/// A struct's name and its named fields with their types (`struct S { engine: RuleEngine }`).
pub(super) fn struct_fields<'t>(node: Node<'t>, text: &'t str) -> Option<DeclaredFields<'t>> {
    if node.kind() != "struct_item" {
        return None;
    }
    let name = node.child_by_field_name("name")?;
    let body = node.child_by_field_name("body")?;
    let fields = named_children(body)
        .into_iter()
        .filter_map(|field| {
            let name = field.child_by_field_name("name")?;
            let ty = field.child_by_field_name("type")?;
            Some((text_of(name, text), text_of(ty, text)))
        })
        .collect();
    Some((text_of(name, text), fields))
}

/// The type a `let` declares for the value `node` becomes, through what unwraps or awaits it
/// (`let uri: Uri = target.parse().unwrap();`, `let s: String = raw.parse()?;`).
pub(super) fn declared_type<'a>(node: Node<'_>, text: &'a str) -> Option<&'a str> {
    let mut node = node;
    loop {
        let parent = node.parent()?;
        match parent.kind() {
            "try_expression" | "await_expression" | "parenthesized_expression" => node = parent,
            // `let uri: Uri = match target.parse() { Ok(u) => u, Err(_) => return .. }`.
            "match_expression" if parent.child_by_field_name("value") == Some(node) => {
                node = parent;
            }
            // `x.parse().unwrap()`: `node` is the receiver of an unwrapping method.
            "field_expression"
                if parent.child_by_field_name("value") == Some(node)
                    && parent
                        .child_by_field_name("field")
                        .is_some_and(|f| super::unwraps(text_of(f, text))) =>
            {
                node = parent.parent().filter(|c| c.kind() == "call_expression")?;
            }
            "let_declaration" if parent.child_by_field_name("value") == Some(node) => {
                return parent.child_by_field_name("type").map(|t| text_of(t, text));
            }
            // `fn remote_uri(..) -> Result<Uri, InvalidUri> { ... s.parse() }`: the function's
            // tail is what it returns, of the type it declares (a `Result`'s value type).
            "block"
                if parent.parent().is_some_and(|f| f.kind() == "function_item")
                    && parent
                        .named_child(parent.named_child_count().saturating_sub(1) as u32)
                        .is_some_and(|tail| tail == node) =>
            {
                let returned = parent.parent()?.child_by_field_name("return_type")?;
                return Some(ok_type(text_of(returned, text)));
            }
            // `return s.parse();`: of the type the enclosing function declares (not a
            // closure's, which declares none here).
            "return_expression" => {
                let mut up = parent.parent();
                while let Some(n) = up {
                    match n.kind() {
                        "function_item" => {
                            let returned = n.child_by_field_name("return_type")?;
                            return Some(ok_type(text_of(returned, text)));
                        }
                        "closure_expression" => return None,
                        _ => up = n.parent(),
                    }
                }
                return None;
            }
            _ => return None,
        }
    }
}

/// The value type of a `Result<T, E>` (`T`), or the type itself.
fn ok_type(ty: &str) -> &str {
    let Some(inner) = ty
        .trim()
        .strip_prefix("Result<")
        .and_then(|t| t.strip_suffix('>'))
    else {
        return ty;
    };
    let mut depth = 0usize;
    for (at, c) in inner.char_indices() {
        match c {
            '<' | '(' => depth += 1,
            '>' | ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => return inner[..at].trim(),
            _ => {}
        }
    }
    inner.trim()
}

/// Whether a `let` declares a number, boolean or UUID: `let n: u32 = ...`.
pub(super) fn declared_scalar(node: Node<'_>, text: &str, rust: &Rust) -> bool {
    node.child_by_field_name("type")
        .is_some_and(|t| rust.is_scalar_type(text_of(t, text)))
}

/// A `match` used as a value: its scrutinee (a sink may sit there: `match
/// client.get(&url).send().await`), then each arm with its pattern bound to it.
pub(super) fn match_value<'t>(node: Node<'t>, text: &str) -> Expr<'t> {
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
    // `match Url::parse(&raw) { Ok(u) => u, Err(_) => return ... }` is `Url::parse(&raw)?`:
    // the value is the call's own (what made it, which a guard on it may ask).
    if let [(a, a_value), (b, b_value)] = arms[..]
        && ((unwraps(a, a_value, text) && diverges(b_value, text))
            || (unwraps(b, b_value, text) && diverges(a_value, text)))
    {
        return Expr::Wrap(scrutinee);
    }
    Expr::Arms { scrutinee, arms }
}

/// `Ok(u) => u`, `Some(u) => u`: the arm hands on what the variant holds, or an owned copy of
/// it (`Some(p) => p.to_owned()`, `.to_path_buf()`, `.clone()`, `.into()`).
fn unwraps(pattern: Node<'_>, value: Node<'_>, text: &str) -> bool {
    let value = owned_copy_of(value, text).unwrap_or(value);
    let pattern = match pattern.kind() {
        "match_pattern" => match pattern.named_child(0) {
            Some(inner) => inner,
            None => return false,
        },
        _ => pattern,
    };
    pattern.kind() == "tuple_struct_pattern"
        && value.kind() == "identifier"
        && pattern.named_child_count() == 2
        && pattern
            .named_child(0)
            .is_some_and(|variant| matches!(text_of(variant, text), "Ok" | "Some"))
        && pattern.named_child(1).is_some_and(|bound| {
            bound.kind() == "identifier" && text_of(bound, text) == text_of(value, text)
        })
}

/// `p.to_owned()`, `p.to_path_buf()`, `p.to_string()`, `p.clone()`, `p.into()`: the receiver.
fn owned_copy_of<'t>(value: Node<'t>, text: &str) -> Option<Node<'t>> {
    if value.kind() != "call_expression"
        || value
            .child_by_field_name("arguments")
            .is_some_and(|a| a.named_child_count() > 0)
    {
        return None;
    }
    let function = value.child_by_field_name("function")?;
    let method = function.child_by_field_name("field")?;
    matches!(
        text_of(method, text),
        "to_owned" | "to_path_buf" | "to_string" | "clone" | "into"
    )
    .then(|| function.child_by_field_name("value"))
    .flatten()
}

/// An arm that leaves (`return ...`, `continue`, `break`, `panic!(..)`), or a block ending so.
fn diverges(value: Node<'_>, text: &str) -> bool {
    match value.kind() {
        "return_expression" | "continue_expression" | "break_expression" => true,
        // `bail!`, `anyhow::bail!`, `std::panic!`.
        "macro_invocation" => value.named_child(0).is_some_and(|name| {
            matches!(
                text_of(name, text).rsplit("::").next(),
                Some("panic" | "unreachable" | "bail" | "todo" | "unimplemented")
            )
        }),
        "block" => named_children(value)
            .last()
            .is_some_and(|last| match last.kind() {
                "expression_statement" => last.named_child(0).is_some_and(|e| diverges(e, text)),
                _ => diverges(*last, text),
            }),
        _ => false,
    }
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

/// Whether `name` is bound, in an extractor's tuple (`Path((org, id))`), to an element the
/// type declares a number (`Path<(String, i64)>`, `web::Path<(String, u32)>`).
pub(super) fn scalar_element(pattern: Node<'_>, annotation: &str, name: Node<'_>) -> bool {
    let Some(tuple) = (pattern.kind() == "tuple_struct_pattern")
        .then(|| named_children(pattern))
        .and_then(|parts| parts.into_iter().find(|p| p.kind() == "tuple_pattern"))
    else {
        return false;
    };
    let Some(position) = named_children(tuple).iter().position(|e| *e == name) else {
        return false;
    };
    let (Some(open), Some(close)) = (annotation.find('<'), annotation.rfind('>')) else {
        return false;
    };
    let Some(inner) = annotation[open + 1..close]
        .trim()
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
    else {
        return false;
    };
    // Top-level commas only: `(String, HashMap<String, u32>)` has two elements.
    let mut depth = 0usize;
    let mut elements = Vec::new();
    let mut start = 0;
    for (at, c) in inner.char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                elements.push(&inner[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    elements.push(&inner[start..]);
    elements
        .get(position)
        .is_some_and(|ty| is_scalar(ty.trim()))
}

/// `Path::new(&name)`, `PathBuf::from(name.as_str())`, `std::path::Path::new(name)`: the one
/// value the path is made of (see [`Adapter::path_of`]).
pub(super) fn path_of<'t>(node: Node<'t>, text: &str) -> Option<Node<'t>> {
    if node.kind() != "call_expression" {
        return None;
    }
    let callee = text_of(node.child_by_field_name("function")?, text);
    let callee = callee.strip_prefix("std::path::").unwrap_or(callee);
    if !matches!(
        callee,
        "Path::new" | "PathBuf::from" | "Utf8Path::new" | "Utf8PathBuf::from"
    ) {
        return None;
    }
    let [mut value] = named_children(node.child_by_field_name("arguments")?)[..] else {
        return None;
    };
    while value.kind() == "reference_expression" {
        value = value.child_by_field_name("value")?;
    }
    Some(value)
}
