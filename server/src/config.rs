//! `slopguard.toml`: finding it (the current directory or its parents), reading it strictly, and
//! the two policies it sets for `check` and the LSP: which files to leave out ([`Excludes`]) and
//! which rules run at which severity ([`RulePolicy`]).
//!
//! Every unknown key and bad value is an error naming the file, the line and the key: a typo in
//! a security tool's config must not silently switch a check off.

use crate::rules::{KnownIds, Severity, SeverityOverride};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file name looked for in the current directory and its parents.
pub const CONFIG_FILE: &str = "slopguard.toml";

pub use crate::context::DEFAULT_MAX_FILE_SIZE;
pub use excludes::{Excludes, normalize};
pub use rule_policy::RulePolicy;
use rule_policy::is_glob;

mod excludes;
mod rule_policy;

/// What `slopguard init` writes: every setting, commented, at its default.
pub const DEFAULT_CONFIG: &str = r#"# slopguard configuration. Paths and globs are relative to this file's directory.

# Files and directories to leave out, on top of .gitignore and .ignore. A glob without `/`
# matches a file or directory name anywhere; one with `/` matches a path from here.
exclude = [
  # "vendor",
  # "tests/fixtures/**",
]

# Exit with status 1 when a finding is at or above this severity: error, warning, info or hint.
fail-on = "warning"

# Files larger than this many bytes are skipped with a note.
max-file-size = 1048576

# When part of the code could not be analysed (a file over the size limit or unreadable,
# nesting too deep, a parse or match stopped at its work limit), `check` says so and exits 3.
# Set this to exit as if analysis had been complete; the notes are still printed.
allow-incomplete = false

[rules]
# Run only the rules matching these ids or globs (leave unset to run all of them).
# enable = ["python.*", "any.*"]

# Never run these rules (ids or globs).
disable = []

# Directories of your own rule files (see docs/writing-rules.md).
extra-dirs = []

# Severity overrides by id or glob (error, warning, info, hint, or off); an exact id wins over
# a glob. Ids and globs that name no rule are errors, with a suggestion.
[rules.severity]
# "python.shelve-open" = "hint"
# "slopguard.unused-suppression" = "warning"

# Package checks: hallucinated, typosquatted and risky packages (docs/registry.md).
# [registry]
# enabled = true          # false: no registry checks at all
# offline = false         # true: answer from the cache and the embedded lists only
# min-age-days = 30       # packages first published more recently are risky

# New dependencies a change introduces (docs/dependencies.md).
# [dependencies]
# allow = ["serde", "npm:lodash", "pypi:requests"]   # approved: no new-dependency notes
# fail-on-new = "none"    # none | risky | any
# cool-down-days = 7      # versions published more recently are a supply-chain signal
# dormant-days = 365      # a release after this long without one is a signal

# Licences of new dependencies (docs/sbom.md): denied or unknown ones are findings.
# [licenses]
# allow = ["MIT", "Apache-2.0", "BSD-3-Clause", "ISC"]
# deny = ["AGPL-3.0-only"]

# Known vulnerabilities of the packages the lockfiles pin (docs/vulnerabilities.md); data from
# `slopguard db update`.
# [advisories]
# enabled = true
# stale-after-days = 7    # older data gets a warning
# fail-on-vulnerable = "reachable-high"   # none | any | high | reachable | reachable-high
"#;

/// A problem with a config file, located as precisely as the file allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line, when the problem has one.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// The file as written. `deny_unknown_fields` turns typos into errors with a span.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    fail_on: Option<Severity>,
    max_file_size: Option<Spanned<i64>>,
    allow_incomplete: Option<bool>,
    #[serde(default)]
    rules: RulesFile,
    // Validated by their owners (the registry and dependency checks); kept here so that they
    // are not unknown keys.
    registry: Option<toml::Table>,
    dependencies: Option<toml::Table>,
    licenses: Option<toml::Table>,
    advisories: Option<toml::Table>,
    #[serde(default)]
    files: crate::context::FilePolicy,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RulesFile {
    enable: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    disable: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, SeverityOverride>,
    #[serde(default)]
    extra_dirs: Vec<Spanned<String>>,
}

/// A loaded configuration: the file's settings, or the defaults when there is no file.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file read, if any.
    pub path: Option<PathBuf>,
    /// The directory relative paths and globs start from: the file's directory, else the
    /// directory the search started in.
    pub root: PathBuf,
    pub excludes: Excludes,
    pub fail_on: Option<Severity>,
    pub max_file_size: u64,
    /// Incomplete analysis does not change `check`'s exit code.
    pub allow_incomplete: bool,
    pub rules: RulePolicy,
    /// Extra rule directories, absolute.
    pub extra_rule_dirs: Vec<PathBuf>,
    /// Every rule id or glob `[rules]` names, for [`Config::unknown_rule_ids`].
    rule_refs: Vec<RuleRef>,
    /// `[registry]`, validated by the registry checks.
    pub registry: toml::Table,
    /// `[dependencies]`, validated by the dependency checks.
    pub dependencies: toml::Table,
    /// `[licenses]`, validated by [`crate::licences::LicencePolicy`].
    pub licenses: toml::Table,
    /// `[advisories]`, validated by `crate::advisories::settings`.
    pub advisories: toml::Table,
    /// What the file turns off (`excludes vendor, *.min.js`, `disables rules python.*`), for
    /// the summary: a repository's config is hostile input and must not pass for a clean run.
    pub narrowing: Vec<String>,
    /// `[files]`: what `check` does with tests, fixtures, vendored, generated, minified files.
    pub files: crate::context::FilePolicy,
}

impl Config {
    /// Defaults, for a directory without a config file.
    pub fn default_at(root: &Path) -> Config {
        Config {
            path: None,
            root: root.to_path_buf(),
            excludes: Excludes::new(root, &[]).expect("no globs"),
            fail_on: None,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            allow_incomplete: false,
            rules: RulePolicy::default(),
            extra_rule_dirs: Vec::new(),
            rule_refs: Vec::new(),
            registry: toml::Table::new(),
            dependencies: toml::Table::new(),
            licenses: toml::Table::new(),
            advisories: toml::Table::new(),
            narrowing: Vec::new(),
            files: crate::context::FilePolicy::default(),
        }
    }

    /// Finds `slopguard.toml` in `start` or its nearest parent and reads it; defaults when none.
    pub fn discover(start: &Path) -> Result<Config, ConfigError> {
        match find(start) {
            Some(path) => Config::load(&path),
            None => Ok(Config::default_at(start)),
        }
    }

    /// Reads one config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            line: None,
            message: format!("cannot read: {e}"),
        })?;
        Config::parse(&text, path)
    }

    /// Parses config `text` as if read from `path`.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let line_of =
            |offset: usize| Some(text[..offset.min(text.len())].matches('\n').count() + 1);
        let error_at = |span: std::ops::Range<usize>, message: String| ConfigError {
            path: path.to_path_buf(),
            line: line_of(span.start),
            message,
        };
        let file: ConfigFile = toml::from_str(text).map_err(|e| {
            let message = e.message().trim();
            // An unknown key names itself; a bad value is named by the key it is assigned to.
            let key = e.span().and_then(|s| key_at(text, s.start));
            ConfigError {
                path: path.to_path_buf(),
                line: e.span().and_then(|s| line_of(s.start)),
                message: match key {
                    Some(key) if !message.starts_with("unknown field") => {
                        format!("`{key}`: {message}")
                    }
                    _ => message.to_string(),
                },
            }
        })?;
        let root = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);

        let narrowing = narrowing(&file);
        let excludes = Excludes::new(&root, &file.exclude)
            .map_err(|(span, message)| error_at(span, format!("`exclude`: {message}")))?;
        let max_file_size = match file.max_file_size {
            None => DEFAULT_MAX_FILE_SIZE,
            Some(size) if *size.get_ref() > 0 => *size.get_ref() as u64,
            Some(size) => {
                return Err(error_at(
                    size.span(),
                    "`max-file-size` must be a positive number of bytes".into(),
                ));
            }
        };
        let rules = RulePolicy::new(&file.rules)
            .map_err(|(span, message)| error_at(span, format!("`rules`: {message}")))?;
        let extra_rule_dirs = file
            .rules
            .extra_dirs
            .iter()
            .map(|dir| root.join(dir.get_ref()))
            .collect();
        let rule_refs = RuleRef::collect(&file.rules, |span| line_of(span.start));
        Ok(Config {
            path: Some(path.to_path_buf()),
            root,
            excludes,
            fail_on: file.fail_on,
            max_file_size,
            allow_incomplete: file.allow_incomplete.unwrap_or(false),
            rules,
            extra_rule_dirs,
            rule_refs,
            registry: file.registry.unwrap_or_default(),
            narrowing,
            dependencies: file.dependencies.unwrap_or_default(),
            licenses: file.licenses.unwrap_or_default(),
            advisories: file.advisories.unwrap_or_default(),
            files: file.files,
        })
    }
}

/// A rule id or glob written under `[rules]`, where it was written.
#[derive(Debug, Clone)]
struct RuleRef {
    key: &'static str,
    pattern: String,
    line: Option<usize>,
}

impl RuleRef {
    fn collect(
        rules: &RulesFile,
        line_of: impl Fn(std::ops::Range<usize>) -> Option<usize>,
    ) -> Vec<RuleRef> {
        let enable = rules.enable.iter().flatten().map(|p| ("rules.enable", p));
        let disable = rules.disable.iter().map(|p| ("rules.disable", p));
        let severity = rules.severity.keys().map(|p| ("rules.severity", p));
        enable
            .chain(disable)
            .chain(severity)
            .map(|(key, pattern)| RuleRef {
                key,
                pattern: pattern.get_ref().clone(),
                line: line_of(pattern.span()),
            })
            .collect()
    }
}

impl Config {
    /// An error for each id under `[rules]` that names no rule, and each glob that matches
    /// none, with a suggestion: a typo there would silently leave a rule on (or off).
    pub fn unknown_rule_ids(&self, known: &KnownIds) -> Vec<ConfigError> {
        let path = self
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from(CONFIG_FILE));
        self.rule_refs
            .iter()
            .filter(|r| {
                if is_glob(&r.pattern) {
                    !known.any_matches_glob(&r.pattern)
                } else {
                    !known.contains(&r.pattern)
                }
            })
            .map(|r| ConfigError {
                path: path.clone(),
                line: r.line,
                message: if is_glob(&r.pattern) {
                    format!("`{}`: `{}` matches no rule id", r.key, r.pattern)
                } else {
                    format!("`{}`: {}", r.key, known.unknown_message(&r.pattern))
                },
            })
            .collect()
    }
}

/// The dotted key whose value is at `offset`: the key before `=` on that line, under the last
/// `[table]` header above it (`rules.severity."python.x"`). `None` outside an assignment.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let offset = crate::text::floor_char_boundary(text, offset);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let (key, _) = text[line_start..offset].split_once('=')?;
    let key = key.trim();
    if key.is_empty() {
        return None;
    }
    let table = text[..line_start].lines().rev().find_map(|line| {
        let line = line.trim();
        let header = line.strip_prefix('[')?.split(']').next()?;
        Some(header.trim_start_matches('[').trim().to_string())
    });
    Some(match table {
        Some(table) if !table.is_empty() => format!("{table}.{key}"),
        _ => key.to_string(),
    })
}

/// The nearest `slopguard.toml` at or above `start`.
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(CONFIG_FILE))
        .find(|candidate| candidate.is_file())
}

type SpannedError = (std::ops::Range<usize>, String);

/// What a config file turns off, one phrase per kind.
fn narrowing(file: &ConfigFile) -> Vec<String> {
    let list = |items: &mut dyn Iterator<Item = &Spanned<String>>| {
        items
            .map(|s| s.get_ref().as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut narrowing = Vec::new();
    if !file.exclude.is_empty() {
        narrowing.push(format!("excludes {}", list(&mut file.exclude.iter())));
    }
    if let Some(enable) = &file.rules.enable {
        narrowing.push(format!("enables only rules {}", list(&mut enable.iter())));
    }
    let mut off = file
        .rules
        .disable
        .iter()
        .chain(
            file.rules
                .severity
                .iter()
                .filter(|(_, level)| level.severity().is_none())
                .map(|(pattern, _)| pattern),
        )
        .peekable();
    if off.peek().is_some() {
        narrowing.push(format!("disables rules {}", list(&mut off)));
    }
    narrowing
}

#[cfg(test)]
mod tests;
