// An actix-web and axum service whose values pass through helpers, several assignments and
// aliased imports before they reach SQL, an outgoing request, a file or an HTML response.
use actix_web::{web, HttpResponse};
use axum::extract::Query;
use axum::response::Html;
use sqlx::query as run_sql;
use sqlx::PgPool;
use std::collections::HashMap;

const REPORTS: &str = "/srv/reports";
const HEALTH_URL: &str = "https://status.example.com/api/health";

fn order_filter(status: &str) -> String {
    format!("SELECT id FROM orders WHERE status = '{status}'")
}

fn report_path(name: &str) -> String {
    format!("{REPORTS}/{name}.csv")
}

pub async fn orders(pool: web::Data<PgPool>, q: web::Query<HashMap<String, String>>) -> usize {
    let status = q.get("status").cloned().unwrap_or_default();
    let sql = order_filter(&status);
    // ruleid: rust.sql-format-query
    run_sql(&sql).fetch_all(pool.get_ref()).await.unwrap().len()
}

pub async fn orders_open(pool: web::Data<PgPool>) -> usize {
    let sql = order_filter("open");
    // ok: rust.sql-format-query
    run_sql(&sql).fetch_all(pool.get_ref()).await.unwrap().len()
}

pub async fn orders_sorted(pool: web::Data<PgPool>, q: web::Query<HashMap<String, String>>) -> usize {
    let first = q.get("sort").cloned().unwrap_or_default();
    let second = format!("ORDER BY {first}");
    let third = format!("SELECT id FROM orders {second}");
    // ruleid: rust.sql-format-query
    run_sql(&third).fetch_all(pool.get_ref()).await.unwrap().len()
}

pub async fn orders_limited(pool: web::Data<PgPool>, q: web::Query<HashMap<String, String>>) -> usize {
    let first = q.get("limit").cloned().unwrap_or_default().parse::<u32>().unwrap_or(10);
    let second = format!("LIMIT {first}");
    let third = format!("SELECT id FROM orders {second}");
    // ok: rust.sql-format-query
    run_sql(&third).fetch_all(pool.get_ref()).await.unwrap().len()
}

pub async fn report(q: web::Query<HashMap<String, String>>) -> HttpResponse {
    let name = q.get("name").cloned().unwrap_or_default();
    let path = report_path(&name);
    // ruleid: rust.path-traversal
    HttpResponse::Ok().body(std::fs::read(&path).unwrap_or_default())
}

pub async fn report_today() -> HttpResponse {
    let path = report_path("today");
    // ok: rust.path-traversal
    HttpResponse::Ok().body(std::fs::read(&path).unwrap_or_default())
}

pub async fn relay(Query(q): Query<HashMap<String, String>>) -> String {
    let first = q.get("target").cloned().unwrap_or_default();
    let second = first.trim().to_string();
    let third = second;
    // ruleid: rust.ssrf
    reqwest::blocking::get(third).unwrap().text().unwrap()
}

pub async fn relay_health(Query(q): Query<HashMap<String, String>>) -> String {
    let third = HEALTH_URL.to_string();
    let verbose = q.contains_key("verbose");
    // ok: rust.ssrf
    reqwest::blocking::get(third).unwrap().text().unwrap() + if verbose { "!" } else { "" }
}

pub async fn banner(Query(q): Query<HashMap<String, String>>) -> Html<String> {
    let first = q.get("text").cloned().unwrap_or_default();
    let second = format!("<p>{first}</p>");
    let third = second;
    // ruleid: rust.html-format-response
    Html(format!("<section>{third}</section>"))
}

pub async fn banner_escaped(Query(q): Query<HashMap<String, String>>) -> Html<String> {
    let first = ammonia::clean(&q.get("text").cloned().unwrap_or_default());
    let second = format!("<p>{first}</p>");
    let third = second;
    // ok: rust.html-format-response
    Html(format!("<section>{third}</section>"))
}
