//! The registry and new-dependency checks in the editor: `slopguard lsp` publishes a
//! hallucinated import, an undeclared import and a manifest's new dependency as diagnostics,
//! merged after the rule diagnostics, with the registry served on 127.0.0.1.

mod support;

use serde_json::json;
use support::lsp::Editor;
use support::{Knob, Package, RegistryServer, SilentServer, git};

#[test]
fn a_hallucinated_import_becomes_a_diagnostic_in_the_editor() {
    let server = RegistryServer::start();
    server.pypi("acme-client", Package::new("1.0.0"));
    let work = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let file = work.path().join("app.py");
    let text = "import acme_client\nimport acme_phantom_sdk\n";
    std::fs::write(&file, text).unwrap();
    let mut editor = Editor::start(work.path(), &server, cache.path());
    editor.open(&file, "python", text);
    let diagnostic = editor
        .diagnostic(&file, "registry.hallucinated-package")
        .expect("a registry.hallucinated-package diagnostic within 30 s");
    assert_eq!(
        diagnostic["range"]["start"],
        json!({"line": 1, "character": 7})
    );
    assert!(
        diagnostic["message"]
            .as_str()
            .unwrap()
            .contains("acme_phantom_sdk"),
        "{diagnostic}"
    );
    // The real package was looked up and is not reported.
    assert!(
        server
            .paths()
            .iter()
            .any(|p| p.contains("acme-client") || p.contains("acme_client")),
        "{:?}",
        server.paths()
    );
}

#[test]
fn new_and_undeclared_dependencies_are_noted_in_the_editor() {
    let server = RegistryServer::start();
    server.pypi("acme-client", Package::new("1.0.0"));
    server.pypi("acme-extra", Package::new("2.0.0"));
    server.repository(
        "pypi",
        "acme-extra",
        "https://code.example.invalid/acme/extra",
    );
    let work = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let root = work.path().canonicalize().unwrap();
    git(&root, &["init", "-q"]);
    std::fs::write(root.join("requirements.txt"), "acme-client==1.0.0\n").unwrap();
    git(&root, &["add", "-A"]);
    git(&root, &["commit", "-q", "-m", "base"]);
    let mut editor = Editor::start(&root, &server, cache.path());

    // An accepted suggestion imports a package no manifest declares.
    let app = root.join("app.py");
    editor.open(&app, "python", "import acme_client\nimport acme_extra\n");
    let undeclared = editor
        .diagnostic(&app, "deps.undeclared-import")
        .expect("a deps.undeclared-import diagnostic within 30 s");
    assert_eq!(
        undeclared["range"]["start"],
        json!({"line": 1, "character": 7})
    );
    let message = undeclared["message"].as_str().unwrap();
    assert!(
        message.contains("`acme_extra` is imported but not declared"),
        "{message}"
    );

    // Declaring it in the (unsaved) manifest makes it a new dependency against HEAD, with the
    // registry's facts for the reviewer.
    let manifest = root.join("requirements.txt");
    editor.open(
        &manifest,
        "pip-requirements",
        "acme-client==1.0.0\nacme-extra==2.0.0\n",
    );
    let added = editor
        .diagnostic(&manifest, "deps.new-dependency")
        .expect("a deps.new-dependency diagnostic within 30 s");
    assert_eq!(added["range"]["start"], json!({"line": 1, "character": 0}));
    let message = added["message"].as_str().unwrap();
    assert!(message.contains("acme-extra"), "{message}");
    assert!(message.contains("2.0.0"), "{message}");
    assert!(
        message.contains("https://code.example.invalid/acme/extra"),
        "{message}"
    );
}

#[test]
fn the_editor_reads_the_registry_table_of_slopguard_toml() {
    // The registry URL and the cache directory come from the project's config, as for `check`,
    // when the user allows a repository's config to choose them; the environment names neither
    // (downloads and the other registries point at the test server so that nothing reaches the
    // internet).
    let server = RegistryServer::start();
    let work = tempfile::tempdir().unwrap();
    let root = work.path().canonicalize().unwrap();
    let cache = root.join("cache-from-config");
    std::fs::write(
        root.join("slopguard.toml"),
        format!(
            "[registry]\npypi-url = \"{}\"\ncache-dir = \"{}\"\n",
            server.pypi_url(),
            cache.display()
        ),
    )
    .unwrap();
    let env = server
        .env()
        .into_iter()
        .filter(|(k, _)| *k != "SLOPGUARD_PYPI_URL")
        .chain([("SLOPGUARD_ALLOW_CONFIG_REGISTRY", "1".to_string())])
        .collect();
    let mut editor = Editor::start_with(&root, env);
    let file = root.join("app.py");
    editor.open(&file, "python", "import acme_phantom_sdk\n");
    editor
        .diagnostic(&file, "registry.hallucinated-package")
        .expect("a registry.hallucinated-package diagnostic within 30 s");
    assert!(
        server
            .paths()
            .iter()
            .any(|p| p.contains("acme-phantom-sdk")),
        "{:?}",
        server.paths()
    );
    assert!(cache.is_dir(), "the cache of the config was not used");
}

#[test]
fn a_hung_or_failing_registry_shows_could_not_verify_in_the_editor() {
    // npm never answers and PyPI answers 503: the user is told neither name could be verified
    // (an info), never that it does not exist, and not left with nothing.
    let silent = SilentServer::start();
    let server = RegistryServer::start();
    server.knob("/pypi/", Knob::Status(503));
    let work = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let root = work.path().canonicalize().unwrap();
    std::fs::write(
        root.join("slopguard.toml"),
        "[registry]\ntimeout-secs = 2\n",
    )
    .unwrap();
    let mut env: Vec<(&str, String)> = server
        .env()
        .into_iter()
        .filter(|(k, _)| *k != "SLOPGUARD_NPM_URL")
        .collect();
    env.push(("SLOPGUARD_NPM_URL", silent.base()));
    env.push(("SLOPGUARD_CACHE_DIR", cache.path().display().to_string()));
    let mut editor = Editor::start_with(&root, env);
    let js = root.join("web.js");
    let py = root.join("app.py");
    let documents = [
        (
            &js,
            "javascript",
            "hung-registry-pkg",
            "require('hung-registry-pkg');\n",
        ),
        (
            &py,
            "python",
            "failing_registry_pkg",
            "import failing_registry_pkg\n",
        ),
    ];
    // One at a time: waiting for one document's diagnostics passes over the other's.
    for (file, language, name, text) in documents {
        editor.open(file, language, text);
        let diagnostic = editor
            .diagnostic(file, "registry.unverified")
            .unwrap_or_else(|| panic!("no could-not-verify diagnostic for {name} within 30 s"));
        let message = diagnostic["message"].as_str().unwrap();
        assert!(
            message.contains("could not verify") && message.contains(name),
            "{message}"
        );
    }
}

#[test]
fn install_commands_in_readme_dockerfile_workflow_and_instructions_are_checked_in_the_editor() {
    // The documents the editor plugins send for their install commands, with the language ids
    // VS Code gives them: the server reads each by its file name, whatever the id.
    let server = RegistryServer::start();
    let work = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let root = work.path().canonicalize().unwrap();
    std::fs::create_dir_all(root.join(".github/workflows")).unwrap();
    let mut editor = Editor::start(&root, &server, cache.path());
    let documents = [
        (
            "README.md",
            "markdown",
            "acme-phantom-md",
            "# Demo\n\n```sh\npip install acme-phantom-md\n```\n",
        ),
        (
            "AGENTS.md",
            "markdown",
            "acme-phantom-agents",
            "Set up with:\n\n```\nnpm i acme-phantom-agents\n```\n",
        ),
        (
            ".cursorrules",
            "plaintext",
            "acme-phantom-rules",
            "Always run:\n\n```bash\ncargo add acme-phantom-rules\n```\n",
        ),
        (
            "Dockerfile",
            "dockerfile",
            "acme-phantom-docker",
            "FROM python:3.12\nRUN pip install acme-phantom-docker\n",
        ),
        (
            "Makefile",
            "makefile",
            "acme-phantom-make",
            "setup:\n\tnpm install acme-phantom-make\n",
        ),
        (
            "setup.sh",
            "shellscript",
            "acme-phantom-sh",
            "#!/bin/sh\nuv add acme-phantom-sh\n",
        ),
        (
            ".github/workflows/ci.yml",
            "yaml",
            "acme-phantom-ci",
            "jobs:\n  build:\n    steps:\n      - run: npx acme-phantom-ci\n",
        ),
    ];
    // One at a time: waiting for one document's diagnostics passes over the other's.
    for (name, language, package, text) in documents {
        let file = root.join(name);
        editor.open(&file, language, text);
        let diagnostic = editor
            .diagnostic(&file, "registry.hallucinated-package")
            .unwrap_or_else(|| panic!("no hallucinated-package diagnostic in {name} within 30 s"));
        let message = diagnostic["message"].as_str().unwrap();
        assert!(message.contains(package), "{name}: {message}");
        let line = text.lines().position(|l| l.contains(package)).unwrap();
        assert_eq!(diagnostic["range"]["start"]["line"], line, "{name}");
    }
}

#[test]
fn an_unusable_cache_is_shown_once_per_session_and_logged() {
    let server = RegistryServer::start();
    server.pypi("acme-client", Package::new("1.0.0"));
    server.pypi("acme-extra", Package::new("1.0.0"));
    let work = tempfile::tempdir().unwrap();
    let holder = tempfile::tempdir().unwrap();
    // A file where the cache directory should be: nothing can be read or written there.
    let cache = holder.path().join("not-a-dir");
    std::fs::write(&cache, "").unwrap();
    let mut editor = Editor::start(work.path(), &server, &cache);
    let first = work.path().join("app.py");
    editor.open(&first, "python", "import acme_client\n");
    let problem = format!(
        "slopguard: {}: the registry cache is unusable: cannot",
        cache.display()
    );
    let found = editor.expect_all(&[
        ("the warning shown", &|m| {
            m["method"] == "window/showMessage"
                && m["params"]["type"] == 2
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|s| s.starts_with(&problem))
        }),
        ("the log", &|m| Editor::is_log(m, &problem)),
    ]);
    assert!(
        found[0]["params"]["message"]
            .as_str()
            .unwrap()
            .contains("asked again and not kept"),
        "{}",
        found[0]
    );
    // The package was still checked, from the registry.
    assert!(server.paths().iter().any(|p| p.contains("acme")));

    // A second document meets the same cache: answered, but not shown again (the server shows
    // the warning before it publishes the pass's findings, so it would come first).
    let second = work.path().join("other.py");
    editor.open(
        &second,
        "python",
        "import acme_extra\nimport acme_phantom_sdk\n",
    );
    let uri = format!("file://{}", second.display());
    let next = editor
        .next(|m| {
            m["method"] == "window/showMessage"
                || (m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri.as_str()
                    && m["params"]["diagnostics"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|d| d["code"] == "registry.hallucinated-package"))
        })
        .expect("the second document checked");
    assert_eq!(
        next["method"], "textDocument/publishDiagnostics",
        "the warning is shown once per session: {next}"
    );
}
