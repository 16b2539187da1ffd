//! The rule file format (`rules/<dir>/<name>.toml`), as read by serde, and the validated
//! [`Rule`] the engine runs. See `docs/writing-rules.md` for the authoring guide.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use toml::Spanned;

/// How bad a finding is. Ordered: `Hint < Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "hint" => Ok(Severity::Hint),
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!(
                "unknown severity `{other}` (expected error, warning, info or hint)"
            )),
        }
    }
}

/// A rule's severity as configured (`[rules.severity]`, the editor's `severityOverrides`): a
/// severity, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeverityOverride {
    Error,
    Warning,
    Info,
    Hint,
    Off,
}

impl SeverityOverride {
    /// The severity to report, or `None` when the rule is turned off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            SeverityOverride::Error => Some(Severity::Error),
            SeverityOverride::Warning => Some(Severity::Warning),
            SeverityOverride::Info => Some(Severity::Info),
            SeverityOverride::Hint => Some(Severity::Hint),
            SeverityOverride::Off => None,
        }
    }
}

/// How sure a rule is that a match is a real problem.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    #[default]
    Medium,
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// What kind of problem a finding is. One enum for every source of findings.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, Default,
)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    #[default]
    InsecureCode,
    HallucinatedPackage,
    Typosquat,
    RiskyPackage,
    NewDependency,
    /// A package the registry checks could not look up (offline, an error): not a verdict.
    UnverifiedPackage,
    /// A dependency pinned at a version a known advisory affects (`docs/vulnerabilities.md`).
    VulnerableDependency,
    /// A new dependency whose licence the `[licenses]` policy denies, or whose licence is
    /// unknown (`docs/sbom.md`).
    License,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::InsecureCode => "insecure-code",
            Category::HallucinatedPackage => "hallucinated-package",
            Category::Typosquat => "typosquat",
            Category::RiskyPackage => "risky-package",
            Category::NewDependency => "new-dependency",
            Category::UnverifiedPackage => "unverified-package",
            Category::VulnerableDependency => "vulnerable-dependency",
            Category::License => "license",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rule file exactly as written. Unknown keys are errors: a typo must not silently disable
/// part of a rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleFile {
    pub id: Spanned<String>,
    pub languages: Spanned<Vec<String>>,
    pub severity: Severity,
    #[serde(default)]
    pub confidence: Confidence,
    #[serde(default)]
    pub category: Category,
    pub cwe: Spanned<Vec<String>>,
    pub message: Spanned<String>,
    pub docs: Docs,
    #[serde(rename = "match")]
    pub matcher: Option<MatcherFile>,
    pub taint: Option<Spanned<crate::flow::TaintFile>>,
    pub fix: Option<FixFile>,
    /// Kinds of file besides shipped code where the rule matters (`test`, `fixture`,
    /// `example`, `docs`...): see [`crate::context`].
    #[serde(default)]
    pub contexts: Vec<crate::context::FileContext>,
    /// Rules that report a weaker form of this rule's problem: where both report the same
    /// place, only this rule's finding is kept (see [`crate::rules::Supersedes`]).
    pub supersedes: Option<Spanned<Vec<String>>>,
}

/// The documentation every rule carries: shown by `rules show`, hovers and SARIF help.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Docs {
    pub what: String,
    pub why: String,
    pub example: String,
    pub fix: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct MatcherFile {
    pub query: Option<Spanned<String>>,
    pub report: Option<String>,
    /// A query's finding is narrowed to the first match of this regex in the reported node.
    pub focus: Option<Spanned<String>>,
    pub regex: Option<Spanned<String>>,
    pub scope: Option<Spanned<String>>,
    pub min_entropy: Option<f64>,
    pub exclude: Option<Spanned<String>>,
    pub checksum: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FixFile {
    pub capture: Spanned<String>,
    pub replacement: String,
    #[serde(default)]
    pub safe: bool,
}

/// Which files a rule applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Language(crate::lang::Language),
    /// Every file slopguard reads, with or without a grammar (secret patterns).
    AnyFile,
}

/// Where a regex rule looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegexScope {
    Any,
    String,
    Comment,
}

#[derive(Debug, Clone)]
pub enum Matcher {
    /// A tree-sitter query; its source is kept to build the per-language combined query.
    Query {
        source: String,
        report: String,
        /// The part of the reported node the finding covers: the first match of this regex in
        /// its text (the whole node when none), so a loop's finding is the call in it.
        focus: Option<super::LazyRegex>,
    },
    Regex {
        regex: super::LazyRegex,
        scope: RegexScope,
        min_entropy: Option<f64>,
        exclude: Option<super::LazyRegex>,
        /// A provider checksum the reported text must carry; a match whose checksum fails is
        /// only a hint (a made-up token in documentation).
        checksum: Option<super::checksum::Checksum>,
    },
    /// No shape: the rule's `[taint]` table alone decides (a taint rule or library).
    Flow,
}

#[derive(Debug, Clone)]
pub struct FixTemplate {
    pub capture: String,
    pub replacement: String,
    pub safe: bool,
}

/// A validated rule, ready to run.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub targets: Vec<Target>,
    pub severity: Severity,
    pub confidence: Confidence,
    pub category: Category,
    pub cwe: std::sync::Arc<[String]>,
    pub message: String,
    pub docs: Docs,
    pub matcher: Matcher,
    pub fix: Option<FixTemplate>,
    /// The rule's `[taint]` table: its sources, sinks and sanitizers, or what flow refines.
    pub taint: Option<std::sync::Arc<crate::flow::TaintSpec>>,
    /// Where the rule came from: `builtin:python/yaml-load.toml` or a file path.
    pub origin: String,
    /// Kinds of file the rule runs on by default: shipped code, and those its file lists.
    pub contexts: Vec<crate::context::FileContext>,
    /// The ids of rules whose findings this rule's finding replaces at the same place: the
    /// same problem, reported by them in a weaker form.
    pub supersedes: Vec<String>,
}

impl Rule {
    /// Whether this rule runs on a file of `language` (`None`: a file without a grammar).
    pub fn applies_to(&self, language: Option<crate::lang::Language>) -> bool {
        self.targets.iter().any(|target| match target {
            Target::AnyFile => true,
            Target::Language(l) => Some(*l) == language,
        })
    }

    /// Whether this is a taint library: data lent to other taint rules, never a finding.
    pub fn is_taint_library(&self) -> bool {
        self.taint.as_ref().is_some_and(|t| t.is_library())
    }

    /// Whether the rule runs on a file of this kind when that kind gets only relevant rules.
    pub fn applies_in(&self, context: crate::context::FileContext) -> bool {
        context == crate::context::FileContext::Code || self.contexts.contains(&context)
    }

    /// The link to this rule's documentation, used by SARIF and the LSP.
    pub fn docs_url(&self) -> String {
        format!("{}#{}", crate::DOCS_RULES_URL, self.id)
    }
}
