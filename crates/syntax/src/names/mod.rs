//! Name resolution: what a name in a file refers to, as a canonical qualified name.
//!
//! Per file, the imports and simple aliases are read into a [`Names`] table; any expression that
//! names something (`md5`, `sp.run`, `cp.exec`, `Cmd::new`, `require('fs').readFile`) then
//! resolves to one spelling whatever the file wrote:
//!
//! | written | resolves to |
//! | --- | --- |
//! | `from hashlib import md5 as h` … `h(x)` | `hashlib.md5` |
//! | `import subprocess as sp` … `sp.run` | `subprocess.run` |
//! | `const cp = require('child_process')` … `cp.exec` | `child_process.exec` |
//! | `const { exec: run } = require('node:child_process')` … `run` | `child_process.exec` |
//! | `import { exec } from 'node:child_process'` … `exec` | `child_process.exec` |
//! | `use std::process::Command as Cmd;` … `Cmd::new` | `std::process::Command::new` |
//! | `use reqwest::blocking::get;` … `get` | `reqwest::blocking::get` |
//!
//! Conventions: Python and JavaScript/TypeScript join segments with `.`, Rust with `::`. A
//! JavaScript module keeps its specifier as written minus the `node:` prefix (`fs/promises`,
//! `@aws-sdk/client-s3`); a default or namespace import names the module itself. A name the file
//! does not bind resolves to itself as written (`hashlib.md5(...)` in a snippet without its
//! import still means `hashlib.md5`). Resolution is per file and flow-insensitive: an import
//! anywhere in the file binds its name everywhere, the last binding of a name wins, and local
//! variables that shadow an import are not tracked (the data-flow layer's job).
//!
//! Users: the rule engine's `#resolves-to?` predicate (see `docs/writing-rules.md`), and any
//! analysis that needs to know what a call calls ([`Names::resolve`], [`Names::matches`]).

mod javascript;
mod python;
mod rust;

use crate::lang::Language;
use std::collections::HashMap;
use tree_sitter::{Node, Tree};

/// The names a file binds by importing or aliasing, and how to resolve expressions against
/// them. Cheap to build (one walk over the tree) and to query (one hash lookup per name).
#[derive(Debug, Clone, Default)]
pub struct Names {
    separator: &'static str,
    /// Local name → the canonical path it stands for.
    bindings: HashMap<Box<str>, Box<str>>,
    /// Modules every member of which is imported (`from m import *`, `use m::*`).
    globs: Vec<Box<str>>,
    /// Where each name bound by a declaration in code (`const lib = secure ? https : http`)
    /// is declared, not by an import: inside a function it is that function's own variable.
    declared_at: HashMap<Box<str>, Vec<usize>>,
}

/// One wanted name in a `#resolves-to?` list: `hashlib.md5` exactly, or `subprocess.*` for any
/// member below a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NamePattern {
    Exact(String),
    Below(String),
}

impl NamePattern {
    pub fn parse(text: &str) -> NamePattern {
        for suffix in [".*", "::*"] {
            if let Some(prefix) = text.strip_suffix(suffix) {
                return NamePattern::Below(format!("{prefix}{}", &suffix[..suffix.len() - 1]));
            }
        }
        NamePattern::Exact(text.to_string())
    }

    pub fn matches(&self, name: &str) -> bool {
        match self {
            NamePattern::Exact(wanted) => wanted == name,
            NamePattern::Below(prefix) => name.len() > prefix.len() && name.starts_with(prefix),
        }
    }
}

/// Two files' names are the same when each name stands for the same path: where a declaration
/// sits moves with every edit above it, and an incremental re-check compares names to decide
/// whether a match anywhere may have changed (a moved declaration is inside the edit).
impl PartialEq for Names {
    fn eq(&self, other: &Names) -> bool {
        self.separator == other.separator
            && self.bindings == other.bindings
            && self.globs == other.globs
    }
}

impl Eq for Names {}

impl Names {
    /// Reads the bindings of a parsed file.
    pub fn of(language: Language, tree: &Tree, source: &[u8]) -> Names {
        let mut names = Names {
            separator: separator(language),
            ..Names::default()
        };
        match language {
            Language::Python => python::collect(tree, source, &mut names),
            Language::JavaScript | Language::TypeScript | Language::Tsx => {
                javascript::collect(tree, source, &mut names)
            }
            Language::Rust => rust::collect(tree, source, &mut names),
        }
        names
    }

    /// The canonical name of an expression that names something (an identifier, a chain of
    /// attribute / member / path accesses on one, or a JavaScript `require('m')`), or `None` for
    /// anything computed (`f().x`, `a[0].y`).
    pub fn resolve(&self, node: Node<'_>, source: &[u8]) -> Option<String> {
        let segments = self.segments(node, source)?;
        Some(self.resolve_segments(&segments))
    }

    /// Whether the expression resolves to a name one of `patterns` matches. A name not bound in
    /// the file also matches as a member of a glob-imported module (`from os import *` makes
    /// `system` match `os.system`).
    pub fn matches(&self, node: Node<'_>, source: &[u8], patterns: &[NamePattern]) -> bool {
        let Some(segments) = self.segments(node, source) else {
            return false;
        };
        let resolved = self.resolve_segments(&segments);
        if patterns.iter().any(|p| p.matches(&resolved)) {
            return true;
        }
        if self.bindings.contains_key(segments[0].as_str()) {
            return false;
        }
        let written = segments.join(self.separator);
        self.globs.iter().any(|module| {
            let candidate = format!("{module}{}{written}", self.separator);
            patterns.iter().any(|p| p.matches(&candidate))
        })
    }

    /// What a local name stands for, if the file binds it.
    pub fn binding(&self, local: &str) -> Option<&str> {
        self.bindings.get(local).map(|b| &**b)
    }

    fn resolve_segments(&self, segments: &[String]) -> String {
        let mut resolved = match self.bindings.get(segments[0].as_str()) {
            Some(canonical) => canonical.to_string(),
            None => segments[0].clone(),
        };
        for segment in &segments[1..] {
            resolved.push_str(self.separator);
            resolved.push_str(segment);
        }
        // A full path through a framework's re-export, written without a `use`
        // (`rocket::tokio::fs::read(p)`), names what the `use` of it would.
        if self.separator == "::" {
            return rust::without_reexport(resolved);
        }
        resolved
    }

    /// The written path of a naming expression, head first.
    fn segments(&self, node: Node<'_>, source: &[u8]) -> Option<Vec<String>> {
        let mut segments = Vec::new();
        let mut current = node;
        // Bounded by the tree's depth; iterative so deep chains cannot overflow the stack.
        loop {
            let text = |n: Node<'_>| n.utf8_text(source).ok().map(str::to_string);
            match current.kind() {
                "identifier"
                | "type_identifier"
                | "property_identifier"
                | "self"
                | "crate"
                | "super" => {
                    segments.push(text(current)?);
                    break;
                }
                // Python `a.b`, JavaScript `a.b`, Rust `a::b`.
                "attribute"
                | "member_expression"
                | "scoped_identifier"
                | "scoped_type_identifier" => {
                    let (object, member) = match current.kind() {
                        "attribute" => ("object", "attribute"),
                        "member_expression" => ("object", "property"),
                        _ => ("path", "name"),
                    };
                    segments.push(text(current.child_by_field_name(member)?)?);
                    match current.child_by_field_name(object) {
                        Some(object) => current = object,
                        // `::std::process` (a path from the crate root).
                        None => break,
                    }
                }
                "call_expression" => {
                    segments.push(javascript::required_module(current, source)?);
                    break;
                }
                "parenthesized_expression" | "non_null_expression" => {
                    current = current.named_child(0)?;
                }
                _ => return None,
            }
        }
        segments.reverse();
        Some(segments)
    }

    fn bind(&mut self, local: &str, canonical: String) {
        if !local.is_empty() && !canonical.is_empty() {
            self.bindings.insert(local.into(), canonical.into());
        }
    }

    /// Whether `local` is bound to a module's name by a declaration within `range` (a
    /// function's own alias: `const lib = https` there).
    pub fn declared_within(&self, local: &str, range: std::ops::Range<usize>) -> bool {
        self.declared_at
            .get(local)
            .is_some_and(|at| at.iter().any(|offset| range.contains(offset)))
    }

    fn declared(&mut self, local: &str, offset: usize) {
        self.declared_at
            .entry(local.into())
            .or_default()
            .push(offset);
    }

    fn glob(&mut self, module: String) {
        if !module.is_empty() && !self.globs.iter().any(|g| **g == *module) {
            self.globs.push(module.into());
        }
    }
}

fn separator(language: Language) -> &'static str {
    match language {
        Language::Rust => "::",
        _ => ".",
    }
}

fn node_text<'s>(node: Node<'_>, source: &'s [u8]) -> &'s str {
    node.utf8_text(source).unwrap_or("")
}

#[cfg(test)]
mod tests;
