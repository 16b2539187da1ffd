//! Local code is never a registry package, end to end (`slopguard check` on fixture
//! repositories shaped like real ones, the registry on 127.0.0.1): test applications that tests
//! put on `sys.path`, namespace packages, a Docusaurus site's aliases, a Vite alias, a crate
//! whose library is named apart from its package, and a name both local and on the registry.

mod support;

use serde_json::Value;
use support::check::project;
use support::cli::{check_json, findings};
use support::{Package, RegistryServer, git};

/// Commits the project (so that nothing is "new"), then checks it.
fn committed_check(root: &std::path::Path, server: &RegistryServer) -> Value {
    git(root, &["init", "-q"]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "base"]);
    let cache = tempfile::tempdir().unwrap();
    check_json(root, server, cache.path(), &[]).1
}

fn registry_and_undeclared(document: &Value) -> Vec<String> {
    document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            let rule = f["rule"].as_str().unwrap_or("");
            rule.starts_with("registry.") || rule == "deps.undeclared-import"
        })
        .map(|f| format!("{} {} {}", f["rule"], f["path"], f["message"]))
        .collect()
}

#[test]
fn test_apps_on_sys_path_and_namespace_packages_are_local() {
    // A web framework's repository: its tests put `tests/test_apps` on `sys.path` and import
    // the applications there; one is a namespace package (no `__init__.py`).
    let server = RegistryServer::start();
    server.pypi("flask-like", Package::new("3.0.0"));
    let root = project(&[
        (
            "pyproject.toml",
            "[project]\nname = \"flask-like\"\ndependencies = []\n",
        ),
        ("src/flask_like/__init__.py", ""),
        (
            "tests/conftest.py",
            "import os, sys\nsys.path.insert(0, os.path.join(os.path.dirname(__file__), 'test_apps'))\n",
        ),
        (
            "tests/test_apps/blueprintapp/__init__.py",
            "from blueprintapp.apps import admin\n",
        ),
        ("tests/test_apps/blueprintapp/apps/admin.py", ""),
        ("tests/test_apps/subdomaintestmodule/__init__.py", ""),
        ("tests/test_apps/nsapp/views/index.py", ""),
        ("tests/test_apps/cliapp/inner1/__init__.py", ""),
        (
            "tests/test_cli.py",
            "import flask_like\nimport blueprintapp\nimport subdomaintestmodule\n\
             from nsapp.views import index\nfrom cliapp.inner1 import x\n",
        ),
    ]);
    let document = committed_check(root.path(), &server);
    assert!(
        registry_and_undeclared(&document).is_empty(),
        "{document:#}"
    );
    let asked = server.paths();
    assert!(
        !asked.iter().any(|p| p.contains("blueprintapp")
            || p.contains("nsapp")
            || p.contains("subdomaintestmodule")
            || p.contains("cliapp")),
        "{asked:?}"
    );
}

#[test]
fn a_docusaurus_site_and_bundler_aliases_are_local() {
    let server = RegistryServer::start();
    server.npm("react", Package::new("18.0.0"));
    server.npm("@docusaurus/core", Package::new("3.0.0"));
    let root = project(&[
        (
            "website/package.json",
            r#"{"name": "site", "dependencies": {"@docusaurus/core": "3.0.0", "react": "18.0.0"}}"#,
        ),
        (
            "website/docusaurus.config.js",
            "module.exports = { title: 'x' };\n",
        ),
        (
            "website/src/pages/index.js",
            "import Layout from '@theme/Layout';\nimport Link from '@docusaurus/Link';\n\
             import styles from '@site/src/css/custom.css';\nimport React from 'react';\n",
        ),
        (
            "app/package.json",
            r#"{"name": "app", "dependencies": {"react": "18.0.0"}}"#,
        ),
        (
            "app/vite.config.ts",
            "export default { resolve: { alias: { '@': '/src', '~hooks': '/src/hooks' } } };\n",
        ),
        (
            "app/src/main.ts",
            "import { Button } from '@/components/Button';\nimport { useX } from '~hooks/useX';\n",
        ),
    ]);
    let document = committed_check(root.path(), &server);
    assert!(
        registry_and_undeclared(&document).is_empty(),
        "{document:#}"
    );
    assert!(
        !server
            .paths()
            .iter()
            .any(|p| p.contains("theme") || p.contains("site") || p.contains("hooks")),
        "{:?}",
        server.paths()
    );
}

#[test]
fn a_crate_whose_library_is_named_apart_is_local() {
    let server = RegistryServer::start();
    let root = project(&[
        (
            "Cargo.toml",
            "[workspace]\nmembers = [\"tools/*\"]\n[package]\nname = \"app\"\nversion = \"0.1.0\"\n",
        ),
        ("src/main.rs", "fn main() { acme_lib_alias::run(); }\n"),
        (
            "tools/inner/Cargo.toml",
            "[package]\nname = \"acme-inner-tools\"\nversion = \"0.1.0\"\n[lib]\nname = \"acme_lib_alias\"\n",
        ),
        ("tools/inner/src/lib.rs", "pub fn run() {}\n"),
    ]);
    let document = committed_check(root.path(), &server);
    assert!(
        findings(&document, "registry.hallucinated-package").is_empty(),
        "{document:#}"
    );
    assert!(
        !server.paths().iter().any(|p| p.contains("acme_lib")),
        "{:?}",
        server.paths()
    );
}

#[test]
fn a_name_both_local_and_on_the_registry_is_a_hint_never_an_error() {
    // `tests/helpers/requests/` shadows the popular `requests`: a hint, no lookup, no error.
    let server = RegistryServer::start();
    let root = project(&[
        (
            "pyproject.toml",
            "[project]\nname = \"demo\"\ndependencies = []\n",
        ),
        ("tests/helpers/requests/__init__.py", ""),
        ("tests/test_http.py", "import requests\n"),
        // A module deep inside the project's own package is `demo.testing.selenium`, not the
        // `selenium` its tests import: no hint for that one.
        ("demo/__init__.py", ""),
        ("demo/testing/__init__.py", ""),
        ("demo/testing/selenium.py", ""),
        ("tests/test_browser.py", "from selenium import webdriver\n"),
    ]);
    let document = committed_check(root.path(), &server);
    let hints = findings(&document, "registry.local-or-registry");
    assert_eq!(hints.len(), 1, "{document:#}");
    assert_eq!(hints[0]["severity"], "hint", "{document:#}");
    let message = hints[0]["message"].as_str().unwrap();
    assert!(message.contains("tests/helpers/requests"), "{message}");
    let others: Vec<String> = registry_and_undeclared(&document)
        .into_iter()
        .filter(|f| !f.contains("local-or-registry"))
        .collect();
    assert!(others.is_empty(), "{others:?}");
    assert!(server.paths().is_empty(), "{:?}", server.paths());
}

#[test]
fn modules_tests_write_or_name_as_missing_are_not_looked_up() {
    // A web framework's instance-path tests: each writes a module or package into a temporary
    // folder on `sys.path`, then imports it. No such file is in the repository. Its
    // import-error tests import names that say they do not exist.
    let server = RegistryServer::start();
    let root = project(&[
        (
            "pyproject.toml",
            "[project]\nname = \"demo\"\ndependencies = []\n",
        ),
        (
            "tests/test_instance_config.py",
            "def test_module(modules_tmp_path, purge_module):\n\
             \x20   (modules_tmp_path / \"config_module_app.py\").write_text(\"app = 1\\n\")\n\
             \x20   purge_module(\"config_module_app\")\n\
             \x20   from config_module_app import app\n\n\
             def test_package(site_packages, purge_module):\n\
             \x20   app = site_packages / \"site_package\"\n\
             \x20   app.mkdir()\n\
             \x20   (app / \"__init__.py\").write_text(\"app = 1\\n\")\n\
             \x20   import site_package\n\n\
             def test_phantom():\n\
             \x20   import acme_phantom_app\n",
        ),
        (
            "tests/apps/broken/bad_module.py",
            "import a_package_name_that_does_not_exist  # NOQA\nimport DoesNotExist\n",
        ),
        ("package.json", r#"{"name": "demo-js"}"#),
        (
            "test/require.test.js",
            "expect(() => require('nonexistent-module')).toThrow();\n",
        ),
    ]);
    let document = committed_check(root.path(), &server);
    let reported = registry_and_undeclared(&document);
    // The module the test never writes is still looked up and reported.
    assert_eq!(reported.len(), 1, "{reported:?}");
    assert!(
        reported[0].contains("acme_phantom_app") && reported[0].contains("hallucinated"),
        "{reported:?}"
    );
    let asked = server.paths();
    assert!(
        !asked
            .iter()
            .any(|p| p.contains("config") || p.contains("site") || p.contains("exist")),
        "{asked:?}"
    );
}

#[test]
fn the_package_a_project_publishes_is_no_ambiguity_for_its_examples() {
    // A repository holding `click` (a setup.py project, `src/` layout) in a folder of its own:
    // its examples import the package it publishes. Nothing to look up, and nothing to hint.
    let server = RegistryServer::start();
    let root = project(&[
        (
            "python/setup.py",
            "from setuptools import setup\nsetup(name=\"click\")\n",
        ),
        ("python/src/click/__init__.py", ""),
        ("python/examples/aliases/aliases.py", "import click\n"),
        (
            "python/examples/aliases/setup.py",
            "from setuptools import setup\nsetup(name=\"demo\")\n",
        ),
    ]);
    let document = committed_check(root.path(), &server);
    assert!(
        registry_and_undeclared(&document).is_empty(),
        "{document:#}"
    );
    assert!(server.paths().is_empty(), "{:?}", server.paths());
}
