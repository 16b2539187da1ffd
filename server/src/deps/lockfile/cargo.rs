//! `Cargo.lock`: `[[package]]` tables with `name`, `version` and `source`. Packages without a
//! `source` are the workspace's own crates and are left out.

use super::RawLocked;
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
}

/// crates.io, as Cargo writes it for the git index and for the sparse index.
fn is_crates_io(source: &str) -> bool {
    source == "registry+https://github.com/rust-lang/crates.io-index"
        || source == "sparse+https://index.crates.io/"
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
        .filter_map(|p| {
            let source = p.source?;
            Some(RawLocked {
                range: p.name.span(),
                name: p.name.into_inner(),
                version: p.version,
                registry: is_crates_io(&source),
                host: None,
            })
        })
        .collect();
    (packages, None)
}
