// Patterns compiled from requests, pages built from the caller's text, and clap arguments.
use axum::extract::Query;
use clap::Parser;
use regex::Regex;
use rocket::response::content::RawHtml;
use serde::Deserialize;
use std::process::Command;

#[derive(Deserialize)]
struct Search {
    pattern: String,
}

async fn search(Query(q): Query<Search>) -> String {
    let anchored = format!("^{}$", q.pattern);
    let pattern = anchored;
    // ruleid: rust.regex-injection
    let re = Regex::new(&pattern).unwrap();
    NAMES.iter().filter(|n| re.is_match(n)).cloned().collect::<Vec<_>>().join(",")
}

async fn search_literal(Query(q): Query<Search>) -> String {
    // ok: rust.regex-injection
    let re = Regex::new(&format!("^{}$", regex::escape(&q.pattern))).unwrap();
    NAMES.iter().filter(|n| re.is_match(n)).cloned().collect::<Vec<_>>().join(",")
}

async fn search_fancy(Query(q): Query<Search>) -> bool {
    // ruleid: rust.regex-injection
    let re = fancy_regex::Regex::new(&q.pattern).unwrap();
    re.is_match("abc").unwrap_or(false)
}

fn digits(text: &str) -> bool {
    // ok: rust.regex-injection
    let re = Regex::new(r"^\d+$").unwrap();
    re.is_match(text)
}

fn compile(pattern: &str) -> Regex {
    // ruleid: rust.regex-injection
    Regex::new(pattern).unwrap()
}

async fn search_helper(Query(q): Query<Search>) -> bool {
    compile(&q.pattern).is_match("abc")
}

#[rocket::get("/hello?<name>")]
fn hello(name: String) -> RawHtml<String> {
    let page = format!("<h1>Hello {}</h1>", name);
    // ruleid: rust.html-format-response
    RawHtml(page)
}

#[rocket::get("/hello-escaped?<name>")]
fn hello_escaped(name: String) -> RawHtml<String> {
    let page = format!("<h1>Hello {}</h1>", html_escape::encode_text(&name));
    // ok: rust.html-format-response
    RawHtml(page)
}

fn show_anchor() {
    let window = web_sys::window().unwrap();
    let document = window.document().unwrap();
    let out = document.get_element_by_id("out").unwrap();
    let anchor = window.location().hash().unwrap();
    let markup = format!("<span>{}</span>", anchor);
    // ruleid: rust.html-format-response
    out.set_inner_html(&markup);
    // ok: rust.html-format-response
    out.set_text_content(Some(&anchor));
    // ok: rust.html-format-response
    out.set_inner_html("<span>ready</span>");
}

#[derive(Parser)]
struct Cli {
    host: String,
    pattern: String,
}

fn main() {
    let cli = Cli::parse();
    // ruleid: rust.shell-command-injection
    Command::new("sh").arg("-c").arg(format!("ping -c 1 {}", cli.host)).status().unwrap();
    // ok: rust.shell-command-injection
    Command::new("ping").arg("-c").arg("1").arg(&cli.host).status().unwrap();
    // ok: rust.regex-injection
    let grep = Regex::new(&cli.pattern).unwrap();
    println!("{}", grep.is_match("x"));
}

#[rocket::get("/bio?<bio>")]
fn bio_card(bio: String) -> RawHtml<String> {
    let card = format!(r#"<div class="bio">{bio}</div>"#);
    // ruleid: rust.html-format-response
    RawHtml(card)
}

#[derive(Deserialize)]
struct EventFilter {
    actor: String,
}

async fn events(Query(f): Query<EventFilter>, pool: sqlx::PgPool) -> String {
    use std::fmt::Write;
    let mut sql = String::from("SELECT * FROM events WHERE 1=1");
    write!(sql, " AND actor = '{}'", f.actor).unwrap();
    // ruleid: rust.sql-format-query
    let rows = sqlx::query(&sql).fetch_all(&pool).await.unwrap();
    let mut bound = String::from("SELECT * FROM events WHERE 1=1");
    write!(bound, " AND actor = $1").unwrap();
    // ok: rust.sql-format-query
    let same = sqlx::query(&bound).bind(&f.actor).fetch_all(&pool).await.unwrap();
    format!("{} {}", rows.len(), same.len())
}
