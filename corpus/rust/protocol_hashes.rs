//! Hashes a protocol mandates (no other choice exists) beside the same calls where one does.

use md5::Md5;
use sha1::{Digest, Sha1};

/// RFC 6455: `Sec-WebSocket-Accept` is base64(SHA-1(key + GUID)).
pub fn sign(key: &[u8]) -> String {
    // ok: rust.weak-hash
    let mut sha1 = Sha1::default();
    sha1.update(key);
    sha1.update(&b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"[..]);
    base64::encode(sha1.finalize())
}

pub fn sign_upload(key: &[u8]) -> String {
    // ruleid: rust.weak-hash
    let mut sha1 = Sha1::default();
    sha1.update(key);
    sha1.update(&b"upload-salt"[..]);
    base64::encode(sha1.finalize())
}

pub struct DigestAuth {
    pub realm: String,
}

impl DigestAuth {
    /// RFC 7616: the server's challenge asks for MD5.
    pub fn response(&self, ha1: &str, nonce: &str, ha2: &str) -> String {
        // ok: rust.weak-hash
        hex::encode(Md5::digest(format!("{ha1}:{nonce}:{}:{ha2}", self.realm)))
    }
}

pub struct ChecksumStore {
    pub realm: String,
}

impl ChecksumStore {
    pub fn response(&self, ha1: &str, nonce: &str, ha2: &str) -> String {
        // ruleid: rust.weak-hash
        hex::encode(Md5::digest(format!("{ha1}:{nonce}:{}:{ha2}", self.realm)))
    }
}
