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
//! ([`analyze_items`](super::analysis::analyze_items)), whose cost does not depend on the text
//! after the edit, and hands the full incremental analysis to the document's catch-up task
//! (`State::catch_up`).
//! That task wakes the worker with the full result of the current version, which publishes it
//! if it differs. When an edit arrived meanwhile, the result is not published but brought
//! forward through the edits since ([`Document::bring_forward`]) and the task goes on with the
//! newer version, re-checking only what changed since: under a burst of edits each full
//! analysis still costs what the edits it missed touched. The last publish after the last edit
//! is always the full analysis. The per-item answers start from the previous per-item answer
//! (edited since), so their cost does not grow while the full analysis lags.
//!
//! This file holds the state and what handlers call; `state/worker.rs` the worker, the
//! catch-up task and the state's methods they alone use.

use super::analysis::{Analyzer, BackgroundPass};
use super::background::BackgroundThreads;
use super::baseline::Baseline;
use super::config::{ProjectConfig, Settings};
use super::diagnostics::{AnalysisNotes, DocFindings, SourceFindings, visible};
use super::document::Document;
use super::memory::Trimmer;
use super::outbox::Outbox;
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

mod dependents;
mod project;
mod worker;

use worker::worker;

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
    /// Set when this opening ends (closed, or opened again): its analyses stop early.
    cancel: Arc<AtomicBool>,
    /// What the last full analysis could not cover, shown until the next one says otherwise
    /// (a provisional answer does not know).
    notes: AnalysisNotes,
    /// The notes last logged, so each change is logged once, not on every keystroke.
    logged: AnalysisNotes,
    /// The other files of the workspace whose summaries the last full analysis used
    /// (`state/dependents.rs`): a change of one re-checks this document.
    uses: crate::flow::project::Uses,
    /// The revision whose change was last passed on to the documents that use this one.
    dependents_for: Option<u64>,
    /// A re-check for a changed file it uses is asked for, and one is running.
    imports_pending: Arc<AtomicBool>,
    imports_running: Arc<AtomicBool>,
}

/// What requests need to answer from a document: its analysed state at the current version.
impl DocState {
    /// Asks the document's worker to bring its diagnostics up to date.
    pub fn wake_worker(&self) {
        self.wake.notify_one();
    }

    /// Ends this opening of the document (removed from the store by the caller): its running
    /// analyses stop at their next check, and its worker ends when woken.
    pub fn close(&self) {
        self.cancel.store(true, Ordering::Relaxed);
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
    /// Where diagnostics go, serialized directly (see [`super::outbox`]).
    outbox: Outbox,
    pub docs: DashMap<Uri, DocState>,
    pub settings: RwLock<Arc<Settings>>,
    pub rules: RwLock<Arc<RuleSet>>,
    pub root: RwLock<Option<PathBuf>>,
    /// The workspace as flow sees it across files, with the summaries made so far
    /// (`state/project.rs`).
    workspace: RwLock<Option<Arc<crate::flow::project::Project>>>,
    pub project: RwLock<ProjectConfig>,
    pub passes: Vec<Arc<dyn BackgroundPass>>,
    pub analyzer: Analyzer,
    /// Bounds concurrent analyses to the cores: opening 200 files must not start 200 threads,
    /// each with its own parsers.
    analysis_slots: Arc<Semaphore>,
    /// Bounds the first answers after an edit (the touched items alone, a few milliseconds)
    /// separately: queued behind full analyses (a large file's catch-up, a closed document's
    /// analysis still running, a workspace of files opening) they waited for whole seconds.
    answer_slots: Arc<Semaphore>,
    /// The lower-priority threads the catch-up analyses run on (`background.rs`), within
    /// `analysis_slots`.
    background: BackgroundThreads,
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
        outbox: Outbox,
        rules: Arc<RuleSet>,
        analyzer: Analyzer,
        passes: Vec<Arc<dyn BackgroundPass>>,
    ) -> State {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        State {
            client,
            outbox,
            docs: DashMap::new(),
            settings: RwLock::new(Arc::new(Settings::default())),
            rules: RwLock::new(rules),
            root: RwLock::new(None),
            workspace: RwLock::new(None),
            project: RwLock::new(ProjectConfig::default()),
            passes,
            analyzer,
            analysis_slots: Arc::new(Semaphore::new(cores)),
            answer_slots: Arc::new(Semaphore::new(cores)),
            pass_slots: Arc::new(Semaphore::new(cores)),
            background: BackgroundThreads::new(cores),
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

    /// Sends the document's diagnostics (`version` of `None`: not tied to a version).
    pub async fn publish(&self, uri: &Uri, version: Option<i32>, diagnostics: &[Diagnostic]) {
        self.outbox
            .send(&publish_diagnostics(uri, version, diagnostics))
            .await;
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
        let replaced = self.docs.insert(
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
                cancel: Arc::new(AtomicBool::new(false)),
                notes: AnalysisNotes::default(),
                logged: AnalysisNotes::default(),
                uses: Arc::from(Vec::new()),
                dependents_for: None,
                imports_pending: Arc::new(AtomicBool::new(false)),
                imports_running: Arc::new(AtomicBool::new(false)),
            },
        );
        if let Some(replaced) = replaced {
            replaced.close();
        }
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
        text: Arc<String>,
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
}

/// The body of a `textDocument/publishDiagnostics` notification, serialized from borrowed
/// diagnostics: the worker compares it with what it sent last and sends it only if it differs.
pub fn publish_diagnostics<D: serde::Serialize>(
    uri: &Uri,
    version: Option<i32>,
    diagnostics: &[D],
) -> Vec<u8> {
    #[derive(serde::Serialize)]
    struct Params<'a, D> {
        uri: &'a Uri,
        diagnostics: &'a [D],
        #[serde(skip_serializing_if = "Option::is_none")]
        version: Option<i32>,
    }
    Outbox::notification(
        "textDocument/publishDiagnostics",
        Params {
            uri,
            diagnostics,
            version,
        },
    )
}
