//! The rule engine: the rule file model, loading and validation, compiled queries, matching,
//! message and fix templates, and the corpus scorer behind `slopguard rules test`.

mod checksum;
mod corpus;
mod engine;
mod explain;
pub mod ids;
mod lazy_regex;
mod load;
mod model;
mod predicates;
mod regex_set;
mod roots;
mod template;
pub(crate) mod words;

pub use corpus::{CorpusReport, RuleScore, score_corpus};
pub use engine::{RuleFindings, RuleSet};
pub use explain::explain;
pub use ids::{KnownIds, Selection};
pub use lazy_regex::{LazyRegex, RegexCompile};
pub use load::{RuleError, load_dir, load_dir_within, load_embedded, parse_rule, paths_outside};
pub use model::{
    Category, Confidence, Docs, FixTemplate, Matcher, RegexScope, Rule, Severity, SeverityOverride,
    Target,
};
pub use predicates::shannon_entropy;
pub use template::render as render_template;

use std::sync::OnceLock;

impl RuleSet {
    /// The embedded rule pack, compiled once per process.
    ///
    /// The pack is validated by the test suite (`embedded_pack_is_valid`), so a failure here is a
    /// defect of the build itself, not of user input.
    pub fn builtin() -> &'static RuleSet {
        static BUILTIN: OnceLock<RuleSet> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            let rules = load_embedded()
                .unwrap_or_else(|errors| panic!("embedded rule pack is invalid: {errors:?}"));
            RuleSet::new(rules)
                .unwrap_or_else(|errors| panic!("embedded rule pack is invalid: {errors:?}"))
        })
    }
}

/// The rules a command runs: the embedded pack (unless left out) plus every rule file below
/// `extra_dirs`. A user rule with the id of a built-in one replaces it (to tune or fix a rule
/// without a rebuild); two user rules with one id are an error. All errors are collected, so an
/// author sees every broken file at once.
pub fn load_rule_set(
    include_builtin: bool,
    extra_dirs: &[std::path::PathBuf],
) -> Result<RuleSet, Vec<RuleError>> {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    if include_builtin {
        match load_embedded() {
            Ok(builtin) => rules.extend(builtin),
            Err(e) => errors.extend(e),
        }
    }
    let builtin_count = rules.len();
    let mut replaced = std::collections::HashSet::new();
    for dir in extra_dirs {
        match load_dir(dir) {
            Ok(more) => {
                for rule in more {
                    let builtin = rules[..builtin_count].iter().position(|r| r.id == rule.id);
                    if let Some(index) = builtin
                        && replaced.insert(rule.id.clone())
                    {
                        rules[index] = rule;
                    } else {
                        rules.push(rule);
                    }
                }
            }
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    RuleSet::new(rules)
}
