// Handlers whose sinks are imported under other names: each spelling is the same call.
use axum::extract::{Path as Route, Query};
use axum::response::Html as Page;
use reqwest::get as fetch;
use std::collections::HashMap;
use std::fs::read_to_string as slurp;
use std::process::Command as Cmd;
use tokio::fs as afs;

const DOCS: &str = "/srv/docs";
const STATUS_URL: &str = "https://status.example.com/api/health";

pub async fn mirror(Query(q): Query<HashMap<String, String>>) -> String {
    let src = q.get("src").cloned().unwrap_or_default();
    // ruleid: rust.ssrf
    fetch(&src).await.unwrap().text().await.unwrap()
}

pub async fn status(Query(q): Query<HashMap<String, String>>) -> String {
    let verbose = q.contains_key("verbose");
    // ok: rust.ssrf
    fetch(STATUS_URL).await.unwrap().text().await.unwrap() + if verbose { "!" } else { "" }
}

pub async fn doc(Route(name): Route<String>) -> String {
    let first = name;
    let second = format!("{DOCS}/{first}.md");
    let third = second.clone();
    // ruleid: rust.path-traversal
    slurp(&third).unwrap_or_default()
}

pub async fn doc_index() -> String {
    let index = format!("{DOCS}/index.md");
    // ok: rust.path-traversal
    slurp(&index).unwrap_or_default()
}

pub async fn doc_async(Route(name): Route<String>) -> Vec<u8> {
    // ruleid: rust.path-traversal
    afs::read(format!("{DOCS}/{name}")).await.unwrap_or_default()
}

pub async fn doc_async_named(Route(name): Route<String>) -> Vec<u8> {
    let leaf = std::path::Path::new(&name).file_name().unwrap().to_owned();
    // ok: rust.path-traversal
    afs::read(std::path::Path::new(DOCS).join(leaf)).await.unwrap_or_default()
}

pub async fn hello(Query(q): Query<HashMap<String, String>>) -> Page<String> {
    let who = q.get("who").cloned().unwrap_or_default();
    // ruleid: rust.html-format-response
    Page(format!("<h1>Hello {who}</h1>"))
}

pub async fn hello_escaped(Query(q): Query<HashMap<String, String>>) -> Page<String> {
    let who = html_escape::encode_text(q.get("who").map(String::as_str).unwrap_or("")).to_string();
    // ok: rust.html-format-response
    Page(format!("<h1>Hello {who}</h1>"))
}

pub async fn convert(Query(q): Query<HashMap<String, String>>) -> String {
    let tool = q.get("tool").cloned().unwrap_or_default();
    // ruleid: rust.command-program-from-format
    let out = Cmd::new(format!("/opt/tools/{tool}")).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub async fn convert_fixed() -> String {
    let tools = "/opt/tools";
    // ok: rust.command-program-from-format
    let out = Cmd::new(format!("{tools}/convert")).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}
