//! Objects built by a constructor of the file know what each field holds: `new
//! SearchView(term, hits)` whose constructor stores `escapeHtml(term)` in `this.term` and
//! `hits` in `this.items` gives an object whose `term` is escaped and whose `items` carry
//! only what `hits` carried. The fields ride on the object's value as a record
//! (`records.rs`), and a method called on the object is summarised for that record's shape
//! (`parts.rs`'s `Part::Shaped`), so `this.term` inside `render()` is the escaped text, not
//! the whole object's taint.
//!
//! Each field's value comes from the constructor's per-parameter summaries (their pass ends
//! with the fields it set): a field follows the parameters whose taint it carries there.

use super::FileFlow;
use super::env::Env;
use super::parts::shape_of;
use super::value::{MAX_FIELDS, Record, Taint, Value, join_taint};
use crate::flow::adapter::{Function, named_children, text_of};
use std::rc::Rc;
use tree_sitter::Node;

/// A constructor's fields at the end of its pass: name and value.
pub(super) type Fields = Rc<[(Rc<str>, Value)]>;

impl<'t> FileFlow<'t, '_> {
    /// The fields constructor `function` has set at the end of a pass that left `after`:
    /// `self.x` / `this.x` it assigned, and TypeScript's parameter properties (`private
    /// readonly items: Item[]`). Empty for any other function.
    pub(super) fn fields_set(&self, function: &Function<'t>, after: &Env) -> Fields {
        if !matches!(function.name.as_deref(), Some("__init__" | "constructor")) {
            return Rc::from([]);
        }
        let mut fields: Vec<(Rc<str>, Value)> = after
            .iter()
            .filter_map(|(key, value)| {
                let field = key
                    .strip_prefix("self.")
                    .or_else(|| key.strip_prefix("this."))?;
                field
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_')
                    .then(|| (Rc::from(field), value.clone()))
            })
            .collect();
        for param in &function.params {
            let declared = param.pattern.parent().is_some_and(|p| {
                named_children(p)
                    .iter()
                    .any(|c| matches!(c.kind(), "accessibility_modifier" | "readonly"))
            });
            let name = text_of(param.pattern, self.text);
            if declared && !fields.iter().any(|(field, _)| &**field == name) {
                let value = after.get(name).cloned().unwrap_or_default();
                fields.push((Rc::from(name), value));
            }
        }
        if fields.len() > MAX_FIELDS {
            return Rc::from([]);
        }
        fields.sort_by(|a, b| a.0.cmp(&b.0));
        fields.into()
    }

    /// The value of the object the call `node` of constructor `init` builds from `values`:
    /// the arguments' taint, with a record of what each field the constructor sets holds.
    /// `None` when no argument is tainted or a summary is not to be had.
    #[inline(never)]
    pub(super) fn constructed_object(
        &self,
        node: Node<'t>,
        init: usize,
        name: &str,
        values: &[Value],
    ) -> Option<Value> {
        let mut record: Record = Vec::new();
        let mut whole: Option<Taint> = None;
        let mut first = true;
        for (position, value) in values.iter().enumerate() {
            let Some(taint) = &value.taint else { continue };
            whole = join_taint(&whole, &Some(taint.clone()));
            let summary = self.summary_part(init, position, shape_of(value))?;
            let entered = self.enter_helper(node, init, taint, format!("passed to `{name}()`"));
            for (field, held) in summary.fields.iter() {
                let carried = held
                    .taint
                    .as_ref()
                    .filter(|t| t.parameter == Some(position))
                    .map(|inner| entered.through(inner))
                    .filter(|t| t.rules != 0);
                match record.iter_mut().find(|(name, _)| name == field) {
                    Some((_, so_far)) => {
                        so_far.taint = join_taint(&so_far.taint, &carried);
                        so_far.clean &= held.clean;
                    }
                    // The fields are those the first tainted argument's summary names (every
                    // summary of one constructor sets the same ones, unless a branch sets one
                    // only for some values: then it is left out, and a read of it takes the
                    // whole object's taint).
                    None if first => record.push((
                        field.clone(),
                        Value {
                            taint: carried,
                            clean: held.clean,
                            ..Value::default()
                        },
                    )),
                    None => {}
                }
            }
            first = false;
        }
        let whole = whole?;
        if record.is_empty() {
            return None;
        }
        for (_, field) in &mut record {
            if field.taint.is_some() {
                field.clean = 0;
            }
        }
        Some(Value {
            made_by: Some(node.byte_range()),
            record: Some(Rc::new(record)),
            ..Value::tainted(whole)
        })
    }
}
