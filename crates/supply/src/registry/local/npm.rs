//! JavaScript and TypeScript: the packages a file's `package.json` files declare, the path
//! aliases and `baseUrl` of its `tsconfig.json`, and the scopes `.npmrc` sends to a private
//! registry.

use super::{Project, read_text};
use crate::deps::Ecosystem;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::rc::Rc;

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

impl Project<'_> {
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
}
