//! Objects of classes the file defines: `notifier = Notifier(url)` … `notifier.send(text)`.
//!
//! A variable bound to a constructor call of a class of this file (in Rust, a struct literal or
//! `Type::new(..)` of a type with an `impl` here) remembers that class for the rest of the function, so a method called on it is followed like a local helper: the
//! arguments enter its parameters, and an object built from untrusted values enters as `self`
//! / `this`, so `requests.post(self.endpoint)` inside `send` is reported with the caller's
//! source. The attributes the constructor sets from constants (`self.base = "https://..."`)
//! stay constant there: only what it took from its callers is the caller's.

use super::env::Env;
use super::value::Value;
use super::{CONSTANT_FIELDS, FileFlow, Params, Pass};
use crate::flow::adapter::{Arg, Expr, Function, named_children, text_of};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use tree_sitter::Node;

impl<'t> FileFlow<'t, '_> {
    /// After `target = value_node`: whether `target` now holds an object of a class of this
    /// file (`Notifier(url)`, `new Notifier(url)`), or no longer does.
    pub(super) fn remember_object(
        &self,
        target: Node<'t>,
        value_node: Node<'t>,
        pass: &mut Pass<'_>,
    ) {
        let Some(key) = self.key(target) else { return };
        // Built there; else declared (`proxy: ImageProxy = request.app["proxy"]`, `let repo:
        // Arc<Repo> = ..`); else taken from an application registry (`typed_fields.rs`).
        let declared = || {
            // A declared type sits between the name and its value (`x: T = v`, `let x: T = v`):
            // only then is the declaration climbed to, `Node::parent` costing the node's depth.
            let between = self.text.get(target.end_byte()..value_node.start_byte())?;
            if !between.contains(':') {
                return None;
            }
            let declaration = target.parent()?;
            let ty = declaration.child_by_field_name("type")?;
            self.class_in_type(text_of(ty, self.text))
        };
        let class = self
            .class_built_by(value_node)
            .or_else(declared)
            .or_else(|| self.registered_class(value_node))
            .or_else(|| self.class_in_type(turbofish(text_of(value_node, self.text))?))
            .map(str::to_string)
            .or_else(|| self.class_kept_by_chain(value_node, pass));
        match class {
            Some(class) => pass.objects.insert(key, class),
            None => pass.objects.remove(&key),
        };
    }

    /// `q = q.where(cond)`: the class of the object a variable holds, when every method called
    /// on it in the chain returns the object itself.
    fn class_kept_by_chain(&self, node: Node<'t>, pass: &Pass<'_>) -> Option<String> {
        let (start, chain) = self.method_chain(node);
        if chain.is_empty() {
            return None;
        }
        let class = pass.objects.get(&self.key(start)?)?;
        self.chain_returns_itself(class, &chain)
            .then(|| class.clone())
    }

    /// The methods called one on another's result from `node` back (`a.b(x).c()` → `c`, `b`),
    /// less those that unwrap (`.unwrap()`, `?`), and the expression they start on (`a`).
    fn method_chain(&self, node: Node<'t>) -> (Node<'t>, Vec<&'t str>) {
        let mut node = node;
        let mut chain: Vec<&'t str> = Vec::new();
        for _ in 0..8 {
            match self.adapter.expr(node, self.text) {
                Expr::Wrap(inner) => node = inner,
                Expr::Call {
                    receiver: Some(receiver),
                    method: Some(method),
                    ..
                } => {
                    let method = text_of(method, self.text);
                    if !self.adapter.unwraps(method) {
                        chain.push(method);
                    }
                    node = receiver;
                }
                _ => break,
            }
        }
        (node, chain)
    }

    /// Whether every method of `chain` is one of `class` that returns the object it runs on.
    fn chain_returns_itself(&self, class: &str, chain: &[&str]) -> bool {
        let methods = self.methods.get(class);
        chain.iter().all(|method| {
            methods
                .and_then(|m| m.get(*method))
                .is_some_and(|&index| self.returns_itself(index))
        })
    }

    /// The class of this file whose object `node` builds (`Notifier(url)`, `new Notifier(url)`,
    /// Rust's `Notifier { url }`, also as the `Result` a fallible constructor returns:
    /// `Fetcher::new(url).map_err(..)?`, `.await`, `.unwrap()`), or a factory of the file
    /// returns (`build_client(request.form)`), if it builds one.
    pub(super) fn class_built_by(&self, node: Node<'t>) -> Option<&'t str> {
        let built = |node| self.built_here(node).or_else(|| self.made_by_factory(node));
        // `src ? new Template(src) : new Template()`: the class both sides build (one level:
        // a hostile file may nest choices deeper than the stack).
        if let Expr::Choose {
            then, otherwise, ..
        } = self.adapter.expr(node, self.text)
        {
            let class = built(then)?;
            return (built(otherwise)? == class).then_some(class);
        }
        built(node)
    }

    /// The class `node` builds itself (`class_built_by` less factories): also through methods
    /// of the built object that return it (`Query("items").where(col, v).limit(10)`).
    pub(super) fn built_here(&self, node: Node<'t>) -> Option<&'t str> {
        let (start, chain) = self.method_chain(node);
        let class = self.built_at(start)?;
        self.chain_returns_itself(class, &chain).then_some(class)
    }

    /// The class the expression `node` (a chain's start) builds.
    fn built_at(&self, node: Node<'t>) -> Option<&'t str> {
        match self.adapter.expr(node, self.text) {
            Expr::Call {
                callee,
                receiver: None,
                ..
            } => Some(text_of(callee, self.text)).filter(|name| self.defines_class(name)),
            _ => None,
        }
        .or_else(|| {
            self.adapter
                .constructed(node, self.text)
                .filter(|name| self.defines_class(name))
        })
        .or_else(|| self.returns_own_type(node))
    }

    pub(super) fn defines_class(&self, name: &str) -> bool {
        self.classes.contains(name)
    }

    /// The one class of this file a parameter's type names (`State<Notifier>`, `&UserRepo`,
    /// `web::Data<Repo>`, `svc: Service`): the parameter holds an object of it. None when the
    /// type names no such class or several.
    /// A struct that only holds services in typed fields counts too (`State<AppState>` with
    /// `struct AppState { orders: OrderService }`, `typed_fields.rs`).
    pub(super) fn class_in_type<'a>(&self, annotation: &'a str) -> Option<&'a str> {
        self.class_named_in(annotation, |word| {
            self.defines_class(word) || self.holds_typed_fields(word)
        })
    }

    /// The one word of `annotation` that `is_class` accepts, if no other such word differs.
    pub(super) fn class_named_in<'a>(
        &self,
        annotation: &'a str,
        is_class: impl Fn(&str) -> bool,
    ) -> Option<&'a str> {
        let mut found = annotation
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|word| is_class(word));
        let class = found.next()?;
        found.all(|other| other == class).then_some(class)
    }

    /// The method `name` of the class function `caller` belongs to, its own or one it
    /// inherits (`this.renderSource()`, `self._complete`).
    pub(super) fn method_of_caller(&self, caller: usize, name: &str) -> Option<usize> {
        let class = class_name(&self.functions[caller], self.text)?;
        self.methods.get(class)?.get(name).copied()
    }

    /// The method `name` of the class whose object `receiver` holds, if the pass knows it.
    pub(super) fn method_of_object(
        &self,
        receiver: Node<'t>,
        name: &str,
        pass: &Pass<'_>,
    ) -> Option<usize> {
        // A variable holding the object, or the object built right there
        // (`Fetcher(session).fetch(url)`).
        let class = match self.object_class(receiver, pass, 0) {
            Some(class) => class,
            None => self.class_built_by(receiver)?.to_string(),
        };
        self.methods.get(class.as_str())?.get(name).copied()
    }

    /// `q.order_clause` where `order_clause` is a `@property` (or `@cached_property`, or a
    /// JavaScript `get order_clause()`) of the
    /// class `q` holds an object of, or, when that is unknown, of the one class of the file
    /// that defines a property of that name: what the getter returns for that object, as a call
    /// of it would, and whether the object's class was known (not guessed from the name).
    pub(super) fn property_read(
        &self,
        node: Node<'t>,
        object: Node<'t>,
        value: &Value,
        pass: &Pass<'_>,
    ) -> Option<(Value, bool)> {
        let path = self.adapter.path(node, self.text)?;
        let name = path.rsplit('.').next()?;
        let is_property = |index: usize| {
            let function = &self.functions[index];
            function.decorators.iter().any(|d| {
                let text = text_of(*d, self.text).trim_start_matches('@');
                matches!(
                    text.rsplit('.').next(),
                    Some("property" | "cached_property")
                )
            }) || is_getter(function.node)
        };
        // Most member reads name no function of the file: asked first, it is the cheap answer.
        let mut properties = self
            .by_name
            .get(name)?
            .iter()
            .copied()
            .filter(|&i| is_property(i));
        let first = properties.next()?;
        let (index, known) = match self.method_of_object(object, name, pass) {
            Some(index) if is_property(index) => (index, true),
            Some(_) => return None,
            None if properties.next().is_none() => (first, false),
            None => return None,
        };
        let value = self.returned_by(node, index, name, &[], Some(value), None)?;
        Some((value, known))
    }

    /// `str(page)` of an object of a class of the file that defines `__str__`: what that
    /// method returns for the object (its text, its taint), as a call of it would.
    #[inline(never)]
    pub(super) fn text_of_object(
        &self,
        node: Node<'t>,
        callee: Node<'t>,
        args: &[Arg<'t>],
        values: &[Value],
        pass: &Pass<'_>,
    ) -> Option<Value> {
        let ([arg], [value]) = (args, values) else {
            return None;
        };
        if text_of(callee, self.text) != "str" || arg.keyword.is_some() || arg.spread {
            return None;
        }
        let index = self.method_of_object(arg.value, "__str__", pass)?;
        self.returned_by(node, index, "__str__", &[], Some(value), None)
    }

    /// The environment a helper's summary starts from: the module's and, for a method, the
    /// attributes its class's `__init__` / `constructor` sets to constants
    /// (`self.base = "https://..."`).
    pub(super) fn object_env(&self, method: usize) -> Env {
        let mut env = self.module_env.clone();
        self.initialised_objects(method, &mut env);
        let methods = class_name(&self.functions[method], self.text)
            .and_then(|class| self.methods.get(class));
        let constructor = ["__init__", "constructor"]
            .iter()
            .find_map(|name| methods?.get(*name).copied());
        let Some(init) = constructor else {
            // Rust: `fn new() -> Self { Self { services: table(), .. } }`.
            if let Some(new) = methods.and_then(|m| m.get("new").copied()) {
                self.constructed_fields(new, methods, &mut env);
            }
            return env;
        };
        let key = (init, CONSTANT_FIELDS, None);
        if !self.in_progress.borrow_mut().insert(key.clone()) {
            return env;
        }
        let mut hits = Vec::new();
        let (after, _) = self.pass(init, Params::Unknown, self.module_env.clone(), &mut hits);
        self.in_progress.borrow_mut().remove(&key);
        // A field another method sets to a computed value (`def set_url(self, u): self.url =
        // u`) holds that value once it has run: the constructor's constant is only a default.
        let outside = self.fields_set_outside(init, methods);
        let from_params = self.names_params(init);
        // What the pass left as the module had it is in `env` already.
        for (name, value) in after.differing_from(&self.module_env) {
            if !(name.starts_with("self.") || name.starts_with("this.")) {
                continue;
            }
            // A constant; or an object a call made (`this.env = new nunjucks.Environment()`),
            // which a method calling it leaves the same object: what a sink asking who made its
            // receiver needs.
            let keeps = if is_constant(value) {
                !outside.assigned.contains(name) && !outside.filled.contains(name)
            } else {
                value.made_by.is_some()
                    && value.taint.is_none()
                    && !outside.assigned.contains(name)
                    && !value.made_by.as_ref().is_some_and(&from_params)
            };
            if keeps {
                env.insert(name.clone(), value.clone());
            }
        }
        env
    }

    /// Whether the call at a range names a parameter of `function` (other than the object
    /// itself): `self.base = base.rstrip("/")` holds what the caller passed, not an object the
    /// constructor made of its own.
    fn names_params(
        &self,
        function: usize,
    ) -> impl Fn(&std::ops::Range<usize>) -> bool + use<'t, '_> {
        let mut names = Vec::new();
        for param in &self.functions[function].params {
            self.adapter.bindings(param.pattern, &mut names);
        }
        let names: Vec<&'t str> = names
            .into_iter()
            .map(|n| text_of(n, self.text))
            .filter(|n| !matches!(*n, "self" | "this" | "cls"))
            .collect();
        let text = self.text;
        move |bytes| {
            text.get(bytes.clone()).is_some_and(|call| {
                names
                    .iter()
                    .any(|n| super::stores::mentions(call, n, false))
            })
        }
    }

    /// Rust: the fields the constructor `new` (index `new`) fills with constants in the one
    /// struct literal it builds (`Self { services: service_table(), base: BASE }`, `Ok(Self {
    /// .. })`), as `self.<field>` in `env`, unless another method assigns the field.
    fn constructed_fields(
        &self,
        new: usize,
        methods: Option<&HashMap<String, usize>>,
        env: &mut Env,
    ) {
        let function = &self.functions[new];
        let class = class_name(function, self.text);
        let mut literals = Vec::new();
        let mut stack = vec![function.body];
        let mut visited = 0;
        while let Some(node) = stack.pop() {
            visited += 1;
            if visited > 4096 {
                return;
            }
            if node.kind() == "struct_expression"
                && node.child_by_field_name("name").is_some_and(|n| {
                    let built = text_of(n, self.text);
                    built == "Self" || Some(built) == class
                })
            {
                literals.push(node);
                continue;
            }
            stack.extend(named_children(node));
        }
        let [literal] = literals[..] else {
            return;
        };
        let Some(body) = literal.child_by_field_name("body") else {
            return;
        };
        let key = (new, CONSTANT_FIELDS, None);
        if !self.in_progress.borrow_mut().insert(key.clone()) {
            return;
        }
        // The constructor's own names (`let table = ...; Self { table }`), then each field.
        let mut hits = Vec::new();
        let (after, _) = self.pass(new, Params::Unknown, self.module_env.clone(), &mut hits);
        let outside = self.fields_set_outside(new, methods);
        let mut pass = self.module_level_pass(new, &mut hits);
        pass.env = after;
        for field in named_children(body) {
            let (name, value) = match field.kind() {
                "field_initializer" => match (
                    field.child_by_field_name("field"),
                    field.child_by_field_name("value"),
                ) {
                    (Some(name), Some(value)) => (name, value),
                    _ => continue,
                },
                "shorthand_field_initializer" => match field.named_child(0) {
                    Some(name) => (name, name),
                    None => continue,
                },
                _ => continue,
            };
            let key = format!("self.{}", text_of(name, self.text));
            let held = self.eval(value, &mut pass);
            if is_constant(&held)
                && !outside.assigned.contains(&key)
                && !outside.filled.contains(&key)
            {
                env.insert(key, held);
            }
        }
        self.in_progress.borrow_mut().remove(&key);
    }

    /// Adds to `env` the objects the field initialisers of `method`'s class make
    /// (`protected readonly env = new nunjucks.Environment()`), unless the class assigns the
    /// field elsewhere: a sink asking who made its receiver reads them.
    pub(super) fn initialised_objects(&self, method: usize, env: &mut Env) {
        let Some(body) = self.functions[method]
            .class()
            .and_then(|class| class.child_by_field_name("body"))
        else {
            return;
        };
        let made: Vec<(Node<'t>, Node<'t>)> = named_children(body)
            .into_iter()
            .filter(|item| matches!(item.kind(), "field_definition" | "public_field_definition"))
            .filter_map(|item| {
                let name = item
                    .child_by_field_name("property")
                    .or_else(|| item.child_by_field_name("name"))?;
                let value = item.child_by_field_name("value")?;
                matches!(self.adapter.expr(value, self.text), Expr::Call { .. })
                    .then_some((name, value))
            })
            .collect();
        if made.is_empty() {
            return;
        }
        let assigned: HashSet<String> = self
            .assignments_to_self(body)
            .into_iter()
            .map(|(key, _)| key)
            .collect();
        let mut hits = Vec::new();
        let mut pass = self.module_level_pass(method, &mut hits);
        for (name, value) in made {
            let key = format!("this.{}", text_of(name, self.text));
            if assigned.contains(&key) {
                continue;
            }
            let value = self.eval(value, &mut pass);
            if value.made_by.is_some() && value.taint.is_none() {
                env.insert(key, value);
            }
        }
    }

    /// The fields (`self.url`, `this.url`) the methods other than `constructor` assign a value
    /// that is not a literal, and those they fill in place.
    /// Computed once per class: every summary of its methods asks.
    fn fields_set_outside(
        &self,
        constructor: usize,
        methods: Option<&HashMap<String, usize>>,
    ) -> Rc<OutsideWrites> {
        if let Some(done) = self.fields_set_outside.borrow().get(&constructor) {
            return done.clone();
        }
        let mut outside = OutsideWrites::default();
        for &method in methods.into_iter().flat_map(|m| m.values()) {
            if method == constructor {
                continue;
            }
            outside.assigned.extend(
                self.assignments_to_self(self.functions[method].body)
                    .into_iter()
                    .filter(|(_, value)| !crate::lang::is_literal(*value))
                    .map(|(key, _)| key),
            );
            // Filled in place (`this.subscriptions.set(id, url)` into the constructor's `new
            // Map()`): no longer only what the constructor put there.
            outside
                .filled
                .extend(self.fields_filled_in_place(self.functions[method].body));
        }
        let outside = Rc::new(outside);
        self.fields_set_outside
            .borrow_mut()
            .insert(constructor, outside.clone());
        outside
    }
}

/// What the methods other than a class's constructor do to its fields.
#[derive(Default)]
pub(super) struct OutsideWrites {
    /// Assigned a value that is not a literal (`self.url = u`).
    assigned: HashSet<String>,
    /// Filled in place by a method call with arguments (`this.m.set(k, v)`).
    filled: HashSet<String>,
}

impl<'t> FileFlow<'t, '_> {
    /// The fields of its own object `node` calls a method on that may fill them (`self.x.append(v)`,
    /// `this.m.set(k, v)`; not `get`, `has` or another method that only reads).
    fn fields_filled_in_place(&self, node: Node<'t>) -> Vec<String> {
        let mut found = Vec::new();
        let mut stack = vec![node];
        while let Some(node) = stack.pop() {
            if let Expr::Call {
                callee,
                receiver: Some(receiver),
                method: Some(_),
                args,
            } = self.adapter.expr(node, self.text)
                && !args.is_empty()
                && !super::fields::reads_only(callee, self.text)
                && let Some(key) = self.key(receiver)
                && key.split_once('.').is_some_and(|(object, name)| {
                    matches!(object, "self" | "this") && !name.contains('.')
                })
            {
                found.push(key);
            }
            stack.extend(crate::flow::adapter::named_children(node));
        }
        found
    }
}

impl FileFlow<'_, '_> {
    /// The bytes a summary of function `index` depends on: its class, for a method (whose
    /// summary reads the constructor), else the function itself.
    pub(super) fn class_range(&self, index: usize) -> std::ops::Range<usize> {
        let function = &self.functions[index];
        function
            .class()
            .map_or(function.node.byte_range(), |class| class.byte_range())
    }
}

fn is_constant(value: &Value) -> bool {
    value.taint.is_none() && value.clean == super::ALL
}

/// Adds to each class's `methods` those of the classes of the file it extends that it does
/// not define itself (`class OrderRenderer extends Renderer` calls `this.renderSource()` of
/// `Renderer`), through a few levels.
pub(super) fn inherit_methods<'t>(
    adapter: &dyn crate::flow::adapter::Adapter,
    functions: &[Function<'t>],
    text: &'t str,
    methods: &mut HashMap<&'t str, HashMap<String, usize>>,
) {
    let mut extends: Vec<(&'t str, Vec<&'t str>)> = Vec::new();
    let mut seen = HashSet::new();
    for function in functions {
        let (Some(class), Some(name)) = (function.class(), class_name(function, text)) else {
            continue;
        };
        if seen.insert(class.byte_range()) {
            let supers = adapter.superclasses(class, text);
            if !supers.is_empty() {
                extends.push((name, supers));
            }
        }
    }
    for _ in 0..4 {
        let mut grew = false;
        for (class, supers) in &extends {
            for base in supers {
                if base == class {
                    continue;
                }
                let Some(inherited) = methods.get(base).cloned() else {
                    continue;
                };
                let own = methods.entry(class).or_default();
                for (name, index) in inherited {
                    if let std::collections::hash_map::Entry::Vacant(slot) = own.entry(name) {
                        slot.insert(index);
                        grew = true;
                    }
                }
            }
        }
        if !grew {
            break;
        }
    }
}

/// The name of the class a method is defined in.
pub(super) fn class_name<'a>(function: &Function<'_>, text: &'a str) -> Option<&'a str> {
    let class = function.class()?;
    // A Rust `impl Archiver` / `impl<T> Store<T>` names its type, not itself.
    let name = class.child_by_field_name("name").or_else(|| {
        let ty = class.child_by_field_name("type")?;
        Some(ty.child_by_field_name("type").unwrap_or(ty))
    })?;
    Some(text_of(name, text))
}

/// `get url() { ... }`: a JavaScript accessor, read as a field and run as a method.
fn is_getter(node: Node<'_>) -> bool {
    if node.kind() != "method_definition" {
        return false;
    }
    let mut cursor = node.walk();
    node.children(&mut cursor).any(|c| c.kind() == "get")
}

/// The type a call names with a turbofish (`depot.obtain::<Arc<Moderation>>()`,
/// `req.app_data::<web::Data<Repo>>()`): what a framework's typed registry hands back.
fn turbofish(call: &str) -> Option<&str> {
    let start = call.find("::<")? + 3;
    let mut depth = 1;
    for (at, c) in call[start..].char_indices() {
        match c {
            '<' => depth += 1,
            '>' => {
                depth -= 1;
                if depth == 0 {
                    return call.get(start..start + at);
                }
            }
            '(' | ';' | '{' => return None,
            _ => {}
        }
    }
    None
}
