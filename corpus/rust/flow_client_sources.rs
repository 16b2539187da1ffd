// What the client sends outside a request's query and body: the cookies of axum-extra's plain
// `CookieJar` (a signed or private jar holds only what the server set), the messages of an axum
// websocket, and a chat completion's tool calls handed to a function as the whole response.
use axum::extract::ws::{Message, WebSocket};
use axum_extra::extract::cookie::{CookieJar, SignedCookieJar};
use std::path::Path;

pub async fn avatar(jar: CookieJar) -> Vec<u8> {
    let name = jar.get("avatar").map(|c| c.value().to_string()).unwrap_or_default();
    // ruleid: rust.path-traversal
    std::fs::read(Path::new("/srv/avatars").join(&name)).unwrap_or_default()
}

pub async fn signed_avatar(jar: SignedCookieJar) -> Vec<u8> {
    let name = jar.get("avatar").map(|c| c.value().to_string()).unwrap_or_default();
    // ok: rust.path-traversal
    std::fs::read(Path::new("/srv/avatars").join(&name)).unwrap_or_default()
}

pub async fn proxy_socket(mut socket: WebSocket) {
    let http = reqwest::Client::new();
    while let Some(Ok(msg)) = socket.recv().await {
        let Message::Text(url) = msg else { continue };
        // ruleid: rust.ssrf
        let body = http.get(url.as_str()).send().await;
        // ok: rust.ssrf
        let _ = http.post("https://audit.example.com/ws").body(format!("{body:?}")).send().await;
    }
}

pub fn run_tools(root: &Path, response: &async_openai::types::CreateChatCompletionResponse) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(calls) = &response.choices[0].message.tool_calls {
        for call in calls {
            // ruleid: rust.path-traversal
            out.push(std::fs::read_to_string(root.join(&call.function.arguments)).unwrap_or_default());
            // ok: rust.path-traversal
            out.push(std::fs::read_to_string(root.join("README.md")).unwrap_or_default());
        }
    }
    out
}
