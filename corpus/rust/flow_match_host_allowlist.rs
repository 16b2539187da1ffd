//! A URL whose host an arm of a `match` checks against an allow-list: the arm binds the host,
//! and the check of it vouches for the URL, as `let host = url.host_str()` would.
use actix_web::{post, web, HttpResponse};
use serde::Deserialize;
use url::Url;

const APPROVED: &[&str] = &["hooks.shipfast.example", "api.ledgerly.example"];

#[derive(Deserialize)]
pub struct Registration {
    pub url: String,
}

fn approved(raw: &str) -> Option<Url> {
    let url = Url::parse(raw).ok()?;
    match url.host_str() {
        Some(host) if APPROVED.contains(&host) => Some(url),
        _ => None,
    }
}

fn non_empty(raw: &str) -> Option<Url> {
    let url = Url::parse(raw).ok()?;
    match url.host_str() {
        Some(host) if !host.is_empty() => Some(url),
        _ => None,
    }
}

#[post("/endpoints")]
pub async fn register(body: web::Json<Registration>) -> HttpResponse {
    if let Some(url) = approved(&body.url) {
        // ok: rust.ssrf
        let _ = ureq::post(url.as_str()).call();
    }
    if let Some(url) = non_empty(&body.url) {
        // ruleid: rust.ssrf
        let _ = ureq::post(url.as_str()).call();
    }
    HttpResponse::Ok().finish()
}
