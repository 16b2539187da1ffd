//! What `check` says about packages, end to end against a registry on 127.0.0.1 and a real git
//! repository: a nonexistent package is one finding per span, "could not verify" is its own
//! category (and offline, one note), a repository link the registry gives is found, and code
//! files given alone are checked without the dependency diff's git processes.

mod support;

use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use support::cli::check_command;
use support::{Package, RegistryServer, git};

/// A repository whose last commit has an empty `package.json` and `requirements.txt`; the
/// working tree then gets `package_json`'s dependencies and `requirements`.
fn repo_adding(dependencies: &str, requirements: &str) -> tempfile::TempDir {
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    git(dir, &["init", "-q"]);
    std::fs::write(dir.join("package.json"), "{\"name\": \"app\"}\n").unwrap();
    std::fs::write(dir.join("requirements.txt"), "").unwrap();
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "base"]);
    std::fs::write(
        dir.join("package.json"),
        format!("{{\"name\": \"app\", \"dependencies\": {{{dependencies}}}}}\n"),
    )
    .unwrap();
    std::fs::write(dir.join("requirements.txt"), requirements).unwrap();
    repo
}

fn json(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

#[test]
fn a_nonexistent_package_is_one_finding_per_span() {
    let server = RegistryServer::start();
    let cache = tempfile::tempdir().unwrap();
    let repo = repo_adding("\"acme-ghost-kit\": \"^1\"", "acme-phantom-utils==0.1\n");
    let output = check_command(repo.path(), &server, cache.path())
        .args(["--output-format", "json"])
        .output()
        .unwrap();
    let document = json(&output);
    let mut per_span: HashMap<String, Vec<String>> = HashMap::new();
    for finding in document["findings"].as_array().unwrap() {
        per_span
            .entry(format!("{}:{}", finding["path"], finding["range"]["start"]))
            .or_default()
            .push(finding["rule"].as_str().unwrap().to_string());
    }
    let mut rules: Vec<Vec<String>> = per_span.into_values().collect();
    rules.sort();
    assert_eq!(
        rules,
        [
            ["registry.hallucinated-package"],
            ["registry.hallucinated-package"]
        ],
        "{document:#}"
    );
    // Still a dependency the change adds.
    assert_eq!(
        document["summary"]["dependencies"]["direct_added"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn unverified_packages_are_their_own_category_and_one_note_offline() {
    let server = RegistryServer::start();
    let repo = repo_adding(
        "\"acme-one\": \"^1\", \"acme-two\": \"^1\"",
        "acme-three==1\n",
    );
    // The registry cannot be reached: "could not verify", category unverified-package.
    let cache = tempfile::tempdir().unwrap();
    for format in ["json", "sarif"] {
        let output = check_command(repo.path(), &server, cache.path())
            .envs(
                server
                    .env()
                    .into_iter()
                    .map(|(key, _)| (key, "http://127.0.0.1:1")),
            )
            .args(["--output-format", format])
            .output()
            .unwrap();
        let document = json(&output);
        let text = document.to_string();
        assert!(
            text.contains("registry.unverified") && text.contains("unverified-package"),
            "{format}: {document:#}"
        );
        assert!(
            !text.contains("hallucinated-package"),
            "{format}: {document:#}"
        );
    }

    // Offline, one line says it for every package the cache cannot answer.
    let output = check_command(repo.path(), &server, cache.path())
        .args(["--offline", "--output-format", "json"])
        .output()
        .unwrap();
    let document = json(&output);
    assert!(
        !document.to_string().contains("registry.unverified"),
        "{document:#}"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    let notes: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("not verified"))
        .collect();
    assert_eq!(
        notes,
        [
            "note: offline: 3 packages not in the cache or the embedded lists were not verified: acme-one, acme-three, acme-two"
        ],
        "{stderr}"
    );
    assert!(server.paths().is_empty(), "offline asks no registry");
}

#[test]
fn a_repository_link_in_the_version_metadata_is_found() {
    let server = RegistryServer::start();
    server.npm("acme-charts", Package::new("2.0.0"));
    // npm's shorthand for a GitHub repository, given only in the version's package.json.
    server.repository("npm", "acme-charts", "acme/charts");
    server.npm_per_version_only("acme-charts");
    let cache = tempfile::tempdir().unwrap();
    let repo = repo_adding("\"acme-charts\": \"^2\"", "");
    let output = check_command(repo.path(), &server, cache.path())
        .args(["--output-format", "json"])
        .output()
        .unwrap();
    let document = json(&output);
    let note = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "deps.new-dependency")
        .unwrap_or_else(|| panic!("{document:#}"));
    let message = note["message"].as_str().unwrap();
    assert!(
        message.contains("first published 2019-05-01")
            && message.ends_with("repository https://github.com/acme/charts"),
        "{message}"
    );
}

/// A `git` first on `PATH` that logs its arguments to `log` and hands over to the real one.
fn logging_git(dir: &Path, log: &Path) -> std::ffi::OsString {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let real = std::env::split_paths(&path)
        .map(|d| d.join("git"))
        .find(|git| git.is_file())
        .expect("git on PATH");
    let script = dir.join("git");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho \"$*\" >> '{}'\nexec '{}' \"$@\"\n",
            log.display(),
            real.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::env::join_paths(std::iter::once(dir.to_path_buf()).chain(std::env::split_paths(&path)))
        .unwrap()
}

/// The rules of a report's findings, each with its path.
fn rules_by_path(document: &Value) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let text = |v: &Value| v.as_str().unwrap().to_string();
            (text(&f["path"]), text(&f["rule"]))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn code_files_alone_start_no_git_and_a_named_manifest_is_compared() {
    let server = RegistryServer::start();
    server.pypi("acme-client", Package::new("2.1.0"));
    server.pypi("acme-queue", Package::new("1.0.0"));
    let cache = tempfile::tempdir().unwrap();
    // The working tree adds a dependency to requirements.txt; app.py imports a package no
    // manifest declares.
    let repo = repo_adding("", "acme-queue==1.0.0\n");
    std::fs::write(repo.path().join("app.py"), "import acme_client\n").unwrap();
    let scripts = tempfile::tempdir().unwrap();
    let log = scripts.path().join("git.log");
    let path = logging_git(scripts.path(), &log);
    let check = |paths: &[&str]| {
        let output = check_command(repo.path(), &server, cache.path())
            .env("PATH", &path)
            .args(["--output-format", "json"])
            .args(paths)
            .output()
            .unwrap();
        let ran = std::fs::read_to_string(&log).unwrap_or_default();
        let _ = std::fs::remove_file(&log);
        (json(&output), ran)
    };

    // What a hook passes when only code is committed: its undeclared import, no git at all.
    let (document, ran) = check(&["app.py"]);
    assert_eq!(ran, "", "git ran for code files alone");
    assert_eq!(
        rules_by_path(&document),
        [("app.py".to_string(), "deps.undeclared-import".to_string())],
        "{document:#}"
    );
    assert!(
        document["summary"].get("dependencies").is_none(),
        "{document:#}"
    );

    // The manifest named too, or the whole directory: the diff runs (through git) as before.
    for paths in [&["app.py", "requirements.txt"][..], &[]] {
        let (document, ran) = check(paths);
        assert!(ran.contains("ls-files"), "{paths:?}: {ran}");
        assert_eq!(
            rules_by_path(&document),
            [
                ("app.py".to_string(), "deps.undeclared-import".to_string()),
                (
                    "requirements.txt".to_string(),
                    "deps.new-dependency".to_string()
                )
            ],
            "{paths:?}: {document:#}"
        );
        assert_eq!(
            document["summary"]["dependencies"]["direct_added"][0]["name"],
            "acme-queue"
        );
    }
}
