//! Values sent on a channel to another task: a worker's `main` reads a queue message and does
//! `tx.send(job).await`, and the task spawned with `consume(rx)` runs `while let Some(job) =
//! rx.recv().await { provision(&job) }`. The receiving function's pass knows nothing of what
//! was sent, so without this the flow ends at `send`.
//!
//! Like `stores.rs`: before the functions' own passes, each function calling one of the rules'
//! channel sends runs once with its hits dropped, recording what it sends that came from a
//! source (not a helper's parameter). When something was, every channel receive of the file
//! returns it, with a step naming the sender. Which channel is which is not tracked: a file
//! that sends request data on one channel and constants on another has both receive the
//! request data, a may-analysis like a store filled on one path.
//!
//! `flow::reach` re-checks every unit naming a send or receive method of the file when an
//! edit names one (`Outline::channel_words`).

use super::value::{Value, join_ranges};
use super::{FileFlow, Params};
use crate::flow::adapter::CallSite;
use crate::flow::spec::CallPattern;

impl<'t> FileFlow<'t, '_> {
    /// The names of the channel methods this file calls, sends and receives, when it calls
    /// both kinds: the words `flow::reach` follows. Empty otherwise.
    pub(crate) fn channel_words(&self) -> Vec<&str> {
        let sends = called(&self.rules.channel_sends, self.text);
        let receives = called(&self.rules.channel_receives, self.text);
        if sends.is_empty() || receives.is_empty() {
            return Vec::new();
        }
        sends.into_iter().chain(receives).collect()
    }

    /// Finds what the file's functions send on channels from a source, which its receives
    /// then return.
    pub(super) fn taint_channels(&mut self) {
        let words = self.channel_words();
        if words.is_empty() {
            return;
        }
        let senders: Vec<usize> = (0..self.functions.len())
            .filter(|&index| {
                let function = &self.functions[index];
                let body = self.text.get(function.node.byte_range()).unwrap_or("");
                !function.is_module()
                    && self.rules.channel_sends.iter().any(|p| {
                        p.method
                            .as_deref()
                            .is_some_and(|m| body.contains(&format!(".{m}(")))
                    })
            })
            .collect();
        *self.channel_recording.borrow_mut() = Some(None);
        self.quietly(|flow| {
            for index in senders {
                let mut hits = Vec::new();
                flow.pass(index, Params::Own, flow.module_env.clone(), &mut hits);
            }
        });
        self.channel = self.channel_recording.borrow_mut().take().flatten();
    }

    /// At a call: records what a channel send passes while sends are recorded, and gives what
    /// the channel holds at a receive. `None` when the call is neither, or nothing tainted
    /// was sent.
    #[inline(never)]
    pub(super) fn channel_call(
        &self,
        site: &CallSite<'_>,
        values: &[Value],
        function: usize,
    ) -> Option<Value> {
        if let Some(recorded) = self.channel_recording.borrow_mut().as_mut()
            && let [sent] = values
            && let Some(taint) = sent.taint.as_ref().filter(|t| t.parameter.is_none())
            && self.rules.channel_sends.iter().any(|p| p.matches(site))
        {
            let sender = &self.functions[function];
            let range = sender.node.byte_range();
            let who = sender.name.as_deref().unwrap_or("a task");
            let mut taint = taint.with_step(
                range.start..range.start,
                format!("sent on a channel by `{who}`"),
            );
            taint.via = join_ranges(&taint.via, &Some(range));
            let value = Value {
                clean: 0,
                record: sent.record.clone(),
                ..Value::tainted(taint)
            };
            *recorded = Some(match recorded.take() {
                Some(old) => old.join(&value),
                None => value,
            });
            return None;
        }
        let channel = self.channel.as_ref()?;
        self.rules
            .channel_receives
            .iter()
            .any(|p| p.matches(site))
            .then(|| channel.clone())
    }
}

/// The methods among `patterns` that `text` calls (`.recv(`), each once.
fn called<'p>(patterns: &'p [CallPattern], text: &str) -> Vec<&'p str> {
    let mut names: Vec<&str> = patterns
        .iter()
        .filter_map(|p| p.method.as_deref())
        .filter(|m| text.contains(&format!(".{m}(")))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}
