//! `poetry.lock` and `uv.lock`: both TOML with `[[package]]` tables of `name` and `version`.
//! Poetry marks packages not from PyPI with a `[package.source]` table; uv gives every package
//! a `source` and marks the project itself `editable` or `virtual` (a root).
//!
//! Dependencies: Poetry's `[package.dependencies]` table (names; one version of each name per
//! lockfile) and uv's `dependencies = [{ name = ... }]` list (with `version` when uv locked
//! several). Checksums: the source distribution's `sha256:` hash (uv's `sdist.hash`, the
//! non-wheel entry of Poetry's `files`), since a wheel is one of many builds, not the package.

use super::{Checksum, LockedRef, RawLocked};
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
    source: Option<toml::Table>,
    /// Poetry: a table of name → constraint; uv: a list of `{ name, version?, marker? }`.
    dependencies: Option<toml::Value>,
    /// Poetry: `[{ file, hash }]`.
    #[serde(default)]
    files: Vec<toml::Table>,
    /// uv: `{ url, hash, size }`.
    sdist: Option<toml::Table>,
}

impl Package {
    fn dependencies(&self) -> Vec<LockedRef> {
        let Some(value) = &self.dependencies else {
            return Vec::new();
        };
        let mut out: Vec<LockedRef> = match value {
            toml::Value::Table(table) => table
                .keys()
                .map(|name| LockedRef {
                    name: name.clone(),
                    version: None,
                })
                .collect(),
            toml::Value::Array(items) => items
                .iter()
                .filter_map(|item| {
                    Some(LockedRef {
                        name: item.get("name")?.as_str()?.to_string(),
                        version: item
                            .get("version")
                            .and_then(|v| v.as_str())
                            .map(str::to_string),
                    })
                })
                .collect(),
            _ => Vec::new(),
        };
        // uv lists a name once per marker: one edge each.
        out.dedup();
        out
    }

    fn hashes(&self) -> Vec<Checksum> {
        let text =
            |t: &toml::Table, key: &str| t.get(key).and_then(|v| v.as_str()).map(str::to_string);
        let sdist = self
            .sdist
            .as_ref()
            .and_then(|s| text(s, "hash"))
            .or_else(|| {
                self.files
                    .iter()
                    .find(|f| text(f, "file").is_some_and(|name| !name.ends_with(".whl")))
                    .and_then(|f| text(f, "hash"))
            });
        sdist
            .and_then(|h| Checksum::from_prefixed_hex(&h))
            .into_iter()
            .collect()
    }
}

fn read(text: &str, file_name: &str) -> Result<Vec<Package>, String> {
    toml::from_str::<File>(text)
        .map(|f| f.package)
        .map_err(|e| format!("{file_name} does not parse: {}", e.message()))
}

fn raw(package: Package, registry: bool) -> RawLocked {
    let (hashes, dependencies) = (package.hashes(), package.dependencies());
    let host = package
        .source
        .as_ref()
        .and_then(|s| s.get("registry"))
        .and_then(|r| r.as_str())
        .and_then(super::url_host);
    RawLocked {
        range: package.name.span(),
        name: package.name.into_inner(),
        version: package.version,
        registry,
        host,
        hashes,
        dependencies,
        root: false,
    }
}

pub(super) fn parse_poetry(text: &str) -> (Vec<RawLocked>, Option<String>) {
    match read(text, "poetry.lock") {
        Ok(packages) => (
            packages
                .into_iter()
                .map(|p| {
                    let registry = p.source.is_none();
                    raw(p, registry)
                })
                .collect(),
            None,
        ),
        Err(problem) => (Vec::new(), Some(problem)),
    }
}

pub(super) fn parse_uv(text: &str) -> (Vec<RawLocked>, Option<String>) {
    match read(text, "uv.lock") {
        Ok(packages) => (
            packages
                .into_iter()
                .map(|p| {
                    let root = p
                        .source
                        .as_ref()
                        .is_some_and(|s| s.contains_key("editable") || s.contains_key("virtual"));
                    let registry = p.source.as_ref().is_none_or(|s| s.contains_key("registry"));
                    RawLocked {
                        root,
                        ..raw(p, registry && !root)
                    }
                })
                .collect(),
            None,
        ),
        Err(problem) => (Vec::new(), Some(problem)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uv_leaves_out_the_project_and_marks_git_sources() {
        let text = r#"version = 1
requires-python = ">=3.11"

[[package]]
name = "demo"
version = "0.1.0"
source = { editable = "." }

[[package]]
name = "requests"
version = "2.32.3"
source = { registry = "https://pypi.org/simple" }
dependencies = [
    { name = "idna" },
    { name = "urllib3", marker = "python_version < '3.12'" },
    { name = "urllib3" },
]
sdist = { url = "https://files.example.invalid/requests-2.32.3.tar.gz", hash = "sha256:55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaf68af20a760", size = 131218 }
wheels = [{ url = "https://files.example.invalid/requests.whl", hash = "sha256:70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6" }]

[[package]]
name = "tool"
version = "0.1.0"
source = { git = "https://example.invalid/tool#abc" }
"#;
        let (packages, problem) = parse_uv(text);
        assert!(problem.is_none());
        assert!(packages[0].root);
        let packages = &packages[1..];
        let got: Vec<(&str, &str, bool)> = packages
            .iter()
            .map(|p| (p.name.as_str(), p.version.as_str(), p.registry))
            .collect();
        assert_eq!(
            got,
            [("requests", "2.32.3", true), ("tool", "0.1.0", false)]
        );
        assert_eq!(&text[packages[0].range.clone()], "\"requests\"");
        let names: Vec<&str> = packages[0]
            .dependencies
            .iter()
            .map(|d| d.name.as_str())
            .collect();
        assert_eq!(names, ["idna", "urllib3"]);
        assert!(packages[0].hashes[0].hex.starts_with("55365417"));
    }

    #[test]
    fn poetry_sources() {
        let text = "[[package]]\nname = \"flask\"\nversion = \"3.0.0\"\nfiles = [\n    {file = \"flask-3.0.0-py3-none-any.whl\", hash = \"sha256:21128f47e4e3b9d597a3e8521a329bf56909b690fcc3fa3e477725aa81367638\"},\n    {file = \"flask-3.0.0.tar.gz\", hash = \"sha256:cfadcdb638b609361d29ec22360d6070a77d7463dcb3ab08d2c2f2f168845f58\"},\n]\n\n[package.dependencies]\nWerkzeug = \">=3.0.0\"\nclick = {version = \">=8.1.3\"}\n\n[[package]]\nname = \"mine\"\nversion = \"1.0\"\n\n[package.source]\ntype = \"git\"\nurl = \"https://example.invalid/mine\"\n";
        let (packages, _) = parse_poetry(text);
        assert_eq!(packages.len(), 2);
        assert!(packages[0].registry && !packages[1].registry);
        assert!(packages[0].hashes[0].hex.starts_with("cfadcdb6"));
        let names: Vec<&str> = packages[0]
            .dependencies
            .iter()
            .map(|d| d.name.as_str())
            .collect();
        assert_eq!(names, ["Werkzeug", "click"]);
        assert!(parse_poetry("[[package]\n").1.is_some());
    }
}
