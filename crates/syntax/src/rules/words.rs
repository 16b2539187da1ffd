//! The words a text must contain for a rule to match in it, so that a run compiles and runs only
//! the rules (and the query patterns) that can match the texts at hand.
//!
//! Words are compared as written, or, for case-insensitive regexes, in *folded* form
//! ([`fold`]): ASCII letters lower-cased, and the two non-ASCII characters that Unicode case
//! folding maps onto ASCII letters (`K` KELVIN SIGN, `ſ` LONG S) replaced by them. A folded text
//! contains the folded form of every piece of the original, so `(?i)passw(or)?d` still yields
//! the word `passw`: whatever spelling a match has, its folded form contains it.
//!
//! Every word set here is a *necessary* condition, never a guess: each analysis gives up
//! (`None`, "nothing known") on what it does not understand, and the caller then runs the rule.

use super::roots::{Arg, Element, Kind, in_every_match, top_level_patterns};
use regex_syntax::hir::{Class, Hir, HirKind};
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, PoisonError};

/// Words one of which a text must contain for something to match in it: as written, or
/// [folded](fold) in the folded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Need {
    pub words: Vec<String>,
    pub folded: bool,
}

impl Need {
    /// Whether `text`, or `folded` (the same text [folded](fold_text)), contains one of the
    /// words.
    pub fn met_by(&self, text: &str, folded: &str) -> bool {
        let haystack = if self.folded { folded } else { text };
        self.words.iter().any(|w| haystack.contains(w.as_str()))
    }

    /// Rarer first: the longer its shortest word, the fewer its words, as written before folded.
    fn rarity(&self) -> (usize, std::cmp::Reverse<usize>, bool) {
        let shortest = self.words.iter().map(String::len).min().unwrap_or(0);
        (shortest, std::cmp::Reverse(self.words.len()), !self.folded)
    }
}

/// The rarer of two requirements ([`Need::rarity`]).
fn rarer(a: Need, b: Need) -> Need {
    if b.rarity() > a.rarity() { b } else { a }
}

/// At most this many words stand for one requirement (more: nothing is known).
const MAX_WORDS: usize = 64;
/// A character class of at most this many characters is a choice of words.
const MAX_CLASS: usize = 8;

/// `c` as words are compared: see the module documentation.
pub fn fold(c: char) -> char {
    match c {
        '\u{212A}' => 'k',
        '\u{17F}' => 's',
        c => c.to_ascii_lowercase(),
    }
}

/// `text` with every character [folded](fold).
pub fn fold_text(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        text.chars().map(fold).collect()
    }
}

/// For every top-level pattern of a query `source`, in order: the words one of which a text
/// must contain for the pattern to match in it. `None` for the whole source when the parser of
/// `roots` does not know its shape.
///
/// A pattern needs a word when it compares a capture every match has with it (`#eq? @f
/// "eval"`, `#any-of? @f "load" "loads"`, `#match? @f "(?i)passw(or)?d"`: the capture's text is
/// a piece of the document), or when it holds an anonymous node every match has (`"unsafe"`).
pub fn pattern_words(source: &str) -> Option<Vec<Option<Need>>> {
    let patterns = top_level_patterns(source)?;
    Some(patterns.iter().map(needed_words).collect())
}

fn needed_words(pattern: &Element) -> Option<Need> {
    if matches!(pattern.quantifier, Some(b'?' | b'*')) {
        return None;
    }
    let present = guaranteed_names(pattern);
    let mut predicates = Vec::new();
    collect_predicates(pattern, &mut predicates);
    let as_written = |words: Vec<String>| {
        Some(Need {
            words: minimal(words)?,
            folded: false,
        })
    };
    let compared = predicates.into_iter().filter_map(|predicate| {
        let (capture, need) = match (predicate.name.as_str(), predicate.args.as_slice()) {
            ("#eq?" | "#any-eq?", [Arg::Capture(c), Arg::String(s)])
            | ("#eq?" | "#any-eq?", [Arg::String(s), Arg::Capture(c)]) => {
                (c, as_written(vec![s.clone()]))
            }
            ("#any-of?", [Arg::Capture(c), rest @ ..]) if !rest.is_empty() => {
                let words = rest.iter().map(|a| match a {
                    Arg::String(s) => Some(s.clone()),
                    _ => None,
                });
                (c, as_written(words.collect::<Option<Vec<_>>>()?))
            }
            ("#match?", [Arg::Capture(c), Arg::String(regex)]) => (c, regex_words(regex)),
            // A canonical name is made of pieces of the text (the names as written, the
            // imports that bind them), so its last segment is spelled somewhere in it.
            ("#resolves-to?", [Arg::Capture(c), rest @ ..]) if !rest.is_empty() => {
                let words = rest.iter().map(|a| match a {
                    Arg::String(name) => name
                        .trim_end_matches('*')
                        .split(['.', ':'])
                        .rfind(|s| !s.is_empty())
                        .map(str::to_string),
                    _ => None,
                });
                (c, as_written(words.collect::<Option<Vec<_>>>()?))
            }
            _ => return None,
        };
        need.filter(|_| present.contains(capture))
    });
    let mut leaves = Vec::new();
    guaranteed_leaves(pattern, &mut leaves);
    let spelled = leaves.into_iter().filter_map(|word| as_written(vec![word]));
    compared.chain(spelled).reduce(rarer)
}

/// `words` without the ones that contain another (a text that contains `ab` or `abc` contains
/// `ab`); `None` if one is empty (every text contains it) or there are none or too many.
fn minimal(mut words: Vec<String>) -> Option<Vec<String>> {
    sort_by_length(&mut words);
    let mut kept: Vec<String> = Vec::with_capacity(words.len());
    for word in words {
        if !kept.iter().any(|k| word.contains(k.as_str())) {
            kept.push(word);
        }
    }
    useful(kept)
}

/// `words` sorted by length without repeats, as [`minimal`] but cheaper: for the pieces of a
/// regex, whose words are reduced once at the end.
fn distinct(mut words: Vec<String>) -> Option<Vec<String>> {
    sort_by_length(&mut words);
    useful(words)
}

fn sort_by_length(words: &mut Vec<String>) {
    words.sort_unstable_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    words.dedup();
}

/// Sorted words that say something: some, not too many, none empty.
fn useful(words: Vec<String>) -> Option<Vec<String>> {
    let useful = !words.is_empty() && words.len() <= MAX_WORDS && !words[0].is_empty();
    useful.then_some(words)
}

/// Words one of which every match of `regex` contains, as written or folded, whichever is
/// rarer; `None` if nothing is known.
pub fn regex_words(regex: &str) -> Option<Need> {
    // The pack repeats its long regexes (a secret name in each pattern of a rule and in rules
    // of each language): read each once per process.
    static KNOWN: LazyLock<Mutex<HashMap<String, Option<Need>>>> = LazyLock::new(Default::default);
    let known = |cache: &mut HashMap<String, Option<Need>>| cache.get(regex).cloned();
    if let Some(need) = known(&mut KNOWN.lock().unwrap_or_else(PoisonError::into_inner)) {
        return need;
    }
    let need = read_regex_words(regex);
    KNOWN
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(regex.to_string(), need.clone());
    need
}

fn read_regex_words(regex: &str) -> Option<Need> {
    let hir = regex_syntax::Parser::new().parse(regex).ok()?;
    [false, true]
        .into_iter()
        .filter_map(|folded| {
            let facts = Facts::of(&hir, Mode { folded });
            let words = facts
                .needs
                .into_iter()
                .chain(facts.exact)
                .filter_map(minimal)
                .map(|words| Need { words, folded });
            words.reduce(rarer)
        })
        .reduce(rarer)
}

/// Whether characters are compared as written or [folded](fold).
#[derive(Debug, Clone, Copy)]
struct Mode {
    folded: bool,
}

impl Mode {
    fn char(self, c: char) -> char {
        if self.folded { fold(c) } else { c }
    }

    fn text(self, text: &str) -> String {
        if self.folded {
            fold_text(text)
        } else {
            text.to_string()
        }
    }
}

/// What a piece of a regex says about the text it matches.
#[derive(Debug, Clone)]
struct Facts {
    /// Every string it can match, when there are few.
    exact: Option<Vec<String>>,
    /// Requirements every match meets: lists of words one of which it contains.
    needs: Vec<Vec<String>>,
}

impl Facts {
    fn empty() -> Facts {
        Facts {
            exact: Some(vec![String::new()]),
            needs: Vec::new(),
        }
    }

    fn unknown() -> Facts {
        Facts {
            exact: None,
            needs: Vec::new(),
        }
    }

    fn exactly(strings: Vec<String>) -> Facts {
        Facts {
            needs: distinct(strings.clone()).into_iter().collect(),
            exact: Some(strings),
        }
    }

    fn of(hir: &Hir, mode: Mode) -> Facts {
        match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => Facts::empty(),
            HirKind::Literal(literal) => match std::str::from_utf8(&literal.0) {
                Ok(text) => Facts::exactly(vec![mode.text(text)]),
                Err(_) => Facts::unknown(),
            },
            HirKind::Class(class) => {
                class_strings(class, mode).map_or_else(Facts::unknown, Facts::exactly)
            }
            HirKind::Capture(capture) => Facts::of(&capture.sub, mode),
            HirKind::Repetition(repetition) => {
                let inner = Facts::of(&repetition.sub, mode);
                let exact = match (repetition.min, repetition.max) {
                    (1, Some(1)) => inner.exact,
                    (0, Some(1)) => inner.exact.map(|mut e| {
                        e.push(String::new());
                        e
                    }),
                    _ => None,
                };
                Facts {
                    exact,
                    // At least one copy of the piece is in every match.
                    needs: if repetition.min >= 1 {
                        inner.needs
                    } else {
                        Vec::new()
                    },
                }
            }
            HirKind::Concat(parts) => concat(parts.iter().map(|p| Facts::of(p, mode)).collect()),
            HirKind::Alternation(branches) => {
                alternation(branches.iter().map(|b| Facts::of(b, mode)).collect())
            }
        }
    }
}

/// The rarest and the shortest of several requirements: all a larger piece may need.
fn best_of(candidates: Vec<Vec<String>>) -> Vec<Vec<String>> {
    let rarest = candidates.iter().max_by_key(|words| rarity(words)).cloned();
    let fewest = candidates
        .iter()
        .max_by_key(|words| (std::cmp::Reverse(words.len()), rarity(words)))
        .cloned();
    let mut best: Vec<Vec<String>> = rarest.into_iter().chain(fewest).collect();
    best.dedup();
    best
}

fn rarity(words: &[String]) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = words.iter().map(String::len).min().unwrap_or(0);
    (shortest, std::cmp::Reverse(words.len()))
}

/// A concatenation: its strings when each part has few; its requirements each part's, those
/// of each run of consecutive parts whose strings are known (`p`, `[Aa]`, `ss` → `pass`), and
/// of each run of parts with one string each (the `token` of `(a|b)_?token`).
fn concat(parts: Vec<Facts>) -> Facts {
    let mut candidates: Vec<Vec<String>> = Vec::new();
    let mut run: Option<Vec<String>> = None;
    let mut single = String::new();
    let mut exact = Some(vec![String::new()]);
    for part in parts {
        candidates.extend(part.needs);
        exact = exact.and_then(|e| product(&e, part.exact.as_deref()?));
        match part.exact.as_deref() {
            Some([one]) => single.push_str(one),
            _ => candidates.extend(distinct(vec![std::mem::take(&mut single)])),
        }
        match part.exact {
            Some(strings) => {
                run = Some(match run.take() {
                    None => strings,
                    Some(so_far) => match product(&so_far, &strings) {
                        Some(longer) => longer,
                        None => {
                            candidates.extend(distinct(so_far));
                            strings
                        }
                    },
                })
            }
            None => candidates.extend(run.take().and_then(distinct)),
        }
    }
    candidates.extend(run.and_then(distinct));
    candidates.extend(distinct(vec![single]));
    Facts {
        exact,
        needs: best_of(candidates),
    }
}

/// An alternation: its strings when each branch has few; its requirement one of each
/// branch's, together (the rarest of each, or if that makes too many, the shortest).
fn alternation(branches: Vec<Facts>) -> Facts {
    let exact = branches.iter().try_fold(Vec::new(), |mut all, branch| {
        all.extend(branch.exact.clone()?);
        (all.len() <= MAX_WORDS).then_some(all)
    });
    let own: Vec<Vec<Vec<String>>> = branches
        .into_iter()
        .map(|branch| {
            let mut candidates = branch.needs;
            candidates.extend(branch.exact.and_then(distinct));
            best_of(candidates)
        })
        .collect();
    let union = |pick: fn(&Vec<Vec<String>>) -> Option<&Vec<String>>| {
        let mut all = Vec::new();
        for candidates in &own {
            all.extend(pick(candidates)?.iter().cloned());
        }
        // Many branches: their words may contain each other (`pass`, `password`).
        if all.len() > MAX_WORDS {
            minimal(all)
        } else {
            distinct(all)
        }
    };
    let rarest = union(|c| c.iter().max_by_key(|w| rarity(w)));
    let fewest = union(|c| {
        c.iter()
            .max_by_key(|w| (std::cmp::Reverse(w.len()), rarity(w)))
    });
    Facts {
        exact,
        needs: best_of(rarest.into_iter().chain(fewest).collect()),
    }
}

/// Every concatenation of one of `a` with one of `b`, if not too many.
fn product(a: &[String], b: &[String]) -> Option<Vec<String>> {
    if a.len() * b.len() > MAX_WORDS {
        return None;
    }
    Some(
        a.iter()
            .flat_map(|x| b.iter().map(move |y| format!("{x}{y}")))
            .collect(),
    )
}

/// The characters of a small class, one string each.
fn class_strings(class: &Class, mode: Mode) -> Option<Vec<String>> {
    let mut chars: Vec<char> = Vec::new();
    let mut add = |c: char| {
        let c = mode.char(c);
        if !chars.contains(&c) {
            chars.push(c);
        }
        chars.len() <= MAX_CLASS
    };
    match class {
        Class::Unicode(class) => {
            for range in class.ranges() {
                let count = range.end() as u32 - range.start() as u32 + 1;
                if count as usize > MAX_CLASS * 4 {
                    return None;
                }
                for c in range.start()..=range.end() {
                    if !add(c) {
                        return None;
                    }
                }
            }
        }
        Class::Bytes(class) => {
            for range in class.ranges() {
                // A byte class above ASCII matches pieces of characters: nothing known.
                if !range.end().is_ascii() {
                    return None;
                }
                for byte in range.start()..=range.end() {
                    if !add(char::from(byte)) {
                        return None;
                    }
                }
            }
        }
    }
    // As written, a choice of characters is left to the folded reading, which is cheaper for
    // the case-insensitive regexes most such classes come from (`[Pp]`).
    let known = chars.len() == 1 || (mode.folded && !chars.is_empty());
    known.then(|| chars.into_iter().map(String::from).collect())
}

/// The names of the captures every match of `element` has, at whatever depth
/// (`[(identifier) @f (member property: (identifier) @f)]` has `@f`).
fn guaranteed_names(element: &Element) -> Vec<String> {
    // Depths do not matter here: all captures count as at the root.
    in_every_match(element, 0, &|name, _| name.to_string())
}

/// The anonymous nodes every match of `element` has, as spelled (`"unsafe"`): a grammar's
/// anonymous node is a token of exactly that text. Only those made of letters, digits and `_`
/// count, the keywords.
fn guaranteed_leaves(element: &Element, out: &mut Vec<String>) {
    match element.kind {
        Kind::Leaf => out.extend(element.text.iter().filter(|t| is_keyword(t)).cloned()),
        Kind::Node | Kind::Group => {
            for child in &element.children {
                if !matches!(child.quantifier, Some(b'?' | b'*')) {
                    guaranteed_leaves(child, out);
                }
            }
        }
        Kind::Alternation | Kind::Predicate | Kind::Word => {}
    }
}

fn is_keyword(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

fn collect_predicates<'a>(element: &'a Element, out: &mut Vec<&'a super::roots::Predicate>) {
    out.extend(element.predicate.as_ref());
    for child in &element.children {
        collect_predicates(child, out);
    }
}

#[cfg(test)]
mod tests;
