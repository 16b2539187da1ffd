//! Where a node sits: the statement after it, the definitions around it, what a name in scope
//! is bound to, and whether it lies in an `impl` of a `#[repr(transparent)]` struct. The walks
//! the predicates of `predicates.rs` make beyond the match itself.

use crate::lang::is_literal;
use tree_sitter::Node;

use super::strip_quotes;
use super::this_fields;

/// Whether a node with `ancestors` (innermost first, the root last: see [`ancestors`]) lies in
/// an `impl` (`impl Wrapper`, `impl Trait for Wrapper`) of a struct the file declares with
/// `#[repr(transparent)]` among the attributes right above it.
pub(super) fn in_transparent_impl(ancestors: &[Node<'_>], source: &[u8]) -> bool {
    let text = |n: Node<'_>| n.utf8_text(source).unwrap_or("");
    let Some(implemented) = ancestors
        .iter()
        .find(|n| n.kind() == "impl_item")
        .and_then(|i| i.child_by_field_name("type"))
    else {
        return false;
    };
    // `RawValue<'a>` and `&'a RawValue` are declared as `RawValue`.
    let mut implemented = implemented;
    while matches!(implemented.kind(), "generic_type" | "reference_type")
        && let Some(inner) = implemented.child_by_field_name("type")
    {
        implemented = inner;
    }
    let type_name = text(implemented);
    let Some(&root) = ancestors.last() else {
        return false;
    };
    let mut stack = vec![root];
    while let Some(current) = stack.pop() {
        if current.kind() == "struct_item" {
            if current.child_by_field_name("name").map(text) == Some(type_name) {
                let transparent =
                    std::iter::successors(current.prev_named_sibling(), |n| n.prev_named_sibling())
                        .take_while(|n| {
                            n.kind() == "attribute_item" || n.kind().contains("comment")
                        })
                        .any(|n| text(n).replace(' ', "").contains("repr(transparent)"));
                if transparent {
                    return true;
                }
            }
            continue;
        }
        // Structs are declared at module level or in `mod` blocks, never inside functions.
        if current.kind() == "source_file"
            || current.kind() == "mod_item"
            || current.kind() == "declaration_list"
        {
            let mut cursor = current.walk();
            stack.extend(current.named_children(&mut cursor));
        }
    }
    false
}

/// The ancestors of `node`, innermost first, `root` last: found once per predicate by going
/// down from the root ([`crate::lang::path_from_root`]), since a climb with `Node::parent`
/// costs the square of the depth, for each match, and thousands of matches nested thousands
/// deep (closures returning closures) took minutes.
pub(super) fn ancestors<'t>(root: Node<'t>, node: Node<'t>) -> Vec<Node<'t>> {
    let mut path = crate::lang::path_from_root(root, node);
    if path.last().is_some_and(|last| last.id() == node.id()) {
        path.pop();
    }
    path.reverse();
    path
}

/// The statement after the one holding `node` in its block, comments skipped.
pub(super) fn next_statement<'t>(node: Node<'t>, ancestors: &[Node<'t>]) -> Option<Node<'t>> {
    let mut statement = node;
    for &parent in ancestors {
        if matches!(
            parent.kind(),
            "block" | "module" | "program" | "statement_block" | "source_file"
        ) {
            let mut cursor = parent.walk();
            return parent
                .named_children(&mut cursor)
                .skip_while(|n| n.id() != statement.id())
                .skip(1)
                .find(|n| !n.kind().contains("comment"));
        }
        statement = parent;
    }
    None
}

/// The definitions among `ancestors`, innermost first: functions, methods, closures, classes,
/// traits, modules and impl blocks of every grammar here.
pub(super) fn enclosing_definitions<'a, 't>(
    ancestors: &'a [Node<'t>],
) -> impl Iterator<Item = Node<'t>> + 'a {
    ancestors.iter().copied().filter(|n| {
        let kind = n.kind();
        is_function_kind(kind)
            || kind.starts_with("class")
            || matches!(kind, "impl_item" | "trait_item" | "mod_item")
    })
}

/// A definition's name: its `name` field, or the type of a Rust impl block (`impl DigestAuth`);
/// `None` for lambdas, closures and anonymous functions.
pub(super) fn definition_name(definition: Node<'_>) -> Option<Node<'_>> {
    definition
        .child_by_field_name("name")
        .or_else(|| definition.child_by_field_name("type"))
}

/// The texts (quotes stripped) `node` can hold: its own when it is a string literal without
/// interpolation; for a name, those of every place the innermost scope declaring it binds it
/// (`const ALGO = "md5"`, `algo = "md5"`, `let algo = "md5";`, a parameter default), none when
/// one of them binds anything else or it is a plain parameter. Only runs for the nodes a rule
/// asks about, so the walks over the file are rare.
pub(super) fn constant_strings<'t>(
    node: Node<'t>,
    ancestors: impl FnOnce() -> std::rc::Rc<[Node<'t>]>,
    source: &[u8],
) -> Vec<String> {
    let mut root = node;
    while let Some(parent) = root.parent() {
        root = parent;
    }
    bindings(node, ancestors, source, &|value, field| {
        let value = enum_member(value, root, source).unwrap_or(value);
        field.is_none().then(|| string_literal(value, source))?
    })
}

/// The value a TypeScript enum member is declared with (`HashAlgo.Legacy` after `enum HashAlgo
/// { Legacy = "sha1" }`, declared at the top of the file), or `None` for anything else.
fn enum_member<'t>(value: Node<'t>, root: Node<'t>, source: &[u8]) -> Option<Node<'t>> {
    if value.kind() != "member_expression" {
        return None;
    }
    let object = value.child_by_field_name("object")?;
    let property = value.child_by_field_name("property")?;
    if object.kind() != "identifier" {
        return None;
    }
    let (name, member) = (
        object.utf8_text(source).ok()?,
        property.utf8_text(source).ok()?,
    );
    let mut cursor = root.walk();
    let declaration = root.named_children(&mut cursor).find_map(|top| {
        let declaration = match top.kind() {
            "export_statement" => top.child_by_field_name("declaration")?,
            _ => top,
        };
        (declaration.kind() == "enum_declaration"
            && declaration
                .child_by_field_name("name")
                .is_some_and(|n| n.utf8_text(source) == Ok(name)))
        .then_some(declaration)
    })?;
    let body = declaration.child_by_field_name("body")?;
    let mut cursor = body.walk();
    let found = body.named_children(&mut cursor).find(|entry| {
        entry.kind() == "enum_assignment"
            && entry
                .child_by_field_name("name")
                .is_some_and(|n| n.utf8_text(source) == Ok(member))
    })?;
    found.child_by_field_name("value")
}

/// The texts `node` can hold as written: its own, or for a name, those of every expression the
/// innermost scope declaring it binds it to; none when one binding has no value (a parameter,
/// `let x;`). The same walk as [`constant_strings`], any expression kept.
pub(super) fn bound_texts<'t>(
    node: Node<'t>,
    ancestors: impl FnOnce() -> std::rc::Rc<[Node<'t>]>,
    source: &[u8],
) -> Vec<String> {
    bindings(node, ancestors, source, &|value, field| {
        let text = value.utf8_text(source).unwrap_or("");
        Some(match field {
            Some(field) => format!("{text}.{field}"),
            None => text.to_string(),
        })
    })
}

/// `node` read by `read` (`None`: it cannot be read, which makes the answer empty); for a name,
/// what the innermost scope declaring it binds it to, each read so.
pub(super) fn bindings<'t>(
    node: Node<'t>,
    ancestors: impl FnOnce() -> std::rc::Rc<[Node<'t>]>,
    source: &[u8],
    read: &dyn Fn(Node<'_>, Option<&str>) -> Option<String>,
) -> Vec<String> {
    // `self.iv` in a Python method: what its class sets the attribute to, a name it is set to
    // (`self.iv = IV`) read as what that name is bound to.
    if node.kind() == "attribute"
        && let (Some(object), Some(attribute)) = (
            node.child_by_field_name("object"),
            node.child_by_field_name("attribute"),
        )
        && object.utf8_text(source) == Ok("self")
        && let Ok(key) = attribute.utf8_text(source)
    {
        let ancestors = ancestors();
        let through = |value: Node<'_>, field: Option<&str>| {
            if field.is_none()
                && value.kind() == "identifier"
                && let Some(_link) = AliasDepth::enter()
                && let Some(&root) = ancestors.last()
                && let Some(bound) = alias_target(value, root, source, read)
            {
                return Some(bound);
            }
            read(value, field)
        };
        let class = ancestors.iter().find(|a| a.kind() == "class_definition");
        if let Some(found) = class.and_then(|class| {
            super::self_fields::self_field_bindings(*class, key, source, &through)
        }) {
            return found;
        }
        return read(node, None).into_iter().collect();
    }
    // `self.accept_any` in a Rust method: what the type's constructions in the file set it to.
    if node.kind() == "field_expression"
        && let (Some(object), Some(field)) = (
            node.child_by_field_name("value"),
            node.child_by_field_name("field"),
        )
        && object.kind() == "self"
        && let Ok(key) = field.utf8_text(source)
    {
        if let Some(found) =
            super::struct_fields::own_field_bindings(key, &ancestors(), source, read)
        {
            return found;
        }
        return read(node, None).into_iter().collect();
    }
    // `config.jwt.secret` after `const config = { jwt: { secret: "..." } }`: the field as the
    // object literal writes it; as written when the name holds anything else.
    let mut keys = Vec::new();
    let mut base = node;
    while let Some((object, key)) = field_read(base, source) {
        keys.push(key);
        base = object;
    }
    // `this.algorithm` in a class that sets it only to constants: a field initializer
    // (`algo = "sha1"`), a constructor's assignment, or a parameter's default there.
    // `ShareLinkCodec.ALGO` inside `class ShareLinkCodec`: its static field, read as `this.x`.
    if let [key] = keys[..]
        && (base.kind() == "this" || this_fields::names_enclosing_class(base, source))
    {
        if let Some(found) = this_fields::own_field_bindings(key, &ancestors(), source, read) {
            return found;
        }
        return read(node, None).into_iter().collect();
    }
    // `self.settings["iv"]`: the field of what the class sets the attribute to.
    let own_attribute = base.kind() == "attribute"
        && base
            .child_by_field_name("object")
            .is_some_and(|o| o.utf8_text(source) == Ok("self"));
    if !keys.is_empty() && (base.kind() == "identifier" || own_attribute) {
        keys.reverse();
        let field_of = |value: Node<'_>, field: Option<&str>| {
            let mut at = value;
            for key in field.iter().chain(&keys) {
                at = object_field(at, key, source)?;
            }
            read(at, None)
        };
        let found = bindings(base, ancestors, source, &field_of);
        if !found.is_empty() {
            return found;
        }
        return read(node, None).into_iter().collect();
    }
    // `{ schema }`: the name the shorthand property reads.
    if !matches!(node.kind(), "identifier" | "shorthand_property_identifier") {
        return read(node, None).into_iter().collect();
    }
    let name = node.utf8_text(source).unwrap_or("");
    let ancestors = ancestors();
    // `iv = NONCE` after `NONCE = bytes(16)`: a name bound to another name is read as what that
    // one is bound to, when that is one thing (a few links deep); so is one bound to a field
    // of a name (`algorithm = SETTINGS["digest"]`).
    let through = |value: Node<'_>, field: Option<&str>| {
        if field.is_none()
            && (value.kind() == "identifier" || field_read(value, source).is_some())
            && value.utf8_text(source).ok() != Some(name)
            && let Some(_link) = AliasDepth::enter()
            && let Some(&root) = ancestors.last()
            && let Some(bound) = alias_target(value, root, source, read)
        {
            return Some(bound);
        }
        read(value, field)
    };
    for (at, &current) in ancestors.iter().enumerate() {
        let is_root = at + 1 == ancestors.len();
        if (is_root || is_function_kind(current.kind()))
            && let Some(found) = bindings_in(current, name, source, &through)
        {
            return found;
        }
    }
    Vec::new()
}

/// What the name `value` is bound to, read by `read`, when that is one thing.
fn alias_target<'a>(
    value: Node<'a>,
    root: Node<'a>,
    source: &[u8],
    read: &dyn Fn(Node<'_>, Option<&str>) -> Option<String>,
) -> Option<String> {
    // Boxed: one type of ancestor closure, however deep the aliases go.
    let of_value: Box<dyn FnOnce() -> std::rc::Rc<[Node<'a>]> + 'a> =
        Box::new(move || ancestors(root, value).into());
    match &bindings(value, of_value, source, read)[..] {
        [only] => Some(only.clone()),
        _ => None,
    }
}

/// How many names deep an alias is being followed, so that `a = b; b = a` ends.
struct AliasDepth;

thread_local! {
    static ALIAS_DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

impl AliasDepth {
    const LIMIT: usize = 3;

    fn enter() -> Option<AliasDepth> {
        ALIAS_DEPTH.with(|depth| {
            (depth.get() < Self::LIMIT).then(|| {
                depth.set(depth.get() + 1);
                AliasDepth
            })
        })
    }
}

impl Drop for AliasDepth {
    fn drop(&mut self) {
        ALIAS_DEPTH.with(|depth| depth.set(depth.get() - 1));
    }
}

/// What `scope` binds `name` to, leaving out nested functions (scopes of their own), each
/// binding's value read by `read`: `None` when it does not bind it; empty when one binding
/// cannot be read.
fn bindings_in(
    scope: Node<'_>,
    name: &str,
    source: &[u8],
    read: &dyn Fn(Node<'_>, Option<&str>) -> Option<String>,
) -> Option<Vec<String>> {
    let text = |n: Node<'_>| n.utf8_text(source).unwrap_or("");
    let mut found = Vec::new();
    let mut cursor = scope.walk();
    let mut stack: Vec<Node<'_>> = scope.named_children(&mut cursor).collect();
    while let Some(current) = stack.pop() {
        let kind = current.kind();
        // `function merge(target, source) { ... }`: the name stands for the function's text.
        if matches!(
            kind,
            "function_declaration" | "generator_function_declaration"
        ) && current
            .child_by_field_name("name")
            .is_some_and(|n| text(n) == name)
        {
            match read(current, None) {
                Some(string) => found.push(string),
                None => return Some(Vec::new()),
            }
            continue;
        }
        if is_function_kind(kind) {
            continue;
        }
        if matches!(kind, "parameters" | "formal_parameters") {
            let plain = |p: Node<'_>| {
                let bound = match p.kind() {
                    "identifier" => Some(p),
                    "typed_parameter" => p.named_child(0),
                    _ => p.child_by_field_name("pattern"),
                };
                bound.is_some_and(|b| b.kind() == "identifier" && text(b) == name)
            };
            if current.named_children(&mut scope.walk()).any(plain) {
                return Some(Vec::new());
            }
        }
        if overwritten_in_place(current, name, source) {
            return Some(Vec::new());
        }
        let (target, value) = match kind {
            "variable_declarator"
            | "const_item"
            | "static_item"
            | "default_parameter"
            | "typed_default_parameter" => (
                current.child_by_field_name("name"),
                current.child_by_field_name("value"),
            ),
            "assignment" | "assignment_expression" | "assignment_pattern" => (
                current.child_by_field_name("left"),
                current.child_by_field_name("right"),
            ),
            "let_declaration" => (
                current.child_by_field_name("pattern"),
                current.child_by_field_name("value"),
            ),
            _ => (None, None),
        };
        // `let mut rng = ...`: the name inside the `mut`.
        let target = match target {
            Some(t) if t.kind() == "mut_pattern" => t.named_child(0),
            other => other,
        };
        if let Some(target) = target
            && target.kind() == "identifier"
            && text(target) == name
        {
            match value.and_then(|v| read(v, None)) {
                Some(string) => found.push(string),
                None => return Some(Vec::new()),
            }
        } else if let Some(target) = target
            && target.kind() == "object_pattern"
            && let Some(field) = destructured_field(target, name, source)
        {
            // `const { key } = req.body`: `key` holds the value's field `key`.
            match value.and_then(|v| read(v, Some(field))) {
                Some(string) => found.push(string),
                None => return Some(Vec::new()),
            }
        }
        stack.extend(current.named_children(&mut cursor));
    }
    (!found.is_empty()).then_some(found)
}

/// Whether `node` fills the buffer `name` holds with other bytes, so the value it was bound to
/// is only its size: Rust's `&mut name` (`OsRng.fill_bytes(&mut nonce)`), a random filler or a
/// copy given the name (`crypto.randomFillSync(iv)`, `crypto.getRandomValues(iv)`), or a
/// copying method called on it (`nonce.copy_from_slice(&bytes)`, `iv.set(random)`).
fn overwritten_in_place(node: Node<'_>, name: &str, source: &[u8]) -> bool {
    let text = |n: Node<'_>| n.utf8_text(source).unwrap_or("");
    let is_name =
        |n: Option<Node<'_>>| n.is_some_and(|n| n.kind() == "identifier" && text(n) == name);
    match node.kind() {
        "reference_expression" => {
            let mut cursor = node.walk();
            let mutable = node
                .children(&mut cursor)
                .any(|c| c.kind() == "mutable_specifier");
            mutable && is_name(node.child_by_field_name("value"))
        }
        "call_expression" | "call" => {
            let Some(function) = node.child_by_field_name("function") else {
                return false;
            };
            let callee = text(function);
            let called = callee.rsplit(['.', ':']).next().unwrap_or(callee);
            if let Some(receiver) = function
                .child_by_field_name("object")
                .or_else(|| function.child_by_field_name("value"))
                && is_name(Some(receiver))
                && matches!(
                    called,
                    "copy_from_slice" | "clone_from_slice" | "fill" | "set" | "copy"
                )
            {
                return true;
            }
            let fills = called.to_ascii_lowercase();
            (fills.contains("random") || fills.contains("fill"))
                && node
                    .child_by_field_name("arguments")
                    .is_some_and(|arguments| {
                        let mut cursor = arguments.walk();
                        arguments
                            .named_children(&mut cursor)
                            .any(|a| is_name(Some(a)))
                    })
        }
        _ => false,
    }
}

/// The field of the object a JavaScript destructuring pattern binds `name` to (`{ key }`,
/// `{ key = "x" }`, `{ field: key }`), at its top level only.
fn destructured_field<'s>(pattern: Node<'_>, name: &str, source: &'s [u8]) -> Option<&'s str> {
    let text = |n: Node<'_>| n.utf8_text(source).unwrap_or("");
    let mut cursor = pattern.walk();
    let children: Vec<Node<'_>> = pattern.named_children(&mut cursor).collect();
    children
        .into_iter()
        .find_map(|property| match property.kind() {
            "shorthand_property_identifier_pattern" if text(property) == name => {
                property.utf8_text(source).ok()
            }
            "object_assignment_pattern" => property
                .child_by_field_name("left")
                .filter(|left| text(*left) == name)
                .and_then(|left| left.utf8_text(source).ok()),
            "pair_pattern" => property
                .child_by_field_name("value")
                .filter(|value| value.kind() == "identifier" && text(*value) == name)
                .and_then(|_| property.child_by_field_name("key"))
                .filter(|key| key.kind() == "property_identifier")
                .and_then(|key| key.utf8_text(source).ok()),
            _ => None,
        })
}

/// `config.iv` (JavaScript), `SETTINGS["iv"]` (Python, JavaScript): the object read and the key,
/// when the key is written out.
fn field_read<'t, 's>(node: Node<'t>, source: &'s [u8]) -> Option<(Node<'t>, &'s str)> {
    let (object, key) = match node.kind() {
        "member_expression" => (
            node.child_by_field_name("object")?,
            node.child_by_field_name("property")
                .filter(|p| p.kind() == "property_identifier")?,
        ),
        "subscript" => (
            node.child_by_field_name("value")?,
            node.child_by_field_name("subscript")?,
        ),
        "subscript_expression" => (
            node.child_by_field_name("object")?,
            node.child_by_field_name("index")?,
        ),
        // Rust's `SETTINGS.cost`.
        "field_expression" => (
            node.child_by_field_name("value")?,
            node.child_by_field_name("field")
                .filter(|f| f.kind() == "field_identifier")?,
        ),
        _ => return None,
    };
    let written = key.utf8_text(source).ok()?;
    let key = match key.kind() {
        "property_identifier" | "field_identifier" => written,
        "string" if is_literal(key) => strip_quotes(written),
        _ => return None,
    };
    Some((object, key))
}

/// The value an object literal writes for `key` (`{ iv: Buffer.alloc(16) }`, `{ "iv": ... }`,
/// Rust's `Hashing { cost: 4 }`).
fn object_field<'t>(object: Node<'t>, key: &str, source: &[u8]) -> Option<Node<'t>> {
    // Where each grammar's literal keeps its entries, their kind and the field naming the key.
    let (entries, entry_kind, key_field) = match object.kind() {
        "object" | "dictionary" => (object, "pair", "key"),
        "struct_expression" => (
            object.child_by_field_name("body")?,
            "field_initializer",
            "field",
        ),
        _ => return None,
    };
    let mut cursor = entries.walk();
    let children: Vec<Node<'t>> = entries.named_children(&mut cursor).collect();
    children.into_iter().find_map(|entry| {
        let name = entry.child_by_field_name(key_field)?;
        let written = name.utf8_text(source).unwrap_or("");
        (entry.kind() == entry_kind
            && matches!(
                name.kind(),
                "property_identifier" | "string" | "field_identifier"
            )
            && strip_quotes(written) == key)
            .then(|| entry.child_by_field_name("value"))
            .flatten()
    })
}

/// A string literal's text without quotes; `None` for anything else (an interpolation too).
fn string_literal(node: Node<'_>, source: &[u8]) -> Option<String> {
    let string_kind = matches!(
        node.kind(),
        "string" | "template_string" | "string_literal" | "raw_string_literal"
    );
    (string_kind && is_literal(node))
        .then(|| strip_quotes(node.utf8_text(source).unwrap_or("")).to_string())
}

/// Functions, methods, lambdas and closures of every grammar here: each a scope of its own.
pub(super) fn is_function_kind(kind: &str) -> bool {
    kind.contains("function")
        || kind.contains("method")
        || matches!(kind, "lambda" | "closure_expression")
}
