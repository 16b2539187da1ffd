//! Sources outside a web framework's extractors: a Lambda event, lambda_http's and workers-rs'
//! requests, async-graphql arguments, e-mail and queue messages; sinks of less common crates.
use async_graphql::{Context, Object, Result};
use lambda_http::{Body, Request, RequestExt, Response};
use lambda_runtime::LambdaEvent;
use serde::Deserialize;
use std::path::Path;
use worker::*;

const TEMPLATES: &str = "/srv/templates";

#[derive(Deserialize)]
pub struct CloneRequest {
    template_file: String,
}

pub async fn clone_template(event: LambdaEvent<CloneRequest>) -> std::io::Result<u64> {
    let src = Path::new(TEMPLATES).join(&event.payload.template_file);
    // ruleid: rust.path-traversal
    std::fs::copy(&src, "/tmp/workspace/template")?;
    // ok: rust.path-traversal
    std::fs::copy(Path::new(TEMPLATES).join("default.tpl"), "/tmp/workspace/template")
}

pub async fn preview(event: Request) -> std::result::Result<Response<Body>, lambda_http::Error> {
    let params = event.query_string_parameters();
    let target = params.first("url").unwrap_or("https://example.com/").to_string();
    // ruleid: rust.ssrf
    let page = reqwest::get(&target).await?.text().await?;
    // ok: rust.ssrf
    let status = reqwest::get("https://status.internal/health").await?.text().await?;
    Ok(Response::new(Body::from(format!("{page}{status}"))))
}

pub struct Mutation;

#[Object]
impl Mutation {
    async fn search_logs(&self, _ctx: &Context<'_>, pattern: String, limit: i32) -> Result<Vec<String>> {
        // ruleid: rust.regex-injection
        let re = regex::Regex::new(&pattern)?;
        // ok: rust.regex-injection
        let dates = regex::Regex::new(r"^\d{4}-\d{2}-\d{2}$")?;
        Ok(vec![re.to_string(), dates.to_string(), limit.to_string()])
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[event(fetch)]
pub async fn main(req: worker::Request, _env: Env, _ctx: worker::Context) -> worker::Result<worker::Response> {
    let url = req.url()?;
    let term = url
        .query_pairs()
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v.to_string())
        .unwrap_or_default();
    let hits = term.split(' ').count();
    if url.path() == "/go" {
        // ruleid: rust.open-redirect
        return worker::Response::redirect(Url::parse(&term)?);
    }
    if url.path() == "/proxy" {
        // ruleid: rust.ssrf
        return Fetch::Url(Url::parse(&term)?).send().await;
    }
    if url.path() == "/safe" {
        // ok: rust.html-format-response
        return worker::Response::from_html(format!("<p>{hits} results for {}</p>", escape(&term)));
    }
    // ruleid: rust.html-format-response
    worker::Response::from_html(format!("<p>{hits} results for {term}</p>"))
}

pub fn read_mail(raw: &[u8]) -> std::result::Result<(), Box<dyn std::error::Error>> {
    let mail = mailparse::parse_mail(raw)?;
    for part in mail.subparts.iter() {
        let name = part.get_content_disposition().params.get("filename").cloned().unwrap_or_default();
        // ruleid: rust.path-traversal
        std::fs::write(Path::new("/srv/inbox").join(&name), part.get_body_raw()?)?;
        // ok: rust.path-traversal
        std::fs::write(Path::new("/srv/inbox").join("last.eml"), raw)?;
    }
    Ok(())
}
