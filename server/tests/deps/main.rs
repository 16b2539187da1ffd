//! Newly introduced dependencies end to end: temp git repositories with real commits, the
//! registries served by the loopback test server, and [`slopguard::deps::introduced`].
//!
//! One test binary; a module per ecosystem (`cargo`, `npm`, `python`), then what holds across
//! them: the baselines and git states (`baselines`), the `fail-on-new` and allow-list policies
//! (`policy`) and undeclared imports (`imports`). The repository and the run they share are here.

#[path = "../support/mod.rs"]
mod support;

mod baselines;
mod cargo;
mod imports;
mod npm;
mod policy;
mod python;

use slopguard::deps::{
    Baseline, DependencyReport, DependencySettings, IntroducedOptions, introduced,
};
use slopguard::registry::{PackageChecker, SourceFile};
use std::path::{Path, PathBuf};
use std::process::Command;
use support::{RegistryServer, settings};
use tempfile::TempDir;

/// `(rule, path relative to the root, 1-based line, text under the span, severity)`: one
/// finding as the tests compare it.
pub(crate) type Row = (String, String, u32, String, String);

/// A temp directory with a git repository in it.
pub(crate) struct Repo {
    dir: TempDir,
}

impl Repo {
    pub(crate) fn new() -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn git(&self, args: &[&str]) -> String {
        let output = Command::new("git")
            .current_dir(self.path())
            .args([
                "-c",
                "user.name=Test",
                "-c",
                "user.email=test@example.invalid",
            ])
            .args(["-c", "commit.gpgsign=false"])
            .args(args)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).trim().to_string()
    }

    pub(crate) fn write(&self, path: &str, text: &str) -> &Self {
        let path = self.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    pub(crate) fn commit(&self, message: &str) -> String {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
        self.git(&["rev-parse", "HEAD"])
    }
}

pub(crate) fn write_files(dir: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

pub(crate) struct Run<'a> {
    root: &'a Path,
    baseline: Baseline,
    settings: DependencySettings,
    code: Vec<&'a str>,
}

impl<'a> Run<'a> {
    pub(crate) fn new(root: &'a Path) -> Run<'a> {
        Run {
            root,
            baseline: Baseline::Head,
            settings: DependencySettings::default(),
            code: Vec::new(),
        }
    }

    pub(crate) fn config(mut self, toml_text: &str) -> Self {
        self.settings =
            DependencySettings::from_table(&toml::from_str(toml_text).unwrap()).unwrap();
        self
    }

    pub(crate) fn baseline(mut self, baseline: Baseline) -> Self {
        self.baseline = baseline;
        self
    }

    pub(crate) fn code(mut self, files: &[&'a str]) -> Self {
        self.code = files.to_vec();
        self
    }

    pub(crate) fn report(self, server: &RegistryServer) -> DependencyReport {
        let cache = tempfile::tempdir().unwrap();
        let checker = PackageChecker::new(settings(server, cache.path()));
        let texts: Vec<(PathBuf, String)> = self
            .code
            .iter()
            .map(|f| {
                let path = self.root.canonicalize().unwrap().join(f);
                let text = std::fs::read_to_string(&path).unwrap();
                (path, text)
            })
            .collect();
        let sources: Vec<SourceFile<'_>> = texts
            .iter()
            .map(|(path, text)| SourceFile { path, text })
            .collect();
        introduced(
            self.root,
            &IntroducedOptions {
                baseline: Some(self.baseline),
                settings: &self.settings,
                checker: Some(&checker),
                network: true,
                sources: &sources,
                focus: None,
            },
        )
    }
}

/// The [`Row`] of each finding.
pub(crate) fn rows(root: &Path, report: &DependencyReport) -> Vec<Row> {
    let root = root.canonicalize().unwrap();
    report
        .findings
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f.path).unwrap_or_default();
            let span = f.finding.span;
            (
                f.finding.rule_id.to_string(),
                f.path
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .to_string(),
                span.start.line + 1,
                text.get(span.start_byte..span.end_byte)
                    .unwrap_or("?")
                    .to_string(),
                f.finding.severity.as_str().to_string(),
            )
        })
        .collect()
}

pub(crate) fn row(rule: &str, path: &str, line: u32, text: &str, severity: &str) -> Row {
    (rule.into(), path.into(), line, text.into(), severity.into())
}

pub(crate) fn message<'r>(report: &'r DependencyReport, rule: &str, package: &str) -> &'r str {
    &report
        .findings
        .iter()
        .find(|f| {
            &*f.finding.rule_id == rule && f.finding.package.as_ref().unwrap().name == package
        })
        .unwrap_or_else(|| panic!("no {rule} finding for {package}: {:#?}", report.findings))
        .finding
        .message
}

pub(crate) fn summary_json(report: &DependencyReport) -> serde_json::Value {
    serde_json::to_value(&report.summary).unwrap()
}
