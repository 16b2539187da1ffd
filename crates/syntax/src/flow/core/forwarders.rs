//! Calls that call a function they are given, with the arguments after it: `await
//! asyncio.to_thread(tail, path, n)` runs `tail(path, n)` on a worker thread,
//! `loop.run_in_executor(None, fetch, url)` and `pool.submit(fetch, url)` likewise. Without
//! this the function named there is only a name passed along, and what its parameters reach is
//! lost. The taint library lists such calls (`forwarders`) with the position of the argument
//! naming the function; a plain function of the file written there, or a method of an object of
//! its classes (`self._complete`), is followed by its summaries, as a direct call of it is.

use super::value::Value;
use super::{FileFlow, Pass, short};
use crate::flow::adapter::{Arg, CallSite, Expr, text_of};
use crate::flow::spec::{FunctionArg, SinkKind};
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
        let keyword = |name: &str| {
            args.iter()
                .find(|a| a.keyword.is_some_and(|k| text_of(k, self.text) == name))
        };
        let named = match &forwarder.function {
            FunctionArg::Position(position) => {
                args.get(*position).filter(|a| a.keyword.is_none())?
            }
            FunctionArg::Keyword(name) => keyword(name)?,
        };
        let written = text_of(named.value, self.text);
        let passed = match (&forwarder.arguments_keyword, &forwarder.function) {
            // `threading.Thread(target=work, args=(job_id, url))`: the tuple written there.
            (Some(name), _) => match keyword(name) {
                Some(tuple) => self.written_elements(tuple.value, pass)?,
                None => Vec::new(),
            },
            (None, FunctionArg::Keyword(_)) => Vec::new(),
            // Only positional arguments follow the function (`functools.partial` and keywords
            // are not followed).
            (None, FunctionArg::Position(position)) => {
                if args[position + 1..]
                    .iter()
                    .any(|a| a.keyword.is_some() || a.spread)
                {
                    return None;
                }
                values.get(position + 1..)?.to_vec()
            }
        };
        let passed = passed.as_slice();
        let (index, name) = match self.adapter.expr(named.value, self.text) {
            // A plain function of the file (`tail`).
            Expr::Name => match self.by_name.get(written).map(Vec::as_slice) {
                Some(&[index]) => self.functions[index]
                    .class()
                    .is_none()
                    .then_some((index, written))?,
                Some(_) => return None,
                None => return self.forwarded_library(node, named.value, None, passed, pass),
            },
            // A method of an object of the file's classes (`self._complete`).
            Expr::Member { object } => {
                let method = written.rsplit('.').next()?.trim();
                let index = match text_of(object, self.text) {
                    // The object the calling method runs on.
                    "self" | "this" => self.method_of_caller(pass.function, method)?,
                    _ => match self.method_of_object(object, method, pass) {
                        Some(index) => index,
                        None => {
                            return self.forwarded_library(
                                node,
                                named.value,
                                Some(object),
                                passed,
                                pass,
                            );
                        }
                    },
                };
                (index, method)
            }
            _ => return None,
        };
        self.arguments_to_sinks(node, index, name, passed, pass, |_, _, _| {});
        self.returned_by(node, index, name, passed, None, None)
    }

    /// The values of the elements of a tuple or list written as `node` (`(job_id, url)`);
    /// `None` for anything else, or one with a spread element.
    fn written_elements(&self, node: Node<'t>, pass: &mut Pass<'_>) -> Option<Vec<Value>> {
        if !matches!(node.kind(), "tuple" | "list" | "array" | "array_expression") {
            return None;
        }
        let mut cursor = node.walk();
        let elements: Vec<Node<'t>> = node
            .named_children(&mut cursor)
            .filter(|n| !n.is_extra())
            .collect();
        if elements
            .iter()
            .any(|e| matches!(e.kind(), "list_splat" | "spread_element"))
        {
            return None;
        }
        Some(elements.into_iter().map(|e| self.eval(e, pass)).collect())
    }

    /// A function of another file, a library's function or a method of an object no class of
    /// the file made, handed to a forwarder (`pool.submit(tail_file, name)`,
    /// `asyncio.to_thread(os.system, cmd)`, `to_thread((ROOT / name).write_bytes, data)`): what
    /// the other file's function does with the arguments after it, or the sinks the library's
    /// is. `None` for a library's: what the call returns is left to the call's own reading.
    fn forwarded_library(
        &self,
        node: Node<'t>,
        function: Node<'t>,
        object: Option<Node<'t>>,
        passed: &[Value],
        pass: &mut Pass<'_>,
    ) -> Option<Value> {
        let site = self.reference_site(function, pass);
        let text = site.text;
        // A function of another file of the project (`pool.submit(tail_file, name)` after
        // `from tail import tail_file`): followed by its summaries, as a call of it is.
        if let Some(value) = self.imported(node, &site, passed, pass) {
            return Some(value);
        }
        let object_value = object.map(|o| self.eval(o, pass));
        let mut labelled: Vec<(Option<&str>, &Value)> = passed.iter().map(|v| (None, v)).collect();
        if let Some(value) = &object_value {
            labelled.push((Some(super::RECEIVER), value));
        }
        let label = format!("`{}()`", short(text));
        self.check_sinks(
            node.byte_range(),
            |sink| matches!(&sink.kind, SinkKind::Call(p) if p.matches(&site)),
            &labelled,
            pass,
            &label,
        );
        None
    }

    /// The call a function named by reference and not called where it is written stands for
    /// (`os.system` in `to_thread(os.system, cmd)`, `re.escape` in `map(re.escape, xs)`): its
    /// canonical path and, for a member (`(ROOT / name).write_bytes`), the object's text and
    /// the method's name, as a call of it would have.
    pub(super) fn reference_site(&self, callee: Node<'t>, pass: &Pass<'_>) -> CallSite<'t> {
        let written = self.adapter.path(callee, self.text);
        let text = text_of(callee, self.text);
        let (receiver_text, method) = match self.adapter.expr(callee, self.text) {
            Expr::Member { object } => (
                Some(text_of(object, self.text)),
                text.rsplit('.').next().map(|m| m.trim().to_string()),
            ),
            _ => (None, None),
        };
        CallSite {
            path: self.canonical(callee, written.as_deref(), pass),
            written,
            method,
            receiver_text,
            text,
            arg_prefixes: String::new(),
            arg_calls: String::new(),
            text_with_object: None,
            receiver_call: None,
            receiver_call_resolved: None,
        }
    }
}
