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
    /// The name was there, from another source (or another repository, path or URL).
    Resourced {
        from: SourceKind,
        location: Option<String>,
    },
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

/// Whether two declarations take a package from the same place: the same registry, the same
/// repository or URL (a moved `rev`, `tag` or `branch` is a version change), or both local.
fn same_source(a: &Dependency, b: &Dependency) -> bool {
    let place = |d: &Dependency| {
        d.location.as_deref().map(|l| {
            let l = l.trim().trim_end_matches('/');
            let l = l.strip_prefix("git+").unwrap_or(l);
            // npm's `github:user/repo#v1` and pip's `git+https://...@v1`: the part naming a
            // commit, tag or branch is the version.
            let l = l.split('#').next().unwrap_or(l);
            let l = match l
                .rfind('/')
                .and_then(|slash| l[slash..].find('@').map(|at| slash + at))
            {
                Some(at) => &l[..at],
                None => l,
            };
            l.trim_end_matches(".git").to_ascii_lowercase()
        })
    };
    a.source == b.source
        && match a.source {
            SourceKind::Git | SourceKind::Url => place(a) == place(b),
            _ => true,
        }
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
            Some(before) if before.iter().any(|d| same_source(d, dependency)) => None,
            // A package the registry gave before now comes from a local path: a vendored or
            // patched copy replaces the published one, which a reviewer should see. Between
            // local sources (path ↔ workspace) nothing new arrives, and neither does a move to
            // workspace inheritance (`serde.workspace = true`), whose source the workspace's
            // manifest declares and is diffed there.
            Some(before)
                if is_external(dependency)
                    || (dependency.source == SourceKind::Path
                        && before.iter().any(|d| d.source == SourceKind::Registry)) =>
            {
                Some(Change::Resourced {
                    from: before[0].source.clone(),
                    location: before[0].location.clone(),
                })
            }
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
                        from: SourceKind::Registry,
                        location: None,
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

    #[test]
    fn another_repository_or_a_local_copy_is_a_new_source_and_a_moved_rev_is_not() {
        let old = cargo(
            "[dependencies]\nlog = { git = \"https://example.invalid/a/log\" }\nrand = { git = \"https://example.invalid/rand.git\", tag = \"v1\" }\nserde = \"1\"\nmine = { path = \"../mine\" }\n",
        );
        let new = cargo(
            "[dependencies]\nlog = { git = \"https://example.invalid/b/log\" }\nrand = { git = \"https://example.invalid/rand\", tag = \"v2\" }\nserde = { path = \"vendor/serde\" }\nmine = { path = \"../../mine\" }\n",
        );
        let (introduced, removed) = summary(&diff_manifest(Some(&old), &new));
        assert_eq!(
            introduced,
            [
                (
                    "log".to_string(),
                    Change::Resourced {
                        from: SourceKind::Git,
                        location: Some("https://example.invalid/a/log".into()),
                    }
                ),
                (
                    "serde".to_string(),
                    Change::Resourced {
                        from: SourceKind::Registry,
                        location: None,
                    }
                ),
            ]
        );
        assert!(removed.is_empty());

        let npm = |text| parse_manifest(ManifestKind::PackageJson, text);
        let old = npm(
            r#"{"dependencies": {"a": "github:one/a#v1", "b": "git+https://h.invalid/x/b.git#main"}}"#,
        );
        let new = npm(
            r#"{"dependencies": {"a": "github:two/a#v1", "b": "git+https://h.invalid/x/b#v2"}}"#,
        );
        let (introduced, _) = summary(&diff_manifest(Some(&old), &new));
        assert_eq!(introduced.len(), 1, "{introduced:?}");
        assert_eq!(introduced[0].0, "a");

        let pip = |text| parse_manifest(ManifestKind::Requirements, text);
        let old = pip("b @ git+ssh://git@h.invalid/x/b.git@v1\n");
        let moved = pip("b @ git+ssh://git@h.invalid/x/b.git@v2\n");
        let elsewhere = pip("b @ git+ssh://git@h.invalid/y/b.git@v1\n");
        assert!(diff_manifest(Some(&old), &moved).introduced.is_empty());
        assert_eq!(diff_manifest(Some(&old), &elsewhere).introduced.len(), 1);
    }

    #[test]
    fn moving_to_another_cargo_registry_is_a_new_source() {
        let old = cargo("[dependencies]\nacme = \"1\"\n");
        let new = cargo("[dependencies]\nacme = { version = \"1\", registry = \"corp\" }\n");
        let (introduced, removed) = summary(&diff_manifest(Some(&old), &new));
        assert_eq!(
            introduced,
            [(
                "acme".to_string(),
                Change::Resourced {
                    from: SourceKind::Registry,
                    location: None,
                }
            )]
        );
        assert!(removed.is_empty());
    }

    #[test]
    fn moving_to_workspace_inheritance_is_not_new() {
        let old = cargo("[dependencies]\nserde = \"1\"\n");
        let new = cargo("[dependencies]\nserde = { workspace = true }\n");
        assert_eq!(diff_manifest(Some(&old), &new), ManifestDelta::default());
    }
}
