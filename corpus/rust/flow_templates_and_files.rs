// Template source text from the request (Tera, minijinja, handlebars), and files opened through
// `OpenOptions` at a path the caller names.
use axum::extract::Query;
use std::collections::HashMap;
use std::fs::OpenOptions;
use std::io::Write;

const CARD: &str = "<div class=\"card\">{{ text }}</div>";

pub async fn preview(Query(q): Query<HashMap<String, String>>) -> String {
    let mut tera = tera::Tera::default();
    let src = q.get("tpl").cloned().unwrap_or_default();
    // ruleid: rust.template-from-request
    let out = tera.render_str(&src, &tera::Context::new()).unwrap_or_default();
    out
}

pub async fn preview_card(Query(q): Query<HashMap<String, String>>) -> String {
    let mut tera = tera::Tera::default();
    let mut context = tera::Context::new();
    context.insert("text", q.get("tpl").map(String::as_str).unwrap_or(""));
    // ok: rust.template-from-request
    let out = tera.render_str(CARD, &context).unwrap_or_default();
    out
}

pub async fn preview_jinja(Query(q): Query<HashMap<String, String>>) -> String {
    let env = minijinja::Environment::new();
    let src = q.get("tpl").cloned().unwrap_or_default();
    // ruleid: rust.template-from-request
    env.render_str(&src, minijinja::context! {}).unwrap_or_default()
}

pub async fn preview_handlebars(Query(q): Query<HashMap<String, String>>) -> String {
    let handlebars = handlebars::Handlebars::new();
    let data = serde_json::json!({ "text": q.get("tpl") });
    // ok: rust.template-from-request
    handlebars.render_template(CARD, &data).unwrap_or_default()
}

pub async fn append_note(Query(q): Query<HashMap<String, String>>) -> &'static str {
    let name = q.get("name").cloned().unwrap_or_default();
    let path = std::path::Path::new("/srv/notes").join(&name);
    // ruleid: rust.path-traversal
    let mut file = OpenOptions::new().create(true).append(true).open(&path).unwrap();
    let _ = file.write_all(b"note\n");
    "ok"
}

pub async fn append_journal(Query(q): Query<HashMap<String, String>>) -> &'static str {
    let day: u32 = q.get("day").and_then(|d| d.parse().ok()).unwrap_or(1);
    // ok: rust.path-traversal
    let mut file = OpenOptions::new().create(true).append(true).open(format!("/srv/journal/{day}.log")).unwrap();
    let _ = file.write_all(b"entry\n");
    "ok"
}
