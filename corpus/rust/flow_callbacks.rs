// Closures handed each element by iterator and Option adapters: the element is as untrusted as
// what it comes from.
use axum::{extract::Query, Json};
use serde::Deserialize;
use std::collections::HashMap;

const PEERS: [&str; 2] = ["https://peer-a.example.com/health", "https://peer-b.example.com/health"];

#[derive(Deserialize)]
pub struct Batch {
    urls: Vec<String>,
}

pub async fn fetch_all(Json(batch): Json<Batch>) -> Json<usize> {
    let client = reqwest::Client::new();
    // ruleid: rust.ssrf
    let requests = batch.urls.iter().map(|u| client.get(u).send());
    Json(futures::future::join_all(requests).await.len())
}

pub async fn fetch_peers() -> Json<usize> {
    let client = reqwest::Client::new();
    // ok: rust.ssrf
    let requests = PEERS.iter().map(|u| client.get(*u).send());
    Json(futures::future::join_all(requests).await.len())
}

pub async fn read_named(Query(q): Query<HashMap<String, String>>) -> String {
    q.get("log")
        // ruleid: rust.path-traversal
        .and_then(|name| std::fs::read_to_string(format!("/var/log/app/{name}")).ok())
        .unwrap_or_default()
}

pub async fn read_current(Query(q): Query<HashMap<String, String>>) -> String {
    let days: u32 = q.get("days").and_then(|d| d.parse().ok()).unwrap_or(1);
    // ok: rust.path-traversal
    std::fs::read_to_string(format!("/var/log/app/app.log.{days}")).unwrap_or_default()
}
