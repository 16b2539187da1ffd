// Pages built with format! and sent by warp and tide.
use tide::http::mime;
use tide::{Request, Response, StatusCode};
use warp::Filter;

pub fn hello_route() -> impl Filter<Extract = impl warp::Reply, Error = warp::Rejection> + Clone {
    warp::path!("hello" / String).map(|name: String| {
        let body = format!("<div class=\"greeting\">Hi {}</div>", name);
        // ruleid: rust.html-format-response
        warp::reply::html(body)
    })
}

pub fn hello_escaped_route() -> impl Filter<Extract = impl warp::Reply, Error = warp::Rejection> + Clone {
    warp::path!("hi" / String).map(|name: String| {
        let body = format!("<div class=\"greeting\">Hi {}</div>", html_escape::encode_text(&name));
        // ok: rust.html-format-response
        warp::reply::html(body)
    })
}

pub async fn profile(req: Request<()>) -> tide::Result {
    let user = req.param("user")?.to_owned();
    let page = format!("<html><body><h1>{user}</h1></body></html>");
    let mut res = Response::new(StatusCode::Ok);
    res.set_content_type(mime::HTML);
    // ruleid: rust.html-format-response
    res.set_body(page);
    Ok(res)
}

pub async fn profile_json(req: Request<()>) -> tide::Result {
    let user = req.param("user")?.to_owned();
    let mut res = Response::new(StatusCode::Ok);
    res.set_content_type(mime::JSON);
    // ok: rust.html-format-response
    res.set_body(serde_json::json!({ "user": user }));
    Ok(res)
}
