// A service struct filled after it is built: `select` stores the query's value in a field and
// `load` reads the file it names.
use axum::extract::Query;
use std::collections::HashMap;

pub struct ReportStore {
    current: String,
}

impl ReportStore {
    pub fn select(&mut self, name: &str) {
        self.current = name.to_string();
    }

    pub fn load(&self) -> String {
        // ruleid: rust.path-traversal
        std::fs::read_to_string(format!("/srv/reports/{}.json", self.current)).unwrap_or_default()
    }
}

pub struct Greeting {
    text: String,
}

impl Greeting {
    pub fn set(&mut self, text: String) {
        self.text = text;
    }

    pub fn banner(&self) -> String {
        // ok: rust.path-traversal
        std::fs::read_to_string("/srv/banners/default.txt").unwrap_or_default()
    }
}

pub async fn report(Query(q): Query<HashMap<String, String>>) -> String {
    let mut store = ReportStore { current: String::new() };
    store.select(&q["report"]);
    store.load()
}

pub async fn greet(Query(q): Query<HashMap<String, String>>) -> String {
    let mut greeting = Greeting { text: String::new() };
    greeting.set(q["text"].clone());
    greeting.banner()
}

// A field one `impl` block fills and another reads: the trait's method fetches what the
// inherent method kept.
pub struct Mirror {
    target: String,
}

impl Mirror {
    pub fn remember(&mut self, Query(params): Query<HashMap<String, String>>) {
        self.target = params.get("url").cloned().unwrap_or_default();
    }
}

pub trait Refresh {
    fn refresh(&self) -> Result<String, reqwest::Error>;
}

impl Refresh for Mirror {
    fn refresh(&self) -> Result<String, reqwest::Error> {
        // ruleid: rust.ssrf
        reqwest::blocking::get(&self.target)?.text()
    }
}

pub struct Pinned {
    target: String,
}

impl Pinned {
    pub fn remember(&mut self, Query(params): Query<HashMap<String, String>>) {
        self.target = params.get("url").cloned().unwrap_or_default();
    }
}

impl Refresh for Mirror2 {
    fn refresh(&self) -> Result<String, reqwest::Error> {
        // ok: rust.ssrf
        reqwest::blocking::get(&self.target)?.text()
    }
}

pub struct Mirror2 {
    target: String,
}
