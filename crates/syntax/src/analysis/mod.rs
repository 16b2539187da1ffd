//! The analysis core: text → syntax tree → findings. `slopguard check` and `slopguard lsp` are
//! thin shells over this module; neither analyses anything itself.

mod budget;
mod incomplete;
mod nesting;
pub mod suppress;

pub use budget::{Budget, cancellable, cancelled};
pub use incomplete::{Incomplete, IncompleteFile};
pub use nesting::MAX_NESTING;
pub use suppress::{Suppressions, UNUSED_SUPPRESSION, apply_suppressions};

use crate::finding::Finding;
use crate::lang::Language;
use crate::rules::RuleSet;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::ControlFlow;
use std::path::Path;
use tree_sitter::{ParseOptions, Parser, Tree};

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

/// A parse and what it could not cover.
pub struct Parsed {
    /// `None` when the parse ran past its work budget.
    pub tree: Option<Tree>,
    pub incomplete: Vec<Incomplete>,
    /// The tree is of the text with too-deep nesting blanked: it must not be given to a later
    /// incremental parse, whose text would not be blanked the same way.
    pub masked: bool,
}

/// Parses `text`, reusing `old_tree` (already edited with `Tree::edit`) for an incremental parse.
/// `None` when the parse ran past its work budget; see [`parse_checked`] to learn what was left
/// out.
pub fn parse(language: Language, text: &str, old_tree: Option<&Tree>) -> Option<Tree> {
    parse_checked(language, text, old_tree).tree
}

/// [`parse`], saying what the tree does not cover: nesting too deep to parse (blanked, the
/// rest parsed) or a parse stopped at its work budget.
pub fn parse_checked(language: Language, text: &str, old_tree: Option<&Tree>) -> Parsed {
    let mut incomplete = Vec::new();
    let masked = nesting::mask_deep_nesting(text, language);
    let (input, old_tree) = match &masked {
        Some(masked) => {
            incomplete.extend(nesting::line_spans(text, &masked.regions).into_iter().map(
                |(start_line, end_line)| Incomplete::TooDeep {
                    start_line,
                    end_line,
                },
            ));
            // The old tree saw other bytes where this text is blanked: parse afresh.
            (masked.text.as_str(), None)
        }
        None => (text, old_tree),
    };
    let tree = parse_within(language, input, old_tree, Budget::for_text(input.len()));
    if tree.is_none() {
        incomplete.push(Incomplete::ParseBudget);
    }
    Parsed {
        tree,
        incomplete,
        masked: masked.is_some(),
    }
}

/// Parses `text` unless it takes more than `budget`. A NUL byte is read as a
/// space: some grammars' scanners take it for the end of the input, and a stray NUL must not
/// end the analysis of a file early.
fn parse_within(
    language: Language,
    text: &str,
    old_tree: Option<&Tree>,
    mut budget: Budget,
) -> Option<Tree> {
    PARSERS.with(|parsers| {
        let mut parsers = parsers.borrow_mut();
        let parser = parsers.entry(language).or_insert_with(|| {
            let mut parser = Parser::new();
            parser
                .set_language(&language.grammar())
                .expect("grammar matches the tree-sitter version");
            parser
        });
        let without_nul;
        let bytes = if text.as_bytes().contains(&0) {
            without_nul = text.replace('\0', " ");
            without_nul.as_bytes()
        } else {
            text.as_bytes()
        };
        let mut stop_when_spent = |_: &tree_sitter::ParseState| {
            if budget.spend() {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        };
        let options = ParseOptions::new().progress_callback(&mut stop_when_spent);
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

/// The findings on one document and what the analysis did not cover.
#[derive(Debug, Default)]
pub struct Analysed {
    pub findings: Vec<Finding>,
    /// Empty when every rule saw the whole text.
    pub incomplete: Vec<Incomplete>,
}

/// Parses and checks one document with `rules`.
pub fn analyze_with(rules: &RuleSet, kind: FileKind, text: &str) -> Vec<Finding> {
    analyze_checked(rules, kind, text).findings
}

/// [`analyze_with`], saying what was not covered: the shells must report it.
pub fn analyze_checked(rules: &RuleSet, kind: FileKind, text: &str) -> Analysed {
    let parsed = kind
        .language()
        .map(|language| parse_checked(language, text, None));
    let tree = parsed.as_ref().and_then(|p| p.tree.as_ref());
    let checked = rules.check_once(kind.language(), text, tree);
    let mut incomplete = parsed.map(|p| p.incomplete).unwrap_or_default();
    incomplete.extend_from_slice(checked.incomplete());
    Analysed {
        findings: checked.findings(),
        incomplete,
    }
}

/// Checks one document with the built-in rule pack: `analyze("app.py", text)` or
/// `analyze(Language::Python, text)`.
pub fn analyze(kind: impl Into<FileKind>, text: &str) -> Vec<Finding> {
    analyze_with(RuleSet::builtin(), kind.into(), text)
}
