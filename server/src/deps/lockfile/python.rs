//! `poetry.lock` and `uv.lock`: both TOML with `[[package]]` tables of `name` and `version`.
//! Poetry marks packages not from PyPI with a `[package.source]` table; uv gives every package
//! a `source` and marks the project itself `editable` or `virtual` (left out).

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
    source: Option<toml::Table>,
}

fn read(text: &str, file_name: &str) -> Result<Vec<Package>, String> {
    toml::from_str::<File>(text)
        .map(|f| f.package)
        .map_err(|e| format!("{file_name} does not parse: {}", e.message()))
}

fn raw(package: Package, registry: bool) -> RawLocked {
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
                .filter(|p| {
                    !p.source
                        .as_ref()
                        .is_some_and(|s| s.contains_key("editable") || s.contains_key("virtual"))
                })
                .map(|p| {
                    let registry = p.source.as_ref().is_none_or(|s| s.contains_key("registry"));
                    raw(p, registry)
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

[[package]]
name = "tool"
version = "0.1.0"
source = { git = "https://example.invalid/tool#abc" }
"#;
        let (packages, problem) = parse_uv(text);
        assert!(problem.is_none());
        let got: Vec<(&str, &str, bool)> = packages
            .iter()
            .map(|p| (p.name.as_str(), p.version.as_str(), p.registry))
            .collect();
        assert_eq!(
            got,
            [("requests", "2.32.3", true), ("tool", "0.1.0", false)]
        );
        assert_eq!(&text[packages[0].range.clone()], "\"requests\"");
    }

    #[test]
    fn poetry_sources() {
        let text = "[[package]]\nname = \"flask\"\nversion = \"3.0.0\"\n\n[[package]]\nname = \"mine\"\nversion = \"1.0\"\n\n[package.source]\ntype = \"git\"\nurl = \"https://example.invalid/mine\"\n";
        let (packages, _) = parse_poetry(text);
        assert_eq!(packages.len(), 2);
        assert!(packages[0].registry && !packages[1].registry);
        assert!(parse_poetry("[[package]\n").1.is_some());
    }
}
