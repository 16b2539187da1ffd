//! A reqwest client in a variable whose name says nothing: `Client::builder()` made it.
use axum::extract::Query;
use std::collections::HashMap;

async fn mirror(Query(q): Query<HashMap<String, String>>) -> String {
    let c = reqwest::Client::builder().build().unwrap();
    // ruleid: rust.ssrf
    let r = c.get(&q["url"]).send().await.unwrap();
    // ok: rust.ssrf
    let s = c.get(format!("https://api.example.com/items/{}", q["id"])).send().await.unwrap();
    format!("{} {}", r.status(), s.status())
}

async fn lookup(Query(q): Query<HashMap<String, String>>) -> String {
    let m: HashMap<String, String> = HashMap::new();
    // ok: rust.ssrf
    m.get(&q["url"]).cloned().unwrap_or_default()
}

#[derive(serde::Deserialize)]
struct Target {
    url: String,
}

// An extractor written with its whole path.
async fn probe(q: actix_web::web::Query<Target>) -> actix_web::HttpResponse {
    // ruleid: rust.ssrf
    let t = reqwest::get(&q.url).await.unwrap().text().await.unwrap();
    actix_web::HttpResponse::Ok().body(t)
}

async fn probe_fixed(q: actix_web::web::Query<Target>) -> actix_web::HttpResponse {
    // ok: rust.ssrf
    let t = reqwest::get(format!("https://probe.example.com/?u={}", q.url.len())).await.unwrap();
    actix_web::HttpResponse::Ok().body(t.status().to_string())
}
