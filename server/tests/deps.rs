//! Newly introduced dependencies end to end: temp git repositories with real commits, the
//! registries served by the loopback test server, and [`slopguard::deps::introduced`].

mod support;

use slopguard::deps::{
    Baseline, DependencyReport, DependencySettings, IntroducedOptions, introduced,
};
use slopguard::registry::{PackageChecker, SourceFile};
use std::path::{Path, PathBuf};
use std::process::Command;
use support::{Package, RegistryServer, settings};
use tempfile::TempDir;

/// A temp directory with a git repository in it.
struct Repo {
    dir: TempDir,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git(&self, args: &[&str]) -> String {
        let output = Command::new("git")
            .current_dir(self.path())
            .args([
                "-c",
                "user.name=Test",
                "-c",
                "user.email=test@example.invalid",
            ])
            .args(["-c", "commit.gpgsign=false"])
            .args(args)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).trim().to_string()
    }

    fn write(&self, path: &str, text: &str) -> &Self {
        let path = self.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    fn commit(&self, message: &str) -> String {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
        self.git(&["rev-parse", "HEAD"])
    }
}

fn write_files(dir: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

struct Run<'a> {
    root: &'a Path,
    baseline: Baseline,
    settings: DependencySettings,
    code: Vec<&'a str>,
}

impl<'a> Run<'a> {
    fn new(root: &'a Path) -> Run<'a> {
        Run {
            root,
            baseline: Baseline::Head,
            settings: DependencySettings::default(),
            code: Vec::new(),
        }
    }

    fn config(mut self, toml_text: &str) -> Self {
        self.settings =
            DependencySettings::from_table(&toml::from_str(toml_text).unwrap()).unwrap();
        self
    }

    fn baseline(mut self, baseline: Baseline) -> Self {
        self.baseline = baseline;
        self
    }

    fn code(mut self, files: &[&'a str]) -> Self {
        self.code = files.to_vec();
        self
    }

    fn report(self, server: &RegistryServer) -> DependencyReport {
        let cache = tempfile::tempdir().unwrap();
        let checker = PackageChecker::new(settings(server, cache.path()));
        let texts: Vec<(PathBuf, String)> = self
            .code
            .iter()
            .map(|f| {
                let path = self.root.canonicalize().unwrap().join(f);
                let text = std::fs::read_to_string(&path).unwrap();
                (path, text)
            })
            .collect();
        let sources: Vec<SourceFile<'_>> = texts
            .iter()
            .map(|(path, text)| SourceFile { path, text })
            .collect();
        introduced(
            self.root,
            &IntroducedOptions {
                baseline: self.baseline,
                settings: &self.settings,
                checker: Some(&checker),
                network: true,
                sources: &sources,
                focus: None,
            },
        )
    }
}

/// `(rule, path relative to the root, 1-based line, text under the span, severity)` of each
/// finding.
fn rows(root: &Path, report: &DependencyReport) -> Vec<(String, String, u32, String, String)> {
    let root = root.canonicalize().unwrap();
    report
        .findings
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f.path).unwrap_or_default();
            let span = f.finding.span;
            (
                f.finding.rule_id.clone(),
                f.path
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .to_string(),
                span.start.line + 1,
                text.get(span.start_byte..span.end_byte)
                    .unwrap_or("?")
                    .to_string(),
                f.finding.severity.as_str().to_string(),
            )
        })
        .collect()
}

fn row(
    rule: &str,
    path: &str,
    line: u32,
    text: &str,
    severity: &str,
) -> (String, String, u32, String, String) {
    (rule.into(), path.into(), line, text.into(), severity.into())
}

fn message<'r>(report: &'r DependencyReport, rule: &str, package: &str) -> &'r str {
    &report
        .findings
        .iter()
        .find(|f| f.finding.rule_id == rule && f.finding.package.as_ref().unwrap().name == package)
        .unwrap_or_else(|| panic!("no {rule} finding for {package}: {:#?}", report.findings))
        .finding
        .message
}

fn summary_json(report: &DependencyReport) -> serde_json::Value {
    serde_json::to_value(&report.summary).unwrap()
}

const CRATES_IO: &str = "registry+https://github.com/rust-lang/crates.io-index";

fn cargo_lock(packages: &[(&str, &str, Option<&str>)]) -> String {
    let mut text = String::from("# This file is automatically @generated by Cargo.\nversion = 4\n");
    for (name, version, source) in packages {
        text.push_str(&format!(
            "\n[[package]]\nname = \"{name}\"\nversion = \"{version}\"\n"
        ));
        if let Some(source) = source {
            text.push_str(&format!("source = \"{source}\"\n"));
        }
    }
    text
}

#[test]
fn rust_crate_added_removed_resourced_renamed_and_version_only() {
    let server = RegistryServer::start();
    server.krate("acme-core", Package::new("0.3.0"));
    server.repository(
        "crates",
        "acme-core",
        "https://code.example.invalid/acme/core",
    );
    server.krate("acme-net", Package::new("1.2.0"));
    server.krate("acme-htttp", Package::new("1.0.0"));
    server.krate("acme-itoa", Package::new("1.0.9"));
    let repo = Repo::new();
    repo.write(
        "Cargo.toml",
        "[package]\nname = \"demo\"\nversion = \"0.1.0\"\n\n[dependencies]\nacme-log = \"0.4\"\nacme-rand = \"0.8\"\nacme-time = \"=0.3.1\"\nhttp = { package = \"acme-http\", version = \"1\" }\nacme-fork = { git = \"https://example.invalid/upstream/acme-fork\" }\nacme-vendored = \"1\"\n",
    )
    .write(
        "Cargo.lock",
        &cargo_lock(&[
            ("acme-fork", "2.0.0", Some("git+https://example.invalid/upstream/acme-fork#aaa")),
            ("acme-http", "1.0.0", Some(CRATES_IO)),
            ("acme-log", "0.4.20", Some(CRATES_IO)),
            ("acme-rand", "0.8.5", Some(CRATES_IO)),
            ("acme-time", "0.3.1", Some(CRATES_IO)),
            ("acme-vendored", "1.0.0", Some(CRATES_IO)),
            ("demo", "0.1.0", None),
        ]),
    )
    .write("src/main.rs", "fn main() {}\n");
    repo.commit("base");
    // Version-only change (acme-time), re-sourced (acme-log to git, acme-fork to another
    // repository, acme-vendored to a vendored copy), renamed (http), added (acme-core,
    // acme-net), removed (acme-rand).
    repo.write(
        "Cargo.toml",
        "[package]\nname = \"demo\"\nversion = \"0.1.0\"\n\n[dependencies]\nacme-log = { git = \"https://example.invalid/acme-log\" }\nacme-time = \">=0.3\"\nhttp = { package = \"acme-htttp\", version = \"1\" }\nacme-core = \"0.3\"\nacme-fork = { git = \"https://example.invalid/someone/acme-fork\", branch = \"fix\" }\nacme-vendored = { path = \"vendor/acme-vendored\" }\n\n[dev-dependencies]\nacme-net = \"1\"\n",
    )
    .write(
        "Cargo.lock",
        &cargo_lock(&[
            ("acme-core", "0.3.0", Some(CRATES_IO)),
            ("acme-fork", "2.0.0", Some("git+https://example.invalid/someone/acme-fork?branch=fix#bbb")),
            ("acme-htttp", "1.0.0", Some(CRATES_IO)),
            ("acme-itoa", "1.0.9", Some(CRATES_IO)),
            ("acme-log", "0.4.21", Some("git+https://example.invalid/acme-log#abc")),
            ("acme-net", "1.2.0", Some(CRATES_IO)),
            ("acme-time", "0.3.1", Some(CRATES_IO)),
            ("acme-vendored", "1.0.0", None),
            ("demo", "0.1.0", None),
        ]),
    );
    let report = Run::new(repo.path()).report(&server);
    assert!(report.notes.is_empty(), "{:?}", report.notes);
    assert_eq!(
        rows(repo.path(), &report),
        [
            row(
                "deps.transitive-added",
                "Cargo.lock",
                20,
                "\"acme-itoa\"",
                "info"
            ),
            row("deps.new-dependency", "Cargo.toml", 6, "acme-log", "info"),
            row("deps.new-dependency", "Cargo.toml", 8, "acme-htttp", "info"),
            row("deps.new-dependency", "Cargo.toml", 9, "acme-core", "info"),
            row("deps.new-dependency", "Cargo.toml", 10, "acme-fork", "info"),
            row(
                "deps.new-dependency",
                "Cargo.toml",
                11,
                "acme-vendored",
                "info"
            ),
            row("deps.new-dependency", "Cargo.toml", 14, "acme-net", "info"),
        ]
    );
    assert_eq!(
        message(&report, "deps.new-dependency", "acme-core"),
        "new dependency `acme-core` from crates.io in `dependencies`: latest 0.3.0, 1 versions, first published 2019-05-01, 4,321 downloads all time, 432 in the last 90 days, repository https://code.example.invalid/acme/core"
    );
    assert_eq!(
        message(&report, "deps.new-dependency", "acme-log"),
        "dependency `acme-log` now comes from a git repository (https://example.invalid/acme-log) instead of crates.io: no registry checks apply, review its source"
    );
    assert_eq!(
        message(&report, "deps.new-dependency", "acme-fork"),
        "dependency `acme-fork` now comes from a git repository (https://example.invalid/someone/acme-fork) instead of a git repository (https://example.invalid/upstream/acme-fork): no registry checks apply, review its source"
    );
    assert_eq!(
        message(&report, "deps.new-dependency", "acme-vendored"),
        "dependency `acme-vendored` now comes from a local path (vendor/acme-vendored) instead of crates.io: no registry checks apply, review its source"
    );
    assert!(
        message(&report, "deps.new-dependency", "acme-htttp")
            .starts_with("the name `acme-http` now points at another package: `acme-htttp` from crates.io: latest 1.0.0"),
        "{}",
        message(&report, "deps.new-dependency", "acme-htttp")
    );
    assert_eq!(
        message(&report, "deps.transitive-added", "acme-itoa"),
        "1 transitive package arrives with this change: acme-itoa 1.0.9"
    );
    assert_eq!(
        summary_json(&report),
        serde_json::json!({
            "direct_added": [
                {"ecosystem": "crates.io", "name": "acme-core", "version": "0.3", "path": "Cargo.toml"},
                {"ecosystem": "crates.io", "name": "acme-fork", "path": "Cargo.toml"},
                {"ecosystem": "crates.io", "name": "acme-htttp", "version": "1", "path": "Cargo.toml"},
                {"ecosystem": "crates.io", "name": "acme-log", "path": "Cargo.toml"},
                {"ecosystem": "crates.io", "name": "acme-net", "version": "1", "path": "Cargo.toml"},
                {"ecosystem": "crates.io", "name": "acme-vendored", "path": "Cargo.toml"},
            ],
            "transitive_added": [
                {"ecosystem": "crates.io", "name": "acme-itoa", "version": "1.0.9", "path": "Cargo.lock"},
            ],
            "removed": [
                {"ecosystem": "crates.io", "name": "acme-http", "version": "1", "path": "Cargo.toml"},
                {"ecosystem": "crates.io", "name": "acme-rand", "version": "0.8", "path": "Cargo.toml"},
                // The published copy left the lockfile; the vendored one is the project's own.
                {"ecosystem": "crates.io", "name": "acme-vendored", "version": "1.0.0", "path": "Cargo.lock"},
            ],
        })
    );
    assert!(!report.fails);
}

const NPM_PACKAGE: &str = "{\n  \"name\": \"web\",\n  \"version\": \"1.0.0\",\n  \"dependencies\": {\n    \"acme-ui\": \"^1.0.0\"\n  }\n}\n";
const NPM_LOCK: &str = r#"{
  "name": "web",
  "version": "1.0.0",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "web",
      "version": "1.0.0",
      "dependencies": {
        "acme-ui": "^1.0.0"
      }
    },
    "node_modules/acme-ui": {
      "version": "1.0.0",
      "resolved": "http://127.0.0.1/npm/acme-ui/-/acme-ui-1.0.0.tgz"
    }
  }
}
"#;

/// An npm project whose change adds `acme-charts`, which pulls three packages: one fine, one
/// that does not exist, one with an install script.
fn npm_repo() -> Repo {
    let repo = Repo::new();
    repo.write("package.json", NPM_PACKAGE)
        .write("package-lock.json", NPM_LOCK);
    repo.commit("base");
    repo.write(
        "package.json",
        "{\n  \"name\": \"web\",\n  \"version\": \"1.0.0\",\n  \"dependencies\": {\n    \"acme-ui\": \"^1.0.0\",\n    \"acme-charts\": \"^2.0.0\"\n  }\n}\n",
    )
    .write(
        "package-lock.json",
        &NPM_LOCK.replace(
            "    \"node_modules/acme-ui\": {",
            "    \"node_modules/acme-charts\": {\n      \"version\": \"2.0.0\"\n    },\n    \"node_modules/acme-color\": {\n      \"version\": \"3.1.0\"\n    },\n    \"node_modules/acme-charts/node_modules/acme-ghost-dep\": {\n      \"version\": \"0.0.1\"\n    },\n    \"node_modules/acme-postinstall\": {\n      \"version\": \"1.0.0\"\n    },\n    \"node_modules/acme-ui\": {",
        ),
    );
    repo
}

fn npm_server() -> RegistryServer {
    let server = RegistryServer::start();
    server.npm("acme-ui", Package::new("1.0.0"));
    server.npm("acme-charts", Package::new("2.0.0"));
    server.npm("acme-color", Package::new("3.1.0"));
    let mut postinstall = Package::new("1.0.0");
    postinstall.install_script = true;
    server.npm("acme-postinstall", postinstall);
    server
}

#[test]
fn npm_lock_v3_transitive_newcomers_are_checked() {
    let server = npm_server();
    // Only the full document links it: fetched for the new dependency's note.
    server.repository(
        "npm",
        "acme-charts",
        "https://code.example.invalid/acme/charts",
    );
    let repo = npm_repo();
    let report = Run::new(repo.path()).report(&server);
    assert_eq!(
        rows(repo.path(), &report),
        [
            row(
                "deps.transitive-added",
                "package-lock.json",
                17,
                "\"node_modules/acme-color\"",
                "info"
            ),
            row(
                "registry.hallucinated-package",
                "package-lock.json",
                20,
                "\"node_modules/acme-charts/node_modules/acme-ghost-dep\"",
                "error"
            ),
            row(
                "registry.risky-package",
                "package-lock.json",
                23,
                "\"node_modules/acme-postinstall\"",
                "warning"
            ),
            row(
                "deps.new-dependency",
                "package.json",
                6,
                "acme-charts",
                "info"
            ),
        ]
    );
    assert_eq!(
        message(&report, "deps.new-dependency", "acme-charts"),
        "new dependency `acme-charts` from the npm registry in `dependencies`: latest 2.0.0, 1 versions, first published 2019-05-01, 4,321 downloads last month, repository https://code.example.invalid/acme/charts"
    );
    // Details are asked for the new direct dependency only, not for each transitive newcomer.
    let downloads: Vec<String> = server
        .paths()
        .into_iter()
        .filter(|p| p.starts_with("/npm-downloads/"))
        .collect();
    assert_eq!(
        downloads,
        ["/npm-downloads/downloads/point/last-month/acme-charts"]
    );
    assert_eq!(
        message(&report, "deps.transitive-added", "acme-color"),
        "3 transitive packages arrive with this change: acme-color 3.1.0, acme-ghost-dep 0.0.1, acme-postinstall 1.0.0; flagged by the registry checks: acme-ghost-dep, acme-postinstall"
    );
    let summary = summary_json(&report);
    let transitive: Vec<&str> = summary["transitive_added"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        transitive,
        ["acme-color", "acme-ghost-dep", "acme-postinstall"]
    );
    assert_eq!(summary["direct_added"][0]["name"], "acme-charts");
    assert_eq!(summary["removed"], serde_json::json!([]));
}

#[test]
fn fail_on_new_policies() {
    let server = npm_server();
    let repo = npm_repo();
    let severities = |report: &DependencyReport| -> Vec<(String, String)> {
        report
            .findings
            .iter()
            .filter(|f| f.finding.category.as_str() == "new-dependency")
            .map(|f| {
                (
                    f.finding.package.as_ref().unwrap().name.clone(),
                    f.finding.severity.as_str().to_string(),
                )
            })
            .collect()
    };
    let none = Run::new(repo.path())
        .config("fail-on-new = \"none\"")
        .report(&server);
    assert_eq!(
        severities(&none),
        [
            ("acme-color".into(), "info".into()),
            ("acme-charts".into(), "info".into())
        ]
    );
    assert!(!none.fails);

    // Risky: the lockfile note fails (a newcomer does not exist), the clean direct one does not.
    let risky = Run::new(repo.path())
        .config("fail-on-new = \"risky\"")
        .report(&server);
    assert_eq!(
        severities(&risky),
        [
            ("acme-color".into(), "error".into()),
            ("acme-charts".into(), "info".into())
        ]
    );
    assert!(risky.fails);
    assert!(
        message(&risky, "deps.transitive-added", "acme-color")
            .ends_with("(fails the check: fail-on-new = \"risky\")")
    );

    let any = Run::new(repo.path())
        .config("fail-on-new = \"any\"")
        .report(&server);
    assert_eq!(
        severities(&any),
        [
            ("acme-color".into(), "error".into()),
            ("acme-charts".into(), "error".into())
        ]
    );
    assert!(any.fails);

    // Approved packages do not fail "any"; nothing new and unapproved is left.
    let allowed = Run::new(repo.path())
        .config("fail-on-new = \"any\"\nallow = [\"npm:acme-charts\", \"acme-color\", \"acme-ghost-dep\", \"npm:acme-postinstall\"]")
        .report(&server);
    assert_eq!(severities(&allowed), []);
    assert!(!allowed.fails);
}

#[test]
fn allow_list_suppresses_notes_but_not_registry_errors() {
    let server = npm_server();
    let repo = npm_repo();
    let report = Run::new(repo.path())
        .config("allow = [\"npm:acme-charts\", \"acme-ghost-dep\", \"pypi:acme-color\"]")
        .report(&server);
    assert_eq!(
        rows(repo.path(), &report),
        [
            // acme-color is allowed on PyPI only, so it still counts here; acme-ghost-dep is
            // approved, but its hallucination error stays.
            row(
                "deps.transitive-added",
                "package-lock.json",
                17,
                "\"node_modules/acme-color\"",
                "info"
            ),
            row(
                "registry.hallucinated-package",
                "package-lock.json",
                20,
                "\"node_modules/acme-charts/node_modules/acme-ghost-dep\"",
                "error"
            ),
            row(
                "registry.risky-package",
                "package-lock.json",
                23,
                "\"node_modules/acme-postinstall\"",
                "warning"
            ),
        ]
    );
    assert!(
        message(&report, "deps.transitive-added", "acme-color")
            .starts_with("2 transitive packages arrive with this change: acme-color 3.1.0, acme-postinstall 1.0.0")
    );
    // The summary still counts every package: the allow list hides notes, not facts.
    assert_eq!(
        summary_json(&report)["transitive_added"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn python_requirements_pyproject_and_uv_lock() {
    let server = RegistryServer::start();
    server.pypi("acme-client", Package::new("2.1.0"));
    server.repository(
        "pypi",
        "acme-client",
        "https://git.example.invalid/acme/client",
    );
    server.pypi("acme-yaml", Package::new("6.0.1"));
    server.pypi("acme-idna", Package::new("3.7"));
    server.pypi("reqeusts", Package::new("0.0.1"));
    server.pypi("acme-flask", Package::new("3.0.1"));
    let repo = Repo::new();
    repo.write("requirements.txt", "acme-flask==3.0.0\n")
        .write(
            "pyproject.toml",
            "[project]\nname = \"svc\"\nversion = \"0.1.0\"\ndependencies = [\"acme-flask>=3\"]\n",
        )
        .write(
            "uv.lock",
            "version = 1\nrequires-python = \">=3.11\"\n\n[[package]]\nname = \"acme-flask\"\nversion = \"3.0.0\"\nsource = { registry = \"https://pypi.org/simple\" }\n\n[[package]]\nname = \"svc\"\nversion = \"0.1.0\"\nsource = { editable = \".\" }\n",
        );
    repo.commit("base");
    repo.write("requirements.txt", "acme-flask==3.0.0\nACME_Client>=2\nreqeusts\n")
        .write(
            "pyproject.toml",
            "[project]\nname = \"svc\"\nversion = \"0.1.0\"\ndependencies = [\"acme-flask>=2\", \"acme-yaml\"]\n",
        )
        .write(
            "uv.lock",
            "version = 1\nrequires-python = \">=3.11\"\n\n[[package]]\nname = \"acme-flask\"\nversion = \"3.0.1\"\nsource = { registry = \"https://pypi.org/simple\" }\n\n[[package]]\nname = \"acme-idna\"\nversion = \"3.7\"\nsource = { registry = \"https://pypi.org/simple\" }\n\n[[package]]\nname = \"acme-yaml\"\nversion = \"6.0.1\"\nsource = { registry = \"https://pypi.org/simple\" }\n\n[[package]]\nname = \"svc\"\nversion = \"0.1.0\"\nsource = { editable = \".\" }\n",
        );
    let report = Run::new(repo.path()).report(&server);
    assert_eq!(
        rows(repo.path(), &report),
        [
            row(
                "deps.new-dependency",
                "pyproject.toml",
                4,
                "acme-yaml",
                "info"
            ),
            row(
                "deps.new-dependency",
                "requirements.txt",
                2,
                "ACME_Client",
                "info"
            ),
            row(
                "deps.new-dependency",
                "requirements.txt",
                3,
                "reqeusts",
                "info"
            ),
            row(
                "deps.transitive-added",
                "uv.lock",
                10,
                "\"acme-idna\"",
                "info"
            ),
        ]
    );
    assert_eq!(
        message(&report, "deps.new-dependency", "ACME_Client"),
        "new dependency `ACME_Client` from PyPI in `requirements`: latest 2.1.0, 1 versions, first published 2019-05-01, repository https://git.example.invalid/acme/client"
    );
    assert!(
        message(&report, "deps.new-dependency", "acme-yaml").ends_with("no repository link"),
        "{}",
        message(&report, "deps.new-dependency", "acme-yaml")
    );
    assert!(
        message(&report, "deps.new-dependency", "reqeusts")
            .ends_with("; also reported as a typosquat: that finding takes precedence"),
        "{}",
        message(&report, "deps.new-dependency", "reqeusts")
    );
    let summary = summary_json(&report);
    assert_eq!(summary["transitive_added"][0]["name"], "acme-idna");
    assert_eq!(summary["direct_added"].as_array().unwrap().len(), 3);
}

#[test]
fn poetry_lock_delta() {
    let server = RegistryServer::start();
    server.pypi("acme-attrs", Package::new("23.2.0"));
    let repo = Repo::new();
    let lock = |extra: &str| {
        format!(
            "[[package]]\nname = \"acme-web\"\nversion = \"1.0.0\"\ndescription = \"\"\n{extra}\n[metadata]\nlock-version = \"2.0\"\n"
        )
    };
    repo.write(
        "pyproject.toml",
        "[tool.poetry.dependencies]\npython = \"^3.11\"\nacme-web = \"^1\"\nacme-gone = \"^1\"\n",
    )
    .write(
        "poetry.lock",
        &lock("\n[[package]]\nname = \"acme-gone\"\nversion = \"1.0.0\"\n"),
    );
    repo.commit("base");
    repo.write(
        "pyproject.toml",
        "[tool.poetry.dependencies]\npython = \"^3.11\"\nacme-web = \"^1\"\n",
    )
    .write(
        "poetry.lock",
        &lock("\n[[package]]\nname = \"acme-attrs\"\nversion = \"23.2.0\"\n"),
    );
    let report = Run::new(repo.path()).report(&server);
    assert_eq!(
        rows(repo.path(), &report),
        [row(
            "deps.transitive-added",
            "poetry.lock",
            7,
            "\"acme-attrs\"",
            "info"
        )]
    );
    assert_eq!(
        summary_json(&report)["removed"],
        serde_json::json!([{"ecosystem": "pypi", "name": "acme-gone", "version": "^1", "path": "pyproject.toml"}])
    );
}

#[test]
fn a_new_manifest_has_only_new_dependencies() {
    let server = RegistryServer::start();
    server.npm("acme-left", Package::new("1.0.0"));
    server.npm(
        "@acme/right",
        Package {
            downloads: 1_234_567,
            ..Package::new("2.0.0")
        },
    );
    let repo = Repo::new();
    repo.write("README.md", "demo\n");
    repo.commit("base");
    repo.write(
        "tools/package.json",
        "{\"devDependencies\": {\"acme-left\": \"1.0.0\", \"@acme/right\": \"^2\"}}\n",
    );
    let report = Run::new(repo.path()).report(&server);
    assert_eq!(
        rows(repo.path(), &report),
        [
            row(
                "deps.new-dependency",
                "tools/package.json",
                1,
                "acme-left",
                "info"
            ),
            row(
                "deps.new-dependency",
                "tools/package.json",
                1,
                "@acme/right",
                "info"
            )
        ]
    );
    assert_eq!(
        summary_json(&report)["direct_added"],
        serde_json::json!([
            {"ecosystem": "npm", "name": "@acme/right", "version": "^2", "path": "tools/package.json"},
            {"ecosystem": "npm", "name": "acme-left", "version": "1.0.0", "path": "tools/package.json"},
        ])
    );
    // A scoped name is asked for as written, and its count reaches the note.
    assert!(
        message(&report, "deps.new-dependency", "@acme/right").ends_with(
            "first published 2019-05-01, 1,234,567 downloads last month, no repository link"
        ),
        "{}",
        message(&report, "deps.new-dependency", "@acme/right")
    );
    assert!(
        server
            .paths()
            .contains(&"/npm-downloads/downloads/point/last-month/@acme/right".to_string()),
        "{:?}",
        server.paths()
    );
}

#[test]
fn a_repository_without_commits_compares_with_nothing() {
    let server = RegistryServer::start();
    server.krate("acme-core", Package::new("0.3.0"));
    let repo = Repo::new();
    repo.write(
        "Cargo.toml",
        "[package]\nname = \"x\"\n[dependencies]\nacme-core = \"0.3\"\n",
    );
    let report = Run::new(repo.path()).report(&server);
    assert!(report.notes.is_empty(), "{:?}", report.notes);
    assert_eq!(report.summary.direct_added.len(), 1);
}

#[test]
fn no_git_repository_is_a_note_not_a_failure() {
    let server = RegistryServer::start();
    server.pypi("acme-client", Package::new("1.0"));
    server.pypi("acme-undeclared", Package::new("1.0"));
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("requirements.txt", "acme-client\n"),
            ("app.py", "import acme_client\nimport acme_undeclared\n"),
        ],
    );
    let report = Run::new(dir.path()).code(&["app.py"]).report(&server);
    assert_eq!(report.notes.len(), 1);
    assert!(
        report.notes[0].starts_with("new dependencies not computed: not inside a git repository"),
        "{:?}",
        report.notes
    );
    // The undeclared import needs no repository.
    assert_eq!(
        rows(dir.path(), &report),
        [row(
            "deps.undeclared-import",
            "app.py",
            2,
            "acme_undeclared",
            "info"
        )]
    );
    assert!(
        message(&report, "deps.undeclared-import", "acme_undeclared").starts_with(
            "`acme_undeclared` is imported but not declared in pyproject.toml or requirements*.txt"
        ),
        "{}",
        message(&report, "deps.undeclared-import", "acme_undeclared")
    );
    assert_eq!(report.summary, Default::default());
}

#[test]
fn undeclared_imports_in_each_language() {
    let server = RegistryServer::start();
    server.npm("acme-date", Package::new("1.0.0"));
    server.krate("acme-json", Package::new("1.0.0"));
    server.pypi("acme-http", Package::new("1.0"));
    let repo = Repo::new();
    repo.write(
        "web/package.json",
        "{\"dependencies\": {\"acme-ui\": \"1\"}}\n",
    )
    .write(
        "web/app.js",
        "import ui from 'acme-ui';\nimport d from 'acme-date';\nimport fs from 'node:fs';\n",
    )
    .write("core/Cargo.toml", "[package]\nname = \"core\"\n")
    .write("core/src/lib.rs", "use acme_json::Value;\nuse std::fmt;\n")
    .write(
        "svc/pyproject.toml",
        "[project]\nname = \"svc\"\ndependencies = []\n",
    )
    .write("svc/main.py", "import os\nimport acme_http\n")
    .write("loose/script.py", "import acme_http\n");
    repo.commit("base");
    let report = Run::new(repo.path())
        .code(&[
            "web/app.js",
            "core/src/lib.rs",
            "svc/main.py",
            "loose/script.py",
        ])
        .report(&server);
    assert_eq!(
        rows(repo.path(), &report),
        [
            row(
                "deps.undeclared-import",
                "core/src/lib.rs",
                1,
                "acme_json",
                "info"
            ),
            row(
                "deps.undeclared-import",
                "svc/main.py",
                2,
                "acme_http",
                "info"
            ),
            row(
                "deps.undeclared-import",
                "web/app.js",
                2,
                "acme-date",
                "info"
            ),
        ]
    );
    assert!(
        message(&report, "deps.undeclared-import", "acme-date")
            .contains("not declared in package.json")
    );
    assert!(
        message(&report, "deps.undeclared-import", "acme_json")
            .contains("not declared in Cargo.toml")
    );
}

#[test]
fn staged_head_and_diff_against_a_revision() {
    let server = RegistryServer::start();
    for name in ["acme-a", "acme-b", "acme-c", "acme-d"] {
        server.npm(name, Package::new("1.0.0"));
    }
    let repo = Repo::new();
    let manifest = |names: &[&str]| {
        let deps: Vec<String> = names
            .iter()
            .map(|n| format!("\"{n}\": \"1.0.0\""))
            .collect();
        format!("{{\"dependencies\": {{{}}}}}\n", deps.join(", "))
    };
    repo.write("package.json", &manifest(&["acme-a"]));
    let base = repo.commit("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("package.json", &manifest(&["acme-a", "acme-b"]));
    repo.commit("add acme-b");
    // Staged: acme-c. Unstaged on top: acme-d.
    repo.write("package.json", &manifest(&["acme-a", "acme-b", "acme-c"]));
    repo.git(&["add", "package.json"]);
    repo.write(
        "package.json",
        &manifest(&["acme-a", "acme-b", "acme-c", "acme-d"]),
    );
    let names = |baseline: Baseline| -> Vec<String> {
        Run::new(repo.path())
            .baseline(baseline)
            .report(&server)
            .summary
            .direct_added
            .into_iter()
            .map(|e| e.name)
            .collect()
    };
    assert_eq!(names(Baseline::Index), ["acme-c"]);
    assert_eq!(names(Baseline::Head), ["acme-c", "acme-d"]);
    assert_eq!(
        names(Baseline::Rev(base.clone())),
        ["acme-b", "acme-c", "acme-d"]
    );
    // Against a branch, the base is the merge base.
    repo.git(&["branch", "other", &base]);
    assert_eq!(
        names(Baseline::Rev("other".into())),
        ["acme-b", "acme-c", "acme-d"]
    );
    let unknown = Run::new(repo.path())
        .baseline(Baseline::Rev("no-such-rev".into()))
        .report(&server);
    assert_eq!(
        unknown.notes,
        ["new dependencies not computed: unknown revision `no-such-rev`"]
    );
    // Staged findings point into the index's text.
    let staged = Run::new(repo.path())
        .baseline(Baseline::Index)
        .report(&server);
    assert_eq!(staged.findings.len(), 1);
    assert_eq!(staged.findings[0].finding.span.start.line, 0);
}

#[test]
fn broken_lockfiles_and_manifests_degrade_to_notes() {
    let server = RegistryServer::start();
    let repo = Repo::new();
    repo.write("package.json", "{\"dependencies\": {}}\n")
        .write(
            "package-lock.json",
            "{\"lockfileVersion\": 1, \"dependencies\": {}}\n",
        );
    repo.commit("base");
    repo.write(
        "package-lock.json",
        "{\"lockfileVersion\": 1, \"dependencies\": {\"x\": {}}}\n",
    )
    .write("Cargo.lock", "[[package]\nthis is not toml")
    .write("Cargo.toml", "[dependencies\nbroken = ");
    let report = Run::new(repo.path()).report(&server);
    assert_eq!(report.notes.len(), 2, "{:?}", report.notes);
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.starts_with("Cargo.lock: Cargo.lock does not parse"))
    );
    assert!(report.notes.iter().any(|n| n.contains("lockfileVersion 1")));
}

/// What `check --format json` must show: `summary.dependencies` is the serialised
/// [`slopguard::deps::DependencySummary`]. The lead wires it into the check output.
#[test]
fn summary_dependencies_json_for_check() {
    let server = npm_server();
    let repo = npm_repo();
    let report = Run::new(repo.path()).report(&server);
    let summary = serde_json::to_string(&report.summary).unwrap();
    assert_eq!(
        summary,
        concat!(
            r#"{"direct_added":[{"ecosystem":"npm","name":"acme-charts","version":"^2.0.0","path":"package.json"}],"#,
            r#""transitive_added":[{"ecosystem":"npm","name":"acme-color","version":"3.1.0","path":"package-lock.json"},"#,
            r#"{"ecosystem":"npm","name":"acme-ghost-dep","version":"0.0.1","path":"package-lock.json"},"#,
            r#"{"ecosystem":"npm","name":"acme-postinstall","version":"1.0.0","path":"package-lock.json"}],"#,
            r#""removed":[]}"#
        )
    );
}

#[test]
fn packages_from_a_private_registry_are_not_asked_of_the_public_one() {
    // Two newcomers pulled by acme-charts: one from a company registry (which the public
    // registry has never heard of), one with no `resolved` host. Only the second is checked.
    let server = npm_server();
    let repo = Repo::new();
    repo.write("package.json", NPM_PACKAGE)
        .write("package-lock.json", NPM_LOCK);
    repo.commit("base");
    repo.write(
        "package.json",
        "{\n  \"name\": \"web\",\n  \"version\": \"1.0.0\",\n  \"dependencies\": {\n    \"acme-ui\": \"^1.0.0\",\n    \"acme-charts\": \"^2.0.0\"\n  }\n}\n",
    )
    .write(
        "package-lock.json",
        &NPM_LOCK.replace(
            "    \"node_modules/acme-ui\": {",
            "    \"node_modules/acme-charts\": {\n      \"version\": \"2.0.0\"\n    },\n    \"node_modules/@corp/telemetry\": {\n      \"version\": \"4.0.0\",\n      \"resolved\": \"https://npm.corp.example/@corp/telemetry/-/telemetry-4.0.0.tgz\"\n    },\n    \"node_modules/acme-ghost-dep\": {\n      \"version\": \"0.0.1\"\n    },\n    \"node_modules/acme-ui\": {",
        ),
    );
    let report = Run::new(repo.path()).report(&server);
    let hallucinated: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.finding.rule_id == "registry.hallucinated-package")
        .map(|f| f.finding.package.as_ref().unwrap().name.as_str())
        .collect();
    assert_eq!(hallucinated, ["acme-ghost-dep"]);
    assert!(
        !server.paths().iter().any(|p| p.contains("telemetry")),
        "{:?}",
        server.paths()
    );
    assert_eq!(
        report.notes,
        [
            "package-lock.json: 1 new or changed entry from npm.corp.example not checked against the npm registry (set its URL in [registry] to check them)"
        ]
    );
    // It still arrived, and the summary says so.
    let summary = summary_json(&report);
    assert!(
        summary["transitive_added"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "@corp/telemetry"),
        "{summary:#}"
    );
}

#[test]
fn requirements_files_included_under_other_names_are_diffed_and_declare() {
    let server = RegistryServer::start();
    server.pypi("acme-one", Package::new("1.0.0"));
    server.pypi("acme-two", Package::new("2.0.0"));
    let repo = Repo::new();
    repo.write("requirements.txt", "-r requirements/base.in\n")
        .write("requirements/base.in", "acme-one\n")
        .write("app.py", "import acme_one\n");
    repo.commit("base");
    // The new dependency is added to the included file, and the code that uses it is
    // declared through the include: a new-dependency note, no undeclared import.
    repo.write("requirements/base.in", "acme-one\nacme-two>=2\n")
        .write("app.py", "import acme_one\nimport acme_two\n");
    let report = Run::new(repo.path()).code(&["app.py"]).report(&server);
    assert_eq!(
        rows(repo.path(), &report),
        [row(
            "deps.new-dependency",
            "requirements/base.in",
            2,
            "acme-two",
            "info"
        )]
    );
    assert_eq!(
        summary_json(&report)["direct_added"],
        serde_json::json!([{"ecosystem": "pypi", "name": "acme-two", "version": ">=2", "path": "requirements/base.in"}])
    );
}

#[test]
fn a_project_below_the_repository_top_level_diffs_its_includes() {
    // The project directory is `py/` inside the repository: git lists paths from the top
    // level, the diff keys them from the project.
    let server = RegistryServer::start();
    server.pypi("acme-one", Package::new("1.0.0"));
    server.pypi("acme-two", Package::new("2.0.0"));
    let repo = Repo::new();
    repo.write("py/requirements.txt", "-r base.in\n")
        .write("py/base.in", "acme-one\n");
    repo.commit("base");
    repo.write("py/base.in", "acme-one\nacme-two\n");
    let project = repo.path().join("py");
    let report = Run::new(&project).report(&server);
    assert_eq!(
        rows(&project, &report),
        [row("deps.new-dependency", "base.in", 2, "acme-two", "info")]
    );
}

#[test]
fn workspace_siblings_are_not_new_and_private_scopes_are_not_asked_about() {
    let server = npm_server();
    let repo = Repo::new();
    repo.write(
        "package.json",
        r#"{"name": "mono", "private": true, "workspaces": ["packages/*"]}"#,
    )
    .write(
        "packages/shared/package.json",
        r#"{"name": "@my/shared", "version": "1.0.0"}"#,
    )
    .write(
        "packages/web/package.json",
        r#"{"name": "@my/web", "dependencies": {"acme-ui": "^1.0.0"}}"#,
    )
    .write(".npmrc", "@corp:registry=https://npm.corp.example/\n")
    .write(
        "pnpm-lock.yaml",
        "lockfileVersion: '9.0'\n\npackages:\n\n  acme-ui@1.0.0:\n    resolution: {integrity: sha512-0}\n",
    );
    repo.commit("base");
    repo.write(
        "packages/web/package.json",
        r#"{"name": "@my/web", "dependencies": {"acme-ui": "^1.0.0", "@my/shared": "*", "@corp/ui": "^2.0.0"}}"#,
    )
    .write(
        "pnpm-lock.yaml",
        "lockfileVersion: '9.0'\n\npackages:\n\n  '@corp/telemetry@4.0.0':\n    resolution: {integrity: sha512-0}\n\n  '@corp/ui@2.0.0':\n    resolution: {integrity: sha512-0}\n\n  acme-ui@1.0.0:\n    resolution: {integrity: sha512-0}\n",
    );
    let report = Run::new(repo.path()).report(&server);
    let got: Vec<(String, String)> = report
        .findings
        .iter()
        .map(|f| {
            (
                f.finding.rule_id.clone(),
                f.finding.package.as_ref().unwrap().name.clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("deps.new-dependency".into(), "@corp/ui".into()),
            ("deps.transitive-added".into(), "@corp/telemetry".into()),
        ],
        "{:#?}",
        report.findings
    );
    assert!(
        !server
            .paths()
            .iter()
            .any(|p| p.contains("corp") || p.contains("shared")),
        "{:?}",
        server.paths()
    );
    assert_eq!(
        summary_json(&report)["direct_added"],
        serde_json::json!([{"ecosystem": "npm", "name": "@corp/ui", "version": "^2.0.0", "path": "packages/web/package.json"}])
    );
}
