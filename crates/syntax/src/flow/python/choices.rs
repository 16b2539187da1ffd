//! Options a command line declares with a fixed set of values: `parser.add_argument("--mode",
//! choices=["fast", "full"])` (argparse) and `add_option("--mode", choices=[...])` (optparse)
//! reject every other value, so `args.mode` read from `parse_args()` is one of those literals.
//! A parameter annotated `Literal["asc", "desc"]` is likewise one of the listed values.

use crate::flow::adapter::{named_children, text_of};
use std::collections::{HashMap, HashSet};
use tree_sitter::Node;

/// The option names, as the parsed result spells them (`dest=`, else `--dry-run` → `dry_run`,
/// else a positional argument's name), that every call of the file declaring them restricts
/// with `choices=` of literals, written there or as a name every assignment of the file binds
/// to such a collection (`choices=COMMANDS`). A name some call declares without such choices is
/// left out, and so is one any other call names in the same way (`print("mode")`): only a
/// missed quiet.
pub(super) fn restricted(root: Node<'_>, text: &str) -> HashSet<String> {
    let mut declared: Vec<(String, Choices)> = Vec::new();
    // Each name assigned in the file: whether every assignment binds a collection of literals.
    let mut collections: HashMap<&str, bool> = HashMap::new();
    // A stack, not recursion: a hostile file nests calls thousands deep.
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if node.kind() == "call"
            && let Some(args) = node.child_by_field_name("arguments")
            && let Some(declared_here) = declaration(args, text)
        {
            declared.push(declared_here);
        }
        if node.kind() == "assignment"
            && let Some(left) = node.child_by_field_name("left")
            && left.kind() == "identifier"
        {
            let literal = node
                .child_by_field_name("right")
                .is_some_and(|right| literal_collection(right, text));
            *collections.entry(text_of(left, text)).or_insert(true) &= literal;
        }
        stack.extend(named_children(node));
    }
    let mut fixed: HashMap<String, bool> = HashMap::new();
    for (name, choices) in declared {
        let holds = match choices {
            Choices::Literal => true,
            Choices::Named(bound) => collections.get(bound.as_str()) == Some(&true),
            Choices::Any => false,
        };
        *fixed.entry(name).or_insert(true) &= holds;
    }
    fixed
        .into_iter()
        .filter_map(|(name, holds)| holds.then_some(name))
        .collect()
}

/// What a declaring call's `choices=` is.
enum Choices {
    /// A list, tuple or set of literals written there.
    Literal,
    /// A name, standing for what the file binds it to.
    Named(String),
    /// Absent or anything else.
    Any,
}

/// The option a call's arguments declare, and its `choices=`.
fn declaration(args: Node<'_>, text: &str) -> Option<(String, Choices)> {
    let mut flags = Vec::new();
    let (mut dest, mut choices) = (None, Choices::Any);
    for arg in named_children(args) {
        match arg.kind() {
            "string" => flags.extend(literal(arg, text)),
            "keyword_argument" => {
                let key = arg.child_by_field_name("name").map(|k| text_of(k, text));
                let value = arg.child_by_field_name("value")?;
                match key {
                    Some("dest") => dest = literal(value, text),
                    Some("choices") if literal_collection(value, text) => {
                        choices = Choices::Literal
                    }
                    Some("choices") if value.kind() == "identifier" => {
                        choices = Choices::Named(text_of(value, text).to_string())
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    let name = dest.or_else(|| {
        let long = flags.iter().find(|f| f.starts_with("--"));
        let flag = long.or_else(|| flags.first())?;
        Some(flag.trim_start_matches('-').replace('-', "_"))
    })?;
    Some((name, choices))
}

/// `["fast", "full"]`, `("a", "b")`, `{1, 2}`: a collection of string and number literals.
fn literal_collection(node: Node<'_>, text: &str) -> bool {
    let items = named_children(node);
    matches!(node.kind(), "list" | "tuple" | "set")
        && !items.is_empty()
        && items.iter().all(|item| {
            matches!(item.kind(), "integer" | "float") || literal(*item, text).is_some()
        })
}

/// The text of a string literal without interpolation, quotes and prefix.
fn literal(node: Node<'_>, text: &str) -> Option<String> {
    if node.kind() != "string"
        || named_children(node)
            .iter()
            .any(|c| c.kind() == "interpolation")
    {
        return None;
    }
    let written = text_of(node, text).trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let quote = ["\"\"\"", "'''", "\"", "'"]
        .into_iter()
        .find(|q| written.starts_with(q) && written.len() >= 2 * q.len() && written.ends_with(q))?;
    Some(written[quote.len()..written.len() - quote.len()].to_string())
}

/// `Literal["asc", "desc"]` (also `typing.Literal`, inside `Annotated[...]`): FastAPI and
/// pydantic refuse any other value, so the parameter holds one of the program's own strings.
/// Only plain literals: a `Literal` of anything else is not read.
pub(super) fn literal_choices(annotation: &str) -> bool {
    let ty = annotation
        .strip_prefix("Annotated[")
        .map_or(annotation, str::trim_start);
    let Some(rest) = ty
        .strip_prefix("Literal[")
        .or_else(|| ty.strip_prefix("typing.Literal["))
    else {
        return false;
    };
    let Some((choices, _)) = rest.split_once(']') else {
        return false;
    };
    !choices.trim().is_empty()
        && choices.split(',').map(str::trim).all(|choice| {
            let quoted = |q: char| {
                choice.len() >= 2
                    && choice.starts_with(q)
                    && choice.ends_with(q)
                    && !choice[1..choice.len() - 1].contains([q, '\\'])
            };
            choice.is_empty() || quoted('"') || quoted('\'') || choice.parse::<i64>().is_ok()
        })
}
