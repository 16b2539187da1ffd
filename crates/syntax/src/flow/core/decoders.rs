//! Decoders undo what escaping and checks saw. `html.escape(name)` and `if ".." in name:
//! abort()` hold for the text they were given; `html.unescape`, `unquote`, `he.decode` or
//! `percent_decode_str` after them make another text, with the `<` or the `../` back. A value
//! a sanitiser or a check cleared keeps what it took (`Value::undone`), and a decoder's result
//! is tainted by it again.
//!
//! In a helper's summary a decoder of the parameter marks the returned taint (`decodes`), so a
//! caller that passes an escaped value to `fn normalise(s) { percent_decode_str(s) }` gets the
//! escaped value's taint back too.

use super::value::Value;
use super::{FileFlow, short};
use crate::flow::adapter::CallSite;
use tree_sitter::Node;

impl<'t> FileFlow<'t, '_> {
    /// The argument values of a call, its first one decoded when the call is a decoder: with
    /// what sanitisers and checks took from it back, and, in a summary, marked as decoded. The
    /// call then carries it to its result as any call does.
    #[inline(never)]
    pub(super) fn decoded_inputs(
        &self,
        node: Node<'t>,
        site: &CallSite<'_>,
        mut values: Vec<Value>,
    ) -> Vec<Value> {
        if values.is_empty() || !self.rules.decoders.iter().any(|p| p.matches(site)) {
            return values;
        }
        let input = &mut values[0];
        if input.undone.is_some() {
            let name = site
                .written
                .clone()
                .or_else(|| site.method.clone())
                .unwrap_or_else(|| short(site.text));
            input.give_back(node.byte_range(), format!("decoded by `{name}()`"));
        }
        // Summarised: the caller's value is decoded here.
        if let Some(taint) = input.taint.as_mut().filter(|t| t.parameter.is_some()) {
            taint.decodes = true;
        }
        values
    }
}
