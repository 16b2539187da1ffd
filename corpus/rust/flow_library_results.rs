// What reaches the result of a library call: the rules say which arguments do, from the
// documented API (rules/rust/taint-results.toml).
use axum::{extract::Query, response::Html};
use std::collections::HashMap;

const PAGE: &str = "<p>Hello, friend</p>";

async fn censor(Query(q): Query<HashMap<String, String>>) -> Html<String> {
    let word = q.get("word").cloned().unwrap_or_default();
    // `str::replace` takes the word out: the page's own text stays.
    let page = PAGE.replace(&word, "***");
    // ok: rust.html-format-response
    Html(format!("<div>{}</div>", page))
}

async fn greet(Query(q): Query<HashMap<String, String>>) -> Html<String> {
    let name = q.get("name").cloned().unwrap_or_default();
    let page = PAGE.replace("friend", &name);
    // ruleid: rust.html-format-response
    Html(format!("<div>{}</div>", page))
}

async fn censor_first(Query(q): Query<HashMap<String, String>>) -> Html<String> {
    let word = q.get("word").cloned().unwrap_or_default();
    let page = PAGE.replacen(word.as_str(), "***", 1);
    // ok: rust.html-format-response
    Html(format!("<div>{}</div>", page))
}

async fn greet_first(Query(q): Query<HashMap<String, String>>) -> Html<String> {
    let name = q.get("name").cloned().unwrap_or_default();
    let page = PAGE.replacen("friend", &name, 1);
    // ruleid: rust.html-format-response
    Html(format!("<div>{}</div>", page))
}
