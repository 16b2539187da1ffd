// A check of how a value starts fixes where a path leads, not what the rest does in markup or SQL.
use axum::extract::Query;
use axum::response::Html;
use std::collections::HashMap;

pub async fn banner(Query(params): Query<HashMap<String, String>>) -> Html<String> {
    let text = params.get("text").cloned().unwrap_or_default();
    if !text.starts_with("notice:") {
        return Html(String::new());
    }
    // ruleid: rust.html-format-response
    Html(format!("<div class=\"banner\">{}</div>", &text[7..]))
}

pub async fn banner_escaped(Query(params): Query<HashMap<String, String>>) -> Html<String> {
    let text = params.get("text").cloned().unwrap_or_default();
    if !text.starts_with("notice:") {
        return Html(String::new());
    }
    // ok: rust.html-format-response
    Html(format!("<div class=\"banner\">{}</div>", html_escape::encode_text(&text[7..])))
}

pub async fn rows(pool: sqlx::PgPool, Query(params): Query<HashMap<String, String>>) -> String {
    let filter = params.get("where").cloned().unwrap_or_default();
    if !filter.starts_with("status = ") {
        return String::new();
    }
    // ruleid: rust.sql-format-query
    let rows = sqlx::query(&format!("SELECT id FROM jobs WHERE {}", filter)).fetch_all(&pool).await;
    format!("{:?}", rows.map(|r| r.len()))
}
