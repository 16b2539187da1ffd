//! Known vulnerabilities end to end: `slopguard db update` against OSV archives served on
//! 127.0.0.1, then `check` on a project with a Cargo, an npm and a Python lockfile: matching by
//! range and by version list, withdrawn advisories, reach ranking, the data's age, offline use,
//! SARIF, and the editor's diagnostics, hover and bump action.

mod support;

use serde_json::{Value, json};
use support::RegistryServer;
use support::cli::{check_command, check_json, findings};
use support::osv::{db_update, range, record, serve};
use tempfile::TempDir;

const RULE: &str = "deps.vulnerable-dependency";

const CARGO_LOCK: &str = r#"version = 4

[[package]]
name = "app"
version = "0.1.0"
dependencies = ["smallvec"]

[[package]]
name = "libc"
version = "0.2.1"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "smallvec"
version = "1.6.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
"#;

const PACKAGE_LOCK: &str = r#"{
  "name": "web",
  "lockfileVersion": 3,
  "packages": {
    "": {"name": "web", "dependencies": {"lodash": "^4.17.0"}},
    "node_modules/lodash": {
      "version": "4.17.20",
      "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.20.tgz"
    },
    "node_modules/minimist": {
      "version": "1.2.5",
      "resolved": "https://registry.npmjs.org/minimist/-/minimist-1.2.5.tgz"
    }
  }
}
"#;

const POETRY_LOCK: &str = r#"[[package]]
name = "pyyaml"
version = "5.3"
description = "YAML parser"
optional = false
python-versions = ">=3.6"

[[package]]
name = "requests"
version = "2.19.0"
description = "HTTP"
optional = false
python-versions = "*"
"#;

/// The project: a Rust crate that calls `SmallVec::insert_many`, an npm package that imports
/// lodash (and has minimist only transitively), a Python project that calls `yaml.load`.
fn project() -> TempDir {
    support::check::project(&[
        (
            "Cargo.toml",
            "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nsmallvec = \"^1.6\"\n",
        ),
        ("Cargo.lock", CARGO_LOCK),
        (
            "src/main.rs",
            "use smallvec::SmallVec;\n\nfn main() {\n    let mut v: SmallVec<[u8; 4]> = SmallVec::new();\n    v.insert_many(0, [1, 2]);\n}\n",
        ),
        (
            "web/package.json",
            "{\n  \"name\": \"web\",\n  \"dependencies\": {\n    \"lodash\": \"^4.17.0\"\n  }\n}\n",
        ),
        ("web/package-lock.json", PACKAGE_LOCK),
        (
            "web/index.js",
            "const _ = require('lodash');\nmodule.exports = _.merge;\n",
        ),
        (
            "py/pyproject.toml",
            "[tool.poetry]\nname = \"py\"\nversion = \"0.1.0\"\n\n[tool.poetry.dependencies]\npyyaml = \"5.3\"\nrequests = \"2.19.0\"\n",
        ),
        ("py/poetry.lock", POETRY_LOCK),
        (
            "py/app.py",
            "import yaml\n\ndef read(f):\n    return yaml.load(f)\n",
        ),
    ])
}

/// The archives: one advisory per way of matching, and a withdrawn one.
fn serve_advisories(server: &RegistryServer) {
    serve(
        server,
        "crates.io",
        &[
            record(
                "RUSTSEC-2021-0003",
                "crates.io",
                "smallvec",
                json!({
                    "ranges": [{"type": "SEMVER", "events": [
                        {"introduced": "0.6.3"}, {"fixed": "0.6.14"},
                        {"introduced": "1.0.0"}, {"fixed": "1.6.1"}]}],
                    "ecosystem_specific": {"affects": {"functions": ["smallvec::SmallVec::insert_many"]}}
                }),
                json!({
                    "aliases": ["CVE-2021-25900"],
                    "summary": "Buffer overflow in SmallVec::insert_many",
                    "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
                    "references": [{"type": "ADVISORY", "url": "https://rustsec.org/advisories/RUSTSEC-2021-0003.html"}]
                }),
            ),
            record(
                "RUSTSEC-2000-0001",
                "crates.io",
                "libc",
                range("SEMVER", "0.3.0", "0.3.5"),
                json!({"summary": "Not this version"}),
            ),
        ],
    );
    serve(
        server,
        "npm",
        &[
            record(
                "GHSA-35jh-r3h4-6jhm",
                "npm",
                "lodash",
                json!({"versions": ["4.17.19", "4.17.20"]}),
                json!({"summary": "Command injection in lodash", "database_specific": {"severity": "HIGH"}}),
            ),
            record(
                "GHSA-vh95-rmgr-6w4m",
                "npm",
                "minimist",
                range("SEMVER", "0", "1.2.6"),
                json!({"summary": "Prototype pollution in minimist", "database_specific": {"severity": "CRITICAL"}}),
            ),
        ],
    );
    serve(
        server,
        "PyPI",
        &[
            record(
                "PYSEC-2020-96",
                "PyPI",
                "PyYAML",
                json!({
                    "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "5.3.1"}]}],
                    "ecosystem_specific": {"imports": [{"path": "yaml", "symbols": ["load"]}]}
                }),
                json!({"summary": "Arbitrary code execution in full_load", "database_specific": {"severity": "MODERATE"}}),
            ),
            record(
                "GHSA-withdrawn",
                "PyPI",
                "requests",
                range("ECOSYSTEM", "0", "3.0"),
                json!({"withdrawn": "2024-01-01T00:00:00Z"}),
            ),
        ],
    );
}

/// A served, updated store and the project, ready to check.
struct Fixture {
    server: RegistryServer,
    project: TempDir,
    cache: TempDir,
}

fn updated() -> Fixture {
    let server = RegistryServer::start();
    serve_advisories(&server);
    let project = project();
    let cache = TempDir::new().unwrap();
    let output = db_update(project.path(), &server, cache.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("crates.io: 2 advisories for 2 packages"),
        "{stderr}"
    );
    assert!(
        stderr.contains("PyPI: 1 advisories for 1 packages (2 records)"),
        "{stderr}"
    );
    Fixture {
        server,
        project,
        cache,
    }
}

/// `path:line name@version id reach fixed=F severity` of each finding.
fn vulnerable(document: &Value) -> Vec<String> {
    findings(document, RULE)
        .into_iter()
        .map(|f| {
            assert_eq!(f["category"], "vulnerable-dependency");
            format!(
                "{}:{} {}@{} {} {} fixed={} {}",
                f["path"].as_str().unwrap(),
                f["range"]["start"]["line"],
                f["package"]["name"].as_str().unwrap(),
                f["package"]["version"].as_str().unwrap(),
                f["advisory"]["id"].as_str().unwrap(),
                f["advisory"]["reach"].as_str().unwrap(),
                f["advisory"]["fixed"],
                f["severity"].as_str().unwrap(),
            )
        })
        .collect()
}

#[test]
fn lockfiles_of_three_ecosystems_are_matched_ranked_by_reach_and_fail_by_policy() {
    let fx = updated();
    let (code, document, stderr) = check_json(
        fx.project.path(),
        &fx.server,
        fx.cache.path(),
        &["--offline"],
    );
    assert_eq!(
        vulnerable(&document),
        [
            // Called (a method call of the affected function), critical: an error.
            "Cargo.lock:14 smallvec@1.6.0 RUSTSEC-2021-0003 called fixed=\"1.6.1\" error",
            // Called (`yaml.load` resolved through the import), moderate: a warning.
            "py/poetry.lock:2 pyyaml@5.3 PYSEC-2020-96 called fixed=\"5.3.1\" warning",
            // Imported, matched by the version list (which names no fixed version).
            "web/package-lock.json:6 lodash@4.17.20 GHSA-35jh-r3h4-6jhm imported fixed=null error",
            // Transitive and never imported: critical, lowered one step.
            "web/package-lock.json:10 minimist@1.2.5 GHSA-vh95-rmgr-6w4m not-imported fixed=\"1.2.6\" warning",
        ],
        "{stderr}"
    );
    let smallvec = &findings(&document, RULE)[0];
    assert_eq!(smallvec["advisory"]["aliases"], json!(["CVE-2021-25900"]));
    assert_eq!(smallvec["package"]["ecosystem"], "crates.io");
    let message = smallvec["message"].as_str().unwrap();
    assert!(
        message.contains("likely called at src/main.rs:5"),
        "{message}"
    );
    assert!(message.contains("critical 9.8"), "{message}");
    assert!(
        findings(&document, RULE)[1]["message"]
            .as_str()
            .unwrap()
            .contains("called at py/app.py:4 (yaml.load)"),
        "{document}"
    );
    // Reachable and high: the default `fail-on-vulnerable = "reachable-high"` fails the check.
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("note: advisories for "), "{stderr}");
    assert!(!stderr.contains("stale"), "{stderr}");

    // SARIF: each result names its advisory and that advisory's page; the rule's help is the
    // page that says what such a finding means.
    let output = check_command(fx.project.path(), &fx.server, fx.cache.path())
        .args(["--offline", "--format", "sarif", "--select", RULE])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    let run = &sarif["runs"][0];
    let smallvec = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["properties"]["advisory"]["id"] == "RUSTSEC-2021-0003")
        .unwrap();
    assert_eq!(smallvec["ruleId"], RULE);
    assert_eq!(
        smallvec["properties"]["advisory"]["helpUri"],
        "https://rustsec.org/advisories/RUSTSEC-2021-0003.html"
    );
    assert_eq!(smallvec["properties"]["package"]["version"], "1.6.0");
    let rule = &run["tool"]["driver"]["rules"][0];
    assert_eq!(rule["id"], RULE);
    assert!(
        rule["helpUri"]
            .as_str()
            .unwrap()
            .ends_with("docs/vulnerabilities.md"),
        "{rule}"
    );
}

#[test]
fn the_policy_key_decides_the_exit_code() {
    let fx = updated();
    let write = |policy: &str| {
        std::fs::write(
            fx.project.path().join("slopguard.toml"),
            format!("[advisories]\nfail-on-vulnerable = \"{policy}\"\n"),
        )
        .unwrap()
    };
    // `fail-on` does not count vulnerable dependencies (errors among them); the policy does.
    let only = ["--offline", "--select", RULE];
    write("none");
    let (code, document, stderr) =
        check_json(fx.project.path(), &fx.server, fx.cache.path(), &only);
    assert_eq!(vulnerable(&document).len(), 4);
    assert_eq!(code, 0, "{stderr}");
    write("high");
    let (code, _, _) = check_json(fx.project.path(), &fx.server, fx.cache.path(), &only);
    assert_eq!(code, 1);
    write("reachable-high");
    std::fs::write(
        fx.project.path().join("src/main.rs"),
        "fn main() {}
",
    )
    .unwrap();
    std::fs::write(
        fx.project.path().join("web/index.js"),
        "module.exports = 1;
",
    )
    .unwrap();
    let (code, document, _) = check_json(fx.project.path(), &fx.server, fx.cache.path(), &only);
    // Nothing high is reached now (only the moderate PyYAML advisory is).
    let mut reaches: Vec<&str> = findings(&document, RULE)
        .iter()
        .map(|f| f["advisory"]["reach"].as_str().unwrap())
        .collect();
    reaches.sort();
    assert_eq!(
        reaches,
        ["called", "not-imported", "not-imported", "not-imported"]
    );
    assert_eq!(code, 0);
}

#[test]
fn stale_data_is_a_warning_and_the_check_runs_offline_on_what_is_stored() {
    let fx = updated();
    // Make the stored crates.io data 30 days old.
    let meta_path = fx.cache.path().join("advisories/crates.io/meta.json");
    let mut meta: Value =
        serde_json::from_str(&std::fs::read_to_string(&meta_path).unwrap()).unwrap();
    meta["updated"] = json!(meta["updated"].as_i64().unwrap() - 30 * 86_400);
    std::fs::write(&meta_path, meta.to_string()).unwrap();
    // The server is gone: nothing is fetched by `check`.
    let Fixture {
        server,
        project,
        cache,
    } = fx;
    let env = server.env();
    drop(server);
    let run = |extra: &[&str]| {
        let output = assert_cmd::Command::cargo_bin("slopguard")
            .unwrap()
            .current_dir(project.path())
            .envs(env.clone())
            .env("SLOPGUARD_CACHE_DIR", cache.path())
            .args(["check", "--offline", "--format", "json"])
            .args(extra)
            .output()
            .unwrap();
        let document: Value = serde_json::from_slice(&output.stdout).unwrap();
        (
            document,
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let (document, stderr) = run(&[]);
    assert!(
        stderr.contains(
            "warning: advisory data is stale: crates.io fetched 30 days ago (over 7 days)"
        ),
        "{stderr}"
    );
    assert_eq!(vulnerable(&document).len(), 4, "{stderr}");
    std::fs::write(
        project.path().join("slopguard.toml"),
        "[advisories]\nstale-after-days = 60\n",
    )
    .unwrap();
    let (_, stderr) = run(&[]);
    assert!(!stderr.contains("stale"), "{stderr}");
    assert!(stderr.contains("fetched 30 days ago"), "{stderr}");
}

#[test]
fn without_data_a_note_says_how_to_get_it() {
    let server = RegistryServer::start();
    let project = project();
    let cache = TempDir::new().unwrap();
    let (_, document, stderr) = check_json(project.path(), &server, cache.path(), &["--offline"]);
    assert!(vulnerable(&document).is_empty());
    assert!(
        stderr.contains("no advisory data: run `slopguard db update`"),
        "{stderr}"
    );
    // A failed download (no archive served) is an error naming the ecosystem.
    let output = db_update(project.path(), &server, cache.path());
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("error: PyPI:") && stderr.contains("HTTP 404"),
        "{stderr}"
    );
}

/// The first code action whose title starts with `prefix` for the diagnostic `diagnostic` of
/// `file`, and its one text edit.
fn bump_action(
    editor: &mut support::lsp::Editor,
    id: u64,
    file: &std::path::Path,
    diagnostic: &Value,
    prefix: &str,
) -> (String, Value) {
    let uri = format!("file://{}", file.display());
    let response = editor.request(
        id,
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diagnostic["range"],
            "context": {"diagnostics": [diagnostic]}}),
    );
    let action = response["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with(prefix))
        .unwrap_or_else(|| panic!("no `{prefix}` action: {response}"))
        .clone();
    let edits = action["edit"]["changes"][uri.as_str()].as_array().unwrap();
    assert_eq!(edits.len(), 1, "{action}");
    (
        action["title"].as_str().unwrap().to_string(),
        edits[0].clone(),
    )
}

#[test]
fn the_editor_shows_manifest_and_import_diagnostics_hovers_and_bumps_to_the_fix() {
    let fx = updated();
    let root = fx.project.path();
    let requirements = "PyYAML==5.3\n";
    std::fs::create_dir_all(root.join("req")).unwrap();
    std::fs::write(root.join("req/requirements.txt"), requirements).unwrap();
    // The project root, as `.git` would mark it, so that a code file's lockfiles are found above.
    std::fs::write(root.join("slopguard.toml"), "").unwrap();
    let mut editor = support::lsp::Editor::offline(root, fx.cache.path());

    // A manifest line: the lockfile pins smallvec 1.6.0; the bump keeps the caret.
    let cargo_toml = root.join("Cargo.toml");
    let text = std::fs::read_to_string(&cargo_toml).unwrap();
    editor.open(&cargo_toml, "toml", &text);
    let diagnostic = editor
        .diagnostic(&cargo_toml, RULE)
        .expect("a vulnerable-dependency diagnostic on Cargo.toml");
    assert_eq!(
        diagnostic["range"]["start"],
        json!({"line": 6, "character": 0})
    );
    assert_eq!(diagnostic["severity"], 1, "{diagnostic}");
    let (title, edit) = bump_action(&mut editor, 10, &cargo_toml, &diagnostic, "Upgrade");
    assert_eq!(title, "Upgrade smallvec to 1.6.1 (`^1.6.1`)");
    assert_eq!(edit["newText"], "^1.6.1");
    assert_eq!(edit["range"]["start"]["line"], 6);
    let hover = editor.request(
        11,
        "textDocument/hover",
        json!({"textDocument": {"uri": format!("file://{}", cargo_toml.display())},
            "position": {"line": 6, "character": 2}}),
    );
    let shown = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        shown.contains(
            "**RUSTSEC-2021-0003** (CVE-2021-25900): Buffer overflow in SmallVec::insert_many"
        ),
        "{shown}"
    );
    assert!(shown.contains("Reach: called. Fixed in: 1.6.1."), "{shown}");

    // The line of code that reaches it.
    let main_rs = root.join("src/main.rs");
    editor.open(
        &main_rs,
        "rust",
        &std::fs::read_to_string(&main_rs).unwrap(),
    );
    let diagnostic = editor
        .diagnostic(&main_rs, RULE)
        .expect("a vulnerable-dependency diagnostic on the call");
    assert_eq!(diagnostic["range"]["start"]["line"], 4);
    assert!(
        diagnostic["message"]
            .as_str()
            .unwrap()
            .contains("(pinned in Cargo.lock:14)"),
        "{diagnostic}"
    );

    // A pinned requirement without a lockfile: applying the bump clears the diagnostic.
    let requirements_path = root.join("req/requirements.txt");
    editor.open(&requirements_path, "pip-requirements", requirements);
    let diagnostic = editor
        .diagnostic(&requirements_path, RULE)
        .expect("a vulnerable-dependency diagnostic on requirements.txt");
    let (title, edit) = bump_action(&mut editor, 12, &requirements_path, &diagnostic, "Upgrade");
    assert_eq!(title, "Upgrade PyYAML to 5.3.1 (`==5.3.1`)");
    let start = edit["range"]["start"]["character"].as_u64().unwrap() as usize;
    let end = edit["range"]["end"]["character"].as_u64().unwrap() as usize;
    let fixed = format!(
        "{}{}{}",
        &requirements[..start],
        edit["newText"].as_str().unwrap(),
        &requirements[end..]
    );
    assert_eq!(fixed, "PyYAML==5.3.1\n");
    editor.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": format!("file://{}", requirements_path.display()), "version": 2},
            "contentChanges": [{"text": fixed}]}),
    );
    editor
        .diagnostics(&requirements_path, |d| !d.iter().any(|d| d["code"] == RULE))
        .expect("the diagnostic is gone once the bump is applied");
}
