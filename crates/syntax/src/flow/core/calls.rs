//! Calls: sinks, sources, sanitizers, propagators and constant calls matched on the call site,
//! and local helpers followed through their per-parameter summaries.

use super::parts::Part;
use super::value::{ALL, Taint, Value, join_ranges, join_taint};
use super::{FileFlow, OBJECT, Params, Pass, RECEIVER, SPREAD, SinkHit, Summary, short};
use crate::flow::adapter::{CallSite, Expr, Function, text_of};
use crate::flow::spec::{ArgSel, SinkKind, Slot, SourceKind};
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
    pub(super) fn call_site(
        &self,
        node: Node<'t>,
        callee: Node<'t>,
        receiver: Option<Node<'t>>,
        method: Option<Node<'t>>,
        pass: &Pass<'_>,
    ) -> CallSite<'t> {
        if receiver.is_none()
            && let Some(site) = self.aliased_site(node, callee, pass)
        {
            return site;
        }
        let written = self.adapter.path(callee, self.text);
        CallSite {
            path: self.canonical(callee, written.as_deref(), pass),
            written,
            method: method.map(|m| text_of(m, self.text).to_string()),
            receiver_text: receiver.map(|r| text_of(r, self.text)),
            text: text_of(node, self.text),
            arg_prefixes: String::new(),
            arg_calls: String::new(),
            text_with_object: None,
            receiver_call: None,
        }
    }

    pub(super) fn call(
        &self,
        node: Node<'t>,
        callee: Node<'t>,
        receiver: Option<Node<'t>>,
        method: Option<Node<'t>>,
        args: &[crate::flow::adapter::Arg<'t>],
        pass: &mut Pass<'_>,
    ) -> Value {
        let mut site = self.call_site(node, callee, receiver, method, pass);
        let receiver_value = match receiver {
            Some(r) => self.eval(r, pass),
            None => {
                if site.path.is_none() {
                    // `factory()(x)`: the callee is itself an expression.
                    self.eval(callee, pass);
                }
                Value::constant()
            }
        };
        // For a call of a name, the call that made the function it holds stands in for the
        // receiver's maker (`template(data)` after `const template = Handlebars.compile(src)`).
        let maker = match receiver {
            Some(_) => receiver_value.made_by.clone(),
            None if matches!(self.adapter.expr(callee, self.text), Expr::Name) => pass
                .env
                .get(text_of(callee, self.text))
                .and_then(|v| v.made_by.clone()),
            None => None,
        };
        site.receiver_call = maker.and_then(|bytes| self.text.get(bytes));
        // A sink may name a field of an object literal passed at a position (`"1.Location"` of
        // `res.writeHead(302, { Location: url })`): such arguments give their fields too.
        let assigns = args.len() > 1
            && site
                .path
                .as_deref()
                .is_some_and(|p| self.adapter.assigns_properties(p));
        let wants_fields = assigns
            || self.rules.sinks.iter().any(|(sink, _)| {
                sink.args.iter().any(ArgSel::is_field)
                    && matches!(&sink.kind, SinkKind::Call(p) if p.matches(&site))
            });
        let mut fields = Vec::new();
        let elements = self.callback_elements(&site, &receiver_value, args, pass);
        if let Some(element) = &elements {
            self.named_callbacks(node, args, element, pass);
        }
        let values: Vec<Value> = args
            .iter()
            .enumerate()
            .map(|(position, a)| {
                if let Some(element) = &elements
                    && self.by_node.contains_key(&a.value.byte_range())
                {
                    return self.with_callback_element(element, |flow| flow.eval(a.value, pass));
                }
                if !wants_fields {
                    return self.eval(a.value, pass);
                }
                let mut own = Vec::new();
                let value = self.eval_fields(a.value, Some(&mut own), pass);
                fields.extend(
                    own.into_iter()
                        .map(|(name, field, _)| (format!("{position}.{name}"), field)),
                );
                value
            })
            .collect();
        site.arg_prefixes = values
            .iter()
            .filter_map(|v| v.prefix.as_deref())
            .collect::<Vec<_>>()
            .join("\n");
        site.arg_calls = values
            .iter()
            .filter_map(|v| v.made_by.clone())
            .filter_map(|bytes| self.text.get(bytes))
            .collect::<Vec<_>>()
            .join("\n");
        // `https.get(options)` after `const options = { hostname: "api.example.com", ... }`:
        // the call as if each name bound to an object literal were written as that literal.
        // A name bound to a string literal is written as that literal, quoted (`ejs.render(PAGE,
        // data)` after `const PAGE = "<%- sig %>"`).
        let objects: Vec<Option<String>> = args
            .iter()
            .zip(&values)
            .map(|(a, v)| {
                if a.keyword.is_some() || a.spread || a.value.kind() != "identifier" {
                    return None;
                }
                if let Some(object) = v.object.clone().and_then(|o| self.text.get(o)) {
                    return Some(object.to_string());
                }
                v.prefix
                    .as_deref()
                    .filter(|_| v.whole)
                    .map(|literal| format!("{literal:?}"))
            })
            .collect();
        if objects.iter().any(Option::is_some) {
            let written: Vec<&str> = args
                .iter()
                .zip(&objects)
                .map(|(a, object)| {
                    object
                        .as_deref()
                        .unwrap_or_else(|| text_of(a.value, self.text))
                })
                .collect();
            site.text_with_object = Some(format!(
                "{}({})",
                text_of(callee, self.text),
                written.join(", ")
            ));
        }

        // Sinks.
        // From the first spread argument on, positions are unknown: those arguments are
        // labelled like keywords no sink names, so only sinks on every argument see them.
        let first_spread = args.iter().position(|a| a.spread).unwrap_or(args.len());
        let mut labelled: Vec<(Option<&str>, &Value)> = args
            .iter()
            .zip(&values)
            .enumerate()
            .map(|(position, (a, v))| match a.keyword {
                Some(k) => (Some(text_of(k, self.text)), v),
                None if position >= first_spread => (Some(SPREAD), v),
                None => (None, v),
            })
            .collect();
        if receiver.is_some() {
            labelled.push((Some(RECEIVER), &receiver_value));
        }
        labelled.extend(fields.iter().map(|(name, v)| (Some(name.as_str()), v)));
        let label = format!(
            "`{}()`",
            site.written
                .clone()
                .or_else(|| site.path.clone())
                .or_else(|| site.method.clone())
                .unwrap_or_else(|| short(text_of(callee, self.text)))
        );
        // A chain written over several lines (`axios\n  .get(url)`) is reported where the
        // method is called, not on the line its receiver starts.
        let sink = match method {
            Some(m) if m.start_position().row > node.start_position().row => {
                m.start_byte()..node.end_byte()
            }
            _ => node.byte_range(),
        };
        // A method of an object of the file's own class (`repo.find(status)` on an
        // `OrderRepository` that runs a parameterised query) is no library's sink: its body is
        // followed instead (`helper`).
        let own_method = receiver
            .zip(site.method.as_deref())
            .is_some_and(|(r, m)| self.method_of_object(r, m, pass).is_some());
        if !own_method {
            self.check_sinks(
                sink,
                |sink| matches!(&sink.kind, SinkKind::Call(p) if p.matches(&site)),
                &labelled,
                pass,
                &label,
            );
        }
        if assigns {
            self.assigned_properties(node, args[0].value, &fields, pass);
        }

        // Propagators move taint into a receiver or an argument (`parts.append(x)`), never into
        // an imported module (`_.set(obj, path, value)` after `import _ from "lodash"` is a
        // function of lodash, not a map's `set`): the name would then shadow the import.
        let receiver_is_module = site.path.is_some() && site.path != site.written;
        for propagator in &self.rules.propagators {
            if !propagator.call.matches(&site)
                || (receiver_is_module && matches!(propagator.to, Slot::Receiver))
            {
                continue;
            }
            let from = match propagator.from {
                Slot::Receiver => Some(&receiver_value),
                Slot::Arg(n) => values.get(n),
            };
            let to = match propagator.to {
                Slot::Receiver => receiver,
                Slot::Arg(n) => args.get(n).map(|a| a.value),
            };
            if let (Some(from), Some(to)) = (from, to)
                && from.taint.is_some()
                && let Some(key) = self.key(to)
            {
                let old = pass.env.get(&key);
                let joined = old.map_or(from.clone(), |old| old.join(from));
                // Appended (`html.append(row)`, `out.push_str(&cell)`): the text still starts
                // as it did.
                let prefix = match propagator.to {
                    Slot::Receiver => old.and_then(|o| o.prefix.clone()),
                    Slot::Arg(_) => joined.prefix.clone(),
                };
                pass.env.insert(
                    key,
                    Value {
                        clean: 0,
                        prefix,
                        whole: false,
                        ..joined
                    },
                );
            }
        }

        // Sources.
        for (spec, mask, ignored_by) in &self.rules.sources {
            if let SourceKind::Call(pattern) = &spec.kind
                && pattern.matches(&site)
                && (!spec.from_untrusted
                    || std::iter::once(&receiver_value)
                        .chain(&values)
                        .any(|v| v.taint.is_some()))
            {
                let label = spec.label.as_deref().unwrap_or("");
                let mut origin = self.origin(node, label, *mask, *ignored_by);
                // In a helper's summary, a source of untrusted data only reading the parameter
                // followed (`bson::to_document(&raw)`): it is one for whatever untrusted value a
                // caller passes.
                let parameter = std::iter::once(&receiver_value)
                    .chain(&values)
                    .find_map(|v| v.taint.as_ref().and_then(|t| t.parameter));
                if spec.from_untrusted
                    && parameter.is_some()
                    && let Some(taint) = origin.taint.as_mut()
                {
                    taint.parameter = parameter;
                    taint.grants = *mask;
                    return origin;
                }
                // A source of some rules only (`unquote` for header injection) is, for the
                // others, a call like any: `unquote(request.args["u"])` is still the request's.
                let carried = std::iter::once(&receiver_value)
                    .chain(&values)
                    .fold(None, |taint, v| join_taint(&taint, &v.taint))
                    .filter(|t| t.rules & !(mask | ignored_by) != 0);
                // One origin names the value: the carried one where it is a source for this
                // call's rules too, else this call (an archive's `entries()` opened from a
                // command-line path is, for the zip-slip rule, the archive's).
                return match carried {
                    Some(carried) => Value {
                        taint: if carried.rules & mask == *mask {
                            join_taint(&Some(carried), &origin.taint)
                        } else {
                            join_taint(&origin.taint, &Some(carried))
                        },
                        clean: 0,
                        ..origin
                    },
                    None => origin,
                };
            }
        }
        // Sanitisers: the result is clean for their rules, and stays clean for every rule its
        // inputs were clean for: `str(n)` of a number is digits, `escape("<b>")` a literal's.
        let mut sanitised = 0;
        // A sanitiser named by its function (`html.escape`) has a module for receiver, not an input.
        let mut by_name = false;
        // `page.render()` on an object of the file's own class is its body's, not a template
        // engine's escaping `render`: followed as a helper below.
        for (pattern, mask) in self.rules.sanitizers.iter().filter(|_| !own_method) {
            if pattern.matches(&site) {
                sanitised |= mask;
                by_name |= pattern.call.is_some();
            }
        }
        let mut taint = None;
        for value in std::iter::once(&receiver_value).chain(&values) {
            taint = join_taint(&taint, &value.taint);
        }
        if sanitised != 0 {
            let taint = taint
                .map(|mut t| {
                    t.rules &= !sanitised;
                    t
                })
                .filter(|t| t.rules != 0);
            let receiver_clean = match receiver {
                Some(_) if !by_name => receiver_value.clean,
                _ => ALL,
            };
            let carried = values
                .iter()
                .fold(receiver_clean, |clean, v| clean & v.clean);
            return Value {
                taint,
                clean: sanitised | carried,
                prefix: None,
                whole: false,
                made_by: None,
                object: None,
            };
        }
        // A lookup in a constant table (`ROUTES.get(key, "/")`): the key picks which of the
        // program's own values comes back, never what it holds.
        if receiver.is_some()
            && receiver_value.taint.is_none()
            && receiver_value.clean == ALL
            && self.rules.lookups.iter().any(|p| p.matches(&site))
        {
            return values
                .iter()
                .skip(1)
                .fold(Value::constant(), |out, default| out.join(default));
        }
        // `xs.filter((x) => ALLOWED.has(x))`: what the check lets through (`closures.rs`).
        if let Some(value) = self.filtered(&site, &receiver_value, args, &values, pass) {
            return value;
        }
        // `xs.map(cb)`: what the callback returns (`closures.rs`).
        if let Some(value) = self.mapped(&site, &receiver_value, args, &values, pass) {
            return value;
        }
        // Local helpers, by their summaries.
        if let Some(value) = self.helper(node, &site, receiver, &receiver_value, &values, pass) {
            return value;
        }
        // Functions of other files of the project, by their portable summaries.
        if let Some(value) = self.imported(node, &site, &values, pass) {
            return value;
        }
        // A library call whose rules say which inputs reach its result (`to = "result"`).
        if let Some(value) = self.result_of(&site, receiver, &receiver_value, args, &values, pass) {
            return value;
        }
        // The rules every input of a call matching a constant call is clean for: a function of
        // constants is one (a callback counts as what it returns). A method's receiver is part
        // of its value (`parts.join("")`); a module is not.
        let constant = self.rules.constant_calls.iter().find(|p| p.matches(&site));
        let callbacks = constant.and_then(|_| self.with_callback_returns(args, &values, pass));
        let values = callbacks.as_deref().unwrap_or(&values);
        let inputs_clean = |pattern: &crate::flow::spec::CallPattern| {
            let receiver_clean = if receiver.is_some() && pattern.call.is_none() {
                receiver_value.clean
            } else {
                ALL
            };
            values
                .iter()
                .fold(receiver_clean, |clean, v| clean & v.clean)
        };
        let clean = constant.map_or(0, inputs_clean);
        // A method on a source read directly names the whole call (`request.args.get('q')`).
        if let (Some(r), Some(_)) = (receiver, &receiver_value.taint)
            && values.iter().all(|v| v.taint.is_none())
        {
            let mut out = self.widen(node, receiver_value.clone(), r);
            out.clean = clean;
            // `rows.join("")`: the list's first element starts the text.
            if site.method.as_deref() == Some("join") {
                out.prefix = receiver_value.prefix.clone();
            }
            return out;
        }
        // A template filled in (`"<li>{}</li>".format(x)`) starts with the template's text;
        // one held in a name (`PAGE.substitute(order=x)` after `PAGE = Template("<p>$order")`)
        // with the text the name's value starts with, up to its first placeholder.
        let prefix = self
            .adapter
            .literal_prefix(node, self.text)
            .map(Rc::from)
            .or_else(|| {
                let filled = matches!(
                    site.method.as_deref(),
                    Some("format" | "format_map" | "substitute" | "safe_substitute")
                );
                let start = receiver_value.prefix.as_deref().filter(|_| filled)?;
                Some(Rc::from(start.split(['{', '$']).next().unwrap_or("")))
            })
            .or_else(|| {
                // `"\n".join(html)`, `rows.join("")`: the list's first element starts the text.
                if site.method.as_deref() != Some("join") {
                    return None;
                }
                if receiver_value.whole {
                    values.first()?.prefix.clone()
                } else {
                    receiver_value.prefix.clone()
                }
            });
        Value {
            taint,
            clean,
            prefix,
            whole: false,
            made_by: None,
            object: None,
        }
    }

    pub(super) fn check_sinks(
        &self,
        sink_range: std::ops::Range<usize>,
        applies: impl Fn(&crate::flow::spec::Sink) -> bool,
        args: &[(Option<&str>, &Value)],
        pass: &mut Pass<'_>,
        label: &str,
    ) {
        for (sink, bit) in &self.rules.sinks {
            if !applies(sink) {
                continue;
            }
            let selected = args.iter().enumerate().filter(|(position, (keyword, _))| {
                if sink.args.is_empty() {
                    return *keyword != Some(RECEIVER);
                }
                sink.args.iter().any(|a| match a {
                    ArgSel::Position(p) => keyword.is_none() && p == position,
                    ArgSel::Keyword(k) => *keyword == Some(k.as_str()),
                    ArgSel::Receiver => *keyword == Some(RECEIVER),
                })
            });
            for (_, (_, value)) in selected {
                if self.rules.trusts_prefix(*bit, value.prefix.as_deref()) {
                    continue;
                }
                if let Some(taint) = value.taint_for(*bit) {
                    let function = self.functions[pass.function].node.byte_range();
                    let extent = join_ranges(&Some(function), &taint.via).unwrap_or_default();
                    pass.hits.push(SinkHit {
                        rule: bit.trailing_zeros() as usize,
                        sink: sink_range.clone(),
                        label: label.to_string(),
                        taint: taint.clone(),
                        extent,
                        remote: None,
                    });
                    break;
                }
            }
        }
    }

    /// A call of a function defined in this file: its result and its sinks, from summaries.
    pub(super) fn helper(
        &self,
        node: Node<'t>,
        site: &CallSite<'_>,
        receiver: Option<Node<'t>>,
        receiver_value: &Value,
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
            let returned =
                self.object_call(node, receiver, name, index, receiver_value, values, pass);
            // What it returns starts with the text its own returns start with (`return
            // "<table>" + ...`): a Flask view returning it serves markup, with only the taint
            // its summaries return (`return "<p>" + escape(c)` does not return `c`).
            let own = self.returns_given(index, Params::Unknown);
            let prefix = own.as_ref().and_then(|summary| summary.prefix.clone());
            if let Some(parts) = self.parts_wanted(node) {
                let object = Some(receiver_value);
                self.answer_parts(node, index, name, values, object, &parts);
            }
            return Some(Value {
                taint: returned,
                clean: self.returned_clean(index, own.as_deref(), values, None),
                prefix,
                ..Value::default()
            });
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
        let own_class = candidates.iter().copied().find(|&c| {
            on_self && caller_class.is_some() && class_of(&self.functions[c]) == caller_class
        });
        let mut index = literal_method
            .or(own_class)
            .or(static_method)
            .unwrap_or(*candidates.first()?);
        // `this.uploads.read(name)`: a service held in a field, whose class this file defines
        // (a NestJS controller next to its service). Only a method of one other class of the
        // file (a controller's `read` often calls its service's `read`), and only for the
        // sinks inside it: the call's value stays the generic one.
        if field_call {
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
        if !field_call && literal_method.is_none() && candidates.len() == 1 {
            self.note_helper_call(index, node, values, pass);
        }
        let mut result = Value::default();
        for (position, value) in values.iter().enumerate() {
            let Some(taint) = &value.taint else { continue };
            let summary = self.summary(index, position)?;
            let entered = self.enter_helper(node, index, taint, format!("passed to `{name}()`"));
            if let Some(inner) = &summary.returns {
                let through = entered.through(inner);
                if through.rules != 0 {
                    result.taint = join_taint(&result.taint, &Some(through));
                }
            }
            self.hits_through(&entered, &summary, pass);
        }
        // `self.sql()` in a method run on an untrusted object: what the other method builds
        // from `self.term` comes back, and its sinks see the object.
        if let Some(taint) = receiver_value
            .taint
            .as_ref()
            .filter(|_| own_class.is_some())
            && let Some(summary) = self.summary(index, OBJECT)
        {
            let entered =
                self.enter_helper(node, index, taint, format!("`{name}()` of the object"));
            if let Some(inner) = &summary.returns {
                let through = entered.through(inner);
                if through.rules != 0 {
                    result.taint = join_taint(&result.taint, &Some(through));
                }
            }
            self.hits_through(&entered, &summary, pass);
        }
        if field_call {
            return None;
        }
        // A helper that reads a source itself (`def arg(name): return request.args.get(name)`)
        // hands it to every caller, whatever they pass.
        let own = self.returns_given(index, Params::Unknown);
        if let Some(own) = own.as_ref().and_then(|s| s.returns.clone()) {
            let mut own = own.with_step(node.byte_range(), format!("returned by `{name}()`"));
            let helper_range = self.functions[index].node.byte_range();
            own.via = join_ranges(&own.via, &Some(helper_range));
            result.taint = join_taint(&result.taint, &Some(own));
        }
        // Clean for a rule when it returns clean values whatever it is given (`return
        // shlex.quote(x)`), or when every argument is clean for it and it returns constants
        // given constants (`return x`, `return f"{x}.txt"`).
        // What it returns starts as its body writes it, whatever it is given (`return "<p>" +
        // x`, `return f"https://api.example.com/{x}"`).
        result.prefix = own.as_ref().and_then(|s| s.prefix.clone());
        result.clean = self.returned_clean(index, own.as_deref(), values, None);
        if let Some(parts) = self.parts_wanted(node) {
            let object = own_class.map(|_| receiver_value);
            self.answer_parts(node, index, name, values, object, &parts);
        }
        Some(result)
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
        let mut returned: Option<Taint> = None;
        let mut returns = |entered: &Taint, summary: &Summary| {
            if let Some(inner) = &summary.returns {
                let through = entered.through(inner);
                if through.rules != 0 {
                    returned = join_taint(&returned, &Some(through));
                }
            }
        };
        for (position, value) in values.iter().enumerate() {
            let Some(taint) = &value.taint else { continue };
            let Some(summary) = self.summary(index, position) else {
                continue;
            };
            let entered = self.enter_helper(node, index, taint, format!("passed to `{name}()`"));
            self.hits_through(&entered, &summary, pass);
            returns(&entered, &summary);
            // `svc.configure(req.body.url)` … `svc.notify()`: the object holds the data now.
            if summary.fills_object && taint.parameter.is_none() {
                filled = join_taint(&filled, &Some(entered.clone()));
            }
        }
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
            && let Some(summary) = self.summary(index, OBJECT)
        {
            let note = format!("the object `{name}()` is called on");
            let entered = self.enter_helper(node, index, taint, note);
            self.hits_through(&entered, &summary, pass);
            returns(&entered, &summary);
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
        });
        self.in_progress.borrow_mut().remove(&key);
        self.summaries.borrow_mut().insert(key, summary.clone());
        Some(summary)
    }
}

impl FileFlow<'_, '_> {
    /// The function `name` defined in the object literal a variable `object` is declared with
    /// (`const svc = { get(url) {...} }`, `{ get: (url) => ... }`), if this file has one.
    fn object_literal_method(&self, object: &str, name: &str) -> Option<usize> {
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
