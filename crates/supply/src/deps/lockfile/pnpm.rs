//! `pnpm-lock.yaml`, lockfile versions 5, 6 and 9: the keys of the top-level `packages:` map.
//!
//! Why not a YAML crate: `serde_yaml` is archived, its forks are young or disputed, and a
//! general YAML parser is a large attack surface for four key shapes. pnpm writes this file
//! itself, always in block style with two-space indentation, so the map keys are exactly the
//! lines indented by two spaces under `packages:` and ending in `:`:
//!
//! - v5: `/name/1.2.3:`, `/@scope/name/1.2.3_peer@2.0.0:`
//! - v6: `/name@1.2.3:`, `/@scope/name@1.2.3(peer@2.0.0):`
//! - v9: `name@1.2.3:`, `'@scope/name@1.2.3':` (peers live under `snapshots:`, not read)
//!
//! Keys whose version is not a version (`github.com/...`, `name@https://...`, `file:`) are
//! packages fetched from elsewhere: kept, not checked against the registry.
//!
//! Under each key, `resolution: {integrity: ...}` is the checksum and the `dependencies:` /
//! `optionalDependencies:` blocks (`name: version`, the version perhaps with a peer suffix)
//! are the edges; v9 keeps those blocks under `snapshots:`, keyed like `packages:`.

use super::{Checksum, LockedRef, RawLocked};
use std::collections::HashMap;

#[derive(PartialEq)]
enum Section {
    Packages,
    Snapshots,
    Other,
}

pub(super) fn parse(text: &str) -> (Vec<RawLocked>, Option<String>) {
    let mut version_5 = false;
    let mut section = Section::Other;
    let mut seen_packages = false;
    let mut out: Vec<RawLocked> = Vec::new();
    // `(name, version)` → index in `out`, for v9's snapshots.
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    // The entry whose fields are being read, and whether inside its dependency block.
    let mut current: Option<usize> = None;
    let mut in_dependencies = false;
    let mut position = 0;
    for line in text.split_inclusive('\n') {
        let start = position;
        position += line.len();
        let body = line.trim_end();
        if body.is_empty() || body.trim_start().starts_with('#') {
            continue;
        }
        if !body.starts_with(' ') {
            if let Some(version) = body.strip_prefix("lockfileVersion:") {
                version_5 = version.trim().trim_matches(['\'', '"']).starts_with('5');
            }
            section = match body {
                "packages:" => Section::Packages,
                "snapshots:" => Section::Snapshots,
                _ => Section::Other,
            };
            seen_packages |= section == Section::Packages;
            current = None;
            continue;
        }
        let is_key = body.starts_with("  ") && !body[2..].starts_with(' ');
        if section == Section::Other {
            continue;
        }
        if !is_key {
            if let Some(at) = current {
                read_field(body, &mut out[at], &mut in_dependencies, version_5);
            }
            continue;
        }
        current = None;
        in_dependencies = false;
        let Some(key) = body[2..]
            .strip_suffix(':')
            .or_else(|| body[2..].strip_suffix(": {}"))
        else {
            continue;
        };
        // Every quote trimmed from the front moves the name's range (`''a@1':` is hostile, not
        // pnpm's, but its range must still be the name's).
        let quotes = key.len() - key.trim_start_matches(['\'', '"']).len();
        let key = key.trim_matches(['\'', '"']);
        let Some((name, version)) = split_key(key, version_5) else {
            continue;
        };
        if section == Section::Snapshots {
            current = index.get(&(name.to_string(), version.to_string())).copied();
            continue;
        }
        let offset = start + 2 + quotes + usize::from(key.starts_with('/'));
        index.insert((name.to_string(), version.to_string()), out.len());
        current = Some(out.len());
        out.push(RawLocked {
            registry: version.starts_with(|c: char| c.is_ascii_digit()) && !version.contains(':'),
            range: offset..offset + name.len(),
            name: name.to_string(),
            version: version.to_string(),
            ..RawLocked::default()
        });
    }
    let problem = (!seen_packages && !text.trim().is_empty() && !text.contains("importers:"))
        .then(|| "pnpm-lock.yaml has no `packages:` map".to_string());
    (out, problem)
}

/// One indented line under a package key: its integrity, or an edge of its dependency block.
fn read_field(body: &str, package: &mut RawLocked, in_dependencies: &mut bool, version_5: bool) {
    let field = body.trim_start();
    let indent = body.len() - field.len();
    if indent == 4 {
        *in_dependencies = matches!(field, "dependencies:" | "optionalDependencies:");
        if let Some(resolution) = field.strip_prefix("resolution:")
            && let Some(at) = resolution.find("integrity:")
        {
            let value = resolution[at + "integrity:".len()..]
                .trim_start()
                .split([',', '}'])
                .next()
                .unwrap_or_default();
            package.hashes = Checksum::from_integrity(value.trim().trim_matches(['\'', '"']));
        }
    } else if indent == 6
        && *in_dependencies
        && let Some((name, version)) = field.split_once(": ")
    {
        let name = name.trim_matches(['\'', '"']);
        let version = version.trim().trim_matches(['\'', '"']);
        // `1.2.3(peer@1)` (v6, v9), `1.2.3_peer@1` (v5), or a path key `/other/1.0.0`.
        let version = version.split('(').next().unwrap_or(version);
        let version = match version_5 {
            true => version.split('_').next().unwrap_or(version),
            false => version,
        };
        package.dependencies.push(LockedRef {
            name: name.to_string(),
            version: Some(version.to_string()).filter(|v| !v.is_empty()),
        });
    }
}

/// `(name, version)` of a `packages:` key.
fn split_key(key: &str, version_5: bool) -> Option<(&str, &str)> {
    let key = key.strip_prefix('/').unwrap_or(key);
    let key = key.split('(').next()?;
    if version_5 {
        let slash = key.rfind('/')?;
        let version = &key[slash + 1..];
        return Some((&key[..slash], version.split('_').next()?));
    }
    let at = key.get(1..)?.find('@')? + 1;
    Some((&key[..at], &key[at + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn got(text: &str) -> Vec<(String, String, bool)> {
        let (packages, problem) = parse(text);
        assert!(problem.is_none(), "{problem:?}");
        packages
            .into_iter()
            .map(|p| (p.name, p.version, p.registry))
            .collect()
    }

    #[test]
    fn version_9() {
        let text = "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      lodash:\n        specifier: ^4.17.21\n        version: 4.17.21\n\npackages:\n\n  '@babel/core@7.24.0':\n    resolution: {integrity: sha512-x}\n\n  lodash@4.17.21:\n    resolution: {integrity: sha512-y}\n\n  tool@https://codeload.example.invalid/tool/tar.gz/abc:\n    resolution: {tarball: https://codeload.example.invalid/tool/tar.gz/abc}\n\nsnapshots:\n\n  lodash@4.17.21: {}\n";
        assert_eq!(
            got(text),
            [
                ("@babel/core".into(), "7.24.0".into(), true),
                ("lodash".into(), "4.17.21".into(), true),
                (
                    "tool".into(),
                    "https://codeload.example.invalid/tool/tar.gz/abc".into(),
                    false
                ),
            ]
        );
        let (packages, _) = parse(text);
        assert_eq!(&text[packages[0].range.clone()], "@babel/core");
        assert_eq!(&text[packages[1].range.clone()], "lodash");
    }

    #[test]
    fn a_name_range_skips_every_leading_quote() {
        let text = "packages:\n\n  ''\"aé@1.0.0':\n  \"'/b@2.0.0\":\n";
        let (packages, _) = parse(text);
        assert_eq!(&text[packages[0].range.clone()], "aé");
        assert_eq!(&text[packages[1].range.clone()], "b");
    }

    #[test]
    fn integrity_and_dependencies_from_packages_and_snapshots() {
        let v9 = "lockfileVersion: '9.0'\n\npackages:\n\n  a@1.0.0:\n    resolution: {integrity: sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=}\n\n  '@s/b@2.0.0':\n    resolution: {integrity: sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=, tarball: x}\n\nsnapshots:\n\n  a@1.0.0:\n    dependencies:\n      '@s/b': 2.0.0(peer@1.0.0)\n\n  '@s/b@2.0.0': {}\n";
        let (packages, _) = parse(v9);
        assert_eq!(packages[0].hashes.len(), 1);
        assert_eq!(packages[1].hashes.len(), 1);
        assert_eq!(
            packages[0].dependencies,
            [LockedRef {
                name: "@s/b".into(),
                version: Some("2.0.0".into())
            }]
        );
        let v5 = "lockfileVersion: 5.4\n\npackages:\n\n  /a/1.0.0:\n    resolution: {integrity: sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=}\n    dependencies:\n      ms: 2.1.2_peer@1.0.0\n    dev: false\n\n  /ms/2.1.2:\n    resolution: {integrity: sha512-y}\n";
        let (packages, _) = parse(v5);
        assert_eq!(
            packages[0].dependencies,
            [LockedRef {
                name: "ms".into(),
                version: Some("2.1.2".into())
            }]
        );
        // A digest that does not decode to its algorithm's length is dropped.
        assert!(packages[1].hashes.is_empty());
    }

    #[test]
    fn versions_6_and_5() {
        let v6 = "lockfileVersion: '6.0'\n\npackages:\n\n  /@babel/core@7.24.0(supports-color@8.1.1):\n    resolution: {integrity: sha512-x}\n    dev: true\n\n  /ms@2.1.2:\n    resolution: {integrity: sha512-y}\n";
        assert_eq!(
            got(v6),
            [
                ("@babel/core".into(), "7.24.0".into(), true),
                ("ms".into(), "2.1.2".into(), true)
            ]
        );
        let (packages, _) = parse(v6);
        assert_eq!(&v6[packages[1].range.clone()], "ms");
        let v5 = "lockfileVersion: 5.4\n\npackages:\n\n  /@babel/core/7.12.3_supports-color@5.5.0:\n    resolution: {integrity: sha512-x}\n\n  /ms/2.1.2:\n    resolution: {integrity: sha512-y}\n";
        assert_eq!(
            got(v5),
            [
                ("@babel/core".into(), "7.12.3".into(), true),
                ("ms".into(), "2.1.2".into(), true)
            ]
        );
    }
}
