//! Rule ids as users write them, end to end: unknown ids in `slopguard.toml` and in suppressions
//! are said aloud with a suggestion, `"off"` turns a rule off in the config file as in the
//! editor, and a user pack may have its own namespace.

mod common;

use common::*;

#[test]
fn unknown_ids_in_the_config_are_errors_with_a_suggestion() {
    let repo = Repo::new();
    repo.write("app.py", "eval(x)\n");
    repo.write(
        "slopguard.toml",
        "[rules]\ndisable = [\"eval-call\"]\n[rules.severity]\n\"python.eval-cal\" = \"hint\"\n\"go.*\" = \"info\"\n",
    );
    let output = repo.check(&[]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr_of(&output);
    for expected in [
        "slopguard.toml:2: `rules.disable`: `eval-call` is not a rule id (did you mean `python.eval-call`?)",
        "slopguard.toml:4: `rules.severity`: `python.eval-cal` is not a rule id (did you mean `python.eval-call`?)",
        "slopguard.toml:5: `rules.severity`: `go.*` matches no rule id",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in:\n{stderr}"
        );
    }

    // Built-in and producer ids are known even when the built-in pack is left out.
    repo.write(
        "slopguard.toml",
        "[rules]\ndisable = [\"python.yaml-load\", \"registry.unverified\"]\n",
    );
    let (code, document) = repo.json(&[]);
    assert_eq!((code, found(&document)), (1, vec![eval_at("app.py", 1)]));
}

#[test]
fn off_in_the_config_turns_a_rule_off() {
    let repo = Repo::new();
    repo.write("app.py", "eval(x)\nk = 'TESTKEY_0123456789'\n");
    repo.write(
        "slopguard.toml",
        "[rules.severity]\n\"python.eval-call\" = \"off\"\n",
    );
    let (code, document) = repo.json(&[]);
    assert_eq!(
        (code, found(&document)),
        (1, vec![("any.test-key".into(), "app.py".into(), 2)])
    );
}

#[test]
fn unknown_ids_in_suppressions_get_a_suggestion() {
    let repo = Repo::new();
    repo.write("app.py", "a = eval(x)  # slopguard: ignore[eval-call]\n");
    let (_, document) = repo.json(&[]);
    let messages: Vec<&str> = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        [
            "`eval()` runs arbitrary code",
            "`eval-call` is not a rule id (did you mean `python.eval-call`?): this ignore silences nothing"
        ]
    );
}

#[test]
fn a_user_pack_may_have_its_own_namespace() {
    let repo = Repo::new();
    std::fs::write(
        repo.rules.path().join("requests-no-timeout.toml"),
        r#"
id = "acme.requests-no-timeout"
languages = ["python"]
severity = "warning"
cwe = ["CWE-400"]
message = "`requests.get()` without a timeout can hang forever"
[docs]
what = "w"
why = "y"
example = "requests.get(url)"
fix = "Pass timeout=."
[match]
query = '''
((call function: (attribute object: (identifier) @m attribute: (identifier) @f)
       arguments: (argument_list) @args) @match
 (#eq? @m "requests") (#eq? @f "get") (#not-match? @args "timeout"))
'''
"#,
    )
    .unwrap();
    repo.write("app.py", "import requests\nrequests.get(url)\n");
    let (code, document) = repo.json(&["--select", "acme"]);
    assert_eq!(
        (code, found(&document)),
        (
            1,
            vec![("acme.requests-no-timeout".into(), "app.py".into(), 2)]
        )
    );

    // The namespaces of slopguard's own checks are not for rule files.
    std::fs::write(
        repo.rules.path().join("requests-no-timeout.toml"),
        std::fs::read_to_string(repo.rules.path().join("requests-no-timeout.toml"))
            .unwrap()
            .replace("acme.", "registry."),
    )
    .unwrap();
    let output = repo.check(&[]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("reserved"),
        "{}",
        stderr_of(&output)
    );
}
