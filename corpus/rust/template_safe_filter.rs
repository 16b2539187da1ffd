// Templates written in the source that mark a value safe, next to the same templates escaping it.
use askama::Template;
use tera::{Context, Tera};

#[derive(Template)]
#[template(
    // ruleid: rust.template-safe-filter
    source = r#"<section>{% for c in comments %}<div class="body">{{ c.body|safe }}</div>{% endfor %}</section>"#,
    ext = "html"
)]
pub struct Comments {
    pub comments: Vec<Comment>,
}

#[derive(Template)]
#[template(
    // ok: rust.template-safe-filter
    source = r#"<section>{% for c in comments %}<div class="body">{{ c.body }}</div>{% endfor %}</section>"#,
    ext = "html"
)]
pub struct CommentsEscaped {
    pub comments: Vec<Comment>,
}

pub struct Comment {
    pub body: String,
}

pub fn templates() -> tera::Result<Tera> {
    let mut tera = Tera::default();
    tera.add_raw_template(
        "notice.html",
        // ruleid: rust.template-safe-filter
        r#"<div class="notice">{{ notice.text | safe }}</div>"#,
    )?;
    tera.add_raw_template(
        "banner.html",
        // ok: rust.template-safe-filter
        r#"<div class="banner">{{ banner.text }}</div>"#,
    )?;
    Ok(tera)
}

pub fn one_off(text: &str) -> tera::Result<String> {
    let mut ctx = Context::new();
    ctx.insert("text", text);
    // ruleid: rust.template-safe-filter
    Tera::one_off("<p>{{ text|safe }}</p>", &ctx, true)
}

pub fn one_off_escaped(text: &str) -> tera::Result<String> {
    let mut ctx = Context::new();
    ctx.insert("text", text);
    // ok: rust.template-safe-filter
    Tera::one_off("<p>{{ text }}</p>", &ctx, true)
}

pub fn mini(env: &mut minijinja::Environment<'static>) -> Result<(), minijinja::Error> {
    // ruleid: rust.template-safe-filter
    env.add_template("bio.html", "<div>{{ user.bio|safe }}</div>")?;
    // ok: rust.template-safe-filter
    env.add_template("name.html", "<div>{{ user.name }}</div>")
}
