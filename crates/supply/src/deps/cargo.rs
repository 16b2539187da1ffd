//! `Cargo.toml`: `[dependencies]`, `[dev-dependencies]`, `[build-dependencies]`, their
//! `[target.'cfg(..)'.*]` forms, `[workspace.dependencies]`, both the inline and the
//! `[dependencies.name]` table forms, and renamed dependencies (`alias = { package = "real" }`).

use super::toml_tree::{Leaf, Segment, Value, leaves};
use super::{Dependency, Ecosystem, Manifest, SourceKind};
use crate::text::LineIndex;

const TABLES: &[&str] = &["dependencies", "dev-dependencies", "build-dependencies"];

pub(super) fn parse(text: &str) -> Manifest {
    let index = LineIndex::new(text);
    let mut manifest = Manifest::default();
    // Dependencies in declaration order, keyed by their section and key.
    let mut entries: Vec<(String, Segment, Vec<Leaf>)> = Vec::new();
    for leaf in leaves(text) {
        if leaf.path_is(&["package", "name"])
            && let Value::Str { value, .. } = &leaf.value
        {
            manifest.package_name = Some(value.clone());
        }
        if leaf.path_is(&["workspace", "members"])
            && let Value::Array(items) = &leaf.value
        {
            for item in items {
                if let Value::Str { value, .. } = item {
                    manifest.workspace_members.push(value.clone());
                }
            }
        }
        let Some(table) = dependency_table(&leaf.path) else {
            continue;
        };
        let section = leaf.path[..=table]
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(".");
        let Some(key) = leaf.path.get(table + 1).cloned() else {
            continue;
        };
        match entries
            .iter_mut()
            .find(|(s, k, _)| *s == section && k.name == key.name)
        {
            Some((_, _, leaves)) => leaves.push(leaf),
            None => entries.push((section, key, vec![leaf])),
        }
    }
    for (section, key, leaves) in entries {
        manifest.dependencies.push(dependency(
            &index,
            section,
            key,
            &leaves,
            table_depth(&leaves),
        ));
    }
    manifest
}

/// The index of the dependency-table segment when `path` is inside one: `dependencies`,
/// `target.X.dependencies` or `workspace.dependencies`.
fn dependency_table(path: &[Segment]) -> Option<usize> {
    let names: Vec<&str> = path.iter().map(|s| s.name.as_str()).collect();
    match names.as_slice() {
        [table, ..] if TABLES.contains(table) => Some(0),
        ["workspace", "dependencies", ..] => Some(1),
        ["target", _, table, ..] if TABLES.contains(table) => Some(2),
        _ => None,
    }
}

fn table_depth(leaves: &[Leaf]) -> usize {
    leaves
        .first()
        .and_then(|leaf| dependency_table(&leaf.path))
        .unwrap_or(0)
}

fn dependency(
    index: &LineIndex<'_>,
    section: String,
    key: Segment,
    leaves: &[Leaf],
    table: usize,
) -> Dependency {
    let mut name = (key.name.clone(), key.start, key.end);
    let mut alias = None;
    let mut requirement = None;
    let mut source = SourceKind::Registry;
    let mut location = None;
    for leaf in leaves {
        let field = leaf.path.get(table + 2).map(|s| s.name.as_str());
        match (field, &leaf.value) {
            (None, Value::Str { value, start, end })
            | (Some("version"), Value::Str { value, start, end }) => {
                requirement = Some((value.clone(), *start, *end));
            }
            (Some("package"), Value::Str { value, start, end }) => {
                alias = Some(key.name.clone());
                name = (value.clone(), *start, *end);
            }
            (Some("git"), value) => {
                source = SourceKind::Git;
                location = string(value);
            }
            (Some("path"), value) if source == SourceKind::Registry => {
                source = SourceKind::Path;
                location = string(value);
            }
            (Some("workspace"), Value::Bool(true)) => source = SourceKind::Workspace,
            (Some("registry"), Value::Str { value, .. }) => {
                source = SourceKind::OtherRegistry(value.clone())
            }
            _ => {}
        }
    }
    Dependency {
        ecosystem: Ecosystem::Crates,
        name: name.0,
        name_span: index.span(name.1, name.2),
        alias,
        requirement_span: requirement.as_ref().map(|r| index.span(r.1, r.2)),
        requirement: requirement.map(|r| r.0),
        source,
        location,
        section,
    }
}

fn string(value: &Value) -> Option<String> {
    match value {
        Value::Str { value, .. } => Some(value.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dependency_form_is_read_with_its_range() {
        let text = r#"
[package]
name = "demo"

[dependencies]
serde = { version = "1", features = ["derive"] }
tree-sitter = "0.25"
# a renamed dependency: code says `json`
json = { package = "serde_json", version = "=1.0.100" }
local = { path = "../local" }
fromgit = { git = "https://example.invalid/x.git" }
shared.workspace = true

[dependencies.regex]
version = "1.10"

[target.'cfg(unix)'.dependencies]
libc = "0.2"

[dev-dependencies]
tempfile = "3"

[workspace]
members = ["crates/*"]

[workspace.dependencies]
anyhow = "1"
"#;
        let manifest = parse(text);
        assert_eq!(manifest.package_name.as_deref(), Some("demo"));
        assert_eq!(manifest.workspace_members, ["crates/*"]);
        let got: Vec<_> = manifest
            .dependencies
            .iter()
            .map(|d| {
                assert_eq!(&text[d.name_span.start_byte..d.name_span.end_byte], d.name);
                (
                    d.name.as_str(),
                    d.section.as_str(),
                    d.requirement.as_deref(),
                    d.source.clone(),
                )
            })
            .collect();
        use SourceKind::*;
        assert_eq!(
            got,
            [
                ("serde", "dependencies", Some("1"), Registry),
                ("tree-sitter", "dependencies", Some("0.25"), Registry),
                ("serde_json", "dependencies", Some("=1.0.100"), Registry),
                ("local", "dependencies", None, Path),
                ("fromgit", "dependencies", None, Git),
                ("shared", "dependencies", None, Workspace),
                ("regex", "dependencies", Some("1.10"), Registry),
                (
                    "libc",
                    "target.cfg(unix).dependencies",
                    Some("0.2"),
                    Registry
                ),
                ("tempfile", "dev-dependencies", Some("3"), Registry),
                ("anyhow", "workspace.dependencies", Some("1"), Registry),
            ]
        );
        let renamed = &manifest.dependencies[2];
        assert_eq!(renamed.alias.as_deref(), Some("json"));
        assert_eq!(renamed.pinned_version(), Some("1.0.100"));
        assert_eq!(manifest.dependencies[0].pinned_version(), None);
    }

    #[test]
    fn broken_toml_yields_what_can_be_read() {
        let manifest = parse(
            "[dependencies]\nserde = \"1\"\nbroken = {\n[dev-dependencies]\nrand = \"0.8\"\n",
        );
        assert!(manifest.dependencies.iter().any(|d| d.name == "serde"));
    }

    #[test]
    fn unterminated_strings_with_wide_characters_do_not_panic() {
        for text in [
            "[dependencies]\nserde = \"1é",
            "[dependencies]\nserde = \"é\nrand = \"0.8\"\n",
            "[dependencies]\nx = { git = \"https://é",
            "[dependencies]\nx = '''é",
            "[package]\nname = \"日本",
        ] {
            let _ = parse(text);
        }
    }
}
