// Records kept whole: a struct literal keeps each field's value.
use axum::extract::Query;
use std::collections::HashMap;

struct Delivery {
    event: String,
    target: String,
}

pub async fn deliver(Query(q): Query<HashMap<String, String>>) -> String {
    let delivery = Delivery {
        event: q.get("event").cloned().unwrap_or_default(),
        target: "https://hooks.example.com/in".to_string(),
    };
    // ok: rust.ssrf
    let sent = reqwest::get(&delivery.target).await.unwrap().text().await.unwrap();
    // ruleid: rust.ssrf
    let echoed = reqwest::get(&delivery.event).await.unwrap().text().await.unwrap();
    sent + &echoed
}
