//! Python bindings: `import a.b`, `import a.b as c`, `from a import b as c`, `from a import *`,
//! and a name assigned an imported path (`run = subprocess.run`).

use super::{Names, node_text};
use crate::lang::walk_tree;
use tree_sitter::{Node, Tree};

pub(super) fn collect(tree: &Tree, source: &[u8], names: &mut Names) {
    walk_tree(tree, |node| match node.kind() {
        "import_statement" => import(node, source, names),
        "import_from_statement" => import_from(node, source, names),
        "assignment" => alias(node, source, names),
        _ => {}
    });
}

/// `import a.b.c` binds `a`; `import a.b as c` binds `c` to `a.b`.
fn import(node: Node<'_>, source: &[u8], names: &mut Names) {
    let mut cursor = node.walk();
    for name in node.children_by_field_name("name", &mut cursor) {
        match name.kind() {
            "dotted_name" => {
                let path = node_text(name, source);
                let head = path.split('.').next().unwrap_or_default().trim();
                names.bind(head, head.to_string());
            }
            "aliased_import" => {
                if let (Some(path), Some(alias)) = (
                    name.child_by_field_name("name"),
                    name.child_by_field_name("alias"),
                ) {
                    names.bind(node_text(alias, source), dotted(path, source));
                }
            }
            _ => {}
        }
    }
}

/// `from a import b` binds `b` to `a.b`; `from a import b as c` binds `c`; `from a import *`
/// makes every unbound name a candidate member of `a`.
fn import_from(node: Node<'_>, source: &[u8], names: &mut Names) {
    let Some(module) = node.child_by_field_name("module_name") else {
        return;
    };
    let module = dotted(module, source);
    let member = |name: Node<'_>| {
        if module.ends_with('.') {
            format!("{module}{}", dotted(name, source))
        } else {
            format!("{module}.{}", dotted(name, source))
        }
    };
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        if child.kind() == "wildcard_import" {
            names.glob(module.clone());
        }
    }
    let mut cursor = node.walk();
    for name in node.children_by_field_name("name", &mut cursor) {
        match name.kind() {
            "dotted_name" => names.bind(node_text(name, source).trim(), member(name)),
            "aliased_import" => {
                if let (Some(path), Some(alias)) = (
                    name.child_by_field_name("name"),
                    name.child_by_field_name("alias"),
                ) {
                    names.bind(node_text(alias, source), member(path));
                }
            }
            _ => {}
        }
    }
}

/// `h = hashlib.md5` (or `h = md5` after `from hashlib import md5`): `h` stands for the imported
/// name too. Only a right side whose head the file imported counts, so ordinary variables are
/// never taken for module paths.
fn alias(node: Node<'_>, source: &[u8], names: &mut Names) {
    let (Some(left), Some(right)) = (
        node.child_by_field_name("left"),
        node.child_by_field_name("right"),
    ) else {
        return;
    };
    if left.kind() != "identifier" || !matches!(right.kind(), "identifier" | "attribute") {
        return;
    }
    let Some(segments) = names.segments(right, source) else {
        return;
    };
    if names.bindings.contains_key(segments[0].as_str()) {
        let resolved = names.resolve_segments(&segments);
        names.bind(node_text(left, source), resolved);
    }
}

/// A dotted name without the whitespace Python allows around its dots.
fn dotted(node: Node<'_>, source: &[u8]) -> String {
    node_text(node, source)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\\')
        .collect()
}
