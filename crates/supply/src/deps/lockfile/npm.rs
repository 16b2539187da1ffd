//! `package-lock.json` (and `npm-shrinkwrap.json`) versions 2 and 3: the `packages` map, keyed
//! by install path (`node_modules/a/node_modules/@s/b`). Version 1 (npm 6 and older) has only
//! the nested `dependencies` tree and is reported as a problem instead of being half read.
//!
//! An entry's `dependencies` (and `optionalDependencies`, `peerDependencies`) name packages;
//! which copy each one means follows Node's resolution: the closest `node_modules` folder up
//! the entry's install path that holds the name. The project (`""`) and its workspace folders
//! are roots.

use super::{Checksum, LockedRef, RawLocked};
use serde_json::Value;
use std::collections::HashMap;

pub(super) fn parse(text: &str) -> (Vec<RawLocked>, Option<String>) {
    let json: Value = match serde_json::from_str(text) {
        Ok(json) => json,
        Err(e) => {
            return (
                Vec::new(),
                Some(format!("package-lock.json does not parse: {e}")),
            );
        }
    };
    let version = json.get("lockfileVersion").and_then(Value::as_u64);
    let Some(packages) = json.get("packages").and_then(Value::as_object) else {
        let problem = match version {
            Some(1) => "package-lock.json has lockfileVersion 1, which is not read: regenerate it with npm 7 or later".to_string(),
            _ => "package-lock.json has no `packages` map".to_string(),
        };
        return (Vec::new(), Some(problem));
    };
    let offsets = key_offsets(text);
    let mut out = Vec::new();
    for (key, entry) in packages {
        // Links point at workspace folders, which are listed under their own keys.
        if entry.get("link").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        let dependencies = dependencies(packages, key, entry);
        // "" is the project; keys without node_modules/ are workspace folders.
        let Some(at) = key.rfind("node_modules/") else {
            out.push(RawLocked {
                name: entry
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or(if key.is_empty() { "" } else { key })
                    .to_string(),
                version: string(entry, "version").to_string(),
                dependencies,
                root: true,
                ..RawLocked::default()
            });
            continue;
        };
        let path_name = &key[at + "node_modules/".len()..];
        let name = entry
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or(path_name);
        let version = entry
            .get("version")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let resolved = entry
            .get("resolved")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let registry = version.starts_with(|c: char| c.is_ascii_digit())
            && !["git", "file:", "link:"]
                .iter()
                .any(|p| resolved.starts_with(p));
        let start = offsets.get(key.as_str()).copied().unwrap_or(0);
        out.push(RawLocked {
            name: name.to_string(),
            version: version.to_string(),
            range: start..start + if start == 0 { 0 } else { key.len() + 2 },
            registry,
            host: super::url_host(resolved),
            hashes: Checksum::from_integrity(string(entry, "integrity")),
            dependencies,
            root: false,
        });
    }
    (out, None)
}

fn string<'a>(entry: &'a Value, key: &str) -> &'a str {
    entry.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// What the entry at install path `key` depends on, each resolved the way Node does: the
/// closest `node_modules/<name>` up the path. Optional and peer dependencies that are not
/// installed are left out.
fn dependencies(
    packages: &serde_json::Map<String, Value>,
    key: &str,
    entry: &Value,
) -> Vec<LockedRef> {
    let mut out = Vec::new();
    for field in ["dependencies", "optionalDependencies", "peerDependencies"] {
        let Some(names) = entry.get(field).and_then(Value::as_object) else {
            continue;
        };
        for name in names.keys() {
            let found = resolve(packages, key, name);
            if found.is_none() && field != "dependencies" {
                continue;
            }
            let version = found
                .map(|target| string(target, "version"))
                .filter(|v| !v.is_empty())
                .map(str::to_string);
            // An alias (`"x": "npm:real@1"`) installs the real package under the alias.
            let real = found
                .and_then(|target| target.get("name").and_then(Value::as_str))
                .unwrap_or(name);
            let reference = LockedRef {
                name: real.to_string(),
                version,
            };
            if !out.contains(&reference) {
                out.push(reference);
            }
        }
    }
    out
}

/// The entry `name` resolves to from install path `from`; links followed to their target.
fn resolve<'a>(
    packages: &'a serde_json::Map<String, Value>,
    from: &str,
    name: &str,
) -> Option<&'a Value> {
    let mut base = from.to_string();
    loop {
        let candidate = if base.is_empty() {
            format!("node_modules/{name}")
        } else {
            format!("{base}/node_modules/{name}")
        };
        if let Some(found) = packages.get(&candidate) {
            return match found.get("resolved").and_then(Value::as_str) {
                Some(target) if found.get("link").and_then(Value::as_bool) == Some(true) => {
                    packages.get(target)
                }
                _ => Some(found),
            };
        }
        if base.is_empty() {
            return None;
        }
        // Up one level: drop the last `node_modules/<name>` (or the workspace folder).
        base = match base.rfind("/node_modules/") {
            Some(at) => base[..at].to_string(),
            None => String::new(),
        };
    }
}

/// Where each `"node_modules/...": {` key starts. npm writes one key per line, so a line scan
/// finds them without a second JSON parse that keeps positions.
fn key_offsets(text: &str) -> HashMap<&str, usize> {
    let mut offsets = HashMap::new();
    let mut position = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix('"')
            && let Some(end) = rest.find('"')
            && rest[..end].contains("node_modules/")
            && rest[end + 1..].trim_start().starts_with(':')
        {
            let start = position + (line.len() - trimmed.len());
            offsets.entry(&rest[..end]).or_insert(start);
        }
        position += line.len();
    }
    offsets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v3_packages_with_aliases_links_and_git() {
        let text = r#"{
  "name": "demo",
  "lockfileVersion": 3,
  "packages": {
    "": { "name": "demo", "dependencies": { "a": "^1.0.0" } },
    "node_modules/a": { "version": "1.0.0", "resolved": "https://registry.npmjs.org/a/-/a-1.0.0.tgz" },
    "node_modules/a/node_modules/@s/b": { "version": "2.0.0" },
    "node_modules/alias": { "name": "real", "version": "3.0.0" },
    "node_modules/g": { "version": "1.0.0", "resolved": "git+ssh://git@example.invalid/g.git#abc" },
    "node_modules/ws": { "resolved": "packages/ws", "link": true },
    "packages/ws": { "name": "ws", "version": "0.0.1" }
  }
}"#;
        let (packages, problem) = parse(text);
        assert!(problem.is_none());
        let mut got: Vec<(String, String, bool)> = packages
            .iter()
            .filter(|p| !p.root)
            .map(|p| (p.name.clone(), p.version.clone(), p.registry))
            .collect();
        got.sort();
        assert_eq!(
            got,
            [
                ("@s/b".into(), "2.0.0".into(), true),
                ("a".into(), "1.0.0".into(), true),
                ("g".into(), "1.0.0".into(), false),
                ("real".into(), "3.0.0".into(), true),
            ]
        );
        let b = packages.iter().find(|p| p.name == "@s/b").unwrap();
        assert_eq!(
            &text[b.range.clone()],
            "\"node_modules/a/node_modules/@s/b\""
        );
    }

    #[test]
    fn dependencies_resolve_up_the_install_path() {
        let text = r#"{
  "lockfileVersion": 3,
  "packages": {
    "": { "name": "demo", "dependencies": { "a": "^1", "ws": "*" }, "optionalDependencies": { "gone": "1" } },
    "node_modules/a": { "version": "1.0.0", "integrity": "sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=", "dependencies": { "b": "^2", "c": "^1" } },
    "node_modules/a/node_modules/b": { "version": "2.0.0" },
    "node_modules/b": { "version": "1.0.0", "dependencies": { "c": "^1" } },
    "node_modules/c": { "version": "1.5.0" },
    "node_modules/ws": { "resolved": "packages/ws", "link": true },
    "packages/ws": { "name": "ws", "version": "0.0.1", "dependencies": { "b": "^1" } }
  }
}"#;
        let (packages, _) = parse(text);
        let deps = |name: &str| -> Vec<(String, Option<String>)> {
            packages
                .iter()
                .find(|p| p.name == name)
                .unwrap()
                .dependencies
                .iter()
                .map(|d| (d.name.clone(), d.version.clone()))
                .collect()
        };
        let v = |s: &str| Some(s.to_string());
        assert_eq!(
            deps("demo"),
            [("a".into(), v("1.0.0")), ("ws".into(), v("0.0.1"))]
        );
        assert_eq!(
            deps("a"),
            [("b".into(), v("2.0.0")), ("c".into(), v("1.5.0"))]
        );
        assert_eq!(deps("ws"), [("b".into(), v("1.0.0"))]);
        let roots: Vec<&str> = packages
            .iter()
            .filter(|p| p.root)
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(roots, ["demo", "ws"]);
        let a = packages.iter().find(|p| p.name == "a").unwrap();
        assert_eq!(a.hashes.len(), 1);
    }

    #[test]
    fn version_1_and_garbage_are_problems() {
        let (packages, problem) = parse(r#"{"lockfileVersion": 1, "dependencies": {}}"#);
        assert!(packages.is_empty());
        assert!(problem.unwrap().contains("lockfileVersion 1"));
        assert!(parse("{not json").1.is_some());
    }
}
