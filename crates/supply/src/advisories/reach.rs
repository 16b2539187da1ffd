//! How far the project's own code reaches a vulnerable package, read from the syntax trees
//! slopguard already builds, without building or running anything:
//!
//! - **called**: a call in a file that imports the package resolves (through the file's imports
//!   and aliases, [`crate::names`]) to a function the advisory names (`yaml.load`,
//!   `smallvec::SmallVec::insert_many`). A function named as `Type::method` (three or more
//!   segments) also matches a method call of that name (`v.insert_many(..)`) in such a file:
//!   the receiver's type is not known without type inference, so this is a likely call, said as
//!   such in the message.
//! - **imported**: some file imports the package (for PyPI, any module the distribution
//!   provides, by the embedded import map, or its own name); an import of an affected module the
//!   advisory lists is named in the message.
//! - **not-imported**: neither: the package is only a transitive dependency, or declared and
//!   unused.
//!
//! Imports come from the same extraction the registry checks use ([`crate::lang`]).

use super::Reach;
use super::osv::Advisory;
use crate::deps::{Ecosystem, canonical_name};
use crate::lang::{Language, javascript, python};
use crate::names::{NamePattern, Names};
use crate::text::{LineIndex, Span};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where the code reaches a package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub path: PathBuf,
    pub span: Span,
    /// What is there: the module imported, or the function called.
    pub what: String,
}

/// The answer for one advisory of one package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reached {
    pub reach: Reach,
    /// The import or call that reaches it (none for `not-imported`).
    pub site: Option<Site>,
    /// A method call matched by name only (see the module docs).
    pub by_method_name: bool,
    /// The import is of a module the advisory lists as affected.
    pub affected_module: bool,
}

/// One parsed code file.
struct CodeFile<'a> {
    path: &'a Path,
    text: &'a str,
    language: Language,
    tree: tree_sitter::Tree,
}

/// One import of a package: the file (an index into the code files), the module as written.
struct Import {
    file: usize,
    module: String,
    span: Span,
}

/// The imports of a project's code, by package; the files themselves for call lookups.
pub struct CodeIndex<'a> {
    files: Vec<CodeFile<'a>>,
    /// By (ecosystem, canonical package name).
    imports: HashMap<(Ecosystem, String), Vec<Import>>,
}

impl<'a> CodeIndex<'a> {
    /// Parses the code files among `files` (path, text) and indexes their imports.
    pub fn new(files: &[(&'a Path, &'a str)]) -> CodeIndex<'a> {
        let mut index = CodeIndex {
            files: Vec::new(),
            imports: HashMap::new(),
        };
        for &(path, text) in files {
            let Some(language) = Language::from_path(path) else {
                continue;
            };
            let Some(tree) = crate::analysis::parse(language, text, None) else {
                continue;
            };
            let file = index.files.len();
            for (ecosystem, package, module, span) in imports_of(language, &tree, text) {
                index
                    .imports
                    .entry((ecosystem, canonical_name(ecosystem, &package)))
                    .or_default()
                    .push(Import { file, module, span });
            }
            index.files.push(CodeFile {
                path,
                text,
                language,
                tree,
            });
        }
        index
    }

    /// How far the code reaches `advisory`'s package `name` of `ecosystem`.
    pub fn reach(&self, ecosystem: Ecosystem, name: &str, advisory: &Advisory) -> Reached {
        let Some(imports) = self
            .imports
            .get(&(ecosystem, canonical_name(ecosystem, name)))
        else {
            return Reached {
                reach: Reach::NotImported,
                site: None,
                by_method_name: false,
                affected_module: false,
            };
        };
        if !advisory.functions.is_empty() {
            let mut files: Vec<usize> = imports.iter().map(|import| import.file).collect();
            files.dedup();
            for file in files {
                if let Some((site, by_method_name)) = self.call_to(file, &advisory.functions) {
                    return Reached {
                        reach: Reach::Called,
                        site: Some(site),
                        by_method_name,
                        affected_module: false,
                    };
                }
            }
        }
        let separator = |language: Language| match language {
            Language::Rust => "::",
            _ => ".",
        };
        let in_module = |file: usize, module: &str| {
            let sep = separator(self.files[file].language);
            advisory.modules.iter().any(|affected| {
                module == affected || module.starts_with(&format!("{affected}{sep}"))
            })
        };
        let import = imports
            .iter()
            .find(|import| in_module(import.file, &import.module))
            .unwrap_or(&imports[0]);
        Reached {
            reach: Reach::Imported,
            site: Some(Site {
                path: self.files[import.file].path.to_path_buf(),
                span: import.span,
                what: import.module.clone(),
            }),
            by_method_name: false,
            affected_module: in_module(import.file, &import.module),
        }
    }

    /// The first call in `file` to one of `functions`: by resolved name, else (for a
    /// `Type::method`) by method name.
    fn call_to(&self, file: usize, functions: &[String]) -> Option<(Site, bool)> {
        let code = &self.files[file];
        let source = code.text.as_bytes();
        let names = Names::of(code.language, &code.tree, source);
        let patterns: Vec<NamePattern> = functions
            .iter()
            .map(|f| NamePattern::Exact(f.clone()))
            .collect();
        let methods: Vec<&str> = functions
            .iter()
            .filter(|f| f.split("::").count() >= 3 || f.split('.').count() >= 3)
            .filter_map(|f| f.rsplit(['.', ':']).next())
            .collect();
        let lines = LineIndex::new(code.text);
        let mut by_method = None;
        let mut cursor = code.tree.walk();
        loop {
            let node = cursor.node();
            if matches!(node.kind(), "call" | "call_expression")
                && let Some(function) = node.child_by_field_name("function")
            {
                let span = lines.span(function.start_byte(), function.end_byte());
                if names.matches(function, source, &patterns) {
                    let what = names.resolve(function, source).unwrap_or_default();
                    let site = Site {
                        path: code.path.to_path_buf(),
                        span,
                        what,
                    };
                    return Some((site, false));
                }
                let method = ["field", "attribute", "property"]
                    .iter()
                    .find_map(|field| function.child_by_field_name(field))
                    .and_then(|n| n.utf8_text(source).ok());
                if by_method.is_none()
                    && let Some(method) = method.filter(|m| methods.contains(m))
                {
                    by_method = Some(Site {
                        path: code.path.to_path_buf(),
                        span,
                        what: method.to_string(),
                    });
                }
            }
            if cursor.goto_first_child() {
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    return by_method.map(|site| (site, true));
                }
            }
        }
    }
}

/// The registry packages a file imports: (ecosystem, package, module as written, span).
fn imports_of(
    language: Language,
    tree: &tree_sitter::Tree,
    text: &str,
) -> Vec<(Ecosystem, String, String, Span)> {
    let mut out = Vec::new();
    match language {
        Language::Python => {
            for import in python::imports(tree, text) {
                let top = python::top_level(&import.module).to_string();
                for package in crate::registry::known::python_providers(&import.module)
                    .iter()
                    .map(|p| p.to_string())
                    .chain([top])
                {
                    out.push((Ecosystem::PyPI, package, import.module.clone(), import.span));
                }
            }
        }
        Language::JavaScript | Language::TypeScript | Language::Tsx => {
            for import in javascript::imports(tree, text) {
                if let Some(package) = javascript::package_name(&import.module) {
                    out.push((
                        Ecosystem::Npm,
                        package.to_string(),
                        import.module.clone(),
                        import.span,
                    ));
                }
            }
        }
        Language::Rust => {
            for import in crate::lang::rust::imports(tree, text) {
                out.push((
                    Ecosystem::Crates,
                    import.module.clone(),
                    import.module.clone(),
                    import.span,
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn advisory(functions: &[&str], modules: &[&str]) -> Advisory {
        Advisory {
            functions: functions.iter().map(|s| s.to_string()).collect(),
            modules: modules.iter().map(|s| s.to_string()).collect(),
            ..Advisory::blank()
        }
    }

    #[test]
    fn called_imported_and_not_imported() {
        let files: [(&Path, &str); 3] = [
            (
                Path::new("app.py"),
                "import os\nfrom yaml import load as l\n\nl(open('x'))\n",
            ),
            (
                Path::new("src/main.rs"),
                "use smallvec::SmallVec;\nfn main() {\n    let mut v: SmallVec<[u8; 4]> = SmallVec::new();\n    v.insert_many(0, [1]);\n}\n",
            ),
            (
                Path::new("web/a.js"),
                "const _ = require('lodash/fp');\n_.merge({}, {});\n",
            ),
        ];
        let index = CodeIndex::new(&files);
        let yaml = index.reach(Ecosystem::PyPI, "PyYAML", &advisory(&["yaml.load"], &[]));
        assert_eq!(yaml.reach, Reach::Called);
        let site = yaml.site.unwrap();
        assert_eq!((site.what.as_str(), site.span.start.line), ("yaml.load", 3));
        let unlisted = index.reach(Ecosystem::PyPI, "pyyaml", &advisory(&["yaml.dump"], &[]));
        assert_eq!(unlisted.reach, Reach::Imported);
        let smallvec = index.reach(
            Ecosystem::Crates,
            "smallvec",
            &advisory(&["smallvec::SmallVec::insert_many"], &[]),
        );
        assert_eq!(smallvec.reach, Reach::Called);
        assert!(smallvec.by_method_name);
        assert_eq!(smallvec.site.unwrap().span.start.line, 3);
        let lodash = index.reach(Ecosystem::Npm, "lodash", &advisory(&[], &["lodash/fp"]));
        assert_eq!(lodash.reach, Reach::Imported);
        assert!(lodash.affected_module);
        let absent = index.reach(Ecosystem::Npm, "minimist", &advisory(&[], &[]));
        assert_eq!(absent.reach, Reach::NotImported);
    }
}
