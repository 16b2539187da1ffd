// A model's answer fetched with plain reqwest from a model provider's API is model output,
// whether `.json()` is chained on the request or called on the response bound to a name; the
// same call to another service's API is that service's data.
use serde::Deserialize;

const STATUS_URL: &str = "https://status.example.com/api/mirror";

#[derive(Deserialize)]
struct Reply {
    url: String,
}

pub async fn fetch_suggested(client: &reqwest::Client, prompt: &str) -> reqwest::Result<String> {
    let reply: Reply = client
        .post("https://api.openai.com/v1/chat/completions")
        .json(&serde_json::json!({ "model": "gpt-4o-mini", "input": prompt }))
        .send()
        .await?
        .json()
        .await?;
    // ruleid: rust.ssrf
    reqwest::get(&reply.url).await?.text().await
}

pub async fn fetch_mirror(client: &reqwest::Client) -> reqwest::Result<String> {
    let reply: Reply = client.get(STATUS_URL).send().await?.json().await?;
    // ok: rust.ssrf
    reqwest::get(&reply.url).await?.text().await
}

pub async fn fetch_named(client: &reqwest::Client, prompt: &str) -> reqwest::Result<String> {
    let response = client
        .post("https://api.anthropic.com/v1/messages")
        .json(&serde_json::json!({ "prompt": prompt }))
        .send()
        .await?;
    let url = response.text().await?;
    // ruleid: rust.ssrf
    reqwest::get(url.trim()).await?.text().await
}

pub async fn fetch_named_mirror(client: &reqwest::Client) -> reqwest::Result<String> {
    let response = client.get(STATUS_URL).send().await?;
    let url = response.text().await?;
    // ok: rust.ssrf
    reqwest::get(url.trim()).await?.text().await
}
