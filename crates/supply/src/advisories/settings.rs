//! The `[advisories]` table of `slopguard.toml` and the environment: where `db update` fetches
//! from, when stored data counts as stale, and which vulnerable dependencies fail `check`.
//!
//! The base URL follows the rule of the registry URLs (`docs/security.md`): the user's
//! `SLOPGUARD_OSV_URL` first, then `url` in the config, then the OSV project's public export.
//! A scanned repository's own `slopguard.toml` may not set `url` (it would choose which
//! advisories the user sees) unless `SLOPGUARD_ALLOW_CONFIG_REGISTRY=1`.

use super::Reach;
use super::osv::Level;
use crate::registry::ALLOW_REPOSITORY_REGISTRY;
use serde::Deserialize;
use std::time::Duration;

/// The OSV project's export: `{base}/{ecosystem}/all.zip`.
pub const DEFAULT_OSV_URL: &str = "https://osv-vulnerabilities.storage.googleapis.com";
/// The variable that overrides every configured base URL.
pub const OSV_URL_VARIABLE: &str = "SLOPGUARD_OSV_URL";
/// Stored data older than this many days is stale unless configured otherwise.
pub const DEFAULT_STALE_AFTER_DAYS: u64 = 7;

/// Which vulnerable dependencies make `check` fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FailOnVulnerable {
    /// Never: vulnerable dependencies are reported only.
    None,
    /// Any vulnerable dependency.
    Any,
    /// High or critical ones, reached or not.
    High,
    /// Those the code imports or calls, at any severity.
    Reachable,
    /// High or critical ones the code imports or calls.
    #[default]
    ReachableHigh,
}

impl FailOnVulnerable {
    /// Whether a finding of this severity `level` and `reach` fails the check.
    pub fn fails(self, level: Option<Level>, reach: Reach) -> bool {
        let high = level.is_some_and(|l| l >= Level::High);
        let reached = reach != Reach::NotImported;
        match self {
            FailOnVulnerable::None => false,
            FailOnVulnerable::Any => true,
            FailOnVulnerable::High => high,
            FailOnVulnerable::Reachable => reached,
            FailOnVulnerable::ReachableHigh => high && reached,
        }
    }
}

/// The `[advisories]` table. Every key is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AdvisoryConfig {
    /// Report vulnerable dependencies at all (default true).
    pub enabled: Option<bool>,
    /// The base URL of an OSV export (a mirror).
    pub url: Option<String>,
    pub stale_after_days: Option<u64>,
    pub fail_on_vulnerable: Option<FailOnVulnerable>,
}

/// The resolved settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdvisorySettings {
    pub enabled: bool,
    pub url: String,
    pub stale_after: Duration,
    pub fail_on: FailOnVulnerable,
}

impl AdvisorySettings {
    /// Defaults, then `config`, then `SLOPGUARD_OSV_URL` from `env`.
    pub fn resolve(config: &AdvisoryConfig, env: &dyn Fn(&str) -> Option<String>) -> Self {
        let url = env(OSV_URL_VARIABLE)
            .filter(|v| !v.trim().is_empty())
            .or_else(|| config.url.clone())
            .unwrap_or_else(|| DEFAULT_OSV_URL.to_string());
        AdvisorySettings {
            enabled: config.enabled.unwrap_or(true),
            url: url.trim().trim_end_matches('/').to_string(),
            stale_after: Duration::from_secs(
                config.stale_after_days.unwrap_or(DEFAULT_STALE_AFTER_DAYS) * 24 * 3600,
            ),
            fail_on: config.fail_on_vulnerable.unwrap_or_default(),
        }
    }

    /// From a config's raw `[advisories]` table as a scanned repository may set it (see the
    /// module docs), with the process environment; errors name the bad key.
    pub fn from_repository_table(table: &toml::Table) -> Result<(Self, Vec<String>), String> {
        let config: AdvisoryConfig = table
            .clone()
            .try_into()
            .map_err(|e: toml::de::Error| format!("[advisories]: {}", e.message().trim()))?;
        let env = |name: &str| std::env::var(name).ok();
        let (config, notes) = config.limited_for_repository(&env);
        Ok((AdvisorySettings::resolve(&config, &env), notes))
    }
}

impl AdvisoryConfig {
    /// The table without `url` unless the user allows a repository to choose it; a note when
    /// it was dropped.
    pub fn limited_for_repository(
        mut self,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> (AdvisoryConfig, Vec<String>) {
        let allowed = env(ALLOW_REPOSITORY_REGISTRY)
            .is_some_and(|v| !matches!(v.trim(), "" | "0" | "false" | "no"));
        if allowed || self.url.is_none() {
            return (self, Vec::new());
        }
        self.url = None;
        let note = format!(
            "[advisories] url in the repository's slopguard.toml is ignored: a repository cannot \
             choose which advisories you see (set {ALLOW_REPOSITORY_REGISTRY}=1 to allow it, or \
             use {OSV_URL_VARIABLE})"
        );
        (self, vec![note])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_wins_and_a_repository_cannot_choose_the_url() {
        let config: AdvisoryConfig = toml::from_str(
            "url = \"http://evil.invalid/\"\nstale-after-days = 2\nfail-on-vulnerable = \"any\"\n",
        )
        .unwrap();
        let (limited, notes) = config.clone().limited_for_repository(&|_| None);
        assert_eq!(notes.len(), 1);
        let settings = AdvisorySettings::resolve(&limited, &|_| None);
        assert_eq!(settings.url, DEFAULT_OSV_URL);
        assert_eq!(settings.stale_after, Duration::from_secs(2 * 86400));
        assert_eq!(settings.fail_on, FailOnVulnerable::Any);
        let allow = |name: &str| (name == ALLOW_REPOSITORY_REGISTRY).then(|| "1".to_string());
        let (allowed, notes) = config.clone().limited_for_repository(&allow);
        assert!(notes.is_empty());
        assert_eq!(
            AdvisorySettings::resolve(&allowed, &|_| None).url,
            "http://evil.invalid"
        );
        let env = |name: &str| (name == OSV_URL_VARIABLE).then(|| "http://127.0.0.1:1/".into());
        assert_eq!(
            AdvisorySettings::resolve(&config, &env).url,
            "http://127.0.0.1:1"
        );
        assert!(toml::from_str::<AdvisoryConfig>("urls = \"x\"").is_err());
    }

    #[test]
    fn the_policy_reads_severity_and_reach() {
        use FailOnVulnerable::*;
        let high = Some(Level::High);
        let medium = Some(Level::Medium);
        assert!(ReachableHigh.fails(high, Reach::Imported));
        assert!(!ReachableHigh.fails(high, Reach::NotImported));
        assert!(!ReachableHigh.fails(medium, Reach::Called));
        assert!(Reachable.fails(Option::None, Reach::Called));
        assert!(High.fails(Some(Level::Critical), Reach::NotImported));
        assert!(Any.fails(Option::None, Reach::NotImported));
        assert!(!None.fails(high, Reach::Called));
    }
}
