//! PCRE2 backtracks like fancy_regex: a pattern built from the query string compiled by its
//! builder is the caller's; an escaped name is text.
use actix_web::{get, web, HttpResponse};
use pcre2::bytes::RegexBuilder;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Lookup {
    name: String,
}

fn prefix_pattern(name: &str) -> String {
    let mut p = String::from("^");
    p.push_str(name.trim());
    p
}

#[get("/directory")]
pub async fn directory(params: web::Query<Lookup>) -> HttpResponse {
    let pattern = prefix_pattern(&params.name);
    // ruleid: rust.regex-injection
    let re = RegexBuilder::new().caseless(true).build(&pattern);
    let literal = prefix_pattern(&regex::escape(&params.name));
    // ok: rust.regex-injection
    let exact = RegexBuilder::new().caseless(true).build(&literal);
    HttpResponse::Ok().body(format!("{} {}", re.is_ok(), exact.is_ok()))
}
