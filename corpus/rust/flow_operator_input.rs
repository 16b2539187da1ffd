// A command-line tool and a handler: the environment is the operator's configuration and the
// command line its user's own; a request is neither.
use std::env;
use std::process::Command;

use axum::extract::Query;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Viewer {
    pager: Option<String>,
    url: String,
}

pub fn page() {
    let pager = env::var("PAGER").unwrap_or_else(|_| "less -R".into());
    // ok: rust.shell-command-injection
    Command::new("sh").arg("-c").arg(&pager).status().unwrap();
}

pub async fn page_for_caller(Query(v): Query<Viewer>) {
    let pager = v.pager.unwrap_or_else(|| "less -R".into());
    // ruleid: rust.shell-command-injection
    Command::new("sh").arg("-c").arg(&pager).status().unwrap();
}

pub fn edit(path: &str) {
    let editor = env::var("VISUAL")
        .or_else(|_| env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_string());
    // ok: rust.shell-command-injection
    Command::new("sh").arg("-c").arg(format!("{editor} \"$1\"")).arg("sh").arg(path).status().unwrap();
}

pub fn fetch_from_command_line() {
    let url = env::args().nth(1).expect("usage: fetch <url>");
    // ok: rust.ssrf
    let body = reqwest::blocking::get(&url).unwrap().text().unwrap();
    println!("{body}");
}

pub async fn fetch_for_caller(Query(v): Query<Viewer>) -> String {
    // ruleid: rust.ssrf
    reqwest::get(&v.url).await.unwrap().text().await.unwrap()
}
