//! Fields a validating model declares as numbers, booleans, UUIDs or members of an enum of the
//! file: pydantic (`class Notify(BaseModel): destination: Destination` with `class
//! Destination(str, Enum)`), SQLModel and django-ninja schemas check each field's type when they
//! parse the request, so `body.destination.value` is one of the enum's values whatever the
//! client sent. A dataclass checks nothing, and a name some other class declares with another
//! type (`id: str` next to `id: int`) is left out.

use super::super::adapter::{DeclaredFields, named_children, text_of};
use std::collections::{HashMap, HashSet};
use tree_sitter::Node;

/// Bases of a class whose fields are validated on parsing.
const VALIDATING_BASES: &[&str] = &["BaseModel", "SQLModel", "Schema", "BaseSettings"];

/// Bases of an enumeration: its members are the only values a field typed with it holds.
const ENUM_BASES: &[&str] = &["Enum", "IntEnum", "StrEnum", "IntFlag", "Flag"];

/// The field names every class-level declaration of the file types as a scalar (`is_scalar`) or
/// an enum of the file, declared at least once in a validating model.
pub(super) fn scalar_fields<'t>(
    root: Node<'t>,
    text: &'t str,
    is_scalar: impl Fn(&str) -> bool,
) -> HashSet<&'t str> {
    let classes = classes_of(root);
    let enums = enums_among(&classes, text);
    // Per field name: whether every declaration holds no text, and whether a validating model
    // declares it.
    let mut fields: HashMap<&str, (bool, bool)> = HashMap::new();
    for class in classes {
        let validating = bases(class, text)
            .iter()
            .any(|b| VALIDATING_BASES.contains(b));
        let Some((_, declared)) = class_fields(class, text) else {
            continue;
        };
        for (name, ty) in declared {
            let holds_no_text = is_scalar(ty) || enums.contains(super::without_none(ty));
            let entry = fields.entry(name).or_insert((true, false));
            entry.0 &= holds_no_text;
            entry.1 |= validating;
        }
    }
    fields
        .into_iter()
        .filter(|(_, (no_text, validated))| *no_text && *validated)
        .map(|(name, _)| name)
        .collect()
}

/// A class's name and the fields its body declares with a type (`repo: OrderRepository`,
/// `count: int = 0`).
pub(super) fn class_fields<'t>(class: Node<'t>, text: &'t str) -> Option<DeclaredFields<'t>> {
    if class.kind() != "class_definition" {
        return None;
    }
    let name = class.child_by_field_name("name")?;
    let body = class.child_by_field_name("body")?;
    let fields = named_children(body)
        .into_iter()
        .filter_map(|statement| {
            let assignment = named_children(statement)
                .into_iter()
                .find(|n| n.kind() == "assignment")?;
            let field = assignment
                .child_by_field_name("left")
                .filter(|l| l.kind() == "identifier")?;
            let ty = assignment.child_by_field_name("type")?;
            Some((text_of(field, text), text_of(ty, text)))
        })
        .collect();
    Some((text_of(name, text), fields))
}

/// The class definitions at the top of the file or nested in its blocks.
fn classes_of(root: Node<'_>) -> Vec<Node<'_>> {
    let mut classes = Vec::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match node.kind() {
            "module" | "block" => stack.extend(named_children(node)),
            "decorated_definition" => stack.extend(node.child_by_field_name("definition")),
            "class_definition" => classes.push(node),
            _ => {}
        }
    }
    classes
}

/// The last segment of each base a class names (`models.Model` → `Model`).
fn bases<'t>(class: Node<'t>, text: &'t str) -> Vec<&'t str> {
    class
        .child_by_field_name("superclasses")
        .map(|list| {
            named_children(list)
                .into_iter()
                .map(|b| text_of(b, text).rsplit('.').next().unwrap_or(""))
                .collect()
        })
        .unwrap_or_default()
}

fn enums_among<'t>(classes: &[Node<'t>], text: &'t str) -> HashSet<&'t str> {
    classes
        .iter()
        .filter(|&&c| bases(c, text).iter().any(|b| ENUM_BASES.contains(b)))
        .filter_map(|c| Some(text_of(c.child_by_field_name("name")?, text)))
        .collect()
}

/// The enumerations the file declares (`class ReportKind(str, Enum)`).
pub(super) fn enum_classes<'t>(root: Node<'t>, text: &'t str) -> HashSet<&'t str> {
    enums_among(&classes_of(root), text)
}

#[cfg(test)]
mod tests {
    use super::scalar_fields;
    use crate::lang::Language;

    #[test]
    fn fields_of_validating_models_typed_as_enums_or_numbers_hold_no_text() {
        let text = "from enum import Enum\nfrom pydantic import BaseModel\n\nclass Kind(str, Enum):\n    a = 'a'\n\nclass Notify(BaseModel):\n    kind: Kind\n    count: int\n    note: str\n    label: Kind\n\nclass Other(BaseModel):\n    label: str\n\n@dataclass\nclass Row:\n    size: int\n";
        let tree = crate::analysis::parse(Language::Python, text, None).unwrap();
        let mut found: Vec<&str> = scalar_fields(tree.root_node(), text, |t| t == "int")
            .into_iter()
            .collect();
        found.sort();
        // `label` is text in `Other`; `size` is declared only in a dataclass, which checks nothing.
        assert_eq!(found, ["count", "kind"]);
    }
}
