//! Lockfiles: the exact packages (name + version) a project resolves to, direct and
//! transitive, one reader per format, and the delta between two versions of one lockfile.
//!
//! Formats: `Cargo.lock`, `poetry.lock` and `uv.lock` (TOML, read with the `toml` crate and its
//! spans), `package-lock.json` v2/v3 (JSON), `yarn.lock` (v1, and the Berry format, which is
//! close), and `pnpm-lock.yaml` (v5, v6 and v9). pnpm's file is YAML, but only the keys of its
//! `packages:` map are needed and pnpm always writes them in the same block style, so a small
//! line reader does it; see `pnpm.rs` for why no YAML crate.
//!
//! Besides name and version, readers keep what a bill of materials and an advisory match need:
//! the archive checksums the lockfile records ([`Checksum`], see [`checksum`]) and each entry's
//! dependencies ([`LockedRef`]), resolved to a version where the format says which (Cargo's
//! `name version`, npm's `node_modules` nesting, yarn's specifiers, pnpm's keys). The project's
//! own packages (Cargo workspace members, the npm root and workspaces, uv's editable project)
//! are [`Lockfile::roots`]: never checked against a registry, but their dependencies are the
//! project's direct ones.
//!
//! Readers never fail: an unreadable lockfile yields no packages and a [`Lockfile::problem`].

mod cargo;
pub mod checksum;
mod npm;
mod pnpm;
mod python;
mod yarn;

pub use checksum::{Checksum, HashAlgorithm};

use super::{Ecosystem, canonical_name};
use crate::text::{LineIndex, Span};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;

/// Which lockfile format a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LockfileKind {
    CargoLock,
    PackageLock,
    YarnLock,
    PnpmLock,
    PoetryLock,
    UvLock,
}

impl LockfileKind {
    /// The lockfile format of a file, by its name.
    pub fn from_path(path: &Path) -> Option<LockfileKind> {
        Some(match path.file_name()?.to_str()? {
            "Cargo.lock" => LockfileKind::CargoLock,
            "package-lock.json" | "npm-shrinkwrap.json" => LockfileKind::PackageLock,
            "yarn.lock" => LockfileKind::YarnLock,
            "pnpm-lock.yaml" => LockfileKind::PnpmLock,
            "poetry.lock" => LockfileKind::PoetryLock,
            "uv.lock" => LockfileKind::UvLock,
            _ => return None,
        })
    }

    pub fn ecosystem(self) -> Ecosystem {
        match self {
            LockfileKind::CargoLock => Ecosystem::Crates,
            LockfileKind::PackageLock | LockfileKind::YarnLock | LockfileKind::PnpmLock => {
                Ecosystem::Npm
            }
            LockfileKind::PoetryLock | LockfileKind::UvLock => Ecosystem::PyPI,
        }
    }
}

/// One package a lockfile pins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locked {
    /// The registry name (for an npm alias, the real package).
    pub name: String,
    pub version: String,
    /// The range of the entry's name (or its key) in the lockfile.
    pub span: Span,
    /// From the ecosystem's default registry (not git, a path, a URL or another registry):
    /// only these are checked against a registry.
    pub registry: bool,
    /// The host the entry was fetched from, when the lockfile records it (npm's and yarn's
    /// `resolved`, uv's `source.registry`): a private registry's package is not the public
    /// registry's business.
    pub host: Option<String>,
    /// Checksums of the package's archive as the lockfile records them (Cargo's `checksum`,
    /// npm's, yarn v1's and pnpm's `integrity`, the sdist hash of `uv.lock` and `poetry.lock`).
    pub hashes: Vec<Checksum>,
    /// The packages this one depends on, in the lockfile's order.
    pub dependencies: Vec<LockedRef>,
}

/// A dependency of a locked package: a name, and the version it resolves to when the lockfile
/// says (when it does not, the lockfile holds one entry of that name, or the format does not
/// tell which).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct LockedRef {
    pub name: String,
    pub version: Option<String>,
}

/// What one lockfile pins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lockfile {
    pub packages: Vec<Locked>,
    /// The project's own packages the lockfile lists (workspace members, the root package):
    /// their `dependencies` are the project's direct dependencies.
    pub roots: Vec<Locked>,
    /// Why the file could not be read, or not all of it.
    pub problem: Option<String>,
}

impl Lockfile {
    /// The entry a [`LockedRef`] points at: the one with its name and version, else the only
    /// one with its name.
    pub fn resolve(&self, ecosystem: Ecosystem, reference: &LockedRef) -> Option<&Locked> {
        let name = canonical_name(ecosystem, &reference.name);
        let mut named = self
            .packages
            .iter()
            .filter(|p| canonical_name(ecosystem, &p.name) == name);
        match &reference.version {
            Some(version) => named.find(|p| &p.version == version),
            None => {
                let first = named.next()?;
                named.next().is_none().then_some(first)
            }
        }
    }
}

/// A package as a reader finds it, before byte ranges become spans.
#[derive(Default)]
pub(crate) struct RawLocked {
    pub name: String,
    pub version: String,
    pub range: Range<usize>,
    pub registry: bool,
    pub host: Option<String>,
    pub hashes: Vec<Checksum>,
    pub dependencies: Vec<LockedRef>,
    /// The project's own package (goes to [`Lockfile::roots`]).
    pub root: bool,
}

/// The host of an `http(s)://` URL, lower case and without a port or credentials.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next()?,
        None => host.split(':').next()?,
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// Reads one lockfile. Never fails.
pub fn parse_lockfile(kind: LockfileKind, text: &str) -> Lockfile {
    let (raw, problem) = match kind {
        LockfileKind::CargoLock => cargo::parse(text),
        LockfileKind::PackageLock => npm::parse(text),
        LockfileKind::YarnLock => yarn::parse(text),
        LockfileKind::PnpmLock => pnpm::parse(text),
        LockfileKind::PoetryLock => python::parse_poetry(text),
        LockfileKind::UvLock => python::parse_uv(text),
    };
    let lines = LineIndex::new(text);
    let (mut packages, mut roots) = (Vec::new(), Vec::new());
    for p in raw.into_iter().filter(|p| !p.name.is_empty()) {
        let locked = Locked {
            span: lines.span(p.range.start.min(text.len()), p.range.end.min(text.len())),
            name: p.name,
            version: p.version,
            registry: p.registry,
            host: p.host,
            hashes: p.hashes,
            dependencies: p.dependencies,
        };
        if p.root {
            roots.push(locked);
        } else {
            packages.push(locked);
        }
    }
    Lockfile {
        packages,
        roots,
        problem,
    }
}

/// The change between two versions of one lockfile, by name: a name only in the new file is
/// added, a name only in the old one removed, and a name in both with other versions changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LockDelta {
    pub added: Vec<Locked>,
    pub removed: Vec<Locked>,
    /// `(old, new)`: the new entries of a name whose version set changed, each with one old
    /// entry of that name.
    pub changed: Vec<(Locked, Locked)>,
}

impl LockDelta {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// The delta from `old` to `new` (both of `ecosystem`).
pub fn delta(ecosystem: Ecosystem, old: &[Locked], new: &[Locked]) -> LockDelta {
    let index = |packages: &[Locked]| {
        let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, p) in packages.iter().enumerate() {
            by_name
                .entry(canonical_name(ecosystem, &p.name))
                .or_default()
                .push(i);
        }
        by_name
    };
    let (old_names, new_names) = (index(old), index(new));
    let versions = |packages: &[Locked], indices: &[usize]| -> BTreeSet<String> {
        indices
            .iter()
            .map(|&i| packages[i].version.clone())
            .collect()
    };
    let mut out = LockDelta::default();
    for (name, indices) in &new_names {
        match old_names.get(name) {
            None => out.added.extend(indices.iter().map(|&i| new[i].clone())),
            Some(old_indices) => {
                let before = versions(old, old_indices);
                if before != versions(new, indices) {
                    let old_entry = &old[old_indices[0]];
                    out.changed.extend(
                        indices
                            .iter()
                            .filter(|&&i| !before.contains(&new[i].version))
                            .map(|&i| (old_entry.clone(), new[i].clone())),
                    );
                }
            }
        }
    }
    for (name, indices) in &old_names {
        if !new_names.contains_key(name) {
            out.removed.extend(indices.iter().map(|&i| old[i].clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_of_urls() {
        assert_eq!(
            url_host("https://registry.npmjs.org/a/-/a-1.0.0.tgz").as_deref(),
            Some("registry.npmjs.org")
        );
        assert_eq!(
            url_host("https://user:pw@NPM.corp.example:8443/x").as_deref(),
            Some("npm.corp.example")
        );
        assert_eq!(url_host("http://[::1]:4873/x").as_deref(), Some("::1"));
        assert_eq!(url_host("git+ssh://git@host/x"), None);
        assert_eq!(url_host("https://"), None);
    }

    fn names(packages: &[Locked]) -> Vec<String> {
        packages
            .iter()
            .map(|p| format!("{}@{}", p.name, p.version))
            .collect()
    }

    #[test]
    fn delta_by_name_and_version() {
        let old = parse_lockfile(
            LockfileKind::CargoLock,
            "[[package]]\nname = \"a\"\nversion = \"1.0.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n[[package]]\nname = \"b\"\nversion = \"1.0.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n",
        );
        let new = parse_lockfile(
            LockfileKind::CargoLock,
            "[[package]]\nname = \"a\"\nversion = \"1.1.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n[[package]]\nname = \"c\"\nversion = \"2.0.0\"\nsource = \"git+https://example.invalid/c#abc\"\n",
        );
        let d = delta(Ecosystem::Crates, &old.packages, &new.packages);
        assert_eq!(names(&d.added), ["c@2.0.0"]);
        assert!(!d.added[0].registry);
        assert_eq!(names(&d.removed), ["b@1.0.0"]);
        assert_eq!(d.changed.len(), 1);
        assert_eq!(
            (
                d.changed[0].0.version.as_str(),
                d.changed[0].1.version.as_str()
            ),
            ("1.0.0", "1.1.0")
        );
        assert_eq!(d.added[0].span.start.line, 6);
    }
}
