// Validators: functions of the module that return a check of their parameter, called as guards.
use std::path::{Component, Path, PathBuf};
use std::process::Command;

use axum::extract::{Path as UrlPath, Query};
use serde::Deserialize;

const EXPORTS: &str = "/srv/exports";

fn is_slug(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

fn single_name(s: &str) -> bool {
    let path = Path::new(s);
    path.components().all(|c| matches!(c, Component::Normal(_)))
}

// A length says nothing of what the name holds.
fn short(s: &str) -> bool {
    s.len() < 64
}

pub async fn export(UrlPath(name): UrlPath<String>) -> Vec<u8> {
    if !is_slug(&name) {
        return Vec::new();
    }
    // ok: rust.path-traversal
    std::fs::read(Path::new(EXPORTS).join(&name)).unwrap_or_default()
}

pub async fn export_short(UrlPath(name): UrlPath<String>) -> Vec<u8> {
    if !short(&name) {
        return Vec::new();
    }
    // ruleid: rust.path-traversal
    std::fs::read(Path::new(EXPORTS).join(&name)).unwrap_or_default()
}

pub async fn export_inverted(UrlPath(name): UrlPath<String>) -> Vec<u8> {
    if is_slug(&name) {
        return Vec::new();
    }
    // ruleid: rust.path-traversal
    std::fs::read(Path::new(EXPORTS).join(&name)).unwrap_or_default()
}

pub async fn export_nested(UrlPath(dir): UrlPath<String>) -> Vec<u8> {
    // The validator binds the path before its tail checks it.
    if !single_name(&dir) {
        return Vec::new();
    }
    // ok: rust.path-traversal
    std::fs::read(PathBuf::from(EXPORTS).join(&dir)).unwrap_or_default()
}

#[derive(Deserialize)]
pub struct Ping {
    host: String,
}

pub async fn ping(Query(q): Query<Ping>) -> String {
    let host = q.host;
    if !is_slug(&host) {
        return String::new();
    }
    let out = Command::new("sh")
        .arg("-c")
        // ok: rust.shell-command-injection
        .arg(format!("ping -c 1 {}", host))
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn acceptable(s: &str) -> bool {
    if s.is_empty() || s.contains("..") {
        return false;
    }
    true
}

// Rejects only empty names.
fn present(s: &str) -> bool {
    if s.is_empty() {
        return false;
    }
    true
}

pub async fn export_checked_early(UrlPath(name): UrlPath<String>) -> Vec<u8> {
    if !acceptable(&name) {
        return Vec::new();
    }
    // ok: rust.path-traversal
    std::fs::read(Path::new(EXPORTS).join(&name)).unwrap_or_default()
}

pub async fn export_present(UrlPath(name): UrlPath<String>) -> Vec<u8> {
    if !present(&name) {
        return Vec::new();
    }
    // ruleid: rust.path-traversal
    std::fs::read(Path::new(EXPORTS).join(&name)).unwrap_or_default()
}
