//! Log lines written by a helper the request data is passed to: the helper's own parameter is
//! unknown, so only the caller that passes decoded request data makes the line forgeable. A
//! length or a check of the value carries none of its text.
use axum::extract::{Form, Query};
use serde::Deserialize;
use tracing::{info, warn};

#[derive(Deserialize)]
pub struct Login {
    user: String,
}

fn audit(user: &str) {
    // ruleid: rust.log-injection
    info!("login attempt for {}", user);
}

fn audit_size(user: &str) {
    // ok: rust.log-injection
    info!("login attempt of {} bytes (empty: {})", user.len(), user.is_empty());
}

fn audit_constant(kind: &str) {
    // ok: rust.log-injection
    warn!("rejected a {} login", kind);
}

pub async fn login(Query(form): Query<Login>) -> &'static str {
    audit(&form.user);
    audit_size(&form.user);
    audit_constant("password");
    "ok"
}

pub async fn signup(Form(form): Form<Login>) -> &'static str {
    // ok: rust.log-injection
    info!("signup of {} bytes", form.user.len());
    "ok"
}
