// Values handed to another task over a channel: the task reading the queue sends each job, the
// worker it spawned receives it and runs it. What the worker does with a received value is
// reported when a source's data was sent; a value it checks or converts after receiving is not.
use futures::StreamExt;
use serde::Deserialize;
use std::sync::mpsc as std_mpsc;
use tokio::sync::mpsc;

#[derive(Deserialize)]
struct Delivery {
    callback_url: String,
    report: String,
    attempts: String,
}

async fn deliver(http: reqwest::Client, mut jobs: mpsc::Receiver<Delivery>) {
    while let Some(job) = jobs.recv().await {
        // ruleid: rust.ssrf
        let _ = http.post(job.callback_url.as_str()).send().await;
        let tries: u32 = job.attempts.parse().unwrap_or(1);
        // ok: rust.path-traversal
        let _ = tokio::fs::read(format!("/srv/reports/{tries}.pdf")).await;
    }
}

fn archive(reports: std_mpsc::Receiver<String>) {
    while let Ok(name) = reports.recv() {
        // ruleid: rust.path-traversal
        let _ = std::fs::remove_file(format!("/srv/reports/{name}"));
        if name.chars().all(|c| c.is_ascii_alphanumeric()) {
            // ok: rust.path-traversal
            let _ = std::fs::remove_file(format!("/srv/reports/{name}.pdf"));
        }
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let (tx, rx) = mpsc::channel(64);
    let (done_tx, done_rx) = std_mpsc::channel();
    tokio::spawn(deliver(reqwest::Client::new(), rx));
    std::thread::spawn(move || archive(done_rx));
    let nc = async_nats::connect("nats://127.0.0.1:4222").await?;
    let mut sub = nc.subscribe("reports.ready").await?;
    while let Some(msg) = sub.next().await {
        if let Ok(job) = serde_json::from_slice::<Delivery>(&msg.payload) {
            done_tx.send(job.report.clone())?;
            tx.send(job).await?;
        }
    }
    Ok(())
}
