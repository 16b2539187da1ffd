//! `[rules]`: which rules run (`enable`, `disable`, `"off"`) and at which severity, by exact id
//! or glob, the most specific glob winning.

use super::{RulesFile, SpannedError};
use crate::rules::Severity;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::BTreeMap;
use toml::Spanned;

/// Which rules run and how severe their findings are, from `[rules]`.
#[derive(Debug, Clone, Default)]
pub struct RulePolicy {
    enable: Option<GlobSet>,
    disable: Option<GlobSet>,
    exact_severity: BTreeMap<String, Severity>,
    glob_severity: Vec<(globset::GlobMatcher, Severity)>,
}

impl RulePolicy {
    pub(super) fn new(rules: &RulesFile) -> Result<RulePolicy, SpannedError> {
        let set = |globs: &[Spanned<String>], key: &str| -> Result<GlobSet, SpannedError> {
            let mut builder = GlobSetBuilder::new();
            for glob in globs {
                builder.add(rule_glob(glob, key)?);
            }
            builder.build().map_err(|e| (0..0, e.to_string()))
        };
        let enable = match &rules.enable {
            Some(globs) => Some(set(globs, "enable")?),
            None => None,
        };
        // `"id" = "off"` under `[rules.severity]` is one more way to disable a rule.
        let off: Vec<Spanned<String>> = rules
            .severity
            .iter()
            .filter(|(_, level)| level.severity().is_none())
            .map(|(pattern, _)| pattern.clone())
            .collect();
        let disabled: Vec<Spanned<String>> = rules.disable.iter().chain(&off).cloned().collect();
        let disable = Some(set(&disabled, "disable")?).filter(|s| !s.is_empty());
        let mut exact_severity = BTreeMap::new();
        let mut glob_severity = Vec::new();
        for (pattern, level) in &rules.severity {
            let Some(severity) = level.severity() else {
                continue;
            };
            if is_glob(pattern.get_ref()) {
                glob_severity.push((rule_glob(pattern, "severity")?.compile_matcher(), severity));
            } else {
                exact_severity.insert(pattern.get_ref().clone(), severity);
            }
        }
        // The longest glob is the most specific: `python.sql-*` wins over `python.*`.
        glob_severity.sort_by_key(|(m, _)| std::cmp::Reverse(m.glob().glob().len()));
        Ok(RulePolicy {
            enable,
            disable,
            exact_severity,
            glob_severity,
        })
    }

    /// Whether findings of rule `id` are reported (and the rule run at all).
    pub fn enabled(&self, id: &str) -> bool {
        self.enable.as_ref().is_none_or(|set| set.is_match(id))
            && !self.disable.as_ref().is_some_and(|set| set.is_match(id))
    }

    /// The severity of rule `id`'s findings, given the rule's own.
    pub fn severity(&self, id: &str, default: Severity) -> Severity {
        if let Some(severity) = self.exact_severity.get(id) {
            return *severity;
        }
        self.glob_severity
            .iter()
            .find(|(matcher, _)| matcher.is_match(id))
            .map_or(default, |(_, severity)| *severity)
    }
}

pub(super) fn is_glob(pattern: &str) -> bool {
    pattern.contains(['*', '?', '[', '{'])
}

fn rule_glob(glob: &Spanned<String>, key: &str) -> Result<Glob, SpannedError> {
    let pattern = glob.get_ref();
    if pattern.trim().is_empty() {
        return Err((glob.span(), format!("`{key}` has an empty rule id")));
    }
    Glob::new(pattern).map_err(|e| (glob.span(), format!("`{key}`: bad glob `{pattern}`: {e}")))
}
