//! One analysis of one document version, run on a blocking thread: incremental reparse, rules,
//! suppressions, and the changed-lines filter. Also the hook for background passes.

use super::baseline::{self, Baseline, ChangedLines};
use super::config::Settings;
use super::document::Snapshot;
use crate::analysis::{FileKind, Incomplete, IncompleteFile, parse_checked};
use crate::context::FileScope;
use crate::finding::Finding;
use crate::flow::project::{Project, Uses, within_noting};
use crate::rules::{RuleFindings, RuleSet};
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use tree_sitter::Tree;

/// Everything one analysis needs, owned, so no lock is held while it runs.
#[derive(Clone)]
pub struct Job {
    pub snapshot: Snapshot,
    pub rules: Arc<RuleSet>,
    pub baseline: Arc<Baseline>,
    /// The document's file context and the project's `[files]` policy, as `check` applies them.
    pub scope: Arc<FileScope>,
    /// Set when the document is closed: nobody will read the outcome, so the analysis stops at
    /// its next check ([`run_cancellable`]).
    pub cancel: Arc<AtomicBool>,
    /// The workspace the document lies in, with its path: calls of functions other files
    /// define are followed (`flow::project`), those files read from the open documents first.
    pub project: Option<(Arc<Project>, PathBuf)>,
}

pub struct Outcome {
    pub version: i32,
    /// The document revision analysed ([`Snapshot::revision`]).
    pub revision: u64,
    pub text: Arc<String>,
    pub tree: Option<Tree>,
    /// The rule findings before suppressions, kept for the next incremental re-check (or, when
    /// provisional, for the next per-item answer).
    pub rule_findings: Option<RuleFindings>,
    pub findings: Vec<Finding>,
    pub changed: ChangedLines,
    /// From the touched items alone ([`analyze_items`]): the full re-check is still to come.
    pub provisional: bool,
    /// What this analysis did not cover (nesting too deep, a work limit reached); `None` for a
    /// provisional answer, which does not know.
    pub incomplete: Option<Vec<Incomplete>>,
    /// The text holds NUL bytes (parsed as spaces).
    pub nul: bool,
    /// The other files of the workspace whose summaries a full analysis used (canonical paths):
    /// an edit of one of them re-checks this document. `None` for a provisional answer, which
    /// does not follow other files.
    pub uses: Option<Uses>,
}

/// The analysis the server runs; a function value so tests can substitute a failing one.
pub type Analyzer = fn(Job) -> Outcome;

/// Runs `analyzer` on `job` so that closing the document stops it early (see
/// [`crate::analysis::cancellable`]); the outcome is then incomplete, and the closed document's
/// worker throws it away.
pub fn run_cancellable(analyzer: Analyzer, job: Job) -> Outcome {
    let cancel = job.cancel.clone();
    crate::analysis::cancellable(&cancel, || analyzer(job))
}

/// Parses incrementally from the edited old tree, re-runs the rules where the edits reached
/// (all of them on a first analysis), applies suppressions and computes the lines that differ
/// from HEAD.
pub fn analyze(job: Job) -> Outcome {
    let Job {
        mut snapshot,
        rules,
        baseline,
        scope,
        cancel: _,
        project,
    } = job;
    if let Some(too_large) = scope.too_large(&snapshot.text) {
        return not_analysed(snapshot, too_large);
    }
    let language = snapshot.kind.language();
    let text = &snapshot.text;
    let parsed = language.map(|l| parse_checked(l, text, snapshot.old_tree.as_ref()));
    let mut incomplete = Vec::new();
    let (tree, masked) = match parsed {
        Some(parsed) => {
            incomplete = parsed.incomplete;
            (parsed.tree, parsed.masked)
        }
        None => (None, false),
    };
    let previous = snapshot.previous.take();
    let check = || match (language, &snapshot.old_tree, &tree, previous) {
        // A tree of a blanked text is no base for an incremental re-check.
        (Some(language), Some(old_tree), Some(tree), Some(previous)) if !masked => {
            // The document still shares them unless an edit came since: then this is the
            // last holder and nothing is copied.
            let previous = Arc::try_unwrap(previous).unwrap_or_else(|shared| (*shared).clone());
            rules.recheck(language, text, old_tree, tree, previous)
        }
        (language, _, tree, _) => rules.check_tracked(language, text, tree.as_ref()),
    };
    let (rule_findings, uses) = match &project {
        Some((project, path)) => within_noting(project, path, check),
        None => (check(), Uses::from(Vec::new())),
    };
    incomplete.extend_from_slice(rule_findings.incomplete());
    let findings = apply_suppressions(rule_findings.findings(), text, snapshot.kind);
    let findings = scope.keep(text, findings, &rules);
    let changed = baseline::changed_lines(&baseline, text);
    Outcome {
        version: snapshot.version,
        revision: snapshot.revision,
        text: snapshot.text.clone(),
        // The tree of a blanked text must not be edited and reused: the document keeps its
        // earlier tree, and the next parse of the blanked text starts over anyway.
        tree: tree.filter(|_| !masked),
        rule_findings: Some(rule_findings).filter(|_| !masked),
        findings,
        changed,
        provisional: false,
        incomplete: Some(incomplete),
        nul: snapshot.text.contains('\0'),
        uses: Some(uses),
    }
}

/// The outcome for a text that is not analysed at all (over the size limit): no findings, and
/// the reason, which the editor shows on line 1.
fn not_analysed(snapshot: Snapshot, reason: Incomplete) -> Outcome {
    Outcome {
        version: snapshot.version,
        revision: snapshot.revision,
        text: snapshot.text,
        tree: None,
        rule_findings: None,
        findings: Vec::new(),
        changed: ChangedLines::ALL,
        provisional: false,
        incomplete: Some(vec![reason]),
        nul: false,
        uses: Some(Uses::from(Vec::new())),
    }
}

/// Whether [`analyze_items`] can answer this job: the document has a parse and findings to
/// follow the edits since, and is not over the size limit.
pub fn items_apply(job: &Job) -> bool {
    let snapshot = &job.snapshot;
    job.scope.too_large(&snapshot.text).is_none()
        && snapshot.kind.language().is_some()
        && snapshot.old_tree.is_some()
        && latest_findings(snapshot).is_some_and(|p| p.edited())
}

/// The newest findings the per-item answer can start from: its own last answer, or the last
/// full analysis.
fn latest_findings(snapshot: &Snapshot) -> Option<&RuleFindings> {
    snapshot
        .provisional
        .as_deref()
        .or(snapshot.previous.as_deref())
}

/// The first, provisional answer after an edit: the top-level items it touched, parsed and
/// checked alone ([`RuleSet::check_items`]), with the earlier findings elsewhere. Its cost does
/// not grow with the text after the edit (an incremental reparse of Python can); the full
/// [`analyze`] follows and replaces it when they differ. `None` when it does not apply.
pub fn analyze_items(job: &Job) -> Option<Outcome> {
    let snapshot = &job.snapshot;
    let language = snapshot.kind.language()?;
    let text = &snapshot.text;
    let rule_findings = job.rules.check_items(
        language,
        text,
        snapshot.old_tree.as_ref()?,
        latest_findings(snapshot)?,
    )?;
    let findings = apply_suppressions(rule_findings.findings(), text, snapshot.kind);
    let findings = job.scope.keep(text, findings, &job.rules);
    let changed = baseline::changed_lines(&job.baseline, text);
    Some(Outcome {
        version: snapshot.version,
        revision: snapshot.revision,
        text: snapshot.text.clone(),
        tree: None,
        rule_findings: Some(rule_findings),
        findings,
        changed,
        provisional: true,
        incomplete: None,
        nul: false,
        uses: None,
    })
}

/// The one place suppression comments (`# slopguard: ignore[rule]`) are honoured for editor
/// diagnostics: the analysis core owns their semantics, as for `slopguard check`, including the
/// hint on a suppression that silences nothing.
pub fn apply_suppressions(findings: Vec<Finding>, text: &str, _kind: FileKind) -> Vec<Finding> {
    crate::analysis::suppress::apply_suppressions(text, findings)
}

/// What a background pass sees of one document version.
#[derive(Clone)]
pub struct PassInput {
    pub path: Option<PathBuf>,
    pub kind: FileKind,
    pub version: i32,
    pub text: Arc<String>,
    pub tree: Option<Tree>,
    pub settings: Arc<Settings>,
}

/// What one run of a background pass found.
#[derive(Debug, Default)]
pub struct PassOutput {
    pub findings: Vec<Finding>,
    /// What was wrong with the machine rather than the document (a registry cache that cannot be
    /// read or written): the user is told once per session, not on every document.
    pub setup_problems: Vec<IncompleteFile>,
}

impl From<Vec<Finding>> for PassOutput {
    fn from(findings: Vec<Finding>) -> Self {
        PassOutput {
            findings,
            setup_problems: Vec::new(),
        }
    }
}

/// A slower source of findings (registry lookups, new-dependency checks) that runs after the
/// rule diagnostics are published and whose findings are merged in when it resolves. It must
/// answer from its cache first and never block: it runs on the async runtime.
pub trait BackgroundPass: Send + Sync + 'static {
    /// A stable name; a document keeps the latest findings of each pass under it.
    fn name(&self) -> &'static str;

    fn run(&self, input: PassInput) -> Pin<Box<dyn Future<Output = PassOutput> + Send>>;
}
