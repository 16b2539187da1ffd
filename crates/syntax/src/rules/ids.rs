//! Rule ids as a user types them: the ids slopguard can report (rules plus the checks that are
//! not rule files), prefix selections (`--select python`, `--ignore js.eval`), and a
//! did-you-mean for an id that matches nothing, so a typo in a config file, a suppression or on
//! the command line is said aloud instead of silently switching nothing on or off.

use crate::analysis::UNUSED_SUPPRESSION;

// The ids of the findings the supply-chain checks produce live here, in the core, because the
// core decides which ids exist (for `--select`, `[rules]` and suppressions) and may not depend
// on the supply-chain crate; each producer re-exports its list as its own `rule_ids`.

/// Ids of the registry checks' findings (`registry::rule_ids`).
pub mod registry_ids {
    pub const HALLUCINATED: &str = "registry.hallucinated-package";
    pub const TYPOSQUAT: &str = "registry.typosquat";
    pub const RISKY: &str = "registry.risky-package";
    pub const UNVERIFIED: &str = "registry.unverified";
    /// A hint: a name imported as the repository's own code is also a registry package.
    pub const LOCAL_OR_REGISTRY: &str = "registry.local-or-registry";
    pub const VERSION_NOT_FOUND: &str = "registry.version-not-found";
    pub const VERSION_YANKED: &str = "registry.version-yanked";
}

/// Ids of the dependency checks' findings (`deps::rule_ids`).
pub mod deps_ids {
    /// A dependency added to a manifest, re-sourced, or renamed to another package.
    pub const NEW_DEPENDENCY: &str = "deps.new-dependency";
    /// An import of a package no manifest declares.
    pub const UNDECLARED_IMPORT: &str = "deps.undeclared-import";
    /// Packages a lockfile newly pins that no manifest declares.
    pub const TRANSITIVE_ADDED: &str = "deps.transitive-added";
    /// A new or changed lockfile entry with supply-chain signals (install script, new
    /// publisher, dormancy, a fresh release): see `deps/signals.rs`.
    pub const SUPPLY_CHAIN_SIGNAL: &str = "deps.supply-chain-signal";
    /// A new dependency whose licence the `[licenses]` policy denies.
    pub const LICENSE_DENIED: &str = "deps.license-denied";
    /// A new dependency whose licence is unknown while a `[licenses]` policy is set.
    pub const LICENSE_UNKNOWN: &str = "deps.license-unknown";
}

/// Ids of the advisory check's findings (`advisories::rule_ids`).
pub mod advisory_ids {
    /// A dependency pinned at a version a known advisory affects.
    pub const VULNERABLE: &str = "deps.vulnerable-dependency";
}

/// Ids of findings produced by code, not by rule files: they can be disabled, reweighted and
/// suppressed like any rule.
pub const PRODUCER_IDS: &[&str] = &[
    UNUSED_SUPPRESSION,
    registry_ids::HALLUCINATED,
    registry_ids::TYPOSQUAT,
    registry_ids::RISKY,
    registry_ids::UNVERIFIED,
    registry_ids::LOCAL_OR_REGISTRY,
    registry_ids::VERSION_NOT_FOUND,
    registry_ids::VERSION_YANKED,
    deps_ids::NEW_DEPENDENCY,
    deps_ids::UNDECLARED_IMPORT,
    deps_ids::TRANSITIVE_ADDED,
    deps_ids::SUPPLY_CHAIN_SIGNAL,
    deps_ids::LICENSE_DENIED,
    deps_ids::LICENSE_UNKNOWN,
    advisory_ids::VULNERABLE,
];

/// Every id a run can report: its rules' ids and [`PRODUCER_IDS`], sorted.
#[derive(Debug, Clone, Default)]
pub struct KnownIds {
    ids: Vec<String>,
}

impl KnownIds {
    pub fn new<'a>(rule_ids: impl IntoIterator<Item = &'a str>) -> KnownIds {
        let mut ids: Vec<String> = rule_ids
            .into_iter()
            .chain(PRODUCER_IDS.iter().copied())
            .map(str::to_string)
            .collect();
        ids.sort();
        ids.dedup();
        KnownIds { ids }
    }

    pub fn contains(&self, id: &str) -> bool {
        self.ids
            .binary_search_by(|known| known.as_str().cmp(id))
            .is_ok()
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.ids.iter().map(String::as_str)
    }

    /// Whether some id matches the glob or exact id `pattern` (as `[rules]` writes them).
    pub fn any_matches_glob(&self, pattern: &str) -> bool {
        match globset::Glob::new(pattern) {
            Ok(glob) => {
                let matcher = glob.compile_matcher();
                self.iter().any(|id| matcher.is_match(id))
            }
            Err(_) => false,
        }
    }

    /// The known id `typed` most likely meant, if any is close enough to suggest.
    pub fn suggest(&self, typed: &str) -> Option<&str> {
        suggest(typed, self.iter())
    }

    /// `` `typed` is not a rule id (did you mean `x`?)`` or without the suggestion.
    pub fn unknown_message(&self, typed: &str) -> String {
        match self.suggest(typed) {
            Some(near) => format!("`{typed}` is not a rule id (did you mean `{near}`?)"),
            None => format!("`{typed}` is not a rule id (`slopguard rules list` lists them)"),
        }
    }
}

/// The candidate `typed` most likely meant: the id whose name after the namespace is exactly
/// `typed` (`yaml-load` → `python.yaml-load`), else the closest by edit distance when it is
/// close enough to be a typo rather than another word.
pub fn suggest<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let typed_name = typed.rsplit('.').next().unwrap_or(typed);
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let name = candidate.rsplit('.').next().unwrap_or(candidate);
        let score = if name == typed || name == typed_name {
            // The right name in another (or no) namespace: the best kind of match.
            2.0
        } else {
            strsim::jaro_winkler(typed, candidate).max(strsim::jaro_winkler(typed_name, name))
        };
        if best.is_none_or(|(top, _)| score > top) {
            best = Some((score, candidate));
        }
    }
    best.filter(|(score, _)| *score >= 0.85).map(|(_, id)| id)
}

/// `--select` / `--ignore`: rule-id prefixes, as ruff takes code prefixes. An id is kept when
/// some selected prefix starts it (all, when nothing is selected) and no ignored prefix does.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    select: Vec<String>,
    ignore: Vec<String>,
}

impl Selection {
    /// Checks every prefix against `known`: one that starts no id is an error with a
    /// suggestion, since it would select or ignore nothing.
    pub fn new(
        select: &[String],
        ignore: &[String],
        known: &KnownIds,
    ) -> Result<Selection, String> {
        let split = |list: &[String]| -> Vec<String> {
            list.iter()
                .flat_map(|item| item.split(','))
                .map(str::trim)
                .filter(|item| !item.is_empty())
                .map(str::to_string)
                .collect()
        };
        let (select, ignore) = (split(select), split(ignore));
        for (flag, prefixes) in [("--select", &select), ("--ignore", &ignore)] {
            for prefix in prefixes {
                if !known.iter().any(|id| id.starts_with(prefix.as_str())) {
                    // Suggest a namespace (`pyhton` → `python`) or a whole id.
                    let namespaces = known
                        .iter()
                        .filter_map(|id| id.split_once('.').map(|(ns, _)| ns));
                    let near = suggest(prefix, namespaces.chain(known.iter()));
                    return Err(match near {
                        Some(near) => format!(
                            "{flag}: no rule id starts with `{prefix}` (did you mean `{near}`?)"
                        ),
                        None => format!("{flag}: no rule id starts with `{prefix}`"),
                    });
                }
            }
        }
        Ok(Selection { select, ignore })
    }

    pub fn is_empty(&self) -> bool {
        self.select.is_empty() && self.ignore.is_empty()
    }

    pub fn keeps(&self, id: &str) -> bool {
        (self.select.is_empty() || self.select.iter().any(|p| id.starts_with(p.as_str())))
            && !self.ignore.iter().any(|p| id.starts_with(p.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> KnownIds {
        KnownIds::new(["python.yaml-load", "python.eval-exec", "js.eval-dynamic"])
    }

    #[test]
    fn a_bare_name_or_a_typo_suggests_the_id() {
        let known = known();
        assert_eq!(known.suggest("yaml-load"), Some("python.yaml-load"));
        assert_eq!(known.suggest("eval-exec"), Some("python.eval-exec"));
        assert_eq!(known.suggest("python.yaml-laod"), Some("python.yaml-load"));
        assert_eq!(
            known.suggest("registry.hallucinated"),
            Some("registry.hallucinated-package")
        );
        assert_eq!(known.suggest("completely-different"), None);
        assert!(known.contains("deps.new-dependency"));
        assert!(!known.contains("yaml-load"));
    }

    #[test]
    fn selections_are_prefixes_and_unknown_ones_are_errors() {
        let known = known();
        let selection =
            Selection::new(&["python,js".into()], &["python.eval".into()], &known).unwrap();
        assert!(selection.keeps("python.yaml-load"));
        assert!(selection.keeps("js.eval-dynamic"));
        assert!(!selection.keeps("python.eval-exec"));
        assert!(!selection.keeps("registry.typosquat"));
        let error = Selection::new(&["pyhton".into()], &[], &known).unwrap_err();
        assert!(
            error.contains("--select") && error.contains("pyhton"),
            "{error}"
        );
    }
}
