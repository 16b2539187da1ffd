//! `slopguard check`, the headless guard: walking the tree, analysing files in parallel,
//! scoping findings to changed lines (`--staged`, `--diff`), baselines, and the output formats
//! in [`output`]. It analyses nothing itself: every finding comes from [`crate::analysis`].
//!
//! Every finding goes through one path, whatever produced it:
//! [`analyse`] (per-file rules) → [`Analysis::add_findings`] (project-level checks, later) →
//! [`Analysis::finish`] (unused suppressions, scope, baseline, sorting) → [`output`].

mod baseline;
mod file;
pub mod fix;
pub mod output;
mod progress;
mod project;
mod report;
mod scope;
mod source;
mod walk;

pub use baseline::{Baseline, write as write_baseline};
use file::{FileOutcome, check_file, count_lines, display, named_directories, projects};
pub use project::{ProjectOptions, ProjectReport, is_package_source, run as run_project_checks};
pub use report::{CodeSnippet, FileReport, Reported};
pub use scope::Scope;
pub use source::SkipReason;

use crate::analysis::{FileKind, Incomplete, IncompleteFile, analyze_checked};
use crate::config::{Excludes, RulePolicy, normalize};
use crate::context::{Attributes, FilePolicy};
use crate::finding::{Finding, OtherFile};
use crate::lang::Language;
use crate::rules::{Category, KnownIds, RuleSet, Severity};
use rayon::prelude::*;
use scope::ChangedLines;
use source::Loaded;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::time::{Duration, Instant};

/// What a check runs with, from the config file and the command line.
pub struct Settings {
    pub rules: RuleSet,
    /// Every id a finding may have (all rules loaded, disabled or not, and the built-in
    /// checks): suppressions naming anything else are reported.
    pub known_ids: KnownIds,
    pub policy: RulePolicy,
    pub excludes: Excludes,
    pub max_file_size: u64,
    /// What to do with tests, fixtures, vendored, generated and minified files.
    pub files: FilePolicy,
    /// `.gitattributes` of the project root (`linguist-vendored`, `linguist-generated`).
    pub attributes: Attributes,
    /// The project root: file kinds are read from paths below it.
    pub root: PathBuf,
}

/// What to check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub scope: Scope,
    /// Worker threads; all cores when `None`.
    pub threads: Option<usize>,
    /// Show a progress line on a terminal for long runs.
    pub progress: bool,
}

/// A file that was not analysed, and why.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub path: String,
    pub reason: SkipReason,
}

/// Counts for the summary and `--stats`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    pub files: usize,
    pub lines: usize,
    pub elapsed: Duration,
    pub threads: usize,
}

/// Every file analysed, before the findings are scoped, filtered and sorted.
#[derive(Debug)]
pub struct Analysis {
    /// Files with findings or suppressions.
    pub files: Vec<FileReport>,
    pub skipped: Vec<Skipped>,
    /// Files checked only by the rules that matter in their kind of file (tests, examples...).
    pub limited: Vec<Skipped>,
    /// Files decoded lossily because they are not valid UTF-8.
    pub lossy: Vec<String>,
    /// Code files analysed although they hold NUL bytes.
    pub nul: Vec<String>,
    /// Problems the user must know about (unreadable files): the run cannot pass.
    pub errors: Vec<String>,
    /// What was not analysed, or not fully: files over the size limit, parses or matches
    /// stopped early, nesting too deep, files that could not be read.
    pub incomplete: Vec<IncompleteFile>,
    pub stats: Stats,
    /// Code files and manifests that were walked, for the project-level checks.
    pub package_files: Vec<PathBuf>,
    changed: Option<ChangedLines>,
    cwd: PathBuf,
}

/// The result of a check, ready for output.
#[derive(Debug)]
pub struct Outcome {
    /// Sorted by path, line, column and rule.
    pub findings: Vec<Reported>,
    pub skipped: Vec<Skipped>,
    /// Files checked only by the rules that matter in their kind of file (tests, examples...).
    pub limited: Vec<Skipped>,
    pub lossy: Vec<String>,
    pub nul: Vec<String>,
    pub errors: Vec<String>,
    /// Sorted by path.
    pub incomplete: Vec<IncompleteFile>,
    pub stats: Stats,
    /// What a change adds to and removes from the dependencies, when that was computed.
    pub dependencies: Option<crate::deps::DependencySummary>,
    /// What the config file turned off (`slopguard.toml excludes vendor`), said in every
    /// output format's summary.
    pub narrowed: Vec<String>,
}

impl Outcome {
    /// Whether some finding is at or above `fail_on`.
    /// Whether a finding at or above `fail_on` is left. Vulnerable dependencies do not count:
    /// `fail-on-vulnerable` decides for them (on severity and reach).
    pub fn fails(&self, fail_on: Severity) -> bool {
        self.findings.iter().any(|f| {
            f.finding.severity >= fail_on && f.finding.category != Category::VulnerableDependency
        })
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.finding.severity == severity)
            .count()
    }
}

/// Walks `options.paths` and analyses every file in parallel. Fails only when the scope cannot
/// be computed (no git repository, unknown revision); unreadable files are collected in
/// [`Analysis::errors`].
pub fn analyse(options: &CheckOptions, settings: &Settings) -> Result<Analysis, String> {
    let started = Instant::now();
    let cwd = current_dir()?;
    let changed = match &options.scope {
        Scope::All => None,
        scope => Some(ChangedLines::from_git(scope, &cwd)?),
    };
    let mut errors = Vec::new();
    let files = walk::collect_files(&options.paths, &settings.excludes, &cwd, &mut errors);
    prepare_queries(&settings.rules, &files);
    let named_dirs = named_directories(&options.paths, &cwd, &settings.root);
    let projects = projects(&named_dirs, &cwd, settings);

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(worker_threads(options.threads))
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let lines = AtomicUsize::new(0);
    let progress = progress::Progress::start(files.len(), options.progress && progress::wanted());
    let outcomes: Vec<FileOutcome> = pool.install(|| {
        files
            .par_iter()
            .map(|path| {
                let outcome = check_file(
                    path,
                    &cwd,
                    &named_dirs,
                    &projects,
                    changed.as_ref(),
                    settings,
                    &lines,
                );
                progress.tick(matches!(
                    outcome,
                    FileOutcome::Report { .. } | FileOutcome::Clean
                ));
                outcome
            })
            .filter(|outcome| !matches!(outcome, FileOutcome::Clean))
            .collect()
    });
    drop(progress);

    let checked = files.len();
    let mut analysis = Analysis {
        files: Vec::new(),
        skipped: Vec::new(),
        limited: Vec::new(),
        lossy: Vec::new(),
        nul: Vec::new(),
        errors,
        incomplete: Vec::new(),
        stats: Stats {
            files: checked,
            lines: 0,
            elapsed: Duration::ZERO,
            threads: pool.current_num_threads(),
        },
        package_files: files
            .iter()
            .filter(|p| is_package_source(p))
            .cloned()
            .collect(),
        changed,
        cwd,
    };
    for outcome in outcomes {
        match outcome {
            FileOutcome::Report {
                report,
                lossy,
                nul,
                incomplete,
                limited,
            } => {
                if let Some(kind) = limited {
                    analysis.limited.push(Skipped {
                        path: report.path.clone(),
                        reason: SkipReason::Context(kind),
                    });
                }
                if lossy {
                    analysis.lossy.push(report.path.clone());
                }
                if nul {
                    analysis.nul.push(report.path.clone());
                }
                analysis
                    .incomplete
                    .extend(incomplete.into_iter().map(|reason| IncompleteFile {
                        path: report.path.clone(),
                        reason,
                    }));
                if !report.findings.is_empty() || !report.suppressions.is_empty() {
                    analysis.files.push(report);
                }
            }
            FileOutcome::Skipped(skipped) => {
                analysis.stats.files -= 1;
                analysis.skip(skipped, settings.max_file_size);
            }
            FileOutcome::OutOfScope => analysis.stats.files -= 1,
            FileOutcome::Error { path, error } => {
                analysis.stats.files -= 1;
                analysis.errors.push(format!("{path}: {error}"));
                analysis.incomplete.push(IncompleteFile {
                    path,
                    reason: Incomplete::Unreadable { error },
                });
            }
            FileOutcome::Clean => {}
        }
    }
    analysis.stats.lines = lines.into_inner();
    analysis.stats.elapsed = started.elapsed();
    Ok(analysis)
}

/// How many worker threads a run may have, per core. The work is CPU-bound (registry lookups
/// have their own connection pool), so more threads than cores only add parsers, query
/// cursors and contention: 4,096 threads on two cores made 1,000 tiny files take minutes.
pub const THREADS_PER_CORE: usize = 4;

/// The most worker threads a run uses: [`THREADS_PER_CORE`] per available core.
pub fn max_threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    cores * THREADS_PER_CORE
}

/// The threads a run uses for `requested` (`None`: one per core), clamped to [`max_threads`].
pub fn worker_threads(requested: Option<usize>) -> usize {
    match requested {
        Some(n) => n.clamp(1, max_threads()),
        None => std::thread::available_parallelism().map_or(1, usize::from),
    }
}

/// From how many files of one language a run compiles that language's combined query up front
/// (every rule, one traversal per file). Fewer files compile only the rules their text can
/// trigger, each alone ([`RuleSet::check`]): a hook on one changed file then pays for a few
/// rules' queries instead of the whole pack's.
const COMBINED_QUERY_FROM_FILES: usize = 8;

fn prepare_queries(rules: &RuleSet, files: &[PathBuf]) {
    let mut counts: HashMap<Language, usize> = HashMap::new();
    for language in files.iter().filter_map(|p| Language::from_path(p)) {
        *counts.entry(language).or_default() += 1;
    }
    let many: Vec<Language> = counts
        .into_iter()
        .filter(|(_, count)| *count >= COMBINED_QUERY_FROM_FILES)
        .map(|(language, _)| language)
        .collect();
    if !many.is_empty() {
        rules.prepare(&many);
    }
}

/// Analyses one text that is not read from disk (`--stdin-filename`): `name` decides the
/// language and is the path findings are reported on.
pub fn analyse_text(name: &str, bytes: Vec<u8>, settings: &Settings) -> Result<Analysis, String> {
    let started = Instant::now();
    let cwd = current_dir()?;
    let mut analysis = Analysis {
        files: Vec::new(),
        skipped: Vec::new(),
        limited: Vec::new(),
        lossy: Vec::new(),
        nul: Vec::new(),
        errors: Vec::new(),
        incomplete: Vec::new(),
        stats: Stats {
            files: 1,
            lines: 0,
            elapsed: Duration::ZERO,
            threads: 1,
        },
        package_files: Vec::new(),
        changed: None,
        cwd: cwd.clone(),
    };
    match source::decode(bytes, settings.max_file_size, Path::new(name)) {
        Loaded::Skipped(reason) => {
            analysis.stats.files = 0;
            let skipped = Skipped {
                path: name.to_string(),
                reason,
            };
            analysis.skip(skipped, settings.max_file_size);
        }
        Loaded::Text { text, lossy, nul } => {
            if lossy {
                analysis.lossy.push(name.to_string());
            }
            if nul {
                analysis.nul.push(name.to_string());
            }
            analysis.stats.lines = count_lines(&text);
            let analysed =
                analyze_checked(&settings.rules, FileKind::from_path(Path::new(name)), &text);
            let absolute = normalize(&cwd.join(name));
            analysis
                .incomplete
                .extend(
                    analysed
                        .incomplete
                        .into_iter()
                        .map(|reason| IncompleteFile {
                            path: name.to_string(),
                            reason,
                        }),
                );
            analysis.files.push(FileReport::new(
                name.to_string(),
                absolute,
                &text,
                analysed.findings,
                &settings.policy,
            ));
        }
    }
    analysis.stats.elapsed = started.elapsed();
    Ok(analysis)
}

impl Analysis {
    /// Records a file not analysed; one over the size limit also leaves the analysis
    /// incomplete (a binary file holds no code to miss).
    fn skip(&mut self, skipped: Skipped, limit: u64) {
        if let SkipReason::TooLarge { size } = skipped.reason {
            self.incomplete.push(IncompleteFile {
                path: skipped.path.clone(),
                reason: Incomplete::TooLarge { size, limit },
            });
        }
        self.skipped.push(skipped);
    }

    /// Records something the project-level checks could not cover (an unusable cache).
    pub fn add_incomplete(&mut self, incomplete: impl IntoIterator<Item = IncompleteFile>) {
        self.incomplete.extend(incomplete);
    }

    /// Adds findings from project-level checks (registries, dependencies), which run after
    /// every file is analysed. They meet the same policy, suppressions, scope and baseline as
    /// per-file findings. A file not analysed before is read now for its suppressions and code.
    pub fn add_findings(&mut self, findings: Vec<(PathBuf, Finding)>, settings: &Settings) {
        let mut by_file: HashMap<PathBuf, Vec<Finding>> = HashMap::new();
        for (path, finding) in findings {
            by_file.entry(path).or_default().push(finding);
        }
        for (path, findings) in by_file {
            let absolute = normalize(&self.cwd.join(&path));
            let text = match source::load(&path, settings.max_file_size) {
                Ok(Loaded::Text { text, .. }) => text,
                // The finding stands; it just has no code frame.
                Ok(Loaded::Skipped(_)) | Err(_) => String::new(),
            };
            match self.files.iter_mut().find(|f| f.absolute == absolute) {
                Some(report) => report.add(&text, findings, &settings.policy),
                None => self.files.push(FileReport::new(
                    display(&path),
                    absolute,
                    &text,
                    findings,
                    &settings.policy,
                )),
            }
        }
    }

    /// Moves each finding found at the call of another file's helper to the sink in that file
    /// ([`RuleSet::at_sink`]), where a reviewer of that file looks for it. It has met the
    /// caller's suppressions; it meets the sink file's too. Several callers reaching one sink
    /// are one finding there (the first caller's path), and a sink the helper's file reports
    /// itself for the same rule is not reported twice.
    fn move_to_sinks(&mut self, settings: &Settings) {
        let cwd = self.cwd.canonicalize().unwrap_or_else(|_| self.cwd.clone());
        let mut moved: Vec<(PathBuf, Finding)> = Vec::new();
        let mut seen: HashSet<(PathBuf, usize, Arc<str>)> = HashSet::new();
        for file in &self.files {
            for reported in &file.findings {
                let elsewhere = reported.finding.flow.as_ref();
                if elsewhere.is_none_or(|flow| flow.sink_elsewhere.is_none()) {
                    continue;
                }
                let caller = Arc::new(OtherFile {
                    file: Arc::from(file.path.as_str()),
                    path: Arc::from(file.absolute.as_path()),
                });
                let Some((sink, finding)) = settings.rules.at_sink(&reported.finding, caller)
                else {
                    continue;
                };
                let sink = match sink.strip_prefix(&cwd) {
                    Ok(relative) => relative.to_path_buf(),
                    Err(_) => sink.to_path_buf(),
                };
                let absolute = normalize(&self.cwd.join(&sink));
                let key = (
                    absolute.clone(),
                    finding.span.start_byte,
                    finding.rule_id.clone(),
                );
                let reported_there = self.files.iter().any(|f| {
                    f.absolute == absolute
                        && f.findings.iter().any(|r| {
                            r.finding.rule_id == finding.rule_id
                                && r.finding.span.start_byte == finding.span.start_byte
                        })
                });
                if !reported_there && seen.insert(key) {
                    moved.push((sink, finding));
                }
            }
        }
        for file in &mut self.files {
            file.findings.retain(|r| {
                r.finding
                    .flow
                    .as_ref()
                    .is_none_or(|flow| flow.sink_elsewhere.is_none())
            });
        }
        self.files
            .retain(|f| !f.findings.is_empty() || f.has_suppressions());
        self.add_findings(moved, settings);
    }

    /// Reports unused suppressions, keeps the findings in scope and not in `baseline`, and
    /// sorts them.
    pub fn finish(mut self, settings: &Settings, baseline: Option<&mut Baseline>) -> Outcome {
        self.move_to_sinks(settings);
        let mut findings = Vec::new();
        for mut file in std::mem::take(&mut self.files) {
            file.add_unused_suppressions(&settings.policy, &settings.known_ids);
            let lines = self.changed.as_ref().map(|c| c.lines_for(&file.absolute));
            findings.extend(file.findings.into_iter().filter(|f| {
                let here = match lines {
                    None => true,
                    Some(None) => false,
                    Some(Some(lines)) => lines.overlaps(f.git_lines.0, f.git_lines.1),
                };
                here || self.caller_changed(f)
            }));
        }
        if let Some(baseline) = baseline {
            findings = baseline.filter(findings);
        }
        findings.sort_by(|a, b| {
            (&a.path, a.finding.span.start, &a.finding.rule_id).cmp(&(
                &b.path,
                b.finding.span.start,
                &b.finding.rule_id,
            ))
        });
        self.skipped.sort_by(|a, b| a.path.cmp(&b.path));
        self.limited.sort_by(|a, b| a.path.cmp(&b.path));
        self.lossy.sort();
        self.nul.sort();
        self.incomplete.sort();
        self.incomplete.dedup();
        Outcome {
            findings,
            skipped: self.skipped,
            limited: self.limited,
            lossy: self.lossy,
            nul: self.nul,
            errors: self.errors,
            incomplete: self.incomplete,
            stats: self.stats,
            dependencies: None,
            narrowed: Vec::new(),
        }
    }

    /// Whether a finding moved to its sink has its caller's end (the source and the steps to
    /// the call) in the changed lines: a change on either side keeps it in scope.
    fn caller_changed(&self, reported: &Reported) -> bool {
        let (Some(changed), Some(flow)) = (&self.changed, &reported.finding.flow) else {
            return false;
        };
        let Some(caller) = &flow.steps_elsewhere else {
            return false;
        };
        let Some(lines) = changed.lines_for(&caller.path) else {
            return false;
        };
        std::iter::once(&flow.source)
            .chain(&flow.steps)
            .any(|point| lines.overlaps(point.span.start.line, point.span.end.line))
    }

    /// The directory the check ran in.
    pub fn cwd(&self) -> &Path {
        &self.cwd
    }
}

fn current_dir() -> Result<PathBuf, String> {
    std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))
}
