// What a value is, as Rust declares it: a `let` typed as a number is one whatever it was parsed
// from, `.parse()` into a text type keeps the text, and an `if` / `match` used as a value is the
// value of the branch that runs, not of its condition.
use axum::{extract::{Query, State}, http::StatusCode, response::IntoResponse, Json};
use serde::Deserialize;
use sqlx::PgPool;
use std::collections::HashMap;

pub async fn open_log(Query(q): Query<HashMap<String, String>>) -> String {
    let raw = q.get("name").cloned().unwrap_or_default();
    let name: String = raw.parse().unwrap();
    // ruleid: rust.path-traversal
    std::fs::read_to_string(format!("/var/log/app/{}", name)).unwrap_or_default()
}

pub async fn open_rotated(Query(q): Query<HashMap<String, String>>) -> String {
    let index: u32 = q.get("n").cloned().unwrap_or_default().parse().unwrap_or(0);
    // ok: rust.path-traversal
    std::fs::read_to_string(format!("/var/log/app/app.log.{}", index)).unwrap_or_default()
}

pub async fn forward(Query(q): Query<HashMap<String, String>>) -> StatusCode {
    let target = q.get("to").cloned().unwrap_or_default();
    let url: reqwest::Url = target.parse().unwrap();
    // ruleid: rust.ssrf
    reqwest::get(url).await.map(|r| r.status()).unwrap_or(StatusCode::BAD_GATEWAY)
}

#[derive(Deserialize)]
pub struct Sort {
    order_by: String,
}

pub async fn posts(State(pool): State<PgPool>, Query(sort): Query<Sort>) -> impl IntoResponse {
    let column = if sort.order_by == "title" { "title" } else { "created_at" };
    // ok: rust.sql-format-query
    let rows = sqlx::query(&format!("SELECT id FROM posts ORDER BY {}", column)).fetch_all(&pool).await;
    Json(rows.map(|r| r.len()).unwrap_or(0))
}

pub async fn posts_by(State(pool): State<PgPool>, Query(sort): Query<Sort>) -> impl IntoResponse {
    let column = if sort.order_by.is_empty() { "created_at".to_string() } else { sort.order_by.clone() };
    // ruleid: rust.sql-format-query
    let rows = sqlx::query(&format!("SELECT id FROM posts ORDER BY {}", column)).fetch_all(&pool).await;
    Json(rows.map(|r| r.len()).unwrap_or(0))
}

pub async fn archive(State(pool): State<PgPool>, Query(q): Query<HashMap<String, String>>) -> impl IntoResponse {
    let table = match q.get("kind").map(String::as_str) {
        Some("orders") => "orders_archive",
        Some("invoices") => "invoices_archive",
        _ => "events_archive",
    };
    // ok: rust.sql-format-query
    let rows = sqlx::query(&format!("SELECT count(*) FROM {table}")).fetch_all(&pool).await;
    Json(rows.map(|r| r.len()).unwrap_or(0))
}

pub async fn archive_named(State(pool): State<PgPool>, Query(q): Query<HashMap<String, String>>) -> impl IntoResponse {
    let table = match q.get("kind") {
        Some(kind) => kind.clone(),
        None => "events_archive".to_string(),
    };
    // ruleid: rust.sql-format-query
    let rows = sqlx::query(&format!("SELECT count(*) FROM {table}")).fetch_all(&pool).await;
    Json(rows.map(|r| r.len()).unwrap_or(0))
}

pub async fn count(State(pool): State<PgPool>, Query(q): Query<HashMap<String, String>>) -> String {
    let user = q.get("user").cloned().unwrap_or_default();
    // A sink inside a declaration typed as a number still runs.
    // ruleid: rust.sql-format-query
    let n: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM logins WHERE name = '{user}'")).fetch_one(&pool).await.unwrap_or(0);
    n.to_string()
}
