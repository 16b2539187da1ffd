//! Start-up and request logging for an actix service.

use tracing::{debug, info};

pub struct Settings {
    pub user: String,
    pub password: String,
    pub api_key: String,
}

pub fn log_startup(settings: &Settings, token: &str) {
    // ruleid: rust.log-secret
    info!("connecting as {} with password {}", settings.user, settings.password);
    // ruleid: rust.log-secret
    println!("using token {token}");
    // ruleid: rust.log-secret
    debug!("api key: {}", settings.api_key);
    // ok: rust.log-secret
    info!("connecting as {}", settings.user);
    // ok: rust.log-secret
    println!("password length {}", settings.password.len());
    // ok: rust.log-secret
    info!("Password rotation scheduled");
}

pub fn tls_server(builder: &mut openssl::ssl::SslAcceptorBuilder) -> Result<(), openssl::error::ErrorStack> {
    // ruleid: rust.tls-weak-version
    builder.set_min_proto_version(Some(SslVersion::TLS1))?;
    // ok: rust.tls-weak-version
    builder.set_min_proto_version(Some(SslVersion::TLS1_2))?;
    // ruleid: rust.tls-weak-ciphers
    builder.set_cipher_list("ALL")?;
    // ruleid: rust.tls-weak-ciphers
    builder.set_cipher_list("RC4-SHA:AES128-SHA")?;
    // ok: rust.tls-weak-ciphers
    builder.set_cipher_list("ECDHE+AESGCM:ECDHE+CHACHA20")?;
    // ok: rust.tls-weak-ciphers
    builder.set_cipher_list("HIGH:!aNULL:!MD5:!RC4")?;
    Ok(())
}

pub fn legacy_client() -> native_tls::TlsConnector {
    native_tls::TlsConnector::builder()
        // ruleid: rust.tls-weak-version
        .min_protocol_version(Some(Protocol::Tlsv10))
        .build()
        .unwrap()
}

pub fn modern_client() -> native_tls::TlsConnector {
    native_tls::TlsConnector::builder()
        // ok: rust.tls-weak-version
        .min_protocol_version(Some(Protocol::Tlsv12))
        .build()
        .unwrap()
}

pub fn files_app() -> actix_web::App<()> {
    actix_web::App::new()
        // ruleid: rust.directory-listing
        .service(Files::new("/uploads", "./uploads").show_files_listing())
        // ok: rust.directory-listing
        .service(Files::new("/static", "./static").index_file("index.html"))
}

pub fn listing_admin() -> Files {
    // ruleid: rust.directory-listing
    Files::new("/logs", "./logs").show_files_listing().use_hidden_files()
}

pub fn plain_files() -> Files {
    // ok: rust.directory-listing
    Files::new("/docs", "./docs").prefer_utf8(true)
}

pub fn router() -> axum::Router {
    axum::Router::new()
        .route("/upload", post(upload))
        // ruleid: rust.body-limit-disabled
        .layer(DefaultBodyLimit::disable())
        // ok: rust.body-limit-disabled
        .layer(DefaultBodyLimit::max(50 * 1024 * 1024))
}

pub fn actix_limits() -> (JsonConfig, PayloadConfig) {
    // ruleid: rust.body-limit-disabled
    let json = JsonConfig::default().limit(usize::MAX);
    // ok: rust.body-limit-disabled
    let payload = PayloadConfig::new(1 << 20);
    (json, payload)
}

pub fn unlimited_uploads() -> (PayloadConfig, tower_http::limit::RequestBodyLimitLayer) {
    // ruleid: rust.body-limit-disabled
    let payload = PayloadConfig::new(usize::MAX);
    // ruleid: rust.body-limit-disabled
    let layer = tower_http::limit::RequestBodyLimitLayer::new(usize::MAX);
    (payload, layer)
}

// The best index found so far starts at the largest one: a sentinel, not a limit.
pub fn first_match_index() -> std::sync::atomic::AtomicUsize {
    // ok: rust.body-limit-disabled
    std::sync::atomic::AtomicUsize::new(usize::MAX)
}

pub async fn fetch_quote(client: &reqwest::Client, symbol: &str, api_key: &str, password: &str) -> reqwest::Result<String> {
    // ruleid: rust.secret-in-url-query
    let url = format!("https://api.example.com/v1/quote?symbol={}&apikey={}", symbol, api_key);
    // ruleid: rust.secret-in-url-query
    let feed = format!("https://feeds.example.com/items?token={api_key}");
    // ok: rust.secret-in-url-query
    let page = format!("https://api.example.com/v1/quote?symbol={}&page={}", symbol, 2);
    // ok: rust.secret-in-url-query
    let plain = format!("https://api.example.com/v1/quote/{}", symbol);
    // ok: rust.secret-in-url-query
    let _reset_link = format!("https://app.example.com/reset-password?token={}", api_key);
    // ruleid: rust.basic-auth-over-http
    let a = client.get("http://reports.example.com/api").basic_auth("admin", Some(password)).send().await?;
    // ruleid: rust.basic-auth-over-http
    let b = client.post("http://billing.example.com/export").bearer_auth(api_key).send().await?;
    // ok: rust.basic-auth-over-http
    let c = client.get("https://reports.example.com/api").basic_auth("admin", Some(password)).send().await?;
    // ok: rust.basic-auth-over-http
    let d = client.get("http://127.0.0.1:8080/api").basic_auth("admin", Some(password)).send().await?;
    drop((a, b, c, d, feed, page, plain));
    Ok(url)
}
