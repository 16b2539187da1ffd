// Request data in SQL text handed to tokio-postgres' simple_query, sea-orm's raw statements and
// sqlx's QueryBuilder, next to the bound forms; and scripts for embedded JavaScript engines.
use axum::extract::Query;
use sea_orm::{DbBackend, Statement};
use sqlx::QueryBuilder;
use std::collections::HashMap;

pub async fn purge_tenant(client: &tokio_postgres::Client, Query(q): Query<HashMap<String, String>>) {
    // ruleid: rust.sql-format-string
    let script = format!("DELETE FROM events WHERE tenant = '{}'", q["tenant"]);
    // ruleid: rust.sql-format-query
    client.simple_query(&script).await.unwrap();
    // ok: rust.sql-format-query
    client.simple_query("VACUUM events").await.unwrap();
}

pub fn regional_report(Query(q): Query<HashMap<String, String>>) -> Statement {
    // ruleid: rust.sql-format-string
    let sql = format!("SELECT * FROM sales WHERE region = '{}'", q["region"]);
    // ruleid: rust.sql-format-query
    Statement::from_string(DbBackend::Postgres, sql)
}

pub fn tagged(Query(q): Query<HashMap<String, String>>) -> String {
    let tag = q["tag"].clone();
    let mut qb: QueryBuilder<sqlx::Postgres> = QueryBuilder::new("SELECT id FROM posts WHERE TRUE");
    // ruleid: rust.sql-format-query
    qb.push(format!(" AND tags @> ARRAY['{}']", tag));
    qb.push(" AND author = ");
    // ok: rust.sql-format-query
    qb.push_bind(tag);
    qb.sql().to_string()
}

pub fn evaluate(Query(q): Query<HashMap<String, String>>) -> String {
    let formula = q["formula"].clone();
    let mut context = boa_engine::Context::default();
    // ruleid: rust.script-eval-untrusted
    let value = context.eval(boa_engine::Source::from_bytes(&formula)).unwrap();
    // ok: rust.script-eval-untrusted
    let fixed = context.eval(boa_engine::Source::from_bytes("1 + 1")).unwrap();
    format!("{:?} {:?}", value, fixed)
}

pub fn transform(Query(q): Query<HashMap<String, String>>) -> String {
    let program = format!("console.log(JSON.stringify({}))", q["expr"]);
    // ruleid: rust.shell-command-injection
    let out = std::process::Command::new("node").arg("-e").arg(&program).output().unwrap();
    // ok: rust.shell-command-injection
    let fixed = std::process::Command::new("node").arg("-e").arg("console.log(1)").output().unwrap();
    // ok: rust.shell-command-injection
    let strict = std::process::Command::new("bash").arg("-e").arg("deploy.sh").output().unwrap();
    format!("{:?} {:?} {:?}", out.status, fixed.status, strict.status)
}

pub fn dig(Query(q): Query<HashMap<String, String>>) -> String {
    let quoted = shlex::try_quote(&q["name"]).map(|c| c.into_owned()).unwrap_or_default();
    // ok: rust.shell-command-injection
    let out = std::process::Command::new("sh").arg("-c").arg(format!("dig +short {} | head -1", quoted)).output().unwrap();
    // ruleid: rust.shell-command-injection
    let raw = std::process::Command::new("sh").arg("-c").arg(format!("dig +short {}", q["name"])).output().unwrap();
    format!("{:?} {:?}", out.status, raw.status)
}

pub fn lookup(Query(q): Query<HashMap<String, String>>) -> String {
    // ruleid: rust.shell-command-injection
    let out = subprocess::Exec::shell(format!("dig +short {}", q["name"])).capture().unwrap();
    // ok: rust.shell-command-injection
    let own = subprocess::Exec::shell("dig +short example.com").capture().unwrap();
    out.stdout_str() + &own.stdout_str()
}

pub async fn badge(axum::extract::Path(label): axum::extract::Path<String>) -> impl axum::response::IntoResponse {
    let svg = format!("<svg xmlns=\"http://www.w3.org/2000/svg\"><text>{}</text></svg>", label);
    // ruleid: rust.html-format-response
    ([(axum::http::header::CONTENT_TYPE, "image/svg+xml")], svg)
}

pub async fn badge_text(axum::extract::Path(label): axum::extract::Path<String>) -> impl axum::response::IntoResponse {
    // ok: rust.html-format-response
    ([(axum::http::header::CONTENT_TYPE, "text/plain")], label)
}

pub fn announcement() -> yew::Html {
    let search = web_sys::window().unwrap().location().search().unwrap_or_default();
    let message = search.trim_start_matches("?msg=").to_string();
    // ruleid: rust.html-format-response
    yew::Html::from_html_unchecked(yew::AttrValue::from(message))
}

// sqlx's `Executor` methods on a pool take SQL text: request data formatted into it is injected,
// a constant statement is not; a thread pool's `execute` runs a closure.
pub async fn archive_tenant(pool: &sqlx::MySqlPool, Query(q): Query<HashMap<String, String>>) {
    // ruleid: rust.sql-format-string
    let stmt = format!("UPDATE tenants SET archived = 1 WHERE slug = '{}'", q["slug"]);
    // ruleid: rust.sql-format-query
    pool.execute(stmt.as_str()).await.unwrap();
    let fixed = String::from("DELETE FROM sessions WHERE expires_at < NOW()");
    // ok: rust.sql-format-query
    pool.execute(fixed.as_str()).await.unwrap();
}

pub fn serve(pool: &threadpool::ThreadPool, Query(q): Query<HashMap<String, String>>) {
    let name = q["name"].clone();
    // ok: rust.sql-format-query
    pool.execute(move || println!("hello {name}"));
}
