// A `Location` header written as a `(name, value)` pair: returned from an axum handler with a
// status, or handed to actix-web's `insert_header`.
use axum::{extract::Query, http::{header, header::LOCATION, StatusCode}, response::IntoResponse};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Next {
    next: String,
}

pub async fn after_login(Query(q): Query<Next>) -> impl IntoResponse {
    // ruleid: rust.open-redirect
    (StatusCode::FOUND, [(LOCATION, q.next)])
}

pub async fn after_login_home(Query(_q): Query<Next>) -> impl IntoResponse {
    // ok: rust.open-redirect
    (StatusCode::FOUND, [(LOCATION, "/home".to_string())])
}

pub async fn after_logout(Query(q): Query<Next>) -> impl IntoResponse {
    let target = q.next.trim().to_string();
    // ruleid: rust.open-redirect
    (StatusCode::SEE_OTHER, [(header::LOCATION, target), (header::CACHE_CONTROL, "no-store".to_string())])
}

pub async fn after_logout_audited(Query(q): Query<Next>) -> impl IntoResponse {
    // ok: rust.open-redirect
    (StatusCode::SEE_OTHER, [(header::LOCATION, "/".to_string()), (header::HeaderName::from_static("x-next"), q.next)])
}
