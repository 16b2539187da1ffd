//! What changed between the git baseline and now, before any registry is asked: the
//! manifests' introduced and removed dependencies and each lockfile's delta (newcomers,
//! version changes, removals), read by [`read_changes`] for [`super::introduced`].

use super::baseline::{Baseline, GitError, Repository, Side};
use super::diff::{Introduced, diff_manifest};
use super::lockfile::{Locked, LockfileKind, delta, parse_lockfile};
use super::report::DependencyEntry;
use super::{Ecosystem, ManifestKind, canonical_name, parse_manifest, requirement_includes};
use crate::registry::SourceFile;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// What changed between the two sides, before any registry is asked.
#[derive(Default)]
pub(super) struct Changes {
    /// Introduced direct dependencies and the manifest (relative path) declaring them.
    pub(super) direct: Vec<(PathBuf, Introduced)>,
    pub(super) removed: Vec<DependencyEntry>,
    pub(super) locks: Vec<LockChange>,
    pub(super) notes: Vec<String>,
}

pub(super) struct LockChange {
    pub(super) path: PathBuf,
    pub(super) ecosystem: Ecosystem,
    /// Added packages no manifest declares directly.
    pub(super) newcomers: Vec<Locked>,
    /// Packages whose locked version changed: `(old, new)` entries.
    pub(super) changed: Vec<(Locked, Locked)>,
    /// Added packages a manifest declares (the locked versions of new direct dependencies).
    pub(super) declared: Vec<Locked>,
    pub(super) removed: Vec<Locked>,
}

pub(super) fn is_tracked(path: &Path) -> bool {
    ManifestKind::from_path(path).is_some() || LockfileKind::from_path(path).is_some()
}

/// The manifest and lockfile changes below `root`; with a `focus` manifest (relative to the
/// root) only that one. A focused lockfile still reads every manifest, which tell its direct
/// entries from its transitive ones.
pub(super) fn read_changes(
    root: &Path,
    baseline: &Baseline,
    sources: &[SourceFile<'_>],
    focus: Option<&Path>,
) -> Result<Changes, String> {
    let skipped = |e: GitError| format!("new dependencies not computed: {e}");
    let wanted = |path: &Path| match focus {
        Some(focus) if ManifestKind::from_path(focus).is_some() => path == focus,
        Some(focus) => path == focus || ManifestKind::from_path(path).is_some(),
        None => is_tracked(path),
    };
    let repository = Repository::discover(root).map_err(skipped)?;
    let (old_side, new_side) = repository.sides(baseline).map_err(skipped)?;
    // A focused manifest is read alone, without listing the tree (the editor asks on every
    // typing pause).
    let (mut old, mut new) = match focus {
        Some(focus) if ManifestKind::from_path(focus).is_some() => {
            let only = [focus.to_path_buf()];
            (
                repository.read_paths(&old_side, &only).map_err(skipped)?,
                repository.read_paths(&new_side, &only).map_err(skipped)?,
            )
        }
        _ => (
            repository.read_files(&old_side, &wanted).map_err(skipped)?,
            repository.read_files(&new_side, &wanted).map_err(skipped)?,
        ),
    };
    // Files requirements files include (`-r base.in`) are requirements files too, on either
    // side, through a few levels of nesting.
    let mut included: BTreeSet<PathBuf> = BTreeSet::new();
    if focus.is_none() {
        for _ in 0..4 {
            let more: BTreeSet<PathBuf> = old
                .iter()
                .chain(new.iter())
                .filter(|(p, _)| {
                    included.contains(*p)
                        || ManifestKind::from_path(p) == Some(ManifestKind::Requirements)
                })
                .flat_map(|(p, t)| requirement_includes(p, t))
                .filter(|p| !included.contains(p) && !is_tracked(p))
                .collect();
            if more.is_empty() {
                break;
            }
            let wanted_more = |p: &Path| more.contains(p);
            old.extend(
                repository
                    .read_files(&old_side, &wanted_more)
                    .map_err(skipped)?,
            );
            new.extend(
                repository
                    .read_files(&new_side, &wanted_more)
                    .map_err(skipped)?,
            );
            included.extend(more);
        }
    }
    if new_side == Side::Worktree {
        for source in sources {
            if let Ok(relative) = source.path.strip_prefix(root)
                && wanted(relative)
            {
                new.insert(relative.to_path_buf(), source.text.to_string());
            }
        }
    }
    let mut changes = Changes::default();
    let paths: BTreeSet<&PathBuf> = old.keys().chain(new.keys()).collect();
    // Names declared directly by any manifest now, per ecosystem: a lockfile newcomer with one
    // of them is direct, not transitive.
    let mut declared: HashSet<(Ecosystem, String)> = HashSet::new();
    let mut manifests = BTreeMap::new();
    for path in &paths {
        let kind = ManifestKind::from_path(path).or_else(|| {
            included
                .contains(*path)
                .then_some(ManifestKind::Requirements)
        });
        let Some(kind) = kind else {
            continue;
        };
        let before = old.get(*path).map(|t| parse_manifest(kind, t));
        let after = new.get(*path).map(|t| parse_manifest(kind, t));
        for manifest in after.iter() {
            for d in &manifest.dependencies {
                declared.insert((d.ecosystem, canonical_name(d.ecosystem, &d.name)));
            }
            declared.extend(
                manifest
                    .package_name
                    .iter()
                    .map(|n| (kind.ecosystem(), canonical_name(kind.ecosystem(), n))),
            );
        }
        manifests.insert((*path).clone(), (before, after));
    }
    for (path, (before, after)) in manifests {
        if old.get(&path) == new.get(&path) {
            continue;
        }
        let after = after.unwrap_or_default();
        let delta = diff_manifest(before.as_ref(), &after);
        changes
            .removed
            .extend(delta.removed.iter().map(|d| DependencyEntry {
                ecosystem: d.ecosystem,
                name: d.name.clone(),
                version: d.requirement.clone(),
                path: display(&path),
            }));
        changes
            .direct
            .extend(delta.introduced.into_iter().map(|i| (path.clone(), i)));
    }
    for path in paths {
        let Some(kind) = LockfileKind::from_path(path) else {
            continue;
        };
        let (before, after) = (old.get(path), new.get(path));
        if before == after {
            continue;
        }
        let read = |text: Option<&String>| {
            let lockfile = text.map(|t| parse_lockfile(kind, t)).unwrap_or_default();
            match lockfile.problem {
                Some(problem) => Err(format!(
                    "{}: {problem}; its changes are not counted",
                    display(path)
                )),
                None => Ok(lockfile.packages),
            }
        };
        let (before, after) = match (read(before), read(after)) {
            (Ok(before), Ok(after)) => (before, after),
            (Err(note), _) | (_, Err(note)) => {
                changes.notes.push(note);
                continue;
            }
        };
        let ecosystem = kind.ecosystem();
        let d = delta(ecosystem, &before, &after);
        let (declared_here, newcomers) = d
            .added
            .into_iter()
            .partition(|p| declared.contains(&(ecosystem, canonical_name(ecosystem, &p.name))));
        changes.locks.push(LockChange {
            path: path.clone(),
            ecosystem,
            newcomers,
            changed: d.changed,
            declared: declared_here,
            removed: d.removed,
        });
    }
    Ok(changes)
}

fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
