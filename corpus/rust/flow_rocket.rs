// Rocket routes: typed parameters and `PathBuf` segments are checked by the framework, strings are not.
#[macro_use]
extern crate rocket;

use rocket::fs::NamedFile;
use rocket::response::content::RawHtml;
use std::path::{Path, PathBuf};

#[get("/page/<name>")]
async fn page(name: String) -> Option<NamedFile> {
    // ruleid: rust.path-traversal
    NamedFile::open(Path::new("pages/").join(name)).await.ok()
}

#[get("/static/<file..>")]
async fn assets(file: PathBuf) -> Option<NamedFile> {
    // ok: rust.path-traversal
    NamedFile::open(Path::new("static/").join(file)).await.ok()
}

#[get("/hi?<name>")]
fn hi(name: &str) -> RawHtml<String> {
    // ruleid: rust.html-format-response
    RawHtml(format!("<b>{}</b>", name))
}

#[get("/item/<id>")]
fn item(id: u32) -> RawHtml<String> {
    // ok: rust.html-format-response
    RawHtml(format!("<b>{}</b>", id))
}
