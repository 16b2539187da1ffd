//! A page type of this file whose `render()` builds markup from what it was made of: its own
//! method, followed like a helper, is no template engine's escaping `render`. A Rocket error
//! catcher's request is the caller's, and a method it calls on `self` inside `format!` returns
//! what the object holds.
use rocket::http::Status;
use rocket::response::content::RawHtml;
use rocket::{catch, Request};

pub struct NotFoundPage {
    requested: String,
}

impl NotFoundPage {
    pub fn for_path(path: &str) -> Self {
        NotFoundPage {
            requested: path.to_owned(),
        }
    }

    fn body(&self) -> String {
        format!("<p>We couldn't find <code>{}</code>.</p>", self.requested)
    }

    fn escaped_body(&self) -> String {
        format!("<p>We couldn't find <code>{}</code>.</p>", html_escape::encode_text(&self.requested))
    }

    pub fn render(&self) -> RawHtml<String> {
        // ruleid: rust.html-format-response
        RawHtml(format!("<html><body>{}</body></html>", self.body()))
    }

    pub fn render_escaped(&self) -> RawHtml<String> {
        // ok: rust.html-format-response
        RawHtml(format!("<html><body>{}</body></html>", self.escaped_body()))
    }
}

#[catch(404)]
pub fn not_found(status: Status, req: &Request<'_>) -> RawHtml<String> {
    let path = req.uri().path().percent_decode_lossy().into_owned();
    let _ = status;
    NotFoundPage::for_path(&path).render()
}

#[catch(410)]
pub fn gone(req: &Request<'_>) -> RawHtml<String> {
    let path = req.uri().path().percent_decode_lossy().into_owned();
    NotFoundPage::for_path(&path).render_escaped()
}
