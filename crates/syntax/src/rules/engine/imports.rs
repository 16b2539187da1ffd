//! The engine's side of flow across files (`flow::project`): resolves a callee to another file
//! of the project and makes that file's portable summaries by running the flow rules of its
//! language over it, linked in turn to the files it imports (one hop less), never to a file
//! already being summarised up the chain (cycles).

mod reexports;

use super::RuleSet;
use crate::finding::RemotePoint;
use crate::flow::project::resolve::{self, DEFAULT};
use crate::flow::project::{
    Clean, Current, Imports, PortableFunction, PortableParam, PortableSink,
};
use crate::flow::{FlowRules, project};
use crate::lang::Language;
use crate::names::Names;
use crate::text::LineIndex;
use std::cell::Cell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One file's view of its project.
pub(super) struct Linked<'a> {
    rules: &'a RuleSet,
    /// The file's own flow rules: rule bits are per language.
    flow: &'a FlowRules,
    language: Language,
    current: Current,
    /// How many more files deep summaries may follow calls.
    depth_left: usize,
    /// The files being summarised up the chain, this one's callers' first.
    chain: Vec<PathBuf>,
    /// Set when a call was not followed because of the depth bound or a cycle: what was made
    /// then depends on where the chain started, so it is not cached.
    truncated: Cell<bool>,
    /// Functions resolved so far, by canonical name.
    resolved: std::cell::RefCell<HashMap<String, Option<Arc<PortableFunction>>>>,
}

impl<'a> Linked<'a> {
    /// The link of a file analysed on this thread as part of a project, if it is one.
    pub(super) fn of_current(
        rules: &'a RuleSet,
        flow: &'a FlowRules,
        language: Language,
    ) -> Option<Linked<'a>> {
        let current = project::current()?;
        Some(Linked::new(
            rules,
            flow,
            language,
            current,
            project::MAX_CHAIN,
            Vec::new(),
        ))
    }

    fn new(
        rules: &'a RuleSet,
        flow: &'a FlowRules,
        language: Language,
        current: Current,
        depth_left: usize,
        chain: Vec<PathBuf>,
    ) -> Linked<'a> {
        Linked {
            rules,
            flow,
            language,
            current,
            depth_left,
            chain,
            truncated: Cell::new(false),
            resolved: Default::default(),
        }
    }

    /// `objects_only`: only a method of a class or module-level object (`Client.get`).
    fn find(&self, canonical: &str, objects_only: bool) -> Option<Arc<PortableFunction>> {
        let project = &self.current.project;
        for (file, member) in
            resolve::candidates(self.language, &self.current.file, project.root(), canonical)
        {
            if objects_only && !member.contains('.') {
                continue;
            }
            let Some(file) = project.inside(&file) else {
                continue;
            };
            let Some(language) = project::language_of(&file) else {
                continue;
            };
            if family(language) != family(self.language) {
                continue;
            }
            if file == self.current.file || self.chain.contains(&file) {
                // A cycle: what is made under it depends on where the chain started.
                self.truncated.set(true);
                return None;
            }
            if self.depth_left == 0 {
                return None;
            }
            if let Some(function) = self.summary(&file, language, &member) {
                return Some(function);
            }
        }
        None
    }

    /// The summary of `member` of `file`, from the cache when the file's text has not changed.
    fn summary(
        &self,
        file: &Path,
        language: Language,
        member: &str,
    ) -> Option<Arc<PortableFunction>> {
        let project = &self.current.project;
        let text = project.read(file)?;
        let depth = self.depth_left - 1;
        // Rule indices and bits are a rule set's: summaries made with another (the editor's
        // rules reloaded) are not reused.
        let key = format!("{}:{member}", self.rules.id);
        if let Some((done, uses)) = project.cached(file, depth, &key, &text) {
            self.note(&uses);
            return done;
        }
        // A class, a value or a re-exported name is not summarised: no parse for it. A name
        // the file passes on from another module (`from .x import f` in an `__init__.py`,
        // `export * from "./x"`, `pub use x::f`) is looked up there, one hop further.
        let Ok(Some(flow)) = self.rules.flow(language) else {
            return None;
        };
        if !defines(language, &text, member) {
            let nested = self.nested(file, language, flow, depth);
            let found = reexports::candidates(language, &text, member)
                .into_iter()
                .find_map(|canonical| nested.find(&canonical, false));
            return self.keep(file, depth, &key, &text, &nested, found);
        }
        let tree = project.parse(file, language, &text)?;
        let names = Names::of(language, &tree, text.as_bytes());
        let nested = self.nested(file, language, flow, depth);
        let mut file_flow = flow.file(language, &text, &tree, &names);
        file_flow.link_imports(&nested);
        let wanted = (member != DEFAULT).then_some(member);
        let module = {
            use std::hash::{Hash, Hasher};
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            (self.rules.id, file, depth, &text).hash(&mut hasher);
            hasher.finish()
        };
        let portable = file_flow.export(wanted, module).map(|function| {
            let lines = LineIndex::new(&text);
            let shown = project.shown(file);
            let rule_of = |bit: usize| flow.rules.get(bit).copied();
            let rules_of = |bits: u64| -> Vec<usize> {
                (0..64)
                    .filter(|b| bits & (1 << b) != 0)
                    .filter_map(rule_of)
                    .collect()
            };
            let params = function
                .params
                .into_iter()
                .map(|param| {
                    let mut sinks: Vec<PortableSink> = Vec::new();
                    for hit in param.sinks {
                        let Some(rule) = rule_of(hit.rule) else {
                            continue;
                        };
                        let (reaches, at) = match hit.remote {
                            Some(at) if file_flow.hit_is_imported(&hit.sink) => (hit.label, at),
                            _ => {
                                let span = lines.span(hit.sink.start, hit.sink.end);
                                let at = Arc::new(RemotePoint {
                                    file: Arc::from(shown.as_str()),
                                    path: Arc::from(file),
                                    span,
                                    sink: hit.label.clone(),
                                });
                                let line = span.start.line + 1;
                                (format!("{} at {shown}:{line}", hit.label), at)
                            }
                        };
                        if !sinks.iter().any(|s| s.rule == rule && s.reaches == reaches) {
                            sinks.push(PortableSink { rule, reaches, at });
                        }
                    }
                    PortableParam {
                        returns: param.returns.map(rules_of),
                        elements: param
                            .elements
                            .into_iter()
                            .map(|rules| rules.map(rules_of))
                            .collect(),
                        sinks,
                    }
                })
                .collect();
            let clean = |bits: u64| Clean {
                all: bits == u64::MAX,
                rules: rules_of(bits),
            };
            Arc::new(PortableFunction {
                name: function.name,
                file: shown.clone(),
                params,
                clean_whatever: clean(function.clean_whatever),
                clean_given_constants: clean(function.clean_given_constants),
                prefix: function.prefix.as_deref().map(Arc::from),
            })
        });
        self.keep(file, depth, &key, &text, &nested, portable)
    }

    /// The link of `file` (summarised for this one) to the files it calls into, `depth` hops
    /// left, this file's chain and this file added.
    fn nested(
        &self,
        file: &Path,
        language: Language,
        flow: &'a FlowRules,
        depth: usize,
    ) -> Linked<'a> {
        let mut chain = self.chain.clone();
        chain.push(self.current.file.clone());
        let current = Current {
            project: self.current.project.clone(),
            file: file.to_path_buf(),
            uses: Arc::default(),
        };
        Linked::new(self.rules, flow, language, current, depth, chain)
    }

    /// Notes and caches (unless cut by the depth bound or a cycle) what was made of `file`'s
    /// `key` through `nested`, and returns it.
    fn keep(
        &self,
        file: &Path,
        depth: usize,
        key: &str,
        text: &str,
        nested: &Linked<'_>,
        made: Option<Arc<PortableFunction>>,
    ) -> Option<Arc<PortableFunction>> {
        let uses: project::Uses = {
            let mut uses = nested
                .current
                .uses
                .lock()
                .map(|u| u.clone())
                .unwrap_or_default();
            uses.insert(file.to_path_buf());
            uses.into_iter().collect()
        };
        self.note(&uses);
        if nested.truncated.get() {
            self.truncated.set(true);
        } else {
            self.current
                .project
                .store(file, depth, key, text, made.clone(), uses);
        }
        made
    }

    /// Notes that this file's analysis read summaries made from `uses`.
    fn note(&self, uses: &[PathBuf]) {
        if let Ok(mut noted) = self.current.uses.lock() {
            noted.extend(uses.iter().cloned());
        }
    }
}

impl Imports for Linked<'_> {
    fn function(
        &self,
        canonical: &str,
        imported: bool,
        method: bool,
        objects_only: bool,
    ) -> Option<Arc<PortableFunction>> {
        // Python and JavaScript reach another file through an import; Rust through a path
        // (`service::fetch`, `crate::files::read`, or a name `use` bound), and a method only
        // of a type whose path it knows (`store::FileStore.read`, from a constructor call).
        let canonical = match self.language {
            Language::Rust if method => match canonical.split_once('.') {
                Some((ty, name)) if !name.contains('.') && !ty.contains('.') => {
                    canonical.to_string()
                }
                _ => return None,
            },
            Language::Rust => canonical.replace('.', "::"),
            _ if !imported => return None,
            _ => canonical.to_string(),
        };
        let key = if objects_only {
            format!("object {canonical}")
        } else {
            canonical.clone()
        };
        if let Some(known) = self.resolved.borrow().get(&key) {
            return known.clone();
        }
        let found = self.find(&canonical, objects_only);
        self.resolved.borrow_mut().insert(key, found.clone());
        found
    }

    fn bit_of(&self, rule: usize) -> Option<u64> {
        self.flow.bit_of(rule)
    }
}

/// Languages whose files import each other: JavaScript and the TypeScript dialects, Python,
/// Rust.
fn family(language: Language) -> u8 {
    match language {
        Language::Python => 0,
        Language::JavaScript | Language::TypeScript | Language::Tsx => 1,
        Language::Rust => 2,
    }
}

/// Whether `text` may define a function named `member` (or, for `default`, export one): a
/// cheap test before a parse.
fn defines(language: Language, text: &str, member: &str) -> bool {
    if member == DEFAULT {
        return text.contains("export default");
    }
    // `Class.method`: the class, then the method, both named in the text; or `object.method`
    // on a module-level object (`client = Client()`).
    if let Some((class, method)) = member.split_once('.') {
        let object = |bound: &str| {
            text.match_indices(bound).any(|(at, _)| {
                text[at + bound.len()..]
                    .trim_start_matches([' ', '\t', ':'])
                    .starts_with('=')
            })
        };
        // Rust: an `impl FileStore` (or `impl<T> FileStore<T>`) block and its `fn read`.
        let rust_impl = language == Language::Rust
            && text.contains("impl")
            && text.contains(class)
            && text.contains(&format!("fn {method}"));
        return rust_impl
            || ((text.contains(&format!("class {class}")) || object(class))
                && text.contains(method));
    }
    let followed = |before: &str| {
        text.match_indices(before).any(|(at, _)| {
            text[at + before.len()..]
                .strip_prefix(member)
                .and_then(|rest| rest.chars().next())
                .is_some_and(|c| !(c.is_alphanumeric() || c == '_' || c == '$'))
        })
    };
    match language {
        Language::Python => followed("def "),
        Language::Rust => followed("fn "),
        // `function f(`, `const f = (...) =>`, `exports.f = function`, `{ f(x) { ... } }`.
        Language::JavaScript | Language::TypeScript | Language::Tsx => {
            followed("function ")
                || followed("const ")
                || followed("let ")
                || followed("var ")
                || followed("exports.")
                // A method of the class the module exports as its default.
                || ((text.contains("module.exports") || text.contains("export default"))
                    && text.contains(&format!("{member}(")))
        }
    }
}
