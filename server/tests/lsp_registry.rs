//! The registry checks in the editor: `slopguard lsp` publishes a hallucinated import as a
//! diagnostic, merged after the rule diagnostics, with the registry served on 127.0.0.1.

mod support;

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};
use support::{Package, RegistryServer};

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

#[test]
fn a_hallucinated_import_becomes_a_diagnostic_in_the_editor() {
    let server = RegistryServer::start();
    server.pypi("acme-client", Package::new("1.0.0"));
    let work = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let file = work.path().join("app.py");
    let text = "import acme_client\nimport acme_phantom_sdk\n";
    std::fs::write(&file, text).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_slopguard"))
        .arg("lsp")
        .env_remove("SLOPGUARD_OFFLINE")
        .env("SLOPGUARD_PYPI_URL", server.pypi_url())
        .env("SLOPGUARD_CACHE_DIR", cache.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let messages = reader(child.stdout.take().unwrap());
    let uri = format!("file://{}", file.display());
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": null, "rootUri": format!("file://{}", work.path().display()), "capabilities": {},
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
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}}}),
    );

    let deadline = Instant::now() + Duration::from_secs(30);
    let mut found = None;
    while found.is_none() && Instant::now() < deadline {
        let Ok(message) = messages.recv_timeout(Duration::from_secs(1)) else {
            continue;
        };
        if message["method"] != "textDocument/publishDiagnostics" {
            continue;
        }
        found = message["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == "registry.hallucinated-package")
            .cloned();
    }
    let _ = child.kill();
    let _ = child.wait();
    let diagnostic = found.expect("a registry.hallucinated-package diagnostic within 30 s");
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
