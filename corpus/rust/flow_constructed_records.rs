// An object made by its type's `new` (a struct literal of `Self`) keeps each field's own value
// in its methods: the file is written under a server-made id, the client's name is metadata.
use axum::extract::Multipart;
use std::path::{Path, PathBuf};
use uuid::Uuid;

const UPLOADS: &str = "/srv/uploads";

// What the client is told: here `id` is text, so the name alone does not say `Pending::id` is.
pub struct Stored {
    pub id: String,
    pub original_name: String,
}

struct Pending {
    id: Uuid,
    original_name: String,
    data: Vec<u8>,
}

impl Pending {
    fn new(original_name: String, data: Vec<u8>) -> Self {
        Self { id: Uuid::new_v4(), original_name, data }
    }

    fn destination(&self, dir: &Path) -> PathBuf {
        dir.join(format!("{}.bin", self.id))
    }

    fn named_destination(&self, dir: &Path) -> PathBuf {
        dir.join(&self.original_name)
    }

    async fn persist(&self, dir: &Path) -> std::io::Result<()> {
        // ok: rust.path-traversal
        tokio::fs::write(self.destination(dir), &self.data).await
    }

    async fn persist_named(&self, dir: &Path) -> std::io::Result<()> {
        // ruleid: rust.path-traversal
        tokio::fs::write(self.named_destination(dir), &self.data).await
    }
}

pub async fn upload(mut multipart: Multipart) -> Result<Vec<Stored>, String> {
    let mut out = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(|e| e.to_string())? {
        let name = field.file_name().unwrap_or("unnamed").to_owned();
        let data = field.bytes().await.map_err(|e| e.to_string())?.to_vec();
        let pending = Pending::new(name, data);
        pending.persist(Path::new(UPLOADS)).await.map_err(|e| e.to_string())?;
        pending.persist_named(Path::new(UPLOADS)).await.map_err(|e| e.to_string())?;
        out.push(Stored { id: pending.id.to_string(), original_name: pending.original_name.clone() });
    }
    Ok(out)
}
