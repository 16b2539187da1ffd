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
