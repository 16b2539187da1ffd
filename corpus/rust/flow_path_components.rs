// Paths checked component by component before they are joined to a root: only plain names
// (`Component::Normal`) stay inside it; `..` climbs out and an absolute path replaces the root.
use std::path::{Component, Path, PathBuf};

use axum::extract::Path as UrlPath;

const ASSETS: &str = "/srv/assets";

pub async fn all_normal(UrlPath(rel): UrlPath<String>) -> Vec<u8> {
    let requested = Path::new(&rel);
    if !requested.components().all(|c| matches!(c, Component::Normal(_))) {
        return Vec::new();
    }
    // ok: rust.path-traversal
    tokio::fs::read(Path::new(ASSETS).join(requested)).await.unwrap_or_default()
}

pub async fn any_not_normal(UrlPath(rel): UrlPath<String>) -> Vec<u8> {
    let rel = Path::new(&rel);
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Vec::new();
    }
    // ok: rust.path-traversal
    std::fs::read(Path::new(ASSETS).join(rel)).unwrap_or_default()
}

pub async fn any_escaping(UrlPath(rel): UrlPath<String>) -> Vec<u8> {
    let requested = PathBuf::from(rel);
    if requested
        .components()
        .any(|c| matches!(c, Component::ParentDir | Component::RootDir | Component::Prefix(_)))
    {
        return Vec::new();
    }
    // ok: rust.path-traversal
    std::fs::read(Path::new(ASSETS).join(&requested)).unwrap_or_default()
}

// The path made where it is checked: the check is one of the text it is made of.
pub async fn checked_inline(UrlPath(rel): UrlPath<String>) -> Vec<u8> {
    if !Path::new(&rel).components().all(|c| matches!(c, Component::Normal(_))) {
        return Vec::new();
    }
    // ok: rust.path-traversal
    std::fs::read(Path::new(ASSETS).join(&rel)).unwrap_or_default()
}

pub async fn checked_inline_owned(UrlPath(rel): UrlPath<String>) -> Vec<u8> {
    if PathBuf::from(rel.as_str()).components().any(|c| !matches!(c, Component::Normal(_))) {
        return Vec::new();
    }
    // ok: rust.path-traversal
    std::fs::read(Path::new(ASSETS).join(rel)).unwrap_or_default()
}

pub async fn parent_only_inline(UrlPath(rel): UrlPath<String>) -> Vec<u8> {
    if Path::new(&rel).components().any(|c| matches!(c, Component::ParentDir)) {
        return Vec::new();
    }
    // ruleid: rust.path-traversal
    std::fs::read(Path::new(ASSETS).join(&rel)).unwrap_or_default()
}

// `..` is refused, but an absolute path (`/etc/passwd`) replaces the root in `join`.
pub async fn parent_only(UrlPath(rel): UrlPath<String>) -> Vec<u8> {
    let requested = PathBuf::from(rel);
    if requested.components().any(|c| matches!(c, Component::ParentDir)) {
        return Vec::new();
    }
    // ruleid: rust.path-traversal
    std::fs::read(Path::new(ASSETS).join(&requested)).unwrap_or_default()
}

// `Option::and_then(f)` is what `f` returns: the upload's own name reduced to its last part.
fn last_part(name: &str) -> Option<String> {
    Some(Path::new(name).file_name()?.to_str()?.to_string())
}

pub async fn upload(mut form: axum::extract::Multipart) {
    while let Some(field) = form.next_field().await.unwrap() {
        let Some(name) = field.file_name().and_then(last_part) else {
            continue;
        };
        let data = field.bytes().await.unwrap();
        // ok: rust.path-traversal
        tokio::fs::write(Path::new("/srv/uploads").join(&name), &data).await.unwrap();
    }
}

// The same chain as rustfmt writes it, one call per line.
pub async fn upload_chained(mut form: axum::extract::Multipart) {
    while let Some(field) = form.next_field().await.unwrap() {
        let name = field
            .file_name()
            .map(|n| n.to_owned())
            .unwrap_or_default();
        let data = field.bytes().await.unwrap();
        // ruleid: rust.path-traversal
        tokio::fs::write(Path::new("/srv/uploads").join(&name), &data).await.unwrap();
    }
}

pub async fn upload_whole_name(mut form: axum::extract::Multipart) {
    while let Some(field) = form.next_field().await.unwrap() {
        let Some(name) = field.file_name().map(|n| n.to_string()) else {
            continue;
        };
        let data = field.bytes().await.unwrap();
        // ruleid: rust.path-traversal
        tokio::fs::write(Path::new("/srv/uploads").join(&name), &data).await.unwrap();
    }
}
