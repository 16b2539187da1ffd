// File operations beyond reading and writing (create, copy, move, list, remove) on paths the
// caller names, in std::fs and tokio::fs.
use axum::extract::{Multipart, Path, Query};
use std::collections::HashMap;

pub async fn store(mut multipart: Multipart) -> &'static str {
    while let Some(field) = multipart.next_field().await.unwrap() {
        let name = field.file_name().unwrap_or("upload.bin").to_string();
        // ruleid: rust.path-traversal
        let _file = tokio::fs::File::create(format!("/srv/uploads/{}", name)).await;
        // ok: rust.path-traversal
        let _copy = tokio::fs::File::create("/srv/uploads/latest.bin").await;
    }
    "ok"
}

pub async fn clear_cache(Path(name): Path<String>) -> &'static str {
    // ruleid: rust.path-traversal
    let _ = tokio::fs::remove_dir_all(format!("/srv/cache/{}", name)).await;
    let id: u64 = name.parse().unwrap_or(0);
    // ok: rust.path-traversal
    let _ = tokio::fs::remove_dir_all(format!("/srv/cache/{}", id)).await;
    "ok"
}

pub async fn archive(Query(q): Query<HashMap<String, String>>) -> &'static str {
    let from = q.get("from").cloned().unwrap_or_default();
    // ruleid: rust.path-traversal
    let _ = std::fs::rename(format!("/srv/docs/{from}"), "/srv/archive/doc");
    let safe = std::path::Path::new(&from).file_name().map(|n| n.to_owned()).unwrap_or_default();
    // ok: rust.path-traversal
    let _ = std::fs::rename(std::path::Path::new("/srv/docs").join(&safe), "/srv/archive/doc");
    "ok"
}

pub async fn listing(Query(q): Query<HashMap<String, String>>) -> String {
    let dir = match q.get("dir") {
        // ruleid: rust.path-traversal
        Some(d) => std::fs::read_dir(format!("/srv/shared/{d}")).map(|e| e.count()).unwrap_or(0),
        // ok: rust.path-traversal
        None => std::fs::read_dir("/srv/shared").map(|e| e.count()).unwrap_or(0),
    };
    dir.to_string()
}
