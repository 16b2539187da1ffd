//! Handler tables: a function picked from an object literal of the file by a computed key and
//! called (`loaders[format](file)`, `const handler = exporters[format] ?? exporters.json;
//! handler(url)`). Which entry runs depends on the key, so the call stands for each function the
//! table holds: the sinks inside any of them are the call's, and its result is the join of theirs.
//! A table's entries are functions written there or functions of the file it names (`{ json:
//! loadJson, csv }`), in an object literal or a `Map` built from entries (`new Map([["read",
//! readFile]])`, read with `registry.get(name)`): an agent's tools picked by the model's choice.

use super::value::Value;
use super::{FileFlow, Pass};
use crate::flow::adapter::{Arg, named_children, text_of};
use std::collections::HashSet;
use tree_sitter::Node;

/// Entries of one table followed at most, and declarations searched for the name called.
const MAX_ENTRIES: usize = 16;
const MAX_NODES: usize = 4096;

impl<'t> FileFlow<'t, '_> {
    /// A call of a function this file defines: a helper by its summaries, or each entry of a
    /// table it is picked from. Kept out of `call`: its temporaries would grow the frame of
    /// every nested call's evaluation, which a 2 MiB debug stack must hold 64 deep.
    #[inline(never)]
    #[allow(clippy::too_many_arguments)]
    pub(super) fn local_call(
        &self,
        node: Node<'t>,
        callee: Node<'t>,
        site: &crate::flow::adapter::CallSite<'_>,
        receiver: Option<Node<'t>>,
        receiver_value: &Value,
        args: &[Arg<'t>],
        values: &[Value],
        pass: &mut Pass<'_>,
    ) -> Option<Value> {
        if let Some(mut value) =
            self.helper(node, site, receiver, receiver_value, args, values, pass)
        {
            // A dataclass's synthesised constructor (`records.rs`).
            if value.record.is_none() {
                value.record = self.keyword_record(callee, receiver, args, values);
            }
            return Some(value);
        }
        if receiver.is_some() {
            return None;
        }
        self.table_call(node, callee, args, values, pass)
    }

    /// The call `node` of a function taken from a table of this file (`callee` is the table
    /// read itself, or a name the calling function bound to one): what it returns, with the
    /// sinks of every entry reached. `None` when the callee is no such read.
    fn table_call(
        &self,
        node: Node<'t>,
        callee: Node<'t>,
        args: &[Arg<'t>],
        values: &[Value],
        pass: &mut Pass<'_>,
    ) -> Option<Value> {
        // JavaScript, TypeScript and Python only, and only in a file that has a table.
        if self
            .functions
            .first()
            .is_none_or(|m| !matches!(m.node.kind(), "program" | "module"))
            || self.table_names().is_empty()
        {
            return None;
        }
        let read = match callee.kind() {
            "subscript_expression" | "call_expression" | "subscript" | "call" => callee,
            "identifier" if !self.by_name.contains_key(text_of(callee, self.text)) => {
                self.bound_in_function(text_of(callee, self.text), pass)?
            }
            _ => return None,
        };
        let mut tables = Vec::new();
        tables_read(read, self.text, &mut tables, 0);
        // Only a read by a computed key picks an entry the code does not name.
        if !tables.iter().any(|(_, computed)| *computed) {
            return None;
        }
        let names = self.table_names();
        tables.retain(|(table, _)| names.contains(*table));
        let mut entries = Vec::new();
        for (table, _) in &tables {
            self.table_entries(table, &mut entries);
        }
        entries.sort_unstable();
        entries.dedup();
        if entries.is_empty() {
            return None;
        }
        let name = text_of(callee, self.text);
        let mut out: Option<Value> = None;
        for &index in entries.iter().take(MAX_ENTRIES) {
            let ordered = self.by_parameter(&self.functions[index], args, values);
            let values = ordered.as_deref().unwrap_or(values);
            self.arguments_to_sinks(node, index, name, values, pass, |_, _, _| {});
            let returned = self.returned_by(node, index, name, values, None, None)?;
            out = Some(match out {
                Some(so_far) => so_far.join(&returned),
                None => returned,
            });
        }
        out
    }

    /// The names the file's declarations bind to object literals holding a function: written
    /// there, or named (`{ lookup: lookupOrders }`, `{ lookupOrders }`).
    fn table_names(&self) -> &HashSet<String> {
        self.tables.get_or_init(|| {
            let mut names = HashSet::new();
            for function in &self.functions {
                if let Some(name) = table_holding(function.node, self.text) {
                    names.insert(name.to_string());
                }
            }
            for (name, object) in self.module_object_literals() {
                let mut entries = Vec::new();
                self.named_entries(object, &mut entries);
                if !entries.is_empty() {
                    names.insert(name.to_string());
                }
            }
            names
        })
    }

    /// The value a `const`/`let` of the calling function binds `name` to.
    fn bound_in_function(&self, name: &str, pass: &Pass<'_>) -> Option<Node<'t>> {
        let mut stack = vec![self.functions[pass.function].body];
        let mut visited = 0;
        while let Some(node) = stack.pop() {
            visited += 1;
            if visited > MAX_NODES {
                return None;
            }
            if let Some((bound, value)) = declared(node)
                && text_of(bound, self.text) == name
            {
                return Some(value);
            }
            // Not into nested functions: their names are their own.
            if !matches!(
                node.kind(),
                "arrow_function"
                    | "function_expression"
                    | "function_declaration"
                    | "function_definition"
                    | "lambda"
            ) || visited == 1
            {
                stack.extend(named_children(node));
            }
        }
        None
    }

    /// The functions of this file an object literal bound to `table` holds as its values:
    /// arrow functions and methods written there, and functions of the file named there.
    fn table_entries(&self, table: &str, out: &mut Vec<usize>) {
        for (index, function) in self.functions.iter().enumerate() {
            if table_holding(function.node, self.text) == Some(table) {
                out.push(index);
            }
        }
        for (name, object) in self.module_object_literals() {
            if name == table {
                self.named_entries(object, out);
            }
        }
    }

    /// `{ json: loadJson, csv }`: the functions of the file an object literal's entries name.
    fn named_entries(&self, object: Node<'t>, out: &mut Vec<usize>) {
        for entry in named_children(object) {
            let value = match entry.kind() {
                "pair" => entry.child_by_field_name("value"),
                "shorthand_property_identifier" => Some(entry),
                // A `Map` entry: `["read", readFile]`.
                "array" => entry.named_child(1),
                _ => None,
            };
            if let Some(value) = value
                && matches!(value.kind(), "identifier" | "shorthand_property_identifier")
                && let Some(&[only]) = self
                    .by_name
                    .get(text_of(value, self.text))
                    .map(Vec::as_slice)
            {
                out.push(only);
            }
        }
    }

    /// The object literals the module's declarations bind, with the names they bind them to.
    fn module_object_literals(&self) -> Vec<(&'t str, Node<'t>)> {
        let mut found = Vec::new();
        let Some(module) = self.functions.iter().find(|f| f.is_module()) else {
            return found;
        };
        let mut stack = vec![module.node];
        let mut visited = 0;
        while let Some(node) = stack.pop() {
            visited += 1;
            if visited > MAX_NODES {
                break;
            }
            if let Some((name, value)) = declared(node) {
                let value = strip_type_wrappers(value);
                if matches!(value.kind(), "object" | "dictionary") {
                    found.push((text_of(name, self.text), value));
                }
                // `new Map([["read", readFile], ...])`: the list of entries.
                if let Some(entries) = value
                    .child_by_field_name("arguments")
                    .and_then(|args| args.named_child(0))
                    .filter(|entries| map_entries(*entries, self.text))
                {
                    found.push((text_of(name, self.text), entries));
                }
                continue;
            }
            if matches!(
                node.kind(),
                "program"
                    | "lexical_declaration"
                    | "variable_declaration"
                    | "export_statement"
                    | "module"
                    | "expression_statement"
            ) {
                stack.extend(named_children(node));
            }
        }
        found
    }
}

/// The name of the table a function is a value of (`json: async (file) => ...` or a method in
/// `const loaders = { ... }`).
fn table_holding<'a>(function: Node<'_>, text: &'a str) -> Option<&'a str> {
    let mut up = function.parent();
    if up.is_some_and(|p| p.kind() == "pair") {
        up = up.and_then(|p| p.parent());
    }
    // `new Map([["read", (args) => ...], ...])`: an entry's value.
    if let Some(entry) = up.filter(|p| p.kind() == "array") {
        return entry
            .parent()
            .filter(|entries| map_entries(*entries, text))
            .and_then(|entries| declared_name(entries.parent()?.parent()?, text));
    }
    up.filter(|o| matches!(o.kind(), "object" | "dictionary"))
        .and_then(|o| declared_name(o, text))
}

/// The name and value of a declaration (`const loaders = ...`) or a Python assignment of one
/// name (`HANDLERS = {...}`).
fn declared(node: Node<'_>) -> Option<(Node<'_>, Node<'_>)> {
    let (name, value) = match node.kind() {
        "variable_declarator" => ("name", "value"),
        "assignment" => ("left", "right"),
        _ => return None,
    };
    let name = node.child_by_field_name(name)?;
    (name.kind() == "identifier").then_some((name, node.child_by_field_name(value)?))
}

/// Whether `array` is the list of entries a `new Map(...)` is built from.
fn map_entries(array: Node<'_>, text: &str) -> bool {
    let new = array.parent().and_then(|args| {
        (args.kind() == "arguments")
            .then(|| args.parent())
            .flatten()
    });
    array.kind() == "array"
        && new.is_some_and(|new| {
            new.kind() == "new_expression"
                && new
                    .child_by_field_name("constructor")
                    .is_some_and(|c| text_of(c, text) == "Map")
        })
}

/// The name of the declaration an object literal is the value of (`const loaders = { ... }`,
/// `const exporters: Record<...> = { ... }`, `{ ... } as const`, `{ ... } satisfies T`).
fn declared_name<'a>(object: Node<'_>, text: &'a str) -> Option<&'a str> {
    let mut up = object.parent()?;
    while matches!(
        up.kind(),
        "as_expression" | "satisfies_expression" | "parenthesized_expression"
    ) {
        up = up.parent()?;
    }
    declared(up).map(|(name, _)| text_of(name, text))
}

fn strip_type_wrappers(mut node: Node<'_>) -> Node<'_> {
    while matches!(
        node.kind(),
        "as_expression" | "satisfies_expression" | "parenthesized_expression"
    ) {
        match node.named_child(0) {
            Some(inner) => node = inner,
            None => break,
        }
    }
    node
}

/// The tables a function is read from in `expression` (`loaders[format] || loaders.json`), each
/// with whether the read's key is computed.
fn tables_read<'a>(
    expression: Node<'_>,
    text: &'a str,
    out: &mut Vec<(&'a str, bool)>,
    depth: usize,
) {
    if depth > 8 {
        return;
    }
    match expression.kind() {
        // Python: `HANDLERS[name]`.
        "subscript" => {
            let (Some(object), Some(key)) = (
                expression.child_by_field_name("value"),
                expression.child_by_field_name("subscript"),
            ) else {
                return;
            };
            if object.kind() == "identifier" {
                let computed = !matches!(key.kind(), "string" | "integer");
                out.push((text_of(object, text), computed));
            }
        }
        "subscript_expression" | "member_expression" => {
            let Some(object) = expression.child_by_field_name("object") else {
                return;
            };
            if object.kind() != "identifier" {
                return;
            }
            let computed = expression.kind() == "subscript_expression"
                && expression
                    .child_by_field_name("index")
                    .is_some_and(|i| !matches!(i.kind(), "string" | "number"));
            out.push((text_of(object, text), computed));
        }
        // `registry.get(name)` of a `Map`, `HANDLERS.get(name)` of a Python dict.
        "call_expression" | "call" => {
            let (Some(function), Some(args)) = (
                expression.child_by_field_name("function"),
                expression.child_by_field_name("arguments"),
            ) else {
                return;
            };
            let object = function.child_by_field_name("object");
            let property = function
                .child_by_field_name("property")
                .or_else(|| function.child_by_field_name("attribute"));
            if matches!(function.kind(), "member_expression" | "attribute")
                && property.is_some_and(|p| text_of(p, text) == "get")
                && let Some(object) = object.filter(|o| o.kind() == "identifier")
            {
                let computed = args
                    .named_child(0)
                    .is_some_and(|key| !matches!(key.kind(), "string" | "number"));
                out.push((text_of(object, text), computed));
            }
        }
        "binary_expression" | "parenthesized_expression" | "non_null_expression" => {
            for part in named_children(expression) {
                tables_read(part, text, out, depth + 1);
            }
        }
        _ => {}
    }
}
