// Queue messages, URL setters, warp redirects, temp files persisted, Handlebars and ammonia.
use aws_sdk_sqs::Client;
use axum::{extract::Query, http::HeaderMap, response::Html, Json};
use handlebars::Handlebars;
use rocket::http::{Cookie, CookieJar};
use serde::Deserialize;
use std::fs::File;
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;
use url::Url;

#[derive(Deserialize)]
struct Export {
    name: String,
}

pub async fn poll(client: &Client, queue_url: &str) -> Result<(), Box<dyn std::error::Error>> {
    let resp = client.receive_message().queue_url(queue_url).send().await?;
    for msg in resp.messages.unwrap_or_default() {
        let Some(body) = msg.body() else { continue };
        let export: Export = serde_json::from_str(body)?;
        let path = PathBuf::from("/data/exports").join(format!("{}.csv", export.name));
        // ruleid: rust.path-traversal
        File::create(&path)?;
        let name = Path::new(&export.name).file_name().unwrap_or_default().to_owned();
        // ok: rust.path-traversal
        File::create(PathBuf::from("/data/exports").join(name))?;
    }
    Ok(())
}

#[derive(Deserialize)]
struct Region {
    host: String,
    page: String,
}

async fn invoices(Query(q): Query<Region>) -> Result<String, reqwest::Error> {
    let mut url = Url::parse("https://billing.example.com/v2/invoices").unwrap();
    url.set_host(Some(&q.host)).unwrap();
    // ruleid: rust.ssrf
    let body = reqwest::get(url).await?.text().await?;
    let mut fixed = Url::parse("https://billing.example.com/v2/invoices").unwrap();
    fixed.query_pairs_mut().append_pair("page", &q.page);
    // ok: rust.ssrf
    let more = reqwest::get(fixed).await?.text().await?;
    Ok(body + &more)
}

#[derive(Deserialize)]
struct Click {
    dest: String,
}

async fn track(click: Click) -> Result<impl warp::Reply, warp::Rejection> {
    let uri: warp::http::Uri = click.dest.parse().map_err(|_| warp::reject::not_found())?;
    // ruleid: rust.open-redirect
    Ok(warp::redirect::found(uri))
}

async fn home(_click: Click) -> Result<impl warp::Reply, warp::Rejection> {
    // ok: rust.open-redirect
    Ok(warp::redirect::see_other(warp::http::Uri::from_static("/home")))
}

async fn receive_scan(headers: HeaderMap, body: axum::body::Bytes) -> Result<String, String> {
    let original = headers.get("x-file-name").and_then(|v| v.to_str().ok()).unwrap_or("scan").to_string();
    let mut tmp = NamedTempFile::new_in("/var/spool/inbox").map_err(|e| e.to_string())?;
    std::io::Write::write_all(&mut tmp, &body).map_err(|e| e.to_string())?;
    // ruleid: rust.path-traversal
    tmp.persist(Path::new("/var/spool/inbox").join(&original)).map_err(|e| e.to_string())?;
    let other = NamedTempFile::new_in("/var/spool/inbox").map_err(|e| e.to_string())?;
    // ok: rust.path-traversal
    other.persist("/var/spool/inbox/latest.bin").map_err(|e| e.to_string())?;
    Ok(original)
}

fn registry() -> Handlebars<'static> {
    let mut hb = Handlebars::new();
    hb.register_template_string(
        "banner",
        // ruleid: rust.template-safe-filter
        "<div class=\"banner\"><h2>{{title}}</h2><div>{{{message}}}</div></div>",
    )
    .unwrap();
    hb.register_template_string(
        "notice",
        // ok: rust.template-safe-filter
        "<div class=\"notice\"><h2>{{title}}</h2><div>{{message}}</div></div>",
    )
    .unwrap();
    hb
}

#[derive(Deserialize)]
struct Draft {
    title: String,
    body_html: String,
}

fn render(draft: &Draft) -> String {
    let title = ammonia::clean_text(&draft.title);
    let body = ammonia::clean(&draft.body_html);
    format!("<article><h1>{}</h1><div>{}</div></article>", title, body)
}

async fn preview(Json(draft): Json<Draft>) -> Html<String> {
    // ok: rust.html-format-response
    Html(render(&draft))
}

#[get("/pill/<score>")]
fn pill(score: u32) -> rocket::response::content::RawHtml<String> {
    let score = score.min(100);
    // ok: rust.html-format-response
    rocket::response::content::RawHtml(format!("<span class=\"pill\">{}%</span>", score))
}

#[get("/oauth/callback?<code>")]
fn callback(jar: &CookieJar<'_>, code: String) -> &'static str {
    // ok: rust.session-cookie-flags-missing
    jar.add_private(Cookie::new("session", code));
    "ok"
}
