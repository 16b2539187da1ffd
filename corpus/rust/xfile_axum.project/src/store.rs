// A module the handlers call with request values: the sinks are here.
pub fn load(name: &str) -> std::io::Result<String> {
    std::fs::read_to_string(format!("/srv/data/{name}"))
}

pub async fn mirror(url: &str) -> reqwest::Result<String> {
    reqwest::get(url).await?.text().await
}
