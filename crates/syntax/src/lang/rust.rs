//! Rust crate references: the first segment of `use` paths and of qualified paths in code
//! (`foo::bar()`, `foo::Type`), and `extern crate`. What is certainly not a crate is dropped
//! here: the built-in crates and path keywords, primitive types, names a `use` or `extern crate`
//! binds in the file, and modules the file declares. Modules declared elsewhere in the crate are
//! known only crate-wide: [`declared_modules`] gives them to the caller.

use super::imports::{Import, ImportKind, walk, walk_with};
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
    walk_in_context(tree, text, |node, context| match node.kind() {
        "use_declaration" => {
            if let Some(argument) = node.child_by_field_name("argument") {
                uses.gated = context.gated;
                uses.tree(argument, None, text);
            }
        }
        "extern_crate_declaration" => {
            if let Some(name) = node.child_by_field_name("name") {
                uses.roots.push(Root {
                    node: name,
                    kind: ImportKind::ExternCrate,
                    whole: false,
                    gated: context.gated,
                });
                if let Some(alias) = node.child_by_field_name("alias") {
                    uses.bound.insert(node_text(alias, text).to_string());
                }
            }
        }
        "scoped_identifier" | "scoped_type_identifier" => {
            let outermost = context
                .parent
                .is_none_or(|p| !p.starts_with("scoped_") && p != "use_as_clause");
            if outermost && !context.in_path_context {
                qualified.push((node, context.gated));
            }
        }
        _ => {}
    });
    // With uniform paths a `use` may start from any name in scope: one another `use` bound, or,
    // for a path of one segment, one a glob import brought in.
    let mut found: Vec<Import> = uses
        .roots
        .iter()
        .filter(|root| {
            let name = node_text(root.node, text);
            let maybe_from_glob = root.whole && uses.has_glob;
            is_crate_name(root.node, text)
                && !declared.contains(name)
                && !uses.bound.contains(name)
                && !maybe_from_glob
                && !root.gated
        })
        .map(|root| Import::new(text, &index, root.node, root.kind))
        .collect();
    // A glob import may bring module names into scope that this file cannot see; their paths
    // then are not crate references for certain, and a false alarm costs more than a miss.
    if !uses.has_glob {
        for (path, gated) in qualified {
            let root = leftmost(path);
            let name = node_text(root, text);
            if is_crate_name(root, text)
                && !uses.bound.contains(name)
                && !declared.contains(name)
                && !gated
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
    roots: Vec<Root<'t>>,
    bound: HashSet<String>,
    has_glob: bool,
    depth: usize,
    /// Whether the `use` being scanned is in test-only code (see `Context::gated`).
    gated: bool,
}

/// The first segment of a `use` path or `extern crate`.
struct Root<'t> {
    node: Node<'t>,
    kind: ImportKind,
    /// The path is that one segment alone (`use x;`).
    whole: bool,
    /// In test-only code (see `Context::gated`).
    gated: bool,
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
        self.roots.push(Root {
            node: first,
            kind: ImportKind::Static,
            whole: whole && first == path,
            gated: self.gated,
        });
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

/// What the walk knows of a node's ancestors. It is carried down rather than asked for:
/// `Node::parent` descends from the root, so a loop over a node's ancestors costs the square of
/// its depth, and a chain of thousands of method calls (`x.f().f()...`, each call one level
/// deeper) made one hostile file take minutes.
#[derive(Clone, Copy, Default)]
struct Context<'t> {
    /// The parent's kind.
    parent: Option<&'t str>,
    /// Inside a `use` declaration (scanned on its own) or an attribute, whose paths name tools
    /// (`rustfmt::skip`, `clippy::...`), not crates.
    in_path_context: bool,
    /// In an item compiled only for tests or a verification tool (`#[cfg(test)]`,
    /// `#[cfg(kani)]`): such code may use names the published manifest no longer lists
    /// (dev-dependencies) or that a tool injects.
    gated: bool,
}

const PATH_CONTEXTS: &[&str] = &[
    "use_declaration",
    "token_tree",
    "attribute_item",
    "inner_attribute_item",
];

/// [`walk`] with each node's [`Context`], in linear time.
fn walk_in_context<'t>(tree: &'t Tree, text: &str, mut visit: impl FnMut(Node<'t>, Context<'t>)) {
    let is_gate = |attribute: Node<'_>| {
        let t = node_text(attribute, text);
        t.contains("cfg(test)") || t.contains("cfg(kani)") || t.contains("cfg(any(test")
    };
    /// The context shared by the children of one node, and whether the attributes and comments
    /// just before the current child include a gate: an item's attributes are its preceding
    /// siblings.
    #[derive(Default)]
    struct Level<'t> {
        inherited: Context<'t>,
        gate_before: bool,
        /// An inner attribute (`#![cfg(test)]`) gates the item it is in: the rest of its body.
        gated_within: bool,
    }
    walk_with(tree, Level::default(), |node, level| {
        let context = Context {
            gated: level.inherited.gated || level.gate_before || level.gated_within,
            ..level.inherited
        };
        visit(node, context);
        if node.is_named() {
            level.gate_before = match node.kind() {
                "attribute_item" => level.gate_before || is_gate(node),
                "line_comment" | "block_comment" => level.gate_before,
                "inner_attribute_item" => {
                    level.gated_within |= is_gate(node);
                    false
                }
                _ => false,
            };
        }
        Level {
            inherited: Context {
                parent: Some(node.kind()),
                in_path_context: context.in_path_context || PATH_CONTEXTS.contains(&node.kind()),
                gated: context.gated,
            },
            ..Level::default()
        }
    });
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
    fn test_only_items_are_known_by_their_attributes_and_comments_between() {
        let source = "#[cfg(test)]\n// helpers\n#[allow(unused)]\nmod t { fn f() { dev_a::x(); } }\n\
                      #[cfg(any(test, feature = \"x\"))]\nfn g() { dev_b::x(); }\n\
                      #[cfg(test)]\nfn h() {}\nfn shipped() { real_a::x(); }\n\
                      #[derive(Debug)]\nstruct S;\nfn i() { real_b::x(); }\n\
                      mod m {\n    #![cfg(kani)]\n    use dev_c::Y;\n    fn j() { dev_d::z(); }\n}\n\
                      extern crate real_c;\n";
        let found: Vec<String> = crates(source).into_iter().map(|c| c.0).collect();
        assert_eq!(found, ["real_a", "real_b", "real_c"]);
    }

    #[test]
    fn a_call_chain_thousands_deep_is_read_in_linear_time() {
        // Each call is one level deeper than the last: asking each node for its ancestors made
        // this take minutes.
        let source = format!(
            "fn main() {{ let x = real_dep::args(){}; }}\nuse {}b;\n",
            ".f()".repeat(20_000),
            "a::".repeat(5_000)
        );
        let found: Vec<String> = crates(&source).into_iter().map(|c| c.0).collect();
        assert_eq!(found, ["real_dep", "a"]);
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
