// Checks written inside helpers: a match arm's guard, and a host allow-list in a function that
// returns the parsed URL only when the host is allowed.
use axum::{extract::Query, http::StatusCode, response::Redirect};
use serde::Deserialize;
use url::Url;

const ALLOWED_HOSTS: &[&str] = &["images.example-cdn.com"];

#[derive(Deserialize)]
struct Params {
    next: Option<String>,
    url: String,
}

fn local_next(next: Option<String>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n,
        _ => "/".to_string(),
    }
}

fn any_next(next: Option<String>) -> String {
    match next {
        Some(n) if !n.is_empty() => n,
        _ => "/".to_string(),
    }
}

async fn done(Query(q): Query<Params>) -> Redirect {
    let target = local_next(q.next);
    // ok: rust.open-redirect
    Redirect::to(&target)
}

async fn done_anywhere(Query(q): Query<Params>) -> Redirect {
    let target = any_next(q.next);
    // ruleid: rust.open-redirect
    Redirect::to(&target)
}

fn allowed(raw: &str) -> Option<Url> {
    let u = Url::parse(raw).ok()?;
    let host = u.host_str()?;
    if ALLOWED_HOSTS.contains(&host) { Some(u) } else { None }
}

fn parsed(raw: &str) -> Option<Url> {
    let u = Url::parse(raw).ok()?;
    if u.scheme() == "https" { Some(u) } else { None }
}

async fn fetch(Query(q): Query<Params>) -> Result<Vec<u8>, StatusCode> {
    let url = allowed(&q.url).ok_or(StatusCode::BAD_REQUEST)?;
    // ok: rust.ssrf
    let resp = reqwest::get(url).await.map_err(|_| StatusCode::BAD_GATEWAY)?;
    Ok(resp.bytes().await.map_err(|_| StatusCode::BAD_GATEWAY)?.to_vec())
}

async fn fetch_any(Query(q): Query<Params>) -> Result<Vec<u8>, StatusCode> {
    let url = parsed(&q.url).ok_or(StatusCode::BAD_REQUEST)?;
    // ruleid: rust.ssrf
    let resp = reqwest::get(url).await.map_err(|_| StatusCode::BAD_GATEWAY)?;
    Ok(resp.bytes().await.map_err(|_| StatusCode::BAD_GATEWAY)?.to_vec())
}
