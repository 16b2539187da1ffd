//! A local name bound to a function read from an object (`qn = connection.ops.quote_name`,
//! `const send = res.send.bind(res)` is not one): a call through the name is a call of what
//! it names, so sanitisers, sinks and sources listed by method name see `qn(table)` as
//! `connection.ops.quote_name(table)`.

use super::{FileFlow, Pass};
use crate::flow::adapter::{CallSite, Expr, text_of};
use tree_sitter::Node;

impl<'t> FileFlow<'t, '_> {
    /// The call site of `node` when its callee is a plain name this function bound to an
    /// attribute read (not a call, and not a function of this file).
    pub(super) fn aliased_site(
        &self,
        node: Node<'t>,
        callee: Node<'t>,
        pass: &Pass<'_>,
    ) -> Option<CallSite<'t>> {
        if !matches!(self.adapter.expr(callee, self.text), Expr::Name) {
            return None;
        }
        let name = text_of(callee, self.text);
        if self.by_name.contains_key(name) {
            return None;
        }
        let target = self.bound_condition(name, pass)?;
        let Expr::Member { object } = self.adapter.expr(target, self.text) else {
            return None;
        };
        let written = self.adapter.path(target, self.text)?;
        let method = written.rsplit('.').next()?.to_string();
        Some(CallSite {
            path: self.canonical(target, Some(&written), pass),
            written: Some(written),
            method: Some(method),
            receiver_text: Some(text_of(object, self.text)),
            text: text_of(node, self.text),
            arg_prefixes: String::new(),
            arg_calls: String::new(),
            text_with_object: None,
            receiver_call: None,
            receiver_call_resolved: None,
        })
    }
}
