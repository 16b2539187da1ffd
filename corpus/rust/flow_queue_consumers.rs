// Queue consumers: a handler or another service put the job there, often straight from a
// request, so what the worker reads is as untrusted as the request.
use futures_lite::StreamExt;
use lapin::message::Delivery;
use rdkafka::message::Message;
use redis::AsyncCommands;
use std::path::Path;

#[derive(serde::Deserialize)]
struct Cleanup {
    workspace: String,
    id: u64,
}

async fn on_delivery(delivery: Delivery) -> std::io::Result<()> {
    let job: Cleanup = serde_json::from_slice(&delivery.data).unwrap();
    let dir = Path::new("/srv/workspaces").join(&job.workspace);
    // ruleid: rust.path-traversal
    std::fs::remove_dir_all(dir)?;
    // ok: rust.path-traversal
    std::fs::remove_dir_all(Path::new("/srv/workspaces").join(job.id.to_string()))
}

async fn consume(mut consumer: lapin::Consumer) {
    while let Some(Ok(delivery)) = consumer.next().await {
        let _ = on_delivery(delivery).await;
    }
}

async fn on_record(msg: rdkafka::message::BorrowedMessage<'_>, client: &reqwest::Client) {
    let Some(Ok(url)) = msg.payload_view::<str>() else {
        return;
    };
    // ruleid: rust.ssrf
    let _ = client.get(url).send().await;
}

async fn drain(conn: &mut redis::aio::MultiplexedConnection) -> redis::RedisResult<()> {
    let item: Option<(String, String)> = conn.brpop("exports", 5.0).await?;
    if let Some((_, name)) = item {
        // ruleid: rust.path-traversal
        let _ = std::fs::read(format!("/srv/exports/{name}"));
    }
    Ok(())
}
