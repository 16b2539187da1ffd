//! The flow pass of the rule engine: runs the language's taint rules over a document (or the
//! functions an edit touched), turns sink hits into findings with their path, and lets flow
//! refine the matches of shape rules (quiet when the value is constant or sanitised; the path
//! named when it is untrusted).

use super::incremental::Matched;
use super::{RuleSet, finding};
use crate::finding::{FlowPoint, FlowTrace};
use crate::flow::{FlowRules, SinkHit, Step, Value};
use crate::lang::Language;
use crate::rules::RuleError;
use crate::rules::template;
use crate::text::LineIndex;
use std::collections::HashSet;
use std::ops::Range;
use tree_sitter::Tree;

impl RuleSet {
    pub(super) fn flow(&self, language: Language) -> &Result<Option<FlowRules>, RuleError> {
        self.flow[language as usize].get_or_init(|| FlowRules::compile(&self.rules, language))
    }

    /// Runs flow over the functions of `tree` intersecting `range` (all when `None`): refines
    /// the shape matches in `matched` that asked for it and adds the taint rules' findings.
    /// Returns the byte ranges it re-analysed (so a re-check knows which old findings to drop).
    pub(super) fn run_flow(
        &self,
        language: Language,
        text: &str,
        tree: &Tree,
        lines: &LineIndex<'_>,
        range: Option<Range<usize>>,
        matched: &mut Vec<Matched>,
    ) {
        let Ok(Some(flow)) = self.flow(language) else {
            return;
        };
        let watch: HashSet<Range<usize>> = matched
            .iter()
            .filter_map(|m| m.refine.as_ref().map(|(_, r)| r.clone()))
            .collect();
        let result = flow.analyze(language, text, tree, watch, range);
        matched.retain_mut(|m| {
            let Some((rule, watched)) = m.refine.take() else {
                return true;
            };
            let Some(bit) = flow.bit_of(rule) else {
                return true;
            };
            match result.watched.get(&watched) {
                Some(value) => refine(m, value, bit, lines, text),
                None => true,
            }
        });
        for hit in result.hits {
            let found = self.hit_finding(flow, hit, lines, text);
            // A shape rule already reporting this spot for the same weakness keeps the finding
            // (one report per problem); it learns the path if it had none.
            let same = matched.iter_mut().find(|m| {
                m.finding.span.start_byte == found.finding.span.start_byte
                    && m.finding.rule_id != found.finding.rule_id
                    && m.finding.cwe.iter().any(|c| found.finding.cwe.contains(c))
            });
            match same {
                Some(shape) => {
                    if shape.finding.flow.is_none()
                        && let Some(trace) = found.finding.flow
                    {
                        shape.finding.message = with_source(&shape.finding.message, &trace);
                        shape.finding.flow = Some(trace);
                    }
                }
                None => matched.push(found),
            }
        }
    }

    fn hit_finding(
        &self,
        flow: &FlowRules,
        hit: SinkHit,
        lines: &LineIndex<'_>,
        text: &str,
    ) -> Matched {
        let rule = &self.rules[flow.rules[hit.rule]];
        let trace = trace(&hit.taint.origin, &hit.taint.steps(), lines);
        let source_line = (trace.source.span.start.line + 1).to_string();
        let template = rule
            .taint
            .as_ref()
            .and_then(|t| t.message())
            .unwrap_or(&rule.message);
        let message = template::render_message(template, |name| match name {
            "source" => Some(format!("`{}`", hit.taint.origin.1)),
            "source_line" => Some(source_line.clone()),
            "sink" => Some(hit.label.clone()),
            _ => None,
        });
        let _ = text;
        let mut finding = finding(
            rule,
            message,
            lines.span(hit.sink.start, hit.sink.end),
            None,
        );
        finding.flow = Some(Box::new(trace));
        Matched {
            finding,
            extent: hit.extent,
            refine: None,
        }
    }
}

/// Applies flow's answer to a shape match: keep it (naming the source when there is one), or
/// drop it when the value is harmless for this rule.
fn refine(m: &mut Matched, value: &Value, bit: u64, lines: &LineIndex<'_>, text: &str) -> bool {
    if let Some(taint) = value.taint_for(bit) {
        let trace = trace(&taint.origin, &taint.steps(), lines);
        let _ = text;
        m.finding.message = with_source(&m.finding.message, &trace);
        m.finding.flow = Some(Box::new(trace));
        return true;
    }
    value.clean & bit == 0
}

/// A shape rule's message, naming where the value came from.
fn with_source(message: &str, trace: &FlowTrace) -> String {
    let label = trace
        .source
        .note
        .strip_prefix("untrusted value enters: ")
        .unwrap_or(&trace.source.note);
    format!(
        "{message}; the value comes from {label} (line {})",
        trace.source.span.start.line + 1
    )
}

fn trace(origin: &(Range<usize>, String), steps: &[Step], lines: &LineIndex<'_>) -> FlowTrace {
    FlowTrace {
        source: FlowPoint {
            span: lines.span(origin.0.start, origin.0.end),
            note: format!("untrusted value enters: `{}`", origin.1),
        },
        steps: steps
            .iter()
            .map(|s| FlowPoint {
                span: lines.span(s.range.start, s.range.end),
                note: s.note.clone(),
            })
            .collect(),
    }
}
