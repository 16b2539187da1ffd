//! Values sent to another task or handler: a queue worker's `main` reads a message and does
//! `tx.send(job).await`, and the task it spawned with `consume(rx)` runs `while let Some(job) =
//! rx.recv().await { provision(&job) }`; or axum middleware does
//! `req.extensions_mut().insert(TenantBackend(header))` and a handler takes
//! `Extension(backend): Extension<TenantBackend>`. The receiving function's pass knows nothing
//! of what was sent, so without this the flow ends at the send.
//!
//! Like `stores.rs`: before the functions' own passes, each function calling one of the rules'
//! channel sends runs once with its hits dropped, recording what it sends that came from a
//! source (not a helper's parameter), by the type the sent value is built as when it is written
//! as one (`TenantBackend(..)`, `Tenant { .. }`). Every channel receive of the file then returns
//! everything sent, and a parameter of a `channel-params` wrapper what was sent of its generic
//! argument's type, each with a step naming the sender. Which channel is which is not tracked: a
//! file that sends request data on one channel and constants on another has both receives
//! return the request data, a may-analysis like a store filled on one path.
//!
//! `flow::reach` re-checks every unit naming a send or receive method, or a wrapper type, of the
//! file when an edit names one (`Outline::channel_words`).

use super::value::{Value, join_ranges};
use super::{FileFlow, Params, Pass};
use crate::flow::adapter::{Arg, CallSite, Function, text_of};
use crate::flow::spec::CallPattern;
use std::collections::HashMap;

/// What was sent, by the channel it can be received from.
pub(super) type Sent = HashMap<Channel, Value>;

/// Which of the file's receives a sent value reaches.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Channel {
    /// Every channel receive (`rx.recv()`, `queue.get()`): everything sent, whatever its type.
    Everything,
    /// A `channel-params` wrapper of this type (`Extension<TenantBackend>`): what was sent
    /// built as it (`TenantBackend(header)`).
    BuiltAs(String),
    /// The listeners of this event (`on("job", cb)`): what was emitted with it.
    Event(String),
}

impl<'t> FileFlow<'t, '_> {
    /// The names of the channel methods and wrapper types this file uses, when it both sends
    /// and receives: the words `flow::reach` follows. Empty otherwise.
    pub(crate) fn channel_words(&self) -> Vec<&str> {
        let sends = called(self.rules.channel_sends.iter().map(|s| &s.call), self.text);
        let mut receives = called(
            self.rules
                .channel_receives
                .iter()
                .chain(&self.rules.channel_callbacks),
            self.text,
        );
        receives.extend(
            self.rules
                .channel_params
                .iter()
                .map(String::as_str)
                .filter(|wrapper| self.text.contains(&format!("{wrapper}<"))),
        );
        if sends.is_empty() || receives.is_empty() {
            return Vec::new();
        }
        sends.into_iter().chain(receives).collect()
    }

    /// Finds what the file's functions send from a source, which its receives then return.
    pub(super) fn taint_channels(&mut self) {
        if self.channel_words().is_empty() {
            return;
        }
        let senders: Vec<usize> = (0..self.functions.len())
            .filter(|&index| {
                let function = &self.functions[index];
                let body = self.text.get(function.node.byte_range()).unwrap_or("");
                !function.is_module()
                    && !called(self.rules.channel_sends.iter().map(|s| &s.call), body).is_empty()
            })
            .collect();
        *self.channel_recording.borrow_mut() = Some(Sent::new());
        self.quietly(|flow| {
            for index in senders {
                let mut hits = Vec::new();
                flow.pass(index, Params::Own, flow.module_env.clone(), &mut hits);
            }
        });
        self.channel = self
            .channel_recording
            .borrow_mut()
            .take()
            .unwrap_or_default();
    }

    /// At a call: records what a channel send passes while sends are recorded, and gives what
    /// the channels hold at a receive. `None` when the call is neither, or nothing tainted
    /// was sent.
    #[inline(never)]
    pub(super) fn channel_call(
        &self,
        site: &CallSite<'_>,
        args: &[Arg<'t>],
        values: &[Value],
        function: usize,
    ) -> Option<Value> {
        if let Some(recorded) = self.channel_recording.borrow_mut().as_mut()
            && let Some((position, arg, sent)) = self.rules.channel_sends.iter().find_map(|send| {
                let position = match send.value {
                    Some(position) => position,
                    None if args.len() == 1 => 0,
                    None => return None,
                };
                let arg = args
                    .get(position)
                    .filter(|a| a.keyword.is_none() && !a.spread)?;
                send.call
                    .matches(site)
                    .then_some((position, arg, values.get(position)?))
            })
            && let Some(taint) = sent.taint.as_ref().filter(|t| t.parameter.is_none())
        {
            let sender = &self.functions[function];
            let range = sender.node.byte_range();
            let who = sender.name.as_deref().unwrap_or("a task");
            let mut taint = taint.with_step(range.start..range.start, format!("sent by `{who}`"));
            taint.via = join_ranges(&taint.via, &Some(range));
            let value = Value {
                clean: 0,
                record: sent.record.clone(),
                ..Value::tainted(taint)
            };
            // An event's value (`emit("job", job)`) reaches the listeners of that event alone,
            // not the channels' receives: an emitter's other events are other channels.
            let keys = if position > 0 {
                vec![Channel::Event(self.event_name(args.first()?.value)?)]
            } else {
                let built_as = built_as(text_of(arg.value, self.text));
                std::iter::once(Channel::Everything)
                    .chain(built_as.map(|name| Channel::BuiltAs(name.to_string())))
                    .collect()
            };
            for key in keys {
                let joined = match recorded.get(&key) {
                    Some(old) => old.join(&value),
                    None => value.clone(),
                };
                recorded.insert(key, joined);
            }
            return None;
        }
        let everything = self.channel.get(&Channel::Everything)?;
        self.rules
            .channel_receives
            .iter()
            .any(|p| p.matches(site))
            .then(|| everything.clone())
    }

    /// For the first parameter of `function`, a callback written as the last argument of a
    /// `channel-callbacks` call for an event named by a literal (`events.on("job", (job) =>
    /// ...)`): what the file's functions emitted with that event.
    pub(super) fn channel_callback_param(
        &self,
        function: &Function<'t>,
        pass: &Pass<'_>,
    ) -> Option<Value> {
        if self.rules.channel_callbacks.is_empty() || self.channel.is_empty() {
            return None;
        }
        let (site, args) = self.call_taking(function, pass)?;
        if args.len() < 2 || args.last().map(|a| a.value) != Some(function.node) {
            return None;
        }
        let emitted = self
            .channel
            .get(&Channel::Event(self.event_name(args[0].value)?))?;
        self.rules
            .channel_callbacks
            .iter()
            .any(|p| p.matches(&site))
            .then(|| emitted.clone())
    }

    /// The name of an event written as a string literal (`"job"`).
    fn event_name(&self, node: tree_sitter::Node<'t>) -> Option<String> {
        if !self.adapter.is_whole_literal(node) {
            return None;
        }
        self.adapter.literal_prefix(node, self.text)
    }

    /// For a parameter declared with a wrapper of `channel-params` (`Extension<TenantBackend>`),
    /// what was sent of its generic argument's type.
    pub(super) fn channel_param(&self, annotation: &str) -> Option<Value> {
        if self.channel.is_empty() {
            return None;
        }
        let head = annotation.split('<').next()?.rsplit("::").next()?.trim();
        if !self.rules.channel_params.iter().any(|w| w == head) {
            return None;
        }
        let argument = annotation.split_once('<')?.1.trim_end().strip_suffix('>')?;
        let argument = argument.rsplit("::").next()?.trim();
        self.channel
            .get(&Channel::BuiltAs(argument.to_string()))
            .cloned()
    }
}

/// The type a value is written as built (`TenantBackend(name)`, `Tenant { id }`,
/// `auth::Claims { .. }`): the last segment of the path before its `(` or `{`, when it names a
/// type (starts with a capital).
fn built_as(written: &str) -> Option<&str> {
    let end = written.find(['(', '{'])?;
    let path = written[..end].trim();
    let name = path.rsplit("::").next()?;
    let is_path = path.split("::").all(|segment| {
        !segment.is_empty() && segment.chars().all(|c| c.is_alphanumeric() || c == '_')
    });
    (is_path && name.starts_with(|c: char| c.is_ascii_uppercase())).then_some(name)
}

/// The methods among `patterns` that `text` calls (`.recv(`), each once.
fn called<'p>(patterns: impl Iterator<Item = &'p CallPattern>, text: &str) -> Vec<&'p str> {
    let mut names: Vec<&str> = patterns
        .filter_map(|p| p.method.as_deref())
        .filter(|m| text.contains(&format!(".{m}(")))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}
