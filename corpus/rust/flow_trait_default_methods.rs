// A trait's default method runs for every type that implements the trait without its own:
// a route parameter passed to it reaches the query the default builds.
use poem::{handler, web::{Data, Path}};
use sqlx::MySqlPool;

pub trait Catalog {
    fn table(&self) -> &'static str;
    fn pool(&self) -> &MySqlPool;

    async fn find(&self, slug: &str) -> Option<(i64, String)> {
        // ruleid: rust.sql-format-string
        let sql = format!("SELECT id, label FROM {} WHERE slug = '{}'", self.table(), slug);
        // ruleid: rust.sql-format-query
        sqlx::query_as(&sql).fetch_optional(self.pool()).await.ok().flatten()
    }

    async fn find_bound(&self, slug: &str) -> Option<(i64, String)> {
        let sql = format!("SELECT id, label FROM {} WHERE slug = ?", self.table());
        // ok: rust.sql-format-query
        sqlx::query_as(&sql).bind(slug).fetch_optional(self.pool()).await.ok().flatten()
    }
}

pub struct Countries(pub MySqlPool);

impl Catalog for Countries {
    fn table(&self) -> &'static str {
        "countries"
    }
    fn pool(&self) -> &MySqlPool {
        &self.0
    }
}

#[handler]
pub async fn country(Path(slug): Path<String>, pool: Data<&MySqlPool>) -> String {
    let countries = Countries(pool.0.clone());
    let first = countries.find(&slug).await;
    let second = countries.find_bound(&slug).await;
    format!("{:?} {:?}", first, second)
}
