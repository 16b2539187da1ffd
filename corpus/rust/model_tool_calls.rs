// Tool calls read off a chat completion's JSON and acted on.
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
struct BrowseArgs {
    url: String,
}

pub async fn dispatch(http: &reqwest::Client, model_message: &Value) -> anyhow::Result<Vec<String>> {
    let mut outputs = Vec::new();
    let calls = model_message["tool_calls"].as_array().cloned().unwrap_or_default();
    for raw in calls {
        let args: BrowseArgs = serde_json::from_str(raw["function"]["arguments"].as_str().unwrap_or("{}"))?;
        // ruleid: rust.ssrf
        outputs.push(http.get(&args.url).send().await?.text().await?);
    }
    Ok(outputs)
}

pub async fn health(http: &reqwest::Client, model_message: &Value) -> anyhow::Result<String> {
    let steps = model_message["steps"].as_array().map(|s| s.len()).unwrap_or(0);
    // ok: rust.ssrf
    let body = http.get("https://status.example.com/health").send().await?.text().await?;
    Ok(format!("{steps} {body}"))
}
