// A value compared equal to a constant is that constant where the comparison holds; a URL whose
// parsed host equals the allowed one goes only there.
use axum::extract::Query;
use std::collections::HashMap;

pub async fn avatar(Query(q): Query<HashMap<String, String>>) -> Vec<u8> {
    let raw = q.get("src").cloned().unwrap_or_default();
    let url = url::Url::parse(&raw).unwrap();
    if url.host_str() != Some("avatars.example.net") {
        return Vec::new();
    }
    // ok: rust.ssrf
    reqwest::get(url).await.unwrap().bytes().await.unwrap().to_vec()
}

pub async fn avatar_any(Query(q): Query<HashMap<String, String>>) -> Vec<u8> {
    let raw = q.get("src").cloned().unwrap_or_default();
    let url = url::Url::parse(&raw).unwrap();
    if url.scheme() != "https" {
        return Vec::new();
    }
    // ruleid: rust.ssrf
    reqwest::get(url).await.unwrap().bytes().await.unwrap().to_vec()
}

pub async fn export(Query(q): Query<HashMap<String, String>>) -> String {
    let kind = q.get("kind").cloned().unwrap_or_default();
    if kind == "csv" {
        // ok: rust.path-traversal
        return std::fs::read_to_string(format!("/srv/exports/latest.{}", kind)).unwrap_or_default();
    }
    // ruleid: rust.path-traversal
    std::fs::read_to_string(format!("/srv/exports/latest.{}", kind)).unwrap_or_default()
}
