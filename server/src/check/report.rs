//! Turning one file's findings into [`Reported`] findings: rule policy, suppressions, the code
//! lines each finding covers (for code frames) and its fingerprint (for baselines). After this
//! step the file's text can be dropped, which keeps memory flat on large trees.

use crate::analysis::Suppressions;
use crate::config::RulePolicy;
use crate::finding::Finding;
use crate::rules::KnownIds;
use crate::text::LineIndex;
use sha2::{Digest, Sha256};
use std::path::{Component, Path, PathBuf};
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

impl Reported {
    /// Another file of the finding's path, shown as the finding's own path is: below the
    /// directory the finding's path names (`src/lib/clients.py` -> `src/app.py`), or absolute
    /// when the two files share no directory.
    pub fn path_of(&self, other: &Path) -> String {
        let here = self.absolute.canonicalize().ok();
        let other = other.canonicalize().unwrap_or_else(|_| other.to_path_buf());
        let shown = here
            .as_deref()
            .and_then(Path::parent)
            .and_then(|dir| relative_to(dir, &other))
            .map(|relative| {
                let base = Path::new(&self.path).parent().unwrap_or(Path::new(""));
                crate::config::normalize(&base.join(relative))
            })
            .unwrap_or(other);
        shown
            .to_string_lossy()
            .replace(std::path::MAIN_SEPARATOR, "/")
    }
}

/// `target` as a path from `dir` (`..` as needed); both absolute. `None` when only the root is
/// shared.
fn relative_to(dir: &Path, target: &Path) -> Option<PathBuf> {
    let (dir, target): (Vec<_>, Vec<_>) =
        (dir.components().collect(), target.components().collect());
    let shared = dir.iter().zip(&target).take_while(|(a, b)| a == b).count();
    if shared <= 1 {
        return None;
    }
    let mut relative: PathBuf = dir[shared..].iter().map(|_| Component::ParentDir).collect();
    relative.extend(&target[shared..]);
    Some(relative)
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

    /// Whether an inline comment silences something here: the report is kept for the hint
    /// about an unused one.
    pub fn has_suppressions(&self) -> bool {
        !self.suppressions.is_empty()
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
    let start_byte = lines.line_start(first as usize);
    if text.iter().any(|line| line.len() > LONG_LINE) {
        // The code from the finding on, cut at a character boundary.
        let line = text[0];
        let from = floor_boundary(line, finding.span.start_byte.saturating_sub(start_byte));
        let to = floor_boundary(line, from + LONG_LINE_WINDOW).max(from);
        return CodeSnippet {
            first_line: first,
            start_byte: start_byte + from,
            text: line[from..to].to_string(),
        };
    }
    CodeSnippet {
        first_line: first,
        start_byte,
        text: text.join("\n"),
    }
}

/// A snippet with a line longer than this keeps only [`LONG_LINE_WINDOW`] bytes of its first
/// line, from the finding on: each finding on a megabyte-long line (generated or hostile code)
/// would otherwise copy and hash the whole line, and a code frame of it helps nobody.
const LONG_LINE: usize = 1000;
const LONG_LINE_WINDOW: usize = 400;

/// `at`, or the nearest character boundary of `text` before it (`text.len()` at most).
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
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

#[cfg(test)]
mod tests {
    use super::{LONG_LINE_WINDOW, relative_to, snippet};
    use crate::config::normalize;
    use crate::text::LineIndex;
    use std::path::Path;

    #[test]
    fn a_finding_on_a_very_long_line_keeps_a_window_of_it_from_the_finding_on() {
        let text = format!("x = 1\ny = [{}eval(q)]\nz = 2\n", "'é', ".repeat(50_000));
        let findings = crate::analyze("a.py", &text);
        let finding = findings
            .iter()
            .find(|f| f.rule_id.contains("eval"))
            .expect("eval is found");
        let cut = snippet(&LineIndex::new(&text), finding);
        assert_eq!(cut.first_line, 1);
        assert!(cut.text.starts_with("eval(q)]"), "{:?}", cut.text);
        assert!(cut.text.len() <= LONG_LINE_WINDOW);
        assert_eq!(cut.start_byte, finding.span.start_byte);
        // A line of ordinary length is kept whole.
        let short = "import os\nos.system(cmd)  # run\n";
        let findings = crate::analyze("b.py", short);
        let whole = snippet(&LineIndex::new(short), &findings[0]);
        assert_eq!(whole.text, "os.system(cmd)  # run");
    }

    #[test]
    fn another_file_is_named_from_the_reported_files_directory() {
        let shown = |given: &str, dir: &str, target: &str| {
            let relative = relative_to(Path::new(dir), Path::new(target))?;
            let base = Path::new(given).parent().unwrap();
            Some(normalize(&base.join(relative)))
        };
        let expect = |p: &str| Some(Path::new(p).to_path_buf());
        assert_eq!(
            shown("src/app.py", "/r/src", "/r/src/lib/c.py"),
            expect("src/lib/c.py")
        );
        assert_eq!(
            shown("src/web/app.py", "/r/src/web", "/r/src/lib/c.py"),
            expect("src/lib/c.py")
        );
        // Given from a sibling directory: the leading `..` stays.
        assert_eq!(
            shown("../a/app.py", "/r/a", "/r/b/c.py"),
            expect("../b/c.py")
        );
        assert_eq!(shown("../app.py", "/r", "/r/b/c.py"), expect("../b/c.py"));
        assert_eq!(shown("app.py", "/r/a", "/r/a/c.py"), expect("c.py"));
        // Only the file system's root in common: shown absolute by the caller.
        assert_eq!(relative_to(Path::new("/r/a"), Path::new("/s/c.py")), None);
    }
}
