//! A helper that returns the SQL text and its parameters as a pair: the names the pair is taken
//! apart into hold their own elements, so the parameter list that carries the request's values
//! does not taint the text built only from constants beside it.
use axum::extract::Query;
use serde::Deserialize;
use sqlx::PgPool;

#[derive(Deserialize)]
pub struct Filter {
    city: Option<String>,
    name: String,
}

fn build_filter(filter: &Filter) -> (String, Vec<String>) {
    let mut clauses = vec!["name = $1".to_string()];
    let mut params = vec![filter.name.clone()];
    if let Some(city) = &filter.city {
        params.push(city.clone());
        clauses.push(format!("city = ${}", params.len()));
    }
    (clauses.join(" AND "), params)
}

fn build_unsafe_filter(filter: &Filter) -> (String, Vec<String>) {
    (format!("name = '{}'", filter.name), Vec::new())
}

pub async fn people(Query(filter): Query<Filter>, pool: PgPool) {
    let (clause, params) = build_filter(&filter);
    let sql = format!("SELECT id FROM people WHERE {}", clause);
    let mut query = sqlx::query(&sql);
    for p in &params {
        query = query.bind(p);
    }
    // ok: rust.sql-format-query
    let _ = sqlx::query(&sql).fetch_all(&pool).await;
    let (unsafe_clause, _none) = build_unsafe_filter(&filter);
    let unsafe_sql = format!("SELECT id FROM people WHERE {}", unsafe_clause);
    // ruleid: rust.sql-format-query
    let _ = sqlx::query(&unsafe_sql).fetch_all(&pool).await;
    let _ = query;
}
