// Template engines and shell quoting that escape what they are given.
use askama::Template;
use axum::{extract::Query, response::Html};
use maud::{html, Markup, PreEscaped};
use serde::Deserialize;
use std::collections::HashMap;
use std::process::Command;

const LOGO_SVG: &str = "<svg viewBox='0 0 8 8'><circle r='4'/></svg>";

#[derive(Deserialize)]
pub struct Comment {
    author: String,
    body: String,
}

#[derive(Template)]
#[template(path = "hello.html")]
struct Hello<'a> {
    name: &'a str,
}

pub async fn greet(Query(q): Query<HashMap<String, String>>) -> Html<String> {
    let name = q.get("name").map(String::as_str).unwrap_or("guest");
    let page = Hello { name }.render().unwrap();
    // ok: rust.html-format-response
    Html(page)
}

pub async fn greet_maud(Query(q): Query<HashMap<String, String>>) -> Html<String> {
    let name = q.get("name").cloned().unwrap_or_default();
    let page = html! { h1 { "Hello " (name) } }.into_string();
    // ok: rust.html-format-response
    Html(page)
}

pub async fn greet_maud_raw(Query(q): Query<HashMap<String, String>>) -> Html<String> {
    let name = q.get("name").cloned().unwrap_or_default();
    // ruleid: rust.html-format-response
    let page = html! { h1 { "Hello " (PreEscaped(name)) } }.into_string();
    Html(page)
}

pub async fn comment_maud(Query(c): Query<Comment>) -> Markup {
    html! {
        div.comment {
            // ruleid: rust.html-format-response
            (PreEscaped(c.body))
            // ok: rust.html-format-response
            (PreEscaped(LOGO_SVG))
            // ok: rust.html-format-response
            (c.author)
        }
    }
}

pub async fn count_lines(Query(q): Query<HashMap<String, String>>) -> String {
    let file = shell_escape::escape(q["file"].as_str().into());
    // ok: rust.shell-command-injection
    let out = Command::new("sh").arg("-c").arg(format!("wc -l {}", file)).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub async fn count_lines_raw(Query(q): Query<HashMap<String, String>>) -> String {
    let file = q["file"].clone();
    // ruleid: rust.shell-command-injection
    let out = Command::new("sh").arg("-c").arg(format!("wc -l {}", file)).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}
