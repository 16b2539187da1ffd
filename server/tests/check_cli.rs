//! `slopguard check` end to end: the real binary on repositories built in temp dirs with real
//! git commits, and rules defined here (so the tests do not depend on the built-in pack).

use assert_cmd::Command;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const EVAL_RULE: &str = r#"
id = "python.eval-call"
languages = ["python"]
severity = "error"
confidence = "high"
cwe = ["CWE-95"]
message = "`eval()` runs arbitrary code"
[docs]
what = "Finds calls to eval."
why = "eval runs whatever string it is given."
example = '''
eval(data)
'''
fix = "Use ast.literal_eval for literals."
[match]
query = '''
((call function: (identifier) @f) @match (#eq? @f "eval"))
'''
[fix]
capture = "f"
replacement = "ast.literal_eval"
"#;

const KEY_RULE: &str = r#"
id = "any.test-key"
languages = ["any"]
severity = "warning"
cwe = ["CWE-798"]
message = "a test access key"
[docs]
what = "Finds test keys."
why = "Keys in code leak."
example = '''
TESTKEY_0123456789
'''
fix = "Load it from the environment."
[match]
regex = '''TESTKEY_[0-9]{10}'''
"#;

/// A git repository in a temp dir, and a rules dir beside it.
struct Repo {
    dir: TempDir,
    rules: TempDir,
}

impl Repo {
    fn new() -> Repo {
        let rules = TempDir::new().unwrap();
        std::fs::write(rules.path().join("eval-call.toml"), EVAL_RULE).unwrap();
        std::fs::write(rules.path().join("test-key.toml"), KEY_RULE).unwrap();
        let repo = Repo {
            dir: TempDir::new().unwrap(),
            rules,
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["config", "user.name", "Test"]);
        repo.git(&["config", "user.email", "test@example.invalid"]);
        repo.git(&["config", "commit.gpgsign", "false"]);
        repo
    }

    /// A plain directory, not a git repository.
    fn without_git() -> Repo {
        let repo = Repo::new();
        std::fs::remove_dir_all(repo.path().join(".git")).unwrap();
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, path: &str, contents: impl AsRef<[u8]>) -> &Self {
        let full = self.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, contents).unwrap();
        self
    }

    fn git(&self, args: &[&str]) {
        let status = std::process::Command::new("git")
            .args(args)
            .current_dir(self.path())
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?} failed");
    }

    fn commit_all(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    fn check(&self, args: &[&str]) -> Command {
        let mut command = Command::cargo_bin("slopguard").unwrap();
        command
            .current_dir(self.path())
            .env("NO_COLOR", "1")
            .env_remove("CI")
            .arg("check")
            .arg("--no-builtin-rules")
            .arg("--rules")
            .arg(self.rules.path())
            .args(args);
        command
    }

    /// Runs `check --format json` and returns the exit code and the document.
    fn json(&self, args: &[&str]) -> (i32, Value) {
        let output = self
            .check(&[&["--format", "json"], args].concat())
            .output()
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        let document = serde_json::from_str(&stdout).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {stdout}\nstderr: {}",
                String::from_utf8_lossy(&output.stderr)
            )
        });
        (output.status.code().unwrap(), document)
    }
}

/// `(rule, path, line)` of each finding in a JSON document.
fn found(document: &Value) -> Vec<(String, String, u64)> {
    document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["path"].as_str().unwrap().to_string(),
                f["range"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
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

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn eval_at(path: &str, line: u64) -> (String, String, u64) {
    ("python.eval-call".into(), path.into(), line)
}

#[test]
fn text_output_frames_each_finding_and_sums_up() {
    let repo = Repo::new();
    repo.write("src/app.py", "import os\nx = eval(input())\n")
        .write("conf/.env", "KEY=TESTKEY_0123456789\n");
    let output = repo.check(&[]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(!stdout.contains('\x1b'), "no colour when piped: {stdout}");
    for expected in [
        "error[python.eval-call]: `eval()` runs arbitrary code",
        "src/app.py:2:5",
        "x = eval(input())",
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
    repo.write("src/app.py", "x = eval(input())\n");
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
            "summary": {"files": 1, "skipped": 0, "findings": 1, "error": 1, "warning": 0, "info": 0, "hint": 0}
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
        "x = eval(input())\n# slopguard: ignore[python.eval-call]\ny = 1\n",
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
    repo.write("app.py", "x = eval(input())\n")
        .write("k.txt", "TESTKEY_0123456789\n");
    let output = repo.check(&["--format", "github"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "::error file=app.py,line=1,col=5,endLine=1,endColumn=18,title=python.eval-call::`eval()` runs arbitrary code [python.eval-call]\n\
         ::warning file=k.txt,line=1,col=1,endLine=1,endColumn=19,title=any.test-key::a test access key [any.test-key]\n"
    );
}

#[test]
fn staged_reports_only_lines_changed_in_the_index_and_untracked_files() {
    let repo = Repo::new();
    repo.write("app.py", "a = eval(x)\nb = 1\n")
        .write("old.py", "eval(y)\n");
    repo.commit_all("first");
    // Staged: a new eval on line 3. Unstaged: another file's change, which is not committed.
    repo.write("app.py", "a = eval(x)\nb = 1\nc = eval(z)\n");
    repo.git(&["add", "app.py"]);
    repo.write("old.py", "eval(y)\neval(w)\n");
    repo.write("new.py", "eval(q)\n");
    let (code, document) = repo.json(&["--staged"]);
    assert_eq!(code, 1);
    assert_eq!(
        found(&document),
        vec![eval_at("app.py", 3), eval_at("new.py", 1)]
    );

    // What is checked is what will be committed: unstaged edits to a staged file (lines added
    // above, a new eval) neither move the staged finding nor are reported.
    repo.write(
        "app.py",
        "import os\nd = eval(u)\na = eval(x)\nb = 1\nc = eval(z)\n",
    );
    let (_, document) = repo.json(&["--staged"]);
    assert_eq!(
        found(&document),
        vec![eval_at("app.py", 3), eval_at("new.py", 1)]
    );
    repo.git(&["add", "app.py"]);
    let (_, document) = repo.json(&["--staged"]);
    assert_eq!(
        found(&document),
        vec![
            eval_at("app.py", 2),
            eval_at("app.py", 5),
            eval_at("new.py", 1)
        ]
    );

    // Nothing staged and nothing untracked: nothing to report.
    repo.commit_all("second");
    let (code, document) = repo.json(&["--staged"]);
    assert_eq!((code, found(&document)), (0, vec![]));
}

#[test]
fn diff_reports_only_lines_changed_since_the_merge_base() {
    let repo = Repo::new();
    repo.write("app.py", "a = eval(x)\n")
        .write("lib.py", "import os\n");
    repo.commit_all("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("lib.py", "import os\nb = eval(y)\n");
    repo.commit_all("feature work");
    // Work on main after branching must not count as a change of this branch.
    repo.git(&["checkout", "-q", "main"]);
    repo.write("main_only.py", "eval(m)\n");
    repo.commit_all("main moves on");
    repo.git(&["checkout", "-q", "feature"]);
    // Uncommitted work counts.
    repo.write("app.py", "a = eval(x)\nc = eval(z)\n");

    let (code, document) = repo.json(&["--diff", "main"]);
    assert_eq!(code, 1);
    assert_eq!(
        found(&document),
        vec![eval_at("app.py", 2), eval_at("lib.py", 2)]
    );

    let output = repo.check(&["--diff", "no-such-branch"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("no-such-branch"),
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn scopes_without_a_repository_are_a_clear_error() {
    let repo = Repo::without_git();
    repo.write("app.py", "eval(x)\n");
    for flags in [&["--staged"][..], &["--diff", "main"][..]] {
        let output = repo.check(flags).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{flags:?}");
        assert!(
            stderr_of(&output).contains("needs a git repository"),
            "{}",
            stderr_of(&output)
        );
    }
}

#[test]
fn suppressions_silence_findings_and_unused_ones_are_hints() {
    let repo = Repo::new();
    repo.write(
        "app.py",
        "a = eval(x)  # slopguard: ignore[python.eval-call]\n\
         # slopguard: ignore\n\
         b = eval(y)\n\
         c = 1  # slopguard: ignore[python.eval-call, any.test-key]\n\
         d = eval(z)\n",
    );
    let (code, document) = repo.json(&[]);
    assert_eq!(
        found(&document),
        vec![
            ("slopguard.unused-suppression".into(), "app.py".into(), 4),
            eval_at("app.py", 5),
        ]
    );
    assert_eq!(document["findings"][0]["severity"], "hint");
    assert_eq!(code, 1, "the unsuppressed eval on line 5 fails the run");

    // Hints alone do not fail at the default `fail-on`.
    repo.write("app.py", "a = 1  # slopguard: ignore\n");
    let (code, document) = repo.json(&[]);
    assert_eq!(
        found(&document),
        vec![("slopguard.unused-suppression".into(), "app.py".into(), 1)]
    );
    assert_eq!(code, 0);
}

#[test]
fn config_errors_name_the_file_line_and_key() {
    let repo = Repo::new();
    repo.write("app.py", "print(1)\n");
    repo.write(
        "slopguard.toml",
        "fail-on = \"error\"\n[rules]\ndisabled = [\"x\"]\n",
    );
    let output = repo.check(&[]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr_of(&output);
    assert!(stderr.contains("slopguard.toml:3:"), "{stderr}");
    assert!(stderr.contains("disabled"), "{stderr}");

    repo.write("slopguard.toml", "fail-on = \"sometimes\"\n");
    let output = repo.check(&[]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("sometimes"),
        "{}",
        stderr_of(&output)
    );

    // Found from a subdirectory too.
    repo.write("sub/x.py", "print(1)\n");
    let output = repo
        .check(&[])
        .current_dir(repo.path().join("sub"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn config_excludes_disables_reweights_and_sets_fail_on() {
    let repo = Repo::new();
    repo.write("app.py", "eval(x)\n")
        .write("vendor/lib.py", "eval(y)\n")
        .write("keys.txt", "TESTKEY_0123456789\n")
        .write("gen/out.py", "eval(z)\n")
        .write(".gitignore", "gen/\n");
    repo.write(
        "slopguard.toml",
        "exclude = [\"vendor\"]\nfail-on = \"error\"\n[rules]\ndisable = [\"any.*\"]\n",
    );
    let (code, document) = repo.json(&[]);
    assert_eq!(found(&document), vec![eval_at("app.py", 1)]);
    assert_eq!(code, 1);
    // An excluded file named explicitly stays excluded (pre-commit passes file names).
    let (_, document) = repo.json(&["vendor/lib.py"]);
    assert_eq!(found(&document), vec![]);

    repo.write(
        "slopguard.toml",
        "fail-on = \"error\"\n[rules.severity]\n\"python.*\" = \"warning\"\n",
    );
    let (code, document) = repo.json(&[]);
    assert_eq!(document["findings"][0]["severity"], "warning");
    assert_eq!(code, 0, "warnings pass when fail-on is error");
    let (code, _) = repo.json(&["--fail-on", "warning"]);
    assert_eq!(code, 1, "the flag wins over the config");
}

#[test]
fn a_baseline_hides_known_findings_even_when_lines_move() {
    let repo = Repo::new();
    repo.write("app.py", "a = eval(x)\nb = eval(y)\n");
    std::fs::create_dir_all(repo.path().join("ci")).unwrap();
    let output = repo
        .check(&["--write-baseline", "ci/baseline.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let (code, document) = repo.json(&["--baseline", "ci/baseline.json"]);
    assert_eq!((code, found(&document)), (0, vec![]));

    // Code added above moves the old findings; only the new one is reported.
    repo.write(
        "app.py",
        "import os\nnew = eval(z)\na = eval(x)\n\nb = eval(y)\n",
    );
    let (code, document) = repo.json(&["--baseline", "ci/baseline.json"]);
    assert_eq!((code, found(&document)), (1, vec![eval_at("app.py", 2)]));
    // A second copy of a baselined line is new too.
    repo.write("app.py", "a = eval(x)\na = eval(x)\nb = eval(y)\n");
    let (_, document) = repo.json(&["--baseline", "ci/baseline.json"]);
    assert_eq!(found(&document).len(), 1);

    // Run from another directory, the baseline still matches.
    repo.write("app.py", "a = eval(x)\nb = eval(y)\n");
    let output = repo
        .check(&[
            "--format",
            "json",
            "--baseline",
            "../ci/baseline.json",
            "..",
        ])
        .current_dir(repo.path().join("ci"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));

    repo.write("broken.json", "{not json");
    let output = repo.check(&["--baseline", "broken.json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("broken.json"));
}

#[test]
fn binary_oversized_and_invalid_utf8_files_are_noted_not_fatal() {
    let repo = Repo::new();
    repo.write("image.png", b"\x89PNG\r\n\x1a\n\0\0\0IHDR")
        .write("big.py", format!("eval(x)\n{}", "# padding\n".repeat(200)))
        .write("latin1.py", b"s = '\xe9t\xe9'\neval(y)\n")
        .write("slopguard.toml", "max-file-size = 1000\n");
    let output = repo.check(&["--format", "json"]).output().unwrap();
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("skipped 1 binary file(s): image.png"),
        "{stderr}"
    );
    assert!(
        stderr.contains("skipped big.py: 2008 bytes is over the size limit"),
        "{stderr}"
    );
    assert!(
        stderr.contains("not valid UTF-8") && stderr.contains("latin1.py"),
        "{stderr}"
    );
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    // The file with invalid UTF-8 is still checked.
    assert_eq!(found(&document), vec![eval_at("latin1.py", 2)]);
    assert_eq!(document["summary"]["skipped"], 2);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn unreadable_paths_fail_the_run_even_without_findings() {
    let repo = Repo::new();
    repo.write("app.py", "print(1)\n");
    let output = repo.check(&["app.py", "missing.py"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("missing.py"),
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn gitignored_files_are_not_walked_but_hidden_files_are() {
    let repo = Repo::new();
    repo.write(".gitignore", "build/\n")
        .write(".ignore", "scratch.py\n")
        .write("build/gen.py", "eval(a)\n")
        .write("scratch.py", "eval(b)\n")
        .write(".hidden/tool.py", "eval(c)\n");
    let (_, document) = repo.json(&[]);
    assert_eq!(found(&document), vec![eval_at(".hidden/tool.py", 1)]);
}

#[test]
fn standard_input_is_checked_under_the_given_name() {
    let repo = Repo::new();
    let output = repo
        .check(&["--stdin-filename", "src/x.py", "--format", "json"])
        .write_stdin("y = 1\nz = eval(q)\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(found(&document), vec![eval_at("src/x.py", 2)]);
}

#[test]
fn usage_errors_exit_2() {
    let repo = Repo::new();
    let output = repo.check(&["--format", "xml"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = repo
        .check(&["--staged", "--diff", "main"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn init_writes_a_config_that_check_accepts() {
    let repo = Repo::new();
    repo.write("app.py", "eval(x)\n");
    let mut init = Command::cargo_bin("slopguard").unwrap();
    init.current_dir(repo.path()).arg("init").assert().success();
    let written: PathBuf = repo.path().join("slopguard.toml");
    assert!(
        std::fs::read_to_string(&written)
            .unwrap()
            .contains("fail-on = \"warning\"")
    );
    let (code, document) = repo.json(&[]);
    assert_eq!((code, found(&document)), (1, vec![eval_at("app.py", 1)]));
    let mut again = Command::cargo_bin("slopguard").unwrap();
    again.current_dir(repo.path()).arg("init").assert().code(2);
}

#[test]
fn special_files_are_refused_rather_than_read() {
    let repo = Repo::new();
    let fifo = repo.path().join("pipe.py");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    // Named explicitly: an error, not a hang. Inside a walked directory: not a file, not read.
    let output = repo
        .check(&["pipe.py"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("not a regular file"),
        "{}",
        stderr_of(&output)
    );
    let output = repo
        .check(&["."])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
}
