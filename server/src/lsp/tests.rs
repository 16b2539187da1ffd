//! In-process protocol tests for what an external client cannot provoke: a panicking analysis,
//! background passes that resolve after the rule diagnostics, and full analyses held on purpose.

use super::analysis::{self, BackgroundPass, Job, Outcome, PassInput, PassOutput};
use super::outbox::Outbox;
use super::{Backend, RuleOptions, framing};
use crate::finding::{Finding, Fix, PackageRef};
use crate::rules::{Category, Confidence, Severity};
use crate::text::LineIndex;
use serde_json::{Value, json};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};
use tower_lsp_server::{LspService, Server};

struct Harness {
    to_server: DuplexStream,
    from_server: BufReader<DuplexStream>,
    next_id: i64,
}

impl Harness {
    fn start(analyzer: analysis::Analyzer, passes: Vec<Arc<dyn BackgroundPass>>) -> Harness {
        Harness::with_rules(RuleOptions::default(), analyzer, passes)
    }

    fn with_rules(
        rules: RuleOptions,
        analyzer: analysis::Analyzer,
        passes: Vec<Arc<dyn BackgroundPass>>,
    ) -> Harness {
        let (to_server, server_in) = tokio::io::duplex(1 << 20);
        let (server_out, from_server) = tokio::io::duplex(1 << 20);
        let (outbox, _writer) = Outbox::start(server_out);
        let output = outbox.library_output();
        let (service, socket) =
            LspService::build(move |client| Backend::new(client, outbox, rules, analyzer, passes))
                .custom_method(framing::MALFORMED, Backend::malformed_message)
                .finish();
        tokio::spawn(Server::new(server_in, output, socket).serve(service));
        Harness {
            to_server,
            from_server: BufReader::new(from_server),
            next_id: 1,
        }
    }

    async fn send(&mut self, message: Value) {
        let body = message.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.to_server.write_all(frame.as_bytes()).await.unwrap();
    }

    async fn receive(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            self.from_server.read_line(&mut line).await.unwrap();
            let line = line.trim();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length:") {
                length = v.trim().parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.from_server.read_exact(&mut body).await.unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    /// Sends a request and returns its result, answering server requests meanwhile and
    /// collecting notifications into `seen`.
    async fn request(&mut self, method: &str, params: Value, seen: &mut Vec<Value>) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        loop {
            let message = self.until_any().await;
            if message["id"] == id && message.get("method").is_none() {
                return message["result"].clone();
            }
            if message.get("id").is_some() && message.get("method").is_some() {
                let reply = json!({"jsonrpc": "2.0", "id": message["id"], "result": null});
                self.send(reply).await;
            } else {
                seen.push(message);
            }
        }
    }

    async fn until_any(&mut self) -> Value {
        tokio::time::timeout(Duration::from_secs(20), self.receive())
            .await
            .expect("the server answers within 20 s")
    }

    async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    async fn initialize(&mut self, root: &std::path::Path) {
        let root = tower_lsp_server::ls_types::Uri::from_file_path(root).unwrap();
        let mut seen = Vec::new();
        self.request(
            "initialize",
            json!({"capabilities": {}, "rootUri": root, "initializationOptions": {"onlyChangedLines": false}}),
            &mut seen,
        )
        .await;
        self.notify("initialized", json!({})).await;
    }

    /// Waits for a publishDiagnostics of `uri` matching `accept`.
    async fn publish(&mut self, uri: &str, accept: impl Fn(&Value) -> bool) -> Value {
        loop {
            let message = self.until_any().await;
            if message.get("id").is_some() && message.get("method").is_some() {
                let reply = json!({"jsonrpc": "2.0", "id": message["id"], "result": null});
                self.send(reply).await;
                continue;
            }
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
                && accept(&message["params"])
            {
                return message["params"].clone();
            }
        }
    }
}

/// Panics on any document that mentions `boom`; analyses the rest normally.
fn panicking_analyzer(job: Job) -> Outcome {
    if job.snapshot.text.contains("boom") {
        panic!("injected analysis failure");
    }
    analysis::analyze(job)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panicking_analysis_is_logged_and_the_server_carries_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::start(panicking_analyzer, Vec::new());
    h.initialize(dir.path()).await;
    let uri = "file:///nowhere/p.py";
    h.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": "boom\n"}}),
    )
    .await;
    loop {
        let message = h.until_any().await;
        if message["method"] == "window/logMessage"
            && message["params"]["message"]
                .as_str()
                .unwrap()
                .contains("failed")
        {
            break;
        }
    }
    h.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "fine\n"}]}),
    )
    .await;
    let published = h.publish(uri, |p| p["version"] == 2).await;
    assert_eq!(published["diagnostics"], json!([]));
}

/// Set once the test has seen what it waited for: the held analyses may finish.
static RELEASE_HELD: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Holds every full analysis of a text holding `HELD` (up to 20 s) until [`RELEASE_HELD`] is
/// set: a large file's analysis that occupies a core.
fn holding_analyzer(job: Job) -> Outcome {
    if job.snapshot.text.contains("HELD") {
        let started = std::time::Instant::now();
        while !RELEASE_HELD.load(std::sync::atomic::Ordering::Acquire)
            && started.elapsed() < Duration::from_secs(20)
        {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    analysis::analyze(job)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_answer_after_an_edit_does_not_wait_behind_full_analyses() {
    let dir = tempfile::tempdir().unwrap();
    let rules = RuleOptions {
        builtin: true,
        dirs: Vec::new(),
    };
    let mut h = Harness::with_rules(rules, holding_analyzer, Vec::new());
    h.initialize(dir.path()).await;
    let uri = "file:///nowhere/typed.py";
    // Large enough that one function is a small part of it: the first answer applies.
    let mut text = "import os\n\ndef a(cmd):\n    return cmd\n".to_string();
    text.extend((0..40).map(|i| format!("\ndef f{i}():\n    return {i}\n")));
    h.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}}),
    )
    .await;
    h.publish(uri, |p| p["version"] == 1).await;
    // As many held analyses as there are analysis slots: every one is taken.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    for n in 0..cores {
        h.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": format!("file:///nowhere/held_{n}.py"),
                   "languageId": "python", "version": 1, "text": "HELD = 1\n"}}),
        )
        .await;
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    h.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 3, "character": 0},
                                             "end": {"line": 3, "character": 0}},
                                   "text": "    os.system(cmd)\n"}]}),
    )
    .await;
    let answer = tokio::time::timeout(
        Duration::from_secs(10),
        h.publish(uri, |p| p["version"] == 2),
    )
    .await;
    RELEASE_HELD.store(true, std::sync::atomic::Ordering::Release);
    let answer = answer.expect("the edit is answered while the held analyses run");
    assert!(
        answer["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["range"]["start"]["line"] == 3),
        "the answer sees the typed line: {answer}"
    );
}

/// Set by [`spinning_analyzer`] when its analysis starts, and when it sees it cancelled.
static SPIN_STARTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
static SPIN_CANCELLED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// On a text holding `SPIN`, works (up to 20 s) until the analysis is cancelled: a large file's
/// analysis still running when the editor closes it.
fn spinning_analyzer(job: Job) -> Outcome {
    use std::sync::atomic::Ordering;
    if job.snapshot.text.contains("SPIN") {
        SPIN_STARTED.store(true, Ordering::Release);
        let started = std::time::Instant::now();
        while started.elapsed() < Duration::from_secs(20) {
            if crate::analysis::cancelled() {
                SPIN_CANCELLED.store(true, Ordering::Release);
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    analysis::analyze(job)
}

/// Polls `flag` for up to 10 s.
async fn becomes_set(flag: &std::sync::atomic::AtomicBool) -> bool {
    for _ in 0..1_000 {
        if flag.load(std::sync::atomic::Ordering::Acquire) {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_a_document_cancels_its_running_analysis() {
    let mut h = Harness::start(spinning_analyzer, Vec::new());
    let dir = tempfile::tempdir().unwrap();
    h.initialize(dir.path()).await;
    let uri = "file:///nowhere/large.py";
    h.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": "SPIN = 1\n"}}),
    )
    .await;
    assert!(becomes_set(&SPIN_STARTED).await, "the analysis started");
    assert!(!SPIN_CANCELLED.load(std::sync::atomic::Ordering::Acquire));
    h.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    )
    .await;
    assert!(
        becomes_set(&SPIN_CANCELLED).await,
        "closing the document cancels the analysis it no longer needs"
    );
}

/// A stand-in for the registry and dependency passes: flags `reqests` as a typosquat of
/// `requests` and `leftpad` as a new dependency, after a delay.
struct SyntheticPass;

impl BackgroundPass for SyntheticPass {
    fn name(&self) -> &'static str {
        "synthetic"
    }

    fn run(&self, input: PassInput) -> Pin<Box<dyn Future<Output = PassOutput> + Send>> {
        Box::pin(async move {
            tokio::time::sleep(Duration::from_millis(50)).await;
            let lines = LineIndex::new(&input.text);
            let mut out = Vec::new();
            for (name, category, replacement) in [
                ("reqests", Category::Typosquat, Some("requests")),
                ("leftpad", Category::NewDependency, None),
            ] {
                if let Some(start) = input.text.find(name) {
                    let span = lines.span(start, start + name.len());
                    out.push(Finding {
                        rule_id: category.as_str().into(),
                        category,
                        severity: Severity::Warning,
                        confidence: Confidence::High,
                        message: format!("`{name}` flagged by the synthetic pass").into(),
                        span,
                        cwe: vec![].into(),
                        fix: replacement.map(|r| Fix {
                            span,
                            replacement: r.into(),
                            safe: false,
                        }),
                        package: Some(PackageRef {
                            ecosystem: "pypi".into(),
                            name: name.into(),
                            version: None,
                        }),
                        flow: None,
                        advisory: None,
                    });
                }
            }
            PassOutput::from(out)
        })
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn background_findings_merge_in_later_with_replace_and_allow_actions() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::start(analysis::analyze, vec![Arc::new(SyntheticPass)]);
    h.initialize(dir.path()).await;
    let uri = "file:///nowhere/deps.py";
    h.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "python", "version": 1,
               "text": "import reqests\nimport leftpad\n"}}),
    )
    .await;
    // First the rule diagnostics (none: no rules loaded), then the pass's, same version.
    let first = h.publish(uri, |_| true).await;
    assert_eq!(first["version"], 1);
    assert_eq!(
        first["diagnostics"],
        json!([]),
        "rules publish without waiting"
    );
    let merged = h
        .publish(uri, |p| p["diagnostics"].as_array().unwrap().len() == 2)
        .await;
    assert_eq!(merged["version"], 1);
    let mut seen = Vec::new();
    let actions = h
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri},
                   "range": {"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 20}},
                   "context": {"diagnostics": []}}),
            &mut seen,
        )
        .await;
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&"Replace with requests"), "{titles:?}");
    assert!(titles.contains(&"Allow leftpad"), "{titles:?}");
    // An edit below the imports keeps the pass's findings (their text is unchanged) while the
    // pass runs again; an edit to the import drops the stale one at once.
    h.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 0, "character": 7}, "end": {"line": 0, "character": 14}},
             "text": "requests"}]}),
    )
    .await;
    let after = h.publish(uri, |p| p["version"] == 2).await;
    let codes: Vec<&str> = after["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(!codes.contains(&"typosquat"), "{codes:?}");
}

/// Whole-line edits at random places (insertions, deletions, pastes of several lines, typing
/// inside strings and comments), some in bursts without waiting: the diagnostics published
/// for the last version must be those of a full check of the final text, whatever the
/// provisional per-item answers said on the way.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_the_last_edit_the_diagnostics_equal_a_full_check() {
    let dir = tempfile::tempdir().unwrap();
    let rules = RuleOptions {
        builtin: true,
        dirs: Vec::new(),
    };
    let mut h = Harness::with_rules(rules, analysis::analyze, Vec::new());
    h.initialize(dir.path()).await;
    let uri = "file:///nowhere/edited.py";
    let block = |i: usize| {
        format!(
            "def handler_{i}(request):\n    \"\"\"Docstring {i}.\"\"\"\n    name = request.args.get('n')  # a comment\n    cfg = yaml.load(open(name))\n    return subprocess.run(name, shell=True)\n\n"
        )
    };
    let mut text: String = "import yaml\nimport subprocess\n\n".to_string();
    text.extend((0..40).map(block));
    h.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}}),
    )
    .await;
    h.publish(uri, |p| p["version"] == 1).await;
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n.max(1) as u64) as usize
    };
    let pieces = [
        "    x = eval(name)\n",
        "value = 'unterminated\n",
        "# note: pickle.loads(data)\n",
        "def other():\n    return os.system(cmd)\n",
        "    s = \"\"\"\n",
        "        y = 1\n",
    ];
    let mut version = 1;
    for step in 0..60 {
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let line = next(lines.len());
        let (start, end, new_text) = match next(4) {
            0 => (line, line, pieces[next(pieces.len())].to_string()),
            1 => (line, (line + 1 + next(2)).min(lines.len()), String::new()),
            2 => {
                let from = next(lines.len());
                let block: String = lines[from..(from + 3 + next(6)).min(lines.len())].concat();
                (line, line, block)
            }
            _ => {
                // Inside a string or comment on that line, if it has one.
                let old = lines[line];
                let cut = old.find(['\'', '"', '#']).map_or(0, |i| i + 1);
                let mut new = old.to_string();
                new.insert_str(cut, ["eval(x) ", "'", "\"", "x"][next(4)]);
                (line, line + 1, new)
            }
        };
        let offset = |l: usize| lines[..l].iter().map(|s| s.len()).sum::<usize>();
        let (from, to) = (offset(start), offset(end));
        text.replace_range(from..to, &new_text);
        version += 1;
        h.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": {"start": {"line": start, "character": 0},
                                                 "end": {"line": end, "character": 0}},
                                       "text": new_text}]}),
        )
        .await;
        if step % 3 == 0 {
            h.publish(uri, |p| p["version"] == version).await;
        }
    }
    // Last, a string opened near the top: the touched item alone cannot see that it runs on
    // into the next function; only the full analysis can.
    text.insert_str(text.find("\ndef ").map_or(0, |i| i + 1), "s = \"\"\"\n");
    let at_line = text[..text.find("s = \"\"\"").unwrap()]
        .matches('\n')
        .count();
    version += 1;
    h.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version},
               "contentChanges": [{"range": {"start": {"line": at_line, "character": 0},
                                             "end": {"line": at_line, "character": 0}},
                                   "text": "s = \"\"\"\n"}]}),
    )
    .await;
    let full = crate::analysis::apply_suppressions(
        text.as_str(),
        crate::analysis::analyze("edited.py", &text),
    );
    let expected: Vec<(u64, String)> = full
        .iter()
        .map(|f| (f.span.start.line as u64, f.rule_id.to_string()))
        .collect();
    assert!(
        expected.len() > 2,
        "the final text keeps findings to compare: {}",
        expected.len()
    );
    let keys = |p: &Value| {
        let mut keys: Vec<(u64, String)> = p["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let line = d["range"]["start"]["line"].as_u64().unwrap();
                (line, d["code"].as_str().unwrap_or_default().to_string())
            })
            .collect();
        keys.sort();
        keys
    };
    let mut expected_sorted = expected.clone();
    expected_sorted.sort();
    // The provisional answer may come first; the full one follows when they differ.
    let last = h
        .publish(uri, |p| {
            p["version"] == version && keys(p) == expected_sorted
        })
        .await;
    assert_eq!(keys(&last), expected_sorted);
}
