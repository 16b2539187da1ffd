//! Latency of `slopguard lsp` as an editor uses it: `didChange` → the `publishDiagnostics` of
//! that version, for edits spread over Python, JavaScript, TypeScript and Rust files of 1k, 5k
//! and 20k lines; then resident memory with 200 open 1k-line documents, and after closing them.
//!
//! Run: `cargo bench --bench lsp_latency` (optimised binary, the built-in pack plus the LSP
//! fixture rules). `BENCH_SIZES=1000,5000` and `BENCH_LANGUAGES=python,rust` narrow the run;
//! `BENCH_SERVER=path/to/slopguard` runs another build (a saved copy of the base's binary) so
//! two builds can be compared at the same load.
//! Figures are recorded in docs/benchmarks-lsp.md.
//!
//! The edits are the cycle of `support/edits.rs` (insert a line, paste a 20-line block, delete a
//! line, delete the block, at positions spread over the file).
//!
//! The documents are files committed to a git repository, as a user's are, and the server has
//! its default settings: with `onlyChangedLines` it compares the text after every edit with the
//! HEAD version and publishes the findings on changed lines. `BENCH_GIT=0` opens them at paths
//! outside any repository instead: no comparison, every finding published (the heavier publish).

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

#[path = "support/samples.rs"]
mod samples;
use samples::{BlockFn, generate, javascript_block, python_block, rust_block, typescript_block};
#[path = "support/edits.rs"]
mod edits;
use edits::{LineEdit, byte_range, next_edit};

/// Edits per file: cycles of insert, paste, delete, delete-paste.
const EDITS: usize = 80;

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Client {
    fn start() -> Client {
        let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/lsp-rules");
        // Another build of the server (a copy of the base's binary) for an A/B comparison on
        // the same machine at the same load.
        let binary = std::env::var("BENCH_SERVER")
            .unwrap_or_else(|_| env!("CARGO_BIN_EXE_slopguard").into());
        let mut child = Command::new(binary)
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
        // The default settings, as a user has them: `onlyChangedLines` compares each edit with
        // the HEAD version (in the repository of [`Files`]) and shows findings on changed lines.
        client.request("initialize", json!({"capabilities": {}}));
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

    /// Waits until the server has published for every one of `uris`.
    fn wait_all_published(&mut self, uris: &[String]) {
        let mut published = std::collections::HashSet::new();
        while published.len() < uris.len() {
            let message = self.messages.recv_timeout(Duration::from_secs(60)).unwrap();
            let uri = message["params"]["uri"].as_str().unwrap_or_default();
            if message["method"] == "textDocument/publishDiagnostics"
                && uris.iter().any(|u| u == uri)
            {
                published.insert(uri.to_string());
            }
        }
    }

    /// The server's CPU time so far (user + system, from `/proc`; zero where there is none).
    /// Per edit, it is the work behind one answer (the per-item answer and the full re-check
    /// that follows); unlike wall time, it does not count waiting for a core on a busy machine.
    fn cpu_time(&self) -> Duration {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).unwrap_or_default();
        // After the parenthesised command name come the state (field 3) and then numbers:
        // utime and stime are fields 14 and 15.
        let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
        let field = |n: usize| -> u64 {
            after_name
                .split_whitespace()
                .nth(n - 3)
                .and_then(|f| f.parse().ok())
                .unwrap_or(0)
        };
        let ticks = field(14) + field(15);
        // The kernel reports in clock ticks, 100 per second on Linux.
        Duration::from_millis(ticks * 10)
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

struct Sample {
    language: &'static str,
    extension: &'static str,
    block: BlockFn,
    /// One plausible statement, given a number to keep lines distinct.
    statement: fn(usize) -> String,
}

const SAMPLES: [Sample; 4] = [
    Sample {
        language: "python",
        extension: "py",
        block: python_block,
        statement: |i| format!("value_{i} = compute({i}, \"label\")"),
    },
    Sample {
        language: "javascript",
        extension: "js",
        block: javascript_block,
        statement: |i| format!("const value{i} = compute({i}, 'label');"),
    },
    Sample {
        language: "typescript",
        extension: "ts",
        block: typescript_block,
        statement: |i| format!("const value{i}: number = compute({i}, 'label');"),
    },
    Sample {
        language: "rust",
        extension: "rs",
        block: rust_block,
        statement: |i| format!("let value_{i} = compute({i}, \"label\");"),
    },
];

/// Applies a whole-line edit to the bench's copy of the text.
fn apply(text: &mut String, edit: &LineEdit) {
    let (from, to) = byte_range(text, edit);
    text.replace_range(from..to, &edit.2);
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn wanted<T: PartialEq + std::str::FromStr>(variable: &str, all: Vec<T>) -> Vec<T> {
    match std::env::var(variable) {
        Ok(list) => list
            .split(',')
            .filter_map(|s| s.trim().parse().ok())
            .filter(|v| all.contains(v))
            .collect(),
        Err(_) => all,
    }
}

/// Where the bench's documents live: committed files of a git repository, or (`BENCH_GIT=0`)
/// paths outside any repository.
struct Files {
    repo: Option<tempfile::TempDir>,
}

impl Files {
    fn new() -> Files {
        if std::env::var("BENCH_GIT").as_deref() == Ok("0") {
            return Files { repo: None };
        }
        let repo = tempfile::tempdir().expect("a temporary directory");
        git(repo.path(), &["init", "-q"]);
        Files { repo: Some(repo) }
    }

    /// Writes and commits the files; their URIs.
    fn commit(&self, files: &[(String, &str)]) -> Vec<String> {
        let Some(repo) = &self.repo else {
            return files
                .iter()
                .map(|(name, _)| format!("file:///bench/{name}"))
                .collect();
        };
        for (name, text) in files {
            std::fs::write(repo.path().join(name), text).expect("the file is written");
        }
        git(repo.path(), &["add", "-A"]);
        git(
            repo.path(),
            &[
                "-c",
                "user.name=bench",
                "-c",
                "user.email=bench@example.invalid",
            ]
            .into_iter()
            .chain(["commit", "-q", "--no-verify", "-m", "bench"])
            .collect::<Vec<_>>(),
        );
        files
            .iter()
            .map(|(name, _)| format!("file://{}", repo.path().join(name).display()))
            .collect()
    }
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdout(Stdio::null())
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

fn latency(client: &mut Client, files: &Files, sample: &Sample, lines: usize) {
    let mut text = generate(sample.block, lines);
    let name = format!("latency_{lines}.{}", sample.extension);
    let uri = files.commit(&[(name, &text)]).remove(0);
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": sample.language, "version": 1, "text": text}}),
    );
    let findings = client.wait_publish(&uri, 1);
    let mut samples = Vec::new();
    let mut by_kind = [Vec::new(), Vec::new(), Vec::new(), Vec::new()];
    let mut pasted = None;
    let mut slowest = Vec::new();
    let cpu_before = client.cpu_time();
    let edits = edit_count();
    for k in 0..edits {
        let version = k as i64 + 2;
        let edit = next_edit(sample.block, sample.statement, &text, k, &mut pasted);
        let (start, end, new_text) = &edit;
        let started = Instant::now();
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": {"start": {"line": start, "character": 0},
                                                 "end": {"line": end, "character": 0}},
                                       "text": new_text}]}),
        );
        client.wait_publish(&uri, version);
        let elapsed = started.elapsed();
        samples.push(elapsed);
        by_kind[k % 4].push(elapsed);
        slowest.push((elapsed, k));
        apply(&mut text, &edit);
    }
    let cpu_per_edit = (client.cpu_time() - cpu_before) / edits as u32;
    samples.sort();
    let kinds: Vec<String> = ["insert", "paste", "delete", "unpaste"]
        .iter()
        .zip(by_kind.iter_mut())
        .map(|(name, v)| {
            v.sort();
            format!("{name} {:.1}", ms(percentile(v, 0.5)))
        })
        .collect();
    slowest.sort_by(|a, b| b.cmp(a));
    let names = ["insert", "paste", "delete", "unpaste"];
    let slowest: Vec<String> = slowest
        .iter()
        .take(3)
        .map(|(elapsed, k)| format!("{} #{k} {:.1}", names[k % 4], ms(*elapsed)))
        .collect();
    println!(
        "  {:<10} {lines:>6} lines ({findings:>3} findings): p50 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms  server CPU {:>6.1} ms/edit   p50 by edit: {}   slowest: {}",
        sample.language,
        ms(percentile(&samples, 0.50)),
        ms(percentile(&samples, 0.99)),
        ms(*samples.last().unwrap()),
        ms(cpu_per_edit),
        kinds.join(", "),
        slowest.join(", ")
    );
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
}

fn memory(client: &mut Client, files: &Files) {
    let before = client.rss_kib();
    let text = generate(python_block, 1_000);
    let named: Vec<(String, &str)> = (0..200)
        .map(|n| (format!("open_{n}.py"), text.as_str()))
        .collect();
    let uris = files.commit(&named);
    for uri in &uris {
        client.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}}),
        );
    }
    client.wait_all_published(&uris);
    // Let the background passes (after a quiet period) finish too.
    std::thread::sleep(Duration::from_millis(1_500));
    let open = client.rss_kib();
    for uri in &uris {
        client.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
    }
    client.wait_all_published(&uris);
    std::thread::sleep(Duration::from_millis(500));
    let closed = client.rss_kib();
    println!(
        "memory: RSS {:.1} MiB before, {:.1} MiB with 200 open 1k-line Python documents ({:.0} KiB each), {:.1} MiB after closing them",
        before as f64 / 1024.0,
        open as f64 / 1024.0,
        open.saturating_sub(before) as f64 / 200.0,
        closed as f64 / 1024.0,
    );
}

/// Edits per file: [`EDITS`], or `BENCH_EDITS` (more edits give a profiler a longer window).
fn edit_count() -> usize {
    std::env::var("BENCH_EDITS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(EDITS)
}

fn main() {
    let sizes = wanted("BENCH_SIZES", vec![1_000usize, 5_000, 20_000]);
    let languages = wanted(
        "BENCH_LANGUAGES",
        SAMPLES.iter().map(|s| s.language.to_string()).collect(),
    );
    let files = Files::new();
    let mut client = Client::start();
    println!(
        "edits spread over the file, didChange -> publishDiagnostics ({} edits each):",
        edit_count()
    );
    for sample in SAMPLES
        .iter()
        .filter(|s| languages.iter().any(|l| l == s.language))
    {
        for &lines in &sizes {
            latency(&mut client, &files, sample, lines);
        }
    }
    if std::env::var("BENCH_MEMORY").as_deref() != Ok("0") {
        memory(&mut client, &files);
    }
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    let _ = client.child.wait();
}
