//! Registry truth: does a package an import or manifest names exist, is it a typosquat of a
//! popular one, is it risky? Owns the embedded lists ([`known`]), the HTTP client for the
//! crates.io sparse index, the PyPI JSON API and the npm registry, the on-disk answer cache,
//! typosquat detection, what counts as local code, and the [`PackageChecker`] that turns the
//! files of a project into findings.
//!
//! Lookups answer exists / does not exist / **unknown**. Unknown (an error, a timeout, offline)
//! never becomes a "does not exist" finding: at most an info "could not verify".

mod breaker;
mod cache;
mod checker;
mod client;
mod fetch;
pub mod known;
mod local;
mod releases;
mod repo_index;
mod settings;
pub(crate) mod typosquat;
mod urls;

pub use cache::Cache;
pub use checker::{
    CachedCheck, FileFinding, PackageChecker, PackageQuery, SourceFile, UndeclaredImport, Verdicts,
};
pub use client::Client;
pub use client::{parse_time, unix_now};
pub use local::LocalKnowledge;
pub use settings::{ALLOW_REPOSITORY_REGISTRY, RegistryConfig, Settings};
pub use typosquat::{short_typosquat_target, typosquat_target};

pub use crate::deps::Ecosystem;
use serde::{Deserialize, Serialize};

/// Rule ids of the findings this module produces.
pub use crate::rules::ids::registry_ids as rule_ids;

/// What a registry says about one package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Lookup {
    Exists(PackageInfo),
    /// 404 or 410: the registry has no such package.
    Missing,
    /// An error, a timeout, offline: nothing can be concluded.
    Unknown(String),
}

/// The registry facts the checks use.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PackageInfo {
    pub versions: Vec<VersionInfo>,
    /// When the first version was published (Unix seconds), when the registry says.
    pub first_published: Option<i64>,
    /// npm: the latest version runs an install script (`preinstall`, `install`, `postinstall`).
    pub install_script: bool,
    /// True when the answer came from an embedded list: existence only, no metadata.
    #[serde(default)]
    pub from_list: bool,
    /// The version the registry calls latest (PyPI `info.version`, npm `dist-tags.latest`, the
    /// last version of a sparse index file that is neither yanked nor a pre-release).
    #[serde(default)]
    pub latest: Option<String>,
    /// The source repository the registry links to, when its answer carries one (PyPI
    /// `project_urls`; npm only in full metadata; never in the crates.io index).
    #[serde(default)]
    pub repository: Option<String>,
    /// A source that would list the repository was read (npm's full document, crates.io's
    /// web API): only then does a missing `repository` mean the package links none.
    #[serde(default)]
    pub repository_checked: bool,
    /// Download counts, when the registry publishes them (fetched for new dependencies only).
    #[serde(default)]
    pub downloads: Option<Downloads>,
    /// What the registry says about each version, as far as the documents read tell (see
    /// [`Release`]): keyed by the version as the registry writes it.
    #[serde(default)]
    pub releases: std::collections::BTreeMap<String, Release>,
}

/// One published version, as far as the registry's documents that were read say. Every field
/// is `None` when those documents do not tell, never a guess.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Release {
    /// When it was published (Unix seconds): crates.io index `pubtime`, PyPI's earliest upload
    /// of the version's files, npm's full document `time`, crates.io's API `created_at`.
    #[serde(default)]
    pub published: Option<i64>,
    /// The licence as the registry declares it, unparsed: npm's `license` (full document),
    /// crates.io's `license` (web API), PyPI's `license_expression`, `license` or `License ::`
    /// classifiers (for the version PyPI's project document describes: the latest).
    #[serde(default)]
    pub licence: Option<String>,
    /// npm's `hasInstallScript` (abbreviated metadata): a `preinstall`, `install` or
    /// `postinstall` script runs when it is installed.
    #[serde(default)]
    pub install_script: Option<bool>,
    /// PyPI: the version has files and none is a wheel, so installing it builds the source
    /// distribution and runs its build backend.
    #[serde(default)]
    pub sdist_only: Option<bool>,
    /// Who published it: npm's `_npmUser.name` (full document), crates.io's
    /// `published_by.login` (web API). PyPI's JSON API does not say.
    #[serde(default)]
    pub publisher: Option<String>,
    /// crates.io index `links`: the crate links a native library, which requires a build
    /// script. (A build script without `links` is not visible in registry metadata.)
    #[serde(default)]
    pub links: Option<String>,
}

/// How often a package was downloaded, in the registry's own terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Downloads {
    pub count: u64,
    /// What the count covers: `"last month"` (npm), `"all time"` (crates.io).
    pub period: String,
    /// crates.io's downloads of the last 90 days.
    pub recent: Option<u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VersionInfo {
    pub version: String,
    pub yanked: bool,
    pub deprecated: bool,
}
