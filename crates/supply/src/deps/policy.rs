//! The `[dependencies]` table of `slopguard.toml`: which new dependencies are approved (their
//! new-dependency notes are not shown) and whether new dependencies fail `check`.
//!
//! ```toml
//! [dependencies]
//! allow = ["serde", "npm:lodash", "pypi:requests"]
//! fail-on-new = "risky"   # "none" (default) | "risky" | "any"
//! cool-down-days = 7      # a version published more recently is a signal (0: off)
//! dormant-days = 365      # a release after this long without one is a signal (0: off)
//! ```
//!
//! The licence policy comes from its own table, `[licenses]` ([`crate::licences`]).

use super::signals::SignalSettings;
use super::{Ecosystem, canonical_name};
use crate::licences::LicencePolicy;
use serde::Deserialize;

/// Whether introduced dependencies fail `check`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FailOnNew {
    /// New dependencies are reported (info), never fatal.
    #[default]
    None,
    /// A new dependency (direct, imported or transitive) that the registry checks flag —
    /// hallucinated, typosquat, risky, a missing or yanked version — fails.
    Risky,
    /// Every new dependency not on the allow list fails.
    Any,
}

impl FailOnNew {
    pub fn as_str(self) -> &'static str {
        match self {
            FailOnNew::None => "none",
            FailOnNew::Risky => "risky",
            FailOnNew::Any => "any",
        }
    }
}

/// The `[dependencies]` table as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DependencyConfig {
    /// `name` (any ecosystem) or `ecosystem:name` with `pypi`, `npm`, `crates.io` (or `crates`,
    /// `cargo`).
    #[serde(default)]
    pub allow: Vec<String>,
    #[serde(default)]
    pub fail_on_new: FailOnNew,
    pub cool_down_days: Option<u64>,
    pub dormant_days: Option<u64>,
}

/// One approved package.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Allowed {
    /// `None`: any ecosystem.
    ecosystem: Option<Ecosystem>,
    name: String,
}

/// The validated settings the dependency checks run with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DependencySettings {
    allow: Vec<Allowed>,
    pub fail_on_new: FailOnNew,
    pub signals: SignalSettings,
    pub licences: LicencePolicy,
}

impl DependencySettings {
    /// Reads the `[dependencies]` table (as the config loader hands it over).
    pub fn from_table(table: &toml::Table) -> Result<DependencySettings, String> {
        let config: DependencyConfig = table
            .clone()
            .try_into()
            .map_err(|e: toml::de::Error| format!("[dependencies]: {}", e.message()))?;
        DependencySettings::from_config(&config)
    }

    pub fn from_config(config: &DependencyConfig) -> Result<DependencySettings, String> {
        let allow = config
            .allow
            .iter()
            .map(|entry| parse_allowed(entry))
            .collect::<Result<_, _>>()?;
        let defaults = SignalSettings::default();
        Ok(DependencySettings {
            allow,
            fail_on_new: config.fail_on_new,
            signals: SignalSettings {
                cool_down_days: config.cool_down_days.unwrap_or(defaults.cool_down_days),
                dormant_days: config.dormant_days.unwrap_or(defaults.dormant_days),
            },
            licences: LicencePolicy::default(),
        })
    }

    /// Adds the `[licenses]` policy.
    pub fn with_licences(mut self, table: &toml::Table) -> Result<DependencySettings, String> {
        self.licences = LicencePolicy::from_table(table)?;
        Ok(self)
    }

    /// Whether a package is on the allow list.
    pub fn allows(&self, ecosystem: Ecosystem, name: &str) -> bool {
        let name = canonical_name(ecosystem, name);
        self.allow.iter().any(|a| {
            a.ecosystem.is_none_or(|e| e == ecosystem) && canonical_name(ecosystem, &a.name) == name
        })
    }
}

fn parse_allowed(entry: &str) -> Result<Allowed, String> {
    let entry = entry.trim();
    let (ecosystem, name) = match entry.split_once(':') {
        Some((prefix, name)) => {
            let ecosystem = match prefix.to_ascii_lowercase().as_str() {
                "pypi" => Ecosystem::PyPI,
                "npm" => Ecosystem::Npm,
                "crates.io" | "crates" | "cargo" => Ecosystem::Crates,
                _ => {
                    return Err(format!(
                        "[dependencies] allow: `{entry}`: unknown ecosystem `{prefix}` (use pypi, npm or crates.io)"
                    ));
                }
            };
            (Some(ecosystem), name.trim())
        }
        None => (None, entry),
    };
    if name.is_empty() {
        return Err(format!("[dependencies] allow: `{entry}` names no package"));
    }
    Ok(Allowed {
        ecosystem,
        name: name.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(text: &str) -> Result<DependencySettings, String> {
        DependencySettings::from_table(&toml::from_str::<toml::Table>(text).unwrap())
    }

    #[test]
    fn allow_entries_with_and_without_ecosystem() {
        let s = settings(
            "allow = [\"Serde_JSON\", \"npm:lodash\", \"pypi:PyYAML\"]\nfail-on-new = \"any\"\n",
        )
        .unwrap();
        assert_eq!(s.fail_on_new, FailOnNew::Any);
        assert!(s.allows(Ecosystem::Crates, "serde-json"));
        assert!(s.allows(Ecosystem::PyPI, "serde_json"));
        assert!(s.allows(Ecosystem::Npm, "lodash"));
        assert!(!s.allows(Ecosystem::PyPI, "lodash"));
        assert!(s.allows(Ecosystem::PyPI, "pyyaml"));
        assert!(!s.allows(Ecosystem::Npm, "pyyaml"));
    }

    #[test]
    fn bad_tables_are_clear_errors() {
        assert_eq!(settings("").unwrap(), DependencySettings::default());
        let err = settings("fail_on_new = \"any\"\n").unwrap_err();
        assert!(err.contains("unknown field"), "{err}");
        let err = settings("fail-on-new = \"sometimes\"\n").unwrap_err();
        assert!(err.contains("unknown variant"), "{err}");
        let err = settings("allow = [\"maven:junit\"]\n").unwrap_err();
        assert!(err.contains("unknown ecosystem `maven`"), "{err}");
    }
}
