//! Calls that call a function they are given, with the arguments after it: `await
//! asyncio.to_thread(tail, path, n)` runs `tail(path, n)` on a worker thread,
//! `loop.run_in_executor(None, fetch, url)` and `pool.submit(fetch, url)` likewise. Without
//! this the function named there is only a name passed along, and what its parameters reach is
//! lost. The taint library lists such calls (`forwarders`) with the position of the argument
//! naming the function; a plain function of the file written there is followed by its
//! summaries, as a direct call of it is.

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
        if !matches!(self.adapter.expr(named.value, self.text), Expr::Name) {
            return None;
        }
        let name = text_of(named.value, self.text);
        let &[index] = self.by_name.get(name)?.as_slice() else {
            return None;
        };
        if self.functions[index].class().is_some() {
            return None;
        }
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
