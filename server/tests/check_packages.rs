//! `slopguard check` end to end with its project-level pass: registry truth and new
//! dependencies, against a registry server the test starts on 127.0.0.1 and a real git repo.

mod support;

use assert_cmd::Command;
use serde_json::Value;
use support::cli::{check_command, check_json, findings};
use support::{Package, RegistryServer, git};

#[test]
fn hallucinated_imports_and_new_dependencies_reach_the_report() {
    let server = RegistryServer::start();
    server.pypi("acme-client", Package::new("2.1.0"));
    let repo = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let dir = repo.path();
    git(dir, &["init", "-q"]);
    std::fs::write(dir.join("requirements.txt"), "acme-client==2.1.0\n").unwrap();
    std::fs::write(dir.join("app.py"), "import acme_client\n").unwrap();
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "base"]);

    // An assistant adds an import of a package that does not exist, and a dependency.
    std::fs::write(
        dir.join("requirements.txt"),
        "acme-client==2.1.0\nacme-phantom-utils==0.1\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("app.py"),
        "import acme_client\nimport acme_phantom_sdk\n",
    )
    .unwrap();
    let (code, document, stderr) = check_json(dir, &server, cache.path(), &[]);
    assert_eq!(code, 1, "{document:#}\n{stderr}");

    let hallucinated = findings(&document, "registry.hallucinated-package");
    let paths: Vec<(&str, u64)> = hallucinated
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap(),
                f["range"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(paths.contains(&("app.py", 2)), "{document:#}");
    assert!(paths.contains(&("requirements.txt", 2)), "{document:#}");
    for finding in &hallucinated {
        assert_eq!(finding["category"], "hallucinated-package");
        assert_eq!(finding["package"]["ecosystem"], "pypi");
    }
    // The real package is neither hallucinated nor new.
    assert!(
        document["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["package"]["name"] != "acme-client")
    );
    let added: Vec<&str> = document["summary"]["dependencies"]["direct_added"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(added, ["acme-phantom-utils"], "{document:#}");

    // The same check with the registry unreachable says "could not verify", never "does not
    // exist": a fresh cache, and a port where nothing listens.
    let cache = tempfile::tempdir().unwrap();
    let output = Command::cargo_bin("slopguard")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("SLOPGUARD_OFFLINE")
        .envs(
            server
                .env()
                .into_iter()
                .map(|(k, _)| (k, "http://127.0.0.1:1")),
        )
        .env("SLOPGUARD_CACHE_DIR", cache.path())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(
        findings(&document, "registry.hallucinated-package").is_empty(),
        "{document:#}"
    );
    assert!(
        !findings(&document, "registry.unverified").is_empty(),
        "{document:#}"
    );
}

#[test]
fn offline_and_disabled_package_checks_ask_no_registry() {
    let server = RegistryServer::start();
    let repo = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    std::fs::write(repo.path().join("app.py"), "import acme_phantom_sdk\n").unwrap();
    let (_, document, _) = check_json(repo.path(), &server, cache.path(), &["--offline"]);
    assert!(
        findings(&document, "registry.hallucinated-package").is_empty(),
        "{document:#}"
    );
    let (_, document, _) = check_json(repo.path(), &server, cache.path(), &["--no-package-checks"]);
    assert!(
        document["findings"].as_array().unwrap().is_empty(),
        "{document:#}"
    );
    assert!(document["summary"].get("dependencies").is_none());
    assert!(server.requests().is_empty(), "{:?}", server.paths());
}

#[test]
fn undeclared_imports_are_reported_for_relative_paths_too() {
    // `check`, `check .` and `check app.py` pass relative paths, whose parent is "" for a file
    // at the top: the walk up to the project's manifests must still find requirements.txt.
    let server = RegistryServer::start();
    server.pypi("acme-client", Package::new("2.1.0"));
    server.pypi("acme-extra", Package::new("1.0.0"));
    let repo = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let dir = repo.path();
    // `cv2` is looked up as opencv-python, but the headless build declares it just as well.
    std::fs::write(
        dir.join("requirements.txt"),
        "acme-client==2.1.0\nopencv-python-headless\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("app.py"),
        "import acme_client\nimport acme_extra\nimport cv2\n",
    )
    .unwrap();
    std::fs::create_dir(dir.join("pkg")).unwrap();
    std::fs::write(dir.join("pkg/jobs.py"), "import acme_extra\n").unwrap();
    for paths in [&[][..], &["."][..], &["app.py", "pkg/jobs.py"][..]] {
        let (_, document, stderr) = check_json(dir, &server, cache.path(), paths);
        let undeclared: Vec<(String, String)> = findings(&document, "deps.undeclared-import")
            .iter()
            .map(|f| {
                (
                    f["path"]
                        .as_str()
                        .unwrap()
                        .trim_start_matches("./")
                        .to_string(),
                    f["package"]["name"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                )
            })
            .collect();
        assert_eq!(
            undeclared.len(),
            2,
            "check {paths:?}: {undeclared:?}\n{document}\n{stderr}"
        );
        assert!(
            undeclared.iter().any(|(p, _)| p == "app.py")
                && undeclared.iter().any(|(p, _)| p == "pkg/jobs.py"),
            "check {paths:?}: {undeclared:?}"
        );
    }
}

#[test]
fn included_requirement_files_are_checked_and_pins_compare_by_pep_440() {
    let server = RegistryServer::start();
    server.pypi("acme-client", Package::new("2.0.0"));
    let repo = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let dir = repo.path();
    // `==2.0` is the published `2.0.0`; `base.in` is not named like a requirements file but
    // `-r` makes it one, and `constraints/pins.txt` is reached through it.
    std::fs::write(
        dir.join("requirements.txt"),
        "-r base.in\nacme-client==2.0\nacme-client-tools==9.9\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("base.in"),
        "--requirement constraints/pins.txt\nacme-phantom-utils\n",
    )
    .unwrap();
    std::fs::create_dir(dir.join("constraints")).unwrap();
    std::fs::write(dir.join("constraints/pins.txt"), "acme-phantom-pins\n").unwrap();

    let (code, document, stderr) = check_json(dir, &server, cache.path(), &[]);
    assert_eq!(code, 1, "{document:#}\n{stderr}");
    let mut hallucinated: Vec<(&str, &str)> = findings(&document, "registry.hallucinated-package")
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap(),
                f["package"]["name"].as_str().unwrap(),
            )
        })
        .collect();
    hallucinated.sort();
    assert_eq!(
        hallucinated,
        [
            ("base.in", "acme-phantom-utils"),
            ("constraints/pins.txt", "acme-phantom-pins"),
            ("requirements.txt", "acme-client-tools"),
        ],
        "{document:#}"
    );
    assert!(
        findings(&document, "registry.version-not-found").is_empty(),
        "{document:#}"
    );

    // SARIF carries the same package facts in each result's properties.
    let output = Command::cargo_bin("slopguard")
        .unwrap()
        .current_dir(dir)
        .env_remove("SLOPGUARD_OFFLINE")
        .envs(server.env())
        .env("SLOPGUARD_CACHE_DIR", cache.path())
        .args(["check", "--format", "sarif"])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    let packages: Vec<&Value> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ruleId"] == "registry.hallucinated-package")
        .map(|r| &r["properties"]["package"])
        .collect();
    assert_eq!(packages.len(), 3, "{sarif:#}");
    assert!(
        packages
            .iter()
            .any(|p| p["ecosystem"] == "pypi" && p["name"] == "acme-phantom-pins"),
        "{sarif:#}"
    );
}

fn yarn_lock(entries: &[(&str, &str)]) -> String {
    let mut text = String::from(
        "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n",
    );
    for (name, version) in entries {
        text.push_str(&format!(
            "\n{name}@^{version}:\n  version \"{version}\"\n  resolved \"https://registry.yarnpkg.com/{name}/-/{name}-{version}.tgz\"\n"
        ));
    }
    text
}

fn pnpm_lock(direct: &[(&str, &str)], entries: &[(&str, &str)]) -> String {
    let mut text =
        String::from("lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n");
    for (name, version) in direct {
        text.push_str(&format!(
            "      {name}:\n        specifier: ^{version}\n        version: {version}\n"
        ));
    }
    text.push_str("\npackages:\n");
    for (name, version) in entries {
        text.push_str(&format!(
            "\n  {name}@{version}:\n    resolution: {{integrity: sha512-0}}\n"
        ));
    }
    text.push_str("\nsnapshots:\n");
    for (name, version) in entries {
        text.push_str(&format!("\n  {name}@{version}: {{}}\n"));
    }
    text
}

#[test]
fn check_json_summarises_direct_transitive_and_removed_dependencies() {
    // Two JavaScript projects in one repository, one locked by yarn (v1), one by pnpm (v9).
    let server = RegistryServer::start();
    for (name, version) in [
        ("acme-ui", "1.0.0"),
        ("acme-charts", "2.0.0"),
        ("acme-color", "3.1.0"),
        ("acme-core", "1.0.0"),
        ("acme-queue", "0.5.0"),
    ] {
        server.npm(name, Package::new(version));
    }
    let repo = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let dir = repo.path();
    git(dir, &["init", "-q"]);
    std::fs::create_dir_all(dir.join("web")).unwrap();
    std::fs::create_dir_all(dir.join("api")).unwrap();
    let package = |deps: &str| {
        format!("{{\"name\": \"p\", \"version\": \"1.0.0\", \"dependencies\": {{{deps}}}}}\n")
    };
    std::fs::write(
        dir.join("web/package.json"),
        package("\"acme-ui\": \"^1.0.0\""),
    )
    .unwrap();
    std::fs::write(
        dir.join("web/yarn.lock"),
        yarn_lock(&[("acme-old-helper", "0.1.0"), ("acme-ui", "1.0.0")]),
    )
    .unwrap();
    std::fs::write(
        dir.join("api/package.json"),
        package("\"acme-core\": \"^1.0.0\""),
    )
    .unwrap();
    std::fs::write(
        dir.join("api/pnpm-lock.yaml"),
        pnpm_lock(&[("acme-core", "1.0.0")], &[("acme-core", "1.0.0")]),
    )
    .unwrap();
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "base"]);

    // web gains acme-charts (pulling acme-color) and loses its old helper; api's lockfile
    // gains acme-queue through acme-core's new version.
    std::fs::write(
        dir.join("web/package.json"),
        package("\"acme-ui\": \"^1.0.0\", \"acme-charts\": \"^2.0.0\""),
    )
    .unwrap();
    std::fs::write(
        dir.join("web/yarn.lock"),
        yarn_lock(&[
            ("acme-charts", "2.0.0"),
            ("acme-color", "3.1.0"),
            ("acme-ui", "1.0.0"),
        ]),
    )
    .unwrap();
    std::fs::write(
        dir.join("api/pnpm-lock.yaml"),
        pnpm_lock(
            &[("acme-core", "1.0.0")],
            &[("acme-core", "1.0.0"), ("acme-queue", "0.5.0")],
        ),
    )
    .unwrap();

    let (code, document, stderr) = check_json(dir, &server, cache.path(), &[]);
    assert_eq!(code, 0, "{document:#}\n{stderr}");
    // The facts of the new dependency came from the test server, not the internet.
    assert!(
        server
            .paths()
            .contains(&"/npm-downloads/downloads/point/last-month/acme-charts".to_string()),
        "{:?}",
        server.paths()
    );
    assert_eq!(
        document["summary"]["dependencies"],
        serde_json::json!({
            "direct_added": [
                {"ecosystem": "npm", "name": "acme-charts", "version": "^2.0.0", "path": "web/package.json"},
            ],
            "transitive_added": [
                {"ecosystem": "npm", "name": "acme-color", "version": "3.1.0", "path": "web/yarn.lock"},
                {"ecosystem": "npm", "name": "acme-queue", "version": "0.5.0", "path": "api/pnpm-lock.yaml"},
            ],
            "removed": [
                {"ecosystem": "npm", "name": "acme-old-helper", "version": "0.1.0", "path": "web/yarn.lock"},
            ],
        }),
        "{document:#}"
    );
    let notes: Vec<(&str, &str)> = findings(&document, "deps.transitive-added")
        .iter()
        .map(|f| (f["path"].as_str().unwrap(), f["message"].as_str().unwrap()))
        .collect();
    assert_eq!(
        notes,
        [
            (
                "api/pnpm-lock.yaml",
                "1 transitive package arrives with this change: acme-queue 0.5.0"
            ),
            (
                "web/yarn.lock",
                "1 transitive package arrives with this change: acme-color 3.1.0"
            ),
        ],
        "{document:#}"
    );
    // The text report ends with the same counts.
    let output = check_command(dir, &server, cache.path()).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.trim_end()
            .ends_with("Dependencies: 1 added directly, 2 transitively, 1 removed."),
        "{text}"
    );
}

#[test]
fn fail_on_new_sets_the_exit_code_from_the_notes_that_are_shown() {
    let server = RegistryServer::start();
    server.pypi("acme-client", Package::new("2.1.0"));
    server.pypi("acme-extra", Package::new("1.0.0"));
    server.pypi(
        "acme-fresh",
        Package {
            published: support::check::days_ago(2),
            ..Package::new("0.0.1")
        },
    );
    let repo = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let dir = repo.path();
    git(dir, &["init", "-q"]);
    std::fs::write(dir.join("requirements.txt"), "acme-client==2.1.0\n").unwrap();
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "base"]);
    let run = |policy: &str, requirements: &str| {
        std::fs::write(
            dir.join("slopguard.toml"),
            format!("[dependencies]\nfail-on-new = \"{policy}\"\n"),
        )
        .unwrap();
        std::fs::write(dir.join("requirements.txt"), requirements).unwrap();
        let (code, document, stderr) = check_json(dir, &server, cache.path(), &[]);
        let notes: Vec<String> = findings(&document, "deps.new-dependency")
            .iter()
            .map(|f| f["severity"].as_str().unwrap().to_string())
            .collect();
        (code, notes, stderr)
    };
    let plain = "acme-client==2.1.0\nacme-extra==1.0.0\n";
    let risky = "acme-client==2.1.0\nacme-fresh==0.0.1\n";
    assert_eq!(run("none", plain).0, 0);
    assert_eq!(run("risky", plain).0, 0);
    let (code, notes, stderr) = run("any", plain);
    assert_eq!((code, notes), (1, vec!["error".to_string()]), "{stderr}");
    // Under `risky`, a risky newcomer's note is an error too.
    let (code, notes, _) = run("risky", risky);
    assert_eq!((code, notes), (1, vec!["error".to_string()]));
    // A suppressed note cannot fail the check in secret.
    let (code, notes, stderr) = run(
        "any",
        "acme-client==2.1.0\nacme-extra==1.0.0  # slopguard: ignore[deps.new-dependency]\n",
    );
    assert_eq!((code, notes), (0, vec![]), "{stderr}");
}

#[test]
fn workspace_packages_aliases_private_scopes_and_uv_sources_are_not_registry_lookups() {
    // From the repository root with relative paths, as `check` is run in CI: the walk from a
    // file up to its manifests, tsconfig and workspace must still find them.
    let server = RegistryServer::start();
    server.npm("acme-ui", Package::new("1.0.0"));
    server.pypi("acme-http", Package::new("1.0.0"));
    let repo = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let dir = repo.path();
    let write = |path: &str, text: &str| {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "package.json",
        r#"{"name": "acme-monorepo", "private": true, "workspaces": ["packages/*"]}"#,
    );
    write(
        "packages/shared/package.json",
        r#"{"name": "@acme/shared", "version": "1.0.0"}"#,
    );
    write("packages/shared/index.js", "module.exports = {};\n");
    write(
        "packages/web/package.json",
        r#"{"name": "@acme/web", "dependencies": {"@acme/shared": "*", "acme-ui": "^1.0.0", "@corp/telemetry": "^4.0.0"}}"#,
    );
    // The company's scope comes from its own registry.
    write(
        ".npmrc",
        "@corp:registry=https://npm.corp.example/\n//npm.corp.example/:_authToken=${NPM_TOKEN}\n",
    );
    write(
        "packages/web/tsconfig.json",
        r#"{"compilerOptions": {"baseUrl": ".", "paths": {"@/*": ["src/*"]}}}"#,
    );
    write(
        "packages/web/src/app.ts",
        "import { Button } from '@/components/button';\nimport { util } from '@acme/shared';\nimport { Ui } from 'acme-ui';\nimport { track } from '@corp/telemetry';\n",
    );
    write(
        "packages/web/src/components/button.ts",
        "export const Button = 1;\n",
    );
    // Vite's layout: the aliases sit in a config the root one references, which extends a
    // shared base (`extends` without `.json`).
    write(
        "packages/admin/package.json",
        r#"{"name": "@acme/admin", "dependencies": {"acme-ui": "^1.0.0"}}"#,
    );
    write(
        "packages/admin/tsconfig.json",
        r#"{"files": [], "references": [{"path": "./tsconfig.app.json"}]}"#,
    );
    write(
        "packages/admin/tsconfig.app.json",
        r#"{"extends": "../../tsconfig.base", "include": ["src"]}"#,
    );
    write(
        "tsconfig.base.json",
        r#"{"compilerOptions": {"paths": {"@admin/*": ["packages/admin/src/*"]}}}"#,
    );
    write(
        "packages/admin/src/main.ts",
        "import { Table } from '@admin/widgets/table';\nimport { Ui } from 'acme-ui';\n",
    );
    write(
        "py/pyproject.toml",
        "[project]\nname = \"acme-app\"\ndependencies = [\"acme-http\", \"acme-lib\"]\n[project.optional-dependencies]\nall = [\"acme-app[extra]\"]\n[tool.uv.sources]\nacme-lib = { workspace = true }\n",
    );
    // A Python project in a monorepo: its package lives in its own `src/`, its tests import it.
    write(
        "services/api/pyproject.toml",
        "[project]\nname = \"acme-api\"\ndependencies = [\"acme-http\"]\n",
    );
    write("services/api/src/api_core/__init__.py", "");
    write(
        "services/api/tests/test_api.py",
        "import api_core\nimport acme_http\n",
    );
    let (_, document, stderr) = check_json(dir, &server, cache.path(), &[]);
    assert!(
        findings(&document, "deps.undeclared-import").is_empty(),
        "{document:#}"
    );
    let registry: Vec<&Value> = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("registry."))
        .collect();
    assert!(registry.is_empty(), "{registry:#?}\n{stderr}");
    // Only the real registry packages were asked about.
    let mut asked: Vec<String> = server
        .paths()
        .into_iter()
        .filter(|p| !p.contains("downloads"))
        .collect();
    asked.sort();
    assert_eq!(
        asked,
        ["/npm/acme-ui", "/pypi/pypi/acme-http/json"],
        "{document:#}"
    );
}
