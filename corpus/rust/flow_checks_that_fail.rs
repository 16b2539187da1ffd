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

// How a command line starts keeps nothing out of a shell: `src/x; rm -rf ~` starts with `src/`.
#[derive(Deserialize)]
pub struct Lint {
    file: String,
}

pub async fn lint(Query(l): Query<Lint>) -> String {
    if !l.file.starts_with("src/") {
        return String::from("only files under src/");
    }
    // ruleid: rust.shell-command-injection
    let out = std::process::Command::new("sh").arg("-c").arg(format!("cargo clippy -- {}", l.file)).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub async fn lint_args(Query(l): Query<Lint>) -> String {
    if !l.file.starts_with("src/") {
        return String::from("only files under src/");
    }
    // ok: rust.shell-command-injection
    let out = std::process::Command::new("cargo").args(["clippy", "--", &l.file]).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

// A host's start without the `/` after it: `https://cdn.example.org.evil.example/` has it.
const CDN: &str = "https://cdn.example.org";
const CDN_ROOT: &str = "https://cdn.example.org/";

#[derive(Deserialize)]
pub struct Avatar {
    src: String,
}

pub async fn avatar(Query(a): Query<Avatar>) -> Vec<u8> {
    if !a.src.starts_with(CDN) {
        return Vec::new();
    }
    // ruleid: rust.ssrf
    reqwest::get(&a.src).await.unwrap().bytes().await.unwrap().to_vec()
}

pub async fn avatar_rooted(Query(a): Query<Avatar>) -> Vec<u8> {
    if !a.src.starts_with(CDN_ROOT) {
        return Vec::new();
    }
    // ok: rust.ssrf
    reqwest::get(&a.src).await.unwrap().bytes().await.unwrap().to_vec()
}
