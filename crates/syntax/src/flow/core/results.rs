//! What reaches the result of a library call. By default every input does (the receiver and
//! each argument); a propagator with `to = "result"` in the rules says which do, from the
//! library's documented API: `docutils.core.publish_parts(text, source_path=name)` renders
//! `text`, and `name` only labels its diagnostics; `h.hexdigest()` is hex digits whatever was
//! hashed.

use super::value::{ALL, Value, join_taint};
use super::{FileFlow, Pass};
use crate::flow::adapter::{Arg, CallSite, text_of};
use crate::flow::spec::{ArgSel, Reach};
use tree_sitter::Node;

impl<'t> FileFlow<'t, '_> {
    /// The result of a call some `to = "result"` propagator names: the taint of the inputs it
    /// lets through, and clean for the rules each of them is clean for (the result is made from
    /// them alone: `PAGE.replace(word, "***")` is the program's own text). A method's receiver
    /// is one of its inputs; the module of a function named by `call` is not. `None` when no
    /// propagator names the call.
    pub(super) fn result_of(
        &self,
        site: &CallSite<'_>,
        receiver: Option<Node<'t>>,
        receiver_value: &Value,
        args: &[Arg<'t>],
        values: &[Value],
        pass: &mut Pass<'_>,
    ) -> Option<Value> {
        let propagator = self
            .rules
            .result_propagators
            .iter()
            .find(|p| p.call.matches(site))?;
        let reach = &propagator.reach;
        let reaches = |input: &ArgSel| match reach {
            Reach::Only(list) => list.contains(input),
            Reach::AllBut(list) => !list.contains(input),
            Reach::Nothing => false,
        };
        if matches!(reach, Reach::Nothing) {
            return Some(Value::constant());
        }
        // From the first spread argument on, positions are unknown: such an argument may hold
        // any of them, so it reaches the result.
        let first_spread = args.iter().position(|a| a.spread).unwrap_or(args.len());
        let arg_reaches: Vec<bool> = args
            .iter()
            .enumerate()
            .map(|(position, a)| match a.keyword {
                Some(k) => reaches(&ArgSel::Keyword(text_of(k, self.text).to_string())),
                None if position >= first_spread || a.spread => true,
                None => reaches(&ArgSel::Position(position)),
            })
            .collect();
        let receiver_reaches =
            receiver.is_some() && propagator.call.call.is_none() && reaches(&ArgSel::Receiver);
        // A callback counts as what it returns (`s.replace(/x/g, (m) => "-")`).
        let callbacks = self.with_callback_returns(args, values, pass);
        let values = callbacks.as_deref().unwrap_or(values);
        let (mut taint, mut clean) = match receiver_reaches {
            true => (receiver_value.taint.clone(), receiver_value.clean),
            false => (None, ALL),
        };
        for (value, _) in values.iter().zip(&arg_reaches).filter(|(_, r)| **r) {
            taint = join_taint(&taint, &value.taint);
            clean &= value.clean;
        }
        // An element read back (`subs.get(id)`, `REPORTS.values()`) or a field by name
        // (`meta.get("file")`) of a record, or of a container of records (`records.rs`).
        let record = receiver_value.record.clone().filter(|_| {
            receiver_reaches
                && values
                    .iter()
                    .zip(&arg_reaches)
                    .all(|(value, reaches)| !reaches || value.taint.is_none())
        });
        if let Some(field) = record
            .as_ref()
            .and_then(|_| self.field_named(receiver_value, args))
        {
            return Some(field.clone());
        }
        Some(Value {
            taint,
            clean,
            prefix: self.replaced_prefix(site, receiver_reaches, receiver_value, args),
            whole: false,
            made_by: None,
            object: None,
            record,
            undone: None,
        })
    }

    /// `PAGE.replace("{{detail}}", detail)`: the text still starts as the template did, up to
    /// the placeholder replaced (a sink may ask whether it is markup).
    fn replaced_prefix(
        &self,
        site: &CallSite<'_>,
        receiver_reaches: bool,
        receiver_value: &Value,
        args: &[Arg<'t>],
    ) -> Option<std::rc::Rc<str>> {
        if !receiver_reaches || !matches!(site.method.as_deref(), Some("replace" | "replaceAll")) {
            return None;
        }
        let prefix = receiver_value.prefix.as_deref()?;
        let pattern = args
            .first()
            .filter(|a| self.adapter.is_whole_literal(a.value))?;
        let pattern = self.adapter.literal_prefix(pattern.value, self.text)?;
        let kept = match prefix.find(pattern.as_str()) {
            Some(at) => &prefix[..at],
            None => prefix,
        };
        (!kept.is_empty()).then(|| std::rc::Rc::from(kept))
    }

    /// A method call the file's own methods answer with static text: `p.sort.unwrap_or(..)
    /// .column()` where every function of the file named `column` is declared to return
    /// `&'static str` (a `match` of the enum onto column names). Whatever it was called on, the
    /// result is the program's own text.
    pub(super) fn static_text_result(&self, site: &CallSite<'_>) -> bool {
        // The file's functions by name, not a search of its text: this runs at every call.
        // A method by its name; a function of the file by its plain name (`matching(&term)`).
        let name = site
            .method
            .as_deref()
            .or_else(|| site.written.as_deref().filter(|w| !w.contains(['.', ':'])));
        let Some(candidates) = name.and_then(|m| self.by_name.get(m)) else {
            return false;
        };
        candidates.iter().all(|&index| {
            self.adapter
                .declares_static_text(self.functions[index].node, self.text)
        })
    }
}
