// A field the file's structs declare as a number holds a number whatever request filled the
// struct: serde rejects a body whose `quality` is not a `u8`. Its text fields stay the caller's.
use actix_web::{web, HttpResponse, Responder};
use serde::Deserialize;
use sqlx::MySqlPool;
use std::process::Command;

#[derive(Deserialize)]
pub struct Thumbnail {
    source: String,
    quality: u8,
    max_side: Option<u32>,
}

#[derive(Deserialize)]
pub struct Listing {
    category: String,
    offset: i64,
    archived: bool,
}

pub async fn thumbnail(job: web::Json<Thumbnail>) -> impl Responder {
    let side = job.max_side.unwrap_or(256);
    let status = Command::new("sh")
        .arg("-c")
        // ruleid: rust.shell-command-injection
        .arg(format!("vips thumbnail {} out.jpg {} --export-profile srgb", job.source, side))
        .status();
    HttpResponse::Ok().body(format!("{:?}", status.is_ok()))
}

pub async fn recompress(job: web::Json<Thumbnail>) -> impl Responder {
    let status = Command::new("sh")
        .arg("-c")
        // ok: rust.shell-command-injection
        .arg(format!("jpegoptim --max={} /srv/media/current.jpg", job.quality))
        .status();
    HttpResponse::Ok().body(format!("{:?}", status.is_ok()))
}

pub async fn listing(pool: web::Data<MySqlPool>, q: web::Query<Listing>) -> impl Responder {
    // ruleid: rust.sql-format-string
    let sql = format!("SELECT id FROM items WHERE category = '{}' LIMIT 20", q.category);
    // ruleid: rust.sql-format-query
    let rows = sqlx::query(&sql).fetch_all(pool.get_ref()).await;
    HttpResponse::Ok().body(rows.map(|r| r.len()).unwrap_or(0).to_string())
}

pub async fn page(pool: web::Data<MySqlPool>, q: web::Query<Listing>) -> impl Responder {
    // ok: rust.sql-format-string
    let sql = format!("SELECT id FROM items WHERE archived = {} LIMIT 20 OFFSET {}", q.archived, q.offset);
    // ok: rust.sql-format-query
    let rows = sqlx::query(&sql).fetch_all(pool.get_ref()).await;
    HttpResponse::Ok().body(rows.map(|r| r.len()).unwrap_or(0).to_string())
}

pub async fn heading(q: web::Query<Listing>) -> impl Responder {
    let offset = q.offset;
    HttpResponse::Ok()
        .content_type("text/html")
        // ok: rust.html-format-response
        .body(format!("<h2>Results from {}</h2>", offset))
}

pub async fn title(q: web::Query<Listing>) -> impl Responder {
    HttpResponse::Ok()
        .content_type("text/html")
        // ruleid: rust.html-format-response
        .body(format!("<h2>{}</h2>", q.category))
}
