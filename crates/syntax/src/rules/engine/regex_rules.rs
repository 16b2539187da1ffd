//! Regex rules: matches over the whole text, kept where the rule's scope allows (inside a string
//! or a comment node), above its entropy floor, outside its exclusions; a token whose checksum
//! does not hold is a made-up example and reported as a hint.

use super::finding;
use crate::finding::{Finding, Fix};
use crate::lang::Language;
use crate::rules::model::{Matcher, RegexScope, Rule};
use crate::rules::predicates::{secret_entropy, strip_quotes};
use crate::rules::{Severity, template};
use crate::text::LineIndex;
use tree_sitter::Tree;

pub(super) fn run_regex(
    rule: &Rule,
    language: Option<Language>,
    text: &str,
    tree: Option<&Tree>,
    lines: &LineIndex<'_>,
    findings: &mut Vec<Finding>,
) {
    let Matcher::Regex {
        regex,
        scope,
        min_entropy,
        exclude,
        checksum,
    } = &rule.matcher
    else {
        return;
    };
    let regex = regex.get();
    let report_group = regex.capture_names().position(|n| n == Some("report"));
    // With a scope and a tree, a match counts only inside a string or comment node.
    let scoped_ranges = match (scope, language, tree) {
        (RegexScope::Any, _, _) | (_, None, _) | (_, _, None) => None,
        (scope, Some(language), Some(tree)) => Some(node_ranges(tree, |kind| match scope {
            RegexScope::String => language.is_string_kind(kind),
            RegexScope::Comment => language.is_comment_kind(kind),
            RegexScope::Any => true,
        })),
    };
    for caps in regex.captures_iter(text) {
        let Some(reported) = report_group
            .and_then(|g| caps.get(g))
            .or_else(|| caps.get(0))
        else {
            continue;
        };
        if reported.is_empty() {
            continue;
        }
        let value = reported.as_str();
        if let Some(bits) = min_entropy
            && secret_entropy(strip_quotes(value)) < *bits
        {
            continue;
        }
        if exclude.as_ref().is_some_and(|e| e.get().is_match(value)) {
            continue;
        }
        if let Some(ranges) = &scoped_ranges
            && !contains(ranges, reported.start(), reported.end())
        {
            continue;
        }
        let message = template::render_message(&rule.message, |name| {
            caps.name(name).map(|m| m.as_str().to_string())
        });
        let fix = rule.fix.as_ref().and_then(|fix| {
            let target = caps.name(&fix.capture)?;
            Some(Fix {
                span: lines.span(target.start(), target.end()),
                replacement: template::render(&fix.replacement, |name| {
                    caps.name(name).map(|m| m.as_str().to_string())
                }),
                safe: fix.safe,
            })
        });
        let mut found = finding(
            rule,
            message,
            lines.span(reported.start(), reported.end()),
            fix,
        );
        if checksum.and_then(|c| c.verify(value)) == Some(false) {
            found.severity = Severity::Hint;
            found.message = format!(
                "{} (its checksum does not match: likely a made-up example, not a live token)",
                found.message
            )
            .into();
        }
        findings.push(found);
    }
}

/// Byte ranges of the outermost nodes whose kind passes `wanted`, in document order.
fn node_ranges(tree: &Tree, wanted: impl Fn(&str) -> bool) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut cursor = tree.walk();
    'walk: loop {
        let node = cursor.node();
        let take = wanted(node.kind());
        if take {
            ranges.push((node.start_byte(), node.end_byte()));
        }
        if !take && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                continue 'walk;
            }
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
    ranges
}

fn contains(ranges: &[(usize, usize)], start: usize, end: usize) -> bool {
    let index = ranges.partition_point(|(s, _)| *s <= start);
    index > 0 && ranges[index - 1].1 >= end
}
