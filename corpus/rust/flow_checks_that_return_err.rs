// Check helpers that reject with `Err`: they vouch only where the caller lets the error stop it.
// Also a containment check after async-std's `canonicalize`, and a host compared with the
// program's own parsed address.
use axum::extract::{Form, Query};
use axum::response::Redirect;
use std::collections::HashMap;
use std::path::PathBuf;
use url::Url;

const APP_ORIGIN: &str = "https://app.example.com";

fn check_name(name: &str) -> Result<(), String> {
    if name.contains("..") || name.starts_with('/') {
        return Err("bad name".into());
    }
    Ok(())
}

async fn download(Query(q): Query<HashMap<String, String>>) -> Result<Vec<u8>, String> {
    let name = q.get("file").cloned().unwrap_or_default();
    check_name(&name)?;
    // ok: rust.path-traversal
    std::fs::read(format!("/srv/files/{}", name)).map_err(|e| e.to_string())
}

async fn download_unchecked(Query(q): Query<HashMap<String, String>>) -> Result<Vec<u8>, String> {
    let name = q.get("file").cloned().unwrap_or_default();
    let _ = check_name(&name);
    // ruleid: rust.path-traversal
    std::fs::read(format!("/srv/files/{}", name)).map_err(|e| e.to_string())
}

async fn inside(base: &PathBuf, name: &str) -> Option<PathBuf> {
    let base = async_std::fs::canonicalize(base).await.ok()?;
    let resolved: PathBuf = async_std::fs::canonicalize(base.join(name)).await.ok()?;
    resolved.starts_with(&base).then_some(resolved)
}

async fn attachment(Query(q): Query<HashMap<String, String>>) -> Option<String> {
    let name = q.get("name")?;
    let path = inside(&PathBuf::from("/srv/attachments"), name).await?;
    // ok: rust.path-traversal
    async_std::fs::read_to_string(&path).await.ok()
}

#[derive(serde::Deserialize)]
struct Next {
    next: String,
}

fn local(next: &str) -> String {
    let origin = Url::parse(APP_ORIGIN).expect("origin");
    match origin.join(next) {
        Ok(u) if u.host_str() == origin.host_str() => u.to_string(),
        _ => "/".to_string(),
    }
}

async fn after_login(Form(form): Form<Next>) -> Redirect {
    // ok: rust.open-redirect
    Redirect::to(&local(&form.next))
}

async fn after_logout(Form(form): Form<Next>) -> Redirect {
    let target = Url::parse(APP_ORIGIN).expect("origin").join(&form.next).unwrap();
    // ruleid: rust.open-redirect
    Redirect::to(target.as_str())
}
