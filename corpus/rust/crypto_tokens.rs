//! Account helpers: password storage, session tokens, API keys, ETags.

use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use rand::distributions::{Alphanumeric, DistString};
use rand::rngs::{OsRng, SmallRng, StdRng};
use rand::{Rng, RngCore, SeedableRng};
use sha1::Sha1;
use sha2::Sha256;

pub struct NewUser {
    pub email: String,
    pub password: String,
}

pub fn hash_password_md5(password: &str) -> String {
    // ruleid: rust.weak-password-hash
    // ok: rust.weak-hash
    let digest = md5::compute(password.as_bytes());
    format!("{:x}", digest)
}

pub fn hash_password_sha256(user: &NewUser) -> String {
    // ruleid: rust.weak-password-hash
    hex::encode(Sha256::digest(user.password.as_bytes()))
}

pub fn hash_password_streaming(salt: &[u8], pwd: &str) -> Vec<u8> {
    // ruleid: rust.weak-hash
    let mut hasher = Sha1::new();
    hasher.update(salt);
    // ruleid: rust.weak-password-hash
    hasher.update(pwd.as_bytes());
    hasher.finalize().to_vec()
}

pub fn hash_password_short_name(password: &str) -> String {
    // ruleid: rust.weak-hash
    let mut h = Sha1::new();
    // ruleid: rust.weak-password-hash
    h.update(password.as_bytes());
    hex::encode(h.finalize())
}

pub fn sign_password_reset(mac_key: &[u8], password: &str) -> Vec<u8> {
    let mut m = <Hmac<Sha256> as Mac>::new_from_slice(mac_key).unwrap();
    // ok: rust.weak-password-hash
    m.update(password.as_bytes());
    m.finalize().into_bytes().to_vec()
}

pub fn store_login(user: &str, pw: &str) -> (String, String) {
    let mut hasher = Sha256::new();
    // ruleid: rust.weak-password-hash
    hasher.update(pw.as_bytes());
    (user.to_string(), hex::encode(hasher.finalize()))
}

pub fn fingerprint(public_key: &[u8]) -> String {
    let mut hasher = Sha256::new();
    // ok: rust.weak-password-hash
    hasher.update(public_key);
    hex::encode(hasher.finalize())
}

pub fn hash_password_argon2(password: &str) -> Result<String, argon2::password_hash::Error> {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let salt = SaltString::generate(&mut OsRng);
    // ok: rust.weak-password-hash
    let hash = argon2::Argon2::default().hash_password(password.as_bytes(), &salt)?;
    Ok(hash.to_string())
}

pub fn hash_password_bcrypt(password: &str) -> Result<String, bcrypt::BcryptError> {
    // ok: rust.weak-password-hash
    bcrypt::hash(password, bcrypt::DEFAULT_COST)
}

pub fn derive_key(password: &str, salt: &[u8]) -> [u8; 32] {
    let mut key = [0u8; 32];
    // ok: rust.weak-password-hash
    pbkdf2::pbkdf2_hmac::<Sha256>(password.as_bytes(), salt, 600_000, &mut key);
    key
}

pub fn file_checksum(bytes: &[u8]) -> String {
    // ok: rust.weak-password-hash, rust.weak-hash
    hex::encode(Sha256::digest(bytes))
}

pub fn etag(body: &[u8]) -> String {
    // ok: rust.weak-hash
    format!("\"{:x}\"", md5::compute(body))
}

// The `Content-MD5` header of HTTP and S3 is defined as an MD5: a check against corruption in
// transit, with no stronger choice for that header.
pub fn content_md5(body: &[u8]) -> String {
    // ok: rust.weak-hash
    base64::encode(Md5::digest(body))
}

pub fn legacy_fingerprint(der: &[u8]) -> Vec<u8> {
    // ruleid: rust.weak-hash
    let d = openssl::hash::hash(openssl::hash::MessageDigest::sha1(), der).unwrap();
    d.to_vec()
}

pub fn ring_sha1(data: &[u8]) -> ring::digest::Digest {
    // ruleid: rust.weak-hash
    ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, data)
}

pub fn totp_code(secret: &[u8], counter: u64) -> u32 {
    // ok: rust.weak-hash
    let mut mac = Hmac::<Sha1>::new_from_slice(secret).expect("any key length");
    mac.update(&counter.to_be_bytes());
    let out = mac.finalize().into_bytes();
    let offset = (out[19] & 0x0f) as usize;
    u32::from_be_bytes([out[offset] & 0x7f, out[offset + 1], out[offset + 2], out[offset + 3]]) % 1_000_000
}

pub fn sha256_hex(data: &[u8]) -> String {
    // ok: rust.weak-hash
    let mut h = Sha256::new();
    h.update(data);
    hex::encode(h.finalize())
}

pub fn generate_session_token() -> String {
    // ruleid: rust.insecure-rng-secret
    let mut rng = SmallRng::from_entropy();
    // ruleid: rust.insecure-rng-secret
    (0..32).map(|_| rng.sample(Alphanumeric) as char).collect()
}

pub fn new_api_key(user_id: u64) -> String {
    // ruleid: rust.insecure-rng-secret
    let mut rng = StdRng::seed_from_u64(user_id ^ 0x5eed);
    format!("sk_{:016x}{:016x}", rng.next_u64(), rng.next_u64())
}

pub fn password_reset_code() -> String {
    // ruleid: rust.insecure-rng-secret
    format!("{:06}", fastrand::u32(0..1_000_000))
}

// ok: rust.insecure-rng-secret
pub fn generate_csrf_token() -> String {
    Alphanumeric.sample_string(&mut rand::thread_rng(), 32)
}

// ok: rust.insecure-rng-secret
pub fn generate_api_key() -> [u8; 32] {
    let mut key = [0u8; 32];
    OsRng.fill_bytes(&mut key);
    key
}

pub fn password_reset_code() -> String {
    // ruleid: rust.insecure-rng-secret
    std::iter::repeat_with(fastrand::alphanumeric).take(24).collect()
}

pub fn color_swatch_name() -> String {
    // ok: rust.insecure-rng-secret
    std::iter::repeat_with(fastrand::lowercase).take(6).collect()
}

// ok: rust.insecure-rng-secret
pub fn retry_jitter_ms() -> u64 {
    fastrand::u64(50..250)
}

// ok: rust.insecure-rng-secret
pub fn shuffle_playlist(tracks: &mut [u32], seed: u64) {
    use rand::seq::SliceRandom;
    let mut rng = SmallRng::seed_from_u64(seed);
    tracks.shuffle(&mut rng);
}

#[test]
// ok: rust.insecure-rng-secret
fn test_session_ids_are_reproducible() {
    let first = StdRng::seed_from_u64(7).gen::<u64>();
    let second = StdRng::seed_from_u64(7).gen::<u64>();
    assert_eq!(first, second);
}

pub async fn register(user: NewUser) -> (String, String) {
    // ruleid: rust.insecure-rng-secret
    let invite_code: String = (0..8).map(|_| fastrand::alphanumeric()).collect();
    // ok: rust.insecure-rng-secret
    let session_id = uuid::Uuid::new_v4().to_string();
    // ok: rust.insecure-rng-secret
    let avatar_hue = fastrand::u8(..);
    println!("{} {}", user.email, avatar_hue);
    (invite_code, session_id)
}

pub fn upload_digest(body: &[u8]) -> String {
    // ruleid: rust.weak-hash
    format!("{:x}", md5::compute(body))
}

pub struct OtpService;

impl OtpService {
    pub fn issue_code(&self) -> String {
        // ruleid: rust.insecure-rng-secret
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
        format!("{:06}", nanos % 1_000_000)
    }

    pub fn code_expiry_seconds(&self, issued: std::time::Instant) -> u128 {
        // ok: rust.insecure-rng-secret
        issued.elapsed().as_nanos() / 1_000_000_000
    }
}

pub fn csrf_token(user_id: u64) -> String {
    // ruleid: rust.insecure-rng-secret
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("{:x}{:x}", nanos, user_id)
}

pub fn request_latency_ms(started: std::time::Instant) -> u128 {
    // ok: rust.insecure-rng-secret
    started.elapsed().as_micros() / 1000
}
