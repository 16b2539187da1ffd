//! What every language's import extraction returns, and the tree walk they share.

use crate::text::{LineIndex, Span};
use tree_sitter::{Node, Tree};

/// One reference to a module or package in source code, with the exact range of its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// The module path as written: `a.b` (Python), `lodash/fp` (JS), `serde` (Rust).
    pub module: String,
    /// The range of `module` in the text (inside the quotes for string specifiers).
    pub span: Span,
    pub kind: ImportKind,
    /// Inside a `try` whose handler covers the import failing (`except ImportError`, a JS
    /// `catch`): the code is written to run without the module, so it is optional.
    pub guarded: bool,
}

/// How the module was referenced. Dynamic imports name a module in a string argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImportKind {
    /// `import x`, `from x import y`, `import ... from 'x'`, `export ... from 'x'`, `use x::y`.
    Static,
    /// `require('x')`, `import('x')`, `importlib.import_module("x")`, `__import__("x")`.
    Dynamic,
    /// The first segment of a qualified Rust path in an expression or type (`foo::bar()`).
    QualifiedPath,
    /// `extern crate x;`.
    ExternCrate,
}

impl Import {
    pub(crate) fn new(text: &str, index: &LineIndex<'_>, node: Node<'_>, kind: ImportKind) -> Self {
        Import::from_range(text, index, node.start_byte(), node.end_byte(), kind)
    }

    pub(crate) fn from_range(
        text: &str,
        index: &LineIndex<'_>,
        start: usize,
        end: usize,
        kind: ImportKind,
    ) -> Self {
        Import {
            module: text.get(start..end).unwrap_or_default().to_string(),
            span: index.span(start, end),
            kind,
            guarded: false,
        }
    }

    pub(crate) fn guarded_by(mut self, guarded: bool) -> Self {
        self.guarded = guarded;
        self
    }
}

/// Calls `visit` on every node of `tree` in document order, without recursion: deeply nested
/// input must not overflow the stack.
pub fn walk<'t>(tree: &'t Tree, mut visit: impl FnMut(Node<'t>)) {
    let mut cursor = tree.walk();
    loop {
        visit(cursor.node());
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

/// The content of a string literal node without its quotes, as a byte range, when the literal is
/// a constant (no interpolation). Works for the Python and JavaScript grammars.
pub(crate) fn string_content(node: Node<'_>, text: &str) -> Option<(usize, usize)> {
    if !matches!(node.kind(), "string" | "template_string") || !crate::lang::is_literal(node) {
        return None;
    }
    let raw = text.get(node.start_byte()..node.end_byte())?;
    // Skip Python string prefixes (r, b, u) and the quote characters on both ends.
    let prefix = raw.find(['"', '\'', '`'])?;
    let quote = &raw[prefix..];
    let quote_len = if quote.starts_with("\"\"\"") || quote.starts_with("'''") {
        3
    } else {
        1
    };
    let start = node.start_byte() + prefix + quote_len;
    let end = node.end_byte().checked_sub(quote_len)?;
    (start <= end).then_some((start, end))
}

/// Whether `node` is inside a `try_statement` that has a handler `handles` accepts (given the
/// handler node and the text).
pub(crate) fn inside_try(
    node: Node<'_>,
    text: &str,
    handles: &dyn Fn(Node<'_>, &str) -> bool,
) -> bool {
    let mut current = node.parent();
    while let Some(parent) = current {
        if parent.kind() == "try_statement" {
            let mut cursor = parent.walk();
            if parent
                .named_children(&mut cursor)
                .any(|child| handles(child, text))
            {
                return true;
            }
        }
        current = parent.parent();
    }
    false
}
