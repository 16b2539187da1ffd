// A URL from the request parsed and its host looked up in an allow-list before it is fetched.
use std::collections::HashMap;

use axum::{extract::Query, http::StatusCode};
use reqwest::Url;

const PARTNERS: [&str; 2] = ["api.partner-one.com", "api.partner-two.com"];

pub async fn relay(Query(q): Query<HashMap<String, String>>) -> Result<String, StatusCode> {
    let target = q.get("url").cloned().unwrap_or_default();
    let parsed = Url::parse(&target).map_err(|_| StatusCode::BAD_REQUEST)?;
    if !parsed.host_str().unwrap_or("").ends_with(".partner-one.com") {
        return Err(StatusCode::FORBIDDEN);
    }
    // ruleid: rust.ssrf
    let body = reqwest::get(parsed).await.map_err(|_| StatusCode::BAD_GATEWAY)?;
    body.text().await.map_err(|_| StatusCode::BAD_GATEWAY)
}

pub async fn relay_partner(Query(q): Query<HashMap<String, String>>) -> Result<String, StatusCode> {
    let target = q.get("url").cloned().unwrap_or_default();
    let parsed = Url::parse(&target).unwrap();
    if !PARTNERS.contains(&parsed.host_str().unwrap_or("")) {
        return Err(StatusCode::FORBIDDEN);
    }
    // ok: rust.ssrf
    let body = reqwest::get(parsed).await.map_err(|_| StatusCode::BAD_GATEWAY)?;
    body.text().await.map_err(|_| StatusCode::BAD_GATEWAY)
}

pub async fn relay_named(Query(q): Query<HashMap<String, String>>) -> Result<String, StatusCode> {
    let target = q.get("url").cloned().unwrap_or_default();
    let url = url::Url::parse(&target).expect("a URL");
    let host = url.host_str().unwrap_or_default();
    if !PARTNERS.contains(&host) {
        return Err(StatusCode::FORBIDDEN);
    }
    // ok: rust.ssrf
    let body = reqwest::get(&target).await.map_err(|_| StatusCode::BAD_GATEWAY)?;
    body.text().await.map_err(|_| StatusCode::BAD_GATEWAY)
}

// The check in a helper that parses with `?`, lower-cases the host and answers the URL only when
// the host is listed.
fn vetted(raw: &str) -> Option<Url> {
    let url = Url::parse(raw).ok()?;
    let host = url.host_str()?.to_lowercase();
    if !PARTNERS.contains(&host.as_str()) {
        return None;
    }
    Some(url)
}

pub async fn relay_vetted(Query(q): Query<HashMap<String, String>>) -> Result<String, StatusCode> {
    let target = q.get("url").cloned().unwrap_or_default();
    let url = vetted(&target).ok_or(StatusCode::FORBIDDEN)?;
    // ok: rust.ssrf
    let body = reqwest::get(url).await.map_err(|_| StatusCode::BAD_GATEWAY)?;
    body.text().await.map_err(|_| StatusCode::BAD_GATEWAY)
}

// The same helper shape, but the host only has to end with the partner's domain:
// `evil-partner-one.com` passes.
fn loosely_vetted(raw: &str) -> Option<Url> {
    let url = Url::parse(raw).ok()?;
    let host = url.host_str()?.to_lowercase();
    if !host.ends_with("partner-one.com") {
        return None;
    }
    Some(url)
}

pub async fn relay_loosely(Query(q): Query<HashMap<String, String>>) -> Result<String, StatusCode> {
    let target = q.get("url").cloned().unwrap_or_default();
    let url = loosely_vetted(&target).ok_or(StatusCode::FORBIDDEN)?;
    // ruleid: rust.ssrf
    let body = reqwest::get(url).await.map_err(|_| StatusCode::BAD_GATEWAY)?;
    body.text().await.map_err(|_| StatusCode::BAD_GATEWAY)
}
