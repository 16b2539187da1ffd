//! The values shape rules ask about (`[taint] refine`): recorded where a function's own pass
//! evaluates them, and, for the rules that report untrusted values only, sinks of a helper's
//! summaries, so `fn audit(user: &str) { info!("login {}", user) }` is reported when a caller
//! passes it request data.

use super::value::Value;
use super::{FileFlow, Params, Pass, SinkHit, short};
use crate::flow::adapter::text_of;
use tree_sitter::Node;

impl<'t> FileFlow<'t, '_> {
    /// Records `value`, just evaluated at `node`, when a shape rule asks about the node.
    pub(super) fn record_watched(&self, node: Node<'t>, value: &Value, pass: &mut Pass<'_>) {
        // Every expression of every pass comes here: most passes ask nothing.
        let asks = match pass.params {
            Params::Own => !self.watch.is_empty(),
            Params::Summarise(_) | Params::Captured(_) => self.watch_in_summaries,
            _ => false,
        };
        if !asks {
            return;
        }
        let Some(&untrusted_only) = self.watch.get(&node.byte_range()) else {
            return;
        };
        match pass.params {
            Params::Own => self.record_own(node, value, pass),
            Params::Summarise(parameter) | Params::Captured(parameter) if untrusted_only != 0 => {
                let Some(taint) = value
                    .taint
                    .as_ref()
                    .filter(|t| t.parameter == Some(parameter))
                else {
                    return;
                };
                let mut rules = taint.rules & untrusted_only;
                while rules != 0 {
                    let rule = rules.trailing_zeros() as usize;
                    rules &= rules - 1;
                    let function = self.functions[pass.function].node.byte_range();
                    pass.hits.push(SinkHit {
                        rule,
                        sink: node.byte_range(),
                        label: format!(
                            "`{}`",
                            short(&macro_or_call_name(text_of(node, self.text)))
                        ),
                        taint: taint.clone(),
                        extent: function,
                        remote: None,
                        watched: true,
                    });
                }
            }
            _ => {}
        }
    }

    /// Evaluates the parts of an assignment target `pattern` a shape rule asks about (the keys
    /// of `tree[group][field]`): a target is bound, not evaluated, so they would go unseen.
    pub(super) fn read_watched_keys(&self, pattern: Node<'t>, pass: &mut Pass<'_>) {
        if self.watch.is_empty() {
            return;
        }
        // A target is a short chain; a hostile one is cut off rather than walked in full.
        let mut stack = vec![(pattern, 0)];
        let mut visited = 0;
        while let Some((node, depth)) = stack.pop() {
            visited += 1;
            if visited > 64 {
                break;
            }
            if node != pattern && self.watch.contains_key(&node.byte_range()) {
                self.eval(node, pass);
                continue;
            }
            if depth < 8 {
                let mut cursor = node.walk();
                stack.extend(node.named_children(&mut cursor).map(|c| (c, depth + 1)));
            }
        }
    }

    fn record_own(&self, node: Node<'t>, value: &Value, pass: &Pass<'_>) {
        // A helper's summary stands its parameter in for a source: not a source to name.
        let mut seen = value.clone();
        if seen.taint.as_ref().is_some_and(|t| t.parameter.is_some()) {
            seen.taint = None;
        }
        let mut watched = if self.sees_enclosing(pass) {
            self.watched.borrow_mut()
        } else {
            self.watched_alone.borrow_mut()
        };
        let entry = watched
            .entry(node.byte_range())
            .or_insert_with(|| seen.clone());
        *entry = entry.join(&seen);
        if entry.taint.is_none() {
            entry.taint.clone_from(&seen.taint);
        }
    }
}

/// `info!("login {}", user)` → `info!()`; `log(x)` → `log()`; anything else as written.
fn macro_or_call_name(text: &str) -> String {
    match text.find(['(', '[', '{']) {
        Some(open) if open > 0 => format!("{}()", text[..open].trim_end()),
        _ => text.to_string(),
    }
}
