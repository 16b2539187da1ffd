// Nonces and IVs held in constants and variables.
use aes::cipher::{block_padding::Pkcs7, BlockEncryptMut, KeyIvInit};
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::{ChaCha20Poly1305, Nonce};

type Aes256CbcEnc = cbc::Encryptor<aes::Aes256>;

const IV: [u8; 16] = [0x11; 16];
const NONCE: [u8; 12] = [7u8; 12];

pub fn seal_token(key: &[u8; 32], payload: &[u8]) -> Vec<u8> {
    // ruleid: rust.static-nonce
    let cipher = Aes256CbcEnc::new(key.into(), &IV.into());
    cipher.encrypt_padded_vec_mut::<Pkcs7>(payload)
}

pub fn seal_token_fresh(key: &[u8; 32], iv: &[u8; 16], payload: &[u8]) -> Vec<u8> {
    // ok: rust.static-nonce
    let cipher = Aes256CbcEnc::new(key.into(), iv.into());
    cipher.encrypt_padded_vec_mut::<Pkcs7>(payload)
}

pub fn encrypt_message(key: &[u8; 32], msg: &[u8]) -> Vec<u8> {
    let cipher = ChaCha20Poly1305::new(key.into());
    // ruleid: rust.static-nonce
    let sealed = cipher.encrypt(Nonce::from_slice(&NONCE), msg).unwrap();
    let nonce = ChaCha20Poly1305::generate_nonce(&mut OsRng);
    // ok: rust.static-nonce
    let fresh = cipher.encrypt(&nonce, msg).unwrap();
    let local_iv = [0u8; 16];
    // ruleid: rust.static-nonce
    let again = Aes256CbcEnc::new(key.into(), &local_iv.into()).encrypt_padded_vec_mut::<Pkcs7>(msg);
    [sealed, fresh, again].concat()
}

pub fn seal_with_random_nonce(key: &[u8; 32], msg: &[u8]) -> Vec<u8> {
    use rand::RngCore;
    let cipher = ChaCha20Poly1305::new(key.into());
    let mut nonce = [0u8; 12];
    OsRng.fill_bytes(&mut nonce);
    // ok: rust.static-nonce
    let sealed = cipher.encrypt(Nonce::from_slice(&nonce), msg).unwrap();
    let zeros = [0u8; 12];
    // ruleid: rust.static-nonce
    let weak = cipher.encrypt(Nonce::from_slice(&zeros), msg).unwrap();
    [nonce.to_vec(), sealed, weak].concat()
}
