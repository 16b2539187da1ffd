//! `slopguard rules list/show` as a user meets them: a closed pipe ends the output quietly, a
//! near-miss id gets a suggestion, fix templates read as what they do, and `list` prints the
//! columns its help names.

use assert_cmd::Command;
use std::io::Read;
use std::process::Stdio;

fn slopguard() -> Command {
    Command::cargo_bin("slopguard").unwrap()
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    for args in [&["rules", "list"][..], &["rules", "docs"][..]] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("slopguard"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before the first line is written (`| head -0`).
        drop(child.stdout.take());
        let status = child.wait().unwrap();
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        assert_eq!(status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn show_suggests_the_id_and_renders_the_fix_template() {
    let output = slopguard()
        .args(["rules", "show", "yaml-load"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("did you mean `python.yaml-load`?"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let output = slopguard()
        .args(["rules", "show", "python.yaml-load"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(!text.contains("{{"), "raw template: {text}");
    assert!(text.contains("replaces <func> with safe_<func>"), "{text}");
}

#[test]
fn list_prints_the_columns_its_help_names() {
    let help = slopguard().args(["rules", "--help"]).output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(help.contains("id, severity, languages, CWE"), "{help}");
    let list = slopguard().args(["rules", "list"]).output().unwrap();
    let list = String::from_utf8(list.stdout).unwrap();
    let yaml = list
        .lines()
        .find(|l| l.starts_with("python.yaml-load "))
        .unwrap();
    let columns: Vec<&str> = yaml.split_whitespace().collect();
    assert_eq!(columns, ["python.yaml-load", "error", "python", "CWE-502"]);
}

/// The docs' example ids (settings, suppressions, config) are ids of real rules: a user who
/// copies an example must get a working setting, not a silent no-op.
#[test]
fn every_rule_id_the_docs_quote_exists() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files: Vec<std::path::PathBuf> = vec![
        root.join("README.md"),
        root.join("editors/vscode/package.json"),
    ];
    for dir in ["docs", "editors/vscode", "editors/helix", "editors/nvim"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    let quoted_id =
        regex::Regex::new(r#"["'`]((?:python|js|ts|rust|any)\.[a-z0-9]+(?:-[a-z0-9]+)*)["'`]"#)
            .unwrap();
    let rules = slopguard::rules::RuleSet::builtin();
    let mut unknown = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for id in quoted_id.captures_iter(&text).map(|c| c[1].to_string()) {
            if rules.get(&id).is_none() {
                unknown.push(format!("{}: {id}", file.display()));
            }
        }
    }
    assert!(files.len() > 10, "{files:?}");
    assert_eq!(unknown, Vec::<String>::new());
}
