// Handlers that build a small service struct of this file and call its methods: the request's
// values enter the method's parameters, and a struct built from them enters as `self`.
use axum::extract::{Json, Query};
use serde::Deserialize;

pub struct Archive {
    root: String,
}

impl Archive {
    pub fn new(root: &str) -> Self {
        Archive { root: root.to_string() }
    }

    pub fn read(&self, name: &str) -> std::io::Result<String> {
        // ruleid: rust.path-traversal
        std::fs::read_to_string(format!("{}/{}", self.root, name))
    }

    pub fn read_index(&self) -> std::io::Result<String> {
        // ok: rust.path-traversal
        std::fs::read_to_string(format!("{}/index.txt", self.root))
    }
}

pub struct LinkClient {
    http: reqwest::Client,
    base: String,
}

impl LinkClient {
    pub async fn title(&self, link: &str) -> String {
        // ruleid: rust.ssrf
        let body = self.http.get(link).send().await.unwrap().text().await.unwrap();
        body.chars().take(80).collect()
    }

    pub async fn health(&self) -> u16 {
        // ok: rust.ssrf
        self.http.get(&self.base).send().await.unwrap().status().as_u16()
    }
}

#[derive(Deserialize)]
pub struct Lookup {
    name: String,
    link: String,
    root: String,
}

pub async fn show(Query(q): Query<Lookup>) -> String {
    let archive = Archive::new("/srv/archive");
    let _ = archive.read_index();
    archive.read(&q.name).unwrap_or_default()
}

pub async fn preview(Json(q): Json<Lookup>) -> String {
    let client = LinkClient { http: reqwest::Client::new(), base: "https://status.example.com/health".into() };
    let _ = client.health().await;
    client.title(&q.link).await
}

