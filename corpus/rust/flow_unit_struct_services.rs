// Services written as unit structs, called on their value (`Renderer.preview(&req)`): the
// request data passed in reaches the sinks of their methods.
use axum::{extract::Json, response::Html};
use serde::Deserialize;
use tera::{Context, Tera};

#[derive(Deserialize)]
struct PreviewRequest {
    template: String,
    name: String,
}

struct Renderer;

impl Renderer {
    fn preview(&self, req: &PreviewRequest) -> String {
        let mut ctx = Context::new();
        ctx.insert("name", &req.name);
        // ruleid: rust.template-from-request
        Tera::one_off(&req.template, &ctx, true).unwrap_or_default()
    }

    fn greeting(&self, req: &PreviewRequest) -> String {
        let mut ctx = Context::new();
        ctx.insert("name", &req.name);
        // ok: rust.template-from-request
        Tera::one_off("<p>Hello {{ name }}</p>", &ctx, true).unwrap_or_default()
    }
}

async fn preview(Json(req): Json<PreviewRequest>) -> String {
    Renderer.preview(&req)
}

async fn greet(Json(req): Json<PreviewRequest>) -> Html<String> {
    let renderer = Renderer;
    Html(renderer.greeting(&req))
}
