//! The ruff-like `check` flags end to end, with the real binary on temp git repositories:
//! `--output-format` (and its alias `--format`), `--select`/`--ignore`, `--statistics`,
//! `--exit-zero`, `--color` with `NO_COLOR`/`FORCE_COLOR`, and `--fix` (`--unsafe-fixes`,
//! `--dry-run`), including every fix of the built-in pack over a copy of the corpus.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;

fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A repository with an `eval` (fixable, error) and a test key (warning) in `app.py`.
fn two_findings() -> Repo {
    let repo = Repo::new();
    repo.write("app.py", "a = eval(x)\nkey = 'TESTKEY_0123456789'\n");
    repo.commit_all("first");
    repo
}

#[test]
fn concise_is_one_line_per_finding_and_format_is_an_alias() {
    let repo = two_findings();
    for flag in ["--output-format", "--format"] {
        let output = repo.check(&[flag, "concise"]).output().unwrap();
        assert_eq!(output.status.code(), Some(1));
        assert_eq!(
            stdout_of(&output),
            "app.py:1:5: error[python.eval-call] `eval()` runs arbitrary code [fix]\n\
             app.py:2:8: warning[any.test-key] a test access key\n\
             Found 2 findings (1 error, 1 warning) in 1 file.\n"
        );
    }
}

#[test]
fn select_and_ignore_take_rule_id_prefixes() {
    let repo = two_findings();
    let (_, document) = repo.json(&["--select", "python"]);
    assert_eq!(found(&document), vec![eval_at("app.py", 1)]);
    let (_, document) = repo.json(&["--select", "python,any", "--ignore", "python.eval"]);
    assert_eq!(
        found(&document),
        vec![("any.test-key".into(), "app.py".into(), 2)]
    );
    // A prefix that starts no id would select nothing: an error with a suggestion.
    let output = repo.check(&["--select", "pyhton"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("did you mean `python`?"),
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn selecting_a_rule_keeps_the_taint_library_it_relies_on() {
    // `len()` sanitises through the built-in Python taint library (`python.taint-sources`):
    // the SQL text on line 2 holds only placeholders, so flow quiets the shape match. Selecting
    // the SQL rule must not leave the library out and bring that finding back.
    let repo = Repo::new();
    repo.write(
        "cache.py",
        "def delete(cursor, keys):\n    \
         cursor.execute(\"DELETE FROM t WHERE k IN (%s)\" % \", \".join([\"%s\"] * len(keys)), keys)\n\n\
         def count(cursor, table):\n    \
         cursor.execute(\"SELECT COUNT(*) FROM %s\" % table)\n",
    );
    let sql_findings = |select: &[&str]| {
        let output = slopguard_in(repo.path(), &repo.path().join(".cache"))
            .args(["check", "--format", "json"])
            .args(select)
            .output()
            .unwrap();
        let document: Value = serde_json::from_slice(&output.stdout).unwrap();
        found(&document)
            .into_iter()
            .filter(|(rule, _, _)| rule == "python.sql-string-formatting")
            .collect::<Vec<_>>()
    };
    let expected = vec![("python.sql-string-formatting".into(), "cache.py".into(), 5)];
    assert_eq!(sql_findings(&[]), expected);
    assert_eq!(sql_findings(&["--select", "python.sql"]), expected);
}

#[test]
fn statistics_count_findings_per_rule() {
    let repo = two_findings();
    repo.write("more.py", "eval(a)\neval(b)\n");
    let output = repo.check(&["--statistics"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout_of(&output),
        "3  python.eval-call  error    (3 fixable)\n1  any.test-key      warning\n"
    );
    let output = repo
        .check(&["--statistics", "--output-format", "json"])
        .output()
        .unwrap();
    let counts: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(counts[0]["rule"], "python.eval-call");
    assert_eq!(counts[0]["count"], 3);
    assert_eq!(counts[1]["count"], 1);
}

#[test]
fn exit_zero_passes_with_findings_but_not_with_errors() {
    let repo = two_findings();
    let output = repo.check(&["--exit-zero"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout_of(&output).contains("Found 2 findings"));
    let output = repo.check(&["--exit-zero", "missing.py"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
}

#[test]
fn colour_follows_the_flag_then_no_color_then_force_color() {
    let repo = two_findings();
    let coloured = |args: &[&str], env: &[(&str, &str)]| {
        let mut command = repo.check(args);
        command.env_remove("NO_COLOR");
        for (name, value) in env {
            command.env(name, value);
        }
        stdout_of(&command.output().unwrap()).contains('\x1b')
    };
    // Piped output is plain unless asked for.
    assert!(!coloured(&[], &[]));
    assert!(coloured(&[], &[("FORCE_COLOR", "1")]));
    assert!(!coloured(&[], &[("FORCE_COLOR", "1"), ("NO_COLOR", "1")]));
    assert!(coloured(&["--color", "always"], &[("NO_COLOR", "1")]));
    assert!(!coloured(&["--color", "never"], &[("FORCE_COLOR", "1")]));
    // JSON is never coloured.
    assert!(!coloured(
        &["--color", "always", "--output-format", "json"],
        &[]
    ));
}

#[test]
fn fix_applies_safe_fixes_and_dry_run_changes_nothing() {
    let repo = Repo::new();
    std::fs::write(
        repo.rules.path().join("eval-call.toml"),
        EVAL_RULE.replace(
            "replacement = \"ast.literal_eval\"",
            "replacement = \"ast.literal_eval\"\nsafe = true",
        ),
    )
    .unwrap();
    let before = "import ast\na = eval(x)\nb = eval(y)  # slopguard: ignore[python.eval-call]\n";
    repo.write("app.py", before);
    repo.commit_all("first");

    let output = repo.check(&["--fix", "--dry-run"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "nothing was fixed yet");
    assert_eq!(
        std::fs::read_to_string(repo.path().join("app.py")).unwrap(),
        before
    );
    let diff = stdout_of(&output);
    assert!(diff.contains("--- a/app.py\n+++ b/app.py\n"), "{diff}");
    assert!(
        diff.contains("-a = eval(x)\n+a = ast.literal_eval(x)\n"),
        "{diff}"
    );
    assert!(stderr_of(&output).contains("would fix 1 finding in 1 file"));

    // The suppressed finding is not reported, so it is not fixed either.
    let output = repo.check(&["--fix"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_eq!(
        std::fs::read_to_string(repo.path().join("app.py")).unwrap(),
        "import ast\na = ast.literal_eval(x)\nb = eval(y)  # slopguard: ignore[python.eval-call]\n"
    );
    assert!(stdout_of(&output).contains("No findings"));
    assert!(stderr_of(&output).contains("fixed 1 finding in 1 file"));

    // `--staged` checks the index, not the files a fix would rewrite.
    let output = repo.check(&["--fix", "--staged"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn unsafe_fixes_are_applied_only_when_asked() {
    // The test rule's fix is not marked safe: it needs review.
    let repo = Repo::new();
    repo.write("app.py", "a = eval(x)\n");
    let output = repo.check(&["--fix"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr_of(&output).contains("1 more fix needs review"),
        "{}",
        stderr_of(&output)
    );
    let output = repo.check(&["--fix", "--unsafe-fixes"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_eq!(
        std::fs::read_to_string(repo.path().join("app.py")).unwrap(),
        "a = ast.literal_eval(x)\n"
    );
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// `(rule, path, line)` of the findings that carry a fix.
fn fixable(document: &Value) -> Vec<(String, String, u64)> {
    let with_fix: Vec<Value> = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f.get("fix").is_some())
        .cloned()
        .collect();
    found(&serde_json::json!({ "findings": with_fix }))
}

#[test]
fn fix_applies_every_fix_of_the_builtin_pack_over_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus"),
        &corpus,
    );
    let cache = dir.path().join("cache");
    let run = |args: &[&str]| {
        slopguard_in(&corpus, &cache)
            .args(["check", "--no-package-checks"])
            .args(args)
            .output()
            .unwrap()
    };
    let json =
        |output: std::process::Output| -> Value { serde_json::from_slice(&output.stdout).unwrap() };
    let before = fixable(&json(run(&["--output-format", "json"])));
    assert!(
        before.len() >= 13,
        "every rule with a fix has corpus cases: {before:?}"
    );

    let output = run(&["--fix", "--unsafe-fixes"]);
    assert!(
        stderr_of(&output).contains(&format!("fixed {} findings", before.len())),
        "{}",
        stderr_of(&output)
    );
    let after = json(run(&["--output-format", "json"]));
    let still_there: Vec<_> = found(&after)
        .into_iter()
        .filter(|f| before.contains(f))
        .collect();
    assert_eq!(still_there, vec![], "fixed findings found again");
    assert_eq!(fixable(&after), vec![], "fixes left to apply");
}

#[test]
fn threads_are_clamped_to_a_few_per_core_and_the_clamp_is_said() {
    // 4,096 threads on a 2-core machine once made 1,000 tiny files take minutes: the run uses
    // at most 4 per core, says so, and reports what it used.
    let repo = Repo::without_git();
    for i in 0..200 {
        repo.write(&format!("f{i}.py"), "x = eval(y)\n");
    }
    let output = repo
        .check(&["--threads", "4096", "--stats"])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let most = 4 * cores;
    assert!(
        stderr.contains(&format!(
            "note: --threads 4096 is more than 4 per core; using {most}"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("checked 200 files, 200 lines in "),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(" with {most} thread(s)")),
        "{stderr}"
    );
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    // Within the limit, the number asked for is used, without a note.
    let output = repo.check(&["--threads", "3", "--stats"]).output().unwrap();
    let stderr = stderr_of(&output);
    assert!(stderr.contains(" with 3 thread(s)"), "{stderr}");
    assert!(!stderr.contains("per core"), "{stderr}");
}
