//! Which of many regexes match a text, searched with memory that does not grow with threads.
//!
//! `regex::RegexSet` gives every thread that searches it while another does its own lazy-DFA
//! cache (up to 2 MiB each way), keeps them on eight stacks picked by thread id and never gives
//! one back. The editor analyses on short-lived blocking threads and on lower-priority catch-up
//! threads, so over a session most stacks came to hold a cache: 19 MB for the one set of regex
//! rules at the peak (heaptrack, 20 documents opened at once), a fifth of the memory 200 open
//! documents cost. Here the caches sit on one shared stack and at most one per core is kept;
//! a search that finds the stack empty makes a fresh cache, dropped afterwards if the stack is
//! full again. The caches' size, and so the search speed, is the same as before: capping it
//! instead doubled the time of a `check` (the engine falls back to a slower search).

use regex_automata::{Input, MatchKind, PatternSet, meta, nfa::thompson::WhichCaptures, util};
use std::sync::{Mutex, PoisonError};

/// Capacity of one lazy-DFA cache: the `regex` crate's default.
const CACHE_CAPACITY: usize = 2 << 20;

/// A set of regexes searched together, with the semantics of `regex::RegexSet`.
pub struct SharedRegexSet {
    regex: meta::Regex,
    caches: Mutex<Vec<meta::Cache>>,
    keep: usize,
}

impl SharedRegexSet {
    /// Compiles `patterns` (the `regex` crate's syntax, Unicode), within `size_limit` bytes of
    /// compiled program; `None` if one is invalid or they need more.
    pub fn new(patterns: &[&str], size_limit: usize) -> Option<SharedRegexSet> {
        let config = meta::Config::new()
            .match_kind(MatchKind::All)
            .utf8_empty(true)
            .which_captures(WhichCaptures::None)
            .nfa_size_limit(Some(size_limit))
            .hybrid_cache_capacity(CACHE_CAPACITY);
        let regex = meta::Builder::new()
            .configure(config)
            .syntax(util::syntax::Config::new().utf8(true))
            .build_many(patterns)
            .ok()?;
        let keep = std::thread::available_parallelism().map_or(2, |n| n.get());
        Some(SharedRegexSet {
            regex,
            caches: Mutex::new(Vec::with_capacity(keep)),
            keep,
        })
    }

    /// The indices of the patterns that match somewhere in `text`, ascending.
    pub fn matches(&self, text: &str) -> Vec<usize> {
        let taken = self.stack().pop();
        let mut cache = taken.unwrap_or_else(|| self.regex.create_cache());
        let mut found = PatternSet::new(self.regex.pattern_len());
        self.regex
            .which_overlapping_matches_with(&mut cache, &Input::new(text), &mut found);
        let mut stack = self.stack();
        if stack.len() < self.keep {
            stack.push(cache);
        }
        found.iter().map(|pattern| pattern.as_usize()).collect()
    }

    /// How many caches are kept for the next searches.
    #[cfg(test)]
    fn kept(&self) -> usize {
        self.stack().len()
    }

    fn stack(&self) -> std::sync::MutexGuard<'_, Vec<meta::Cache>> {
        // A search that panicked dropped its cache rather than leaving a half-written one here.
        self.caches.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATTERNS: [&str; 4] = [r"AKIA[0-9A-Z]{16}", r"(?i)password\s*=", r"\bé+\b", r"^$"];

    #[test]
    fn reports_what_regex_set_reports() {
        let reference = regex::RegexSet::new(PATTERNS).unwrap();
        let set = SharedRegexSet::new(&PATTERNS, 1 << 20).unwrap();
        for text in [
            "",
            "key = AKIAABCDEFGHIJKLMNOP\nPassWord = 1",
            "café ééé",
            "nothing here",
            "line\n\nafter an empty line",
        ] {
            let expected: Vec<usize> = reference.matches(text).iter().collect();
            assert_eq!(set.matches(text), expected, "{text:?}");
        }
    }

    #[test]
    fn keeps_at_most_one_cache_per_core() {
        let set = SharedRegexSet::new(&PATTERNS, 1 << 20).unwrap();
        std::thread::scope(|scope| {
            for _ in 0..4 * set.keep {
                scope.spawn(|| {
                    for _ in 0..50 {
                        set.matches("password = AKIAABCDEFGHIJKLMNOP");
                    }
                });
            }
        });
        assert!((1..=set.keep).contains(&set.kept()), "{}", set.kept());
    }

    #[test]
    fn an_oversized_set_is_an_error() {
        assert!(SharedRegexSet::new(&[r"\w{1000}"; 20], 1 << 10).is_none());
        assert!(SharedRegexSet::new(&["(unclosed"], 1 << 20).is_none());
    }
}
