// Checks that look like protections and are not: decoding after escaping makes another text
// (`%3Cscript%3E` escapes to itself and decodes to `<script>`).
use axum::extract::Query;
use axum::response::Html;
use percent_encoding::percent_decode_str;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Shared {
    note: String,
}

fn escaped(note: &str) -> String {
    html_escape::encode_text(note).into_owned()
}

fn decoded(note: &str) -> String {
    percent_decode_str(note).decode_utf8_lossy().into_owned()
}

pub async fn shared(Query(p): Query<Shared>) -> Html<String> {
    let shown = decoded(&escaped(&p.note));
    // ruleid: rust.html-format-response
    Html(format!("<blockquote>{}</blockquote>", shown))
}

pub async fn shared_escaped(Query(p): Query<Shared>) -> Html<String> {
    let shown = escaped(&decoded(&p.note));
    // ok: rust.html-format-response
    Html(format!("<blockquote>{}</blockquote>", shown))
}
