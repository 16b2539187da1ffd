//! Tests of rule loading and validation: every error names the file, the line and the problem.
use super::*;

const GOOD: &str = r#"id = "python.os-system"
languages = ["python"]
severity = "error"
confidence = "high"
cwe = ["CWE-78"]
message = "os.system({{cmd}}) runs a shell"

[docs]
what = "w"
why = "y"
example = "e"
fix = "f"

[match]
query = '''
((call
   function: (attribute object: (identifier) @m attribute: (identifier) @f)
   arguments: (argument_list . (_) @cmd)) @match
 (#eq? @m "os") (#eq? @f "system") (#not-literal? @cmd))
'''

[fix]
capture = "f"
replacement = "run"
"#;

fn error_for(text: &str) -> RuleError {
    parse_rule(text, "rules/python/os-system.toml", Some("os-system"))
        .expect_err("rule should be rejected")
}

#[test]
fn a_good_rule_loads() {
    let rule = parse_rule(GOOD, "x.toml", Some("os-system")).unwrap();
    assert_eq!(rule.id, "python.os-system");
    assert_eq!(rule.severity, Severity::Error);
    assert_eq!(rule.targets, vec![Target::Language(Language::Python)]);
    assert!(matches!(rule.matcher, Matcher::Query { ref report, .. } if report == "match"));
    assert_eq!(rule.fix.as_ref().unwrap().replacement, "run");
}

#[test]
fn typescript_covers_tsx() {
    let text = GOOD
        .replace("python.os-system", "js.os-system")
        .replace("[\"python\"]", "[\"javascript\", \"typescript\"]")
        .replace(
            "(attribute object: (identifier) @m attribute: (identifier) @f)",
            "(member_expression object: (identifier) @m property: (property_identifier) @f)",
        )
        .replace("argument_list", "arguments")
        .replace("((call\n", "((call_expression\n");
    let rule = parse_rule(&text, "x.toml", Some("os-system")).unwrap();
    assert_eq!(
        rule.targets,
        vec![
            Target::Language(Language::JavaScript),
            Target::Language(Language::TypeScript),
            Target::Language(Language::Tsx)
        ]
    );
}

#[test]
fn syntax_errors_name_file_and_line() {
    let e = error_for(&GOOD.replace("severity = \"error\"", "severity = \"fatal\""));
    assert_eq!(e.origin, "rules/python/os-system.toml");
    assert_eq!(e.line, Some(3));
    assert!(e.message.contains("fatal"), "{e}");
    assert!(
        e.to_string().starts_with("rules/python/os-system.toml:3: "),
        "{e}"
    );
}

#[test]
fn unknown_keys_are_rejected() {
    let e = error_for(&GOOD.replace(
        "confidence = \"high\"",
        "confidence = \"high\"\nseverty = \"x\"",
    ));
    assert_eq!(e.line, Some(5));
    assert!(e.message.contains("severty"), "{e}");
}

#[test]
fn query_errors_point_at_the_query_line() {
    let e = error_for(&GOOD.replace("(#eq? @m \"os\")", "(#eq? @m \"os\") (no_such_node)"));
    assert!(e.message.contains("does not compile for python"), "{e}");
    assert_eq!(e.line, Some(19), "{e}");
}

#[test]
fn predicates_outside_the_pattern_group_are_rejected() {
    let text = GOOD.replace(
        "((call\n   function: (attribute object: (identifier) @m attribute: (identifier) @f)\n   arguments: (argument_list . (_) @cmd)) @match\n (#eq? @m \"os\") (#eq? @f \"system\") (#not-literal? @cmd))",
        "(call\n   function: (attribute object: (identifier) @m attribute: (identifier) @f)\n   arguments: (argument_list . (_) @cmd)) @match\n(#eq? @m \"os\")",
    );
    assert_ne!(text, GOOD);
    let e = error_for(&text);
    assert!(e.message.contains("outside a pattern"), "{e}");
    assert_eq!(e.line, Some(19), "{e}");
}

#[test]
fn every_pattern_needs_the_report_capture() {
    let e = error_for(&GOOD.replace("'''\n\n[fix]", "(string) @other\n'''\n\n[fix]"));
    assert!(e.message.contains("no `@match` capture"), "{e}");
    assert_eq!(e.line, Some(20), "{e}");
}

#[test]
fn unknown_predicates_are_rejected() {
    let e = error_for(&GOOD.replace("(#not-literal? @cmd)", "(#tainted? @cmd)"));
    assert!(e.message.contains("unknown predicate `#tainted?`"), "{e}");
}

#[test]
fn bad_custom_predicate_arguments_are_rejected() {
    let e = error_for(&GOOD.replace("(#not-literal? @cmd)", "(#min-entropy? @cmd \"lots\")"));
    assert!(e.message.contains("min-entropy"), "{e}");
    let e = error_for(&GOOD.replace("(#not-literal? @cmd)", "(#kind? @cmd)"));
    assert!(e.message.contains("at least one string"), "{e}");
    let e = error_for(&GOOD.replace("(#not-literal? @cmd)", "(#resolves-to? @cmd)"));
    assert!(e.message.contains("resolves-to"), "{e}");
}

#[test]
fn ids_must_match_their_file_and_language() {
    let e = error_for(&GOOD.replace("python.os-system", "python.OsSystem"));
    assert!(e.message.contains("kebab-case"), "{e}");
    let e = error_for(&GOOD.replace("python.os-system", "python.other-name"));
    assert!(e.message.contains("other-name.toml"), "{e}");
    let e = error_for(&GOOD.replace("python.os-system", "rust.os-system"));
    assert!(e.message.contains("prefix"), "{e}");
}

#[test]
fn templates_must_name_captures() {
    let e = error_for(&GOOD.replace("os.system({{cmd}})", "os.system({{command}})"));
    assert!(e.message.contains("{{command}}"), "{e}");
    let e = error_for(&GOOD.replace("capture = \"f\"", "capture = \"function\""));
    assert!(e.message.contains("fix capture `function`"), "{e}");
}

#[test]
fn regex_rules_are_validated() {
    let regex_rule = GOOD
        .replace("python.os-system", "any.os-system")
        .replace("[\"python\"]", "[\"any\"]")
        .replace("os.system({{cmd}}) runs a shell", "key {{report}}");
    let start = regex_rule.find("query = '''").unwrap();
    let end = regex_rule.find("[fix]").unwrap();
    let base = format!(
        "{}regex = '''(?P<report>AKIA[0-9A-Z]{{16}})'''\n\n",
        &regex_rule[..start]
    );
    let rule = parse_rule(&base, "x.toml", Some("os-system")).unwrap();
    assert!(matches!(
        rule.matcher,
        Matcher::Regex {
            scope: RegexScope::Any,
            ..
        }
    ));
    let _ = end;
    let e = error_for(&base.replace("AKIA[0-9A-Z]{16}", "AKIA[0-9A-Z"));
    assert!(e.message.contains("invalid regex"), "{e}");
    let e = error_for(&base.replace("'''\n\n", "'''\nexclude = '''(EXAMPLE'''\n"));
    assert!(e.message.contains("invalid `exclude` regex"), "{e}");
    assert_eq!(e.line, Some(16), "{e}");
    let e = error_for(&base.replace("'''\n\n", "'''\nscope = \"strings\"\n"));
    assert!(e.message.contains("unknown scope"), "{e}");
    let e = error_for(&format!(
        "{}query = '''((string) @match)'''\n",
        &regex_rule[..start]
    ));
    assert!(e.message.contains("must use `regex`"), "{e}");
}

/// The embedded pack's regexes compile on first use; a user's rule file still fails to load,
/// naming the file and line, on any regex that does not compile (`regex` and `exclude`: in
/// `regex_rules_are_validated`; here every regex of a `[taint]` table).
#[test]
fn user_regexes_compile_when_loaded_and_the_packs_on_first_use() {
    let flow = GOOD[..GOOD.find("[match]").unwrap()]
        .replace("os.system({{cmd}}) runs a shell", "os.system runs a shell")
        + "[taint]\n[[taint.sinks]]\ncall = \"os.system\"\nargs = [0]\n\
           [[taint.sources]]\nmethod = \"get\"\nreceiver = '''(request'''\n";
    let e = error_for(&flow);
    assert!(e.message.contains("invalid `receiver` regex"), "{e}");
    assert!(e.line.is_some(), "{e}");
    assert!(
        parse_rule(
            &flow.replace("(request", "request"),
            "x.toml",
            Some("os-system")
        )
        .is_ok(),
        "the same table with a valid regex loads"
    );

    let rules = load_embedded().unwrap();
    let secrets: Vec<&LazyRegex> = rules
        .iter()
        .filter_map(|rule| match &rule.matcher {
            Matcher::Regex { regex, .. } => Some(regex),
            _ => None,
        })
        .collect();
    assert!(secrets.len() > 10, "the pack has its secret patterns");
    assert!(
        secrets.iter().all(|regex| !regex.is_compiled()),
        "loading the embedded pack compiles none of its regexes"
    );
}

/// Source queries of the pack compile when a text holds their words; a user's rule file
/// still fails to load on one that does not compile or has no `@source`.
#[test]
fn user_source_queries_compile_when_loaded() {
    let flow = |query: &str| {
        GOOD[..GOOD.find("[match]").unwrap()]
            .replace("os.system({{cmd}}) runs a shell", "os.system runs a shell")
            + "[taint]\n[[taint.sinks]]\ncall = \"os.system\"\nargs = [0]\n\
               [[taint.sources]]\nquery = '''"
            + query
            + "'''\n"
    };
    let e = error_for(&flow(
        "(function_definition parameters: (parameters (identifier) @source)",
    ));
    assert!(
        e.message
            .contains("source query does not compile for python"),
        "{e}"
    );
    assert!(e.line.is_some(), "{e}");
    let e = error_for(&flow(
        "(function_definition parameters: (parameters (identifier) @param))",
    ));
    assert!(e.message.contains("needs a `@source` capture"), "{e}");
    assert!(
        parse_rule(
            &flow("(function_definition parameters: (parameters (identifier) @source))"),
            "x.toml",
            Some("os-system")
        )
        .is_ok(),
        "the same table with a valid query loads"
    );
}

#[test]
fn docs_and_cwe_are_required() {
    let e = error_for(&GOOD.replace("why = \"y\"", "why = \" \""));
    assert!(e.message.contains("docs.why"), "{e}");
    let e = error_for(&GOOD.replace("[\"CWE-78\"]", "[\"78\"]"));
    assert!(e.message.contains("not a CWE id"), "{e}");
    let e = error_for(&GOOD.replace("[docs]", "[docz]"));
    assert!(
        e.message.contains("docz") || e.message.contains("docs"),
        "{e}"
    );
}

#[test]
fn the_embedded_pack_is_valid() {
    let rules = load_embedded_checked(QueryChecks::Full).unwrap_or_else(|errors| {
        panic!(
            "{}",
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    let set = crate::rules::RuleSet::new(rules).expect("embedded rule ids are unique");
    set.compile_all().expect("embedded rules compile together");
}

/// What `supersedes` promises in the pack: the superseded rule exists and runs on the same
/// files, its finding is never more severe, and the stronger rule runs wherever it does (a
/// finding dropped for one that file context then filters out would lose the problem).
#[test]
fn the_packs_supersedes_name_weaker_rules_of_the_same_files() {
    let rules = load_embedded().unwrap();
    let mut pairs = 0;
    for strong in &rules {
        for weak_id in &strong.supersedes {
            let weak = rules
                .iter()
                .find(|r| &r.id == weak_id)
                .unwrap_or_else(|| panic!("{} supersedes unknown rule {weak_id}", strong.id));
            assert!(
                weak.targets.iter().all(|t| strong.targets.contains(t)),
                "{} supersedes {weak_id}, which runs on other languages",
                strong.id
            );
            assert!(
                weak.severity <= strong.severity,
                "{} supersedes the more severe {weak_id}",
                strong.id
            );
            assert!(
                weak.contexts.iter().all(|c| strong.contexts.contains(c)),
                "{} supersedes {weak_id}, which runs in more kinds of file",
                strong.id
            );
            pairs += 1;
        }
    }
    assert!(pairs >= 3, "{pairs}");
}
