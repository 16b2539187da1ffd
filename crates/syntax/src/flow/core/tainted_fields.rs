//! Fields a class fills with request data: `self.feed_url = request.GET["feed"]` in a Django
//! view's `setup`, `self.tenant = self.get_argument("tenant")` in a Tornado handler's `prepare`,
//! read by `get` to fetch or open. A method's pass knows nothing of `self`, so without this the
//! field is unknown where it is read, and the flow is lost.
//!
//! Before the functions' own passes, each method that writes a field of its own object runs once
//! with its hits dropped, recording the fields it writes with a value from a source (not a
//! helper's parameter: a summary's stand-in is no request data). Such a field then starts every
//! method of its class tainted, with the path that filled it, whichever method wrote it and
//! whatever else writes it too: a may-analysis, like a variable tainted on one branch. Fields
//! every write of which is constant or sanitised are `fields.rs`'s; a tainted write unsettles
//! those already.

use super::value::Value;
use super::{FileFlow, Params, Pass};
use crate::flow::adapter::{Expr, named_children};
use std::collections::HashMap;
use std::ops::Range;
use tree_sitter::Node;

/// The tainted writes recorded so far, by class bytes and `self.name` / `this.name`.
pub(super) type FieldWrites = HashMap<(Range<usize>, String), Value>;

impl<'t> FileFlow<'t, '_> {
    /// Adds to each class's fields those its methods fill from a source.
    pub(super) fn taint_fields(&mut self) {
        let writers: Vec<usize> = (0..self.functions.len())
            .filter(|&index| {
                let function = &self.functions[index];
                function
                    .class()
                    .is_some_and(|class| class.kind() != "impl_item")
                    && self.writes_own_field(function.node)
            })
            .collect();
        if writers.is_empty() {
            return;
        }
        // The recording passes change nothing a real pass reports: their hits are dropped, and
        // what they watched or spent is put back.
        let watched = self.watched.borrow().clone();
        let watched_alone = self.watched_alone.borrow().clone();
        let budget = self.closure_budget.get();
        *self.field_writes.borrow_mut() = Some(FieldWrites::new());
        for index in writers {
            let mut hits = Vec::new();
            self.pass(index, Params::Own, self.module_env.clone(), &mut hits);
        }
        let writes = self.field_writes.borrow_mut().take().unwrap_or_default();
        *self.watched.borrow_mut() = watched;
        *self.watched_alone.borrow_mut() = watched_alone;
        self.closure_budget.set(budget);
        for ((class, key), value) in writes {
            self.fields.entry(class).or_default().insert(key, value);
        }
    }

    /// Whether `function` assigns a field of its own object (`self.x = ...`, `this.x = ...`).
    fn writes_own_field(&self, function: Node<'t>) -> bool {
        self.assignments_to_self(function)
            .iter()
            .any(|(key, _)| own_key(Some(key)).is_some())
    }

    /// The assignments under `node` to its object's attributes (`self.x = v`, `this.a.b = v`):
    /// each target's key and the value node.
    pub(super) fn assignments_to_self(&self, node: Node<'t>) -> Vec<(String, Node<'t>)> {
        let mut found = Vec::new();
        let mut stack = vec![node];
        while let Some(node) = stack.pop() {
            if let Expr::Assign { target, value, .. } = self.adapter.expr(node, self.text)
                && let Some(key) = self.key(target)
                && (key.starts_with("self.") || key.starts_with("this."))
            {
                found.push((key, value));
            }
            stack.extend(named_children(node));
        }
        found
    }

    /// While fields are being recorded: `key` written with `value` in the pass `pass`.
    pub(super) fn note_field_write(&self, key: &str, value: &Value, pass: &Pass<'_>) {
        let mut writes = self.field_writes.borrow_mut();
        let Some(writes) = writes.as_mut() else {
            return;
        };
        if value.taint.as_ref().is_none_or(|t| t.parameter.is_some())
            || own_key(Some(key)).is_none()
        {
            return;
        }
        let Some(class) = self.functions[pass.function].class() else {
            return;
        };
        writes
            .entry((class.byte_range(), key.to_string()))
            .and_modify(|old| *old = old.join(value))
            .or_insert_with(|| value.clone());
    }
}

/// `key` when it names one field of a method's own object (`self.url`, `this.url`).
fn own_key(key: Option<&str>) -> Option<&str> {
    let (object, name) = key?.split_once('.')?;
    (matches!(object, "self" | "this") && !name.is_empty() && !name.contains('.')).then_some(name)
}
