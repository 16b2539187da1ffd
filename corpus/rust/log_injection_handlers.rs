// Request values written into log lines: formatted with `{}` they can forge entries; with `{:?}`
// or stripped of control characters they cannot.
use axum::extract::{Form, Query};
use axum::http::StatusCode;
use log::{info, warn};
use serde::Deserialize;

#[derive(Deserialize)]
struct Login {
    username: String,
    password: String,
}

#[derive(Deserialize)]
struct Visit {
    campaign: String,
}

async fn login(Form(form): Form<Login>) -> StatusCode {
    let user = form.username.clone();
    if form.password.is_empty() {
        // ruleid: rust.log-injection
        warn!("failed login for user {}", user);
        return StatusCode::UNAUTHORIZED;
    }
    // ok: rust.log-injection
    info!("login attempt for user {:?}", form.username);
    StatusCode::OK
}

async fn search(Query(q): Query<Visit>) -> StatusCode {
    let term = format!("campaign={}", q.campaign);
    // ruleid: rust.log-injection
    info!("search {term}");
    // ok: rust.log-injection
    tracing::info!(found = term.len(), "searched");
    StatusCode::OK
}

async fn visit(Query(q): Query<Visit>) -> StatusCode {
    let clean = q.campaign.replace(|c: char| c.is_control(), "");
    // ok: rust.log-injection
    info!("campaign {}", clean);
    StatusCode::NO_CONTENT
}

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    // ok: rust.log-injection
    info!("starting in mode {}", mode);
    // ok: rust.log-injection
    warn!("cache directory {} is missing", "/var/cache/app");
}

// The error a call failed with is the library's message, not the request value it was given.
async fn visit_archive(Query(visit): Query<Visit>) -> StatusCode {
    match serde_json::from_str::<serde_json::Value>(&visit.campaign) {
        Ok(_) => StatusCode::OK,
        Err(e) => {
            // ok: rust.log-injection
            warn!("campaign lookup failed: {e}");
            // ruleid: rust.log-injection
            warn!("campaign lookup failed for {}", visit.campaign);
            StatusCode::NOT_FOUND
        }
    }
}
