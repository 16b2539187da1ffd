//! Tuples taken apart: `where, params = build_filter(customer, status)` binds each name to
//! what its element holds, so the parameter list that carries the request's values does not
//! taint the SQL text built only from constants beside it. Written-out tuples (`a, b = x, y`)
//! split directly; a call of a helper of this file is followed once per element, each with
//! summaries of what that element of its `return sql, params` holds (a return that is not a
//! tuple of that length gives every element its whole value).

use super::value::{Value, join_taint};
use super::{FileFlow, OBJECT, Params, Pass};
use crate::flow::adapter::Expr;
use std::ops::Range;
use tree_sitter::Node;

/// A tuple pattern's request to the call it binds: how many elements, and what each holds once
/// the call has been followed.
pub(super) struct Asked {
    call: Range<usize>,
    count: usize,
    answer: Option<Vec<Value>>,
}

impl<'t> FileFlow<'t, '_> {
    /// Binds a tuple `pattern` to `value_node` element by element where it can, and returns
    /// the whole value; `None` when the pattern is no tuple (the caller binds as usual).
    pub(super) fn bind_parts(
        &self,
        pattern: Node<'t>,
        value_node: Node<'t>,
        pass: &mut Pass<'_>,
    ) -> Option<Value> {
        let targets = self.adapter.tuple_parts(pattern)?;
        if let Some(elements) = self
            .adapter
            .tuple_parts(value_node)
            .filter(|e| e.len() == targets.len())
        {
            // `a, b = b, a`: every element is read before any name is bound.
            let values: Vec<Value> = elements.iter().map(|e| self.eval(*e, pass)).collect();
            let whole = joined(&values);
            for (target, value) in targets.iter().zip(values) {
                self.bind(*target, value, pass);
            }
            return Some(whole);
        }
        if !matches!(self.adapter.expr(value_node, self.text), Expr::Call { .. }) {
            return None;
        }
        // A request nested inside this call's evaluation (a helper's own `a, b = f()`) puts
        // this one back when it is done.
        let asked = Asked {
            call: value_node.byte_range(),
            count: targets.len(),
            answer: None,
        };
        let outer = self.wanted_parts.replace(Some(asked));
        let whole = self.eval(value_node, pass);
        let answered = self.wanted_parts.replace(outer).and_then(|asked| {
            let call = asked.call;
            asked
                .answer
                .filter(|p| call == value_node.byte_range() && p.len() == targets.len())
        });
        match answered {
            Some(parts) => {
                for (target, value) in targets.iter().zip(parts) {
                    self.bind(*target, value, pass);
                }
            }
            None => self.bind(pattern, whole.clone(), pass),
        }
        Some(whole)
    }

    /// How many elements the tuple pattern binding the call `node` asks for, if one does.
    pub(super) fn parts_wanted(&self, node: Node<'t>) -> Option<usize> {
        self.wanted_parts
            .borrow()
            .as_ref()
            .filter(|asked| asked.call == node.byte_range())
            .map(|asked| asked.count)
    }

    /// Answers [`Self::parts_wanted`]: what each element of helper `index`'s result holds,
    /// given `values` (and, for a method, the `object` it runs on); nothing when a summary is
    /// not to be had (a cycle).
    pub(super) fn answer_parts(
        &self,
        node: Node<'t>,
        index: usize,
        name: &str,
        values: &[Value],
        object: Option<&Value>,
        count: usize,
    ) {
        let parts: Option<Vec<Value>> = (0..count)
            .map(|k| self.helper_part(node, index, name, values, object, k))
            .collect();
        if let Some(asked) = self.wanted_parts.borrow_mut().as_mut()
            && asked.call == node.byte_range()
        {
            asked.answer = parts;
        }
    }

    /// Element `part` of what helper `index` returns given `values`, as `helper` computes the
    /// whole value: the taint of each argument its summaries return, what it reads itself,
    /// the text it starts with and the rules it is clean for.
    fn helper_part(
        &self,
        node: Node<'t>,
        index: usize,
        name: &str,
        values: &[Value],
        object: Option<&Value>,
        part: usize,
    ) -> Option<Value> {
        let mut out = Value::default();
        let object = object.map(|o| (OBJECT, o));
        for (position, value) in values.iter().enumerate().chain(object) {
            let Some(taint) = &value.taint else { continue };
            let summary = self.summary_part(index, position, Some(part))?;
            if let Some(inner) = &summary.returns {
                let entered =
                    self.enter_helper(node, index, taint, format!("passed to `{name}()`"));
                let through = entered.through(inner);
                if through.rules != 0 {
                    out.taint = join_taint(&out.taint, &Some(through));
                }
            }
        }
        let own = self.returns_given_part(index, Params::Unknown, Some(part));
        if let Some(own) = own.as_ref().and_then(|s| s.returns.clone()) {
            let own = own.with_step(node.byte_range(), format!("returned by `{name}()`"));
            out.taint = join_taint(&out.taint, &Some(own));
        }
        out.prefix = own.as_ref().and_then(|s| s.prefix.clone());
        out.clean = self.returned_clean(index, own.as_deref(), values, Some(part));
        Some(out)
    }

    /// What a `return` hands back: in a pass that returns one element of a tuple, that element
    /// (every element is still evaluated: a sink may sit in any).
    pub(super) fn eval_returned(&self, node: Node<'t>, pass: &mut Pass<'_>) -> Value {
        if let Some(part) = pass.part
            && let Some(elements) = self.adapter.tuple_parts(node)
            && part < elements.len()
        {
            let mut values: Vec<Value> = elements.iter().map(|e| self.eval(*e, pass)).collect();
            return values.swap_remove(part);
        }
        self.eval(node, pass)
    }
}

/// The value of a tuple as one: tainted by any element, clean where every element is.
fn joined(values: &[Value]) -> Value {
    let mut iter = values.iter();
    let first = iter.next().cloned().unwrap_or_else(Value::constant);
    iter.fold(first, |whole, v| whole.join(v))
}
