//! Calls: sinks, sources, sanitizers, propagators and constant calls matched on the call site;
//! a function of this file is followed through its summaries (`helpers.rs`).

use super::value::{ALL, Value, join_ranges, join_taint};
use super::{FileFlow, Pass, RECEIVER, SPREAD, SinkHit, short};
use crate::flow::adapter::{CallSite, Expr, text_of};
use crate::flow::spec::{ArgSel, PropagatedFrom, SinkKind, Slot, SourceKind};
use std::ops::Range;
use std::rc::Rc;
use tree_sitter::Node;

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
            receiver_call_resolved: None,
        }
    }

    /// The call at `bytes` that made a receiver, written with its callee's canonical name
    /// (`requests.Session()` for `rq.Session()` after `import requests as rq`): a sink's
    /// `receiver-made-by` names the library's class however the file imported it.
    #[inline(never)]
    fn maker_resolved(
        &self,
        bytes: Option<&Range<usize>>,
        site: &CallSite<'_>,
        pass: &Pass<'_>,
    ) -> Option<String> {
        // Only for a call whose method some pattern asks the maker of.
        if !self.rules.asks_maker(site.method.as_deref()) {
            return None;
        }
        let bytes = bytes?;
        let made = self.module_node_at(bytes)?;
        let Expr::Call { callee, .. } = self.adapter.expr(made, self.text) else {
            return None;
        };
        let written = self.adapter.path(callee, self.text)?;
        let canonical = self.canonical(callee, Some(&written), pass)?;
        if canonical == written {
            return None;
        }
        let before = self.text.get(bytes.start..callee.start_byte())?;
        let after = self.text.get(callee.end_byte()..bytes.end)?;
        Some(format!("{before}{canonical}{after}"))
    }

    /// The declared type of the parameter `receiver` names (`&mut QueryBuilder<'a, Postgres>`
    /// for `qb`), for a call whose method some pattern asks the maker of: nothing here made a
    /// parameter, so its type stands in for the call that made it.
    #[inline(never)]
    fn declared_param_type(
        &self,
        receiver: Node<'t>,
        site: &CallSite<'_>,
        pass: &Pass<'_>,
    ) -> Option<String> {
        if !self.rules.asks_maker(site.method.as_deref())
            || !matches!(self.adapter.expr(receiver, self.text), Expr::Name)
        {
            return None;
        }
        let function = &self.functions[pass.function];
        let param = self.param_named(function, text_of(receiver, self.text))?;
        Some(text_of(param.annotation?, self.text).to_string())
    }

    /// Propagators move taint into a receiver or an argument (`parts.append(x)`). Kept out of
    /// [`Self::call`]: its locals would grow the frame of every nested call's evaluation, and
    /// a deep chain (`f()()()...`) must fit in a 2 MiB thread stack even in a debug build.
    fn propagate(
        &self,
        site: &CallSite<'_>,
        receiver: Option<Node<'t>>,
        receiver_value: &Value,
        args: &[crate::flow::adapter::Arg<'t>],
        values: &[Value],
        pass: &mut Pass<'_>,
    ) {
        // Propagators move taint into a receiver or an argument (`parts.append(x)`), never into
        // an imported module (`_.set(obj, path, value)` after `import _ from "lodash"` is a
        // function of lodash, not a map's `set`): the name would then shadow the import.
        let receiver_is_module = site.path.is_some() && site.path != site.written;
        for propagator in &self.rules.propagators {
            if !propagator.call.matches(site)
                || (receiver_is_module && matches!(propagator.to, Slot::Receiver))
            {
                continue;
            }
            let every_argument;
            let from = match propagator.from {
                PropagatedFrom::Slot(Slot::Receiver) => Some(receiver_value),
                PropagatedFrom::Slot(Slot::Arg(n)) => values.get(n),
                PropagatedFrom::EveryArgument => {
                    every_argument = values
                        .iter()
                        .filter(|v| v.taint.is_some())
                        .fold(None::<Value>, |all, v| {
                            Some(all.map_or_else(|| v.clone(), |all| all.join(v)))
                        });
                    every_argument.as_ref()
                }
            };
            // `parts.push(`<p>${c.body}</p>`)` of a value that is not known to be constant: the
            // container is no longer constant for the rules the value is not harmless for, so a
            // shape rule refined by flow (`el.innerHTML = parts.join("")`) is not told it is.
            let pushed_clean = match propagator.from {
                PropagatedFrom::EveryArgument => values.iter().fold(ALL, |c, v| c & v.clean),
                _ => from.map_or(ALL, |v| v.clean),
            };
            let to = propagator.to.at(receiver, args);
            // `lines.push("<html>")` on an empty constant (`const lines = []`): still a
            // constant, now starting with that text.
            if matches!(propagator.to, Slot::Receiver)
                && let Some(first) = match propagator.from {
                    PropagatedFrom::Slot(Slot::Arg(n)) => values.get(n),
                    PropagatedFrom::EveryArgument => values.first(),
                    PropagatedFrom::Slot(Slot::Receiver) => None,
                }
                .filter(|v| v.taint.is_none() && v.prefix.is_some())
                // `args.push("--title", title)`: a later element carries its taint in.
                && from.is_none_or(|f| f.taint.is_none())
                && let Some(key) = to.and_then(|r| self.key(r))
                && let Some(old) = pass.env.get(&key).filter(|o| says_nothing_of_its_start(o))
            {
                let started = Value {
                    prefix: first.prefix.clone(),
                    whole: false,
                    clean: old.clean & pushed_clean,
                    ..old.clone()
                };
                pass.env.insert(key, started);
                continue;
            }
            if from.is_none_or(|v| v.taint.is_none())
                && pushed_clean != ALL
                && let Some(key) = to.and_then(|r| self.key(r))
                && let Some(old) = pass.env.get(&key).filter(|o| o.clean & !pushed_clean != 0)
            {
                let computed = Value {
                    clean: old.clean & pushed_clean,
                    whole: false,
                    ..old.clone()
                };
                pass.env.insert(key, computed);
                continue;
            }
            if let (Some(from), Some(to)) = (from, to)
                && from.taint.is_some()
                && let Some(key) = self.key(to)
            {
                let old = pass.env.get(&key);
                let joined = old.map_or(from.clone(), |old| old.join(from));
                // Appended (`html.append(row)`, `out.push_str(&cell)`): the text still starts
                // as it did; a constant that says nothing of its start (`const lines = []`)
                // now starts as what is appended first.
                let prefix = match propagator.to {
                    Slot::Receiver => match old {
                        Some(o) if says_nothing_of_its_start(o) => from.prefix.clone(),
                        _ => old.and_then(|o| o.prefix.clone()),
                    },
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
        site.receiver_call_resolved = match (receiver, &maker) {
            // A function value a call made, called: its maker with the literals it was given.
            (None, Some(bytes)) => self
                .maker_with_literals(bytes, pass)
                .or_else(|| self.maker_resolved(maker.as_ref(), &site, pass)),
            _ => self.maker_resolved(maker.as_ref(), &site, pass),
        }
        .or_else(|| match (receiver, &maker) {
            // A parameter stands for what its declared type says it is.
            (Some(r), None) => self.declared_param_type(r, &site, pass),
            _ => None,
        });
        site.receiver_call = match maker {
            Some(bytes) => self.text.get(bytes),
            // `reply.type("text/html");` ... `reply.send(html)`: for a receiver nothing here
            // made (a parameter), the statements that configured it before the call stand in.
            None => receiver.and_then(|r| self.configured_before(r, node, pass)),
        };
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
                // A helper's parameter (`searchOne(client, base, options)`): its fields are
                // what the caller's object holds, which stands for them all here.
                if own.is_empty() && value.taint.as_ref().is_some_and(|t| t.parameter.is_some()) {
                    let prefix = format!("{position}.");
                    for (sink, _) in &self.rules.sinks {
                        if !matches!(&sink.kind, SinkKind::Call(p) if p.matches(&site)) {
                            continue;
                        }
                        for arg in &sink.args {
                            if let ArgSel::Keyword(k) = arg
                                && k.starts_with(&prefix)
                                && !fields.iter().any(|(f, _): &(String, Value)| f == k)
                            {
                                fields.push((k.clone(), value.clone()));
                            }
                        }
                    }
                }
                fields.extend(
                    own.into_iter()
                        .map(|(name, field, _)| (format!("{position}.{name}"), field)),
                );
                value
            })
            .collect();
        let values = self.decoded_inputs(node, &site, values);
        // `pool.map(grep, files, patterns)`: the further iterables' elements (`closures.rs`).
        self.zipped_callbacks(node, &site, args, &values, pass);
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
        // `https.get(options)` after `const options = { hostname: "api.example.com", ... }`.
        site.text_with_object = self.text_with_literals(callee, args, &values, pass);

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
        // So is a method of an object literal of the file (`const search = { find(f) {..} }`).
        let own_method = receiver.zip(site.method.as_deref()).is_some_and(|(r, m)| {
            self.method_of_object(r, m, pass).is_some()
                || self
                    .object_literal_method(text_of(r, self.text), m)
                    .is_some()
        });
        // So is a function of the file named like one (`async function readFile(input)`).
        let own_function = receiver.is_none() && self.is_own_function(callee);
        let reported = if own_method || own_function {
            0
        } else {
            self.check_sinks(
                sink,
                |sink| matches!(&sink.kind, SinkKind::Call(p) if p.matches(&site)),
                &labelled,
                pass,
                &label,
            )
        };
        if assigns {
            self.assigned_properties(node, args[0].value, &fields, pass);
        }

        self.propagate(&site, receiver, &receiver_value, args, &values, pass);
        // `rx.recv().await`: what another task sent (`channels.rs`).
        if let Some(received) = self.channel_call(&site, args, &values, pass.function) {
            return received.join(&receiver_value);
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
                    // For the rules it is no source of, the call carries what it was given
                    // (`json.loads(raw)` returned to a caller passing a redirect target).
                    let carried = std::iter::once(&receiver_value)
                        .chain(&values)
                        .fold(None, |taint, v| join_taint(&taint, &v.taint))
                        .filter(|t| t.rules & !(mask | ignored_by) != 0);
                    if carried.is_some() {
                        origin.taint = join_taint(&origin.taint, &carried);
                        origin.clean = 0;
                    }
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
        // A sink that reported its input here is one too, for the rules it reported: what it
        // returns (SQLAlchemy's `text(q)`, `Markup(s)`) is the value already reported, and is
        // not reported again where it is used.
        let mut sanitised = reported;
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
        // A hand-written escaper of the file is followed too: what its body does cleans the
        // value for the rules its text does not name (a lookup `replace` a rule lists).
        let escapes = match receiver {
            None => self.escaping_helper(text_of(callee, self.text)),
            Some(_) => 0,
        };
        // Local helpers, by their summaries, and functions picked from a table of the file.
        let follow_helper = |pass: &mut Pass<'_>| {
            self.local_call(
                node,
                callee,
                &site,
                receiver,
                &receiver_value,
                args,
                &values,
                pass,
            )
        };
        if escapes != 0
            && sanitised == 0
            && let Some(value) = follow_helper(pass)
        {
            return value.cleared_for(escapes);
        }
        sanitised |= escapes;
        // `str(page)` of an object of the file's own class: its `__str__`'s text.
        if receiver.is_none()
            && let Some(text) = self.text_of_object(node, callee, args, &values, pass)
        {
            return text.cleared_for(sanitised);
        }
        let mut taint = None;
        for value in std::iter::once(&receiver_value).chain(&values) {
            taint = join_taint(&taint, &value.taint);
        }
        if sanitised != 0 {
            let receiver_clean = match receiver {
                Some(_) if !by_name => receiver_value.clean,
                _ => ALL,
            };
            let carried = values
                .iter()
                .fold(receiver_clean, |clean, v| clean & v.clean);
            // Clean for the sanitiser's rules, its input's taint kept for the others (not
            // granted to a helper's callers either: `str(json.loads(v))`), and what it took kept
            // for a decoder.
            return Value {
                taint,
                clean: carried,
                ..Value::default()
            }
            .cleared_for(sanitised);
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
        // `key.column()` where the file's `column` methods return `&'static str`, or
        // `matching(&term)` where `fn matching(..) -> Vec<&'static str>`.
        if self.static_text_result(&site) {
            return Value::constant();
        }
        // `asyncio.to_thread(tail, path)`: a function of the file, called with what follows.
        if let Some(value) = self.forwarded(node, &site, args, &values, pass) {
            return value;
        }
        if let Some(value) = follow_helper(pass) {
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
        // `UPLOADED.get(key)` of a container of records: an element, whatever the key.
        if let Some(value) = self.element_read(&site, &receiver_value, args, values) {
            return value;
        }
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
            return self.record_through_call(out, &receiver_value, args);
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
            record: self.keyword_record(callee, receiver, args, values),
            undone: None,
        }
    }

    pub(super) fn check_sinks(
        &self,
        sink_range: std::ops::Range<usize>,
        applies: impl Fn(&crate::flow::spec::Sink) -> bool,
        args: &[(Option<&str>, &Value)],
        pass: &mut Pass<'_>,
        label: &str,
    ) -> u64 {
        let mut reported = 0;
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
                    // `*.$regex`: that field of an object literal at any depth.
                    ArgSel::Keyword(k) => match k.strip_prefix("*.") {
                        Some(last) => keyword.is_some_and(|w| {
                            w == last || w.strip_suffix(last).is_some_and(|w| w.ends_with('.'))
                        }),
                        None => *keyword == Some(k.as_str()),
                    },
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
                        watched: false,
                    });
                    reported |= bit;
                    break;
                }
            }
        }
        reported
    }
}

/// A constant whose text is not known to start with anything (`const lines = []`): what is
/// appended to it first is its start.
fn says_nothing_of_its_start(value: &Value) -> bool {
    value.prefix.is_none() && value.taint.is_none() && value.clean == ALL
}

impl<'t> FileFlow<'t, '_> {
    /// For a receiver that is a plain name, the last statement before `call` (within 4 KiB)
    /// that calls a method on it (`reply.type("text/html");` before `reply.send(html)`), up to
    /// its end: what a sink's `receiver-made-by` reads when nothing made the receiver.
    fn configured_before(
        &self,
        receiver: Node<'t>,
        call: Node<'t>,
        pass: &Pass<'_>,
    ) -> Option<&'t str> {
        if !matches!(self.adapter.expr(receiver, self.text), Expr::Name) {
            return None;
        }
        let name = text_of(receiver, self.text);
        let function = self.functions[pass.function].node.start_byte();
        let from = function.max(call.start_byte().saturating_sub(4096));
        let before = self.text.get(from..call.start_byte())?;
        let at = before
            .match_indices(&format!("{name}."))
            .filter(|(at, _)| {
                before[..*at]
                    .trim_end_matches([' ', '\t'])
                    .chars()
                    .next_back()
                    .is_none_or(|c| matches!(c, '\n' | ';' | '{' | '}'))
            })
            .last()?
            .0;
        let statement = &before[at..];
        let end = statement.find([';', '\n']).unwrap_or(statement.len());
        statement.get(..end)
    }
}
