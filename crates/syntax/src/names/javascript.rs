//! JavaScript and TypeScript bindings: ES imports (default, namespace, named, renamed),
//! `require` assigned to a name or destructured, members of either (`const exec =
//! require('child_process').exec`, `const { exec } = cp`), and `promisify` of either (`const run
//! = promisify(exec)` calls `child_process.exec`), and a module chosen between two (`const client
//! = secure ? https : http` is `https`). The `node:` prefix of built-in
//! modules is dropped, so `node:fs` and `fs` are one module.

use super::{Names, node_text};
use crate::lang::walk_tree;
use tree_sitter::{Node, Tree};

pub(super) fn collect(tree: &Tree, source: &[u8], names: &mut Names) {
    walk_tree(tree, |node| match node.kind() {
        "import_statement" => import(node, source, names),
        "variable_declarator" => declarator(node, source, names),
        _ => {}
    });
}

/// The module a `require('m')` call loads, `node:` dropped; `None` for any other call.
pub(super) fn required_module(call: Node<'_>, source: &[u8]) -> Option<String> {
    let function = call.child_by_field_name("function")?;
    if function.kind() != "identifier" || node_text(function, source) != "require" {
        return None;
    }
    let arguments = call.child_by_field_name("arguments")?;
    if arguments.named_child_count() != 1 {
        return None;
    }
    string_value(arguments.named_child(0)?, source).map(module_name)
}

fn module_name(specifier: String) -> String {
    if let Some(package) = cdn_package(&specifier) {
        return package;
    }
    match specifier.strip_prefix("node:") {
        Some(builtin) => builtin.to_string(),
        None => specifier,
    }
}

/// The npm package an ES module CDN serves at `specifier`, which browser code imports by URL
/// (`https://cdn.jsdelivr.net/npm/dompurify@3/dist/purify.es.mjs` → `dompurify`,
/// `https://esm.sh/@scope/pkg@1.2?bundle` → `@scope/pkg`): the library is the package's.
fn cdn_package(specifier: &str) -> Option<String> {
    const CDNS: &[&str] = &[
        "cdn.jsdelivr.net/npm/",
        "unpkg.com/",
        "esm.sh/",
        "cdn.esm.sh/",
        "esm.run/",
        "cdn.skypack.dev/",
        "ga.jspm.io/npm:",
    ];
    let rest = specifier
        .strip_prefix("https://")
        .or_else(|| specifier.strip_prefix("http://"))?;
    let path = CDNS.iter().find_map(|cdn| rest.strip_prefix(cdn))?;
    let path = path.split(['?', '#']).next()?;
    let mut segments = path.split('/');
    let first = segments.next()?;
    let name = match first.strip_prefix('@') {
        Some(_) => format!("{first}/{}", segments.next()?),
        None => first.to_string(),
    };
    // The version after the name (`dompurify@3`), not a scope's leading `@`.
    let name = match name[1..].find('@') {
        Some(at) => name[..at + 1].to_string(),
        None => name,
    };
    (!name.is_empty() && !name.ends_with('/')).then_some(name)
}

/// The value of a constant string literal (`'x'`, `"x"`, or a template without substitutions).
fn string_value(node: Node<'_>, source: &[u8]) -> Option<String> {
    if !matches!(node.kind(), "string" | "template_string") || !crate::lang::is_literal(node) {
        return None;
    }
    let text = node_text(node, source);
    let inner = text.get(1..text.len().checked_sub(1)?)?;
    Some(inner.to_string())
}

fn import(node: Node<'_>, source: &[u8], names: &mut Names) {
    let Some(module) = node
        .child_by_field_name("source")
        .and_then(|s| string_value(s, source))
        .map(module_name)
    else {
        return;
    };
    let mut cursor = node.walk();
    let Some(clause) = node
        .named_children(&mut cursor)
        .find(|c| c.kind() == "import_clause")
    else {
        return;
    };
    let mut cursor = clause.walk();
    for part in clause.named_children(&mut cursor) {
        match part.kind() {
            // `import cp from 'child_process'`
            "identifier" => names.bind(node_text(part, source), module.clone()),
            // `import * as cp from 'child_process'`
            "namespace_import" => {
                let mut inner = part.walk();
                if let Some(local) = part
                    .named_children(&mut inner)
                    .find(|c| c.kind() == "identifier")
                {
                    names.bind(node_text(local, source), module.clone());
                }
            }
            // `import { exec, spawn as sp, default as cp } from 'child_process'`
            "named_imports" => {
                let mut inner = part.walk();
                for specifier in part.named_children(&mut inner) {
                    if specifier.kind() != "import_specifier" {
                        continue;
                    }
                    let Some(name) = specifier.child_by_field_name("name") else {
                        continue;
                    };
                    let imported = string_value(name, source)
                        .unwrap_or_else(|| node_text(name, source).to_string());
                    let local = specifier.child_by_field_name("alias").unwrap_or(name);
                    let canonical = if imported == "default" {
                        module.clone()
                    } else {
                        format!("{module}.{imported}")
                    };
                    names.bind(node_text(local, source), canonical);
                }
            }
            _ => {}
        }
    }
}

/// `const cp = require('m')`, `const exec = require('m').exec`, `const run = cp.exec`,
/// `const { exec, spawn: sp } = require('m')` (or `= cp`).
fn declarator(node: Node<'_>, source: &[u8], names: &mut Names) {
    let (Some(name), Some(value)) = (
        node.child_by_field_name("name"),
        node.child_by_field_name("value"),
    ) else {
        return;
    };
    let value = chosen_module(unwrap_await(value), source, names);
    if name.kind() == "identifier"
        && let Some(wrapped) = promisified(value, source, names)
    {
        names.bind(node_text(name, source), wrapped);
        return;
    }
    if name.kind() == "identifier"
        && let Some(global) = code_runner(value, source)
    {
        names.bind(node_text(name, source), global.to_string());
        names.declared(node_text(name, source), node.start_byte());
        return;
    }
    let Some(segments) = names.segments(value, source) else {
        return;
    };
    // Only a path that starts at a module counts: `require(...)` or an imported name.
    let from_module = value.kind() == "call_expression"
        || first_is_require(value)
        || names.bindings.contains_key(segments[0].as_str());
    if !from_module {
        return;
    }
    let base = names.resolve_segments(&segments);
    match name.kind() {
        "identifier" => {
            names.bind(node_text(name, source), base);
            names.declared(node_text(name, source), node.start_byte());
        }
        "object_pattern" => destructure(name, source, &base, names),
        _ => {}
    }
}

/// The global a name is given when it runs strings as code under another name: `const run =
/// eval` and `globalThis.eval` are `eval`; `Function`, and the constructor of an async or generator
/// function (`Object.getPrototypeOf(async function () {}).constructor`, the usual way to reach
/// `AsyncFunction`, which has no global name), are `Function`.
fn code_runner(value: Node<'_>, source: &[u8]) -> Option<&'static str> {
    let global = |name: &str| match name {
        "eval" => Some("eval"),
        "Function" => Some("Function"),
        _ => None,
    };
    let value = unwrap_await(value);
    match value.kind() {
        "identifier" => global(node_text(value, source)),
        "member_expression" => {
            let object = value.child_by_field_name("object")?;
            let property = node_text(value.child_by_field_name("property")?, source);
            if property == "constructor" {
                return makes_a_function(object, source).then_some("Function");
            }
            let holder = matches!(
                node_text(object, source),
                "globalThis" | "window" | "self" | "global"
            );
            holder.then(|| global(property)).flatten()
        }
        _ => None,
    }
}

/// A function written in place (`async () => {}`, `function* () {}`), or
/// `Object.getPrototypeOf` of one: what has the `Function` family's constructor.
fn makes_a_function(node: Node<'_>, source: &[u8]) -> bool {
    let written = |n: Node<'_>| {
        matches!(
            unwrap_await(n).kind(),
            "function_expression" | "function" | "arrow_function" | "generator_function"
        )
    };
    let node = unwrap_await(node);
    if node.kind() != "call_expression" {
        return written(node);
    }
    let callee = node.child_by_field_name("function");
    let argument = node
        .child_by_field_name("arguments")
        .and_then(|a| a.named_child(0));
    callee.is_some_and(|c| node_text(c, source) == "Object.getPrototypeOf")
        && argument.is_some_and(written)
}

/// `secure ? https : http` between two imported names: the first, which stands for both (a
/// client module picked by the URL's scheme, whose methods have the same names).
fn chosen_module<'t>(value: Node<'t>, source: &[u8], names: &Names) -> Node<'t> {
    let mut inner = value;
    while inner.kind() == "parenthesized_expression" {
        match inner.named_child(0) {
            Some(child) => inner = child,
            None => return value,
        }
    }
    let imported = |field: &str| {
        inner
            .child_by_field_name(field)
            .filter(|n| n.kind() == "identifier")
            .filter(|n| names.bindings.contains_key(node_text(*n, source)))
    };
    match (
        inner.kind(),
        imported("consequence"),
        imported("alternative"),
    ) {
        ("ternary_expression", Some(first), Some(_)) => first,
        _ => value,
    }
}

/// `promisify(exec)` (`util.promisify`) of an imported or required function: the canonical name of that
/// function, which the promise-returning wrapper calls with the same arguments.
fn promisified(value: Node<'_>, source: &[u8], names: &Names) -> Option<String> {
    if value.kind() != "call_expression" {
        return None;
    }
    let function = names.segments(value.child_by_field_name("function")?, source)?;
    if names.resolve_segments(&function) != "util.promisify" {
        return None;
    }
    let arguments = value.child_by_field_name("arguments")?;
    if arguments.named_child_count() != 1 {
        return None;
    }
    let argument = arguments.named_child(0)?;
    let wrapped = names.segments(argument, source)?;
    // `promisify(exec)` of an imported name, or `promisify(require('child_process').exec)`.
    (names.bindings.contains_key(wrapped[0].as_str()) || first_is_require(argument))
        .then(|| names.resolve_segments(&wrapped))
}

fn unwrap_await(node: Node<'_>) -> Node<'_> {
    let mut node = node;
    while matches!(node.kind(), "await_expression" | "parenthesized_expression") {
        match node.named_child(0) {
            Some(inner) => node = inner,
            None => break,
        }
    }
    node
}

fn first_is_require(mut node: Node<'_>) -> bool {
    while node.kind() == "member_expression" {
        match node.child_by_field_name("object") {
            Some(object) => node = object,
            None => return false,
        }
    }
    node.kind() == "call_expression"
}

fn destructure(pattern: Node<'_>, source: &[u8], base: &str, names: &mut Names) {
    let mut cursor = pattern.walk();
    for property in pattern.named_children(&mut cursor) {
        let (key, local) = match property.kind() {
            "shorthand_property_identifier_pattern" => (property, property),
            "pair_pattern" => match (
                property.child_by_field_name("key"),
                property.child_by_field_name("value"),
            ) {
                (Some(key), Some(value)) => {
                    let value = match value.kind() {
                        "assignment_pattern" => match value.child_by_field_name("left") {
                            Some(left) => left,
                            None => continue,
                        },
                        _ => value,
                    };
                    if value.kind() != "identifier" {
                        continue;
                    }
                    (key, value)
                }
                _ => continue,
            },
            "object_assignment_pattern" => match property.child_by_field_name("left") {
                Some(left) => (left, left),
                None => continue,
            },
            _ => continue,
        };
        let member = string_value(key, source).unwrap_or_else(|| node_text(key, source).into());
        names.bind(node_text(local, source), format!("{base}.{member}"));
    }
}
