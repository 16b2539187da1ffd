//! The Rust adapter (to come).

use super::adapter::{Adapter, Condition, Expr, Function, Stmt};
use tree_sitter::Node;

pub(crate) struct Rust;

impl Adapter for Rust {
    fn functions<'t>(&self, _root: Node<'t>, _text: &str, _out: &mut Vec<Function<'t>>) {}
    fn stmt<'t>(&self, _node: Node<'t>, _text: &str) -> Stmt<'t> {
        Stmt::Block
    }
    fn expr<'t>(&self, _node: Node<'t>, _text: &str) -> Expr<'t> {
        Expr::Other
    }
    fn condition<'t>(&self, node: Node<'t>) -> Condition<'t> {
        Condition::Expr(node)
    }
    fn bindings<'t>(&self, _pattern: Node<'t>, _out: &mut Vec<Node<'t>>) {}
    fn path(&self, _node: Node<'_>, _text: &str) -> Option<String> {
        None
    }
    fn property_name(&self, _target: Node<'_>, _text: &str) -> Option<String> {
        None
    }
}
