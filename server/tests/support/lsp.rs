//! A `slopguard lsp` process driven over its stdio as an editor drives it: framed JSON-RPC
//! out, every message the server sends read on a thread and waited for with a deadline.

use super::RegistryServer;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// How long any expected message may take (a loaded CI machine, a debug build).
const PATIENCE: Duration = Duration::from_secs(30);

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
            if stdout.read_exact(&mut body).is_err() {
                return;
            }
            if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                return;
            }
        }
    });
    rx
}

/// A test of one message: whether it is the one waited for.
pub type Wanted<'a> = dyn Fn(&Value) -> bool + 'a;

/// A `slopguard lsp` process, initialized on a root.
pub struct Editor {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
}

impl Editor {
    /// A server asking `registry` for packages, with its cache in `cache`.
    pub fn start(root: &Path, registry: &RegistryServer, cache: &Path) -> Editor {
        let mut env = registry.env();
        env.push(("SLOPGUARD_CACHE_DIR", cache.display().to_string()));
        Editor::start_with(root, env)
    }

    /// A server that asks no registry (offline, its cache in `cache`).
    pub fn offline(root: &Path, cache: &Path) -> Editor {
        Editor::start_with(
            root,
            vec![
                ("SLOPGUARD_OFFLINE", "1".into()),
                ("SLOPGUARD_CACHE_DIR", cache.display().to_string()),
            ],
        )
    }

    /// A server with exactly these `SLOPGUARD_*` variables.
    pub fn start_with(root: &Path, env: Vec<(&str, String)>) -> Editor {
        Editor::start_configured(root, env, json!({"onlyChangedLines": false}))
    }

    /// A server with these `SLOPGUARD_*` variables and `initializationOptions`.
    pub fn start_configured(root: &Path, env: Vec<(&str, String)>, options: Value) -> Editor {
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
        let stdin = child.stdin.take().unwrap();
        let messages = reader(child.stdout.take().unwrap());
        let mut editor = Editor {
            child,
            stdin,
            messages,
        };
        // As the protocol requires, nothing else is sent before the initialize result arrives.
        editor.request(
            1,
            "initialize",
            json!({"processId": null, "rootUri": format!("file://{}", root.display()),
                "capabilities": {}, "initializationOptions": options}),
        );
        editor.notify("initialized", json!({}));
        editor
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        send(
            &mut self.stdin,
            json!({"jsonrpc": "2.0", "method": method, "params": params}),
        );
    }

    /// Sends a request and waits for its response.
    pub fn request(&mut self, id: u64, method: &str, params: Value) -> Value {
        send(
            &mut self.stdin,
            json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}),
        );
        self.expect(&format!("the response to {method} #{id}"), |m| {
            m["id"] == id && m.get("method").is_none()
        })
    }

    /// Writes bytes as they are: broken framing, several messages at once.
    pub fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    /// Opens `file` with `text` (which need not be what is on disk: an unsaved buffer).
    pub fn open(&mut self, file: &Path, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": format!("file://{}", file.display()),
                "languageId": language, "version": 1, "text": text}}),
        );
    }

    /// The first message that `wanted` accepts within the patience, passing over the others;
    /// `None` if none came.
    pub fn next(&self, wanted: impl Fn(&Value) -> bool) -> Option<Value> {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            match self.messages.recv_timeout(Duration::from_millis(200)) {
                Ok(message) if wanted(&message) => return Some(message),
                Ok(_) | Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return None,
            }
        }
        None
    }

    /// [`Self::next`], failing the test with `what` when nothing came.
    pub fn expect(&self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        self.next(wanted)
            .unwrap_or_else(|| panic!("no {what} within {PATIENCE:?}"))
    }

    /// One message for each predicate, in whatever order they come (a log and a response to
    /// requests sent together race), passing over the others; fails the test if one is missing.
    pub fn expect_all(&self, wanted: &[(&str, &Wanted<'_>)]) -> Vec<Value> {
        let mut found: Vec<Option<Value>> = vec![None; wanted.len()];
        let deadline = Instant::now() + PATIENCE;
        while found.iter().any(Option::is_none) && Instant::now() < deadline {
            let Ok(message) = self.messages.recv_timeout(Duration::from_millis(200)) else {
                continue;
            };
            if let Some(slot) =
                (0..wanted.len()).find(|&i| found[i].is_none() && wanted[i].1(&message))
            {
                found[slot] = Some(message);
            }
        }
        found
            .into_iter()
            .zip(wanted)
            .map(|(m, (what, _))| m.unwrap_or_else(|| panic!("no {what} within {PATIENCE:?}")))
            .collect()
    }

    /// Whether a message is a `window/logMessage` holding `text`.
    pub fn is_log(message: &Value, text: &str) -> bool {
        message["method"] == "window/logMessage"
            && message["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains(text))
    }

    /// The diagnostics of the first `publishDiagnostics` for `file` that `wanted` accepts.
    pub fn diagnostics(
        &self,
        file: &Path,
        wanted: impl Fn(&[Value]) -> bool,
    ) -> Option<Vec<Value>> {
        let uri = format!("file://{}", file.display());
        self.next(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri.as_str()
                && wanted(m["params"]["diagnostics"].as_array().unwrap())
        })
        .map(|m| m["params"]["diagnostics"].as_array().unwrap().clone())
    }

    /// The first diagnostic with `code` published for `file`.
    pub fn diagnostic(&self, file: &Path, code: &str) -> Option<Value> {
        let diagnostics = self.diagnostics(file, |d| d.iter().any(|d| d["code"] == code))?;
        diagnostics.into_iter().find(|d| d["code"] == code)
    }

    /// The first `window/logMessage` whose text holds `text`.
    pub fn log_message(&self, text: &str) -> Option<String> {
        self.next(|m| Editor::is_log(m, text))
            .map(|m| m["params"]["message"].as_str().unwrap().to_string())
    }

    /// Waits for the process to end on its own (stdin left open), failing after the patience.
    pub fn exit_status(&mut self) -> ExitStatus {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Editor {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
