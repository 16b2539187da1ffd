//! The packages a project resolves to, direct and transitive: every registry entry of every
//! lockfile, and the exact pins (`==1.2.3`, `=1.2.3`, npm `1.2.3`) of each manifest that no
//! lockfile of its ecosystem covers (a `requirements.txt` project has none). Each entry keeps the
//! file and the range that pin it, so a finding about it lands on that line.
//!
//! A lockfile covers the manifests of its ecosystem in its own directory and below (a Cargo or
//! npm workspace has one lockfile at its root). An entry is *direct* when some manifest of the
//! project declares its name, else transitive. Used by the advisory matching
//! ([`crate::advisories`]); the place to extend for anything else that needs the full list.

use super::lockfile::{LockfileKind, parse_lockfile};
use super::{Ecosystem, ManifestKind, canonical_name, parse_manifest};
use crate::text::Span;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// One resolved package and where it is pinned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub ecosystem: Ecosystem,
    /// The registry name as the file writes it.
    pub name: String,
    pub version: String,
    /// The lockfile, else the manifest, that pins it.
    pub path: PathBuf,
    /// The range of the entry's name in `path`.
    pub span: Span,
    /// Some manifest of the project declares it (else it is only pulled in by others).
    pub direct: bool,
    /// Pinned by a lockfile (else by a manifest's exact requirement).
    pub locked: bool,
}

/// Every registry package the `files` (path, text) resolve to, and a note per lockfile that could
/// not be read in full. Files that are neither manifests nor lockfiles are ignored.
pub fn resolved_packages(files: &[(&Path, &str)]) -> (Vec<Resolved>, Vec<String>) {
    let mut declared: HashSet<(Ecosystem, String)> = HashSet::new();
    let mut manifests = Vec::new();
    let mut lock_dirs: Vec<(Ecosystem, &Path)> = Vec::new();
    for &(path, text) in files {
        if let Some(kind) = ManifestKind::from_path(path) {
            let manifest = parse_manifest(kind, text);
            for d in &manifest.dependencies {
                declared.insert((d.ecosystem, canonical_name(d.ecosystem, &d.name)));
            }
            manifests.push((path, manifest));
        } else if let Some(kind) = LockfileKind::from_path(path) {
            lock_dirs.push((kind.ecosystem(), path.parent().unwrap_or(Path::new(""))));
        }
    }
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    let mut push = |resolved: Resolved, out: &mut Vec<Resolved>| {
        let key = (
            resolved.path.clone(),
            resolved.ecosystem,
            canonical_name(resolved.ecosystem, &resolved.name),
            resolved.version.clone(),
        );
        if seen.insert(key) {
            out.push(resolved);
        }
    };
    for &(path, text) in files {
        let Some(kind) = LockfileKind::from_path(path) else {
            continue;
        };
        let ecosystem = kind.ecosystem();
        let lockfile = parse_lockfile(kind, text);
        if let Some(problem) = lockfile.problem {
            problems.push(format!("{}: {problem}", path.display()));
        }
        for locked in lockfile.packages.into_iter().filter(|p| p.registry) {
            let direct = declared.contains(&(ecosystem, canonical_name(ecosystem, &locked.name)));
            let resolved = Resolved {
                ecosystem,
                name: locked.name,
                version: locked.version,
                path: path.to_path_buf(),
                span: locked.span,
                direct,
                locked: true,
            };
            push(resolved, &mut out);
        }
    }
    for (path, manifest) in manifests {
        let dir = path.parent().unwrap_or(Path::new(""));
        for dependency in &manifest.dependencies {
            let covered = lock_dirs.iter().any(|(ecosystem, lock_dir)| {
                *ecosystem == dependency.ecosystem && dir.starts_with(lock_dir)
            });
            if covered || dependency.source != super::SourceKind::Registry {
                continue;
            }
            let Some(version) = dependency.pinned_version() else {
                continue;
            };
            let resolved = Resolved {
                ecosystem: dependency.ecosystem,
                name: dependency.name.clone(),
                version: version.to_string(),
                path: path.to_path_buf(),
                span: dependency.name_span,
                direct: true,
                locked: false,
            };
            push(resolved, &mut out);
        }
    }
    (out, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CARGO_LOCK: &str = "version = 4\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\n\n\
        [[package]]\nname = \"smallvec\"\nversion = \"1.6.0\"\n\
        source = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n\
        [[package]]\nname = \"libc\"\nversion = \"0.2.1\"\n\
        source = \"registry+https://github.com/rust-lang/crates.io-index\"\n";

    #[test]
    fn lockfile_entries_are_direct_or_transitive_and_pins_fill_in_without_a_lockfile() {
        let files: [(&Path, &str); 4] = [
            (
                Path::new("/p/Cargo.toml"),
                "[package]\nname = \"app\"\n[dependencies]\nsmallvec = \"=1.0.0\"\n",
            ),
            (Path::new("/p/Cargo.lock"), CARGO_LOCK),
            (
                Path::new("/p/py/requirements.txt"),
                "requests==2.19.0\nflask>=1\n",
            ),
            (Path::new("/p/README.md"), "# x"),
        ];
        let (resolved, problems) = resolved_packages(&files);
        assert!(problems.is_empty(), "{problems:?}");
        let summary: Vec<(String, bool, bool, u32)> = resolved
            .iter()
            .map(|r| {
                (
                    format!("{}@{}", r.name, r.version),
                    r.direct,
                    r.locked,
                    r.span.start.line,
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("smallvec@1.6.0".to_string(), true, true, 7),
                ("libc@0.2.1".to_string(), false, true, 12),
                ("requests@2.19.0".to_string(), true, false, 0),
            ]
        );
        assert_eq!(resolved[2].ecosystem, Ecosystem::PyPI);
        assert_eq!(resolved[2].path, Path::new("/p/py/requirements.txt"));
    }
}
