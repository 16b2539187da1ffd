//! `slopguard check` output formats end to end: the real binary on temp git repositories.

mod common;

use common::*;
use serde_json::{Value, json};
use std::path::Path;

#[test]
fn text_output_frames_each_finding_and_sums_up() {
    let repo = Repo::new();
    repo.write("src/app.py", "import os\nx = eval(payload)\n")
        .write("conf/.env", "KEY=TESTKEY_0123456789\n");
    let output = repo.check(&[]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(!stdout.contains('\x1b'), "no colour when piped: {stdout}");
    for expected in [
        "error[python.eval-call]: `eval()` runs arbitrary code",
        "src/app.py:2:5",
        "x = eval(payload)",
        "^^^^^^^^^^^^^",
        "replace with `ast.literal_eval`",
        "warning[any.test-key]: a test access key",
        "conf/.env:1:5",
        "Found 2 findings (1 error, 1 warning) in 2 files.",
    ] {
        assert!(
            stdout.contains(expected),
            "missing `{expected}` in:\n{stdout}"
        );
    }
    // Sorted by path: conf/.env before src/app.py.
    assert!(stdout.find("conf/.env").unwrap() < stdout.find("src/app.py").unwrap());
}

#[test]
fn a_clean_tree_exits_zero_with_one_line() {
    let repo = Repo::new();
    repo.write("app.py", "print('hello')\n");
    let output = repo.check(&[]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "No findings in 1 file.\n"
    );
}

#[test]
fn json_output_has_the_documented_shape() {
    let repo = Repo::new();
    repo.write("src/app.py", "x = eval(payload)\n");
    let (code, document) = repo.json(&["src"]);
    assert_eq!(code, 1);
    assert_eq!(
        document,
        json!({
            "version": 1,
            "findings": [{
                "rule": "python.eval-call",
                "category": "insecure-code",
                "severity": "error",
                "message": "`eval()` runs arbitrary code",
                "path": "src/app.py",
                "range": {"start": {"line": 1, "column": 5}, "end": {"line": 1, "column": 18}},
                "cwe": ["CWE-95"],
                "fix": {
                    "range": {"start": {"line": 1, "column": 5}, "end": {"line": 1, "column": 9}},
                    "replacement": "ast.literal_eval",
                    "safe": false
                }
            }],
            "summary": {"files": 1, "skipped": 0, "findings": 1, "error": 1, "warning": 0, "info": 0, "hint": 0,
                "incomplete": [],
                "dependencies": {"direct_added": [], "transitive_added": [], "removed": []}}
        })
    );
    // Keys come in the documented order.
    let raw =
        String::from_utf8(repo.check(&["--format", "json"]).output().unwrap().stdout).unwrap();
    let order: Vec<usize> = [
        "\"rule\"",
        "\"category\"",
        "\"severity\"",
        "\"message\"",
        "\"path\"",
        "\"range\"",
        "\"cwe\"",
        "\"fix\"",
    ]
    .iter()
    .map(|key| raw.find(key).unwrap())
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{raw}");
    // The path is reported as given.
    let (_, document) = repo.json(&["./src/app.py"]);
    assert_eq!(found(&document), vec![eval_at("./src/app.py", 1)]);
}

#[test]
fn sarif_output_validates_against_the_2_1_0_schema() {
    let repo = Repo::new();
    repo.write(
        "my dir/app.py",
        "x = eval(payload)\n# slopguard: ignore[python.eval-call]\ny = 1\n",
    )
    .write(".env", "KEY=TESTKEY_0123456789\n");
    let output = repo.check(&["--format", "sarif"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();

    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sarif-schema-2.1.0.json");
    let mut schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    // The official schema's `language` patterns (on `run` and `toolComponent`) have a stray `]`
    // that ECMA-262 reads as a literal but the validator's meta-schema check rejects as a
    // regex. Escape it here, in memory, so the vendored file stays byte-for-byte the published
    // one. (Our output sets no `language`.)
    assert_eq!(escape_stray_bracket(&mut schema), 2);
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "SARIF is invalid: {errors:#?}");
    // The validator does reject what the standard forbids.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = json!("fatal");
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        json!(0);
    assert_eq!(validator.iter_errors(&broken).count(), 2);

    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let eval = rules
        .iter()
        .find(|r| r["id"] == "python.eval-call")
        .unwrap();
    assert_eq!(eval["defaultConfiguration"]["level"], "error");
    assert!(
        eval["properties"]["tags"]
            .as_array()
            .unwrap()
            .contains(&json!("CWE-95"))
    );
    assert!(
        eval["help"]["text"]
            .as_str()
            .unwrap()
            .contains("ast.literal_eval")
    );
    assert_eq!(eval["fullDescription"]["text"], "Finds calls to eval.");
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 3, "{results:#?}");
    let eval_result = results
        .iter()
        .find(|r| r["ruleId"] == "python.eval-call")
        .unwrap();
    let location = &eval_result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "my%20dir/app.py");
    assert_eq!(
        location["region"],
        json!({"startLine": 1, "startColumn": 5, "endLine": 1, "endColumn": 18})
    );
    let replacement = &eval_result["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "ast.literal_eval");
    // The unused-suppression hint has a rule descriptor too, so ruleIndex always resolves.
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
}

#[test]
fn github_output_is_workflow_commands() {
    let repo = Repo::new();
    repo.write("app.py", "x = eval(payload)\n")
        .write("k.txt", "TESTKEY_0123456789\n");
    let output = repo.check(&["--format", "github"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "::error file=app.py,line=1,col=5,endLine=1,endColumn=18,title=python.eval-call::`eval()` runs arbitrary code [python.eval-call]\n\
         ::warning file=k.txt,line=1,col=1,endLine=1,endColumn=19,title=any.test-key::a test access key [any.test-key]\n"
    );
}

/// Replaces the schema's `language` pattern with the same pattern, `]` escaped; returns how
/// many it replaced.
fn escape_stray_bracket(value: &mut Value) -> usize {
    const PUBLISHED: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match value {
        Value::Object(map) => {
            let mut n = 0;
            for (key, child) in map.iter_mut() {
                if key == "pattern" && child == PUBLISHED {
                    *child = json!(PUBLISHED.replace("}]?", "}\\]?"));
                    n += 1;
                } else {
                    n += escape_stray_bracket(child);
                }
            }
            n
        }
        Value::Array(items) => items.iter_mut().map(escape_stray_bracket).sum(),
        _ => 0,
    }
}

#[test]
fn carriage_returns_alone_end_lines_in_every_format() {
    // Old Mac line endings (`\r` alone), mixed with `\r\n` and `\n`: findings land on the line
    // an editor shows, not all on line 1.
    let repo = Repo::new();
    repo.write("cr.py", "import os\r\r# c\r\nx = eval(payload)\ry = 1\n")
        .write("conf/.env", "A=1\rKEY=TESTKEY_0123456789\r");
    let (_, document) = repo.json(&[]);
    assert_eq!(
        found(&document),
        vec![
            ("any.test-key".into(), "conf/.env".into(), 2),
            eval_at("cr.py", 4)
        ]
    );
    assert_eq!(document["findings"][1]["range"]["start"]["column"], 5);

    let text = repo.check(&[]).output().unwrap();
    let stdout = String::from_utf8(text.stdout).unwrap();
    assert!(stdout.contains("cr.py:4:5"), "{stdout}");
    // The snippet is the line itself, without the lines a `\r` ended before it.
    assert!(stdout.contains("x = eval(payload)\n"), "{stdout}");
    assert!(!stdout.contains("import os"), "{stdout}");

    let sarif = repo.check(&["--output-format", "sarif"]).output().unwrap();
    let sarif: Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let lines: Vec<&Value> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["locations"][0]["physicalLocation"]["region"]["startLine"])
        .collect();
    assert_eq!(lines, [&json!(2), &json!(4)]);
}
