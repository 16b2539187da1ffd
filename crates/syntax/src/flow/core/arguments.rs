//! Arguments matched to parameters: a helper's summaries are kept per parameter position, and a
//! call's values come in the order written. Keyword arguments (`update(pid, name=title)`), a
//! `**payload` spread into `**fields`, extra positionals caught by `*args` or `...rest`, and a
//! spread whose positions are unknown are each given to the parameters that may receive them.

use super::FileFlow;
use super::value::Value;
use crate::flow::adapter::{Arg, Function, text_of};
use tree_sitter::Node;

/// How a parameter receives arguments.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Receives {
    /// One argument, by position or by its name.
    One,
    /// Every positional argument left (`*args`, `...rest`).
    Positionals,
    /// Every keyword argument no other parameter names (`**kwargs`).
    Keywords,
}

fn receives(pattern: Node<'_>) -> Receives {
    // `*args: str` is a typed parameter around the splat.
    let pattern = match pattern.kind() {
        "typed_parameter" => pattern.named_child(0).unwrap_or(pattern),
        _ => pattern,
    };
    match pattern.kind() {
        "list_splat_pattern" | "rest_pattern" => Receives::Positionals,
        "dictionary_splat_pattern" => Receives::Keywords,
        _ => Receives::One,
    }
}

impl<'t> FileFlow<'t, '_> {
    /// The values of a call's `args` (evaluated as `values`) per parameter of `function`, or
    /// `None` when they are already in parameter order: only positional arguments, no more
    /// than the parameters, none of which collects the rest.
    pub(super) fn by_parameter(
        &self,
        function: &Function<'t>,
        args: &[Arg<'t>],
        values: &[Value],
    ) -> Option<Vec<Value>> {
        let kinds: Vec<Receives> = function
            .params
            .iter()
            .map(|p| receives(p.pattern))
            .collect();
        // Values without their arguments (a macro's tokens) are positional.
        let in_order = args.len() != values.len()
            || (args.len() <= kinds.len()
                && args.iter().all(|a| a.keyword.is_none() && !a.spread)
                && kinds.iter().all(|&k| k == Receives::One));
        if in_order {
            return None;
        }
        let names: Vec<Option<String>> = function
            .params
            .iter()
            .map(|p| {
                let mut bound = Vec::new();
                self.adapter.bindings(p.pattern, &mut bound);
                bound.first().map(|n| text_of(*n, self.text).to_string())
            })
            .collect();
        let mut out: Vec<Option<Value>> = vec![None; kinds.len()];
        let give = |out: &mut Vec<Option<Value>>, position: usize, value: &Value| {
            let slot = &mut out[position];
            *slot = Some(match slot.take() {
                Some(old) => old.join(value),
                None => value.clone(),
            });
        };
        let positionals = kinds
            .iter()
            .position(|&k| k != Receives::One)
            .unwrap_or(kinds.len());
        let collects = |wanted: Receives| kinds.iter().position(|&k| k == wanted);
        let mut next = 0;
        for (arg, value) in args.iter().zip(values) {
            match (arg.keyword, arg.spread) {
                (Some(keyword), _) => {
                    let keyword = text_of(keyword, self.text);
                    let named = names
                        .iter()
                        .position(|n| n.as_deref() == Some(keyword))
                        .filter(|&p| kinds[p] == Receives::One);
                    if let Some(position) = named.or_else(|| collects(Receives::Keywords)) {
                        give(&mut out, position, value);
                    }
                }
                // `**payload`: any parameter not filled by position, or the `**fields` one.
                (None, true) if arg.value.kind() == "dictionary_splat" => {
                    for (position, &kind) in kinds.iter().enumerate().skip(next) {
                        if kind != Receives::Positionals {
                            give(&mut out, position, value);
                        }
                    }
                }
                // `*items`, `...rest`: every position from here on.
                (None, true) => {
                    for (position, &kind) in kinds.iter().enumerate().skip(next) {
                        if kind != Receives::Keywords {
                            give(&mut out, position, value);
                        }
                    }
                    next = kinds.len();
                }
                (None, false) if next < positionals => {
                    give(&mut out, next, value);
                    next += 1;
                }
                (None, false) => {
                    if let Some(position) = collects(Receives::Positionals) {
                        give(&mut out, position, value);
                    }
                }
            }
        }
        Some(out.into_iter().map(Option::unwrap_or_default).collect())
    }
}
