//! Python manifests: `requirements*.txt` (PEP 508 lines; options, URLs and paths skipped,
//! `-r` includes recorded) and `pyproject.toml` (`[project]` dependencies and
//! optional-dependencies, `[dependency-groups]`, `[tool.poetry.*dependencies]`).

use super::toml_tree::{Leaf, Value, leaves};
use super::{Dependency, Ecosystem, Manifest, SourceKind, normalize_pypi};
use crate::text::LineIndex;
use std::path::PathBuf;

/// The parts of a PEP 508 requirement that slopguard needs, as byte ranges in its string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pep508 {
    pub name: (usize, usize),
    /// The version specifier (`>=1,<2`, `==1.0`), without extras and markers.
    pub specifier: Option<(usize, usize)>,
    /// `name @ https://...`: a direct reference, not a registry package.
    pub direct_url: bool,
}

/// Reads a PEP 508 requirement: `name[extras] (specifier) ; markers` or `name @ url`.
/// `None` when the string does not start with a valid distribution name.
pub fn parse_pep508(requirement: &str) -> Option<Pep508> {
    let bytes = requirement.as_bytes();
    let start = requirement.len() - requirement.trim_start().len();
    let mut end = start;
    while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || b"-_.".contains(&bytes[end]))
    {
        end += 1;
    }
    let name = &requirement[start..end];
    if name.is_empty()
        || !name.starts_with(|c: char| c.is_ascii_alphanumeric())
        || !name.ends_with(|c: char| c.is_ascii_alphanumeric())
    {
        return None;
    }
    let mut rest = end;
    let skip_space = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    rest = skip_space(rest);
    if bytes.get(rest) == Some(&b'[') {
        rest = requirement[rest..]
            .find(']')
            .map_or(bytes.len(), |i| rest + i + 1);
        rest = skip_space(rest);
    }
    // Anything but a specifier, `@`, `;` or the end means this is not a requirement (a path,
    // a sentence).
    match bytes.get(rest) {
        None | Some(b';') => {}
        Some(b'@') => {
            return Some(Pep508 {
                name: (start, end),
                specifier: None,
                direct_url: true,
            });
        }
        Some(c) if b"<>=!~(".contains(c) => {}
        _ => return None,
    }
    let marker = requirement[rest..]
        .find(';')
        .map_or(bytes.len(), |i| rest + i);
    let spec = requirement[rest..marker].trim();
    let specifier = (!spec.is_empty()).then(|| {
        let spec = spec.trim_start_matches('(').trim_end_matches(')').trim();
        let at = rest + requirement[rest..marker].find(spec).unwrap_or(0);
        (at, at + spec.len())
    });
    Some(Pep508 {
        name: (start, end),
        specifier,
        direct_url: false,
    })
}

/// `requirements.txt` and its siblings.
pub(super) fn parse_requirements(text: &str) -> Manifest {
    let index = LineIndex::new(text);
    let mut manifest = Manifest::default();
    let mut offset = 0;
    for raw_line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += raw_line.len();
        // Comments start at `#` at the line start or after whitespace; `--hash` and other
        // per-requirement options follow the requirement after whitespace.
        let mut line = raw_line
            .trim_end_matches(['\n', '\r'])
            .trim_end_matches('\\');
        if let Some(hash) = line
            .find(" #")
            .or_else(|| line.starts_with('#').then_some(0))
        {
            line = &line[..hash];
        }
        if let Some(option) = line.find(" -") {
            line = &line[..option];
        }
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if let Some(option) = trimmed.strip_prefix('-') {
            let (flag, value) = option
                .split_once([' ', '='])
                .map_or((option, ""), |(f, v)| (f, v.trim()));
            if matches!(flag, "r" | "-requirement") && !value.is_empty() {
                manifest.includes.push(PathBuf::from(value));
            }
            continue;
        }
        // `name @ url` names its package: no registry check applies, but the dependency diff
        // must see where it comes from. Bare URLs and paths name nothing.
        let named_url = parse_pep508(line).filter(|p| p.direct_url);
        if named_url.is_none()
            && (trimmed.contains("://")
                || trimmed.starts_with(['.', '/', '~'])
                || trimmed.contains('/') && !trimmed.contains('@'))
        {
            continue;
        }
        let Some(parsed) = named_url.or_else(|| parse_pep508(line)) else {
            continue;
        };
        manifest.dependencies.push(pep508_dependency(
            &index,
            line_start,
            line,
            &parsed,
            "requirements".into(),
        ));
    }
    manifest
}

/// The URL of a PEP 508 direct reference, from the text after the name (`[extra] @ url ; marker`).
fn direct_url(after_name: &str) -> String {
    let url = after_name
        .split_once('@')
        .map_or(after_name, |(_, url)| url);
    let url = url.split_once(" ;").map_or(url, |(url, _)| url);
    url.split_once(';')
        .map_or(url, |(url, _)| url)
        .trim()
        .to_string()
}

fn pep508_dependency(
    index: &LineIndex<'_>,
    base: usize,
    text: &str,
    parsed: &Pep508,
    section: String,
) -> Dependency {
    let (name_start, name_end) = parsed.name;
    Dependency {
        ecosystem: Ecosystem::PyPI,
        name: text[name_start..name_end].to_string(),
        name_span: index.span(base + name_start, base + name_end),
        alias: None,
        requirement: parsed.specifier.map(|(s, e)| text[s..e].to_string()),
        requirement_span: parsed
            .specifier
            .map(|(s, e)| index.span(base + s, base + e)),
        source: if parsed.direct_url {
            SourceKind::Url
        } else {
            SourceKind::Registry
        },
        location: parsed.direct_url.then(|| direct_url(&text[name_end..])),
        section,
    }
}

/// `pyproject.toml`.
pub(super) fn parse_pyproject(text: &str) -> Manifest {
    let index = LineIndex::new(text);
    let mut manifest = Manifest::default();
    let all = leaves(text);
    for leaf in &all {
        let names: Vec<&str> = leaf.path.iter().map(|s| s.name.as_str()).collect();
        match names.as_slice() {
            ["project", "name"] | ["tool", "poetry", "name"] => {
                if let Value::Str { value, .. } = &leaf.value {
                    manifest.package_name.get_or_insert(value.clone());
                }
            }
            ["project", "dependencies"] => {
                pep508_list(&index, leaf, "project.dependencies", &mut manifest)
            }
            ["project", "optional-dependencies", group] => pep508_list(
                &index,
                leaf,
                &format!("project.optional-dependencies.{group}"),
                &mut manifest,
            ),
            ["dependency-groups", group] => pep508_list(
                &index,
                leaf,
                &format!("dependency-groups.{group}"),
                &mut manifest,
            ),
            // uv's older dev group and PDM's groups: PEP 508 lists like the standard ones.
            ["tool", "uv", "dev-dependencies"] => {
                pep508_list(&index, leaf, "tool.uv.dev-dependencies", &mut manifest)
            }
            ["tool", "pdm", "dev-dependencies", group] => pep508_list(
                &index,
                leaf,
                &format!("tool.pdm.dev-dependencies.{group}"),
                &mut manifest,
            ),
            ["tool", "uv", "workspace", "members"] => {
                if let Value::Array(items) = &leaf.value {
                    manifest
                        .workspace_members
                        .extend(items.iter().filter_map(|item| match item {
                            Value::Str { value, .. } => Some(value.clone()),
                            _ => None,
                        }));
                }
            }
            _ => {}
        }
    }
    poetry(&index, &all, &mut manifest);
    uv_sources(&all, &mut manifest);
    manifest
}

/// `[tool.uv.sources]`: a dependency listed under `[project]` may come from the workspace, a
/// path, git, a URL or a named index rather than PyPI, which then is not asked about it.
fn uv_sources(all: &[Leaf], manifest: &mut Manifest) {
    let mut sources: Vec<(String, SourceKind, Option<String>)> = Vec::new();
    for leaf in all {
        let names: Vec<&str> = leaf.path.iter().map(|s| s.name.as_str()).collect();
        // One source per platform or marker (`x = [{ git = ... }, { path = ... }]`): the
        // inline tables inside are not read, but none of them is PyPI.
        if let ["tool", "uv", "sources", name] = names.as_slice()
            && matches!(leaf.value, Value::Array(_))
        {
            let marked = SourceKind::OtherRegistry("tool.uv.sources".into());
            sources.push((normalize_pypi(name), marked, None));
            continue;
        }
        let ["tool", "uv", "sources", name, field] = names.as_slice() else {
            continue;
        };
        let text = match &leaf.value {
            Value::Str { value, .. } => Some(value.clone()),
            _ => None,
        };
        let source = match (*field, &leaf.value) {
            ("workspace", Value::Bool(true)) => SourceKind::Workspace,
            ("path", _) => SourceKind::Path,
            ("git", _) => SourceKind::Git,
            ("url", _) => SourceKind::Url,
            ("index", Value::Str { value, .. }) => SourceKind::OtherRegistry(value.clone()),
            _ => continue,
        };
        let location = (!matches!(source, SourceKind::OtherRegistry(_)))
            .then_some(text)
            .flatten();
        sources.push((normalize_pypi(name), source, location));
    }
    for dependency in &mut manifest.dependencies {
        let name = normalize_pypi(&dependency.name);
        if dependency.source != SourceKind::Registry {
            continue;
        }
        if let Some((_, source, location)) = sources.iter().find(|(n, _, _)| *n == name) {
            dependency.source = source.clone();
            dependency.location = location.clone();
        }
    }
}

fn pep508_list(index: &LineIndex<'_>, leaf: &Leaf, section: &str, manifest: &mut Manifest) {
    let Value::Array(items) = &leaf.value else {
        return;
    };
    for item in items {
        if let Value::Str { value, start, .. } = item
            && let Some(parsed) = parse_pep508(value)
        {
            let mut dependency =
                pep508_dependency(index, *start, value, &parsed, section.to_string());
            if parsed.direct_url {
                dependency.source = SourceKind::Url;
            }
            manifest.dependencies.push(dependency);
        }
    }
}

/// `[tool.poetry.dependencies]`, `[tool.poetry.dev-dependencies]` and
/// `[tool.poetry.group.<name>.dependencies]`; `python` is the interpreter, not a package.
fn poetry(index: &LineIndex<'_>, all: &[Leaf], manifest: &mut Manifest) {
    let mut seen: Vec<(String, String, usize)> = Vec::new();
    for leaf in all {
        let names: Vec<&str> = leaf.path.iter().map(|s| s.name.as_str()).collect();
        let table_len = match names.as_slice() {
            ["tool", "poetry", "dependencies" | "dev-dependencies", ..] => 3,
            ["tool", "poetry", "group", _, "dependencies", ..] => 5,
            _ => continue,
        };
        let Some(key) = leaf.path.get(table_len) else {
            continue;
        };
        if key.name == "python" {
            continue;
        }
        let section = names[..table_len].join(".");
        let field = leaf.path.get(table_len + 1).map(|s| s.name.as_str());
        let existing = seen
            .iter()
            .find(|(s, n, _)| *s == section && *n == key.name)
            .map(|(_, _, i)| *i);
        let dependency = match existing {
            Some(i) => &mut manifest.dependencies[i],
            None => {
                seen.push((
                    section.clone(),
                    key.name.clone(),
                    manifest.dependencies.len(),
                ));
                manifest.dependencies.push(Dependency {
                    ecosystem: Ecosystem::PyPI,
                    name: key.name.clone(),
                    name_span: index.span(key.start, key.end),
                    alias: None,
                    requirement: None,
                    requirement_span: None,
                    source: SourceKind::Registry,
                    location: None,
                    section,
                });
                manifest.dependencies.last_mut().expect("just pushed")
            }
        };
        match (field, &leaf.value) {
            (None | Some("version"), Value::Str { value, start, end }) => {
                dependency.requirement = Some(value.clone());
                dependency.requirement_span = Some(index.span(*start, *end));
            }
            // Poetry's `source = "private"`: a named repository of the project's own.
            (Some("source"), Value::Str { value, .. }) if !value.eq_ignore_ascii_case("pypi") => {
                dependency.source = SourceKind::OtherRegistry(value.clone());
            }
            (Some(kind @ ("git" | "path" | "url")), value) => {
                dependency.source = match kind {
                    "git" => SourceKind::Git,
                    "path" => SourceKind::Path,
                    _ => SourceKind::Url,
                };
                if let Value::Str { value, .. } = value {
                    dependency.location = Some(value.clone());
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(manifest: &Manifest, text: &str) -> Vec<(String, Option<String>)> {
        manifest
            .dependencies
            .iter()
            .map(|d| {
                assert_eq!(&text[d.name_span.start_byte..d.name_span.end_byte], d.name);
                (d.name.clone(), d.requirement.clone())
            })
            .collect()
    }

    #[test]
    fn pep508_strings_are_split() {
        let r = "requests[socks] >= 2.31, <3 ; python_version > '3.8'";
        let parsed = parse_pep508(r).unwrap();
        assert_eq!(&r[parsed.name.0..parsed.name.1], "requests");
        let (s, e) = parsed.specifier.unwrap();
        assert_eq!(&r[s..e], ">= 2.31, <3");
        assert!(
            parse_pep508("pkg @ https://x.invalid/p.whl")
                .unwrap()
                .direct_url
        );
        assert!(parse_pep508("./local/path").is_none());
        assert!(parse_pep508("not a requirement").is_none());
    }

    #[test]
    fn requirements_files_skip_options_bare_urls_and_paths() {
        let text = "# pinned\nrequests==2.31.0  # http\n-r base.txt\n--requirement=dev.txt\n\
                    -e ./editable\n--index-url https://mirror.invalid/simple\n\
                    https://x.invalid/p.whl\n./local\nflask[async]>=3 --hash=sha256:abc\n\
                    pkg @ git+https://x.invalid/r.git\nNumPy\n";
        let manifest = parse_requirements(text);
        assert_eq!(
            names(&manifest, text),
            [
                ("requests".into(), Some("==2.31.0".into())),
                ("flask".into(), Some(">=3".into())),
                ("pkg".into(), None),
                ("NumPy".into(), None),
            ]
        );
        // A named direct reference is a dependency from a URL, never looked up in a registry.
        let named = &manifest.dependencies[2];
        assert_eq!(named.source, SourceKind::Url);
        assert_eq!(
            named.location.as_deref(),
            Some("git+https://x.invalid/r.git")
        );
        assert_eq!(
            manifest.includes,
            [PathBuf::from("base.txt"), PathBuf::from("dev.txt")]
        );
        assert_eq!(manifest.dependencies[0].pinned_version(), Some("2.31.0"));
    }

    #[test]
    fn pyproject_tables_are_read() {
        let text = r#"
[project]
name = "demo"
dependencies = ["httpx>=0.27", "PyYAML"]
[project.optional-dependencies]
test = ["pytest==8.2.0"]
[dependency-groups]
lint = ["ruff", {include-group = "test"}]
[tool.poetry.dependencies]
python = "^3.11"
rich = "^13"
local = { path = "../local" }
[tool.poetry.group.dev.dependencies]
black = { version = "^24" }
"#;
        let manifest = parse_pyproject(text);
        assert_eq!(manifest.package_name.as_deref(), Some("demo"));
        assert_eq!(
            names(&manifest, text),
            [
                ("httpx".into(), Some(">=0.27".into())),
                ("PyYAML".into(), None),
                ("pytest".into(), Some("==8.2.0".into())),
                ("ruff".into(), None),
                ("rich".into(), Some("^13".into())),
                ("local".into(), None),
                ("black".into(), Some("^24".into())),
            ]
        );
        assert_eq!(manifest.dependencies[5].source, SourceKind::Path);
    }

    #[test]
    fn uv_and_poetry_sources_are_not_pypi() {
        let text = r#"
[project]
name = "app"
dependencies = ["acme-shared", "acme-forked", "acme-internal", "Acme.Vendored", "acme-split", "httpx"]
[tool.uv.sources]
acme-shared = { workspace = true }
acme-forked = { git = "https://example.invalid/acme-forked", tag = "v1" }
acme-internal = { index = "corp" }
acme-vendored = { path = "vendor/acme" }
acme-split = [{ git = "https://example.invalid/split", marker = "sys_platform == 'linux'" }, { path = "vendor/split" }]
[tool.uv.workspace]
members = ["packages/*"]
[tool.uv]
dev-dependencies = ["acme-uv-dev"]
[tool.pdm.dev-dependencies]
lint = ["acme-pdm-lint>=1"]
[tool.poetry.dependencies]
acme-private = { version = "^1", source = "corp" }
acme-public = { version = "^1", source = "PyPI" }
"#;
        let manifest = parse_pyproject(text);
        let sources: Vec<(&str, &SourceKind, Option<&str>)> = manifest
            .dependencies
            .iter()
            .map(|d| (d.name.as_str(), &d.source, d.location.as_deref()))
            .collect();
        let corp = SourceKind::OtherRegistry("corp".into());
        assert_eq!(
            sources,
            [
                ("acme-shared", &SourceKind::Workspace, None),
                (
                    "acme-forked",
                    &SourceKind::Git,
                    Some("https://example.invalid/acme-forked")
                ),
                ("acme-internal", &corp, None),
                ("Acme.Vendored", &SourceKind::Path, Some("vendor/acme")),
                (
                    "acme-split",
                    &SourceKind::OtherRegistry("tool.uv.sources".into()),
                    None
                ),
                ("httpx", &SourceKind::Registry, None),
                ("acme-uv-dev", &SourceKind::Registry, None),
                ("acme-pdm-lint", &SourceKind::Registry, None),
                ("acme-private", &corp, None),
                ("acme-public", &SourceKind::Registry, None),
            ]
        );
        assert_eq!(manifest.workspace_members, ["packages/*"]);
    }
}
