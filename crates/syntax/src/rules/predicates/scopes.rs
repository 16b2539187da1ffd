//! Where a node sits: the statement after it, the definitions around it, what a name in scope
//! is bound to, and whether it lies in an `impl` of a `#[repr(transparent)]` struct. The walks
//! the predicates of `predicates.rs` make beyond the match itself.

use crate::lang::is_literal;
use tree_sitter::Node;

use super::strip_quotes;

/// Whether `node` lies in an `impl` (`impl Wrapper`, `impl Trait for Wrapper`) of a struct the
/// file declares with `#[repr(transparent)]` among the attributes right above it.
pub(super) fn in_transparent_impl(node: Node<'_>, source: &[u8]) -> bool {
    let text = |n: Node<'_>| n.utf8_text(source).unwrap_or("");
    let Some(implemented) = std::iter::successors(node.parent(), |n| n.parent())
        .find(|n| n.kind() == "impl_item")
        .and_then(|i| i.child_by_field_name("type"))
    else {
        return false;
    };
    // `RawValue<'a>` and `&'a RawValue` are declared as `RawValue`.
    let mut implemented = implemented;
    while matches!(implemented.kind(), "generic_type" | "reference_type")
        && let Some(inner) = implemented.child_by_field_name("type")
    {
        implemented = inner;
    }
    let type_name = text(implemented);
    let root = std::iter::successors(Some(node), |n| n.parent())
        .last()
        .unwrap_or(node);
    let mut stack = vec![root];
    while let Some(current) = stack.pop() {
        if current.kind() == "struct_item" {
            if current.child_by_field_name("name").map(text) == Some(type_name) {
                let transparent =
                    std::iter::successors(current.prev_named_sibling(), |n| n.prev_named_sibling())
                        .take_while(|n| {
                            n.kind() == "attribute_item" || n.kind().contains("comment")
                        })
                        .any(|n| text(n).replace(' ', "").contains("repr(transparent)"));
                if transparent {
                    return true;
                }
            }
            continue;
        }
        // Structs are declared at module level or in `mod` blocks, never inside functions.
        if current.kind() == "source_file"
            || current.kind() == "mod_item"
            || current.kind() == "declaration_list"
        {
            let mut cursor = current.walk();
            stack.extend(current.named_children(&mut cursor));
        }
    }
    false
}

/// The statement after the one holding `node` in its block, comments skipped.
pub(super) fn next_statement(node: Node<'_>) -> Option<Node<'_>> {
    let mut statement = node;
    while let Some(parent) = statement.parent() {
        if matches!(
            parent.kind(),
            "block" | "module" | "program" | "statement_block" | "source_file"
        ) {
            return std::iter::successors(statement.next_named_sibling(), |n| {
                n.next_named_sibling()
            })
            .find(|n| !n.kind().contains("comment"));
        }
        statement = parent;
    }
    None
}

/// The definitions around `node`, innermost first: functions, methods, closures, classes,
/// traits, modules and impl blocks of every grammar here.
pub(super) fn enclosing_definitions(node: Node<'_>) -> impl Iterator<Item = Node<'_>> {
    std::iter::successors(node.parent(), |n| n.parent()).filter(|n| {
        let kind = n.kind();
        is_function_kind(kind)
            || kind.starts_with("class")
            || matches!(kind, "impl_item" | "trait_item" | "mod_item")
    })
}

/// A definition's name: its `name` field, or the type of a Rust impl block (`impl DigestAuth`);
/// `None` for lambdas, closures and anonymous functions.
pub(super) fn definition_name(definition: Node<'_>) -> Option<Node<'_>> {
    definition
        .child_by_field_name("name")
        .or_else(|| definition.child_by_field_name("type"))
}

/// The texts (quotes stripped) `node` can hold: its own when it is a string literal without
/// interpolation; for a name, those of every place the innermost scope declaring it binds it
/// (`const ALGO = "md5"`, `algo = "md5"`, `let algo = "md5";`, a parameter default), none when
/// one of them binds anything else or it is a plain parameter. Only runs for the nodes a rule
/// asks about, so the walks over the file are rare.
pub(super) fn constant_strings(node: Node<'_>, source: &[u8]) -> Vec<String> {
    if node.kind() != "identifier" {
        return string_literal(node, source).into_iter().collect();
    }
    let name = node.utf8_text(source).unwrap_or("");
    let mut scope = node.parent();
    while let Some(current) = scope {
        if (current.parent().is_none() || is_function_kind(current.kind()))
            && let Some(found) = bindings_in(current, name, source)
        {
            return found;
        }
        scope = current.parent();
    }
    Vec::new()
}

/// What `scope` binds `name` to, leaving out nested functions (scopes of their own): `None`
/// when it does not bind it; empty when one binding is not a string literal.
fn bindings_in(scope: Node<'_>, name: &str, source: &[u8]) -> Option<Vec<String>> {
    let text = |n: Node<'_>| n.utf8_text(source).unwrap_or("");
    let mut found = Vec::new();
    let mut cursor = scope.walk();
    let mut stack: Vec<Node<'_>> = scope.named_children(&mut cursor).collect();
    while let Some(current) = stack.pop() {
        let kind = current.kind();
        if is_function_kind(kind) {
            continue;
        }
        if matches!(kind, "parameters" | "formal_parameters") {
            let plain = |p: Node<'_>| {
                let bound = match p.kind() {
                    "identifier" => Some(p),
                    "typed_parameter" => p.named_child(0),
                    _ => p.child_by_field_name("pattern"),
                };
                bound.is_some_and(|b| b.kind() == "identifier" && text(b) == name)
            };
            if current.named_children(&mut scope.walk()).any(plain) {
                return Some(Vec::new());
            }
        }
        let (target, value) = match kind {
            "variable_declarator"
            | "const_item"
            | "static_item"
            | "default_parameter"
            | "typed_default_parameter" => (
                current.child_by_field_name("name"),
                current.child_by_field_name("value"),
            ),
            "assignment" | "assignment_expression" | "assignment_pattern" => (
                current.child_by_field_name("left"),
                current.child_by_field_name("right"),
            ),
            "let_declaration" => (
                current.child_by_field_name("pattern"),
                current.child_by_field_name("value"),
            ),
            _ => (None, None),
        };
        if let Some(target) = target
            && target.kind() == "identifier"
            && text(target) == name
        {
            match value.and_then(|v| string_literal(v, source)) {
                Some(string) => found.push(string),
                None => return Some(Vec::new()),
            }
        }
        stack.extend(current.named_children(&mut cursor));
    }
    (!found.is_empty()).then_some(found)
}

/// A string literal's text without quotes; `None` for anything else (an interpolation too).
fn string_literal(node: Node<'_>, source: &[u8]) -> Option<String> {
    let string_kind = matches!(
        node.kind(),
        "string" | "template_string" | "string_literal" | "raw_string_literal"
    );
    (string_kind && is_literal(node))
        .then(|| strip_quotes(node.utf8_text(source).unwrap_or("")).to_string())
}

/// Functions, methods, lambdas and closures of every grammar here: each a scope of its own.
pub(super) fn is_function_kind(kind: &str) -> bool {
    kind.contains("function")
        || kind.contains("method")
        || matches!(kind, "lambda" | "closure_expression")
}
