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

use super::RawLocked;

pub(super) fn parse(text: &str) -> (Vec<RawLocked>, Option<String>) {
    let mut version_5 = false;
    let mut in_packages = false;
    let mut seen_packages = false;
    let mut out = Vec::new();
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
            in_packages = body == "packages:";
            seen_packages |= in_packages;
            continue;
        }
        let is_key = body.starts_with("  ") && !body[2..].starts_with(' ');
        if !in_packages || !is_key {
            continue;
        }
        let Some(key) = body[2..]
            .strip_suffix(':')
            .or_else(|| body[2..].strip_suffix(": {}"))
        else {
            continue;
        };
        let quoted = key.starts_with(['\'', '"']);
        let key = key.trim_matches(['\'', '"']);
        if let Some((name, version)) = split_key(key, version_5) {
            let offset = start + 2 + usize::from(quoted) + usize::from(key.starts_with('/'));
            out.push(RawLocked {
                registry: version.starts_with(|c: char| c.is_ascii_digit())
                    && !version.contains(':'),
                range: offset..offset + name.len(),
                name: name.to_string(),
                version: version.to_string(),
                host: None,
            });
        }
    }
    let problem = (!seen_packages && !text.trim().is_empty() && !text.contains("importers:"))
        .then(|| "pnpm-lock.yaml has no `packages:` map".to_string());
    (out, problem)
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
