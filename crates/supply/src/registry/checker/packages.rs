//! Checks of packages that are named by no source file the checker reads: the packages a
//! lockfile newly pins and the new dependencies of a manifest, for the dependency diff
//! ([`crate::deps`]). Same answers and same verdicts as [`PackageChecker::check`], plus the
//! registry facts themselves, which the new-dependency notes quote.

use super::{PackageChecker, Reference, SourceFile, collect, hallucinated, unverified};
use crate::deps::{Ecosystem, ManifestKind, canonical_name};
use crate::finding::Finding;
use crate::registry::{Lookup, PackageInfo, known};
use crate::text::Span;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// One package to check, and the range its findings point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageQuery {
    pub ecosystem: Ecosystem,
    pub name: String,
    /// An exact version to verify (a lockfile's), if any.
    pub version: Option<String>,
    pub span: Span,
    /// Also fetch the facts beyond the registry's metadata (download counts, a crate's
    /// repository): one more request per package, so only for the few a reviewer reads about.
    pub details: bool,
}

/// What the registries said about a batch of [`PackageQuery`]s.
#[derive(Debug, Clone, Default)]
pub struct Verdicts {
    /// Every answer, by ecosystem and name as queried. Popular packages answered from the
    /// embedded lists carry no metadata (`from_list`) when the network was not allowed.
    pub lookups: HashMap<(Ecosystem, String), Lookup>,
    /// Registry findings (hallucinated, typosquat, risky, version, unverified), each with the
    /// index of the query it is about.
    pub findings: Vec<(usize, Finding)>,
}

/// An import of a registry package that no manifest around its file declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndeclaredImport {
    /// Index into the files given to [`PackageChecker::undeclared_imports`].
    pub file: usize,
    pub ecosystem: Ecosystem,
    /// The registry name (`PyYAML` for `import yaml`).
    pub name: String,
    pub span: Span,
}

impl PackageChecker {
    /// Checks `queries` as the manifest checks would, asking the cache and then (when `network`
    /// is true and the settings are not offline) the registries. Unlike [`Self::check`], a
    /// popular package is looked up too when the network is allowed, because its facts
    /// (latest version, first publication, repository) are wanted.
    pub fn check_packages(&self, queries: &[PackageQuery], network: bool) -> Verdicts {
        let mut verdicts = Verdicts::default();
        if !self.settings.enabled {
            return verdicts;
        }
        let mut wanted: Vec<(Ecosystem, String)> = Vec::new();
        let mut seen = HashSet::new();
        for query in queries {
            let key = (query.ecosystem, query.name.clone());
            if !seen.insert(key.clone()) {
                continue;
            }
            match self.cache.as_ref().and_then(|c| c.get(key.0, &key.1)) {
                Some(lookup) => {
                    verdicts.lookups.insert(key, lookup);
                }
                None => wanted.push(key),
            }
        }
        if network && !self.settings.offline {
            let mut fetched = self.client.lookup_many(&wanted);
            // Details of a fresh answer are cached with it; those of a cached answer are written
            // back under its old time, so they are not asked again and it lives no longer.
            self.add_details(queries, &mut fetched, &mut verdicts.lookups);
            for (key, lookup) in fetched {
                if let Some(cache) = &self.cache {
                    cache.put(key.0, &key.1, &lookup);
                }
                verdicts.lookups.insert(key, lookup);
            }
        }
        for key in wanted {
            let listed = is_listed(key.0, &key.1);
            let entry = verdicts.lookups.entry(key);
            let lookup = entry.or_insert_with(|| Lookup::Unknown("not in the cache".into()));
            // A listed package is known to exist whatever the network said.
            if listed && matches!(lookup, Lookup::Unknown(_)) {
                *lookup = Lookup::Exists(PackageInfo {
                    from_list: true,
                    ..PackageInfo::default()
                });
            }
        }
        for (index, query) in queries.iter().enumerate() {
            let reference = Reference {
                file: 0,
                ecosystem: query.ecosystem,
                name: query.name.clone(),
                written: None,
                span: query.span,
                pinned: query.version.clone(),
                local: None,
            };
            let listed = is_listed(query.ecosystem, &query.name);
            let findings = match verdicts.lookups.get(&(query.ecosystem, query.name.clone())) {
                None => Vec::new(),
                Some(Lookup::Missing) => vec![hallucinated(&reference)],
                Some(Lookup::Unknown(why)) if network => vec![unverified(&reference, why)],
                Some(Lookup::Unknown(_)) => Vec::new(),
                Some(Lookup::Exists(info)) => self.existing(&reference, info, listed, None),
            };
            verdicts
                .findings
                .extend(findings.into_iter().map(|f| (index, f)));
        }
        verdicts
    }

    /// Fetches the details of the existing packages the queries want them for, whose answers
    /// (in `fetched` or `cached`) lack them, and adds them where the answer is.
    fn add_details(
        &self,
        queries: &[PackageQuery],
        fetched: &mut HashMap<(Ecosystem, String), Lookup>,
        cached: &mut HashMap<(Ecosystem, String), Lookup>,
    ) {
        let mut wanted: Vec<(Ecosystem, String, PackageInfo)> = Vec::new();
        for query in queries.iter().filter(|q| q.details) {
            let key = (query.ecosystem, query.name.clone());
            if query.ecosystem == Ecosystem::PyPI
                || wanted.iter().any(|w| (w.0, &w.1) == (key.0, &key.1))
            {
                continue;
            }
            let answer = fetched.get(&key).or_else(|| cached.get(&key));
            if let Some(Lookup::Exists(info)) = answer
                && info.downloads.is_none()
                && !info.from_list
            {
                wanted.push((key.0, key.1, info.clone()));
            }
        }
        if wanted.is_empty() {
            return;
        }
        self.client.add_details_many(&mut wanted);
        for (ecosystem, name, info) in wanted {
            let key = (ecosystem, name);
            let lookup = Lookup::Exists(info);
            if let Some(fresh) = fetched.get_mut(&key) {
                *fresh = lookup;
            } else {
                if let Some(cache) = &self.cache {
                    cache.enrich(key.0, &key.1, &lookup);
                }
                cached.insert(key, lookup);
            }
        }
    }

    /// The imports in `files` of registry packages that no manifest around them declares and
    /// that are not the standard library or the project's own code: the same references the
    /// registry checks look up. Only imports whose project has a manifest of their ecosystem
    /// count (a loose script has nowhere to declare anything).
    pub fn undeclared_imports(
        &self,
        root: &Path,
        files: &[SourceFile<'_>],
    ) -> Vec<UndeclaredImport> {
        collect(root, files)
            .into_iter()
            .filter(|r| r.local.is_none())
            .filter(|r| ManifestKind::from_path(files[r.file].path).is_none())
            .filter(|r| has_manifest_for(root, files[r.file].path, r.ecosystem))
            .map(|r| UndeclaredImport {
                file: r.file,
                ecosystem: r.ecosystem,
                name: r.name,
                span: r.span,
            })
            .collect()
    }
}

fn is_listed(ecosystem: Ecosystem, name: &str) -> bool {
    known::popular(ecosystem)
        .rank(&canonical_name(ecosystem, name))
        .is_some()
}

/// Whether a manifest of `ecosystem` exists in a directory from the file's own up to `root`.
fn has_manifest_for(root: &Path, file: &Path, ecosystem: Ecosystem) -> bool {
    let Some(dir) = file.parent() else {
        return false;
    };
    dir.ancestors()
        .take_while(|d| d.starts_with(root) || *d == dir)
        .any(|d| {
            std::fs::read_dir(d).is_ok_and(|entries| {
                entries.flatten().any(|e| {
                    ManifestKind::from_path(&e.path()).is_some_and(|k| k.ecosystem() == ecosystem)
                })
            })
        })
}
