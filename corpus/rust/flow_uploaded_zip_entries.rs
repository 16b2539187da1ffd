//! A zip uploaded in the request body, extracted: the entry's raw name is the uploader's path
//! (the archive rule's finding); the name `enclosed_name()` vouches for is not.
use axum::body::Bytes;
use std::fs;
use std::io::Cursor;
use std::path::Path;
use zip::ZipArchive;

fn extract(bytes: &[u8], dest: &Path) -> zip::result::ZipResult<()> {
    let mut archive = ZipArchive::new(Cursor::new(bytes))?;
    for i in 0..archive.len() {
        let entry = archive.by_index(i)?;
        let Some(relative) = entry.enclosed_name() else {
            continue;
        };
        let out_path = dest.join(relative);
        // ok: rust.path-traversal
        fs::create_dir_all(&out_path)?;
        let raw = dest.join(entry.name());
        // ruleid: rust.archive-entry-path
        fs::create_dir_all(&raw)?;
    }
    Ok(())
}

pub async fn install(body: Bytes) -> &'static str {
    let _ = extract(&body, Path::new("/srv/extensions"));
    "ok"
}
