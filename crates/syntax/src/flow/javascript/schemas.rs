//! Fields a zod schema of the file declares as holding no free text (`kind: z.enum(KINDS)`,
//! `limit: z.number().int()`): what a parsed value (`Schema.parse(req.body)`, a tRPC
//! procedure's `input`) holds there is one of the program's constants or a number.

use crate::flow::adapter::{named_children, text_of};
use std::collections::{HashMap, HashSet};
use tree_sitter::Node;

/// How many nodes the search reads at most: a huge file keeps what was found so far.
const MAX_NODES: usize = 200_000;

/// The field names every `z.object({...})` of the file that declares them declares as an
/// enum, a literal, a number, a boolean, a date or a UUID string.
pub(super) fn scalar_fields<'t>(root: Node<'t>, text: &'t str) -> HashSet<&'t str> {
    if !text.contains("z.object(") {
        return HashSet::new();
    }
    // Per field name: whether every declaration holds no text.
    let mut fields: HashMap<&str, bool> = HashMap::new();
    let mut stack = vec![root];
    let mut seen = 0;
    while let Some(node) = stack.pop() {
        seen += 1;
        if seen > MAX_NODES {
            break;
        }
        if node.kind() == "call_expression"
            && node
                .child_by_field_name("function")
                .is_some_and(|f| text_of(f, text) == "z.object")
            && let Some(shape) = node
                .child_by_field_name("arguments")
                .and_then(|a| a.named_child(0))
                .filter(|s| s.kind() == "object")
        {
            for pair in named_children(shape) {
                let (Some(key), Some(value)) = (
                    pair.child_by_field_name("key"),
                    pair.child_by_field_name("value"),
                ) else {
                    continue;
                };
                let name = text_of(key, text).trim_matches(['"', '\'']);
                *fields.entry(name).or_insert(true) &= holds_no_text(text_of(value, text));
            }
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    fields
        .into_iter()
        .filter_map(|(name, scalar)| scalar.then_some(name))
        .collect()
}

/// A zod schema whose values are not free text: `z.enum([...])`, `z.nativeEnum(Kind)`,
/// `z.literal("a")`, `z.number()`, `z.coerce.number()`, `z.boolean()`, `z.date()`,
/// `z.string().uuid()`, with any refinements chained after.
fn holds_no_text(schema: &str) -> bool {
    let schema: String = schema.split_whitespace().collect();
    const SCALAR: &[&str] = &[
        "z.enum(",
        "z.nativeEnum(",
        "z.literal(",
        "z.number(",
        "z.coerce.number(",
        "z.bigint(",
        "z.coerce.bigint(",
        "z.boolean(",
        "z.coerce.boolean(",
        "z.date(",
        "z.coerce.date(",
        "z.int(",
    ];
    SCALAR.iter().any(|start| schema.starts_with(start))
        || (schema.starts_with("z.string().uuid(") && !schema.contains(".or("))
}

#[cfg(test)]
mod tests {
    use super::scalar_fields;
    use crate::lang::Language;

    #[test]
    fn enum_and_number_fields_of_zod_objects_hold_no_text() {
        let text = "const A = z.object({ kind: z.enum(KINDS), limit: z.number().int(), note: z.string() });\nconst B = z.object({ limit: z.string(), id: z.string().uuid() });\n";
        let tree = crate::analysis::parse(Language::JavaScript, text, None).unwrap();
        let mut found: Vec<&str> = scalar_fields(tree.root_node(), text).into_iter().collect();
        found.sort();
        // `limit` is text in `B`; `note` is text.
        assert_eq!(found, ["id", "kind"]);
    }
}
