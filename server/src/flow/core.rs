//! The language-neutral flow core: one pass over each function in statement order, keeping for
//! every variable whether its value is tainted (and from where, through which steps) and for
//! which rules it is clean (constant or sanitised). Branches run on copies of the environment
//! that are joined after; loop bodies run twice; local helpers are summarised once per
//! parameter and looked up at their call sites.

use super::FlowRules;
use super::adapter::{Adapter, CallSite, Condition, Expr, Function, Stmt, named_children, text_of};
use super::spec::{ArgSel, GuardKind, SinkKind, Slot, SourceKind};
use crate::names::Names;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::rc::Rc;
use tree_sitter::Node;

/// How the receiver of a method call is labelled among its arguments, for sinks (not a valid
/// keyword in any language).
const RECEIVER: &str = "<receiver>";

/// Every rule bit: a constant is clean for every rule.
pub(crate) const ALL: u64 = u64::MAX;

/// A step a tainted value took: an assignment, a loop target, a helper call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub range: Range<usize>,
    pub note: String,
}

/// Steps as a shared list, newest first: extending a path never copies it.
#[derive(Debug)]
struct StepList {
    step: Step,
    previous: Option<Rc<StepList>>,
}

#[derive(Debug, Clone)]
pub(crate) struct Taint {
    /// Where the untrusted value entered, and what to call it.
    pub origin: Rc<(Range<usize>, String)>,
    steps: Option<Rc<StepList>>,
    /// The rules for which this value still counts as untrusted (sources and sanitisers are
    /// per rule).
    pub rules: u64,
    /// Whether the origin is a helper's parameter (summaries), not a real source.
    parameter: Option<usize>,
}

impl Taint {
    fn with_step(&self, range: Range<usize>, note: String) -> Taint {
        Taint {
            steps: Some(Rc::new(StepList {
                step: Step { range, note },
                previous: self.steps.clone(),
            })),
            ..self.clone()
        }
    }

    fn fresh(&self) -> bool {
        self.steps.is_none()
    }

    /// The steps, oldest first.
    pub fn steps(&self) -> Vec<Step> {
        let mut steps = Vec::new();
        let mut next = self.steps.as_deref();
        while let Some(list) = next {
            steps.push(list.step.clone());
            next = list.previous.as_deref();
        }
        steps.reverse();
        steps
    }

    /// This taint continued by a helper's path (its steps appended, its sanitisers applied).
    fn through(&self, inner: &Taint) -> Taint {
        let mut out = Taint {
            rules: self.rules & inner.rules,
            ..self.clone()
        };
        for step in inner.steps() {
            out = out.with_step(step.range, step.note);
        }
        out
    }
}

/// What the core knows about a value.
#[derive(Debug, Clone, Default)]
pub(crate) struct Value {
    pub taint: Option<Taint>,
    /// The constant text the value starts with, when it is built from a literal
    /// (`f"https://api.example.com/{x}"`): a sink may trust a fixed scheme and host.
    pub prefix: Option<Rc<str>>,
    /// Rules for which the value is harmless: constant (all bits) or sanitised (the rule's bit).
    pub clean: u64,
}

impl Value {
    fn constant() -> Value {
        Value {
            taint: None,
            clean: ALL,
            prefix: None,
        }
    }

    fn tainted(taint: Taint) -> Value {
        Value {
            taint: Some(taint),
            clean: 0,
            prefix: None,
        }
    }

    /// What either of two values may be (after a branch).
    fn join(&self, other: &Value) -> Value {
        Value {
            taint: join_taint(&self.taint, &other.taint),
            clean: self.clean & other.clean,
            prefix: if self.prefix == other.prefix {
                self.prefix.clone()
            } else {
                None
            },
        }
    }

    /// The taint that counts for rule `bit`.
    pub fn taint_for(&self, bit: u64) -> Option<&Taint> {
        self.taint.as_ref().filter(|t| t.rules & bit != 0)
    }
}

fn join_taint(a: &Option<Taint>, b: &Option<Taint>) -> Option<Taint> {
    match (a, b) {
        (Some(a), Some(b)) => Some(Taint {
            rules: a.rules | b.rules,
            ..a.clone()
        }),
        (a, b) => a.clone().or_else(|| b.clone()),
    }
}

type Env = HashMap<String, Value>;

fn join_env(a: &Env, b: &Env) -> Env {
    let mut out = a.clone();
    for (key, value) in b {
        out.entry(key.clone())
            .and_modify(|v| *v = v.join(value))
            .or_insert_with(|| value.clone());
    }
    // A key bound in only one branch may be unbound (unknown) in the other.
    for (key, value) in out.iter_mut() {
        if !a.contains_key(key) || !b.contains_key(key) {
            value.clean = 0;
        }
    }
    out
}

/// A tainted value reaching a sink.
#[derive(Debug, Clone)]
pub(crate) struct SinkHit {
    pub rule: usize,
    pub sink: Range<usize>,
    pub label: String,
    pub taint: Taint,
    /// The functions the path runs through: the extent an edit must touch to change it.
    pub extent: Range<usize>,
}

#[derive(Debug, Clone, Default)]
struct Summary {
    /// The parameter's taint reaches the return value (with these steps and rule bits).
    returns: Option<Taint>,
    sinks: Vec<SinkHit>,
}

/// One file's analysis.
pub(crate) struct FileFlow<'t, 'r> {
    adapter: &'static dyn Adapter,
    rules: &'r FlowRules,
    /// What the file's imports bind: sinks and sources name canonical callees.
    names: &'r Names,
    text: &'t str,
    functions: Vec<Function<'t>>,
    by_name: HashMap<String, Vec<usize>>,
    /// Nodes the rules' source queries captured.
    query_sources: HashMap<Range<usize>, (String, u64)>,
    module_env: Env,
    summaries: RefCell<HashMap<(usize, usize), Rc<Summary>>>,
    in_progress: RefCell<HashSet<(usize, usize)>>,
    /// Nodes whose value a shape rule asks about.
    watch: HashSet<Range<usize>>,
    pub watched: RefCell<HashMap<Range<usize>, Value>>,
    pub hits: RefCell<Vec<SinkHit>>,
    /// How deep `eval` and `block` are nested right now: hostile input (50,000 chained `+`,
    /// brackets hundreds deep) must not overflow the stack.
    depth: Cell<usize>,
}

/// Deeper than this, an expression or block is not followed: its value is unknown (neither
/// tainted nor constant), so nothing is quieted by it. Real code stays far below it; the bound
/// keeps a 2 MiB thread stack safe in debug builds.
const MAX_DEPTH: usize = 96;

/// The state of one function's pass.
struct Pass<'p> {
    env: Env,
    returned: Option<Value>,
    /// The function being analysed and, for a summary, the parameter standing for the source.
    function: usize,
    parameter: Option<usize>,
    hits: &'p mut Vec<SinkHit>,
}

impl<'t, 'r> FileFlow<'t, 'r> {
    pub fn new(
        adapter: &'static dyn Adapter,
        rules: &'r FlowRules,
        names: &'r Names,
        text: &'t str,
        root: Node<'t>,
        query_sources: HashMap<Range<usize>, (String, u64)>,
        watch: HashSet<Range<usize>>,
    ) -> Self {
        let mut functions = Vec::new();
        adapter.functions(root, text, &mut functions);
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, function) in functions.iter().enumerate() {
            if let Some(name) = &function.name {
                by_name.entry(name.clone()).or_default().push(index);
            }
        }
        FileFlow {
            adapter,
            rules,
            names,
            text,
            functions,
            by_name,
            query_sources,
            module_env: Env::new(),
            summaries: RefCell::default(),
            in_progress: RefCell::default(),
            watch,
            watched: RefCell::default(),
            hits: RefCell::default(),
            depth: Cell::new(0),
        }
    }

    /// Analyses every function whose range intersects `range` (all when `None`); the module's
    /// own statements first, so functions see its constants.
    pub fn run(&mut self, range: Option<Range<usize>>) {
        if let Some(module) = self.functions.first()
            && module.node.parent().is_none()
        {
            let mut hits = Vec::new();
            let (env, _) = self.pass(0, None, Env::new(), &mut hits);
            self.module_env = env;
            self.record(0, hits, &range);
        }
        // After an edit: the functions it touched, and the callers of those (a helper's summary
        // may have changed).
        let touched: Vec<&str> = match &range {
            Some(r) => self
                .functions
                .iter()
                .filter(|f| f.node.parent().is_some() && overlaps(&f.node.byte_range(), r))
                .filter_map(|f| f.name.as_deref())
                .collect(),
            None => Vec::new(),
        };
        for index in 0..self.functions.len() {
            let node = self.functions[index].node;
            if node.parent().is_none() {
                continue;
            }
            if let Some(r) = &range
                && !overlaps(&node.byte_range(), r)
            {
                let body = text_of(node, self.text);
                if !touched
                    .iter()
                    .any(|name| body.contains(&format!("{name}(")))
                {
                    continue;
                }
            }
            let mut hits = Vec::new();
            self.pass(index, None, self.module_env.clone(), &mut hits);
            self.record(index, hits, &range);
        }
    }

    fn record(&self, function: usize, hits: Vec<SinkHit>, range: &Option<Range<usize>>) {
        let node = self.functions[function].node;
        let mut all = self.hits.borrow_mut();
        for hit in hits {
            // The module pass sees only module-level statements; keep what lies in range.
            if node.parent().is_none()
                && range
                    .as_ref()
                    .is_some_and(|r| hit.extent.end < r.start || hit.extent.start > r.end)
            {
                continue;
            }
            all.push(hit);
        }
    }

    /// One pass over function `index`; `parameter`: summarise that parameter.
    fn pass(
        &self,
        index: usize,
        parameter: Option<usize>,
        env: Env,
        hits: &mut Vec<SinkHit>,
    ) -> (Env, Option<Value>) {
        let function = &self.functions[index];
        let mut pass = Pass {
            env,
            returned: None,
            function: index,
            parameter,
            hits,
        };
        self.enter(function, &mut pass);
        if function.expression_body {
            let value = self.eval(function.body, &mut pass);
            pass.returned = Some(value);
        } else {
            self.block(function.body, &mut pass);
        }
        (pass.env, pass.returned)
    }

    /// Binds the parameters: sources where the rules say so, the summarised one as its own
    /// origin, the others unknown.
    fn enter(&self, function: &Function<'t>, pass: &mut Pass<'_>) {
        let decorators: Vec<&str> = function
            .decorators
            .iter()
            .map(|d| text_of(*d, self.text))
            .collect();
        for (position, param) in function.params.iter().enumerate() {
            let mut names = Vec::new();
            self.adapter.bindings(param.pattern, &mut names);
            let annotation = param.annotation.map(|a| text_of(a, self.text));
            let default = param.default.map(|d| text_of(d, self.text));
            // `Route<String>` after `use axum::extract::Path as Route`: the type as imported.
            let imported = annotation.and_then(|a| self.imported_type(a));
            let annotation_matches = |ty: &regex::Regex| {
                annotation.is_some_and(|a| ty.is_match(a))
                    || imported.as_deref().is_some_and(|a| ty.is_match(a))
            };
            let mut source: Option<(String, u64)> = None;
            for (spec, mask) in &self.rules.sources {
                let hit = match &spec.kind {
                    SourceKind::ParamsOf { decorator, except } => {
                        decorators.iter().any(|d| decorator.is_match(d))
                            && !except.as_ref().is_some_and(|e| {
                                annotation.is_some_and(|a| e.is_match(a))
                                    || default.is_some_and(|d| e.is_match(d))
                            })
                    }
                    SourceKind::ParamType(ty) => annotation_matches(ty),
                    _ => false,
                };
                if hit {
                    let entry =
                        source.get_or_insert_with(|| (spec.label.clone().unwrap_or_default(), 0));
                    entry.1 |= mask;
                }
            }
            for name in names {
                let key = text_of(name, self.text).to_string();
                let range = name.byte_range();
                let value = if pass.parameter == Some(position) {
                    Value::tainted(Taint {
                        origin: Rc::new((range, key.clone())),
                        steps: None,
                        rules: ALL,
                        parameter: Some(position),
                    })
                } else if let Some((label, mask)) = source
                    .clone()
                    .or_else(|| self.query_sources.get(&range).cloned())
                    .or_else(|| self.query_sources.get(&param.pattern.byte_range()).cloned())
                {
                    let _ = label;
                    Value::tainted(Taint {
                        origin: Rc::new((range, key.clone())),
                        steps: None,
                        rules: mask,
                        parameter: None,
                    })
                } else {
                    Value::default()
                };
                pass.env.insert(key, value);
            }
        }
    }

    /// A type written with an imported alias at its head, spelled with the path it was imported
    /// from (`Route<String>` → `axum::extract::Path<String>`).
    fn imported_type(&self, written: &str) -> Option<String> {
        let end = written
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(written.len());
        let canonical = self.names.binding(&written[..end])?;
        Some(format!("{canonical}{}", &written[end..]))
    }

    fn block(&self, node: Node<'t>, pass: &mut Pass<'_>) {
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

    fn statement(&self, node: Node<'t>, stmt: Stmt<'t>, pass: &mut Pass<'_>) {
        match stmt {
            Stmt::Block => self.block(node, pass),
            Stmt::Skip => {}
            Stmt::Expr(expr) => {
                self.eval(expr, pass);
            }
            Stmt::Bind { pattern, value } => {
                let evaluated = match value {
                    Some(v) => self.eval(v, pass),
                    None => Value::default(),
                };
                self.bind(pattern, evaluated.clone(), pass);
                // `const { body } = req`: a property of an object that is not itself a source
                // may be one (`req.body`).
                if let Some(object) = value.filter(|_| evaluated.taint.is_none())
                    && let Some(path) = self.adapter.path(object, self.text)
                {
                    let mut names = Vec::new();
                    self.adapter.bindings(pattern, &mut names);
                    for name in names {
                        let Some(property) = self.adapter.destructured(name, self.text) else {
                            continue;
                        };
                        if let Some(source) =
                            self.path_source_named(&format!("{path}.{property}"), object)
                        {
                            let key = text_of(name, self.text).to_string();
                            let source = self.stepped(source, name, &key);
                            pass.env.insert(key, source);
                        }
                    }
                }
            }
            Stmt::Return(value) => {
                let value = value
                    .map(|v| self.eval(v, pass))
                    .unwrap_or_else(Value::constant);
                pass.returned = Some(match &pass.returned {
                    Some(previous) => previous.join(&value),
                    None => value,
                });
            }
            Stmt::Exit(value) => {
                if let Some(value) = value {
                    self.eval(value, pass);
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
                for _ in 0..2 {
                    if let (Some(pattern), Some(element)) = (pattern, &element) {
                        self.bind(pattern, element.clone(), pass);
                    }
                    for statement in &body {
                        self.block(*statement, pass);
                    }
                    pass.env = join_env(&before, &pass.env);
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
                    _ => join_env(&after_then, &pass.env),
                };
            }
        }
    }

    /// Whether running `node` never falls through to the next statement.
    fn exits(&self, node: Node<'t>) -> bool {
        match self.adapter.stmt(node, self.text) {
            Stmt::Return(_) | Stmt::Exit(_) => true,
            Stmt::Block => named_children(node)
                .last()
                .is_some_and(|last| self.exits(*last)),
            Stmt::If {
                then, otherwise, ..
            } => self.exits(then) && otherwise.is_some_and(|o| self.exits(o)),
            _ => false,
        }
    }

    /// The variables `condition` vouches for when it is `holds`.
    fn guards(
        &self,
        condition: Node<'t>,
        holds: bool,
        out: &mut Vec<(String, bool)>,
        pass: &Pass<'_>,
    ) {
        match self.adapter.condition(condition) {
            Condition::Not(inner) => self.guards(inner, !holds, out, pass),
            Condition::All(parts) => {
                if holds {
                    for part in parts {
                        self.guards(part, true, out, pass);
                    }
                }
            }
            Condition::Membership { element, negated } => {
                let operator = self
                    .rules
                    .guards
                    .iter()
                    .any(|g| matches!(g, GuardKind::Operator(op) if op == "in"));
                if operator && let Some(key) = self.key(element) {
                    out.push((key, holds != negated));
                }
            }
            Condition::Expr(node) => {
                if let Expr::Call {
                    callee,
                    receiver,
                    method,
                    args,
                } = self.adapter.expr(node, self.text)
                {
                    let site = self.call_site(node, callee, receiver, method, pass);
                    for guard in &self.rules.guards {
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
                        if let Some(key) = checked.and_then(|c| self.key(c)) {
                            out.push((key, holds));
                        }
                    }
                }
            }
        }
    }

    /// Marks guarded variables clean in the branch where their guard `holds`.
    fn clear(&self, guards: &[(String, bool)], branch: bool, pass: &mut Pass<'_>) {
        for (key, holds) in guards {
            if *holds == branch {
                pass.env.insert(
                    key.clone(),
                    Value {
                        taint: None,
                        clean: ALL,
                        prefix: None,
                    },
                );
            }
        }
    }

    /// The environment key of an assignable expression: a name or member path, through
    /// wrappers (`&mut buf`).
    fn key(&self, node: Node<'t>) -> Option<String> {
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

    fn bind(&self, pattern: Node<'t>, value: Value, pass: &mut Pass<'_>) {
        // A property that is a sink: `el.innerHTML = value`.
        if let Some(property) = self.adapter.property_name(pattern, self.text) {
            self.check_sinks(
                pattern.parent().unwrap_or(pattern),
                |sink| matches!(&sink.kind, SinkKind::Property(p) if *p == property),
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
                pass.env.insert(key, value);
            }
            return;
        }
        for name in names {
            let key = text_of(name, self.text).to_string();
            let value = self.stepped(value.clone(), name, &key);
            pass.env.insert(key, value);
        }
    }

    fn stepped(&self, mut value: Value, at: Node<'t>, key: &str) -> Value {
        if let Some(taint) = &value.taint {
            value.taint = Some(taint.with_step(at.byte_range(), format!("assigned to `{key}`")));
        }
        value
    }

    fn source_at(&self, node: Node<'t>) -> Option<Value> {
        let (label, mask) = self.query_sources.get(&node.byte_range())?;
        Some(self.origin(node, label, *mask))
    }

    fn origin(&self, node: Node<'t>, label: &str, mask: u64) -> Value {
        let label = if label.is_empty() {
            short(text_of(node, self.text))
        } else {
            label.to_string()
        };
        Value::tainted(Taint {
            origin: Rc::new((node.byte_range(), label)),
            steps: None,
            rules: mask,
            parameter: None,
        })
    }

    /// A value derived from `inner` by `node` (`request.args` → `request.args['u']`): a source
    /// read directly is named by the larger expression.
    fn widen(&self, node: Node<'t>, inner: Value, from: Node<'t>) -> Value {
        match &inner.taint {
            Some(t) if t.fresh() && t.parameter.is_none() && t.origin.0 == from.byte_range() => {
                let label = short(text_of(node, self.text));
                let mut out = self.origin(node, &label, t.rules);
                out.clean = inner.clean;
                out
            }
            _ => Value {
                taint: inner.taint,
                clean: 0,
                prefix: None,
            },
        }
    }

    /// One level deeper, or `None` past [`MAX_DEPTH`]; the level is given back on drop.
    fn deeper(&self) -> Option<DepthGuard<'_>> {
        let depth = self.depth.get();
        if depth >= MAX_DEPTH {
            return None;
        }
        self.depth.set(depth + 1);
        Some(DepthGuard(&self.depth))
    }

    fn eval(&self, node: Node<'t>, pass: &mut Pass<'_>) -> Value {
        let Some(_guard) = self.deeper() else {
            return Value::default();
        };
        let value = self.eval_inner(node, pass);
        if self.watch.contains(&node.byte_range()) {
            let mut watched = self.watched.borrow_mut();
            let entry = watched
                .entry(node.byte_range())
                .or_insert_with(|| value.clone());
            *entry = entry.join(&value);
            if entry.taint.is_none() {
                entry.taint.clone_from(&value.taint);
            }
        }
        value
    }

    fn path_source(&self, node: Node<'t>, pass: &Pass<'_>) -> Option<Value> {
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
    fn canonical(&self, node: Node<'t>, written: Option<&str>, pass: &Pass<'_>) -> Option<String> {
        if let Some(head) = written.and_then(|w| w.split('.').next())
            && pass.env.contains_key(head)
            && !self.module_env.contains_key(head)
            && self.functions[pass.function].node.parent().is_some()
        {
            return written.map(str::to_string);
        }
        match self.names.resolve(node, self.text.as_bytes()) {
            Some(resolved) => Some(resolved.replace("::", ".")),
            None => written.map(str::to_string),
        }
    }

    /// The source (or constant) the path `path`, read at `node`, is.
    fn path_source_named(&self, path: &str, node: Node<'t>) -> Option<Value> {
        let path = path.to_string();
        for (spec, mask) in &self.rules.sources {
            if let SourceKind::Path(p) = &spec.kind
                && super::spec::names_match(p, &path)
            {
                let label = spec.label.clone().unwrap_or_else(|| {
                    if path == text_of(node, self.text) {
                        String::new()
                    } else {
                        path.clone()
                    }
                });
                return Some(self.origin(node, &label, *mask));
            }
        }
        if self.rules.constant_names.contains(&path) {
            return Some(Value::constant());
        }
        None
    }

    fn eval_inner(&self, node: Node<'t>, pass: &mut Pass<'_>) -> Value {
        if let Some(source) = self.source_at(node) {
            return source;
        }
        if let Some(path) = self.adapter.token_call(node, self.text) {
            let site = CallSite {
                path: Some(path.clone()),
                written: Some(path),
                method: None,
                receiver_text: None,
                text: text_of(node, self.text),
            };
            let sanitised = self
                .rules
                .sanitizers
                .iter()
                .filter(|(pattern, _)| pattern.matches(&site))
                .fold(0, |mask, (_, bits)| mask | bits);
            if sanitised != 0 {
                let mut value = self.eval_parts(node, pass);
                value.taint = value.taint.and_then(|mut t| {
                    t.rules &= !sanitised;
                    (t.rules != 0).then_some(t)
                });
                value.clean |= sanitised;
                return value;
            }
        }
        match self.adapter.expr(node, self.text) {
            Expr::Constant => Value {
                prefix: self.adapter.literal_prefix(node, self.text).map(Rc::from),
                ..Value::constant()
            },
            // A number or boolean carries no syntax: harmless to every rule.
            Expr::Convert => Value::constant(),
            Expr::Opaque => Value::default(),
            Expr::Name => {
                let key = text_of(node, self.text);
                if let Some(value) = pass.env.get(key) {
                    return value.clone();
                }
                self.path_source(node, pass).unwrap_or_default()
            }
            Expr::Member { object } => {
                if let Some(source) = self.path_source(node, pass) {
                    return source;
                }
                if let Some(key) = self.adapter.path(node, self.text)
                    && let Some(value) = pass.env.get(&key)
                {
                    return value.clone();
                }
                let inner = self.eval(object, pass);
                self.widen(node, inner, object)
            }
            Expr::Index { object } => {
                for child in named_children(node) {
                    if child != object {
                        self.eval(child, pass);
                    }
                }
                let inner = self.eval(object, pass);
                self.widen(node, inner, object)
            }
            Expr::Wrap(inner) => self.eval(inner, pass),
            Expr::Compose(parts) => {
                let mut out = Value::constant();
                let mut leading = None;
                for (index, part) in parts.into_iter().enumerate() {
                    let value = self.eval(part, pass);
                    if index == 0 {
                        leading = value.prefix.clone();
                    }
                    out = compose(&out, &value);
                }
                for name in self.adapter.format_names(node, self.text) {
                    let value = pass.env.get(&name).cloned().unwrap_or_default();
                    out = compose(&out, &value);
                }
                // The literal text before the first interpolation, or the first part's.
                out.prefix = match self.adapter.literal_prefix(node, self.text) {
                    Some(prefix) => Some(Rc::from(prefix)),
                    None => leading,
                };
                out
            }
            Expr::Assign {
                target,
                value,
                augmented,
            } => {
                let mut value = self.eval(value, pass);
                if augmented {
                    let old = self.eval(target, pass);
                    value = compose(&old, &value);
                }
                self.bind(target, value.clone(), pass);
                value
            }
            Expr::Call {
                callee,
                receiver,
                method,
                args,
            } => self.call(node, callee, receiver, method, &args, pass),
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
                }
            }
        }
    }

    /// The parts of a token tree, composed.
    fn eval_parts(&self, node: Node<'t>, pass: &mut Pass<'_>) -> Value {
        match self.adapter.expr(node, self.text) {
            Expr::Compose(parts) => parts.into_iter().fold(Value::constant(), |out, part| {
                compose(&out, &self.eval(part, pass))
            }),
            _ => Value::default(),
        }
    }

    fn call_site(
        &self,
        node: Node<'t>,
        callee: Node<'t>,
        receiver: Option<Node<'t>>,
        method: Option<Node<'t>>,
        pass: &Pass<'_>,
    ) -> CallSite<'t> {
        let written = self.adapter.path(callee, self.text);
        CallSite {
            path: self.canonical(callee, written.as_deref(), pass),
            written,
            method: method.map(|m| text_of(m, self.text).to_string()),
            receiver_text: receiver.map(|r| text_of(r, self.text)),
            text: text_of(node, self.text),
        }
    }

    fn call(
        &self,
        node: Node<'t>,
        callee: Node<'t>,
        receiver: Option<Node<'t>>,
        method: Option<Node<'t>>,
        args: &[super::adapter::Arg<'t>],
        pass: &mut Pass<'_>,
    ) -> Value {
        let site = self.call_site(node, callee, receiver, method, pass);
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
        let values: Vec<Value> = args.iter().map(|a| self.eval(a.value, pass)).collect();

        // Sinks.
        let mut labelled: Vec<(Option<&str>, &Value)> = args
            .iter()
            .zip(&values)
            .map(|(a, v)| (a.keyword.map(|k| text_of(k, self.text)), v))
            .collect();
        if receiver.is_some() {
            labelled.push((Some(RECEIVER), &receiver_value));
        }
        let label = format!(
            "`{}()`",
            site.written
                .clone()
                .or_else(|| site.path.clone())
                .or_else(|| site.method.clone())
                .unwrap_or_else(|| short(text_of(callee, self.text)))
        );
        self.check_sinks(
            node,
            |sink| matches!(&sink.kind, SinkKind::Call(p) if p.matches(&site)),
            &labelled,
            pass,
            &label,
        );

        // Propagators move taint into a receiver or an argument (`parts.append(x)`).
        for propagator in &self.rules.propagators {
            if !propagator.call.matches(&site) {
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
                let joined = pass
                    .env
                    .get(&key)
                    .map_or(from.clone(), |old| old.join(from));
                pass.env.insert(key, Value { clean: 0, ..joined });
            }
        }

        // Sources.
        for (spec, mask) in &self.rules.sources {
            if let SourceKind::Call(pattern) = &spec.kind
                && pattern.matches(&site)
            {
                return self.origin(node, spec.label.as_deref().unwrap_or(""), *mask);
            }
        }
        // Sanitisers: the result is clean for their rules.
        let mut sanitised = 0;
        for (pattern, mask) in &self.rules.sanitizers {
            if pattern.matches(&site) {
                sanitised |= mask;
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
            return Value {
                taint,
                clean: sanitised,
                prefix: None,
            };
        }
        // Local helpers, by their summaries.
        if let Some(value) = self.helper(node, &site, receiver, &values, pass) {
            return value;
        }
        let constant_call = self.rules.constant_calls.iter().find(|p| p.matches(&site));
        let clean = if let Some(pattern) = constant_call {
            // A method's receiver is part of its value (`parts.join("")`); a module is not.
            let receiver_clean = if receiver.is_some() && pattern.call.is_none() {
                receiver_value.clean
            } else {
                ALL
            };
            values
                .iter()
                .fold(receiver_clean, |clean, v| clean & v.clean)
        } else {
            0
        };
        // A method on a source read directly names the whole call (`request.args.get('q')`).
        if let (Some(r), Some(_)) = (receiver, &receiver_value.taint)
            && values.iter().all(|v| v.taint.is_none())
        {
            let mut out = self.widen(node, receiver_value.clone(), r);
            out.clean = clean;
            return out;
        }
        Value {
            taint,
            clean,
            prefix: None,
        }
    }

    fn check_sinks(
        &self,
        node: Node<'t>,
        applies: impl Fn(&super::spec::Sink) -> bool,
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
                    let function = self.functions[pass.function].node;
                    pass.hits.push(SinkHit {
                        rule: bit.trailing_zeros() as usize,
                        sink: node.byte_range(),
                        label: label.to_string(),
                        taint: taint.clone(),
                        extent: function.byte_range(),
                    });
                    break;
                }
            }
        }
    }

    /// A call of a function defined in this file: its result and its sinks, from summaries.
    fn helper(
        &self,
        node: Node<'t>,
        site: &CallSite<'_>,
        receiver: Option<Node<'t>>,
        values: &[Value],
        pass: &mut Pass<'_>,
    ) -> Option<Value> {
        let name = match (&site.written, &site.method) {
            (Some(path), _) => path.rsplit('.').next().unwrap_or(path),
            (None, Some(method)) => method.as_str(),
            (None, None) => return None,
        };
        // Only plain calls and calls on `self`/`this`/`Self` reach a local definition.
        if let Some(receiver) = receiver
            && !matches!(
                text_of(receiver, self.text),
                "self" | "this" | "Self" | "cls"
            )
        {
            return None;
        }
        let candidates = self.by_name.get(name)?;
        let index = *candidates.first()?;
        let mut result = Value::default();
        for (position, value) in values.iter().enumerate() {
            let Some(taint) = &value.taint else { continue };
            let summary = self.summary(index, position)?;
            let entered = taint.with_step(node.byte_range(), format!("passed to `{name}()`"));
            if let Some(inner) = &summary.returns {
                let through = entered.through(inner);
                if through.rules != 0 {
                    result.taint = join_taint(&result.taint, &Some(through));
                }
            }
            for hit in &summary.sinks {
                let through = entered.through(&hit.taint);
                if through.rules & (1 << hit.rule) != 0 {
                    let caller = self.functions[pass.function].node.byte_range();
                    pass.hits.push(SinkHit {
                        taint: through,
                        extent: caller.start.min(hit.extent.start)..caller.end.max(hit.extent.end),
                        ..hit.clone()
                    });
                }
            }
        }
        Some(result)
    }

    fn summary(&self, function: usize, parameter: usize) -> Option<Rc<Summary>> {
        let key = (function, parameter);
        if let Some(done) = self.summaries.borrow().get(&key) {
            return Some(done.clone());
        }
        if self.functions[function].params.len() <= parameter
            || !self.in_progress.borrow_mut().insert(key)
        {
            return None;
        }
        let mut hits = Vec::new();
        let (_, returned) = self.pass(
            function,
            Some(parameter),
            self.module_env.clone(),
            &mut hits,
        );
        let returns = returned
            .and_then(|v| v.taint)
            .filter(|t| t.parameter == Some(parameter));
        let summary = Rc::new(Summary {
            returns,
            sinks: hits
                .into_iter()
                .filter(|h| h.taint.parameter == Some(parameter))
                .collect(),
        });
        self.in_progress.borrow_mut().remove(&key);
        self.summaries.borrow_mut().insert(key, summary.clone());
        Some(summary)
    }
}

/// Gives a nesting level back when an `eval` or `block` returns.
struct DepthGuard<'d>(&'d Cell<usize>);

impl Drop for DepthGuard<'_> {
    fn drop(&mut self) {
        self.0.set(self.0.get() - 1);
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn compose(a: &Value, b: &Value) -> Value {
    Value {
        taint: join_taint(&a.taint, &b.taint),
        clean: a.clean & b.clean,
        prefix: None,
    }
}

/// Text for a message: one line, at most 60 characters.
pub(crate) fn short(text: &str) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > 60 {
        let cut: String = line.chars().take(57).collect();
        format!("{cut}...")
    } else {
        line
    }
}
