// A shared service whose methods keep what they are given in its fields (behind a lock) and
// hand it out later: a handler storing request data in one method taints what another method
// returns to a second handler.
use axum::extract::{Json, Path, State};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

#[derive(Clone, Deserialize)]
pub struct Mirror {
    name: String,
    origin: String,
}

pub struct MirrorBook {
    origins: RwLock<HashMap<String, String>>,
    last_sync: Mutex<String>,
    regions: RwLock<Vec<String>>,
}

impl MirrorBook {
    pub fn remember(&self, m: Mirror) {
        self.origins.write().unwrap().insert(m.name, m.origin);
    }

    pub fn origin_of(&self, name: &str) -> Option<String> {
        self.origins.read().unwrap().get(name).cloned()
    }

    pub fn note_sync(&self, stamp: u64) {
        *self.last_sync.lock().unwrap() = stamp.to_string();
    }

    pub fn last_sync(&self) -> String {
        self.last_sync.lock().unwrap().clone()
    }

    pub fn add_region(&self, region: &str) {
        self.regions.write().unwrap().push(region.to_string());
    }

    pub fn first_region(&self) -> String {
        self.regions.read().unwrap().first().cloned().unwrap_or_default()
    }
}

pub async fn register(State(book): State<Arc<MirrorBook>>, Json(m): Json<Mirror>) -> &'static str {
    book.remember(m);
    book.note_sync(1_700_000_000);
    book.add_region("eu-west");
    "ok"
}

pub async fn refresh(State(book): State<Arc<MirrorBook>>, Path(slot): Path<u32>) -> Vec<u8> {
    let name = if slot == 0 { "primary" } else { "fallback" };
    let Some(origin) = book.origin_of(name) else {
        return Vec::new();
    };
    // ruleid: rust.ssrf
    let body = reqwest::get(origin).await.unwrap().bytes().await.unwrap();
    body.to_vec()
}

pub async fn status(State(book): State<Arc<MirrorBook>>) -> Vec<u8> {
    let stamp = book.last_sync();
    let region = book.first_region();
    let url = format!("https://status.example.com/{region}/since/{stamp}");
    // ok: rust.ssrf
    let body = reqwest::get(url).await.unwrap().bytes().await.unwrap();
    body.to_vec()
}
