//! Values built by constructors and parsers: an object made by `Type::from_query(..)`, or by
//! `Type::new(..)` behind `map_err(..)?`, is the object its methods run on, and text parsed
//! into the URI type a function declares it returns keeps the text (a number would not).
use axum::extract::Query;
use hyper::Uri;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct PreviewQuery {
    pub url: String,
    pub host: String,
}

pub struct PreviewFetcher {
    client: reqwest::Client,
    target: String,
}

impl PreviewFetcher {
    pub fn new(target: String) -> reqwest::Result<Self> {
        let client = reqwest::Client::builder().build()?;
        Ok(Self { client, target })
    }

    async fn fetch(&self) -> reqwest::Result<String> {
        // ruleid: rust.ssrf
        let resp = self.client.get(&self.target).send().await?;
        resp.text().await
    }
}

struct Job {
    program: String,
}

impl Job {
    fn from_query(q: &PreviewQuery) -> Self {
        Job {
            program: q.host.clone(),
        }
    }

    fn run(&self) {
        // ruleid: rust.command-program-from-format
        let _ = std::process::Command::new(&self.program).status();
    }
}

fn remote_uri(host: &str) -> Result<Uri, hyper::http::uri::InvalidUri> {
    let mut s = String::from("http://");
    s.push_str(host);
    s.push_str("/avatar.png");
    s.parse()
}

fn remote_port(host: &str) -> Result<u16, std::num::ParseIntError> {
    host.parse()
}

pub async fn unfurl(Query(q): Query<PreviewQuery>) -> Result<String, String> {
    let job = Job::from_query(&q);
    job.run();
    let fetcher = PreviewFetcher::new(q.url.clone()).map_err(|e| e.to_string())?;
    let body = fetcher.fetch().await.map_err(|e| e.to_string())?;
    let uri = remote_uri(&q.host).map_err(|e| e.to_string())?;
    let client = reqwest::Client::new();
    // ruleid: rust.ssrf
    let _ = client.get(uri.to_string()).send().await;
    let port = remote_port(&q.host).map_err(|e| e.to_string())?;
    // ok: rust.ssrf
    let _ = client.get(format!("https://status.example.com:{}/ping", port)).send().await;
    Ok(body)
}
