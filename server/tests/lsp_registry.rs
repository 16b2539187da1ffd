//! The registry and new-dependency checks in the editor: `slopguard lsp` publishes a
//! hallucinated import, an undeclared import and a manifest's new dependency as diagnostics,
//! merged after the rule diagnostics, with the registry served on 127.0.0.1.

mod support;

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};
use support::{Knob, Package, RegistryServer, SilentServer, git};

fn send(stdin: &mut ChildStdin, message: Value) {
    let body = message.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    stdin.flush().unwrap();
}

fn reader(stdout: std::process::ChildStdout) -> Receiver<Value> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut stdout = BufReader::new(stdout);
        loop {
            let mut length = 0;
            loop {
                let mut header = String::new();
                if stdout.read_line(&mut header).unwrap_or(0) == 0 {
                    return;
                }
                let header = header.trim();
                if header.is_empty() {
                    break;
                }
                if let Some(value) = header.strip_prefix("Content-Length:") {
                    length = value.trim().parse().unwrap();
                }
            }
            let mut body = vec![0; length];
            stdout.read_exact(&mut body).unwrap();
            if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                return;
            }
        }
    });
    rx
}

/// A `slopguard lsp` process, initialized on `root`, asking `registry` for packages.
struct Editor {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
}

impl Editor {
    fn start(root: &Path, registry: &RegistryServer, cache: &Path) -> Editor {
        let mut env = registry.env();
        env.push(("SLOPGUARD_CACHE_DIR", cache.display().to_string()));
        Editor::start_with(root, env)
    }

    /// A server with exactly these `SLOPGUARD_*` variables.
    fn start_with(root: &Path, env: Vec<(&str, String)>) -> Editor {
        let mut child = Command::new(env!("CARGO_BIN_EXE_slopguard"))
            .arg("lsp")
            .env_remove("SLOPGUARD_OFFLINE")
            .env_remove("SLOPGUARD_CACHE_DIR")
            .envs(env)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let messages = reader(child.stdout.take().unwrap());
        send(
            &mut stdin,
            json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "processId": null, "rootUri": format!("file://{}", root.display()), "capabilities": {},
            "initializationOptions": {"onlyChangedLines": false}}}),
        );
        // As the protocol requires, nothing else is sent before the initialize result arrives.
        let started = Instant::now();
        while messages
            .recv_timeout(Duration::from_secs(1))
            .map_or(true, |m| m["id"] != 1)
        {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "no initialize result"
            );
        }
        send(
            &mut stdin,
            json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        );
        Editor {
            child,
            stdin,
            messages,
        }
    }

    /// Opens `file` with `text` (which need not be what is on disk: an unsaved buffer).
    fn open(&mut self, file: &Path, language: &str, text: &str) {
        send(
            &mut self.stdin,
            json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": format!("file://{}", file.display()), "languageId": language,
                "version": 1, "text": text}}}),
        );
    }

    /// The first diagnostic with `code` published for `file` within 30 s.
    fn diagnostic(&self, file: &Path, code: &str) -> Option<Value> {
        let uri = format!("file://{}", file.display());
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            let Ok(message) = self.messages.recv_timeout(Duration::from_secs(1)) else {
                continue;
            };
            if message["method"] != "textDocument/publishDiagnostics"
                || message["params"]["uri"] != uri.as_str()
            {
                continue;
            }
            let found = message["params"]["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .find(|d| d["code"] == code)
                .cloned();
            if found.is_some() {
                return found;
            }
        }
        None
    }
}

impl Drop for Editor {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

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
