mod store;

use crate::store::mirror;
use axum::{extract::Path, extract::Query, routing::get, Router};
use std::collections::HashMap;

async fn download(Path(name): Path<String>) -> String {
    // ruleid: rust.path-traversal
    store::load(&name).unwrap_or_default()
}

async fn readme() -> String {
    // ok: rust.path-traversal
    crate::store::load("README.md").unwrap_or_default()
}

async fn proxy(Query(params): Query<HashMap<String, String>>) -> String {
    let url = params.get("url").cloned().unwrap_or_default();
    // ruleid: rust.ssrf
    mirror(&url).await.unwrap_or_default()
}

async fn status() -> String {
    // ok: rust.ssrf
    mirror("https://status.example.com").await.unwrap_or_default()
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/f/:name", get(download))
        .route("/readme", get(readme))
        .route("/proxy", get(proxy))
        .route("/status", get(status));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
