//! A regex that rule data names but most runs never execute, compiled on first use.
//!
//! The pack holds a hundred-odd regexes (secret patterns and their `exclude`s, flow specs'
//! receivers and decorators). A one-file run executes a handful of them, yet compiling all of
//! them at load was a fifth of its CPU time. Rule files a user gives are compiled when loaded
//! ([`LazyRegex::compiled`]), so a broken one fails the same way and at the same point as
//! before; the embedded pack defers ([`LazyRegex::deferred`]): the test suite compiles every
//! one of its regexes (`the_embedded_pack_is_valid`).

use regex::Regex;
use std::sync::{Arc, OnceLock};

/// When a rule file's regexes compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegexCompile {
    /// When the file is loaded, so that an invalid one is reported then.
    WhenLoaded,
    /// On first use: the embedded pack, whose regexes its tests compile.
    OnFirstUse,
}

/// Clones share one compiled regex (the flow layer copies specs into each language's tables).
#[derive(Debug, Clone)]
pub struct LazyRegex(Arc<Lazy>);

#[derive(Debug)]
struct Lazy {
    source: Box<str>,
    compiled: OnceLock<Regex>,
}

impl LazyRegex {
    /// [`LazyRegex::compiled`] or [`LazyRegex::deferred`], as `when` says.
    pub fn new(source: &str, when: RegexCompile) -> Result<LazyRegex, regex::Error> {
        match when {
            RegexCompile::WhenLoaded => LazyRegex::compiled(source),
            RegexCompile::OnFirstUse => Ok(LazyRegex::deferred(source)),
        }
    }

    /// Compiles `source` now: for rule files whose errors must be reported when loaded.
    pub fn compiled(source: &str) -> Result<LazyRegex, regex::Error> {
        let regex = Regex::new(source)?;
        Ok(LazyRegex(Arc::new(Lazy {
            source: source.into(),
            compiled: OnceLock::from(regex),
        })))
    }

    /// Keeps `source` to compile on first use: for the embedded pack, validated by its tests.
    pub fn deferred(source: &str) -> LazyRegex {
        LazyRegex(Arc::new(Lazy {
            source: source.into(),
            compiled: OnceLock::new(),
        }))
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.0.source
    }

    /// Whether the pattern is compiled yet.
    #[cfg(test)]
    pub fn is_compiled(&self) -> bool {
        self.0.compiled.get().is_some()
    }

    /// The compiled regex.
    ///
    /// # Panics
    /// If a deferred pattern does not compile: only the embedded pack defers, and its tests
    /// compile every pattern, so this is a defect of the build, as an invalid embedded pack is
    /// for [`RuleSet::builtin`](super::RuleSet::builtin).
    pub fn get(&self) -> &Regex {
        let Lazy { source, compiled } = &*self.0;
        compiled.get_or_init(|| {
            Regex::new(source)
                .unwrap_or_else(|e| panic!("embedded rule regex `{source}` is invalid: {e}"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deferred_pattern_compiles_on_first_use() {
        let lazy = LazyRegex::deferred("a+b");
        assert!(!lazy.is_compiled(), "nothing compiled yet");
        assert!(lazy.get().is_match("xaab"));
        assert!(lazy.is_compiled());
    }

    #[test]
    fn an_invalid_pattern_fails_when_compiled() {
        assert!(LazyRegex::compiled("(unclosed").is_err());
    }
}
