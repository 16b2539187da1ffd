// What a declared type says holds in Rust, where the compiler checks every caller: a helper's
// `id: i64` is a number whatever its callers pass, and a method declared `-> &'static str` (an
// enum matched onto column names) returns the program's own text.
use axum::extract::{Path, Query};
use serde::Deserialize;

#[derive(Deserialize, Clone, Copy)]
enum SortKey {
    Name,
    Total,
}

impl SortKey {
    fn column(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Total => "total_cents",
        }
    }
}

#[derive(Deserialize)]
struct ListParams {
    sort: SortKey,
    filter: String,
}

impl ListParams {
    fn clause(&self) -> String {
        format!("status = '{}'", self.filter)
    }
}

pub async fn list(pool: sqlx::PgPool, Query(p): Query<ListParams>) {
    // ok: rust.sql-format-query
    let _ = sqlx::query(&format!("SELECT id FROM orders ORDER BY {}", p.sort.column())).fetch_all(&pool).await;
    let column = p.sort.column();
    // ok: rust.sql-format-query
    let _ = sqlx::query(&format!("SELECT id FROM orders ORDER BY {column}")).fetch_all(&pool).await;
    // ruleid: rust.sql-format-query
    let _ = sqlx::query(&format!("SELECT id FROM orders WHERE {}", p.clause())).fetch_all(&pool).await;
    // An `if` written in the macro is one of its branches; its condition is no part of the text.
    // ok: rust.sql-format-query
    let _ = sqlx::query(&format!("SELECT id FROM orders ORDER BY id {}", if p.filter.is_empty() { "ASC" } else { "DESC" })).fetch_all(&pool).await;
    // ruleid: rust.sql-format-query
    let _ = sqlx::query(&format!("SELECT id FROM orders ORDER BY {}", if p.filter.is_empty() { "id" } else { &p.filter })).fetch_all(&pool).await;
}

fn load_by_id(conn: &rusqlite::Connection, id: i64) -> rusqlite::Result<String> {
    // ok: rust.sql-format-query
    conn.query_row(&format!("SELECT title FROM items WHERE id = {id}"), [], |r| r.get(0))
}

fn load_by_slug(conn: &rusqlite::Connection, slug: &str) -> rusqlite::Result<String> {
    // ruleid: rust.sql-format-query
    conn.query_row(&format!("SELECT title FROM items WHERE slug = '{slug}'"), [], |r| r.get(0))
}

pub async fn item(Path(raw): Path<String>) -> String {
    let conn = rusqlite::Connection::open("items.db").unwrap();
    let Ok(id) = raw.parse::<i64>() else {
        return String::new();
    };
    let title = load_by_id(&conn, id).unwrap_or_default();
    let other = load_by_slug(&conn, &raw).unwrap_or_default();
    format!("{title} {other}")
}
