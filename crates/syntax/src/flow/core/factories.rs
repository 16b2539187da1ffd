//! How a call builds an object of a class of the file other than by its constructor: a
//! factory function of the file (`build_client(request.form)`), an associated function declared
//! to return its type (`NotFoundPage::for_path(&p)`), and a builder method that returns the
//! object it is called on (`Query("items").where(col, v)`), so the chain's result is still that
//! object (`objects.rs`).

use super::FileFlow;
use super::objects::class_name;
use crate::flow::adapter::{Expr, Function, Stmt, named_children, text_of};
use tree_sitter::Node;

/// Nodes of a factory's body searched for its `return`s at most.
const MAX_FACTORY_NODES: usize = 4096;

impl<'t> FileFlow<'t, '_> {
    /// `build_client(request.form)`: a call of a plain function of this file that returns
    /// objects of one class of the file, by its declared return type (`-> FeedClient`) or by
    /// what each of its `return`s builds.
    pub(super) fn made_by_factory(&self, node: Node<'t>) -> Option<&'t str> {
        let callee = self.plain_callee(node)?;
        let &[index] = self.by_name.get(text_of(callee, self.text))?.as_slice() else {
            return None;
        };
        let function = &self.functions[index];
        if function.is_module() || function.class().is_some() {
            return None;
        }
        if let Some(&known) = self.factories.borrow().get(&index) {
            return known;
        }
        let class = match function.node.child_by_field_name("return_type") {
            Some(declared) => self.class_in_type(text_of(declared, self.text)),
            None => self.class_returned(function),
        };
        self.factories.borrow_mut().insert(index, class);
        class
    }

    /// The one class of the file every value `function` returns builds (`return
    /// FeedClient(src)`, an arrow function's body `new Client(url)`); `return None` aside.
    fn class_returned(&self, function: &Function<'t>) -> Option<&'t str> {
        let mut returned = Vec::new();
        if !matches!(function.body.kind(), "block" | "statement_block") {
            returned.push(function.body);
        }
        let mut stack = vec![function.body];
        let mut visited = 0;
        while let Some(node) = stack.pop() {
            visited += 1;
            if visited > MAX_FACTORY_NODES {
                return None;
            }
            if let Stmt::Return(Some(value)) = self.adapter.stmt(node, self.text) {
                returned.push(value);
                continue;
            }
            // Not into nested functions: their returns are their own.
            if visited == 1 || !self.adapter.is_function(node.kind()) {
                stack.extend(named_children(node));
            }
        }
        let mut class = None;
        for value in returned {
            if matches!(text_of(value, self.text), "None" | "null" | "undefined") {
                continue;
            }
            let built = self.built_here(value)?;
            if class.is_some_and(|c| c != built) {
                return None;
            }
            class = Some(built);
        }
        class
    }

    /// `NotFoundPage::for_path(&p)`: a call of an associated function of a type of this file
    /// that declares it returns that type (`-> Self`, `-> NotFoundPage`).
    pub(super) fn returns_own_type(&self, node: Node<'t>) -> Option<&'t str> {
        let callee = self.plain_callee(node)?;
        let (class, function) = text_of(callee, self.text).rsplit_once("::")?;
        let class = class.rsplit("::").next()?;
        let index = *self.methods.get(class)?.get(function)?;
        let returned = self.functions[index]
            .node
            .child_by_field_name("return_type")?;
        names_own_type(text_of(returned, self.text), Some(class)).then_some(class)
    }

    /// Whether method `index` returns the object it is called on (`return self`, `return
    /// this`, a Rust method taking `self` declared to return `Self`): a step of a builder chain.
    pub(super) fn returns_itself(&self, index: usize) -> bool {
        let function = &self.functions[index];
        // Rust: a method taking `self` declared to return `Self`. Python's and TypeScript's
        // annotations (`-> "Builder"`, `: this`) say less than the body's `return self`.
        let takes_self = function
            .node
            .child_by_field_name("parameters")
            .is_some_and(|p| {
                p.named_child(0)
                    .is_some_and(|first| first.kind() == "self_parameter")
            });
        if takes_self && let Some(returned) = function.node.child_by_field_name("return_type") {
            let class = class_name(function, self.text);
            return names_own_type(text_of(returned, self.text), class);
        }
        let body = text_of(function.body, self.text);
        ["return self", "return this"].iter().any(|written| {
            body.match_indices(written).any(|(at, _)| {
                body[at + written.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| matches!(c, ';' | '\n' | '\r' | ' ' | '}'))
            })
        })
    }

    /// The callee of a call of a name or path (`build_client(..)`, `Page::for_path(..)`), not
    /// of a method on a receiver.
    fn plain_callee(&self, node: Node<'t>) -> Option<Node<'t>> {
        match self.adapter.expr(node, self.text) {
            Expr::Call {
                callee,
                receiver: None,
                ..
            } => Some(callee),
            _ => None,
        }
    }
}

/// Whether a declared return type names the type itself (`Self`, `-> Page`, `Result<Self, E>`).
fn names_own_type(returned: &str, class: Option<&str>) -> bool {
    returned
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .any(|word| word == "Self" || Some(word) == class)
}
