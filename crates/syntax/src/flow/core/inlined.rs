//! A call's text as if the names it is given were written as the literals they are bound to:
//! `https.get(options)` after `const options = { hostname: "api.example.com", path }` reads as
//! `https.get({ hostname: "api.example.com", path })`, so a sink's `text` / `not-text` can see
//! the fixed host. An object literal that spreads another one the file binds (`{
//! ...PRINT_SERVER, path }` after `const PRINT_SERVER = { host: "cups.internal" }`) is written
//! with that one's fields in place. A name bound to a string literal is written as that literal,
//! quoted (`ejs.render(PAGE, data)` after `const PAGE = "<%- sig %>"`).

use super::value::Value;
use super::{FileFlow, Pass};
use crate::flow::adapter::{Arg, named_children, text_of};
use std::ops::Range;
use tree_sitter::Node;

impl<'t> FileFlow<'t, '_> {
    /// The call's text with its arguments' literals inlined, or `None` when no argument is a
    /// name bound to one.
    pub(super) fn text_with_literals(
        &self,
        callee: Node<'t>,
        args: &[Arg<'t>],
        values: &[Value],
        pass: &Pass<'_>,
    ) -> Option<String> {
        let literals: Vec<Option<String>> = args
            .iter()
            .zip(values)
            .map(|(a, v)| {
                if a.keyword.is_some() || a.spread || a.value.kind() != "identifier" {
                    return None;
                }
                if let Some(object) = v.object.clone() {
                    return self.object_with_spreads(object, pass);
                }
                v.prefix
                    .as_deref()
                    .filter(|_| v.whole)
                    .map(|literal| format!("{literal:?}"))
            })
            .collect();
        if literals.iter().all(Option::is_none) {
            return None;
        }
        let written: Vec<&str> = args
            .iter()
            .zip(&literals)
            .map(|(a, literal)| {
                literal
                    .as_deref()
                    .unwrap_or_else(|| text_of(a.value, self.text))
            })
            .collect();
        Some(format!(
            "{}({})",
            text_of(callee, self.text),
            written.join(", ")
        ))
    }

    /// The object literal at `bytes`, each `...NAME` of a name bound to an object literal
    /// replaced by that literal's fields (one level: what those spread stays as written).
    fn object_with_spreads(&self, bytes: Range<usize>, pass: &Pass<'_>) -> Option<String> {
        let written = self.text.get(bytes.clone())?;
        let Some(object) = self
            .node_at(pass, &bytes)
            .or_else(|| self.module_node_at(&bytes))
        else {
            return Some(written.to_string());
        };
        let mut out = String::new();
        let mut at = bytes.start;
        for spread in named_children(object) {
            if spread.kind() != "spread_element" {
                continue;
            }
            let Some(name) = spread.named_child(0).filter(|n| n.kind() == "identifier") else {
                continue;
            };
            let Some(fields) = pass
                .env
                .get(text_of(name, self.text))
                .and_then(|v| v.object.clone())
                .and_then(|other| self.text.get(other))
                .and_then(|other| other.trim().strip_prefix('{')?.strip_suffix('}'))
            else {
                continue;
            };
            out.push_str(self.text.get(at..spread.start_byte())?);
            out.push_str(fields.trim().trim_end_matches(','));
            at = spread.end_byte();
        }
        out.push_str(self.text.get(at..bytes.end)?);
        Some(out)
    }
}
