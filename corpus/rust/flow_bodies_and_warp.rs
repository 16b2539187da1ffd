//! Raw request bodies (`String`, `Bytes`) of handlers that answer a request, and the values warp
//! filters hand to their handlers.
use axum::body::Bytes;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect};
use std::collections::HashMap;
use warp::Filter;

const INBOX: &str = "/var/spool/inbox";

async fn register_hook(body: String) -> impl IntoResponse {
    let target = body.trim().to_string();
    // ruleid: rust.ssrf
    let r = reqwest::get(target).await.unwrap();
    r.status().as_u16().to_string()
}

async fn register_hook_fixed(body: String) -> impl IntoResponse {
    let name = body.trim().to_string();
    // ok: rust.ssrf
    let r = reqwest::get(format!("https://hooks.example.com/{name}")).await.unwrap();
    r.status().as_u16().to_string()
}

async fn store(body: Bytes) -> impl IntoResponse {
    let name = String::from_utf8_lossy(&body).to_string();
    // ruleid: rust.path-traversal
    tokio::fs::write(format!("{INBOX}/{name}"), b"").await.unwrap();
    StatusCode::CREATED
}

async fn store_named(body: Bytes) -> impl IntoResponse {
    let name = String::from_utf8_lossy(&body).to_string();
    let file = std::path::Path::new(&name).file_name().unwrap().to_owned();
    // ok: rust.path-traversal
    tokio::fs::write(std::path::Path::new(INBOX).join(file), b"").await.unwrap();
    StatusCode::CREATED
}

async fn after_form(body: String) -> impl IntoResponse {
    let next = body.strip_prefix("next=").unwrap_or("/").to_string();
    // ruleid: rust.open-redirect
    Redirect::to(&next)
}

// A helper this file calls: its argument is the caller's, not a request body.
async fn relay(url: String) -> impl IntoResponse {
    // ok: rust.ssrf
    reqwest::get(url).await.unwrap().status().as_u16().to_string()
}

async fn relay_status() -> impl IntoResponse {
    relay("https://status.example.com/".to_string()).await
}

// Not async and answering nothing: a plain function taking a string.
fn load_template(name: String) -> String {
    // ok: rust.path-traversal
    std::fs::read_to_string(name).unwrap_or_default()
}

async fn read_spool(name: String) -> Result<impl warp::Reply, warp::Rejection> {
    // ruleid: rust.path-traversal
    let data = tokio::fs::read_to_string(format!("{INBOX}/{name}")).await.unwrap();
    Ok(data)
}

async fn read_spool_numbered(id: u64) -> Result<impl warp::Reply, warp::Rejection> {
    // ok: rust.path-traversal
    let data = tokio::fs::read_to_string(format!("{INBOX}/{id}.msg")).await.unwrap();
    Ok(data)
}

async fn forward(q: HashMap<String, String>) -> Result<impl warp::Reply, warp::Rejection> {
    let to = q.get("to").cloned().unwrap_or_default();
    // ruleid: rust.ssrf
    let r = reqwest::Client::new().post(&to).send().await.unwrap();
    Ok(r.status().to_string())
}

// Builds routes: its parameter is the server's own configuration.
fn routes(upstream: String) -> impl Filter<Extract = (impl warp::Reply,), Error = warp::Rejection> + Clone {
    // ok: rust.ssrf
    let _ = reqwest::blocking::get(&upstream);
    warp::path!("spool" / String).and_then(read_spool)
}

#[tokio::main]
async fn main() {
    let fwd = warp::path("fwd").and(warp::query::<HashMap<String, String>>()).and_then(forward);
    let num = warp::path!("n" / u64).and_then(read_spool_numbered);
    warp::serve(routes("https://up.example.com/".into()).or(fwd).or(num)).run(([127, 0, 0, 1], 3030)).await;
    let _ = (register_hook, register_hook_fixed, store, store_named, after_form, relay_status, load_template);
    let _ = header::LOCATION;
}

// A handler named like a method the file calls on some other object (`img.preview(..)`) is still
// the handler warp calls with the query.
struct Image;

impl Image {
    fn preview(&self, width: u32) -> Vec<u8> {
        vec![0; width as usize]
    }
}

async fn preview(
    params: std::collections::HashMap<String, String>,
) -> Result<impl warp::Reply, warp::Rejection> {
    let source = params.get("src").cloned().unwrap_or_default();
    // ruleid: rust.ssrf
    let body = reqwest::get(&source).await.map_err(|_| warp::reject())?.bytes().await;
    let _ = Image.preview(16);
    Ok(format!("{}", body.map(|b| b.len()).unwrap_or(0)))
}
