//! `yarn.lock`: classic v1 (`name@range, name@range2:` headers, then `  version "1.2.3"`) and
//! Berry (`"name@npm:range":` headers, then `  version: 1.2.3`), which share the shape of a
//! header line at column 0 followed by indented fields. Aliases (`alias@npm:real@^1`) name the
//! real package; workspace, patch, link and portal entries are the project's own and left out.
//!
//! An entry's `dependencies:` / `optionalDependencies:` block lists `name range` pairs (v1:
//! `name "^1.0.0"`, Berry: `name: "npm:^1.0.0"`); each resolves to the entry whose header
//! lists the specifier `name@range`. v1's `integrity` is kept; Berry's `checksum` is a hash of
//! yarn's own zip archive, not of the published tarball, and is not.

use super::{Checksum, LockedRef, RawLocked};
use std::collections::HashMap;

/// Protocols whose entries are not registry packages at all (left out).
const LOCAL: [&str; 5] = ["workspace:", "patch:", "link:", "portal:", "file:"];
/// Protocols of packages fetched from elsewhere than the registry (kept, not checked).
const ELSEWHERE: [&str; 5] = ["git", "github:", "http:", "https:", "exec:"];

/// An entry being read: the package, its header's specifiers and its dependency pairs.
struct Entry {
    package: RawLocked,
    specifiers: Vec<String>,
    dependencies: Vec<(String, String)>,
}

pub(super) fn parse(text: &str) -> (Vec<RawLocked>, Option<String>) {
    let mut entries: Vec<Entry> = Vec::new();
    let mut current: Option<Entry> = None;
    let mut in_dependencies = false;
    let mut position = 0;
    for line in text.split_inclusive('\n') {
        let start = position;
        position += line.len();
        let body = line.trim_end();
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        if !body.starts_with(' ') {
            entries.extend(current.take().filter(|e| !e.package.version.is_empty()));
            if let Some(header) = body.strip_suffix(':') {
                current = entry(header, start).map(|package| Entry {
                    package,
                    specifiers: specifiers(header),
                    dependencies: Vec::new(),
                });
            }
            continue;
        }
        let field = body.trim_start();
        let indent = body.len() - field.len();
        if indent == 2 {
            in_dependencies = matches!(field, "dependencies:" | "optionalDependencies:");
        } else if in_dependencies
            && indent == 4
            && let Some(entry) = current.as_mut()
            && let Some(pair) = dependency_pair(field)
        {
            entry.dependencies.push(pair);
            continue;
        }
        let Some(package) = current.as_mut().map(|e| &mut e.package) else {
            continue;
        };
        let value = |prefix: &str| Some(field.strip_prefix(prefix)?.trim().trim_matches('"'));
        if let Some(version) = value("version ").or_else(|| value("version: ")) {
            package.version = version.to_string();
        } else if let Some(resolved) = value("resolved ") {
            package.host = super::url_host(resolved);
        } else if let Some(integrity) = value("integrity ") {
            package.hashes = Checksum::from_integrity(integrity);
        }
    }
    entries.extend(current.filter(|e| !e.package.version.is_empty()));
    let by_specifier: HashMap<&str, (&str, &str)> = entries
        .iter()
        .flat_map(|e| {
            e.specifiers.iter().map(move |s| {
                (
                    s.as_str(),
                    (e.package.name.as_str(), e.package.version.as_str()),
                )
            })
        })
        .collect();
    let resolved: Vec<Vec<LockedRef>> = entries
        .iter()
        .map(|e| {
            e.dependencies
                .iter()
                .map(|(name, range)| {
                    let target = by_specifier
                        .get(format!("{name}@{range}").as_str())
                        .or_else(|| by_specifier.get(format!("{name}@npm:{range}").as_str()));
                    LockedRef {
                        name: target.map_or(name.as_str(), |t| t.0).to_string(),
                        version: target.map(|t| t.1.to_string()),
                    }
                })
                .collect()
        })
        .collect();
    let out = entries
        .into_iter()
        .zip(resolved)
        .map(|(entry, dependencies)| RawLocked {
            dependencies,
            ..entry.package
        })
        .collect();
    (out, None)
}

/// Every specifier of a header line, unquoted (`a@^1, "a@^1.2"` → `a@^1`, `a@^1.2`).
fn specifiers(header: &str) -> Vec<String> {
    header
        .split(", ")
        .map(|s| s.trim().trim_matches('"').to_string())
        .collect()
}

/// A line of a dependencies block: `name "range"` (v1) or `name: "npm:range"` (Berry), the
/// name perhaps quoted (`"@scope/name"`).
fn dependency_pair(field: &str) -> Option<(String, String)> {
    let (name, range) = if let Some(rest) = field.strip_prefix('"') {
        let end = rest.find('"')?;
        (&rest[..end], rest[end + 1..].trim_start_matches(':'))
    } else {
        let end = field.find([' ', ':'])?;
        (&field[..end], field[end..].trim_start_matches(':'))
    };
    let range = range.trim().trim_matches('"');
    (!name.is_empty() && !range.is_empty()).then(|| (name.to_string(), range.to_string()))
}

/// The package a header line declares, from its first specifier.
fn entry(header: &str, start: usize) -> Option<RawLocked> {
    if header == "__metadata" {
        return None;
    }
    let first = header.split(", ").next()?.trim().trim_matches('"');
    let at = first.get(1..)?.find('@')? + 1;
    let (name, range) = (&first[..at], &first[at + 1..]);
    if LOCAL.iter().any(|p| range.starts_with(p)) {
        return None;
    }
    let mut real = name;
    let mut registry = !ELSEWHERE.iter().any(|p| range.starts_with(p)) && !range.contains("://");
    if let Some(target) = range.strip_prefix("npm:") {
        // `npm:real@^1` (an alias) or Berry's `npm:^1` (the name itself).
        if let Some(at) = target.get(1..).and_then(|t| t.find('@')).map(|i| i + 1)
            && !target.starts_with(|c: char| c.is_ascii_digit() || "^~<>=*".contains(c))
        {
            real = &target[..at];
        }
        registry = true;
    }
    let offset = header.find(first).unwrap_or(0);
    Some(RawLocked {
        name: real.to_string(),
        range: start + offset..start + offset + name.len(),
        registry,
        ..RawLocked::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn got(text: &str) -> Vec<(String, String, bool)> {
        parse(text)
            .0
            .into_iter()
            .map(|p| (p.name, p.version, p.registry))
            .collect()
    }

    #[test]
    fn classic_v1() {
        let text = "# THIS IS AN AUTOGENERATED FILE.\n# yarn lockfile v1\n\n\n\"@babel/code-frame@^7.0.0\", \"@babel/code-frame@^7.10.4\":\n  version \"7.12.13\"\n  resolved \"https://registry.yarnpkg.com/x.tgz\"\n  dependencies:\n    \"@babel/highlight\" \"^7.12.13\"\n\nlodash@^4.17.21:\n  version \"4.17.21\"\n\nmy-alias@npm:real-pkg@^2.0.0:\n  version \"2.1.0\"\n\ntool@git+https://example.invalid/tool.git#abc:\n  version \"0.1.0\"\n";
        assert_eq!(
            got(text),
            [
                ("@babel/code-frame".into(), "7.12.13".into(), true),
                ("lodash".into(), "4.17.21".into(), true),
                ("real-pkg".into(), "2.1.0".into(), true),
                ("tool".into(), "0.1.0".into(), false),
            ]
        );
        let (packages, _) = parse(text);
        assert_eq!(&text[packages[1].range.clone()], "lodash");
        assert_eq!(&text[packages[0].range.clone()], "@babel/code-frame");
    }

    #[test]
    fn dependencies_resolve_through_specifiers() {
        let v1 = "a@^1.0.0:\n  version \"1.2.0\"\n  integrity sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=\n  dependencies:\n    \"@s/b\" \"^2.0.0\"\n    c \"~1.0.0\"\n\n\"@s/b@^2.0.0\", \"@s/b@^2.1.0\":\n  version \"2.1.3\"\n";
        let (packages, _) = parse(v1);
        let a = &packages[0];
        assert_eq!(a.hashes.len(), 1);
        assert_eq!(
            a.dependencies,
            [
                LockedRef {
                    name: "@s/b".into(),
                    version: Some("2.1.3".into())
                },
                // Not in the lockfile: named, version unknown.
                LockedRef {
                    name: "c".into(),
                    version: None
                },
            ]
        );
        let berry = "\"a@npm:^1.0.0\":\n  version: 1.2.0\n  dependencies:\n    b: \"npm:^2.0.0\"\n  checksum: 10c0/abc\n\n\"b@npm:^2.0.0\":\n  version: 2.0.1\n";
        let (packages, _) = parse(berry);
        assert!(packages[0].hashes.is_empty());
        assert_eq!(
            packages[0].dependencies,
            [LockedRef {
                name: "b".into(),
                version: Some("2.0.1".into())
            }]
        );
    }

    #[test]
    fn berry() {
        let text = "__metadata:\n  version: 8\n  cacheKey: 10c0\n\n\"demo@workspace:.\":\n  version: 0.0.0-use.local\n\n\"lodash@npm:^4.17.21\":\n  version: 4.17.21\n  resolution: \"lodash@npm:4.17.21\"\n";
        assert_eq!(got(text), [("lodash".into(), "4.17.21".into(), true)]);
    }
}
