//! npm: `package.json`, lockfile v3 and pnpm newcomers, private registries and workspaces.

use crate::support::{Package, RegistryServer};
use crate::{Repo, Row, Run, message, row, rows, summary_json};

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

/// The npm project's `package.json` once the change adds `acme-charts`.
const NPM_PACKAGE_WITH_CHARTS: &str = "{\n  \"name\": \"web\",\n  \"version\": \"1.0.0\",\n  \"dependencies\": {\n    \"acme-ui\": \"^1.0.0\",\n    \"acme-charts\": \"^2.0.0\"\n  }\n}\n";

/// An npm project whose change adds `acme-charts`, which pulls three packages: one fine, one
/// that does not exist, one with an install script.
pub(crate) fn npm_repo() -> Repo {
    npm_repo_adding(
        "    \"node_modules/acme-color\": {\n      \"version\": \"3.1.0\"\n    },\n    \"node_modules/acme-charts/node_modules/acme-ghost-dep\": {\n      \"version\": \"0.0.1\"\n    },\n    \"node_modules/acme-postinstall\": {\n      \"version\": \"1.0.0\"\n    },\n",
    )
}

/// The npm project with `acme-charts` added to `package.json` and, to its lockfile,
/// `acme-charts` and the package entries in `pulled` (lines of `"node_modules/...": {...},`).
fn npm_repo_adding(pulled: &str) -> Repo {
    let repo = Repo::new();
    repo.write("package.json", NPM_PACKAGE)
        .write("package-lock.json", NPM_LOCK);
    repo.commit("base");
    repo.write("package.json", NPM_PACKAGE_WITH_CHARTS).write(
        "package-lock.json",
        &NPM_LOCK.replace(
            "    \"node_modules/acme-ui\": {",
            &format!(
                "    \"node_modules/acme-charts\": {{\n      \"version\": \"2.0.0\"\n    }},\n{pulled}    \"node_modules/acme-ui\": {{"
            ),
        ),
    );
    repo
}

/// The lockfile findings on [`npm_repo`]: the newcomers' note, the package that does not exist,
/// the one with an install script.
pub(crate) fn npm_lockfile_rows() -> [Row; 3] {
    [
        row(
            "deps.transitive-added",
            "package-lock.json",
            17,
            "\"node_modules/acme-color\"",
            "info",
        ),
        row(
            "registry.hallucinated-package",
            "package-lock.json",
            20,
            "\"node_modules/acme-charts/node_modules/acme-ghost-dep\"",
            "error",
        ),
        row(
            "registry.risky-package",
            "package-lock.json",
            23,
            "\"node_modules/acme-postinstall\"",
            "warning",
        ),
    ]
}

pub(crate) fn npm_server() -> RegistryServer {
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
    let mut expected = npm_lockfile_rows().to_vec();
    expected.push(row(
        "deps.new-dependency",
        "package.json",
        6,
        "acme-charts",
        "info",
    ));
    assert_eq!(rows(repo.path(), &report), expected);
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
    let repo = npm_repo_adding(
        "    \"node_modules/@corp/telemetry\": {\n      \"version\": \"4.0.0\",\n      \"resolved\": \"https://npm.corp.example/@corp/telemetry/-/telemetry-4.0.0.tgz\"\n    },\n    \"node_modules/acme-ghost-dep\": {\n      \"version\": \"0.0.1\"\n    },\n",
    );
    let report = Run::new(repo.path()).report(&server);
    let hallucinated: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| &*f.finding.rule_id == "registry.hallucinated-package")
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
                f.finding.rule_id.to_string(),
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
