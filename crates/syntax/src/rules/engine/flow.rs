//! The flow pass of the rule engine: runs the language's taint rules over a document (or the
//! functions an edit touched), turns sink hits into findings with their path, and lets flow
//! refine the matches of shape rules (quiet when the value is constant or sanitised; the path
//! named when it is untrusted).

use super::incremental::Matched;
use super::{RuleSet, finding};
use crate::finding::{Finding, FlowPoint, FlowTrace, OtherFile};
use crate::flow::{FileFlow, FlowRules, Outline, SinkHit, Step, Value};
use crate::lang::Language;
use crate::names::Names;
use crate::rules::RuleError;
use crate::rules::template;
use crate::text::LineIndex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;
use tree_sitter::Tree;

impl RuleSet {
    pub(super) fn flow(&self, language: Language) -> &Result<Option<FlowRules>, RuleError> {
        self.flow[language as usize].get_or_init(|| FlowRules::compile(&self.rules, language))
    }

    /// Runs flow over the whole of `tree` (of `lines`' text), reading the file's imports into
    /// `names` if no predicate did (sinks and sources name canonical callees). The file's
    /// outline, for the next re-check; `None` when no taint rule applies.
    pub(super) fn flow_whole_file(
        &self,
        language: Language,
        tree: &Tree,
        lines: &LineIndex<'_>,
        names: &mut Option<Names>,
        matched: &mut Vec<Matched>,
    ) -> Option<Outline> {
        let Ok(Some(flow)) = self.flow(language) else {
            return None;
        };
        let text = lines.text();
        let names = names.get_or_insert_with(|| Names::of(language, tree, text.as_bytes()));
        let linked = super::imports::Linked::of_current(self, flow, language);
        let mut file = flow.file(language, text, tree, names);
        if let Some(linked) = &linked {
            file.link_imports(linked);
        }
        self.run_flow(flow, &mut file, lines, None, matched);
        Some(Outline::of(&file))
    }

    /// Runs `file`'s flow analysis over its functions intersecting `ranges` (all when `None`):
    /// refines the shape matches in `matched` that asked for it and adds the taint rules'
    /// findings.
    pub(super) fn run_flow(
        &self,
        flow: &FlowRules,
        file: &mut FileFlow<'_, '_>,
        lines: &LineIndex<'_>,
        ranges: Option<&[Range<usize>]>,
        matched: &mut Vec<Matched>,
    ) {
        // Each value a shape rule asks about, with the rules that report untrusted values only.
        let mut watch: HashMap<Range<usize>, u64> = HashMap::new();
        for (rule, node) in matched.iter().filter_map(|m| m.refine.as_ref()) {
            let untrusted_only = self.rules[*rule]
                .taint
                .as_ref()
                .is_some_and(|t| t.untrusted_only());
            let bits = match flow.bit_of(*rule) {
                Some(bit) if untrusted_only => bit,
                _ => 0,
            };
            *watch.entry(node.clone()).or_insert(0) |= bits;
        }
        file.run(watch, ranges);
        let (hits, watched) = (file.hits.take(), file.watched.take());
        // Shape matches flow found harmless in their own function, by rule and watched value:
        // a caller passing untrusted data to the helper they sit in brings them back.
        let mut quiet: HashMap<(usize, Range<usize>), Matched> = HashMap::new();
        matched.retain_mut(|m| {
            let Some((rule, watched_node)) = m.refine.take() else {
                return true;
            };
            // `readFile(req.query.p)` of the file's own `readFile`: flow follows its body.
            let span = m.finding.span.start_byte..m.finding.span.end_byte;
            if file.calls_own_function(span) {
                return false;
            }
            let keep = self.refined(flow, m, rule, &watched_node, &watched, lines);
            if !keep {
                quiet.insert((rule, watched_node), m.clone());
            }
            keep
        });
        for hit in hits {
            let rule = flow.rules[hit.rule];
            let watched_node = hit.watched.then(|| hit.sink.clone());
            let found = self.hit_finding(flow, hit, lines);
            // A shape match in a helper that a caller's untrusted value reaches: the match is
            // the finding (its span and message), with the caller's path.
            let found = match watched_node
                .as_ref()
                .and_then(|node| quiet.get(&(rule, node.clone())))
            {
                Some(shape) => {
                    let mut shape = shape.clone();
                    shape.extent = shape.extent.start.min(found.extent.start)
                        ..shape.extent.end.max(found.extent.end);
                    name_source(&mut shape, found.finding.flow);
                    shape
                }
                None => found,
            };
            // A re-check also re-analyses callers of an edited helper and the module's
            // statements: their other findings are already kept (a shape match a caller's
            // value reached among them, around the value it asks about).
            if let Some(kept) = matched.iter_mut().find(|m| {
                m.finding.rule_id == found.finding.rule_id
                    && (m.finding.span == found.finding.span
                        || watched_node.as_ref().is_some_and(|node| {
                            m.finding.span.start_byte <= node.start
                                && node.end <= m.finding.span.end_byte
                        }))
            }) {
                // Two paths to one sink (a helper's own parameter source and a caller's): name
                // the one whose source is written first, whichever pass found it first, so a
                // re-check that re-analyses only some functions says what a full check says.
                let earlier = match (path_order(&found.finding), path_order(&kept.finding)) {
                    (Some(found), Some(kept)) => found < kept,
                    _ => false,
                };
                let extent = kept.extent.start.min(found.extent.start)
                    ..kept.extent.end.max(found.extent.end);
                match &kept.message {
                    Some(FlowMessage::Template { .. }) if earlier => *kept = found,
                    // A shape match there names the earliest path too, its own function's or a
                    // caller's (a helper's parameter is no source in the helper's own pass).
                    Some(FlowMessage::Suffix { base }) if earlier => {
                        kept.finding.message = base.clone().into();
                        kept.extent = extent;
                        name_source(kept, found.finding.flow);
                    }
                    None if kept.finding.flow.is_none() => {
                        kept.extent = extent;
                        name_source(kept, found.finding.flow);
                    }
                    _ => {}
                }
                continue;
            }
            // A shape rule already reporting this spot, or a part of this sink call, for the
            // same weakness keeps the finding (one report per problem); it learns the path if it
            // had none.
            let (start, end) = (found.finding.span.start_byte, found.finding.span.end_byte);
            let same = matched.iter_mut().find(|m| {
                (m.finding.span.start_byte == start
                    || (m.finding.span.start_byte > start && m.finding.span.end_byte <= end))
                    && m.finding.cwe.iter().any(|c| found.finding.cwe.contains(c))
            });
            match same {
                Some(shape) => {
                    if shape.finding.flow.is_none() {
                        let both = shape.extent.start.min(found.extent.start)
                            ..shape.extent.end.max(found.extent.end);
                        shape.extent = both;
                        // A source inside the match (`secure: false` passed right there) is
                        // what the match says already.
                        if !source_inside(&shape.finding, &found.finding) {
                            name_source(shape, found.finding.flow);
                        }
                    }
                }
                None => matched.push(found),
            }
        }
    }

    /// Flow's answer for the shape match `m` of `rule` about the value at `watched_node`:
    /// whether it stands (naming the source when there is one).
    fn refined(
        &self,
        flow: &FlowRules,
        m: &mut Matched,
        rule: usize,
        watched_node: &Range<usize>,
        watched: &HashMap<Range<usize>, Value>,
        lines: &LineIndex<'_>,
    ) -> bool {
        let untrusted_only = self.rules[rule]
            .taint
            .as_ref()
            .is_some_and(|t| t.untrusted_only());
        let Some(bit) = flow.bit_of(rule) else {
            return !untrusted_only;
        };
        match watched.get(watched_node) {
            // The value is itself the source (`secure: false`, `req.body.email` written
            // right there): the match says so already; it keeps the path, not a message
            // naming itself. (A source inside the value, `${req.query.s}`, is named: it says
            // which part is untrusted.)
            Some(value)
                if value
                    .taint_for(bit)
                    .is_some_and(|t| t.origin.0 == *watched_node && t.steps().is_empty()) =>
            {
                if let Some(taint) = value.taint_for(bit) {
                    let path = trace(&taint.origin, &taint.steps(), lines);
                    m.extent = covering(m.extent.clone(), Some(&path));
                    m.finding.flow = Some(Box::new(path));
                }
                true
            }
            Some(value) if untrusted_only => {
                value.taint_for(bit).is_some() && refine(m, value, bit, lines)
            }
            Some(value) => refine(m, value, bit, lines),
            None => !untrusted_only,
        }
    }

    fn hit_finding(&self, flow: &FlowRules, hit: SinkHit, lines: &LineIndex<'_>) -> Matched {
        let rule = &self.rules[flow.rules[hit.rule]];
        let template = rule
            .taint
            .as_ref()
            .and_then(|t| t.message())
            .unwrap_or(&rule.message);
        let recipe = FlowMessage::Template {
            template: template.to_string(),
            source: hit.taint.origin.1.clone(),
            sink: hit.label.clone(),
        };
        let mut finding = finding(
            rule,
            String::new(),
            lines.span(hit.sink.start, hit.sink.end),
            None,
        );
        let mut trace = trace(&hit.taint.origin, &hit.taint.steps(), lines);
        trace.sink_elsewhere = hit.remote;
        finding.flow = Some(Box::new(trace));
        finding.message = recipe.render(&finding).into();
        Matched {
            extent: covering(hit.extent, finding.flow.as_deref()),
            finding,
            refine: None,
            message: Some(recipe),
        }
    }
}

/// Applies flow's answer to a shape match: keep it (naming the source when there is one), or
/// drop it when the value is harmless for this rule.
fn refine(m: &mut Matched, value: &Value, bit: u64, lines: &LineIndex<'_>) -> bool {
    if let Some(taint) = value.taint_for(bit) {
        let path = trace(&taint.origin, &taint.steps(), lines);
        name_source(m, Some(Box::new(path)));
        // The helpers the value went through decide it too: an edit there re-checks this match.
        if let Some(via) = &taint.via {
            m.extent = m.extent.start.min(via.start)..m.extent.end.max(via.end);
        }
        return true;
    }
    value.clean & bit == 0
}

/// Gives a shape finding the path of its value and names the source in its message.
fn name_source(m: &mut Matched, path: Option<Box<FlowTrace>>) {
    let Some(path) = path else { return };
    let recipe = FlowMessage::Suffix {
        base: m.finding.message.to_string(),
    };
    m.extent = covering(m.extent.clone(), Some(&path));
    m.finding.flow = Some(path);
    m.finding.message = recipe.render(&m.finding).into();
    m.message = Some(recipe);
}

/// Whether the path of `hit` starts inside the span of `shape`.
fn source_inside(shape: &Finding, hit: &Finding) -> bool {
    hit.flow.as_deref().is_some_and(|flow| {
        shape.span.start_byte <= flow.source.span.start_byte
            && flow.source.span.end_byte <= shape.span.end_byte
    })
}

/// A message that names the line its path starts on, kept so that it can be written again when
/// an edit moves that line.
#[derive(Debug, Clone)]
pub(super) enum FlowMessage {
    /// A taint rule's message template, with the source and sink it names.
    Template {
        template: String,
        source: String,
        sink: String,
    },
    /// A shape rule's message, followed by where its value came from.
    Suffix { base: String },
}

impl FlowMessage {
    pub(super) fn render(&self, finding: &Finding) -> String {
        let Some(path) = &finding.flow else {
            return finding.message.to_string();
        };
        let line = (path.source.span.start.line + 1).to_string();
        match self {
            FlowMessage::Template {
                template,
                source,
                sink,
            } => render_flow(template, &format!("`{source}`"), &line, sink),
            FlowMessage::Suffix { base } => {
                let label = &path.source_label;
                format!("{base}; the value comes from {label} (line {line})")
            }
        }
    }
}

/// A taint message: `source` is the value as the code wrote it, in backticks.
fn render_flow(template: &str, source: &str, line: &str, sink: &str) -> String {
    template::render(template, |name| match name {
        "source" => Some(template::one_line(source)),
        "source_line" => Some(line.to_string()),
        // A sink in another file names the helper and where the sink is.
        "sink" => Some(template::one_line_within(
            sink,
            4 * template::MESSAGE_VALUE_LIMIT,
        )),
        _ => None,
    })
}

impl RuleSet {
    /// `finding`, found at the call of another file's helper that passes an untrusted value on
    /// to a sink (`flow.sink_elsewhere`), as reported at that sink: where a reviewer of the
    /// helper's file, and line-level labels, look for it. `caller` is the file it was found
    /// in; its path (source and steps) stays there, and its message names that file. `None`
    /// for a finding whose sink is its own range. A fix is dropped: its range is the caller's.
    pub fn at_sink(
        &self,
        finding: &Finding,
        caller: Arc<OtherFile>,
    ) -> Option<(Arc<std::path::Path>, Finding)> {
        let flow = finding.flow.as_deref()?;
        let remote = flow.sink_elsewhere.clone()?;
        let rule = self.get(&finding.rule_id)?;
        let template = rule
            .taint
            .as_ref()
            .and_then(|t| t.message())
            .unwrap_or(&rule.message);
        let line = format!("{} of {}", flow.source.span.start.line + 1, caller.file);
        let message = render_flow(template, &flow.source_label, &line, &remote.sink);
        let moved = Finding {
            message: message.into(),
            span: remote.span,
            fix: None,
            flow: Some(Box::new(FlowTrace {
                source: flow.source.clone(),
                source_label: flow.source_label.clone(),
                steps: flow.steps.clone(),
                sink_elsewhere: None,
                steps_elsewhere: Some(caller),
            })),
            ..finding.clone()
        };
        Some((remote.path.clone(), moved))
    }
}

/// `extent` grown to every point of a path: a finding depends on all of them (a module-level
/// source included), so an edit at any of them must re-check it.
fn covering(extent: Range<usize>, path: Option<&FlowTrace>) -> Range<usize> {
    path.iter()
        .flat_map(|f| std::iter::once(&f.source).chain(&f.steps))
        .fold(extent, |extent, point| {
            extent.start.min(point.span.start_byte)..extent.end.max(point.span.end_byte)
        })
}

fn trace(origin: &(Range<usize>, String), steps: &[Step], lines: &LineIndex<'_>) -> FlowTrace {
    let source_label = format!("`{}`", origin.1);
    FlowTrace {
        source: FlowPoint {
            span: lines.span(origin.0.start, origin.0.end),
            note: format!("untrusted value enters: {source_label}"),
        },
        source_label: source_label.into(),
        steps: steps
            .iter()
            .map(|s| FlowPoint {
                span: lines.span(s.range.start, s.range.end),
                note: s.note.clone(),
            })
            .collect(),
        sink_elsewhere: None,
        steps_elsewhere: None,
    }
}

/// Where a flow finding's path starts and runs, to choose between two paths to one sink.
fn path_order(finding: &Finding) -> Option<(usize, Vec<usize>)> {
    let flow = finding.flow.as_deref()?;
    Some((
        flow.source.span.start_byte,
        flow.steps.iter().map(|s| s.span.start_byte).collect(),
    ))
}
