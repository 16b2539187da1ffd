//! A check for `..` (`".." in name`, `name.includes("..")`, `name.contains("..")`) keeps a
//! path inside its root only when the path is added to the root as text (`ROOT + "/" + name`,
//! `path.join(ROOT, name)` in Node). Python's `os.path.join(ROOT, name)` and pathlib's
//! `root / name`, Rust's `root.join(&name)` / `push`, and Node's `path.resolve(ROOT, name)`
//! start again at an absolute `name` (`/etc/passwd`): there, without a check for a leading
//! `/` in the same function, the `..` check vouches for nothing.
//!
//! Read from the text of the function holding the check, for a plain name only; a validator
//! helper's `..` check is taken as it stands (its callers' joins are not seen from inside).
//!
//! Such a check vouches only for the rules that declare `climb-checks = true` (path rules): a
//! URL, a shell word or markup without `..` is no safer.

use super::{FileFlow, Pass, Vouch};
use crate::flow::adapter::text_of;
use regex::Regex;
use std::sync::LazyLock;
use tree_sitter::Node;

/// A check that the name is not absolute (or a cut of its leading separators).
static REFUSES_ABSOLUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"isabs\(|is_absolute\(|isAbsolute\(|has_root\(|RootDir|\.(startswith|starts_with|startsWith)\(\s*(\(\s*)?(["'`]|b["'])(/|\\\\)|\.(startswith|starts_with|startsWith)\(\s*(os\.sep|path\.sep|MAIN_SEPARATOR)|\.(lstrip|trim_start_matches|replace)\(\s*(["'`]|/\^)\\?/|secure_filename\(|basename\("#,
    )
    .expect("a valid regex")
});

impl<'t> FileFlow<'t, '_> {
    /// Vouches for `path` where a check for `..` in it says it does not climb (`inside`), for
    /// the rules a `..` check protects.
    pub(super) fn vouch_climb_check(
        &self,
        path: Node<'t>,
        inside: bool,
        out: &mut Vec<Vouch>,
        pass: &Pass<'_>,
    ) {
        let rules = self.vouch_rules.get() & self.rules.climb_checked();
        if rules == 0 || !self.climb_check_protects(path, pass) {
            return;
        }
        let before = self.vouch_rules.replace(rules);
        self.vouch(path, inside, false, out, pass);
        self.vouch_rules.set(before);
    }

    /// Whether a `..` check of `path` vouches for it: false when the function joins the name
    /// the check reads in a way that an absolute name replaces the root, and checks nothing of
    /// the kind.
    pub(super) fn climb_check_protects(&self, path: Node<'t>, pass: &Pass<'_>) -> bool {
        let name = text_of(path, self.text);
        if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return true;
        }
        let function = text_of(self.functions[pass.function].node, self.text);
        let name = regex::escape(name);
        let Ok(restarts) = Regex::new(&format!(
            r"os\.path\.join\([^()]*,\s*{name}\s*[,)]|\.joinpath\([^()]*\b{name}\s*[,)]|[)\w]\s*/\s*{name}\b|\.(join|push)\(\s*&?{name}\s*\)|path\.resolve\([^()]*,\s*{name}\s*[,)]"
        )) else {
            return true;
        };
        !restarts.is_match(function) || REFUSES_ABSOLUTE.is_match(function)
    }
}
