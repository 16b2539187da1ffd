//! The project-level pass of `check`: registry truth for every import and manifest entry, the
//! dependencies a change introduces, and the known vulnerabilities of the resolved packages. It runs after every file is analysed, and its findings
//! join the per-file ones through [`super::Analysis::add_findings`], so they meet the same
//! suppressions, scope, baseline and output.

use super::Scope;
use super::source::{self, Loaded};
use crate::advisories::report as advisory_report;
use crate::advisories::settings::AdvisorySettings;
use crate::advisories::store::Store;
use crate::analysis::{Incomplete, IncompleteFile};
use crate::deps::lockfile::LockfileKind;
use crate::deps::{self, Baseline, DependencySettings, DependencySummary, ManifestKind};
use crate::finding::Finding;
use crate::lang::Language;
use crate::registry::{self, PackageChecker, SourceFile};
use std::path::{Path, PathBuf};

/// What the pass runs with.
pub struct ProjectOptions<'a> {
    /// The project root: where local modules and manifests are looked for.
    pub root: &'a Path,
    /// The paths the check was given: whether manifests are compared with the git baseline
    /// depends on them ([`compares_manifests`]).
    pub paths: &'a [PathBuf],
    pub registry: registry::Settings,
    pub dependencies: &'a DependencySettings,
    pub scope: &'a Scope,
    /// The directory the check runs in: findings are shown relative to it.
    pub cwd: &'a Path,
    pub max_file_size: u64,
    /// Vulnerable dependencies from the local advisory store (`None`: not reported).
    pub advisories: Option<&'a AdvisorySettings>,
}

/// Lockfiles are data, not code to analyse: they are read up to this size whatever
/// `max-file-size` says (a large npm lockfile is several megabytes).
const MAX_LOCKFILE_SIZE: u64 = 64 * 1024 * 1024;

/// What the pass found.
#[derive(Debug, Default)]
pub struct ProjectReport {
    pub findings: Vec<(PathBuf, Finding)>,
    /// `summary.dependencies`: `None` when the dependency diff did not run (only code files
    /// were given).
    pub dependencies: Option<DependencySummary>,
    /// Why parts were skipped (no repository, a registry that could not be asked...).
    pub notes: Vec<String>,
    /// What the pass could not cover: includes outside the project or missing, an unusable
    /// cache. The run is incomplete, as for a file not analysed.
    pub incomplete: Vec<IncompleteFile>,
    /// `fail-on-new` makes the check fail.
    pub fails: bool,
    /// Said as warnings (stale advisory data).
    pub warnings: Vec<String>,
}

/// Whether a file matters to the pass: code with imports, a manifest or lockfile, or a file of
/// install commands (a README, a Dockerfile, a workflow...).
pub fn is_package_source(path: &Path) -> bool {
    Language::from_path(path).is_some()
        || ManifestKind::from_path(path).is_some()
        || LockfileKind::from_path(path).is_some()
        || deps::install_commands::is_install_source(path)
}

/// Whether the dependency diff runs for a check of `paths` (as given on the command line). It
/// reads every manifest and lockfile at the git baseline, which costs six git processes, more
/// than the rest of a run on one small file. So it runs when the check can cover a manifest or
/// lockfile: a directory (the whole project by default; a deleted manifest is found there
/// too), or a manifest or lockfile named (a hook passes the staged ones). Given code files
/// alone, only their undeclared imports are reported, which read the working tree's
/// manifests, as the editor does for a code file.
fn compares_manifests(paths: &[PathBuf]) -> bool {
    paths.iter().any(|path| {
        !path.is_file()
            || ManifestKind::from_path(path).is_some()
            || LockfileKind::from_path(path).is_some()
    })
}

/// Runs the registry checks and the dependency diff over `files` (the files the check walked
/// that [`is_package_source`]).
pub fn run(files: &[PathBuf], options: &ProjectOptions<'_>) -> ProjectReport {
    let mut report = ProjectReport::default();
    // The texts are read again rather than kept from the per-file pass: only code and
    // manifests are needed, and only for as long as this pass runs.
    // Paths are made absolute (and canonical, like the root): the walk up from a file to its
    // manifests, `tsconfig.json` aliases and workspace must stay inside the root, which a
    // relative `web/src/a.ts` never is. Findings are shown relative to the working directory
    // again below.
    let root = options
        .root
        .canonicalize()
        .unwrap_or_else(|_| options.root.to_path_buf());
    let load = |path: &Path| {
        let limit = match LockfileKind::from_path(path) {
            Some(_) => options.max_file_size.max(MAX_LOCKFILE_SIZE),
            None => options.max_file_size,
        };
        match source::load(path, limit) {
            Ok(Loaded::Text { text, .. }) => Some((deps::located(path), text)),
            Ok(Loaded::Skipped(_)) | Err(_) => None,
        }
    };
    let mut texts: Vec<(PathBuf, String)> = files.iter().filter_map(|p| load(p)).collect();
    let cwd = options
        .cwd
        .canonicalize()
        .unwrap_or_else(|_| options.cwd.to_path_buf());
    report
        .incomplete
        .extend(add_requirement_includes(&mut texts, &root, &cwd, load));
    let sources: Vec<SourceFile<'_>> = texts
        .iter()
        .map(|(path, text)| SourceFile { path, text })
        .collect();
    let offline = options.registry.offline;
    let checker = PackageChecker::new(options.registry.clone());
    let mut unverified_offline = Vec::new();
    for found in checker.check(&root, &sources) {
        // Offline, "could not verify" is the expected answer for whatever the cache and the
        // embedded lists do not hold: one note says it, not one finding per import.
        if offline && &*found.finding.rule_id == registry::rule_ids::UNVERIFIED {
            if let Some(package) = found.finding.package {
                unverified_offline.push(package.name);
            }
            continue;
        }
        report
            .findings
            .push((shown(&found.path, &cwd), found.finding));
    }

    let compares_manifests = compares_manifests(options.paths);
    let baseline = compares_manifests.then(|| match options.scope {
        Scope::All => Baseline::Head,
        Scope::Staged => Baseline::Index,
        Scope::Diff(rev) => Baseline::Rev(rev.clone()),
    });
    let introduced = deps::introduced(
        options.root,
        &deps::IntroducedOptions {
            baseline,
            settings: options.dependencies,
            checker: Some(&checker),
            network: !offline,
            sources: &sources,
            focus: None,
        },
    );
    for found in introduced.findings {
        if offline && &*found.finding.rule_id == registry::rule_ids::UNVERIFIED {
            if let Some(package) = found.finding.package {
                unverified_offline.push(package.name);
            }
            continue;
        }
        report
            .findings
            .push((shown(&found.path, &cwd), found.finding));
    }
    report.notes.extend(introduced.notes);
    if let Some(note) = unverified_note(unverified_offline) {
        report.notes.push(note);
    }
    report.fails = introduced.fails;
    report.dependencies = compares_manifests.then_some(introduced.summary);
    if let Some((dir, error)) = checker.cache_problem() {
        report.incomplete.push(IncompleteFile {
            path: shown(dir, &cwd).display().to_string(),
            reason: Incomplete::Cache {
                error: error.to_string(),
            },
        });
    }
    if let Some(settings) = options.advisories {
        vulnerabilities(&texts, settings, options, &cwd, &mut report);
    }
    report
}

/// The vulnerable-dependency findings, and what the store's age is.
fn vulnerabilities(
    texts: &[(PathBuf, String)],
    settings: &AdvisorySettings,
    options: &ProjectOptions<'_>,
    cwd: &Path,
    report: &mut ProjectReport,
) {
    let files: Vec<(&Path, &str)> = texts
        .iter()
        .map(|(path, text)| (path.as_path(), text.as_str()))
        .collect();
    let store = options.registry.cache_dir.as_deref().map(Store::open);
    let Some((stale, age)) = store
        .as_ref()
        .and_then(|store| advisory_report::freshness(store, settings))
    else {
        if files
            .iter()
            .any(|(path, _)| LockfileKind::from_path(path).is_some())
        {
            report.notes.push(
                "no advisory data: run `slopguard db update` to report known vulnerabilities"
                    .to_string(),
            );
        }
        return;
    };
    if stale {
        report.warnings.push(age);
    } else {
        report.notes.push(age);
    }
    let Some(store) = store else { return };
    let (found, notes) = advisory_report::scan(&store, &files);
    report.notes.extend(notes);
    let shown_text = |path: &Path| shown(path, cwd).display().to_string();
    for vulnerable in &found {
        report.findings.push((
            shown(&vulnerable.package.path, cwd),
            advisory_report::finding(vulnerable, &shown_text),
        ));
    }
}

/// `offline: 3 packages not in the cache or the embedded lists were not verified: a, b, c`.
fn unverified_note(mut names: Vec<String>) -> Option<String> {
    const SHOWN: usize = 5;
    names.sort();
    names.dedup();
    let count = names.len();
    if count == 0 {
        return None;
    }
    let mut list = names[..count.min(SHOWN)].join(", ");
    if count > SHOWN {
        list.push_str(&format!(" and {} more", count - SHOWN));
    }
    Some(format!(
        "offline: {count} package{} not in the cache or the embedded lists {} not verified: {list}",
        if count == 1 { "" } else { "s" },
        if count == 1 { "was" } else { "were" },
    ))
}

/// Reads the files that requirement files include (`-r base.in`) and that the walk left out
/// because their names are not a manifest's, so that their entries are checked too. An include
/// that leads outside `root` is never read (its lines would go to the registry as names), and
/// neither it nor a missing one is passed over silently: each leaves the run incomplete.
fn add_requirement_includes(
    texts: &mut Vec<(PathBuf, String)>,
    root: &Path,
    cwd: &Path,
    load: impl Fn(&Path) -> Option<(PathBuf, String)>,
) -> Vec<IncompleteFile> {
    /// A bound against include cycles through differently spelled paths.
    const MAX_INCLUDED: usize = 64;
    let mut notes = Vec::new();
    let walked = texts.len();
    let mut next = 0;
    while next < texts.len() && texts.len() - walked < MAX_INCLUDED {
        let (path, text) = &texts[next];
        // Everything past the walked files was read because a requirement file includes it.
        let is_requirements =
            next >= walked || ManifestKind::from_path(path) == Some(ManifestKind::Requirements);
        next += 1;
        if !is_requirements {
            continue;
        }
        let includer = shown(path, cwd).display().to_string();
        for include in deps::requirement_includes(path, text) {
            let named = shown(&include, cwd).display().to_string();
            let include = match deps::reach(root, &include) {
                deps::Reach::Inside(real) => real,
                deps::Reach::Outside => {
                    notes.push(IncompleteFile {
                        path: includer.clone(),
                        reason: Incomplete::IncludeOutside { include: named },
                    });
                    continue;
                }
                deps::Reach::Missing => {
                    notes.push(IncompleteFile {
                        path: includer.clone(),
                        reason: Incomplete::IncludeMissing { include: named },
                    });
                    continue;
                }
            };
            if texts.len() - walked < MAX_INCLUDED
                && !texts.iter().any(|(p, _)| *p == include)
                && include.is_file()
                && let Some(loaded) = load(&include)
            {
                texts.push(loaded);
            }
        }
    }
    notes.sort();
    notes.dedup();
    notes
}

/// A path as the user would write it from `cwd` (canonical): relative when it is below it.
fn shown(path: &Path, cwd: &Path) -> PathBuf {
    match path.strip_prefix(cwd) {
        Ok(relative) => relative.to_path_buf(),
        Err(_) => path.to_path_buf(),
    }
}
