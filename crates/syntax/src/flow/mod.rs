//! Data flow (taint): where a value comes from, through which steps, and whether it reaches a
//! sink unsanitised. A small language-neutral core (`core/`) walks each function once in
//! statement order; one adapter per language (`python.rs`, `javascript.rs`, `rust.rs`) maps its
//! syntax onto the core's few shapes. Sources, sinks, sanitizers, propagators and guards are rule
//! data (`[taint]` tables, `spec.rs`), never code. See `docs/dataflow.md`.
//!
//! The engine runs `FlowRules::file` once per file (after an edit, over the parts `reach`
//! finds the edit can change): taint rules turn its sink hits into findings, and shape rules
//! that `refine` a capture ask it whether that capture's value is tainted, constant or
//! sanitised.

mod adapter;
mod core;
mod handlers;
mod javascript;
mod outline;
pub mod project;
mod python;
mod reach;
mod rust;
mod source_query;
mod spec;

pub use self::core::Step;
pub(crate) use self::core::{ALL, FileFlow, SinkHit, Value};
pub use outline::Outline;
pub(crate) use reach::{merge as merge_ranges, reach};
pub(crate) use source_query::check as check_source_query;
pub(crate) use spec::TaintFile;
pub use spec::TaintSpec;

use crate::lang::Language;
use crate::names::Names;
use crate::rules::{Rule, RuleError};
use source_query::SourceQuery;
use spec::{
    CallPattern, GuardKind, Propagator, ResultPropagator, Sink, SinkKind, Source, SourceKind,
};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use streaming_iterator::StreamingIterator;
use tree_sitter::{QueryCursor, Tree};

/// Every taint table of one language, merged: library data for all rules, each rule's own data
/// for that rule alone (one bit per rule).
pub(crate) struct FlowRules {
    /// Each source, the rules it is untrusted for, and the rules that ignore it.
    sources: Vec<(Source, u64, u64)>,
    sinks: Vec<(Sink, u64)>,
    sanitizers: Vec<(CallPattern, u64)>,
    /// The rules a plain `str(x)` call is a sanitiser for (`case {"id": str(id)}` checks as
    /// much): an operator object is no `str`.
    str_sanitized: u64,
    helper_sanitizers: Vec<(crate::rules::LazyRegex, u64)>,
    propagators: Vec<Propagator>,
    /// Calls whose result only some of their inputs reach (`to = "result"`).
    result_propagators: Vec<ResultPropagator>,
    guards: Vec<GuardKind>,
    /// The rules each of `guards` vouches for: all for the language's library, its own for a
    /// rule's (`isinstance(x, str)` keeps an operator object out of a NoSQL filter, not a quote
    /// out of SQL).
    guard_rules: Vec<u64>,
    constant_names: Vec<String>,
    /// Parameters, as written, that hold a number whatever their type says.
    scalar_params: Vec<crate::rules::LazyRegex>,
    constant_calls: Vec<CallPattern>,
    /// Calls whose result decodes their input: what sanitisers and checks took is back.
    decoders: Vec<CallPattern>,
    lookups: Vec<CallPattern>,
    /// Calls whose callback's first parameter is an index (`$(sel).each((i, el) => ...)`).
    index_callbacks: Vec<CallPattern>,
    /// Calls that send on a channel, and calls that receive from one (`core/channels.rs`).
    channel_sends: Vec<spec::ChannelSend>,
    channel_receives: Vec<CallPattern>,
    channel_callbacks: Vec<CallPattern>,
    /// Wrapper types whose parameters receive what was sent of their generic argument's type.
    channel_params: Vec<String>,
    /// Calls that call a function they are given (`core/forwarders.rs`).
    forwarders: Vec<spec::Forwarder>,
    queries: Vec<SourceQuery>,
    /// Per rule bit: literal starts its sinks trust.
    safe_prefixes: Vec<(u64, crate::rules::LazyRegex)>,
    /// The rules for which a check of how a value starts vouches for nothing.
    start_blind: u64,
    /// The rules for which a check that a value starts with a folder vouches for nothing.
    folder_start_blind: u64,
    /// The rules for which a check for `..` vouches (path rules).
    climb_checked: u64,
    /// Per rule bit: what must have made a value for a check of its start to vouch for it.
    start_made_by: Vec<(u64, crate::rules::LazyRegex)>,
    /// The methods some pattern names with `receiver-made-by`, and whether a pattern without a
    /// method does: only calls of those need the canonical name of their receiver's maker.
    made_by_methods: HashSet<String>,
    made_by_any: bool,
    /// The calls returning parsed command-line options whose declared `choices=` hold.
    option_choices: Vec<crate::rules::LazyRegex>,
    /// The rule (index in the rule set) each bit stands for.
    pub rules: Vec<usize>,
}

/// The outermost functions containing both ends of `range` (nested functions and the code
/// between them included); `None` when an end lies in module-level code.
pub(crate) fn functions_around(
    language: Language,
    tree: &Tree,
    range: &Range<usize>,
) -> Option<Range<usize>> {
    reach::functions_around(adapter::for_language(language), tree, range)
}

/// Whether `old` (the previous parse, edited with `Tree::edit` in step with the text) and `new`
/// have the same module-level structure wherever a re-check of the `edited` ranges does not
/// look again: flow can then trust the functions and module-level code it keeps.
///
/// Each edited range must lie in the same outermost functions before and after the edit (or in
/// module-level code in both). A range in module-level code is re-analysed with every top-level
/// item it touches (`reach::units`), so those items may differ; every other top-level item must
/// be the same node in both trees: of the same kind at the same bytes, with the same nodes
/// outside functions below it, and each outermost function in it at the same bytes. The walk
/// stops at the first difference and never enters a function.
///
/// While a text does not parse, error recovery decides where functions end, and one keystroke
/// can move a function's end (and so what is module-level) far from the edit; comparing every
/// item the re-check keeps catches that. A pasted or deleted item at module level changes only
/// the items it touches, so it is re-checked incrementally in that state too.
pub(crate) fn same_module_structure(
    language: Language,
    old: &Tree,
    new: &Tree,
    edited: &[Range<usize>],
) -> bool {
    let adapter = adapter::for_language(language);
    let mut module_level = Vec::new();
    for range in edited {
        let around = reach::functions_around(adapter, new, range);
        if around != reach::functions_around(adapter, old, range) {
            return false;
        }
        if around.is_none() {
            module_level.push(range);
        }
    }
    // Touching counts, as in `reach::units`: typing right after an item's last byte extends it.
    let kept = |item: &tree_sitter::Node<'_>| {
        !module_level
            .iter()
            .any(|r| item.end_byte() >= r.start && item.start_byte() <= r.end)
    };
    let (old_root, new_root) = (old.root_node(), new.root_node());
    if old_root.kind_id() != new_root.kind_id() {
        return false;
    }
    let (mut a, mut b) = (old_root.walk(), new_root.walk());
    let mut old_items = old_root.children(&mut a).filter(kept);
    let mut new_items = new_root.children(&mut b).filter(kept);
    loop {
        match (old_items.next(), new_items.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if same_structure(adapter, x, y) => {}
            _ => return false,
        }
    }
}

/// Whether two subtrees have the same nodes outside functions (kind, bytes, number of children)
/// and their outermost functions at the same bytes.
fn same_structure(
    adapter: &dyn adapter::Adapter,
    old: tree_sitter::Node<'_>,
    new: tree_sitter::Node<'_>,
) -> bool {
    // A cursor made from a node never climbs above it.
    let (mut a, mut b) = (old.walk(), new.walk());
    loop {
        let (x, y) = (a.node(), b.node());
        if x.kind_id() != y.kind_id()
            || x.byte_range() != y.byte_range()
            || x.child_count() != y.child_count()
        {
            return false;
        }
        // Same kind, bytes and child count: both descend, or neither does.
        let inside_function = adapter.is_function(x.kind());
        if !inside_function && a.goto_first_child() {
            b.goto_first_child();
            continue;
        }
        // Next sibling, or the next sibling of the nearest ancestor that has one.
        loop {
            if a.goto_next_sibling() {
                if !b.goto_next_sibling() {
                    return false;
                }
                break;
            }
            if b.goto_next_sibling() {
                return false;
            }
            if !a.goto_parent() {
                return true;
            }
            b.goto_parent();
        }
    }
}

/// The most taint rules one language may have (one bit each).
const MAX_RULES: usize = 64;

impl FlowRules {
    /// The flow rules of `language` among `rules`; `None` when none has a `[taint]` table.
    pub fn compile(rules: &[Rule], language: Language) -> Result<Option<FlowRules>, RuleError> {
        let mut flow = FlowRules {
            sources: Vec::new(),
            sinks: Vec::new(),
            sanitizers: Vec::new(),
            str_sanitized: 0,
            helper_sanitizers: Vec::new(),
            propagators: Vec::new(),
            result_propagators: Vec::new(),
            guards: Vec::new(),
            guard_rules: Vec::new(),
            constant_names: Vec::new(),
            scalar_params: Vec::new(),
            constant_calls: Vec::new(),
            decoders: Vec::new(),
            lookups: Vec::new(),
            index_callbacks: Vec::new(),
            channel_sends: Vec::new(),
            channel_receives: Vec::new(),
            channel_callbacks: Vec::new(),
            channel_params: Vec::new(),
            forwarders: Vec::new(),
            queries: Vec::new(),
            safe_prefixes: Vec::new(),
            start_blind: 0,
            folder_start_blind: 0,
            climb_checked: 0,
            start_made_by: Vec::new(),
            made_by_methods: HashSet::new(),
            made_by_any: false,
            option_choices: Vec::new(),
            rules: Vec::new(),
        };
        let applying = rules
            .iter()
            .enumerate()
            .filter(|(_, r)| r.applies_to(Some(language)))
            .filter_map(|(i, r)| Some((i, r, r.taint.as_deref()?)));
        let mut libraries = Vec::new();
        let mut ignoring = Vec::new();
        let mut own_sources_only = 0u64;
        for (index, rule, spec) in applying {
            if spec.library {
                libraries.push((rule, spec));
                continue;
            }
            if flow.rules.len() == MAX_RULES {
                return Err(RuleError {
                    origin: rule.origin.clone(),
                    line: None,
                    message: format!("more than {MAX_RULES} taint rules for {}", language.name()),
                });
            }
            let bit = 1u64 << flow.rules.len();
            flow.rules.push(index);
            flow.add(rule, spec, bit);
            if !spec.ignore_sources.is_empty() {
                ignoring.push((bit, &spec.ignore_sources));
            }
            if spec.own_sources_only {
                own_sources_only |= bit;
            }
        }
        if flow.rules.is_empty() {
            return Ok(None);
        }
        let first_library_source = flow.sources.len();
        let first_library_query = flow.queries.len();
        for (rule, spec) in libraries {
            flow.add(rule, spec, ALL);
        }
        // A rule with only its own sources is not told about the library's; their values are
        // not vouched for either (unlike an ignored source's), so a shape it refines stays.
        for (_, mask, _) in &mut flow.sources[first_library_source..] {
            *mask &= !own_sources_only;
        }
        for query in &mut flow.queries[first_library_query..] {
            query.mask &= !own_sources_only;
        }
        // A rule that ignores a library source is not told about it, and holds its value as
        // harmless as a constant (a shape rule it refines stays quiet). An ignored name is a
        // source's path, the `call` or `method` of a call source (`input`, `parse_args`), or
        // its label (`route parameter`).
        for (bit, ignored) in ignoring {
            for (source, mask, ignored_by) in &mut flow.sources[first_library_source..] {
                let name = match &source.kind {
                    SourceKind::Path(path) => Some(path),
                    SourceKind::Call(call) => call.call.as_ref().or(call.method.as_ref()),
                    _ => None,
                };
                if name.is_some_and(|name| ignored.contains(name))
                    || source.label.as_ref().is_some_and(|l| ignored.contains(l))
                {
                    *mask &= !bit;
                    *ignored_by |= bit;
                }
            }
            // A query source is named by its label (`message event`).
            for query in &mut flow.queries[first_library_query..] {
                if !query.label.is_empty() && ignored.contains(&query.label) {
                    query.mask &= !bit;
                }
            }
        }
        flow.str_sanitized = flow
            .sanitizers
            .iter()
            .filter(|(p, _)| p.call.as_deref() == Some("str") && p.method.is_none())
            .fold(0, |rules, (_, mask)| rules | mask);
        Ok(Some(flow))
    }

    fn add(&mut self, rule: &Rule, spec: &TaintSpec, mask: u64) {
        for source in &spec.sources {
            if let SourceKind::Query(text) = &source.kind {
                self.queries.push(SourceQuery::new(
                    text.clone(),
                    source.label.clone().unwrap_or_default(),
                    mask,
                    rule.origin.clone(),
                ));
            } else {
                self.sources.push((source.clone(), mask, 0));
            }
        }
        if let Some(prefix) = &spec.safe_prefix {
            self.safe_prefixes.push((mask, prefix.clone()));
        }
        if spec.start_blind {
            self.start_blind |= mask;
        }
        if spec.folder_start_blind {
            self.folder_start_blind |= mask;
        }
        if spec.climb_checks {
            self.climb_checked |= mask;
        }
        if let Some(made_by) = &spec.start_made_by {
            self.start_made_by.push((mask, made_by.clone()));
        }
        self.option_choices
            .extend(spec.option_choices.iter().cloned());
        self.sinks
            .extend(spec.sinks.iter().map(|s| (s.clone(), mask)));
        self.sanitizers
            .extend(spec.sanitizers.iter().map(|s| (s.clone(), mask)));
        self.helper_sanitizers
            .extend(spec.helper_sanitizers.iter().map(|s| (s.clone(), mask)));
        self.propagators.extend(spec.propagators.iter().cloned());
        self.result_propagators
            .extend(spec.result_propagators.iter().cloned());
        let made_by_patterns = spec
            .sinks
            .iter()
            .filter_map(|s| match &s.kind {
                SinkKind::Call(p) => Some(p),
                _ => None,
            })
            .chain(&spec.sanitizers)
            .chain(spec.sources.iter().filter_map(|s| match &s.kind {
                SourceKind::Call(p) => Some(p),
                _ => None,
            }))
            .chain(spec.guards.iter().filter_map(|g| match g {
                GuardKind::Call(p, _) | GuardKind::Compared(p, _) => Some(p),
                _ => None,
            }))
            .filter(|p| p.receiver_made_by.is_some());
        for pattern in made_by_patterns {
            match &pattern.method {
                Some(method) => {
                    self.made_by_methods.insert(method.clone());
                }
                None => self.made_by_any = true,
            }
        }
        self.guards.extend(spec.guards.iter().cloned());
        self.guard_rules
            .extend(std::iter::repeat_n(mask, spec.guards.len()));
        self.constant_names
            .extend(spec.constant_names.iter().cloned());
        self.scalar_params
            .extend(spec.scalar_params.iter().cloned());
        self.constant_calls
            .extend(spec.constant_calls.iter().cloned());
        self.decoders.extend(spec.decoders.iter().cloned());
        self.lookups.extend(spec.lookups.iter().cloned());
        self.index_callbacks
            .extend(spec.index_callbacks.iter().cloned());
        self.channel_sends
            .extend(spec.channel_sends.iter().cloned());
        self.channel_receives
            .extend(spec.channel_receives.iter().cloned());
        self.channel_callbacks
            .extend(spec.channel_callbacks.iter().cloned());
        self.channel_params
            .extend(spec.channel_params.iter().cloned());
        self.forwarders.extend(spec.forwarders.iter().cloned());
    }

    /// The flow analysis of one file, ready to [`FileFlow::run`]: its functions listed and the
    /// rules' source queries matched.
    pub fn file<'t, 'r>(
        &'r self,
        language: Language,
        text: &'t str,
        tree: &'t Tree,
        names: &'r Names,
    ) -> FileFlow<'t, 'r> {
        let root = tree.root_node();
        let adapter = adapter::for_language(language);
        let mut query_sources = HashMap::new();
        let folded = std::cell::OnceCell::new();
        for source in &self.queries {
            let Some(query) = source.for_text(language, text, &folded) else {
                continue;
            };
            let (label, mask) = (&source.label, source.mask);
            let capture = query.capture_index_for_name("source").expect("checked");
            let entry = query.capture_index_for_name("entry");
            let mut cursor = QueryCursor::new();
            let mut matches = cursor.matches(query, root, text.as_bytes());
            while let Some(m) = matches.next() {
                // `@entry` names a function the framework calls (a view): a function this
                // file calls itself is a helper, and its arguments are the caller's.
                if let Some(entry) = entry
                    && m.nodes_for_capture_index(entry)
                        .any(|name| called_in(text, name.byte_range()))
                {
                    continue;
                }
                for node in m.nodes_for_capture_index(capture) {
                    // A handler passed by name: its first parameter.
                    let node =
                        handlers::handler_parameter(node, root, text, adapter).unwrap_or(node);
                    let entry = query_sources
                        .entry(node.byte_range())
                        .or_insert_with(|| (label.clone(), 0));
                    entry.1 |= mask;
                }
            }
        }
        FileFlow::new(adapter, self, names, text, root, query_sources)
    }

    /// Compiles every source query now (they compile on first need otherwise) and reports
    /// the first that fails.
    pub(crate) fn compile_source_queries(&self, language: Language) -> Result<(), RuleError> {
        for source in &self.queries {
            if let Err(message) = source.compiled(language) {
                return Err(RuleError {
                    origin: source.origin.clone(),
                    line: None,
                    message: message.clone(),
                });
            }
        }
        Ok(())
    }

    /// How many source queries are compiled so far.
    #[cfg(test)]
    pub(crate) fn compiled_source_queries(&self) -> usize {
        self.queries.iter().filter(|q| q.is_compiled()).count()
    }

    /// Whether rule `bit` trusts a value starting with `prefix`.
    /// The rules whose sinks trust only some literal starts, none of which is `prefix`
    /// (`/` alone, for the open-redirect rules: `//evil.example` starts with it too).
    pub(crate) fn distrusting_prefix(&self, prefix: &str) -> u64 {
        self.safe_prefixes
            .iter()
            .filter(|(_, regex)| !regex.get().is_match(prefix))
            .fold(0, |rules, (mask, _)| rules | mask)
    }

    /// Whether a pattern names what made the receiver of a call of `method`.
    pub(crate) fn asks_maker(&self, method: Option<&str>) -> bool {
        self.made_by_any || method.is_some_and(|m| self.made_by_methods.contains(m))
    }

    /// The rules for which a check of how a value starts vouches for nothing.
    pub(crate) fn start_blind(&self) -> u64 {
        self.start_blind
    }

    /// The rules for which a check that a value starts with a folder vouches for nothing.
    pub(crate) fn folder_start_blind(&self) -> u64 {
        self.folder_start_blind
    }

    /// The rules for which a check for `..` in a value vouches for it.
    pub(crate) fn climb_checked(&self) -> u64 {
        self.climb_checked
    }

    /// The rules for which a check of how a value made by `maker` (its text) starts vouches
    /// for nothing: those asking for another maker (a path resolved first).
    pub(crate) fn start_unmade(&self, maker: &str) -> u64 {
        self.start_made_by
            .iter()
            .filter(|(_, regex)| !regex.get().is_match(maker))
            .fold(0, |rules, (mask, _)| rules | mask)
    }

    pub(crate) fn trusts_prefix(&self, bit: u64, prefix: Option<&str>) -> bool {
        prefix.is_some_and(|prefix| {
            self.safe_prefixes
                .iter()
                .any(|(mask, regex)| mask & bit != 0 && regex.get().is_match(prefix))
        })
    }

    /// The bit of the rule with index `rule`, if it is a taint rule here.
    pub fn bit_of(&self, rule: usize) -> Option<u64> {
        self.rules.iter().position(|r| *r == rule).map(|b| 1 << b)
    }
}

/// Whether `text` calls the function whose name is written at `name` (`name(` anywhere else, at
/// the start of a word). A method of some object called so (`img.thumbnail(w, h)` beside `async
/// fn thumbnail(..)`) is not that function, nor a method defined with its name.
fn called_in(text: &str, name: Range<usize>) -> bool {
    let Some(written) = text.get(name.clone()) else {
        return false;
    };
    let call = format!("{written}(");
    text.match_indices(&call).any(|(at, _)| {
        let before = &text[..at];
        at != name.start
            && !before
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
            // Another definition of the name (a method `fn preview(&self)`), not a call.
            && !["fn", "def", "function"].iter().any(|keyword| {
                before.trim_end().strip_suffix(keyword).is_some_and(|rest| {
                    !rest
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_alphanumeric() || c == '_')
                })
            })
    })
}

#[cfg(test)]
mod tests;
