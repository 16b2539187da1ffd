//! The engine's side of flow across files (`flow::project`): resolves a callee to another file
//! of the project and makes that file's portable summaries by running the flow rules of its
//! language over it, linked in turn to the files it imports (one hop less), never to a file
//! already being summarised up the chain (cycles).

use super::RuleSet;
use crate::flow::project::resolve::{self, DEFAULT};
use crate::flow::project::{
    Clean, Current, FileSummaries, Imports, PortableFunction, PortableParam, PortableSink,
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

    fn find(&self, canonical: &str) -> Option<Arc<PortableFunction>> {
        let project = &self.current.project;
        for (file, member) in
            resolve::candidates(self.language, &self.current.file, project.root(), canonical)
        {
            let Some(file) = project.inside(&file) else {
                continue;
            };
            let Some(language) = project::language_of(&file) else {
                continue;
            };
            if family(language) != family(self.language) {
                continue;
            }
            if file == self.current.file || self.chain.contains(&file) || self.depth_left == 0 {
                self.truncated.set(true);
                return None;
            }
            let summaries = self.summaries(&file, language)?;
            let function = if member == DEFAULT {
                summaries.default.clone()
            } else {
                summaries.functions.get(&member).cloned()
            };
            if function.is_some() {
                return function;
            }
        }
        None
    }

    /// The summaries of `file`, from the cache when its text has not changed.
    fn summaries(&self, file: &Path, language: Language) -> Option<Arc<FileSummaries>> {
        let project = &self.current.project;
        let text = project.read(file)?;
        let depth = self.depth_left - 1;
        if let Some(done) = project.cached(file, depth, &text) {
            return Some(done);
        }
        let Ok(Some(flow)) = self.rules.flow(language) else {
            return None;
        };
        let tree = crate::analysis::parse(language, &text, None)?;
        let names = Names::of(language, &tree, text.as_bytes());
        let mut chain = self.chain.clone();
        chain.push(self.current.file.clone());
        let current = Current {
            project: project.clone(),
            file: file.to_path_buf(),
        };
        let nested = Linked::new(self.rules, flow, language, current, depth, chain);
        let mut file_flow = flow.file(language, &text, &tree, &names);
        file_flow.link_imports(&nested);
        let exported = file_flow.exports();
        let lines = LineIndex::new(&text);
        let shown = project.shown(file);
        let rule_of = |bit: usize| flow.rules.get(bit).copied();
        let mut summaries = FileSummaries::default();
        for function in exported {
            let params = function
                .params
                .into_iter()
                .map(|param| {
                    let returns = param.returns.map(|bits| {
                        (0..64)
                            .filter(|b| bits & (1 << b) != 0)
                            .filter_map(rule_of)
                            .collect()
                    });
                    let mut sinks: Vec<PortableSink> = Vec::new();
                    for hit in param.sinks {
                        let Some(rule) = rule_of(hit.rule) else {
                            continue;
                        };
                        let reaches = if file_flow.hit_is_imported(&hit.sink) {
                            hit.label
                        } else {
                            let line = lines.span(hit.sink.start, hit.sink.end).start.line + 1;
                            format!("{} at {shown}:{line}", hit.label)
                        };
                        if !sinks.iter().any(|s| s.rule == rule && s.reaches == reaches) {
                            sinks.push(PortableSink { rule, reaches });
                        }
                    }
                    PortableParam { returns, sinks }
                })
                .collect();
            let clean = |bits: u64| Clean {
                all: bits == u64::MAX,
                rules: (0..64)
                    .filter(|b| bits & (1 << b) != 0)
                    .filter_map(rule_of)
                    .collect(),
            };
            let portable = Arc::new(PortableFunction {
                name: function.name.clone(),
                file: shown.clone(),
                params,
                clean_whatever: clean(function.clean_whatever),
                clean_given_constants: clean(function.clean_given_constants),
                prefix: function.prefix.as_deref().map(Arc::from),
            });
            if function.default {
                summaries.default = Some(portable.clone());
            }
            summaries.functions.entry(function.name).or_insert(portable);
        }
        let summaries = Arc::new(summaries);
        if nested.truncated.get() {
            self.truncated.set(true);
        } else {
            project.store(file, depth, &text, summaries.clone());
        }
        Some(summaries)
    }
}

impl Imports for Linked<'_> {
    fn function(
        &self,
        canonical: &str,
        imported: bool,
        method: bool,
    ) -> Option<Arc<PortableFunction>> {
        // Python and JavaScript reach another file through an import; Rust through a path
        // (`service::fetch`, `crate::files::read`, or a name `use` bound), never a method.
        let canonical = match self.language {
            Language::Rust if method => return None,
            Language::Rust => canonical.replace('.', "::"),
            _ if !imported => return None,
            _ => canonical.to_string(),
        };
        let canonical = canonical.as_str();
        if let Some(known) = self.resolved.borrow().get(canonical) {
            return known.clone();
        }
        let found = self.find(canonical);
        self.resolved
            .borrow_mut()
            .insert(canonical.to_string(), found.clone());
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
