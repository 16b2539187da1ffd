//! Hand-written sanitisers: a function of the file whose text says what it does (an HTML escaper
//! that writes `&lt;` and `&amp;`, however it walks the text: a `match` on each character, a
//! table of entities, a chain of replacements) is one for the rules that list its shape under
//! `helper-text`. Called by name only: a method of the same name on some object is not it.
//! The regex reads the function with the module-level values it names (a table of escapes kept
//! beside it), and a file that imports the function sees the same answer (`imported.rs`).

use super::FileFlow;
use crate::flow::adapter::{named_children, text_of};
use regex::Regex;
use std::sync::LazyLock;

impl<'t> FileFlow<'t, '_> {
    /// The rules a call of the function named `callee` is a sanitiser for, as the one function
    /// of the file of that name whose text matches a `helper-text` sanitiser.
    #[inline(never)]
    pub(super) fn escaping_helper(&self, callee: &str) -> u64 {
        if self.rules.helper_sanitizers.is_empty() {
            return 0;
        }
        let Some(&[index]) = self.by_name.get(callee).map(Vec::as_slice) else {
            return 0;
        };
        if let Some(&known) = self.escapers.borrow().get(&index) {
            return known;
        }
        let body = self.escaper_text(index);
        let rules = self
            .rules
            .helper_sanitizers
            .iter()
            .filter(|(pattern, _)| pattern.get().is_match(&body))
            .fold(0, |rules, (_, mask)| rules | mask);
        self.escapers.borrow_mut().insert(index, rules);
        rules
    }

    /// The text `helper-text` reads for function `index`: its own, then each module-level
    /// value it names (`const ESCAPES = { "*": "\\2a", ... }` beside `escapeFilter`, whose
    /// body only looks characters up in it).
    fn escaper_text(&self, index: usize) -> String {
        let function = self.functions[index].node;
        let mut text = text_of(function, self.text).to_string();
        let Some(module) = self.functions.first().filter(|m| m.is_module()) else {
            return text;
        };
        let body = text.clone();
        // A file of tens of thousands of top-level statements is not searched in full.
        for statement in named_children(module.node).into_iter().take(4096) {
            if statement.start_byte() <= function.start_byte()
                && function.end_byte() <= statement.end_byte()
            {
                continue;
            }
            let written = text_of(statement, self.text);
            let Some(name) = DECLARED.captures(written).and_then(|c| c.get(1)) else {
                continue;
            };
            if names_word(&body, name.as_str()) {
                text.push('\n');
                text.push_str(written);
            }
        }
        text
    }
}

/// The name a module-level statement declares first: `const X =`, `export const X:`, Python's
/// `X =`, Rust's `static X:` / `pub const X:`.
static DECLARED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:export\s+)?(?:pub(?:\([^)]*\))?\s+)?(?:(?:const|let|var|static)\s+)?(?:mut\s+)?([A-Za-z_$][\w$]*)\s*[:=]")
        .expect("a valid regex")
});

/// Whether `text` holds `name` as a whole word.
fn names_word(text: &str, name: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + name.len()..].chars().next();
        !before.is_some_and(word) && !after.is_some_and(word)
    })
}
