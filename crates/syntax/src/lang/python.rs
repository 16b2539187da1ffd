//! Python imports: `import a.b`, `from a.b import c`, `import a as b`,
//! `importlib.import_module("a")` and `__import__("a")`. Relative imports and `__future__` are
//! not packages and are skipped.

use super::imports::{Import, ImportKind, string_content, walk, walk_in_try};
use crate::text::LineIndex;
use std::collections::HashSet;
use tree_sitter::{Node, Tree};

/// Every absolute module import in a Python syntax tree, in document order.
pub fn imports(tree: &Tree, text: &str) -> Vec<Import> {
    let index = LineIndex::new(text);
    let mut found = Vec::new();
    walk_in_try(
        tree,
        text,
        catches_import_error,
        |node, guarded| match node.kind() {
            "import_statement" => {
                let mut cursor = node.walk();
                for name in node.children_by_field_name("name", &mut cursor) {
                    let dotted = match name.kind() {
                        "aliased_import" => name.child_by_field_name("name"),
                        "dotted_name" => Some(name),
                        _ => None,
                    };
                    if let Some(dotted) = dotted {
                        let import = Import::new(text, &index, dotted, ImportKind::Static);
                        found.push(import.guarded_by(guarded));
                    }
                }
            }
            "import_from_statement" => {
                // `relative_import` (from . import x, from .a import y) is local by definition.
                if let Some(module) = node.child_by_field_name("module_name")
                    && module.kind() == "dotted_name"
                {
                    let import = Import::new(text, &index, module, ImportKind::Static);
                    found.push(import.guarded_by(guarded));
                }
            }
            "call" => {
                if let Some(import) = dynamic_import(node, text, &index) {
                    found.push(import.guarded_by(guarded));
                }
            }
            _ => {}
        },
    );
    found.retain(|i| !i.module.is_empty() && i.module != "__future__");
    found
}

/// Whether a handler of a `try` catches an import's failure: a bare `except:`, or one naming
/// `ImportError`, `ModuleNotFoundError`, `Exception` or `BaseException`.
fn catches_import_error(child: Node<'_>, text: &str) -> bool {
    if child.kind() != "except_clause" {
        return false;
    }
    let clause = child.utf8_text(text.as_bytes()).unwrap_or("");
    let head = clause.split(':').next().unwrap_or("");
    head.trim() == "except"
        || [
            "ImportError",
            "ModuleNotFoundError",
            "Exception",
            "BaseException",
        ]
        .iter()
        .any(|name| head.contains(name))
}

/// `importlib.import_module("a")` or `__import__("a")` with a constant, absolute module name.
/// (A bare `import_module(...)` is left out: projects define their own helpers of that name that
/// return `None` for a missing optional module.)
fn dynamic_import(call: Node<'_>, text: &str, index: &LineIndex<'_>) -> Option<Import> {
    let function = call.child_by_field_name("function")?;
    let callee = function.utf8_text(text.as_bytes()).ok()?;
    if !matches!(callee, "importlib.import_module" | "__import__") {
        return None;
    }
    let arguments = call.child_by_field_name("arguments")?;
    let first = arguments.named_child(0)?;
    let (start, end) = string_content(first, text)?;
    let module = &text[start..end];
    let valid = !module.is_empty()
        && !module.starts_with('.')
        && module
            .split('.')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_alphanumeric() || c == '_'));
    valid.then(|| Import::from_range(text, index, start, end, ImportKind::Dynamic))
}

/// Modules the file itself writes at run time, as tests do that create `name.py` or a `name/`
/// package in a temporary folder on `sys.path` and then import it: the last component of a
/// string literal `name.py` or `name/__init__.py`, and identifier strings joined onto a path
/// (`tmp_path / "name"`, `.joinpath("name")`, `os.path.join(d, "name")`). An import of such a
/// name is the file's own code, not a registry package.
pub fn written_modules(tree: &Tree, text: &str) -> HashSet<String> {
    let is_identifier = |s: &str| {
        s.chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
            && s.chars().all(|c| c.is_alphanumeric() || c == '_')
    };
    let mut found = HashSet::new();
    walk(tree, |node| {
        let Some((start, end)) = string_content(node, text) else {
            return;
        };
        let value = &text[start..end];
        let last = |path: &'_ str| path.rsplit(['/', '\\']).next().unwrap_or(path).to_string();
        let module = match value.strip_suffix("/__init__.py") {
            Some(package) => Some(last(package)),
            None => last(value).strip_suffix(".py").map(str::to_string),
        };
        if let Some(module) = module.filter(|m| is_identifier(m) && m != "__init__") {
            found.insert(module);
            return;
        }
        if is_identifier(value) && joined_onto_a_path(node, text) {
            found.insert(value.to_string());
        }
    });
    found
}

/// Whether a string literal is a path component: an operand of `/`, or an argument of
/// `os.path.join`, `joinpath` or `os.mkdir`, or of py.path's `tmpdir.join`, `.ensure`,
/// `.mkdir` and `.mkpydir`.
fn joined_onto_a_path(string: Node<'_>, text: &str) -> bool {
    let Some(parent) = string.parent() else {
        return false;
    };
    match parent.kind() {
        "binary_operator" => parent
            .child_by_field_name("operator")
            .is_some_and(|op| op.kind() == "/"),
        "argument_list" => parent
            .parent()
            .and_then(|call| call.child_by_field_name("function"))
            .and_then(|f| f.utf8_text(text.as_bytes()).ok())
            .is_some_and(|f| {
                [".join", ".joinpath", ".ensure", ".mkdir", ".mkpydir"]
                    .iter()
                    .any(|method| f.ends_with(method))
            }),
        _ => false,
    }
}

/// The top-level package of a dotted module path: `a.b.c` → `a`.
pub fn top_level(module: &str) -> &str {
    module.split('.').next().unwrap_or(module)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::parse;
    use crate::lang::Language;

    fn modules(source: &str) -> Vec<String> {
        let tree = parse(Language::Python, source, None).unwrap();
        imports(&tree, source)
            .into_iter()
            .map(|i| {
                assert_eq!(&source[i.span.start_byte..i.span.end_byte], i.module);
                i.module
            })
            .collect()
    }

    #[test]
    fn modules_a_test_writes_before_importing_them_are_found() {
        let source = "def test(tmp_path, site_packages):\n\
                      \x20   (tmp_path / \"config_module_app.py\").write_text(\"\")\n\
                      \x20   app = tmp_path / \"config_package_app\"\n\
                      \x20   (site_packages / \"nested/site_app.py\").touch()\n\
                      \x20   pkg = os.path.join(base, \"installed_package\")\n\
                      \x20   other = root.joinpath(\"joined_pkg\", \"__init__.py\")\n\
                      \x20   open(\"ns/inner/__init__.py\", \"w\")\n\
                      \x20   tmpdir.ensure(\"xxxpackage\", \"__init__.py\")\n\
                      \x20   importlib.import_module(\"acme_phantom\")\n\
                      \x20   purge_module(\"not_a_path\")\n\
                      \x20   x = \"README.md\"; y = 4 / 2; z = d / \"data-file\"\n";
        let tree = parse(Language::Python, source, None).unwrap();
        let mut found: Vec<String> = written_modules(&tree, source).into_iter().collect();
        found.sort();
        assert_eq!(
            found,
            [
                "config_module_app",
                "config_package_app",
                "inner",
                "installed_package",
                "joined_pkg",
                "site_app",
                "xxxpackage"
            ]
        );
    }

    #[test]
    fn every_import_form_is_found_with_its_range() {
        let source = "from __future__ import annotations\nimport os, a.b as ab\nimport numpy as np\n\
                      from yaml import safe_load\nfrom . import sibling\nfrom .pkg import x\n\
                      from google.cloud import storage\n\
                      def f():\n    import requests\n    m = importlib.import_module(\"dyn.mod\")\n\
                      \x20   n = __import__('other')\n    importlib.import_module(name)\n\
                      \x20   importlib.import_module('.rel', 'pkg')\n";
        assert_eq!(
            modules(source),
            [
                "os",
                "a.b",
                "numpy",
                "yaml",
                "google.cloud",
                "requests",
                "dyn.mod",
                "other"
            ]
        );
    }

    #[test]
    fn imports_that_may_fail_are_marked_guarded() {
        let source = "try:\n    import simplejson as json\nexcept ImportError:\n    import json\n\
                      try:\n    import ujson\nexcept ValueError:\n    pass\nimport yaml\n";
        let tree = parse(Language::Python, source, None).unwrap();
        let guarded: Vec<(String, bool)> = imports(&tree, source)
            .into_iter()
            .map(|i| (i.module, i.guarded))
            .collect();
        assert_eq!(
            guarded,
            [
                ("simplejson".to_string(), true),
                ("json".to_string(), true),
                ("ujson".to_string(), false),
                ("yaml".to_string(), false)
            ]
        );
    }

    #[test]
    fn top_level_takes_the_first_segment() {
        assert_eq!(top_level("google.cloud.storage"), "google");
        assert_eq!(top_level("yaml"), "yaml");
    }
}
