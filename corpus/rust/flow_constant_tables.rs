// A health proxy that maps a service name to one of its own internal URLs; the same table with
// a caller's URL inserted is the caller's.
use std::collections::HashMap;

use axum::extract::{Path, Query};

fn upstreams() -> HashMap<&'static str, &'static str> {
    let mut table = HashMap::new();
    table.insert("billing", "http://billing.svc.cluster.local:8080/health");
    table.insert("search", "http://search.svc.cluster.local:9200/_cluster/health");
    table
}

pub async fn health(Path(service): Path<String>) -> String {
    let table = upstreams();
    let Some(url) = table.get(service.as_str()) else {
        return String::new();
    };
    // ok: rust.ssrf
    reqwest::get(*url).await.unwrap().text().await.unwrap()
}

pub async fn health_from(Query(params): Query<HashMap<String, String>>) -> String {
    let mut table = HashMap::new();
    table.insert("custom", params.get("url").cloned().unwrap_or_default());
    let url = table.get("custom").cloned().unwrap_or_default();
    // ruleid: rust.ssrf
    reqwest::get(url).await.unwrap().text().await.unwrap()
}

// hyper: a `Request` built from the URL, then sent.
pub async fn metadata(Path((host, port)): Path<(String, u16)>) -> String {
    let uri: hyper::Uri = format!("http://{}:{}/metadata", host, port).parse().unwrap();
    let client = hyper::Client::new();
    let req = hyper::Request::get(uri).body(hyper::Body::empty()).unwrap();
    // ruleid: rust.ssrf
    let resp = client.request(req).await.unwrap();
    let fixed = hyper::Request::get("http://169.254.169.254/latest/meta-data/").body(hyper::Body::empty()).unwrap();
    // ok: rust.ssrf
    let own = client.request(fixed).await.unwrap();
    format!("{} {}", resp.status(), own.status())
}

// The service's base URL from the table, the caller's name in the path after it: the host is
// the program's.
pub async fn service_version(Path(service): Path<String>) -> String {
    let bases: HashMap<&str, &str> =
        HashMap::from([("billing", "http://billing.svc:8080"), ("search", "http://search.svc:9200")]);
    let Some(base) = bases.get(service.as_str()) else {
        return String::new();
    };
    let url = format!("{}/v1/{}/version", base, service);
    // ok: rust.ssrf
    reqwest::get(url).await.unwrap().text().await.unwrap()
}

// The caller's text first: it names the host.
pub async fn service_version_any(Path(service): Path<String>) -> String {
    let url = format!("{}/v1/version", service);
    // ruleid: rust.ssrf
    reqwest::get(url).await.unwrap().text().await.unwrap()
}

// A type of this file with its own `new`: `HashMap::new()` above is still the standard map's,
// not this constructor.
pub struct Gateway {
    services: HashMap<&'static str, &'static str>,
}

impl Gateway {
    pub fn new() -> Self {
        Self { services: HashMap::new() }
    }
}

// A method of the program's table declared to return one of its own texts, or none.
pub struct Shortcuts(HashMap<&'static str, &'static str>);

impl Shortcuts {
    fn destination(&self, key: &str) -> Option<&'static str> {
        self.0.get(key).copied()
    }

    fn spelled(&self, key: &str) -> Option<String> {
        Some(format!("https://{key}.example.org/"))
    }
}

pub async fn shortcut(Path(key): Path<String>, table: axum::extract::State<std::sync::Arc<Shortcuts>>) -> String {
    let Some(url) = table.destination(&key) else {
        return String::new();
    };
    // ok: rust.ssrf
    reqwest::get(url).await.unwrap().text().await.unwrap()
}

pub async fn shortcut_spelled(Path(key): Path<String>, table: axum::extract::State<std::sync::Arc<Shortcuts>>) -> String {
    let Some(url) = table.spelled(&key) else {
        return String::new();
    };
    // ruleid: rust.ssrf
    reqwest::get(url).await.unwrap().text().await.unwrap()
}
