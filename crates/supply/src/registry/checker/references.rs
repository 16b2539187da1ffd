//! From a project's files to the references to verify: every import, manifest entry and install
//! command that names a registry package, less what local knowledge explains (standard library,
//! builtins, the repository's own code, declared dependencies, private scopes).

use super::{Reference, SourceFile};
use crate::deps::{
    Ecosystem, ManifestKind, SourceKind, canonical_name, install_commands, parse_manifest,
    requirement_files,
};
use crate::lang::{Language, javascript, python};
use crate::registry::known;
use crate::registry::local::Project;
use crate::text::{LineIndex, Span};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Every registry reference in `files` that local knowledge does not explain.
pub(super) fn collect(root: &Path, files: &[SourceFile<'_>]) -> Vec<Reference> {
    let project = Project::new(root, files.iter().map(|f| (f.path.to_path_buf(), f.text)));
    let texts: Vec<(&Path, &str)> = files.iter().map(|f| (f.path, f.text)).collect();
    let requirements = requirement_files(&texts);
    let mut out = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let kind = match requirements.contains(file.path) {
            true => Some(ManifestKind::Requirements),
            false => ManifestKind::from_path(file.path),
        };
        if let Some(kind) = kind {
            let own = project.workspace_packages(file.path, kind.ecosystem());
            manifest_references(index, kind, file.text, &own, &mut out);
        } else if let Some(language) = Language::from_path(file.path) {
            import_references(index, &project, file, language, &mut out);
        } else {
            install_references(index, &project, file, &mut out);
        }
    }
    // A scope `.npmrc` sends to another registry (`@corp:registry=https://npm.corp/`) is not
    // the public registry's to answer for.
    out.retain(|r| {
        r.ecosystem != Ecosystem::Npm
            || !r.name.starts_with('@')
            || !project.npm_private_scope(files[r.file].path, &r.name)
    });
    out
}

/// The registry dependencies a manifest declares, less the workspace's own packages (`own`,
/// canonical names).
fn manifest_references(
    file: usize,
    kind: ManifestKind,
    text: &str,
    own: &HashSet<String>,
    out: &mut Vec<Reference>,
) {
    for dependency in parse_manifest(kind, text).dependencies {
        if dependency.source != SourceKind::Registry
            || own.contains(&canonical_name(dependency.ecosystem, &dependency.name))
        {
            continue;
        }
        out.push(Reference {
            file,
            ecosystem: dependency.ecosystem,
            pinned: dependency.pinned_version().map(str::to_string),
            name: dependency.name,
            written: None,
            span: dependency.name_span,
            local: None,
        });
    }
}

/// The registry packages the install commands of a README, a Dockerfile, a script... name,
/// checked like manifest entries (less the workspace's own packages, which a README installs).
fn install_references(
    file_index: usize,
    project: &Project<'_>,
    file: &SourceFile<'_>,
    out: &mut Vec<Reference>,
) {
    let mut own: HashMap<Ecosystem, HashSet<String>> = HashMap::new();
    for install in install_commands::install_names(file.path, file.text) {
        let own = own
            .entry(install.ecosystem)
            .or_insert_with(|| project.workspace_packages(file.path, install.ecosystem));
        if own.contains(&canonical_name(install.ecosystem, &install.name)) {
            continue;
        }
        out.push(Reference {
            file: file_index,
            ecosystem: install.ecosystem,
            name: install.name,
            written: None,
            span: install.span,
            pinned: install.pinned,
            local: None,
        });
    }
}

/// An import whose name says the module does not exist (`non_existent`, `DoesNotExist`,
/// `a_package_name_that_does_not_exist`, `'nonexistent-module'`): written to fail, by a test
/// of what happens when an import does. An invented name never reads like that.
fn named_to_fail(module: &str) -> bool {
    let letters: String = module
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    [
        "nonexist",
        "notexist",
        "noexist",
        "nosuchmodule",
        "nosuchpackage",
    ]
    .iter()
    .any(|word| letters.contains(word))
}

fn import_references(
    file_index: usize,
    project: &Project<'_>,
    file: &SourceFile<'_>,
    language: Language,
    out: &mut Vec<Reference>,
) {
    let Some(tree) = crate::analysis::parse(language, file.text, None) else {
        return;
    };
    let lines = LineIndex::new(file.text);
    let prefix_span = |span: Span, len: usize| lines.span(span.start_byte, span.start_byte + len);
    match language {
        Language::Python => {
            let mut declared = None;
            let mut written = None;
            for import in python::imports(&tree, file.text) {
                let top = python::top_level(&import.module);
                // `__main__`, `__pypy__`, `__builtin__`: interpreter modules, never packages.
                let dunder = top.starts_with("__") && top.ends_with("__");
                if import.guarded
                    || dunder
                    || named_to_fail(top)
                    || known::is_python_stdlib(top)
                    || project.python_is_local(file.path, top)
                {
                    continue;
                }
                // A module the file writes itself before importing it (a test's `tmp_path /
                // "app.py"`): its own code, which no walk of the repository can find.
                let written =
                    written.get_or_insert_with(|| python::written_modules(&tree, file.text));
                if written.contains(top) {
                    continue;
                }
                // Code the repository holds somewhere (a folder tests put on `sys.path`, a
                // namespace package...): not looked up, at most a hint.
                let local = project.index().python_module(top).map(Path::to_path_buf);
                if local.as_deref().is_some_and(|module| {
                    project.is_distribution_package(module) || project.is_package_submodule(module)
                }) {
                    continue;
                }
                let mapped = known::python_distribution(&import.module);
                let name = mapped.unwrap_or(top).to_string();
                let declared = declared.get_or_insert_with(|| project.python_declared(file.path));
                let is_declared = [top, name.as_str()]
                    .into_iter()
                    .chain(known::python_providers(&import.module).iter().copied())
                    .any(|n| declared.contains(&canonical_name(Ecosystem::PyPI, n)));
                if is_declared {
                    continue;
                }
                let span = match mapped {
                    Some(_) => import.span,
                    None => prefix_span(import.span, top.len()),
                };
                out.push(Reference {
                    file: file_index,
                    ecosystem: Ecosystem::PyPI,
                    written: (name != top).then(|| import.module.clone()),
                    name,
                    span,
                    pinned: None,
                    local,
                });
            }
        }
        Language::JavaScript | Language::TypeScript | Language::Tsx => {
            let mut scope = None;
            for import in javascript::imports(&tree, file.text) {
                if import.guarded
                    || named_to_fail(&import.module)
                    || known::is_node_builtin(&import.module)
                {
                    continue;
                }
                let Some(package) = javascript::package_name(&import.module) else {
                    continue;
                };
                let scope = scope.get_or_insert_with(|| project.npm_scope(file.path));
                let aliased = scope.alias_exact.contains(&import.module)
                    || scope
                        .alias_prefixes
                        .iter()
                        .any(|p| !p.is_empty() && import.module.starts_with(p.as_str()));
                let types = format!(
                    "@types/{}",
                    package.trim_start_matches('@').replace('/', "__")
                );
                if aliased
                    || scope.declared.contains(package)
                    || scope.declared.contains(&types)
                    || project.npm_in_base_dir(scope, package)
                    || project.index().is_npm_local(&import.module, package)
                {
                    continue;
                }
                out.push(Reference {
                    file: file_index,
                    ecosystem: Ecosystem::Npm,
                    name: package.to_string(),
                    written: None,
                    span: prefix_span(import.span, package.len()),
                    pinned: None,
                    local: None,
                });
            }
        }
        Language::Rust => {
            let imports = crate::lang::rust::imports(&tree, file.text);
            if imports.is_empty() {
                return;
            }
            let known = project.rust_known(file.path);
            let mut seen = HashSet::new();
            for import in imports {
                let canonical = canonical_name(Ecosystem::Crates, &import.module);
                // One reference per crate and file: `foo::` may appear hundreds of times.
                if known.contains(&canonical) || !seen.insert(canonical) {
                    continue;
                }
                out.push(Reference {
                    file: file_index,
                    ecosystem: Ecosystem::Crates,
                    name: import.module.clone(),
                    written: None,
                    span: import.span,
                    pinned: None,
                    local: None,
                });
            }
        }
    }
}
