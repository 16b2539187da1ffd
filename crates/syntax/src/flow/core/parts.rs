//! Tuples and objects taken apart: `where, params = build_filter(customer, status)` and `const
//! { where, params } = buildWhere(filters)` bind each name to what its part holds, so the
//! parameter list that carries the request's values does not taint the SQL text built only from
//! constants beside it. Written-out tuples (`a, b = x, y`) split directly; a call of a helper of
//! this file is followed once per part, each with summaries of what that part of its `return
//! sql, params` / `return { where, params }` holds (a return of any other shape gives every part
//! the whole value).

use super::value::{MAX_FIELDS, Value};
use super::{FileFlow, Pass};
use crate::flow::adapter::{Expr, Stmt, text_of};
use std::ops::Range;
use std::rc::Rc;
use tree_sitter::Node;

/// One part of a returned value: an element of a tuple or list, or a field of an object.
/// Or, for a whole-value summary, the record the summarised parameter is: each field's name,
/// the rules it is untrusted for and those it is clean for, as the caller's argument holds them
/// (`read(meta)` after `meta = {"file": name, "owner": "bob"}`: only `meta["file"]` is the
/// caller's untrusted data inside).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Part {
    Element(usize),
    Field(Rc<str>),
    Shaped(Rc<[(Rc<str>, u64, u64)]>),
}

/// The shape of an argument that is a record with a field its caller trusts, for
/// [`Part::Shaped`]; `None` when every field is as untrusted as the whole (the plain summary).
pub(super) fn shape_of(value: &Value) -> Option<Part> {
    let record = value.record.as_ref()?;
    let whole = value.taint.as_ref()?.rules;
    let fields: Rc<[(Rc<str>, u64, u64)]> = record
        .iter()
        .map(|(name, field)| {
            let rules = field.taint.as_ref().map_or(0, |t| t.rules);
            (name.clone(), rules, field.clean)
        })
        .collect();
    fields
        .iter()
        .any(|(_, rules, _)| rules & whole != whole)
        .then_some(Part::Shaped(fields))
}

/// A pattern's request to the call it binds: which parts, and what each holds once the call
/// has been followed.
pub(super) struct Asked {
    call: Range<usize>,
    parts: Vec<Part>,
    answer: Option<Vec<Value>>,
}

impl<'t> FileFlow<'t, '_> {
    /// Binds a tuple or object `pattern` to `value_node` part by part where it can, and
    /// returns the whole value; `None` when the pattern takes nothing apart (the caller binds
    /// as usual).
    pub(super) fn bind_parts(
        &self,
        pattern: Node<'t>,
        value_node: Node<'t>,
        pass: &mut Pass<'_>,
    ) -> Option<Value> {
        let (parts, targets): (Vec<Part>, Vec<Node<'t>>) = match self.adapter.tuple_parts(pattern) {
            Some(elements) => elements
                .into_iter()
                .enumerate()
                .map(|(k, node)| (Part::Element(k), node))
                .unzip(),
            None => self
                .adapter
                .field_parts(pattern, self.text)?
                .into_iter()
                .map(|(name, node)| (Part::Field(name.into()), node))
                .unzip(),
        };
        if let Some(elements) = self
            .adapter
            .tuple_parts(value_node)
            .filter(|e| e.len() == targets.len() && matches!(parts[0], Part::Element(_)))
        {
            // `a, b = b, a`: every element is read before any name is bound.
            let values: Vec<Value> = elements.iter().map(|e| self.eval(*e, pass)).collect();
            let whole = joined(&values);
            for (target, value) in targets.iter().zip(values) {
                self.bind(*target, value, pass);
            }
            return Some(whole);
        }
        let call = self.call_inside(value_node);
        if !matches!(self.adapter.expr(call, self.text), Expr::Call { .. }) {
            return None;
        }
        let (whole, answered) = self.eval_asking(call.byte_range(), parts, value_node, pass);
        match answered {
            Some(values) => {
                for (target, value) in targets.iter().zip(values) {
                    self.bind(*target, value, pass);
                }
            }
            None => self.bind(pattern, whole.clone(), pass),
        }
        Some(whole)
    }

    /// `const q = buildQuery(filters)` ... `pool.query(q.text, q.params)`: evaluates `value_node`,
    /// bound to the name `pattern`, and, when it calls a helper of this file whose fields the
    /// code after it reads, what each of those fields holds as that part of the helper's
    /// `return { text, params }` (`q.text` built from constants, `q.params` the request's
    /// values): member keys for the caller to bind after the name.
    pub(super) fn eval_fields_read(
        &self,
        pattern: Node<'t>,
        value_node: Node<'t>,
        pass: &mut Pass<'_>,
    ) -> (Value, Vec<(String, Value)>) {
        let Some((call, fields)) = self.fields_to_ask(pattern, value_node, pass) else {
            return (self.eval(value_node, pass), Vec::new());
        };
        let parts = fields.iter().map(|f| Part::Field(Rc::from(*f))).collect();
        let (whole, answered) = self.eval_asking(call, parts, value_node, pass);
        let name = text_of(pattern, self.text);
        let members = fields
            .iter()
            .zip(answered.into_iter().flatten())
            .map(|(field, value)| (format!("{name}.{field}"), value))
            .collect();
        (whole, members)
    }

    /// The call of a helper of this file `value_node` is (through `await`), and the fields the
    /// code after it reads of the name `pattern` (not methods it calls).
    fn fields_to_ask(
        &self,
        pattern: Node<'t>,
        value_node: Node<'t>,
        pass: &Pass<'_>,
    ) -> Option<(Range<usize>, Vec<&'t str>)> {
        if !matches!(self.adapter.expr(pattern, self.text), Expr::Name) {
            return None;
        }
        let call = self.call_inside(value_node);
        let Expr::Call { callee, .. } = self.adapter.expr(call, self.text) else {
            return None;
        };
        let callee = self.adapter.path(callee, self.text)?;
        if !self
            .by_name
            .contains_key(callee.rsplit('.').next().unwrap_or(&callee))
        {
            return None;
        }
        let end = self.functions[pass.function].node.end_byte();
        let from = value_node.end_byte();
        let fields = fields_read(
            self.text,
            text_of(pattern, self.text),
            from,
            end.min(from + FIELDS_READ_WINDOW),
        );
        (!fields.is_empty()).then(|| (call.byte_range(), fields))
    }

    /// `await build(q)`: the call inside the wrappers around `value_node`.
    fn call_inside(&self, value_node: Node<'t>) -> Node<'t> {
        let mut call = value_node;
        while let Expr::Wrap(inner) = self.adapter.expr(call, self.text) {
            call = inner;
        }
        call
    }

    /// Evaluates `value_node`, asking the call at `call` for `parts` of what it returns: the
    /// whole value, and each part's when the call answered for all of them. A request nested
    /// inside this call's evaluation (a helper's own `a, b = f()`) puts this one back when it is
    /// done.
    fn eval_asking(
        &self,
        call: Range<usize>,
        parts: Vec<Part>,
        value_node: Node<'t>,
        pass: &mut Pass<'_>,
    ) -> (Value, Option<Vec<Value>>) {
        let wanted = parts.len();
        let asked = Asked {
            call: call.clone(),
            parts,
            answer: None,
        };
        let outer = self.wanted_parts.replace(Some(asked));
        let whole = self.eval(value_node, pass);
        let answered = self.wanted_parts.replace(outer).and_then(|asked| {
            (asked.call == call)
                .then_some(asked.answer)
                .flatten()
                .filter(|a| a.len() == wanted)
        });
        (whole, answered)
    }

    /// The parts the pattern binding the call `node` asks for, if one does.
    pub(super) fn parts_wanted(&self, node: Node<'t>) -> Option<Vec<Part>> {
        self.wanted_parts
            .borrow()
            .as_ref()
            .filter(|asked| asked.call == node.byte_range())
            .map(|asked| asked.parts.clone())
    }

    /// Answers [`Self::parts_wanted`]: what each part of helper `index`'s result holds, given
    /// `values` (and, for a method, the `object` it runs on); nothing when a summary is not to
    /// be had (a cycle).
    pub(super) fn answer_parts(
        &self,
        node: Node<'t>,
        index: usize,
        name: &str,
        values: &[Value],
        object: Option<&Value>,
        parts: &[Part],
    ) {
        let answer = self.returned_parts(node, index, name, values, object, parts);
        self.answer_wanted(node, answer);
    }

    /// Gives the pattern binding the call `node` what each part it asked for holds.
    pub(super) fn answer_wanted(&self, node: Node<'t>, answer: Option<Vec<Value>>) {
        if let Some(asked) = self.wanted_parts.borrow_mut().as_mut()
            && asked.call == node.byte_range()
        {
            asked.answer = answer;
        }
    }

    /// What each of `parts` of helper `index`'s result holds at the call `node`; `None` when a
    /// summary is not to be had (a cycle).
    fn returned_parts(
        &self,
        node: Node<'t>,
        index: usize,
        name: &str,
        values: &[Value],
        object: Option<&Value>,
        parts: &[Part],
    ) -> Option<Vec<Value>> {
        parts
            .iter()
            .map(|part| self.returned_by(node, index, name, values, object, Some(part)))
            .collect()
    }

    /// What a `return` hands back: in a pass that returns one part of a tuple or object, that
    /// part (every part is still evaluated: a sink may sit in any).
    pub(super) fn eval_returned(&self, node: Node<'t>, pass: &mut Pass<'_>) -> Value {
        let chosen = match &pass.part {
            Some(Part::Element(k)) => self
                .adapter
                .tuple_parts(node)
                .and_then(|elements| Some(elements.get(*k).copied()?).map(|e| (elements, e))),
            Some(Part::Field(name)) => match self.adapter.expr(node, self.text) {
                Expr::Object(fields) => {
                    // A spread or computed key (`{ ...base, where }`) may hold any field.
                    let known = fields.iter().all(|(key, _)| key.is_some());
                    let found = fields
                        .iter()
                        .find(|(key, _)| key.as_deref() == Some(&**name))
                        .map(|(_, value)| *value);
                    found
                        .filter(|_| known)
                        .map(|f| (fields.iter().map(|(_, v)| *v).collect(), f))
                }
                _ => None,
            },
            Some(Part::Shaped(_)) | None => None,
        };
        let Some((all, chosen)) = chosen else {
            let whole = self.eval(node, pass);
            let Some(Part::Field(name)) = &pass.part else {
                return whole;
            };
            // `return cfg` after a check of `cfg.target_url`: that field as the check left it.
            if matches!(self.adapter.expr(node, self.text), Expr::Name)
                && let Some(member) = pass
                    .env
                    .get(&format!("{}.{name}", text_of(node, self.text)))
            {
                return member.clone();
            }
            // `return Stored(uid, name, path)`: the field of the record it makes.
            return whole.field(name).cloned().unwrap_or(whole);
        };
        let mut out = Value::default();
        for part in all {
            let value = self.eval(part, pass);
            if part.id() == chosen.id() {
                out = value;
            }
        }
        out
    }
}

impl<'t> FileFlow<'t, '_> {
    /// `result`, what helper `index` returned at the call `node`, with a record of its fields
    /// when every `return` of the helper hands back an object literal with the same named
    /// fields (`return { column, dir }`): each field as that part of the result, so a caller
    /// passing it on (`repo.list(parseSort(req.query))`) keeps a looked-up column constant.
    #[inline(never)]
    pub(super) fn with_returned_record(
        &self,
        node: Node<'t>,
        index: usize,
        name: &str,
        values: &[Value],
        object: Option<&Value>,
        mut result: Value,
    ) -> Value {
        if result.taint.is_none() || result.record.is_some() {
            return result;
        }
        let Some(fields) = self.returned_object_fields(index, values) else {
            return result;
        };
        let fields: Vec<Rc<str>> = fields.into_iter().map(Rc::from).collect();
        let parts: Vec<Part> = fields.iter().cloned().map(Part::Field).collect();
        let Some(held) = self.returned_parts(node, index, name, values, object, &parts) else {
            return result;
        };
        result.record = Some(Rc::new(fields.into_iter().zip(held).collect()));
        result
    }

    /// The fields of the record passed as the parameter of function `index` that `name` is.
    fn given_record_fields(
        &self,
        index: usize,
        name: Node<'t>,
        values: &[Value],
    ) -> Option<Vec<String>> {
        let written = text_of(name, self.text);
        let position = self.functions[index]
            .params
            .iter()
            .position(|param| text_of(param.pattern, self.text) == written)?;
        let record = values.get(position)?.record.as_deref()?;
        Some(record.iter().map(|(field, _)| field.to_string()).collect())
    }

    /// The named fields of the object literal every `return` of function `index` hands back
    /// (not those of functions inside it), when all agree; at most [`MAX_FIELDS`].
    fn returned_object_fields(&self, index: usize, values: &[Value]) -> Option<Vec<String>> {
        let mut found: Option<Vec<String>> = None;
        for value in self.returned_values(index)? {
            let names: Option<Vec<String>> = match self.adapter.expr(value, self.text) {
                // Each field by the name the adapter gives it, which a part's pass looks up.
                Expr::Object(fields) => fields.into_iter().map(|(key, _)| key).collect(),
                // `return Stored(uid, name, path)`: a record class's fields, by argument.
                Expr::Call {
                    callee,
                    receiver,
                    args,
                    ..
                } => self
                    .record_call_fields(callee, receiver, &args)
                    .map(|names| names.into_iter().map(String::from).collect()),
                // `return cfg` of a parameter given a record (a validator handing back what
                // it checked): that record's fields.
                Expr::Name => self.given_record_fields(index, value, values),
                // A Python dict with string keys, a Rust struct literal (`Self { id, data }`).
                _ => self.adapter.record_fields(value, self.text).map(|fields| {
                    fields
                        .into_iter()
                        .map(|(name, _)| name.to_string())
                        .collect()
                }),
            };
            let names = names.filter(|n| !n.is_empty() && n.len() <= MAX_FIELDS)?;
            match &found {
                Some(earlier) if *earlier != names => return None,
                _ => found = Some(names),
            }
        }
        found
    }

    /// How many elements the tuple every `return` of function `index` hands back has (`return
    /// sql, params`), when all agree; at most [`MAX_ELEMENTS`].
    pub(super) fn returned_tuple_len(&self, index: usize) -> Option<usize> {
        let mut found = None;
        for value in self.returned_values(index)? {
            let len = self.adapter.tuple_parts(value)?.len();
            if len > MAX_ELEMENTS || found.is_some_and(|earlier| earlier != len) {
                return None;
            }
            found = Some(len);
        }
        found
    }

    /// The values the `return`s of function `index` hand back (not those of functions inside
    /// it), a bare `return` or one of nothing (`return None`) left out; `None` when the body
    /// is too large to search.
    pub(super) fn returned_values(&self, index: usize) -> Option<Vec<Node<'t>>> {
        let function = &self.functions[index];
        let mut found = Vec::new();
        let mut stack = vec![function.body];
        let mut visited = 0;
        while let Some(node) = stack.pop() {
            visited += 1;
            if visited > RETURN_SEARCH_NODES {
                return None;
            }
            if let Stmt::Return(value) = self.adapter.stmt(node, self.text) {
                // `return null` / `return None` / `return;` (nothing found): no part to read.
                found.extend(value.filter(|v| !is_nothing(*v, self.text)));
                continue;
            }
            if node != function.body && NESTED_DEFINITIONS.contains(&node.kind()) {
                continue;
            }
            let mut cursor = node.walk();
            stack.extend(node.named_children(&mut cursor));
        }
        Some(found)
    }
}

/// The most elements of a returned tuple followed one by one into another file.
const MAX_ELEMENTS: usize = 4;

/// Nodes of a helper's body searched for its `return`s: past them its result keeps no record.
const RETURN_SEARCH_NODES: usize = 4096;

/// Definitions inside a body whose `return`s are their own.
const NESTED_DEFINITIONS: &[&str] = &[
    "function_definition",
    "lambda",
    "class_definition",
    "function_declaration",
    "generator_function_declaration",
    "function_expression",
    "function",
    "arrow_function",
    "method_definition",
    "class_declaration",
    "class",
];

/// How far after a binding [`FileFlow::bind_fields_read`] looks for reads of its fields.
const FIELDS_READ_WINDOW: usize = 4096;

/// The fields read as `name.field` in `text[from..to]`, each once, at most eight.
fn fields_read<'a>(text: &'a str, name: &str, from: usize, to: usize) -> Vec<&'a str> {
    let Some(region) = text.get(from..to.max(from)) else {
        return Vec::new();
    };
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    let mut fields = Vec::new();
    for (at, _) in region.match_indices(name) {
        if region[..at].chars().next_back().is_some_and(word) {
            continue;
        }
        let Some(after) = region[at + name.len()..].strip_prefix('.') else {
            continue;
        };
        let end = after.find(|c: char| !word(c)).unwrap_or(after.len());
        let field = &after[..end];
        // `q.run()` calls a method: not a field the helper's object literal holds.
        let called = after[end..].trim_start().starts_with('(');
        if !field.is_empty() && !called && !fields.contains(&field) {
            fields.push(field);
            if fields.len() == 8 {
                break;
            }
        }
    }
    fields
}

/// The value of a tuple as one: tainted by any element, clean where every element is.
fn joined(values: &[Value]) -> Value {
    let mut iter = values.iter();
    let first = iter.next().cloned().unwrap_or_else(Value::constant);
    iter.fold(first, |whole, v| whole.join(v))
}

/// `null`, `None`, `undefined`: a value with no fields.
fn is_nothing(node: Node<'_>, text: &str) -> bool {
    matches!(node.kind(), "null" | "none" | "undefined")
        || (node.kind() == "identifier" && text_of(node, text) == "undefined")
}
