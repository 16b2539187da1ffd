//! The LSP handlers: thin translations between protocol messages and [`State`].

use super::actions::{ActionContext, FIX_ALL, code_actions};
use super::analysis::{Analyzer, BackgroundPass};
use super::config::{PROJECT_CONFIG_FILE, ProjectConfig, Settings};
use super::document::ChangeNote;
use super::hover;
use super::outbox::Outbox;
use super::state::State;
use crate::rules::{RuleSet, load_rule_set};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// Rule sources fixed on the command line.
#[derive(Debug, Clone, Default)]
pub struct RuleOptions {
    pub builtin: bool,
    pub dirs: Vec<PathBuf>,
}

pub struct Backend {
    state: Arc<State>,
    config: Arc<Reconfigurer>,
}

/// Applies settings, project config and rules. Loading rules compiles queries, which takes
/// seconds for a large pack: it runs in the background, never inside a request.
struct Reconfigurer {
    state: Arc<State>,
    rule_options: RuleOptions,
    /// The raw settings from `initializationOptions` and the last `didChangeConfiguration`;
    /// the effective settings are the second laid over the first.
    raw_settings: Mutex<(Value, Value)>,
    /// Serialises runs; each run reads the newest raw settings, so the last one wins.
    running: tokio::sync::Mutex<()>,
    /// The rule directories of the rules in force: rules reload only when these change.
    loaded_dirs: Mutex<Option<Vec<PathBuf>>>,
}

impl Backend {
    pub fn new(
        client: Client,
        outbox: Outbox,
        rule_options: RuleOptions,
        analyzer: Analyzer,
        passes: Vec<Arc<dyn BackgroundPass>>,
    ) -> Backend {
        let empty = Arc::new(RuleSet::new(Vec::new()).expect("an empty rule set is valid"));
        let state = Arc::new(State::new(client, outbox, empty, analyzer, passes));
        let config = Arc::new(Reconfigurer {
            state: state.clone(),
            rule_options,
            raw_settings: Mutex::new((Value::Null, Value::Null)),
            running: tokio::sync::Mutex::new(()),
            loaded_dirs: Mutex::new(None),
        });
        Backend { state, config }
    }

    pub fn state(&self) -> &Arc<State> {
        &self.state
    }

    /// Starts a reconfiguration; `force_rules` reloads rules even if their directories did not
    /// change (a rule file or `slopguard.toml` changed).
    fn reconfigure(&self, force_rules: bool) {
        if force_rules {
            *self
                .config
                .loaded_dirs
                .lock()
                .unwrap_or_else(|e| e.into_inner()) = None;
        }
        tokio::spawn(self.config.clone().run());
    }
}

impl Reconfigurer {
    /// Recomputes settings and project config at once, reloads rules when their sources
    /// changed, and reanalyses every open document after each step.
    async fn run(self: Arc<Self>) {
        let _running = self.running.lock().await;
        let merged = {
            let raw = self.raw_settings.lock().unwrap_or_else(|e| e.into_inner());
            overlay(&raw.0, &raw.1)
        };
        let (settings, problems) = Settings::from_json(&merged);
        for problem in problems {
            self.state
                .log(MessageType::WARNING, format!("slopguard: {problem}"))
                .await;
        }
        let root = self
            .state
            .root
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let project = match root.as_deref().map(ProjectConfig::load) {
            Some(Ok(project)) => project,
            Some(Err(problem)) => {
                self.report_error(format!("slopguard: {problem}; using defaults"))
                    .await;
                ProjectConfig::default()
            }
            None => ProjectConfig::default(),
        };
        let mut dirs = self.rule_options.dirs.clone();
        dirs.extend(
            settings
                .extra_rule_dirs
                .iter()
                .map(|d| resolve(root.as_deref(), d)),
        );
        dirs.extend(project.rules.extra_dirs.iter().cloned());
        let baseline_mode_changed =
            self.state.settings().only_changed_lines != settings.only_changed_lines;
        *self
            .state
            .settings
            .write()
            .unwrap_or_else(|e| e.into_inner()) = Arc::new(settings);
        *self
            .state
            .project
            .write()
            .unwrap_or_else(|e| e.into_inner()) = project;
        let rules_current = self
            .loaded_dirs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            == Some(&dirs);
        if rules_current {
            self.state.reanalyse_all(baseline_mode_changed);
            return;
        }
        let builtin = self.rule_options.builtin;
        let to_load = dirs.clone();
        let loaded = tokio::task::spawn_blocking(move || load_rule_set(builtin, &to_load)).await;
        match loaded {
            Ok(Ok(rules)) => {
                *self.state.rules.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(rules);
            }
            Ok(Err(errors)) => {
                let list: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
                self.report_error(format!(
                    "slopguard: rules not reloaded, {} error(s):\n{}",
                    list.len(),
                    list.join("\n")
                ))
                .await;
            }
            Err(panic) => {
                self.report_error(format!("slopguard: loading rules failed: {panic}"))
                    .await
            }
        }
        // Also after a failure: the same broken directories are not retried on every change.
        *self.loaded_dirs.lock().unwrap_or_else(|e| e.into_inner()) = Some(dirs);
        self.state.set_rules_ready();
        self.state.reanalyse_all(baseline_mode_changed);
    }

    async fn report_error(&self, message: String) {
        self.state.log(MessageType::ERROR, &message).await;
        self.state
            .client
            .show_message(MessageType::ERROR, message)
            .await;
    }
}

/// `extra` laid key by key over `base`, both unwrapped from `{ "slopguard": ... }`.
fn overlay(base: &Value, extra: &Value) -> Value {
    let unwrap = |v: &Value| v.get("slopguard").cloned().unwrap_or_else(|| v.clone());
    match (unwrap(base), unwrap(extra)) {
        (Value::Object(mut base), Value::Object(extra)) => {
            base.extend(extra);
            Value::Object(base)
        }
        (base, Value::Null) => base,
        (Value::Null, extra) => extra,
        (_, extra) => extra,
    }
}

fn resolve(root: Option<&Path>, dir: &Path) -> PathBuf {
    match root {
        Some(root) if dir.is_relative() => root.join(dir),
        _ => dir.to_path_buf(),
    }
}

fn workspace_root(params: &InitializeParams) -> Option<PathBuf> {
    let folder = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| &f.uri);
    #[allow(deprecated)]
    let uri = folder.or(params.root_uri.as_ref())?;
    uri.to_file_path().map(|p| p.into_owned())
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        *self.state.root.write().unwrap_or_else(|e| e.into_inner()) = workspace_root(&params);
        if let Some(options) = params.initialization_options.clone() {
            self.config
                .raw_settings
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .0 = options;
        }
        self.reconfigure(false);
        let sync = TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            save: Some(TextDocumentSyncSaveOptions::Supported(true)),
            ..TextDocumentSyncOptions::default()
        };
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(PositionEncodingKind::UTF16),
                text_document_sync: Some(TextDocumentSyncCapability::Options(sync)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::from(FIX_ALL),
                        ]),
                        ..CodeActionOptions::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "slopguard".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let watchers = [
            "**/slopguard.toml",
            "**/{package.json,pyproject.toml,Cargo.toml,requirements*.txt}",
            // Source files another open document may call into (`state/dependents.rs`).
            SOURCE_GLOB,
        ]
        .map(|glob| FileSystemWatcher {
            glob_pattern: GlobPattern::String(glob.into()),
            kind: None,
        })
        .to_vec();
        let registration = Registration {
            id: "slopguard-watch".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                watchers,
            })
            .ok(),
        };
        // Clients without dynamic registration answer with an error; that only loses reloads.
        if let Err(e) = self
            .state
            .client
            .register_capability(vec![registration])
            .await
        {
            self.state
                .log(
                    MessageType::INFO,
                    format!("slopguard: file watching unavailable ({e})"),
                )
                .await;
        }
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        self.state.open(doc.uri, doc.version, doc.text);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        // Applied synchronously, before any await: see the module comment of `state`.
        let uri = params.text_document.uri;
        let notes = match self.state.docs.get_mut(&uri) {
            Some(mut entry) => {
                let notes = entry
                    .doc
                    .apply(params.text_document.version, params.content_changes);
                entry.findings.code = None;
                entry.wake_worker();
                Ok(notes)
            }
            None => Err(()),
        };
        match notes {
            Err(()) => {
                self.state
                    .log(
                        MessageType::WARNING,
                        format!(
                            "slopguard: change for unopened document {} ignored",
                            uri.as_str()
                        ),
                    )
                    .await
            }
            Ok(notes) if notes.contains(&ChangeNote::InvertedRange) => {
                self.state
                    .log(
                        MessageType::WARNING,
                        format!(
                            "slopguard: a change to {} had an inverted range",
                            uri.as_str()
                        ),
                    )
                    .await
            }
            Ok(_) => {}
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        // A commit may have moved HEAD: read the baseline again.
        self.state.reload_baseline(&params.text_document.uri);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if let Some((_, entry)) = self.state.docs.remove(&uri) {
            entry.close();
            self.state.trimmer.schedule();
            // Its callers read the file from disk now, not from the buffer.
            if let Some(path) = entry.path.clone() {
                self.state.recheck_dependents(path, None);
            }
        }
        self.state.publish(&uri, None, &[]).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        self.config
            .raw_settings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .1 = params.settings;
        self.reconfigure(false);
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let paths: Vec<PathBuf> = params
            .changes
            .iter()
            .filter_map(|change| change.uri.to_file_path().map(|p| p.into_owned()))
            .collect();
        let (sources, others): (Vec<PathBuf>, Vec<PathBuf>) =
            paths.into_iter().partition(|p| is_source_file(p));
        // A source file changed on disk: the open documents that call into it are re-checked
        // (an open one is read from its buffer, whose own edits do that).
        for path in sources {
            let open = self
                .state
                .docs
                .iter()
                .any(|e| e.path.as_ref() == Some(&path));
            if !open {
                self.state.recheck_dependents(path, None);
            }
        }
        if others.is_empty() {
            return;
        }
        let config_changed = others
            .iter()
            .any(|p| p.file_name().is_some_and(|n| n == PROJECT_CONFIG_FILE));
        if config_changed {
            self.reconfigure(true);
        } else {
            // A manifest changed: background passes see new dependencies on the next run.
            self.state.reanalyse_all(false);
        }
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(view) = self.state.view(&params.text_document.uri).await else {
            return Ok(None);
        };
        let rules = self.state.rules();
        let root = self
            .state
            .root
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let config_path = root.map(|r| r.join(PROJECT_CONFIG_FILE));
        let cx = ActionContext {
            uri: &view.uri,
            kind: view.kind,
            text: &view.text,
            lines: &view.lines,
            rules: &rules,
            config_path: config_path.as_deref(),
        };
        let actions = code_actions(
            &cx,
            &view.findings,
            params.range,
            params.context.only.as_deref(),
        );
        Ok(Some(actions))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let position = params.text_document_position_params;
        let Some(view) = self.state.view(&position.text_document.uri).await else {
            return Ok(None);
        };
        let rules = self.state.rules();
        Ok(hover::hover(
            &view.findings,
            &rules,
            &view.text,
            &view.lines,
            position.position,
        ))
    }
}

/// The source files whose changes on disk the server watches: the languages flow follows
/// across files.
const SOURCE_GLOB: &str = "**/*.{py,js,jsx,mjs,cjs,ts,tsx,mts,cts,rs}";

fn is_source_file(path: &std::path::Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e,
            "py" | "js" | "jsx" | "mjs" | "cjs" | "ts" | "tsx" | "mts" | "cts" | "rs"
        )
    })
}

impl Backend {
    /// A message the input guard could not pass on (see [`super::framing`]).
    pub async fn malformed_message(&self, params: Value) {
        let reason = params
            .get("reason")
            .and_then(Value::as_str)
            .unwrap_or("unknown");
        self.state
            .log(
                MessageType::WARNING,
                format!("slopguard: malformed message ignored: {reason}"),
            )
            .await;
    }

    /// `slopguard/documentState`: the server's view of an open document (version and text), so
    /// tests and bug reports can check that edits were applied in order.
    pub async fn document_state(&self, params: TextDocumentIdentifier) -> Result<Option<Value>> {
        Ok(self.state.docs.get(&params.uri).map(|entry| {
            serde_json::json!({ "version": entry.doc.version, "text": entry.doc.text(),
                    "syntaxTree": entry.doc.has_tree() })
        }))
    }
}
