//! Statements: blocks, bindings, branches with their guards, loops, `with`, returns and exits.
//! Branches run on copies of the environment that are joined after; loop bodies run twice; a
//! guard (`if x in ALLOWED`, `if not ok(x): return`) clears the values it vouches for.

use super::Vouch;
use super::env::Env;
use super::value::{ALL, Value};
use super::{FileFlow, Pass};
use crate::flow::adapter::{Condition, Expr, Stmt, named_children, text_of};
use crate::flow::spec::{GuardKind, Slot, SourceKind, names_match};
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
                let evaluated = match value {
                    Some(v) if constant_object => self.eval_fields(v, Some(&mut fields), pass),
                    Some(v) => self.eval(v, pass),
                    None => Value::default(),
                };
                self.bind(pattern, evaluated.clone(), pass);
                let name = text_of(pattern, self.text);
                for (field, field_value, _) in fields {
                    pass.env.insert(format!("{name}.{field}"), field_value);
                }
                if let Some(value) = value {
                    self.remember_condition(pattern, value, pass);
                    self.remember_object(pattern, value, pass);
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
                    self.eval(value, pass);
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
                subject,
                cases,
                exhaustive,
            } => {
                if let Some(subject) = subject {
                    self.eval(subject, pass);
                }
                // Each case starts from what was there; after the statement, what any case
                // that does not return or throw left (a `break` leaves the switch, and a case
                // that falls through is taken as ending there), or, with no default, the
                // values from before.
                let before = pass.env.clone();
                let mut after = (!exhaustive).then(|| before.clone());
                for case in cases {
                    pass.env = before.clone();
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
                for statement in &body {
                    self.block(*statement, pass);
                }
                let body_exits = body.last().is_some_and(|last| self.exits(*last));
                let after_body = std::mem::take(&mut pass.env);
                // Raised before the first assignment or after the last: both are there.
                let raised = before.join(&after_body);
                let mut after = (!body_exits).then_some(after_body);
                for handler in handlers {
                    pass.env = raised.clone();
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

    /// The variables `condition` vouches for when it is `holds`.
    pub(super) fn guards(
        &self,
        condition: Node<'t>,
        holds: bool,
        out: &mut Vec<Vouch>,
        pass: &Pass<'_>,
    ) {
        self.vouched(condition, holds, true, out, pass);
    }

    /// [`Self::guards`]; `follow`: a name bound to a condition stands for it (not inside one
    /// already followed: `ok = ok and check(u)` must not loop).
    fn vouched(
        &self,
        condition: Node<'t>,
        holds: bool,
        follow: bool,
        out: &mut Vec<Vouch>,
        pass: &Pass<'_>,
    ) {
        // Hostile conditions (`a && b && ...` thousands long) must not overflow the stack.
        let Some(_guard) = self.deeper() else {
            return;
        };
        match self.adapter.condition(condition, self.text) {
            Condition::Not(inner) => self.vouched(inner, !holds, follow, out, pass),
            Condition::All(parts) => {
                if holds {
                    for (index, &part) in parts.iter().enumerate() {
                        // `a && !u.startsWith("//")`: where the whole holds the check fails, which
                        // vouches for nothing; where the whole fails it may hold or not, so the
                        // negation must not be read as one whose failure is the other branch.
                        // Unless every other part fails only where the checked value is empty
                        // (`(u or x) and not is_safe(u)`): an empty value sends nowhere.
                        let Condition::Not(checked) = self.adapter.condition(part, self.text)
                        else {
                            // What a part vouches for where it fails says nothing of the
                            // whole: another part may be the one that failed.
                            let mut each = Vec::new();
                            self.vouched(part, true, follow, &mut each, pass);
                            out.extend(each.into_iter().filter(|(_, branch, ..)| *branch));
                            continue;
                        };
                        let mut negated = Vec::new();
                        self.vouched(checked, false, follow, &mut negated, pass);
                        negated.retain(|(key, ..)| {
                            parts.iter().enumerate().all(|(i, &other)| {
                                i == index || self.fails_only_if_empty(other, key)
                            })
                        });
                        out.extend(negated);
                    }
                }
                // `if (p !== root && !p.startsWith(root + sep)) return null`: where the whole
                // fails, some part fails; what every part vouches for where it fails holds
                // there, for the rules all of them vouch for.
                let mut common: Option<Vec<Vouch>> = None;
                for &part in &parts {
                    let mut each = Vec::new();
                    self.vouched(part, holds, follow, &mut each, pass);
                    each.retain(|(_, branch, ..)| *branch != holds);
                    common = Some(match common {
                        None => each,
                        Some(so_far) => so_far
                            .into_iter()
                            .filter_map(|(key, branch, rules, read)| {
                                let also = each.iter().find(|(k, ..)| *k == key)?;
                                Some((key, branch, rules & also.2, read.or(also.3.clone())))
                            })
                            .filter(|(.., rules, _)| *rules != 0)
                            .collect(),
                    });
                }
                out.extend(common.unwrap_or_default());
            }
            // `if (!u.startsWith("/") || u.startsWith("//")) return ...`: where the whole fails,
            // each part fails, so what a part vouches for where it fails holds there: a negated
            // check (`!u.startsWith("/")`), a negated lookup (`host not in ALLOWED`), an escape
            // check (`rel.startsWith("..")`). Where the whole holds, no part is known to.
            Condition::Any(parts) => {
                for part in parts {
                    let mut each = Vec::new();
                    self.vouched(part, holds, follow, &mut each, pass);
                    out.extend(each.into_iter().filter(|(_, branch, ..)| *branch != holds));
                }
            }
            // Where `".." in path` fails, the path stays inside its root.
            Condition::Climbs { path, negated } => {
                self.vouch(path, holds == negated, false, out, pass);
            }
            Condition::Membership { element, negated } => {
                let operator = self
                    .rules
                    .guards
                    .iter()
                    .any(|g| matches!(g, GuardKind::Operator(op) if op == "in"));
                if operator {
                    self.vouch(element, holds != negated, true, out, pass);
                }
            }
            Condition::Expr(node) => {
                if let Some((left, right, negated)) = self.adapter.equality(node) {
                    self.compared(left, right, holds != negated, out, pass);
                    self.compared(right, left, holds != negated, out, pass);
                    // `host == "api.example.com"`, `url.host_str() != Some("cdn.example.com")`:
                    // equal to a constant, the value is that constant (and a host read from a
                    // parsed URL vouches for the URL, as an allow-list lookup does).
                    // Only the variable itself or a host: `url.scheme() == "https"` says
                    // nothing of the rest of `url`.
                    // `typeof x === "string"`: `x` holds a string there, for the rules that
                    // fear an object only (a NoSQL operator).
                    for (side, other) in [(left, right), (right, left)] {
                        let Some(tested) = self.adapter.type_test(side) else {
                            continue;
                        };
                        let type_name = text_of(other, self.text);
                        for (guard, &rules) in self.rules.guards.iter().zip(&self.rules.guard_rules)
                        {
                            if let GuardKind::TypeIs(names) = guard
                                && names.get().is_match(type_name)
                            {
                                self.vouch_rules.set(rules);
                                self.vouch(tested, holds != negated, false, out, pass);
                                self.vouch_rules.set(super::ALL);
                            }
                        }
                    }
                    for (side, other) in [(left, right), (right, left)] {
                        if !(self.is_constant_operand(other)
                            || self.holds_programs_own(other, pass))
                            || self.is_constant_operand(side)
                        {
                            continue;
                        }
                        let host = self.reads_host(side, pass);
                        if host || self.is_plain_name(side) {
                            self.vouch(side, holds != negated, host, out, pass);
                        }
                    }
                    return;
                }
                // `if ok:` after `ok = check(u)`: what the check vouches for (one level).
                if follow
                    && matches!(self.adapter.expr(node, self.text), Expr::Name)
                    && let Some(check) = self.bound_condition(text_of(node, self.text), pass)
                {
                    self.vouched(check, holds, false, out, pass);
                    return;
                }
                if let Expr::Call {
                    callee,
                    receiver,
                    method,
                    args,
                } = self.adapter.expr(node, self.text)
                {
                    let site = self.call_site(node, callee, receiver, method, pass);
                    if let Some(receiver) = receiver {
                        self.escaped(&site, receiver, holds, out, pass);
                        // `name.includes("..")`, `name.contains("..")`: where it fails, the
                        // path stays inside its root.
                        if matches!(site.method.as_deref(), Some("includes" | "contains"))
                            && args.first().is_some_and(|a| {
                                matches!(
                                    text_of(a.value, self.text),
                                    "\"..\"" | "'..'" | "`..`" | "\"../\"" | "'../'"
                                )
                            })
                        {
                            self.vouch(receiver, !holds, false, out, pass);
                        }
                    }
                    for (guard, &rules) in self.rules.guards.iter().zip(&self.rules.guard_rules) {
                        let GuardKind::Call(pattern, slot) = guard else {
                            continue;
                        };
                        if !pattern.matches(&site) {
                            continue;
                        }
                        let checked = match slot {
                            Slot::Receiver => receiver,
                            Slot::Arg(n) => args.get(*n).map(|a| a.value),
                        };
                        if let Some(checked) = checked {
                            // Looked up in something (`ALLOWED.has(x)`): an allow-list check.
                            let lookup = matches!(slot, Slot::Arg(_)) && receiver.is_some();
                            self.vouch_rules.set(rules);
                            self.vouch(checked, holds, lookup, out, pass);
                            self.vouch_rules.set(super::ALL);
                        }
                    }
                }
            }
        }
    }

    /// A name bound to a constant (`ROOT` after `const ROOT = path.resolve(__dirname, "docs")`),
    /// or a field of the object the method runs on that no request data is known to reach
    /// (`this.baseDir` set by the constructor): equal to it, a value is the program's.
    fn holds_programs_own(&self, node: Node<'t>, pass: &Pass<'_>) -> bool {
        let Some(key) = self.key(node) else {
            return false;
        };
        match pass.env.get(&key) {
            Some(value) => {
                value.taint.is_none()
                    && (value.clean == ALL || super::calls::is_field_of_self(&key))
            }
            None => super::calls::is_field_of_self(&key),
        }
    }

    /// A variable, possibly in parentheses or behind `&`.
    fn is_plain_name(&self, node: Node<'t>) -> bool {
        match self.adapter.expr(node, self.text) {
            Expr::Name => true,
            Expr::Wrap(inner) => self.is_plain_name(inner),
            _ => false,
        }
    }

    /// A literal, or a literal wrapped in `Some(..)` / parentheses, as written.
    fn is_constant_operand(&self, node: Node<'t>) -> bool {
        match self.adapter.expr(node, self.text) {
            Expr::Constant => true,
            Expr::Wrap(inner) => self.is_constant_operand(inner),
            Expr::Call {
                callee,
                receiver: None,
                args,
                ..
            } => {
                text_of(callee, self.text) == "Some"
                    && args.len() == 1
                    && self.is_constant_operand(args[0].value)
            }
            _ => false,
        }
    }

    /// Whether `condition` is false only where the variable `key` is empty: `u`, or `u or x`.
    fn fails_only_if_empty(&self, condition: Node<'t>, key: &str) -> bool {
        match self.adapter.condition(condition, self.text) {
            Condition::Any(parts) => parts.iter().any(|&p| self.fails_only_if_empty(p, key)),
            Condition::Expr(node) => {
                (matches!(self.adapter.expr(node, self.text), Expr::Name)
                    && self.key(node).as_deref() == Some(key))
                    || self.differs_from_constant(node, key)
            }
            _ => false,
        }
    }

    /// `file !== ROOT`, `path != "/"`: fails only where the value is that constant (a literal or
    /// a name in capitals), which is no untrusted value.
    fn differs_from_constant(&self, node: Node<'t>, key: &str) -> bool {
        let children = named_children(node);
        let [left, right] = children[..] else {
            return false;
        };
        let between = self
            .text
            .get(left.end_byte()..right.start_byte())
            .unwrap_or("")
            .trim();
        if !matches!(between, "!=" | "!==") {
            return false;
        }
        let constant = |n: Node<'t>| {
            crate::lang::is_literal(n)
                || (n.kind() == "identifier"
                    && text_of(n, self.text)
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
        };
        (self.key(left).as_deref() == Some(key) && constant(right))
            || (self.key(right).as_deref() == Some(key) && constant(left))
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

    /// Marks guarded variables clean in the branch where their guard `holds`.
    pub(super) fn clear(&self, guards: &[Vouch], branch: bool, pass: &mut Pass<'_>) {
        for (key, holds, rules, read) in guards {
            if *holds != branch {
                continue;
            }
            // A rule's own guard clears the value for that rule only; the others still see
            // what it held (a source the path reads, `req.body.email`, when the environment
            // holds nothing for it).
            let held = pass.env.get(key).or(read.as_ref());
            let value = match (*rules == ALL, held) {
                (false, Some(held)) => held.clone().cleared_for(*rules),
                (false, None) => continue,
                (true, _) => Value::constant(),
            };
            pass.env.insert(key.clone(), value);
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
        // A property that is a sink: `el.innerHTML = value`.
        if let Some(property) = self.adapter.property_name(pattern, self.text) {
            // `ctx.body = ...`: some sinks name the object too, or the call that made it
            // (`s = document.createElement("script")` … `s.src = ...`).
            let object = match self.adapter.expr(pattern, self.text) {
                Expr::Member { object } => Some(object),
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
            let value = self.stepped(value.clone(), name, &key);
            pass.env.insert(key, value);
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
