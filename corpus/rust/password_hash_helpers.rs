// Passwords digested by a helper whose parameter has another name; hashing costs held in constants.
use actix_web::{post, web, HttpResponse};
use serde::Deserialize;
use sha2::{Digest, Sha256};

#[derive(Deserialize)]
struct ChangePassword {
    user_id: u64,
    new_password: String,
    device_label: String,
}

fn fingerprint(secret: &str) -> String {
    // ruleid: rust.weak-password-hash
    hex::encode(Sha256::digest(secret.as_bytes()))
}

fn label_key(label: &str) -> String {
    // ok: rust.weak-password-hash
    hex::encode(Sha256::digest(label.as_bytes()))
}

#[post("/account/password")]
async fn change_password(body: web::Json<ChangePassword>) -> HttpResponse {
    let ChangePassword { user_id, new_password, device_label } = body.into_inner();
    let stored = fingerprint(&new_password);
    let key = label_key(&device_label);
    HttpResponse::Ok().body(format!("{user_id}:{stored}:{key}"))
}

struct HashSettings {
    cost: u32,
}

const WEAK: HashSettings = HashSettings { cost: 4 };
const STRONG: HashSettings = HashSettings { cost: 12 };

fn store(password: &str) -> (String, String) {
    // ruleid: rust.bcrypt-low-cost
    let quick = bcrypt::hash(password, WEAK.cost).unwrap();
    // ok: rust.bcrypt-low-cost
    let slow = bcrypt::hash(password, STRONG.cost).unwrap();
    (quick, slow)
}
