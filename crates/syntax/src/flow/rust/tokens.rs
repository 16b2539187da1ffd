//! Macro token trees (`format!("{}", escape(&x))`): the values written in them and the calls
//! they hold, which tree-sitter leaves unparsed.

use tree_sitter::Node;

/// The values inside a macro's token tree: identifiers that start an expression, literals,
/// and the argument lists of calls written in it (`encode_text(&name)`), which
/// [`Adapter::token_call`] names.
pub(super) fn token_values<'t>(tokens: Node<'t>, text: &str, out: &mut Vec<Node<'t>>) {
    let mut branches = Branches::default();
    let mut cursor = tokens.walk();
    for child in tokens.children(&mut cursor) {
        if branches.value(child, text) && child.is_named() {
            token_value(child, text, out);
        }
    }
}

/// Reads `if cond { a } else { b }` written in a token tree as its branches: the condition
/// decides which, and is no part of the value (`if p.desc { "DESC" } else { "ASC" }` is one of
/// two literals, whatever `p` holds).
#[derive(Default)]
struct Branches {
    in_condition: bool,
}

impl Branches {
    /// Whether `child`, the next token, is part of the value.
    fn value(&mut self, child: Node<'_>, text: &str) -> bool {
        match child.kind() {
            "if" => {
                self.in_condition = true;
                false
            }
            "token_tree" if self.in_condition => {
                let block = text
                    .get(child.byte_range())
                    .is_some_and(|t| t.starts_with('{'));
                self.in_condition &= !block;
                block
            }
            "identifier" if text.get(child.byte_range()) == Some("else") => false,
            _ => !self.in_condition,
        }
    }
}

/// The values of each argument of a call written in a token tree (`helper(&a, b.c)`), split at
/// its top-level commas.
pub(super) fn token_arguments<'t>(args: Node<'t>, text: &str) -> Vec<Vec<Node<'t>>> {
    let mut groups = vec![Vec::new()];
    let mut branches = Branches::default();
    let mut cursor = args.walk();
    for child in args.children(&mut cursor) {
        if child.kind() == "," && !branches.in_condition {
            groups.push(Vec::new());
        } else if branches.value(child, text)
            && child.is_named()
            && let Some(group) = groups.last_mut()
        {
            token_value(child, text, group);
        }
    }
    groups
}

/// The values one token of a token tree contributes (see [`token_values`]).
fn token_value<'t>(child: Node<'t>, text: &str, out: &mut Vec<Node<'t>>) {
    match child.kind() {
        "token_tree" if token_call_path(child).is_some() => out.push(child),
        "token_tree" => token_values(child, text, out),
        // `self.current` in `format!("{}", self.current)`: the method's own object.
        "identifier" | "self" => {
            // `a.b` and `a::b` in a token tree: only the first name is a variable; a name
            // followed by an argument list is a call, handled with its arguments.
            let after_dot = child
                .prev_sibling()
                .is_some_and(|p| p.kind() == "." || p.kind() == "::");
            // `args[2]` is an index, not a call: the name is the variable.
            let called = child.next_sibling().is_some_and(|n| {
                n.kind() == "::" || (n.kind() == "token_tree" && !is_bracketed(n))
            });
            if !after_dot && !called && !ends_in_scalar(child, text) && !calls_on_self(child) {
                // `p.page` read (not called): the field, which knows its object.
                out.push(token_field(child).unwrap_or(child));
            }
        }
        "string_literal" | "raw_string_literal" | "integer_literal" => out.push(child),
        _ => {}
    }
}

/// Methods of the standard library whose result is a number or a boolean: a value read through
/// one (`name.len()`, `tags.is_empty()`) carries none of the text it was read from.
const SCALAR_METHODS: &[&str] = &[
    "len",
    "is_empty",
    "count",
    "is_some",
    "is_none",
    "is_ok",
    "is_err",
    "starts_with",
    "ends_with",
    "contains",
];

/// `self.body()`: a method called on the object itself, which the call (an argument list the
/// flow names) stands for, with the object as its receiver.
fn calls_on_self(name: Node<'_>) -> bool {
    name.kind() == "self"
        && name.next_sibling().is_some_and(|dot| {
            dot.kind() == "."
                && dot.next_sibling().is_some_and(|method| {
                    method.kind() == "identifier"
                        && method
                            .next_sibling()
                            .is_some_and(|args| args.kind() == "token_tree" && !is_bracketed(args))
                })
        })
}

/// Whether the name starts a chain (`form.user.len()`) whose last call returns a scalar.
fn ends_in_scalar(name: Node<'_>, text: &str) -> bool {
    let mut last_call = None;
    let mut next = name.next_sibling();
    while let Some(dot) = next.filter(|d| d.kind() == ".") {
        let Some(member) = dot.next_sibling().filter(|m| m.kind() == "identifier") else {
            break;
        };
        next = member.next_sibling();
        if let Some(args) = next.filter(|a| a.kind() == "token_tree" && !is_bracketed(*a)) {
            last_call = Some(member);
            next = args.next_sibling();
        } else {
            last_call = None;
        }
    }
    // The chain ends there (the argument's end): the last segment must have been a call.
    last_call.is_some_and(|m| {
        let method = crate::flow::adapter::text_of(m, text);
        next.is_none_or(|n| matches!(n.kind(), "," | ")" | "]" | "}"))
            && (SCALAR_METHODS.contains(&method) || returns_static_text(text, method))
    })
}

/// Whether a declared return type is `&'static str`, however it is spaced, or an `Option` of
/// one (`fn lookup(&self, key: &str) -> Option<&'static str>`: an entry of the program's own
/// table, or none).
pub(super) fn is_static_text(returned: &str) -> bool {
    let returned = returned.split_whitespace().collect::<String>();
    // An `Option` or a collection of such text (`-> Vec<&'static str>`, `&[&'static str]`):
    // every element is the program's own.
    let returned = ["Option<", "Vec<", "&[", "&'static["]
        .iter()
        .find_map(|open| {
            let inner = returned.strip_prefix(open)?;
            inner.strip_suffix(if open.ends_with('<') { '>' } else { ']' })
        })
        .unwrap_or(&returned);
    returned == "&'staticstr"
}

/// Whether every function of the file named `method` is declared to return `&'static str`
/// (`fn column(self) -> &'static str { match self { .. } }`): the program's own text, as the
/// flow's `static_text_result` says outside macros.
pub(super) fn returns_static_text(text: &str, method: &str) -> bool {
    let header = format!("fn {method}(");
    let mut found = false;
    for (at, _) in text.match_indices(&header) {
        let rest = &text[at + header.len()..];
        let Some(body) = rest.find('{') else {
            return false;
        };
        let Some((_, returned)) = rest[..body].rsplit_once("->") else {
            return false;
        };
        if !is_static_text(returned) {
            return false;
        }
        found = true;
    }
    found
}

/// For a name followed by `.field` in a token tree, and nothing after that reads or calls
/// further (`p.page`, not `p.page.len()` or `p.tags[0]`), the field's identifier.
fn token_field(name: Node<'_>) -> Option<Node<'_>> {
    let dot = name.next_sibling().filter(|d| d.kind() == ".")?;
    let field = dot.next_sibling().filter(|f| f.kind() == "identifier")?;
    let goes_on = field
        .next_sibling()
        .is_some_and(|n| matches!(n.kind(), "." | "::" | "token_tree"));
    (!goes_on).then_some(field)
}

/// For the field identifier `token_field` chose, the name it is read from (`p` of `p.page`).
pub(super) fn token_field_object<'t>(field: Node<'t>, text: &str) -> Option<Node<'t>> {
    // Every name is asked this: the text before it rules most out before `parent()` and
    // `prev_sibling()`, which cost as much as the node is deep.
    let before = text.get(..field.start_byte())?.trim_end();
    if !before.ends_with('.') || field.parent()?.kind() != "token_tree" {
        return None;
    }
    let dot = field.prev_sibling().filter(|d| d.kind() == ".")?;
    dot.prev_sibling()
        .filter(|n| matches!(n.kind(), "identifier" | "self"))
}

/// For an argument list inside a token tree, the path of the function it calls
/// (`html_escape::encode_text(&x)` → `html_escape.encode_text`).
pub(super) fn token_call_path(args: Node<'_>) -> Option<Vec<Node<'_>>> {
    if args.kind() != "token_tree" || is_bracketed(args) {
        return None;
    }
    let mut segments = Vec::new();
    let mut previous = args.prev_sibling();
    while let Some(p) = previous {
        match p.kind() {
            "identifier" => segments.push(p),
            "::" => {}
            _ => break,
        }
        previous = p.prev_sibling();
    }
    segments.reverse();
    Some(segments).filter(|s| !s.is_empty())
}

/// A token tree written in square brackets: `args[2]` indexes `args`, it does not call it.
fn is_bracketed(tokens: Node<'_>) -> bool {
    tokens.child(0).is_some_and(|open| open.kind() == "[")
}
