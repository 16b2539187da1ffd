// A page assembled in an empty `String` (or `Vec`) the handler fills: constant items picked by
// what the visitor searched for stay the program's text; the search term pushed in is not.
use axum::{extract::Query, response::Html};
use html_escape::encode_text;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Search {
    q: String,
}

const TOPICS: [&str; 3] = ["billing", "shipping", "returns"];

fn matching(term: &str) -> Vec<&'static str> {
    TOPICS.iter().copied().filter(|t| t.contains(term)).collect()
}

pub async fn topics(Query(s): Query<Search>) -> Html<String> {
    let mut items = String::with_capacity(64);
    for topic in matching(&s.q) {
        items.push_str("<li>");
        items.push_str(topic);
        items.push_str("</li>");
    }
    let term = encode_text(&s.q);
    // ok: rust.html-format-response
    Html(format!("<h2>Topics for {}</h2><ul>{}</ul>", term, items))
}

pub async fn echo_topics(Query(s): Query<Search>) -> Html<String> {
    let mut items = String::new();
    items.push_str("<li>");
    items.push_str(&s.q);
    items.push_str("</li>");
    // ruleid: rust.html-format-response
    Html(format!("<h2>Topics</h2><ul>{}</ul>", items))
}

pub async fn tags(Query(s): Query<Search>) -> Html<String> {
    let mut tags = Vec::new();
    tags.push("new".to_string());
    tags.push(s.q.to_lowercase());
    // ruleid: rust.html-format-response
    Html(format!("<p>{}</p>", tags.join(", ")))
}

pub async fn fixed_tags(Query(s): Query<Search>) -> Html<String> {
    let mut tags = Vec::with_capacity(2);
    tags.push("new");
    if s.q.is_empty() {
        tags.push("popular");
    }
    // ok: rust.html-format-response
    Html(format!("<p>{}</p>", tags.join(", ")))
}
