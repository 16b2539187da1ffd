mod net;

use axum::{extract::Query, routing::get, Router};
use std::collections::HashMap;

async fn relay(Query(params): Query<HashMap<String, String>>) -> String {
    let target = params.get("target").cloned().unwrap_or_default();
    // ruleid: rust.ssrf
    net::relay(&target).await.unwrap_or_default()
}

async fn heartbeat() -> String {
    // ok: rust.ssrf
    net::relay("https://heartbeat.example.net").await.unwrap_or_default()
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/relay", get(relay))
        .route("/heartbeat", get(heartbeat));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:4000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
