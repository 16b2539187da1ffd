//! Records: a value written as named fields (`{"file": name, "owner": owner}`, `{ event,
//! callback: url }`, `Subscription { url, event }`) knows each field's own value, and so does a
//! container filled with such values (`REPORTS[rid] = {...}`, `subscriptions.set(id, {...})`):
//! reading `meta["file"]` or `sub.callback` back, in the same function or from a store in
//! another (`stores.rs`), gives that field's value, not the join of every field.
//!
//! The fields ride on the value (`Value::record`) through what keeps it whole: a binding, a
//! branch's join, a store, a container's fill and what reads an element back (`get`,
//! `values()`, iteration). Anything else (composing, a call the rules know nothing of) makes
//! a value of unknown shape, whose field reads take the whole value, as before.

use super::value::{MAX_FIELDS, Record, Value, compose};
use super::{FileFlow, Pass};
use crate::flow::adapter::{Arg, CallSite, named_children, text_of};
use std::collections::HashMap;
use std::rc::Rc;
use tree_sitter::Node;

impl<'t> FileFlow<'t, '_> {
    /// A record written out other than as an object literal (`eval.rs`'s `fields` makes
    /// those): a Python dict with string keys, a Rust struct literal. Its fields composed,
    /// with each field's value kept. `None` for any other node. Kept out of `eval_inner`: its
    /// locals would grow the frame of every nested evaluation.
    #[inline(never)]
    pub(super) fn record_literal(&self, node: Node<'t>, pass: &mut Pass<'_>) -> Option<Value> {
        let fields = self.adapter.record_fields(node, self.text)?;
        // A literal some sink names fields of (a Lambda response `{"statusCode": 302, ...}`)
        // is evaluated as an object, whose fields are checked against those sinks.
        let written = text_of(node, self.text);
        if fields.len() > MAX_FIELDS
            || self
                .rules
                .sinks
                .iter()
                .any(|(sink, _)| sink.kind.is_object(written, None))
        {
            return None;
        }
        let mut out = Value::constant();
        let mut record = Vec::with_capacity(fields.len());
        for (name, value_node) in fields {
            let value = self.eval(value_node, pass);
            out = compose(&out, &value);
            record.push((Rc::from(name), value));
        }
        out.record = Some(Rc::new(record));
        // A struct literal makes an object of its type, as in `eval.rs`'s `Compose`.
        if self.adapter.constructed(node, self.text).is_some() {
            out.made_by = Some(node.byte_range());
        }
        Some(out)
    }

    /// `cfg` read whole after a check of one of its fields (`if host_of(cfg.target_url) not in
    /// ALLOWED: raise ...`): the record with that field as the check left it, so `return cfg`
    /// hands back the field checked.
    #[inline(never)]
    pub(super) fn record_as_checked(&self, name: &str, value: &Value, pass: &Pass<'_>) -> Value {
        let Some(record) = value.record.as_deref() else {
            return value.clone();
        };
        let mut changed = false;
        let fields: Record = record
            .iter()
            .map(|(field, held)| {
                let now = pass.env.get(&format!("{name}.{field}"));
                match now {
                    Some(now) if !now.same_as(held) => {
                        changed = true;
                        (field.clone(), now.clone())
                    }
                    _ => (field.clone(), held.clone()),
                }
            })
            .collect();
        if !changed {
            return value.clone();
        }
        let whole = fields
            .iter()
            .fold(Value::constant(), |out, (_, field)| compose(&out, field));
        Value {
            record: Some(Rc::new(fields)),
            made_by: value.made_by.clone(),
            object: value.object.clone(),
            ..whole
        }
    }

    /// A method called on a record, or on a container of records, with untainted arguments
    /// (`subs.get(id)`, `REPORTS.values()`, `meta.get("file")`): `out`, the call's value as
    /// the core made it, keeps the fields; a field named by a literal is that field's value.
    #[inline(never)]
    pub(super) fn record_through_call(
        &self,
        mut out: Value,
        receiver_value: &Value,
        args: &[Arg<'t>],
    ) -> Value {
        if receiver_value.record.is_none() {
            return out;
        }
        if let Some(field) = self.field_named(receiver_value, args) {
            return field.clone();
        }
        out.record = receiver_value.record.clone();
        out
    }

    /// The field of `receiver_value`'s record a call's first argument names as a literal, the
    /// only other one a default (`meta.get("file")`, `meta.get("file", "")`).
    pub(super) fn field_named<'v>(
        &self,
        receiver_value: &'v Value,
        args: &[Arg<'t>],
    ) -> Option<&'v Value> {
        let name = args
            .first()
            .filter(|a| a.keyword.is_none() && args.len() <= 2)?;
        if !self.adapter.is_whole_literal(name.value) {
            return None;
        }
        receiver_value.field(&self.adapter.literal_prefix(name.value, self.text)?)
    }

    /// `Subscription(id=uuid4().hex, event=body["event"], target=url)`, `Stored(uid, name,
    /// path)`: a class of this file with no constructor of its own (a dataclass, a named tuple,
    /// a model) built from keyword arguments, each the field it sets, or from positional ones,
    /// each the field declared at its place.
    #[inline(never)]
    pub(super) fn keyword_record(
        &self,
        callee: Node<'t>,
        receiver: Option<Node<'t>>,
        args: &[Arg<'t>],
        values: &[Value],
    ) -> Option<Rc<Record>> {
        let names = self.record_call_fields(callee, receiver, args)?;
        let record = names
            .into_iter()
            .zip(values)
            .map(|(name, value)| (Rc::from(name), value.clone()))
            .collect();
        Some(Rc::new(record))
    }

    /// The fields a call of a record class sets, one per argument, in order; `None` for any
    /// other call, or one that spreads its arguments or mixes positional and keyword ones
    /// past the declared fields.
    pub(super) fn record_call_fields(
        &self,
        callee: Node<'t>,
        receiver: Option<Node<'t>>,
        args: &[Arg<'t>],
    ) -> Option<Vec<&'t str>> {
        if receiver.is_some() || args.is_empty() || args.len() > MAX_FIELDS {
            return None;
        }
        let declared = self.record_classes().get(text_of(callee, self.text))?;
        args.iter()
            .enumerate()
            .map(|(at, arg)| match arg.keyword {
                _ if arg.spread => None,
                Some(keyword) => Some(text_of(keyword, self.text)),
                None => declared.get(at).copied(),
            })
            .collect()
    }

    /// The record classes of the module (`Adapter::record_class`) with the fields each declares,
    /// in order: read once.
    pub(crate) fn record_classes(&self) -> &HashMap<&'t str, Vec<&'t str>> {
        self.record_classes.get_or_init(|| {
            let module = self.functions.first().filter(|m| m.is_module());
            module
                .map(|m| named_children(m.node))
                .unwrap_or_default()
                .into_iter()
                .filter_map(|statement| {
                    let name = self.adapter.record_class(statement, self.text)?;
                    let class = match statement.kind() {
                        "decorated_definition" => statement.child_by_field_name("definition")?,
                        _ => statement,
                    };
                    let declared = self
                        .adapter
                        .declared_fields(class, self.text)
                        .map(|(_, fields)| fields.into_iter().map(|(f, _)| f).collect())
                        .unwrap_or_default();
                    Some((name, declared))
                })
                .collect()
        })
    }

    /// `UPLOADED.get(key)`, `hooks.get(&id)`, `UPLOADED.pop(key, None)` on a container of
    /// records (or a record): the element the key picks, as `UPLOADED[key]` reads it, the
    /// key's taint not in it, or the default given. A field named by a literal is that field.
    #[inline(never)]
    pub(super) fn element_read(
        &self,
        site: &CallSite<'_>,
        receiver_value: &Value,
        args: &[Arg<'t>],
        values: &[Value],
    ) -> Option<Value> {
        receiver_value.record.as_ref()?;
        if !matches!(site.method.as_deref(), Some("get" | "pop")) || args.len() > 2 {
            return None;
        }
        if let Some(field) = self.field_named(receiver_value, args) {
            return Some(field.clone());
        }
        let element = Value {
            prefix: None,
            whole: false,
            made_by: None,
            object: None,
            ..receiver_value.clone()
        };
        Some(match values.get(1) {
            Some(default) => element.join(default),
            None => element,
        })
    }
}
