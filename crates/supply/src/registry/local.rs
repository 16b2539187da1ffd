//! What is local to the workspace and what the manifests declare, per file: the knowledge that
//! keeps a project's own modules and declared dependencies from being asked about (or worse,
//! reported) as registry packages. Manifests and directory listings are read once per run.

use super::repo_index::RepoIndex;
use crate::deps::{self, Ecosystem, Manifest, ManifestKind, canonical_name, parse_manifest};
use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::{Arc, OnceLock};

/// The most `.rs` files read to learn a crate's module names.
const MAX_CRATE_FILES: usize = 5000;

/// One run's view of a project on disk (and of the texts given for files, which win over disk).
pub(crate) struct Project<'a> {
    root: PathBuf,
    /// The root with symlinks resolved: what every path read from disk must stay under.
    real_root: PathBuf,
    texts: HashMap<PathBuf, &'a str>,
    manifests: RefCell<HashMap<PathBuf, Option<Rc<Manifest>>>>,
    listings: RefCell<HashMap<PathBuf, Rc<Vec<String>>>>,
    crate_modules: RefCell<HashMap<PathBuf, Rc<HashSet<String>>>>,
    npmrc: RefCell<HashMap<PathBuf, Rc<HashSet<String>>>>,
    index: OnceCell<Arc<RepoIndex>>,
}

/// What is local to a project, for the dependency diff: the workspace's own packages and the
/// npm scopes of private registries, as the registry checks see them.
pub struct LocalKnowledge<'a>(Project<'a>);

impl<'a> LocalKnowledge<'a> {
    /// `texts`: files whose current text wins over the disk (absolute paths).
    pub fn new(root: &Path, texts: impl IntoIterator<Item = (PathBuf, &'a str)>) -> Self {
        LocalKnowledge(Project::new(root, texts))
    }

    /// Whether `name`, declared in the manifest `manifest`, is a package of the workspace
    /// around it (a member, or the project itself).
    pub fn is_own_package(&self, manifest: &Path, ecosystem: Ecosystem, name: &str) -> bool {
        self.0
            .workspace_packages(manifest, ecosystem)
            .contains(&canonical_name(ecosystem, name))
    }

    /// Whether `.npmrc` sends the scope of `name` to a registry of its own.
    pub fn is_private_npm(&self, file: &Path, name: &str) -> bool {
        name.starts_with('@') && self.0.npm_private_scope(file, name)
    }
}

/// The npm names a file may import without them being registry lookups.
#[derive(Default)]
pub(crate) struct NpmScope {
    pub declared: HashSet<String>,
    /// `tsconfig.json` `paths` keys (`@/*` → prefix `@/`), exact or prefix patterns.
    pub alias_prefixes: Vec<String>,
    pub alias_exact: Vec<String>,
    /// `baseUrl` directories: a bare specifier naming something inside one is local.
    pub base_dirs: Vec<PathBuf>,
}

impl<'a> Project<'a> {
    pub fn new(root: &Path, texts: impl IntoIterator<Item = (PathBuf, &'a str)>) -> Self {
        Project {
            root: root.to_path_buf(),
            real_root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
            texts: texts.into_iter().collect(),
            manifests: RefCell::default(),
            listings: RefCell::default(),
            crate_modules: RefCell::default(),
            npmrc: RefCell::default(),
            index: OnceCell::new(),
        }
    }

    /// Local code anywhere in the repository, from one walk (made on first use).
    pub fn index(&self) -> &RepoIndex {
        self.index.get_or_init(|| RepoIndex::of(&self.root))
    }

    /// A file of the project: one the caller passed, or one read from disk if it lies inside
    /// the root (a path a manifest or tsconfig names may lead anywhere; see `deps::reach`).
    fn read(&self, path: &Path) -> Option<String> {
        if let Some(text) = self.texts.get(path) {
            return Some((*text).to_string());
        }
        let deps::Reach::Inside(path) = deps::reach(&self.real_root, path) else {
            return None;
        };
        read_text(&path)
    }

    /// The manifest at `path`, parsed once.
    pub fn manifest(&self, path: &Path) -> Option<Rc<Manifest>> {
        self.manifest_as(path, ManifestKind::from_path(path)?)
    }

    /// The file at `path` read as a manifest of `kind` whatever its name (a requirements file
    /// another one includes: `-r base.in`), parsed once.
    fn manifest_as(&self, path: &Path, kind: ManifestKind) -> Option<Rc<Manifest>> {
        if let Some(known) = self.manifests.borrow().get(path) {
            return known.clone();
        }
        let parsed = self
            .read(path)
            .map(|text| Rc::new(parse_manifest(kind, &text)));
        self.manifests
            .borrow_mut()
            .insert(path.to_path_buf(), parsed.clone());
        parsed
    }

    /// The names in a directory (empty when it cannot be read).
    fn listing(&self, dir: &Path) -> Rc<Vec<String>> {
        if let Some(known) = self.listings.borrow().get(dir) {
            return known.clone();
        }
        let inside = matches!(deps::reach(&self.real_root, dir), deps::Reach::Inside(_));
        let names: Vec<String> = std::fs::read_dir(dir)
            .ok()
            .filter(|_| inside)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok()?.file_name().into_string().ok())
                    .collect()
            })
            .unwrap_or_default();
        let names = Rc::new(names);
        self.listings
            .borrow_mut()
            .insert(dir.to_path_buf(), names.clone());
        names
    }

    /// The directories from the file's own up to the project root (just the file's own when
    /// the file is outside the root).
    fn ancestors(&self, file: &Path) -> Vec<PathBuf> {
        let Some(dir) = file.parent() else {
            return Vec::new();
        };
        if !dir.starts_with(&self.root) {
            return vec![dir.to_path_buf()];
        }
        dir.ancestors()
            .take_while(|d| d.starts_with(&self.root))
            .map(Path::to_path_buf)
            .collect()
    }

    // ---- Python ----

    /// Canonical names of the distributions the Python manifests around `file` declare.
    pub fn python_declared(&self, file: &Path) -> HashSet<String> {
        let mut declared = HashSet::new();
        for dir in self.ancestors(file) {
            let mut queue: Vec<PathBuf> = self
                .listing(&dir)
                .iter()
                .filter(|n| {
                    *n == "pyproject.toml" || (n.starts_with("requirements") && n.ends_with(".txt"))
                })
                .map(|n| dir.join(n))
                .collect();
            let mut seen = HashSet::new();
            while let Some(path) = queue.pop() {
                if !seen.insert(path.clone()) || seen.len() > 64 {
                    continue;
                }
                // The queue holds manifests by name and what requirements files include, which
                // are requirements files whatever their names.
                let Some(manifest) = self
                    .manifest(&path)
                    .or_else(|| self.manifest_as(&path, ManifestKind::Requirements))
                else {
                    continue;
                };
                declared.extend(
                    manifest
                        .dependencies
                        .iter()
                        .map(|d| canonical_name(Ecosystem::PyPI, &d.name))
                        .chain(
                            // The project's own distribution is no dependency to declare.
                            manifest
                                .package_name
                                .iter()
                                .map(|n| canonical_name(Ecosystem::PyPI, n)),
                        ),
                );
                let base = path.parent().unwrap_or(&dir);
                queue.extend(manifest.includes.iter().map(|i| base.join(i)));
            }
        }
        declared
    }

    /// Whether a module the repository index found (`module`, relative to the root) is the
    /// package a Python project there publishes: it sits next to, or in the `src/` folder next
    /// to, a `pyproject.toml`, `setup.py` or `setup.cfg` (`src/click` of the project that
    /// publishes click). Its examples and tests importing it is no ambiguity.
    pub fn is_distribution_package(&self, module: &Path) -> bool {
        let Some(mut dir) = module.parent() else {
            return false;
        };
        if dir.file_name().is_some_and(|name| name == "src") {
            dir = dir.parent().unwrap_or(Path::new(""));
        }
        let listing = self.listing(&self.root.join(dir));
        ["pyproject.toml", "setup.py", "setup.cfg"]
            .iter()
            .any(|file| listing.iter().any(|name| name == file))
    }

    /// Whether a module the repository index found (relative to the root) lies inside a regular
    /// package (its folder holds `__init__.py`: `django/test/selenium.py`): importable as
    /// `package.module`, hardly as a top-level name, so a registry package of that name is no
    /// ambiguity worth a hint.
    pub fn is_package_submodule(&self, module: &Path) -> bool {
        module.parent().is_some_and(|dir| {
            !dir.as_os_str().is_empty()
                && self
                    .listing(&self.root.join(dir))
                    .iter()
                    .any(|name| name == "__init__.py")
        })
    }

    /// Whether the top-level module `name` is the project's own: a module or package next to the
    /// file, at the top of the file's package, under the root or under `root/src`.
    pub fn python_is_local(&self, file: &Path, name: &str) -> bool {
        let Some(dir) = file.parent() else {
            return false;
        };
        let mut package_top = dir;
        while package_top.join("__init__.py").is_file() {
            // The file's own package, or one it is nested in, by its name.
            if package_top.file_name().is_some_and(|n| n == name) {
                return true;
            }
            match package_top.parent() {
                Some(parent) => package_top = parent,
                None => break,
            }
        }
        if file.file_stem().is_some_and(|s| s == name) {
            return true;
        }
        // In a monorepo each Python project keeps its packages next to its own pyproject.toml
        // or setup.py (or in its `src/`), not at the repository's root.
        let project_dir = self.ancestors(file).into_iter().find(|d| {
            let listing = self.listing(d);
            ["pyproject.toml", "setup.py", "setup.cfg"]
                .iter()
                .any(|m| listing.iter().any(|n| n == m))
        });
        let project_dirs = project_dir.iter().flat_map(|d| [d.clone(), d.join("src")]);
        [dir, package_top, &self.root, &self.root.join("src")]
            .iter()
            .map(|d| d.to_path_buf())
            .chain(project_dirs)
            .any(|d| self.python_module_in(&d, name))
    }

    fn python_module_in(&self, dir: &Path, name: &str) -> bool {
        self.listing(dir).iter().any(|entry| {
            entry == name && dir.join(entry).is_dir()
                || entry.strip_prefix(name).is_some_and(|rest| {
                    rest.starts_with('.')
                        && [".py", ".pyi", ".so", ".pyd"]
                            .iter()
                            .any(|e| rest.ends_with(e))
                })
        })
    }

    // ---- JavaScript / TypeScript ----

    /// Canonical names of the packages of the workspace around the manifest `file` (its own
    /// package, and the members of any enclosing workspace of its ecosystem): a manifest that
    /// names one of them means the project's own code, whatever version it writes (`"*"`,
    /// `"^1.0.0"`, `myproj[extra]`).
    pub fn workspace_packages(&self, file: &Path, ecosystem: Ecosystem) -> HashSet<String> {
        self.workspace_package_names(file, ecosystem)
            .iter()
            .map(|n| canonical_name(ecosystem, n))
            .collect()
    }

    /// [`Self::workspace_packages`] as the manifests spell them.
    fn workspace_package_names(&self, file: &Path, ecosystem: Ecosystem) -> Vec<String> {
        let manifest_name = match ecosystem {
            Ecosystem::Npm => "package.json",
            Ecosystem::Crates => "Cargo.toml",
            Ecosystem::PyPI => "pyproject.toml",
        };
        let mut names = Vec::new();
        for dir in self.ancestors(file) {
            let Some(manifest) = self.manifest(&dir.join(manifest_name)) else {
                continue;
            };
            names.extend(manifest.package_name.clone());
            for member in expand_members(&self.real_root, &dir, &manifest.workspace_members) {
                if let Some(m) = self.manifest(&member.join(manifest_name)) {
                    names.extend(m.package_name.clone());
                }
            }
        }
        names
    }

    /// Whether `.npmrc` (next to the file or above it within the root, or the user's own)
    /// sends the scope of the npm package `name` to a registry of its own.
    pub fn npm_private_scope(&self, file: &Path, name: &str) -> bool {
        let Some((scope, _)) = name.split_once('/') else {
            return false;
        };
        // The user's file (`NPM_CONFIG_USERCONFIG`, else `~/.npmrc`) and the project's, each
        // read once per run; the project's are looked for in the directory listings first.
        let user = std::env::var_os("NPM_CONFIG_USERCONFIG")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".npmrc")));
        let project = self
            .ancestors(file)
            .into_iter()
            .filter(|dir| self.listing(dir).iter().any(|n| n == ".npmrc"))
            .map(|dir| dir.join(".npmrc"));
        project
            .map(|npmrc| (npmrc, false))
            .chain(user.map(|npmrc| (npmrc, true)))
            .any(|(npmrc, users)| self.npmrc_scopes(&npmrc, users).contains(scope))
    }

    /// The scopes an `.npmrc` gives a registry of their own (`@corp:registry=https://...`).
    fn npmrc_scopes(&self, path: &Path, users: bool) -> Rc<HashSet<String>> {
        if let Some(known) = self.npmrc.borrow().get(path) {
            return known.clone();
        }
        // The user's own file is theirs to put anywhere; the project's must be inside it.
        let text = if users {
            read_text(path)
        } else {
            self.read(path)
        };
        let scopes: HashSet<String> = text
            .unwrap_or_default()
            .lines()
            .filter_map(|line| {
                let (key, value) = line.split_once('=')?;
                let scope = key.trim().strip_suffix(":registry")?;
                (scope.starts_with('@') && !value.trim().is_empty()).then(|| scope.to_string())
            })
            .collect();
        let scopes = Rc::new(scopes);
        self.npmrc
            .borrow_mut()
            .insert(path.to_path_buf(), scopes.clone());
        scopes
    }

    pub fn npm_scope(&self, file: &Path) -> NpmScope {
        let mut scope = NpmScope::default();
        for dir in self.ancestors(file) {
            if let Some(manifest) = self.manifest(&dir.join("package.json")) {
                scope.declared.extend(
                    manifest
                        .dependencies
                        .iter()
                        .flat_map(|d| [Some(d.name.clone()), d.alias.clone()])
                        .flatten(),
                );
            }
            // The configs here and those they extend or reference, by relative path (a
            // package's shared config, `@tsconfig/node20`, sets no aliases of this project).
            let mut queue: Vec<PathBuf> = ["tsconfig.json", "jsconfig.json"]
                .iter()
                .map(|c| dir.join(c))
                .collect();
            let mut seen = HashSet::new();
            while let Some(path) = queue.pop() {
                if seen.len() >= 16 || !seen.insert(path.clone()) {
                    continue;
                }
                let Some(text) = self.read(&path) else {
                    continue;
                };
                let here = path.parent().unwrap_or(&dir).to_path_buf();
                let config = tsconfig_aliases(&text);
                for key in config.paths {
                    match key.strip_suffix('*') {
                        Some(prefix) => scope.alias_prefixes.push(prefix.to_string()),
                        None => scope.alias_exact.push(key),
                    }
                }
                if let Some(base) = config.base_url {
                    scope.base_dirs.push(here.join(base));
                }
                for other in config.others.iter().filter(|o| o.starts_with('.')) {
                    let target = here.join(other);
                    queue.push(if target.extension().is_some_and(|e| e == "json") {
                        target
                    } else if target.is_dir() {
                        target.join("tsconfig.json")
                    } else {
                        PathBuf::from(format!("{}.json", target.display()))
                    });
                }
            }
        }
        scope
            .declared
            .extend(self.workspace_package_names(file, Ecosystem::Npm));
        scope
    }

    /// Whether a bare specifier resolves inside a `baseUrl` directory.
    pub fn npm_in_base_dir(&self, scope: &NpmScope, package: &str) -> bool {
        scope.base_dirs.iter().any(|base| {
            self.listing(base).iter().any(|entry| {
                entry == package
                    || entry
                        .strip_prefix(package)
                        .is_some_and(|r| r.starts_with('.'))
            })
        })
    }

    // ---- Rust ----

    /// Canonical names a Rust file may use as crates without a registry lookup: the
    /// dependencies (and renames) of its package and workspace, the package itself, workspace
    /// members, and every module declared anywhere in the crate.
    pub fn rust_known(&self, file: &Path) -> Rc<HashSet<String>> {
        let dirs = self.ancestors(file);
        let crate_dir = dirs
            .iter()
            .find(|d| {
                d.join("Cargo.toml").is_file() || self.texts.contains_key(&d.join("Cargo.toml"))
            })
            .cloned()
            .unwrap_or_else(|| file.parent().unwrap_or(Path::new(".")).to_path_buf());
        if let Some(known) = self.crate_modules.borrow().get(&crate_dir) {
            return known.clone();
        }
        let mut known = HashSet::new();
        let canonical = |n: &str| canonical_name(Ecosystem::Crates, n);
        for dir in &dirs {
            let Some(manifest) = self.manifest(&dir.join("Cargo.toml")) else {
                continue;
            };
            for dependency in &manifest.dependencies {
                known.insert(canonical(
                    dependency.alias.as_deref().unwrap_or(&dependency.name),
                ));
                let name = canonical(&dependency.name);
                // A library may be named apart from its package (`redox_syscall` builds
                // `syscall`); the index does not say, so the name without its first word counts.
                if let Some((_, rest)) = name.split_once('_') {
                    known.insert(rest.to_string());
                }
                known.insert(name);
            }
        }
        known.extend(self.workspace_packages(file, Ecosystem::Crates));
        known.extend(self.index().crate_names().cloned());
        known.extend(crate_module_names(&crate_dir));
        let known = Rc::new(known);
        self.crate_modules
            .borrow_mut()
            .insert(crate_dir, known.clone());
        known
    }
}

/// Workspace member directories: literal paths and one-level `dir/*` globs, inside `root`
/// only (a pattern such as `../../*` or `/home/*` is not followed).
fn expand_members(root: &Path, dir: &Path, patterns: &[String]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for pattern in patterns {
        match pattern
            .strip_suffix("/*")
            .or_else(|| pattern.strip_suffix("/**"))
        {
            Some(parent) => {
                let deps::Reach::Inside(parent) = deps::reach(root, &dir.join(parent)) else {
                    continue;
                };
                if let Ok(entries) = std::fs::read_dir(parent) {
                    out.extend(
                        entries
                            .filter_map(|e| Some(e.ok()?.path()))
                            .filter(|p| p.is_dir()),
                    );
                }
            }
            None => out.push(dir.join(pattern)),
        }
    }
    out
}

/// Names of modules, items and macros defined in any `.rs` file under a crate directory
/// (`target/` and hidden directories skipped). With uniform paths `use name::...` may start at any
/// of them, and modules are often declared inside macro invocations (`cfg_rt! { mod x; }`,
/// `cfg_if! { use a::b as x; }`), where the syntax tree only has tokens: so this is a scan of the
/// text, not of the tree.
fn crate_module_names(crate_dir: &Path) -> HashSet<String> {
    static DEFINITION: OnceLock<regex::Regex> = OnceLock::new();
    let definition = DEFINITION.get_or_init(|| {
        regex::Regex::new(
            r"\b(?:mod|fn|enum|struct|union|trait|type|const|static|macro_rules!|extern\s+crate\s+\w+\s+as|use\s+[\w:]+\s+as)\s+(?:r#)?([A-Za-z_][A-Za-z0-9_]*)",
        )
        .expect("valid regex")
    });
    let mut names = HashSet::new();
    let mut stack = vec![crate_dir.to_path_buf()];
    let mut files = 0;
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().to_string();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                if !name.starts_with('.') && name != "target" && name != "node_modules" {
                    stack.push(path);
                }
            } else if name.ends_with(".rs") && files < MAX_CRATE_FILES {
                files += 1;
                if let Ok(text) = std::fs::read_to_string(&path) {
                    names.extend(definition.captures_iter(&text).map(|c| c[1].to_string()));
                }
            }
        }
    }
    names
}

/// `compilerOptions.paths` keys and `compilerOptions.baseUrl` of a tsconfig/jsconfig (which
/// may hold comments and trailing commas: the tree-sitter JSON grammar reads past them).
/// What a `tsconfig.json` says about module resolution, and the other configs it builds on.
#[derive(Default)]
struct TsConfig {
    paths: Vec<String>,
    base_url: Option<String>,
    /// `extends` (a string or, since TypeScript 5.0, a list) and `references[].path`.
    others: Vec<String>,
}

fn tsconfig_aliases(text: &str) -> TsConfig {
    let mut parser = tree_sitter::Parser::new();
    let mut config = TsConfig::default();
    if parser
        .set_language(&tree_sitter_json::LANGUAGE.into())
        .is_err()
    {
        return config;
    }
    let Some(tree) = parser.parse(text, None) else {
        return config;
    };
    let (paths, base_url, others) = (&mut config.paths, &mut config.base_url, &mut config.others);
    let unquote = |node: tree_sitter::Node<'_>| {
        text.get(node.start_byte() + 1..node.end_byte().saturating_sub(1))
            .map(str::to_string)
    };
    crate::lang::walk_tree(&tree, |node| {
        if node.kind() != "pair" {
            return;
        }
        let (Some(key), Some(value)) = (
            node.child_by_field_name("key"),
            node.child_by_field_name("value"),
        ) else {
            return;
        };
        match unquote(key).as_deref() {
            Some("paths") if value.kind() == "object" => {
                let mut cursor = value.walk();
                for pair in value
                    .named_children(&mut cursor)
                    .filter(|p| p.kind() == "pair")
                {
                    if let Some(k) = pair.child_by_field_name("key").and_then(unquote) {
                        paths.push(k);
                    }
                }
            }
            Some("baseUrl") if value.kind() == "string" => *base_url = unquote(value),
            Some("extends") if value.kind() == "string" => others.extend(unquote(value)),
            Some("extends") if value.kind() == "array" => {
                let mut cursor = value.walk();
                others.extend(
                    value
                        .named_children(&mut cursor)
                        .filter(|v| v.kind() == "string")
                        .filter_map(unquote),
                );
            }
            // `references: [{"path": "./tsconfig.app.json"}]` (Vite's and Nx's layouts keep
            // their aliases there).
            Some("path") if value.kind() == "string" && in_references(node, text) => {
                others.extend(unquote(value));
            }
            _ => {}
        }
    });
    config
}

/// Whether a `"path"` pair sits in an object of the top-level `references` list.
fn in_references(pair: tree_sitter::Node<'_>, text: &str) -> bool {
    let list = pair.parent().and_then(|object| object.parent());
    let owner = list.and_then(|l| l.parent()).filter(|p| p.kind() == "pair");
    owner
        .and_then(|p| p.child_by_field_name("key"))
        .is_some_and(|k| text.get(k.start_byte()..k.end_byte()) == Some("\"references\""))
}

fn read_text(path: &Path) -> Option<String> {
    String::from_utf8(std::fs::read(path).ok()?).ok()
}
