// A channel that only carries the program's own values: a timer task sends the names of the
// reports it schedules, and the worker receiving them reads those files. Nothing a caller
// chose travels on it, so nothing is reported.
use std::time::Duration;
use tokio::sync::mpsc;

const REPORTS: [&str; 2] = ["daily", "weekly"];

async fn render(mut names: mpsc::UnboundedReceiver<&'static str>, http: reqwest::Client) {
    while let Some(name) = names.recv().await {
        // ok: rust.path-traversal
        let _ = tokio::fs::read(format!("/srv/reports/{name}.pdf")).await;
        // ok: rust.ssrf
        let _ = http.post(format!("https://reports.example.com/{name}")).send().await;
    }
}

#[tokio::main]
async fn main() {
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(render(rx, reqwest::Client::new()));
    let args: Vec<String> = std::env::args().collect();
    println!("started with {} arguments", args.len());
    loop {
        for name in REPORTS {
            let _ = tx.send(name);
        }
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
}
