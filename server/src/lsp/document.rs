//! One open document: its text, version, language and syntax tree, kept in step with the
//! editor by incremental changes.
//!
//! Each change is applied to the text and to the tree (`Tree::edit`) at once, synchronously, so
//! the tree always describes the current text's edit history and the next parse is incremental.
//! The reparse itself happens in the analysis worker, off the request path. The rule findings
//! of the last analysis follow the same edits, so the next analysis re-matches only where the
//! edits reached (`RuleSet::recheck`).
//!
//! Every change is also logged until a full analysis of a later revision is stored: an analysis
//! that finishes after newer edits arrived is then brought forward through them
//! ([`Document::bring_forward`]) instead of being thrown away, so under a burst of edits the
//! next analysis still starts from a recent parse and re-checks only what changed since.

use super::position::LineStarts;
use crate::analysis::FileKind;
use crate::rules::RuleFindings;
use std::sync::Arc;
use std::time::Instant;
use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;
use tree_sitter::{InputEdit, Point, Tree};

#[derive(Debug)]
pub struct Document {
    pub kind: FileKind,
    pub version: i32,
    /// Counts `didChange`s; unlike `version` it cannot repeat, whatever the client sends.
    revision: u64,
    /// Shared with the snapshot of the last analysis and its published findings: an idle
    /// document holds one copy of its text, and the first edit after an analysis copies it.
    text: Arc<String>,
    lines: LineStarts,
    /// The last parse, edited with every change since: valid input for an incremental parse.
    tree: Option<Tree>,
    /// The revision `tree` was parsed at.
    tree_revision: u64,
    /// The rule findings of that parse, edited with every change since. Shared with the
    /// snapshots analyses run on: taking one copies nothing under the document's lock, and an
    /// edit copies them only while an analysis still holds them.
    rule_findings: Option<Arc<RuleFindings>>,
    /// The findings of the last per-item answer (`RuleSet::check_items`), edited with every
    /// change since: the next per-item answer starts from them, so it re-checks only what the
    /// edits since that answer touched, however far the full analysis lags behind.
    provisional: Option<Arc<RuleFindings>>,
    /// The changes made after revision `log_from`, each with the revision it produced.
    log: Vec<(u64, InputEdit)>,
    log_from: u64,
    /// When the document was opened or last changed: the least recently changed documents give
    /// up their trees first ([`super::memory`]).
    changed_at: Instant,
}

/// Beyond this many logged changes the log starts over: an analysis older than that is thrown
/// away (the document's own tree and findings still follow every change).
const MAX_LOGGED_CHANGES: usize = 4096;

/// What the worker needs to analyse one version, taken without holding any lock during analysis.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub kind: FileKind,
    pub version: i32,
    pub revision: u64,
    pub text: Arc<String>,
    pub old_tree: Option<Tree>,
    /// The rule findings of `old_tree`'s parse, edited along with it.
    pub previous: Option<Arc<RuleFindings>>,
    /// The findings of the last per-item answer, if newer than `previous`, edited since.
    pub provisional: Option<Arc<RuleFindings>>,
}

/// A change that could not be applied as sent; the document is still consistent.
#[derive(Debug, PartialEq, Eq)]
pub enum ChangeNote {
    /// The range ended before it started: it was treated as empty at its start.
    InvertedRange,
}

impl Document {
    pub fn new(kind: FileKind, version: i32, text: String) -> Document {
        let lines = LineStarts::new(&text);
        Document {
            kind,
            version,
            revision: 0,
            text: Arc::new(text),
            lines,
            tree: None,
            tree_revision: 0,
            rule_findings: None,
            provisional: None,
            log: Vec::new(),
            log_from: 0,
            changed_at: Instant::now(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text, shared rather than copied.
    pub fn shared_text(&self) -> Arc<String> {
        self.text.clone()
    }

    pub fn lines(&self) -> &LineStarts {
        &self.lines
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            kind: self.kind,
            version: self.version,
            revision: self.revision,
            text: self.text.clone(),
            old_tree: self.tree.clone(),
            previous: self.rule_findings.clone(),
            provisional: self.provisional.clone(),
        }
    }

    /// The revision of the current text.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// When the document was opened or last changed.
    pub fn changed_at(&self) -> Instant {
        self.changed_at
    }

    pub fn has_tree(&self) -> bool {
        self.tree.is_some()
    }

    /// Drops the syntax tree and everything that follows it through edits (the findings of its
    /// analysis, the change log), to save memory while the document is not being edited. The
    /// next analysis parses the text whole; the published findings stay.
    pub fn forget_tree(&mut self) {
        self.tree = None;
        self.rule_findings = None;
        self.provisional = None;
        self.log = Vec::new();
        self.log_from = self.revision;
    }

    /// Keeps the tree and rule findings of a full analysis of revision `revision`. One of an
    /// earlier revision is first brought forward through the changes made since, when they are
    /// all logged and it is newer than the tree kept now. Returns whether it was kept.
    pub fn bring_forward(
        &mut self,
        revision: u64,
        mut tree: Tree,
        mut findings: Option<RuleFindings>,
    ) -> bool {
        if revision < self.log_from || revision > self.revision {
            return false;
        }
        if self.tree.is_some() && revision <= self.tree_revision && revision != self.revision {
            return false; // what is kept already starts from a later parse
        }
        for (_, edit) in self.log.iter().filter(|(made, _)| *made > revision) {
            tree.edit(edit);
            if let Some(findings) = &mut findings {
                findings.edit(edit.start_byte, edit.old_end_byte, edit.new_end_byte);
            }
        }
        let findings = findings.map(Arc::new);
        if revision == self.revision {
            self.provisional = None;
        }
        self.tree = Some(tree);
        self.tree_revision = revision;
        self.rule_findings = findings;
        self.log.retain(|(made, _)| *made > revision);
        self.log_from = revision;
        true
    }

    /// Keeps the findings of a per-item answer for the current revision.
    pub fn store_provisional(&mut self, revision: u64, findings: RuleFindings) {
        if revision == self.revision {
            self.provisional = Some(Arc::new(findings));
        }
    }

    /// Applies the changes of one `didChange`, in order, and takes its version.
    pub fn apply(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
    ) -> Vec<ChangeNote> {
        let mut notes = Vec::new();
        self.revision += 1;
        self.changed_at = Instant::now();
        for change in changes {
            match change.range {
                None => {
                    self.text = Arc::new(change.text);
                    self.lines = LineStarts::new(&self.text);
                    self.tree = None;
                    self.rule_findings = None;
                    self.provisional = None;
                    self.log.clear();
                    self.log_from = self.revision;
                }
                Some(range) => {
                    let start = self.lines.offset(&self.text, range.start);
                    let mut end = self.lines.offset(&self.text, range.end);
                    if end < start {
                        notes.push(ChangeNote::InvertedRange);
                        end = start;
                    }
                    self.replace(start, end, &change.text);
                }
            }
        }
        self.version = version;
        notes
    }

    fn replace(&mut self, start: usize, old_end: usize, new_text: &str) {
        let start_position = self.point(start);
        let old_end_position = self.point(old_end);
        let removed_newlines =
            super::position::count_newlines(&self.text.as_bytes()[start..old_end]);
        Arc::make_mut(&mut self.text).replace_range(start..old_end, new_text);
        let new_end = start + new_text.len();
        self.lines
            .edit(&self.text, start, old_end, new_end, removed_newlines);
        let new_end_position = self.point(new_end);
        let edit = InputEdit {
            start_byte: start,
            old_end_byte: old_end,
            new_end_byte: new_end,
            start_position,
            old_end_position,
            new_end_position,
        };
        for findings in [&mut self.rule_findings, &mut self.provisional]
            .into_iter()
            .flatten()
        {
            Arc::make_mut(findings).edit(start, old_end, new_end);
        }
        if let Some(tree) = &mut self.tree {
            tree.edit(&edit);
        }
        if self.log.len() == MAX_LOGGED_CHANGES {
            self.log.clear();
            self.log_from = self.revision;
        }
        self.log.push((self.revision, edit));
    }

    /// A tree-sitter point (row, byte column) of a byte offset in the current text. Rows are
    /// counted at `\n` only, as tree-sitter counts them, which differs from the protocol's lines
    /// when a `\r` ends a line alone.
    fn point(&self, offset: usize) -> Point {
        if self.lines.rows_are_lines() {
            let row = self.lines.line_of(offset);
            let (line_start, _) = self.lines.line_range(&self.text, row).unwrap_or((0, 0));
            return Point::new(row, offset - line_start);
        }
        let before = &self.text.as_bytes()[..offset.min(self.text.len())];
        let row = before.iter().filter(|b| **b == b'\n').count();
        let line_start = before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        Point::new(row, before.len() - line_start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;
    use tower_lsp_server::ls_types::{Position, Range};

    fn change(sl: u32, sc: u32, el: u32, ec: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(sl, sc), Position::new(el, ec))),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn incremental_changes_use_utf16_columns_and_keep_the_tree_in_step() {
        let language = Language::Python;
        let mut doc = Document::new(language.into(), 1, "s = '😀'\nx = 1\n".to_string());
        let tree = crate::analysis::parse(language, doc.text(), None).unwrap();
        assert!(doc.bring_forward(doc.revision(), tree, None));
        // Column 8 is after the emoji (2 UTF-16 units) and the closing quote.
        let notes = doc.apply(
            2,
            vec![change(0, 8, 0, 8, " + 'é'"), change(1, 4, 1, 5, "eval(y)")],
        );
        assert!(notes.is_empty());
        assert_eq!(doc.text(), "s = '😀' + 'é'\nx = eval(y)\n");
        assert_eq!(doc.version, 2);
        let snapshot = doc.snapshot();
        let reparsed =
            crate::analysis::parse(language, &snapshot.text, snapshot.old_tree.as_ref()).unwrap();
        let fresh = crate::analysis::parse(language, &snapshot.text, None).unwrap();
        assert_eq!(
            reparsed.root_node().to_sexp(),
            fresh.root_node().to_sexp(),
            "the incremental parse must equal a parse from scratch"
        );
    }

    /// What a full analysis of `doc`'s current text yields, as the server would store it.
    fn analyse(doc: &Document) -> (u64, Tree, RuleFindings) {
        let snapshot = doc.snapshot();
        let language = Language::Python;
        let rules = crate::rules::RuleSet::builtin();
        let tree = crate::analysis::parse(language, &snapshot.text, None).unwrap();
        let findings = rules.check_tracked(Some(language), &snapshot.text, Some(&tree));
        (snapshot.revision, tree, findings)
    }

    fn lines_of(findings: Vec<crate::finding::Finding>) -> Vec<(String, u32)> {
        findings
            .into_iter()
            .map(|f| (f.rule_id.to_string(), f.span.start.line))
            .collect()
    }

    #[test]
    fn an_analysis_overtaken_by_edits_is_brought_forward_through_them() {
        let text = "import os\n\ndef a(x):\n    return eval(x)\n\ndef b(y):\n    return y\n";
        let mut doc = Document::new(Language::Python.into(), 1, text.to_string());
        let (first, tree, findings) = analyse(&doc);
        assert!(doc.bring_forward(first, tree, Some(findings)));
        doc.apply(2, vec![change(6, 0, 6, 0, "    os.system(y)\n")]);
        // A full analysis starts here and is overtaken by two more edits.
        let (overtaken, tree, findings) = analyse(&doc);
        doc.apply(3, vec![change(0, 0, 0, 0, "# header\n\n")]);
        doc.apply(4, vec![change(5, 0, 5, 0, "    x = x.strip()\n")]);
        assert!(doc.bring_forward(overtaken, tree, Some(findings)));
        assert!(
            !doc.bring_forward(first, analyse(&doc).1, None),
            "an older analysis never replaces a newer one"
        );
        // The next analysis starts from the brought-forward parse and equals a full check.
        let snapshot = doc.snapshot();
        let language = Language::Python;
        let old_tree = snapshot.old_tree.unwrap();
        let tree = crate::analysis::parse(language, &snapshot.text, Some(&old_tree)).unwrap();
        let fresh = crate::analysis::parse(language, &snapshot.text, None).unwrap();
        assert_eq!(tree.root_node().to_sexp(), fresh.root_node().to_sexp());
        let previous = (*snapshot.previous.unwrap()).clone();
        assert!(previous.edited());
        let rules = crate::rules::RuleSet::builtin();
        let rechecked = rules.recheck(language, &snapshot.text, &old_tree, &tree, previous);
        let full = rules.check_tracked(Some(language), &snapshot.text, Some(&fresh));
        assert_eq!(lines_of(rechecked.findings()), lines_of(full.findings()));
        assert!(
            lines_of(full.findings()).len() >= 2,
            "the sample has findings to carry: {:?}",
            lines_of(full.findings())
        );
    }

    #[test]
    fn an_analysis_older_than_the_log_is_dropped() {
        let mut doc = Document::new(Language::Python.into(), 1, "x = 1\n".to_string());
        let (old, tree, findings) = analyse(&doc);
        for version in 0..=MAX_LOGGED_CHANGES as i32 {
            doc.apply(version + 2, vec![change(0, 0, 0, 0, " ")]);
        }
        assert!(!doc.bring_forward(old, tree, Some(findings)));
        let (_, tree, _) = analyse(&doc);
        doc.apply(
            9_999,
            vec![TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "y = 2\n".into(),
            }],
        );
        assert!(
            !doc.bring_forward(doc.revision() - 1, tree, None),
            "no analysis crosses a replacement of the whole text"
        );
    }

    #[test]
    fn bad_ranges_are_clamped_not_fatal() {
        let mut doc = Document::new(FileKind::Text, 1, "abc".to_string());
        let notes = doc.apply(2, vec![change(0, 2, 0, 1, "X"), change(9, 0, 9, 9, "!")]);
        assert_eq!(notes, vec![ChangeNote::InvertedRange]);
        assert_eq!(doc.text(), "abXc!");
        let notes = doc.apply(
            3,
            vec![TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "new".into(),
            }],
        );
        assert!(notes.is_empty());
        assert_eq!(doc.text(), "new");
    }
}
