//! Languages: which grammar reads a file, and the few syntax facts the rest of slopguard needs
//! about each language (comment syntax, which node kinds are strings, comments and constants).
//!
//! Import extraction for the registry checks lives beside this, one file per language.

mod imports;
pub mod javascript;
pub mod python;
pub mod rust;

pub use imports::{Import, ImportKind, walk as walk_tree};

use std::path::Path;

/// A language slopguard parses with a tree-sitter grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    Python,
    /// JavaScript, JSX included (the JavaScript grammar parses JSX).
    JavaScript,
    TypeScript,
    /// TypeScript with JSX: a grammar of its own, matched by rules that list `typescript`.
    Tsx,
    Rust,
}

impl Language {
    pub const ALL: [Language; 5] = [
        Language::Python,
        Language::JavaScript,
        Language::TypeScript,
        Language::Tsx,
        Language::Rust,
    ];

    /// The language of a file, by its extension.
    pub fn from_path(path: &Path) -> Option<Language> {
        let ext = path.extension()?.to_str()?;
        Self::from_extension(ext)
    }

    pub fn from_extension(ext: &str) -> Option<Language> {
        Some(match ext.to_ascii_lowercase().as_str() {
            "py" | "pyi" => Language::Python,
            "js" | "mjs" | "cjs" | "jsx" => Language::JavaScript,
            "ts" | "mts" | "cts" => Language::TypeScript,
            "tsx" => Language::Tsx,
            "rs" => Language::Rust,
            _ => return None,
        })
    }

    /// The language named in a rule file or on the command line (`python`, `js`, `tsx`...).
    pub fn from_name(name: &str) -> Option<Language> {
        Some(match name.to_ascii_lowercase().as_str() {
            "python" | "py" => Language::Python,
            "javascript" | "js" | "jsx" => Language::JavaScript,
            "typescript" | "ts" => Language::TypeScript,
            "tsx" => Language::Tsx,
            "rust" | "rs" => Language::Rust,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Language::Python => "python",
            Language::JavaScript => "javascript",
            Language::TypeScript => "typescript",
            Language::Tsx => "tsx",
            Language::Rust => "rust",
        }
    }

    pub fn grammar(self) -> tree_sitter::Language {
        match self {
            Language::Python => tree_sitter_python::LANGUAGE.into(),
            Language::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Language::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Language::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Language::Rust => tree_sitter_rust::LANGUAGE.into(),
        }
    }

    /// The line-comment marker used when slopguard writes a comment (suppressions).
    pub fn line_comment(self) -> &'static str {
        match self {
            Language::Python => "#",
            _ => "//",
        }
    }

    /// Node kinds that are comments.
    pub fn is_comment_kind(self, kind: &str) -> bool {
        matches!(kind, "comment" | "line_comment" | "block_comment")
    }

    /// Node kinds that are string literals (the whole literal, quotes included).
    pub fn is_string_kind(self, kind: &str) -> bool {
        match self {
            Language::Python => matches!(kind, "string" | "concatenated_string"),
            Language::JavaScript | Language::TypeScript | Language::Tsx => {
                matches!(kind, "string" | "template_string")
            }
            Language::Rust => matches!(kind, "string_literal" | "raw_string_literal"),
        }
    }
}

/// Kinds of node that make a string computed rather than constant: f-string and template
/// substitutions, Rust never has them in the literal itself (format! is a macro call).
const INTERPOLATION_KINDS: &[&str] = &["interpolation", "template_substitution"];

/// Whether `node` is a constant: a string without interpolation, a number, a boolean or null,
/// or a concatenation / parenthesised group of constants. Anything else may carry input.
pub fn is_literal(node: tree_sitter::Node<'_>) -> bool {
    match node.kind() {
        "integer" | "float" | "number" | "integer_literal" | "float_literal" | "true" | "false"
        | "none" | "None" | "null" | "undefined" | "boolean_literal" | "char_literal"
        | "raw_string_literal" | "string_fragment" | "string_content" | "escape_sequence" => true,
        "string" | "template_string" | "string_literal" | "concatenated_string" => {
            !has_descendant_kind(node, INTERPOLATION_KINDS)
        }
        "parenthesized_expression" | "binary_expression" | "binary_operator" => {
            let mut cursor = node.walk();
            let mut named = node.named_children(&mut cursor).peekable();
            named.peek().is_some()
                && named.all(|child| child.kind() == "comment" || is_literal(child))
        }
        _ => false,
    }
}

fn has_descendant_kind(node: tree_sitter::Node<'_>, kinds: &[&str]) -> bool {
    let mut cursor = node.walk();
    // Iterative pre-order walk: deeply nested input must not overflow the stack.
    loop {
        if kinds.contains(&cursor.node().kind()) {
            return true;
        }
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.node() == node {
                return false;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return false;
            }
        }
    }
}

/// The nodes from `root` down to `target`, both included; only `[root]` when `target` is not
/// below it. Found going down, not up: `Node::parent` descends from the root each time, so
/// climbing from a node thousands of levels deep (a long method chain, nested closures) costs
/// millions of steps, this costs the depth times the siblings passed on the way.
pub(crate) fn path_from_root<'t>(
    root: tree_sitter::Node<'t>,
    target: tree_sitter::Node<'t>,
) -> Vec<tree_sitter::Node<'t>> {
    let holds = |node: tree_sitter::Node<'_>| {
        node.id() == target.id()
            || (node.start_byte() <= target.start_byte()
                && target.end_byte() <= node.end_byte()
                // A zero-width node holds nothing but itself.
                && !node.byte_range().is_empty())
    };
    let mut cursor = root.walk();
    let mut path = vec![root];
    while cursor.node().id() != target.id() && cursor.goto_first_child() {
        while !holds(cursor.node()) {
            if !cursor.goto_next_sibling() {
                return path;
            }
        }
        path.push(cursor.node());
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_map_to_languages() {
        assert_eq!(
            Language::from_path(Path::new("a/b.py")),
            Some(Language::Python)
        );
        assert_eq!(
            Language::from_path(Path::new("x.JSX")),
            Some(Language::JavaScript)
        );
        assert_eq!(
            Language::from_path(Path::new("x.mts")),
            Some(Language::TypeScript)
        );
        assert_eq!(Language::from_path(Path::new("x.tsx")), Some(Language::Tsx));
        assert_eq!(
            Language::from_path(Path::new("lib.rs")),
            Some(Language::Rust)
        );
        assert_eq!(Language::from_path(Path::new("Makefile")), None);
        assert_eq!(Language::from_path(Path::new("notes.txt")), None);
    }

    fn first_expression(language: Language, source: &str, kind: &str) -> bool {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&language.grammar()).unwrap();
        let tree = parser.parse(source, None).unwrap();
        let mut stack = vec![tree.root_node()];
        while let Some(node) = stack.pop() {
            if node.kind() == kind {
                return is_literal(node);
            }
            let mut cursor = node.walk();
            let children: Vec<_> = node.children(&mut cursor).collect();
            stack.extend(children.into_iter().rev());
        }
        panic!("no {kind} in {source}");
    }

    #[test]
    fn literals_are_told_from_computed_values() {
        assert!(first_expression(
            Language::Python,
            "x = 'ls -l'\n",
            "string"
        ));
        assert!(!first_expression(
            Language::Python,
            "x = f'ls {d}'\n",
            "string"
        ));
        assert!(first_expression(
            Language::Python,
            "x = 'a' 'b'\n",
            "concatenated_string"
        ));
        assert!(first_expression(
            Language::JavaScript,
            "x = `ls`;",
            "template_string"
        ));
        assert!(!first_expression(
            Language::JavaScript,
            "x = `ls ${d}`;",
            "template_string"
        ));
        assert!(first_expression(
            Language::JavaScript,
            "x = 'a' + 'b';",
            "binary_expression"
        ));
        assert!(!first_expression(
            Language::JavaScript,
            "x = 'a' + b;",
            "binary_expression"
        ));
        assert!(first_expression(
            Language::Rust,
            "fn f() { g(\"sh\"); }",
            "string_literal"
        ));
    }
}
