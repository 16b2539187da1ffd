// A query builder handed to a helper as a parameter (`qb: &mut QueryBuilder<'_, Postgres>`): its
// declared type says it is one, so raw SQL text pushed there is checked as where it was made.
use poem::web::{Data, Query};
use serde::Deserialize;
use sqlx::{PgPool, Postgres, QueryBuilder};

#[derive(Deserialize)]
pub struct ProductFilter {
    category: Option<String>,
    brand: Option<String>,
    min_price: Option<i64>,
}

fn apply_filters<'a>(qb: &mut QueryBuilder<'a, Postgres>, f: &'a ProductFilter) {
    if let Some(min) = f.min_price {
        qb.push(" AND price_cents >= ").push_bind(min);
    }
    if let Some(brand) = &f.brand {
        // ok: rust.sql-format-query
        qb.push(" AND brand = ").push_bind(brand);
    }
    if let Some(cat) = &f.category {
        // ruleid: rust.sql-format-query
        qb.push(format!(" AND category = '{}'", cat));
    }
}

fn order_by(mut qb: QueryBuilder<'_, Postgres>, column: &str) -> QueryBuilder<'_, Postgres> {
    // ruleid: rust.sql-format-query
    qb.push_unseparated(format!(" ORDER BY {column}"));
    qb
}

fn page_clause(qb: &mut sqlx::QueryBuilder<'_, Postgres>, page: i64) {
    // ok: rust.sql-format-query
    qb.push(format!(" LIMIT 50 OFFSET {}", page * 50));
}

fn label(out: &mut Vec<String>, name: &str) {
    // ok: rust.sql-format-query
    out.push(format!("category = '{}'", name));
}

#[poem::handler]
pub async fn list_products(
    Data(pool): Data<&PgPool>,
    Query(filter): Query<ProductFilter>,
    Query(sort): Query<String>,
) -> String {
    let mut qb: QueryBuilder<Postgres> = QueryBuilder::new("SELECT id, name FROM products WHERE active");
    apply_filters(&mut qb, &filter);
    page_clause(&mut qb, 2);
    let mut labels = Vec::new();
    if let Some(cat) = &filter.category {
        label(&mut labels, cat);
    }
    let qb = order_by(qb, &sort);
    let _ = pool;
    format!("{} {}", qb.sql(), labels.join(","))
}
