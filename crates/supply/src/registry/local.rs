//! What is local to the workspace and what the manifests declare, per file: the knowledge that
//! keeps a project's own modules and declared dependencies from being asked about (or worse,
//! reported) as registry packages. Manifests and directory listings are read once per run.
//!
//! This file holds what every language needs (reading inside the root, manifests, listings,
//! workspace members); `python.rs`, `npm.rs` and `rust.rs` what each ecosystem declares and
//! counts as its own.

mod npm;
mod python;
mod rust;

use super::repo_index::RepoIndex;
use crate::deps::{self, Ecosystem, Manifest, ManifestKind, canonical_name, parse_manifest};
use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

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

fn read_text(path: &Path) -> Option<String> {
    String::from_utf8(std::fs::read(path).ok()?).ok()
}
