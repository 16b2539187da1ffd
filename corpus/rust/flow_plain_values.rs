// Values that hold none of the caller's text: a field typed with an enum of plain variants (serde
// accepts only their names), a number in a tuple extractor, a name the sanitize-filename crate
// made, text askama escaped. Their text twins are still the caller's.
use axum::extract::{Path, Query, State};
use axum::response::Html;
use serde::Deserialize;
use sqlx::SqlitePool;

#[derive(Deserialize, Debug)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Day,
    Week,
    Month,
}

#[derive(Deserialize, Debug)]
pub enum Filter {
    Tag(String),
    All,
}

#[derive(Deserialize)]
pub struct StatsQuery {
    period: Period,
    filter: Filter,
}

pub async fn stats(State(db): State<SqlitePool>, Query(q): Query<StatsQuery>) -> String {
    // ok: rust.sql-format-query
    let rows = sqlx::query(&format!("SELECT * FROM stats_{:?} ORDER BY ts", q.period)).fetch_all(&db).await;
    format!("{}", rows.map(|r| r.len()).unwrap_or(0))
}

pub async fn filtered(State(db): State<SqlitePool>, Query(q): Query<StatsQuery>) -> String {
    // ruleid: rust.sql-format-query
    let rows = sqlx::query(&format!("SELECT * FROM stats WHERE {:?}", q.filter)).fetch_all(&db).await;
    format!("{}", rows.map(|r| r.len()).unwrap_or(0))
}

pub async fn member(State(db): State<SqlitePool>, Path((team, seat)): Path<(String, u16)>) -> String {
    let sql = format!("SELECT name FROM seats WHERE team = ? AND seat = {}", seat);
    // ok: rust.sql-format-query
    let rows = sqlx::query(&sql).bind(&team).fetch_all(&db).await;
    format!("{}", rows.map(|r| r.len()).unwrap_or(0))
}

pub async fn member_by_name(State(db): State<SqlitePool>, Path((team, seat)): Path<(String, u16)>) -> String {
    // ruleid: rust.sql-format-string
    let sql = format!("SELECT name FROM seats WHERE team = '{}' AND seat = {}", team, seat);
    // ruleid: rust.sql-format-query
    let rows = sqlx::query(&sql).fetch_all(&db).await;
    format!("{}", rows.map(|r| r.len()).unwrap_or(0))
}

pub async fn report(Path(name): Path<String>) -> Vec<u8> {
    let file = sanitize_filename::sanitize(&name);
    // ok: rust.path-traversal
    std::fs::read(std::path::Path::new("/srv/reports").join(file)).unwrap_or_default()
}

pub async fn report_raw(Path(name): Path<String>) -> Vec<u8> {
    let file = name.trim().to_string();
    // ruleid: rust.path-traversal
    std::fs::read(std::path::Path::new("/srv/reports").join(file)).unwrap_or_default()
}

pub async fn badge(Path(label): Path<String>) -> Html<String> {
    let text = askama_escape::escape(&label, askama_escape::Html).to_string();
    // ok: rust.html-format-response
    Html(format!("<span class=\"badge\">{}</span>", text))
}

pub async fn badge_raw(Path(label): Path<String>) -> Html<String> {
    let text = label.to_uppercase();
    // ruleid: rust.html-format-response
    Html(format!("<span class=\"badge\">{}</span>", text))
}
