//! Compiling the query rules of a language into one combined query, each pattern mapped back to
//! its rule, its reported capture, its custom predicates and its anchor (see `rules/roots.rs`).

use super::awaited_calls::tolerate_awaited_generics;
use super::comments::tolerate_comments;
use super::{CompiledLanguage, PatternInfo};
use crate::lang::Language;
use crate::rules::RuleError;
use crate::rules::model::{Matcher, Rule, Target};
use crate::rules::predicates::CustomPredicate;
use crate::rules::roots::{Anchor, pattern_anchors, top_level_pattern_sources};
use tree_sitter::Query;

/// What a batch compiles of a rule: one of its top-level patterns (a run of a few texts
/// compiles only the patterns whose words they contain), or all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Piece {
    pub(super) rule: usize,
    /// The pattern, counted among the rule's top-level patterns; `None`: every pattern.
    pub(super) pattern: Option<usize>,
}

impl Piece {
    pub(super) fn whole(rule: usize) -> Piece {
        Piece {
            rule,
            pattern: None,
        }
    }
}

/// The query of `rule` if it is a query rule for `language`.
fn query_source(rule: &Rule, language: Language) -> Option<&str> {
    match &rule.matcher {
        Matcher::Query { source, .. } if rule.targets.contains(&Target::Language(language)) => {
            Some(source)
        }
        _ => None,
    }
}

/// Compiles the query rules for `language` into one query: all of them, or `only` these pieces
/// of them. Fails if they do not compile together, or if a pattern of `only` does not compile
/// into exactly one pattern (the pattern was misread: the caller compiles its rule whole).
pub(super) fn compile_language(
    rules: &[Rule],
    only: Option<&[Piece]>,
    language: Language,
) -> Result<Option<CompiledLanguage>, RuleError> {
    // (rule, source, whether it is one pattern) of each piece, in order.
    let chunks: Vec<(usize, &str, bool)> = match only {
        None => rules
            .iter()
            .enumerate()
            .filter_map(|(index, rule)| Some((index, query_source(rule, language)?, false)))
            .collect(),
        Some(pieces) => pieces
            .iter()
            .filter_map(|piece| {
                let source = query_source(&rules[piece.rule], language)?;
                let one = piece
                    .pattern
                    .and_then(|pattern| top_level_pattern_sources(source)?.get(pattern).copied());
                Some(match one {
                    Some(pattern) => (piece.rule, pattern, true),
                    None => (piece.rule, source, false),
                })
            })
            .collect(),
    };
    if chunks.is_empty() {
        return Ok(None);
    }
    let chunks: Vec<(usize, String, bool)> = chunks
        .into_iter()
        .map(|(rule, chunk, one)| {
            let chunk = tolerate_comments(chunk, language);
            let chunk = match language {
                Language::TypeScript | Language::Tsx => tolerate_awaited_generics(&chunk),
                _ => chunk,
            };
            (rule, chunk, one)
        })
        .collect();
    let mut source = String::new();
    let mut starts: Vec<usize> = Vec::with_capacity(chunks.len()); // in the combined source
    for (_, chunk, _) in &chunks {
        starts.push(source.len());
        source.push_str(chunk);
        source.push('\n');
    }
    let chunk_at = |offset: usize| starts.partition_point(|&start| start <= offset).max(1) - 1;
    // Each chunk's anchors, one per pattern in order; `None` where its shapes are unknown.
    let mut anchors: Vec<Option<std::vec::IntoIter<Anchor>>> = chunks
        .iter()
        .map(|(_, chunk, _)| pattern_anchors(chunk).map(Vec::into_iter))
        .collect();
    let query = Query::new(&language.grammar(), &source).map_err(|e| {
        let owner = &rules[chunks[chunk_at(e.offset)].0];
        RuleError {
            origin: owner.origin.clone(),
            line: None,
            message: format!(
                "query does not compile for {} with the rest of the pack: {}",
                language.name(),
                e.message
            ),
        }
    })?;
    let mut patterns_of_chunk = vec![0usize; chunks.len()];
    for pattern in 0..query.pattern_count() {
        patterns_of_chunk[chunk_at(query.start_byte_for_pattern(pattern))] += 1;
    }
    if let Some(misread) = (0..chunks.len()).find(|&c| chunks[c].2 && patterns_of_chunk[c] != 1) {
        return Err(RuleError {
            origin: rules[chunks[misread].0].origin.clone(),
            line: None,
            message: format!(
                "a pattern compiled alone gave {} patterns",
                patterns_of_chunk[misread]
            ),
        });
    }
    let mut patterns = Vec::with_capacity(query.pattern_count());
    for pattern in 0..query.pattern_count() {
        let chunk = chunk_at(query.start_byte_for_pattern(pattern));
        let rule = chunks[chunk].0;
        let Matcher::Query { report, .. } = &rules[rule].matcher else {
            unreachable!()
        };
        // The rule has the capture (validated at load), but a pattern compiled without the
        // rest of its rule may not: such a pattern never reports.
        let report = query.capture_index_for_name(report);
        let mut predicates = query
            .general_predicates(pattern)
            .iter()
            .map(CustomPredicate::parse)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|message| RuleError {
                origin: rules[rule].origin.clone(),
                line: None,
                message,
            })?;
        // Cheapest first: a match that fails costs the least (see `predicates/cost.rs`).
        predicates.sort_by_key(CustomPredicate::cost);
        let anchor = anchors[chunk]
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
    // Every pattern anchored, and no chunk with more anchors than patterns (a misreading).
    let incremental = patterns.iter().all(|p| p.anchor.is_some())
        && anchors
            .iter_mut()
            .all(|a| a.as_mut().is_none_or(|a| a.next().is_none()));
    let whole_file = patterns
        .iter()
        .filter(|p| p.predicates.iter().any(CustomPredicate::reads_whole_file))
        .map(|p| rules[p.rule].id.clone())
        .collect();
    Ok(Some(CompiledLanguage {
        query,
        patterns,
        incremental,
        whole_file,
    }))
}
