pub async fn relay(url: &str) -> reqwest::Result<String> {
    reqwest::get(url).await?.text().await
}
