//! Reading a project into a [`Bom`]: walk it for manifests and lockfiles (honouring
//! `.gitignore`, never into `node_modules`, never through a symlink), then
//!
//! 1. every lockfile's packages become components, with their checksums and their edges;
//! 2. the project's direct dependencies are the dependencies of the lockfile's roots (Cargo
//!    workspace members, the npm project and its workspaces, uv's project), or, for formats
//!    that record no root (Poetry, yarn, pnpm), the manifest entries beside the lockfile,
//!    matched by name;
//! 3. a manifest no lockfile of its ecosystem covers (none in its folder or above it) adds its
//!    dependencies as direct components, with the version when it pins one exactly.

use super::purl::purl;
use super::{Bom, Component};
use crate::deps::lockfile::{Locked, Lockfile, LockfileKind, parse_lockfile};
use crate::deps::{
    Dependency, Ecosystem, ManifestKind, SourceKind, canonical_name, parse_manifest,
};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Manifests and lockfiles larger than this are left out (with a note): no real one is.
const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// The bill of materials of the project at `root`.
pub fn collect(root: &Path) -> Bom {
    let mut bom = Bom {
        project: root
            .canonicalize()
            .ok()
            .and_then(|r| r.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "project".into()),
        ..Bom::default()
    };
    let files = walk(root, &mut bom.notes);
    let mut components: BTreeMap<String, Component> = BTreeMap::new();
    // (ecosystem, folder) of each lockfile, for telling which manifests it covers.
    let mut locked_folders: BTreeSet<(Ecosystem, PathBuf)> = BTreeSet::new();

    for (path, text) in &files {
        let Some(kind) = LockfileKind::from_path(path) else {
            continue;
        };
        let lockfile = parse_lockfile(kind, text);
        if let Some(problem) = &lockfile.problem {
            bom.notes.push(format!("{}: {problem}", display(path)));
            continue;
        }
        let ecosystem = kind.ecosystem();
        let folder = path.parent().unwrap_or(Path::new("")).to_path_buf();
        locked_folders.insert((ecosystem, folder.clone()));
        for package in &lockfile.packages {
            let dependencies = package
                .dependencies
                .iter()
                .filter_map(|d| lockfile.resolve(ecosystem, d))
                .map(|target| locked_component(ecosystem, target, path).key())
                .collect();
            let component = Component {
                dependencies,
                ..locked_component(ecosystem, package, path)
            };
            merge(&mut components, component);
        }
        let direct: Vec<&Locked> = if lockfile.roots.is_empty() {
            manifests_in(&files, &folder, ecosystem)
                .flat_map(|d| by_name(&lockfile, ecosystem, &d.name))
                .collect()
        } else {
            lockfile
                .roots
                .iter()
                .flat_map(|r| &r.dependencies)
                .filter_map(|d| lockfile.resolve(ecosystem, d))
                .collect()
        };
        bom.direct.extend(
            direct
                .into_iter()
                .map(|p| locked_component(ecosystem, p, path).key()),
        );
    }

    for (path, text) in &files {
        let Some(kind) = ManifestKind::from_path(path) else {
            continue;
        };
        let ecosystem = kind.ecosystem();
        let covered = path
            .ancestors()
            .skip(1)
            .any(|folder| locked_folders.contains(&(ecosystem, folder.to_path_buf())));
        if covered {
            continue;
        }
        for dependency in parse_manifest(kind, text).dependencies {
            if matches!(dependency.source, SourceKind::Workspace | SourceKind::Path) {
                continue;
            }
            let component = declared_component(&dependency, path);
            bom.direct.insert(component.key());
            merge(&mut components, component);
        }
    }
    bom.components = components.into_values().collect();
    bom.components.sort_by_cached_key(|c| {
        (
            c.ecosystem,
            canonical_name(c.ecosystem, &c.name),
            c.version.clone(),
            c.key(),
        )
    });
    bom
}

/// The manifest entries of `ecosystem` in `folder` (the project's own registry dependencies).
fn manifests_in<'a>(
    files: &'a [(PathBuf, String)],
    folder: &'a Path,
    ecosystem: Ecosystem,
) -> impl Iterator<Item = Dependency> + 'a {
    files
        .iter()
        .filter(move |(path, _)| path.parent() == Some(folder))
        .filter_map(|(path, text)| {
            let kind = ManifestKind::from_path(path)?;
            Some(parse_manifest(kind, text))
        })
        .flat_map(|m| m.dependencies)
        .filter(move |d| d.ecosystem == ecosystem)
}

/// The entry of a lockfile a manifest's name means: the only one of that name, or, when the
/// lockfile holds several versions, the highest (the one a top-level install gets, usually).
fn by_name<'a>(lockfile: &'a Lockfile, ecosystem: Ecosystem, name: &str) -> Option<&'a Locked> {
    let name = canonical_name(ecosystem, name);
    lockfile
        .packages
        .iter()
        .filter(|p| canonical_name(ecosystem, &p.name) == name)
        .max_by(|a, b| {
            match (
                semver::Version::parse(&a.version),
                semver::Version::parse(&b.version),
            ) {
                (Ok(x), Ok(y)) => x.cmp(&y),
                _ => a.version.cmp(&b.version),
            }
        })
}

fn locked_component(ecosystem: Ecosystem, package: &Locked, lockfile: &Path) -> Component {
    let version = Some(package.version.clone()).filter(|v| !v.is_empty());
    Component {
        ecosystem,
        purl: package
            .registry
            .then(|| purl(ecosystem, &package.name, version.as_deref())),
        name: package.name.clone(),
        version,
        hashes: package.hashes.iter().cloned().collect(),
        dependencies: BTreeSet::new(),
        sources: BTreeSet::from([display(lockfile)]),
    }
}

fn declared_component(dependency: &Dependency, manifest: &Path) -> Component {
    let version = dependency.pinned_version().map(str::to_string);
    let registry = dependency.source == SourceKind::Registry;
    Component {
        ecosystem: dependency.ecosystem,
        purl: registry.then(|| purl(dependency.ecosystem, &dependency.name, version.as_deref())),
        name: dependency.name.clone(),
        version,
        hashes: BTreeSet::new(),
        dependencies: BTreeSet::new(),
        sources: BTreeSet::from([display(manifest)]),
    }
}

/// Adds a component, or folds it into the one with the same key (named by two lockfiles).
fn merge(components: &mut BTreeMap<String, Component>, component: Component) {
    match components.entry(component.key()) {
        std::collections::btree_map::Entry::Vacant(slot) => {
            slot.insert(component);
        }
        std::collections::btree_map::Entry::Occupied(mut slot) => {
            let existing = slot.get_mut();
            existing.hashes.extend(component.hashes);
            existing.dependencies.extend(component.dependencies);
            existing.sources.extend(component.sources);
        }
    }
}

/// The manifests and lockfiles below `root` (relative paths, texts), in path order.
fn walk(root: &Path, notes: &mut Vec<String>) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let walker = ignore::WalkBuilder::new(root)
        .follow_links(false)
        .filter_entry(|entry| entry.file_name() != "node_modules")
        .build();
    for entry in walker.flatten() {
        let path = entry.path();
        let wanted =
            ManifestKind::from_path(path).is_some() || LockfileKind::from_path(path).is_some();
        if !wanted || !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let relative = path.strip_prefix(root).unwrap_or(path).to_path_buf();
        if entry.metadata().is_ok_and(|m| m.len() > MAX_FILE_SIZE) {
            notes.push(format!(
                "{}: larger than 64 MiB, left out",
                display(&relative)
            ));
            continue;
        }
        match std::fs::read(path).map(String::from_utf8) {
            Ok(Ok(text)) => files.push((relative, text)),
            Ok(Err(_)) => notes.push(format!("{}: not UTF-8, left out", display(&relative))),
            Err(e) => notes.push(format!("{}: cannot be read: {e}", display(&relative))),
        }
    }
    files.sort();
    files
}

fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
