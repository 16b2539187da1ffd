//! A method that builds text from the struct's fields, called on `self` by another method: the
//! value built from request data carries it into what the first method returns.
use axum::extract::Query;
use sqlx::PgPool;

pub struct ItemSearch {
    term: String,
}

impl ItemSearch {
    fn sql(&self) -> String {
        format!("SELECT * FROM items WHERE name = '{}'", self.term)
    }

    fn count_sql(&self) -> String {
        let id: i64 = self.term.parse().unwrap_or(0);
        format!("SELECT count(*) FROM items WHERE id = {}", id)
    }

    async fn run(&self, pool: &PgPool) {
        let q = self.sql();
        // ruleid: rust.sql-format-query
        sqlx::query(&q).fetch_all(pool).await.unwrap();
        let c = self.count_sql();
        // ok: rust.sql-format-query
        sqlx::query(&c).fetch_one(pool).await.unwrap();
    }
}

pub async fn items(Query(term): Query<String>, pool: PgPool) {
    let search = ItemSearch { term };
    search.run(&pool).await;
}
