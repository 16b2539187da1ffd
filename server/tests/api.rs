//! The library API the CLI and the LSP are built on: `analyze(path_or_language, text)`.

use slopguard::lang::Language;
use slopguard::rules::{Category, Severity};
use slopguard::{FileKind, analyze};

#[test]
fn analyze_reports_rule_findings_with_exact_ranges_and_fixes() {
    let text = "import yaml\n\ndef load(body):\n    return yaml.load(body)\n";
    let findings = analyze("service/app.py", text);
    let finding = findings
        .iter()
        .find(|f| &*f.rule_id == "python.yaml-load")
        .expect("yaml.load is flagged");
    assert_eq!(finding.category, Category::InsecureCode);
    assert_eq!(finding.severity, Severity::Error);
    assert!(finding.cwe.contains(&"CWE-502".to_string()));
    assert_eq!(finding.span.start.line, 3);
    assert_eq!(
        &text[finding.span.start_byte..finding.span.end_byte],
        "yaml.load(body)"
    );
    assert_eq!(finding.span.start.column, 11);
    let fix = finding.fix.as_ref().expect("yaml.load has a fix");
    let mut fixed = text.to_string();
    fixed.replace_range(fix.span.start_byte..fix.span.end_byte, &fix.replacement);
    assert!(fixed.contains("yaml.safe_load(body)"), "{fixed}");
    assert!(
        analyze("service/app.py", &fixed)
            .iter()
            .all(|f| &*f.rule_id != "python.yaml-load")
    );
}

#[test]
fn the_language_can_be_given_instead_of_a_path() {
    let text = "el.innerHTML = userInput;\n";
    assert!(
        analyze(Language::JavaScript, text)
            .iter()
            .any(|f| &*f.rule_id == "js.dom-html-injection")
    );
    assert!(
        analyze(Language::Tsx, text)
            .iter()
            .any(|f| &*f.rule_id == "js.dom-html-injection")
    );
    assert!(analyze(FileKind::Text, text).is_empty());
}

#[test]
fn files_without_a_grammar_get_the_secret_rules() {
    let text = "GITHUB_TOKEN=ghp_Xq7ZbR2mT9wL4kPj8YcN3vH6sD1fG5aE0uKi\n";
    let findings = analyze("deploy/.env", text);
    assert!(
        findings.iter().any(|f| &*f.rule_id == "any.github-token"),
        "{findings:#?}"
    );
}

/// Nesting the bracket limit does not see: statements under `if (a)` without braces, closures
/// returning closures. Tens of thousands of levels deep, the code at the bottom is still read:
/// walks that recursed per level overflowed the stack, and walks that asked each node for its
/// ancestors (`Node::parent` descends from the root) took minutes.
#[test]
fn nesting_without_brackets_is_read_to_the_bottom() {
    const DEPTH: usize = 20_000;
    let shell = "require('child_process').exec(process.argv[2]);\n";
    let cases = [
        ("ifs.js", format!("{}{shell}", "if (a)\n".repeat(DEPTH))),
        (
            "arrows.js",
            format!("const f = {}{shell}", "() =>\n".repeat(DEPTH)),
        ),
        (
            "lambdas.py",
            format!(
                "import os\nf = {}os.system(input())\n",
                "lambda: ".repeat(DEPTH)
            ),
        ),
    ];
    for (path, text) in cases {
        let findings = analyze(path, &text);
        let last_line = (text.lines().count() - 1) as u32;
        assert!(
            findings.iter().any(|f| f.span.start.line == last_line),
            "{path}: nothing found at the bottom: {:?}",
            findings.iter().map(|f| &f.rule_id).collect::<Vec<_>>()
        );
    }
}

#[test]
fn odd_input_is_analysed_without_panicking() {
    let nested = format!("x = {}1{}\n", "(".repeat(20_000), ")".repeat(20_000));
    analyze("deep.py", &nested);
    // The data-flow evaluator recurses per expression: chains without brackets and objects just
    // below the parser's nesting limit once overflowed its stack.
    let chain = format!(
        "def f(q):\n    a = q{}\n    eval(a)\n",
        " + 1".repeat(50_000)
    );
    analyze("chain.py", &chain);
    let objects = format!(
        "function f(req) {{ const a = {}req.query.x{}; eval(a); }}\n",
        "{ k: ".repeat(120),
        " }".repeat(120)
    );
    analyze("objects.js", &objects);
    analyze("broken.ts", "function f( {\n  const x = `${\n");
    analyze(
        "weird.rs",
        "fn main() { let s = \"\u{feff}é\u{0}\"; unsafe { }\n",
    );
    analyze("empty.js", "");
    let lossy = String::from_utf8_lossy(b"eval(\xff\xfe input)\n");
    analyze("bad.py", &lossy);
}
