// A service of this file received by a handler through its type (`State<Notifier>`,
// `web::Data<Store>`): its methods are followed with the handler's arguments.
use axum::{extract::{Json, State}, http::StatusCode};
use serde::Deserialize;

#[derive(Clone)]
pub struct Notifier {
    http: reqwest::Client,
}

#[derive(Deserialize)]
pub struct Subscription {
    callback_url: String,
    event: String,
}

impl Notifier {
    pub async fn ping(&self, url: &str) -> reqwest::Result<StatusCode> {
        // ruleid: rust.ssrf
        let r = self.http.post(url).send().await?;
        Ok(r.status())
    }

    pub async fn announce(&self, event: &str) -> reqwest::Result<StatusCode> {
        let url = format!("https://events.example.com/hooks/{event}");
        // ok: rust.ssrf
        let r = self.http.post(&url).send().await?;
        Ok(r.status())
    }
}

pub async fn subscribe(State(n): State<Notifier>, Json(sub): Json<Subscription>) -> StatusCode {
    n.ping(&sub.callback_url).await.unwrap_or(StatusCode::BAD_GATEWAY)
}

pub async fn announce(State(n): State<Notifier>, Json(sub): Json<Subscription>) -> StatusCode {
    n.announce(&sub.event).await.unwrap_or(StatusCode::BAD_GATEWAY)
}
