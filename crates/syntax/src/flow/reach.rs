//! How far an edit reaches in data flow: which parts of the new text a re-check must analyse
//! again so that it finds what a full analysis finds.
//!
//! One function's analysis reads, besides its own body, the module-level bindings it names
//! (the module pass's environment) and the summaries of the local helpers it calls, found by
//! name. So an edit reaches:
//! - the unit it lies in: the outermost function around it or, at module level, the top-level
//!   items it touches (a decorator, a class line or an attribute belongs with what it annotates);
//! - every function that calls a function the edit defined, removed or changed (or that
//!   error recovery made appear or vanish next to it), and so on up the callers, since a
//!   helper's summary is part of its callers' analysis;
//! - every unit that names a module-level binding the edit added, removed or changed, since
//!   its value is every function's starting point;
//! - every unit holding a node the rules' source queries capture differently (a query may look
//!   at the whole file: a `"use server"` directive makes every exported function's parameters
//!   sources);
//! - the earlier findings whose path the grown region cuts through;
//! - everything, when the struct fields the file declares only as numbers changed, or the
//!   command-line options it declares only with `choices=`.
//!
//! Names are matched as words in the text, so a mention in a comment or string counts too
//! (more work, never a missed change); a call counts unless it is the definition's own name (a
//! method on any receiver counts: flow follows methods of objects of the file's own classes).
//! An edit of a class's method (a Rust `impl`'s too) reaches the whole class, whose methods read
//! the fields its writes settle or fill and whose summaries read the attributes its constructor
//! sets. The old text is gone by the time of the re-check: the names the
//! edits removed come from the previous version's [`Outline`], moved through the edits.

use super::Outline;
use super::adapter::{self, Adapter};
use crate::lang::Language;
use std::collections::BTreeSet;
use std::ops::Range;
use tree_sitter::{Node, Tree};

/// Each round follows one more level of callers; beyond this many the region is not settling
/// and a full analysis is as good.
const MAX_ROUNDS: usize = 16;

/// The ranges of `tree` (the new text, `text`) flow must analyse again after edits of `edited`,
/// given the previous version's outline edited since (`old`), the new one (`new`) and the
/// extents of the previous findings kept so far, in new coordinates. Sorted and disjoint.
/// `None` when they grow past half the text: a full analysis then costs about the same.
pub(crate) fn reach(
    language: Language,
    text: &str,
    tree: &Tree,
    edited: &[Range<usize>],
    old: &Outline,
    new: &Outline,
    extents: &[Range<usize>],
) -> Option<Vec<Range<usize>>> {
    // A struct field declared as a number, or no longer, changes what every function reading
    // it holds: as good as a full analysis.
    if old.scalar_fields != new.scalar_fields || old.declared_types != new.declared_types {
        return None;
    }
    // Likewise a command-line option declared with `choices=`, or no longer: every read of it
    // holds one of the choices, or anything.
    if old.option_choices != new.option_choices {
        return None;
    }
    // A class header edited (`class R extends Base`): which methods every object of the class
    // inherits changed, wherever it is used; rare enough to check everything.
    if edited.iter().any(|range| in_class_header(tree, range)) {
        return None;
    }
    let adapter = adapter::for_language(language);
    // Nodes a source query captures differently now (the query looked beyond the edit).
    let sources_changed: Vec<Range<usize>> = old.sources_differing(new).cloned().collect();
    let mut ranges = merge(edited.iter().cloned().chain(sources_changed).collect());
    let mut called: BTreeSet<&str> = old.edited_functions.iter().map(|n| n.as_str()).collect();
    // A definition the edits did not overlap can still appear or vanish: text typed against
    // it can join it to an error node (`return x` pasted right above `fn landing`).
    called.extend(old.functions_differing(new));
    let mut read: BTreeSet<&str> = old.edited_bindings.iter().map(|n| head(n)).collect();
    // Likewise a binding the edits did not overlap (`X = 1` right after a deleted quote).
    read.extend(old.bindings_differing(new).map(head));
    // Values kept between calls (`core/stores.rs`): a store the last analysis found filled,
    // and one a unit of the region names, reaches every unit naming it.
    read.extend(old.stored.iter().map(String::as_str));
    let containers: Vec<&str> = super::core::container_names(&new.bindings, text)
        .chain(new.object_stores.iter().map(String::as_str))
        .collect();
    // A file naming no store (most) skips the search per function.
    let any_store = !stores_in(text, &containers).is_empty();
    let writers: Vec<(&str, Vec<&str>)> = new
        .functions
        .iter()
        .filter(|_| any_store)
        .filter_map(|(bytes, name)| {
            let words = stores_in(text.get(bytes.clone())?, &containers);
            (!words.is_empty()).then_some((name.as_str(), words))
        })
        .collect();
    let (mut searched_called, mut searched_read) = (BTreeSet::new(), BTreeSet::new());
    for _ in 0..MAX_ROUNDS {
        let mut grown = ranges.clone();
        for range in &ranges {
            grown.extend(units(adapter, tree, text, range, true));
        }
        grown.extend(
            extents
                .iter()
                .filter(|e| ranges.iter().any(|r| e.start < r.end && r.start < e.end))
                .cloned(),
        );
        let (functions, bindings) = new.defined_in(&ranges);
        called.extend(functions);
        // A helper only this file's calls reach is quiet or not by what they pass
        // (`core/callers.rs`): a unit that names one reaches it, and so its other callers.
        // Also one whose mention an edit overlapped (`old.edited_fed`), and one that was such a
        // helper before the edits (a deleted `if __name__ == "__main__":` makes none one).
        let fed: Vec<&str> = new
            .fed_by_callers
            .union(&old.fed_by_callers)
            .map(String::as_str)
            .filter(|name| !called.contains(name))
            .collect();
        let mut named: Vec<&str> = old
            .edited_fed
            .iter()
            .filter_map(|name| fed.iter().find(|n| *n == name).copied())
            .collect();
        // A mention in the new text, or one the old text had there (moved through the edits: a
        // quote typed before a call turns it into a string without overlapping it).
        named.extend(
            new.fed_mentions
                .iter()
                .chain(&old.fed_mentions)
                .filter(|(bytes, _)| {
                    ranges
                        .iter()
                        .any(|r| bytes.start < r.end && r.start < bytes.end)
                })
                .filter_map(|(_, name)| fed.iter().find(|n| *n == name).copied()),
        );
        for name in named {
            if called.insert(name) {
                for (bytes, _) in new.functions.iter().filter(|(_, n)| n == name) {
                    grown.extend(units(adapter, tree, text, bytes, false));
                }
            }
        }
        read.extend(bindings.into_iter().map(head));
        read.extend(stores_named(text, &ranges, &containers, &writers));
        // A send or receive on a channel (`core/channels.rs`) reaches every other.
        let channels: Vec<&str> = new
            .channel_words
            .iter()
            .chain(&old.channel_words)
            .map(String::as_str)
            .collect();
        if ranges.iter().any(|range| {
            text.get(range.clone()).is_some_and(|slice| {
                channels
                    .iter()
                    .any(|word| super::core::mentions(slice, word, false))
            })
        }) {
            read.extend(channels);
        }
        let pending_called: Vec<&str> = called.difference(&searched_called).copied().collect();
        let pending_read: Vec<&str> = read.difference(&searched_read).copied().collect();
        for word in words(text, &pending_called) {
            if may_call_local(adapter, tree, text, &word) {
                grown.extend(units(adapter, tree, text, &word, false));
            }
        }
        // The other definitions of a name the edit defined or removed: whether a helper is
        // alone of its name decides whether only constants reach it (`core/callers.rs`) and
        // which definition a call picks.
        for name in &pending_called {
            let mut same: Vec<&Range<usize>> = new
                .functions
                .iter()
                .filter(|(_, n)| n == name)
                .map(|(bytes, _)| bytes)
                .collect();
            if same.len() < 2 {
                same.clear();
            }
            for bytes in same {
                grown.extend(units(adapter, tree, text, bytes, false));
            }
        }
        for word in words(text, &pending_read) {
            grown.extend(units(adapter, tree, text, &word, false));
        }
        let settled = pending_called.is_empty() && pending_read.is_empty();
        searched_called.extend(pending_called);
        searched_read.extend(pending_read);
        let grown = merge(grown);
        if grown.iter().map(|r| r.len()).sum::<usize>() * 2 > text.len() {
            return None;
        }
        if settled && grown == ranges {
            return Some(ranges);
        }
        ranges = grown;
    }
    None
}

/// The words of the stores the text of `ranges` names: a request-scoped one
/// (`req.session` gives `session`), a module-level container, or a function that names one
/// (a call of `register(url)` may fill the store it writes).
fn stores_named<'a>(
    text: &'a str,
    ranges: &[Range<usize>],
    containers: &[&'a str],
    writers: &[(&str, Vec<&'a str>)],
) -> Vec<&'a str> {
    let mut named = Vec::new();
    for range in ranges {
        let Some(slice) = text.get(range.clone()) else {
            continue;
        };
        named.extend(stores_in(slice, containers));
        for (name, words) in writers {
            if super::core::mentions(slice, name, false) {
                named.extend(words.iter().copied());
            }
        }
    }
    named
}

/// The words of the stores `slice` names.
fn stores_in<'a>(slice: &'a str, containers: &[&'a str]) -> Vec<&'a str> {
    // Read or written through it (`session["next"]`, `g.locale`): a bare `g` in a regex's
    // flags is no store.
    let mut named: Vec<&'a str> = super::core::REQUEST_STORES
        .iter()
        .filter(|(store, _)| super::core::mentions(slice, store, true))
        .map(|(_, word)| *word)
        .collect();
    named.extend(
        containers
            .iter()
            .copied()
            .filter(|name| super::core::mentions(slice, name, false)),
    );
    // A field of the request middleware sets (`req.clientTag = ...`): read as `req.clientTag`.
    named.extend(super::core::request_fields_written(slice));
    named
}

/// Whether `range` touches the header of a class (its name and what it extends, before its
/// body), in the new text.
fn in_class_header(tree: &Tree, range: &Range<usize>) -> bool {
    let Some(mut node) = tree
        .root_node()
        .descendant_for_byte_range(range.start, range.end)
    else {
        return false;
    };
    loop {
        if node.kind().contains("class")
            && let Some(body) = node.child_by_field_name("body")
        {
            return range.start <= body.start_byte() && node.start_byte() <= range.end;
        }
        match node.parent() {
            Some(parent) => node = parent,
            None => return false,
        }
    }
}

/// A binding's variable: `config` for `config.debug`.
fn head(key: &str) -> &str {
    key.split('.').next().unwrap_or(key)
}

/// Sorted, with overlapping and touching ranges joined.
pub(crate) fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match out.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => out.push(range),
        }
    }
    out
}

/// What an edit of `range` makes flow look at again: the outermost function around both its
/// ends, or else every top-level item it touches, with the items those annotate (and, for an
/// `edited` range rather than a mention found in the text, the item right after it).
fn units(
    adapter: &dyn Adapter,
    tree: &Tree,
    text: &str,
    range: &Range<usize>,
    edited: bool,
) -> Vec<Range<usize>> {
    if let Some(functions) = functions_around(adapter, tree, range) {
        return vec![enclosing_class(tree, functions)];
    }
    let mut cursor = tree.root_node().walk();
    let mut units = Vec::new();
    // Straight to the first item that ends at or after the range's start (touching counts):
    // a name mentioned thousands of times in a long file must not walk its items from the top
    // for each mention.
    let first = match range.start {
        0 => cursor.goto_first_child(),
        start => cursor.goto_first_child_for_byte(start - 1).is_some(),
    };
    if !first {
        return units;
    }
    let mut annotating = false;
    let mut next_taken = false;
    let mut named_touched = false;
    loop {
        let item = cursor.node();
        // Touching counts: typing right after an item's last byte extends it.
        let touched = item.end_byte() >= range.start && item.start_byte() <= range.end;
        if touched || annotating {
            named_touched |= touched && item.is_named();
            units.push(item.byte_range());
            // An attribute (or a comment between attributes) belongs to the item after it.
            annotating = adapter.annotates_next(item.kind());
        } else if item.start_byte() > range.end {
            // An edit between items, touching none but punctuation, right before one with only
            // blanks between (a decorator line deleted, which error recovery had left a sibling
            // of its method): that item may have lost its annotation.
            if edited
                && !named_touched
                && !next_taken
                && text
                    .get(range.end..item.start_byte())
                    .is_some_and(|gap| gap.trim().is_empty())
            {
                next_taken = true;
                units.push(item.byte_range());
                annotating = adapter.annotates_next(item.kind());
                if annotating && cursor.goto_next_sibling() {
                    continue;
                }
            }
            break;
        }
        if !cursor.goto_next_sibling() {
            break;
        }
    }
    units
}

/// The outermost functions containing both ends of `range` (and the code between them);
/// `None` when an end lies in module-level code.
pub(super) fn functions_around(
    adapter: &dyn Adapter,
    tree: &Tree,
    range: &Range<usize>,
) -> Option<Range<usize>> {
    let start = outermost_function(adapter, tree, range.start)?;
    let end = outermost_function(adapter, tree, range.end.saturating_sub(1).max(range.start))?;
    Some(start.start.min(end.start)..start.end.max(end.end))
}

/// `function`, or the whole class when it is one of its methods: every method's pass starts
/// with the fields the class's writes settle (`core/fields.rs`) or its methods fill from
/// request data (`core/tainted_fields.rs`, a Rust `impl` included), and every method's summary
/// reads the attributes its constructor sets.
fn enclosing_class(tree: &Tree, function: Range<usize>) -> Range<usize> {
    tree.root_node()
        .descendant_for_byte_range(function.start, function.end)
        .and_then(adapter::class_node)
        .map_or(function, |class| class.byte_range())
}

/// The bytes of the outermost function around `offset`, if it lies in one.
fn outermost_function(adapter: &dyn Adapter, tree: &Tree, offset: usize) -> Option<Range<usize>> {
    path_to(tree, offset)
        .into_iter()
        .find(|node| adapter.is_function(node.kind()))
        .map(|node| node.byte_range())
}

/// The nodes from the root down to the smallest one around `offset` (see
/// [`crate::lang::path_from_root`]: on every edit, so not a climb with `Node::parent`).
fn path_to(tree: &Tree, offset: usize) -> Vec<Node<'_>> {
    match tree.root_node().descendant_for_byte_range(offset, offset) {
        Some(target) => crate::lang::path_from_root(tree.root_node(), target),
        None => Vec::new(),
    }
}

/// Where one of `names` occurs in `text` as a whole word.
fn words(text: &str, names: &[&str]) -> Vec<Range<usize>> {
    let mut names: Vec<&str> = names.iter().copied().filter(|n| !n.is_empty()).collect();
    if names.is_empty() {
        return Vec::new();
    }
    // Longest first: at one position the longer name wins (`get_all` before `get`), so a
    // name is never hidden inside a longer word the search stepped over.
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let pattern = names
        .iter()
        .map(|n| regex::escape(n))
        .collect::<Vec<_>>()
        .join("|");
    let Ok(regex) = regex::Regex::new(&pattern) else {
        return Vec::new();
    };
    let identifier = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    regex
        .find_iter(text)
        .filter(|m| {
            !text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(identifier)
                && !text[m.end()..].chars().next().is_some_and(identifier)
        })
        .map(|m| m.range())
        .collect()
}

/// Whether the word at `word` can be a call flow resolves to a local function: anything but the
/// name in a function's own header. A method called on any receiver counts: flow follows
/// `self.check(x)` and, on an object of a class of this file, `notifier.send(x)`
/// (`core/objects.rs`).
fn may_call_local(adapter: &dyn Adapter, tree: &Tree, text: &str, word: &Range<usize>) -> bool {
    // Not the definition's own name; a parameter's default counts (`url: str =
    // Depends(target_url)` runs `target_url` for the route).
    innermost_function(adapter, tree, word.start)
        .filter(|function| {
            // Whether it has a body; what its parent adds (decorators, a method's `self`)
            // does not matter here.
            adapter.function(*function, None, text).is_some()
        })
        .and_then(|function| function.child_by_field_name("name"))
        .is_none_or(|name| name.start_byte() != word.start)
}

fn innermost_function<'t>(
    adapter: &dyn Adapter,
    tree: &'t Tree,
    offset: usize,
) -> Option<Node<'t>> {
    path_to(tree, offset)
        .into_iter()
        .rev()
        .find(|node| adapter.is_function(node.kind()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::FlowRules;
    use crate::names::Names;

    fn parse(language: Language, text: &str) -> Tree {
        crate::analysis::parse(language, text, None).unwrap()
    }

    /// The texts `reach` gives for an edit of `edited` in `text` (nothing removed before it),
    /// with functions appended that nothing reaches (past half the text, it gives up).
    fn reached(language: Language, text: &str, edited: &str) -> Option<Vec<String>> {
        let filler: String = (0..30)
            .map(|i| match language {
                Language::Rust => {
                    format!("\n\nfn unrelated_{i}(a: u32) -> u32 {{\n    a + {i}\n}}\n")
                }
                _ => format!("\n\ndef unrelated_{i}(a):\n    return a + {i}\n"),
            })
            .collect();
        let text = &format!("{text}{filler}");
        let tree = parse(language, text);
        let rules = FlowRules::compile(crate::rules::RuleSet::builtin().rules(), language)
            .unwrap()
            .unwrap();
        let names = Names::of(language, &tree, text.as_bytes());
        let mut file = rules.file(language, text, &tree, &names);
        file.module_pass();
        let outline = Outline::of(&file);
        let at = text.find(edited).unwrap();
        let edited = [Range {
            start: at,
            end: at + edited.len(),
        }];
        let ranges = reach(
            language,
            text,
            &tree,
            &edited,
            // The previous version declared the same types: only the edit differs.
            &Outline {
                declared_types: outline.declared_types.clone(),
                ..Outline::default()
            },
            &outline,
            &[],
        )?;
        Some(ranges.into_iter().map(|r| text[r].to_string()).collect())
    }

    #[test]
    fn a_record_class_whose_fields_changed_checks_everything() {
        // `Hook(uid, target)` sets the fields in the order the dataclass declares them.
        let outline_of = |text: &str| {
            let tree = parse(Language::Python, text);
            let rules =
                FlowRules::compile(crate::rules::RuleSet::builtin().rules(), Language::Python)
                    .unwrap()
                    .unwrap();
            let names = Names::of(Language::Python, &tree, text.as_bytes());
            let mut file = rules.file(Language::Python, text, &tree, &names);
            file.module_pass();
            (Outline::of(&file), tree)
        };
        // Unrelated functions after it, so that re-checking the edited ones costs less than
        // the whole text.
        let filler: String = (0..30)
            .map(|i| format!("\n\ndef unrelated_{i}(a):\n    return a + {i}\n"))
            .collect();
        let before = format!(
            "@dataclass\nclass Hook:\n    uid: str\n    target: str\n\ndef add():\n    return Hook(request.args['u'], 'https://x/')\n{filler}"
        );
        let after = before.replace(
            "    uid: str\n    target: str",
            "    target: str\n    uid: str",
        );
        let (old, _) = outline_of(&before);
        let (new, tree) = outline_of(&after);
        // An edit elsewhere (in `add`): only the outlines say the class changed.
        let at = after.find("'https://x/'").unwrap();
        let edited = [Range {
            start: at,
            end: at + 12,
        }];
        assert_eq!(
            reach(Language::Python, &after, &tree, &edited, &old, &new, &[]),
            None
        );
        assert!(reach(Language::Python, &after, &tree, &edited, &new, &new, &[]).is_some());
    }

    #[test]
    fn an_edit_of_a_class_header_checks_everything() {
        let text = "class Ping(Runner):\n    def ping(self, h):\n        return self.run(h)\n";
        assert_eq!(reached(Language::Python, text, "Runner"), None);
        assert!(reached(Language::Python, text, "self.run(h)").is_some());
    }

    #[test]
    fn an_edit_of_a_store_writer_reaches_its_readers() {
        // `core/stores.rs`: the session and a module-level container are read elsewhere.
        let text = "HOOKS = {}\n\ndef register(name):\n    HOOKS[name] = request.json[\"c\"]\n\ndef run(name):\n    return HOOKS.get(name)\n\ndef login():\n    session[\"next\"] = request.args[\"next\"]\n\ndef back():\n    return redirect(session.get(\"next\"))\n\ndef other():\n    return 1\n\ndef keep(url):\n    PENDING.append(url)\n\ndef route():\n    keep(request.form[\"u\"])\n\ndef drain():\n    return [fetch(u) for u in PENDING]\n\nPENDING = []\n";
        let hooks = reached(Language::Python, text, "request.json").unwrap();
        assert!(hooks.iter().any(|r| r.contains("def run")), "{hooks:?}");
        assert!(!hooks.iter().any(|r| r.contains("def back")), "{hooks:?}");
        let session = reached(Language::Python, text, "request.args").unwrap();
        assert!(
            session.iter().any(|r| r.contains("def back")),
            "{session:?}"
        );
        assert!(
            !session.iter().any(|r| r.contains("def other")),
            "{session:?}"
        );
        // A caller of a helper that keeps its parameter in a store reaches the store's readers.
        let kept = reached(Language::Python, text, "request.form").unwrap();
        assert!(kept.iter().any(|r| r.contains("def drain")), "{kept:?}");
        assert!(!kept.iter().any(|r| r.contains("def back")), "{kept:?}");
    }

    #[test]
    fn an_edit_of_a_route_filling_a_module_object_reaches_its_readers() {
        // `registry = Registry()`: a store filled through its methods (`core/stores.rs`), here
        // by a helper the edited route passes request data to.
        let text = "class Registry:\n    def __init__(self):\n        self.urls = []\n\n    def add(self, url):\n        self.urls.append(url)\n\nregistry = Registry()\n\ndef keep(url):\n    registry.add(url)\n\ndef register():\n    keep(request.json[\"url\"])\n\ndef publish():\n    return [fetch(u) for u in registry.urls]\n\ndef other():\n    return 1\n";
        let reached = reached(Language::Python, text, "request.json").unwrap();
        assert!(
            reached.iter().any(|r| r.contains("def publish")),
            "{reached:?}"
        );
        assert!(
            !reached.iter().any(|r| r.contains("def other")),
            "{reached:?}"
        );
    }

    #[test]
    fn an_edit_of_a_channel_sender_reaches_its_receivers() {
        // `core/channels.rs`: what `pump` sends, `worker` receives; neither names the other,
        // and `other` names neither.
        let text = "async fn worker(mut rx: Receiver<String>) {\n    while let Some(u) = rx.recv().await {\n        let _ = reqwest::get(u).await;\n    }\n}\n\nfn other() -> u32 {\n    1\n}\n\nasync fn pump(tx: Sender<String>) {\n    let url = std::env::args().nth(1).unwrap();\n    tx.send(url).await.unwrap();\n}\n";
        let reached = reached(Language::Rust, text, "std::env::args()").unwrap();
        assert!(
            reached.iter().any(|r| r.contains("fn worker")),
            "{reached:?}"
        );
        assert!(
            !reached.iter().any(|r| r.contains("fn other")),
            "{reached:?}"
        );
    }

    #[test]
    fn names_are_found_as_whole_words_the_longer_first() {
        let text = "get_all(x); get(y); xget(z); $get(w); get";
        let found: Vec<&str> = words(text, &["get", "get_all"])
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, ["get_all", "get", "get"]);
    }

    #[test]
    fn every_call_but_the_definition_counts() {
        let text = "class A:\n    def fetch(self):\n        self.fetch()\n        cache.fetch()\n        fetch()\n        this?.fetch()\n";
        let tree = parse(Language::Python, text);
        let adapter = adapter::for_language(Language::Python);
        let calls: Vec<bool> = words(text, &["fetch"])
            .iter()
            .map(|word| may_call_local(adapter, &tree, text, word))
            .collect();
        // The definition's own name, `self.`, another receiver (an object of a class of the
        // file), a plain call, `?.` on `this`.
        assert_eq!(calls, [false, true, true, true, true]);
    }

    #[test]
    fn an_attribute_belongs_to_the_function_after_it() {
        let text = "#[get(\"/\")]\n// routes\nfn a() {}\n\nfn b() {}\n";
        let tree = parse(Language::Rust, text);
        let adapter = adapter::for_language(Language::Rust);
        let at = text.find("get").unwrap();
        let units: Vec<&str> = units(adapter, &tree, text, &(at..at + 3), true)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(units, ["#[get(\"/\")]", "// routes", "fn a() {}"]);
    }

    #[test]
    fn an_edit_of_a_method_reaches_its_whole_class() {
        let reached = |language: Language, text: &str, word: &str| -> Vec<String> {
            let tree = parse(language, text);
            let adapter = adapter::for_language(language);
            let at = text.find(word).unwrap();
            units(adapter, &tree, text, &(at..at + word.len()), true)
                .into_iter()
                .map(|r| text[r].to_string())
                .collect()
        };
        // Every method reads the fields the class's writes settle (`core/fields.rs`).
        let text = "class A:\n    def __init__(self):\n        self.base = 1\n\n    def fetch(self):\n        pass\n";
        assert_eq!(reached(Language::Python, text, "base"), [text.trim_end()]);
        assert_eq!(reached(Language::Python, text, "pass"), [text.trim_end()]);
        let text = "class A {\n  load() { this.n = 1; }\n  save() { return 2; }\n}\n";
        assert_eq!(reached(Language::JavaScript, text, "2"), [text.trim_end()]);
        // A Rust `impl` too: its methods read the fields others fill (`core/tainted_fields.rs`).
        let text =
            "impl A {\n    fn fetch(&self) -> u8 {\n        2\n    }\n    fn other(&self) {}\n}\n";
        assert_eq!(reached(Language::Rust, text, "2"), [text.trim_end()]);
        // A free function is its own unit.
        let text = "fn fetch() -> u8 {\n    2\n}\n\nfn other() {}\n";
        assert_eq!(
            reached(Language::Rust, text, "2"),
            ["fn fetch() -> u8 {\n    2\n}"]
        );
    }

    #[test]
    fn a_module_level_binding_reaches_the_code_that_names_it() {
        let text = "import os\n\nCMD = 'ls'\n\n\ndef other(a):\n    return a\n\n\ndef run():\n    os.system(CMD)\n\n\nLATER = [CMD]\n";
        let found = reached(Language::Python, text, "'ls'").unwrap();
        assert_eq!(
            found,
            [
                "CMD = 'ls'",
                "def run():\n    os.system(CMD)",
                "LATER = [CMD]"
            ]
        );
        // A dependency reaches the route that names it in a parameter's default.
        let text = "def target(u: str = Query()):\n    return u\n\n\ndef route(url: str = Depends(target)):\n    return url\n";
        let found = reached(Language::Python, text, "return u").unwrap();
        assert_eq!(
            found,
            [
                "def target(u: str = Query()):\n    return u",
                "def route(url: str = Depends(target)):\n    return url"
            ]
        );
        // A new function reaches its callers, and the calls of a method of its name (`r`
        // may be an object of a class of this file), not the rest.
        let text = "def fetch(u):\n    return u\n\n\ndef via_object(r):\n    return r.fetch()\n\n\ndef b(u):\n    return fetch(u)\n";
        let found = reached(Language::Python, text, "return u").unwrap();
        assert_eq!(
            found,
            [
                "def fetch(u):\n    return u",
                "def via_object(r):\n    return r.fetch()",
                "def b(u):\n    return fetch(u)"
            ]
        );
    }
}
