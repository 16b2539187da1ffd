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

#[derive(serde::Deserialize)]
struct Snapshot {
    items: Vec<String>,
}

// Rocket's `Data<'_>` is the request body, unlike actix-web's `web::Data<State>`.
#[post("/restore", data = "<data>")]
async fn restore(data: rocket::data::Data<'_>) -> String {
    use rocket::data::ToByteUnit;
    let raw = data.open(2.mebibytes()).into_bytes().await.unwrap().into_inner();
    // ruleid: rust.bincode-unbounded-deserialize
    let snap: Snapshot = bincode::deserialize(&raw).unwrap();
    snap.items.join(",")
}

fn count_lines(file: &str) -> String {
    let mut c = std::process::Command::new("sh");
    c.arg("-c");
    // ruleid: rust.shell-command-injection
    c.arg(format!("wc -l {}", file));
    let out = c.output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn disk_free() -> String {
    let mut c = std::process::Command::new("sh");
    c.arg("-c");
    // ok: rust.shell-command-injection
    c.arg("df -h /");
    let out = c.output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[get("/lines?<file>")]
fn lines(file: String) -> String {
    format!("{}{}", count_lines(&file), disk_free())
}
