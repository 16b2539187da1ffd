// A helper's `&'static str` parameter holds the program's own text (a literal, a table of
// them): what a request brought lives no longer than the request. A `&str` may be either.
use axum::extract::Query;
use axum::http::HeaderMap;
use sqlx::PgPool;
use std::collections::HashMap;

pub struct Registry {
    schemas: HashMap<String, &'static str>,
}

impl Registry {
    fn schema_for(&self, tenant: &str) -> Option<&'static str> {
        self.schemas.get(&tenant.to_ascii_lowercase()).copied()
    }
}

async fn enter_schema(pool: &PgPool, schema: &'static str) -> sqlx::Result<()> {
    // ok: rust.sql-format-query
    sqlx::query(&format!("SET search_path TO \"{}\"", schema)).execute(pool).await?;
    Ok(())
}

async fn enter_named_schema(pool: &PgPool, schema: &str) -> sqlx::Result<()> {
    // ruleid: rust.sql-format-query
    sqlx::query(&format!("SET search_path TO \"{}\"", schema)).execute(pool).await?;
    Ok(())
}

pub async fn provisioned(headers: HeaderMap, pool: PgPool, registry: &Registry) -> sqlx::Result<()> {
    let tenant = headers.get("x-tenant").and_then(|v| v.to_str().ok()).unwrap_or("");
    let Some(schema) = registry.schema_for(tenant) else {
        return Ok(());
    };
    enter_schema(&pool, schema).await
}

pub async fn named(Query(q): Query<HashMap<String, String>>, pool: PgPool) -> sqlx::Result<()> {
    let schema = q.get("schema").cloned().unwrap_or_default();
    enter_named_schema(&pool, &schema).await
}
