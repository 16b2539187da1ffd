//! The registry checks in the editor: hallucinated, typosquatted and risky packages in the open
//! document's imports or manifest entries, and the dependencies it introduces (a manifest's new
//! entries against HEAD, imports no manifest declares), as a [`BackgroundPass`]. It answers
//! from the embedded lists and the cache first; names they cannot answer are looked up (off the
//! async runtime) and the document is checked again, so the rule diagnostics never wait for
//! the network.

use super::analysis::{BackgroundPass, PassInput};
use super::config::Settings as EditorSettings;
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

    fn run(&self, input: PassInput) -> Pin<Box<dyn Future<Output = Vec<Finding>> + Send>> {
        Box::pin(async move {
            let Some(path) = input.path.clone() else {
                return Vec::new();
            };
            if !input.settings.enable {
                return Vec::new();
            }
            let settings = registry_settings(&input.settings);
            tokio::task::spawn_blocking(move || check(&path, &input.text, settings))
                .await
                .unwrap_or_default()
        })
    }
}

/// The editor's registry settings: its URLs and `offline` over the environment's.
fn registry_settings(editor: &EditorSettings) -> Settings {
    let config = RegistryConfig {
        offline: Some(editor.offline),
        pypi_url: editor.registry.pypi_url.clone(),
        npm_url: editor.registry.npm_url.clone(),
        crates_index_url: editor.registry.crates_index_url.clone(),
        ..RegistryConfig::default()
    };
    Settings::from_config(&config)
}

fn check(path: &Path, text: &str, settings: Settings) -> Vec<Finding> {
    let offline = settings.offline;
    let checker = PackageChecker::new(settings);
    let root = project_root(path);
    let files = [SourceFile { path, text }];
    let first = checker.check_cached(&root, &files);
    let registry = if first.pending.is_empty() || offline {
        first.findings
    } else {
        checker.prefetch(&first.pending);
        checker.check_cached(&root, &files).findings
    };
    let mut findings: Vec<Finding> = registry.into_iter().map(|f| f.finding).collect();
    findings.extend(introduced(&root, path, &files, &checker));
    findings
}

/// The new-dependency notes of the document against HEAD: the dependencies a manifest gains
/// and the imports no manifest declares, with the facts the cache holds (the lookups above
/// filled it). `[dependencies]` of the project's `slopguard.toml` applies (allow list and
/// `fail-on-new`); a broken table is the `check` command's to report, here it is the default.
fn introduced(
    root: &Path,
    path: &Path,
    files: &[SourceFile<'_>],
    checker: &PackageChecker,
) -> Vec<Finding> {
    let dependencies = Config::discover(root)
        .ok()
        .and_then(|config| DependencySettings::from_table(&config.dependencies).ok())
        .unwrap_or_default();
    let report = deps::introduced(
        root,
        &IntroducedOptions {
            baseline: Baseline::Head,
            settings: &dependencies,
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
fn project_root(path: &Path) -> PathBuf {
    let start = path.parent().unwrap_or(Path::new("."));
    start
        .ancestors()
        .find(|dir| dir.join("slopguard.toml").exists() || dir.join(".git").exists())
        .unwrap_or(start)
        .to_path_buf()
}
