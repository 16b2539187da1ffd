use super::*;
use crate::rules::parse_rule;

pub(crate) fn rule(id: &str, languages: &str, matcher: &str, fix: &str) -> Rule {
    let text = format!(
        "id = \"{id}\"\nlanguages = {languages}\nseverity = \"error\"\ncwe = [\"CWE-1\"]\nmessage = \"found {{{{f}}}}\"\n\
         [docs]\nwhat = \"w\"\nwhy = \"y\"\nexample = \"e\"\nfix = \"f\"\n[match]\n{matcher}\n{fix}"
    );
    parse_rule(&text, "test.toml", None).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn run(rules: Vec<Rule>, language: Language, text: &str) -> Vec<Finding> {
    let set = RuleSet::new(rules).unwrap();
    set.compile_all().unwrap();
    crate::analysis::analyze_with(&set, language.into(), text)
}

#[test]
fn text_predicates_filter_matches() {
    let yaml = rule(
        "python.yaml-load",
        "[\"python\"]",
        "query = '''\n((call function: (attribute object: (identifier) @m attribute: (identifier) @f) arguments: (argument_list) @args) @match\n(#eq? @m \"yaml\")\n(#any-of? @f \"load\" \"load_all\")\n(#not-match? @args \"Loader\\\\s*=\\\\s*(yaml\\\\.)?SafeLoader\"))\n'''",
        "[fix]\ncapture = \"f\"\nreplacement = \"safe_{{f}}\"\nsafe = true",
    );
    let found = run(
        vec![yaml],
        Language::Python,
        "yaml.load(a)\nyaml.safe_load(b)\nyaml.load(c, Loader=yaml.SafeLoader)\nother.load(d)\nyaml.load_all(e)\n",
    );
    let lines: Vec<u32> = found.iter().map(|f| f.span.start.line).collect();
    assert_eq!(lines, [0, 4], "{found:#?}");
    assert_eq!(&*found[0].message, "found load");
    let fix = found[0].fix.as_ref().unwrap();
    assert_eq!(fix.replacement, "safe_load");
    assert_eq!((fix.span.start_byte, fix.span.end_byte), (5, 9));
}

fn regex_rule(regex: &str, extra: &str) -> Rule {
    let text = format!(
        "id = \"any.t\"\nlanguages = [\"any\"]\nseverity = \"warning\"\ncwe = [\"CWE-798\"]\nmessage = \"secret {{{{report}}}}\"\n\
         [docs]\nwhat = \"w\"\nwhy = \"y\"\nexample = \"e\"\nfix = \"f\"\n[match]\nregex = '''{regex}'''\n{extra}\n"
    );
    parse_rule(&text, "t.toml", None).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn lines(findings: &[Finding]) -> Vec<u32> {
    findings.iter().map(|f| f.span.start.line).collect()
}

#[test]
fn regex_scope_limits_matches_to_strings_or_comments() {
    let text = "k = 'tok_ABC'\n# tok_DEF\ntok_GHI = 1\n";
    let any = run(
        vec![regex_rule("(?P<report>tok_[A-Z]+)", "")],
        Language::Python,
        text,
    );
    assert_eq!(lines(&any), [0, 1, 2]);
    assert_eq!(&*any[0].message, "secret tok_ABC");
    assert_eq!((any[0].span.start.column, any[0].span.end.column), (5, 12));
    let strings = run(
        vec![regex_rule("(?P<report>tok_[A-Z]+)", "scope = \"string\"")],
        Language::Python,
        text,
    );
    assert_eq!(lines(&strings), [0]);
    let comments = run(
        vec![regex_rule("(?P<report>tok_[A-Z]+)", "scope = \"comment\"")],
        Language::Python,
        text,
    );
    assert_eq!(lines(&comments), [1]);
    // Without a grammar the scope cannot be known: the whole text is searched.
    let set = RuleSet::new(vec![regex_rule(
        "(?P<report>tok_[A-Z]+)",
        "scope = \"string\"",
    )])
    .unwrap();
    assert_eq!(lines(&set.check(None, text, None)), [0, 1, 2]);
}

#[test]
fn entropy_and_exclusions_filter_regex_matches() {
    let rule = regex_rule(
        "key = \"(?P<report>[^\"]+)\"",
        "min-entropy = 3.5\nexclude = '(?i)example'",
    );
    let text =
        "key = \"aaaaaaaaaaaa\"\nkey = \"Zq8vR2mX7pL4wK9t\"\nkey = \"EXAMPLEq8vR2mX7pL4wK9t\"\n";
    assert_eq!(lines(&run(vec![rule], Language::Python, text)), [1]);
}

#[test]
fn custom_predicates_decide_matches() {
    let query = |predicates: &str| {
        rule(
            "js.t",
            "[\"javascript\", \"typescript\"]",
            &format!(
                "query = '''\n((call_expression function: (identifier) @f arguments: (arguments . (_) @arg)) @match\n (#eq? @f \"run\") {predicates})\n'''"
            ),
            "",
        )
    };
    let text =
        "run('ls');\nrun(`ls ${dir}`);\nrun(cmd);\nfunction f() { run(x); }\nrun('a' + 'b');\n";
    assert_eq!(
        lines(&run(
            vec![query("(#not-literal? @arg)")],
            Language::JavaScript,
            text
        )),
        [1, 2, 3]
    );
    assert_eq!(
        lines(&run(
            vec![query("(#literal? @arg)")],
            Language::TypeScript,
            text
        )),
        [0, 4]
    );
    assert_eq!(
        lines(&run(
            vec![query("(#kind? @arg \"identifier\")")],
            Language::Tsx,
            text
        )),
        [2, 3]
    );
    assert_eq!(
        lines(&run(
            vec![query("(#has-ancestor? @match \"function_declaration\")")],
            Language::JavaScript,
            text
        )),
        [3]
    );
    assert_eq!(
        lines(&run(
            vec![query(
                "(#not-has-ancestor? @match \"function_declaration\")"
            )],
            Language::JavaScript,
            text
        )),
        [0, 1, 2, 4]
    );
}

#[test]
fn enclosing_definitions_decide_matches() {
    let python = |predicates: &str| {
        rule(
            "python.t",
            "[\"python\"]",
            &format!(
                "query = '''\n((call function: (identifier) @f) @match\n (#eq? @f \"md5\") {predicates})\n'''"
            ),
            "",
        )
    };
    let text = "md5(a)\nclass DigestAuth:\n    def nonce(self):\n        md5(b)\n\
                def handshake():\n    h['Sec-WebSocket-Accept'] = md5(c)\n\
                def sign():\n    return md5(d)\nf = lambda: md5('Sec-WebSocket-Accept')\n";
    let found = |predicates| lines(&run(vec![python(predicates)], Language::Python, text));
    assert_eq!(
        found("(#not-in-definition-named? @match \"^Digest\")"),
        [0, 5, 7, 8]
    );
    assert_eq!(
        found("(#in-definition-named? @match \"^(nonce|sign)$\")"),
        [3, 7]
    );
    // The innermost named function's text; outside any, the outermost lambda's (an inline
    // handler); module level has no function.
    assert_eq!(
        found("(#not-in-function-containing? @match \"WebSocket\")"),
        [0, 3, 7]
    );

    let rust = rule(
        "rust.t",
        "[\"rust\"]",
        "query = '''\n((call_expression function: (identifier) @f) @match\n (#eq? @f \"md5\") (#not-in-definition-named? @match \"Digest\"))\n'''",
        "",
    );
    let text = "impl DigestAuth { fn a() { md5(x); } }\nimpl Store { fn b() { md5(y); } }\n";
    assert_eq!(lines(&run(vec![rust], Language::Rust, text)), [1]);
}

#[test]
fn the_next_statement_decides_matches() {
    let umask = rule(
        "python.t",
        "[\"python\"]",
        "query = '''\n((call function: (attribute attribute: (identifier) @f)) @match\n (#eq? @f \"umask\") (#not-next-statement-match? @match \"^os\\\\.umask\\\\(\"))\n'''",
        "",
    );
    let text = "def read():\n    old = os.umask(0)\n    # restore\n    os.umask(old)\n\
                def daemon():\n    os.umask(0)\n    run()\nos.umask(0)\n";
    // Line 1 is set back on the next statement; the restoring call (line 3) is last in its
    // block, and the daemon's and the module's are followed by other code or nothing.
    assert_eq!(lines(&run(vec![umask], Language::Python, text)), [3, 5, 7]);
}

#[test]
fn a_transparent_impl_decides_matches() {
    let transmute = rule(
        "rust.t",
        "[\"rust\"]",
        "query = '''\n((call_expression function: (identifier) @f) @match\n (#eq? @f \"transmute\") (#not-in-transparent-impl? @match))\n'''",
        "",
    );
    let text = "#[repr(transparent)]\npub struct Raw { s: str }\n\
                impl Raw { fn a(s: &str) -> &Raw { unsafe { transmute(s) } } }\n\
                /// Not transparent.\n#[derive(Debug)]\npub struct Plain { s: String }\n\
                impl Plain { fn b(s: &str) -> &Plain { unsafe { transmute(s) } } }\n\
                impl<'a> From<&'a str> for &'a Raw { fn from(s: &str) -> Self { unsafe { transmute(s) } } }\n\
                fn c(s: &str) -> &Raw { unsafe { transmute(s) } }\n";
    assert_eq!(lines(&run(vec![transmute], Language::Rust, text)), [6, 8]);
}

#[test]
fn findings_are_reported_in_the_parts_of_broken_code_that_parse() {
    let r = rule(
        "python.t",
        "[\"python\"]",
        "query = '''\n((call function: (identifier) @f) @match (#eq? @f \"eval\"))\n'''",
        "",
    );
    let text =
        "def handler(req:\n    return eval(req.body)\n\nclass Broken(\neval(data)\nx = [1, 2,\n";
    let found = run(vec![r], Language::Python, text);
    assert!(lines(&found).contains(&4), "{found:#?}");
}

#[test]
fn one_node_matched_by_several_patterns_is_reported_once() {
    let r = rule(
        "python.t",
        "[\"python\"]",
        "query = '''\n((call function: (identifier) @f) @match (#eq? @f \"eval\"))\n((call arguments: (argument_list (identifier))) @match)\n'''",
        "",
    );
    let found = run(vec![r], Language::Python, "eval(x)\n");
    assert_eq!(found.len(), 1);
}

#[test]
fn deeply_nested_input_does_not_overflow_and_is_reported() {
    let r = regex_rule("(?P<report>tok_[A-Z]+)", "scope = \"string\"");
    let set = RuleSet::new(vec![r]).unwrap();
    let depth = 50_000;
    // The string inside the too-deep region is not seen as a string; the one after it is.
    let text = format!(
        "x = {}'tok_ABC'{}\ny = 'tok_DEF'\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let analysed = crate::analysis::analyze_checked(&set, Language::Python.into(), &text);
    assert_eq!(analysed.findings.len(), 1);
    assert_eq!(analysed.findings[0].span.start.line, 1);
    assert_eq!(
        analysed.incomplete,
        vec![crate::analysis::Incomplete::TooDeep {
            start_line: 0,
            end_line: 0
        }]
    );
}

#[test]
fn every_pattern_of_the_embedded_pack_is_anchored() {
    // Without anchors the language server falls back to matching whole trees on every edit.
    let rules = RuleSet::builtin();
    let unanchored: Vec<&str> = rules
        .rules()
        .iter()
        .filter(|rule| match &rule.matcher {
            Matcher::Query { source, .. } => crate::rules::roots::pattern_anchors(source).is_none(),
            Matcher::Regex { .. } | Matcher::Flow => false,
        })
        .map(|rule| rule.id.as_str())
        .collect();
    assert!(unanchored.is_empty(), "{unanchored:?}");
    for language in Language::ALL {
        if let Ok(Some(compiled)) = rules.compiled(language) {
            assert!(compiled.incremental, "{}", language.name());
        }
    }
}

/// Every corpus file of the built-in pack, with its language.
pub(super) fn corpus() -> Vec<(std::path::PathBuf, Language, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut files = Vec::new();
    for dir in std::fs::read_dir(root).unwrap() {
        for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            if let Some(language) = Language::from_path(&path) {
                let text = std::fs::read_to_string(&path).unwrap();
                files.push((path, language, text));
            }
        }
    }
    assert!(
        files.len() >= 40,
        "the corpus is where the rules are exercised"
    );
    files
}

#[test]
fn rules_compiled_alone_for_the_text_find_what_the_combined_query_finds() {
    let rules = || RuleSet::new(RuleSet::builtin().rules().to_vec()).unwrap();
    let (selected, combined) = (rules(), rules());
    combined.compile_all().unwrap();
    for (path, language, text) in corpus() {
        let tree = crate::analysis::parse(language, &text, None).unwrap();
        assert_eq!(
            selected.check(Some(language), &text, Some(&tree)),
            combined.check(Some(language), &text, Some(&tree)),
            "{}",
            path.display()
        );
    }
    assert!(
        selected.compiled.iter().all(|c| c.get().is_none()),
        "the combined queries were never needed"
    );
}

/// Small clean files of ordinary code, as a hook sees them (those of `benches/startup.rs`).
const SMALL_FILES: [(Language, &str); 4] = [
    (
        Language::Python,
        "import json\nimport os\n\n\ndef load(path):\n    \"\"\"Reads settings.\"\"\"\n    with open(path, encoding=\"utf-8\") as handle:\n        data = json.load(handle)\n    return {k: v for k, v in data.items() if not k.startswith(\"_\")}\n\n\ndef home():\n    return os.environ.get(\"HOME\", \"/\")\n",
    ),
    (
        Language::JavaScript,
        "const path = require('path');\n\nfunction resolve(base, name) {\n  const full = path.join(base, name);\n  return full.startsWith(base) ? full : null;\n}\n\nmodule.exports = { resolve };\n",
    ),
    (
        Language::TypeScript,
        "import { join } from 'path';\n\nexport interface Entry { name: string; size: number }\n\nexport function total(entries: Entry[]): number {\n  return entries.reduce((sum, e) => sum + e.size, 0);\n}\n\nexport const where = (dir: string): string => join(dir, 'index.json');\n",
    ),
    (
        Language::Rust,
        "use std::collections::HashMap;\n\n/// Counts words.\npub fn count(text: &str) -> HashMap<&str, usize> {\n    let mut counts = HashMap::new();\n    for word in text.split_whitespace() {\n        *counts.entry(word).or_insert(0) += 1;\n    }\n    counts\n}\n",
    ),
];

#[test]
fn a_small_clean_file_compiles_few_rules() {
    for (language, text) in SMALL_FILES {
        let rules = RuleSet::new(RuleSet::builtin().rules().to_vec()).unwrap();
        let tree = crate::analysis::parse(language, text, None).unwrap();
        assert!(rules.check(Some(language), text, Some(&tree)).is_empty());
        let language_rules = rules
            .rules()
            .iter()
            .filter(|r| r.applies_to(Some(language)) && matches!(r.matcher, Matcher::Query { .. }))
            .count();
        let batches = rules.batches[language as usize].lock().unwrap();
        let compiled: HashSet<usize> = batches.covered.iter().map(|piece| piece.rule).collect();
        assert!(
            compiled.len() * 10 < language_rules,
            "{} of {language_rules} {language:?} rules compiled for a file that uses none of them",
            compiled.len()
        );
        assert!(
            batches.compiled.len() <= 1,
            "one query compiled for one file"
        );
        assert!(
            rules.regex_set.get().is_none(),
            "no secret pattern's words are in the file: the pack's regex set is never built"
        );
        if let Ok(Some(flow)) = rules.flow(language) {
            assert_eq!(
                flow.compiled_source_queries(),
                0,
                "no taint source query's words are in the file: none is compiled ({language:?})"
            );
        }
    }
}

#[test]
fn a_rule_matching_nested_calls_on_one_line_reports_once() {
    let text = "exec(compile(src, 'f', 'exec'))\nexec(a)\ncompile(b, 'f', 'exec')\n";
    let found: Vec<(u32, String)> = crate::analysis::analyze(Language::Python, text)
        .into_iter()
        .filter(|f| &*f.rule_id == "python.eval-exec")
        .map(|f| (f.span.start.line, f.message.to_string()))
        .collect();
    assert_eq!(found.len(), 3, "{found:#?}");
    assert_eq!(found[0].0, 0);
    assert!(
        found[0].1.contains("exec()"),
        "the outer call stays: {found:#?}"
    );
}

#[test]
fn only_the_patterns_whose_words_a_text_holds_compile() {
    // Three patterns, each needing its own word.
    let r = rule(
        "python.t",
        "[\"python\"]",
        "query = '''\n((call function: (identifier) @f) @match (#eq? @f \"eval\"))\n((call function: (identifier) @f) @match (#eq? @f \"exec\"))\n((call function: (identifier) @f) @match (#eq? @f \"compile\"))\n'''",
        "",
    );
    let (selected, combined) = (
        RuleSet::new(vec![r.clone()]).unwrap(),
        RuleSet::new(vec![r]).unwrap(),
    );
    combined.compile_all().unwrap();
    let compiled_patterns = || -> Vec<usize> {
        let batches = selected.batches[Language::Python as usize].lock().unwrap();
        let mut patterns: Vec<usize> = batches.covered.iter().filter_map(|p| p.pattern).collect();
        patterns.sort();
        patterns
    };
    let texts = [
        ("exec(a)\n", 1, vec![1]),
        ("compile(b)\nexec(c)\n", 2, vec![1, 2]),
        ("eval(d)\n", 1, vec![0, 1, 2]),
    ];
    for (text, count, patterns) in texts {
        let tree = crate::analysis::parse(Language::Python, text, None).unwrap();
        let found = selected.check(Some(Language::Python), text, Some(&tree));
        assert_eq!(
            found,
            combined.check(Some(Language::Python), text, Some(&tree)),
            "{text}"
        );
        assert_eq!(found.len(), count, "{text}: {found:#?}");
        assert_eq!(compiled_patterns(), patterns, "{text}");
    }
}
