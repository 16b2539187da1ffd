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
