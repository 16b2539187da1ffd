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
    walk_with(tree, (), |node, _| visit(node));
}

/// [`walk`] with a state carried down the tree, for what a node's ancestors tell about it:
/// `visit` gets each node and the state of its level (shared with its later siblings, which
/// may see what it changed) and returns the state its children start from. Carried down, not
/// asked for: `Node::parent` descends from the root, so a climb from a node thousands of levels
/// deep (`require('x')` at the end of a long chain) costs millions of steps.
pub(crate) fn walk_with<'t, S>(
    tree: &'t Tree,
    root: S,
    mut visit: impl FnMut(Node<'t>, &mut S) -> S,
) {
    let mut cursor = tree.walk();
    let mut levels = vec![root];
    loop {
        let level = levels.last_mut().expect("the root's level is never popped");
        let inner = visit(cursor.node(), level);
        if cursor.goto_first_child() {
            levels.push(inner);
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
            levels.pop();
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

/// [`walk`], telling `visit` for each node whether an ancestor of it is a `try_statement` with
/// a handler `handles` accepts (given the handler node and the text).
pub(crate) fn walk_in_try<'t>(
    tree: &'t Tree,
    text: &str,
    handles: impl Fn(Node<'_>, &str) -> bool,
    mut visit: impl FnMut(Node<'t>, bool),
) {
    let guards = |node: Node<'_>| {
        node.kind() == "try_statement" && {
            let mut cursor = node.walk();
            node.named_children(&mut cursor)
                .any(|child| handles(child, text))
        }
    };
    walk_with(tree, false, |node, &mut in_try| {
        visit(node, in_try);
        in_try || guards(node)
    });
}
