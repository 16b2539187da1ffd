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
