// A page built with setters that take and return `self` (`ErrorPage::new().detail(x)`): the
// chain is still an `ErrorPage`, so what a setter stored reaches the HTML its `render` writes. A
// setter that escapes what it keeps (`Banner::set_text`) keeps nothing an HTML sink fears.
use axum::extract::Query;
use axum::response::Html;
use std::collections::HashMap;

pub struct ErrorPage {
    title: String,
    detail: String,
}

impl ErrorPage {
    pub fn new(title: &str) -> Self {
        Self { title: title.to_string(), detail: String::new() }
    }

    pub fn detail(mut self, detail: &str) -> Self {
        self.detail = detail.to_string();
        self
    }

    pub fn render(&self) -> String {
        format!("<h1>{}</h1><p>{}</p>", self.title, self.detail)
    }
}

pub struct Banner {
    text: String,
}

impl Banner {
    pub fn new() -> Self {
        Self { text: String::new() }
    }

    pub fn text(mut self, text: &str) -> Self {
        self.text = html_escape::encode_text(text).to_string();
        self
    }

    pub fn set_text(&mut self, text: &str) {
        self.text = html_escape::encode_text(text).to_string();
    }

    pub fn render(&self) -> String {
        format!("<div class=\"banner\">{}</div>", self.text)
    }
}

pub async fn not_found(Query(q): Query<HashMap<String, String>>) -> Html<String> {
    let page = ErrorPage::new("Not found").detail(&q["path"]);
    // ruleid: rust.html-format-response
    Html(page.render())
}

pub async fn banner(Query(q): Query<HashMap<String, String>>) -> Html<String> {
    let banner = Banner::new().text(&q["message"]);
    // ok: rust.html-format-response
    Html(banner.render())
}

pub async fn banner_set(Query(q): Query<HashMap<String, String>>) -> Html<String> {
    let mut banner = Banner::new();
    banner.set_text(&q["message"]);
    // ok: rust.html-format-response
    Html(banner.render())
}
