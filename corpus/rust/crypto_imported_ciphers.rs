// Ciphers imported by name, and ECB mode behind a type alias.
use aes::{Aes128, Aes256};
use des::cipher::{generic_array::GenericArray, BlockEncrypt, KeyInit};
// ruleid: rust.weak-cipher
use des::Des;
use ecb::cipher::{block_padding::Pkcs7, BlockEncryptMut};

// ruleid: rust.ecb-mode
type Aes128EcbEnc = ecb::Encryptor<Aes128>;
type Aes256CbcEnc = cbc::Encryptor<Aes256>;

pub fn legacy_block(key: &[u8], block: &mut [u8; 8]) {
    // ruleid: rust.weak-cipher
    let cipher = Des::new_from_slice(key).unwrap();
    cipher.encrypt_block(GenericArray::from_mut_slice(block));
}

pub fn modern_block(key: &[u8], block: &mut [u8; 16]) {
    // ok: rust.weak-cipher
    let cipher = Aes128::new_from_slice(key).unwrap();
    cipher.encrypt_block(GenericArray::from_mut_slice(block));
}

pub fn token_ecb(key: &[u8; 16], data: &[u8]) -> Vec<u8> {
    // ruleid: rust.ecb-mode
    Aes128EcbEnc::new(key.into()).encrypt_padded_vec_mut::<Pkcs7>(data)
}

pub fn token_cbc(key: &[u8; 32], iv: &[u8; 16], data: &[u8]) -> Vec<u8> {
    // ok: rust.ecb-mode
    Aes256CbcEnc::new(key.into(), iv.into()).encrypt_padded_vec_mut::<Pkcs7>(data)
}

// ruleid: rust.weak-cipher
use rc4::Rc4;

pub fn stream_cipher(key: &[u8; 16]) {
    // ruleid: rust.weak-cipher
    let cipher = Rc4::<rc4::consts::U16>::new(key.into());
    let _ = cipher;
}
