//! The server's settings: `initializationOptions`, `workspace/didChangeConfiguration` and the
//! workspace's `slopguard.toml`.
//!
//! Editor settings are read key by key: a wrong value for one key is reported and that key keeps
//! its default, so one typo in a settings file never disables the whole server.

use crate::rules::Severity;
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use crate::rules::SeverityOverride;

/// Where the registry checks look (used by the project pass; tests point these at 127.0.0.1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RegistrySettings {
    pub pypi_url: Option<String>,
    pub npm_url: Option<String>,
    pub crates_index_url: Option<String>,
}

/// The editor-side settings. Key names are shared with the VS Code extension.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub enable: bool,
    /// Show findings only on lines that differ from the file's git HEAD version.
    pub only_changed_lines: bool,
    /// Never contact a registry; answer from the cache only.
    pub offline: bool,
    pub severity_overrides: HashMap<String, SeverityOverride>,
    pub extra_rule_dirs: Vec<PathBuf>,
    pub registry: RegistrySettings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            enable: true,
            only_changed_lines: true,
            offline: false,
            severity_overrides: HashMap::new(),
            extra_rule_dirs: Vec::new(),
            registry: RegistrySettings::default(),
        }
    }
}

impl Settings {
    /// Reads a settings object, bare or wrapped as `{ "slopguard": { ... } }`. Returns the
    /// settings and one message per key that was ignored.
    pub fn from_json(value: &Value) -> (Settings, Vec<String>) {
        let mut settings = Settings::default();
        let mut problems = Vec::new();
        let object = match value.get("slopguard").unwrap_or(value) {
            Value::Object(object) => object,
            Value::Null => return (settings, problems),
            other => {
                problems.push(format!("settings must be an object, got `{other}`"));
                return (settings, problems);
            }
        };
        for (key, value) in object {
            let result = match key.as_str() {
                "enable" => read(value).map(|v| settings.enable = v),
                "onlyChangedLines" => read(value).map(|v| settings.only_changed_lines = v),
                "offline" => read(value).map(|v| settings.offline = v),
                "severityOverrides" => read_overrides(value, &mut settings, &mut problems),
                "extraRuleDirs" => read(value).map(|v| settings.extra_rule_dirs = v),
                "registry" => read(value).map(|v| settings.registry = v),
                _ => Err(format!("unknown setting `{key}`")),
            };
            if let Err(problem) = result {
                problems.push(format!("setting `{key}` ignored: {problem}"));
            }
        }
        (settings, problems)
    }

    /// The severity of a finding of `rule_id` whose rule says `default`; `None`: not reported.
    pub fn severity_of(&self, rule_id: &str, default: Severity) -> Option<Severity> {
        match self.severity_overrides.get(rule_id) {
            Some(configured) => configured.severity(),
            None => Some(default),
        }
    }
}

fn read<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T, String> {
    T::deserialize(value).map_err(|e| e.to_string())
}

/// Overrides are read one rule at a time, for the same reason settings are read one key at a time.
fn read_overrides(
    value: &Value,
    settings: &mut Settings,
    problems: &mut Vec<String>,
) -> Result<(), String> {
    let Value::Object(map) = value else {
        return Err("expected an object of rule id to severity".into());
    };
    for (rule, severity) in map {
        match read::<SeverityOverride>(severity) {
            Ok(s) => {
                settings.severity_overrides.insert(rule.clone(), s);
            }
            Err(_) => problems.push(format!(
                "severity override for `{rule}` ignored: expected error, warning, info, hint or off"
            )),
        }
    }
    Ok(())
}

/// The parts of a workspace's `slopguard.toml` the server uses. Unknown keys are other
/// commands' business and are not errors here.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct ProjectConfig {
    #[serde(default)]
    pub rules: ProjectRules,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct ProjectRules {
    #[serde(default)]
    pub extra_dirs: Vec<PathBuf>,
}

pub const PROJECT_CONFIG_FILE: &str = "slopguard.toml";

impl ProjectConfig {
    /// Reads `<root>/slopguard.toml`; a missing file is the default config. Relative rule
    /// directories are resolved against `root`.
    pub fn load(root: &Path) -> Result<ProjectConfig, String> {
        let path = root.join(PROJECT_CONFIG_FILE);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(ProjectConfig::default());
            }
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let text = std::str::from_utf8(&bytes)
            .map_err(|e| format!("{} is not UTF-8: {e}", path.display()))?;
        let mut config: ProjectConfig =
            toml::from_str(text).map_err(|e| format!("{}: {e}", path.display()))?;
        let inside = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        for dir in &mut config.rules.extra_dirs {
            let joined = root.join(&*dir);
            // The workspace's config is the repository's: its rule directories stay inside it,
            // links below them included.
            if let Some(outside) = crate::rules::paths_outside(&joined, &inside).first() {
                return Err(format!(
                    "{}: `rules.extra-dirs` reaches {}, which is outside the project; not read",
                    path.display(),
                    outside.display()
                ));
            }
            *dir = joined;
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn settings_accept_bare_and_wrapped_objects() {
        let bare = json!({"enable": false, "onlyChangedLines": false,
            "severityOverrides": {"python.eval": "off", "js.x": "hint"},
            "extraRuleDirs": ["r"], "registry": {"pypiUrl": "http://127.0.0.1:1"}});
        let (settings, problems) = Settings::from_json(&bare);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(!settings.enable && !settings.only_changed_lines);
        assert_eq!(settings.severity_of("python.eval", Severity::Error), None);
        assert_eq!(
            settings.severity_of("js.x", Severity::Error),
            Some(Severity::Hint)
        );
        assert_eq!(
            settings.severity_of("other", Severity::Info),
            Some(Severity::Info)
        );
        assert_eq!(settings.extra_rule_dirs, vec![PathBuf::from("r")]);
        assert_eq!(
            settings.registry.pypi_url.as_deref(),
            Some("http://127.0.0.1:1")
        );
        let (wrapped, _) = Settings::from_json(&json!({"slopguard": bare}));
        assert_eq!(wrapped, settings);
    }

    #[test]
    fn a_bad_key_is_reported_and_the_rest_still_applies() {
        let (settings, problems) = Settings::from_json(&json!({
            "enable": "yes", "offline": true, "severityOverrides": {"a": "loud", "b": "error"},
            "typo": 1}));
        assert!(settings.enable, "the bad value keeps the default");
        assert!(settings.offline);
        assert_eq!(
            settings.severity_of("b", Severity::Hint),
            Some(Severity::Error)
        );
        assert_eq!(problems.len(), 3, "{problems:?}");
        let (_, problems) = Settings::from_json(&json!(42));
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn project_config_resolves_rule_dirs_and_reports_broken_files() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            ProjectConfig::load(dir.path()).unwrap(),
            ProjectConfig::default()
        );
        std::fs::write(
            dir.path().join(PROJECT_CONFIG_FILE),
            "[rules]\nextra-dirs = [\"mine\"]\n[other]\nx = 1\n",
        )
        .unwrap();
        let config = ProjectConfig::load(dir.path()).unwrap();
        assert_eq!(config.rules.extra_dirs, vec![dir.path().join("mine")]);
        std::fs::write(dir.path().join(PROJECT_CONFIG_FILE), b"[rules\n\xff").unwrap();
        assert!(ProjectConfig::load(dir.path()).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn project_rule_dirs_outside_the_workspace_are_refused() {
        let outer = tempfile::tempdir().unwrap();
        let root = outer.path().join("project");
        std::fs::create_dir_all(root.join("rules")).unwrap();
        std::fs::create_dir(outer.path().join("private")).unwrap();
        std::os::unix::fs::symlink(outer.path().join("private"), root.join("link")).unwrap();
        std::os::unix::fs::symlink(outer.path().join("private"), root.join("rules/nested"))
            .unwrap();
        for dirs in ["\"../private\"", "\"link\"", "\"/\"", "\"rules\""] {
            std::fs::write(
                root.join(PROJECT_CONFIG_FILE),
                format!("[rules]\nextra-dirs = [{dirs}]\n"),
            )
            .unwrap();
            let error = ProjectConfig::load(&root).unwrap_err();
            assert!(error.contains("outside the project"), "{dirs}: {error}");
        }
    }
}
