//! A package registry on 127.0.0.1 for tests: a small HTTP/1.1 server (std `TcpListener`, one
//! thread per connection) that serves the real URL layouts and JSON shapes of the crates.io
//! sparse index (`/crates/...`), the PyPI JSON API (`/pypi/pypi/<name>/json`) and the npm
//! registry (`/npm/<name>`, abbreviated metadata when asked with its `Accept` header), and any
//! file a test puts at a path (OSV archives under `/osv/`), with knobs for 404, 503, slow
//! answers and answers that never come.
#![allow(dead_code)]

pub mod check;
pub mod cli;
mod documents;
pub mod lsp;
pub mod osv;

use documents::{crate_api_versions, crate_index, npm_json, pypi_json};

use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// One package a test registry knows.
#[derive(Clone, Debug)]
pub struct Package {
    pub versions: Vec<(String, bool)>,
    /// When it was first published (RFC 3339).
    pub published: String,
    pub install_script: bool,
    pub deprecated: bool,
    /// Served by the npm downloads API (last month) and the crates.io web API (all time).
    pub downloads: u64,
    /// PyPI: each version has a wheel besides its sdist (most packages do).
    pub wheel: bool,
    /// The licence every version declares: npm's full document, crates.io's web API, PyPI's
    /// `info.license_expression`.
    pub licence: Option<String>,
    /// Per version (same order as `versions`), where set: its publication time (else
    /// `published`) and its publisher (npm `_npmUser`, crates.io `published_by`).
    pub release_times: Vec<String>,
    pub publishers: Vec<String>,
    /// npm versions with an install script (besides all of them when `install_script`).
    pub scripted: Vec<String>,
}

impl Package {
    pub fn new(version: &str) -> Package {
        Package {
            versions: vec![(version.to_string(), false)],
            published: "2019-05-01T10:00:00Z".into(),
            install_script: false,
            deprecated: false,
            downloads: 4321,
            wheel: true,
            licence: None,
            release_times: Vec::new(),
            publishers: Vec::new(),
            scripted: Vec::new(),
        }
    }

    /// When version number `index` was published.
    fn release_time(&self, index: usize) -> &str {
        self.release_times
            .get(index)
            .map_or(self.published.as_str(), String::as_str)
    }
}

/// What the server does for requests whose path contains a given string.
#[derive(Clone, Debug)]
pub enum Knob {
    Status(u16),
    /// Answer 503 this many times, then normally.
    FailFirst(usize),
    /// Wait this long before answering.
    Delay(Duration),
}

#[derive(Clone, Debug)]
pub struct Request {
    pub path: String,
    pub accept: String,
    pub user_agent: String,
}

#[derive(Default)]
struct State {
    pypi: HashMap<String, Package>,
    npm: HashMap<String, Package>,
    crates: HashMap<String, Package>,
    knobs: Vec<(String, Knob)>,
    requests: Vec<Request>,
    /// Repository links by `<ecosystem>:<name>`, added to the metadata that can carry them.
    repositories: HashMap<String, String>,
    /// npm packages whose documents copy no top-level fields: `repository` only in each
    /// version's metadata, `time` only per version (as mirrors serve them).
    npm_per_version_only: Vec<String>,
    /// Requests being answered now, and the most there ever were at once.
    in_flight: usize,
    max_in_flight: usize,
    /// Files served as they are, by path (`/osv/PyPI/all.zip`).
    files: HashMap<String, Vec<u8>>,
}

pub struct RegistryServer {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
}

impl RegistryServer {
    pub fn start() -> RegistryServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let (state2, stop2) = (state.clone(), stop.clone());
        thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let state = state2.clone();
                thread::spawn(move || serve(stream, &state));
            }
        });
        RegistryServer { addr, state, stop }
    }

    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }
    pub fn pypi_url(&self) -> String {
        format!("{}/pypi", self.base())
    }
    pub fn npm_url(&self) -> String {
        format!("{}/npm", self.base())
    }
    pub fn crates_url(&self) -> String {
        format!("{}/crates", self.base())
    }
    /// The environment that points every registry URL of a `slopguard` process at this server
    /// (so that no test process reaches the internet).
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("SLOPGUARD_PYPI_URL", self.pypi_url()),
            ("SLOPGUARD_NPM_URL", self.npm_url()),
            ("SLOPGUARD_CRATES_INDEX_URL", self.crates_url()),
            ("SLOPGUARD_NPM_DOWNLOADS_URL", self.npm_downloads_url()),
            ("SLOPGUARD_CRATES_API_URL", self.crates_api_url()),
            ("SLOPGUARD_OSV_URL", self.osv_url()),
        ]
    }
    /// The base URL of the OSV export this server holds (see [`RegistryServer::file`]).
    pub fn osv_url(&self) -> String {
        format!("{}/osv", self.base())
    }
    /// Serves `bytes` at `path` (a path starting with `/`).
    pub fn file(&self, path: &str, bytes: Vec<u8>) -> &Self {
        self.state
            .lock()
            .unwrap()
            .files
            .insert(path.to_string(), bytes);
        self
    }
    pub fn npm_downloads_url(&self) -> String {
        format!("{}/npm-downloads", self.base())
    }
    pub fn crates_api_url(&self) -> String {
        format!("{}/crates-api", self.base())
    }

    /// Registers a PyPI project (under its PEP 503 name, as PyPI files them).
    pub fn pypi(&self, name: &str, package: Package) -> &Self {
        let key = slopguard::deps::normalize_pypi(name);
        self.state.lock().unwrap().pypi.insert(key, package);
        self
    }
    pub fn npm(&self, name: &str, package: Package) -> &Self {
        self.state
            .lock()
            .unwrap()
            .npm
            .insert(name.to_string(), package);
        self
    }
    /// Registers a crate under exactly this spelling (`-` and `_` differ in the index).
    pub fn krate(&self, name: &str, package: Package) -> &Self {
        self.state
            .lock()
            .unwrap()
            .crates
            .insert(name.to_ascii_lowercase(), package);
        self
    }
    /// Links a PyPI project (`project_urls.Source`) or npm package (`repository`, full
    /// metadata only, as the real registry does) to a repository.
    pub fn repository(&self, ecosystem: &str, name: &str, url: &str) -> &Self {
        self.state
            .lock()
            .unwrap()
            .repositories
            .insert(format!("{ecosystem}:{name}"), url.to_string());
        self
    }
    /// Serves npm package `name`'s document without top-level `repository` and `time.created`:
    /// its repository (set by [`Self::repository`], written as is) in each version, and a
    /// publication time per version.
    pub fn npm_per_version_only(&self, name: &str) -> &Self {
        self.state
            .lock()
            .unwrap()
            .npm_per_version_only
            .push(name.to_string());
        self
    }
    pub fn knob(&self, path_contains: &str, knob: Knob) -> &Self {
        self.state
            .lock()
            .unwrap()
            .knobs
            .push((path_contains.to_string(), knob));
        self
    }
    pub fn requests(&self) -> Vec<Request> {
        self.state.lock().unwrap().requests.clone()
    }
    pub fn paths(&self) -> Vec<String> {
        self.requests().into_iter().map(|r| r.path).collect()
    }
    /// The most requests this server was answering at the same time.
    pub fn max_in_flight(&self) -> usize {
        self.state.lock().unwrap().max_in_flight
    }
    pub fn clear_requests(&self) {
        self.state.lock().unwrap().requests.clear();
    }
}

impl Drop for RegistryServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
    }
}

fn serve(stream: TcpStream, state: &Mutex<State>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_string();
    let mut headers = HashMap::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let request = Request {
        path: path.clone(),
        accept: headers.get("accept").cloned().unwrap_or_default(),
        user_agent: headers.get("user-agent").cloned().unwrap_or_default(),
    };
    let ((code, text), delay) = {
        let mut state = state.lock().unwrap();
        state.requests.push(request.clone());
        state.in_flight += 1;
        state.max_in_flight = state.max_in_flight.max(state.in_flight);
        let mut forced = None;
        let mut delay = None;
        for (pattern, knob) in state.knobs.iter_mut() {
            if !path.contains(pattern.as_str()) {
                continue;
            }
            match knob {
                Knob::Status(code) => forced = Some(*code),
                Knob::FailFirst(n) if *n > 0 => {
                    *n -= 1;
                    forced = Some(503);
                }
                Knob::FailFirst(_) => {}
                Knob::Delay(d) => delay = Some(*d),
            }
        }
        let answer = match (forced, state.files.get(&path)) {
            (Some(code), _) => (code, Vec::new()),
            (None, Some(bytes)) => (200, bytes.clone()),
            (None, None) => {
                let (code, text) = route(&state, &request);
                (code, text.into_bytes())
            }
        };
        (answer, delay)
    };
    if let Some(delay) = delay {
        thread::sleep(delay);
    }
    let reason = match code {
        200 => "OK",
        404 => "Not Found",
        503 => "Service Unavailable",
        _ => "Status",
    };
    let mut stream = stream;
    let _ = write!(
        stream,
        "HTTP/1.1 {code} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        text.len()
    );
    let _ = stream.write_all(&text);
    let _ = stream.flush();
    state.lock().unwrap().in_flight -= 1;
}

fn route(state: &State, request: &Request) -> (u16, String) {
    let path = request.path.as_str();
    if let Some(name) = path.strip_prefix("/npm-downloads/downloads/point/last-month/") {
        let name = name.replace("%2f", "/").replace("%2F", "/");
        return match state.npm.get(&name) {
            Some(p) => (
                200,
                json!({"downloads": p.downloads, "start": "2026-10-31", "end": "2026-11-29", "package": name})
                    .to_string(),
            ),
            None => (404, "{\"error\":\"package not found\"}".into()),
        };
    }
    if let Some(name) = path.strip_prefix("/crates-api/api/v1/crates/") {
        return match state.crates.get(name) {
            Some(p) => {
                let repository = state.repositories.get(&format!("crates:{name}"));
                (
                    200,
                    json!({"crate": {"id": name, "name": name, "downloads": p.downloads,
                        "recent_downloads": p.downloads / 10, "repository": repository,
                        "created_at": p.published, "max_version": p.versions.last().map(|v| &v.0)},
                        "versions": crate_api_versions(p)})
                    .to_string(),
                )
            }
            None => (404, "{\"errors\":[{\"detail\":\"Not Found\"}]}".into()),
        };
    }
    if let Some(rest) = path.strip_prefix("/pypi/pypi/") {
        let Some(name) = rest.strip_suffix("/json") else {
            return (404, String::new());
        };
        return match state.pypi.get(name) {
            Some(p) => {
                let mut doc = pypi_json(name, p);
                if let Some(url) = state.repositories.get(&format!("pypi:{name}")) {
                    doc["info"]["project_urls"] =
                        json!({"Homepage": "https://example.invalid", "Source": url});
                }
                (200, doc.to_string())
            }
            None => (404, "{\"message\": \"Not Found\"}".into()),
        };
    }
    if let Some(rest) = path.strip_prefix("/npm/") {
        let name = rest.replace("%2f", "/").replace("%2F", "/");
        let abbreviated = request
            .accept
            .contains("application/vnd.npm.install-v1+json");
        return match state.npm.get(&name) {
            Some(p) => {
                let mut doc = npm_json(&name, p, abbreviated);
                let repository = state.repositories.get(&format!("npm:{name}"));
                if state.npm_per_version_only.contains(&name) {
                    let times: serde_json::Map<String, Value> = p
                        .versions
                        .iter()
                        .map(|(v, _)| (v.clone(), json!(p.published)))
                        .collect();
                    doc["time"] = Value::Object(times);
                    for meta in doc["versions"].as_object_mut().unwrap().values_mut() {
                        meta["repository"] = json!(repository);
                    }
                } else if let Some(url) = repository.filter(|_| !abbreviated) {
                    doc["repository"] = json!({"type": "git", "url": url});
                }
                (200, doc.to_string())
            }
            None => (404, "{\"error\":\"Not found\"}".into()),
        };
    }
    if let Some(rest) = path.strip_prefix("/crates/") {
        let name = rest.rsplit('/').next().unwrap_or("");
        // The file must be where cargo's layout puts it.
        let expected = match name.len() {
            0 => return (404, String::new()),
            1 => format!("1/{name}"),
            2 => format!("2/{name}"),
            3 => format!("3/{}/{name}", &name[..1]),
            _ => format!("{}/{}/{name}", &name[..2], &name[2..4]),
        };
        if rest != expected {
            return (404, String::new());
        }
        return match state.crates.get(name) {
            Some(p) => (200, crate_index(name, p)),
            None => (404, String::new()),
        };
    }
    (404, String::new())
}

/// A server that accepts connections and never answers (nor closes them) until dropped.
pub struct SilentServer {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    connections: Arc<std::sync::atomic::AtomicUsize>,
}

impl SilentServer {
    pub fn start() -> SilentServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let stop2 = stop.clone();
        let connections = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counted = connections.clone();
        thread::spawn(move || {
            let mut held = Vec::new();
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    counted.fetch_add(1, Ordering::SeqCst);
                    held.push(stream);
                }
            }
        });
        SilentServer {
            addr,
            stop,
            connections,
        }
    }
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }
    /// The connections accepted so far.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

impl Drop for SilentServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
    }
}

/// Runs git in `dir` with a throwaway identity (and no signing), failing the test on error.
pub fn git(dir: &std::path::Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?} failed in {}", dir.display());
}

/// Settings pointing every registry at `server`, with a fresh cache in `cache_dir` and short
/// timeouts.
pub fn settings(
    server: &RegistryServer,
    cache_dir: &std::path::Path,
) -> slopguard::registry::Settings {
    slopguard::registry::Settings {
        pypi_url: server.pypi_url(),
        npm_url: server.npm_url(),
        crates_index_url: server.crates_url(),
        npm_downloads_url: server.npm_downloads_url(),
        crates_api_url: server.crates_api_url(),
        cache_dir: Some(cache_dir.to_path_buf()),
        timeout: Duration::from_secs(2),
        connect_timeout: Duration::from_secs(1),
        retry_backoff: Duration::from_millis(20),
        ..slopguard::registry::Settings::default()
    }
}
