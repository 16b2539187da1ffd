// A `..` check keeps a name inside its root when the name is added as text; `Path::join` and
// `PathBuf::push` start again at an absolute name (`/etc/passwd`), which the check lets through.
use axum::extract::Query;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const ROOT: &str = "/srv/files";

pub async fn joined(Query(q): Query<HashMap<String, String>>) -> Vec<u8> {
    let name = q.get("name").cloned().unwrap_or_default();
    if name.contains("..") {
        return Vec::new();
    }
    // ruleid: rust.path-traversal
    std::fs::read(Path::new(ROOT).join(&name)).unwrap_or_default()
}

pub async fn joined_relative(Query(q): Query<HashMap<String, String>>) -> Vec<u8> {
    let name = q.get("name").cloned().unwrap_or_default();
    if name.contains("..") || Path::new(&name).has_root() {
        return Vec::new();
    }
    // ok: rust.path-traversal
    std::fs::read(Path::new(ROOT).join(&name)).unwrap_or_default()
}

pub async fn pushed(Query(q): Query<HashMap<String, String>>) -> Vec<u8> {
    let name = q.get("name").cloned().unwrap_or_default();
    if name.contains("..") {
        return Vec::new();
    }
    let mut full = PathBuf::from(ROOT);
    full.push(&name);
    // ruleid: rust.path-traversal
    std::fs::read(&full).unwrap_or_default()
}

pub async fn formatted(Query(q): Query<HashMap<String, String>>) -> Vec<u8> {
    let name = q.get("name").cloned().unwrap_or_default();
    if name.contains("..") {
        return Vec::new();
    }
    // ok: rust.path-traversal
    std::fs::read(format!("{ROOT}/{name}")).unwrap_or_default()
}
