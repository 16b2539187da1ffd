// Worker inputs: a Redis list popped with a raw command, an async-nats message's payload, and
// the tool calls a model asked for (async-openai's `ChatCompletionMessageToolCall`), however the
// calls reached the function that runs them.
use async_openai::types::ChatCompletionMessageToolCall;
use futures::StreamExt;
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Deserialize)]
struct ReadArgs {
    path: String,
}

async fn next_export(conn: &mut redis::aio::MultiplexedConnection) -> redis::RedisResult<()> {
    let (_, name): (String, String) = redis::cmd("BRPOP").arg("exports").arg(0).query_async(conn).await?;
    // ruleid: rust.path-traversal
    let _ = tokio::fs::read(format!("/srv/exports/{name}")).await;
    Ok(())
}

async fn export_count(conn: &mut redis::aio::MultiplexedConnection) -> redis::RedisResult<()> {
    let count: String = redis::cmd("LLEN").arg("exports").query_async(conn).await?;
    // ok: rust.path-traversal
    let _ = tokio::fs::read(format!("/srv/exports/{count}")).await;
    Ok(())
}

async fn callbacks(nc: async_nats::Client, http: reqwest::Client) -> anyhow::Result<()> {
    let mut sub = nc.subscribe("payments.status").await?;
    while let Some(msg) = sub.next().await {
        let url = String::from_utf8_lossy(&msg.payload).to_string();
        // ruleid: rust.ssrf
        let _ = http.post(url.as_str()).send().await;
        // ok: rust.ssrf
        let _ = http.post("https://hooks.example.com/payments").body(msg.subject.to_string()).send().await;
    }
    Ok(())
}

struct NotesTools {
    root: PathBuf,
}

impl NotesTools {
    fn handle(&self, call: &ChatCompletionMessageToolCall) -> String {
        match serde_json::from_str::<ReadArgs>(&call.function.arguments) {
            // ruleid: rust.path-traversal
            Ok(args) => std::fs::read_to_string(self.root.join(&args.path)).unwrap_or_default(),
            Err(e) => format!("invalid arguments: {e}"),
        }
    }

    fn describe(&self, call: &ChatCompletionMessageToolCall) -> String {
        let _ = &call.id;
        // ok: rust.path-traversal
        std::fs::read_to_string(self.root.join("README.md")).unwrap_or_default()
    }
}

fn main() {
    let tools = NotesTools { root: PathBuf::from("/home/notes") };
    let raw = std::fs::read_to_string("pending_calls.json").unwrap_or_default();
    let calls: Vec<ChatCompletionMessageToolCall> = serde_json::from_str(&raw).unwrap_or_default();
    for call in &calls {
        println!("{} {}", tools.handle(call), tools.describe(call));
    }
}
