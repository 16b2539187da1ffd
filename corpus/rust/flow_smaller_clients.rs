// Request data reaching the smaller HTTP clients, the mysql crate's query helpers, an embedded
// Python interpreter and poem / maud markup.
use axum::extract::Query;
use maud::{html, Markup, PreEscaped};
use mysql::prelude::Queryable;
use poem::web::Html;
use pyo3::Python;
use std::collections::HashMap;

async fn fetch_feed(Query(q): Query<HashMap<String, String>>) -> String {
    let feed = q.get("feed").cloned().unwrap_or_default();
    // ruleid: rust.ssrf
    let body = attohttpc::get(&feed).send().unwrap().text().unwrap();
    // ruleid: rust.ssrf
    let cal = isahc::get_async(format!("{}/calendar.ics", feed)).await.unwrap();
    // ok: rust.ssrf
    let fixed = surf::get("https://status.example.com/api/health").await.unwrap();
    let _ = (cal, fixed);
    body
}

async fn proxy_status(Query(q): Query<HashMap<String, String>>) -> String {
    let endpoint = q["endpoint"].clone();
    // ruleid: rust.ssrf
    let mut res = surf::get(&endpoint).await.unwrap();
    res.body_string().await.unwrap()
}

fn archive_user(conn: &mut mysql::PooledConn, Query(q): Query<HashMap<String, String>>) {
    let name = &q["name"];
    // ruleid: rust.sql-format-string
    let sql = format!("UPDATE users SET archived = 1 WHERE name = '{}'", name);
    // ruleid: rust.sql-format-query
    conn.query_drop(sql).unwrap();
    // ok: rust.sql-format-query
    conn.exec_drop("UPDATE users SET archived = 1 WHERE name = ?", (name,)).unwrap();
}

fn evaluate(Query(q): Query<HashMap<String, String>>) -> String {
    let formula = q["formula"].clone();
    Python::with_gil(|py| {
        // ruleid: rust.script-eval-untrusted
        let value = py.eval(&formula, None, None).unwrap();
        // ok: rust.script-eval-untrusted
        let fixed = py.eval("1 + 1", None, None).unwrap();
        format!("{} {}", value, fixed)
    })
}

#[poem::handler]
fn profile(poem::web::Query(q): poem::web::Query<HashMap<String, String>>) -> Html<String> {
    let body = format!("<p>{}</p>", q["email"]);
    // ruleid: rust.html-format-response
    Html(body)
}

fn comment(Query(q): Query<HashMap<String, String>>) -> Markup {
    let text = q["text"].clone();
    // ruleid: rust.html-format-response
    let raw = PreEscaped(text.clone());
    html! {
        div.body { (raw) }
        div.body { (text) }
    }
}

async fn preview(Query(q): Query<HashMap<String, String>>) -> String {
    let src = q["src"].clone();
    if !src.starts_with("https://") {
        return String::new();
    }
    // ruleid: rust.ssrf
    reqwest::get(&src).await.unwrap().text().await.unwrap()
}

async fn partner_preview(Query(q): Query<HashMap<String, String>>) -> String {
    let src = q["src"].clone();
    if !src.starts_with("https://partners.example.com/") {
        return String::new();
    }
    // ok: rust.ssrf
    reqwest::get(&src).await.unwrap().text().await.unwrap()
}

// tide hands the whole request to its handler; async-std's fs mirrors std's.
async fn tide_report(req: tide::Request<()>) -> tide::Result<String> {
    let name = req.param("name")?.to_string();
    // ruleid: rust.path-traversal
    let body = async_std::fs::read_to_string(format!("/srv/reports/{}", name)).await?;
    // ok: rust.path-traversal
    let index = async_std::fs::read_to_string("/srv/reports/index.txt").await?;
    Ok(body + &index)
}

// An axum handler taking the raw body and answering with text.
async fn push_state(body: axum::body::Bytes) -> String {
    // ruleid: rust.bincode-unbounded-deserialize
    let state: Vec<String> = bincode::deserialize(&body).unwrap_or_default();
    state.join(",")
}

const ALLOWED_HOSTS: &[&str] = &["api.example.com"];

// The parsed URL taken out of a `match` (as `?` would) keeps what made it: the host check on it
// vouches for the request.
async fn relay_checked(Query(q): Query<HashMap<String, String>>) -> String {
    let raw = q["target"].clone();
    let parsed = match url::Url::parse(&raw) {
        Ok(u) => u,
        Err(_) => return String::from("bad url"),
    };
    if parsed.scheme() != "https" || !ALLOWED_HOSTS.contains(&parsed.host_str().unwrap_or("")) {
        return String::from("forbidden");
    }
    // ok: rust.ssrf
    reqwest::Client::new().post(parsed).send().await.unwrap().text().await.unwrap()
}

async fn relay_unchecked(Query(q): Query<HashMap<String, String>>) -> String {
    let raw = q["target"].clone();
    let parsed = match url::Url::parse(&raw) {
        Ok(u) => u,
        Err(_) => return String::from("bad url"),
    };
    // ruleid: rust.ssrf
    reqwest::Client::new().post(parsed).send().await.unwrap().text().await.unwrap()
}

// Text parsed into a `Uri` is still the caller's address; parsed into a number it is not.
async fn hyper_relay(Query(q): Query<HashMap<String, String>>) -> String {
    let client = hyper::Client::new();
    let uri: hyper::Uri = match q["target"].parse() {
        Ok(u) => u,
        Err(_) => return String::from("bad target"),
    };
    // ruleid: rust.ssrf
    let res = client.get(uri).await.unwrap();
    let port: u16 = match q["port"].parse() {
        Ok(p) => p,
        Err(_) => return String::from("bad port"),
    };
    let fixed: hyper::Uri = format!("http://status.internal:{}/health", port).parse().unwrap();
    // ok: rust.ssrf
    let status = client.get(fixed).await.unwrap();
    format!("{} {}", res.status(), status.status())
}

const GITHUB_API: &str = "https://api.github.com";

// A constant origin filling the template's first placeholder fixes the host.
async fn repo_info(Query(q): Query<HashMap<String, String>>) -> String {
    let url = format!("{}/repos/{}/{}", GITHUB_API, q["owner"], q["repo"]);
    // ok: rust.ssrf
    let info = reqwest::get(&url).await.unwrap().text().await.unwrap();
    let elsewhere = format!("{}/repos", q["base"]);
    // ruleid: rust.ssrf
    let other = reqwest::get(&elsewhere).await.unwrap().text().await.unwrap();
    info + &other
}

// The error mapped before `?`: the parsed URL is still what `Url::parse` made.
async fn relay_mapped(Query(q): Query<HashMap<String, String>>) -> Result<String, String> {
    let parsed = url::Url::parse(&q["target"]).map_err(|e| e.to_string())?;
    if !ALLOWED_HOSTS.contains(&parsed.host_str().unwrap_or("")) {
        return Err(String::from("forbidden"));
    }
    // ok: rust.ssrf
    Ok(reqwest::get(parsed).await.unwrap().text().await.unwrap())
}

// isahc's client object sends with `get_async` as well.
pub async fn mirror_with_client(Query(q): Query<HashMap<String, String>>) -> String {
    let client = isahc::HttpClient::new().unwrap();
    let target = q.get("url").cloned().unwrap_or_default();
    // ruleid: rust.ssrf
    let response = client.get_async(target).await;
    // ok: rust.ssrf
    let health = client.get_async("https://status.example.com/health").await;
    format!("{} {}", response.is_ok(), health.is_ok())
}
