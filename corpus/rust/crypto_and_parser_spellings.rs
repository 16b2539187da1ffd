//! Weak generators, digests, iteration counts, TLS and XML options written as assistants write
//! them: behind aliases, in constants, in statics and in raw bindings.

use jsonwebtoken::dangerous_insecure_decode as peek_claims;
use lettre::transport::smtp::client::TlsParameters;
use libxml::bindings::{
    xmlParserOption_XML_PARSE_NOENT, xmlReadMemory, xmlSubstituteEntitiesDefault,
};
use nanorand::{Rng, WyRand};
use rand::rngs::StdRng;
use rand::{RngCore, SeedableRng};
use sha2::{Digest, Sha256 as H};
use std::cell::RefCell;
use std::os::raw::{c_char, c_int};

const WEAK_ROUNDS: u32 = 1_000;
const STRONG_ROUNDS: u32 = 600_000;
const ENTITY_FLAGS: c_int = xmlParserOption_XML_PARSE_NOENT as c_int;

// ruleid: rust.insecure-rng-secret
thread_local! {
    static TOKEN_RNG: RefCell<WyRand> = RefCell::new(WyRand::new());
}

pub fn csrf_token() -> String {
    TOKEN_RNG.with(|rng| hex::encode(rng.borrow_mut().generate::<u64>().to_le_bytes()))
}

pub struct InviteFactory {
    rng: StdRng,
}

impl InviteFactory {
    pub fn seeded(seed: u64) -> Self {
        // ruleid: rust.insecure-rng-secret
        InviteFactory { rng: StdRng::seed_from_u64(seed) }
    }

    pub fn fresh() -> Self {
        // ok: rust.insecure-rng-secret
        InviteFactory { rng: StdRng::from_entropy() }
    }

    pub fn next(&mut self) -> u64 {
        self.rng.next_u64()
    }
}

pub struct SimulationWorld {
    rng: StdRng,
}

impl SimulationWorld {
    pub fn replay(seed: u64) -> Self {
        // ok: rust.insecure-rng-secret
        SimulationWorld { rng: StdRng::seed_from_u64(seed) }
    }
}

pub fn store_password(password: &str) -> Vec<u8> {
    // ruleid: rust.weak-password-hash
    H::digest(password.as_bytes()).to_vec()
}

pub fn content_address(body: &[u8]) -> Vec<u8> {
    // ok: rust.weak-password-hash
    H::digest(body).to_vec()
}

pub fn derive_key(passphrase: &str, salt: &[u8]) -> [u8; 32] {
    let mut key = [0u8; 32];
    // ruleid: rust.pbkdf2-low-iterations
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(passphrase.as_bytes(), salt, WEAK_ROUNDS, &mut key);
    key
}

pub fn derive_key_strong(passphrase: &str, salt: &[u8]) -> [u8; 32] {
    let mut key = [0u8; 32];
    // ok: rust.pbkdf2-low-iterations
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(passphrase.as_bytes(), salt, STRONG_ROUNDS, &mut key);
    key
}

pub fn smtp_tls(host: &str) -> Result<TlsParameters, lettre::transport::smtp::Error> {
    TlsParameters::builder(host.to_string())
        // ruleid: rust.tls-verification-disabled
        .dangerous_accept_invalid_certs(true)
        .build()
}

pub fn smtp_tls_checked(host: &str) -> Result<TlsParameters, lettre::transport::smtp::Error> {
    TlsParameters::builder(host.to_string())
        // ok: rust.tls-verification-disabled
        .dangerous_accept_invalid_certs(false)
        .build()
}

#[derive(serde::Deserialize)]
pub struct Claims {
    pub tenant: String,
}

pub fn tenant_of(token: &str) -> Option<String> {
    // ruleid: rust.jwt-signature-not-verified
    peek_claims::<Claims>(token).ok().map(|data| data.claims.tenant)
}

pub unsafe fn parse_with_entities(xml: &[u8]) -> *mut libxml::bindings::_xmlDoc {
    // ruleid: rust.libxml-entity-expansion
    xmlSubstituteEntitiesDefault(1);
    // ruleid: rust.libxml-entity-expansion
    xmlReadMemory(xml.as_ptr() as *const c_char, xml.len() as c_int, std::ptr::null(), std::ptr::null(), ENTITY_FLAGS)
}

pub unsafe fn parse_plain(xml: &[u8]) -> *mut libxml::bindings::_xmlDoc {
    // ok: rust.libxml-entity-expansion
    xmlSubstituteEntitiesDefault(0);
    // ok: rust.libxml-entity-expansion
    xmlReadMemory(xml.as_ptr() as *const c_char, xml.len() as c_int, std::ptr::null(), std::ptr::null(), 0)
}
