// MongoDB filters written with bson's doc! macro.
use axum::extract::Query;
use mongodb::bson::{doc, Document};
use mongodb::Collection;
use std::collections::HashMap;

pub async fn accounts(coll: Collection<Document>, Query(q): Query<HashMap<String, String>>) -> usize {
    let name = q.get("username").cloned().unwrap_or_default();
    let js = format!("this.username == '{}'", name);
    // ruleid: rust.nosql-where
    let filter = doc! { "$where": js };
    // ruleid: rust.nosql-where
    let inline = doc! { "$where": format!("this.age > {}", q.get("age").cloned().unwrap_or_default()) };
    // ok: rust.nosql-where
    let fixed = doc! { "$where": "this.age > 18" };
    // ok: rust.nosql-where
    let by_name = doc! { "username": &name };
    let mut total = 0;
    for f in [filter, inline, fixed, by_name] {
        total += coll.count_documents(f, None).await.unwrap_or(0) as usize;
    }
    total
}
