//! Checks of a query rule's tree-sitter query: it compiles for every target grammar, each pattern
//! reports its capture and keeps its predicates inside its group, and every custom predicate
//! parses. Errors carry the byte offset in the rule file, for a file:line message.

use super::Target;
use crate::lang::Language;
use crate::rules::predicates::CustomPredicate;
use toml::Spanned;

/// Compiles the query for every target grammar and checks its captures and predicates.
/// Returns the capture names, or an error with the byte offset (in the rule file) it concerns.
pub(super) fn validate_query(
    query: &Spanned<String>,
    file_text: &str,
    targets: &[Target],
    report: &str,
) -> Result<Vec<String>, (usize, String)> {
    let content_offset = string_content_offset(file_text, query.span().start);
    for target in targets {
        let Target::Language(language) = target else {
            continue;
        };
        let compiled =
            tree_sitter::Query::new(&language.grammar(), query.get_ref()).map_err(|e| {
                let offset = content_offset + e.offset.min(query.get_ref().len());
                (
                    offset,
                    format!(
                        "query does not compile for {}: {} ({:?})",
                        language.name(),
                        e.message.trim(),
                        e.kind
                    ),
                )
            })?;
        if compiled.capture_index_for_name(report).is_none() {
            return Err((
                content_offset,
                format!("query has no `@{report}` capture to report"),
            ));
        }
        for pattern in 0..compiled.pattern_count() {
            let pattern_start = content_offset + compiled.start_byte_for_pattern(pattern);
            check_pattern(&compiled, query.get_ref(), pattern, report, *language)
                .map_err(|m| (pattern_start, m))?;
            for predicate in compiled.general_predicates(pattern) {
                CustomPredicate::parse(predicate).map_err(|m| (pattern_start, m))?;
            }
        }
    }
    // Capture names are the same for every grammar; read them from the first.
    let first = targets.iter().find_map(|t| match t {
        Target::Language(l) => Some(*l),
        Target::AnyFile => None,
    });
    let names = first
        .and_then(|l| tree_sitter::Query::new(&l.grammar(), query.get_ref()).ok())
        .map(|q| q.capture_names().iter().map(|s| s.to_string()).collect())
        .unwrap_or_default();
    Ok(names)
}

/// Checks one pattern of a query: the API does not list captures per pattern, so compile the
/// pattern's own source (predicates included) alone.
fn check_pattern(
    query: &tree_sitter::Query,
    source: &str,
    pattern: usize,
    report: &str,
    language: Language,
) -> Result<(), String> {
    let text =
        source[query.start_byte_for_pattern(pattern)..query.end_byte_for_pattern(pattern)].trim();
    if text.starts_with("(#") {
        // tree-sitter reads a predicate outside any pattern group as a pattern of its own, which
        // matches nothing and leaves the pattern above it unfiltered: a silent false positive.
        return Err(
            "this predicate stands outside a pattern: wrap the pattern and its predicates in one \
                    group, `((call ...) @match (#eq? @f \"x\"))`"
                .into(),
        );
    }
    match tree_sitter::Query::new(&language.grammar(), text) {
        Ok(alone) if alone.capture_index_for_name(report).is_some() => Ok(()),
        Ok(_) => Err(format!("this pattern has no `@{report}` capture to report")),
        Err(e) => Err(format!(
            "this pattern does not compile on its own: {}",
            e.message.trim()
        )),
    }
}

/// The byte offset where a TOML string's content begins, given the offset of its opening quote:
/// multi-line strings drop a newline right after the opening delimiter.
fn string_content_offset(text: &str, quote_start: usize) -> usize {
    let rest = &text[quote_start.min(text.len())..];
    for delimiter in ["'''", "\"\"\""] {
        if let Some(after) = rest.strip_prefix(delimiter) {
            let skip = if after.starts_with("\r\n") {
                2
            } else if after.starts_with('\n') {
                1
            } else {
                0
            };
            return quote_start + 3 + skip;
        }
    }
    quote_start + 1
}
