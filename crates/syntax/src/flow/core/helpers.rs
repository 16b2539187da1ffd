//! Local helpers: a call of a function or method this file defines, followed through its
//! summaries — per parameter (what reaches its return value and its sinks), with its own sources,
//! given constants, and per part of a returned tuple or object (`parts.rs`).

use super::parts::{Part, shape_of};
use super::value::{ALL, Taint, Value, join_ranges, join_taint};
use super::{FileFlow, OBJECT, Params, Pass, SinkHit, Summary};
use crate::flow::adapter::{Arg, CallSite, Function, text_of};
use std::rc::Rc;
use tree_sitter::Node;

/// The summary key standing for "no parameter": what a helper returns from sources of its own,
/// and the rules it returns clean values for whatever it is given.
const OWN_SOURCES: usize = usize::MAX;
/// The summary key of what a helper returns when every argument is a program constant.
const CONSTANT_ARGUMENTS: usize = usize::MAX - 1;
/// The summary keys, counting down, of what a dependency returns with its parameters bound to
/// the request data of each injection source (below `mod.rs`'s `OBJECT` and `CONSTANT_FIELDS`).
const INJECTED: usize = usize::MAX - 4;

impl<'t> FileFlow<'t, '_> {
    /// A call of a function defined in this file: its result and its sinks, from summaries.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn helper(
        &self,
        node: Node<'t>,
        site: &CallSite<'_>,
        receiver: Option<Node<'t>>,
        receiver_value: &Value,
        args: &[Arg<'t>],
        values: &[Value],
        pass: &mut Pass<'_>,
    ) -> Option<Value> {
        let name = match (&site.written, &site.method) {
            (Some(path), _) => path.rsplit('.').next().unwrap_or(path),
            (None, Some(method)) => method.as_str(),
            (None, None) => return None,
        };
        // `notifier.send(text)` on an object of a class this file defines.
        if let Some(receiver) = receiver
            && let Some(index) = self.method_of_object(receiver, name, pass)
        {
            let ordered = self.by_parameter(&self.functions[index], args, values);
            let values = ordered.as_deref().unwrap_or(values);
            self.note_helper_call(index, node, values, pass);
            self.note_field_call(node, index, name, values);
            let returned =
                self.object_call(node, receiver, name, index, receiver_value, values, pass);
            let object = Some(receiver_value);
            if let Some(parts) = self.parts_wanted(node) {
                self.answer_parts(node, index, name, values, object, &parts);
            }
            // What its summaries return, the request data its class's fields hold
            // (`self.order = request.GET.get("order")` in `__init__`), and the text it starts
            // with: a Flask view returning it serves markup, with only the taint its summaries
            // return (`return "<p>" + escape(c)` does not return `c`).
            if let Some(mut value) = self.returned_by(node, index, name, values, object, None) {
                // A builder's `return self` after filling it: the object with what it holds now.
                if returned.is_some() && self.returns_itself(index) {
                    value.taint = join_taint(&value.taint, &returned);
                    value.clean &= returned.as_ref().map_or(super::ALL, |t| !t.rules);
                }
                return Some(value);
            }
            let own = self.returns_given(index, Params::Unknown);
            return Some(Value {
                taint: returned,
                clean: self.returned_clean(index, own.as_deref(), values, None),
                prefix: own.as_ref().and_then(|summary| summary.prefix.clone()),
                ..Value::default()
            });
        }
        // `LogSearcher(q)`, `new Runner(cmd)`: the constructor of a class of this file, for
        // the sinks its arguments reach inside and the object's fields (`constructed.rs`); an
        // object built only from untainted values stays the generic one.
        if receiver.is_none() && site.written.as_deref() == Some(name) && self.defines_class(name) {
            return self.constructor_call(node, name, args, values, pass);
        }
        // Only plain calls and calls on `self`/`this`/`Self` reach a local definition, and
        // calls on a field of `this`/`self` (below).
        let field_call = receiver.is_some_and(|r| is_field_of_self(text_of(r, self.text)));
        // `svc.get(url)` after `const svc = { get(url) { ... } }`: a method of an object literal
        // the name is bound to.
        let literal_method = receiver
            .filter(|_| !field_call)
            .and_then(|r| self.object_literal_method(text_of(r, self.text), name));
        // `CartSnapshot.fromCookie(raw)`: a static method of a class of this file.
        let static_of = receiver
            .map(|r| text_of(r, self.text))
            .filter(|class| self.defines_class(class));
        // `HashMap::new()` is not this file's `Gateway::new`: a call through a type's path
        // reaches a local definition only when this file defines that type.
        let path_type = match (receiver, &site.written) {
            (None, Some(path)) => path
                .rsplit('.')
                .nth(1)
                .filter(|ty| ty.starts_with(|c: char| c.is_ascii_uppercase()) && *ty != "Self"),
            _ => None,
        };
        if path_type.is_some_and(|ty| !self.defines_class(ty)) {
            return None;
        }
        let static_of = static_of.or(path_type);
        if let Some(receiver) = receiver
            && !field_call
            && literal_method.is_none()
            && static_of.is_none()
            && !matches!(
                text_of(receiver, self.text),
                "self" | "this" | "Self" | "cls"
            )
        {
            return None;
        }
        let candidates = self.by_name.get(name)?;
        let static_method = static_of.and_then(|class| {
            candidates
                .iter()
                .copied()
                .find(|&c| super::objects::class_name(&self.functions[c], self.text) == Some(class))
        });
        if static_of.is_some() && static_method.is_none() {
            return None;
        }
        let on_self = receiver.is_some_and(|r| matches!(text_of(r, self.text), "self" | "this"));
        let caller_class = class_of(&self.functions[pass.function]);
        // `self.sql()`: the method of the caller's own class, where several classes define one.
        let own_class = candidates
            .iter()
            .copied()
            .find(|&c| {
                on_self && caller_class.is_some() && class_of(&self.functions[c]) == caller_class
            })
            // `this.renderSource()` of a class the caller's extends (`objects.rs`).
            .or_else(|| {
                self.method_of_caller(pass.function, name)
                    .filter(|_| on_self)
            });
        let mut index = literal_method
            .or(own_class)
            .or(static_method)
            .unwrap_or(*candidates.first()?);
        // `this.uploads.read(name)`: a service held in a field, whose class this file defines
        // (a NestJS controller next to its service). Only a method of one other class of the
        // file (a controller's `read` often calls its service's `read`), followed like any
        // method: a locator that resolves and checks the path returns a contained one.
        if field_call {
            // A service the constructor was given with another file's class (typed, or built
            // with one here) is that class's, not a local class's method of the same name.
            if self.imports.is_some() && self.injected_service(node, site, pass).is_some() {
                return None;
            }
            let caller = caller_class;
            let mut others = candidates.iter().filter(|&&c| {
                let class = class_of(&self.functions[c]);
                class.is_some() && class != caller
            });
            match (others.next(), others.next()) {
                (Some(&only), None) => index = only,
                _ => return None,
            }
        }
        let ordered = self.by_parameter(&self.functions[index], args, values);
        let values = ordered.as_deref().unwrap_or(values);
        if !field_call && literal_method.is_none() && candidates.len() == 1 {
            self.note_helper_call(index, node, values, pass);
            // `check_name(name)` that raises unless the name is safe: past it, it is.
            self.passed_raising_checks(index, node, args, pass);
        }
        if !field_call {
            self.note_store_call(node, index, name, values);
        }
        self.note_field_call(node, index, name, values);
        // The sinks inside that what the caller passes reaches, and, for `self.sql()` in a
        // method run on an untrusted object, that the object reaches.
        let object = own_class.map(|_| receiver_value);
        for (position, value) in values.iter().enumerate() {
            let Some(taint) = &value.taint else { continue };
            let summary = self.summary_part(index, position, shape_of(value))?;
            let entered = self.enter_helper(node, index, taint, format!("passed to `{name}()`"));
            self.hits_through(&entered, &summary, pass);
        }
        if let Some(object) = object
            && let Some(taint) = &object.taint
            && let Some(summary) = self.summary_part(index, OBJECT, shape_of(object))
        {
            let entered =
                self.enter_helper(node, index, taint, format!("`{name}()` of the object"));
            self.hits_through(&entered, &summary, pass);
        }
        let result = self.returned_by(node, index, name, values, object, None)?;
        let result = self.with_returned_record(node, index, name, values, object, result);
        if let Some(parts) = self.parts_wanted(node) {
            self.answer_parts(node, index, name, values, object, &parts);
        }
        Some(result)
    }

    /// The constructor (`__init__`, `constructor`) of class `name` run by the call `node`: the
    /// sinks inside that the arguments reach (`self.rx = re.compile(pattern)`), and the object
    /// it builds when an argument is tainted (`constructed.rs`).
    fn constructor_call(
        &self,
        node: Node<'t>,
        name: &str,
        args: &[Arg<'t>],
        values: &[Value],
        pass: &mut Pass<'_>,
    ) -> Option<Value> {
        let init = ["__init__", "constructor"]
            .iter()
            .find_map(|method| self.methods.get(name)?.get(*method).copied())?;
        let ordered = self.by_parameter(&self.functions[init], args, values);
        let values = ordered.as_deref().unwrap_or(values);
        self.arguments_to_sinks(node, init, name, values, pass, |_, _, _| {});
        // The object, with what each field holds.
        self.constructed_object(node, init, name, values)
    }

    /// The sinks inside function `index` (called as `name` at `node`) that the tainted
    /// `values` passed to its parameters reach, by its summaries; `then` gets each tainted
    /// argument's taint, that taint as it entered, and the summary of its parameter.
    pub(super) fn arguments_to_sinks(
        &self,
        node: Node<'t>,
        index: usize,
        name: &str,
        values: &[Value],
        pass: &mut Pass<'_>,
        mut then: impl FnMut(&Taint, Taint, &Summary),
    ) {
        for (position, value) in values.iter().enumerate() {
            let Some(taint) = &value.taint else { continue };
            let Some(summary) = self.summary_part(index, position, shape_of(value)) else {
                continue;
            };
            let entered = self.enter_helper(node, index, taint, format!("passed to `{name}()`"));
            self.hits_through(&entered, &summary, pass);
            then(taint, entered, &summary);
        }
    }

    /// What helper `index` returns at the call `node` given `values` (and, for a method, the
    /// `object` it runs on), or one `part` of it (`parts.rs`): the taint of each input its
    /// summaries return, what it reads itself, the text it starts with and the rules it is clean
    /// for. `None` when a summary is not to be had (a cycle).
    pub(super) fn returned_by(
        &self,
        node: Node<'t>,
        index: usize,
        name: &str,
        values: &[Value],
        object: Option<&Value>,
        part: Option<&Part>,
    ) -> Option<Value> {
        let mut out = Value::default();
        let object = object.map(|o| (OBJECT, o));
        for (position, value) in values.iter().enumerate().chain(object) {
            // A value a sanitiser or check cleared counts only for a helper that decodes it.
            let (taint, cleared) = match (&value.taint, &value.undone) {
                (Some(taint), _) => (taint, false),
                (None, Some(undone)) => (&**undone, true),
                (None, None) => continue,
            };
            let part = part.cloned().or_else(|| shape_of(value));
            let summary = self.summary_part(index, position, part)?;
            if let Some(inner) = &summary.returns {
                if cleared && !inner.decodes {
                    continue;
                }
                let note = if position == OBJECT {
                    format!("`{name}()` of the object")
                } else {
                    format!("passed to `{name}()`")
                };
                // A decoding helper gets back what was taken from a value still tainted too.
                let given = match (&value.undone, inner.decodes && !cleared) {
                    (Some(undone), true) => {
                        join_taint(&Some(taint.clone()), &Some((**undone).clone()))
                    }
                    _ => None,
                }
                .unwrap_or_else(|| taint.clone());
                let entered = self.enter_helper(node, index, &given, note);
                let through = entered.through(inner);
                // Escaped or checked inside (`escape_html(x)`): a decoder after gives it back.
                if through.rules & entered.rules != entered.rules {
                    out.undone = Some(std::rc::Rc::new(entered.clone()));
                }
                if through.rules != 0 {
                    out.taint = join_taint(&out.taint, &Some(through));
                }
            }
        }
        // A helper that reads a source itself (`def arg(name): return request.args.get(name)`)
        // hands it to every caller, whatever they pass.
        let own = self.returns_given_part(index, Params::Unknown, part.cloned());
        if let Some(own) = own.as_ref().and_then(|s| s.returns.clone()) {
            let mut own = own.with_step(node.byte_range(), format!("returned by `{name}()`"));
            let helper_range = self.functions[index].node.byte_range();
            own.via = join_ranges(&own.via, &Some(helper_range));
            out.taint = join_taint(&out.taint, &Some(own));
        }
        // Clean for a rule when it returns clean values whatever it is given (`return
        // shlex.quote(x)`), or when every argument is clean for it and it returns constants
        // given constants (`return x`, `return f"{x}.txt"`).
        // What it returns starts as its body writes it, whatever it is given (`return "<p>" +
        // x`, `return f"https://api.example.com/{x}"`).
        out.prefix = own.as_ref().and_then(|s| s.prefix.clone());
        out.clean = self.returned_clean(index, own.as_deref(), values, part);
        Some(out)
    }

    /// The rules what helper `index` returns is clean for, given `values`: those it returns
    /// clean values for whatever it is given (`own`, its summary with parameters unknown:
    /// `return shlex.quote(x)`, a containment check before `return full`), and, when every
    /// argument is clean for a rule, those it keeps clean given constants (`return x`).
    pub(super) fn returned_clean(
        &self,
        index: usize,
        own: Option<&Summary>,
        values: &[Value],
        part: Option<&Part>,
    ) -> u64 {
        let whatever = own.map_or(0, |s| s.clean);
        let given_constants = self
            .returns_given_part(index, Params::Constants, part.cloned())
            .map_or(0, |s| s.clean);
        let arguments = values.iter().fold(ALL, |clean, v| clean & v.clean);
        whatever | (given_constants & arguments)
    }

    /// A method called on an object of a class of this file: the sinks its arguments reach
    /// inside, and those the object reaches as `self` when what built it was untrusted. Returns
    /// the taint its summaries say comes back.
    #[allow(clippy::too_many_arguments)]
    fn object_call(
        &self,
        node: Node<'t>,
        receiver: Node<'t>,
        name: &str,
        index: usize,
        object: &Value,
        values: &[Value],
        pass: &mut Pass<'_>,
    ) -> Option<Taint> {
        let mut filled: Option<Taint> = None;
        // Every argument that fills the object, a helper's parameter too: a builder's
        // `return self` hands the filled object on (`Page().heading(term).render()`).
        let mut filled_any: Option<Taint> = None;
        let mut returned: Option<Taint> = None;
        let mut returns = |entered: &Taint, summary: &Summary| {
            if let Some(inner) = &summary.returns {
                let through = entered.through(inner);
                if through.rules != 0 {
                    returned = join_taint(&returned, &Some(through));
                }
            }
        };
        self.arguments_to_sinks(
            node,
            index,
            name,
            values,
            pass,
            |taint, entered, summary| {
                returns(&entered, summary);
                // `svc.configure(req.body.url)` … `svc.notify()`: the object holds the data now.
                if summary.fills_object {
                    filled_any = join_taint(&filled_any, &Some(entered.clone()));
                    if taint.parameter.is_none() {
                        filled = join_taint(&filled, &Some(entered));
                    }
                }
            },
        );
        if let Some(taint) = filled
            && let Some(key) = self.key(receiver)
        {
            let held = Value {
                clean: 0,
                ..Value::tainted(taint)
            };
            let value = pass
                .env
                .get(&key)
                .map_or(held.clone(), |old| old.join(&held));
            pass.env.insert(key, value);
        }
        if let Some(taint) = &object.taint
            && let Some(summary) = self.summary_part(index, OBJECT, shape_of(object))
        {
            let note = format!("the object `{name}()` is called on");
            let entered = self.enter_helper(node, index, taint, note);
            self.hits_through(&entered, &summary, pass);
            returns(&entered, &summary);
        }
        if filled_any.is_some() && self.returns_itself(index) {
            returned = join_taint(&returned, &filled_any);
        }
        returned
    }

    /// `taint` entering helper `index` at the call `node`: whatever comes back, or reaches a
    /// sink inside, depends on the helper's body.
    pub(super) fn enter_helper(
        &self,
        node: Node<'t>,
        index: usize,
        taint: &Taint,
        note: String,
    ) -> Taint {
        let mut entered = taint.with_step(node.byte_range(), note);
        // A method's summary also reads its class's constructor (`object_env`).
        let helper_range = self.class_range(index);
        entered.via = join_ranges(&entered.via, &Some(helper_range));
        entered
    }

    /// The sinks of a helper's summary that `entered` reaches, reported in this pass.
    pub(super) fn hits_through(&self, entered: &Taint, summary: &Summary, pass: &mut Pass<'_>) {
        for hit in &summary.sinks {
            let through = entered.through(&hit.taint);
            if through.rules & (1 << hit.rule) != 0 {
                let caller = self.functions[pass.function].node.byte_range();
                let extent = join_ranges(&Some(caller), &Some(hit.extent.clone()));
                let extent = join_ranges(&extent, &through.via).unwrap_or_default();
                pass.hits.push(SinkHit {
                    taint: through,
                    extent,
                    ..hit.clone()
                });
            }
        }
    }

    /// What function `function` returns with its parameters bound as `params` (unknown, or
    /// program constants): the untrusted value from a source it reads itself (with unknown
    /// parameters) and the rules its values are clean for. Computed once, like a parameter's
    /// summary; `None` inside a cycle.
    pub(super) fn returns_given(&self, function: usize, params: Params) -> Option<Rc<Summary>> {
        self.returns_given_part(function, params, None)
    }

    /// [`Self::returns_given`] for one `part` of the tuple or object the function returns (the
    /// whole value when `None`).
    pub(super) fn returns_given_part(
        &self,
        function: usize,
        params: Params,
        part: Option<Part>,
    ) -> Option<Rc<Summary>> {
        let key = match params {
            Params::Constants => (function, CONSTANT_ARGUMENTS, part.clone()),
            Params::Injected(source) => (function, INJECTED - source, part.clone()),
            _ => (function, OWN_SOURCES, part.clone()),
        };
        if let Some(done) = self.summaries.borrow().get(&key) {
            return Some(done.clone());
        }
        if !self.in_progress.borrow_mut().insert(key.clone()) {
            return None;
        }
        let mut hits = Vec::new();
        self.next_part.set(part);
        let (_, returned) = self.pass(function, params, self.module_env.clone(), &mut hits);
        self.in_progress.borrow_mut().remove(&key);
        // A function that never says what it returns (a Rust tail expression the adapter does
        // not read as one) returns an unknown value, not a constant.
        let clean = returned.as_ref().map_or(0, |v| v.clean);
        let prefix = returned.as_ref().and_then(|v| v.prefix.clone());
        let returns = returned
            .and_then(|v| v.taint)
            .filter(|t| t.parameter.is_none());
        let summary = Rc::new(Summary {
            returns,
            sinks: Vec::new(),
            clean,
            prefix,
            fills_object: false,
            fields: Rc::from([]),
        });
        self.summaries.borrow_mut().insert(key, summary.clone());
        Some(summary)
    }

    pub(super) fn summary(&self, function: usize, parameter: usize) -> Option<Rc<Summary>> {
        self.summary_part(function, parameter, None)
    }

    /// [`Self::summary`] for one `part` of the tuple or object the function returns (the whole
    /// value when `None`).
    pub(super) fn summary_part(
        &self,
        function: usize,
        parameter: usize,
        part: Option<Part>,
    ) -> Option<Rc<Summary>> {
        let key = (function, parameter, part.clone());
        if let Some(done) = self.summaries.borrow().get(&key) {
            return Some(done.clone());
        }
        if (self.functions[function].params.len() <= parameter && parameter != OBJECT)
            || !self.in_progress.borrow_mut().insert(key.clone())
        {
            return None;
        }
        let mut hits = Vec::new();
        // A method keeps what its class's constructor fixed (`self.base = "https://..."`).
        let env = self.object_env(function);
        self.next_part.set(part);
        let (after, returned) = self.pass(
            function,
            Params::Summarise(parameter),
            env.clone(),
            &mut hits,
        );
        let returns = returned
            .and_then(|v| v.taint)
            .filter(|t| t.parameter == Some(parameter));
        let fills_object = parameter != OBJECT
            && self.functions[function].class().is_some()
            && after.differing_from(&env).any(|(key, value)| {
                is_field_of_self(key)
                    && value
                        .taint
                        .as_ref()
                        .is_some_and(|t| t.parameter == Some(parameter))
            });
        let summary = Rc::new(Summary {
            returns,
            sinks: hits
                .into_iter()
                .filter(|h| h.taint.parameter == Some(parameter))
                .collect(),
            clean: 0,
            prefix: None,
            fills_object,
            fields: self.fields_set(&self.functions[function], &after),
        });
        self.in_progress.borrow_mut().remove(&key);
        self.summaries.borrow_mut().insert(key, summary.clone());
        Some(summary)
    }
}

impl FileFlow<'_, '_> {
    /// The function `name` defined in the object literal a variable `object` is declared with
    /// (`const svc = { get(url) {...} }`, `{ get: (url) => ... }`), if this file has one.
    pub(super) fn object_literal_method(&self, object: &str, name: &str) -> Option<usize> {
        let candidates = self.by_name.get(name)?;
        candidates.iter().copied().find(|&index| {
            let mut up = self.functions[index].node.parent();
            if up.is_some_and(|p| p.kind() == "pair") {
                up = up.and_then(|p| p.parent());
            }
            up.filter(|o| o.kind() == "object")
                .and_then(|o| o.parent())
                .filter(|d| d.kind() == "variable_declarator")
                .and_then(|d| d.child_by_field_name("name"))
                .is_some_and(|n| text_of(n, self.text) == object)
        })
    }
}

/// `this.uploads`, `self.repo`: one field of the object a method runs on.
pub(super) fn is_field_of_self(receiver: &str) -> bool {
    ["this.", "self."].iter().any(|prefix| {
        receiver.strip_prefix(prefix).is_some_and(|field| {
            !field.is_empty() && field.chars().all(|c| c.is_alphanumeric() || c == '_')
        })
    })
}

/// The class (or `impl`) body a method is defined in, by node id; `None` for a function.
fn class_of(function: &Function<'_>) -> Option<usize> {
    function.class().map(|n| n.id())
}
