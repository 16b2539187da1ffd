//! The per-document worker: the loop that loads a document's baseline and scope, analyses its
//! latest version (first the touched items, then in full on the catch-up task) and publishes;
//! and the state's methods only it uses. The ordering it keeps is described in [`super`].

use super::{PASS_QUIET_PERIOD, State};
use crate::context::FileScope;
use crate::lsp::analysis::{self, Job, Outcome, PassInput};
use crate::lsp::background::TaskPanicked;
use crate::lsp::baseline::{self, Baseline};
use crate::lsp::diagnostics::{
    AnalysisNotes, SourceFindings, WireDiagnostic, note_diagnostics, visible_borrowed,
};
use crate::lsp::memory::TREES_KEPT;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use tokio::sync::{Notify, Semaphore};
use tower_lsp_server::ls_types::{Diagnostic, MessageType, Uri};

impl State {
    /// The job for the document's current version, or `None` when it is closed (or reopened).
    fn job(&self, uri: &Uri, open_id: u64) -> Option<Step> {
        // Before holding the document's entry: reading the store takes every shard.
        let project = self.project_for(uri);
        let entry = self.docs.get(uri).filter(|e| e.open_id == open_id)?;
        let version = entry.doc.version;
        if entry
            .findings
            .code
            .as_ref()
            .is_some_and(|c| c.version == version)
        {
            return Some(Step::Publish);
        }
        let Some(baseline) = entry.baseline.clone() else {
            return Some(Step::LoadBaseline(entry.path.clone()));
        };
        let Some(scope) = entry.scope.clone() else {
            return Some(Step::LoadScope(entry.path.clone()));
        };
        if !self.rules_ready.load(Ordering::Acquire) {
            return Some(Step::WaitForRules);
        }
        Some(Step::Analyse(Box::new(Job {
            snapshot: entry.doc.snapshot(),
            rules: self.rules(),
            baseline,
            scope,
            cancel: entry.cancel.clone(),
            project,
        })))
    }

    /// Stores an outcome if its revision is still current; returns whether it was. A full
    /// analysis of an earlier revision is not published, but its tree and findings are brought
    /// forward through the edits since, so the next analysis starts from them.
    pub(super) fn store(&self, uri: &Uri, open_id: u64, outcome: Outcome) -> bool {
        let Some(mut entry) = self.docs.get_mut(uri).filter(|e| e.open_id == open_id) else {
            return false;
        };
        if entry.doc.revision() != outcome.revision {
            if let (false, Some(tree)) = (outcome.provisional, outcome.tree) {
                entry
                    .doc
                    .bring_forward(outcome.revision, tree, outcome.rule_findings);
            }
            return false;
        }
        let current = |c: &SourceFindings| c.version == outcome.version;
        if outcome.provisional
            && !entry.provisional
            && entry.findings.code.as_ref().is_some_and(current)
        {
            return true; // the full analysis of this version finished first
        }
        entry.provisional = outcome.provisional;
        if let Some(uses) = outcome.uses {
            entry.uses = uses;
        }
        if let Some(incomplete) = outcome.incomplete {
            entry.notes = AnalysisNotes {
                incomplete,
                nul: outcome.nul,
            };
        }
        match (outcome.provisional, outcome.tree, outcome.rule_findings) {
            (true, _, Some(findings)) => entry.doc.store_provisional(outcome.revision, findings),
            (false, Some(tree), findings) => {
                entry.doc.bring_forward(outcome.revision, tree, findings);
            }
            _ => {}
        }
        entry.findings.changed = Some((outcome.version, outcome.changed));
        entry.findings.code = Some(SourceFindings {
            version: outcome.version,
            text: outcome.text,
            findings: outcome.findings,
        });
        true
    }

    /// Drops the syntax trees of all but the [`TREES_KEPT`] most recently changed documents
    /// (see [`crate::lsp::memory`]). Called after an analysis stored a tree; takes each entry's lock
    /// alone, so it must be called with none held.
    pub(super) fn keep_trees_bounded(&self) {
        let mut holding: Vec<(std::time::Instant, Uri)> = self
            .docs
            .iter()
            .filter(|entry| entry.doc.has_tree())
            .map(|entry| (entry.doc.changed_at(), entry.key().clone()))
            .collect();
        if holding.len() <= TREES_KEPT {
            return;
        }
        holding.sort_by_key(|(changed_at, _)| std::cmp::Reverse(*changed_at));
        for (_, uri) in &holding[TREES_KEPT..] {
            if let Some(mut entry) = self.docs.get_mut(uri) {
                entry.doc.forget_tree();
            }
        }
        self.trimmer.schedule();
    }

    /// The `publishDiagnostics` body of the current version, if it has been analysed, serialized
    /// under the document's lock straight from its findings.
    fn publication(&self, uri: &Uri) -> Option<Vec<u8>> {
        /// A finding, or a note on what the analysis did not cover.
        #[derive(serde::Serialize)]
        #[serde(untagged)]
        enum Wire<'a> {
            Finding(WireDiagnostic<'a>),
            Note(Diagnostic),
        }
        let settings = self.settings();
        let rules = self.rules();
        let entry = self.docs.get(uri)?;
        let doc = &entry.doc;
        entry
            .findings
            .code
            .as_ref()
            .filter(|c| c.version == doc.version)?;
        let mut diagnostics = Vec::new();
        if settings.enable {
            let (text, lines) = (doc.text(), doc.lines());
            diagnostics.extend(
                visible_borrowed(&entry.findings, doc.version, text, lines, &settings)
                    .into_iter()
                    .map(|(f, severity)| {
                        Wire::Finding(WireDiagnostic::new(
                            f,
                            severity,
                            text,
                            lines,
                            &rules,
                            Some(uri),
                        ))
                    }),
            );
            diagnostics.extend(note_diagnostics(&entry.notes).into_iter().map(Wire::Note));
        }
        Some(super::publish_diagnostics(
            uri,
            Some(doc.version),
            &diagnostics,
        ))
    }

    /// The document's analysis notes, if they changed since they were last logged.
    fn notes_to_log(&self, uri: &Uri) -> Option<Vec<String>> {
        let mut entry = self.docs.get_mut(uri)?;
        if entry.notes == entry.logged {
            return None;
        }
        entry.logged = entry.notes.clone();
        if entry.notes.is_empty() {
            return None;
        }
        Some(
            entry
                .notes
                .messages()
                .into_iter()
                .map(|(_, _, message)| format!("{message} ({})", uri.as_str()))
                .collect(),
        )
    }

    /// Runs `work` (a full analysis) on a blocking thread once an analysis slot is free.
    async fn in_slot<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, tokio::task::JoinError> {
        Self::on_blocking_thread(&self.analysis_slots, work).await
    }

    /// Runs `work` (the catch-up after a first answer) on a lower-priority background thread
    /// once an analysis slot is free: the next edit's first answer takes the core first.
    pub(super) async fn in_background_slot<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, TaskPanicked> {
        let _slot = self.analysis_slots.clone().acquire_owned().await;
        self.background.run(work).await
    }

    /// Runs `work` (a first answer from the touched items) on a blocking thread once an answer
    /// slot is free: never behind full analyses.
    async fn in_answer_slot<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, tokio::task::JoinError> {
        Self::on_blocking_thread(&self.answer_slots, work).await
    }

    async fn on_blocking_thread<T: Send + 'static>(
        slots: &Arc<Semaphore>,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, tokio::task::JoinError> {
        let slot = slots.clone().acquire_owned().await;
        tokio::task::spawn_blocking(move || {
            let _slot = slot;
            work()
        })
        .await
    }

    /// The full analysis of the current version, if its code findings are provisional.
    fn catch_up_job(&self, uri: &Uri, open_id: u64) -> Option<Job> {
        let project = self.project_for(uri);
        let entry = self.docs.get(uri).filter(|e| e.open_id == open_id)?;
        let version = entry.doc.version;
        let code = entry.findings.code.as_ref()?;
        if !entry.provisional || code.version != version {
            return None;
        }
        Some(Job {
            snapshot: entry.doc.snapshot(),
            rules: self.rules(),
            baseline: entry.baseline.clone()?,
            scope: entry.scope.clone()?,
            cancel: entry.cancel.clone(),
            project,
        })
    }

    /// Runs the full analysis after a provisional answer, in a task of its own so the worker
    /// keeps answering edits meanwhile; at most one per document.
    fn catch_up(self: &Arc<Self>, uri: &Uri, open_id: u64) {
        let Some(entry) = self.docs.get(uri).filter(|e| e.open_id == open_id) else {
            return;
        };
        let (running, wake) = (entry.catching_up.clone(), entry.wake.clone());
        drop(entry);
        if running.swap(true, Ordering::AcqRel) {
            return;
        }
        let (state, uri) = (self.clone(), uri.clone());
        tokio::spawn(async move {
            loop {
                while let Some(job) = state.catch_up_job(&uri, open_id) {
                    let version = job.snapshot.version;
                    let analyzer = state.analyzer;
                    let result = state
                        .in_background_slot(move || analysis::run_cancellable(analyzer, job))
                        .await;
                    let Ok(outcome) = result else {
                        // Keep the provisional findings; the next edit tries again.
                        if let Some(mut entry) = state.docs.get_mut(&uri) {
                            entry.provisional = false;
                        }
                        state
                            .log(
                                MessageType::ERROR,
                                format!(
                                    "slopguard: analysis of {} failed; the server carries on",
                                    uri.as_str()
                                ),
                            )
                            .await;
                        break;
                    };
                    if state.store(&uri, open_id, outcome) {
                        state.keep_trees_bounded();
                        start_passes(&state, &uri, version);
                        wake.notify_one();
                    }
                }
                running.store(false, Ordering::Release);
                // A provisional answer stored just before the flag fell found it still set.
                if state.catch_up_job(&uri, open_id).is_none()
                    || running.swap(true, Ordering::AcqRel)
                {
                    return;
                }
            }
        });
    }

    fn mark_analysed(&self, uri: &Uri, open_id: u64, version: i32) {
        if let Some(entry) = self.docs.get(uri).filter(|e| e.open_id == open_id) {
            entry.analysed.send_if_modified(|done| {
                let newer = version > *done;
                if newer {
                    *done = version;
                }
                newer
            });
        }
    }

    /// The input of the background passes, if `version` is still the document's current one
    /// and was analysed (they read the whole text too: not one over the size limit).
    fn pass_input(&self, uri: &Uri, version: i32) -> Option<PassInput> {
        let entry = self.docs.get(uri).filter(|e| e.doc.version == version)?;
        if entry.notes.too_large() {
            return None;
        }
        let code = entry
            .findings
            .code
            .as_ref()
            .filter(|c| c.version == version)?;
        Some(PassInput {
            path: entry.path.clone(),
            kind: entry.doc.kind,
            version,
            text: code.text.clone(),
            tree: None,
            settings: self.settings(),
        })
    }
}

enum Step {
    LoadBaseline(Option<PathBuf>),
    /// Read the document's file context and the project's `[files]` policy.
    LoadScope(Option<PathBuf>),
    /// Rules are still loading; their arrival wakes every worker.
    WaitForRules,
    Analyse(Box<Job>),
    Publish,
}

/// The scope of the document at `path` in its project: `.gitattributes`, and `slopguard.toml`'s
/// `[files]` and `max-file-size` (the defaults when there is none or it is invalid).
fn load_scope(path: &std::path::Path) -> FileScope {
    let root = crate::lsp::registry_pass::project_root(path);
    let (policy, max_size) = match crate::config::Config::discover(&root) {
        Ok(config) => (config.files, config.max_file_size),
        Err(_) => (Default::default(), crate::config::DEFAULT_MAX_FILE_SIZE),
    };
    FileScope::load(&root, path, policy, max_size)
}

/// The loop that keeps one open document's diagnostics current. See the module comment.
pub(super) async fn worker(state: Arc<State>, uri: Uri, open_id: u64, wake: Arc<Notify>) {
    // The body last sent: an analysis that changes nothing sends nothing.
    let mut last_published: Option<Vec<u8>> = None;
    loop {
        wake.notified().await;
        // Set when the per-item answer failed: this round answers with the full analysis.
        let mut items_failed = false;
        loop {
            let Some(step) = state.job(&uri, open_id) else {
                return;
            };
            match step {
                Step::LoadBaseline(path) => {
                    let only_changed = state.settings().only_changed_lines;
                    let (loaded, note) = match path {
                        Some(path) if only_changed => {
                            tokio::task::spawn_blocking(move || baseline::load(&path))
                                .await
                                .unwrap_or((Baseline::None, None))
                        }
                        _ => (Baseline::None, None),
                    };
                    if let Some(note) = note {
                        state.log(MessageType::INFO, note).await;
                    }
                    if let Some(mut entry) =
                        state.docs.get_mut(&uri).filter(|e| e.open_id == open_id)
                    {
                        entry.baseline = Some(Arc::new(loaded));
                    }
                    continue;
                }
                Step::LoadScope(path) => {
                    let scope = match path {
                        Some(path) => tokio::task::spawn_blocking(move || load_scope(&path))
                            .await
                            .unwrap_or_default(),
                        None => FileScope::default(),
                    };
                    if let Some(mut entry) =
                        state.docs.get_mut(&uri).filter(|e| e.open_id == open_id)
                    {
                        entry.scope = Some(Arc::new(scope));
                    }
                    continue;
                }
                Step::Analyse(job) if !items_failed && analysis::items_apply(&job) => {
                    let version = job.snapshot.version;
                    let quick = state
                        .in_answer_slot(move || analysis::analyze_items(&job).ok_or(job))
                        .await;
                    match quick {
                        Ok(Ok(outcome)) => {
                            if !state.store(&uri, open_id, outcome) {
                                continue; // a newer version arrived meanwhile
                            }
                            state.mark_analysed(&uri, open_id, version);
                            state.catch_up(&uri, open_id);
                        }
                        // The items alone cannot answer: the full analysis does, here.
                        Ok(Err(job)) => match analyse_fully(&state, &uri, open_id, *job).await {
                            Analysed::Stored => {}
                            Analysed::Stale => continue,
                            Analysed::Failed => break,
                        },
                        Err(_) => {
                            items_failed = true;
                            continue;
                        }
                    }
                }
                Step::Analyse(job) => match analyse_fully(&state, &uri, open_id, *job).await {
                    Analysed::Stored => {}
                    Analysed::Stale => continue,
                    Analysed::Failed => break,
                },
                Step::WaitForRules => break,
                Step::Publish => {}
            }
            // Publish the current version, unless an edit arrived meanwhile (then analyse again).
            let Some(current) = state.publication(&uri) else {
                continue;
            };
            for note in state.notes_to_log(&uri).unwrap_or_default() {
                state.log(MessageType::WARNING, note).await;
            }
            if last_published.as_ref() != Some(&current) {
                state.outbox.send(&current).await;
                last_published = Some(current);
            }
            // After its own publish: the documents calling into this one are re-checked.
            state.after_publish(&uri, open_id);
            break;
        }
    }
}

/// What became of one analysis the worker ran.
enum Analysed {
    /// Stored for the current version: publish.
    Stored,
    /// A newer version arrived meanwhile: analyse again.
    Stale,
    /// The analysis failed (logged): wait for the next edit.
    Failed,
}

/// Runs the full analysis of `job` in the worker and stores it.
async fn analyse_fully(state: &Arc<State>, uri: &Uri, open_id: u64, job: Job) -> Analysed {
    let version = job.snapshot.version;
    let analyzer = state.analyzer;
    match state
        .in_slot(move || analysis::run_cancellable(analyzer, job))
        .await
    {
        Ok(outcome) => {
            if !state.store(uri, open_id, outcome) {
                return Analysed::Stale;
            }
        }
        Err(error) => {
            state
                .log(
                    MessageType::ERROR,
                    format!(
                        "slopguard: analysis of {} failed ({error}); the server carries on",
                        uri.as_str()
                    ),
                )
                .await;
            state.mark_analysed(uri, open_id, version);
            return Analysed::Failed;
        }
    }
    state.mark_analysed(uri, open_id, version);
    state.keep_trees_bounded();
    start_passes(state, uri, version);
    Analysed::Stored
}

/// Runs the background passes on `version` once the document has stayed at that version for
/// [`PASS_QUIET_PERIOD`]; a burst of edits runs them once, on its last version.
fn start_passes(state: &Arc<State>, uri: &Uri, version: i32) {
    if state.passes.is_empty() {
        return;
    }
    let (state, uri) = (state.clone(), uri.clone());
    tokio::spawn(async move {
        tokio::time::sleep(PASS_QUIET_PERIOD).await;
        let Some(input) = state.pass_input(&uri, version) else {
            return; // edited meanwhile, or closed: a later version's passes will run
        };
        for pass in &state.passes {
            let (state, pass, uri, input) =
                (state.clone(), pass.clone(), uri.clone(), input.clone());
            tokio::spawn(async move {
                let Ok(_slot) = state.pass_slots.clone().acquire_owned().await else {
                    return;
                };
                let text = input.text.clone();
                let output = pass.run(input).await;
                for problem in &output.setup_problems {
                    state.report_setup_problem(problem).await;
                }
                state.merge_pass(&uri, pass.name(), version, text, output.findings);
            });
        }
    });
}
