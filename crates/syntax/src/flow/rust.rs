//! The Rust adapter: tree-sitter-rust's nodes as the flow core's shapes. Blocks are
//! expressions (their tail is the value), `format!` and friends compose their arguments and the
//! names their format string interpolates, and extractor patterns (`Query(params)`) bind.

use super::adapter::{
    ANCESTORS, Adapter, C_LIKE_CONDITIONS, ConditionSyntax, DeclaredFields, Elements, Expr,
    Function, Param, Stmt, assignment, leftmost, member_parts, named_children, operator,
    positional, text_of,
};
use std::collections::HashSet;
use tokens::{token_call_path, token_field_object, token_values};
use tree_sitter::Node;
use values::{declared_scalar, declared_type, has_header_array, header_pair, match_value};

mod tokens;
mod values;

pub(crate) struct Rust;

/// Calls after which a block does not go on.
const EXIT_CALLS: &[&str] = &["std::process::exit", "process::exit", "exit"];

impl Adapter for Rust {
    /// `impl Catalog for Countries`: the trait, whose default methods `Countries` has.
    fn superclasses<'t>(&self, class: Node<'t>, text: &'t str) -> Vec<&'t str> {
        class
            .child_by_field_name("trait")
            .and_then(|t| super::adapter::last_name(t, text))
            .into_iter()
            .collect()
    }

    fn function<'t>(
        &self,
        node: Node<'t>,
        _parent: Option<Node<'t>>,
        text: &str,
    ) -> Option<Function<'t>> {
        let body = node.child_by_field_name("body")?;
        match node.kind() {
            "function_item" => Some(Function {
                node,
                name: node
                    .child_by_field_name("name")
                    .map(|n| text_of(n, text).to_string()),
                params: params(node),
                decorators: attributes(node),
                body,
                expression_body: false,
                ancestors: [None; ANCESTORS],
            }),
            "closure_expression" => Some(Function {
                node,
                name: None,
                params: params(node),
                decorators: Vec::new(),
                body,
                expression_body: body.kind() != "block",
                ancestors: [None; ANCESTORS],
            }),
            _ => None,
        }
    }

    /// Iterator and `Option` / `Result` adapters: `urls.iter().map(|u| client.get(u))`,
    /// `for_each`, `filter_map`, `and_then`...
    fn callback_elements(&self, method: Option<&str>, _function: Option<&str>) -> Option<Elements> {
        matches!(
            method?,
            "map"
                | "for_each"
                | "filter"
                | "filter_map"
                | "flat_map"
                | "and_then"
                | "find"
                | "any"
                | "all"
                | "inspect"
        )
        .then_some(Elements::Receiver)
    }

    fn callback_filters(&self, method: Option<&str>, _function: Option<&str>) -> Option<Elements> {
        (method? == "filter").then_some(Elements::Receiver)
    }

    fn callback_results(&self, method: Option<&str>, _function: Option<&str>) -> Option<Elements> {
        matches!(method?, "map" | "flat_map" | "filter_map" | "and_then")
            .then_some(Elements::Receiver)
    }

    fn is_function(&self, kind: &str) -> bool {
        matches!(kind, "function_item" | "closure_expression")
    }

    fn annotates_next(&self, kind: &str) -> bool {
        matches!(kind, "attribute_item" | "line_comment" | "block_comment")
    }

    fn stmt<'t>(&self, node: Node<'t>, text: &str) -> Stmt<'t> {
        match node.kind() {
            "function_item" | "closure_expression" | "struct_item" | "enum_item" | "trait_item"
            | "use_declaration" | "mod_item" | "attribute_item" | "macro_definition"
            | "type_item" => Stmt::Skip,
            // `const TABLE: &str = "audit";`: a constant of the program (a `static mut` is not).
            "const_item" | "static_item" => match (
                node.child_by_field_name("name"),
                node.child_by_field_name("value"),
            ) {
                (Some(pattern), Some(value))
                    if !named_children(node)
                        .iter()
                        .any(|c| c.kind() == "mutable_specifier") =>
                {
                    Stmt::Bind {
                        pattern,
                        value: Some(value),
                    }
                }
                _ => Stmt::Skip,
            },
            "impl_item" => Stmt::Skip,
            "expression_statement" => match node.named_child(0) {
                // A function ending in `match` or `if .. else` without a semicolon returns the
                // value of the arm or branch taken.
                Some(inner) if is_tail_value(node, inner) => Stmt::Return(Some(inner)),
                Some(inner) => self.stmt(inner, text),
                None => Stmt::Block,
            },
            "let_declaration" => match node.child_by_field_name("pattern") {
                // `let n: u32 = raw.parse().unwrap()`: a number, whatever it was parsed from (the
                // declaration itself is the value, a conversion of it).
                Some(pattern) if declared_scalar(node, text, self) => Stmt::Bind {
                    pattern,
                    value: node.child_by_field_name("value").map(|_| node),
                },
                Some(pattern) => Stmt::Bind {
                    pattern,
                    value: node.child_by_field_name("value"),
                },
                None => Stmt::Block,
            },
            "return_expression" => Stmt::Return(node.named_child(0)),
            "break_expression" | "continue_expression" => Stmt::Exit(None),
            "call_expression" if is_exit_call(node, text) => Stmt::Exit(None),
            "macro_invocation"
                if node.child_by_field_name("macro").is_some_and(|m| {
                    matches!(text_of(m, text), "panic" | "unreachable" | "bail")
                }) =>
            {
                Stmt::Exit(None)
            }
            "if_expression" => match (
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
            "let_condition" => match node.child_by_field_name("pattern") {
                Some(pattern) => Stmt::Bind {
                    pattern,
                    value: node.child_by_field_name("value"),
                },
                None => Stmt::Block,
            },
            "for_expression" => Stmt::Loop {
                pattern: node.child_by_field_name("pattern"),
                iterable: node.child_by_field_name("value"),
                body: node.child_by_field_name("body").into_iter().collect(),
            },
            // `while let Some(field) = multipart.next_field().await?`: the pattern takes each value.
            "while_expression" | "loop_expression" => {
                let condition = node.child_by_field_name("condition");
                let binding = condition.filter(|c| c.kind() == "let_condition");
                Stmt::Loop {
                    pattern: binding.and_then(|c| c.child_by_field_name("pattern")),
                    iterable: match binding {
                        Some(c) => c.child_by_field_name("value"),
                        None => condition,
                    },
                    body: node.child_by_field_name("body").into_iter().collect(),
                }
            }
            "block" | "source_file" | "else_clause" | "declaration_list" | "match_block"
            | "match_arm" | "unsafe_block" | "async_block" => Stmt::Block,
            // The value a block ends with is what it returns (a function's tail expression).
            _ if is_tail(node) => Stmt::Return(Some(node)),
            _ => Stmt::Expr(node),
        }
    }

    fn expr<'t>(&self, node: Node<'t>, text: &str) -> Expr<'t> {
        match node.kind() {
            "integer_literal" | "float_literal" | "boolean_literal" | "char_literal"
            | "string_literal" | "raw_string_literal" | "unit_expression" => Expr::Constant,
            "identifier" => match token_field_object(node, text) {
                Some(object) => Expr::TokenField {
                    object,
                    field: node,
                },
                None => Expr::Name,
            },
            "self" => Expr::Name,
            "scoped_identifier" => Expr::Name,
            "field_expression" => match node.child_by_field_name("value") {
                Some(object) => Expr::Member { object },
                None => Expr::Other,
            },
            "index_expression" => match node.named_child(0) {
                Some(object) => Expr::Index { object },
                None => Expr::Other,
            },
            "call_expression" => call(node, text, self),
            // A declaration typed as a number (above, `stmt`): its value converted.
            "let_declaration" => Expr::Convert,
            "assignment_expression" | "compound_assignment_expr" => {
                assignment(node, node.kind() == "compound_assignment_expr").unwrap_or(Expr::Other)
            }
            "binary_expression" => {
                let operator = operator(node);
                if operator == "+" {
                    Expr::Compose(named_children(node))
                } else {
                    Expr::Convert
                }
            }
            "token_tree" => {
                let mut parts = Vec::new();
                token_values(node, text, &mut parts);
                Expr::Compose(parts)
            }
            // `write!(sql, " AND actor = '{}'", actor)` appends to `sql` (`fmt::Write` on a
            // `String`): an augmented assignment of what the macro formats.
            "macro_invocation" if let Some((target, tokens)) = write_target(node, text) => {
                Expr::Assign {
                    target,
                    value: tokens,
                    augmented: true,
                }
            }
            // maud's and yew's `html! { p { (bio) } }` escape what they interpolate: their
            // markup carries no text of its own, unless it says `PreEscaped`.
            "macro_invocation"
                if node
                    .child_by_field_name("macro")
                    .is_some_and(|m| matches!(text_of(m, text), "html" | "maud::html"))
                    && !text_of(node, text).contains("PreEscaped") =>
            {
                Expr::Convert
            }
            "macro_invocation" => match named_children(node).last() {
                Some(tokens) if tokens.kind() == "token_tree" => {
                    let mut parts = Vec::new();
                    token_values(*tokens, text, &mut parts);
                    Expr::Compose(parts)
                }
                _ => Expr::Other,
            },
            // `(LOCATION, target)`, `("content-type", ty)`: a header name and its value, read
            // like an object's field so a sink can name the header (axum's `[(LOCATION, to)]`,
            // actix-web's `insert_header((header::LOCATION, to))`).
            "tuple_expression" if let Some((name, field, value)) = header_pair(node, text) => {
                Expr::Object(vec![(None, name), (Some(field), value)])
            }
            // `(StatusCode::OK, [(CONTENT_TYPE, "text/html")], page)`: a response whose headers
            // are set by pairs, its body last, read like an object's `body` field so a sink can
            // name it with the headers it is sent with.
            "tuple_expression" if has_header_array(node, text) => {
                let mut parts: Vec<_> = named_children(node)
                    .into_iter()
                    .map(|c| (None, c))
                    .collect();
                if let Some(last) = parts.last_mut() {
                    last.0 = Some("body".to_string());
                }
                Expr::Object(parts)
            }
            "tuple_expression"
            | "array_expression"
            | "struct_expression"
            | "field_initializer_list"
            | "field_initializer"
            | "shorthand_field_initializer"
            | "arguments" => Expr::Compose(
                named_children(node)
                    .into_iter()
                    .filter(|c| c.kind() != "field_identifier" && c.kind() != "type_identifier")
                    .collect(),
            ),
            "parenthesized_expression"
            | "reference_expression"
            | "try_expression"
            | "await_expression"
            | "unary_expression" => {
                match node
                    .child_by_field_name("value")
                    .or_else(|| node.named_child(0))
                {
                    Some(inner) => Expr::Wrap(inner),
                    None => Expr::Other,
                }
            }
            // `1..=n`: integers (a range of anything else is not iterated as text).
            "type_cast_expression" | "range_expression" => Expr::Convert,
            "closure_expression" => Expr::Opaque,
            "block" => Expr::Block(node),
            // `if sort == "title" { "title" } else { "created_at" }`: the value is a branch's,
            // not the condition's.
            "if_expression" => match (
                node.child_by_field_name("condition"),
                node.child_by_field_name("consequence"),
                node.child_by_field_name("alternative")
                    .and_then(|a| a.named_child(0)),
            ) {
                (Some(condition), Some(then), Some(otherwise))
                    if !matches!(condition.kind(), "let_condition" | "let_chain") =>
                {
                    Expr::Choose {
                        condition,
                        then,
                        otherwise,
                    }
                }
                _ => Expr::Other,
            },
            "match_expression" => match_value(node, text),
            _ => Expr::Other,
        }
    }

    fn one_of_literals<'t>(&self, node: Node<'t>, text: &str) -> Option<Node<'t>> {
        static LITERALS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            let literal = r#""(?:[^"\\]|\\.)*""#;
            regex::Regex::new(&format!(
                r"^\(\s*[*&]*\s*(\w+)(?:\.as_str\(\))?\s*,\s*{literal}(?:\s*\|\s*{literal})*\s*,?\s*\)$"
            ))
            .expect("valid regex")
        });
        if node.kind() != "macro_invocation"
            || node
                .child_by_field_name("macro")
                .is_none_or(|m| text_of(m, text) != "matches")
        {
            return None;
        }
        let tokens = named_children(node)
            .into_iter()
            .find(|c| c.kind() == "token_tree")?;
        let name = LITERALS.captures(text_of(tokens, text))?.get(1)?.as_str();
        named_children(tokens)
            .into_iter()
            .find(|t| t.kind() == "identifier" && text_of(*t, text) == name)
    }

    fn path_of<'t>(&self, node: Node<'t>, text: &str) -> Option<Node<'t>> {
        values::path_of(node, text)
    }

    fn condition_syntax(&self) -> &'static ConditionSyntax {
        &C_LIKE_CONDITIONS
    }

    fn binds_error<'t>(&self, name: Node<'t>, pattern: Node<'t>, text: &str) -> bool {
        let mut current = name;
        // Patterns nest a few levels at most; a hostile one is cut off.
        for _ in 0..16 {
            if current.kind() == "tuple_struct_pattern"
                && current
                    .child_by_field_name("type")
                    .is_some_and(|t| matches!(text_of(t, text), "Err" | "Result::Err"))
            {
                return true;
            }
            if current == pattern {
                return false;
            }
            match current.parent() {
                Some(parent) => current = parent,
                None => return false,
            }
        }
        false
    }

    fn bindings<'t>(&self, pattern: Node<'t>, out: &mut Vec<Node<'t>>) {
        match pattern.kind() {
            "identifier" => out.push(pattern),
            "tuple_pattern"
            | "tuple_struct_pattern"
            | "slice_pattern"
            | "ref_pattern"
            | "mut_pattern"
            | "reference_pattern"
            | "struct_pattern"
            | "field_pattern"
            | "captured_pattern"
            | "or_pattern"
            | "match_pattern" => {
                for child in named_children(pattern) {
                    // `Query(params)`: the type names the extractor, it binds nothing.
                    if pattern.kind() == "tuple_struct_pattern"
                        && pattern.child_by_field_name("type") == Some(child)
                    {
                        continue;
                    }
                    if pattern.kind() == "struct_pattern"
                        && pattern.child_by_field_name("type") == Some(child)
                    {
                        continue;
                    }
                    // `Some(x) if x.len() > 3`: the guard binds nothing.
                    if pattern.kind() == "match_pattern"
                        && pattern.child_by_field_name("condition") == Some(child)
                    {
                        continue;
                    }
                    if child.kind() == "field_identifier" && pattern.kind() == "field_pattern" {
                        if pattern.child_by_field_name("pattern").is_none() {
                            out.push(child);
                        }
                        continue;
                    }
                    self.bindings(child, out);
                }
            }
            "shorthand_field_identifier" => out.push(pattern),
            _ => {}
        }
    }

    /// `a::b::c`, `a.b.c` or `a::<T>` as a dotted name. Walked in a loop, not recursively: a
    /// path can be thousands of segments long in a hostile file, and each segment would be a
    /// stack frame.
    fn path(&self, node: Node<'_>, text: &str) -> Option<String> {
        // The segments from the last to the first.
        let mut segments = Vec::new();
        let mut node = node;
        loop {
            match node.kind() {
                "identifier" | "self" => {
                    segments.push(text_of(node, text));
                    break;
                }
                "scoped_identifier" => {
                    segments.push(text_of(node.child_by_field_name("name")?, text));
                    match node.child_by_field_name("path") {
                        Some(path) => node = path,
                        None => break,
                    }
                }
                "field_expression" => {
                    segments.push(text_of(node.child_by_field_name("field")?, text));
                    node = node.child_by_field_name("value")?;
                }
                "generic_function" => node = node.child_by_field_name("function")?,
                _ => return None,
            }
        }
        segments.reverse();
        Some(segments.join("."))
    }

    fn format_names(&self, node: Node<'_>, text: &str) -> Vec<String> {
        let mut names = Vec::new();
        if node.kind() != "macro_invocation" {
            return names;
        }
        let Some(tokens) = named_children(node).last().copied() else {
            return names;
        };
        // `format!("{bio}")` and `format!(r#"<p class="bio">{bio}</p>"#)` alike: a raw string's
        // braces are placeholders too.
        if let Some(template) = named_children(tokens).first()
            && matches!(template.kind(), "string_literal" | "raw_string_literal")
        {
            let content = text_of(*template, text);
            let mut rest = content;
            while let Some(open) = rest.find('{') {
                rest = &rest[open + 1..];
                if rest.starts_with('{') {
                    rest = &rest[1..];
                    continue;
                }
                let end = rest.find(['}', ':']).unwrap_or(rest.len());
                let name = &rest[..end];
                if !name.is_empty()
                    && name.chars().all(|c| c.is_alphanumeric() || c == '_')
                    && !name.chars().next().is_some_and(|c| c.is_ascii_digit())
                {
                    names.push(name.to_string());
                }
            }
        }
        names
    }

    fn is_whole_literal(&self, node: Node<'_>) -> bool {
        matches!(node.kind(), "string_literal" | "raw_string_literal")
    }

    fn literal_prefix(&self, node: Node<'_>, text: &str) -> Option<String> {
        let literal = match node.kind() {
            "string_literal" | "raw_string_literal" => node,
            "macro_invocation" => {
                let tokens = named_children(node).last().copied()?;
                named_children(tokens)
                    .into_iter()
                    .next()
                    .filter(|t| matches!(t.kind(), "string_literal" | "raw_string_literal"))?
            }
            "binary_expression" => {
                return self.literal_prefix(leftmost(node, "binary_expression")?, text);
            }
            _ => return None,
        };
        // `r#"<p>..."#`: the raw string's `r`, hashes and quote go before its text.
        let content = text_of(literal, text)
            .trim_start_matches('r')
            .trim_start_matches('#')
            .trim_start_matches('"');
        let prefix = content
            .split('{')
            .next()
            .unwrap_or("")
            .trim_end_matches('"');
        Some(prefix.to_string()).filter(|p| !p.is_empty())
    }

    fn property_name(&self, _target: Node<'_>, _text: &str) -> Option<String> {
        None
    }

    fn record_fields<'t>(&self, node: Node<'t>, text: &'t str) -> Option<Vec<(&'t str, Node<'t>)>> {
        if node.kind() != "struct_expression" {
            return None;
        }
        let mut fields = Vec::new();
        for field in named_children(node.child_by_field_name("body")?) {
            match field.kind() {
                "field_initializer" => fields.push((
                    text_of(field.child_by_field_name("field")?, text),
                    field.child_by_field_name("value")?,
                )),
                "shorthand_field_initializer" => {
                    let name = field.named_child(0)?;
                    fields.push((text_of(name, text), name));
                }
                "line_comment" | "block_comment" => {}
                // `..Default::default()`: fields not written here.
                _ => return None,
            }
        }
        Some(fields)
    }

    fn field_read<'t>(&self, node: Node<'t>, text: &'t str) -> Option<&'t str> {
        match node.kind() {
            "field_expression" => Some(text_of(node.child_by_field_name("field")?, text)),
            _ => None,
        }
    }

    /// `u64`, `&i32`, `Option<u32>`, `Uuid`, and extractors of them: `Path<u64>`,
    /// `web::Path<(u32, u32)>` (the framework rejects a request that does not parse).
    fn unwraps(&self, method: &str) -> bool {
        unwraps(method)
    }
    /// Numbers and booleans, and `&'static str`: the program's own text (a literal, a table
    /// of them), never what a request brought, which lives no longer than the request.
    fn is_scalar_type(&self, annotation: &str) -> bool {
        values::is_scalar(annotation) || tokens::is_static_text(annotation)
    }

    fn checks_types(&self) -> bool {
        true
    }

    fn declares_static_text(&self, function: Node<'_>, text: &str) -> bool {
        function
            .child_by_field_name("return_type")
            .is_some_and(|ty| tokens::is_static_text(text_of(ty, text)))
    }

    fn scalar_element(&self, pattern: Node<'_>, annotation: &str, name: Node<'_>) -> bool {
        values::scalar_element(pattern, annotation, name)
    }

    fn scalar_fields<'t>(&self, root: Node<'t>, text: &'t str) -> HashSet<&'t str> {
        values::scalar_fields(root, text)
    }

    fn declared_fields<'t>(&self, node: Node<'t>, text: &'t str) -> Option<DeclaredFields<'t>> {
        values::struct_fields(node, text)
    }

    fn constructed<'t>(&self, node: Node<'t>, text: &'t str) -> Option<&'t str> {
        let ty = match node.kind() {
            "struct_expression" => node.child_by_field_name("name")?,
            // A unit struct's value is written as its name (`Renderer.preview(&req)` after
            // `struct Renderer;`): `defines_class` keeps only the file's own types.
            "identifier" if text_of(node, text).starts_with(|c: char| c.is_ascii_uppercase()) => {
                node
            }
            // `Archiver::new(root)`, `Archiver::default()`, `Pipeline::from_request(cfg, &req)`:
            // the type's constructors, by the names Rust gives them.
            "call_expression" => {
                let callee = node.child_by_field_name("function")?;
                let name = callee.child_by_field_name("name")?;
                if callee.kind() != "scoped_identifier" || !is_constructor_name(text_of(name, text))
                {
                    return None;
                }
                callee.child_by_field_name("path")?
            }
            _ => return None,
        };
        // `models::Archiver { .. }`: the type's own name.
        let ty = ty.child_by_field_name("name").unwrap_or(ty);
        Some(text_of(ty, text))
    }

    fn token_arguments<'t>(&self, node: Node<'t>, text: &str) -> Vec<Vec<Node<'t>>> {
        tokens::token_arguments(node, text)
    }

    fn token_call(&self, node: Node<'_>, text: &str) -> Option<String> {
        if node.kind() != "token_tree" {
            return None;
        }
        let segments = token_call_path(node)?;
        Some(
            segments
                .iter()
                .map(|s| text_of(*s, text))
                .collect::<Vec<_>>()
                .join("."),
        )
    }
}

fn is_tail(node: Node<'_>) -> bool {
    ends_function_body(node) && !matches!(node.kind(), "expression_statement" | "let_declaration")
}

/// Whether `node` is the last item of a function's (or a closure's) body block.
fn ends_function_body(node: Node<'_>) -> bool {
    node.parent().is_some_and(|p| {
        p.kind() == "block"
            && p.parent()
                .is_some_and(|f| matches!(f.kind(), "function_item" | "closure_expression"))
            && p.named_child((p.named_child_count() as u32).saturating_sub(1)) == Some(node)
    })
}

/// `statement` ends its function's body without a semicolon and `inner`, its expression, is a
/// `match` or an `if` with an `else`: the function's value.
fn is_tail_value(statement: Node<'_>, inner: Node<'_>) -> bool {
    let valued = match inner.kind() {
        "match_expression" => true,
        "if_expression" => inner.child_by_field_name("alternative").is_some(),
        _ => false,
    };
    let mut cursor = statement.walk();
    let terminated = statement.children(&mut cursor).any(|c| c.kind() == ";");
    valued && !terminated && ends_function_body(statement)
}

/// The names Rust's conventions give an associated function that builds its type: `new`,
/// `default`, `new_*`, `from_*`, `with_*`, `try_new`, `open`, `connect`, `build`.
fn is_constructor_name(name: &str) -> bool {
    matches!(
        name,
        "new" | "default" | "open" | "connect" | "build" | "create" | "load"
    ) || [
        "new_", "from_", "with_", "try_new", "try_from", "open_", "connect_", "load_",
    ]
    .iter()
    .any(|prefix| name.starts_with(prefix))
}

fn is_exit_call(node: Node<'_>, text: &str) -> bool {
    node.child_by_field_name("function")
        .is_some_and(|f| EXIT_CALLS.contains(&text_of(f, text)))
}

/// A method that hands back the value a `Result` / `Option` holds with only its error mapped
/// or described (`map_err`, `context`, `ok_or`): the value is the receiver's.
fn maps_error(method: &str) -> bool {
    matches!(
        method,
        "map_err"
            | "context"
            | "with_context"
            | "wrap_err"
            | "wrap_err_with"
            | "ok_or"
            | "ok_or_else"
    )
}

/// A method that hands back the value a `Result` / `Option` holds, or a default: the error
/// mapped (`maps_error`), the value taken (`unwrap`, `expect(..)`, `unwrap_or("")`) or kept
/// as an `Option` (`ok`). The one list every "through the `Result`" question asks.
pub(super) fn unwraps(method: &str) -> bool {
    maps_error(method) || method.starts_with("unwrap") || matches!(method, "expect" | "ok")
}

fn call<'t>(node: Node<'t>, text: &str, rust: &Rust) -> Expr<'t> {
    let Some(callee) = node.child_by_field_name("function") else {
        return Expr::Other;
    };
    // `value.parse::<u32>()`: the turbofish wraps the method.
    let method_callee = if callee.kind() == "generic_function" {
        callee.child_by_field_name("function").unwrap_or(callee)
    } else {
        callee
    };
    let (receiver, method) = member_parts(method_callee, ("field_expression", "value", "field"));
    // `Url::parse(&raw).map_err(|_| StatusCode::BAD_REQUEST)?`: mapping the error leaves the
    // value what it was (and what made it, which a guard may ask).
    if let (Some(receiver), Some(method)) = (receiver, method)
        && maps_error(text_of(method, text))
    {
        return Expr::Wrap(receiver);
    }
    // `.parse()` converts to numbers (a sanitizer), but `let uri: Uri = target.parse()?` or
    // `x.parse::<Url>()` keeps the text: the value is its receiver's.
    if let (Some(receiver), Some(method)) = (receiver, method)
        && text_of(method, text) == "parse"
    {
        let target = match callee.child_by_field_name("type_arguments") {
            Some(types) => Some(
                text_of(types, text)
                    .trim_matches(['<', '>', ' '])
                    .to_string(),
            ),
            None => declared_type(node, text).map(str::to_string),
        };
        if target.is_some_and(|t| !rust.is_scalar_type(&t)) {
            return Expr::Wrap(receiver);
        }
    }
    let args = node
        .child_by_field_name("arguments")
        .map(positional)
        .unwrap_or_default();
    // `hosts.contains(&host).then_some(url)` is `if hosts.contains(&host) { Some(url) } else
    // { None }`: the value under what the condition vouches for. The method's name stands for
    // the `None` side, a name nothing binds.
    if let (Some(condition), Some(method), [value]) = (receiver, method, args.as_slice())
        && text_of(method, text) == "then_some"
    {
        return Expr::Choose {
            condition,
            then: value.value,
            otherwise: method,
        };
    }
    Expr::Call {
        callee,
        receiver,
        method,
        args,
    }
}

/// The attributes written above an item (`#[get("/<name>")]`).
fn attributes(node: Node<'_>) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    let mut previous = node.prev_named_sibling();
    while let Some(p) = previous {
        if p.kind() != "attribute_item" {
            break;
        }
        out.push(p);
        previous = p.prev_named_sibling();
    }
    out
}

fn params(node: Node<'_>) -> Vec<Param<'_>> {
    let Some(list) = node.child_by_field_name("parameters") else {
        return Vec::new();
    };
    named_children(list)
        .into_iter()
        .filter(|p| p.kind() != "self_parameter" && p.kind() != "attribute_item")
        .map(|p| match p.kind() {
            "parameter" => Param {
                pattern: p.child_by_field_name("pattern").unwrap_or(p),
                annotation: p.child_by_field_name("type"),
                default: None,
            },
            _ => Param {
                pattern: p,
                annotation: None,
                default: None,
            },
        })
        .collect()
}

/// For `write!(target, ...)` / `writeln!(target, ...)` (also `&mut target`), the name written
/// to and the macro's tokens.
fn write_target<'t>(node: Node<'t>, text: &str) -> Option<(Node<'t>, Node<'t>)> {
    let name = node.child_by_field_name("macro")?;
    let name = name.child_by_field_name("name").unwrap_or(name);
    if !matches!(text_of(name, text), "write" | "writeln") {
        return None;
    }
    let tokens = named_children(node)
        .last()
        .copied()
        .filter(|t| t.kind() == "token_tree")?;
    let first = named_children(tokens)
        .into_iter()
        .find(|t| t.kind() != "mutable_specifier")?;
    (first.kind() == "identifier").then_some((first, tokens))
}
