//! Rust: the names a file of a crate may use without a dependency (its own modules, the
//! workspace's crates, what `Cargo.toml` declares).

use super::Project;
use crate::deps::{Ecosystem, canonical_name};
use std::collections::HashSet;
use std::path::Path;
use std::rc::Rc;
use std::sync::OnceLock;

/// The most `.rs` files read to learn a crate's module names.
const MAX_CRATE_FILES: usize = 5000;

impl Project<'_> {
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
