// An axum service: previews, file downloads, search and a CLI entry point.
use axum::extract::{Path, Query};
use axum::response::Html;
use serde::Deserialize;
use std::collections::HashMap;
use std::fs;
use std::process::Command;

const FILES: &str = "/srv/files";
const STATUS_URL: &str = "https://status.example.com/api/health";
const ALLOWED_HOSTS: [&str; 2] = ["images.example.com", "cdn.example.com"];

#[derive(Deserialize)]
pub struct Preview {
    url: String,
    host: String,
}

async fn fetch_text(url: &str) -> String {
    // ruleid: rust.ssrf
    reqwest::get(url).await.unwrap().text().await.unwrap()
}

async fn fetch_status(name: &str) -> String {
    // ok: rust.ssrf
    reqwest::get(STATUS_URL).await.unwrap().text().await.unwrap() + name
}

pub async fn preview(Query(p): Query<Preview>) -> String {
    let target = p.url.clone();
    // ruleid: rust.ssrf
    reqwest::get(&target).await.unwrap().text().await.unwrap()
}

pub async fn preview_hosted(Query(p): Query<Preview>) -> String {
    let url = format!("https://images.example.com/thumbs/{}.png", p.host);
    // ok: rust.ssrf
    reqwest::get(&url).await.unwrap().text().await.unwrap()
}

pub async fn preview_allowed(Query(p): Query<Preview>) -> String {
    let host = p.host;
    if !ALLOWED_HOSTS.contains(&host.as_str()) {
        return String::new();
    }
    // ok: rust.ssrf
    reqwest::get(format!("{}://{}/feed", "https", host)).await.unwrap().text().await.unwrap()
}

pub async fn preview_chain(Query(params): Query<HashMap<String, String>>) -> String {
    let first = params.get("url").cloned().unwrap_or_default();
    let second = first.trim().to_string();
    let third = second;
    let client = reqwest::Client::new();
    // ruleid: rust.ssrf
    client.get(third).send().await.unwrap().text().await.unwrap()
}

pub async fn via_helper(Query(p): Query<Preview>) -> String {
    fetch_text(&p.url).await
}

pub async fn via_status(Query(p): Query<Preview>) -> String {
    fetch_status(&p.host).await
}

pub async fn download(Path(name): Path<String>) -> Vec<u8> {
    let full = format!("{FILES}/{name}");
    // ruleid: rust.path-traversal
    fs::read(&full).unwrap()
}

pub async fn download_name(Path(name): Path<String>) -> Vec<u8> {
    let file = std::path::Path::new(&name).file_name().unwrap().to_owned();
    let full = std::path::Path::new(FILES).join(file);
    // ok: rust.path-traversal
    fs::read(&full).unwrap()
}

pub async fn download_index() -> String {
    let full = std::path::Path::new(FILES).join("index.json");
    // ok: rust.path-traversal
    fs::read_to_string(full).unwrap()
}

pub async fn remove(Path(name): Path<String>) {
    let target = std::path::Path::new(FILES).join(&name);
    // ruleid: rust.path-traversal
    tokio::fs::remove_file(target).await.unwrap();
}

pub async fn remove_by_id(Path(id): Path<u64>) {
    let id: u64 = id.to_string().parse().unwrap();
    // ok: rust.path-traversal
    tokio::fs::remove_file(format!("{FILES}/{id}.bin")).await.unwrap();
}

pub async fn search(pool: sqlx::PgPool, Query(p): Query<Preview>) -> usize {
    let term = p.host;
    // ruleid: rust.sql-format-string
    let sql = format!("SELECT id FROM items WHERE host = '{}'", term);
    // ruleid: rust.sql-format-query
    sqlx::query(&sql).fetch_all(&pool).await.unwrap().len()
}

pub async fn search_page(pool: sqlx::PgPool, Query(p): Query<HashMap<String, String>>) -> usize {
    let page: i64 = p.get("page").cloned().unwrap_or_default().parse().unwrap_or(0);
    // ok: rust.sql-format-query
    sqlx::query(&format!("SELECT id FROM items LIMIT 20 OFFSET {}", page * 20)).fetch_all(&pool).await.unwrap().len()
}

pub async fn hello(Query(p): Query<Preview>) -> Html<String> {
    let name = p.host;
    // ruleid: rust.html-format-response
    Html(format!("<p>Hello {name}</p>"))
}

pub async fn hello_static() -> Html<String> {
    let name = "world";
    // ok: rust.html-format-response
    Html(format!("<p>Hello {name}</p>"))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let target = args[1].clone();
    // A command-line tool reads the file its user names: not a traversal.
    // ok: rust.path-traversal
    let text = fs::read_to_string(&target).unwrap();
    // ruleid: rust.shell-command-injection
    Command::new("sh").arg("-c").arg(format!("wc -l {}", target)).status().unwrap();
    let fixed = "/var/log/app.log";
    // ok: rust.shell-command-injection
    Command::new("sh").arg("-c").arg(format!("wc -l {}", fixed)).status().unwrap();
    println!("{text}");
}
