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
