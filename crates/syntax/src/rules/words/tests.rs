use super::*;

fn words(source: &str) -> Vec<Option<Need>> {
    pattern_words(source).expect("understood")
}

fn written(words: &[&str]) -> Option<Need> {
    Some(Need {
        words: words.iter().map(|w| w.to_string()).collect(),
        folded: false,
    })
}

fn folded(words: &[&str]) -> Option<Need> {
    Some(Need {
        words: words.iter().map(|w| w.to_string()).collect(),
        folded: true,
    })
}

#[test]
fn a_pattern_needs_the_words_a_present_capture_is_compared_with() {
    assert_eq!(
        words("((call function: (identifier) @f) @c (#eq? @f \"eval\"))"),
        vec![written(&["eval"])]
    );
    assert_eq!(
        words(
            "((call (attribute (identifier) @m (identifier) @f)) @c (#eq? @m \"yaml\") (#any-of? @f \"load\" \"load_all\"))"
        ),
        vec![written(&["yaml"])],
        "the rarer of two requirements"
    );
    // A capture that may be missing, negated predicates, an empty word: nothing.
    assert_eq!(
        words(
            "((call (identifier)? @f) @c (#eq? @f \"eval\"))\n((x) @x (#not-eq? @x \"a\"))\n((y) @y (#not-match? @y \"b\"))\n((z) @z (#eq? @z \"\"))"
        ),
        vec![None, None, None, None]
    );
    assert_eq!(
        words("((string) @s (#eq? @s \"\\\"A\\n\"))"),
        vec![written(&["\"A\n"])],
        "escapes are read"
    );
    assert_eq!(
        words("((x) @x (#match? @x \"^(md5|sha1)$\"))\n((y) @y (#match? @y \"a*\"))"),
        vec![written(&["md5", "sha1"]), None],
        "the words every match of a regex contains"
    );
    assert_eq!(
        words(
            "((call function: (_) @f) @c (#resolves-to? @f \"os.system\" \"subprocess.*\" \"std::mem::transmute\"))"
        ),
        vec![written(&["system", "transmute", "subprocess"])],
        "the last segment of each canonical name"
    );
    assert_eq!(pattern_words("(#eq? @a \"b\")"), None);
}

#[test]
fn a_pattern_needs_the_keywords_it_spells() {
    assert_eq!(
        words("((unsafe_block \"unsafe\" @m) (#not-comment-above? @m \"SAFETY:\"))"),
        vec![written(&["unsafe"])]
    );
    // Optional, in an alternation, or punctuation: nothing.
    assert_eq!(
        words("((x \"await\"? (y) @y))\n((x [\"let\" \"var\"] (y) @y))\n((x \"+\" (y) @y))"),
        vec![None, None, None]
    );
}

#[test]
fn a_regex_needs_the_words_inside_every_match() {
    assert_eq!(regex_words("^eval$"), written(&["eval"]));
    assert_eq!(
        regex_words("(?i)^(?:password|secret)_?key$"),
        folded(&["secretkey", "secret_key", "passwordkey", "password_key"]),
        "a run of known pieces"
    );
    assert_eq!(
        regex_words("(?i)^bypassSecurityTrust(Html|Url)$"),
        folded(&["bypasssecuritytrusturl", "bypasssecuritytrusthtml"]),
        "case-insensitive: the folded word, Unicode's K and ſ included"
    );
    assert_eq!(
        regex_words("[0-9a-z]{3}[0-9]Q~[a-z]+"),
        written(&["Q~"]),
        "a word in the middle"
    );
    assert_eq!(
        regex_words("(?:^|[^a-z])(?P<r>AKIA|ASIA)[A-Z2-7]{16}"),
        written(&["AKIA", "ASIA"])
    );
    assert_eq!(
        regex_words("x(?:ab)+y"),
        written(&["ab"]),
        "one copy at least"
    );
    assert_eq!(regex_words("a*|b"), None, "a branch without words");
    assert_eq!(regex_words("[a-z]+"), None);
    assert_eq!(regex_words("(unclosed"), None);
}

#[test]
fn a_long_alternation_needs_the_shortest_word_of_each_branch() {
    // Each branch's rarest words together are too many; one word per branch is not.
    let name = |i: u8| format!("{}{}", char::from(b'a' + i / 6), char::from(b'a' + i % 6));
    let branches: Vec<String> = (0..40)
        .map(|i| format!("(?:a{w}|b{w})_?tok{w}", w = name(i)))
        .collect();
    let regex = format!("(?i)^(?:{})$", branches.join("|"));
    let need = regex_words(&regex).expect("words");
    assert_eq!(need.words.len(), 40, "{need:?}");
}

#[test]
fn every_match_contains_one_of_its_words() {
    // The property the prefilter rests on, over a set of regexes and strings they match.
    let cases = [
        (
            "(?i)passw(or)?d",
            &["PASSWORD", "Passwd", "pa\u{17F}\u{17F}word"][..],
        ),
        ("(?i)token", &["TO\u{212A}EN", "token"]),
        (
            "(?i)^(?:[a-z0-9]+_)*(?:pwd|api_?key)$|^(?-i:TOKEN)$",
            &["DB_PWD", "apikey", "TOKEN"],
        ),
        ("\\$\\{[^}]*[a-z(]", &["${x}"]),
        (
            "(?s)^`\\s*(SELECT\\s.*\\sFROM\\s|delete\\s+from\\s)",
            &["`SELECT a FROM t", "` delete  from x"],
        ),
        ("^new(Function)?$", &["new", "newFunction"]),
    ];
    for (regex, matches) in cases {
        let need = regex_words(regex).unwrap_or_else(|| panic!("{regex}: no words"));
        let compiled = regex::Regex::new(regex).unwrap();
        for text in matches {
            assert!(compiled.is_match(text), "{regex} matches {text}");
            assert!(
                need.met_by(text, &fold_text(text)),
                "{regex}: {text} contains none of {need:?}"
            );
        }
    }
}
