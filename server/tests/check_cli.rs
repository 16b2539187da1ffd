//! `slopguard check` end to end: scopes, suppressions, config, baselines, bad input and exit
//! codes, with the real binary on temp git repositories.

mod common;

use assert_cmd::Command;
use common::*;
use serde_json::Value;
use std::path::PathBuf;

#[test]
fn staged_reports_only_lines_changed_in_the_index() {
    let repo = Repo::new();
    repo.write("app.py", "a = eval(x)\nb = 1\n")
        .write("old.py", "eval(y)\n");
    repo.commit_all("first");
    // Staged: a new eval on line 3. Unstaged: another file's change and an untracked file,
    // neither of which is committed.
    repo.write("app.py", "a = eval(x)\nb = 1\nc = eval(z)\n");
    repo.git(&["add", "app.py"]);
    repo.write("old.py", "eval(y)\neval(w)\n");
    repo.write("new.py", "eval(q)\n");
    let (code, document) = repo.json(&["--staged"]);
    assert_eq!(code, 1);
    assert_eq!(found(&document), vec![eval_at("app.py", 3)]);

    // What is checked is what will be committed: unstaged edits to a staged file (lines added
    // above, a new eval) neither move the staged finding nor are reported.
    repo.write(
        "app.py",
        "import os\nd = eval(u)\na = eval(x)\nb = 1\nc = eval(z)\n",
    );
    let (_, document) = repo.json(&["--staged"]);
    assert_eq!(found(&document), vec![eval_at("app.py", 3)]);
    repo.git(&["add", "app.py"]);
    let (_, document) = repo.json(&["--staged"]);
    assert_eq!(
        found(&document),
        vec![eval_at("app.py", 2), eval_at("app.py", 5)]
    );

    // Nothing staged: nothing to report.
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
        stderr.contains("analysis incomplete: big.py: 2008 bytes is over the size limit of 1000"),
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

    // Every commented setting, `[registry]` and `[dependencies]` included, works uncommented.
    let text = std::fs::read_to_string(&written).unwrap();
    assert!(text.contains("# [registry]") && text.contains("# [dependencies]"));
    let uncommented: String = text
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(rest) if rest.starts_with('[') || rest.contains(" = ") => rest,
            _ => line,
        })
        .map(|line| format!("{line}\n"))
        .collect();
    repo.write("slopguard.toml", uncommented);
    let (code, document) = repo.json(&[]);
    assert_eq!((code, found(&document)), (1, vec![eval_at("app.py", 1)]));
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
