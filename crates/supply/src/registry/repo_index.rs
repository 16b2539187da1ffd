//! Local code anywhere in the repository, from one walk per run: the names a test, a script or a
//! bundler can import from the repository itself however it gets there — a folder that tests put
//! on `sys.path`, pytest's `pythonpath`, a `src/` layout, a Django app, a namespace package, a
//! Docusaurus site's `@site/` and `@theme/`, a Vite or webpack alias, a crate whose `[lib] name`
//! differs from its package. Such a name is never looked up as a registry package: a false "this
//! package does not exist" on a maintained project is the worst error this tool can make.
//!
//! The walk honours `.gitignore`, skips hidden folders, `node_modules`, `target`, virtual
//! environments and `site-packages`, and stops after [`MAX_ENTRIES`] entries. It is kept for a
//! few seconds per root, so the editor's passes do not walk again on every pause in typing.

use crate::deps::{Ecosystem, canonical_name};
use crate::lang::Language;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The most files and folders one walk visits.
const MAX_ENTRIES: usize = 200_000;
/// The most bytes of a bundler or Cargo config read.
const MAX_CONFIG_BYTES: u64 = 256 * 1024;
/// How long a walk's result is reused for the same root.
const REUSE_FOR: Duration = Duration::from_secs(10);

/// Folders that hold installed or built code, not the repository's own.
const SKIPPED_DIRS: &[&str] = &[
    "node_modules",
    "target",
    "site-packages",
    "dist-packages",
    "__pycache__",
    "bower_components",
];

/// What the walk found.
#[derive(Debug, Default)]
pub struct RepoIndex {
    /// Python top-level names importable from some folder of the repository: `name.py`,
    /// `name/` with `__init__.py` or with Python files (a namespace package), each with the
    /// first place it was seen (relative to the root).
    python: HashMap<String, PathBuf>,
    /// Canonical crate names of every `Cargo.toml` in the repository: `[package] name` and
    /// `[lib] name`.
    crates: HashSet<String>,
    /// npm package names of every `package.json` in the repository.
    npm_packages: HashSet<String>,
    /// Module prefixes bundler configs resolve locally (`@/`, `~utils`, `@site/`...).
    npm_alias_prefixes: HashSet<String>,
}

impl RepoIndex {
    /// The index of `root`, walked at most once every [`REUSE_FOR`].
    pub fn of(root: &Path) -> Arc<RepoIndex> {
        type Reused = Mutex<HashMap<PathBuf, (Instant, Arc<RepoIndex>)>>;
        static REUSED: OnceLock<Reused> = OnceLock::new();
        let reused = REUSED.get_or_init(Reused::default);
        if let Ok(map) = reused.lock()
            && let Some((when, index)) = map.get(root)
            && when.elapsed() < REUSE_FOR
        {
            return index.clone();
        }
        let index = Arc::new(RepoIndex::walk(root));
        if let Ok(mut map) = reused.lock() {
            map.retain(|_, (when, _)| when.elapsed() < REUSE_FOR);
            map.insert(root.to_path_buf(), (Instant::now(), index.clone()));
        }
        index
    }

    /// Walks `root` once.
    pub fn walk(root: &Path) -> RepoIndex {
        let mut index = RepoIndex::default();
        let walker = ignore::WalkBuilder::new(root)
            .hidden(true)
            .parents(false)
            .git_global(false)
            .filter_entry(|entry| {
                let name = entry.file_name().to_string_lossy();
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                !(is_dir
                    && (SKIPPED_DIRS.contains(&name.as_ref())
                        || entry.path().join("pyvenv.cfg").is_file()))
            })
            .build();
        let mut python_dirs: HashSet<PathBuf> = HashSet::new();
        for entry in walker.flatten().take(MAX_ENTRIES) {
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let path = entry.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let relative = path.strip_prefix(root).unwrap_or(path);
            match name {
                "Cargo.toml" => index.crates.extend(cargo_names(path)),
                "package.json" => {
                    let (name, docusaurus) = package_json(path);
                    index.npm_packages.extend(name);
                    if docusaurus {
                        index
                            .npm_alias_prefixes
                            .extend(DOCUSAURUS_ALIASES.map(String::from));
                    }
                }
                _ if is_bundler_config(name) => {
                    index.npm_alias_prefixes.extend(bundler_aliases(path));
                }
                _ => {}
            }
            if Language::from_path(path) == Some(Language::Python) || name.ends_with(".pyi") {
                if let Some(stem) = name.split('.').next().filter(|s| is_identifier(s)) {
                    index
                        .python
                        .entry(stem.to_string())
                        .or_insert_with(|| relative.to_path_buf());
                }
                if let Some(dir) = relative.parent() {
                    python_dirs.insert(dir.to_path_buf());
                }
            }
        }
        // A folder holding Python files is a package (regular or namespace), and so is each
        // folder above it that holds one.
        for dir in python_dirs {
            for folder in dir.ancestors() {
                let Some(name) = folder.file_name().and_then(|n| n.to_str()) else {
                    break;
                };
                if is_identifier(name) {
                    index
                        .python
                        .entry(name.to_string())
                        .or_insert_with(|| folder.to_path_buf());
                }
            }
        }
        index
    }

    /// Where the repository holds a Python module or package of this top-level name.
    pub fn python_module(&self, name: &str) -> Option<&Path> {
        self.python.get(name).map(PathBuf::as_path)
    }

    /// The canonical names of the repository's crates (packages and libraries).
    pub fn crate_names(&self) -> impl Iterator<Item = &String> {
        self.crates.iter()
    }

    /// Whether an import specifier names a package of the repository or resolves through a
    /// bundler alias.
    pub fn is_npm_local(&self, specifier: &str, package: &str) -> bool {
        self.npm_packages.contains(package)
            || self.npm_alias_prefixes.iter().any(|prefix| {
                specifier == prefix.trim_end_matches('/') || specifier.starts_with(prefix.as_str())
            })
    }
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}

fn read_small(path: &Path) -> Option<String> {
    let size = std::fs::metadata(path).ok()?.len();
    (size <= MAX_CONFIG_BYTES).then(|| std::fs::read_to_string(path).ok())?
}

/// `[package] name` and `[lib] name` of a `Cargo.toml`.
fn cargo_names(path: &Path) -> Vec<String> {
    let Some(table) = read_small(path).and_then(|t| t.parse::<toml::Table>().ok()) else {
        return Vec::new();
    };
    ["package", "lib"]
        .iter()
        .filter_map(|section| table.get(*section)?.get("name")?.as_str())
        .map(|name| canonical_name(Ecosystem::Crates, name))
        .collect()
}

/// The modules a Docusaurus build provides by alias: the site's own files, the theme's
/// components, generated data, and client modules of the core.
const DOCUSAURUS_ALIASES: [&str; 6] = [
    "@site/",
    "@theme/",
    "@theme-original/",
    "@theme-init/",
    "@generated/",
    "@docusaurus/",
];

/// A `package.json`'s `name`, and whether the package is Docusaurus code (one of its own
/// `@docusaurus/*` packages, or a plugin or theme depending on its core or types), whose
/// modules import the aliases the Docusaurus build provides.
fn package_json(path: &Path) -> (Option<String>, bool) {
    let Some(json) =
        read_small(path).and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
    else {
        return (None, false);
    };
    let name = json
        .get("name")
        .and_then(|n| n.as_str())
        .map(str::to_string);
    let own = name
        .as_deref()
        .is_some_and(|n| n.starts_with("@docusaurus/"));
    let depends = ["dependencies", "peerDependencies", "devDependencies"]
        .iter()
        .filter_map(|table| json.get(*table)?.as_object())
        .any(|deps| {
            deps.contains_key("@docusaurus/core") || deps.contains_key("@docusaurus/types")
        });
    (name, own || depends)
}

fn is_bundler_config(name: &str) -> bool {
    let Some((stem, extension)) = name.rsplit_once('.') else {
        return false;
    };
    ["js", "mjs", "cjs", "ts", "mts", "cts"].contains(&extension)
        && [
            "vite.config",
            "vitest.config",
            "webpack.config",
            "rollup.config",
            "next.config",
            "docusaurus.config",
            "astro.config",
            "nuxt.config",
            "svelte.config",
        ]
        .contains(&stem)
}

/// The module prefixes a bundler config makes local: the keys of every `alias: {...}` object
/// and the `find` strings of an `alias: [{find, replacement}]` list, when they are plain
/// strings; a Docusaurus site's own aliases (`@site/`, `@theme/`, `@theme-original/`,
/// `@theme-init/`, `@generated/`, and `@docusaurus/` modules the core provides).
fn bundler_aliases(path: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with("docusaurus.config") {
        out.extend(DOCUSAURUS_ALIASES.map(String::from));
    }
    let Some(text) = read_small(path) else {
        return out;
    };
    let language = Language::from_path(path).unwrap_or(Language::JavaScript);
    let Some(tree) = crate::analysis::parse(language, &text, None) else {
        return out;
    };
    let string_text = |node: tree_sitter::Node<'_>| -> Option<String> {
        let raw = text.get(node.start_byte()..node.end_byte())?;
        match node.kind() {
            "string" => Some(raw.trim_matches(['"', '\'']).to_string()),
            "property_identifier" => Some(raw.to_string()),
            _ => None,
        }
    };
    crate::lang::walk_tree(&tree, |node| {
        if node.kind() != "pair" {
            return;
        }
        let key = node.child_by_field_name("key").and_then(string_text);
        let Some(value) = node.child_by_field_name("value") else {
            return;
        };
        match key.as_deref() {
            Some("alias") if value.kind() == "object" => {
                let mut cursor = value.walk();
                for pair in value.named_children(&mut cursor) {
                    if let Some(key) = pair.child_by_field_name("key").and_then(string_text) {
                        out.push(alias_prefix(&key));
                    }
                }
            }
            Some("find") => out.extend(string_text(value).map(|k| alias_prefix(&k))),
            _ => {}
        }
    });
    out.retain(|prefix| !prefix.is_empty() && prefix != "/");
    out
}

/// An alias key as a prefix: `@` → `@/`, `~utils` → `~utils/`, `$lib/*` → `$lib/`; an exact
/// key (`vue$`) as itself without its `$`.
fn alias_prefix(key: &str) -> String {
    if let Some(exact) = key.strip_suffix('$') {
        return exact.to_string();
    }
    let key = key.trim_end_matches('*').trim_end_matches('/');
    format!("{key}/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, files: &[(&str, &str)]) {
        for (path, text) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }

    #[test]
    fn one_walk_finds_local_code_everywhere() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            &[
                ("tests/test_apps/blueprintapp/__init__.py", ""),
                ("tests/test_apps/helpers_mod.py", ""),
                ("src/nspkg/sub/mod.py", ""),
                (
                    "crates/x/Cargo.toml",
                    "[package]\nname = \"x-pkg\"\n[lib]\nname = \"xlib\"\n",
                ),
                ("web/package.json", "{\"name\": \"@corp/web\"}"),
                (
                    "web/vite.config.ts",
                    "export default { resolve: { alias: { '@': '/src', '~utils': './u' } } }",
                ),
                ("site/docusaurus.config.js", "module.exports = {};"),
                ("node_modules/leftpad/index.py", ""),
                (".venv/pyvenv.cfg", ""),
                ("venv2/pyvenv.cfg", ""),
                ("venv2/lib/requests/__init__.py", ""),
            ],
        );
        let index = RepoIndex::walk(dir.path());
        for name in ["blueprintapp", "helpers_mod", "nspkg", "sub", "test_apps"] {
            assert!(index.python_module(name).is_some(), "{name}");
        }
        assert!(index.python_module("leftpad").is_none());
        assert!(index.python_module("requests").is_none());
        let crates: HashSet<&String> = index.crate_names().collect();
        assert!(crates.contains(&"x_pkg".to_string()) && crates.contains(&"xlib".to_string()));
        assert!(index.is_npm_local("@corp/web", "@corp/web"));
        assert!(index.is_npm_local("@/components/x", "@/components"));
        assert!(index.is_npm_local("~utils/date", "~utils/date"));
        assert!(index.is_npm_local("@site/src/css/custom.css", "@site/src"));
        assert!(index.is_npm_local("@theme/Layout", "@theme/Layout"));
        assert!(!index.is_npm_local("left-pad", "left-pad"));
    }

    #[test]
    fn docusaurus_packages_and_themes_import_its_aliases() {
        // Docusaurus's own core, and a third-party theme depending on it: no site config.
        for manifest in [
            r#"{"name": "@docusaurus/core"}"#,
            r#"{"name": "docusaurus-theme-x", "peerDependencies": {"@docusaurus/core": "^3"}}"#,
        ] {
            let dir = tempfile::tempdir().unwrap();
            write(dir.path(), &[("package/package.json", manifest)]);
            let index = RepoIndex::walk(dir.path());
            for (specifier, package) in [
                ("@generated/routes", "@generated/routes"),
                ("@theme/Layout", "@theme/Layout"),
                ("@docusaurus/router", "@docusaurus/router"),
            ] {
                assert!(
                    index.is_npm_local(specifier, package),
                    "{manifest}: {specifier}"
                );
            }
        }
        // A package that merely uses another library is not Docusaurus code.
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            &[(
                "package.json",
                r#"{"name": "app", "dependencies": {"react": "18"}}"#,
            )],
        );
        assert!(!RepoIndex::walk(dir.path()).is_npm_local("@theme/Layout", "@theme/Layout"));
    }
}
