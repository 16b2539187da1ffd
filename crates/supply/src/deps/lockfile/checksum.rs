//! Archive checksums as lockfiles write them, turned into one form: an algorithm and the digest
//! in lower-case hex (what CycloneDX and SPDX both want).
//!
//! - Cargo: `checksum = "<sha256 hex>"`.
//! - npm, yarn v1, pnpm: Subresource Integrity, `sha512-<base64>` (several may be given,
//!   space-separated; older entries carry `sha1-`).
//! - uv and Poetry: `sha256:<hex>`.
//!
//! A value that does not decode, or decodes to the wrong length for its algorithm, is dropped:
//! a checksum in a bill of materials must be exactly what was recorded or absent.

use base64::Engine;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HashAlgorithm {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl HashAlgorithm {
    /// The name as Subresource Integrity and `sha256:` prefixes write it.
    fn from_prefix(prefix: &str) -> Option<HashAlgorithm> {
        Some(match prefix.to_ascii_lowercase().as_str() {
            "sha1" => HashAlgorithm::Sha1,
            "sha256" => HashAlgorithm::Sha256,
            "sha384" => HashAlgorithm::Sha384,
            "sha512" => HashAlgorithm::Sha512,
            _ => return None,
        })
    }

    /// The digest length in bytes.
    fn len(self) -> usize {
        match self {
            HashAlgorithm::Sha1 => 20,
            HashAlgorithm::Sha256 => 32,
            HashAlgorithm::Sha384 => 48,
            HashAlgorithm::Sha512 => 64,
        }
    }
}

/// One recorded checksum.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Checksum {
    pub algorithm: HashAlgorithm,
    /// The digest, lower-case hex.
    pub hex: String,
}

impl Checksum {
    fn new(algorithm: HashAlgorithm, bytes: &[u8]) -> Option<Checksum> {
        (bytes.len() == algorithm.len()).then(|| Checksum {
            algorithm,
            hex: bytes.iter().map(|b| format!("{b:02x}")).collect(),
        })
    }

    /// A bare hex digest of a known algorithm (Cargo's `checksum`).
    pub fn from_hex(algorithm: HashAlgorithm, hex: &str) -> Option<Checksum> {
        let hex = hex.trim();
        let valid = hex.len() == algorithm.len() * 2 && hex.bytes().all(|b| b.is_ascii_hexdigit());
        valid.then(|| Checksum {
            algorithm,
            hex: hex.to_ascii_lowercase(),
        })
    }

    /// `sha256:<hex>` (uv, Poetry).
    pub fn from_prefixed_hex(text: &str) -> Option<Checksum> {
        let (prefix, hex) = text.trim().split_once(':')?;
        Checksum::from_hex(HashAlgorithm::from_prefix(prefix)?, hex)
    }

    /// Subresource Integrity (`sha512-<base64> sha1-<base64>`): every hash it lists.
    pub fn from_integrity(text: &str) -> Vec<Checksum> {
        text.split_whitespace()
            .filter_map(|item| {
                let (prefix, digest) = item.split_once('-')?;
                // An SRI hash may carry `?options` after the digest.
                let digest = digest.split('?').next()?;
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(digest)
                    .ok()?;
                Checksum::new(HashAlgorithm::from_prefix(prefix)?, &bytes)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrity_and_hex_forms() {
        // sha1 of the empty string, base64 and hex.
        let sri = Checksum::from_integrity("sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk= md5-xyz");
        assert_eq!(
            sri,
            [Checksum {
                algorithm: HashAlgorithm::Sha1,
                hex: "da39a3ee5e6b4b0d3255bfef95601890afd80709".into()
            }]
        );
        let sha256 = "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855";
        let from_cargo = Checksum::from_hex(HashAlgorithm::Sha256, sha256).unwrap();
        assert_eq!(from_cargo.hex, sha256.to_ascii_lowercase());
        assert_eq!(
            Checksum::from_prefixed_hex(&format!("sha256:{sha256}")),
            Some(from_cargo)
        );
        // Wrong lengths, bad digits and unknown algorithms are dropped, never half kept.
        assert!(Checksum::from_hex(HashAlgorithm::Sha256, "abc").is_none());
        assert!(Checksum::from_prefixed_hex("sha256:zz").is_none());
        assert!(Checksum::from_prefixed_hex("md5:d41d8cd98f00b204e9800998ecf8427e").is_none());
        assert!(Checksum::from_integrity("sha512-2jmj7l5rSw0yVb/vlWAYkK/YBwk=").is_empty());
        assert!(Checksum::from_integrity("sha512-!!!").is_empty());
    }
}
