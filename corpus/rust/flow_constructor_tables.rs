// A table held in a field its constructor fills from the program's own literals: a lookup in
// it picks one of the program's URLs, whatever the caller names.
use std::collections::HashMap;

use axum::extract::Path;

fn service_table() -> HashMap<&'static str, &'static str> {
    HashMap::from([("billing", "http://billing.svc:8080/health"), ("search", "http://search.svc:9200/health")])
}

pub struct Gateway {
    services: HashMap<&'static str, &'static str>,
}

impl Gateway {
    pub fn new() -> Self {
        Self { services: service_table() }
    }

    pub async fn check(&self, service: String) -> String {
        let Some(url) = self.services.get(service.as_str()) else {
            return String::new();
        };
        // ok: rust.ssrf
        reqwest::get(*url).await.unwrap().text().await.unwrap()
    }

    pub async fn check_at(&self, url: String) -> String {
        // ruleid: rust.ssrf
        reqwest::get(url).await.unwrap().text().await.unwrap()
    }
}

pub async fn gateway_health(Path(service): Path<String>) -> String {
    let gateway = Gateway::new();
    let at = gateway.check_at(service.clone()).await;
    at + &gateway.check(service).await
}
