//! Where the registries are, where the cache lives, and how long to wait: from `slopguard.toml`'s
//! `[registry]` table, overridden by environment variables.

use serde::Deserialize;
use std::path::PathBuf;
use std::time::Duration;

pub const DEFAULT_PYPI_URL: &str = "https://pypi.org";
pub const DEFAULT_NPM_URL: &str = "https://registry.npmjs.org";
pub const DEFAULT_CRATES_INDEX_URL: &str = "https://index.crates.io";
/// npm's download counts live on their own host.
pub const DEFAULT_NPM_DOWNLOADS_URL: &str = "https://api.npmjs.org";
/// crates.io's web API: download counts and repository links, which the index lacks.
pub const DEFAULT_CRATES_API_URL: &str = "https://crates.io";

/// The `[registry]` table of `slopguard.toml`. Every key is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RegistryConfig {
    /// Check packages at all (default true).
    pub enabled: Option<bool>,
    /// Use only the cache and the embedded lists.
    pub offline: Option<bool>,
    pub pypi_url: Option<String>,
    pub npm_url: Option<String>,
    pub crates_index_url: Option<String>,
    pub npm_downloads_url: Option<String>,
    pub crates_api_url: Option<String>,
    pub cache_dir: Option<PathBuf>,
    /// Seconds one request may take in all, connecting included (default 10).
    pub timeout_secs: Option<u64>,
    /// Seconds to wait for a connection (default 5).
    pub connect_timeout_secs: Option<u64>,
    /// Requests in flight at once per registry (default 32: sized for latency, not cores).
    pub concurrency: Option<usize>,
    /// Seconds a run keeps asking a registry after its first answer (default 5).
    pub deadline_secs: Option<u64>,
    /// A package first published fewer days ago than this is risky (default 30).
    pub min_age_days: Option<u64>,
}

/// Everything the client, cache and checker need to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub enabled: bool,
    pub offline: bool,
    pub pypi_url: String,
    pub npm_url: String,
    pub crates_index_url: String,
    /// Asked only for the facts of a new dependency (download counts, a crate's repository).
    pub npm_downloads_url: String,
    pub crates_api_url: String,
    /// `None`: no cache (every run asks the registry).
    pub cache_dir: Option<PathBuf>,
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub concurrency: usize,
    /// How long a run keeps asking a registry after that registry's first answer: later
    /// lookups answer "unknown" at once. Before any answer, `timeout` and the circuit breaker
    /// bound the wait.
    pub deadline: Duration,
    /// Consecutive failures (timeouts, refused connections, 5xx after retries) after which a
    /// registry is not asked again for `breaker_cooldown`, by any client of the process.
    pub breaker_failures: u32,
    pub breaker_cooldown: Duration,
    /// Retries of a request answered 5xx or 429, with doubling backoff.
    pub retries: u32,
    pub retry_backoff: Duration,
    /// How long an "exists" answer is kept.
    pub positive_ttl: Duration,
    /// How long a "does not exist" answer is kept: short, because attackers register
    /// hallucinated names.
    pub negative_ttl: Duration,
    pub min_age: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            enabled: true,
            offline: false,
            pypi_url: DEFAULT_PYPI_URL.into(),
            npm_url: DEFAULT_NPM_URL.into(),
            crates_index_url: DEFAULT_CRATES_INDEX_URL.into(),
            npm_downloads_url: DEFAULT_NPM_DOWNLOADS_URL.into(),
            crates_api_url: DEFAULT_CRATES_API_URL.into(),
            cache_dir: default_cache_dir(&|name| std::env::var(name).ok()),
            timeout: Duration::from_secs(10),
            connect_timeout: Duration::from_secs(5),
            concurrency: 32,
            deadline: Duration::from_secs(5),
            breaker_failures: 3,
            breaker_cooldown: Duration::from_secs(30),
            retries: 2,
            retry_backoff: Duration::from_millis(250),
            positive_ttl: Duration::from_secs(7 * 24 * 3600),
            negative_ttl: Duration::from_secs(3600),
            min_age: Duration::from_secs(30 * 24 * 3600),
        }
    }
}

impl Settings {
    /// Defaults, then `config`, then the process environment.
    pub fn from_config(config: &RegistryConfig) -> Settings {
        Settings::resolve(config, &|name| std::env::var(name).ok())
    }

    /// Defaults overridden by the environment only.
    pub fn from_env() -> Settings {
        Settings::from_config(&RegistryConfig::default())
    }

    /// Defaults, then `config`, then the variables `env` returns: `SLOPGUARD_PYPI_URL`,
    /// `SLOPGUARD_NPM_URL`, `SLOPGUARD_CRATES_INDEX_URL`, `SLOPGUARD_NPM_DOWNLOADS_URL`,
    /// `SLOPGUARD_CRATES_API_URL`, `SLOPGUARD_CACHE_DIR` (else
    /// `$XDG_CACHE_HOME/slopguard`, else `~/.cache/slopguard`) and `SLOPGUARD_OFFLINE=1`.
    pub fn resolve(config: &RegistryConfig, env: &dyn Fn(&str) -> Option<String>) -> Settings {
        let defaults = Settings {
            cache_dir: default_cache_dir(env),
            ..Settings::default()
        };
        let var = |name: &str| env(name).filter(|v| !v.trim().is_empty());
        let url = |configured: &Option<String>, name: &str, default: String| {
            var(name)
                .or_else(|| configured.clone())
                .map(|u| u.trim_end_matches('/').to_string())
                .unwrap_or(default)
        };
        Settings {
            enabled: config.enabled.unwrap_or(true),
            offline: var("SLOPGUARD_OFFLINE").map_or(config.offline.unwrap_or(false), |v| {
                !matches!(v.as_str(), "0" | "false" | "no")
            }),
            pypi_url: url(&config.pypi_url, "SLOPGUARD_PYPI_URL", defaults.pypi_url),
            npm_url: url(&config.npm_url, "SLOPGUARD_NPM_URL", defaults.npm_url),
            crates_index_url: url(
                &config.crates_index_url,
                "SLOPGUARD_CRATES_INDEX_URL",
                defaults.crates_index_url,
            ),
            npm_downloads_url: url(
                &config.npm_downloads_url,
                "SLOPGUARD_NPM_DOWNLOADS_URL",
                defaults.npm_downloads_url,
            ),
            crates_api_url: url(
                &config.crates_api_url,
                "SLOPGUARD_CRATES_API_URL",
                defaults.crates_api_url,
            ),
            cache_dir: var("SLOPGUARD_CACHE_DIR")
                .map(PathBuf::from)
                .or_else(|| config.cache_dir.clone())
                .or(defaults.cache_dir),
            timeout: config
                .timeout_secs
                .map_or(defaults.timeout, Duration::from_secs),
            connect_timeout: config
                .connect_timeout_secs
                .map_or(defaults.connect_timeout, Duration::from_secs),
            concurrency: config
                .concurrency
                .unwrap_or(defaults.concurrency)
                .clamp(1, 64),
            deadline: config
                .deadline_secs
                .map_or(defaults.deadline, Duration::from_secs),
            min_age: config
                .min_age_days
                .map_or(defaults.min_age, |d| Duration::from_secs(d * 24 * 3600)),
            ..defaults
        }
    }
}

/// The variable with which the user lets a repository's `slopguard.toml` choose registry URLs
/// and the cache directory (`1`); without it those keys are ignored with a note.
pub const ALLOW_REPOSITORY_REGISTRY: &str = "SLOPGUARD_ALLOW_CONFIG_REGISTRY";

impl RegistryConfig {
    /// The table as a scanned repository's own `slopguard.toml` may set it. A repository is
    /// hostile input: pointing lookups at its own server would let it answer "this invented
    /// name exists", and a cache directory of its choosing would poison (or be) another
    /// project's cache. So registry URLs and `cache-dir` count only when the user allows it
    /// ([`ALLOW_REPOSITORY_REGISTRY`]`=1`); the user's own environment variables
    /// (`SLOPGUARD_PYPI_URL`, `SLOPGUARD_CACHE_DIR`, ...) and editor settings always apply.
    /// Returns the table to use and a note per key ignored.
    pub fn limited_for_repository(
        self,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> (RegistryConfig, Vec<String>) {
        let allowed = env(ALLOW_REPOSITORY_REGISTRY)
            .is_some_and(|v| !matches!(v.trim(), "" | "0" | "false" | "no"));
        if allowed {
            return (self, Vec::new());
        }
        let mut notes = Vec::new();
        let mut config = self;
        let mut drop = |key: &str, set: bool| {
            if set {
                notes.push(format!(
                    "[registry] {key} in the repository's slopguard.toml is ignored: a \
                     repository cannot choose where lookups go or where answers are kept \
                     (set {ALLOW_REPOSITORY_REGISTRY}=1 to allow it, or use the SLOPGUARD_* \
                     variables)"
                ));
            }
        };
        drop("pypi-url", config.pypi_url.take().is_some());
        drop("npm-url", config.npm_url.take().is_some());
        drop("crates-index-url", config.crates_index_url.take().is_some());
        drop(
            "npm-downloads-url",
            config.npm_downloads_url.take().is_some(),
        );
        drop("crates-api-url", config.crates_api_url.take().is_some());
        drop("cache-dir", config.cache_dir.take().is_some());
        (config, notes)
    }
}

fn default_cache_dir(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    if let Some(dir) = env("SLOPGUARD_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    if let Some(xdg) = env("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(xdg).join("slopguard"));
    }
    env("HOME")
        .filter(|d| !d.is_empty())
        .map(|home| PathBuf::from(home).join(".cache").join("slopguard"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_overrides_config_which_overrides_defaults() {
        let config: RegistryConfig = toml::from_str(
            "pypi-url = \"https://mirror.invalid/pypi/\"\nnpm-url = \"https://npm.invalid\"\n\
             offline = true\ntimeout-secs = 3\n",
        )
        .unwrap();
        let env = |name: &str| match name {
            "SLOPGUARD_NPM_URL" => Some("http://127.0.0.1:9/npm".to_string()),
            "SLOPGUARD_CRATES_API_URL" => Some("http://127.0.0.1:9/api/".to_string()),
            "HOME" => Some("/home/u".to_string()),
            _ => None,
        };
        let settings = Settings::resolve(&config, &env);
        assert_eq!(settings.pypi_url, "https://mirror.invalid/pypi");
        assert_eq!(settings.npm_url, "http://127.0.0.1:9/npm");
        assert_eq!(settings.crates_index_url, DEFAULT_CRATES_INDEX_URL);
        assert_eq!(settings.crates_api_url, "http://127.0.0.1:9/api");
        assert_eq!(settings.npm_downloads_url, DEFAULT_NPM_DOWNLOADS_URL);
        assert!(settings.offline);
        assert_eq!(settings.timeout, Duration::from_secs(3));
        assert_eq!(
            settings.cache_dir,
            Some(PathBuf::from("/home/u/.cache/slopguard"))
        );
        let xdg = |name: &str| (name == "XDG_CACHE_HOME").then(|| "/x".to_string());
        assert_eq!(
            Settings::resolve(&RegistryConfig::default(), &xdg).cache_dir,
            Some(PathBuf::from("/x/slopguard"))
        );
    }

    #[test]
    fn unknown_keys_are_rejected() {
        let err = toml::from_str::<RegistryConfig>("pypi_url = \"x\"").unwrap_err();
        assert!(err.to_string().contains("unknown field"), "{err}");
    }

    #[test]
    fn a_repository_cannot_choose_registries_or_the_cache_unless_allowed() {
        let config = RegistryConfig {
            pypi_url: Some("http://evil.invalid".into()),
            npm_url: Some("http://evil.invalid".into()),
            cache_dir: Some("/tmp/evil".into()),
            offline: Some(true),
            ..RegistryConfig::default()
        };
        let (limited, notes) = config.clone().limited_for_repository(&|_| None);
        assert_eq!(
            limited,
            RegistryConfig {
                offline: Some(true),
                ..RegistryConfig::default()
            }
        );
        assert_eq!(notes.len(), 3, "{notes:?}");
        assert!(notes[0].starts_with("[registry] pypi-url"), "{notes:?}");
        let allow = |name: &str| (name == ALLOW_REPOSITORY_REGISTRY).then(|| "1".to_string());
        assert_eq!(
            config.clone().limited_for_repository(&allow),
            (config, vec![])
        );
    }
}
