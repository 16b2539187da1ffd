// Methods of types another module defines, on objects their constructors made here: the
// request value enters the method's parameter in the other file.
mod services;

use axum::extract::{Json, Path, Query};
use serde::Deserialize;
use services::archive::Archive;
use std::collections::HashMap;

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
