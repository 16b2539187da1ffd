//! Compiling the query rules of a language into one combined query, each pattern mapped back to
//! its rule, its reported capture, its custom predicates and its anchor (see `rules/roots.rs`).

use super::{CompiledLanguage, PatternInfo};
use crate::lang::Language;
use crate::rules::RuleError;
use crate::rules::model::{Matcher, Rule, Target};
use crate::rules::predicates::CustomPredicate;
use crate::rules::roots::{Anchor, pattern_anchors};
use tree_sitter::Query;

/// Compiles the query rules for `language` into one query: all of them, or `only` these.
pub(super) fn compile_language(
    rules: &[Rule],
    only: Option<&[usize]>,
    language: Language,
) -> Result<Option<CompiledLanguage>, RuleError> {
    let queries: Vec<(usize, &str)> = rules
        .iter()
        .enumerate()
        .filter(|(index, _)| only.is_none_or(|only| only.contains(index)))
        .filter_map(|(index, rule)| match &rule.matcher {
            Matcher::Query { source, .. } if rule.targets.contains(&Target::Language(language)) => {
                Some((index, source.as_str()))
            }
            _ => None,
        })
        .collect();
    if queries.is_empty() {
        return Ok(None);
    }
    let mut source = String::new();
    let mut owners: Vec<(usize, usize)> = Vec::new(); // (start offset in combined source, rule)
    for (index, query) in &queries {
        owners.push((source.len(), *index));
        source.push_str(query);
        source.push('\n');
    }
    // Each rule's anchors, one per pattern in order; `None` where a rule's shapes are unknown.
    let mut anchors: Vec<Option<std::vec::IntoIter<Anchor>>> =
        (0..rules.len()).map(|_| None).collect();
    for (index, query) in &queries {
        anchors[*index] = pattern_anchors(query).map(Vec::into_iter);
    }
    let query = Query::new(&language.grammar(), &source).map_err(|e| {
        let owner = owners
            .iter()
            .rev()
            .find(|(start, _)| *start <= e.offset)
            .map(|(_, r)| &rules[*r]);
        RuleError {
            origin: owner.map(|r| r.origin.clone()).unwrap_or_default(),
            line: None,
            message: format!(
                "query does not compile for {} with the rest of the pack: {}",
                language.name(),
                e.message
            ),
        }
    })?;
    let mut patterns = Vec::with_capacity(query.pattern_count());
    for pattern in 0..query.pattern_count() {
        let start = query.start_byte_for_pattern(pattern);
        let rule = owners
            .iter()
            .rev()
            .find(|(offset, _)| *offset <= start)
            .map(|(_, r)| *r)
            .expect("pattern has an owner");
        let Matcher::Query { report, .. } = &rules[rule].matcher else {
            unreachable!()
        };
        let report = query
            .capture_index_for_name(report)
            .expect("validated at load");
        let predicates = query
            .general_predicates(pattern)
            .iter()
            .map(CustomPredicate::parse)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|message| RuleError {
                origin: rules[rule].origin.clone(),
                line: None,
                message,
            })?;
        let anchor = anchors[rule]
            .as_mut()
            .and_then(Iterator::next)
            .and_then(|a| Some((query.capture_index_for_name(&a.capture)?, a.depth)));
        patterns.push(PatternInfo {
            rule,
            report,
            predicates,
            rooted: query.is_pattern_rooted(pattern),
            anchor,
        });
    }
    // Every pattern anchored, and no rule with more anchors than patterns (a misreading).
    let incremental = patterns.iter().all(|p| p.anchor.is_some())
        && anchors
            .iter_mut()
            .all(|a| a.as_mut().is_none_or(|a| a.next().is_none()));
    Ok(Some(CompiledLanguage {
        query,
        patterns,
        incremental,
    }))
}
