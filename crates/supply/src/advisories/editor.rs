//! Vulnerable dependencies for one open document, as the editor shows them:
//!
//! - in a **manifest**, on each declared dependency whose resolved version (from the lockfile
//!   that covers the manifest, else the manifest's own pin) a stored advisory affects, with a
//!   fix that bumps the requirement to the lowest fixed version in the same style
//!   ([`super::bump`]); reach is read from the code below the manifest's directory;
//! - in a **code file**, on the import or call that reaches a vulnerable package the manifests
//!   and lockfiles above it resolve to.
//!
//! Only files inside the project root are read, the walk for code is bounded, and the store is
//! only read: nothing here touches the network.

use super::bump::bump;
use super::report::{self, Vulnerable};
use super::store::Store;
use crate::deps::lockfile::LockfileKind;
use crate::deps::{ManifestKind, canonical_name, parse_manifest};
use crate::finding::{Finding, Fix};
use crate::lang::Language;
use std::path::{Path, PathBuf};

/// The most code files read for reach from a manifest's directory.
const MAX_CODE_FILES: usize = 2_000;
/// Larger files are left out of the reach walk.
const MAX_CODE_SIZE: u64 = 1024 * 1024;
/// Lockfiles are read up to this size.
const MAX_LOCKFILE_SIZE: u64 = 64 * 1024 * 1024;

/// The findings for the document at `path` (text as the editor has it) under `root`.
pub fn document_findings(store: &Store, root: &Path, path: &Path, text: &str) -> Vec<Finding> {
    let shown = |p: &Path| p.strip_prefix(root).unwrap_or(p).display().to_string();
    let mut files: Vec<(PathBuf, String)> = vec![(path.to_path_buf(), text.to_string())];
    if let Some(kind) = ManifestKind::from_path(path) {
        files.extend(lockfiles_above(root, path, Some(kind)));
        if let Some(dir) = path.parent() {
            files.extend(code_below(dir, path));
        }
        let refs: Vec<(&Path, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_path(), t.as_str()))
            .collect();
        let (found, _) = report::scan(store, &refs);
        manifest_findings(kind, path, text, &found, &shown)
    } else if Language::from_path(path).is_some() {
        files.extend(lockfiles_above(root, path, None));
        files.extend(manifests_above(root, path));
        let refs: Vec<(&Path, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_path(), t.as_str()))
            .collect();
        let (found, _) = report::scan(store, &refs);
        found
            .iter()
            .filter_map(|vulnerable| {
                let site = vulnerable
                    .reached
                    .site
                    .as_ref()
                    .filter(|s| s.path == path)?;
                let mut finding = report::finding(vulnerable, &shown);
                finding.message = format!(
                    "{} (pinned in {}:{})",
                    finding.message,
                    shown(&vulnerable.package.path),
                    vulnerable.package.span.start.line + 1
                )
                .into();
                finding.span = site.span;
                Some(finding)
            })
            .collect()
    } else {
        Vec::new()
    }
}

/// One finding per (declared dependency, advisory), on the dependency's name.
fn manifest_findings(
    kind: ManifestKind,
    path: &Path,
    text: &str,
    found: &[Vulnerable],
    shown: &dyn Fn(&Path) -> String,
) -> Vec<Finding> {
    let manifest = parse_manifest(kind, text);
    let mut out: Vec<Finding> = Vec::new();
    for vulnerable in found {
        let ecosystem = vulnerable.package.ecosystem;
        let name = canonical_name(ecosystem, &vulnerable.package.name);
        let Some(dependency) = manifest
            .dependencies
            .iter()
            .find(|d| d.ecosystem == ecosystem && canonical_name(ecosystem, &d.name) == name)
        else {
            continue;
        };
        if vulnerable.package.path != path && !vulnerable.package.locked {
            continue;
        }
        let mut finding = report::finding(vulnerable, shown);
        finding.span = dependency.name_span;
        finding.fix = match (
            &vulnerable.fixed,
            &dependency.requirement,
            dependency.requirement_span,
        ) {
            (Some(fixed), Some(requirement), Some(span)) => bump(ecosystem, requirement, fixed)
                .map(|replacement| Fix {
                    span,
                    replacement,
                    safe: false,
                }),
            _ => None,
        };
        let duplicate = out.iter().any(|f| {
            f.span == finding.span
                && f.advisory.as_ref().map(|a| &a.id) == finding.advisory.as_ref().map(|a| &a.id)
        });
        if !duplicate {
            out.push(finding);
        }
    }
    out
}

/// The lockfiles of the nearest directory at or above `path`'s (up to `root`) that has any,
/// of the manifest's ecosystem (all ecosystems for a code file).
fn lockfiles_above(root: &Path, path: &Path, kind: Option<ManifestKind>) -> Vec<(PathBuf, String)> {
    const NAMES: [&str; 7] = [
        "Cargo.lock",
        "package-lock.json",
        "npm-shrinkwrap.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        "poetry.lock",
        "uv.lock",
    ];
    let wanted = |name: &str| {
        let lockfile = LockfileKind::from_path(Path::new(name));
        lockfile.is_some_and(|l| kind.is_none_or(|k| l.ecosystem() == k.ecosystem()))
    };
    let mut out = Vec::new();
    for dir in dirs_above(root, path) {
        for name in NAMES.into_iter().filter(|n| wanted(n)) {
            if let Some(text) = read_inside(root, &dir.join(name), MAX_LOCKFILE_SIZE) {
                out.push((dir.join(name), text));
            }
        }
        if !out.is_empty() && kind.is_some() {
            break;
        }
    }
    out
}

/// The manifests in the directories at or above `path`'s, up to `root`.
fn manifests_above(root: &Path, path: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for dir in dirs_above(root, path) {
        for name in [
            "Cargo.toml",
            "package.json",
            "pyproject.toml",
            "requirements.txt",
        ] {
            if let Some(text) = read_inside(root, &dir.join(name), MAX_CODE_SIZE) {
                out.push((dir.join(name), text));
            }
        }
    }
    out
}

fn dirs_above<'a>(root: &'a Path, path: &'a Path) -> impl Iterator<Item = &'a Path> {
    path.parent()
        .into_iter()
        .flat_map(Path::ancestors)
        .take_while(move |dir| dir.starts_with(root))
}

/// A file's text when it is a regular file inside `root` (symlinks resolved) and not too big.
fn read_inside(root: &Path, path: &Path, limit: u64) -> Option<String> {
    let real = path.canonicalize().ok()?;
    let root = root.canonicalize().ok()?;
    if !real.starts_with(&root) || std::fs::metadata(&real).ok()?.len() > limit {
        return None;
    }
    std::fs::read_to_string(real).ok()
}

/// Code files below `dir` (`.gitignore` respected), bounded; `skip` is left out.
fn code_below(dir: &Path, skip: &Path) -> Vec<(PathBuf, String)> {
    ignore::WalkBuilder::new(dir)
        .follow_links(false)
        .build()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_some_and(|t| t.is_file()))
        .filter(|entry| Language::from_path(entry.path()).is_some() && entry.path() != skip)
        .take(MAX_CODE_FILES)
        .filter_map(|entry| {
            let size = entry.metadata().ok()?.len();
            if size > MAX_CODE_SIZE {
                return None;
            }
            let text = std::fs::read_to_string(entry.path()).ok()?;
            Some((entry.path().to_path_buf(), text))
        })
        .collect()
}
