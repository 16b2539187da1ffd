//! The check pipeline as a library: project-level findings (as the registry and dependency
//! checks will add them) go through the same suppressions, policy and sorting as per-file ones.

use slopguard::check::{self, CheckOptions, Settings};
use slopguard::config::Config;
use slopguard::finding::{Finding, PackageRef};
use slopguard::rules::{Category, Confidence, KnownIds, RuleSet, Severity, parse_rule};
use slopguard::text::LineIndex;
use std::path::Path;

const EVAL_RULE: &str = r#"
id = "python.eval-call"
languages = ["python"]
severity = "error"
cwe = ["CWE-95"]
message = "eval"
[docs]
what = "w"
why = "w"
example = "eval(x)"
fix = "f"
[match]
query = '''((call function: (identifier) @f) @match (#eq? @f "eval"))'''
"#;

fn settings(dir: &Path, config: &str) -> Settings {
    let config = Config::parse(config, &dir.join("slopguard.toml")).unwrap();
    Settings {
        rules: RuleSet::new(vec![parse_rule(EVAL_RULE, "test", None).unwrap()]).unwrap(),
        known_ids: KnownIds::new(["python.eval-call"]),
        policy: config.rules,
        excludes: config.excludes,
        max_file_size: config.max_file_size,
        files: config.files,
        attributes: Default::default(),
        root: dir.to_path_buf(),
    }
}

/// A project-level finding about `name` on 0-based `line` of `text`.
fn package_finding(text: &str, line: usize, name: &str) -> Finding {
    let lines = LineIndex::new(text);
    let start = lines.line_start(line);
    Finding {
        rule_id: "pypi.unknown-package".into(),
        category: Category::HallucinatedPackage,
        severity: Severity::Error,
        confidence: Confidence::High,
        message: format!("`{name}` is not on PyPI").into(),
        span: lines.span(start, start + lines.line_text(line).len()),
        cwe: vec![].into(),
        fix: None,
        package: Some(PackageRef {
            ecosystem: "pypi".into(),
            name: name.into(),
            version: None,
        }),
        flow: None,
        advisory: None,
    }
}

#[test]
fn project_findings_meet_the_same_suppressions_and_policy() {
    let dir = tempfile::TempDir::new().unwrap();
    let app = dir.path().join("app.py");
    let app_text = "import requestz  # slopguard: ignore[pypi.unknown-package]\nx = eval(y)\n";
    std::fs::write(&app, app_text).unwrap();
    let reqs = dir.path().join("requirements.txt");
    let reqs_text = "flask\nhallucinated-pkg\n";
    std::fs::write(&reqs, reqs_text).unwrap();

    let settings = settings(dir.path(), "[rules.severity]\n\"pypi.*\" = \"warning\"\n");
    let options = CheckOptions {
        paths: vec![dir.path().to_path_buf()],
        threads: Some(1),
        ..CheckOptions::default()
    };
    let mut analysis = check::analyse(&options, &settings).unwrap();
    analysis.add_findings(
        vec![
            (app.clone(), package_finding(app_text, 0, "requestz")),
            (
                reqs.clone(),
                package_finding(reqs_text, 1, "hallucinated-pkg"),
            ),
        ],
        &settings,
    );
    let outcome = analysis.finish(&settings, None);
    let found: Vec<(String, u32, Severity)> = outcome
        .findings
        .iter()
        .map(|r| {
            let name = Path::new(&r.path)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (
                format!("{name}:{}", r.finding.rule_id),
                r.finding.span.start.line,
                r.finding.severity,
            )
        })
        .collect();
    // The suppression on line 1 of app.py silenced the project finding that came later, so it
    // is not reported as unused; the requirements finding got the severity override.
    assert_eq!(
        found,
        vec![
            ("app.py:python.eval-call".into(), 1, Severity::Error),
            (
                "requirements.txt:pypi.unknown-package".into(),
                1,
                Severity::Warning
            ),
        ]
    );
    let reqs_finding = &outcome.findings[1];
    assert_eq!(reqs_finding.snippet.text, "hallucinated-pkg");
    assert_eq!(
        reqs_finding.finding.package.as_ref().unwrap().name,
        "hallucinated-pkg"
    );
}
