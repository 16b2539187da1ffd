//! The call that made a function a file then calls, as a sink's `receiver-made-by` reads it,
//! with the names passed to it written as the literals they hold: `template(data)` after
//! `const PAGE = "<p>{{{note}}}</p>"` and `const template = Handlebars.compile(PAGE)` is the
//! call of a template with a raw slot, as if `Handlebars.compile("<p>{{{note}}}</p>")` were
//! written there.

use super::{FileFlow, Pass};
use crate::flow::adapter::{Expr, text_of};
use std::ops::Range;

impl<'t> FileFlow<'t, '_> {
    /// The text of the call at `bytes` (anywhere in the file: a template is compiled once, at
    /// module level) with each argument that is a name bound to a literal in `pass` written as
    /// that literal, quoted. `None` when no argument is such a name.
    #[inline(never)]
    pub(super) fn maker_with_literals(
        &self,
        bytes: &Range<usize>,
        pass: &Pass<'_>,
    ) -> Option<String> {
        let made = self.module_node_at(bytes)?;
        let Expr::Call { args, .. } = self.adapter.expr(made, self.text) else {
            return None;
        };
        let mut written = String::new();
        let mut at = bytes.start;
        for arg in args.iter().filter(|a| a.value.kind() == "identifier") {
            let Some(literal) = pass
                .env
                .get(text_of(arg.value, self.text))
                .filter(|v| v.whole && v.taint.is_none())
                .and_then(|v| v.prefix.as_deref())
            else {
                continue;
            };
            written.push_str(self.text.get(at..arg.value.start_byte())?);
            written.push_str(&format!("{literal:?}"));
            at = arg.value.end_byte();
        }
        if at == bytes.start {
            return None;
        }
        written.push_str(self.text.get(at..bytes.end)?);
        Some(written)
    }
}
