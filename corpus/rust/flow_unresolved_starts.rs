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

// Unwrapping the resolved path keeps it resolved: the helper returns it only inside the root.
fn resolve_inside(root: &Path, requested: &str) -> Option<PathBuf> {
    let root = root.canonicalize().ok()?;
    let candidate = root.join(requested).canonicalize().ok()?;
    if candidate.starts_with(&root) && candidate.is_file() {
        Some(candidate)
    } else {
        None
    }
}

fn join_inside(root: &Path, requested: &str) -> Option<PathBuf> {
    let candidate = root.join(requested);
    if candidate.starts_with(root) {
        Some(candidate)
    } else {
        None
    }
}

pub async fn helper_checked(UrlPath(name): UrlPath<String>) -> Vec<u8> {
    let Some(full) = resolve_inside(Path::new(ROOT), &name) else {
        return Vec::new();
    };
    // ok: rust.path-traversal
    std::fs::read(&full).unwrap_or_default()
}

pub async fn helper_joined(UrlPath(name): UrlPath<String>) -> Vec<u8> {
    let Some(full) = join_inside(Path::new(ROOT), &name) else {
        return Vec::new();
    };
    // ruleid: rust.path-traversal
    std::fs::read(&full).unwrap_or_default()
}
