// An actix-web service over SQLite (rusqlite) and Postgres: SQL text built before the call.
use actix_web::{get, web, HttpResponse};
use rusqlite::{params, Connection};
use serde::Deserialize;
use std::sync::Mutex;

struct Db {
    conn: Mutex<Connection>,
}

#[derive(Deserialize)]
struct Lookup {
    username: String,
    sort: String,
}

#[get("/user")]
async fn user(data: web::Data<Db>, q: web::Query<Lookup>) -> HttpResponse {
    let conn = data.conn.lock().unwrap();
    // ruleid: rust.sql-format-string
    let sql = format!("SELECT email FROM users WHERE username = '{}'", q.username);
    // ruleid: rust.sql-format-query
    let mut stmt = conn.prepare(&sql).unwrap();
    let email: String = stmt.query_row([], |row| row.get(0)).unwrap_or_default();
    HttpResponse::Ok().body(email)
}

#[get("/user-bound")]
async fn user_bound(data: web::Data<Db>, q: web::Query<Lookup>) -> HttpResponse {
    let conn = data.conn.lock().unwrap();
    // ok: rust.sql-format-query
    let mut stmt = conn.prepare("SELECT email FROM users WHERE username = ?1").unwrap();
    let email: String = stmt.query_row(params![q.username], |row| row.get(0)).unwrap_or_default();
    HttpResponse::Ok().body(email)
}

#[get("/users")]
async fn users(data: web::Data<Db>, q: web::Query<Lookup>) -> HttpResponse {
    let conn = data.conn.lock().unwrap();
    let order = q.sort.clone();
    // ruleid: rust.sql-format-string
    let sql = format!("SELECT username FROM users ORDER BY {order}");
    // ruleid: rust.sql-format-query
    let count: i64 = conn.query_row(&sql, [], |row| row.get(0)).unwrap_or(0);
    HttpResponse::Ok().body(count.to_string())
}

#[get("/users-sorted")]
async fn users_sorted(data: web::Data<Db>, q: web::Query<Lookup>) -> HttpResponse {
    let conn = data.conn.lock().unwrap();
    let order = if q.sort == "email" { "email" } else { "username" };
    // A column chosen between two literals: constant SQL text.
    // ok: rust.sql-format-string
    let sql = format!("SELECT username FROM users ORDER BY {order}");
    // ok: rust.sql-format-query
    let count: i64 = conn.query_row(&sql, [], |row| row.get(0)).unwrap_or(0);
    HttpResponse::Ok().body(count.to_string())
}

#[get("/users-sorted-raw")]
async fn users_sorted_raw(data: web::Data<Db>, q: web::Query<Lookup>) -> HttpResponse {
    let conn = data.conn.lock().unwrap();
    let order = q.sort.clone();
    // ruleid: rust.sql-format-string
    let sql = format!("SELECT username FROM users ORDER BY {order}");
    // ruleid: rust.sql-format-query
    let count: i64 = conn.query_row(&sql, [], |row| row.get(0)).unwrap_or(0);
    HttpResponse::Ok().body(count.to_string())
}

// Placeholders numbered over a range: `$1, $2, ...`, whatever the values are.
fn delete_many(conn: &Connection, ids: &[i64]) {
    let marks: Vec<String> = (1..=ids.len()).map(|i| format!("?{i}")).collect();
    // ok: rust.sql-format-string
    let sql = format!("DELETE FROM users WHERE id IN ({})", marks.join(", "));
    conn.execute(&sql, rusqlite::params_from_iter(ids)).unwrap();
}

fn delete_named(conn: &Connection, names: &[String]) {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    // ruleid: rust.sql-format-string
    let sql = format!("DELETE FROM users WHERE username IN ({})", quoted.join(", "));
    conn.execute(&sql, []).unwrap();
}

async fn purge(client: &tokio_postgres::Client, q: web::Query<Lookup>) {
    // ruleid: rust.sql-format-string
    let script = format!("DELETE FROM sessions WHERE username = '{}'; VACUUM;", q.username);
    // ruleid: rust.sql-format-query
    client.batch_execute(&script).await.unwrap();
}

// A maintenance tool: the tag is indexed straight out of the command line inside `format!`.
fn prune_by_tag(conn: &Connection) {
    let args: Vec<String> = std::env::args().collect();
    // ruleid: rust.sql-format-query
    conn.execute(&format!("DELETE FROM logs WHERE tag = '{}'", args[1]), []).unwrap();
    // ok: rust.sql-format-query
    conn.execute("DELETE FROM logs WHERE tag = ?1", params![args[1]]).unwrap();
}
