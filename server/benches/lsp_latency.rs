//! Latency of `slopguard lsp`: didChange → publishDiagnostics for one-line edits in 1k-, 5k- and
//! 20k-line files (p50/p99), and resident memory with 200 open documents.
//!
//! Run: `cargo bench --bench lsp_latency` (optimised binary, the built-in pack plus the LSP
//! fixture rules). Figures are recorded in docs/benchmarks-lsp.md.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Client {
    fn start() -> Client {
        let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/lsp-rules");
        let mut child = Command::new(env!("CARGO_BIN_EXE_slopguard"))
            .arg("lsp")
            .arg("--rules")
            .arg(rules)
            // Measure the editor loop, not the network: registry checks from the cache only.
            .env("SLOPGUARD_OFFLINE", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("slopguard starts");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            loop {
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length:") {
                        length = v.trim().parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                stdout.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            messages,
            next_id: 1,
        };
        client.request(
            "initialize",
            json!({"capabilities": {}, "initializationOptions": {"onlyChangedLines": false}}),
        );
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.messages.recv_timeout(Duration::from_secs(60)).unwrap();
            if message["id"] == id && message.get("method").is_none() {
                return message;
            }
            if message.get("method").is_some() && message.get("id").is_some() {
                // A request from the server (registerCapability): answer it.
                let reply = json!({"jsonrpc": "2.0", "id": message["id"], "result": null});
                self.send(reply);
            }
        }
    }

    fn wait_publish(&mut self, uri: &str, version: i64) -> usize {
        loop {
            let message = self.messages.recv_timeout(Duration::from_secs(60)).unwrap();
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
                && message["params"]["version"] == version
            {
                return message["params"]["diagnostics"].as_array().unwrap().len();
            }
        }
    }

    fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Realistic Python: functions with calls, strings and a few findings.
fn python_file(lines: usize) -> String {
    let mut text = String::from("import os\nimport subprocess\nimport yaml\n\n");
    let mut i = 0;
    while text.lines().count() < lines {
        text.push_str(&format!(
            "def handler_{i}(request, db):\n    \"\"\"Handle request {i}.\"\"\"\n    name = request.args.get(\"name\", \"\")\n    rows = db.execute(\"SELECT * FROM t WHERE id = ?\", (name,))\n    if not rows:\n        return {{\"status\": 404, \"id\": {i}}}\n    return [dict(r) for r in rows]\n\n"
        ));
        if i % 50 == 0 {
            text.push_str("cfg = yaml.load(open(\"c.yml\"))\n\n");
        }
        i += 1;
    }
    text
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// Where one edit's time goes, in process: incremental parse, and rule matching over the whole
/// tree (`check`, what `slopguard check` does) against only where the edit reached (`recheck`,
/// what the server does).
fn phases(lines: usize) {
    use slopguard::lang::Language;
    use slopguard::lsp::document::Document;
    use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};
    let rules_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/lsp-rules");
    let rules = slopguard::rules::load_rule_set(true, &[rules_dir]).unwrap();
    let mut doc = Document::new(Language::Python.into(), 1, python_file(lines));
    let tree = slopguard::analysis::parse(Language::Python, doc.text(), None).unwrap();
    let findings = rules.check_tracked(Some(Language::Python), doc.text(), Some(&tree));
    doc.store_analysis(1, tree, Some(findings));
    let (mut parse, mut check, mut recheck, mut apply) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for edit in 0..50 {
        let started = Instant::now();
        let middle = lines as u32 / 2;
        doc.apply(
            edit + 2,
            vec![TextDocumentContentChangeEvent {
                range: Some(Range::new(
                    Position::new(middle, 0),
                    Position::new(middle, 1000),
                )),
                range_length: None,
                text: if edit % 2 == 0 {
                    "    x = 1"
                } else {
                    "    x = eval(y)"
                }
                .into(),
            }],
        );
        apply.push(started.elapsed());
        let snapshot = doc.snapshot();
        let started = Instant::now();
        let tree = slopguard::analysis::parse(
            Language::Python,
            &snapshot.text,
            snapshot.old_tree.as_ref(),
        )
        .unwrap();
        parse.push(started.elapsed());
        let started = Instant::now();
        let full = rules.check(Some(Language::Python), &snapshot.text, Some(&tree));
        check.push(started.elapsed());
        let started = Instant::now();
        let findings = rules.recheck(
            Language::Python,
            &snapshot.text,
            snapshot.old_tree.as_ref().unwrap(),
            &tree,
            snapshot.previous.unwrap(),
        );
        recheck.push(started.elapsed());
        assert_eq!(
            findings.findings(),
            full,
            "the re-check agrees with a full check"
        );
        doc.store_analysis(edit + 2, tree, Some(findings));
    }
    let median = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2].as_secs_f64() * 1e3
    };
    println!(
        "  {lines:>6} lines in process: apply edit {:.2} ms, incremental parse {:.2} ms, rules: whole tree {:.2} ms, re-check {:.2} ms ({} rules)",
        median(apply),
        median(parse),
        median(check),
        median(recheck),
        rules.rules().len()
    );
}

fn main() {
    println!("phases of one edit (median of 50):");
    for lines in [1_000, 5_000, 20_000] {
        phases(lines);
    }
    let mut client = Client::start();
    println!("one-line edits, didChange -> publishDiagnostics (200 edits each):");
    for lines in [1_000, 5_000, 20_000] {
        let uri = format!("file:///bench/latency_{lines}.py");
        let text = python_file(lines);
        client.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}}),
        );
        let findings = client.wait_publish(&uri, 1);
        let mut samples = Vec::new();
        let middle = lines as u32 / 2;
        for edit in 0..200i64 {
            let version = edit + 2;
            // Retype one line in the middle of the file: a value changes, as when a suggestion
            // is accepted into an existing function.
            let new_line = if edit % 2 == 0 {
                "    x = 1"
            } else {
                "    x = eval(y)"
            };
            let started = Instant::now();
            client.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version},
                       "contentChanges": [{"range": {"start": {"line": middle, "character": 0},
                                                     "end": {"line": middle, "character": 1000}},
                                           "text": new_line}]}),
            );
            client.wait_publish(&uri, version);
            samples.push(started.elapsed());
        }
        samples.sort();
        println!(
            "  {lines:>6} lines ({findings} findings): p50 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms",
            percentile(&samples, 0.50).as_secs_f64() * 1e3,
            percentile(&samples, 0.99).as_secs_f64() * 1e3,
            samples.last().unwrap().as_secs_f64() * 1e3,
        );
    }

    let before = client.rss_kib();
    let text = python_file(1_000);
    for n in 0..200 {
        let uri = format!("file:///bench/open_{n}.py");
        client.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}}),
        );
    }
    let mut published = std::collections::HashSet::new();
    while published.len() < 200 {
        let message = client
            .messages
            .recv_timeout(Duration::from_secs(60))
            .unwrap();
        if message["method"] == "textDocument/publishDiagnostics" {
            published.insert(message["params"]["uri"].as_str().unwrap().to_string());
        }
    }
    let after = client.rss_kib();
    println!(
        "memory: RSS {:.1} MiB before, {:.1} MiB with 200 more open 1k-line documents ({:.0} KiB each)",
        before as f64 / 1024.0,
        after as f64 / 1024.0,
        (after.saturating_sub(before)) as f64 / 200.0
    );
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    let _ = client.child.wait();
}
