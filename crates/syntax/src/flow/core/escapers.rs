//! Hand-written sanitisers: a function of the file whose text says what it does (an HTML escaper
//! that writes `&lt;` and `&amp;`, however it walks the text: a `match` on each character, a
//! table of entities, a chain of replacements) is one for the rules that list its shape under
//! `helper-text`. Called by name only: a method of the same name on some object is not it.

use super::FileFlow;
use crate::flow::adapter::text_of;

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
        let body = text_of(self.functions[index].node, self.text);
        let rules = self
            .rules
            .helper_sanitizers
            .iter()
            .filter(|(pattern, _)| pattern.get().is_match(body))
            .fold(0, |rules, (_, mask)| rules | mask);
        self.escapers.borrow_mut().insert(index, rules);
        rules
    }
}
