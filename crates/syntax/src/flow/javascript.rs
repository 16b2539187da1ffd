//! The JavaScript and TypeScript adapter (JSX and TSX included): tree-sitter-javascript's and
//! tree-sitter-typescript's nodes as the flow core's shapes. TypeScript adds type wrappers
//! (`x as T`, `x!`, `x satisfies T`) and typed parameters; everything else is shared.

mod schemas;

use super::adapter::{
    ANCESTORS, Adapter, Arg, C_LIKE_CONDITIONS, ConditionSyntax, DeclaredFields, Elements, Expr,
    Function, Param, Stmt, assignment, first_named_child, leftmost, member_parts, named_children,
    operator, positional, text_of,
};
use tree_sitter::Node;

pub(crate) struct JavaScript;

/// Calls after which a block does not go on (`process.exit(1)`, Koa's `ctx.throw(400)`).
const EXIT_CALLS: &[&str] = &["process.exit", "ctx.throw"];

const FUNCTION_KINDS: &[&str] = &[
    "function_declaration",
    "function_expression",
    "function",
    "arrow_function",
    "method_definition",
    "generator_function_declaration",
    "generator_function",
];

impl Adapter for JavaScript {
    fn scalar_fields<'t>(
        &self,
        root: Node<'t>,
        text: &'t str,
    ) -> std::collections::HashSet<&'t str> {
        schemas::scalar_fields(root, text)
    }
    fn caught<'t>(&self, handler: Node<'t>) -> Option<Node<'t>> {
        handler.child_by_field_name("parameter")
    }
    fn function<'t>(
        &self,
        node: Node<'t>,
        parent: Option<Node<'t>>,
        text: &str,
    ) -> Option<Function<'t>> {
        if !FUNCTION_KINDS.contains(&node.kind()) {
            return None;
        }
        let body = node.child_by_field_name("body")?;
        Some(Function {
            node,
            name: function_name(node, parent, text),
            params: params(node),
            decorators: decorators(node),
            body,
            expression_body: body.kind() != "statement_block",
            ancestors: [None; ANCESTORS],
        })
    }

    /// `xs.map((x) => ...)`, `forEach`, `filter`..., and `promise.then((value) => ...)`.
    fn callback_elements(&self, method: Option<&str>, _function: Option<&str>) -> Option<Elements> {
        matches!(
            method?,
            "map"
                | "flatMap"
                | "forEach"
                | "filter"
                | "find"
                | "findLast"
                | "some"
                | "every"
                | "then"
        )
        .then_some(Elements::Receiver)
    }

    fn callback_index(&self) -> bool {
        true
    }

    fn assigns_properties(&self, function: &str) -> bool {
        function == "Object.assign"
    }

    fn callback_filters(&self, method: Option<&str>, _function: Option<&str>) -> Option<Elements> {
        (method? == "filter").then_some(Elements::Receiver)
    }

    fn callback_results(&self, method: Option<&str>, function: Option<&str>) -> Option<Elements> {
        match (method, function) {
            (_, Some("Array.from")) => Some(Elements::Arg(0)),
            (_, Some("useMemo" | "React.useMemo")) => Some(Elements::Nothing),
            (Some("map" | "flatMap"), _) => Some(Elements::Receiver),
            // `promise.then((md) => marked.parse(md))`: the promise's value in, what the
            // callback returns out.
            (Some("then"), _) => Some(Elements::Receiver),
            _ => None,
        }
    }

    fn is_function(&self, kind: &str) -> bool {
        FUNCTION_KINDS.contains(&kind)
    }

    /// A decorator error recovery left beside what it decorates, or a comment between them.
    fn annotates_next(&self, kind: &str) -> bool {
        matches!(kind, "decorator" | "comment")
    }

    fn superclasses<'t>(&self, class: Node<'t>, text: &'t str) -> Vec<&'t str> {
        // JavaScript: `class_heritage` holds the expression; TypeScript: its `extends_clause`.
        let Some(heritage) = named_children(class)
            .into_iter()
            .find(|c| c.kind() == "class_heritage")
        else {
            return Vec::new();
        };
        named_children(heritage)
            .into_iter()
            .filter_map(|c| match c.kind() {
                "extends_clause" => c.child_by_field_name("value"),
                "implements_clause" => None,
                _ => Some(c),
            })
            .filter_map(|c| super::adapter::last_name(c, text))
            .collect()
    }

    fn declared_fields<'t>(&self, node: Node<'t>, text: &'t str) -> Option<DeclaredFields<'t>> {
        // TypeScript: `private repo: OrderRepository;` in the class body (JavaScript's fields
        // carry no type).
        if !matches!(
            node.kind(),
            "class_declaration" | "abstract_class_declaration" | "class"
        ) {
            return None;
        }
        let class = node.child_by_field_name("name")?;
        let body = node.child_by_field_name("body")?;
        let fields = named_children(body)
            .into_iter()
            .filter(|member| member.kind() == "public_field_definition")
            .filter_map(|member| {
                let field = member.child_by_field_name("name")?;
                let ty = member.child_by_field_name("type")?;
                Some((text_of(field, text), text_of(ty, text)))
            })
            .collect();
        Some((text_of(class, text), fields))
    }

    fn stmt<'t>(&self, node: Node<'t>, text: &str) -> Stmt<'t> {
        match node.kind() {
            kind if FUNCTION_KINDS.contains(&kind) => Stmt::Skip,
            "class_declaration"
            | "class"
            | "interface_declaration"
            | "type_alias_declaration"
            | "import_statement"
            | "enum_declaration" => Stmt::Skip,
            "expression_statement" => match first_named_child(node) {
                Some(call) if is_exit_call(call, text) => Stmt::Exit(None),
                Some(expr) => Stmt::Expr(expr),
                None => Stmt::Block,
            },
            "variable_declarator" => match node.child_by_field_name("name") {
                Some(pattern) => Stmt::Bind {
                    pattern,
                    value: node.child_by_field_name("value"),
                },
                None => Stmt::Block,
            },
            "try_statement" => Stmt::Try {
                body: node.child_by_field_name("body").into_iter().collect(),
                handlers: node.child_by_field_name("handler").into_iter().collect(),
                finally: node.child_by_field_name("finalizer"),
            },
            "return_statement" => Stmt::Return(first_named_child(node)),
            "throw_statement" => Stmt::Exit(first_named_child(node)),
            "break_statement" | "continue_statement" => Stmt::Exit(None),
            "if_statement" => match (
                node.child_by_field_name("condition"),
                node.child_by_field_name("consequence"),
            ) {
                (Some(condition), Some(then)) => Stmt::If {
                    condition,
                    then,
                    otherwise: node.child_by_field_name("alternative"),
                },
                _ => Stmt::Block,
            },
            "switch_statement" => {
                let cases: Vec<Node<'t>> = node
                    .child_by_field_name("body")
                    .map(named_children)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|c| matches!(c.kind(), "switch_case" | "switch_default"))
                    .collect();
                Stmt::Switch {
                    subjects: node.child_by_field_name("value").into_iter().collect(),
                    exhaustive: cases.iter().any(|c| c.kind() == "switch_default"),
                    cases,
                    clauses: Vec::new(),
                }
            }
            "for_in_statement" => Stmt::Loop {
                pattern: node.child_by_field_name("left"),
                iterable: node.child_by_field_name("right"),
                body: node.child_by_field_name("body").into_iter().collect(),
            },
            "for_statement" | "while_statement" | "do_statement" => Stmt::Loop {
                pattern: None,
                iterable: None,
                body: named_children(node),
            },
            _ if is_expression(node.kind()) => Stmt::Expr(node),
            _ => Stmt::Block,
        }
    }

    fn expr<'t>(&self, node: Node<'t>, text: &str) -> Expr<'t> {
        match node.kind() {
            "number" | "true" | "false" | "null" | "undefined" | "regex" => Expr::Constant,
            "string" => Expr::Constant,
            // The literal parts a tag is handed (`sql\`...${id}\``): its values come apart.
            "template_string" if is_tagged(node) => Expr::Constant,
            "template_string" => {
                let parts = substitutions(node);
                if parts.is_empty() {
                    Expr::Constant
                } else {
                    Expr::Compose(parts)
                }
            }
            "identifier" | "this" | "shorthand_property_identifier" => Expr::Name,
            "member_expression" => match node.child_by_field_name("object") {
                // A string's or array's length is a number, whatever it counts.
                Some(_)
                    if node
                        .child_by_field_name("property")
                        .is_some_and(|p| text_of(p, text) == "length") =>
                {
                    Expr::Convert
                }
                Some(object) => Expr::Member { object },
                None => Expr::Other,
            },
            "subscript_expression" => match node.child_by_field_name("object") {
                Some(object) => Expr::Index { object },
                None => Expr::Other,
            },
            "call_expression" | "new_expression" => call(node, text),
            "assignment_expression" | "augmented_assignment_expression" => {
                assignment(node, node.kind() == "augmented_assignment_expression")
                    .unwrap_or(Expr::Other)
            }
            "binary_expression" => {
                let operator = operator(node);
                if operator == "&&"
                    && let (Some(first), Some(then)) = (
                        node.child_by_field_name("left"),
                        node.child_by_field_name("right"),
                    )
                {
                    Expr::AndThen { first, then }
                } else if matches!(operator, "+" | "||" | "??") {
                    Expr::Compose(named_children(node))
                } else {
                    Expr::Convert
                }
            }
            "unary_expression" => Expr::Convert,
            "ternary_expression" => match (
                node.child_by_field_name("condition"),
                node.child_by_field_name("consequence"),
                node.child_by_field_name("alternative"),
            ) {
                (Some(condition), Some(then), Some(otherwise)) => Expr::Choose {
                    condition,
                    then,
                    otherwise,
                },
                _ => Expr::Compose(named_children(node)),
            },
            "object" => Expr::Object(object_fields(node, text)),
            "array" | "pair" | "spread_element" | "sequence_expression" => Expr::Compose(
                named_children(node)
                    .into_iter()
                    .filter(|c| c.kind() != "property_identifier")
                    .collect(),
            ),
            // `<string>value`: the type comes first.
            "type_assertion" => {
                match node.named_child(node.named_child_count().saturating_sub(1) as u32) {
                    Some(inner) => Expr::Wrap(inner),
                    None => Expr::Other,
                }
            }
            "parenthesized_expression"
            | "await_expression"
            | "as_expression"
            | "non_null_expression"
            | "satisfies_expression"
            | "jsx_expression" => match first_named_child(node) {
                Some(inner) => Expr::Wrap(inner),
                None => Expr::Other,
            },
            "yield_expression" => Expr::Yield(first_named_child(node)),
            kind if FUNCTION_KINDS.contains(&kind) => Expr::Opaque,
            "jsx_attribute" => match (node.named_child(0), node.named_child(1)) {
                (Some(target), Some(value)) => Expr::Assign {
                    target,
                    value,
                    augmented: false,
                },
                _ => Expr::Other,
            },
            _ => Expr::Other,
        }
    }

    fn condition_syntax(&self) -> &'static ConditionSyntax {
        &C_LIKE_CONDITIONS
    }

    fn field_parts<'t>(&self, node: Node<'t>, text: &str) -> Option<Vec<(String, Node<'t>)>> {
        if node.kind() != "object_pattern" {
            return None;
        }
        let mut fields = Vec::new();
        for child in named_children(node) {
            match child.kind() {
                "shorthand_property_identifier_pattern" => {
                    fields.push((text_of(child, text).to_string(), child));
                }
                "pair_pattern" => {
                    let key = child.child_by_field_name("key")?;
                    if key.kind() != "property_identifier" {
                        return None;
                    }
                    fields.push((
                        text_of(key, text).to_string(),
                        child.child_by_field_name("value")?,
                    ));
                }
                // `{ limit = 10 }`: the name, bound to the field or its default.
                "object_assignment_pattern" => {
                    let left = child.child_by_field_name("left")?;
                    fields.push((text_of(left, text).to_string(), left));
                }
                "comment" => {}
                _ => return None,
            }
        }
        (!fields.is_empty()).then_some(fields)
    }

    fn type_test<'t>(&self, node: Node<'t>) -> Option<Node<'t>> {
        let mut node = node;
        while node.kind() == "parenthesized_expression" {
            node = node.named_child(0)?;
        }
        (node.kind() == "unary_expression" && operator(node) == "typeof")
            .then(|| node.child_by_field_name("argument"))
            .flatten()
    }

    fn bindings<'t>(&self, pattern: Node<'t>, out: &mut Vec<Node<'t>>) {
        match pattern.kind() {
            "identifier" | "shorthand_property_identifier_pattern" => out.push(pattern),
            "object_pattern" | "array_pattern" | "rest_pattern" => {
                for child in named_children(pattern) {
                    self.bindings(child, out);
                }
            }
            "pair_pattern" => {
                if let Some(value) = pattern.child_by_field_name("value") {
                    self.bindings(value, out);
                }
            }
            "assignment_pattern" | "object_assignment_pattern" => {
                if let Some(left) = pattern.child_by_field_name("left") {
                    self.bindings(left, out);
                }
            }
            "required_parameter" | "optional_parameter" => {
                if let Some(inner) = pattern.child_by_field_name("pattern") {
                    self.bindings(inner, out);
                }
            }
            _ => {}
        }
    }

    fn destructured<'t>(&self, name: Node<'t>, text: &str) -> Option<String> {
        let parent = name.parent()?;
        let key = |pair: Node<'_>| {
            pair.child_by_field_name("key")
                .map(|k| text_of(k, text).trim_matches(['"', '\'']).to_string())
        };
        let (mut path, mut pattern) = match (name.kind(), parent.kind()) {
            ("shorthand_property_identifier_pattern", _) => {
                (text_of(name, text).to_string(), parent)
            }
            (_, "pair_pattern") => (key(parent)?, parent.parent()?),
            _ => return None,
        };
        // `const { query: { target } } = req` reads `query.target`: the keys of the patterns it
        // is nested in, outermost first (a default `{ query: { t } = {} }` between them).
        for _ in 0..8 {
            if pattern.kind() == "object_assignment_pattern" {
                pattern = pattern.parent()?;
            }
            let Some(pair) = pattern
                .parent()
                .and_then(|p| {
                    if p.kind() == "assignment_pattern" {
                        p.parent()
                    } else {
                        Some(p)
                    }
                })
                .filter(|p| p.kind() == "pair_pattern")
            else {
                break;
            };
            path = format!("{}.{path}", key(pair)?);
            pattern = pair.parent()?;
        }
        Some(path)
    }

    /// `a.b.c` as a dotted name, walked in a loop (a hostile file's chain can be thousands of
    /// members long; recursion would take a stack frame each).
    fn path(&self, node: Node<'_>, text: &str) -> Option<String> {
        // The segments from the last to the first.
        let mut segments = Vec::new();
        let mut node = node;
        loop {
            match node.kind() {
                // `import(name)`: a dynamic import is a call of `import`.
                "identifier" | "this" | "import" => {
                    segments.push(text_of(node, text));
                    break;
                }
                "member_expression" => {
                    segments.push(text_of(node.child_by_field_name("property")?, text));
                    node = node.child_by_field_name("object")?;
                }
                // `req.files!.document`, `(req.body as Form).name`, `x satisfies T`: the value is
                // the expression's, whatever TypeScript is told of its type.
                "non_null_expression"
                | "parenthesized_expression"
                | "as_expression"
                | "satisfies_expression" => node = first_named_child(node)?,
                // `(secure ? https : http).get(url)`: a module chosen between two names; the
                // first stands for both, whose methods the rules name alike.
                "ternary_expression"
                    if node
                        .child_by_field_name("alternative")
                        .is_some_and(is_plain_name) =>
                {
                    node = node.child_by_field_name("consequence")?
                }
                _ => return None,
            }
        }
        segments.reverse();
        Some(segments.join("."))
    }

    fn is_whole_literal(&self, node: Node<'_>) -> bool {
        matches!(node.kind(), "string" | "template_string")
    }

    fn is_pattern_literal(&self, node: Node<'_>) -> bool {
        node.kind() == "regex"
    }

    fn literal_after_first(&self, node: Node<'_>, text: &str) -> Option<String> {
        match node.kind() {
            "template_string" => {
                let children = named_children(node);
                if children.first()?.kind() != "template_substitution" {
                    return None;
                }
                let mut after = String::new();
                for child in &children[1..] {
                    match child.kind() {
                        "string_fragment" | "escape_sequence" => {
                            after.push_str(text_of(*child, text))
                        }
                        _ => break,
                    }
                }
                Some(after)
            }
            "binary_expression" if operator(node) == "+" => {
                let left = node.child_by_field_name("left")?;
                if left.kind() == "binary_expression" {
                    return None;
                }
                self.literal_prefix(node.child_by_field_name("right")?, text)
            }
            _ => None,
        }
    }

    fn literal_prefix(&self, node: Node<'_>, text: &str) -> Option<String> {
        let prefix = match node.kind() {
            "string" | "template_string" => {
                let mut prefix = String::new();
                for child in named_children(node) {
                    match child.kind() {
                        "string_fragment" | "escape_sequence" => {
                            prefix.push_str(text_of(child, text))
                        }
                        _ => break,
                    }
                }
                prefix
            }
            "binary_expression" => {
                self.literal_prefix(leftmost(node, "binary_expression")?, text)?
            }
            _ => return None,
        };
        Some(prefix).filter(|p| !p.is_empty())
    }

    fn field_read<'t>(&self, node: Node<'t>, text: &'t str) -> Option<&'t str> {
        match node.kind() {
            "member_expression" => Some(text_of(node.child_by_field_name("property")?, text)),
            "subscript_expression" => {
                let index = node.child_by_field_name("index")?;
                let written = text_of(index, text);
                (index.kind() == "string")
                    .then(|| written.get(1..written.len().saturating_sub(1)))
                    .flatten()
            }
            _ => None,
        }
    }

    fn property_name(&self, target: Node<'_>, text: &str) -> Option<String> {
        match target.kind() {
            "member_expression" => target
                .child_by_field_name("property")
                .map(|p| text_of(p, text).to_string()),
            "property_identifier" if target.parent()?.kind() == "jsx_attribute" => {
                Some(text_of(target, text).to_string())
            }
            _ => None,
        }
    }
}

fn is_expression(kind: &str) -> bool {
    matches!(
        kind,
        "call_expression"
            | "new_expression"
            | "await_expression"
            | "assignment_expression"
            | "augmented_assignment_expression"
            | "jsx_attribute"
    )
}

/// `http`, `lib.http`: a name or a chain of property reads, nothing computed.
fn is_plain_name(node: Node<'_>) -> bool {
    let mut node = node;
    loop {
        match node.kind() {
            "identifier" => return true,
            "member_expression" => match node.child_by_field_name("object") {
                Some(object) => node = object,
                None => return false,
            },
            _ => return false,
        }
    }
}

fn is_exit_call(node: Node<'_>, text: &str) -> bool {
    node.kind() == "call_expression"
        && node
            .child_by_field_name("function")
            .is_some_and(|f| EXIT_CALLS.contains(&text_of(f, text)))
}

fn call<'t>(node: Node<'t>, text: &str) -> Expr<'t> {
    let callee = node
        .child_by_field_name("function")
        .or_else(|| node.child_by_field_name("constructor"));
    let Some(mut callee) = callee else {
        return Expr::Other;
    };
    // tree-sitter-typescript reads `await axios.get<T>(url)` as `(await axios.get)<T>(url)`:
    // the call is `axios.get`'s, and awaiting its result keeps its taint.
    if callee.kind() == "await_expression"
        && node.child_by_field_name("type_arguments").is_some()
        && let Some(awaited) = callee.named_child(0)
    {
        callee = awaited;
    }
    let (receiver, method) = member_parts(callee, ("member_expression", "object", "property"));
    let args = node
        .child_by_field_name("arguments")
        .map(|list| {
            if list.kind() == "template_string" {
                // A tagged template: the tag is called with the literal parts first (the
                // template node stands for them: constant, see `expr`), then each substitution
                // on its own. A query's or command's text at the first position is the
                // program's; `sql`/`$` tags bind or quote the values.
                let mut args = vec![Arg {
                    value: list,
                    keyword: None,
                    spread: false,
                }];
                args.extend(substitutions(list).into_iter().map(|value| Arg {
                    value,
                    keyword: None,
                    spread: false,
                }));
                return args;
            }
            positional(list)
        })
        .unwrap_or_default();
    // `Object.freeze({ ... })` is the object it was given, a table the program fixed.
    if let [arg] = args.as_slice()
        && !arg.spread
        && matches!(text_of(callee, text), "Object.freeze" | "Object.seal")
    {
        return Expr::Wrap(arg.value);
    }
    Expr::Call {
        callee,
        receiver,
        method,
        args,
    }
}

/// The expressions of a template literal's `${}` parts, in order.
fn substitutions(template: Node<'_>) -> Vec<Node<'_>> {
    named_children(template)
        .into_iter()
        .filter(|c| c.kind() == "template_substitution")
        .filter_map(|c| c.named_child(0))
        .collect()
}

/// A template literal written as a tag's argument (`` sql`...` ``, `` $`...` ``).
fn is_tagged(node: Node<'_>) -> bool {
    node.parent().is_some_and(|parent| {
        parent.kind() == "call_expression"
            && parent
                .child_by_field_name("arguments")
                .is_some_and(|args| args.id() == node.id())
    })
}

/// The fields of an object literal: `key: value` and `"key": value` by name, `{ body }` by its
/// own name; a computed name, a spread or a method as an unnamed part.
fn object_fields<'t>(node: Node<'t>, text: &str) -> Vec<(Option<String>, Node<'t>)> {
    let mut fields = Vec::new();
    for child in named_children(node) {
        match child.kind() {
            "pair" => {
                let (Some(key), Some(value)) = (
                    child.child_by_field_name("key"),
                    child.child_by_field_name("value"),
                ) else {
                    continue;
                };
                let name = match key.kind() {
                    "property_identifier" | "number" => Some(text_of(key, text).to_string()),
                    "string" => Some(text_of(key, text).trim_matches(['"', '\'']).to_string()),
                    _ => {
                        fields.push((None, key));
                        None
                    }
                };
                fields.push((name, value));
            }
            "shorthand_property_identifier" => {
                fields.push((Some(text_of(child, text).to_string()), child));
            }
            _ => fields.push((None, child)),
        }
    }
    fields
}

/// A function's name: declared, or the variable or property it is assigned to.
fn function_name(node: Node<'_>, parent: Option<Node<'_>>, text: &str) -> Option<String> {
    if let Some(name) = node.child_by_field_name("name") {
        return Some(text_of(name, text).to_string());
    }
    let parent = parent?;
    match parent.kind() {
        "variable_declarator" => parent
            .child_by_field_name("name")
            .filter(|n| n.kind() == "identifier")
            .map(|n| text_of(n, text).to_string()),
        // `{ ping: (url) => axios.head(url) }`: the object's method `ping`.
        "pair" => parent
            .child_by_field_name("key")
            .filter(|k| k.kind() == "property_identifier")
            .map(|k| text_of(k, text).to_string()),
        _ => None,
    }
}

fn params(node: Node<'_>) -> Vec<Param<'_>> {
    if let Some(single) = node.child_by_field_name("parameter") {
        return vec![Param {
            pattern: single,
            annotation: None,
            default: None,
        }];
    }
    let Some(list) = node.child_by_field_name("parameters") else {
        return Vec::new();
    };
    named_children(list)
        .into_iter()
        .map(|p| Param {
            pattern: p,
            // TypeScript's `type_annotation` holds the colon: the type is its child.
            annotation: p.child_by_field_name("type").map(|t| match t.kind() {
                "type_annotation" => t.named_child(0).unwrap_or(t),
                _ => t,
            }),
            default: p
                .child_by_field_name("value")
                .or_else(|| p.child_by_field_name("right")),
        })
        .collect()
}

/// The decorators written above a class method (`@Get(":id")`, `@Redirect()` on a NestJS
/// controller's handler): TypeScript places them before the method in the class body.
fn decorators(node: Node<'_>) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    if node.kind() != "method_definition" {
        return out;
    }
    // A comment between a decorator and the method changes nothing: the decorator applies.
    let mut previous = node.prev_named_sibling();
    while let Some(p) = previous.filter(|p| matches!(p.kind(), "decorator" | "comment")) {
        if p.kind() == "decorator" {
            out.push(p);
        }
        previous = p.prev_named_sibling();
    }
    out
}
