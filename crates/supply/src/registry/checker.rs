//! From the files of a project to registry findings: extract every import and manifest entry,
//! drop what is not a registry package (standard library, builtins, local code, declared
//! dependencies), answer the rest from the embedded lists, the cache and the registries, and
//! report what does not exist, what imitates a popular name and what is risky.

mod findings;
mod neighbours;
mod packages;
mod references;

pub use packages::{PackageQuery, UndeclaredImport, Verdicts};

use findings::{finding, hallucinated, local_twin, unverified};
use references::collect;

use super::{
    Cache, Client, Lookup, PackageInfo, Settings, VersionInfo, known, rule_ids,
    short_typosquat_target, typosquat_target, unix_now,
};
use crate::deps::version::pin_matches;
use crate::deps::{Ecosystem, canonical_name};
use crate::finding::{Finding, PackageRef};
use crate::rules::{Category, Severity};
use crate::text::Span;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// One file to check: its path (which decides how it is read) and its current text.
#[derive(Debug, Clone, Copy)]
pub struct SourceFile<'a> {
    pub path: &'a Path,
    pub text: &'a str,
}

/// A finding and the file it is in.
#[derive(Debug, Clone, PartialEq)]
pub struct FileFinding {
    pub path: PathBuf,
    pub finding: Finding,
}

/// The result of a check that asked no registry: findings from what is known now, and the
/// packages still to look up (give them to [`PackageChecker::prefetch`], then check again).
#[derive(Debug, Clone, Default)]
pub struct CachedCheck {
    pub findings: Vec<FileFinding>,
    pub pending: Vec<PackageRef>,
}

/// Checks the packages a project references. Cheap to share: `&self` methods only.
pub struct PackageChecker {
    settings: Settings,
    client: Client,
    cache: Option<Cache>,
    /// What [`Self::prefetch`] learnt, for the editor's next [`Self::check_cached`]: the cache
    /// keeps no "unknown" (which must then read "could not verify", not nothing), and a cache
    /// that cannot be written keeps nothing at all (the answers must still be reported).
    prefetched: Mutex<HashMap<(Ecosystem, String), Lookup>>,
}

/// One name to verify, where it was written.
struct Reference {
    file: usize,
    ecosystem: Ecosystem,
    /// The registry name to look up.
    name: String,
    /// How the code names it, when that differs (`yaml` for PyYAML).
    written: Option<String>,
    span: Span,
    pinned: Option<String>,
    /// Where the repository holds code of this name, when it is imported as local code that a
    /// registry package also could be: never looked up, at most a hint.
    local: Option<PathBuf>,
}

impl PackageChecker {
    pub fn new(settings: Settings) -> PackageChecker {
        let cache = settings
            .cache_dir
            .clone()
            .map(|dir| Cache::new(dir, &settings));
        PackageChecker {
            client: Client::new(&settings),
            settings,
            cache,
            prefetched: Mutex::default(),
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The cache directory and its first failure, when reading or writing it failed: answers
    /// were looked up again or not kept, and the user must be told why.
    pub fn cache_problem(&self) -> Option<(&Path, &str)> {
        let cache = self.cache.as_ref()?;
        Some((cache.dir(), cache.problem()?))
    }

    /// Checks `files` (code and manifests) of the project at `root`, asking the registries what
    /// the lists and the cache cannot answer. Bounded in time by the client's timeouts.
    pub fn check(&self, root: &Path, files: &[SourceFile<'_>]) -> Vec<FileFinding> {
        if !self.settings.enabled {
            return Vec::new();
        }
        let references = collect(root, files);
        let mut answers = self.known_answers(&references);
        let missing: Vec<(Ecosystem, String)> = unique(lookups(&references))
            .into_iter()
            .filter(|key| !answers.contains_key(key))
            .collect();
        if self.settings.offline {
            for key in missing {
                answers.insert(key, Lookup::Unknown("offline: not in the cache".into()));
            }
        } else {
            for (key, lookup) in self.client.lookup_many(&missing) {
                if let Some(cache) = &self.cache {
                    cache.put(key.0, &key.1, &lookup);
                }
                answers.insert(key, lookup);
            }
        }
        let neighbours = self.neighbours(&answers);
        self.findings(files, &references, &answers, &neighbours, true)
    }

    /// The editor's check: embedded lists and cache only, never the network, never blocking.
    /// What cannot be answered yet is returned as `pending` and reported nothing about; what
    /// this checker's [`Self::prefetch`] failed to learn is reported as "could not verify".
    pub fn check_cached(&self, root: &Path, files: &[SourceFile<'_>]) -> CachedCheck {
        if !self.settings.enabled {
            return CachedCheck::default();
        }
        let references = collect(root, files);
        let mut answers = self.known_answers(&references);
        if let Ok(prefetched) = self.prefetched.lock() {
            for (key, lookup) in prefetched.iter() {
                answers.entry(key.clone()).or_insert_with(|| lookup.clone());
            }
        }
        let pending = unique(lookups(&references))
            .into_iter()
            .filter(|key| !answers.contains_key(key))
            .map(|(ecosystem, name)| PackageRef {
                ecosystem: ecosystem.as_str().to_string(),
                name,
                version: None,
            })
            .collect();
        CachedCheck {
            findings: self.findings(files, &references, &answers, &HashMap::new(), true),
            pending,
        }
    }

    /// Looks packages up and stores the answers in the cache (for the editor's background
    /// thread), and remembers them all for [`Self::check_cached`]. Does nothing offline.
    pub fn prefetch(&self, packages: &[PackageRef]) {
        if self.settings.offline {
            return;
        }
        let keys: Vec<(Ecosystem, String)> = packages
            .iter()
            .filter_map(|p| {
                let ecosystem = Ecosystem::ALL
                    .into_iter()
                    .find(|e| e.as_str() == p.ecosystem)?;
                Some((ecosystem, p.name.clone()))
            })
            .collect();
        for (key, lookup) in self.client.lookup_many(&keys) {
            if let (Some(cache), false) = (&self.cache, matches!(lookup, Lookup::Unknown(_))) {
                cache.put(key.0, &key.1, &lookup);
            }
            if let Ok(mut prefetched) = self.prefetched.lock() {
                prefetched.insert(key, lookup);
            }
        }
    }

    /// Answers from the embedded lists and the cache. A popular package answers "exists"
    /// unless a manifest pins a version of it, which needs the registry's version list.
    fn known_answers(&self, references: &[Reference]) -> HashMap<(Ecosystem, String), Lookup> {
        let pinned: HashSet<(Ecosystem, String)> = references
            .iter()
            .filter(|r| r.pinned.is_some())
            .map(|r| (r.ecosystem, r.name.clone()))
            .collect();
        let mut answers = HashMap::new();
        for key in unique(references) {
            let cached = self.cache.as_ref().and_then(|c| c.get(key.0, &key.1));
            let listed = known::popular(key.0)
                .rank(&canonical_name(key.0, &key.1))
                .is_some();
            let answer = match cached {
                Some(lookup) => Some(lookup),
                None if listed && !pinned.contains(&key) => Some(Lookup::Exists(PackageInfo {
                    from_list: true,
                    ..PackageInfo::default()
                })),
                None => None,
            };
            if let Some(answer) = answer {
                answers.insert(key, answer);
            }
        }
        answers
    }

    fn findings(
        &self,
        files: &[SourceFile<'_>],
        references: &[Reference],
        answers: &HashMap<(Ecosystem, String), Lookup>,
        neighbours: &HashMap<(Ecosystem, String), neighbours::Neighbour>,
        report_unverified: bool,
    ) -> Vec<FileFinding> {
        let mut out = Vec::new();
        for reference in references {
            let key = (reference.ecosystem, reference.name.clone());
            let listed = known::popular(key.0)
                .rank(&canonical_name(key.0, &key.1))
                .is_some();
            if let Some(local) = &reference.local {
                if let Some(Lookup::Exists(_)) = answers.get(&key) {
                    out.push(FileFinding {
                        path: files[reference.file].path.to_path_buf(),
                        finding: local_twin(reference, local),
                    });
                }
                continue;
            }
            let findings = match answers.get(&key) {
                None => Vec::new(),
                // A listed package is known to exist even when the registry could not be asked
                // for its versions.
                Some(Lookup::Unknown(_)) if listed => Vec::new(),
                Some(Lookup::Unknown(why)) if report_unverified => vec![unverified(reference, why)],
                Some(Lookup::Unknown(_)) => Vec::new(),
                Some(Lookup::Missing) => vec![hallucinated(reference)],
                Some(Lookup::Exists(info)) => {
                    self.existing(reference, info, listed, neighbours.get(&key))
                }
            };
            out.extend(findings.into_iter().map(|finding| FileFinding {
                path: files[reference.file].path.to_path_buf(),
                finding,
            }));
        }
        out
    }

    fn existing(
        &self,
        reference: &Reference,
        info: &PackageInfo,
        listed: bool,
        neighbour: Option<&neighbours::Neighbour>,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        let target = match listed || established(info, reference.ecosystem == Ecosystem::Crates) {
            true => None,
            false => typosquat_target(reference.ecosystem, &reference.name).or_else(|| {
                self.young_and_small(info)
                    .then(|| short_typosquat_target(reference.ecosystem, &reference.name))?
            }),
        };
        if let Some(target) = target {
            out.push(finding(
                reference,
                rule_ids::TYPOSQUAT,
                Category::Typosquat,
                Severity::Error,
                format!(
                    "`{}` exists on {} but its name imitates the popular `{target}`: make sure it is the package you meant",
                    reference.name,
                    reference.ecosystem.registry_name()
                ),
            ));
        }
        if info.from_list {
            return out;
        }
        if let Some(version) = &reference.pinned
            && !info.versions.is_empty()
        {
            let matching: Vec<&VersionInfo> = info
                .versions
                .iter()
                .filter(|v| pin_matches(reference.ecosystem, version, &v.version))
                .collect();
            match matching.as_slice() {
                [] => out.push(finding(
                    reference,
                    rule_ids::VERSION_NOT_FOUND,
                    Category::HallucinatedPackage,
                    Severity::Error,
                    format!(
                        "version `{version}` of `{}` does not exist on {}",
                        reference.name,
                        reference.ecosystem.registry_name()
                    ),
                )),
                yanked if yanked.iter().all(|v| v.yanked) => out.push(finding(
                    reference,
                    rule_ids::VERSION_YANKED,
                    Category::RiskyPackage,
                    Severity::Warning,
                    format!("version `{version}` of `{}` is yanked", reference.name),
                )),
                _ => {}
            }
        }
        let mut reasons = self.risks(info);
        if let Some(neighbour) = neighbour {
            // The age is in the reason with its neighbour: both facts in one sentence.
            reasons.retain(|r| !r.starts_with("first published"));
            reasons.insert(0, neighbours::neighbour_reason(info, neighbour));
        }
        if !listed && !reasons.is_empty() {
            out.push(finding(
                reference,
                rule_ids::RISKY,
                Category::RiskyPackage,
                Severity::Warning,
                format!(
                    "`{}` on {} is risky: {}",
                    reference.name,
                    reference.ecosystem.registry_name(),
                    reasons.join("; ")
                ),
            ));
        }
        out
    }

    /// First published within `min_age`, with fewer than [`SMALL_VERSIONS`] versions: what a
    /// squat of a short name looks like (an old or busy short name is its own package).
    fn young_and_small(&self, info: &PackageInfo) -> bool {
        const SMALL_VERSIONS: usize = 5;
        let young = info
            .first_published
            .is_some_and(|first| unix_now() - first < self.settings.min_age.as_secs() as i64);
        young && !info.from_list && info.versions.len() < SMALL_VERSIONS
    }

    fn risks(&self, info: &PackageInfo) -> Vec<String> {
        let mut reasons = Vec::new();
        if let Some(first) = info.first_published {
            let age = unix_now() - first;
            if age < self.settings.min_age.as_secs() as i64 {
                reasons.push(format!(
                    "first published {} days ago",
                    (age.max(0)) / 86_400
                ));
            }
        }
        if !info.versions.is_empty() && info.versions.iter().all(|v| v.yanked) {
            reasons.push("every version is yanked".into());
        } else if !info.versions.is_empty() && info.versions.iter().all(|v| v.deprecated) {
            reasons.push("every version is deprecated".into());
        }
        if info.install_script {
            reasons.push("its latest version runs an install script".into());
        }
        reasons
    }
}

/// Whether the registry shows a package with a long life of its own: at least
/// [`ESTABLISHED_VERSIONS`] versions and a first release over a year ago. A name one edit from a listed
/// package is then a neighbour, not an imitation (`bitvec` and `bit-vec`): the embedded lists
/// do not hold every popular package, the crate list least of all.
fn established(info: &PackageInfo, crates_undated: bool) -> bool {
    const ESTABLISHED_VERSIONS: usize = 10;
    const YEAR: i64 = 365 * 86_400;
    // Only the crates.io index leaves a crate undated for being old (its first versions predate
    // `pubtime`); an undated npm package may just not have been dated.
    let old = match info.first_published {
        Some(first) => unix_now() - first > YEAR,
        None => crates_undated,
    };
    !info.from_list
        && info.versions.iter().filter(|v| !v.yanked).count() >= ESTABLISHED_VERSIONS
        && old
}

/// The references to ask a registry about: not those naming the repository's own code.
fn lookups(references: &[Reference]) -> Vec<&Reference> {
    references.iter().filter(|r| r.local.is_none()).collect()
}

fn unique<'r>(references: impl IntoIterator<Item = &'r Reference>) -> Vec<(Ecosystem, String)> {
    let mut seen = HashSet::new();
    references
        .into_iter()
        .map(|r| (r.ecosystem, r.name.clone()))
        .filter(|key| seen.insert(key.clone()))
        .collect()
}
