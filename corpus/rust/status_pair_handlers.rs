//! axum handlers answering a `(StatusCode, body)` pair: their raw body parameter is the request's.
use axum::{body::Bytes, http::StatusCode};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct ChangeSet {
    pub changes: Vec<String>,
}

pub async fn upload_changes(body: Bytes) -> (StatusCode, String) {
    // ruleid: rust.bincode-unbounded-deserialize
    let set: ChangeSet = match bincode::deserialize(&body) {
        Ok(s) => s,
        Err(_) => return (StatusCode::BAD_REQUEST, "undecodable".into()),
    };
    (StatusCode::ACCEPTED, format!("{} changes", set.changes.len()))
}

pub fn decode_snapshot(buf: Bytes) -> Option<ChangeSet> {
    // ok: rust.bincode-unbounded-deserialize
    bincode::deserialize(&buf).ok()
}
