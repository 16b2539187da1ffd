//! Rust crate references: the first segment of `use` paths and of qualified paths in code
//! (`foo::bar()`, `foo::Type`), and `extern crate`. What is certainly not a crate is dropped
//! here: the built-in crates and path keywords, primitive types, names a `use` or `extern crate`
//! binds in the file, and modules the file declares. Modules declared elsewhere in the crate are
//! known only crate-wide: [`declared_modules`] gives them to the caller.

use super::imports::{Import, ImportKind, walk};
use crate::text::LineIndex;
use std::collections::HashSet;
use tree_sitter::{Node, Tree};

/// Names a path can start with that are never registry crates.
const NOT_CRATES: &[&str] = &[
    "std",
    "core",
    "alloc",
    "proc_macro",
    "test",
    "crate",
    "self",
    "super",
    "Self",
    // Primitive types have associated items (`u32::MAX`, `str::from_utf8`).
    "bool",
    "char",
    "str",
    "u8",
    "u16",
    "u32",
    "u64",
    "u128",
    "usize",
    "i8",
    "i16",
    "i32",
    "i64",
    "i128",
    "isize",
    "f16",
    "f32",
    "f64",
    "f128",
];

/// The crate references of one Rust file, in document order.
pub fn imports(tree: &Tree, text: &str) -> Vec<Import> {
    let index = LineIndex::new(text);
    let mut uses = UseScan::default();
    let mut qualified = Vec::new();
    let declared: HashSet<String> = declared_modules(tree, text).into_iter().collect();
    walk(tree, |node| match node.kind() {
        "use_declaration" => {
            if let Some(argument) = node.child_by_field_name("argument") {
                uses.tree(argument, None, text);
            }
        }
        "extern_crate_declaration" => {
            if let Some(name) = node.child_by_field_name("name") {
                uses.roots.push((name, ImportKind::ExternCrate));
                let bound = node.child_by_field_name("alias").unwrap_or(name);
                uses.bound.insert(node_text(bound, text).to_string());
            }
        }
        "scoped_identifier" | "scoped_type_identifier" => {
            let outermost = node
                .parent()
                .is_none_or(|p| !p.kind().starts_with("scoped_") && p.kind() != "use_as_clause");
            // Attribute paths name tools (`rustfmt::skip`, `clippy::...`), not crates.
            let skipped = [
                "use_declaration",
                "token_tree",
                "attribute_item",
                "inner_attribute_item",
            ];
            if outermost && !inside(node, &skipped) {
                qualified.push(node);
            }
        }
        _ => {}
    });
    let mut found: Vec<Import> = uses
        .roots
        .iter()
        .filter(|(root, _)| {
            is_crate_name(*root, text) && !declared.contains(node_text(*root, text))
        })
        .map(|(root, kind)| Import::new(text, &index, *root, *kind))
        .collect();
    // A glob import may bring module names into scope that this file cannot see; their paths
    // then are not crate references for certain, and a false alarm costs more than a miss.
    if !uses.has_glob {
        for path in qualified {
            let root = leftmost(path);
            let name = node_text(root, text);
            if is_crate_name(root, text) && !uses.bound.contains(name) && !declared.contains(name) {
                found.push(Import::new(text, &index, root, ImportKind::QualifiedPath));
            }
        }
    }
    found.sort_by_key(|i| i.span.start_byte);
    found
}

/// The names of modules the file declares (`mod x;` and `mod x { ... }`), at any depth.
pub fn declared_modules(tree: &Tree, text: &str) -> Vec<String> {
    let mut names = Vec::new();
    walk(tree, |node| {
        if node.kind() == "mod_item"
            && let Some(name) = node.child_by_field_name("name")
        {
            names.push(node_text(name, text).to_string());
        }
    });
    names
}

/// What the `use` declarations of a file reference and bind.
#[derive(Default)]
struct UseScan<'t> {
    roots: Vec<(Node<'t>, ImportKind)>,
    bound: HashSet<String>,
    has_glob: bool,
}

impl<'t> UseScan<'t> {
    /// One use tree; `prefix` is the path of the enclosing `a::{...}` list, if any.
    fn tree(&mut self, node: Node<'t>, prefix: Option<Node<'t>>, text: &str) {
        match node.kind() {
            "use_as_clause" => {
                if let Some(path) = node.child_by_field_name("path") {
                    self.root(prefix.unwrap_or(path));
                }
                if let Some(alias) = node.child_by_field_name("alias") {
                    self.bound.insert(node_text(alias, text).to_string());
                }
            }
            "scoped_use_list" => {
                let path = node.child_by_field_name("path");
                let inner = prefix.or(path);
                if prefix.is_none()
                    && let Some(path) = path
                {
                    self.root(path);
                }
                if let Some(list) = node.child_by_field_name("list") {
                    let mut cursor = list.walk();
                    for item in list.named_children(&mut cursor) {
                        if item.kind() == "self" {
                            if let Some(path) = path {
                                self.bind_last(path, text);
                            }
                        } else {
                            self.tree(item, inner, text);
                        }
                    }
                }
            }
            "use_list" => {
                let mut cursor = node.walk();
                for item in node.named_children(&mut cursor) {
                    self.tree(item, prefix, text);
                }
            }
            "use_wildcard" => {
                self.has_glob = true;
                if prefix.is_none()
                    && let Some(path) = node.named_child(0)
                {
                    self.root(path);
                }
            }
            "identifier" | "scoped_identifier" => {
                if prefix.is_none() {
                    self.root(node);
                }
                self.bind_last(node, text);
            }
            _ => {}
        }
    }

    fn root(&mut self, path: Node<'t>) {
        self.roots.push((leftmost(path), ImportKind::Static));
    }

    fn bind_last(&mut self, path: Node<'t>, text: &str) {
        let last = path.child_by_field_name("name").unwrap_or(path);
        self.bound.insert(node_text(last, text).to_string());
    }
}

/// The first segment of a path: `a` in `a::b::c`.
fn leftmost(mut node: Node<'_>) -> Node<'_> {
    // `::a::b` (a path from the extern prelude) has no `path` on its innermost segment.
    while let Some(next) = node.child_by_field_name("path").or_else(|| {
        node.child_by_field_name("name")
            .filter(|_| node.kind().starts_with("scoped_"))
    }) {
        node = next;
    }
    node
}

/// Crate names are lower case; an upper-case first segment is a type, enum or constant in scope.
fn is_crate_name(node: Node<'_>, text: &str) -> bool {
    let name = node_text(node, text);
    node.kind() == "identifier"
        && !NOT_CRATES.contains(&name)
        && !name.starts_with(|c: char| c.is_ascii_uppercase())
}

fn inside(node: Node<'_>, kinds: &[&str]) -> bool {
    let mut current = node.parent();
    while let Some(parent) = current {
        if kinds.contains(&parent.kind()) {
            return true;
        }
        current = parent.parent();
    }
    false
}

fn node_text<'a>(node: Node<'_>, text: &'a str) -> &'a str {
    text.get(node.start_byte()..node.end_byte()).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::parse;
    use crate::lang::Language;

    fn crates(source: &str) -> Vec<(String, ImportKind)> {
        let tree = parse(Language::Rust, source, None).unwrap();
        imports(&tree, source)
            .into_iter()
            .map(|i| {
                assert_eq!(&source[i.span.start_byte..i.span.end_byte], i.module);
                (i.module, i.kind)
            })
            .collect()
    }

    #[test]
    fn use_roots_and_qualified_paths_are_found() {
        let source = "extern crate libc;\nextern crate rand as rnd;\nuse serde::{Deserialize, de::Visitor};\n\
                      use std::io;\nuse crate::local::Thing;\nuse ::anyhow::Result as R;\nuse {regex::Regex, log};\n\
                      mod parser;\nmod inline { pub fn f() {} }\n\
                      fn f() -> tokio::task::JoinHandle<()> {\n    let x = serde_json::to_string(&1);\n\
                      \x20   io::stdout(); parser::run(); inline::f(); rnd::random::<u8>(); u32::MAX;\n\
                      \x20   Vec::<u8>::new(); log::info!(\"x\"); quote!(fake::path);\n}\n";
        assert_eq!(
            crates(source),
            [
                ("libc".into(), ImportKind::ExternCrate),
                ("rand".into(), ImportKind::ExternCrate),
                ("serde".into(), ImportKind::Static),
                ("anyhow".into(), ImportKind::Static),
                ("regex".into(), ImportKind::Static),
                ("log".into(), ImportKind::Static),
                ("tokio".into(), ImportKind::QualifiedPath),
                ("serde_json".into(), ImportKind::QualifiedPath),
            ]
        );
    }

    #[test]
    fn a_glob_import_silences_qualified_paths() {
        let source = "use crate::prelude::*;\nfn f() { helpers::go(); }\n";
        assert!(crates(source).is_empty());
    }

    #[test]
    fn declared_modules_are_listed() {
        let source = "mod a;\npub mod b { mod c {} }\n";
        let tree = parse(Language::Rust, source, None).unwrap();
        assert_eq!(declared_modules(&tree, source), ["a", "b", "c"]);
    }
}
