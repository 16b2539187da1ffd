// Handlers that build their response by hand with hyper's / http's `Response::builder()` and
// actix-web's `HttpResponse`: a page typed as HTML built from the request, next to twins typed as
// JSON or with the value escaped.
use actix_web::{web, HttpResponse};
use html_escape::encode_text;
use hyper::header::CONTENT_TYPE;
use hyper::{Body, Request, Response};

pub async fn hello(req: Request<Body>) -> Response<Body> {
    let name = req.uri().query().unwrap_or("").to_string();
    let page = format!("<p>Hello {}</p>", name);
    // A chain is reported where the sink method is called.
    Response::builder()
        .header("content-type", "text/html; charset=utf-8")
        // ruleid: rust.html-format-response
        .body(Body::from(page))
        .unwrap()
}

pub async fn hello_escaped(req: Request<Body>) -> Response<Body> {
    let name = req.uri().query().unwrap_or("").to_string();
    let page = format!("<p>Hello {}</p>", encode_text(&name));
    // ok: rust.html-format-response
    Response::builder()
        .header("content-type", "text/html; charset=utf-8")
        .body(Body::from(page))
        .unwrap()
}

pub async fn hello_json(req: Request<Body>) -> Response<Body> {
    let name = req.uri().query().unwrap_or("").to_string();
    let body = format!("{{\"hello\": {:?}}}", name);
    // ok: rust.html-format-response
    Response::builder()
        .header(CONTENT_TYPE, "application/json")
        .body(Body::from(body))
        .unwrap()
}

pub async fn banner(req: Request<Body>) -> Response<Body> {
    let text = req.headers().get("x-banner").map(|v| v.to_str().unwrap_or("")).unwrap_or("");
    let html = format!("<div class=\"banner\">{}</div>", text);
    // ruleid: rust.html-format-response
    Response::builder().header(CONTENT_TYPE, "text/html").body(Body::from(html)).unwrap()
}

pub async fn search(query: web::Query<std::collections::HashMap<String, String>>) -> HttpResponse {
    let q = query.get("q").cloned().unwrap_or_default();
    let page = format!("<h1>Results for {}</h1>", q);
    // ruleid: rust.html-format-response
    HttpResponse::Ok().content_type("text/html").body(page)
}

pub async fn search_text(query: web::Query<std::collections::HashMap<String, String>>) -> HttpResponse {
    let q = query.get("q").cloned().unwrap_or_default();
    let page = format!("Results for {}", q);
    // ok: rust.html-format-response
    HttpResponse::Ok().content_type("text/plain").body(page)
}

// The type set by `insert_header(ContentType::html())`; maud's `html!` escapes what it
// interpolates, unless told `PreEscaped`.
pub async fn bio(query: web::Query<std::collections::HashMap<String, String>>) -> HttpResponse {
    let bio = query.get("bio").cloned().unwrap_or_default();
    let card = format!("<div class=\"bio\">{}</div>", bio);
    HttpResponse::Ok()
        .insert_header(actix_web::http::header::ContentType::html())
        // ruleid: rust.html-format-response
        .body(card)
}

pub async fn bio_maud(query: web::Query<std::collections::HashMap<String, String>>) -> HttpResponse {
    let bio = query.get("bio").cloned().unwrap_or_default();
    let card = maud::html! { div.bio { (bio) } };
    HttpResponse::Ok()
        .insert_header(actix_web::http::header::ContentType::html())
        // ok: rust.html-format-response
        .body(card.into_string())
}

pub async fn bio_maud_raw(query: web::Query<std::collections::HashMap<String, String>>) -> HttpResponse {
    let bio = query.get("bio").cloned().unwrap_or_default();
    // ruleid: rust.html-format-response
    let card = maud::html! { div.bio { (maud::PreEscaped(bio)) } };
    HttpResponse::Ok()
        .insert_header(actix_web::http::header::ContentType::html())
        // Reported once, where the text was let through unescaped.
        // ok: rust.html-format-response
        .body(card.into_string())
}
