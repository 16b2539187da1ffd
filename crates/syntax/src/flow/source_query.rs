//! Taint sources written as tree-sitter queries (`[[taint.sources]] query = '''...'''`, such as
//! a Next.js route handler's parameters): compiled the first time a text holds the words they
//! need, and never for a run whose texts cannot match them.
//!
//! Compiling a query costs milliseconds whatever it holds (tree-sitter's analysis walks the
//! grammar's parse table), and a language has several such sources: compiling them all up
//! front was most of a one-file TypeScript check. The words are the same necessary condition
//! the rule engine uses ([`pattern_words`]): a pattern that compares a capture with `"GET"`
//! cannot match a text without `GET`. Rule files given by users have their source queries
//! compiled when loaded ([`check`]), so a broken one still fails loudly.

use crate::lang::Language;
use crate::rules::words::{Need, fold_text, pattern_words};
use std::cell::OnceCell;
use std::sync::OnceLock;
use tree_sitter::Query;

/// Compiles a source query for `language` and checks that it has a `@source` capture.
pub(crate) fn check(text: &str, language: Language) -> Result<Query, String> {
    let query = Query::new(&language.grammar(), text).map_err(|e| {
        format!(
            "source query does not compile for {}: {}",
            language.name(),
            e.message.trim()
        )
    })?;
    if query.capture_index_for_name("source").is_none() {
        return Err("a source query needs a `@source` capture".into());
    }
    Ok(query)
}

/// One source query of a language's taint tables, compiled on demand.
pub(crate) struct SourceQuery {
    text: String,
    /// The rule file it comes from, for errors.
    pub(super) origin: String,
    pub(super) label: String,
    /// The rule bits it is a source for.
    pub(super) mask: u64,
    /// Per top-level pattern, the words one of which a text needs for it to match; `None` when
    /// the shape is unknown (then any text may match).
    words: OnceLock<Option<Vec<Option<Need>>>>,
    /// `Err` never happens for a validated rule: user rules are checked when loaded, the
    /// embedded pack by its tests ([`crate::rules::RuleSet::compile_all`]).
    compiled: OnceLock<Result<Query, String>>,
}

impl SourceQuery {
    pub(super) fn new(text: String, label: String, mask: u64, origin: String) -> SourceQuery {
        SourceQuery {
            text,
            origin,
            label,
            mask,
            words: OnceLock::new(),
            compiled: OnceLock::new(),
        }
    }

    /// The query compiled for `language` (once).
    pub(super) fn compiled(&self, language: Language) -> &Result<Query, String> {
        self.compiled.get_or_init(|| check(&self.text, language))
    }

    #[cfg(test)]
    pub(super) fn is_compiled(&self) -> bool {
        self.compiled.get().is_some()
    }

    /// The compiled query, if `text` holds the words one of its patterns needs (`folded`: the
    /// text [folded](fold_text), computed on first need and shared between the queries).
    pub(super) fn for_text<'q>(
        &'q self,
        language: Language,
        text: &str,
        folded: &OnceCell<String>,
    ) -> Option<&'q Query> {
        let words = self.words.get_or_init(|| pattern_words(&self.text));
        let may_match = words.as_ref().is_none_or(|patterns| {
            patterns.iter().any(|need| {
                need.as_ref().is_none_or(|need| {
                    // An as-written need never reads the folded text: fold only when asked.
                    let folded = match need.folded {
                        true => folded.get_or_init(|| fold_text(text)).as_str(),
                        false => "",
                    };
                    need.met_by(text, folded)
                })
            })
        });
        if !may_match {
            return None;
        }
        self.compiled(language).as_ref().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_query_compiles_only_for_a_text_with_its_words() {
        let route = "((function_declaration name: (identifier) @verb \
                     parameters: (formal_parameters (_) @source)) (#eq? @verb \"GET\"))";
        let query = SourceQuery::new(route.into(), "route parameter".into(), 1, "x.toml".into());
        let text = "function get(request) {}\n";
        assert!(
            query
                .for_text(Language::JavaScript, text, &OnceCell::new())
                .is_none()
        );
        assert!(
            query.compiled.get().is_none(),
            "compiled for a text without `GET`"
        );
        let text = "export function GET(request) {}\n";
        assert!(
            query
                .for_text(Language::JavaScript, text, &OnceCell::new())
                .is_some()
        );
    }
}
