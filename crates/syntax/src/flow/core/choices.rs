//! An option of a parsed command line that the file declares only with `choices=` of literals
//! (`add_argument("cmd", choices=["update", "stats"])` … `eval(args.cmd)`): the parser rejects
//! every other value, so the option read from its result is one of the program's constants. The
//! calls returning parsed options are data (`option-choices` in the taint library); the
//! declarations are read by the language's adapter.

use super::FileFlow;
use super::value::Value;
use crate::flow::adapter::text_of;
use tree_sitter::Node;

impl<'t> FileFlow<'t, '_> {
    /// Whether `node`, an attribute read of `object` (`args.cmd`), is such an option: `object`
    /// was made by (or is the source) a call the rules name, and the file restricts the name.
    pub(super) fn chosen_option(&self, node: Node<'t>, object: &Value) -> bool {
        if self.choices.is_empty() {
            return false;
        }
        let made = object
            .made_by
            .clone()
            .or_else(|| object.taint.as_ref().map(|t| t.origin.0.clone()));
        let Some(call) = made.and_then(|bytes| self.text.get(bytes)) else {
            return false;
        };
        if !self
            .rules
            .option_choices
            .iter()
            .any(|r| r.get().is_match(call))
        {
            return false;
        }
        let name = text_of(node, self.text).rsplit('.').next().unwrap_or("");
        self.choices.contains(name.trim())
    }
}
