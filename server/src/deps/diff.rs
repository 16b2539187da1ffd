//! What a change to one manifest introduces: names new to the manifest, names whose source
//! changed (registry → git, path, URL or another registry), and renames (Cargo's
//! `package = "..."`, npm's `npm:` aliases) that make a name the code uses point at another
//! package. A changed or loosened version requirement introduces nothing, and neither does
//! moving a name from one table of the manifest to another.

use super::{Dependency, Manifest, SourceKind, canonical_name};
use std::collections::HashMap;

/// How a dependency came to be introduced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The name is new to the manifest.
    Added,
    /// The name was there, from another source.
    Resourced { from: SourceKind },
    /// The name the code uses (`from`'s alias or name) now points at another package.
    Renamed { from: String },
}

/// One introduced dependency, as the new manifest declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Introduced {
    pub dependency: Dependency,
    pub change: Change,
}

/// The difference between two versions of one manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ManifestDelta {
    pub introduced: Vec<Introduced>,
    /// Dependencies of the old manifest whose name the new one no longer has.
    pub removed: Vec<Dependency>,
}

/// Whether a dependency brings code from outside the repository. A new path dependency or
/// workspace inheritance is the project's own code or is reported where it is declared.
fn is_external(dependency: &Dependency) -> bool {
    !matches!(dependency.source, SourceKind::Path | SourceKind::Workspace)
}

fn key(dependency: &Dependency) -> String {
    canonical_name(dependency.ecosystem, &dependency.name)
}

/// The name code uses for a dependency.
fn code_name(dependency: &Dependency) -> String {
    canonical_name(
        dependency.ecosystem,
        dependency.alias.as_deref().unwrap_or(&dependency.name),
    )
}

/// Compares a manifest with its baseline version (`None`: it did not exist).
pub fn diff_manifest(old: Option<&Manifest>, new: &Manifest) -> ManifestDelta {
    let empty = Manifest::default();
    let old = old.unwrap_or(&empty);
    let mut old_by_name: HashMap<String, Vec<&Dependency>> = HashMap::new();
    let mut old_by_code_name: HashMap<String, &Dependency> = HashMap::new();
    for dependency in &old.dependencies {
        old_by_name
            .entry(key(dependency))
            .or_default()
            .push(dependency);
        old_by_code_name
            .entry(code_name(dependency))
            .or_insert(dependency);
    }
    let mut delta = ManifestDelta::default();
    let mut reported = std::collections::HashSet::new();
    for dependency in &new.dependencies {
        let name = key(dependency);
        let change = match old_by_name.get(&name) {
            Some(before) if before.iter().any(|d| d.source == dependency.source) => None,
            Some(before) if is_external(dependency) => Some(Change::Resourced {
                from: before[0].source.clone(),
            }),
            Some(_) => None,
            None if !is_external(dependency) => None,
            None => match old_by_code_name.get(&code_name(dependency)) {
                Some(before) if key(before) != name => Some(Change::Renamed {
                    from: before.name.clone(),
                }),
                _ => Some(Change::Added),
            },
        };
        if let Some(change) = change
            && reported.insert((name, dependency.source.clone()))
        {
            delta.introduced.push(Introduced {
                dependency: dependency.clone(),
                change,
            });
        }
    }
    let new_names: std::collections::HashSet<String> = new.dependencies.iter().map(key).collect();
    let mut removed = std::collections::HashSet::new();
    for dependency in &old.dependencies {
        let name = key(dependency);
        if is_external(dependency) && !new_names.contains(&name) && removed.insert(name) {
            delta.removed.push(dependency.clone());
        }
    }
    delta
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deps::{ManifestKind, parse_manifest};

    fn cargo(text: &str) -> Manifest {
        parse_manifest(ManifestKind::CargoToml, text)
    }

    fn summary(delta: &ManifestDelta) -> (Vec<(String, Change)>, Vec<String>) {
        (
            delta
                .introduced
                .iter()
                .map(|i| (i.dependency.name.clone(), i.change.clone()))
                .collect(),
            delta.removed.iter().map(|d| d.name.clone()).collect(),
        )
    }

    #[test]
    fn added_removed_resourced_renamed_and_version_only() {
        let old = cargo(
            "[dependencies]\nserde = \"1.0\"\nrand = \"0.8\"\nlog = \"0.4\"\nhttp = \"1\"\n[dev-dependencies]\ntempfile = \"3\"\n",
        );
        let new = cargo(
            "[dependencies]\nserde = \"1\"\nlog = { git = \"https://example.invalid/log\" }\nhttp = { package = \"htttp\", version = \"1\" }\ntempfile = \"3\"\nanyhow = \"1\"\nmine = { path = \"../mine\" }\n",
        );
        let (introduced, removed) = summary(&diff_manifest(Some(&old), &new));
        assert_eq!(
            introduced,
            [
                (
                    "log".to_string(),
                    Change::Resourced {
                        from: SourceKind::Registry
                    }
                ),
                (
                    "htttp".to_string(),
                    Change::Renamed {
                        from: "http".into()
                    }
                ),
                ("anyhow".to_string(), Change::Added),
            ]
        );
        assert_eq!(removed, ["rand", "http"]);
    }

    #[test]
    fn a_new_manifest_has_only_new_dependencies() {
        let new = cargo("[dependencies]\nserde = \"1\"\n[build-dependencies]\ncc = \"1\"\n");
        let (introduced, removed) = summary(&diff_manifest(None, &new));
        assert_eq!(
            introduced,
            [
                ("serde".into(), Change::Added),
                ("cc".into(), Change::Added)
            ]
        );
        assert!(removed.is_empty());
    }

    #[test]
    fn python_names_compare_normalised() {
        let old = parse_manifest(ManifestKind::Requirements, "PyYAML>=5\n");
        let new = parse_manifest(ManifestKind::Requirements, "pyyaml>=3\n");
        assert_eq!(diff_manifest(Some(&old), &new), ManifestDelta::default());
    }
}
