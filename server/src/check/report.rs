//! Turning one file's findings into [`Reported`] findings: rule policy, suppressions, the code
//! lines each finding covers (for code frames) and its fingerprint (for baselines). After this
//! step the file's text can be dropped, which keeps memory flat on large trees.

use crate::analysis::Suppressions;
use crate::config::RulePolicy;
use crate::finding::Finding;
use crate::rules::KnownIds;
use crate::text::LineIndex;
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::sync::Arc;

/// At most this many lines of code are kept per finding for its code frame.
const SNIPPET_LINES: u32 = 6;

/// A finding ready for output.
#[derive(Debug, Clone)]
pub struct Reported {
    pub finding: Finding,
    /// The path as given on the command line (or found below it).
    pub path: String,
    /// The absolute, normalised path: scopes and baselines match on it.
    pub absolute: PathBuf,
    /// A hash of the rule and the code the finding covers, independent of its line number.
    pub fingerprint: String,
    pub snippet: CodeSnippet,
    /// The finding's first and last 0-based line as git counts them (at `\n` only), for the
    /// changed lines of `--staged`/`--diff`; they differ from the span's lines, which a `\r`
    /// alone also ends, in files with old Mac line endings.
    pub git_lines: (u32, u32),
}

/// The source lines a finding covers, for code frames.
#[derive(Debug, Clone, Default)]
pub struct CodeSnippet {
    /// 0-based line of the first line of `text`.
    pub first_line: u32,
    /// Byte offset of `text` in the file, to place the finding's span in it.
    pub start_byte: usize,
    pub text: String,
}

/// One file's reported findings and its suppressions (project-level findings for the same file
/// may arrive later and must meet the same suppressions).
#[derive(Debug)]
pub struct FileReport {
    pub path: String,
    pub absolute: PathBuf,
    pub findings: Vec<Reported>,
    pub(super) suppressions: Suppressions,
    /// Kept only while the file has suppressions, to frame the hints about unused ones.
    pub(super) text: Option<Arc<str>>,
}

impl FileReport {
    /// Applies the rule policy and the file's suppressions to `findings` found in `text`.
    pub fn new(
        path: String,
        absolute: PathBuf,
        text: &str,
        findings: Vec<Finding>,
        policy: &RulePolicy,
    ) -> FileReport {
        let mut suppressions = Suppressions::parse(text);
        let keep_text = !suppressions.is_empty();
        let findings = suppressions.silence(apply_policy(findings, policy));
        let mut report = FileReport {
            path,
            absolute,
            findings: Vec::new(),
            suppressions,
            text: keep_text.then(|| Arc::from(text)),
        };
        report.push(text, findings);
        report
    }

    /// Adds findings about the same file found later (project-level checks).
    pub fn add(&mut self, text: &str, findings: Vec<Finding>, policy: &RulePolicy) {
        let findings = self.suppressions.silence(apply_policy(findings, policy));
        self.push(text, findings);
    }

    /// Appends the hints about suppressions that silenced nothing (naming ids that are no
    /// rule's, against `known`); call once, at the end.
    pub fn add_unused_suppressions(&mut self, policy: &RulePolicy, known: &KnownIds) {
        let hints = apply_policy(self.suppressions.unused(Some(known)), policy);
        if let Some(text) = self.text.take() {
            self.push(&text, hints);
        }
    }

    fn push(&mut self, text: &str, findings: Vec<Finding>) {
        if findings.is_empty() {
            return;
        }
        let lines = LineIndex::new(text);
        let git_lines = GitLines::new(text);
        for finding in findings {
            let snippet = snippet(&lines, &finding);
            let fingerprint = fingerprint(&finding.rule_id, &snippet.text);
            self.findings.push(Reported {
                git_lines: git_lines.of(&finding),
                finding,
                path: self.path.clone(),
                absolute: self.absolute.clone(),
                fingerprint,
                snippet,
            });
        }
    }
}

/// Lines as git counts them: the offsets of a text's `\n`s, kept only when some `\r` ends a
/// line alone (otherwise git's lines are the span's).
struct GitLines(Option<Vec<usize>>);

impl GitLines {
    fn new(text: &str) -> GitLines {
        let bytes = text.as_bytes();
        let lone_cr =
            (0..bytes.len()).any(|i| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        GitLines(lone_cr.then(|| (0..bytes.len()).filter(|&i| bytes[i] == b'\n').collect()))
    }

    fn of(&self, finding: &Finding) -> (u32, u32) {
        let span = &finding.span;
        match &self.0 {
            None => (span.start.line, span.end.line),
            Some(newlines) => {
                let line = |byte: usize| newlines.partition_point(|&n| n < byte) as u32;
                (line(span.start_byte), line(span.end_byte))
            }
        }
    }
}

/// Drops the findings of disabled rules and applies severity overrides.
pub(super) fn apply_policy(findings: Vec<Finding>, policy: &RulePolicy) -> Vec<Finding> {
    findings
        .into_iter()
        .filter(|f| policy.enabled(&f.rule_id))
        .map(|mut f| {
            f.severity = policy.severity(&f.rule_id, f.severity);
            f
        })
        .collect()
}

fn snippet(lines: &LineIndex<'_>, finding: &Finding) -> CodeSnippet {
    let first = finding.span.start.line;
    let last = finding
        .span
        .end
        .line
        .clamp(first, first + SNIPPET_LINES - 1);
    let text: Vec<&str> = (first..=last)
        .map(|line| lines.line_text(line as usize))
        .collect();
    CodeSnippet {
        first_line: first,
        start_byte: lines.line_start(first as usize),
        text: text.join("\n"),
    }
}

/// Rule id plus the covered code with whitespace collapsed, so re-indenting or moving the code
/// keeps a baseline entry valid while editing the flagged code itself does not.
fn fingerprint(rule: &str, code: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(rule.as_bytes());
    hasher.update([0]);
    for word in code.split_whitespace() {
        hasher.update(word.as_bytes());
        hasher.update([b' ']);
    }
    hasher.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
