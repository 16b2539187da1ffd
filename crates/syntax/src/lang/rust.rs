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
                uses.roots.push((name, ImportKind::ExternCrate, false));
                if let Some(alias) = node.child_by_field_name("alias") {
                    uses.bound.insert(node_text(alias, text).to_string());
                }
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
    // With uniform paths a `use` may start from any name in scope: one another `use` bound, or,
    // for a path of one segment, one a glob import brought in.
    let mut found: Vec<Import> = uses
        .roots
        .iter()
        .filter(|(root, _, single)| {
            let name = node_text(*root, text);
            let maybe_from_glob = *single && uses.has_glob;
            is_crate_name(*root, text)
                && !declared.contains(name)
                && !uses.bound.contains(name)
                && !maybe_from_glob
                && !cfg_gated(*root, text)
        })
        .map(|(root, kind, _)| Import::new(text, &index, *root, *kind))
        .collect();
    // A glob import may bring module names into scope that this file cannot see; their paths
    // then are not crate references for certain, and a false alarm costs more than a miss.
    if !uses.has_glob {
        for path in qualified {
            let root = leftmost(path);
            let name = node_text(root, text);
            if is_crate_name(root, text)
                && !uses.bound.contains(name)
                && !declared.contains(name)
                && !cfg_gated(root, text)
            {
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
    /// First segments of use paths, the kind, and whether the path is that one segment alone.
    roots: Vec<(Node<'t>, ImportKind, bool)>,
    bound: HashSet<String>,
    has_glob: bool,
    depth: usize,
}

impl<'t> UseScan<'t> {
    /// One use tree; `prefix` is the path of the enclosing `a::{...}` list, if any.
    fn tree(&mut self, node: Node<'t>, prefix: Option<Node<'t>>, text: &str) {
        self.depth += 1;
        // Nested `{...}` lists deeper than any real code: stop, rather than recurse without bound.
        if self.depth <= 64 {
            self.tree_inner(node, prefix, text);
        }
        self.depth -= 1;
    }

    fn tree_inner(&mut self, node: Node<'t>, prefix: Option<Node<'t>>, text: &str) {
        match node.kind() {
            "use_as_clause" => {
                if let Some(path) = node.child_by_field_name("path") {
                    match prefix {
                        Some(prefix) => self.root(prefix, false),
                        None => self.root(path, true),
                    }
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
                    self.root(path, false);
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
                    self.root(path, false);
                }
            }
            "identifier" | "scoped_identifier" => {
                if prefix.is_none() {
                    self.root(node, true);
                }
                // `use x;` binds `x` to itself: not a binding other paths can start from.
                if prefix.is_some() || node.kind() != "identifier" {
                    self.bind_last(node, text);
                }
            }
            _ => {}
        }
    }

    /// Records the first segment of `path`; `whole` when the use path ends there (`use x;`,
    /// `use x as y;`), not when more follows (`use x::y`, `use x::*`, `use x::{..}`).
    fn root(&mut self, path: Node<'t>, whole: bool) {
        let first = leftmost(path);
        self.roots
            .push((first, ImportKind::Static, whole && first == path));
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
    // A raw identifier (`r#try`) is a keyword used as a name, and crates.io refuses keywords as
    // crate names: it is a module or item of the code itself.
    node.kind() == "identifier"
        && !NOT_CRATES.contains(&name)
        && !name.starts_with("r#")
        && !name.starts_with(|c: char| c.is_ascii_uppercase())
}

/// Whether `node` is in an item compiled only for tests or a verification tool
/// (`#[cfg(test)]`, `#[cfg(kani)]`): such code may use names the published manifest no longer
/// lists (dev-dependencies) or that a tool injects.
fn cfg_gated(node: Node<'_>, text: &str) -> bool {
    let gate = |attribute: Node<'_>| {
        let t = node_text(attribute, text);
        t.contains("cfg(test)") || t.contains("cfg(kani)") || t.contains("cfg(any(test")
    };
    let mut current = Some(node);
    while let Some(item) = current {
        let mut previous = item.prev_named_sibling();
        while let Some(sibling) = previous {
            match sibling.kind() {
                "attribute_item" if gate(sibling) => return true,
                "attribute_item" | "line_comment" | "block_comment" => {}
                "inner_attribute_item" if gate(sibling) => return true,
                _ => break,
            }
            previous = sibling.prev_named_sibling();
        }
        current = item.parent();
    }
    false
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
                ("log".into(), ImportKind::QualifiedPath),
            ]
        );
    }

    #[test]
    fn raw_identifiers_are_not_crates() {
        let source = "fn f() { r#try::run(); real_dep::go(); }\nuse r#async::Thing;\n";
        let found: Vec<String> = crates(source).into_iter().map(|c| c.0).collect();
        assert_eq!(found, ["real_dep"]);
    }

    #[test]
    fn uniform_paths_and_test_code_are_not_crates() {
        let source = "use libc::*;\nuse open64 as open;\nuse portable as atomic;\nuse atomic::Ordering;\n\
                      #[cfg(test)]\nmod tests { use dev_only::X; }\nuse real_dep::Y;\n";
        let found: Vec<String> = crates(source).into_iter().map(|c| c.0).collect();
        // `portable` might be a crate, or an item the glob brought in: silence wins.
        assert_eq!(found, ["libc", "real_dep"]);
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
