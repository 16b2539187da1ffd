// Scripts and binary snapshots sent by the caller (axum JSON, actix-web raw bodies): an embedded
// interpreter (rhai, mlua) runs the text, bincode trusts the lengths it reads.
use actix_web::web;
use axum::extract::Json;
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
pub struct Rule {
    expr: String,
    preset: String,
}

#[derive(Serialize, Deserialize)]
pub struct Snapshot {
    pub items: Vec<String>,
}

const PRESETS: [&str; 2] = ["price * 2", "price + 10"];

pub async fn evaluate(Json(rule): Json<Rule>) -> String {
    let engine = rhai::Engine::new();
    // ruleid: rust.script-eval-untrusted
    let value: i64 = engine.eval(&rule.expr).unwrap_or(0);
    value.to_string()
}

pub async fn evaluate_preset(Json(rule): Json<Rule>) -> String {
    let engine = rhai::Engine::new();
    let script = if rule.preset == "double" { PRESETS[0] } else { PRESETS[1] };
    // ok: rust.script-eval-untrusted
    let value: i64 = engine.eval(script).unwrap_or(0);
    value.to_string()
}

pub async fn evaluate_lua(Json(rule): Json<Rule>) -> String {
    let lua = mlua::Lua::new();
    // ruleid: rust.script-eval-untrusted
    let value: i64 = lua.load(&rule.expr).eval().unwrap_or(0);
    value.to_string()
}

pub async fn evaluate_lua_fixed(Json(_rule): Json<Rule>) -> String {
    let lua = mlua::Lua::new();
    // ok: rust.script-eval-untrusted
    let value: i64 = lua.load("return 40 + 2").eval().unwrap_or(0);
    value.to_string()
}

pub async fn restore(body: web::Bytes) -> String {
    // ruleid: rust.bincode-unbounded-deserialize
    let snap: Snapshot = bincode::deserialize(&body).unwrap();
    snap.items.join(",")
}

pub async fn restore_limited(body: web::Bytes) -> String {
    use bincode::Options;
    // ok: rust.bincode-unbounded-deserialize
    let snap: Snapshot = bincode::options().with_limit(64 * 1024).deserialize(&body).unwrap();
    snap.items.join(",")
}

pub async fn restore_options(body: web::Bytes) -> String {
    use bincode::Options;
    // ruleid: rust.bincode-unbounded-deserialize
    let snap: Snapshot = bincode::options().with_fixint_encoding().deserialize(&body).unwrap();
    snap.items.join(",")
}

pub async fn restore_built_options(body: web::Bytes) -> String {
    use bincode::Options;
    let opts = bincode::DefaultOptions::new().with_fixint_encoding().allow_trailing_bytes();
    // ruleid: rust.bincode-unbounded-deserialize
    let snap: Snapshot = opts.deserialize(&body).unwrap();
    snap.items.join(",")
}

pub async fn restore_built_limited(body: web::Bytes) -> String {
    use bincode::Options;
    let opts = bincode::DefaultOptions::new().with_limit(64 * 1024).with_fixint_encoding();
    // ok: rust.bincode-unbounded-deserialize
    let snap: Snapshot = opts.deserialize(&body).unwrap();
    snap.items.join(",")
}

pub async fn restore_v2(body: web::Bytes) -> String {
    // ruleid: rust.bincode-unbounded-deserialize
    let (snap, _): (Snapshot, usize) = bincode::serde::decode_from_slice(&body, bincode::config::standard()).unwrap();
    snap.items.join(",")
}

pub async fn restore_v2_limited(body: web::Bytes) -> String {
    // ok: rust.bincode-unbounded-deserialize
    let (snap, _): (Snapshot, usize) = bincode::serde::decode_from_slice(&body, bincode::config::standard().with_limit::<65536>()).unwrap();
    snap.items.join(",")
}
