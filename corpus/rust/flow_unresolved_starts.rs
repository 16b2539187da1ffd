// A start check keeps a path inside its root only once `..` is resolved: `Path::starts_with`
// compares components, and `root.join("../etc/passwd")` starts with `root`.
use axum::extract::Path as UrlPath;
use std::path::{Path, PathBuf};

const ROOT: &str = "/srv/reports";

pub async fn joined(UrlPath(name): UrlPath<String>) -> Vec<u8> {
    let full = Path::new(ROOT).join(&name);
    if !full.starts_with(ROOT) {
        return Vec::new();
    }
    // ruleid: rust.path-traversal
    tokio::fs::read(&full).await.unwrap_or_default()
}

pub async fn canonical(UrlPath(name): UrlPath<String>) -> Vec<u8> {
    let Ok(full) = Path::new(ROOT).join(&name).canonicalize() else {
        return Vec::new();
    };
    if !full.starts_with(ROOT) {
        return Vec::new();
    }
    // ok: rust.path-traversal
    tokio::fs::read(&full).await.unwrap_or_default()
}

pub async fn canonical_base(UrlPath(name): UrlPath<String>) -> Vec<u8> {
    let base: PathBuf = std::fs::canonicalize(ROOT).unwrap_or_default();
    let full = base.join(&name);
    if !full.starts_with(&base) {
        return Vec::new();
    }
    // ruleid: rust.path-traversal
    std::fs::read(&full).unwrap_or_default()
}

pub async fn canonical_target(UrlPath(name): UrlPath<String>) -> Vec<u8> {
    let base: PathBuf = std::fs::canonicalize(ROOT).unwrap_or_default();
    let full = match std::fs::canonicalize(base.join(&name)) {
        Ok(full) => full,
        Err(_) => return Vec::new(),
    };
    if !full.starts_with(&base) {
        return Vec::new();
    }
    // ok: rust.path-traversal
    std::fs::read(&full).unwrap_or_default()
}
