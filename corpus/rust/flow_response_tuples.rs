// An axum response written as a tuple: the headers array says what the body is. Served as HTML,
// a body built from the request is markup; served as plain text or escaped, it is not.
use axum::extract::{Form, Path};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Comment {
    author: String,
    text: String,
}

pub async fn preview(Form(c): Form<Comment>) -> impl IntoResponse {
    let page = format!("<blockquote>{}</blockquote><cite>{}</cite>", c.text, c.author);
    (
        StatusCode::OK,
        // ruleid: rust.html-format-response
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")], page,
    )
}

pub async fn preview_text(Form(c): Form<Comment>) -> impl IntoResponse {
    let page = format!("{} wrote: {}", c.author, c.text);
    (
        StatusCode::OK,
        // ok: rust.html-format-response
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], page,
    )
}

pub async fn tag_page(Path(tag): Path<String>) -> impl IntoResponse {
    let safe = html_escape::encode_text(&tag).to_string();
    // ok: rust.html-format-response
    ([("content-type", "text/html")], format!("<h1>#{}</h1>", safe))
}

pub async fn tag_page_raw(Path(tag): Path<String>) -> impl IntoResponse {
    let heading = format!("<h1>#{}</h1>", tag);
    // ruleid: rust.html-format-response
    ([("content-type", "text/html")], heading)
}
