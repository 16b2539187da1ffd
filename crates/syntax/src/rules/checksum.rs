//! Checksums that providers build into their tokens, so a regex rule can tell a real token from a
//! string that only looks like one (a made-up `ghp_...` in documentation).
//!
//! GitHub's classic tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) are a 4-character prefix, 30
//! random base62 characters and a 6-character checksum: the CRC32 of the 30 random characters in
//! base62 (`0-9A-Za-z`), padded with leading `0`s. Other lengths have no published checksum.

/// A provider checksum a regex rule verifies on its reported text (`checksum = "github"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checksum {
    GitHub,
}

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

impl Checksum {
    pub fn parse(name: &str) -> Option<Checksum> {
        match name {
            "github" => Some(Checksum::GitHub),
            _ => None,
        }
    }

    /// Whether `token` carries a valid checksum: `Some(false)` when it has the format the
    /// checksum is defined for and the checksum does not match, `None` when the format has none.
    pub fn verify(self, token: &str) -> Option<bool> {
        match self {
            Checksum::GitHub => {
                let body = token.get(4..).filter(|b| b.len() == 36 && b.is_ascii())?;
                let (random, check) = body.split_at(30);
                Some(base62(crc32fast::hash(random.as_bytes()), 6) == check)
            }
        }
    }
}

/// `value` in base62, left-padded with `0` to `width` digits.
fn base62(mut value: u32, width: usize) -> String {
    let mut digits = vec![b'0'; width];
    for slot in digits.iter_mut().rev() {
        *slot = BASE62[(value % 62) as usize];
        value /= 62;
    }
    String::from_utf8(digits).expect("base62 digits are ASCII")
}

/// A GitHub-format token with a valid checksum, for tests: `prefix` and 30 random characters.
#[cfg(test)]
pub(crate) fn github_token(prefix: &str, random: &str) -> String {
    format!(
        "{prefix}{random}{}",
        base62(crc32fast::hash(random.as_bytes()), 6)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base62_pads_and_orders_digits_like_github() {
        assert_eq!(base62(0, 6), "000000");
        assert_eq!(base62(61, 6), "00000z");
        assert_eq!(base62(62, 6), "000010");
        assert_eq!(base62(u32::MAX, 6), "4gfFC3");
    }

    #[test]
    fn github_tokens_verify_their_crc32() {
        let random = "q8ZrT2mVx7LcN4pWb1KsH9dFj3GyA6";
        let token = github_token("ghp_", random);
        assert_eq!(token.len(), 40);
        assert_eq!(Checksum::GitHub.verify(&token), Some(true));
        // One changed character of the random part breaks the checksum.
        let forged = token.replacen('q', "r", 1);
        assert_eq!(Checksum::GitHub.verify(&forged), Some(false));
        // Other lengths have no checksum to check.
        assert_eq!(Checksum::GitHub.verify(&format!("{token}abc")), None);
    }

    #[test]
    fn a_github_token_with_a_bad_checksum_is_only_a_hint() {
        use crate::analysis::analyze;
        use crate::lang::Language;
        use crate::rules::Severity;
        let real = github_token("ghp_", "Vd3kQ9wLm2ZxR8tBn5YcH1sJ7pAf4G");
        let mut forged = real.clone();
        forged.replace_range(34.., "AAAAAA");
        let text = format!("REAL = \"{real}\"\nDOCS = \"{forged}\"\n");
        let found: Vec<(u32, Severity, String)> = analyze(Language::Python, &text)
            .into_iter()
            .filter(|f| &*f.rule_id == "any.github-token")
            .map(|f| (f.span.start.line, f.severity, f.message.to_string()))
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].1, Severity::Error, "{found:?}");
        assert_eq!(found[1].1, Severity::Hint, "{found:?}");
        assert!(found[1].2.contains("checksum does not match"), "{found:?}");
    }
}
