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

// A `Location` header written by hand: actix-web's `append_header` / `insert_header` and a
// response builder's `.header(...)`.
mod by_header {
    use actix_web::{http::header, web, HttpResponse};
    use axum::response::Response;

    #[derive(serde::Deserialize)]
    pub struct Back {
        to: String,
    }

    pub async fn back(q: web::Query<Back>) -> HttpResponse {
        // ruleid: rust.open-redirect
        HttpResponse::Found().append_header(("Location", q.to.clone())).finish()
    }

    pub async fn back_home(q: web::Query<Back>) -> HttpResponse {
        let _ = &q.to;
        // ok: rust.open-redirect
        HttpResponse::Found().append_header(("Location", "/home")).finish()
    }

    pub async fn back_insert(q: web::Query<Back>) -> HttpResponse {
        let target = q.to.clone();
        // ruleid: rust.open-redirect
        HttpResponse::SeeOther().insert_header((header::LOCATION, target)).finish()
    }

    pub async fn tagged(q: web::Query<Back>) -> HttpResponse {
        // ok: rust.open-redirect
        HttpResponse::Ok().insert_header(("X-Requested-Page", q.to.clone())).finish()
    }

    pub async fn built(axum::extract::Query(q): axum::extract::Query<Back>) -> Response<String> {
        // ruleid: rust.open-redirect
        Response::builder().status(302).header(header::LOCATION, &q.to).body(String::new()).unwrap()
    }

    pub async fn built_fixed(axum::extract::Query(q): axum::extract::Query<Back>) -> Response<String> {
        // ok: rust.open-redirect
        Response::builder().status(302).header("Location", "/login").header("X-From", &q.to).body(String::new()).unwrap()
    }
}
