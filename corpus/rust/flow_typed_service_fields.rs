// Services reach their engines, repositories and clients through fields the structs declare
// with the file's own types: `self.engine.evaluate(rule)`, `state.orders.find(..)` with
// `State(state): State<AppState>`. The request value a handler passes must reach the sink the
// field's methods hold.
use axum::extract::{Json, Query, State};
use serde::Deserialize;
use std::collections::HashSet;
use std::sync::Arc;

#[derive(Deserialize)]
pub struct Preview {
    rule: String,
    column: String,
    target: String,
}

pub struct RuleEngine;

impl RuleEngine {
    pub fn evaluate(&self, rule: &str) -> mlua::Result<f64> {
        let lua = mlua::Lua::new();
        let chunk = format!("return {}", rule);
        // ruleid: rust.script-eval-untrusted
        lua.load(&chunk).eval::<f64>()
    }
}

pub struct OrderRepo {
    pool: sqlx::PgPool,
}

impl OrderRepo {
    pub async fn sorted(&self, column: &str) -> sqlx::Result<Vec<(i64,)>> {
        // ruleid: rust.sql-format-string
        let sql = format!("SELECT id FROM orders ORDER BY {}", column);
        // ruleid: rust.sql-format-query
        sqlx::query_as(&sql).fetch_all(&self.pool).await
    }
}

pub struct Pricing {
    engine: RuleEngine,
}

impl Pricing {
    pub fn preview(&self, rule: &str) -> mlua::Result<f64> {
        self
            .engine
            .evaluate(rule)
    }
}

/// Targets are checked against the hosts operations configured before any request is made.
pub struct Targets {
    hosts: HashSet<String>,
}

impl Targets {
    pub fn check(&self, raw: &str) -> Option<reqwest::Url> {
        let url = reqwest::Url::parse(raw).ok()?;
        let host = url.host_str()?.to_ascii_lowercase();
        self.hosts.contains(&host).then_some(url)
    }
}

pub struct Delivery {
    http: reqwest::Client,
}

impl Delivery {
    pub async fn ping(&self, url: reqwest::Url) -> reqwest::Result<u16> {
        // ok: rust.ssrf
        let resp = self.http.post(url).send().await?;
        Ok(resp.status().as_u16())
    }

    pub async fn fetch(&self, raw: &str) -> reqwest::Result<u16> {
        // ruleid: rust.ssrf
        let resp = self.http.get(raw).send().await?;
        Ok(resp.status().as_u16())
    }
}

#[derive(Clone)]
pub struct AppState {
    pricing: Arc<Pricing>,
    orders: Arc<OrderRepo>,
    targets: Arc<Targets>,
    delivery: Arc<Delivery>,
}

pub async fn preview(State(state): State<AppState>, Json(p): Json<Preview>) -> String {
    let total = state.pricing.preview(&p.rule).unwrap_or_default();
    let rows = state.orders.sorted(&p.column).await.unwrap_or_default();
    format!("{total} {}", rows.len())
}

pub async fn deliver(State(state): State<AppState>, Query(p): Query<Preview>) -> u16 {
    let Some(url) = state.targets.check(&p.target) else {
        return 422;
    };
    state.delivery.ping(url).await.unwrap_or(502)
}

pub async fn fetch(State(state): State<AppState>, Query(p): Query<Preview>) -> u16 {
    state.delivery.fetch(&p.target).await.unwrap_or(502)
}
