//! The analysis core: text → syntax tree → findings. `slopguard check` and `slopguard lsp` are
//! thin shells over this module; neither analyses anything itself.

pub mod suppress;

pub use suppress::{Suppressions, UNUSED_SUPPRESSION, apply_suppressions};

use crate::finding::Finding;
use crate::lang::Language;
use crate::rules::RuleSet;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::ControlFlow;
use std::path::Path;
use std::time::{Duration, Instant};
use tree_sitter::{ParseOptions, Parser, Tree};

/// How long one parse may take before it is abandoned (the file is then checked only by the
/// rules that need no tree). Parsing a 100k-line file takes well under a second.
pub const PARSE_TIME_LIMIT: Duration = Duration::from_secs(5);

/// What kind of file a text is, which decides the grammar and the rules that run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    Code(Language),
    /// No grammar (`.env`, YAML, ...): only rules for any file run.
    Text,
}

impl FileKind {
    pub fn from_path(path: &Path) -> FileKind {
        Language::from_path(path).map_or(FileKind::Text, FileKind::Code)
    }

    pub fn language(self) -> Option<Language> {
        match self {
            FileKind::Code(language) => Some(language),
            FileKind::Text => None,
        }
    }
}

impl From<Language> for FileKind {
    fn from(language: Language) -> Self {
        FileKind::Code(language)
    }
}

impl From<&Path> for FileKind {
    fn from(path: &Path) -> Self {
        FileKind::from_path(path)
    }
}

impl From<&str> for FileKind {
    /// A path given as a string.
    fn from(path: &str) -> Self {
        FileKind::from_path(Path::new(path))
    }
}

thread_local! {
    // A parser per language and thread: creating one per file costs more than the parse of a
    // small file, and `check` runs one thread per core.
    static PARSERS: RefCell<HashMap<Language, Parser>> = RefCell::new(HashMap::new());
}

/// Parses `text`, reusing `old_tree` (already edited with `Tree::edit`) for an incremental parse.
/// `None` when the parse ran past [`PARSE_TIME_LIMIT`].
pub fn parse(language: Language, text: &str, old_tree: Option<&Tree>) -> Option<Tree> {
    PARSERS.with(|parsers| {
        let mut parsers = parsers.borrow_mut();
        let parser = parsers.entry(language).or_insert_with(|| {
            let mut parser = Parser::new();
            parser
                .set_language(&language.grammar())
                .expect("grammar matches the tree-sitter version");
            parser
        });
        let bytes = text.as_bytes();
        let deadline = Instant::now() + PARSE_TIME_LIMIT;
        let mut stop_when_late = |_: &tree_sitter::ParseState| {
            if Instant::now() > deadline {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        };
        let options = ParseOptions::new().progress_callback(&mut stop_when_late);
        let tree = parser.parse_with_options(
            &mut |offset, _| bytes.get(offset..).unwrap_or(&[]),
            old_tree,
            Some(options),
        );
        if tree.is_none() {
            // An abandoned parse leaves state behind; the next document starts clean.
            parser.reset();
        }
        tree
    })
}

/// Parses and checks one document with `rules`.
pub fn analyze_with(rules: &RuleSet, kind: FileKind, text: &str) -> Vec<Finding> {
    let tree = kind
        .language()
        .and_then(|language| parse(language, text, None));
    rules.check(kind.language(), text, tree.as_ref())
}

/// Checks one document with the built-in rule pack: `analyze("app.py", text)` or
/// `analyze(Language::Python, text)`.
pub fn analyze(kind: impl Into<FileKind>, text: &str) -> Vec<Finding> {
    analyze_with(RuleSet::builtin(), kind.into(), text)
}
