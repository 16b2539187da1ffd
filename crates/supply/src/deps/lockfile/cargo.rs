//! `Cargo.lock`: `[[package]]` tables with `name`, `version`, `source`, `checksum` and
//! `dependencies` (`"name"`, or `"name version"` / `"name version (source)"` when the lockfile
//! holds several versions of the name). Packages without a `source` are the workspace's own
//! crates: roots.

use super::{Checksum, HashAlgorithm, LockedRef, RawLocked};
use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    package: Vec<Package>,
}

#[derive(Deserialize)]
struct Package {
    name: Spanned<String>,
    #[serde(default)]
    version: String,
    source: Option<String>,
    checksum: Option<String>,
    #[serde(default)]
    dependencies: Vec<String>,
}

/// crates.io, as Cargo writes it for the git index and for the sparse index.
fn is_crates_io(source: &str) -> bool {
    source == "registry+https://github.com/rust-lang/crates.io-index"
        || source == "sparse+https://index.crates.io/"
}

/// `"name"`, `"name version"` or `"name version (source)"`.
fn reference(text: &str) -> LockedRef {
    let mut words = text.split_whitespace();
    LockedRef {
        name: words.next().unwrap_or_default().to_string(),
        version: words.next().map(str::to_string),
    }
}

pub(super) fn parse(text: &str) -> (Vec<RawLocked>, Option<String>) {
    let file: File = match toml::from_str(text) {
        Ok(file) => file,
        Err(e) => {
            return (
                Vec::new(),
                Some(format!("Cargo.lock does not parse: {}", e.message())),
            );
        }
    };
    let packages = file
        .package
        .into_iter()
        .map(|p| RawLocked {
            range: p.name.span(),
            name: p.name.into_inner(),
            version: p.version,
            registry: p.source.as_deref().is_some_and(is_crates_io),
            root: p.source.is_none(),
            hashes: p
                .checksum
                .and_then(|c| Checksum::from_hex(HashAlgorithm::Sha256, &c))
                .into_iter()
                .collect(),
            dependencies: p.dependencies.iter().map(|d| reference(d)).collect(),
            host: None,
        })
        .collect();
    (packages, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_dependencies_and_workspace_roots() {
        let text = r#"version = 4

[[package]]
name = "app"
version = "0.1.0"
dependencies = [
 "rand 0.8.5",
 "rand 0.9.0 (registry+https://github.com/rust-lang/crates.io-index)",
 "serde",
]

[[package]]
name = "serde"
version = "1.0.200"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "ddc6f9cc94d67c0e21aaf7eda3a010fd3af78ebf6e096aa6e2e13c79749cce4f"
"#;
        let (packages, problem) = parse(text);
        assert!(problem.is_none());
        let app = &packages[0];
        assert!(app.root && !app.registry);
        assert_eq!(
            app.dependencies,
            [
                LockedRef {
                    name: "rand".into(),
                    version: Some("0.8.5".into())
                },
                LockedRef {
                    name: "rand".into(),
                    version: Some("0.9.0".into())
                },
                LockedRef {
                    name: "serde".into(),
                    version: None
                },
            ]
        );
        let serde = &packages[1];
        assert!(!serde.root && serde.registry);
        assert_eq!(serde.hashes[0].algorithm, HashAlgorithm::Sha256);
        assert!(serde.hashes[0].hex.starts_with("ddc6f9cc"));
    }
}
