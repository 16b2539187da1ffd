// Program arguments given as an array of references (`.args(["log", &q.rev])`), from a handler
// and from a worker fed through a channel.
use axum::extract::{Json, Query, State};
use tokio::process::Command;
use tokio::sync::mpsc;

pub struct LogQuery {
    pub rev: String,
}

pub struct CheckRequest {
    pub host: String,
}

pub async fn log(Query(q): Query<LogQuery>) -> Vec<u8> {
    Command::new("git")
        // ruleid: rust.argument-injection
        .args(["log", "--oneline", &q.rev])
        .output()
        .await
        .map(|o| o.stdout)
        .unwrap_or_default()
}

pub async fn log_after_options(Query(q): Query<LogQuery>) -> Vec<u8> {
    Command::new("git")
        // ok: rust.argument-injection
        .args(["log", "--oneline", "--", &q.rev])
        .output()
        .await
        .map(|o| o.stdout)
        .unwrap_or_default()
}

pub async fn request_check(State(jobs): State<mpsc::Sender<String>>, Json(req): Json<CheckRequest>) {
    let _ = jobs.send(req.host).await;
}

pub async fn uptime_worker(mut rx: mpsc::Receiver<String>) {
    while let Some(host) = rx.recv().await {
        let _ = Command::new("ssh")
            // ruleid: rust.argument-injection
            .args(["-o", "BatchMode=yes", &host, "uptime"])
            .output()
            .await;
        let _ = Command::new("ssh")
            // ok: rust.argument-injection
            .args(["-o", "BatchMode=yes", "--", &host, "uptime"])
            .output()
            .await;
        let _ = Command::new("ping")
            // ok: rust.argument-injection
            .args(["-c", "1", &host])
            .output()
            .await;
    }
}
