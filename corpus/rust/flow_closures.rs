// Closures that use the handler's extracted values.
use axum::extract::Query;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct Params {
    name: String,
    url: String,
}

async fn export(Query(p): Query<Params>) -> Vec<u8> {
    let name = p.name.clone();
    let read = move || {
        // ruleid: rust.path-traversal
        std::fs::read(Path::new("/srv/exports").join(&name)).unwrap_or_default()
    };
    tokio::task::spawn_blocking(read).await.unwrap()
}

async fn export_safe(Query(p): Query<Params>) -> Vec<u8> {
    let name = Path::new(&p.name).file_name().unwrap().to_owned();
    let read = move || {
        // ok: rust.path-traversal
        std::fs::read(Path::new("/srv/exports").join(&name)).unwrap_or_default()
    };
    tokio::task::spawn_blocking(read).await.unwrap()
}

async fn ping(Query(p): Query<Params>) -> String {
    let url = p.url;
    let fetch = |u: &str| reqwest::get(u.to_string());
    // ruleid: rust.ssrf
    let direct = reqwest::get(&url);
    let _ = direct.await;
    let retry = || {
        // ruleid: rust.ssrf
        reqwest::get(&url)
    };
    let _ = retry().await;
    let status = || {
        // ok: rust.ssrf
        reqwest::get("https://status.example.com/health")
    };
    let _ = fetch("https://status.example.com/");
    status().await.map(|r| r.status().to_string()).unwrap_or_default()
}

// Multipart uploads: the file name comes from the client.
async fn upload(mut multipart: axum::extract::Multipart) -> Result<(), String> {
    while let Some(field) = multipart.next_field().await.map_err(|e| e.to_string())? {
        let name = field.file_name().unwrap_or("upload.bin").to_string();
        let data = field.bytes().await.map_err(|e| e.to_string())?;
        // ruleid: rust.path-traversal
        tokio::fs::write(Path::new("/srv/uploads").join(&name), &data).await.map_err(|e| e.to_string())?;
    }
    Ok(())
}

async fn upload_named(mut multipart: axum::extract::Multipart) -> Result<(), String> {
    let mut count = 0u32;
    while let Some(field) = multipart.next_field().await.map_err(|e| e.to_string())? {
        let data = field.bytes().await.map_err(|e| e.to_string())?;
        count += 1;
        // ok: rust.path-traversal
        tokio::fs::write(Path::new("/srv/uploads").join(format!("{count}.bin")), &data).await.map_err(|e| e.to_string())?;
    }
    Ok(())
}

// A hyper handler that dispatches on the path: each arm's block runs with the request's values.
async fn dispatch(req: hyper::Request<hyper::body::Incoming>) -> String {
    let query = req.uri().query().unwrap_or("").to_string();
    match req.uri().path() {
        "/fetch" => {
            let target = query.trim_start_matches("url=").to_string();
            // ruleid: rust.ssrf
            let body = reqwest::get(&target).await.unwrap().text().await.unwrap();
            body
        }
        "/status" => {
            let target = "https://status.example.com/health".to_string();
            // ok: rust.ssrf
            let body = reqwest::get(&target).await.unwrap().text().await.unwrap();
            body
        }
        _ => String::new(),
    }
}
