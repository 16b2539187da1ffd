// Middleware hands values to handlers through the request's extensions: what it inserts, built
// as a type, is what a handler's `Extension<Type>` holds. A header put there is the client's; a
// value the middleware made itself is the program's.
use axum::extract::{Extension, Request};
use axum::middleware::Next;
use axum::response::{Html, Response};

#[derive(Clone)]
struct TenantBackend(String);

#[derive(Clone)]
struct DisplayName {
    name: String,
}

#[derive(Clone)]
struct RequestId(String);

async fn resolve_tenant(mut req: Request, next: Next) -> Response {
    let backend = req
        .headers()
        .get("x-tenant-backend")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .trim_end_matches('/')
        .to_string();
    let name = req.headers().get("x-display-name").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    req.extensions_mut().insert(TenantBackend(backend));
    req.extensions_mut().insert(DisplayName { name });
    req.extensions_mut().insert(RequestId(uuid::Uuid::new_v4().to_string()));
    next.run(req).await
}

async fn tenant_status(Extension(backend): Extension<TenantBackend>) -> String {
    // ruleid: rust.ssrf
    let res = reqwest::get(format!("{}/api/status", backend.0)).await;
    res.map(|r| r.status().to_string()).unwrap_or_default()
}

async fn banner(Extension(user): Extension<DisplayName>) -> Html<String> {
    // ruleid: rust.html-format-response
    Html(format!("<p>Hello, {}</p>", user.name))
}

async fn trace(Extension(id): Extension<RequestId>) -> String {
    // ok: rust.ssrf
    let res = reqwest::get(format!("https://trace.example.com/{}", id.0)).await;
    // ok: rust.path-traversal
    let _ = std::fs::read(format!("/var/trace/{}", id.0));
    res.map(|r| r.status().to_string()).unwrap_or_default()
}
