//! The Python adapter: tree-sitter-python's nodes as the flow core's shapes.

use super::adapter::{
    ANCESTORS, Adapter, CaseCaptures, Condition, ConditionSyntax, DeclaredFields, Elements, Expr,
    Function, Stmt, assignment, leftmost, named_children, operator, text_of,
};
use tree_sitter::Node;

mod choices;
mod models;
mod nodes;
mod patterns;

use choices::literal_choices;
use nodes::{call, function, interpolations, params};

pub(crate) struct Python;

/// Calls after which a block does not go on (`abort(404)`, `sys.exit(1)`).
const EXIT_CALLS: &[&str] = &["abort", "flask.abort", "sys.exit", "exit", "os._exit"];

impl Adapter for Python {
    fn caught<'t>(&self, handler: Node<'t>) -> Option<Node<'t>> {
        handler
            .child_by_field_name("value")
            .filter(|v| v.kind() == "as_pattern")?
            .child_by_field_name("alias")?
            .named_child(0)
    }
    fn option_choices(&self, root: Node<'_>, text: &str) -> std::collections::HashSet<String> {
        choices::restricted(root, text)
    }

    fn function<'t>(
        &self,
        node: Node<'t>,
        parent: Option<Node<'t>>,
        text: &str,
    ) -> Option<Function<'t>> {
        match node.kind() {
            "function_definition" => Some(function(node, parent, text)),
            "lambda" => Some(Function {
                node,
                name: None,
                params: node
                    .child_by_field_name("parameters")
                    .map(params)
                    .unwrap_or_default(),
                decorators: Vec::new(),
                body: node.child_by_field_name("body")?,
                expression_body: true,
                ancestors: [None; ANCESTORS],
            }),
            _ => None,
        }
    }

    /// The builtins `map(lambda u: ..., urls)` and `filter(...)`: the iterable is the second
    /// argument.
    fn callback_elements(&self, method: Option<&str>, function: Option<&str>) -> Option<Elements> {
        match method {
            // A pool's or an executor's `map(f, xs)` (multiprocessing, concurrent.futures).
            Some("map" | "imap" | "imap_unordered" | "map_async") => Some(Elements::Arg(1)),
            Some(_) => None,
            None => matches!(function?, "map" | "filter").then_some(Elements::Arg(1)),
        }
    }

    fn callback_filters(&self, method: Option<&str>, function: Option<&str>) -> Option<Elements> {
        (method.is_none() && function? == "filter").then_some(Elements::Arg(1))
    }

    fn callback_results(&self, method: Option<&str>, function: Option<&str>) -> Option<Elements> {
        (method.is_none() && function? == "map").then_some(Elements::Arg(1))
    }

    fn superclasses<'t>(&self, class: Node<'t>, text: &'t str) -> Vec<&'t str> {
        class
            .child_by_field_name("superclasses")
            .map(named_children)
            .unwrap_or_default()
            .into_iter()
            .filter(|c| matches!(c.kind(), "identifier" | "attribute"))
            .filter_map(|c| super::adapter::last_name(c, text))
            .collect()
    }

    fn is_function(&self, kind: &str) -> bool {
        matches!(
            kind,
            "function_definition" | "decorated_definition" | "lambda"
        )
    }

    fn stmt<'t>(&self, node: Node<'t>, text: &str) -> Stmt<'t> {
        match node.kind() {
            "function_definition" | "class_definition" | "decorated_definition" | "lambda" => {
                Stmt::Skip
            }
            "expression_statement" => match named_children(node).as_slice() {
                // `x: int` declares without assigning: the old value is gone.
                [only]
                    if only.kind() == "assignment"
                        && only.child_by_field_name("right").is_none() =>
                {
                    match only.child_by_field_name("left") {
                        Some(pattern) => Stmt::Bind {
                            pattern,
                            value: None,
                        },
                        None => Stmt::Block,
                    }
                }
                [only] if is_exit_call(*only, text) => Stmt::Exit(None),
                [only] => Stmt::Expr(*only),
                _ => Stmt::Block,
            },
            // A comprehension's clauses (`Expr::Scoped`): `for u in urls` binds `u` to the items.
            "for_in_clause" => Stmt::Bind {
                pattern: node.child_by_field_name("left").unwrap_or(node),
                value: node.child_by_field_name("right"),
            },
            "return_statement" => Stmt::Return(node.named_child(0)),
            "raise_statement" => Stmt::Exit(node.named_child(0)),
            "continue_statement" | "break_statement" => Stmt::Exit(None),
            "if_statement" | "elif_clause" => {
                let (Some(condition), Some(then)) = (
                    node.child_by_field_name("condition"),
                    node.child_by_field_name("consequence"),
                ) else {
                    return Stmt::Block;
                };
                // An `elif`'s alternative is its next sibling in the `if` statement.
                let otherwise = if node.kind() == "if_statement" {
                    node.child_by_field_name("alternative")
                } else {
                    next_alternative(node)
                };
                Stmt::If {
                    condition,
                    then,
                    otherwise,
                }
            }
            "try_statement" => {
                let mut body: Vec<_> = node.child_by_field_name("body").into_iter().collect();
                let mut handlers = Vec::new();
                let mut finally = None;
                for clause in named_children(node) {
                    match clause.kind() {
                        "except_clause" | "except_group_clause" => handlers.push(clause),
                        "else_clause" => body.extend(clause.child_by_field_name("body")),
                        "finally_clause" => finally = Some(clause),
                        _ => {}
                    }
                }
                Stmt::Try {
                    body,
                    handlers,
                    finally,
                }
            }
            "match_statement" => {
                let cases: Vec<Node<'t>> = node
                    .child_by_field_name("body")
                    .map(named_children)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|c| c.kind() == "case_clause")
                    .collect();
                // `case _:` without a guard matches whatever is left.
                let exhaustive = cases.iter().any(|c| {
                    c.child_by_field_name("guard").is_none()
                        && named_children(*c)
                            .first()
                            .is_some_and(|p| p.kind() == "case_pattern" && text_of(*p, text) == "_")
                });
                let (clauses, cases) = cases
                    .iter()
                    .filter_map(|c| Some((*c, c.child_by_field_name("consequence")?)))
                    .unzip();
                Stmt::Switch {
                    subjects: {
                        let mut cursor = node.walk();
                        node.children_by_field_name("subject", &mut cursor)
                            .collect()
                    },
                    cases,
                    clauses,
                    exhaustive,
                }
            }
            "for_statement" => Stmt::Loop {
                pattern: node.child_by_field_name("left"),
                iterable: node.child_by_field_name("right"),
                body: node.child_by_field_name("body").into_iter().collect(),
            },
            "while_statement" => Stmt::Loop {
                pattern: None,
                iterable: node.child_by_field_name("condition"),
                body: node.child_by_field_name("body").into_iter().collect(),
            },
            "with_statement" => {
                let mut items = Vec::new();
                for clause in named_children(node) {
                    if clause.kind() != "with_clause" {
                        continue;
                    }
                    for item in named_children(clause) {
                        let Some(value) = item.child_by_field_name("value") else {
                            continue;
                        };
                        if value.kind() == "as_pattern" {
                            let alias = value.child_by_field_name("alias");
                            if let Some(inner) = value.named_child(0) {
                                items.push((inner, alias));
                            }
                        } else {
                            items.push((value, None));
                        }
                    }
                }
                match node.child_by_field_name("body") {
                    Some(body) => Stmt::With { items, body },
                    None => Stmt::Block,
                }
            }
            _ if is_expression(node.kind()) => Stmt::Expr(node),
            _ => Stmt::Block,
        }
    }

    fn expr<'t>(&self, node: Node<'t>, text: &str) -> Expr<'t> {
        match node.kind() {
            "integer" | "float" | "true" | "false" | "none" | "ellipsis" => Expr::Constant,
            "string" | "concatenated_string" => {
                let mut parts = Vec::new();
                interpolations(node, &mut parts);
                if parts.is_empty() {
                    Expr::Constant
                } else {
                    Expr::Compose(parts)
                }
            }
            "identifier" => Expr::Name,
            "attribute" => match node.child_by_field_name("object") {
                // `Path(name).name`, `.stem`: pathlib's last component, read like a call of that
                // name so a rule can list it as a sanitizer (the twin of `os.path.basename`).
                Some(object) if is_path_component(node, object, text) => Expr::Call {
                    callee: node,
                    receiver: Some(object),
                    method: node.child_by_field_name("attribute"),
                    args: Vec::new(),
                },
                Some(object) => Expr::Member { object },
                None => Expr::Other,
            },
            "subscript" => match node.child_by_field_name("value") {
                Some(object) => Expr::Index { object },
                None => Expr::Other,
            },
            "call" => call(node),
            "assignment" | "augmented_assignment" => {
                assignment(node, node.kind() == "augmented_assignment").unwrap_or(Expr::Constant)
            }
            "named_expression" => match (
                node.child_by_field_name("name"),
                node.child_by_field_name("value"),
            ) {
                (Some(target), Some(value)) => Expr::Assign {
                    target,
                    value,
                    augmented: false,
                },
                _ => Expr::Other,
            },
            "boolean_operator"
                if node
                    .child_by_field_name("operator")
                    .is_some_and(|o| o.kind() == "and")
                    && let (Some(first), Some(then)) = (
                        node.child_by_field_name("left"),
                        node.child_by_field_name("right"),
                    ) =>
            {
                Expr::AndThen { first, then }
            }
            // `{"statusCode": 302, "headers": {"Location": url}}`: fields under literal keys,
            // as a JavaScript object literal's.
            "dictionary" => Expr::Object(dict_fields(node, text)),
            "binary_operator" | "list" | "tuple" | "set" | "pair" | "expression_list"
            | "boolean_operator" => Expr::Compose(named_children(node)),
            "conditional_expression" => match named_children(node)[..] {
                [then, condition, otherwise] => Expr::Choose {
                    condition,
                    then,
                    otherwise,
                },
                _ => Expr::Compose(named_children(node)),
            },
            "parenthesized_expression" | "await" | "list_splat" | "dictionary_splat" => {
                match node.named_child(0) {
                    Some(inner) => Expr::Wrap(inner),
                    None => Expr::Other,
                }
            }
            // `yield from xs` hands on every element of `xs`: the same taint.
            "yield" => Expr::Yield(node.named_child(0)),
            "comparison_operator" | "not_operator" => Expr::Convert,
            "lambda" => Expr::Opaque,
            // `[fetch(u) for u in urls if u]`: the `for` clauses bind their targets before the
            // element (and the `if` clauses) are read, so the element sees each item; the value
            // is the element's (`[shlex.quote(a) for a in argv]` is quoted).
            "list_comprehension"
            | "set_comprehension"
            | "dictionary_comprehension"
            | "generator_expression" => match node.child_by_field_name("body") {
                Some(element) => {
                    let children = named_children(node);
                    let of_kind = |kind: &str| -> Vec<Node<'t>> {
                        children
                            .iter()
                            .copied()
                            .filter(|c| c.kind() == kind)
                            .collect()
                    };
                    Expr::Scoped {
                        clauses: of_kind("for_in_clause"),
                        conditions: of_kind("if_clause")
                            .into_iter()
                            .filter_map(|c| c.named_child(0))
                            .collect(),
                        value: element,
                    }
                }
                None => Expr::Other,
            },
            _ => Expr::Other,
        }
    }

    fn condition_syntax(&self) -> &'static ConditionSyntax {
        &ConditionSyntax {
            not: ("not_operator", "not"),
            and: ("boolean_operator", "and"),
            or: "or",
        }
    }

    fn simple_condition<'t>(&self, node: Node<'t>, text: &str) -> Condition<'t> {
        // `bool(NAME_RE.fullmatch(s))`: the match itself.
        if node.kind() == "call"
            && node
                .child_by_field_name("function")
                .is_some_and(|f| text_of(f, text) == "bool")
            && let Some(args) = node.child_by_field_name("arguments")
            && let [only] = named_children(args)[..]
            && only.kind() != "keyword_argument"
        {
            return Condition::Same(only);
        }
        if node.kind() != "comparison_operator" {
            return Condition::Expr(node);
        }
        let operators: Vec<&str> = {
            let mut cursor = node.walk();
            node.children_by_field_name("operators", &mut cursor)
                .map(|o| o.kind())
                .collect()
        };
        match (operators.as_slice(), node.named_child(0)) {
            // `root in path.parents`: pathlib's ancestors of `path`, so `path` is what is checked.
            (["in" | "not in"], _) if let Some(path) = parents_of(node.named_child(1), text) => {
                Condition::Membership {
                    element: path,
                    negated: operators == ["not in"],
                }
            }
            // `".." in name`: a check for a path that climbs, of the container.
            (["in" | "not in"], Some(element))
                if is_parent_dir(element, text)
                    && let Some(path) = node.named_child(1).map(|p| split_of(p, text)) =>
            {
                Condition::Climbs {
                    path,
                    negated: operators == ["not in"],
                }
            }
            // `m is not None` holds where `m` is a match (or any other value), `m is None` where
            // it is not.
            (["is not"], Some(value))
                if node.named_child(1).is_some_and(|n| n.kind() == "none") =>
            {
                Condition::Same(value)
            }
            (["is"], Some(value)) if node.named_child(1).is_some_and(|n| n.kind() == "none") => {
                Condition::Not(value)
            }
            (["in"], Some(element)) => Condition::Membership {
                element,
                negated: false,
            },
            (["not in"], Some(element)) => Condition::Membership {
                element,
                negated: true,
            },
            _ => Condition::Expr(node),
        }
    }

    fn equality<'t>(&self, node: Node<'t>) -> Option<(Node<'t>, Node<'t>, bool)> {
        if node.kind() != "comparison_operator" || node.named_child_count() != 2 {
            return None;
        }
        let mut cursor = node.walk();
        let operators: Vec<&str> = node
            .children_by_field_name("operators", &mut cursor)
            .map(|o| o.kind())
            .collect();
        let negated = match operators.as_slice() {
            ["=="] => false,
            ["!="] => true,
            _ => return None,
        };
        Some((node.named_child(0)?, node.named_child(1)?, negated))
    }

    fn bindings<'t>(&self, pattern: Node<'t>, out: &mut Vec<Node<'t>>) {
        match pattern.kind() {
            "identifier" => out.push(pattern),
            "pattern_list"
            | "tuple_pattern"
            | "list_pattern"
            | "expression_list"
            | "tuple"
            | "list"
            | "list_splat_pattern"
            | "dictionary_splat_pattern"
            | "as_pattern_target"
            | "typed_parameter"
            | "parenthesized_expression" => {
                for child in named_children(pattern) {
                    // `name: T`, `*args: T`: the type binds nothing.
                    if pattern.kind() == "typed_parameter" && child.kind() == "type" {
                        continue;
                    }
                    self.bindings(child, out);
                }
            }
            "default_parameter" | "typed_default_parameter" => {
                if let Some(name) = pattern.child_by_field_name("name") {
                    out.push(name);
                }
            }
            _ => {}
        }
    }

    fn case_captures<'t>(&self, clause: Node<'t>, text: &str) -> CaseCaptures<'t> {
        patterns::case_captures(clause, text)
    }

    /// `a.b.c` as a dotted name, walked in a loop (a hostile file's chain can be thousands of
    /// attributes long; recursion would take a stack frame each).
    fn path(&self, node: Node<'_>, text: &str) -> Option<String> {
        // The segments from the last to the first.
        let mut segments = Vec::new();
        let mut node = node;
        loop {
            match node.kind() {
                "identifier" => {
                    segments.push(text_of(node, text));
                    break;
                }
                "attribute" => {
                    segments.push(text_of(node.child_by_field_name("attribute")?, text));
                    node = node.child_by_field_name("object")?;
                }
                _ => return None,
            }
        }
        segments.reverse();
        Some(segments.join("."))
    }

    /// `resp.status = v` sets `status`; `response["Content-Disposition"] = v` sets the header
    /// (a mapping's item under a literal key, as a rule names it).
    fn property_name(&self, target: Node<'_>, text: &str) -> Option<String> {
        match target.kind() {
            "attribute" => {
                Some(text_of(target.child_by_field_name("attribute")?, text).to_string())
            }
            "subscript" => {
                string_literal(target.child_by_field_name("subscript")?, text).map(str::to_string)
            }
            _ => None,
        }
    }

    fn record_fields<'t>(&self, node: Node<'t>, text: &'t str) -> Option<Vec<(&'t str, Node<'t>)>> {
        if node.kind() != "dictionary" {
            return None;
        }
        let mut fields = Vec::new();
        for pair in named_children(node) {
            match pair.kind() {
                "pair" => fields.push((
                    string_literal(pair.child_by_field_name("key")?, text)?,
                    pair.child_by_field_name("value")?,
                )),
                "comment" => {}
                // `**defaults`, a comprehension: fields not written here.
                _ => return None,
            }
        }
        Some(fields)
    }

    fn record_class<'t>(&self, node: Node<'t>, text: &'t str) -> Option<&'t str> {
        let class = match node.kind() {
            "decorated_definition" => node.child_by_field_name("definition")?,
            _ => node,
        };
        if class.kind() != "class_definition" {
            return None;
        }
        let body = class.child_by_field_name("body")?;
        let own_constructor = named_children(body).into_iter().any(|item| {
            let item = match item.kind() {
                "decorated_definition" => item.child_by_field_name("definition"),
                _ => Some(item),
            };
            item.filter(|i| i.kind() == "function_definition")
                .and_then(|f| f.child_by_field_name("name"))
                .is_some_and(|name| matches!(text_of(name, text), "__init__" | "__new__"))
        });
        let name = class.child_by_field_name("name")?;
        (!own_constructor).then(|| text_of(name, text))
    }

    fn field_read<'t>(&self, node: Node<'t>, text: &'t str) -> Option<&'t str> {
        match node.kind() {
            "attribute" => Some(text_of(node.child_by_field_name("attribute")?, text)),
            "subscript" => string_literal(node.child_by_field_name("subscript")?, text),
            _ => None,
        }
    }

    fn is_scalar_type(&self, annotation: &str) -> bool {
        let ty = without_none(annotation);
        matches!(
            ty,
            "int" | "float" | "bool" | "UUID" | "uuid.UUID" | "PositiveInt" | "NonNegativeInt"
        ) || literal_choices(ty)
    }

    fn is_whole_literal(&self, node: Node<'_>) -> bool {
        node.kind() == "string"
    }

    fn scalar_fields<'t>(
        &self,
        root: Node<'t>,
        text: &'t str,
    ) -> std::collections::HashSet<&'t str> {
        models::scalar_fields(root, text, |ty| self.is_scalar_type(ty))
    }

    fn scalar_types<'t>(
        &self,
        root: Node<'t>,
        text: &'t str,
    ) -> std::collections::HashSet<&'t str> {
        models::enum_classes(root, text)
    }

    fn required_type<'a>(&self, annotation: &'a str) -> &'a str {
        without_none(annotation)
    }

    fn declared_fields<'t>(&self, node: Node<'t>, text: &'t str) -> Option<DeclaredFields<'t>> {
        models::class_fields(node, text)
    }

    fn literal_after_first(&self, node: Node<'_>, text: &str) -> Option<String> {
        match node.kind() {
            "string" => {
                let mut after = None::<String>;
                for child in named_children(node) {
                    match (child.kind(), &mut after) {
                        // `{API}` alone: `{API:>30}` or `{API!r}` is not the constant's text.
                        ("interpolation", None) if child.named_child_count() == 1 => {
                            after = Some(String::new())
                        }
                        ("interpolation", _) => break,
                        ("string_content" | "escape_sequence", Some(after)) => {
                            after.push_str(text_of(child, text))
                        }
                        ("string_content" | "escape_sequence", None) => return None,
                        _ => {}
                    }
                }
                after
            }
            "binary_operator" if operator(node) == "+" => {
                let left = node.child_by_field_name("left")?;
                if left.kind() == "binary_operator" {
                    return None;
                }
                self.literal_prefix(node.child_by_field_name("right")?, text)
            }
            _ => None,
        }
    }

    fn literal_prefix(&self, node: Node<'_>, text: &str) -> Option<String> {
        let prefix = match node.kind() {
            "string" => {
                let mut prefix = String::new();
                for child in named_children(node) {
                    match child.kind() {
                        "string_content" | "escape_sequence" => {
                            prefix.push_str(text_of(child, text))
                        }
                        "interpolation" => break,
                        _ => {}
                    }
                }
                prefix
            }
            "concatenated_string" => return self.literal_prefix(node.named_child(0)?, text),
            // `"<p>{}</p>".format(x)`: the template's text up to its first placeholder;
            // `Template("<p>$name</p>")` (string.Template): up to its first `$`.
            "call" => {
                let function = node.child_by_field_name("function")?;
                if matches!(text_of(function, text), "Template" | "string.Template") {
                    let arguments = node.child_by_field_name("arguments")?;
                    let first = arguments.named_child(0)?;
                    let start = self.literal_prefix(first, text)?;
                    return Some(start.split('$').next().unwrap_or("").to_string());
                }
                let template = function.child_by_field_name("object")?;
                if function.kind() != "attribute"
                    || function
                        .child_by_field_name("attribute")
                        .is_none_or(|a| !matches!(text_of(a, text), "format" | "format_map"))
                    || !matches!(template.kind(), "string" | "concatenated_string")
                {
                    return None;
                }
                let start = self.literal_prefix(template, text)?;
                start.split('{').next().unwrap_or("").to_string()
            }
            "binary_operator" => {
                let left = self.literal_prefix(leftmost(node, "binary_operator")?, text)?;
                // `"a%s" % x`: the prefix ends at the first placeholder, however deep the chain.
                let formats = std::iter::successors(Some(node), |n| {
                    n.child_by_field_name("left")
                        .filter(|l| l.kind() == "binary_operator")
                })
                .any(|n| n.child_by_field_name("operator").map(|o| o.kind()) == Some("%"));
                if formats {
                    left.split('%').next().unwrap_or("").to_string()
                } else {
                    left
                }
            }
            _ => return None,
        };
        Some(prefix).filter(|p| !p.is_empty())
    }
}

/// The type an annotation allows besides `None`: `str` for `Optional[str]` or `str | None`.
fn without_none(annotation: &str) -> &str {
    let ty = annotation.trim();
    let ty = ty
        .strip_prefix("Optional[")
        .and_then(|t| t.strip_suffix(']'))
        .map_or(ty, str::trim);
    ty.strip_suffix("| None").map_or(ty, str::trim)
}

fn is_expression(kind: &str) -> bool {
    matches!(
        kind,
        "call" | "await" | "assignment" | "augmented_assignment" | "named_expression"
    )
}

fn is_exit_call(node: Node<'_>, text: &str) -> bool {
    node.kind() == "call"
        && node
            .child_by_field_name("function")
            .is_some_and(|f| EXIT_CALLS.contains(&text_of(f, text)))
}

fn next_alternative(node: Node<'_>) -> Option<Node<'_>> {
    let mut next = node.next_named_sibling();
    while let Some(n) = next {
        if matches!(n.kind(), "elif_clause" | "else_clause") {
            return Some(n);
        }
        next = n.next_named_sibling();
    }
    None
}

/// `PurePath(x).name`, `pathlib.Path(x).stem`, `.suffix`: the last component of a path built right
/// there, or a part of it.
fn is_path_component(attribute: Node<'_>, object: Node<'_>, text: &str) -> bool {
    attribute
        .child_by_field_name("attribute")
        .is_some_and(|a| matches!(text_of(a, text), "name" | "stem" | "suffix"))
        && object.kind() == "call"
        && object
            .child_by_field_name("function")
            .is_some_and(|f| text_of(f, text).ends_with("Path"))
}

/// `path` of `path.parents` (pathlib's ancestors).
fn parents_of<'t>(container: Option<Node<'t>>, text: &str) -> Option<Node<'t>> {
    let container = container?;
    if container.kind() != "attribute" {
        return None;
    }
    let attribute = container.child_by_field_name("attribute")?;
    (text_of(attribute, text) == "parents").then_some(())?;
    container.child_by_field_name("object")
}

/// `".."`, `"../"`, `os.pardir`: the name of the parent directory, as a path check spells it.
fn is_parent_dir(node: Node<'_>, text: &str) -> bool {
    let written = text_of(node, text);
    matches!(
        written.trim_start_matches(['r', 'b']),
        "'..'" | "\"..\"" | "'../'" | "\"../\"" | "'..\\\\'" | "\"..\\\\\""
    ) || written == "os.pardir"
}

/// The path a list of its parts comes from: `name.split("/")` (or `rsplit`, `os.sep`), and
/// pathlib's `Path(name).parts`: a check of the parts is one of `name`; anything else itself.
fn split_of<'t>(node: Node<'t>, text: &str) -> Node<'t> {
    let inner = match node.kind() {
        "call" => node
            .child_by_field_name("function")
            .filter(|f| f.kind() == "attribute")
            .filter(|f| {
                f.child_by_field_name("attribute")
                    .is_some_and(|a| matches!(text_of(a, text), "split" | "rsplit"))
            })
            .and_then(|f| f.child_by_field_name("object")),
        "attribute" => node
            .child_by_field_name("attribute")
            .filter(|a| text_of(*a, text) == "parts")
            .and_then(|_| node.child_by_field_name("object"))
            .map(|object| path_argument(object, text).unwrap_or(object)),
        _ => None,
    };
    inner.unwrap_or(node)
}

/// `Path(name)`, `pathlib.PurePosixPath(name)`: the one value the path is made of.
fn path_argument<'t>(node: Node<'t>, text: &str) -> Option<Node<'t>> {
    if node.kind() != "call" {
        return None;
    }
    let callee = text_of(node.child_by_field_name("function")?, text);
    let class = callee.rsplit('.').next().unwrap_or(callee);
    if !matches!(class, "Path" | "PurePath" | "PurePosixPath" | "PosixPath") {
        return None;
    }
    let [only] = named_children(node.child_by_field_name("arguments")?)[..] else {
        return None;
    };
    (only.kind() != "keyword_argument").then_some(only)
}

/// The text of a plain string literal (`"file"`, `'owner'`): no prefix, no interpolation.
fn string_literal<'t>(node: Node<'t>, text: &'t str) -> Option<&'t str> {
    if node.kind() != "string" || node.named_child_count() > 3 {
        return None;
    }
    let written = text_of(node, text);
    let quote = written.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    written
        .strip_prefix(quote)?
        .strip_suffix(quote)
        .filter(|inner| !inner.contains(quote))
}

/// A dict display's fields: each value under its key when the key is a plain string literal,
/// otherwise the key and value (or `**spread`) unnamed.
fn dict_fields<'t>(node: Node<'t>, text: &str) -> Vec<(Option<String>, Node<'t>)> {
    let mut fields = Vec::new();
    for child in named_children(node) {
        if child.kind() == "comment" {
            continue;
        }
        let (Some(key), Some(value)) = (
            child.child_by_field_name("key"),
            child.child_by_field_name("value"),
        ) else {
            fields.push((None, child));
            continue;
        };
        if let Some(name) = string_literal(key, text) {
            fields.push((Some(name.to_string()), value));
        } else {
            fields.push((None, key));
            fields.push((None, value));
        }
    }
    fields
}
