//! Python: what the manifests of a file's project declare, and which imported names are the
//! project's own modules or packages.

use super::Project;
use crate::deps::{Ecosystem, ManifestKind, canonical_name};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

impl Project<'_> {
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
}
