//! Calls that call a function they are given, with the arguments after it: `await
//! asyncio.to_thread(tail, path, n)` runs `tail(path, n)` on a worker thread,
//! `loop.run_in_executor(None, fetch, url)` and `pool.submit(fetch, url)` likewise. Without
//! this the function named there is only a name passed along, and what its parameters reach is
//! lost. The taint library lists such calls (`forwarders`) with the position of the argument
//! naming the function; a plain function of the file written there, or a method of an object of
//! its classes (`self._complete`), is followed by its summaries, as a direct call of it is.

use super::value::Value;
use super::{FileFlow, Pass};
use crate::flow::adapter::{Arg, CallSite, Expr, text_of};
use tree_sitter::Node;

impl<'t> FileFlow<'t, '_> {
    /// At a call of a forwarder naming a plain function of this file: the sinks that function
    /// reaches with the arguments after its name, and what it returns. `None` for any other call.
    #[inline(never)]
    pub(super) fn forwarded(
        &self,
        node: Node<'t>,
        site: &CallSite<'_>,
        args: &[Arg<'t>],
        values: &[Value],
        pass: &mut Pass<'_>,
    ) -> Option<Value> {
        if self.rules.forwarders.is_empty() {
            return None;
        }
        let forwarder = self
            .rules
            .forwarders
            .iter()
            .find(|f| f.call.matches(site))?;
        let named = args
            .get(forwarder.function)
            .filter(|a| a.keyword.is_none())?;
        let written = text_of(named.value, self.text);
        let (index, name) = match self.adapter.expr(named.value, self.text) {
            // A plain function of the file (`tail`).
            Expr::Name => {
                let &[index] = self.by_name.get(written)?.as_slice() else {
                    return None;
                };
                self.functions[index]
                    .class()
                    .is_none()
                    .then_some((index, written))?
            }
            // A method of an object of the file's classes (`self._complete`).
            Expr::Member { object } => {
                let method = written.rsplit('.').next()?.trim();
                let index = match text_of(object, self.text) {
                    // The object the calling method runs on.
                    "self" | "this" => self.method_of_caller(pass.function, method)?,
                    _ => self.method_of_object(object, method, pass)?,
                };
                (index, method)
            }
            _ => return None,
        };
        // Only positional arguments follow the function (`functools.partial` and keywords
        // are not followed).
        let passed = values.get(forwarder.function + 1..)?;
        if args[forwarder.function + 1..]
            .iter()
            .any(|a| a.keyword.is_some() || a.spread)
        {
            return None;
        }
        self.arguments_to_sinks(node, index, name, passed, pass, |_, _, _| {});
        self.returned_by(node, index, name, passed, None, None)
    }
}
