//! Rust bindings: `use` declarations with paths, renames (`as`), groups (`a::{b, c as d}`,
//! `self` in a group) and globs (`a::*`). A leading `::` is dropped.

use super::{Names, node_text};
use crate::lang::walk_tree;
use tree_sitter::{Node, Tree};

pub(super) fn collect(tree: &Tree, source: &[u8], names: &mut Names) {
    walk_tree(tree, |node| {
        if node.kind() == "use_declaration"
            && let Some(argument) = node.child_by_field_name("argument")
        {
            use_tree(argument, &[], source, names);
        }
    });
}

/// Binds the names one use tree introduces below `prefix`. Groups nest, so this recurses; the
/// depth is that of the written `use` and tree-sitter bounds it.
fn use_tree(node: Node<'_>, prefix: &[String], source: &[u8], names: &mut Names) {
    match node.kind() {
        "identifier" | "crate" | "super" | "metavariable" => {
            let local = node_text(node, source);
            names.bind(local, join(prefix, &[local.to_string()]));
        }
        // `use a::{self, b}`: `self` names the group's path.
        "self" => {
            if let Some(last) = prefix.last() {
                names.bind(last, join(prefix, &[]));
            }
        }
        "scoped_identifier" => {
            let path = path_segments(node, source);
            if let Some(last) = path.last() {
                let local = last.clone();
                if local == "self" {
                    if path.len() >= 2 {
                        let module = &path[..path.len() - 1];
                        names.bind(&module[module.len() - 1], join(prefix, module));
                    }
                } else {
                    names.bind(&local, join(prefix, &path));
                }
            }
        }
        "use_as_clause" => {
            if let (Some(path), Some(alias)) = (
                node.child_by_field_name("path"),
                node.child_by_field_name("alias"),
            ) {
                let alias = node_text(alias, source);
                let mut path = path_segments(path, source);
                // `use a::{self as b}` and `use a::b::self as c` name the module.
                if path.last().is_some_and(|s| s == "self") {
                    path.pop();
                }
                if alias != "_" {
                    names.bind(alias, join(prefix, &path));
                }
            }
        }
        "use_wildcard" => {
            let mut cursor = node.walk();
            let path = node
                .named_children(&mut cursor)
                .next()
                .map(|p| path_segments(p, source))
                .unwrap_or_default();
            names.glob(join(prefix, &path));
        }
        "scoped_use_list" => {
            let mut inner = prefix.to_vec();
            if let Some(path) = node.child_by_field_name("path") {
                inner.extend(path_segments(path, source));
            }
            if let Some(list) = node.child_by_field_name("list") {
                use_tree(list, &inner, source, names);
            }
        }
        "use_list" => {
            let mut cursor = node.walk();
            for child in node.named_children(&mut cursor) {
                use_tree(child, prefix, source, names);
            }
        }
        _ => {}
    }
}

/// `a::b::c` as `["a", "b", "c"]`, iteratively (paths can be long).
fn path_segments(node: Node<'_>, source: &[u8]) -> Vec<String> {
    let mut segments = Vec::new();
    let mut current = Some(node);
    while let Some(node) = current {
        if node.kind() == "scoped_identifier" {
            if let Some(name) = node.child_by_field_name("name") {
                segments.push(node_text(name, source).to_string());
            }
            current = node.child_by_field_name("path");
        } else {
            segments.push(node_text(node, source).to_string());
            current = None;
        }
    }
    segments.reverse();
    segments
}

/// Crates a web framework re-exports under its own path, as their own paths: Rocket's guide
/// writes `use rocket::tokio::process::Command`, which is `tokio::process::Command`.
const REEXPORTS: [(&str, &str); 4] = [
    ("rocket::tokio::", "tokio::"),
    ("rocket::futures::", "futures::"),
    ("axum::http::", "http::"),
    ("actix_web::rt::", "actix_rt::"),
];

fn join(prefix: &[String], rest: &[String]) -> String {
    let path = prefix
        .iter()
        .chain(rest)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("::");
    without_reexport(path)
}

/// `path` under the crate a framework re-exports, when it is written through the framework
/// (`rocket::tokio::fs::read` → `tokio::fs::read`); as it is otherwise.
pub(super) fn without_reexport(path: String) -> String {
    for (reexported, original) in REEXPORTS {
        if let Some(rest) = path.strip_prefix(reexported) {
            return format!("{original}{rest}");
        }
    }
    path
}
