//! Flow across the files of one project: a call of a function another file of the scanned tree
//! defines is followed through that function's **portable summary** (per parameter: the rules
//! its value still counts for when returned, and the sinks it reaches, by rule, with file and
//! line).
//!
//! - [`Project`]: the scan root, how to read a file (the disk, or the editor's open documents
//!   first) and the summaries made so far, per file and content. Shared by the threads of a run.
//! - [`within`]: the file being analysed on this thread belongs to a project. The shells set it
//!   around an analysis; the engine reads it ([`current`]) and links the file's flow to an
//!   [`Imports`], which resolves canonical callee names to files (`resolve.rs`) and makes the
//!   other file's summaries by running the same engine over it, lazily (only when a tainted
//!   value is passed to one of its functions), to a bounded depth, refusing cycles.
//!
//! Only files inside the root are read: a resolved path is canonicalised (symlinks followed)
//! and must still lie below the root's canonical path; files above the size limit are ignored.

pub(crate) mod resolve;
#[cfg(test)]
mod tests;

use crate::finding::RemotePoint;
use crate::lang::Language;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// How many files deep a chain of helpers is followed (the caller's file not counted): a view
/// calling a service calling a client calling a sink is three.
pub const MAX_CHAIN: usize = 3;

/// What a parameter of another file's function does with the value it is given.
#[derive(Debug, Clone)]
pub(crate) struct PortableParam {
    /// The rules (indices in the rule set) its value still counts for when returned.
    pub returns: Option<Vec<usize>>,
    /// For a function returning a tuple (`return sql, params`): the rules each element's
    /// value still counts for when returned, by position; empty for any other function.
    pub elements: Vec<Option<Vec<usize>>>,
    pub sinks: Vec<PortableSink>,
}

/// A sink a parameter reaches: the rule (index in the rule set) and what to say
/// (`` `requests.get()` at app/clients.py:8 ``).
#[derive(Debug, Clone)]
pub(crate) struct PortableSink {
    pub rule: usize,
    pub reaches: String,
    /// Where the sink is (in the helper's file, or deeper when that file passes the value on).
    pub at: Arc<RemotePoint>,
}

/// A function of another file, as its callers see it.
#[derive(Debug, Clone)]
pub(crate) struct PortableFunction {
    pub name: String,
    /// Where it is defined, relative to the project root (`app/clients.py`).
    pub file: String,
    pub params: Vec<PortableParam>,
    /// The rules what it returns is clean for whatever it is given (`return shlex.quote(x)`).
    pub clean_whatever: Clean,
    /// The rules what it returns is clean for when every argument is a program constant.
    pub clean_given_constants: Clean,
    /// The constant text every value it returns starts with.
    pub prefix: Option<Arc<str>>,
}

/// The rules a value is clean for, by index in the rule set; `all` for a constant.
#[derive(Debug, Clone, Default)]
pub(crate) struct Clean {
    pub all: bool,
    pub rules: Vec<usize>,
}

/// What a file's flow asks about the other files of its project.
pub(crate) trait Imports {
    /// The function a canonical callee name (`.services.fetch`, `./db.query`,
    /// `crate.service.fetch` for Rust's `crate::service::fetch`) stands for, when another file
    /// of the project defines it. `imported`: the head of the name as written is bound by an
    /// import; `method`: it was called as a method (`a.b(...)`); `objects_only`: only a method
    /// of a class or module-level object of the other file (`client.get` after `from .http
    /// import client`), not a top-level function.
    fn function(
        &self,
        canonical: &str,
        imported: bool,
        method: bool,
        objects_only: bool,
    ) -> Option<Arc<PortableFunction>>;
    /// The bit of rule `rule` (index in the rule set) in the calling file's flow rules.
    fn bit_of(&self, rule: usize) -> Option<u64>;
    /// The calling file's rule bits of `clean`.
    fn mask_of(&self, clean: &Clean) -> u64 {
        if clean.all {
            return u64::MAX;
        }
        clean
            .rules
            .iter()
            .filter_map(|&rule| self.bit_of(rule))
            .fold(0, |mask, bit| mask | bit)
    }
}

/// Reads the text of a file below the root: the editor's open documents before the disk.
pub type Reader = dyn Fn(&Path) -> Option<String> + Send + Sync;

/// A function's summary (`None`: the file does not define it) made from a text with this hash,
/// with the files it was made from (that file, and the ones its own calls reached).
type Made = (u64, Option<Arc<PortableFunction>>, Uses);

/// The files of the project an analysis read summaries from (canonical paths): what the editor
/// re-checks a document for when one of them changes.
pub type Uses = Arc<[PathBuf]>;
/// A file, the depth left when its function was summarised, the function.
type Key = (PathBuf, usize, String);

/// One scanned tree.
pub struct Project {
    /// Canonical (symlinks resolved).
    root: PathBuf,
    max_file_size: u64,
    reader: Option<Box<Reader>>,
    /// Summaries by file and depth left, with a hash of the text they were made from; shared
    /// by the projects [`Project::reading`] makes.
    cache: Arc<Mutex<HashMap<Key, Made>>>,
    /// The last parse of each file summarised, with the hash of its text: a file whose
    /// functions are asked for one by one is parsed once.
    trees: Arc<Mutex<HashMap<PathBuf, (u64, tree_sitter::Tree)>>>,
}

impl std::fmt::Debug for Project {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Project").field("root", &self.root).finish()
    }
}

impl Project {
    /// The tree below `root`; `None` when it cannot be canonicalised (it does not exist).
    pub fn new(root: &Path, max_file_size: u64) -> Option<Project> {
        Some(Project {
            root: root.canonicalize().ok()?,
            max_file_size,
            reader: None,
            cache: Arc::default(),
            trees: Arc::default(),
        })
    }

    /// This project reading files with `reader` first (the editor's open documents at one
    /// moment), the disk when it says nothing; summaries already made are shared (they are
    /// keyed by the text they were made from).
    pub fn reading(&self, reader: Box<Reader>) -> Project {
        Project {
            root: self.root.clone(),
            max_file_size: self.max_file_size,
            reader: Some(reader),
            cache: self.cache.clone(),
            trees: self.trees.clone(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `path` canonicalised, if it is a regular file below the root within the size limit.
    /// An open document not yet saved (`reader` knows it, the disk does not) is inside when its
    /// directory is.
    pub(crate) fn inside(&self, path: &Path) -> Option<PathBuf> {
        let Ok(canonical) = path.canonicalize() else {
            let unsaved = canonical_path(path)?;
            let known = self.reader.as_ref().is_some_and(|r| r(&unsaved).is_some());
            return (known && unsaved.starts_with(&self.root)).then_some(unsaved);
        };
        if !canonical.starts_with(&self.root) {
            return None;
        }
        let meta = std::fs::metadata(&canonical).ok()?;
        (meta.is_file() && meta.len() <= self.max_file_size).then_some(canonical)
    }

    /// The text of a file `inside` accepted.
    pub(crate) fn read(&self, canonical: &Path) -> Option<String> {
        if let Some(text) = self.reader.as_ref().and_then(|r| r(canonical)) {
            return (text.len() as u64 <= self.max_file_size).then_some(text);
        }
        std::fs::read_to_string(canonical).ok()
    }

    /// The path shown for a file of the project: relative to the root, with `/`.
    pub(crate) fn shown(&self, canonical: &Path) -> String {
        let relative = canonical.strip_prefix(&self.root).unwrap_or(canonical);
        relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The summary of `function` of `file` made from `text` with `depth` hops left, if made
    /// before (`None` inside when the file does not define it), with the files it was made from.
    pub(crate) fn cached(
        &self,
        file: &Path,
        depth: usize,
        function: &str,
        text: &str,
    ) -> Option<(Option<Arc<PortableFunction>>, Uses)> {
        let cache = self.cache.lock().ok()?;
        let key = (file.to_path_buf(), depth, function.to_string());
        let (hash, summary, uses) = cache.get(&key)?;
        (*hash == hash_text(text)).then(|| (summary.clone(), uses.clone()))
    }

    pub(crate) fn store(
        &self,
        file: &Path,
        depth: usize,
        function: &str,
        text: &str,
        summary: Option<Arc<PortableFunction>>,
        uses: Uses,
    ) {
        if let Ok(mut cache) = self.cache.lock() {
            let key = (file.to_path_buf(), depth, function.to_string());
            cache.insert(key, (hash_text(text), summary, uses));
        }
    }
}

impl Project {
    /// The syntax tree of `file`'s `text`, parsed once per text.
    pub(crate) fn parse(
        &self,
        file: &Path,
        language: Language,
        text: &str,
    ) -> Option<tree_sitter::Tree> {
        let hash = hash_text(text);
        if let Ok(trees) = self.trees.lock()
            && let Some((made_from, tree)) = trees.get(file)
            && *made_from == hash
        {
            return Some(tree.clone());
        }
        let tree = crate::analysis::parse(language, text, None)?;
        if let Ok(mut trees) = self.trees.lock() {
            trees.insert(file.to_path_buf(), (hash, tree.clone()));
        }
        Some(tree)
    }
}

fn hash_text(text: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// `path` with symlinks resolved; for a file that does not exist (an unsaved document), its
/// directory's canonical path joined with its name.
pub fn canonical_path(path: &Path) -> Option<PathBuf> {
    path.canonicalize().ok().or_else(|| {
        let name = path.file_name()?;
        Some(path.parent()?.canonicalize().ok()?.join(name))
    })
}

/// The project and file an analysis on this thread belongs to.
#[derive(Clone)]
pub(crate) struct Current {
    pub project: Arc<Project>,
    /// Canonical.
    pub file: PathBuf,
    /// Where the analysis notes the other files it read summaries from ([`within_noting`]).
    pub uses: Arc<Mutex<std::collections::BTreeSet<PathBuf>>>,
}

thread_local! {
    static CURRENT: RefCell<Option<Current>> = const { RefCell::new(None) };
}

/// Runs `work` (the analysis of `file`) as part of `project`: calls of functions other files of
/// it define are followed. A file outside the project's root is analysed alone.
pub fn within<T>(project: &Arc<Project>, file: &Path, work: impl FnOnce() -> T) -> T {
    within_noting(project, file, work).0
}

/// [`within`], also returning the other files of the project whose summaries the analysis
/// used, directly or through the files those call into (canonical paths, sorted): the files
/// whose change can change its findings. A file of the project that a call resolved to but that
/// does not define the function counts too (it may come to define it).
pub fn within_noting<T>(
    project: &Arc<Project>,
    file: &Path,
    work: impl FnOnce() -> T,
) -> (T, Uses) {
    /// Restores the outer context even if `work` panics.
    struct Restore(Option<Current>);
    impl Drop for Restore {
        fn drop(&mut self) {
            CURRENT.with(|c| *c.borrow_mut() = self.0.take());
        }
    }
    let uses: Arc<Mutex<std::collections::BTreeSet<PathBuf>>> = Arc::default();
    let current = project.inside(file).map(|file| Current {
        project: project.clone(),
        file,
        uses: uses.clone(),
    });
    let restore = Restore(CURRENT.with(|c| c.replace(current)));
    let result = work();
    drop(restore);
    let uses = uses
        .lock()
        .map(|u| u.iter().cloned().collect())
        .unwrap_or_else(|_| Arc::from(Vec::new()));
    (result, uses)
}

/// The project the analysis running on this thread belongs to, if any.
pub(crate) fn current() -> Option<Current> {
    CURRENT.with(|c| c.borrow().clone())
}

/// The language of a file by its extension, for the files resolution may reach.
pub(crate) fn language_of(path: &Path) -> Option<Language> {
    Language::from_path(path)
}
