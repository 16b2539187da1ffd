pub struct Feeds {
    pub timeout_secs: u64,
}

impl Feeds {
    pub async fn pull(&self, url: &str) -> String {
        let client = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(self.timeout_secs))
            .build()
            .unwrap();
        client.get(url).send().await.unwrap().text().await.unwrap_or_default()
    }
}
