//! Hand-written sanitisers: a function of the file whose text says what it does (an HTML escaper
//! that writes `&lt;` and `&amp;`, however it walks the text: a `match` on each character, a
//! table of entities, a chain of replacements) is one for the rules that list its shape under
//! `helper-text`. Called by name only: a method of the same name on some object is not it.
//! The regex reads the function with the module-level values it names (a table of escapes kept
//! beside it), and a file that imports the function sees the same answer (`imported.rs`).

use super::FileFlow;
use std::collections::HashSet;

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
    /// statement binding a name it reads (`const ESCAPES = { "*": "\\2a", ... }` beside
    /// `escapeFilter`, whose body only looks characters up in it). The module pass has run:
    /// `bindings` lists those statements.
    fn escaper_text(&self, index: usize) -> String {
        let function = self.functions[index].node.byte_range();
        let body = &self.text[function.clone()];
        let mut text = body.to_string();
        // The words of the body, split once: every call of a plain function asks, so no
        // search per module binding (a file of hundreds of constants and helpers).
        let identifier = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
        let read: HashSet<&str> = body
            .split(|c: char| !identifier(c))
            .filter(|word| !word.is_empty())
            .collect();
        let mut added = HashSet::new();
        for (statement, key) in &self.bindings {
            let inside = statement.start <= function.start && function.end <= statement.end;
            if read.contains(key.as_str()) && !inside && added.insert(statement.start) {
                text.push('\n');
                text.push_str(&self.text[statement.clone()]);
            }
        }
        text
    }
}
