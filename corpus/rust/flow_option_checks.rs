// A check of an option's value (`host.is_some_and(|h| ALLOWED.contains(&h))`,
// `host.map_or(false, |h| ..)`) vouches as the check written on the value does.
use axum::extract::Query;
use std::collections::HashMap;
use url::Url;

const ALLOWED_HOSTS: &[&str] = &["docs.example.com", "help.example.com"];

pub async fn docs(Query(q): Query<HashMap<String, String>>) -> String {
    let raw = q.get("url").cloned().unwrap_or_default();
    let url = Url::parse(&raw).unwrap();
    if url.host_str().is_some_and(|h| ALLOWED_HOSTS.contains(&h)) {
        // ok: rust.ssrf
        return reqwest::get(url).await.unwrap().text().await.unwrap();
    }
    String::new()
}

pub async fn help(Query(q): Query<HashMap<String, String>>) -> String {
    let raw = q.get("url").cloned().unwrap_or_default();
    let url = Url::parse(&raw).unwrap();
    let host_ok = url.host_str().map_or(false, |h| ALLOWED_HOSTS.contains(&h));
    if host_ok {
        // ok: rust.ssrf
        return reqwest::get(url).await.unwrap().text().await.unwrap();
    }
    String::new()
}

pub async fn any_named(Query(q): Query<HashMap<String, String>>) -> String {
    let raw = q.get("url").cloned().unwrap_or_default();
    let url = Url::parse(&raw).unwrap();
    if url.host_str().is_some_and(|h| h.len() > 3) {
        // ruleid: rust.ssrf
        return reqwest::get(url).await.unwrap().text().await.unwrap();
    }
    String::new()
}

pub async fn lenient(Query(q): Query<HashMap<String, String>>) -> String {
    let raw = q.get("url").cloned().unwrap_or_default();
    let url = Url::parse(&raw).unwrap();
    if url.host_str().map_or(true, |h| ALLOWED_HOSTS.contains(&h)) {
        // ruleid: rust.ssrf
        return reqwest::get(url).await.unwrap().text().await.unwrap();
    }
    String::new()
}
