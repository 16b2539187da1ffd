//! The rule pack against its corpus, through the real binary: `slopguard rules test` must pass
//! with no false positive and no false negative, and the pack must stay the size users rely on.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn slopguard() -> Command {
    Command::cargo_bin("slopguard").unwrap()
}

#[test]
fn the_pack_passes_its_corpus() {
    let root = repo_root();
    let output = slopguard()
        .args(["rules", "test", "--corpus"])
        .arg(root.join("corpus"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "rules test failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary = stdout.lines().last().unwrap();
    assert!(
        summary.contains("FP 0, FN 0; 0 rules failed, 0 corpus errors"),
        "{summary}"
    );
    let rules: usize = summary.split(' ').next().unwrap().parse().unwrap();
    assert!(
        rules >= 80,
        "the pack has {rules} rules; the product promises at least 80"
    );
}

#[test]
fn every_language_has_rules_and_samples() {
    let root = repo_root();
    let output = slopguard().args(["rules", "list"]).output().unwrap();
    let listing = String::from_utf8(output.stdout).unwrap();
    for prefix in ["python.", "js.", "rust.", "any."] {
        let count = listing.lines().filter(|l| l.starts_with(prefix)).count();
        assert!(count >= 10, "only {count} `{prefix}*` rules");
    }
    for dir in ["python", "javascript", "typescript", "rust", "any"] {
        let samples = std::fs::read_dir(root.join("corpus").join(dir))
            .map(|d| d.count())
            .unwrap_or(0);
        assert!(samples >= 2, "corpus/{dir} has {samples} sample files");
    }
}

#[test]
fn a_failing_rule_fails_the_test_command() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&rules).unwrap();
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(
        rules.join("print-call.toml"),
        r#"id = "python.print-call"
languages = ["python"]
severity = "info"
cwe = ["CWE-532"]
message = "print({{arg}})"
[docs]
what = "Finds print calls."
why = "Logs can leak."
example = "print(x)"
fix = "Use logging."
[match]
query = '''
((call function: (identifier) @f arguments: (argument_list . (_) @arg)) @match
 (#eq? @f "print"))
'''
"#,
    )
    .unwrap();
    std::fs::write(
        corpus.join("sample.py"),
        "# ruleid: python.print-call\nprint(secret)\n# ok: python.print-call\nlog(secret)\n# ruleid: python.print-call\nlog(x)\n# ok: python.print-call\nprint(y)\n",
    )
    .unwrap();
    let output = slopguard()
        .args(["rules", "test", "--no-builtin-rules", "-v", "--rules"])
        .arg(&rules)
        .arg("--corpus")
        .arg(&corpus)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("python.print-call"), "{stdout}");
    assert!(stdout.contains("missed at"), "{stdout}");
    assert!(stdout.contains("sample.py:6"), "{stdout}");
    assert!(
        stdout.contains("false positive at") && stdout.contains("sample.py:8"),
        "{stdout}"
    );
    assert!(stdout.contains("TP 1, FP 1, FN 1"), "{stdout}");
}

#[test]
fn a_broken_rule_file_is_named_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.toml"),
        "id = \"python.bad\"\nlanguages = [\"python\"]\nseverity = \"loud\"\n",
    )
    .unwrap();
    let output = slopguard()
        .args(["rules", "list", "--rules"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bad.toml:3:"), "{stderr}");
    assert!(stderr.contains("loud"), "{stderr}");
}

#[test]
fn show_renders_docs_and_explain_prints_the_tree() {
    let output = slopguard()
        .args(["rules", "show", "python.no-such-rule"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));

    let listing =
        String::from_utf8(slopguard().args(["rules", "list"]).output().unwrap().stdout).unwrap();
    let first = listing
        .lines()
        .next()
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let output = slopguard()
        .args(["rules", "show", &first])
        .output()
        .unwrap();
    let docs = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    for heading in ["What it does", "Why is this bad?", "Example", "Fix"] {
        assert!(docs.contains(heading), "{docs}");
    }

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("app.py");
    std::fs::write(&file, "import yaml\ncfg = yaml.load(body)\n").unwrap();
    let output = slopguard()
        .args(["rules", "explain"])
        .arg(format!("{}:2:7", file.display()))
        .output()
        .unwrap();
    let tree = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{tree}");
    assert!(
        tree.contains("python node `identifier` at 2:7-2:11"),
        "{tree}"
    );
    assert!(tree.contains("object: attribute at 2:7-2:16"), "{tree}");
    assert!(tree.contains("function: call at 2:7-2:22"), "{tree}");
}

#[test]
fn the_rule_reference_is_up_to_date() {
    let output = slopguard().args(["rules", "docs"]).output().unwrap();
    assert!(output.status.success());
    let generated = String::from_utf8(output.stdout).unwrap();
    let committed = std::fs::read_to_string(repo_root().join("docs/rules.md")).unwrap_or_default();
    assert!(
        generated == committed,
        "docs/rules.md is stale: run `cargo run -- rules docs > docs/rules.md`"
    );
}

#[test]
fn a_user_rule_replaces_the_builtin_rule_with_its_id() {
    let listing =
        String::from_utf8(slopguard().args(["rules", "list"]).output().unwrap().stdout).unwrap();
    let id = listing
        .lines()
        .find(|l| l.starts_with("python."))
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let name = id.strip_prefix("python.").unwrap();
    let rule = format!(
        "id = \"{id}\"\nlanguages = [\"python\"]\nseverity = \"hint\"\ncwe = [\"CWE-1\"]\nmessage = \"tuned\"\n\
         [docs]\nwhat = \"Tuned by the user.\"\nwhy = \"y\"\nexample = \"e\"\nfix = \"f\"\n[match]\nquery = '((call) @match)'\n"
    );
    let one = tempfile::tempdir().unwrap();
    std::fs::write(one.path().join(format!("{name}.toml")), &rule).unwrap();
    let output = slopguard()
        .args(["rules", "show", &id, "--rules"])
        .arg(one.path())
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        shown.contains("Tuned by the user.") && shown.contains("(hint,"),
        "{shown}"
    );

    // Two user directories defining the same id is a conflict, not a silent override.
    let two = tempfile::tempdir().unwrap();
    std::fs::write(two.path().join(format!("{name}.toml")), &rule).unwrap();
    let output = slopguard()
        .args(["rules", "show", &id, "--rules"])
        .arg(one.path())
        .arg("--rules")
        .arg(two.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("defined more than once"));
}
