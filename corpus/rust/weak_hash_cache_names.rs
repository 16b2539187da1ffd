// MD5 / SHA-1 naming a cache entry or a Git object is no security control; the same digest
// signing a token is.
use sha1::{Digest, Sha1};
use std::path::PathBuf;

pub struct DiskCache {
    root: PathBuf,
}

impl DiskCache {
    pub fn cache_path(&self, url: &str) -> PathBuf {
        // ok: rust.weak-hash
        let digest = md5::compute(url.as_bytes());
        self.root.join(format!("{:x}", digest))
    }
}

pub fn object_id(kind: &str, content: &[u8]) -> String {
    // ok: rust.weak-hash
    let mut hasher = Sha1::new();
    hasher.update(format!("{kind} {}\0", content.len()).as_bytes());
    hasher.update(content);
    hex::encode(hasher.finalize())
}

pub fn sign_token(token: &str, secret: &str) -> String {
    // ruleid: rust.weak-hash
    let digest = md5::compute(format!("{token}{secret}"));
    format!("{:x}", digest)
}

pub fn api_key_digest(key: &str) -> String {
    // ruleid: rust.weak-hash
    let mut hasher = Sha1::new();
    hasher.update(key.as_bytes());
    hex::encode(hasher.finalize())
}

// A digest cut to a few bytes names a file (`app.3f2a9c1b.js`): too short for integrity or a
// secret, whatever the algorithm.
pub fn fingerprint(body: &[u8]) -> String {
    // ok: rust.weak-hash
    let digest = md5::compute(body);
    digest.0[..4].iter().map(|b| format!("{:02x}", b)).collect()
}

pub fn short_name(body: &[u8]) -> String {
    // ok: rust.weak-hash
    let hex = format!("{:x}", md5::compute(body));
    hex[..12].to_string()
}

pub fn device_fingerprint(agent: &str, secret: &str) -> String {
    // ruleid: rust.weak-hash
    let digest = md5::compute(format!("{agent}{secret}"));
    hex::encode(&digest.0[..])
}

pub fn session_digest(session: &str) -> String {
    // ruleid: rust.weak-hash
    let digest = md5::compute(session);
    format!("{:x}", digest)
}

// An ETag made where the static files are loaded: a cache validator, in a closure.
pub static ASSET_TAGS: std::sync::LazyLock<Vec<(&'static str, String)>> = std::sync::LazyLock::new(|| {
    [("app.js", &b"console.log(1)"[..])]
        .into_iter()
        .map(|(name, body)| {
            // ok: rust.weak-hash
            let etag = format!("\"{:x}\"", md5::compute(body));
            (name, etag)
        })
        .collect()
});

pub fn signature_tag(body: &[u8], key: &[u8]) -> String {
    // ruleid: rust.weak-hash
    let tag = md5::compute([key, body].concat());
    format!("{:x}", tag)
}
