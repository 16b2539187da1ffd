//! The server's shared state (open documents, settings, rules) and the per-document worker
//! that turns edits into published diagnostics.
//!
//! Ordering is the central concern. Handlers run concurrently, so `didChange` applies its edit
//! to the store synchronously, before any `.await`, and then only wakes the document's worker.
//! Each open document has exactly one worker task, which analyses the latest version whenever
//! woken (a burst of edits coalesces into one analysis) and publishes only if that version is
//! still current. Because one task publishes for a document, publishes are in version order.
//!
//! After an edit the worker first answers from the touched top-level items alone
//! ([`analysis::analyze_items`]), whose cost does not depend on the text after the edit, and
//! hands the full incremental analysis to the document's catch-up task (`State::catch_up`).
//! That task wakes the worker with the full result of the current version, which publishes it
//! if it differs. When an edit arrived meanwhile, the result is not published but brought
//! forward through the edits since ([`Document::bring_forward`]) and the task goes on with the
//! newer version, re-checking only what changed since: under a burst of edits each full
//! analysis still costs what the edits it missed touched. The last publish after the last edit
//! is always the full analysis. The per-item answers start from the previous per-item answer
//! (edited since), so their cost does not grow while the full analysis lags.

use super::analysis::{self, Analyzer, BackgroundPass, Job, Outcome, PassInput};
use super::baseline::{self, Baseline};
use super::config::{ProjectConfig, Settings};
use super::diagnostics::{
    AnalysisNotes, DocFindings, SourceFindings, note_diagnostics, to_diagnostic, visible,
};
use super::document::Document;
use super::memory::{TREES_KEPT, Trimmer};
use crate::analysis::{FileKind, IncompleteFile};
use crate::context::FileScope;
use crate::finding::Finding;
use crate::rules::RuleSet;
use dashmap::DashMap;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;
use tokio::sync::{Notify, Semaphore, watch};
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{Diagnostic, MessageType, Uri};

/// How long a request waits for the analysis of the current version before answering from
/// nothing (a pathological file must not hang the editor's code-action menu).
const WAIT_FOR_ANALYSIS: Duration = Duration::from_secs(5);

/// How long a document must stay unchanged before the background passes run on it. They read
/// the whole document (a fresh parse, the project's manifests) and may wait on the network, and
/// a package name rarely changes between two keystrokes: run on every edit, they piled up while
/// typing and took the cores from the rule diagnostics.
const PASS_QUIET_PERIOD: Duration = Duration::from_millis(200);

pub struct DocState {
    pub doc: Document,
    pub path: Option<PathBuf>,
    /// `None` until the git baseline has been read (by the worker, off the request path).
    baseline: Option<Arc<Baseline>>,
    /// `None` until the file's context and the project's `[files]` policy have been read.
    scope: Option<Arc<FileScope>>,
    pub findings: DocFindings,
    /// The last version the worker finished with; requests wait on it.
    analysed: watch::Sender<i32>,
    wake: Arc<Notify>,
    /// Identifies this opening of the document: a worker of an earlier opening stops.
    open_id: u64,
    /// The code findings of the current version came from the touched items alone: the full
    /// analysis is still to come.
    provisional: bool,
    /// Whether the catch-up task (full analysis after a provisional answer) is running.
    catching_up: Arc<AtomicBool>,
    /// What the last full analysis could not cover, shown until the next one says otherwise
    /// (a provisional answer does not know).
    notes: AnalysisNotes,
    /// The notes last logged, so each change is logged once, not on every keystroke.
    logged: AnalysisNotes,
}

/// What requests need to answer from a document: its analysed state at the current version.
impl DocState {
    /// Asks the document's worker to bring its diagnostics up to date.
    pub fn wake_worker(&self) {
        self.wake.notify_one();
    }
}

pub struct DocView {
    pub uri: Uri,
    pub kind: FileKind,
    pub version: i32,
    pub text: String,
    pub lines: super::position::LineStarts,
    pub findings: Vec<Finding>,
}

pub struct State {
    pub client: Client,
    pub docs: DashMap<Uri, DocState>,
    pub settings: RwLock<Arc<Settings>>,
    pub rules: RwLock<Arc<RuleSet>>,
    pub root: RwLock<Option<PathBuf>>,
    pub project: RwLock<ProjectConfig>,
    pub passes: Vec<Arc<dyn BackgroundPass>>,
    pub analyzer: Analyzer,
    /// Bounds concurrent analyses to the cores: opening 200 files must not start 200 threads,
    /// each with its own parsers.
    analysis_slots: Arc<Semaphore>,
    /// Bounds concurrent background passes the same way (each reads and parses a whole
    /// document); they queue behind each other, never behind or in front of rule analyses.
    pass_slots: Arc<Semaphore>,
    /// False until the first rule load finished: documents wait rather than publish empty
    /// diagnostics that would then change.
    rules_ready: AtomicBool,
    next_open_id: AtomicU64,
    /// The setup problems already shown to the user (by path and kind): once per session each.
    setup_problems_shown: Mutex<HashSet<(String, &'static str)>>,
    /// Returns memory to the system after documents close or give up their trees.
    pub trimmer: Trimmer,
}

impl State {
    pub fn new(
        client: Client,
        rules: Arc<RuleSet>,
        analyzer: Analyzer,
        passes: Vec<Arc<dyn BackgroundPass>>,
    ) -> State {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        State {
            client,
            docs: DashMap::new(),
            settings: RwLock::new(Arc::new(Settings::default())),
            rules: RwLock::new(rules),
            root: RwLock::new(None),
            project: RwLock::new(ProjectConfig::default()),
            passes,
            analyzer,
            analysis_slots: Arc::new(Semaphore::new(cores)),
            pass_slots: Arc::new(Semaphore::new(cores)),
            rules_ready: AtomicBool::new(false),
            next_open_id: AtomicU64::new(1),
            setup_problems_shown: Mutex::default(),
            trimmer: Trimmer::default(),
        }
    }

    pub fn settings(&self) -> Arc<Settings> {
        self.settings
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn set_rules_ready(&self) {
        self.rules_ready.store(true, Ordering::Release);
    }

    pub fn rules(&self) -> Arc<RuleSet> {
        self.rules.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub async fn log(&self, typ: MessageType, message: impl std::fmt::Display) {
        self.client.log_message(typ, message).await;
    }

    /// Tells the user about a problem with the machine's setup (an unusable registry cache):
    /// logged, and shown as a warning the first time in the session, since it concerns every
    /// document and editing one cannot fix it.
    pub async fn report_setup_problem(&self, problem: &IncompleteFile) {
        let key = (problem.path.clone(), problem.reason.kind());
        let first = self
            .setup_problems_shown
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key);
        if !first {
            return;
        }
        let message = format!(
            "slopguard: {problem}; registry answers are asked again and not kept until it is fixed"
        );
        self.log(MessageType::WARNING, &message).await;
        self.client
            .show_message(MessageType::WARNING, message)
            .await;
    }

    /// Registers an opened document and starts its worker. Synchronous up to the spawn.
    pub fn open(self: &Arc<Self>, uri: Uri, version: i32, text: String) {
        let path = uri.to_file_path().map(|p| p.into_owned());
        let kind = path.as_deref().map_or(FileKind::Text, FileKind::from_path);
        let open_id = self.next_open_id.fetch_add(1, Ordering::Relaxed);
        let wake = Arc::new(Notify::new());
        let (analysed, _) = watch::channel(i32::MIN);
        self.docs.insert(
            uri.clone(),
            DocState {
                doc: Document::new(kind, version, text),
                path,
                baseline: None,
                scope: None,
                findings: DocFindings::default(),
                analysed,
                wake: wake.clone(),
                open_id,
                provisional: false,
                catching_up: Arc::new(AtomicBool::new(false)),
                notes: AnalysisNotes::default(),
                logged: AnalysisNotes::default(),
            },
        );
        wake.notify_one();
        tokio::spawn(worker(self.clone(), uri, open_id, wake));
    }

    /// Wakes every document's worker (after a settings, rules or config change).
    pub fn reanalyse_all(&self, reload_baselines: bool) {
        for mut entry in self.docs.iter_mut() {
            if reload_baselines {
                entry.baseline = None;
            }
            // `[files]` or `.gitattributes` may have changed: cheap to read again.
            entry.scope = None;
            entry.findings.code = None;
            entry.wake.notify_one();
        }
    }

    pub fn reload_baseline(&self, uri: &Uri) {
        if let Some(mut entry) = self.docs.get_mut(uri) {
            entry.baseline = None;
            entry.findings.code = None;
            entry.wake.notify_one();
        }
    }

    /// Waits until the document's current version is analysed, then returns what requests need.
    pub async fn view(&self, uri: &Uri) -> Option<DocView> {
        let (mut analysed, version) = {
            let entry = self.docs.get(uri)?;
            (entry.analysed.subscribe(), entry.doc.version)
        };
        let ready = analysed.wait_for(|done| *done >= version);
        if tokio::time::timeout(WAIT_FOR_ANALYSIS, ready)
            .await
            .is_err()
        {
            self.log(
                MessageType::WARNING,
                format!("analysis of {} is slow; answering without it", uri.as_str()),
            )
            .await;
        }
        let settings = self.settings();
        let entry = self.docs.get(uri)?;
        let doc = &entry.doc;
        let findings = visible(
            &entry.findings,
            doc.version,
            doc.text(),
            doc.lines(),
            &settings,
        );
        Some(DocView {
            uri: uri.clone(),
            kind: doc.kind,
            version: doc.version,
            text: doc.text().to_string(),
            lines: doc.lines().clone(),
            findings,
        })
    }

    /// Merges the findings a background pass produced for `version` and republishes.
    pub fn merge_pass(
        &self,
        uri: &Uri,
        pass: &str,
        version: i32,
        text: Arc<str>,
        findings: Vec<Finding>,
    ) {
        let Some(mut entry) = self.docs.get_mut(uri) else {
            return;
        };
        let newer_known = entry
            .findings
            .extra
            .get(pass)
            .is_some_and(|s| s.version > version);
        if newer_known {
            return;
        }
        entry.findings.extra.insert(
            pass.to_string(),
            SourceFindings {
                version,
                text,
                findings,
            },
        );
        entry.wake.notify_one();
    }

    /// The job for the document's current version, or `None` when it is closed (or reopened).
    fn job(&self, uri: &Uri, open_id: u64) -> Option<Step> {
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
        })))
    }

    /// Stores an outcome if its revision is still current; returns whether it was. A full
    /// analysis of an earlier revision is not published, but its tree and findings are brought
    /// forward through the edits since, so the next analysis starts from them.
    fn store(&self, uri: &Uri, open_id: u64, outcome: Outcome) -> bool {
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
    /// (see [`super::memory`]). Called after an analysis stored a tree; takes each entry's lock
    /// alone, so it must be called with none held.
    fn keep_trees_bounded(&self) {
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

    /// The diagnostics of the current version, if it has been analysed.
    fn diagnostics(&self, uri: &Uri) -> Option<(i32, Vec<Diagnostic>)> {
        let settings = self.settings();
        let rules = self.rules();
        let entry = self.docs.get(uri)?;
        let doc = &entry.doc;
        entry
            .findings
            .code
            .as_ref()
            .filter(|c| c.version == doc.version)?;
        let diagnostics = if settings.enable {
            let mut diagnostics: Vec<Diagnostic> = visible(
                &entry.findings,
                doc.version,
                doc.text(),
                doc.lines(),
                &settings,
            )
            .iter()
            .map(|f| to_diagnostic(f, doc.text(), doc.lines(), &rules, Some(uri)))
            .collect();
            diagnostics.extend(note_diagnostics(&entry.notes));
            diagnostics
        } else {
            Vec::new()
        };
        Some((doc.version, diagnostics))
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

    /// Runs `work` on a blocking thread once an analysis slot is free.
    async fn in_slot<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, tokio::task::JoinError> {
        let slot = self.analysis_slots.clone().acquire_owned().await;
        tokio::task::spawn_blocking(move || {
            let _slot = slot;
            work()
        })
        .await
    }

    /// The full analysis of the current version, if its code findings are provisional.
    fn catch_up_job(&self, uri: &Uri, open_id: u64) -> Option<Job> {
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
                    let result = state.in_slot(move || analyzer(job)).await;
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
    let root = super::registry_pass::project_root(path);
    let (policy, max_size) = match crate::config::Config::discover(&root) {
        Ok(config) => (config.files, config.max_file_size),
        Err(_) => (Default::default(), crate::config::DEFAULT_MAX_FILE_SIZE),
    };
    FileScope::load(&root, path, policy, max_size)
}

/// The loop that keeps one open document's diagnostics current. See the module comment.
async fn worker(state: Arc<State>, uri: Uri, open_id: u64, wake: Arc<Notify>) {
    let mut last_published: Option<(i32, Vec<Diagnostic>)> = None;
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
                        .in_slot(move || analysis::analyze_items((*job).clone()).ok_or(job))
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
            let Some(current) = state.diagnostics(&uri) else {
                continue;
            };
            for note in state.notes_to_log(&uri).unwrap_or_default() {
                state.log(MessageType::WARNING, note).await;
            }
            if last_published.as_ref() != Some(&current) {
                state
                    .client
                    .publish_diagnostics(uri.clone(), current.1.clone(), Some(current.0))
                    .await;
                last_published = Some(current);
            }
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
    match state.in_slot(move || analyzer(job)).await {
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
