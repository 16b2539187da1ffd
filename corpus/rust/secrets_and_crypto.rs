//! Configuration, token signing and record encryption for a small axum service.

use std::fs::{self, DirBuilder, File, OpenOptions};
use std::num::NonZeroU32;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};

use actix_session::SessionMiddleware;
use aes_gcm::aead::{Aead, KeyInit, OsRng};
use aes_gcm::{AeadCore, Aes256Gcm, Key, Nonce};
use cookie::Cookie;
use hmac::{Hmac, Mac};
use jsonwebtoken::{DecodingKey, EncodingKey};
use openssl::rsa::Rsa;
use openssl::symm::Cipher;
use pbkdf2::pbkdf2_hmac;
use rsa::RsaPrivateKey;
use sha2::Sha256;

// ruleid: rust.hardcoded-password
const DB_PASSWORD: &str = "admin123";
// ok: rust.hardcoded-password
const DB_PASSWORD_VAR: &str = "DB_PASSWORD";
// ruleid: rust.hardcoded-password
static API_KEY: &str = "demo42";
// ok: rust.hardcoded-password
static API_KEY_HEADER: &str = "x-api-key";

pub struct DbConfig {
    pub user: String,
    pub password: String,
}

pub fn db_config() -> DbConfig {
    DbConfig {
        user: "app".to_string(),
        // ruleid: rust.hardcoded-password
        password: "postgres".to_string(),
    }
}

pub fn db_config_env() -> DbConfig {
    DbConfig {
        user: "app".into(),
        // ok: rust.hardcoded-password
        password: std::env::var("DB_PASSWORD").expect("DB_PASSWORD"),
    }
}

pub struct MailAccount {
    pub user: &'static str,
    pub pass: &'static str,
}

pub const MAILER: MailAccount = MailAccount {
    user: "mailer",
    // ruleid: rust.hardcoded-password
    pass: "hunter2",
};

pub fn mailer_from_env() -> MailAccount {
    MailAccount {
        user: "mailer",
        // ok: rust.hardcoded-password
        pass: "",
    }
}

pub fn smtp_login() -> (String, String) {
    // ruleid: rust.hardcoded-password
    let smtp_password = String::from("mailpass1");
    // ok: rust.hardcoded-password
    let password = "";
    (smtp_password, password.to_string())
}

pub fn signing_keys() -> (EncodingKey, DecodingKey) {
    // ruleid: rust.jwt-hardcoded-secret
    let enc = EncodingKey::from_secret(b"secret");
    // ruleid: rust.jwt-hardcoded-secret
    let dec = DecodingKey::from_secret("my-jwt-secret".as_bytes());
    (enc, dec)
}

pub fn signing_keys_env(secret: &[u8]) -> (EncodingKey, DecodingKey) {
    // ok: rust.jwt-hardcoded-secret
    let enc = EncodingKey::from_secret(secret);
    // ok: rust.jwt-hardcoded-secret
    let dec = DecodingKey::from_secret(std::env::var("JWT_SECRET").unwrap().as_bytes());
    (enc, dec)
}

pub fn webhook_mac() -> Hmac<Sha256> {
    // ruleid: rust.jwt-hardcoded-secret
    Hmac::<Sha256>::new_from_slice(b"webhook-key").unwrap()
}

pub fn load_secrets() -> (String, String, String, String) {
    // ruleid: rust.secret-env-fallback
    let jwt = std::env::var("JWT_SECRET").unwrap_or_else(|_| "dev-secret".to_string());
    // ruleid: rust.secret-env-fallback
    let db = std::env::var("DATABASE_PASSWORD").unwrap_or("postgres".into());
    // ok: rust.secret-env-fallback
    let port = std::env::var("PORT").unwrap_or_else(|_| "8080".to_string());
    // ok: rust.secret-env-fallback
    let token = std::env::var("API_TOKEN").expect("API_TOKEN must be set");
    (jwt, db, port, token)
}

pub fn session_cookie(id: String) -> Cookie<'static> {
    // ruleid: rust.cookie-insecure-flags
    let c = Cookie::build(("session", id)).http_only(false).secure(true).build();
    // ok: rust.cookie-insecure-flags
    let d = Cookie::build(("theme", "dark")).secure(true).http_only(true).build();
    let _ = d;
    c
}

pub fn sessions(store: Store, key: Key) -> SessionMiddleware<Store> {
    // ruleid: rust.cookie-insecure-flags
    SessionMiddleware::builder(store, key).cookie_secure(false).build()
}

pub fn sessions_secure(store: Store, key: Key) -> SessionMiddleware<Store> {
    // ok: rust.cookie-insecure-flags
    SessionMiddleware::builder(store, key).cookie_secure(true).build()
}

pub fn encrypt_ecb(key: &[u8; 16], data: &[u8]) -> Vec<u8> {
    // ruleid: rust.ecb-mode
    ecb::Encryptor::<aes::Aes128>::new(key.into()).encrypt_padded_vec_mut::<Pkcs7>(data)
}

pub fn openssl_ecb(key: &[u8], data: &[u8]) -> Vec<u8> {
    // ruleid: rust.ecb-mode
    openssl::symm::encrypt(Cipher::aes_128_ecb(), key, None, data).unwrap()
}

pub fn openssl_gcm(key: &[u8], iv: &[u8], data: &[u8]) -> Vec<u8> {
    // ok: rust.ecb-mode, rust.weak-cipher
    openssl::symm::encrypt(Cipher::aes_256_gcm(), key, Some(iv), data).unwrap()
}

pub fn legacy_des(key: &[u8], iv: &[u8], data: &[u8]) -> Vec<u8> {
    // ruleid: rust.weak-cipher
    openssl::symm::encrypt(Cipher::des_ede3_cbc(), key, Some(iv), data).unwrap()
}

pub fn legacy_rc4(key: &[u8]) -> rc4::Rc4<rc4::consts::U16> {
    // ruleid: rust.weak-cipher
    rc4::Rc4::new(key.into())
}

pub fn modern_cipher(key: &[u8]) -> Aes256Gcm {
    // ok: rust.weak-cipher, rust.hardcoded-crypto-key
    Aes256Gcm::new_from_slice(key).unwrap()
}

pub fn encrypt_fixed_nonce(cipher: &Aes256Gcm, plaintext: &[u8]) -> Vec<u8> {
    // ruleid: rust.static-nonce
    let nonce = Nonce::from_slice(b"unique nonce");
    cipher.encrypt(nonce, plaintext).unwrap()
}

pub fn encrypt_zero_nonce(cipher: &Aes256Gcm, plaintext: &[u8]) -> Vec<u8> {
    // ruleid: rust.static-nonce
    let nonce = Nonce::from_slice(&[0u8; 12]);
    cipher.encrypt(nonce, plaintext).unwrap()
}

pub fn encrypt_random_nonce(cipher: &Aes256Gcm, plaintext: &[u8]) -> Vec<u8> {
    // ok: rust.static-nonce
    let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
    let mut out = nonce.to_vec();
    out.extend(cipher.encrypt(&nonce, plaintext).unwrap());
    out
}

pub fn decrypt_with_nonce(cipher: &Aes256Gcm, data: &[u8]) -> Vec<u8> {
    // ok: rust.static-nonce
    let nonce = Nonce::from_slice(&data[..12]);
    cipher.decrypt(nonce, &data[12..]).unwrap()
}

pub fn vault_cipher() -> Aes256Gcm {
    // ruleid: rust.hardcoded-crypto-key
    let key = Key::<Aes256Gcm>::from_slice(b"an example very very secret key.");
    Aes256Gcm::new(key)
}

pub fn vault_cipher_direct() -> Aes256Gcm {
    // ruleid: rust.hardcoded-crypto-key
    Aes256Gcm::new_from_slice(b"0123456789abcdef0123456789abcdef").unwrap()
}

pub fn vault_cipher_env(raw: &[u8]) -> Aes256Gcm {
    // ok: rust.hardcoded-crypto-key
    let key = Key::<Aes256Gcm>::from_slice(raw);
    Aes256Gcm::new(key)
}

pub fn keys(rng: &mut OsRng) {
    // ruleid: rust.rsa-short-key
    let weak = RsaPrivateKey::new(rng, 1024).unwrap();
    // ok: rust.rsa-short-key
    let strong = RsaPrivateKey::new(rng, 3072).unwrap();
    // ruleid: rust.rsa-short-key
    let openssl_weak = Rsa::generate(512).unwrap();
    // ok: rust.rsa-short-key
    let openssl_strong = Rsa::generate(4096).unwrap();
    drop((weak, strong, openssl_weak, openssl_strong));
}

pub fn hash_passwords(password: &str) -> (String, String) {
    // ruleid: rust.bcrypt-low-cost
    let fast = bcrypt::hash(password, 4).unwrap();
    // ruleid: rust.bcrypt-low-cost
    let faster = bcrypt::hash_with_result(password, 5).unwrap().to_string();
    // ok: rust.bcrypt-low-cost
    let ok = bcrypt::hash(password, bcrypt::DEFAULT_COST).unwrap();
    // ok: rust.bcrypt-low-cost
    let ok2 = bcrypt::hash(password, 12).unwrap();
    (fast + &faster, ok + &ok2)
}

pub fn derive(password: &[u8], salt: &[u8]) -> [u8; 32] {
    let mut key = [0u8; 32];
    // ruleid: rust.pbkdf2-low-iterations
    pbkdf2_hmac::<Sha256>(password, salt, 1000, &mut key);
    // ok: rust.pbkdf2-low-iterations
    pbkdf2_hmac::<Sha256>(password, salt, 600_000, &mut key);
    key
}

pub fn derive_ring(password: &[u8], salt: &[u8], out: &mut [u8]) {
    // ruleid: rust.pbkdf2-low-iterations
    let rounds = NonZeroU32::new(10_000).unwrap();
    // ok: rust.pbkdf2-low-iterations
    let strong = NonZeroU32::new(600_000).unwrap();
    ring::pbkdf2::derive(ring::pbkdf2::PBKDF2_HMAC_SHA256, rounds, salt, password, out);
    ring::pbkdf2::derive(ring::pbkdf2::PBKDF2_HMAC_SHA256, strong, salt, password, out);
}

pub fn prepare_dirs(dir: &std::path::Path) -> std::io::Result<()> {
    DirBuilder::new().recursive(true).mode(0o777).create(dir.join("uploads"))?;
    DirBuilder::new().recursive(true).mode(0o750).create(dir.join("private"))?;
    OpenOptions::new().create(true).write(true).mode(0o600).open(dir.join("key"))?;
    Ok(())
}

pub fn verify_webhook(mac_hex: &str, header_signature: &str) -> bool {
    let computed_signature = mac_hex.to_lowercase();
    // ruleid: rust.timing-unsafe-compare
    if computed_signature != header_signature {
        return false;
    }
    // ruleid: rust.timing-unsafe-compare
    let ok = expected_hmac(mac_hex) == header_signature.as_bytes();
    // ok: rust.timing-unsafe-compare
    let empty = header_signature.len() == 0;
    // ok: rust.timing-unsafe-compare
    let named = computed_signature == "unsigned";
    ok && !empty && !named
}

pub fn write_state(state: &[u8]) -> std::io::Result<()> {
    // ruleid: rust.insecure-temp-path
    fs::write("/tmp/session.json", state)?;
    // ruleid: rust.insecure-temp-path
    let _f = File::create("/tmp/app.lock")?;
    // ok: rust.insecure-temp-path
    let _g = File::create("/var/lib/app/app.lock")?;
    // ok: rust.insecure-temp-path
    let tmp = tempfile::NamedTempFile::new()?;
    fs::write(tmp.path(), state)
}

pub fn stage_upload(user_id: u64, data: &[u8]) -> std::io::Result<std::path::PathBuf> {
    let staged = std::env::temp_dir().join(format!("upload-{}.bin", user_id));
    // ruleid: rust.insecure-temp-path
    fs::write(&staged, data)?;
    let tmp_dir = std::env::temp_dir();
    let pid_file = tmp_dir.join(format!("worker-{}.pid", std::process::id()));
    // ruleid: rust.insecure-temp-path
    fs::write(&pid_file, b"1")?;
    let private = std::env::temp_dir().join(format!("upload-{}.bin", uuid::Uuid::new_v4()));
    // ok: rust.insecure-temp-path
    fs::write(&private, data)?;
    Ok(private)
}

const EXPORT_PATH: &str = "/tmp/export.csv";

pub fn write_export(rows: &str) -> std::io::Result<()> {
    let scratch = "/tmp/export.partial";
    // ruleid: rust.insecure-temp-path
    fs::write(scratch, rows)?;
    // ruleid: rust.insecure-temp-path
    fs::write(EXPORT_PATH, rows)?;
    let kept = "/var/lib/app/export.csv";
    // ok: rust.insecure-temp-path
    fs::write(kept, rows)
}

pub fn cbc_encrypt(key: &[u8; 16], iv: &[u8; 16], data: &[u8]) -> Vec<u8> {
    // ok: rust.ecb-mode
    cbc::Encryptor::<aes::Aes128>::new(key.into(), iv.into()).encrypt_padded_vec_mut::<Pkcs7>(data)
}

pub fn checked_window(bytes: &[u8], start: usize) -> Option<&[u8]> {
    // ok: rust.get-unchecked-computed
    bytes.get(start..start + 4)
}

// The signing key kept in a constant, and one read from the environment.
const TOKEN_KEY: &[u8] = b"orders-signing-key-2024";
const TOKEN_KEY_TEXT: &str = "orders-signing-key-2024";

fn sign_claims(claims: &Claims) -> String {
    // ruleid: rust.jwt-hardcoded-secret
    let key = EncodingKey::from_secret(TOKEN_KEY);
    encode(&Header::default(), claims, &key).unwrap()
}

fn verify_claims(token: &str) -> bool {
    // ruleid: rust.jwt-hardcoded-secret
    let key = DecodingKey::from_secret(TOKEN_KEY_TEXT.as_bytes());
    decode::<Claims>(token, &key, &Validation::default()).is_ok()
}

fn verify_claims_env(token: &str) -> bool {
    let secret = std::env::var("TOKEN_KEY").expect("TOKEN_KEY");
    // ok: rust.jwt-hardcoded-secret
    let key = DecodingKey::from_secret(secret.as_bytes());
    decode::<Claims>(token, &key, &Validation::default()).is_ok()
}

pub fn pg_options() -> sqlx::postgres::PgConnectOptions {
    sqlx::postgres::PgConnectOptions::new()
        .host("db.internal")
        .username("app")
        // ruleid: rust.hardcoded-password
        .password("Qx7!vR2mZp9#Lw4t")
}

pub fn pg_options_env() -> sqlx::postgres::PgConnectOptions {
    sqlx::postgres::PgConnectOptions::new()
        .host("db.internal")
        .username("app")
        // ok: rust.hardcoded-password
        .password(&std::env::var("PGPASSWORD").unwrap_or_default())
}

pub fn mysql_options() -> mysql::OptsBuilder {
    // ruleid: rust.hardcoded-password
    mysql::OptsBuilder::new().user(Some("app")).pass(Some("s3cr3t"))
}

pub fn write_pid_file() -> std::io::Result<()> {
    let _pid = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        // ruleid: rust.insecure-temp-path
        .open("/tmp/worker.pid")?;
    // ok: rust.insecure-temp-path
    let _log = std::fs::OpenOptions::new().read(true).open("/tmp/shared.log")?;
    Ok(())
}

pub fn nightly_report(rows: &str) -> std::io::Result<()> {
    // ruleid: rust.insecure-temp-path
    let mut out = File::create(std::env::temp_dir().join("nightly_report.csv"))?;
    let report = std::env::temp_dir().join("nightly_summary.csv");
    // ruleid: rust.insecure-temp-path
    fs::write(&report, rows)?;
    let private = tempfile::tempdir()?;
    // ok: rust.insecure-temp-path
    fs::write(private.path().join("nightly_report.csv"), rows)?;
    use std::io::Write;
    out.write_all(rows.as_bytes())
}

pub fn inventory_request(client: &reqwest::Client) -> reqwest::RequestBuilder {
    client
        .get("https://inventory.internal/api/items")
        // ruleid: rust.hardcoded-password
        .basic_auth("svc_inventory", Some("Winter2024!"))
}

pub fn inventory_request_from_env(client: &reqwest::Client) -> reqwest::RequestBuilder {
    let password = std::env::var("INVENTORY_PASSWORD").ok();
    client
        .get("https://inventory.internal/api/items")
        // ok: rust.hardcoded-password
        .basic_auth("svc_inventory", password)
}

pub fn mailer() -> lettre::SmtpTransport {
    use lettre::transport::smtp::authentication::Credentials;
    // ruleid: rust.hardcoded-password
    let creds = Credentials::new("noreply@shop.example".to_owned(), "Sp4rkle-Mail".to_owned());
    // ok: rust.hardcoded-password
    let from_env = Credentials::new(std::env::var("SMTP_USER").unwrap(), std::env::var("SMTP_PASS").unwrap());
    let _ = from_env;
    lettre::SmtpTransport::relay("smtp.shop.example").unwrap().credentials(creds).build()
}

static SIGNING_KEY: &[u8] = b"my-very-secret-signing-key-2024";

pub fn sign_webhook(body: &[u8]) -> Vec<u8> {
    use hmac::{Hmac, Mac};
    type HmacSha256 = Hmac<sha2::Sha256>;
    // ruleid: rust.hardcoded-crypto-key
    let mut mac = HmacSha256::new_from_slice(SIGNING_KEY).unwrap();
    mac.update(body);
    let from_env = std::env::var("WEBHOOK_KEY").unwrap_or_default();
    // ok: rust.hardcoded-crypto-key
    let mut checked = HmacSha256::new_from_slice(from_env.as_bytes()).unwrap();
    checked.update(body);
    mac.finalize().into_bytes().to_vec()
}

// ruleid: rust.pbkdf2-low-iterations
const LOGIN_ROUNDS: NonZeroU32 = NonZeroU32::new(5_000).unwrap();

pub fn derive_login_key(password: &[u8], salt: &[u8], out: &mut [u8]) {
    ring::pbkdf2::derive(ring::pbkdf2::PBKDF2_HMAC_SHA256, LOGIN_ROUNDS, salt, password, out);
}

// A counter's step, in a file that derives keys elsewhere.
pub fn next_sequence(current: u32) -> Option<NonZeroU32> {
    // ok: rust.pbkdf2-low-iterations
    let step = NonZeroU32::new(1)?;
    current.checked_add(step.get()).and_then(NonZeroU32::new)
}
