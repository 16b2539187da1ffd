//! The registry checks in the editor: hallucinated, typosquatted and risky packages in the open
//! document's imports or manifest entries, and the dependencies it introduces (a manifest's new
//! entries against HEAD, imports no manifest declares), as a [`BackgroundPass`]. It answers
//! from the embedded lists and the cache first; names they cannot answer are looked up (off the
//! async runtime) and the document is checked again, so the rule diagnostics never wait for
//! the network.

use super::analysis::{BackgroundPass, PassInput, PassOutput};
use super::config::Settings as EditorSettings;
use crate::analysis::{Incomplete, IncompleteFile};
use crate::config::Config;
use crate::deps::{self, Baseline, DependencySettings, IntroducedOptions};
use crate::finding::Finding;
use crate::registry::{PackageChecker, RegistryConfig, Settings, SourceFile};
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;

pub struct RegistryPass;

impl BackgroundPass for RegistryPass {
    fn name(&self) -> &'static str {
        "registry"
    }

    fn run(&self, input: PassInput) -> Pin<Box<dyn Future<Output = PassOutput> + Send>> {
        Box::pin(async move {
            let Some(path) = input.path.clone() else {
                return PassOutput::default();
            };
            // Editors send Markdown, YAML, shell scripts... for their install commands; one that
            // cannot name a package (`notes.yml` outside `.github/workflows`) costs nothing.
            if !input.settings.enable || !crate::check::is_package_source(&path) {
                return PassOutput::default();
            }
            let editor = input.settings.clone();
            tokio::task::spawn_blocking(move || check(&path, &input.text, &editor))
                .await
                .unwrap_or_default()
        })
    }
}

/// The project's `slopguard.toml` as `check` reads it (registry URLs and cache only when the
/// user allows, see `RegistryConfig::limited_for_repository`): its `[registry]` table under the
/// editor's URLs and `offline` (either side may turn offline on), the environment over both;
/// and its `[dependencies]` table. A broken table is the `check` command's to report; here it
/// is the default.
pub(super) fn project_settings(
    root: &Path,
    editor: &EditorSettings,
) -> (Settings, DependencySettings) {
    let config = Config::discover(root).ok();
    let file: RegistryConfig = config
        .as_ref()
        .and_then(|c| c.registry.clone().try_into().ok())
        .unwrap_or_default();
    // The editor's settings are the user's; the file's URLs and cache only when allowed.
    let (file, _ignored) = file.limited_for_repository(&|name| std::env::var(name).ok());
    let merged = RegistryConfig {
        offline: Some(editor.offline || file.offline.unwrap_or(false)),
        pypi_url: editor.registry.pypi_url.clone().or(file.pypi_url.clone()),
        npm_url: editor.registry.npm_url.clone().or(file.npm_url.clone()),
        crates_index_url: editor
            .registry
            .crates_index_url
            .clone()
            .or(file.crates_index_url.clone()),
        ..file
    };
    let dependencies = config
        .and_then(|c| {
            DependencySettings::from_table(&c.dependencies)
                .and_then(|d| d.with_licences(&c.licenses))
                .ok()
        })
        .unwrap_or_default();
    (Settings::from_config(&merged), dependencies)
}

fn check(path: &Path, text: &str, editor: &EditorSettings) -> PassOutput {
    let root = project_root(path);
    let (settings, dependencies) = project_settings(&root, editor);
    let offline = settings.offline;
    let checker = PackageChecker::new(settings);
    let files = [SourceFile { path, text }];
    let first = checker.check_cached(&root, &files);
    let registry = if first.pending.is_empty() || offline {
        first.findings
    } else {
        checker.prefetch(&first.pending);
        checker.check_cached(&root, &files).findings
    };
    let mut findings: Vec<Finding> = registry.into_iter().map(|f| f.finding).collect();
    findings.extend(introduced(&root, path, &files, &checker, &dependencies));
    let setup_problems = checker
        .cache_problem()
        .map(|(dir, error)| IncompleteFile {
            path: dir.display().to_string(),
            reason: Incomplete::Cache {
                error: error.to_string(),
            },
        })
        .into_iter()
        .collect();
    PassOutput {
        findings,
        setup_problems,
    }
}

/// The new-dependency notes of the document against HEAD: the dependencies a manifest gains
/// and the imports no manifest declares, with the facts the cache holds (the lookups above
/// filled it), under the project's allow list and `fail-on-new`.
fn introduced(
    root: &Path,
    path: &Path,
    files: &[SourceFile<'_>],
    checker: &PackageChecker,
    dependencies: &DependencySettings,
) -> Vec<Finding> {
    let report = deps::introduced(
        root,
        &IntroducedOptions {
            baseline: Some(Baseline::Head),
            settings: dependencies,
            checker: Some(checker),
            network: false,
            sources: files,
            focus: Some(path),
        },
    );
    let this = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    report
        .findings
        .into_iter()
        .filter(|f| f.path == path || f.path == this)
        .map(|f| f.finding)
        .collect()
}

/// The nearest ancestor with `slopguard.toml` or `.git`, else the file's directory: where local
/// modules and the manifests that declare packages are looked for.
pub(super) fn project_root(path: &Path) -> PathBuf {
    let start = path.parent().unwrap_or(Path::new("."));
    start
        .ancestors()
        .find(|dir| dir.join("slopguard.toml").exists() || dir.join(".git").exists())
        .unwrap_or(start)
        .to_path_buf()
}
