//! Expressions: what a value is, read from sources, variables, literals and the parts it is
//! built from; canonical names of paths through the file's imports.

use super::env::Env;
use super::value::{ALL, MAX_FIELDS, Record, Taint, Value, compose, join_taint};
use super::{FileFlow, Pass, short};
use crate::flow::adapter::{CallSite, Expr, Stmt, named_children, text_of};
use crate::flow::spec::{SinkKind, SourceKind};
use std::rc::Rc;
use tree_sitter::Node;

/// A named field of an object literal: its dotted name, value and value node.
pub(super) type Field<'t> = (String, Value, Node<'t>);

impl<'t> FileFlow<'t, '_> {
    pub(super) fn source_at(&self, node: Node<'t>) -> Option<Value> {
        let (label, mask) = self.query_sources.get(&node.byte_range())?;
        Some(self.origin(node, label, *mask, 0))
    }

    /// The value a source read at `node` is: untrusted for the rules in `mask`, harmless for
    /// those in `ignored_by`, unknown for the others.
    pub(super) fn origin(&self, node: Node<'t>, label: &str, mask: u64, ignored_by: u64) -> Value {
        let label = if label.is_empty() {
            short(text_of(node, self.text))
        } else {
            label.to_string()
        };
        Value {
            clean: ignored_by,
            ..Value::tainted(Taint {
                origin: Rc::new((node.byte_range(), label)),
                steps: None,
                rules: mask,
                parameter: None,
                via: None,
                ignored_by,
                grants: 0,
                decodes: false,
            })
        }
    }

    /// A value derived from `inner` by `node` (`request.args` → `request.args['u']`): a source
    /// read directly is named by the larger expression.
    pub(super) fn widen(&self, node: Node<'t>, inner: Value, from: Node<'t>) -> Value {
        // `meta["file"]` of a record whose fields are known: that field's value.
        if inner.record.is_some()
            && let Some(value) = self
                .adapter
                .field_read(node, self.text)
                .and_then(|name| inner.field(name))
        {
            return value.clone();
        }
        match &inner.taint {
            Some(t) if t.fresh() && t.parameter.is_none() && t.origin.0 == from.byte_range() => {
                let label = short(text_of(node, self.text));
                let mut out = self.origin(node, &label, t.rules, t.ignored_by);
                out.clean = inner.clean;
                out
            }
            _ => Value {
                // A part of an ignored source is as harmless as the whole (`options.cmd[0]`), and
                // a part of a program constant is one (`Path(__file__).parent`).
                clean: inner.clean & inner.taint.as_ref().map_or(inner.clean, |t| t.ignored_by),
                taint: inner.taint,
                prefix: None,
                whole: false,
                made_by: None,
                object: None,
                record: None,
                undone: None,
            },
        }
    }

    /// What `node` evaluates to; recorded when a shape rule watches it.
    pub(super) fn eval(&self, node: Node<'t>, pass: &mut Pass<'_>) -> Value {
        self.eval_fields(node, None, pass)
    }

    /// [`Self::eval`]; with `fields`, an object literal's named fields (nested ones as
    /// `outer.inner`) are added to it with their values and nodes: a sink may name one.
    pub(super) fn eval_fields(
        &self,
        node: Node<'t>,
        fields: Option<&mut Vec<Field<'t>>>,
        pass: &mut Pass<'_>,
    ) -> Value {
        let Some(_guard) = self.deeper() else {
            return Value::default();
        };
        let value = match fields {
            Some(fields) => match self.adapter.expr(node, self.text) {
                Expr::Object(parts) => self.object(node, parts, Some(fields), pass),
                _ => self.eval_inner(node, pass),
            },
            None => match self.record_literal(node, pass) {
                Some(record) => record,
                None => self.eval_inner(node, pass),
            },
        };
        self.record_watched(node, &value, pass);
        value
    }

    pub(super) fn path_source(&self, node: Node<'t>, pass: &Pass<'_>) -> Option<Value> {
        let written = self.adapter.path(node, self.text)?;
        if let Some(source) = self.path_source_named(&written, node) {
            return Some(source);
        }
        // `from flask import request as rq` … `rq.args`: the path it resolves to.
        let canonical = self.canonical(node, Some(&written), pass)?;
        (canonical != written)
            .then(|| self.path_source_named(&canonical, node))
            .flatten()
    }

    /// The canonical dotted name of a naming expression through the file's imports (`.` between
    /// segments in every language), or the written one when its head is a variable of the
    /// function being analysed: a local `r = {}` shadows `import requests as r`.
    pub(super) fn canonical(
        &self,
        node: Node<'t>,
        written: Option<&str>,
        pass: &Pass<'_>,
    ) -> Option<String> {
        let function = &self.functions[pass.function];
        if let Some(head) = written.and_then(|w| w.split('.').next())
            && pass.env.contains_key(head)
            && !self.module_env.contains_key(head)
            && !function.is_module()
            // `const lib = secure ? https : http` in this function: its own alias of a module.
            && !self.names.declared_within(head, function.node.byte_range())
        {
            return written.map(str::to_string);
        }
        match self.names.resolve(node, self.text.as_bytes()) {
            Some(resolved) => Some(resolved.replace("::", ".")),
            None => written.map(str::to_string),
        }
    }

    /// The source (or constant) the path `path`, read at `node`, is.
    pub(super) fn path_source_named(&self, path: &str, node: Node<'t>) -> Option<Value> {
        let path = path.to_string();
        for (spec, mask, ignored_by) in &self.rules.sources {
            if let SourceKind::Path(p) = &spec.kind
                && crate::flow::spec::names_match(p, &path)
            {
                let label = spec.label.clone().unwrap_or_else(|| {
                    if path == text_of(node, self.text) {
                        String::new()
                    } else {
                        path.clone()
                    }
                });
                return Some(self.origin(node, &label, *mask, *ignored_by));
            }
        }
        if self.rules.constant_names.contains(&path) {
            return Some(Value::constant());
        }
        None
    }

    /// The rules the sanitisers matching `site` clean a value for.
    pub(super) fn sanitised_by(&self, site: &CallSite<'_>) -> u64 {
        self.rules
            .sanitizers
            .iter()
            .filter(|(pattern, _)| pattern.matches(site))
            .fold(0, |mask, (_, rules)| mask | rules)
    }

    pub(super) fn eval_inner(&self, node: Node<'t>, pass: &mut Pass<'_>) -> Value {
        if let Some(source) = self.source_at(node) {
            return source;
        }
        if let Some(path) = self.adapter.token_call(node, self.text) {
            // `encode_text(&x)` after `use html_escape::encode_text`: the function imported.
            let (head, rest) = path.split_once('.').unwrap_or((path.as_str(), ""));
            let canonical = match self.names.binding(head) {
                Some(bound) if rest.is_empty() => bound.replace("::", "."),
                Some(bound) => format!("{}.{rest}", bound.replace("::", ".")),
                None => path.clone(),
            };
            let site = CallSite {
                path: Some(canonical),
                written: Some(path),
                method: None,
                receiver_text: None,
                text: text_of(node, self.text),
                arg_prefixes: String::new(),
                arg_calls: String::new(),
                text_with_object: None,
                receiver_call: None,
                receiver_call_resolved: None,
            };
            // `format!("{}", self.body())`: a method of the object the caller runs on.
            let on_self = node
                .prev_sibling()
                .and_then(|name| name.prev_sibling())
                .filter(|dot| dot.kind() == ".")
                .and_then(|dot| dot.prev_sibling())
                .filter(|object| matches!(text_of(*object, self.text), "self" | "this"));
            let object = on_self
                .and_then(|o| pass.env.get(text_of(o, self.text)).cloned())
                .unwrap_or_default();
            let mut sanitised = self.sanitised_by(&site);
            if let Some(name) = site.written.as_deref().filter(|p| !p.contains('.')) {
                sanitised |= self.escaping_helper(name);
            }
            if sanitised != 0 {
                return self.eval_parts(node, pass).cleared_for(sanitised);
            }
            // A function of this file called inside a macro (`println!("{}", evaluate(&code))`):
            // its summaries, as for a call written outside one.
            if site.written.as_deref().is_some_and(|p| !p.contains('.'))
                && site.path == site.written
                && self
                    .by_name
                    .contains_key(site.path.as_deref().unwrap_or_default())
            {
                let values: Vec<Value> = self
                    .adapter
                    .token_arguments(node, self.text)
                    .into_iter()
                    .map(|parts| {
                        parts.into_iter().fold(Value::constant(), |out, part| {
                            compose(&out, &self.eval(part, pass))
                        })
                    })
                    .collect();
                if let Some(value) = self.helper(node, &site, on_self, &object, &[], &values, pass)
                {
                    return value;
                }
                return values
                    .iter()
                    .fold(Value::constant(), |out, v| compose(&out, v));
            }
            // A sink called inside a macro (`html! { (PreEscaped(c.body)) }`): with one argument
            // (no comma between the parentheses), that argument is its first.
            let is_sink = |sink: &crate::flow::spec::Sink| matches!(&sink.kind, SinkKind::Call(p) if p.matches(&site));
            if self.rules.sinks.iter().any(|(sink, _)| is_sink(sink)) {
                let value = self.eval_parts(node, pass);
                let mut cursor = node.walk();
                let one_argument = !node.children(&mut cursor).any(|c| c.kind() == ",");
                if one_argument {
                    let label = format!("`{}()`", site.path.as_deref().unwrap_or_default());
                    // Reported from the called name on (`PreEscaped(`), written just before.
                    let name_start = self.text[..node.start_byte()]
                        .trim_end_matches(|c: char| c.is_alphanumeric() || c == '_' || c == ':')
                        .len();
                    let range = name_start..node.end_byte();
                    let reported =
                        self.check_sinks(range, is_sink, &[(None, &value)], pass, &label);
                    return value.cleared_for(reported);
                }
                return value;
            }
            // A method of the object that is no function of this file (`self.to_string()`):
            // what the object holds, with its arguments.
            if on_self.is_some() {
                return compose(&object, &self.eval_parts(node, pass));
            }
        }
        match self.adapter.expr(node, self.text) {
            Expr::Constant => Value {
                prefix: self.adapter.literal_prefix(node, self.text).map(Rc::from),
                whole: self.adapter.is_whole_literal(node),
                made_by: self
                    .adapter
                    .is_pattern_literal(node)
                    .then(|| node.byte_range()),
                ..Value::constant()
            },
            // A number or boolean carries no syntax: harmless to every rule. Its operands still
            // run: a sink or a watched value inside (`if os.system(cmd) == 0:`,
            // `let n: i64 = conn.query_row(&sql, ...)`) is checked.
            Expr::Convert => {
                let names = [
                    node.child_by_field_name("property"),
                    node.child_by_field_name("type"),
                ];
                for operand in named_children(node) {
                    if !names.contains(&Some(operand)) {
                        self.eval(operand, pass);
                    }
                }
                Value::constant()
            }
            Expr::Block(body) => {
                let children = named_children(body);
                let Some((last, statements)) = children.split_last() else {
                    return Value::default();
                };
                for statement in statements {
                    self.block(*statement, pass);
                }
                match self.adapter.stmt(*last, self.text) {
                    Stmt::Expr(value) if value == *last => self.eval(value, pass),
                    _ => {
                        self.block(*last, pass);
                        Value::default()
                    }
                }
            }
            Expr::Scoped {
                clauses,
                conditions,
                value,
            } => {
                // The names bound here are the comprehension's own: they do not outlive it.
                let before = pass.env.clone();
                for clause in clauses {
                    self.block(clause, pass);
                }
                // `if h in ALLOWED`: the value is read only where each condition holds.
                for condition in conditions {
                    self.eval(condition, pass);
                    let mut guards = Vec::new();
                    self.guards(condition, true, &mut guards, pass);
                    self.clear(&guards, true, pass);
                }
                let value = self.eval(value, pass);
                pass.env = before;
                value
            }
            Expr::Arms { scrutinee, arms } => {
                let matched = self.eval(scrutinee, pass);
                let mut out: Option<Value> = None;
                for (pattern, value) in arms {
                    self.bind(pattern, matched.clone(), pass);
                    // `match url.host_str() { Some(host) if ALLOWED.contains(&host) => ... }`:
                    // the one name an arm binds reads the scrutinee, as `let host =
                    // url.host_str()` would, so a check of it can vouch for `url`.
                    let mut names = Vec::new();
                    self.adapter.bindings(pattern, &mut names);
                    let bound = match names.as_slice() {
                        [name] => {
                            let name = text_of(*name, self.text).to_string();
                            let previous =
                                pass.conditions.insert(name.clone(), scrutinee.byte_range());
                            Some((name, previous))
                        }
                        _ => None,
                    };
                    // `Some(n) if n.starts_with('/') => n`: the arm's guard vouches for its
                    // value, as an `if` would.
                    let mut guards = Vec::new();
                    if let Some(condition) = pattern.child_by_field_name("condition") {
                        self.eval(condition, pass);
                        self.guards(condition, true, &mut guards, pass);
                    }
                    let before = pass.env.clone();
                    self.clear(&guards, true, pass);
                    let value = self.eval(value, pass);
                    for (key, ..) in &guards {
                        match before.get(key) {
                            Some(held) => pass.env.insert(key.clone(), held.clone()),
                            None => pass.env.remove(key),
                        };
                    }
                    match bound {
                        Some((name, Some(previous))) => {
                            pass.conditions.insert(name, previous);
                        }
                        Some((name, None)) => {
                            pass.conditions.remove(&name);
                        }
                        None => {}
                    }
                    out = Some(match out {
                        Some(joined) => joined.join(&value),
                        None => value,
                    });
                }
                out.unwrap_or_default()
            }
            Expr::Opaque => {
                self.closure(node, pass);
                Value::default()
            }
            Expr::Name => {
                let key = text_of(node, self.text);
                if let Some(value) = pass.env.get(key) {
                    if value.record.is_some() {
                        return self.record_as_checked(key, value, pass);
                    }
                    return value.clone();
                }
                self.path_source(node, pass).unwrap_or_default()
            }
            Expr::Member { object } => self.member(node, object, pass),
            Expr::Index { object } => {
                for child in named_children(node) {
                    if child != object {
                        self.eval(child, pass);
                    }
                }
                // `Region[name]`: a member of an enumeration of the file, whatever the key.
                if self.is_enumeration(object, pass) {
                    return Value::constant();
                }
                let inner = self.eval(object, pass);
                self.widen(node, inner, object)
            }
            Expr::TokenField { object, field } => {
                // `self.current` bound as a whole (a field a method set) before its object.
                let key = format!(
                    "{}.{}",
                    text_of(object, self.text),
                    text_of(field, self.text)
                );
                let value = match pass.env.get(&key) {
                    Some(value) => value.clone(),
                    None => self.eval(object, pass),
                };
                if self.is_scalar_field(Some(field)) {
                    Value::constant()
                } else {
                    value
                }
            }
            Expr::Wrap(inner) => self.eval(inner, pass),
            Expr::Yield(yielded) => {
                if let Some(yielded) = yielded {
                    let value = self.eval(yielded, pass);
                    pass.returned = Some(match &pass.returned {
                        Some(previous) => previous.join(&value),
                        None => value,
                    });
                }
                Value::default()
            }
            Expr::AndThen { first, then } => self.and_then(first, then, pass),
            Expr::Choose {
                condition,
                then,
                otherwise,
            } => self.choose(condition, then, otherwise, pass),
            Expr::Compose(parts) => {
                let mut out = Value::constant();
                let mut leading = None;
                let mut base = None;
                let mut second = None;
                for (index, part) in parts.iter().enumerate() {
                    let value = self.eval(*part, pass);
                    let value = self.escaped_out_of_context(node, *part, value);
                    if index == 1 {
                        second = Some(value.clone());
                    }
                    if index == 0 {
                        // A whole literal (or a name bound to one) goes on with the literal
                        // written after it: `${API}/repos/${name}` after `const API =
                        // "https://api.github.com"` starts with `https://api.github.com/repos/`.
                        leading = match (&value.prefix, value.whole) {
                            (Some(lead), true) => {
                                match self.adapter.literal_after_first(node, self.text) {
                                    Some(after) => Some(Rc::from(format!("{lead}{after}"))),
                                    None => value.prefix.clone(),
                                }
                            }
                            _ => value.prefix.clone(),
                        };
                        base = value.prefix.clone().filter(|_| {
                            value.taint.is_none() && value.clean == ALL && is_origin(&value)
                        });
                        // An origin the program does not spell but does not take from its caller
                        // either (`${process.env.BILLING_URL}/invoices/${id}`: the operator's
                        // configuration): followed by a path, the caller picks only the path.
                        if value.prefix.is_none()
                            && value.taint.is_none()
                            && value.clean == ALL
                            && parts.len() > 1
                        {
                            base = Some(Rc::from(CONFIGURED_ORIGIN));
                        }
                    }
                    // `${API_BASE}/users/${id}`, `BASE + "/users/" + id`: a constant origin
                    // followed by a path keeps its host.
                    if index == 1
                        && let Some(origin) = &base
                        && let Some(path) = self.path_after(node, parts[0], *part, &value)
                    {
                        leading = Some(Rc::from(format!("{origin}{path}")));
                    }
                    out = compose(&out, &value);
                }
                if parts.len() == 1
                    && let Some(origin) = &base
                    && let Some(path) = self.path_after(node, parts[0], node, &Value::default())
                {
                    leading = Some(Rc::from(format!("{origin}{path}")));
                }
                for name in self.adapter.format_names(node, self.text) {
                    let value = pass.env.get(&name).cloned().unwrap_or_default();
                    out = compose(&out, &value);
                }
                // The literal text before the first interpolation, or the first part's.
                out.prefix = match self.adapter.literal_prefix(node, self.text) {
                    Some(prefix) => Some(Rc::from(prefix)),
                    // `format!("{}/repos/{}", API, name)` after `const API: &str =
                    // "https://api.github.com"`: the constant, then the template up to its next
                    // placeholder.
                    None => filled_first(
                        parts.first().map(|t| text_of(*t, self.text)),
                        second.as_ref(),
                    )
                    .or(leading),
                };
                if let Some(made_by) = self.suffixed_maker(node, &parts, pass) {
                    out.made_by = made_by;
                }
                // A struct literal (`Feeds { timeout_secs: 5 }`) makes an object of its type, as
                // a constructor call does: its methods can be looked up by it.
                if self.adapter.constructed(node, self.text).is_some() {
                    out.made_by = Some(node.byte_range());
                }
                // An argv list (`args = ["log", "--", rev]`): a sink's `text` / `not-text` reads
                // it written in the call, as it does an object literal.
                if matches!(node.kind(), "array" | "list" | "tuple" | "array_expression") {
                    out.object = Some(node.byte_range());
                }
                out
            }
            Expr::Object(parts) => self.object(node, parts, None, pass),
            Expr::Assign {
                target,
                value: value_node,
                augmented,
            } => self.assign(target, value_node, augmented, pass),
            Expr::Call {
                callee,
                receiver,
                method,
                args,
            } => Value {
                made_by: Some(node.byte_range()),
                object: None,
                ..self.call(node, callee, receiver, method, &args, pass)
            },
            Expr::Other => {
                let mut taint = None;
                for child in named_children(node) {
                    let value = self.eval(child, pass);
                    taint = join_taint(&taint, &value.taint);
                }
                Value {
                    taint,
                    clean: 0,
                    prefix: None,
                    whole: false,
                    made_by: None,
                    object: None,
                    record: None,
                    undone: None,
                }
            }
        }
    }

    /// An object literal: its fields composed, each named one checked against the sinks that
    /// name a field of an object written like this one (`{ statusCode: 302, headers: {
    /// Location: next } }`) and, with `out`, added to it.
    fn object(
        &self,
        node: Node<'t>,
        parts: Vec<(Option<String>, Node<'t>)>,
        out: Option<&mut Vec<Field<'t>>>,
        pass: &mut Pass<'_>,
    ) -> Value {
        let written = text_of(node, self.text);
        let sinks = self
            .rules
            .sinks
            .iter()
            .any(|(s, _)| s.kind.is_object(written, None));
        let mut named = Vec::new();
        let value = self.fields(
            parts,
            "",
            (sinks || out.is_some()).then_some(&mut named),
            pass,
        );
        if sinks {
            for (name, field, at) in &named {
                self.check_sinks(
                    at.byte_range(),
                    |sink| sink.kind.is_object(written, Some(field.prefix.as_deref())),
                    &[(Some(name.as_str()), field)],
                    pass,
                    &format!("`{name}`"),
                );
            }
        }
        if let Some(out) = out {
            out.append(&mut named);
        }
        Value {
            object: Some(node.byte_range()),
            ..value
        }
    }

    /// The fields of an object literal composed; with `named`, each named one (a nested
    /// object's as `outer.inner`) with its value and node.
    fn fields(
        &self,
        parts: Vec<(Option<String>, Node<'t>)>,
        prefix: &str,
        mut named: Option<&mut Vec<Field<'t>>>,
        pass: &mut Pass<'_>,
    ) -> Value {
        let Some(_guard) = self.deeper() else {
            return Value::default();
        };
        let mut out = Value::constant();
        // Each field's value, while every field is named (`records.rs`).
        let mut record: Option<Record> = Some(Vec::new());
        for (name, node) in parts {
            let value = match (&name, &named, self.adapter.expr(node, self.text)) {
                (Some(name), Some(_), Expr::Object(inner)) => {
                    let nested = format!("{prefix}{name}.");
                    self.fields(inner, &nested, named.as_deref_mut(), pass)
                }
                _ => self.eval(node, pass),
            };
            match (&name, &mut record) {
                (Some(name), Some(fields)) if fields.len() < MAX_FIELDS => {
                    fields.push((Rc::from(name.as_str()), value.clone()));
                }
                _ => record = None,
            }
            if let (Some(name), Some(named)) = (name, named.as_deref_mut()) {
                named.push((format!("{prefix}{name}"), value.clone(), node));
            }
            out = compose(&out, &value);
        }
        out.record = record.map(Rc::new);
        out
    }

    /// The parts of a token tree, composed.
    /// Whether `field` names a field the file declares only as a number (`scalar_fields`).
    fn is_scalar_field(&self, field: Option<Node<'t>>) -> bool {
        !self.scalar_fields.is_empty()
            && field.is_some_and(|f| self.scalar_fields.contains(text_of(f, self.text)))
    }

    /// `first && then`: `then`'s value, evaluated where `first` holds (`Expr::AndThen`). Kept
    /// out of `eval_inner`: its locals would grow the frame of every nested evaluation.
    #[inline(never)]
    fn and_then(&self, first: Node<'t>, then: Node<'t>, pass: &mut Pass<'_>) -> Value {
        let (guards, before) = self.enter_holding(first, pass);
        let value = self.eval(then, pass);
        // `then` may not run: what it assigned joins what was there before.
        let joined = pass.env.join(&before);
        pass.env = vouched_inside_only(joined, &guards, &before);
        value
    }

    /// `condition ? then : otherwise`: each side evaluated where the condition holds or fails.
    #[inline(never)]
    fn choose(
        &self,
        condition: Node<'t>,
        then: Node<'t>,
        otherwise: Node<'t>,
        pass: &mut Pass<'_>,
    ) -> Value {
        let (guards, before) = self.enter_holding(condition, pass);
        let chosen = self.eval(then, pass);
        let after_then = std::mem::replace(&mut pass.env, before.clone());
        self.clear(&guards, false, pass);
        let other = self.eval(otherwise, pass);
        let joined = after_then.join(&pass.env);
        pass.env = vouched_inside_only(joined, &guards, &before);
        chosen.join(&other)
    }

    /// `object.property`: a source, a declared number, a value the pass bound, an enumeration's
    /// member, a property's result, or the object's value. Kept out of [`Self::eval_inner`]:
    /// its temporaries would grow the frame of every nested evaluation, and a 2 MiB debug
    /// stack must hold a deeply nested expression.
    #[inline(never)]
    fn member(&self, node: Node<'t>, object: Node<'t>, pass: &mut Pass<'_>) -> Value {
        if let Some(source) = self.path_source(node, pass) {
            return source;
        }
        // `p.page` with `page: i64` declared: a number whatever `p` holds.
        if self.is_scalar_field(
            node.child_by_field_name("field")
                .or_else(|| node.child_by_field_name("attribute"))
                .or_else(|| node.child_by_field_name("property")),
        ) {
            self.eval(object, pass);
            return Value::constant();
        }
        if let Some(key) = self.adapter.path(node, self.text)
            && let Some(value) = pass.env.get(&key)
        {
            return value.clone();
        }
        // `Region.EU`, `Region.__members__`: what an enumeration of the file holds.
        if self.is_enumeration(object, pass) {
            return Value::constant();
        }
        let inner = self.eval(object, pass);
        if self.chosen_option(node, &inner) {
            return Value::constant();
        }
        // `q.order_clause`, a `@property` of a class of the file: what it returns, as a
        // call of a method would, when the object's class is known; when it is guessed
        // from the property's name, only when its summaries know (clean, or carrying
        // the object's taint); else the object's.
        if let Some((value, known)) = self.property_read(node, object, &inner, pass)
            && (known || value.taint.is_some() || value.clean == ALL)
        {
            return value;
        }
        // `card.html`, a property of another file's class (`services.rs`).
        if let Some(value) = self.imported_property(node, &inner) {
            return value;
        }
        self.widen(node, inner, object)
    }

    /// `path.resolve(root, name) + ".md"`: a resolved path with a constant suffix that names no
    /// folder is still resolved, and a check of its start still contains it. The call that made
    /// the first part (`Some(None)`: none known), or `None` when `node` is no such suffixing.
    /// Kept out of [`Self::eval_inner`]: its temporaries would grow the frame of every nested
    /// evaluation.
    #[inline(never)]
    fn suffixed_maker(
        &self,
        node: Node<'t>,
        parts: &[Node<'t>],
        pass: &Pass<'_>,
    ) -> Option<Option<std::ops::Range<usize>>> {
        let [first, rest @ ..] = parts else {
            return None;
        };
        if rest.is_empty()
            || !matches!(node.kind(), "binary_expression" | "binary_operator")
            || !rest.iter().all(|part| {
                let text = text_of(*part, self.text);
                matches!(self.adapter.expr(*part, self.text), Expr::Constant)
                    && !text.contains(['/', '\\'])
                    && !text.contains("..")
            })
        {
            return None;
        }
        Some(match self.adapter.expr(*first, self.text) {
            Expr::Call { .. } => Some(first.byte_range()),
            _ => self
                .key(*first)
                .and_then(|key| pass.env.get(&key)?.made_by.clone()),
        })
    }

    /// Whether `object` names an enumeration the file declares (`Adapter::scalar_types`), not a
    /// variable of the same name. Kept out of [`Self::eval_inner`], as above.
    #[inline(never)]
    fn is_enumeration(&self, object: Node<'t>, pass: &Pass<'_>) -> bool {
        matches!(self.adapter.expr(object, self.text), Expr::Name)
            && self.scalar_types.contains(text_of(object, self.text))
            && !pass.env.contains_key(text_of(object, self.text))
    }

    /// Evaluates `condition` and clears what it vouches for where it holds: the vouches and
    /// the environment from before, for the side where it fails and for after.
    fn enter_holding(&self, condition: Node<'t>, pass: &mut Pass<'_>) -> (Vec<super::Vouch>, Env) {
        self.eval(condition, pass);
        let mut guards = Vec::new();
        self.guards(condition, true, &mut guards, pass);
        let before = pass.env.clone();
        self.clear(&guards, true, pass);
        (guards, before)
    }

    pub(super) fn eval_parts(&self, node: Node<'t>, pass: &mut Pass<'_>) -> Value {
        match self.adapter.expr(node, self.text) {
            Expr::Compose(parts) => parts.into_iter().fold(Value::constant(), |out, part| {
                compose(&out, &self.eval(part, pass))
            }),
            _ => Value::default(),
        }
    }
}

impl<'t> FileFlow<'t, '_> {
    /// `target = value`, `target += value`. Kept out of [`Self::eval_inner`]: its locals would
    /// grow the frame of every nested evaluation, and a deep chain must fit in a 2 MiB thread
    /// stack even in a debug build.
    #[inline(never)]
    fn assign(
        &self,
        target: Node<'t>,
        value_node: Node<'t>,
        augmented: bool,
        pass: &mut Pass<'_>,
    ) -> Value {
        // `where, params = build_filter(c, s)`: each name its element.
        if !augmented && let Some(whole) = self.bind_parts(target, value_node, pass) {
            return whole;
        }
        // `q = build_query(f)` ... `q.text`: each field read its part.
        let (mut value, members) = match augmented {
            true => (self.eval(value_node, pass), Vec::new()),
            false => self.eval_fields_read(target, value_node, pass),
        };
        if augmented {
            let old = self.eval(target, pass);
            value = compose(&old, &value);
            // `html += "<tr>..."` appends: the text still starts as it did.
            value.prefix = old.prefix;
        }
        self.bind(target, value.clone(), pass);
        for (key, member) in members {
            pass.env.insert(key, member);
        }
        if !augmented {
            self.remember_condition(target, value_node, pass);
            self.remember_object(target, value_node, pass);
        }
        value
    }
}

/// Whether a constant value's text is a URL's origin and nothing more (`https://api.example.com`):
/// what follows it decides no part of the host when it starts with `/`.
/// The origin a prefix stands for when the program's configuration names it
/// (`process.env.API_URL`): some scheme and host, neither the caller's.
const CONFIGURED_ORIGIN: &str = "https://configured-origin.invalid";

fn is_origin(value: &Value) -> bool {
    value.prefix.as_deref().is_some_and(|p| {
        p.split_once("://").is_some_and(|(scheme, authority)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
                && !authority.is_empty()
                && !authority.contains(['/', '?', '#', '@', '{', '}', '$'])
        })
    })
}

impl<'t> FileFlow<'t, '_> {
    /// The literal path that follows the first part of a composed string, when it starts with
    /// `/`: the next part's own literal start (`BASE + "/users/" + id`), or the text of a
    /// template or f-string between the first interpolation and the next (`${BASE}/users/${id}`).
    fn path_after(
        &self,
        whole: Node<'t>,
        first: Node<'t>,
        next: Node<'t>,
        next_value: &Value,
    ) -> Option<String> {
        if let Some(p) = next_value.prefix.as_deref()
            && next_value.taint.is_none()
            && next_value.clean == ALL
            && p.starts_with('/')
        {
            return Some(p.to_string());
        }
        let end = if next == whole {
            whole.end_byte()
        } else {
            next.start_byte()
        };
        let between = self.text.get(first.end_byte()..end)?.trim_start();
        let rest = between.strip_prefix('}')?;
        let path: String = rest
            .chars()
            .take_while(|c| !matches!(c, '$' | '{' | '`' | '"' | '\'' | '}'))
            .collect();
        (path.starts_with('/') && !path.starts_with("//")).then_some(path)
    }
}

/// For a template that starts with a bare placeholder (`"{}/repos/{}"`), the text it starts with
/// when `first` (the value filling that placeholder) is a program constant: the text that
/// constant starts with, then the template's text up to its next placeholder. (A constant known
/// only by its start still fixes what follows it: the host it names, or none.)
fn filled_first(template: Option<&str>, first: Option<&Value>) -> Option<Rc<str>> {
    let rest = template?.strip_prefix("\"{}")?;
    let first = first.filter(|v| v.taint.is_none() && v.clean == ALL)?;
    let after = rest.split(['{', '"']).next().unwrap_or("");
    // A value of the program's own that it does not spell (a service looked up in its table,
    // its configuration) followed by a path: some origin, not the caller's, as for templates.
    let lead = match first.prefix.as_deref() {
        Some(lead) => lead,
        None if after.starts_with('/') => CONFIGURED_ORIGIN,
        None => return None,
    };
    Some(Rc::from(format!("{lead}{after}")))
}

/// What a condition vouches for holds only inside the sides it guards: after them, each such
/// name is what it was `before`.
fn vouched_inside_only(mut joined: Env, guards: &[super::Vouch], before: &Env) -> Env {
    for (key, ..) in guards {
        match before.get(key) {
            Some(value) => joined.insert(key.clone(), value.clone()),
            None => joined.remove(key),
        };
    }
    joined
}
