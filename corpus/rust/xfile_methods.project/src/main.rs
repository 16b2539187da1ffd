// Methods of types another module defines, on objects their constructors made here: the
// request value enters the method's parameter in the other file.
mod services;

use axum::extract::{Json, Path, Query, State};
use serde::Deserialize;
use services::archive::Archive;
use services::hooks::Hooks;
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Deserialize)]
pub struct Restore {
    snapshot: String,
    keep: u32,
}

pub async fn download(Path(member): Path<String>) -> Vec<u8> {
    let archive = Archive::open("/srv/archive");
    // ruleid: rust.path-traversal
    archive.member(&member)
}

pub async fn download_index() -> Vec<u8> {
    let archive = Archive::open("/srv/archive");
    // ok: rust.path-traversal
    archive.member("index.json")
}

pub async fn restore(Json(req): Json<Restore>) -> String {
    let runner = services::backup::Runner::default();
    // ruleid: rust.path-traversal
    runner.restore(&req.snapshot)
}

pub async fn prune(Json(req): Json<Restore>) -> String {
    let runner = services::backup::Runner::default();
    // ok: rust.path-traversal
    runner.prune(req.keep)
}

pub async fn mirror(Query(q): Query<HashMap<String, String>>) -> String {
    let feed = services::feeds::Feeds { timeout_secs: 5 };
    let url = q.get("url").cloned().unwrap_or_default();
    // ruleid: rust.ssrf
    feed.pull(&url).await
}

// The service comes from the router's state: its type says whose method `ping` is.
pub async fn ping_hook(State(hooks): State<Arc<Hooks>>, Json(req): Json<HashMap<String, String>>) -> String {
    let target = req.get("endpoint").cloned().unwrap_or_default();
    // ruleid: rust.ssrf
    hooks.ping(&target).await.to_string()
}

pub async fn ping_status(State(hooks): State<Arc<Hooks>>) -> String {
    // ok: rust.ssrf
    hooks.ping("https://status.example.com/health").await.to_string()
}
