//! A source query's `@source` written as a function's name passed to the framework
//! (`feedQueue.process(5, processFeedJob)`, `channel.consume("jobs", onMessage)`): the source
//! is that function's first parameter, where the file defines it at its top level, as if the
//! function had been written in place.

use super::adapter::Adapter;
use tree_sitter::Node;

/// Node kinds of a call's argument list.
const ARGUMENTS: &[&str] = &["arguments", "argument_list"];

/// The first parameter of the top-level function `node` names, when `node` is a name passed as
/// an argument; `None` for any other capture (which is the source itself).
pub(super) fn handler_parameter<'t>(
    node: Node<'t>,
    root: Node<'t>,
    text: &str,
    adapter: &dyn Adapter,
) -> Option<Node<'t>> {
    if node.kind() != "identifier" || !node.parent().is_some_and(|p| ARGUMENTS.contains(&p.kind()))
    {
        return None;
    }
    let name = text.get(node.byte_range())?;
    let mut cursor = root.walk();
    for statement in root.named_children(&mut cursor) {
        // `export function f(job)`, `export const f = (job) => ..`.
        let statement = match statement.kind() {
            "export_statement" => match statement.child_by_field_name("declaration") {
                Some(declaration) => declaration,
                None => continue,
            },
            _ => statement,
        };
        if let Some(parameter) = defined_here(statement, name, text, adapter) {
            return Some(parameter);
        }
    }
    None
}

/// The first parameter of the function `statement` defines under `name`: `function name(p)`,
/// `const name = (p) => ..` / `function (p) ..`, Python's `def name(p)`.
fn defined_here<'t>(
    statement: Node<'t>,
    name: &str,
    text: &str,
    adapter: &dyn Adapter,
) -> Option<Node<'t>> {
    let named = |n: Node<'_>| text.get(n.byte_range()) == Some(name);
    let function = match statement.kind() {
        "function_declaration" | "generator_function_declaration" | "function_definition" => {
            statement
                .child_by_field_name("name")
                .filter(|n| named(*n))?;
            statement
        }
        "decorated_definition" => {
            let definition = statement.child_by_field_name("definition")?;
            return defined_here(definition, name, text, adapter);
        }
        "lexical_declaration" | "variable_declaration" => {
            let mut cursor = statement.walk();
            let declarator = statement
                .named_children(&mut cursor)
                .find(|d| d.child_by_field_name("name").is_some_and(named))?;
            declarator.child_by_field_name("value").filter(|v| {
                matches!(
                    v.kind(),
                    "arrow_function" | "function_expression" | "function"
                )
            })?
        }
        _ => return None,
    };
    // Its parameters as the flow reads them (a method's `self` left out, TypeScript's
    // `(job: Job)` as written, which the parameter's binding is looked up by too).
    let function = adapter.function(function, None, text)?;
    Some(function.params.first()?.pattern)
}
