//! Handlers that take the whole request: hyper / axum `Request<Body>`, actix-web `HttpRequest`.
use actix_web::{HttpRequest, HttpResponse};
use hyper::body::Incoming;
use hyper::Request;

async fn proxy(req: Request<Incoming>) -> String {
    let url = req.uri().query().unwrap_or("").trim_start_matches("url=").to_string();
    // ruleid: rust.ssrf
    reqwest::get(url).await.unwrap().text().await.unwrap()
}

async fn status(req: Request<Incoming>) -> String {
    let service = req.uri().path().trim_start_matches('/').to_string();
    // ok: rust.ssrf
    reqwest::get(format!("https://status.example.com/{service}")).await.unwrap().text().await.unwrap()
}

async fn file(req: HttpRequest) -> HttpResponse {
    let name = req.match_info().get("name").unwrap_or("index").to_string();
    // ruleid: rust.path-traversal
    HttpResponse::Ok().body(std::fs::read(format!("./public/{name}")).unwrap())
}

async fn page(req: HttpRequest) -> HttpResponse {
    let page: u32 = req.match_info().query("page").parse::<u32>().unwrap_or(1);
    // ok: rust.path-traversal
    HttpResponse::Ok().body(std::fs::read(format!("./pages/{page}.html")).unwrap())
}
