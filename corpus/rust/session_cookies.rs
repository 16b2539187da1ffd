// Cookies that carry a session or a credential, made with and without their flags.
use actix_web::cookie::{Cookie, SameSite};
use actix_web::HttpResponse;

pub async fn login(token: String) -> HttpResponse {
    // ruleid: rust.session-cookie-flags-missing
    let cookie = Cookie::new("auth_token", token);
    HttpResponse::Ok().cookie(cookie).finish()
}

pub async fn login_half(token: String) -> HttpResponse {
    // ruleid: rust.session-cookie-flags-missing
    let cookie = Cookie::build(("session", token)).path("/").http_only(true).build();
    HttpResponse::Ok().cookie(cookie).finish()
}

pub async fn login_built(token: String) -> HttpResponse {
    // ok: rust.session-cookie-flags-missing
    let cookie = Cookie::build(("session", token))
        .path("/")
        .http_only(true)
        .secure(true)
        .same_site(SameSite::Lax)
        .build();
    HttpResponse::Ok().cookie(cookie).finish()
}

pub async fn login_set(token: String) -> HttpResponse {
    // ok: rust.session-cookie-flags-missing
    let mut cookie = Cookie::new("refresh_token", token);
    cookie.set_http_only(true);
    cookie.set_secure(true);
    HttpResponse::Ok().cookie(cookie).finish()
}

pub async fn preferences() -> HttpResponse {
    // ok: rust.session-cookie-flags-missing
    let cookie = Cookie::new("theme", "dark");
    HttpResponse::Ok().cookie(cookie).finish()
}
