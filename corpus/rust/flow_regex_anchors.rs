// A pattern vouches for a value only when it matches all of it: `is_match` finds an unanchored
// pattern anywhere in the text, so `../../etc/cron.d/x.csv` matches `[a-z0-9_]+\.csv`.
use axum::extract::{Path, Query};
use once_cell::sync::Lazy;
use regex::Regex;
use std::collections::HashMap;

static REPORT_ANYWHERE: Lazy<Regex> = Lazy::new(|| Regex::new(r"[a-z0-9_]+\.csv").unwrap());
static REPORT_NAME: Lazy<Regex> = Lazy::new(|| Regex::new(r"^[a-z0-9_]+\.csv$").unwrap());
static VIDEO_URL: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"https?://(www\.)?(youtube\.com|vimeo\.com)/").unwrap());

pub async fn export(Path(name): Path<String>) -> std::io::Result<()> {
    if !REPORT_ANYWHERE.is_match(&name) {
        return Ok(());
    }
    // ruleid: rust.path-traversal
    std::fs::write(format!("/srv/exports/{name}"), b"id,total\n")
}

pub async fn export_named(Path(name): Path<String>) -> std::io::Result<()> {
    if !REPORT_NAME.is_match(&name) {
        return Ok(());
    }
    // ok: rust.path-traversal
    std::fs::write(format!("/srv/exports/{name}"), b"id,total\n")
}

pub async fn oembed(Query(q): Query<HashMap<String, String>>) -> String {
    let url = q.get("url").cloned().unwrap_or_default();
    if !VIDEO_URL.is_match(&url) {
        return String::new();
    }
    // ruleid: rust.ssrf
    reqwest::get(&url).await.map(|r| r.status().to_string()).unwrap_or_default()
}

pub async fn oembed_anchored(Query(q): Query<HashMap<String, String>>) -> String {
    let url = q.get("url").cloned().unwrap_or_default();
    let video = Regex::new(r"^https://(www\.)?youtube\.com/").unwrap();
    if !video.is_match(&url) {
        return String::new();
    }
    // ok: rust.ssrf
    reqwest::get(&url).await.map(|r| r.status().to_string()).unwrap_or_default()
}
