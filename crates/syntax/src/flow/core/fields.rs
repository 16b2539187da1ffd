//! Fields a class settles: `self.table = self.quote_name(name)` in one method, SQL built from
//! `self.table` in another; a class attribute `OPERATORS = {...}` read as `self.OPERATORS[op]`.
//!
//! A method's pass knows nothing of `self` (a parameter), so a field it reads is unknown. Yet a
//! field that every write in its class sets to a constant or sanitised value (a class
//! attribute, a counter `self.hits += 1`, a name quoted where it is stored) holds only such
//! values, whichever method wrote it last. Such a field starts every method's pass, and its
//! summaries, clean for the rules every write was clean for, and untainted.
//!
//! A field is not settled when some write cannot be judged: unpacked (`self.a, self.b = t`), a
//! loop or `with` target, written through a part of it (`self.parts[k] = v`, `self.cfg.x = v`),
//! a method called on it other than one that only reads (a propagator such as `append` may fill it), or any field of a class
//! that sets its own attributes by name (`setattr(self, ...)`, `self.__dict__[k] = v`,
//! `Object.assign(this, ...)`). Writes
//! from outside the class (`conn.table = x` in another function) are not seen, as a value from
//! another module is not. Rust is left out: its fields are set by struct literals anywhere.
//!
//! The fields are computed once per run over the whole file, before any function's pass, so a
//! re-check after an edit sees the same fields as a full check; an edit of any method reaches
//! its whole class (`flow::reach`).

use super::value::Value;
use super::{FileFlow, Params};
use crate::flow::adapter::{Expr, named_children, text_of};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;
use tree_sitter::Node;

/// The names a method's own object goes by.
const OWN_OBJECT: &[&str] = &["self", "cls", "this"];

/// A class that sets its own attributes by name can write any field: none is settled.
fn writes_by_name(class_text: &str) -> bool {
    static WRITES_BY_NAME: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"setattr\(\s*(self|cls)\b|(self|cls)\.__dict__\s*(\[[^\]]*\]\s*=[^=]|\.update\()|vars\(\s*(self|cls)\s*\)\.update\(|Object\.(assign|defineProperty|defineProperties)\(\s*this\b",
        )
        .expect("a valid regex")
    });
    WRITES_BY_NAME.is_match(class_text)
}

/// Node kinds that write what their `left` (or `name`) side names.
const WRITES: &[&str] = &[
    "assignment",
    "augmented_assignment",
    "named_expression",
    "for_statement",
    "for_in_clause",
    "as_pattern_target",
    "assignment_expression",
    "augmented_assignment_expression",
    "for_in_statement",
];

/// Node kinds that group the targets of one write (`self.a, self.b = t`).
const GROUPS: &[&str] = &[
    "pattern_list",
    "tuple_pattern",
    "list_pattern",
    "expression_list",
    "tuple",
    "list",
    "parenthesized_expression",
    "array_pattern",
    "object_pattern",
    "pair_pattern",
    "list_splat_pattern",
    "as_pattern_target",
];

/// What the writes of one field found so far allow.
enum Field {
    Settled(Value),
    Unsettled,
}

/// A class's settled fields, as `self.name` / `this.name` keys.
pub(super) type Settled = HashMap<String, Value>;

impl<'t> FileFlow<'t, '_> {
    /// The settled fields of every class of the file (by the class's bytes), as `self.name` /
    /// `this.name` keys.
    pub(super) fn settle_fields(&self) -> HashMap<Range<usize>, Settled> {
        let mut classes: Vec<(Node<'t>, usize)> = Vec::new();
        let mut seen = HashSet::new();
        for (index, function) in self.functions.iter().enumerate() {
            let Some(class) = function.class() else {
                continue;
            };
            if class.kind() != "impl_item" && seen.insert(class.byte_range()) {
                classes.push((class, index));
            }
        }
        classes
            .into_iter()
            .filter_map(|(class, method)| {
                let bytes = self.class_bytes(&self.functions[method])?;
                Some((bytes, self.class_fields(class, method)))
            })
            .filter(|(_, fields)| !fields.is_empty())
            .collect()
    }

    /// The fields `class` settles; `method` is one of its methods (the pass that evaluates the
    /// written values needs a function).
    fn class_fields(&self, class: Node<'t>, method: usize) -> Settled {
        let class_text = text_of(class, self.text);
        if writes_by_name(class_text) {
            return Settled::new();
        }
        let mut hits = Vec::new();
        let mut pass = self.module_level_pass(method, &mut hits);
        let mut fields: HashMap<String, Field> = HashMap::new();
        // The class body's own attributes (`OPERATORS = {...}`, a JavaScript field `n = 0`).
        let body = class
            .child_by_field_name("body")
            .map(named_children)
            .unwrap_or_default();
        let own = if class.kind() == "class_definition" {
            "self"
        } else {
            "this"
        };
        for item in body {
            let (name, value) = match item.kind() {
                // Python: `OPERATORS = {...}`; `x: int` alone declares and writes nothing.
                "expression_statement" => {
                    let Some(assignment) = item.named_child(0).filter(|n| n.kind() == "assignment")
                    else {
                        continue;
                    };
                    let (Some(left), Some(right)) = (
                        assignment.child_by_field_name("left"),
                        assignment.child_by_field_name("right"),
                    ) else {
                        continue;
                    };
                    if left.kind() != "identifier" {
                        mark_targets(left, own, self.text, &mut fields);
                        continue;
                    }
                    (left, Some(right))
                }
                // JavaScript / TypeScript: `count = 0;`, `name;`.
                "field_definition" | "public_field_definition" => {
                    let Some(name) = item
                        .child_by_field_name("property")
                        .or_else(|| item.child_by_field_name("name"))
                    else {
                        continue;
                    };
                    (name, item.child_by_field_name("value"))
                }
                _ => continue,
            };
            // The class body is the program's own code: what a shape rule asks about there
            // (`disclaimer = this.sanitizer.bypassSecurityTrustHtml(CONST)`) is recorded.
            pass.params = Params::Own;
            let value = value.map_or_else(Value::constant, |v| self.eval(v, &mut pass));
            pass.params = Params::Unknown;
            write(
                &mut fields,
                format!("{own}.{}", text_of(name, self.text)),
                value,
            );
        }
        // Every `self.name` / `this.name` in the class's methods.
        let mut stack = vec![class];
        while let Some(node) = stack.pop() {
            stack.extend(named_children(node));
            let Some(key) = self.own_field(node) else {
                continue;
            };
            match self.field_write(node) {
                Write::Read => {}
                Write::Value(value) => {
                    let value = self.eval(value, &mut pass);
                    write(&mut fields, key, value);
                }
                Write::Unknown => {
                    fields.insert(key, Field::Unsettled);
                }
            }
        }
        fields
            .into_iter()
            .filter_map(|(key, field)| match field {
                Field::Settled(value) if value.clean != 0 => Some((key, value)),
                _ => None,
            })
            .collect()
    }

    /// `self.name` for a node that is exactly a field of the method's own object.
    fn own_field(&self, node: Node<'t>) -> Option<String> {
        if !matches!(
            node.kind(),
            "attribute" | "member_expression" | "field_expression"
        ) {
            return None;
        }
        let path = self.adapter.path(node, self.text)?;
        let (object, name) = path.split_once('.')?;
        if !OWN_OBJECT.contains(&object) || name.contains('.') {
            return None;
        }
        // `cls.x` writes the same attribute `self.x` reads.
        let object = if object == "this" { "this" } else { "self" };
        Some(format!("{object}.{name}"))
    }

    /// How the code around a field's node uses it.
    fn field_write(&self, field: Node<'t>) -> Write<'t> {
        // `self.x = v`, `self.x += v`: the value written.
        if let Some(parent) = field.parent()
            && let Expr::Assign { target, value, .. } = self.adapter.expr(parent, self.text)
            && target.id() == field.id()
        {
            return Write::Value(value);
        }
        if is_written(field) {
            return Write::Unknown;
        }
        // A part of the field written, or a method called on it: `self.parts[k] = v`,
        // `self.parts.append(v)`.
        let mut node = field;
        while let Some(parent) = node.parent() {
            let is_part = matches!(
                parent.kind(),
                "attribute" | "subscript" | "member_expression" | "subscript_expression"
            ) && [
                parent.child_by_field_name("object"),
                parent.child_by_field_name("value"),
            ]
            .into_iter()
            .flatten()
            .any(|object| object.id() == node.id());
            if !is_part {
                return Write::Read;
            }
            let called = parent
                .parent()
                .filter(|call| matches!(call.kind(), "call" | "call_expression"))
                .and_then(|call| call.child_by_field_name("function"))
                .is_some_and(|callee| callee.id() == parent.id())
                && !reads_only(parent, self.text);
            if called || is_written(parent) {
                return Write::Unknown;
            }
            node = parent;
        }
        Write::Read
    }
}

/// Methods of the builtin containers and strings that read their object and never change it:
/// `self.TABLES.get(kind, "posts")` leaves a class attribute as it was.
const READ_ONLY_METHODS: &[&str] = &[
    "get",
    "keys",
    "values",
    "items",
    "copy",
    "count",
    "index",
    "format",
    "join",
    "startswith",
    "endswith",
    "lower",
    "upper",
    "strip",
    "split",
    "replace",
    "encode",
    "includes",
    "has",
    "indexOf",
    "startsWith",
    "endsWith",
    "toLowerCase",
    "toUpperCase",
    "rstrip",
    "lstrip",
    "find",
    "rfind",
    "partition",
    "splitlines",
    // JavaScript's arrays and strings: a callback may change an element, never the field.
    "map",
    "flatMap",
    "filter",
    "forEach",
    "some",
    "every",
    "reduce",
    "findIndex",
    "slice",
    "concat",
    "at",
    "trim",
    "substring",
    "toString",
    "padStart",
    "padEnd",
];

/// Whether `callee` (`self.x.get` in `self.x.get(k)`) calls a method that only reads `self.x`.
pub(super) fn reads_only(callee: Node<'_>, text: &str) -> bool {
    // Python's `attribute`, JavaScript's `property`, Rust's `field`.
    ["attribute", "property", "field"]
        .iter()
        .find_map(|field| callee.child_by_field_name(field))
        .is_some_and(|method| READ_ONLY_METHODS.contains(&text_of(method, text)))
}

enum Write<'t> {
    Read,
    /// Written with this value.
    Value(Node<'t>),
    /// Written in a way whose value is not followed.
    Unknown,
}

/// Whether `node` (through the groups it sits in) is what a write writes, not what it reads.
fn is_written(node: Node<'_>) -> bool {
    let mut target = node;
    while let Some(parent) = target.parent().filter(|p| GROUPS.contains(&p.kind())) {
        target = parent;
    }
    if target.kind() == "as_pattern_target" {
        return true;
    }
    let Some(parent) = target.parent() else {
        return false;
    };
    WRITES.contains(&parent.kind())
        && ["left", "name"]
            .iter()
            .filter_map(|side| parent.child_by_field_name(side))
            .any(|side| side.id() == target.id())
}

/// Every name a class-body assignment binds in a way not followed (unpacked), unsettled.
fn mark_targets(left: Node<'_>, own: &str, text: &str, fields: &mut HashMap<String, Field>) {
    let mut stack = vec![left];
    while let Some(node) = stack.pop() {
        if node.kind() == "identifier" {
            fields.insert(format!("{own}.{}", text_of(node, text)), Field::Unsettled);
        }
        stack.extend(named_children(node));
    }
}

/// One more write of `key`: the field stays settled while every write is untainted and clean
/// for some rule; it is clean for the rules every write is clean for.
fn write(fields: &mut HashMap<String, Field>, key: String, value: Value) {
    let settled = value.taint.is_none() && value.clean != 0;
    let next = match (fields.remove(&key), settled) {
        (Some(Field::Unsettled), _) | (_, false) => Field::Unsettled,
        (None, true) => Field::Settled(Value {
            made_by: None,
            object: None,
            record: None,
            ..value
        }),
        (Some(Field::Settled(before)), true) => Field::Settled(Value {
            taint: None,
            clean: before.clean & value.clean,
            whole: before.whole && value.whole && before.prefix == value.prefix,
            prefix: before.prefix.filter(|p| value.prefix.as_ref() == Some(p)),
            made_by: None,
            object: None,
            record: None,
            undone: None,
        }),
    };
    fields.insert(key, next);
}
