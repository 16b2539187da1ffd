// A check of every element (`parts.iter().all(|p| SEGMENT.is_match(p))`) vouches for the
// collection: where it holds, each part is what the check lets through.
use axum::extract::Path;
use once_cell::sync::Lazy;
use regex::Regex;

static SEGMENT: Lazy<Regex> = Lazy::new(|| Regex::new(r"^[a-z0-9][a-z0-9-]*$").unwrap());

pub async fn doc(Path(rest): Path<String>) -> std::io::Result<String> {
    let parts: Vec<&str> = rest.split('/').collect();
    if !parts.iter().all(|p| SEGMENT.is_match(p)) {
        return Ok(String::new());
    }
    // ok: rust.path-traversal
    std::fs::read_to_string(format!("/srv/docs/{}.md", parts.join("/")))
}

pub async fn raw(Path(rest): Path<String>) -> std::io::Result<String> {
    let parts: Vec<&str> = rest.split('/').collect();
    if !parts.iter().all(|p| !p.is_empty()) {
        return Ok(String::new());
    }
    // ruleid: rust.path-traversal
    std::fs::read_to_string(format!("/srv/docs/{}", parts.join("/")))
}

pub async fn page(Path(names): Path<Vec<String>>) -> std::io::Result<String> {
    if names.iter().all(|n| SEGMENT.is_match(n)) {
        // ok: rust.path-traversal
        return std::fs::read_to_string(format!("/srv/docs/{}", names.join("/")));
    }
    // ruleid: rust.path-traversal
    std::fs::read_to_string(format!("/srv/docs/{}", names.join("/")))
}
