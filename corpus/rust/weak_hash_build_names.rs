//! MD5 named for what it is in a build step: a content hash that changes an asset's file name
//! when its bytes change is no security control; the same digest of a token is one.
use md5::{Digest, Md5};

fn cache_bust_fingerprint(contents: &[u8]) -> String {
    // ok: rust.weak-hash
    let digest = Md5::digest(contents);
    hex::encode(&digest[..6])
}

fn asset_hash(contents: &[u8]) -> String {
    // ok: rust.weak-hash
    hex::encode(Md5::digest(contents))
}

fn token_fingerprint(token: &str) -> String {
    // ruleid: rust.weak-hash
    hex::encode(Md5::digest(token.as_bytes()))
}
