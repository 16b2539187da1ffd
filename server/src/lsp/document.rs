//! One open document: its text, version, language and syntax tree, kept in step with the
//! editor by incremental changes.
//!
//! Each change is applied to the text and to the tree (`Tree::edit`) at once, synchronously, so
//! the tree always describes the current text's edit history and the next parse is incremental.
//! The reparse itself happens in the analysis worker, off the request path. The rule findings
//! of the last analysis follow the same edits, so the next analysis re-matches only where the
//! edits reached (`RuleSet::recheck`).

use super::position::LineStarts;
use crate::analysis::FileKind;
use crate::rules::RuleFindings;
use std::sync::Arc;
use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;
use tree_sitter::{InputEdit, Point, Tree};

#[derive(Debug)]
pub struct Document {
    pub kind: FileKind,
    pub version: i32,
    text: String,
    lines: LineStarts,
    /// The last parse, edited with every change since: valid input for an incremental parse.
    tree: Option<Tree>,
    /// The rule findings of that parse, edited with every change since.
    rule_findings: Option<RuleFindings>,
}

/// What the worker needs to analyse one version, taken without holding any lock during analysis.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub kind: FileKind,
    pub version: i32,
    pub text: Arc<str>,
    pub old_tree: Option<Tree>,
    /// The rule findings of `old_tree`'s parse, edited along with it.
    pub previous: Option<RuleFindings>,
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
            text,
            lines,
            tree: None,
            rule_findings: None,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn lines(&self) -> &LineStarts {
        &self.lines
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            kind: self.kind,
            version: self.version,
            text: Arc::from(self.text.as_str()),
            old_tree: self.tree.clone(),
            previous: self.rule_findings.clone(),
        }
    }

    /// Keeps the tree and rule findings of a finished analysis, if it is of the current text;
    /// without a tree (none could be made, or it is of a blanked text) the next analysis
    /// starts afresh.
    pub fn store_analysis(
        &mut self,
        version: i32,
        tree: Option<Tree>,
        findings: Option<RuleFindings>,
    ) {
        if version == self.version {
            self.tree = tree;
            self.rule_findings = findings;
        }
    }

    /// Applies the changes of one `didChange`, in order, and takes its version.
    pub fn apply(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
    ) -> Vec<ChangeNote> {
        let mut notes = Vec::new();
        for change in changes {
            match change.range {
                None => {
                    self.text = change.text;
                    self.lines = LineStarts::new(&self.text);
                    self.tree = None;
                    self.rule_findings = None;
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
        self.text.replace_range(start..old_end, new_text);
        self.lines = LineStarts::new(&self.text);
        let new_end = start + new_text.len();
        let new_end_position = self.point(new_end);
        if let Some(findings) = &mut self.rule_findings {
            findings.edit(start, old_end, new_end);
        }
        if let Some(tree) = &mut self.tree {
            tree.edit(&InputEdit {
                start_byte: start,
                old_end_byte: old_end,
                new_end_byte: new_end,
                start_position,
                old_end_position,
                new_end_position,
            });
        }
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
        doc.store_analysis(1, Some(tree), None);
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
