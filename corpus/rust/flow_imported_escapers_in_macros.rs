//! An escaping function imported by name and called inside `format!`: the macro's call is the
//! imported function, as it would be outside the macro.
use axum::{extract::Path, response::Html};
use html_escape::{encode_double_quoted_attribute, encode_safe};

pub async fn badge(Path(handle): Path<String>) -> Html<String> {
    let mut out = String::from("<div class=\"badge\">");
    out.push_str(&format!(
        "<a href=\"/u/{}\">{}</a>",
        encode_double_quoted_attribute(&handle),
        encode_safe(&handle)
    ));
    out.push_str("</div>");
    // ok: rust.html-format-response
    Html(out)
}

pub async fn raw_badge(Path(handle): Path<String>) -> Html<String> {
    let mut out = String::from("<div class=\"badge\">");
    out.push_str(&format!("<a href=\"/u/{}\">{}</a>", encode_double_quoted_attribute(&handle), handle));
    // ruleid: rust.html-format-response
    Html(out)
}
