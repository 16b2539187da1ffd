//! `package.json`: `dependencies`, `devDependencies`, `peerDependencies` and
//! `optionalDependencies`, the package's own `name` and its `workspaces`.

use super::toml_tree::parse_tree;
use super::{Dependency, Ecosystem, Manifest, SourceKind};
use crate::text::LineIndex;
use tree_sitter::Node;

const SECTIONS: &[&str] = &[
    "dependencies",
    "devDependencies",
    "peerDependencies",
    "optionalDependencies",
];

pub(super) fn parse(text: &str) -> Manifest {
    let mut manifest = Manifest::default();
    let Some(tree) = parse_tree(tree_sitter_json::LANGUAGE.into(), text) else {
        return manifest;
    };
    let index = LineIndex::new(text);
    let root = tree.root_node();
    let Some(object) = first_named(root, "object") else {
        return manifest;
    };
    for (key, value) in pairs(object, text) {
        match key.0.as_str() {
            "name" => manifest.package_name = string(value, text).map(|s| s.0),
            "workspaces" => {
                // An array of globs, or Yarn's `{ "packages": [...] }`.
                let list = if value.kind() == "object" {
                    pairs(value, text)
                        .into_iter()
                        .find(|(k, _)| k.0 == "packages")
                        .map(|(_, v)| v)
                } else {
                    Some(value)
                };
                if let Some(list) = list.filter(|l| l.kind() == "array") {
                    let mut cursor = list.walk();
                    for item in list.named_children(&mut cursor) {
                        if let Some((glob, _, _)) = string(item, text) {
                            manifest.workspace_members.push(glob);
                        }
                    }
                }
            }
            section if SECTIONS.contains(&section) && value.kind() == "object" => {
                for ((name, start, end), spec) in pairs(value, text) {
                    let requirement = string(spec, text);
                    manifest.dependencies.push(dependency(
                        &index,
                        section,
                        (name, start, end),
                        requirement,
                    ));
                }
            }
            _ => {}
        }
    }
    manifest
}

fn dependency(
    index: &LineIndex<'_>,
    section: &str,
    key: (String, usize, usize),
    requirement: Option<(String, usize, usize)>,
) -> Dependency {
    let spec = requirement.as_ref().map_or("", |r| r.0.as_str());
    let mut name = key.0.clone();
    let mut alias = None;
    let source = if let Some(aliased) = spec.strip_prefix("npm:") {
        // "alias": "npm:real-name@^1": the registry name is `real-name` (a scoped one starts
        // with `@`, so the version's `@` is looked for after the first character). A value
        // still being typed (`"npm:"`) names nothing yet: the key stands.
        let real = aliased
            .get(1..)
            .and_then(|rest| rest.find('@'))
            .map_or(aliased, |at| &aliased[..at + 1]);
        if !real.is_empty() {
            alias = Some(key.0.clone());
            name = real.to_string();
        }
        SourceKind::Registry
    } else {
        source_of(spec)
    };
    let location = (source != SourceKind::Registry && source != SourceKind::Workspace)
        .then(|| spec.to_string());
    Dependency {
        ecosystem: Ecosystem::Npm,
        name,
        name_span: index.span(key.1, key.2),
        alias,
        requirement_span: requirement.as_ref().map(|r| index.span(r.1, r.2)),
        requirement: requirement.map(|r| r.0),
        location,
        source,
        section: section.to_string(),
    }
}

/// What a version field points at: a registry range, or a path, git or URL source.
fn source_of(spec: &str) -> SourceKind {
    if spec.starts_with("workspace:") {
        SourceKind::Workspace
    } else if spec.starts_with("file:")
        || spec.starts_with("link:")
        || spec.starts_with("portal:")
        || spec.starts_with(['.', '/'])
        || spec.starts_with("~/")
    {
        SourceKind::Path
    } else if spec.starts_with("git")
        || spec.starts_with("github:")
        || spec.starts_with("gitlab:")
        || spec.starts_with("bitbucket:")
        || (spec.contains('/') && !spec.contains("://") && !spec.starts_with('@'))
    {
        SourceKind::Git
    } else if spec.contains("://") {
        SourceKind::Url
    } else {
        SourceKind::Registry
    }
}

fn first_named<'t>(node: Node<'t>, kind: &str) -> Option<Node<'t>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor).find(|n| n.kind() == kind)
}

/// The `(key, value)` pairs of a JSON object; keys with their content range.
fn pairs<'t>(object: Node<'t>, text: &str) -> Vec<((String, usize, usize), Node<'t>)> {
    let mut cursor = object.walk();
    object
        .named_children(&mut cursor)
        .filter(|n| n.kind() == "pair")
        .filter_map(|pair| {
            let key = string(pair.child_by_field_name("key")?, text)?;
            Some((key, pair.child_by_field_name("value")?))
        })
        .collect()
}

/// A JSON string's content (escapes left as written) and its range without the quotes.
fn string(node: Node<'_>, text: &str) -> Option<(String, usize, usize)> {
    if node.kind() != "string" || node.end_byte() < node.start_byte() + 2 {
        return None;
    }
    let (start, end) = (node.start_byte() + 1, node.end_byte() - 1);
    Some((text.get(start..end)?.to_string(), start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependency_sections_are_read_with_ranges() {
        let text = r#"{
  "name": "@acme/web",
  "workspaces": ["packages/*"],
  "dependencies": { "react": "^18.2.0", "@scope/pkg": "1.2.3", "lib": "file:../lib",
                    "gh": "user/repo", "alias": "npm:real-name@^2" },
  "devDependencies": { "typescript": "~5.4.0" },
  "peerDependencies": { "react-dom": "*" },
  "optionalDependencies": { "fsevents": "2.3.3" },
  "scripts": { "dependencies": "not-a-dep" }
}"#;
        let manifest = parse(text);
        assert_eq!(manifest.package_name.as_deref(), Some("@acme/web"));
        assert_eq!(manifest.workspace_members, ["packages/*"]);
        let got: Vec<_> = manifest
            .dependencies
            .iter()
            .map(|d| (d.name.as_str(), d.section.as_str(), d.source.clone()))
            .collect();
        use SourceKind::*;
        assert_eq!(
            got,
            [
                ("react", "dependencies", Registry),
                ("@scope/pkg", "dependencies", Registry),
                ("lib", "dependencies", Path),
                ("gh", "dependencies", Git),
                ("real-name", "dependencies", Registry),
                ("typescript", "devDependencies", Registry),
                ("react-dom", "peerDependencies", Registry),
                ("fsevents", "optionalDependencies", Registry),
            ]
        );
        let scoped = &manifest.dependencies[1];
        assert_eq!(
            &text[scoped.name_span.start_byte..scoped.name_span.end_byte],
            "@scope/pkg"
        );
        assert_eq!(scoped.pinned_version(), Some("1.2.3"));
        assert_eq!(manifest.dependencies[0].pinned_version(), None);
        assert_eq!(manifest.dependencies[4].alias.as_deref(), Some("alias"));
    }

    #[test]
    fn garbage_is_not_a_manifest() {
        assert_eq!(parse("not json at all {{{"), Manifest::default());
        assert_eq!(parse(""), Manifest::default());
    }

    #[test]
    fn aliases_being_typed_do_not_panic() {
        for spec in ["npm:", "npm:é", "npm:@", "npm:@é@1", "npm:x"] {
            let text = format!(r#"{{"dependencies": {{"left": "{spec}"}}}}"#);
            let manifest = parse(&text);
            assert_eq!(manifest.dependencies.len(), 1, "{spec}");
        }
        let manifest = parse(r#"{"dependencies": {"left": "npm:"}}"#);
        assert_eq!(manifest.dependencies[0].name, "left");
        assert_eq!(manifest.dependencies[0].alias, None);
    }
}
