// Server-side templates with Tera and askama: escaping switched off, and left on.
use askama::Template;
use tera::{Context, Tera};

#[derive(Template)]
// ruleid: rust.template-autoescape-off
#[template(path = "comment.html", escape = "none")]
struct CommentPage<'a> {
    body: &'a str,
}

#[derive(Template)]
// ok: rust.template-autoescape-off
#[template(path = "comment.html")]
struct SafeCommentPage<'a> {
    body: &'a str,
}

#[derive(Template)]
// ok: rust.template-autoescape-off
#[template(path = "release-notes.txt", escape = "none")]
struct ReleaseNotes<'a> {
    text: &'a str,
}

pub fn engine() -> Tera {
    let mut tera = Tera::new("templates/**/*.html").expect("templates");
    // ruleid: rust.template-autoescape-off
    tera.autoescape_on(vec![]);
    tera
}

pub fn engine_for_html() -> Tera {
    let mut tera = Tera::new("templates/**/*").expect("templates");
    // ok: rust.template-autoescape-off
    tera.autoescape_on(vec![".html", ".htm"]);
    tera
}

pub fn render_snippet(body: &str) -> String {
    let mut context = Context::new();
    context.insert("body", body);
    // ruleid: rust.template-autoescape-off
    let raw = Tera::one_off("<div>{{ body }}</div>", &context, false).unwrap();
    // ok: rust.template-autoescape-off
    let escaped = Tera::one_off("<div>{{ body }}</div>", &context, true).unwrap();
    raw + &escaped
}

pub fn profile_engine() -> handlebars::Handlebars<'static> {
    let mut hb = handlebars::Handlebars::new();
    // ruleid: rust.template-autoescape-off
    hb.register_escape_fn(handlebars::no_escape);
    hb
}

pub fn text_engine() -> handlebars::Handlebars<'static> {
    let mut hb = handlebars::Handlebars::new();
    // ok: rust.template-autoescape-off
    hb.register_escape_fn(|s| s.replace('\n', " "));
    hb
}
