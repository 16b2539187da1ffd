// salvo and poem handlers: what the request carries.
use poem::web::{Data, Query};
use salvo::prelude::*;

#[handler]
pub async fn preview(req: &mut Request, res: &mut Response) {
    let target = req.query::<String>("url").unwrap_or_default();
    // ruleid: rust.ssrf
    let text = reqwest::get(&target).await.unwrap().text().await.unwrap();
    // ok: rust.ssrf
    let status = reqwest::get("https://status.example.com/ping").await.unwrap().text().await.unwrap();
    res.render(Text::Plain(format!("{text}{status}")));
}

#[derive(serde::Deserialize)]
struct Fetch {
    url: String,
}

struct Settings {
    upstream: String,
}

#[poem::handler]
async fn fetch(Query(f): Query<Fetch>, settings: Data<&Settings>) -> String {
    // ruleid: rust.ssrf
    let body = reqwest::get(&f.url).await.unwrap().text().await.unwrap();
    // ok: rust.ssrf
    let up = reqwest::get(&settings.upstream).await.unwrap().text().await.unwrap();
    body + &up
}

// salvo answers `Text::Html(page)` as `text/html`, whatever builds the page.
#[salvo::handler]
async fn notice_page(req: &mut salvo::Request, res: &mut salvo::Response) {
    let notice = req.query::<String>("notice").unwrap_or_default();
    let page = format!("<div class=\"notice\">{}</div>", notice);
    // ruleid: rust.html-format-response
    res.render(salvo::prelude::Text::Html(page));
}

#[salvo::handler]
async fn notice_text(req: &mut salvo::Request, res: &mut salvo::Response) {
    let notice = req.query::<String>("notice").unwrap_or_default();
    let page = format!("<div class=\"notice\">{}</div>", html_escape::encode_text(&notice));
    // ok: rust.html-format-response
    res.render(salvo::prelude::Text::Html(page));
}

// A service taken from salvo's depot by its type: the turbofish names the class, whose method
// the value is followed into.
pub struct Moderation {
    pool: sqlx::MySqlPool,
}

impl Moderation {
    async fn by_status(&self, status: &str) -> sqlx::Result<Vec<(i64,)>> {
        // ruleid: rust.sql-format-string
        let sql = format!("SELECT id FROM comments WHERE status = '{}'", status);
        // ruleid: rust.sql-format-query
        sqlx::query_as(&sql).fetch_all(&self.pool).await
    }

    async fn by_state(&self, state: &str) -> sqlx::Result<Vec<(i64,)>> {
        // ok: rust.sql-format-query
        sqlx::query_as("SELECT id FROM comments WHERE status = ?").bind(state).fetch_all(&self.pool).await
    }
}

#[handler]
async fn comments(req: &mut Request, depot: &mut Depot) -> String {
    let status = req.query::<String>("status").unwrap_or_default();
    let moderation = depot.obtain::<std::sync::Arc<Moderation>>().expect("moderation");
    let rows = moderation.by_status(&status).await.unwrap_or_default();
    let more = moderation.by_state(&status).await.unwrap_or_default();
    format!("{} {}", rows.len(), more.len())
}
