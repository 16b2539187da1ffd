//! Redirect targets from the request: axum and Rocket.
use axum::extract::Query;
use axum::response::Redirect;
use serde::Deserialize;

#[derive(Deserialize)]
struct Next {
    next: String,
    page: u32,
}

async fn after_login(Query(q): Query<Next>) -> Redirect {
    // ruleid: rust.open-redirect
    Redirect::to(&q.next)
}

async fn after_logout(Query(q): Query<Next>) -> Redirect {
    let target = format!("/pages/{}", q.page);
    // ok: rust.open-redirect
    Redirect::temporary(&target)
}

async fn moved(Query(q): Query<Next>) -> Redirect {
    let target = q.next.clone();
    let location = target;
    // ruleid: rust.open-redirect
    Redirect::permanent(&location)
}

async fn fixed() -> Redirect {
    // ok: rust.open-redirect
    Redirect::to("/login")
}

#[rocket::get("/go?<to>")]
fn go(to: String) -> rocket::response::Redirect {
    // ruleid: rust.open-redirect
    rocket::response::Redirect::to(to)
}
