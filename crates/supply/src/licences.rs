//! Licences: what a registry declares, normalised to an SPDX expression with the `spdx` crate,
//! and the `[licenses]` policy of `slopguard.toml` that judges new dependencies by it.
//!
//! ```toml
//! [licenses]
//! allow = ["MIT", "Apache-2.0", "BSD-3-Clause"]   # when set: anything else is denied
//! deny = ["GPL-3.0-only", "AGPL-3.0-only"]         # never acceptable
//! ```
//!
//! Registry text is read with lenient syntax, as crates.io does (`MIT/Apache-2.0`,
//! `GPL-2.0+`, deprecated identifiers), but no identifier is guessed: what is no SPDX
//! expression (`"BSD"`, `"Apache 2.0"`, `"SEE LICENSE IN LICENSE.md"`, npm's `UNLICENSED`) is
//! kept as written and counts as unknown. An expression passes when it
//! can be satisfied with licences the policy accepts: `MIT OR GPL-3.0-only` passes a policy
//! that denies GPL-3.0-only, `MIT AND GPL-3.0-only` does not.

use serde::Deserialize;
use spdx::{Expression, LicenseId, LicenseItem, LicenseReq, ParseMode};

/// A licence as a registry declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Licence {
    /// A valid SPDX expression, normalised (`MIT OR Apache-2.0`).
    Spdx(String),
    /// Text that is no SPDX expression: kept as written.
    Other(String),
}

impl Licence {
    /// Reads a registry's licence text.
    pub fn from_registry(text: &str) -> Licence {
        let text = text.trim();
        // Lenient syntax, but no guessed identifiers: the crate's "imprecise names" read
        // `BSD` as BSD-2-Clause, which a registry never said.
        let lenient = ParseMode {
            allow_imprecise_license_names: false,
            ..ParseMode::LAX
        };
        if Expression::parse_mode(text, lenient).is_err() {
            return Licence::Other(text.to_string());
        }
        let canonical = match Expression::canonicalize(text) {
            Ok(Some(canonical)) => canonical,
            Ok(None) => text.to_string(),
            Err(_) => return Licence::Other(text.to_string()),
        };
        match Expression::parse_mode(&canonical, ParseMode::STRICT) {
            Ok(_) => Licence::Spdx(canonical),
            Err(_) => Licence::Other(text.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Licence::Spdx(text) | Licence::Other(text) => text,
        }
    }
}

/// The `[licenses]` table as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct LicenceConfig {
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    deny: Vec<String>,
}

/// The validated licence policy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LicencePolicy {
    allow: Vec<LicenseId>,
    deny: Vec<LicenseId>,
}

/// What the policy says about one dependency's licence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Accepted,
    /// Why: which licences the expression cannot do without.
    Denied(String),
    /// No SPDX licence is known: the registry declares none, text that is no expression, or
    /// it was not asked.
    Unknown,
}

impl LicencePolicy {
    /// Reads the `[licenses]` table (as the config loader hands it over).
    pub fn from_table(table: &toml::Table) -> Result<LicencePolicy, String> {
        let config: LicenceConfig = table
            .clone()
            .try_into()
            .map_err(|e: toml::de::Error| format!("[licenses]: {}", e.message()))?;
        let ids = |list: &[String], key: &str| -> Result<Vec<LicenseId>, String> {
            list.iter()
                .map(|name| {
                    spdx::license_id(name.trim()).ok_or_else(|| {
                        format!("[licenses] {key}: `{name}` is not an SPDX licence identifier")
                    })
                })
                .collect()
        };
        Ok(LicencePolicy {
            allow: ids(&config.allow, "allow")?,
            deny: ids(&config.deny, "deny")?,
        })
    }

    /// Whether the table sets anything: without a policy, licences are facts, not findings.
    pub fn is_active(&self) -> bool {
        !self.allow.is_empty() || !self.deny.is_empty()
    }

    fn accepts(&self, requirement: &LicenseReq) -> bool {
        let LicenseItem::Spdx { id, .. } = requirement.license else {
            // `LicenseRef-…`: only an allow-all policy (no allow list) takes it.
            return self.allow.is_empty();
        };
        !self.deny.contains(&id) && (self.allow.is_empty() || self.allow.contains(&id))
    }

    pub fn judge(&self, licence: Option<&Licence>) -> Verdict {
        let Some(Licence::Spdx(text)) = licence else {
            return Verdict::Unknown;
        };
        let Ok(expression) = Expression::parse_mode(text, ParseMode::STRICT) else {
            return Verdict::Unknown;
        };
        match expression.evaluate_with_failures(|r| self.accepts(r)) {
            Ok(()) => Verdict::Accepted,
            Err(failures) => {
                let mut names: Vec<String> =
                    failures.iter().map(|f| f.req.license.to_string()).collect();
                names.dedup();
                let why = if self.allow.is_empty() {
                    format!("{} denied by [licenses] deny", names.join(", "))
                } else {
                    format!("{} not in [licenses] allow", names.join(", "))
                };
                Verdict::Denied(why)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(text: &str) -> Result<LicencePolicy, String> {
        LicencePolicy::from_table(&toml::from_str::<toml::Table>(text).unwrap())
    }

    #[test]
    fn registry_text_is_normalised_or_kept() {
        let spdx = |t: &str| Licence::Spdx(t.to_string());
        assert_eq!(Licence::from_registry("MIT"), spdx("MIT"));
        assert_eq!(
            Licence::from_registry("MIT/Apache-2.0"),
            spdx("MIT OR Apache-2.0")
        );
        assert_eq!(
            Licence::from_registry(" Apache-2.0 OR MIT "),
            spdx("Apache-2.0 OR MIT")
        );
        for other in ["BSD", "SEE LICENSE IN LICENSE.md", "UNLICENSED", ""] {
            assert_eq!(
                Licence::from_registry(other),
                Licence::Other(other.to_string())
            );
        }
    }

    #[test]
    fn expressions_pass_when_some_choice_is_acceptable() {
        let deny = policy("deny = [\"GPL-3.0-only\"]\n").unwrap();
        assert!(deny.is_active());
        let judge = |p: &LicencePolicy, t: &str| p.judge(Some(&Licence::from_registry(t)));
        assert_eq!(judge(&deny, "MIT"), Verdict::Accepted);
        assert_eq!(judge(&deny, "MIT OR GPL-3.0-only"), Verdict::Accepted);
        assert!(
            matches!(judge(&deny, "MIT AND GPL-3.0-only"), Verdict::Denied(why) if why.contains("GPL-3.0-only"))
        );
        assert_eq!(judge(&deny, "BSD"), Verdict::Unknown);
        assert_eq!(deny.judge(None), Verdict::Unknown);
        let allow = policy("allow = [\"MIT\", \"Apache-2.0\"]\n").unwrap();
        assert_eq!(judge(&allow, "Apache-2.0 OR MIT"), Verdict::Accepted);
        assert!(matches!(judge(&allow, "ISC"), Verdict::Denied(why) if why.contains("ISC not in")));
        assert!(!policy("").unwrap().is_active());
    }

    #[test]
    fn bad_tables_are_clear_errors() {
        let err = policy("allow = [\"MIT-ish\"]\n").unwrap_err();
        assert!(
            err.contains("`MIT-ish` is not an SPDX licence identifier"),
            "{err}"
        );
        let err = policy("permit = []\n").unwrap_err();
        assert!(err.contains("unknown field"), "{err}");
    }
}
