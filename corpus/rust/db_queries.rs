//! User and product repositories for an axum service (sqlx, rusqlite, tokio-postgres, diesel, sea-orm).

use axum::extract::{Path, Query, State};
use rusqlite::{params, Connection};
use sea_orm::{DbBackend, Statement};
use sqlx::{PgPool, QueryBuilder, Postgres, Row};

const USERS_TABLE: &str = "users";

#[derive(sqlx::FromRow)]
pub struct User {
    pub id: i64,
    pub email: String,
}

pub async fn find_user(pool: &PgPool, email: &str) -> sqlx::Result<User> {
    // ruleid: rust.sql-format-query
    sqlx::query_as::<_, User>(&format!("SELECT id, email FROM users WHERE email = '{}'", email))
        .fetch_one(pool)
        .await
}

pub async fn find_user_safe(pool: &PgPool, email: &str) -> sqlx::Result<User> {
    // ok: rust.sql-format-query
    sqlx::query_as::<_, User>("SELECT id, email FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(pool)
        .await
}

pub async fn find_user_macro(pool: &PgPool, email: &str) -> sqlx::Result<i64> {
    // ok: rust.sql-format-query
    let row = sqlx::query!("SELECT id FROM users WHERE email = $1", email)
        .fetch_one(pool)
        .await?;
    Ok(row.id)
}

pub async fn delete_user(State(pool): State<PgPool>, Path(id): Path<String>) -> String {
    // ruleid: rust.sql-format-query
    let res = sqlx::query(format!("DELETE FROM users WHERE id = {id}").as_str())
        .execute(&pool)
        .await;
    format!("{:?}", res.map(|r| r.rows_affected()))
}

pub async fn count_rows(pool: &PgPool, table: &str) -> sqlx::Result<i64> {
    // ok: rust.sql-format-query
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {}", table))
        .fetch_one(pool)
        .await
}

pub async fn users_by_ids(pool: &PgPool, ids: &str) -> sqlx::Result<Vec<User>> {
    // ruleid: rust.sql-format-query
    sqlx::query_as(&format!("SELECT id, email FROM {} WHERE id IN ({})", USERS_TABLE, ids))
        .fetch_all(pool)
        .await
}

pub async fn search_products(pool: &PgPool, term: &str) -> sqlx::Result<Vec<sqlx::postgres::PgRow>> {
    // ruleid: rust.sql-format-string
    let sql = format!("SELECT id, name FROM products WHERE name LIKE '%{}%'", term);
    // ok: rust.sql-format-query
    sqlx::query(&sql).fetch_all(pool).await
}

pub async fn search_products_safe(pool: &PgPool, term: &str) -> sqlx::Result<Vec<sqlx::postgres::PgRow>> {
    // ok: rust.sql-format-string
    let pattern = format!("%{}%", term);
    // ok: rust.sql-format-query
    sqlx::query("SELECT id, name FROM products WHERE name LIKE $1")
        .bind(pattern)
        .fetch_all(pool)
        .await
}

pub async fn filter_products(pool: &PgPool, category: Option<&str>, sort: &str) -> sqlx::Result<()> {
    // ok: rust.sql-format-string
    let mut sql = String::from("SELECT id, name FROM products WHERE 1 = 1");
    if let Some(c) = category {
        // ruleid: rust.sql-format-string
        sql.push_str(&format!(" AND category = '{}'", c));
    }
    // ruleid: rust.sql-format-string
    sql += &format!(" ORDER BY {}", sort);
    let _ = sqlx::query(&sql).fetch_all(pool).await?;
    Ok(())
}

pub async fn filter_products_builder(pool: &PgPool, category: &str) -> sqlx::Result<()> {
    let mut qb: QueryBuilder<Postgres> = QueryBuilder::new("SELECT id, name FROM products WHERE category = ");
    // ok: rust.sql-format-string
    qb.push_bind(category);
    // ok: rust.sql-format-string
    let label = format!("Selected from {} where id = {}", "products", 3);
    let _ = qb.build().fetch_all(pool).await?;
    println!("{label}");
    Ok(())
}

pub fn sqlite_login(conn: &Connection, user: &str, pass_hash: &str) -> rusqlite::Result<bool> {
    // ruleid: rust.sql-format-query
    let mut stmt = conn.prepare(&format!(
        "SELECT count(*) FROM accounts WHERE username = '{}' AND pw = '{}'",
        user, pass_hash
    ))?;
    let n: i64 = stmt.query_row([], |r| r.get(0))?;
    Ok(n > 0)
}

pub fn sqlite_insert(conn: &Connection, name: &str, qty: i64) -> rusqlite::Result<usize> {
    // ruleid: rust.sql-format-query
    conn.execute(&format!("INSERT INTO items (name, qty) VALUES ('{}', {})", name, qty), [])
}

pub fn sqlite_insert_safe(conn: &Connection, name: &str, qty: i64) -> rusqlite::Result<usize> {
    // ok: rust.sql-format-query
    conn.execute("INSERT INTO items (name, qty) VALUES (?1, ?2)", params![name, qty])
}

pub fn sqlite_log(conn: &Connection, msg: &str) {
    // ok: rust.sql-format-query
    log::info!("execute: {}", format!("UPDATE stats SET hits = hits + 1 WHERE page = '{}'", msg));
    let _ = conn;
}

pub async fn pg_orders(client: &tokio_postgres::Client, customer: &str) -> Result<usize, tokio_postgres::Error> {
    let rows = client
        // ruleid: rust.sql-format-query
        .query(&format!("SELECT * FROM orders WHERE customer = '{}'", customer), &[])
        .await?;
    Ok(rows.len())
}

pub async fn pg_orders_safe(client: &tokio_postgres::Client, customer: &str) -> Result<usize, tokio_postgres::Error> {
    // ok: rust.sql-format-query
    let rows = client.query("SELECT * FROM orders WHERE customer = $1", &[&customer]).await?;
    Ok(rows.len())
}

pub async fn pg_rename(client: &tokio_postgres::Client, id: i32, name: &str) -> Result<(), tokio_postgres::Error> {
    // ruleid: rust.sql-format-query
    client.batch_execute(&format!("UPDATE teams SET name = '{name}' WHERE id = {id}")).await
}

pub fn diesel_lookup(conn: &mut diesel::PgConnection, slug: &str) -> diesel::QueryResult<usize> {
    use diesel::RunQueryDsl;
    // ruleid: rust.sql-format-query
    diesel::sql_query(format!("SELECT * FROM posts WHERE slug = '{}'", slug)).execute(conn)
}

pub fn diesel_lookup_safe(conn: &mut diesel::PgConnection, slug: &str) -> diesel::QueryResult<usize> {
    use diesel::RunQueryDsl;
    use diesel::sql_types::Text;
    // ok: rust.sql-format-query
    diesel::sql_query("SELECT * FROM posts WHERE slug = $1").bind::<Text, _>(slug).execute(conn)
}

pub fn seaorm_statement(name: &str) -> Statement {
    Statement::from_string(
        DbBackend::Postgres,
        // ruleid: rust.sql-format-query
        format!(r#"SELECT "id" FROM "cake" WHERE "name" = '{}'"#, name),
    )
}

pub fn seaorm_statement_safe(name: &str) -> Statement {
    // ok: rust.sql-format-query
    Statement::from_sql_and_values(DbBackend::Postgres, r#"SELECT "id" FROM "cake" WHERE "name" = $1"#, [name.into()])
}

pub fn report_sql(user_id: &str) -> String {
    // ruleid: rust.sql-format-string
    let q = "SELECT * FROM audit WHERE user_id = '".to_string() + user_id + "'";
    q
}

pub fn report_sql_const() -> String {
    // ok: rust.sql-format-string
    let q = "SELECT * FROM audit WHERE user_id = ".to_string() + "$1";
    q
}

pub fn update_sql(table: &str, id: i64) -> String {
    let sql;
    // ruleid: rust.sql-format-string
    sql = format!("UPDATE {table} SET seen = true WHERE id = {id}");
    sql
}

// DDL with a runtime name: the name is SQL text, not a bound value.
const AUDIT_TABLE: &str = "audit_log";

pub fn drop_tenant_table(conn: &rusqlite::Connection, tenant: &str) -> rusqlite::Result<()> {
    // ruleid: rust.sql-format-query
    conn.execute_batch(&format!("DROP TABLE IF EXISTS tenant_{}", tenant))
}

pub fn create_audit_table(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    // ok: rust.sql-format-query
    conn.execute_batch(&format!("CREATE TABLE IF NOT EXISTS {} (id INTEGER PRIMARY KEY)", AUDIT_TABLE))
}
