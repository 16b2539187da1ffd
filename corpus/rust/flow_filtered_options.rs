// Values kept only when a check on them holds (`Option::filter`, `Iterator::filter`).
use std::collections::HashMap;

use axum::extract::Query;

pub async fn read_doc(Query(q): Query<HashMap<String, String>>) -> String {
    let doc = q.get("doc").map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty()).unwrap_or_else(|| "index".to_string());
    // ruleid: rust.path-traversal
    std::fs::read_to_string(format!("/srv/docs/{doc}.md")).unwrap_or_default()
}

pub async fn read_named_doc(Query(q): Query<HashMap<String, String>>) -> String {
    let doc = q
        .get("doc")
        .map(|s| s.trim().to_lowercase())
        .filter(|s| s.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        .unwrap_or_else(|| "index".to_string());
    // ok: rust.path-traversal
    std::fs::read_to_string(format!("/srv/docs/{doc}.md")).unwrap_or_default()
}

pub async fn read_checked_doc(Query(q): Query<HashMap<String, String>>) -> String {
    let doc = q.get("doc").cloned().unwrap_or_default();
    if !doc.chars().all(|c| c.is_ascii_alphanumeric()) {
        return String::new();
    }
    // ok: rust.path-traversal
    std::fs::read_to_string(format!("/srv/docs/{doc}.md")).unwrap_or_default()
}

pub async fn read_any_doc(Query(q): Query<HashMap<String, String>>) -> String {
    let doc = q.get("doc").cloned().unwrap_or_default();
    if !doc.chars().all(|c| !c.is_control()) {
        return String::new();
    }
    // ruleid: rust.path-traversal
    std::fs::read_to_string(format!("/srv/docs/{doc}.md")).unwrap_or_default()
}
