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
use crate::flow::adapter::{Expr, Function, named_children, text_of};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use tree_sitter::Node;

/// The tainted writes recorded so far, by class bytes and `self.name` / `this.name`.
pub(super) type FieldWrites = HashMap<(Range<usize>, String), Value>;

/// Per method (its function index): each parameter it keeps in a field, with the field's key
/// and the rules the kept value is still untrusted for.
pub(super) type FieldsByParam = HashMap<usize, Vec<(usize, String, u64)>>;

/// Parameters followed into fields at most, per method.
const MAX_PARAMS: usize = 8;

impl<'t> FileFlow<'t, '_> {
    /// Adds to each class's fields those its methods fill from a source.
    pub(super) fn taint_fields(&mut self) {
        let writers: Vec<usize> = (0..self.functions.len())
            .filter(|&index| {
                let function = &self.functions[index];
                function.class().is_some() && self.writes_own_field(function.node)
            })
            .collect();
        // Methods that keep a parameter in a field (`enqueue(job) { this.pending.push(job) }`,
        // `register(dto) { this.configs.set(dto.id, dto) }`), and the functions calling them:
        // each caller's pass records what it passes there (`note_field_call`).
        let kept = self.fields_by_param();
        let mut recorded = writers.clone();
        if !kept.is_empty() {
            let keeping: HashSet<&str> = kept
                .keys()
                .filter_map(|&method| self.functions[method].name.as_deref())
                .collect();
            let writing: HashSet<usize> = writers.iter().copied().collect();
            for (index, function) in self.functions.iter().enumerate() {
                let body = self.text.get(function.node.byte_range()).unwrap_or("");
                if !writing.contains(&index)
                    && !function.is_module()
                    && methods_called(body).any(|name| keeping.contains(name))
                {
                    recorded.push(index);
                }
            }
        }
        if recorded.is_empty() {
            return;
        }
        *self.field_writes.borrow_mut() = Some(FieldWrites::new());
        *self.fields_kept.borrow_mut() = Some(kept);
        self.quietly(|flow| {
            for index in recorded {
                let mut hits = Vec::new();
                flow.pass(index, Params::Own, flow.module_env.clone(), &mut hits);
            }
        });
        *self.fields_kept.borrow_mut() = None;
        let writes = self.field_writes.borrow_mut().take().unwrap_or_default();
        for ((class, key), value) in writes {
            self.fields.entry(class).or_default().insert(key, value);
        }
    }

    /// Per method other than a constructor (whose parameters `objects.rs` follows) that may
    /// keep a parameter in a field of its object: the fields each parameter ends up in, from
    /// one pass per parameter that stands for it.
    fn fields_by_param(&self) -> FieldsByParam {
        let mut kept = FieldsByParam::new();
        // One scan of the file, not one per method: a generated file may define thousands.
        let called: HashSet<&str> = methods_called(self.text).collect();
        for (index, function) in self.functions.iter().enumerate() {
            if function.params.is_empty()
                || function.class().is_none()
                || matches!(
                    function.name.as_deref(),
                    None | Some("__init__" | "constructor")
                )
                // Called on an object somewhere in the file (`queue.enqueue(job)`,
                // `self.register(...)`): only a call records what it passes.
                || function
                    .name
                    .as_deref()
                    .is_some_and(|name| !called.contains(name))
            {
                continue;
            }
            for position in 0..function.params.len().min(MAX_PARAMS) {
                if !self.may_keep_parameter(function, position) {
                    continue;
                }
                for (key, value) in self.keys_holding_parameter(index, position) {
                    // The rules the kept value is still untrusted for: `self.text =
                    // escape(text)` keeps nothing an HTML sink fears.
                    let rules = value.taint.as_ref().map_or(0, |t| t.rules) & !value.clean;
                    if own_key(Some(&key)).is_some() && rules != 0 {
                        kept.entry(index).or_default().push((position, key, rules));
                    }
                }
            }
        }
        kept
    }

    /// Whether a line of `function` names its parameter at `position` and a field of its own
    /// object (`this.pending.push(job)`, `self._subs[tenant] = url`, `this.url = url`): the
    /// cheap test before a pass for that parameter. Not the object itself (`self`).
    fn may_keep_parameter(&self, function: &Function<'t>, position: usize) -> bool {
        let (Some(body), Some(param)) = (
            self.text.get(function.body.byte_range()),
            function.params.get(position),
        ) else {
            return false;
        };
        let mut bound = Vec::new();
        self.adapter.bindings(param.pattern, &mut bound);
        let names: Vec<&str> = bound
            .iter()
            .map(|n| text_of(*n, self.text))
            .filter(|name| !matches!(*name, "self" | "cls" | "this"))
            .collect();
        !names.is_empty()
            && body.lines().any(|line| {
                (line.contains("self.") || line.contains("this."))
                    && names
                        .iter()
                        .any(|name| super::stores::mentions(line, name, false))
            })
    }

    /// While fields are recorded: the call `node` of method `index` (`name`) with `values`
    /// keeps those of its arguments the method puts in a field of its object there.
    pub(super) fn note_field_call(
        &self,
        node: Node<'t>,
        index: usize,
        name: &str,
        values: &[Value],
    ) {
        let kept = self.fields_kept.borrow();
        let Some(fields) = kept.as_ref().and_then(|kept| kept.get(&index)) else {
            return;
        };
        let Some(class) = self.class_bytes(&self.functions[index]) else {
            return;
        };
        let mut writes = self.field_writes.borrow_mut();
        let Some(writes) = writes.as_mut() else {
            return;
        };
        for (position, key, rules) in fields {
            let Some(mut taint) = self.argument_kept(node, index, name, key, values.get(*position))
            else {
                continue;
            };
            taint.rules &= rules;
            if taint.rules == 0 {
                continue;
            }
            let value = Value {
                clean: 0,
                ..Value::tainted(taint)
            };
            writes
                .entry((class.clone(), key.clone()))
                .and_modify(|old| *old = old.join(&value))
                .or_insert(value);
        }
    }

    /// The bytes that key the fields of the class `function` is a method of: those of the
    /// file's first class or `impl` block of that name, so Rust's `impl Service { .. }` and
    /// `impl Handler for Service { .. }` share what their methods write.
    pub(super) fn class_bytes(&self, function: &Function<'t>) -> Option<Range<usize>> {
        let class = function.class()?;
        let first = self.first_class_bytes.get_or_init(|| {
            let mut first: HashMap<&'t str, Range<usize>> = HashMap::new();
            for function in &self.functions {
                if let (Some(class), Some(name)) = (
                    function.class(),
                    super::objects::class_name(function, self.text),
                ) {
                    let bytes = first.entry(name).or_insert(class.byte_range());
                    if class.start_byte() < bytes.start {
                        *bytes = class.byte_range();
                    }
                }
            }
            first
        });
        super::objects::class_name(function, self.text)
            .and_then(|name| first.get(name).cloned())
            .or(Some(class.byte_range()))
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
        let Some(class) = self.class_bytes(&self.functions[pass.function]) else {
            return;
        };
        writes
            .entry((class, key.to_string()))
            .and_modify(|old| *old = old.join(value))
            .or_insert_with(|| value.clone());
    }
}

/// The names `text` calls as methods: `enqueue` in `queue.enqueue(job)`, `self.register(x)`.
fn methods_called(text: &str) -> impl Iterator<Item = &str> {
    let identifier = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    text.match_indices('.').filter_map(move |(at, _)| {
        let rest = &text[at + 1..];
        let end = rest.find(|c: char| !identifier(c)).unwrap_or(rest.len());
        (end > 0 && rest[end..].starts_with('(')).then(|| &rest[..end])
    })
}

/// `key` when it names one field of a method's own object (`self.url`, `this.url`).
fn own_key(key: Option<&str>) -> Option<&str> {
    let (object, name) = key?.split_once('.')?;
    (matches!(object, "self" | "this") && !name.is_empty() && !name.contains('.')).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::methods_called;

    #[test]
    fn methods_called_are_the_names_after_a_dot_and_before_a_parenthesis() {
        let text = "queue.enqueue(job); self.register (x); this?.drain(); a.address(); x.add;";
        let called: Vec<&str> = methods_called(text).collect();
        assert_eq!(called, ["enqueue", "drain", "address"]);
    }
}
