//! Statements: blocks, bindings, branches with their guards, loops, `with`, returns and exits.
//! Branches run on copies of the environment that are joined after; loop bodies run twice; a
//! guard (`if x in ALLOWED`, `if not ok(x): return`) clears the values it vouches for
//! (`guards.rs`).

use super::env::Env;
use super::value::Value;
use super::{FileFlow, Pass};
use crate::flow::adapter::{Captured, Expr, Stmt, named_children, text_of};
use crate::flow::spec::{SourceKind, names_match};
use tree_sitter::Node;

/// How many enclosing loops still run their body twice (see `Stmt::Loop`).
const LOOPS_RUN_TWICE: usize = 4;

impl<'t> FileFlow<'t, '_> {
    pub(super) fn block(&self, node: Node<'t>, pass: &mut Pass<'_>) {
        let Some(_guard) = self.deeper() else { return };
        match self.adapter.stmt(node, self.text) {
            Stmt::Block => {
                for child in named_children(node) {
                    if pass.returned.is_some() && self.exits(child) {
                        // Still walk it: sinks after an early return are reachable on other paths.
                    }
                    self.block(child, pass);
                }
            }
            other => self.statement(node, other, pass),
        }
    }

    pub(super) fn statement(&self, node: Node<'t>, stmt: Stmt<'t>, pass: &mut Pass<'_>) {
        match stmt {
            Stmt::Block => self.block(node, pass),
            Stmt::Skip => self.closure(node, pass),
            Stmt::Expr(expr) => {
                self.eval(expr, pass);
            }
            Stmt::Bind { pattern, value } => {
                // `const opts = { url: ..., out: "/tmp/x.pdf" }`: each field keeps its own value
                // (`opts.out` is the constant, whatever `opts.url` holds). Only for a `const`:
                // a name bound again would keep stale fields.
                let mut fields = Vec::new();
                let constant_object = value.is_some_and(|v| {
                    matches!(self.adapter.expr(v, self.text), Expr::Object(_))
                        && matches!(self.adapter.expr(pattern, self.text), Expr::Name)
                        && pattern
                            .parent()
                            .and_then(|declarator| declarator.parent())
                            .is_some_and(|d| text_of(d, self.text).starts_with("const "))
                });
                // `let (sql, params) = build(q)`: each name its element.
                if let Some(v) = value
                    && self.bind_parts(pattern, v, pass).is_some()
                {
                    return;
                }
                let mut members = Vec::new();
                let evaluated = match value {
                    Some(v) if constant_object => self.eval_fields(v, Some(&mut fields), pass),
                    // `const q = buildQuery(f)` ... `q.text`: each field read its part.
                    Some(v) => {
                        let (whole, read) = self.eval_fields_read(pattern, v, pass);
                        members = read;
                        whole
                    }
                    None => Value::default(),
                };
                self.bind(pattern, evaluated.clone(), pass);
                let name = text_of(pattern, self.text);
                for (field, field_value, _) in fields {
                    pass.env.insert(format!("{name}.{field}"), field_value);
                }
                for (key, member) in members {
                    pass.env.insert(key, member);
                }
                if let Some(value) = value {
                    self.remember_condition(pattern, value, pass);
                    self.remember_object(pattern, value, pass);
                }
                // `const { searchParams, origin } = request.nextUrl`: a field of a source that
                // is the program's own (`request.nextUrl.origin`) is not the caller's.
                if let Some(object) = value.filter(|_| evaluated.taint.is_some()) {
                    self.bind_constant_fields(pattern, object, pass);
                }
                // `const { body } = req`: a property of an object that is not itself a source
                // may be one (`req.body`).
                if let Some(object) = value.filter(|_| evaluated.taint.is_none())
                    && let Some(path) = self.adapter.path(object, self.text)
                {
                    let mut names = Vec::new();
                    self.adapter.bindings(pattern, &mut names);
                    self.bind_source_fields(pattern, object, &path, pass);
                    for name in names {
                        let Some(property) = self.adapter.destructured(name, self.text) else {
                            continue;
                        };
                        // `{ query: { target } }` reads `req.query.target`: a part of the source
                        // `req.query`.
                        let mut read = format!("{path}.{property}");
                        let mut source = self.path_source_named(&read, object);
                        while source.is_none()
                            && let Some((shorter, _)) = read.rsplit_once('.')
                            && shorter.len() > path.len()
                        {
                            read = shorter.to_string();
                            source = self.path_source_named(&read, object);
                        }
                        if let Some(source) = source {
                            let key = text_of(name, self.text).to_string();
                            let source = self.stepped(source, name, &key);
                            pass.env.insert(key, source);
                        }
                    }
                }
            }
            Stmt::Return(value) => {
                let value = value
                    .map(|v| self.eval_returned(v, pass))
                    .unwrap_or_else(Value::constant);
                // A view's returned string is its response body.
                if value.taint.is_some() {
                    let function = &self.functions[pass.function];
                    let decorators: Vec<&str> = function
                        .decorators
                        .iter()
                        .map(|d| text_of(*d, self.text))
                        .collect();
                    // `@app.get("/")`: the call that made `app` (`Flask(__name__)`).
                    let makers: Vec<Option<&str>> = decorators
                        .iter()
                        .map(|d| {
                            let head = d.trim_start_matches('@').trim_start();
                            let head = head.split(['.', '(']).next().unwrap_or("");
                            pass.env
                                .get(head)?
                                .made_by
                                .clone()
                                .and_then(|bytes| self.text.get(bytes))
                        })
                        .collect();
                    self.check_sinks(
                        node.byte_range(),
                        |sink| {
                            sink.kind
                                .is_return(&decorators, &makers, value.prefix.as_deref())
                        },
                        &[(None, &value)],
                        pass,
                        "`return`",
                    );
                }
                pass.returned = Some(match &pass.returned {
                    Some(previous) => previous.join(&value),
                    None => value,
                });
            }
            Stmt::Exit(value) => {
                if let Some(value) = value {
                    let value = self.eval(value, pass);
                    if matches!(node.kind(), "raise_statement" | "throw_statement") {
                        join_value(&mut pass.thrown, value);
                    }
                }
                // `if n: cmd = "cat " + n; break`: what the loop leaves with.
                if matches!(node.kind(), "break_statement" | "continue_statement")
                    && let Some(left) = pass.left_loop.last_mut()
                {
                    join_into(left, pass.env.clone());
                }
            }
            Stmt::With { items, body } => {
                for (value, pattern) in items {
                    let value = self.eval(value, pass);
                    if let Some(pattern) = pattern {
                        self.bind(pattern, value, pass);
                    }
                }
                self.block(body, pass);
            }
            Stmt::Loop {
                pattern,
                iterable,
                body,
            } => {
                let element = iterable.map(|i| self.eval(i, pass));
                let before = pass.env.clone();
                // The body runs twice, so the second iteration sees what the first assigned;
                // doubled at every level, loops nested in loops would cost 2^depth (a fuzzed
                // file of 200 nested `for`s ran for minutes): inside more than
                // `LOOPS_RUN_TWICE` loops, a body runs once.
                let runs = if pass.loops < LOOPS_RUN_TWICE { 2 } else { 1 };
                pass.loops += 1;
                pass.left_loop.push(None);
                for _ in 0..runs {
                    if let (Some(pattern), Some(element)) = (pattern, &element) {
                        self.bind(pattern, element.clone(), pass);
                    }
                    for statement in &body {
                        self.block(*statement, pass);
                    }
                    pass.env = before.join(&pass.env);
                }
                if let Some(Some(left)) = pass.left_loop.pop() {
                    pass.env = pass.env.join(&left);
                }
                pass.loops -= 1;
            }
            Stmt::Switch {
                subjects,
                cases,
                clauses,
                exhaustive,
            } => {
                let matched = subjects
                    .iter()
                    .map(|subject| self.eval(*subject, pass))
                    .reduce(|all, one| all.join(&one));
                // Each case starts from what was there; after the statement, what any case
                // that does not return or throw left (a `break` leaves the switch, and a case
                // that falls through is taken as ending there), or, with no default, the
                // values from before.
                let before = pass.env.clone();
                let mut after = (!exhaustive).then(|| before.clone());
                for (index, case) in cases.into_iter().enumerate() {
                    pass.env = before.clone();
                    if let (Some(matched), Some(clause)) = (&matched, clauses.get(index)) {
                        self.bind_case(*clause, matched, pass);
                    }
                    self.block(case, pass);
                    if !self.case_leaves_function(case) {
                        join_into(&mut after, std::mem::take(&mut pass.env));
                    }
                }
                pass.env = after.unwrap_or(before);
            }
            Stmt::Try {
                body,
                handlers,
                finally,
            } => {
                let before = pass.env.clone();
                let outer_thrown = pass.thrown.take();
                for statement in &body {
                    self.block(*statement, pass);
                }
                let caught = std::mem::replace(&mut pass.thrown, outer_thrown);
                let body_exits = body.last().is_some_and(|last| self.exits(*last));
                let after_body = std::mem::take(&mut pass.env);
                // Raised before the first assignment or after the last: both are there.
                let raised = before.join(&after_body);
                let mut after = (!body_exits).then_some(after_body);
                for handler in handlers {
                    pass.env = raised.clone();
                    // `except LookupError as exc:` / `catch (err)`: what the body threw, its
                    // message included (`str(exc)`, `err.message`).
                    // Whatever else the body's calls throw is not known: the binding is not
                    // constant either.
                    if let (Some(binding), Some(thrown)) = (self.adapter.caught(handler), &caught) {
                        let value = Value {
                            clean: 0,
                            ..thrown.clone()
                        };
                        self.bind(binding, value, pass);
                    }
                    self.block(handler, pass);
                    if !self.exits(handler) {
                        join_into(&mut after, std::mem::take(&mut pass.env));
                    }
                }
                // Every path exits: what follows runs on none of them; keep the body's view.
                pass.env = after.unwrap_or(raised);
                if let Some(finally) = finally {
                    self.block(finally, pass);
                }
            }
            Stmt::If {
                condition,
                then,
                otherwise,
            } => {
                // `if let Some(x) = value`: the pattern binds for the branch.
                match self.adapter.stmt(condition, self.text) {
                    bind @ Stmt::Bind { .. } => self.statement(condition, bind, pass),
                    _ => {
                        self.eval(condition, pass);
                    }
                }
                let mut guards = Vec::new();
                self.guards(condition, true, &mut guards, pass);
                let before = pass.env.clone();
                self.clear(&guards, true, pass);
                self.block(then, pass);
                let after_then = std::mem::replace(&mut pass.env, before);
                self.clear(&guards, false, pass);
                if let Some(otherwise) = otherwise {
                    self.block(otherwise, pass);
                }
                let then_exits = self.exits(then);
                let otherwise_exits = otherwise.is_some_and(|o| self.exits(o));
                pass.env = match (then_exits, otherwise_exits) {
                    (true, false) => std::mem::take(&mut pass.env),
                    (false, true) => after_then,
                    _ => after_then.join(&pass.env),
                };
            }
        }
    }

    /// Whether a `switch` / `match` case ends by returning or throwing, not by leaving the
    /// statement (`break`, `continue`) or falling through.
    fn case_leaves_function(&self, case: Node<'t>) -> bool {
        named_children(case).last().is_some_and(|last| {
            !matches!(last.kind(), "break_statement" | "continue_statement") && self.exits(*last)
        })
    }

    /// Whether running `node` never falls through to the next statement.
    pub(super) fn exits(&self, node: Node<'t>) -> bool {
        // `if (a) if (a) ...` thousands deep (no braces, so no bracket nesting to blank) must
        // not overflow the stack; past the bound a statement is taken to fall through, which
        // keeps a guard from vouching for what follows it.
        let Some(_guard) = self.deeper() else {
            return false;
        };
        match self.adapter.stmt(node, self.text) {
            Stmt::Return(_) | Stmt::Exit(_) => true,
            Stmt::Block => named_children(node)
                .last()
                .is_some_and(|last| self.exits(*last)),
            Stmt::If {
                then, otherwise, ..
            } => self.exits(then) && otherwise.is_some_and(|o| self.exits(o)),
            Stmt::Switch {
                cases, exhaustive, ..
            } => exhaustive && cases.iter().all(|case| self.case_leaves_function(*case)),
            Stmt::Try {
                body,
                handlers,
                finally,
            } => {
                finally.is_some_and(|f| self.exits(f))
                    || (body.last().is_some_and(|last| self.exits(*last))
                        && handlers.iter().all(|h| self.exits(*h)))
            }
            _ => false,
        }
    }

    /// Binds the names a `case` pattern captures (`case {"url": str(url)}:`) to the matched
    /// subject's value, as the pattern checked it, and applies the case's guard.
    /// Kept out of [`Self::block`]: its temporaries would grow the frame of every nested block.
    #[inline(never)]
    fn bind_case(&self, clause: Node<'t>, matched: &Value, pass: &mut Pass<'_>) {
        let captures = self.adapter.case_captures(clause, self.text);
        for (name, captured) in captures.names {
            let value = match captured {
                Captured::Part => matched.clone(),
                Captured::Number => Value::constant(),
                Captured::Text => matched.clone().cleared_for(self.rules.str_sanitized),
            };
            self.bind(name, value, pass);
        }
        if let Some(guard) = captures.guard {
            self.eval(guard, pass);
            let mut guards = Vec::new();
            self.guards(guard, true, &mut guards, pass);
            self.clear(&guards, true, pass);
        }
    }

    /// Remembers that the variable `pattern` holds the value of `expression`, which an `if` on
    /// the variable may later read as its condition.
    pub(super) fn remember_condition(
        &self,
        pattern: Node<'t>,
        expression: Node<'t>,
        pass: &mut Pass<'_>,
    ) {
        if matches!(self.adapter.expr(pattern, self.text), Expr::Name) {
            let key = text_of(pattern, self.text).to_string();
            pass.conditions.insert(key, expression.byte_range());
        }
    }

    /// The environment key of an assignable expression: a name or member path, through
    /// wrappers (`&mut buf`).
    pub(super) fn key(&self, node: Node<'t>) -> Option<String> {
        if let Some(path) = self.adapter.path(node, self.text) {
            return Some(path);
        }
        match self.adapter.expr(node, self.text) {
            Expr::Wrap(inner) => self.key(inner),
            Expr::Index { object } => self.key(object),
            // `host.as_str()`, `name.trim()`: a view of the variable itself.
            Expr::Call {
                receiver: Some(receiver),
                args,
                ..
            } if args.is_empty() => self.key(receiver),
            // `FLASHES.setdefault(sid, []).append(m)`, `map.entry(k).or_default().push(v)`:
            // the element a container hands out to be filled is the container's.
            Expr::Call {
                receiver: Some(receiver),
                method: Some(method),
                ..
            } if matches!(
                text_of(method, self.text),
                "setdefault" | "entry" | "or_insert" | "or_insert_with" | "or_default"
            ) =>
            {
                self.key(receiver)
            }
            _ => None,
        }
    }

    /// `Object.assign(el, { innerHTML: html })`: each field of an object literal passed after
    /// the target (`fields`, named `"1.innerHTML"`) set on it, checked as property sinks.
    pub(super) fn assigned_properties(
        &self,
        call: Node<'t>,
        target: Node<'t>,
        fields: &[(String, Value)],
        pass: &mut Pass<'_>,
    ) {
        // `Object.assign({}, defaults, overrides)` fills a new plain object, not the DOM.
        if matches!(
            self.adapter.expr(target, self.text),
            Expr::Object(_) | Expr::Compose(_) | Expr::Constant
        ) {
            return;
        }
        let receiver = Some(text_of(target, self.text));
        let made_by = self
            .key(target)
            .and_then(|key| pass.env.get(&key)?.made_by.clone())
            .and_then(|bytes| self.text.get(bytes));
        for (name, value) in fields {
            let Some((position, property)) = name.split_once('.') else {
                continue;
            };
            if position == "0" || property.contains('.') {
                continue;
            }
            self.check_sinks(
                call.byte_range(),
                |sink| {
                    sink.kind
                        .is_property(property, receiver, made_by, value.prefix.as_deref())
                },
                &[(Some(property), value)],
                pass,
                &format!("`{property}`"),
            );
        }
    }

    pub(super) fn bind(&self, pattern: Node<'t>, value: Value, pass: &mut Pass<'_>) {
        // A property that is a sink: `el.innerHTML = value`, `resp.headers["Location"] = value`.
        if let Some(property) = self.adapter.property_name(pattern, self.text) {
            // `ctx.body = ...`: some sinks name the object too, or the call that made it
            // (`s = document.createElement("script")` … `s.src = ...`).
            let object = match self.adapter.expr(pattern, self.text) {
                Expr::Member { object } | Expr::Index { object } => Some(object),
                _ => None,
            };
            let receiver = object.map(|o| text_of(o, self.text));
            let made_by = object
                .and_then(|o| self.key(o))
                .and_then(|key| pass.env.get(&key)?.made_by.clone())
                .and_then(|bytes| self.text.get(bytes));
            self.check_sinks(
                pattern.parent().unwrap_or(pattern).byte_range(),
                |sink| {
                    sink.kind
                        .is_property(&property, receiver, made_by, value.prefix.as_deref())
                },
                &[(Some(property.as_str()), &value)],
                pass,
                &format!("`{property}`"),
            );
        }
        let mut names = Vec::new();
        self.adapter.bindings(pattern, &mut names);
        if names.is_empty() {
            // A shape rule may ask about a key the target is indexed by (`tree[group][field] =
            // v`): read it, before the write changes what it holds.
            self.read_watched_keys(pattern, pass);
            // `obj.attr = v`, `d[k] = v`: a container takes the taint and keeps its old one.
            if let Some(key) = self.key(pattern) {
                let is_index = matches!(self.adapter.expr(pattern, self.text), Expr::Index { .. });
                let value = if is_index {
                    pass.env
                        .get(&key)
                        .map_or(value.clone(), |old| old.join(&value))
                } else {
                    value
                };
                let value = self.stepped(value, pattern, &key);
                self.note_field_write(&key, &value, pass);
                pass.env.insert(key, value);
            }
            return;
        }
        for name in names {
            let key = text_of(name, self.text).to_string();
            pass.conditions.remove(&key);
            // Bound again (not the first binding: a method's `self` arrives with the fields its
            // constructor fixed).
            if pass.env.contains_key(&key) {
                pass.env.forget_members(&key);
            }
            let value = match self.adapter.binds_error(name, pattern, self.text) {
                true => Value::default(),
                false => self.stepped(value.clone(), name, &key),
            };
            pass.env.insert(key, value);
        }
    }

    /// The names a pattern destructures from `object` whose path is one of the program's
    /// constants (`constant-names`), bound as constants.
    #[inline(never)]
    fn bind_constant_fields(&self, pattern: Node<'t>, object: Node<'t>, pass: &mut Pass<'_>) {
        let Some(path) = self.adapter.path(object, self.text) else {
            return;
        };
        let mut names = Vec::new();
        self.adapter.bindings(pattern, &mut names);
        for name in names {
            if let Some(property) = self.adapter.destructured(name, self.text)
                && self
                    .rules
                    .constant_names
                    .contains(&format!("{path}.{property}"))
            {
                pass.env
                    .insert(text_of(name, self.text).to_string(), Value::constant());
            }
        }
    }

    /// `const f = req.files.avatar` … `f.name`: a variable bound to a path whose fields are
    /// sources (`req.files.*.name`) holds them under its own name (`f.name`), and only them: the
    /// object's other fields (`f.tempFilePath`, where the server stored it) stay the server's.
    fn bind_source_fields(
        &self,
        pattern: Node<'t>,
        object: Node<'t>,
        path: &str,
        pass: &mut Pass<'_>,
    ) {
        if !matches!(self.adapter.expr(pattern, self.text), Expr::Name) {
            return;
        }
        let key = text_of(pattern, self.text);
        for (spec, _, _) in &self.rules.sources {
            let SourceKind::Path(wanted) = &spec.kind else {
                continue;
            };
            let Some((parent, field)) = wanted.rsplit_once('.') else {
                continue;
            };
            let field_key = format!("{key}.{field}");
            if names_match(parent, path)
                && let Some(source) = self.path_source_named(&format!("{path}.{field}"), object)
            {
                let source = self.stepped(source, pattern, key);
                pass.env.insert(field_key, source);
            }
        }
    }

    pub(super) fn stepped(&self, mut value: Value, at: Node<'t>, key: &str) -> Value {
        if let Some(taint) = &value.taint {
            value.taint = Some(taint.with_step(at.byte_range(), format!("assigned to `{key}`")));
        }
        value
    }
}

/// `env` joined into what `accumulated` holds (the paths that reach one point).
fn join_into(accumulated: &mut Option<Env>, env: Env) {
    *accumulated = Some(match accumulated.take() {
        Some(previous) => previous.join(&env),
        None => env,
    });
}

/// Joins `value` into what `slot` holds.
fn join_value(slot: &mut Option<Value>, value: Value) {
    *slot = Some(match slot.take() {
        Some(held) => held.join(&value),
        None => value,
    });
}
