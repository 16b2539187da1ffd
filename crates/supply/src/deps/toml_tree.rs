//! A TOML document as a flat list of key paths and values, each with its source range, read
//! with the tree-sitter TOML grammar. `[a.b] c = { d = "x" }` gives the leaf `a.b.c.d = "x"`.

use tree_sitter::{Node, Parser, Tree};

/// One key of a path, with the range of its text (quotes included for quoted keys).
#[derive(Debug, Clone)]
pub(crate) struct Segment {
    pub name: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone)]
pub(crate) enum Value {
    /// A string; `start..end` is its content, without quotes.
    Str {
        value: String,
        start: usize,
        end: usize,
    },
    Bool(bool),
    Array(Vec<Value>),
    /// Numbers, dates, and inline tables inside arrays: nothing dependency tables need.
    Other,
}

#[derive(Debug, Clone)]
pub(crate) struct Leaf {
    pub path: Vec<Segment>,
    pub value: Value,
}

impl Leaf {
    pub fn path_is(&self, names: &[&str]) -> bool {
        self.path.len() == names.len() && self.path.iter().zip(names).all(|(s, n)| s.name == *n)
    }
}

pub(crate) fn parse_tree(language: tree_sitter::Language, text: &str) -> Option<Tree> {
    let mut parser = Parser::new();
    parser.set_language(&language).ok()?;
    parser.parse(text, None)
}

/// Every key/value leaf of a TOML document, in document order.
pub(crate) fn leaves(text: &str) -> Vec<Leaf> {
    let Some(tree) = parse_tree(tree_sitter_toml_ng::LANGUAGE.into(), text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let root = tree.root_node();
    let mut cursor = root.walk();
    for item in root.named_children(&mut cursor) {
        match item.kind() {
            "pair" => pair(item, &[], text, &mut out, 0),
            "table" | "table_array_element" => {
                let mut inner = item.walk();
                let mut header = Vec::new();
                for child in item.named_children(&mut inner) {
                    match child.kind() {
                        "bare_key" | "quoted_key" | "dotted_key" if header.is_empty() => {
                            key(child, text, &mut header)
                        }
                        "pair" => pair(child, &header, text, &mut out, 0),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Nesting deeper than this (inline tables in inline tables, arrays in arrays) is not read: no
/// manifest needs it, and recursion on hostile input must stay bounded.
const MAX_DEPTH: usize = 32;

fn pair(node: Node<'_>, prefix: &[Segment], text: &str, out: &mut Vec<Leaf>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    let mut cursor = node.walk();
    let named: Vec<Node<'_>> = node
        .named_children(&mut cursor)
        .filter(|n| n.kind() != "comment")
        .collect();
    let (Some(key_node), Some(value_node)) = (named.first(), named.get(1)) else {
        return;
    };
    let mut path = prefix.to_vec();
    key(*key_node, text, &mut path);
    if value_node.kind() == "inline_table" {
        let mut inner = value_node.walk();
        for child in value_node.named_children(&mut inner) {
            if child.kind() == "pair" {
                pair(child, &path, text, out, depth + 1);
            }
        }
    } else {
        out.push(Leaf {
            path,
            value: value(*value_node, text, 0),
        });
    }
}

/// The segments of a key. A dotted key is a left-nested chain in the grammar (`a.b.c` is
/// `((a . b) . c)`), as deep as the key is long: walked with a stack, not recursion, since a
/// hostile `x.x.x...` of thousands of parts would overflow the stack.
fn key(node: Node<'_>, text: &str, out: &mut Vec<Segment>) {
    let mut pending = vec![node];
    while let Some(node) = pending.pop() {
        match node.kind() {
            "dotted_key" => {
                let mut cursor = node.walk();
                let children: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
                // Reversed onto the stack so that they come off in document order.
                pending.extend(children.into_iter().rev());
            }
            "bare_key" | "quoted_key" => {
                let raw = &text[node.start_byte()..node.end_byte()];
                let name = if node.kind() == "quoted_key" {
                    raw.trim_matches(|c| c == '"' || c == '\'')
                } else {
                    raw
                };
                out.push(Segment {
                    name: name.to_string(),
                    start: node.start_byte(),
                    end: node.end_byte(),
                });
            }
            _ => {}
        }
    }
}

fn value(node: Node<'_>, text: &str, depth: usize) -> Value {
    match node.kind() {
        "string" => {
            let raw = &text[node.start_byte()..node.end_byte()];
            let quote = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
                3
            } else {
                1
            };
            // An unterminated string (tree-sitter recovers while the user types) has no
            // closing quote to strip: it is not a value yet.
            let closed = raw.len() >= 2 * quote && raw.ends_with(&raw[..quote]);
            let start = node.start_byte() + quote;
            let end = node.end_byte().saturating_sub(quote);
            match text.get(start..end).filter(|_| closed) {
                Some(value) => Value::Str {
                    value: value.to_string(),
                    start,
                    end,
                },
                None => Value::Other,
            }
        }
        "boolean" => Value::Bool(&text[node.start_byte()..node.end_byte()] == "true"),
        "array" if depth < MAX_DEPTH => {
            let mut cursor = node.walk();
            let items = node
                .named_children(&mut cursor)
                .filter(|n| n.kind() != "comment")
                .map(|n| value(n, text, depth + 1))
                .collect();
            Value::Array(items)
        }
        _ => Value::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_nesting_is_read_without_overflow() {
        let deep_array = format!(
            "[dependencies]\nx = {}{}\n",
            "[".repeat(50_000),
            "]".repeat(50_000)
        );
        let deep_table = format!("y = {}1{}\n", "{a = ".repeat(5_000), "}".repeat(5_000));
        let _ = leaves(&deep_array);
        let _ = leaves(&deep_table);
        // A dotted key is a left-nested chain in the grammar: one level per part.
        let long_key = format!("[dependencies]\nz = {{ path ={} }}\n", "1.".repeat(20_000));
        let _ = leaves(&long_key);
        let dotted = leaves(&format!("{} = 1\n", vec!["k"; 20_000].join(".")));
        assert_eq!(dotted[0].path.len(), 20_000);
        assert!(dotted[0].path.iter().all(|s| s.name == "k"));
        let normal = leaves("[dependencies]\nserde = { version = \"1\" }\n");
        assert!(normal[0].path_is(&["dependencies", "serde", "version"]));
    }
}
