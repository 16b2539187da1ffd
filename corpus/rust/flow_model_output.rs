// An operations "agent" on async-openai: the model's answer reaches a shell, SQL, an outgoing request,
// a file and an HTML page; each twin uses a constant, parses the answer into a number or escapes it.
use async_openai::config::OpenAIConfig;
use async_openai::types::CreateChatCompletionRequest;
use async_openai::Client;
use axum::response::Html;
use sqlx::PgPool;
use std::process::Command;

const STATUS_URL: &str = "https://status.example.com/api/health";
const REPORTS: &str = "/srv/reports";

pub async fn run_suggestion(
    client: &Client<OpenAIConfig>,
    request: CreateChatCompletionRequest,
) -> std::io::Result<()> {
    let response = client.chat().create(request).await.unwrap();
    let script = response.choices[0].message.content.clone().unwrap_or_default();
    // ruleid: rust.shell-command-injection
    Command::new("sh").arg("-c").arg(&script).status()?;
    Ok(())
}

pub async fn run_uptime(
    client: &Client<OpenAIConfig>,
    request: CreateChatCompletionRequest,
) -> std::io::Result<()> {
    let response = client.chat().create(request).await.unwrap();
    let lines = response.choices[0].message.content.clone().unwrap_or_default().parse::<u32>().unwrap_or(5);
    let script = format!("uptime | head -n {lines}");
    // ok: rust.shell-command-injection
    Command::new("sh").arg("-c").arg(&script).status()?;
    Ok(())
}

pub async fn count_rows(
    client: &Client<OpenAIConfig>,
    request: CreateChatCompletionRequest,
    pool: &PgPool,
) -> usize {
    let response = client.chat().create(request).await.unwrap();
    let first = response.choices[0].message.content.clone().unwrap_or_default();
    let second = format!("WHERE {first}");
    let third = format!("SELECT id FROM orders {second}");
    // ruleid: rust.sql-format-query
    sqlx::query(&third).fetch_all(pool).await.unwrap().len()
}

pub async fn count_recent(
    client: &Client<OpenAIConfig>,
    request: CreateChatCompletionRequest,
    pool: &PgPool,
) -> usize {
    let response = client.chat().create(request).await.unwrap();
    let first = response.choices[0].message.content.clone().unwrap_or_default().parse::<u32>().unwrap_or(7);
    let second = format!("WHERE age_days < {first}");
    let third = format!("SELECT id FROM orders {second}");
    // ok: rust.sql-format-query
    sqlx::query(&third).fetch_all(pool).await.unwrap().len()
}

pub async fn check_link(
    client: &Client<OpenAIConfig>,
    request: CreateChatCompletionRequest,
) -> u16 {
    let response = client.chat().create(request).await.unwrap();
    let url = response.choices[0].message.content.clone().unwrap_or_default();
    // ruleid: rust.ssrf
    reqwest::get(&url).await.unwrap().status().as_u16()
}

pub async fn check_status(
    client: &Client<OpenAIConfig>,
    request: CreateChatCompletionRequest,
) -> u16 {
    let response = client.chat().create(request).await.unwrap();
    let _summary = response.choices[0].message.content.clone().unwrap_or_default();
    let url = STATUS_URL;
    // ok: rust.ssrf
    reqwest::get(url).await.unwrap().status().as_u16()
}

pub async fn read_report(
    client: &Client<OpenAIConfig>,
    request: CreateChatCompletionRequest,
) -> String {
    let response = client.chat().create(request).await.unwrap();
    let name = response.choices[0].message.content.clone().unwrap_or_default();
    // ruleid: rust.path-traversal
    std::fs::read_to_string(format!("{REPORTS}/{name}")).unwrap_or_default()
}

pub async fn read_daily_report(
    client: &Client<OpenAIConfig>,
    request: CreateChatCompletionRequest,
) -> String {
    let response = client.chat().create(request).await.unwrap();
    let day = response.choices[0].message.content.clone().unwrap_or_default().parse::<u8>().unwrap_or(1);
    // ok: rust.path-traversal
    std::fs::read_to_string(format!("{REPORTS}/day-{day}.csv")).unwrap_or_default()
}

pub async fn answer_page(
    client: &Client<OpenAIConfig>,
    request: CreateChatCompletionRequest,
) -> Html<String> {
    let response = client.chat().create(request).await.unwrap();
    let answer = response.choices[0].message.content.clone().unwrap_or_default();
    // ruleid: rust.html-format-response
    Html(format!("<article>{answer}</article>"))
}

pub async fn answer_page_escaped(
    client: &Client<OpenAIConfig>,
    request: CreateChatCompletionRequest,
) -> Html<String> {
    let response = client.chat().create(request).await.unwrap();
    let answer = html_escape::encode_text(&response.choices[0].message.content.clone().unwrap_or_default()).to_string();
    // ok: rust.html-format-response
    Html(format!("<article>{answer}</article>"))
}
