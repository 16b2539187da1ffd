//! Values kept between calls: request data one handler puts in the session (`req.session.returnTo
//! = req.query.returnTo`), middleware leaves on the request's per-request store (`res.locals`,
//! `ctx.state`, `request.state`, Flask's `g`) or a route adds to a module-level container
//! (`const pages = new Map()` ... `pages.set(id, req.body.source)`), and another function reads
//! back: `res.redirect(req.session.returnTo)`, `pug.compile(pages.get(id))`.
//!
//! Like `tainted_fields.rs`: before the functions' own passes, each function that names a store
//! runs once with its hits dropped, recording the stores it leaves holding a value from a source
//! (not a helper's parameter). Each such store then starts every function's pass tainted, with
//! a step naming the function that filled it: a may-analysis, whichever handler runs first.
//!
//! Only the request-scoped stores above and module-level names bound to an empty container
//! count: a store is a place written to be read elsewhere, and the words that name one are what
//! `flow::reach` follows, so that a re-check after an edit of a writer looks at its readers.

use super::value::{Value, join_ranges};
use super::{FileFlow, Params};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::LazyLock;

/// The per-request and per-session stores, as written (`req.session.returnTo`), each with the
/// word `flow::reach` looks for.
pub(crate) const REQUEST_STORES: &[(&str, &str)] = &[
    ("req.session", "session"),
    ("request.session", "session"),
    ("ctx.session", "session"),
    ("session", "session"),
    ("res.locals", "locals"),
    ("ctx.state", "state"),
    ("request.state", "state"),
    ("g", "g"),
];

/// Whether a module-level statement binds a name to an empty container that functions fill:
/// `const pages = new Map()`, `REGISTRY: dict[str, Hook] = {}`, `jobs = []`.
pub(crate) fn binds_container(statement: &str) -> bool {
    static CONTAINER: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"=\s*(new\s+(Map|Set|WeakMap)\s*(<[^>]*>\s*)?\(\s*\)|\{\s*\}|\[\s*\]|(dict|list|set|(collections\.)?(defaultdict|OrderedDict|deque))\s*\()",
        )
        .expect("valid regex")
    });
    // The first line holds the `=`: a multi-line initialiser is not an empty container.
    statement
        .lines()
        .next()
        .is_some_and(|line| CONTAINER.is_match(line))
}

/// The word of the store `key` is in, if it is one: `session` for `req.session.returnTo`, the
/// name for a key of one of the module's `containers`.
fn store_word<'k>(key: &'k str, containers: &HashSet<String>) -> Option<&'k str> {
    for (store, word) in REQUEST_STORES {
        if key == *store
            || key
                .strip_prefix(store)
                .is_some_and(|rest| rest.starts_with('.'))
        {
            return Some(word);
        }
    }
    let head = key.split(['.', '[']).next().unwrap_or(key);
    containers.contains(head).then_some(&key[..head.len()])
}

/// Whether `text` (a function's) may write one of the stores: it names one.
fn names_a_store(text: &str, containers: &HashSet<String>) -> bool {
    REQUEST_STORES.iter().any(|(store, _)| text.contains(store))
        || containers.iter().any(|name| text.contains(name.as_str()))
}

impl<'t> FileFlow<'t, '_> {
    /// The module-level names bound to empty containers.
    fn containers(&self) -> HashSet<String> {
        self.bindings
            .iter()
            .filter(|(bytes, name)| {
                !name.contains('.') && self.text.get(bytes.clone()).is_some_and(binds_container)
            })
            .map(|(_, name)| name.clone())
            .collect()
    }

    /// Adds to the module's values the stores functions leave holding request data, and
    /// returns the words of those stores (for `flow::reach`).
    pub(super) fn taint_stores(&mut self) -> BTreeSet<String> {
        let containers = self.containers();
        let writers: Vec<usize> = (0..self.functions.len())
            .filter(|&index| {
                let function = &self.functions[index];
                !function.is_module()
                    && self
                        .text
                        .get(function.node.byte_range())
                        .is_some_and(|body| names_a_store(body, &containers))
            })
            .collect();
        if writers.is_empty() {
            return BTreeSet::new();
        }
        // The recording passes change nothing a real pass reports (as in `tainted_fields.rs`).
        let watched = self.watched.borrow().clone();
        let watched_alone = self.watched_alone.borrow().clone();
        let budget = self.closure_budget.get();
        let mut stored: HashMap<String, Value> = HashMap::new();
        for index in writers {
            let mut hits = Vec::new();
            let (env, _) = self.pass(index, Params::Own, self.module_env.clone(), &mut hits);
            let function = &self.functions[index];
            for (key, value) in env.differing_from(&self.module_env) {
                let Some(taint) = value.taint.as_ref().filter(|t| t.parameter.is_none()) else {
                    continue;
                };
                if store_word(key, &containers).is_none() {
                    continue;
                }
                let range = function.node.byte_range();
                let who = function.name.as_deref().unwrap_or("a handler");
                let mut taint = taint.with_step(
                    range.start..range.start,
                    format!("kept in `{key}` by `{who}`"),
                );
                taint.via = join_ranges(&taint.via, &Some(range));
                let kept = Value {
                    clean: 0,
                    ..Value::tainted(taint)
                };
                stored
                    .entry(key.clone())
                    .and_modify(|old| *old = old.join(&kept))
                    .or_insert(kept);
            }
        }
        *self.watched.borrow_mut() = watched;
        *self.watched_alone.borrow_mut() = watched_alone;
        self.closure_budget.set(budget);
        let mut words = BTreeSet::new();
        for (key, value) in stored {
            if let Some(word) = store_word(&key, &containers) {
                words.insert(word.to_string());
            }
            let joined = match self.module_env.get(&key) {
                Some(old) => old.join(&value),
                None => value,
            };
            self.module_env.insert(key, joined);
        }
        self.module_env.commit();
        words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_containers_at_module_level_are_stores() {
        assert!(binds_container("const pages = new Map();"));
        assert!(binds_container(
            "const cache: Map<string, Entry> = new Map<string, Entry>();"
        ));
        assert!(binds_container("REGISTRY: dict[str, Hook] = {}"));
        assert!(binds_container("jobs = []"));
        assert!(binds_container("seen = collections.defaultdict(list)"));
        assert!(!binds_container("ROUTES = {\"home\": \"/\"}"));
        assert!(!binds_container("const app = express();"));
    }

    #[test]
    fn keys_of_request_stores_and_containers_have_their_word() {
        let containers: HashSet<String> = ["pages".to_string()].into_iter().collect();
        assert_eq!(
            store_word("req.session.returnTo", &containers),
            Some("session")
        );
        assert_eq!(store_word("res.locals", &containers), Some("locals"));
        assert_eq!(store_word("pages", &containers), Some("pages"));
        assert_eq!(store_word("req.sessionId", &containers), None);
        assert_eq!(store_word("req.query", &containers), None);
    }
}
