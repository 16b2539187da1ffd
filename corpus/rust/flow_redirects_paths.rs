//! Redirect targets that differ only in where the value came from: a local helper, an aliased
//! import, three assignments, an allow-list and a fixed fallback.
use axum::extract::{Form, Query};
use axum::response::Redirect as Go;
use serde::Deserialize;

#[derive(Deserialize)]
struct Back {
    back: String,
    section: u32,
}

const PLACES: [&str; 3] = ["/home", "/account", "/orders"];

fn destination(back: &Back) -> String {
    back.back.trim().to_string()
}

fn landing(_back: &Back) -> String {
    "/home".to_string()
}

async fn through_helper(Query(q): Query<Back>) -> Go {
    // ruleid: rust.open-redirect
    Go::to(&destination(&q))
}

async fn through_fixed_helper(Query(q): Query<Back>) -> Go {
    // ok: rust.open-redirect
    Go::to(&landing(&q))
}

async fn through_three_steps(Form(f): Form<Back>) -> Go {
    let first = f.back;
    let second = first.to_lowercase();
    let third = second;
    // ruleid: rust.open-redirect
    Go::see_other(&third)
}

async fn through_three_fixed_steps(Form(f): Form<Back>) -> Go {
    let first = format!("/sections/{}", f.section);
    let second = first;
    let third = second;
    // ok: rust.open-redirect
    Go::see_other(&third)
}

async fn from_an_allow_list(Query(q): Query<Back>) -> Go {
    if PLACES.contains(&q.back.as_str()) {
        // ok: rust.open-redirect
        return Go::to(&q.back);
    }
    Go::to("/home")
}

async fn after_a_check_that_does_not_guard(Query(q): Query<Back>) -> Go {
    let known = PLACES.contains(&q.back.as_str());
    tracing::info!(known, "redirecting");
    // ruleid: rust.open-redirect
    Go::temporary(&q.back)
}
