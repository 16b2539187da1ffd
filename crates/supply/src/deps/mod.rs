//! Dependency manifests: `Cargo.toml`, `package.json`, `requirements*.txt` and
//! `pyproject.toml`, read into one model that keeps the exact source range of every name.
//!
//! The registry checks use it to know what a project declares; the dependency diff against a git
//! baseline builds on the same model. TOML and JSON are read with their tree-sitter grammars
//! (not serde) because a finding must point at the exact bytes of a name.

mod cargo;
pub mod install_commands;
mod npm;
mod python;
mod toml_tree;
pub mod version;

// The dependency diff against a git baseline (new files, kept apart from the parsers above).
pub mod baseline;
mod changes;
pub mod diff;
mod introduced;
pub mod lockfile;
pub mod policy;
mod report;
pub mod resolved;
pub mod signals;

pub use baseline::Baseline;
pub use introduced::{IntroducedOptions, introduced};
pub use policy::{DependencyConfig, DependencySettings, FailOnNew};
pub use python::{Pep508, parse_pep508};
pub(crate) use report::date;
pub use report::{DependencyEntry, DependencyReport, DependencySummary, rule_ids};

use crate::text::Span;
use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// A package registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Ecosystem {
    #[serde(rename = "pypi")]
    PyPI,
    #[serde(rename = "npm")]
    Npm,
    #[serde(rename = "crates.io")]
    Crates,
}

impl Ecosystem {
    pub const ALL: [Ecosystem; 3] = [Ecosystem::PyPI, Ecosystem::Npm, Ecosystem::Crates];

    /// The name used in findings (`PackageRef::ecosystem`), cache paths and configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Ecosystem::PyPI => "pypi",
            Ecosystem::Npm => "npm",
            Ecosystem::Crates => "crates.io",
        }
    }

    /// The registry's name as people know it, for messages.
    pub fn registry_name(self) -> &'static str {
        match self {
            Ecosystem::PyPI => "PyPI",
            Ecosystem::Npm => "the npm registry",
            Ecosystem::Crates => "crates.io",
        }
    }
}

impl fmt::Display for Ecosystem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a dependency comes from. Only registry dependencies are checked against a registry.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    Registry,
    /// A registry other than the default one (Cargo's `registry = "..."`): not checked.
    OtherRegistry(String),
    Git,
    Path,
    /// A direct URL (`name @ https://...`, an npm tarball URL).
    Url,
    /// Inherited from the workspace (`foo.workspace = true`, npm `workspace:*`).
    Workspace,
}

/// One declared dependency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dependency {
    pub ecosystem: Ecosystem,
    /// The registry name (for a renamed Cargo dependency, the `package` value).
    pub name: String,
    /// The range of `name` in the manifest.
    pub name_span: Span,
    /// The name code uses when it differs from `name` (Cargo's renamed key, npm `npm:` aliases).
    pub alias: Option<String>,
    /// The version requirement as written (`^1.2`, `>=2,<3`, `1.0.0`), if any.
    pub requirement: Option<String>,
    pub requirement_span: Option<Span>,
    pub source: SourceKind,
    /// Where a git, path or URL source points, as written (`git = "https://..."`, the npm spec
    /// `github:user/repo#v1`, PEP 508's `name @ https://...`): a change of it is a new source.
    pub location: Option<String>,
    /// The table or list that declares it: `dependencies`, `target.'cfg(unix)'.dev-dependencies`,
    /// `project.optional-dependencies.test`, `devDependencies`...
    pub section: String,
}

impl Dependency {
    /// The exact version the requirement pins, if it pins one (`=1.2.3`, `==1.2.3`, npm `1.2.3`).
    pub fn pinned_version(&self) -> Option<&str> {
        let requirement = self.requirement.as_deref()?.trim();
        let version = match self.ecosystem {
            Ecosystem::Crates => requirement.strip_prefix('=')?.trim(),
            Ecosystem::PyPI => requirement
                .strip_prefix("==")
                .filter(|v| !v.starts_with('='))?
                .trim(),
            Ecosystem::Npm => requirement.strip_prefix('=').unwrap_or(requirement).trim(),
        };
        let exact = !version.is_empty()
            && version.starts_with(|c: char| c.is_ascii_digit())
            && !version.contains(['*', ',', ' ', '|', '<', '>', '^', '~', 'x', 'X'])
            && !version.ends_with('.');
        exact.then_some(version)
    }
}

/// Which manifest format a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum ManifestKind {
    CargoToml,
    PackageJson,
    Requirements,
    PyProject,
}

impl ManifestKind {
    /// The manifest format of a file, by its name.
    pub fn from_path(path: &Path) -> Option<ManifestKind> {
        let name = path.file_name()?.to_str()?;
        Some(match name {
            "Cargo.toml" => ManifestKind::CargoToml,
            "package.json" => ManifestKind::PackageJson,
            "pyproject.toml" => ManifestKind::PyProject,
            _ if name.starts_with("requirements") && name.ends_with(".txt") => {
                ManifestKind::Requirements
            }
            _ if name.ends_with("requirements.txt") => ManifestKind::Requirements,
            _ => return None,
        })
    }

    pub fn ecosystem(self) -> Ecosystem {
        match self {
            ManifestKind::CargoToml => Ecosystem::Crates,
            ManifestKind::PackageJson => Ecosystem::Npm,
            ManifestKind::Requirements | ManifestKind::PyProject => Ecosystem::PyPI,
        }
    }
}

/// What one manifest file declares.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Manifest {
    pub dependencies: Vec<Dependency>,
    /// The project's own package name (`[package] name`, `"name"`, `[project] name`).
    pub package_name: Option<String>,
    /// Workspace member patterns (`[workspace] members`, `"workspaces"`), relative to the file.
    pub workspace_members: Vec<String>,
    /// Other requirement files this one includes (`-r other.txt`), relative to the file.
    pub includes: Vec<PathBuf>,
}

/// Reads one manifest. Never fails: broken syntax yields what could be read (tree-sitter
/// recovers), so a typo in one table does not hide the rest of the file.
pub fn parse_manifest(kind: ManifestKind, text: &str) -> Manifest {
    match kind {
        ManifestKind::CargoToml => cargo::parse(text),
        ManifestKind::PackageJson => npm::parse(text),
        ManifestKind::Requirements => python::parse_requirements(text),
        ManifestKind::PyProject => python::parse_pyproject(text),
    }
}

/// A path as a canonical project root sees it: canonical when it exists, else absolute (a
/// relative `app.py` from the command line would lie outside any root).
pub fn located(path: &Path) -> PathBuf {
    path.canonicalize()
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Where a path a manifest names (`-r ../base.txt`, a workspace glob, a tsconfig `extends`)
/// really leads, judged against the canonical project `root`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// Inside the root, with `..` and symlinks resolved: safe to read.
    Inside(PathBuf),
    /// Outside the root (an absolute path, `../..`, a symlink leading out): never read.
    Outside,
    /// Nothing there.
    Missing,
}

/// Resolves `path` (symlinks and `..` included) and says whether it stays inside `root`.
/// A scanned repository is hostile: a path it names must not make slopguard read, list or
/// send anything from outside it.
pub fn reach(root: &Path, path: &Path) -> Reach {
    match path.canonicalize() {
        Ok(real) if real.starts_with(root) => Reach::Inside(real),
        Ok(_) => Reach::Outside,
        // A missing file under an outside directory is still outside: say so, not "missing".
        Err(_) if !lexical(path).starts_with(root) => Reach::Outside,
        Err(_) => Reach::Missing,
    }
}

/// The files a requirements file includes with `-r` / `--requirement`, as paths next to it
/// (`dir/requirements.txt` including `../base.in` gives `base.in`).
pub fn requirement_includes(path: &Path, text: &str) -> Vec<PathBuf> {
    let dir = path.parent().unwrap_or(Path::new(""));
    python::parse_requirements(text)
        .includes
        .iter()
        .map(|include| lexical(&dir.join(include)))
        .collect()
}

/// Which of `files` are requirement files: those named like one, and those another requirement
/// file includes, however they are named (`-r base.in`, `-r constraints/common.txt`), through
/// nested includes.
pub fn requirement_files<'a>(files: &[(&'a Path, &str)]) -> std::collections::HashSet<&'a Path> {
    let by_path: std::collections::HashMap<PathBuf, (&'a Path, &str)> = files
        .iter()
        .map(|&(path, text)| (lexical(path), (path, text)))
        .collect();
    let mut found = std::collections::HashSet::new();
    let mut queue: Vec<(&'a Path, &str)> = files
        .iter()
        .copied()
        .filter(|(path, _)| ManifestKind::from_path(path) == Some(ManifestKind::Requirements))
        .collect();
    while let Some((path, text)) = queue.pop() {
        if !found.insert(path) {
            continue;
        }
        for include in requirement_includes(path, text) {
            if let Some(&included) = by_path.get(&include) {
                queue.push(included);
            }
        }
    }
    found
}

/// `a/./b/../c` → `a/c`, without asking the file system (the file may be a baseline blob).
fn lexical(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// PEP 503 normalisation of a Python distribution name: lower case, runs of `-_.` become `-`.
pub fn normalize_pypi(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut in_separator = false;
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            if !in_separator {
                out.push('-');
            }
            in_separator = true;
        } else {
            out.push(c.to_ascii_lowercase());
            in_separator = false;
        }
    }
    out
}

/// A registry name in the form used to compare names within an ecosystem: PEP 503 for PyPI,
/// `-` and `_` alike for crates (cargo treats them as one name), lower case for npm.
pub fn canonical_name(ecosystem: Ecosystem, name: &str) -> String {
    match ecosystem {
        Ecosystem::PyPI => normalize_pypi(name),
        Ecosystem::Crates => name.to_ascii_lowercase().replace('-', "_"),
        Ecosystem::Npm => name.to_ascii_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reach_resolves_dot_dot_and_symlinks_against_the_root() {
        let outer = tempfile::tempdir().unwrap();
        let outer = outer.path().canonicalize().unwrap();
        let root = outer.join("root");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(outer.join("secret.txt"), "x").unwrap();
        std::fs::write(root.join("sub/ok.txt"), "x").unwrap();
        std::os::unix::fs::symlink(outer.join("secret.txt"), root.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(&outer, root.join("up")).unwrap();
        let reach_of = |p: &str| reach(&root, &root.join(p));
        assert_eq!(
            reach_of("sub/../sub/ok.txt"),
            Reach::Inside(root.join("sub/ok.txt"))
        );
        assert_eq!(reach_of("../secret.txt"), Reach::Outside);
        assert_eq!(reach_of("link.txt"), Reach::Outside);
        assert_eq!(
            reach_of("up/root/sub/ok.txt"),
            Reach::Inside(root.join("sub/ok.txt"))
        );
        assert_eq!(reach_of("up/secret.txt"), Reach::Outside);
        assert_eq!(reach(&root, &outer.join("secret.txt")), Reach::Outside);
        assert_eq!(reach_of("sub/missing.txt"), Reach::Missing);
        assert_eq!(reach_of("../missing.txt"), Reach::Outside);
    }
}
