//! Is a name a typo or variant of a popular package? Checks in the spirit of typomania: an
//! omitted, repeated, swapped or substituted character (bitflips and homoglyphs are single
//! substitutions), swapped words and separators (`-`, `_`, `.`), version suffixes and affixes
//! such as `py-`, `python-`, `-js`, `-rs`. A popular package is never flagged against another
//! popular one: the caller asks only about names outside the popular list.

use super::known::popular;
use crate::deps::{Ecosystem, canonical_name};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// Edit-distance variants are only trusted against the most popular packages and for names long
/// enough that one edit is a typo rather than a different word.
const EDIT_TARGET_MAX_RANK: usize = 5000;
const EDIT_MIN_LEN: usize = 5;

const PREFIXES: &[&str] = &[
    "python-", "python3-", "py-", "py", "node-", "js-", "rust-", "rs-", "lib",
];
const SUFFIXES: &[&str] = &[
    "-python", "-py", "py", "-js", ".js", "js", "-node", "-rs", "-rust", "-lib", "-dev", "-cli",
];

/// The popular package `name` imitates, if any (as the registry spells it). Answers are
/// remembered for the process: the editor asks again on every change.
pub fn typosquat_target(ecosystem: Ecosystem, name: &str) -> Option<&'static str> {
    type Memo = Mutex<HashMap<(Ecosystem, String), Option<&'static str>>>;
    static MEMO: OnceLock<Memo> = OnceLock::new();
    let memo = MEMO.get_or_init(Memo::default);
    let key = (ecosystem, name.to_string());
    if let Some(known) = memo.lock().ok().and_then(|m| m.get(&key).copied()) {
        return known;
    }
    let target = compute(ecosystem, name);
    if let Ok(mut m) = memo.lock() {
        m.insert(key, target);
    }
    target
}

fn compute(ecosystem: Ecosystem, name: &str) -> Option<&'static str> {
    let list = popular(ecosystem);
    let canonical = canonical_name(ecosystem, name);
    if list.rank(&canonical).is_some() {
        return None;
    }
    let (scope, bare) = split_scope(&canonical);
    let found = |candidate: &str| -> Option<usize> {
        let full = format!("{scope}{candidate}");
        (full != canonical).then(|| list.rank(&canonical_name(ecosystem, &full)))?
    };
    // Separators dropped or changed, words swapped.
    let words: Vec<&str> = bare
        .split(['-', '_', '.'])
        .filter(|w| !w.is_empty())
        .collect();
    let mut candidates = vec![words.concat()];
    for separator in ["-", "_", "."] {
        candidates.push(words.join(separator));
        if words.len() == 2 {
            candidates.push(format!("{}{separator}{}", words[1], words[0]));
        }
    }
    if words.len() == 2 {
        candidates.push(format!("{}{}", words[1], words[0]));
    }
    // Affixes and version suffixes (separators unified: crates compare `-` and `_` alike).
    let dashed = bare.replace(['_', '.'], "-");
    for prefix in PREFIXES {
        if let Some(rest) = dashed.strip_prefix(prefix).filter(|r| r.len() >= 3) {
            candidates.push(rest.to_string());
        }
    }
    for suffix in SUFFIXES {
        if let Some(rest) = dashed.strip_suffix(suffix).filter(|r| r.len() >= 3) {
            candidates.push(rest.to_string());
        }
    }
    let unversioned = bare
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .trim_end_matches(['-', '_', '.']);
    if unversioned.len() >= 3 && unversioned != bare {
        candidates.push(unversioned.to_string());
    }
    if let Some(rank) = candidates.iter().filter_map(|c| found(c)).min() {
        return Some(list.name(rank));
    }
    // One edit away: omitted, repeated, swapped or substituted character.
    if bare.chars().count() < EDIT_MIN_LEN {
        return None;
    }
    one_edit_variants(bare)
        .filter_map(|variant| found(&variant))
        .filter(|rank| *rank < EDIT_TARGET_MAX_RANK)
        .min()
        .map(|rank| list.name(rank))
}

/// The popular package a short name (at most `SHORT_MAX_LEN` characters, scope aside) is one
/// keystroke from: a key next to the intended one, two letters swapped, or one doubled. Short
/// names are dense (`syn`, `log`, `url` are one edit from many real names), so the caller reports
/// this only for a package that is young and small.
pub fn short_typosquat_target(ecosystem: Ecosystem, name: &str) -> Option<&'static str> {
    let list = popular(ecosystem);
    let canonical = canonical_name(ecosystem, name);
    let (scope, bare) = split_scope(&canonical);
    let chars: Vec<char> = bare.chars().collect();
    if list.rank(&canonical).is_some() || chars.is_empty() || chars.len() > SHORT_MAX_LEN {
        return None;
    }
    let mut variants: Vec<String> = Vec::new();
    let spell = |c: &[char]| c.iter().collect::<String>();
    for i in 0..chars.len() {
        for near in adjacent_keys(chars[i]).chars() {
            let mut c = chars.clone();
            c[i] = near;
            variants.push(spell(&c));
        }
        if i + 1 < chars.len() {
            let mut c = chars.clone();
            c.swap(i, i + 1);
            variants.push(spell(&c));
            if chars[i] == chars[i + 1] {
                let mut c = chars.clone();
                c.remove(i);
                variants.push(spell(&c));
            }
        }
    }
    variants
        .iter()
        .filter(|v| v.as_str() != bare)
        .filter_map(|v| list.rank(&canonical_name(ecosystem, &format!("{scope}{v}"))))
        .filter(|rank| *rank < EDIT_TARGET_MAX_RANK)
        .min()
        .map(|rank| list.name(rank))
}

/// Names of this many characters or fewer get only keystroke variants.
pub const SHORT_MAX_LEN: usize = 4;

/// The keys next to a key on a QWERTY keyboard (same row and the rows above and below).
fn adjacent_keys(key: char) -> &'static str {
    match key {
        'q' => "wa12",
        'w' => "qeas23",
        'e' => "wrsd34",
        'r' => "etdf45",
        't' => "ryfg56",
        'y' => "tugh67",
        'u' => "yihj78",
        'i' => "uojk89",
        'o' => "ipkl90",
        'p' => "ol0",
        'a' => "qwsz",
        's' => "awedxz",
        'd' => "serfcx",
        'f' => "drtgvc",
        'g' => "ftyhbv",
        'h' => "gyujnb",
        'j' => "huikmn",
        'k' => "jiolm",
        'l' => "kop",
        'z' => "asx",
        'x' => "zsdc",
        'c' => "xdfv",
        'v' => "cfgb",
        'b' => "vghn",
        'n' => "bhjm",
        'm' => "njk",
        '1' => "2q",
        '2' => "13qw",
        '3' => "24we",
        '4' => "35er",
        '5' => "46rt",
        '6' => "57ty",
        '7' => "68yu",
        '8' => "79ui",
        '9' => "80io",
        '0' => "9op",
        _ => "",
    }
}

fn split_scope(name: &str) -> (&str, &str) {
    match name.find('/') {
        Some(slash) if name.starts_with('@') => name.split_at(slash + 1),
        _ => ("", name),
    }
}

/// Every string one deletion, adjacent transposition, substitution or insertion away.
pub(crate) fn one_edit_variants(name: &str) -> impl Iterator<Item = String> {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789-_.";
    let chars: Vec<char> = name.chars().collect();
    let n = chars.len();
    let mut out = Vec::with_capacity(n * 2 * ALPHABET.len() + 2 * n);
    let mut edit = |f: &dyn Fn(&mut Vec<char>)| {
        let mut c = chars.clone();
        f(&mut c);
        out.push(c.into_iter().collect::<String>());
    };
    for i in 0..n {
        edit(&|c| {
            c.remove(i);
        });
        if i + 1 < n {
            edit(&|c| c.swap(i, i + 1));
        }
        for b in ALPHABET {
            edit(&|c| c[i] = *b as char);
        }
    }
    for i in 0..=n {
        for b in ALPHABET {
            edit(&|c| c.insert(i, *b as char));
        }
    }
    out.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_of_popular_names_are_caught() {
        let cases = [
            (Ecosystem::PyPI, "reqeusts", "requests"),
            (Ecosystem::PyPI, "requestss", "requests"),
            (Ecosystem::PyPI, "python-requests", "requests"),
            (Ecosystem::PyPI, "requests2", "requests"),
            (Ecosystem::Npm, "lodash-js", "lodash"),
            (Ecosystem::Npm, "expresss", "express"),
            (Ecosystem::Npm, "cross-env-js", "cross-env"),
            (Ecosystem::Crates, "serde-rs", "serde"),
        ];
        for (ecosystem, name, expected) in cases {
            assert_eq!(typosquat_target(ecosystem, name), Some(expected), "{name}");
        }
    }

    #[test]
    fn short_names_match_only_keystroke_slips() {
        let cases = [
            (Ecosystem::Npm, "vie", Some("vue")),
            (Ecosystem::Crates, "sny", Some("syn")),
            (Ecosystem::Crates, "logg", Some("log")),
            (Ecosystem::Crates, "lig", Some("log")),
            (Ecosystem::PyPI, "sux", Some("six")),
            // Not a neighbouring key, nor a swap, nor a doubled letter.
            (Ecosystem::Crates, "lmg", None),
            // Popular names themselves, and longer names, are not short squats.
            (Ecosystem::Crates, "syn", None),
            (Ecosystem::Crates, "tokioo", None),
        ];
        for (ecosystem, name, expected) in cases {
            assert_eq!(short_typosquat_target(ecosystem, name), expected, "{name}");
        }
    }

    #[test]
    fn popular_and_unrelated_names_are_not_flagged() {
        assert_eq!(typosquat_target(Ecosystem::PyPI, "requests"), None);
        assert_eq!(typosquat_target(Ecosystem::PyPI, "PyYAML"), None);
        assert_eq!(typosquat_target(Ecosystem::Npm, "react-dom"), None);
        assert_eq!(
            typosquat_target(Ecosystem::Npm, "zzqx-internal-thing"),
            None
        );
        assert_eq!(typosquat_target(Ecosystem::Crates, "serde_json"), None);
    }
}
