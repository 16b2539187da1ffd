//! The neutral shapes the flow core reasons about, and the trait one adapter per language
//! implements to map its syntax tree onto them. The core never looks at a node kind.

use std::collections::HashSet;
use tree_sitter::Node;

/// A class's name and its typed fields, (field, type) as written (`Adapter::declared_fields`).
pub(crate) type DeclaredFields<'t> = (&'t str, Vec<(&'t str, &'t str)>);

/// What a name a `case` pattern captures holds of the matched subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Captured {
    /// The subject or a part of it (`case {"token": token}`): whatever the subject holds.
    Part,
    /// A part checked to be a `str` (`case {"name": str(name)}`): no operator object.
    Text,
    /// A part checked to be a number or boolean (`case {"n": int(n)}`): never tainted.
    Number,
}

/// The names a `case` binds and the condition it runs under (`Adapter::case_captures`).
#[derive(Default)]
pub(crate) struct CaseCaptures<'t> {
    pub names: Vec<(Node<'t>, Captured)>,
    pub guard: Option<Node<'t>>,
}

/// A call, as sinks, sources, sanitizers and propagators match it.
#[derive(Debug, Clone)]
pub(crate) struct CallSite<'a> {
    /// The callee's canonical dotted name when it is one: resolved through the file's imports
    /// (`r.get` after `import requests as r` → `requests.get`; `run` after `import { exec as run }
    /// from 'node:child_process'` → `child_process.exec`; Rust `::` written `.`), else as written.
    pub path: Option<String>,
    /// The callee's dotted name as written (`r.get`), which names local helpers.
    pub written: Option<String>,
    /// The method name of a call on a receiver (`cur.execute` → `execute`).
    pub method: Option<String>,
    pub receiver_text: Option<&'a str>,
    /// The whole call's text.
    pub text: &'a str,
    /// The literal text each argument's value starts with, one per line (`html` after `html =
    /// "<div>" + q`): a sink's `text` regex may find there what the call's own text does not show.
    pub arg_prefixes: String,
    /// The text of the call each argument's value was made by, one per line (`parser` after
    /// `parser = etree.XMLParser(resolve_entities=True)`).
    pub arg_calls: String,
    /// The call's text with each argument that is a name bound to an object or string literal
    /// written as that literal (`https.get({ hostname: "api.example.com", path })` for
    /// `https.get(options)`), when there is one.
    pub text_with_object: Option<String>,
    /// The text of the call that made the receiver (`c` after `with httpx.Client() as c`).
    pub receiver_call: Option<&'a str>,
    /// That call written with its callee's canonical name (`requests.Session()` for
    /// `rq.Session()` after `import requests as rq`), where the two differ.
    pub receiver_call_resolved: Option<String>,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Arg<'t> {
    pub value: Node<'t>,
    pub keyword: Option<Node<'t>>,
    /// `*args`, `**kwargs`, `...rest`: fills an unknown number of positions, so neither it nor
    /// any argument after it is known to sit at a given position.
    pub spread: bool,
}

/// What an expression is, to the flow core.
pub(crate) enum Expr<'t> {
    /// A literal: constant, never tainted.
    Constant,
    /// A variable.
    Name,
    /// `object.property`, `object::property`.
    Member { object: Node<'t> },
    /// A field read written in a macro's tokens (`p.page` in `format!("{}", p.page)`), which
    /// the grammar leaves unparsed: the object's value, or a number when the file declares the
    /// field one (`Adapter::scalar_fields`).
    TokenField { object: Node<'t>, field: Node<'t> },
    /// `object[index]`.
    Index { object: Node<'t> },
    Call {
        callee: Node<'t>,
        receiver: Option<Node<'t>>,
        method: Option<Node<'t>>,
        args: Vec<Arg<'t>>,
    },
    /// `target = value`, `target += value` (JavaScript assignments are expressions).
    Assign {
        target: Node<'t>,
        value: Node<'t>,
        augmented: bool,
    },
    /// A value built from parts: f-strings, template literals, `+`, `%`, containers, `format!`.
    /// Constant when every part is; tainted when any part is.
    Compose(Vec<Node<'t>>),
    /// An object literal, composed like `Compose` from its fields: each one's name when it is
    /// written plainly (`body`, `"Content-Type"`), and its value (or a computed name, a spread, a
    /// method). Sinks may name a field of an object like it (a Lambda response's `body`).
    Object(Vec<(Option<String>, Node<'t>)>),
    /// `condition ? then : otherwise`, `then if condition else otherwise`: each side is
    /// evaluated under what the condition vouches for there (`url.startsWith("/") ? url : "/"`).
    Choose {
        condition: Node<'t>,
        then: Node<'t>,
        otherwise: Node<'t>,
    },
    /// `first && then`, `first and then`: `then` where `first` holds (evaluated under what it
    /// vouches for), else `first` itself, which is then falsy (empty, zero, none): harmless
    /// to every sink, so the value is `then`'s.
    AndThen { first: Node<'t>, then: Node<'t> },
    /// A value whose taint is its inner one's: parentheses, `await`, `&x`, `x?`.
    Wrap(Node<'t>),
    /// `yield x` in a generator: `x` is one of the values its caller iterates over, as if
    /// returned; the expression's own value is what the caller sends back (unknown).
    Yield(Option<Node<'t>>),
    /// A conversion to a number or boolean: never tainted.
    Convert,
    /// A block used as a value (Rust: a `match` arm's `{ ... }`, `let v = { ... }`): its
    /// statements run, and its value is its last expression's.
    Block(Node<'t>),
    /// Clauses that bind names, then a value read under them and under conditions: a Python
    /// comprehension (`[fetch(u) for u in urls if u in ALLOWED]`). Each clause is run as a
    /// statement; each condition guards the value like an `if`.
    Scoped {
        clauses: Vec<Node<'t>>,
        conditions: Vec<Node<'t>>,
        value: Node<'t>,
    },
    /// A `match` used as a value: each arm's pattern binds (parts of) the scrutinee, and the
    /// value is the join of the arms' values (`Some(to) => to` carries the matched value; arms
    /// of literals, `Some("docs") => "/docs"`, are constant whatever was matched).
    Arms {
        scrutinee: Node<'t>,
        arms: Vec<(Node<'t>, Node<'t>)>,
    },
    /// A nested function or lambda: analysed on its own.
    Opaque,
    /// Anything else: tainted when a named child is, never constant.
    Other,
}

/// What a statement is, to the flow core.
pub(crate) enum Stmt<'t> {
    /// `let pattern = value`, `with value as pattern`, a parameter default.
    Bind {
        pattern: Node<'t>,
        value: Option<Node<'t>>,
    },
    If {
        condition: Node<'t>,
        then: Node<'t>,
        otherwise: Option<Node<'t>>,
    },
    /// A loop; `pattern` takes each element of `iterable`.
    Loop {
        pattern: Option<Node<'t>>,
        iterable: Option<Node<'t>>,
        body: Vec<Node<'t>>,
    },
    /// `with a as x, b as y: body` (also `async with`).
    With {
        items: Vec<(Node<'t>, Option<Node<'t>>)>,
        body: Node<'t>,
    },
    /// `try: body except: handler else: ... finally: ...` (`try {} catch {} finally {}`): a
    /// handler may start after any statement of `body`, so it sees what `body` may have
    /// assigned and what was there before; after the statement, what `body` (with `else`) left
    /// or what a handler that falls through left; `finally` runs after either.
    Try {
        body: Vec<Node<'t>>,
        handlers: Vec<Node<'t>>,
        finally: Option<Node<'t>>,
    },
    /// `switch (subject) { case ..: ... }`, Python's `match subject: case ..: ...`: one case
    /// runs (each `cases` node's named children are its statements); with no `default` /
    /// `case _` (`exhaustive`), possibly none.
    Switch {
        /// What is matched: one expression, or several (`match name, args:`).
        subjects: Vec<Node<'t>>,
        cases: Vec<Node<'t>>,
        /// Per case, the node holding its pattern (Python's `case_clause`), for
        /// [`Adapter::case_captures`] and its guard; empty where patterns bind nothing.
        clauses: Vec<Node<'t>>,
        exhaustive: bool,
    },
    Return(Option<Node<'t>>),
    /// `raise`, `throw`, `abort()`: the rest of the block does not run.
    Exit(Option<Node<'t>>),
    /// A function or class nested here: analysed on its own.
    Skip,
    Expr(Node<'t>),
    /// A block or other container: its named children are statements.
    Block,
}

/// Where the elements come from that a call hands, one by one, to the callback it is given as
/// the callback's first parameter: `urls.map((u) => fetch(u))` (the receiver), Python's
/// `map(lambda u: get(u), urls)` (an argument).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Elements {
    Receiver,
    Arg(usize),
    /// The callback takes no element: the call returns what it returns (React's
    /// `useMemo(() => render(body), [body])`).
    Nothing,
}

/// A condition, as guards read it.
pub(crate) enum Condition<'t> {
    Not(Node<'t>),
    /// `element in container` (`negated`: `not in`).
    Membership {
        element: Node<'t>,
        negated: bool,
    },
    /// `".." in path` (`negated`: `not in`): holds for a path that may climb out of its root,
    /// so where it fails the path stays inside.
    Climbs {
        path: Node<'t>,
        negated: bool,
    },
    /// `m is not None`, `bool(m)`: holds where the value is truthy, as the value itself does.
    Same(Node<'t>),
    /// `a and b`, `a && b`: both hold.
    All(Vec<Node<'t>>),
    /// `a or b`, `a || b`: where it fails, every part fails.
    Any(Vec<Node<'t>>),
    Expr(Node<'t>),
}

/// A function definition.
pub(crate) struct Function<'t> {
    pub node: Node<'t>,
    pub name: Option<String>,
    /// Parameters in call order (a method's `self` left out): binding pattern and type, if any.
    pub params: Vec<Param<'t>>,
    /// Decorators (Python) or attributes (Rust) written on it.
    pub decorators: Vec<Node<'t>>,
    /// The statements of the body; an expression body (`x => f(x)`) is returned.
    pub body: Node<'t>,
    pub expression_body: bool,
    /// Its nearest [`ANCESTORS`] ancestors, the parent first: set by [`Adapter::functions`],
    /// which knows them without asking (`Node::parent` costs as much as the node is deep).
    pub ancestors: [Option<Node<'t>>; ANCESTORS],
}

impl<'t> Function<'t> {
    /// The class (or `impl`) a method is defined in, as [`class_node`] finds it.
    pub fn class(&self) -> Option<Node<'t>> {
        class_among(&self.ancestors)
    }

    /// Whether this is the module's own statements (the tree's root, which alone has no
    /// parent), not a function written in it.
    pub fn is_module(&self) -> bool {
        self.ancestors[0].is_none()
    }
}

pub(crate) struct Param<'t> {
    pub pattern: Node<'t>,
    /// The declared type and default value, as written.
    pub annotation: Option<Node<'t>>,
    pub default: Option<Node<'t>>,
}

/// How a grammar spells the conditions guards read, beyond the parentheses every grammar here
/// writes as `parenthesized_expression`.
pub(crate) struct ConditionSyntax {
    /// The node kind and leading operator of a negation: `not x`, `!x`.
    pub not: (&'static str, &'static str),
    /// The node kind and operator of a conjunction: `a and b`, `a && b`.
    pub and: (&'static str, &'static str),
    /// The operator of a disjunction, in a node of the conjunction's kind: `or`, `||`.
    pub or: &'static str,
}

/// `!x` and `a && b`: JavaScript, TypeScript and Rust.
pub(crate) const C_LIKE_CONDITIONS: ConditionSyntax = ConditionSyntax {
    not: ("unary_expression", "!"),
    and: ("binary_expression", "&&"),
    or: "||",
};

/// One language's view of its syntax tree.
pub(crate) trait Adapter: Sync {
    /// Every function, method and lambda in the tree, outermost first. The module's own
    /// statements form a function too (with `node` the root).
    fn functions<'t>(&self, root: Node<'t>, text: &str, out: &mut Vec<Function<'t>>) {
        out.push(Function {
            node: root,
            name: None,
            params: Vec::new(),
            decorators: Vec::new(),
            body: root,
            expression_body: false,
            ancestors: [None; ANCESTORS],
        });
        // Iterative, outermost first: a hostile file's nesting must not recurse. Each node
        // comes with its nearest ancestors: `Node::parent` descends from the root, so asking
        // each of thousands of nested closures for its class took minutes.
        let mut stack = vec![(root, [None; ANCESTORS])];
        while let Some((node, ancestors)) = stack.pop() {
            if let Some(mut function) = self.function(node, ancestors[0], text) {
                function.ancestors = ancestors;
                out.push(function);
            }
            let mut inner = [None; ANCESTORS];
            inner[0] = Some(node);
            inner[1..].copy_from_slice(&ancestors[..ANCESTORS - 1]);
            let mut children = named_children(node);
            children.reverse();
            stack.extend(children.into_iter().map(|child| (child, inner)));
        }
    }
    /// The function `node` defines, if it is one with a body. `parent` is `node.parent()`,
    /// given because the caller knows it: asking costs as much as the node is deep.
    fn function<'t>(
        &self,
        node: Node<'t>,
        parent: Option<Node<'t>>,
        text: &str,
    ) -> Option<Function<'t>>;
    /// Whether a node of this kind is a function, method or lambda (the unit re-analysed after
    /// an edit).
    fn is_function(&self, kind: &str) -> bool;
    /// Whether a top-level node of this kind belongs to the item after it (a Rust attribute,
    /// or a comment between attributes and their item): an edit of it changes that item.
    fn annotates_next(&self, _kind: &str) -> bool {
        false
    }
    fn stmt<'t>(&self, node: Node<'t>, text: &str) -> Stmt<'t>;
    fn expr<'t>(&self, node: Node<'t>, text: &str) -> Expr<'t>;
    /// How this grammar writes negation, conjunction and disjunction.
    fn condition_syntax(&self) -> &'static ConditionSyntax;
    /// A condition that is not parenthesised, negated or a conjunction: a membership test
    /// (`x in ALLOWED`) where the language has one, else an expression.
    fn simple_condition<'t>(&self, node: Node<'t>, _text: &str) -> Condition<'t> {
        Condition::Expr(node)
    }
    /// An equality test `left == right` (`negated`: `!=`), or `None`.
    fn equality<'t>(&self, node: Node<'t>) -> Option<(Node<'t>, Node<'t>, bool)> {
        if node.kind() != "binary_expression" {
            return None;
        }
        let negated = match operator(node) {
            "==" | "===" => false,
            "!=" | "!==" => true,
            _ => return None,
        };
        Some((
            node.child_by_field_name("left")?,
            node.child_by_field_name("right")?,
            negated,
        ))
    }
    /// The elements of a tuple or list written out (`sql, params`, `[a, b]`, `(a, b)`), as a
    /// value or as a pattern; `None` for anything else, or when an element is spread or
    /// skipped (`*rest`, `...rest`, `..`, `[a, , b]`), so positions are not known.
    fn tuple_parts<'t>(&self, node: Node<'t>) -> Option<Vec<Node<'t>>> {
        const TUPLES: &[&str] = &[
            "expression_list",
            "pattern_list",
            "tuple",
            "tuple_pattern",
            "list",
            "list_pattern",
            "array",
            "array_pattern",
            "tuple_expression",
        ];
        if !TUPLES.contains(&node.kind()) {
            return None;
        }
        let mut parts = Vec::new();
        let mut commas = 0;
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            match child.kind() {
                "," => commas += 1,
                "comment" => {}
                _ if child.is_named() => parts.push(child),
                _ => {}
            }
        }
        let spread = parts.iter().any(|p| {
            p.kind().contains("splat")
                || p.kind().contains("spread")
                || p.kind().contains("rest")
                || p.kind() == "remaining_field_pattern"
        });
        // A hole (`[a, , b]`) is a comma with no element.
        let positional = commas + 1 == parts.len() || commas == parts.len();
        (parts.len() >= 2 && !spread && positional).then_some(parts)
    }
    /// The fields an object pattern binds (`{ where, params: args }` → `where`, `params`), each
    /// with the pattern bound to it; `None` for anything else, or with a rest element.
    fn field_parts<'t>(&self, _node: Node<'t>, _text: &str) -> Option<Vec<(String, Node<'t>)>> {
        None
    }
    /// `typeof x`: the operand whose type the expression names, or `None`.
    fn type_test<'t>(&self, _node: Node<'t>) -> Option<Node<'t>> {
        None
    }
    /// A test that holds only when a name equals one of some literals (Rust `matches!(*ext,
    /// "png" | "jpg")`): the name tested, or `None`.
    fn one_of_literals<'t>(&self, _node: Node<'t>, _text: &str) -> Option<Node<'t>> {
        None
    }
    /// A path made of one value and nothing else (Rust `Path::new(&name)`,
    /// `PathBuf::from(name)`): the value, whose check it is when the path is checked
    /// (`Path::new(&name).components().all(...)` vouches for `name`); `None` for anything else.
    fn path_of<'t>(&self, _node: Node<'t>, _text: &str) -> Option<Node<'t>> {
        None
    }
    /// The name an exception handler binds what it caught to (`except ValueError as exc`,
    /// `catch (err)`); `None` without one or without exceptions.
    fn caught<'t>(&self, _handler: Node<'t>) -> Option<Node<'t>> {
        None
    }
    /// What a condition says, as guards read it.
    fn condition<'t>(&self, node: Node<'t>, text: &str) -> Condition<'t> {
        let syntax = self.condition_syntax();
        let mut node = node;
        while node.kind() == "parenthesized_expression" {
            match first_named_child(node) {
                Some(inner) => node = inner,
                None => return Condition::Expr(node),
            }
        }
        let kind = node.kind();
        if kind == syntax.not.0 && node.child(0).is_some_and(|o| o.kind() == syntax.not.1) {
            return match node.named_child(0) {
                Some(inner) => Condition::Not(inner),
                None => Condition::Expr(node),
            };
        }
        if kind == syntax.and.0 {
            match node.child_by_field_name("operator").map(|o| o.kind()) {
                Some(operator) if operator == syntax.and.1 => {
                    return Condition::All(named_children(node));
                }
                Some(operator) if operator == syntax.or => {
                    return Condition::Any(named_children(node));
                }
                _ => {}
            }
        }
        self.simple_condition(node, text)
    }
    /// The identifiers a pattern binds (`x`, `(a, b)`, `{ q, body: b }`, `Query(params)`).
    fn bindings<'t>(&self, pattern: Node<'t>, out: &mut Vec<Node<'t>>);

    /// The names a `case` pattern binds (`case {"url": str(url)}:`), each with what it holds
    /// of the subject, and the case's guard (`case ... if len(p) > 8:`). None by default.
    fn case_captures<'t>(&self, _clause: Node<'t>, _text: &str) -> CaseCaptures<'t> {
        CaseCaptures::default()
    }
    /// The type an expression builds where the grammar has no constructor call for it (a Rust
    /// struct literal `Archiver { root }`, `Archiver::new(root)`): its name as written.
    fn constructed<'t>(&self, _node: Node<'t>, _text: &'t str) -> Option<&'t str> {
        None
    }
    /// Whether `name`, bound by `pattern`, takes the error a call failed with (Rust's `Err(e)`):
    /// the library's message, not what the call was given, as an exception caught in Python
    /// or JavaScript is.
    fn binds_error<'t>(&self, _name: Node<'t>, _pattern: Node<'t>, _text: &str) -> bool {
        false
    }
    /// For a name a destructuring pattern binds, the property it is read from
    /// (`const { body } = req` → `body`).
    fn destructured<'t>(&self, _name: Node<'t>, _text: &str) -> Option<String> {
        None
    }
    /// The literal text a string or string-building expression starts with, up to its first
    /// interpolation (`f"https://api/{x}"` → `https://api/`). `None` when it starts with a value.
    fn literal_prefix(&self, _node: Node<'_>, _text: &str) -> Option<String> {
        None
    }
    /// Whether a constant's literal prefix is its whole text: a plain string literal.
    fn is_whole_literal(&self, _node: Node<'_>) -> bool {
        false
    }
    /// Whether a constant is a pattern literal (JavaScript's `/^[a-z]+$/`): it makes an object
    /// whose checks read its text, as `re.compile("...")` does, so it is its own maker.
    fn is_pattern_literal(&self, _node: Node<'_>) -> bool {
        false
    }
    /// For a string built by concatenation or interpolation that starts with a part which is
    /// not a literal (`${API}/repos/${name}`, `API + "/repos/"`), the literal text written
    /// right after that first part, up to the next one.
    fn literal_after_first(&self, _node: Node<'_>, _text: &str) -> Option<String> {
        None
    }
    /// For an argument list written inside a macro (`format!("{}", escape(x))`), the dotted name
    /// of the function it is passed to: the macro's tokens are not parsed as calls.
    fn token_call(&self, _node: Node<'_>, _text: &str) -> Option<String> {
        None
    }
    /// For such an argument list, the values written in each argument.
    fn token_arguments<'t>(&self, _node: Node<'t>, _text: &str) -> Vec<Vec<Node<'t>>> {
        Vec::new()
    }
    /// The dotted name of a name or member chain: `request.args`, `std.env.args`.
    fn path(&self, node: Node<'_>, text: &str) -> Option<String>;
    /// Names a format string interpolates by name (Rust `format!("{name}")`).
    fn format_names(&self, _node: Node<'_>, _text: &str) -> Vec<String> {
        Vec::new()
    }
    /// The name a property assignment or attribute sets (`el.innerHTML = x` → `innerHTML`).
    fn property_name(&self, target: Node<'_>, text: &str) -> Option<String>;
    /// A record written out, other than an object literal (`Expr::Object`): its fields by name
    /// with their value nodes, when every field is named (`{"file": f, "owner": o}`, `Job {
    /// url, id }`). `None` for any other node, and for one with a field unnamed or spread.
    fn record_fields<'t>(
        &self,
        _node: Node<'t>,
        _text: &'t str,
    ) -> Option<Vec<(&'t str, Node<'t>)>> {
        None
    }
    /// The name of a class a top-level statement defines whose constructor sets one field per
    /// keyword argument, as it has no constructor of its own (a dataclass, a named tuple, a
    /// model): `Subscription(url=u, event=e)` is then a record.
    fn record_class<'t>(&self, _node: Node<'t>, _text: &'t str) -> Option<&'t str> {
        None
    }
    /// The field of a record a read names: `job.url`, `meta["file"]`.
    fn field_read<'t>(&self, _node: Node<'t>, _text: &'t str) -> Option<&'t str> {
        None
    }
    /// For a call of this method (on a receiver) or function (without one), where the elements
    /// its callback argument receives come from: the language's own iteration and promise
    /// methods, which every program uses, so they are the adapter's, not a library's.
    fn callback_elements(
        &self,
        _method: Option<&str>,
        _function: Option<&str>,
    ) -> Option<Elements> {
        None
    }
    /// The command-line options the file declares only with a fixed set of literal values
    /// (Python's `add_argument("--mode", choices=[...])`), by the name their parsed value is
    /// read with (`args.mode`).
    fn option_choices(&self, _root: Node<'_>, _text: &str) -> std::collections::HashSet<String> {
        std::collections::HashSet::new()
    }

    /// Whether a call of `function` (a canonical name) sets the properties of its later
    /// arguments' object literals on its first argument: JavaScript's `Object.assign(el, {
    /// innerHTML: html })` is `el.innerHTML = html` for property sinks.
    fn assigns_properties(&self, _function: &str) -> bool {
        false
    }
    /// Whether such a callback's second parameter is the element's index (JavaScript's
    /// `xs.map((x, i) => ...)`, `forEach`, `Array.from`): a number.
    fn callback_index(&self) -> bool {
        false
    }
    /// For a call that builds its result from what its callback argument returns for each
    /// element (`xs.map((x, i) => "$" + (i + 1))`, Python's `map(f, xs)`, Rust's `.map(|x|
    /// ...)`), where the elements come from; the result is then what the callback returns.
    fn callback_results(&self, _method: Option<&str>, _function: Option<&str>) -> Option<Elements> {
        None
    }
    /// For a call that keeps the elements its callback accepts (`words.filter((w) =>
    /// /^\w+$/.test(w))`, Rust's `.filter(|s| ...)`, Python's `filter(f, xs)`), where the elements
    /// come from: when the callback is a check that vouches for its parameter, what is kept is
    /// what the check lets through.
    fn callback_filters(&self, _method: Option<&str>, _function: Option<&str>) -> Option<Elements> {
        None
    }
    /// Whether a parameter declared with this type holds only a number, boolean or UUID when the
    /// function runs: Rust's types are checked, a FastAPI route's are validated. Such a
    /// parameter carries no syntax, so a shape rule reading it stays quiet. TypeScript's types
    /// are erased (an `id: number` route parameter is still the request's string): none there.
    /// The names of the classes `class` (a class node) extends, as written last
    /// (`class R extends Base`, `class R(Base, Mixin)`, `extends mod.Base` gives `Base`).
    fn superclasses<'t>(&self, _class: Node<'t>, _text: &'t str) -> Vec<&'t str> {
        Vec::new()
    }
    /// Whether `receiver.method(..)` hands back the value its receiver holds (Rust's
    /// `unwrap`, `expect`, `map_err(..)`, `ok_or(..)` on a `Result` / `Option`): the same
    /// object, host or URL.
    fn unwraps(&self, _method: &str) -> bool {
        false
    }
    fn is_scalar_type(&self, _annotation: &str) -> bool {
        false
    }
    /// Whether a parameter's declared type holds whatever a caller passes (Rust: the compiler
    /// checks every call), so that a helper's `id: i64` is a number even in its summary.
    fn checks_types(&self) -> bool {
        false
    }
    /// Whether `function` is declared to return text that lives for the whole program (Rust's
    /// `-> &'static str`): the program's own text.
    fn declares_static_text(&self, _function: Node<'_>, _text: &str) -> bool {
        false
    }
    /// Whether `name`, one of the names a destructuring parameter binds, takes an element its
    /// declared type makes a number (`id` of `Path((org, id)): Path<(String, i64)>`).
    fn scalar_element(&self, _pattern: Node<'_>, _annotation: &str, _name: Node<'_>) -> bool {
        false
    }
    /// When `node` declares a class, struct or record: its name and the fields its body
    /// declares with a type, as (field, type) as written (`struct S { engine: RuleEngine }`,
    /// TypeScript's `private repo: OrderRepository;`, Python's `repo: OrderRepository` in the
    /// class body). Constructors' parameter properties are not read here.
    fn declared_fields<'t>(&self, _node: Node<'t>, _text: &'t str) -> Option<DeclaredFields<'t>> {
        None
    }
    /// The field names every declaration of the file types as a number, boolean or UUID
    /// (Rust: `struct Page { page: i64 }`), so `p.page` reads a number whatever `p` came from:
    /// a field access compiles only against a declared field; in Python, the fields validating
    /// models (pydantic) declare so, or typed with an enum of the file. Empty where a field's
    /// type is not checked (JavaScript).
    fn scalar_fields<'t>(&self, _root: Node<'t>, _text: &'t str) -> HashSet<&'t str> {
        HashSet::new()
    }

    /// The types the file declares whose values hold no text (Python: its enums), so a handler
    /// parameter typed with one, which the framework converts before the call (`kind:
    /// ReportKind` in a FastAPI or Litestar route), holds one of its members.
    fn scalar_types<'t>(&self, _root: Node<'t>, _text: &'t str) -> HashSet<&'t str> {
        HashSet::new()
    }

    /// `annotation` without the optional wrapper the language writes around a type
    /// (`Optional[Kind]`, `Kind | None`).
    fn required_type<'a>(&self, annotation: &'a str) -> &'a str {
        annotation
    }
}

/// The adapter for a language.
pub(crate) fn for_language(language: crate::lang::Language) -> &'static dyn Adapter {
    use crate::lang::Language;
    match language {
        Language::Python => &super::python::Python,
        Language::JavaScript | Language::TypeScript | Language::Tsx => {
            &super::javascript::JavaScript
        }
        Language::Rust => &super::rust::Rust,
    }
}

/// The text of a node, or "" when it is not valid UTF-8.
pub(crate) fn text_of<'a>(node: Node<'_>, text: &'a str) -> &'a str {
    text.get(node.byte_range()).unwrap_or("")
}

/// Named children, skipping comments.
pub(crate) fn named_children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|c| !c.kind().contains("comment"))
        .collect()
}

/// The first named child that is not a comment: the expression inside parentheses written with
/// a JSDoc type cast, `/** @type {string} */ (x)`, whose comment is the parentheses' first child.
pub(crate) fn first_named_child(node: Node<'_>) -> Option<Node<'_>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .find(|c| !c.kind().contains("comment"))
}

/// The leftmost operand of a chain of `kind` nodes (`a + b + c` → `a`), found with a loop: a
/// hostile file's chain of 50,000 operators must not recurse 50,000 deep.
pub(crate) fn leftmost<'t>(node: Node<'t>, kind: &str) -> Option<Node<'t>> {
    let mut operand = node.child_by_field_name("left")?;
    while operand.kind() == kind {
        operand = operand.child_by_field_name("left")?;
    }
    Some(operand)
}

/// The operator token of a binary node (`+`, `&&`), or "" when it has none.
pub(crate) fn operator<'t>(node: Node<'t>) -> &'t str {
    node.child_by_field_name("operator")
        .map(|o| o.kind())
        .unwrap_or("")
}

/// `left = right`, or `left op= right` when `augmented`: every grammar here names the sides
/// `left` and `right`.
pub(crate) fn assignment(node: Node<'_>, augmented: bool) -> Option<Expr<'_>> {
    Some(Expr::Assign {
        target: node.child_by_field_name("left")?,
        value: node.child_by_field_name("right")?,
        augmented,
    })
}

/// The receiver and method name of a callee that is a member access (`object.method`, written
/// as node kind `kind` with fields `object` and `name`); none for a plain callee.
pub(crate) fn member_parts<'t>(
    callee: Node<'t>,
    (kind, object, name): (&str, &str, &str),
) -> (Option<Node<'t>>, Option<Node<'t>>) {
    if callee.kind() == kind {
        (
            callee.child_by_field_name(object),
            callee.child_by_field_name(name),
        )
    } else {
        (None, None)
    }
}

/// Every named child of an argument list, as positional arguments.
pub(crate) fn positional(list: Node<'_>) -> Vec<Arg<'_>> {
    named_children(list)
        .into_iter()
        .map(|value| Arg {
            value,
            keyword: None,
            spread: false,
        })
        .collect()
}

/// The class a method is defined in (Python `class_definition`, JavaScript `class_declaration`
/// / `class`): the objects of the file's own classes (`core/objects.rs`) follow its methods.
/// The last name of a written class reference (`Base`, `mod.Base`, `Base<T>`).
pub(crate) fn last_name<'t>(node: Node<'t>, text: &'t str) -> Option<&'t str> {
    let name = text_of(node, text);
    let name = name.split('<').next().unwrap_or(name).trim();
    let name = name.rsplit(['.', ':']).next().unwrap_or(name);
    (!name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$'))
    .then_some(name)
}

pub(crate) fn class_node(function: Node<'_>) -> Option<Node<'_>> {
    let mut ancestors = [None; ANCESTORS];
    let mut up = function.parent();
    for slot in &mut ancestors {
        *slot = up;
        up = up.and_then(|n| n.parent());
    }
    class_among(&ancestors)
}

/// How many levels above a method its class body may be (`class_body` > `method_definition`,
/// `class_definition` > `block` > `decorated_definition` > `function_definition`).
const CLASS_REACH: usize = 3;

/// How many ancestors a [`Function`] keeps: one more than [`CLASS_REACH`], since a JavaScript
/// class is the parent of its `class_body`.
pub(crate) const ANCESTORS: usize = CLASS_REACH + 1;

/// [`class_node`] of a function whose ancestors, nearest first, are `ancestors`.
fn class_among<'t>(ancestors: &[Option<Node<'t>>; ANCESTORS]) -> Option<Node<'t>> {
    let at = ancestors[..CLASS_REACH].iter().position(|n| {
        n.is_some_and(|n| {
            matches!(
                n.kind(),
                "class_body" | "class_definition" | "impl_item" | "trait_item"
            )
        })
    })?;
    let class = ancestors[at]?;
    match class.kind() {
        "class_body" => ancestors[at + 1],
        _ => Some(class),
    }
}
