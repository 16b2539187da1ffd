//! Axum API server with JWT auth, CORS and a couple of HTML pages.

use std::collections::HashSet;

use axum::{
    extract::{Query, State},
    http::{HeaderValue, Method},
    response::Html,
    routing::get,
    Router,
};
use jsonwebtoken::{decode, decode_header, Algorithm, DecodingKey, Validation};
use serde::{Deserialize, Serialize};
use tower_http::cors::{AllowOrigin, Any, CorsLayer};

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub exp: usize,
    pub role: String,
}

#[derive(Clone)]
pub struct AppState {
    pub jwt_secret: Vec<u8>,
}

pub fn dev_router(state: AppState) -> Router {
    Router::new()
        .route("/api/me", get(me))
        // ruleid: rust.cors-permissive
        .layer(CorsLayer::permissive())
        .with_state(state)
}

pub fn public_router() -> Router {
    let cors = CorsLayer::new()
        // ok: rust.cors-permissive, rust.cors-credentials-any-origin
        .allow_origin(Any)
        .allow_methods([Method::GET]);
    Router::new().route("/api/status", get(|| async { "ok" })).layer(cors)
}

pub fn app_router(state: AppState) -> Router {
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request())
        .allow_methods([Method::GET, Method::POST])
        // ruleid: rust.cors-credentials-any-origin
        .allow_credentials(true);
    Router::new().route("/api/me", get(me)).layer(cors).with_state(state)
}

pub fn app_router_reversed(state: AppState) -> Router {
    let cors = CorsLayer::new()
        .allow_credentials(true)
        // ruleid: rust.cors-credentials-any-origin
        .allow_origin(AllowOrigin::predicate(|_origin, _parts| true));
    Router::new().route("/api/me", get(me)).layer(cors).with_state(state)
}

pub fn wide_open(state: AppState) -> Router {
    // ruleid: rust.cors-credentials-any-origin
    let cors = tower_http::cors::CorsLayer::very_permissive();
    Router::new().route("/api/me", get(me)).layer(cors).with_state(state)
}

pub fn strict_router(state: AppState) -> Router {
    let cors = CorsLayer::new()
        .allow_origin("https://app.example.com".parse::<HeaderValue>().unwrap())
        // ok: rust.cors-credentials-any-origin
        .allow_credentials(true);
    Router::new().route("/api/me", get(me)).layer(cors).with_state(state)
}

pub fn actix_cors_dev() -> actix_cors::Cors {
    // ruleid: rust.cors-credentials-any-origin
    actix_cors::Cors::permissive()
}

pub fn actix_cors_any() -> actix_cors::Cors {
    actix_cors::Cors::default()
        .allow_any_origin()
        .allow_any_method()
        // ruleid: rust.cors-credentials-any-origin
        .supports_credentials()
}

pub fn actix_cors_public() -> actix_cors::Cors {
    // ok: rust.cors-credentials-any-origin, rust.cors-permissive
    actix_cors::Cors::default().allow_any_origin().send_wildcard().allow_any_method()
}

// An origin check that accepts every origin, before or after credentials are allowed.
pub fn actix_cors_any_fn() -> actix_cors::Cors {
    actix_cors::Cors::default()
        .allowed_origin_fn(|_origin, _req| true)
        // ruleid: rust.cors-credentials-any-origin
        .supports_credentials()
}

pub fn actix_cors_any_fn_last() -> actix_cors::Cors {
    actix_cors::Cors::default()
        .supports_credentials()
        // ruleid: rust.cors-credentials-any-origin
        .allowed_origin_fn(|_origin, _req| true)
}

pub fn actix_cors_checked_fn() -> actix_cors::Cors {
    actix_cors::Cors::default()
        .allowed_origin_fn(|origin, _req| origin.as_bytes().ends_with(b".example.com"))
        // ok: rust.cors-credentials-any-origin
        .supports_credentials()
}

pub fn actix_cors_strict() -> actix_cors::Cors {
    actix_cors::Cors::default()
        .allowed_origin("https://app.example.com")
        // ok: rust.cors-credentials-any-origin
        .supports_credentials()
}

pub fn permissive_policy() -> MyPolicy {
    // ok: rust.cors-permissive
    MyPolicy::permissive()
}

pub struct MyPolicy;
impl MyPolicy {
    pub fn permissive() -> Self {
        MyPolicy
    }
}

pub fn read_claims_unverified(token: &str) -> Option<Claims> {
    let mut validation = Validation::new(Algorithm::HS256);
    // ruleid: rust.jwt-signature-not-verified
    validation.insecure_disable_signature_validation();
    // ruleid: rust.jwt-expiry-not-validated
    validation.validate_exp = false;
    decode::<Claims>(token, &DecodingKey::from_secret(&[]), &validation)
        .ok()
        .map(|d| d.claims)
}

pub fn peek_subject(token: &str) -> Option<String> {
    // ruleid: rust.jwt-signature-not-verified
    let data = jsonwebtoken::dangerous_insecure_decode::<Claims>(token).ok()?;
    Some(data.claims.sub)
}

pub fn peek_role(token: &str) -> Option<String> {
    // ruleid: rust.jwt-signature-not-verified
    let data = jsonwebtoken::dangerous::insecure_decode::<Claims>(token).ok()?;
    Some(data.claims.role)
}

pub fn jwt_crate_claims(token: &str) -> Option<String> {
    use jwt::{Header, Token, Unverified};
    // ruleid: rust.jwt-signature-not-verified
    let unverified: Token<Header, Claims, Unverified<'_>> = Token::parse_unverified(token).ok()?;
    Some(unverified.claims().sub.clone())
}

pub fn jwt_crate_verified(token: &str, key: &hmac::Hmac<sha2::Sha256>) -> Option<String> {
    use jwt::VerifyWithKey;
    // ok: rust.jwt-signature-not-verified
    let claims: Claims = token.verify_with_key(key).ok()?;
    Some(claims.sub)
}

pub fn key_id(token: &str) -> Option<String> {
    // ok: rust.jwt-signature-not-verified
    decode_header(token).ok()?.kid
}

pub fn verify(state: &AppState, token: &str) -> Result<Claims, jsonwebtoken::errors::Error> {
    let mut validation = Validation::new(Algorithm::HS256);
    // ok: rust.jwt-expiry-not-validated
    validation.leeway = 30;
    // ok: rust.jwt-expiry-not-validated
    validation.validate_nbf = false;
    // ok: rust.jwt-signature-not-verified
    let data = decode::<Claims>(token, &DecodingKey::from_secret(&state.jwt_secret), &validation)?;
    Ok(data.claims)
}

pub fn lenient_validation() -> Validation {
    Validation {
        // ruleid: rust.jwt-expiry-not-validated
        validate_exp: false,
        // ok: rust.jwt-expiry-not-validated
        validate_nbf: false,
        ..Validation::new(Algorithm::RS256)
    }
}

pub fn no_required_claims() -> Validation {
    let mut v = Validation::new(Algorithm::HS256);
    // ruleid: rust.jwt-expiry-not-validated
    v.required_spec_claims = HashSet::new();
    // ok: rust.jwt-expiry-not-validated
    v.required_spec_claims = HashSet::from(["exp".to_string(), "sub".to_string()]);
    v
}

pub fn no_required_claims_clear(v: &mut Validation) {
    // ruleid: rust.jwt-expiry-not-validated
    v.required_spec_claims.clear();
}

#[derive(Deserialize)]
pub struct GreetParams {
    name: String,
}

pub async fn greet(Query(p): Query<GreetParams>) -> Html<String> {
    // ruleid: rust.html-format-response
    Html(format!("<h1>Hello, {}!</h1>", p.name))
}

pub async fn greet_escaped(Query(p): Query<GreetParams>) -> Html<String> {
    // ok: rust.html-format-response
    Html(format!("<h1>Hello, {}!</h1>", html_escape::encode_text(&p.name)))
}

pub async fn search_page(Query(p): Query<GreetParams>) -> Html<String> {
    // ruleid: rust.html-format-response
    Html(format!(
        r#"<form action="/search"><input name="q" value="{q}"></form><p>Results for {q}</p>"#,
        q = p.name
    ))
}

pub async fn static_page() -> Html<String> {
    // ok: rust.html-format-response
    Html(format!("<style>body {{ margin: 0 }}</style><h1>Status</h1>"))
}

pub async fn me(State(_state): State<AppState>) -> Html<&'static str> {
    // ok: rust.html-format-response
    Html("<h1>me</h1>")
}

pub async fn actix_profile(name: actix_web::web::Path<String>) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        // ruleid: rust.html-format-response
        .body(format!("<div class=\"profile\">{}</div>", name.into_inner()))
}

pub async fn actix_profile_json(name: actix_web::web::Path<String>) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok()
        .content_type("application/json")
        // ok: rust.html-format-response
        .body(format!("{{\"name\":\"<{}>\"}}", name.into_inner()))
}

pub fn warp_reply(name: String) -> impl warp::Reply {
    // ruleid: rust.html-format-response
    warp::reply::html(format!("<p>Welcome back, {name}</p>"))
}

// actix-web shares the same attribute names as Rocket: the application's own state is not
// request data, the query is.
pub struct CachePaths {
    pub live_dir: String,
}

use actix_web::get;

#[get("/cache/purge")]
async fn purge_cache(
    paths: actix_web::web::Data<CachePaths>,
    query: actix_web::web::Query<std::collections::HashMap<String, String>>,
) -> actix_web::HttpResponse {
    // ok: rust.path-traversal
    let _ = std::fs::remove_dir_all(&paths.live_dir);
    if let Some(dir) = query.get("dir") {
        // ruleid: rust.path-traversal
        let _ = std::fs::remove_dir_all(dir);
    }
    actix_web::HttpResponse::Ok().finish()
}
