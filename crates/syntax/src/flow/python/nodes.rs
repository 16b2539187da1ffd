//! tree-sitter-python's calls, f-strings and function definitions read as the flow core's
//! shapes (`Expr::Call`, `Function`, `Param`).

use crate::flow::adapter::{
    ANCESTORS, Arg, Expr, Function, Param, member_parts, named_children, text_of,
};
use tree_sitter::Node;

pub(super) fn interpolations<'t>(node: Node<'t>, out: &mut Vec<Node<'t>>) {
    for child in named_children(node) {
        match child.kind() {
            "interpolation" => {
                if let Some(expression) = child.child_by_field_name("expression") {
                    out.push(expression);
                }
            }
            "string" => interpolations(child, out),
            _ => {}
        }
    }
}

pub(super) fn call(node: Node<'_>) -> Expr<'_> {
    let Some(callee) = node.child_by_field_name("function") else {
        return Expr::Other;
    };
    let (receiver, method) = member_parts(callee, ("attribute", "object", "attribute"));
    let mut args = Vec::new();
    if let Some(list) = node.child_by_field_name("arguments") {
        if list.kind() == "generator_expression" {
            args.push(Arg {
                value: list,
                keyword: None,
                spread: false,
            });
        }
        for arg in named_children(list) {
            if arg.kind() == "keyword_argument" {
                if let Some(value) = arg.child_by_field_name("value") {
                    args.push(Arg {
                        value,
                        keyword: arg.child_by_field_name("name"),
                        spread: false,
                    });
                }
            } else if list.kind() == "argument_list" {
                args.push(Arg {
                    value: arg,
                    keyword: None,
                    spread: matches!(arg.kind(), "list_splat" | "dictionary_splat"),
                });
            }
        }
    }
    Expr::Call {
        callee,
        receiver,
        method,
        args,
    }
}

pub(super) fn function<'t>(node: Node<'t>, parent: Option<Node<'t>>, text: &str) -> Function<'t> {
    let decorators = match parent {
        Some(p) if p.kind() == "decorated_definition" => named_children(p)
            .into_iter()
            .filter(|c| c.kind() == "decorator")
            .collect(),
        _ => Vec::new(),
    };
    // A method's first parameter is the instance or class.
    let in_class = {
        let mut up = parent;
        while let Some(p) = up {
            if p.kind() == "decorated_definition" || p.kind() == "block" {
                up = p.parent();
                continue;
            }
            break;
        }
        up.is_some_and(|p| p.kind() == "class_definition")
    };
    let mut params = node
        .child_by_field_name("parameters")
        .map(params)
        .unwrap_or_default();
    // A `@staticmethod` has no such parameter: `self._get(view)` passes `view` to its first.
    let static_method = decorators.iter().any(|d| {
        matches!(
            text_of(*d, text).trim_start_matches('@').trim(),
            "staticmethod" | "builtins.staticmethod"
        )
    });
    if in_class && !static_method && !params.is_empty() {
        params.remove(0);
    }
    Function {
        node,
        name: node
            .child_by_field_name("name")
            .map(|n| text_of(n, text).to_string()),
        params,
        decorators,
        body: node.child_by_field_name("body").unwrap_or(node),
        expression_body: false,
        ancestors: [None; ANCESTORS],
    }
}

pub(super) fn params(list: Node<'_>) -> Vec<Param<'_>> {
    named_children(list)
        .into_iter()
        .filter(|p| {
            matches!(
                p.kind(),
                "identifier"
                    | "typed_parameter"
                    | "default_parameter"
                    | "typed_default_parameter"
                    | "list_splat_pattern"
                    | "dictionary_splat_pattern"
            )
        })
        .map(|p| Param {
            pattern: p,
            annotation: p.child_by_field_name("type"),
            default: p.child_by_field_name("value"),
        })
        .collect()
}
