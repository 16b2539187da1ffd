//! Re-checking the documents that call into a changed file (`flow::project`).
//!
//! A full analysis notes the other files of the workspace whose summaries it used, directly or
//! through the files those call into ([`DocState::uses`](super::DocState), from
//! `flow::project::within_noting`): the reverse-dependency map is that list per open document,
//! read when a file changes. When a document's own full analysis of a new revision has been
//! published (so the edited document's diagnostics never wait on this), or a file on disk
//! changes (`workspace/didChangeWatchedFiles`), or a document closes (its callers read the disk
//! again), the open documents that used it are analysed again in full, on the lower-priority
//! background threads the catch-up uses, after a quiet period (a burst of keystrokes re-checks
//! them once), and re-published when their findings changed.
//!
//! The work is bounded: only documents whose last analysis read the changed file are re-checked,
//! at most one re-check per document is queued or running at a time, and a chain is not
//! followed from dependent to dependent: a document's list already holds every file its
//! summaries were made from, up to the depth summaries follow (`flow::project::MAX_CHAIN`).

use super::State;
use crate::flow::project::canonical_path;
use crate::lsp::analysis::{self, Job};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;
use tower_lsp_server::ls_types::Uri;

/// How long a changed file must stay unchanged before its dependents are re-checked.
const QUIET_PERIOD: Duration = Duration::from_millis(250);

/// How many times a re-check polls quickly for a document's own analysis to finish first.
const CATCH_UP_FAST_POLLS: u32 = 40;

impl State {
    /// Called after the worker published `uri`: when its last full analysis is of a revision
    /// whose dependents were not re-checked yet, schedules that.
    pub(super) fn after_publish(self: &Arc<Self>, uri: &Uri, open_id: u64) {
        let changed = {
            let Some(mut entry) = self.docs.get_mut(uri).filter(|e| e.open_id == open_id) else {
                return;
            };
            let revision = entry.doc.revision();
            let current = entry
                .findings
                .code
                .as_ref()
                .is_some_and(|c| c.version == entry.doc.version);
            if entry.provisional || !current || entry.dependents_for == Some(revision) {
                return;
            }
            entry.dependents_for = Some(revision);
            entry.path.clone().map(|path| (path, revision))
        };
        if let Some((path, revision)) = changed {
            self.recheck_dependents(path, Some((uri.clone(), revision)));
        }
    }

    /// Re-checks, after the quiet period, the open documents whose last full analysis used
    /// `path`. `edited`: the open document `path` is, at the revision that changed; nothing is
    /// done if it changed again meanwhile (that revision's own publish schedules it).
    pub(crate) fn recheck_dependents(self: &Arc<Self>, path: PathBuf, edited: Option<(Uri, u64)>) {
        let state = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(QUIET_PERIOD).await;
            if let Some((uri, revision)) = &edited
                && state
                    .docs
                    .get(uri)
                    .is_some_and(|e| e.doc.revision() != *revision)
            {
                return;
            }
            let Some(changed) = canonical_path(&path) else {
                return;
            };
            let dependents: Vec<Uri> = state
                .docs
                .iter()
                .filter(|e| Some(e.key()) != edited.as_ref().map(|(uri, _)| uri))
                .filter(|e| e.uses.contains(&changed))
                .map(|e| e.key().clone())
                .collect();
            for uri in dependents {
                state.recheck_for_imports(&uri);
            }
        });
    }

    /// Analyses `uri` in full again (its own text unchanged, a file it calls into changed) on a
    /// background thread, and wakes its worker, which publishes if the findings changed. At
    /// most one such re-check per document runs; one asked for meanwhile runs after it.
    fn recheck_for_imports(self: &Arc<Self>, uri: &Uri) {
        let Some(entry) = self.docs.get(uri) else {
            return;
        };
        let (open_id, pending, running, wake) = (
            entry.open_id,
            entry.imports_pending.clone(),
            entry.imports_running.clone(),
            entry.wake.clone(),
        );
        drop(entry);
        pending.store(true, Ordering::Release);
        if running.swap(true, Ordering::AcqRel) {
            return; // the running task sees `pending` and goes again
        }
        let (state, uri) = (self.clone(), uri.clone());
        tokio::spawn(async move {
            while pending.swap(false, Ordering::AcqRel) {
                // The document's own catch-up first: it is incremental, and stored after this
                // one it would put back what was found with the file's earlier text.
                // Waited for as long as it takes (a large document on a loaded machine, a
                // burst of typing that keeps cancelling it): giving up would leave findings
                // made with the other file's old text, since the document's own incremental
                // analyses do not look at other files again. It ends when the document closes.
                let mut waited = 0u32;
                let job = loop {
                    match state.imports_job(&uri, open_id) {
                        Some(Err(())) => {
                            // Polled often at first, then once a second.
                            let pause = if waited < CATCH_UP_FAST_POLLS {
                                QUIET_PERIOD / 5
                            } else {
                                Duration::from_secs(1)
                            };
                            waited = waited.saturating_add(1);
                            tokio::time::sleep(pause).await;
                        }
                        Some(Ok(ready)) => break Some(ready),
                        None => break None,
                    }
                };
                let Some(job) = job else { break };
                let analyzer = state.analyzer;
                let result = state
                    .in_background_slot(move || analysis::run_cancellable(analyzer, job))
                    .await;
                if let Ok(outcome) = result
                    && state.store(&uri, open_id, outcome)
                {
                    state.keep_trees_bounded();
                    wake.notify_one();
                }
            }
            running.store(false, Ordering::Release);
            // A request that came as the flag fell.
            if pending.load(Ordering::Acquire) {
                state.recheck_for_imports(&uri);
            }
        });
    }

    /// A full analysis of the document's current version, not starting from its earlier
    /// findings (an incremental re-check re-matches only where its own text changed);
    /// `Some(Err(()))` while its own analysis is under way, `None` once closed.
    fn imports_job(&self, uri: &Uri, open_id: u64) -> Option<Result<Job, ()>> {
        let project = self.project_for(uri);
        let entry = self.docs.get(uri).filter(|e| e.open_id == open_id)?;
        let Some(code) = entry.findings.code.as_ref() else {
            return Some(Err(())); // edited: its own analysis is coming
        };
        if entry.provisional
            || code.version != entry.doc.version
            || entry.catching_up.load(Ordering::Acquire)
        {
            return Some(Err(()));
        }
        let mut snapshot = entry.doc.snapshot();
        snapshot.previous = None;
        snapshot.provisional = None;
        Some(Ok(Job {
            snapshot,
            rules: self.rules(),
            baseline: entry.baseline.clone()?,
            scope: entry.scope.clone()?,
            cancel: entry.cancel.clone(),
            project,
        }))
    }
}
