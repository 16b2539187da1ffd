//! `slopguard check` and `slopguard init`: flags, config, and turning the outcome into output
//! and an exit code. The work itself is in [`crate::check`].

use super::EXIT_ERROR;
use super::output_args::{OutputArgs, run_fixes};
use crate::advisories::settings::AdvisorySettings;
use crate::check::output;
use crate::check::{self, Baseline, CheckOptions, ProjectOptions, Scope, Settings};
use crate::config::{self, Config};
use crate::deps::DependencySettings;
use crate::registry::{self, RegistryConfig};
use crate::rules::{self, Category, KnownIds, RuleSet, Selection, Severity};
use clap::Args;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit code when a finding is at or above `--fail-on`.
const EXIT_FINDINGS: u8 = 1;
/// Exit code when analysis was incomplete (and nothing worse happened).
const EXIT_INCOMPLETE: u8 = 3;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and directories to check.
    #[arg(value_name = "PATHS", default_value = ".")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
    /// Fail (exit 1) on findings at or above this severity [default: warning, or `fail-on` in
    /// slopguard.toml].
    #[arg(long, value_name = "SEVERITY")]
    fail_on: Option<Severity>,
    /// Report only findings on lines added or changed in the git index.
    #[arg(long, conflicts_with = "diff")]
    staged: bool,
    /// Report only findings on lines changed since REV (its merge base with HEAD), e.g.
    /// `origin/main`.
    #[arg(long, value_name = "REV")]
    diff: Option<String>,
    /// Check standard input as a file named NAME (NAME picks the language).
    #[arg(long, value_name = "NAME", conflicts_with_all = ["staged", "diff"])]
    stdin_filename: Option<String>,
    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    baseline: Option<PathBuf>,
    /// Record the current findings in FILE as the accepted baseline.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Use this config file instead of looking for slopguard.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// A directory of extra rule files (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    rule_dirs: Vec<PathBuf>,
    /// Leave out the built-in rule pack.
    #[arg(long)]
    no_builtin_rules: bool,
    /// Worker threads [default: one per core; at most 4 per core, more are clamped with a
    /// note].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// Print files/s and lines/s on stderr when done.
    #[arg(long)]
    stats: bool,
    /// Ask no registry: answer package checks from the cache and the embedded lists only
    /// (what they cannot answer is reported as unverified, never as nonexistent).
    #[arg(long)]
    offline: bool,
    /// Skip the project-level checks (registries, new dependencies): insecure code only.
    #[arg(long)]
    no_package_checks: bool,
    /// Exit as if analysis had been complete when part of it was not (a file too large or
    /// unreadable, nesting too deep, a work limit reached); the notes are still printed
    /// [default: exit 3; or `allow-incomplete` in slopguard.toml].
    #[arg(long)]
    allow_incomplete: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Overwrite an existing slopguard.toml.
    #[arg(long)]
    force: bool,
}

/// Prints `error: ...` and returns the error exit code.
fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(EXIT_ERROR)
}

pub fn run(args: CheckArgs) -> ExitCode {
    args.output.apply_color();
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(e) => return fail(format!("cannot read the current directory: {e}")),
    };
    let config = match load_config(args.config.as_deref(), &cwd) {
        Ok(config) => config,
        Err(e) => return fail(e),
    };
    let (settings, selection) = match settings(&args, &config) {
        Ok(settings) => settings,
        Err(code) => return code,
    };
    // Never freed: the process ends with this command, and dropping the rule set (its compiled
    // queries and regexes, one allocation each) was 7% of a one-file run's CPU time.
    let settings: &Settings = Box::leak(Box::new(settings));
    let scope = match (&args.diff, args.staged) {
        (Some(rev), _) => Scope::Diff(rev.clone()),
        (None, true) => Scope::Staged,
        (None, false) => Scope::All,
    };
    let analysis = match &args.stdin_filename {
        Some(name) => {
            let mut bytes = Vec::new();
            if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
                return fail(format!("cannot read standard input: {e}"));
            }
            check::analyse_text(name, bytes, settings)
        }
        None => {
            if let Some(requested) = args.threads.map(usize::from)
                && requested > check::max_threads()
            {
                eprintln!(
                    "note: --threads {requested} is more than {} per core; using {}",
                    check::THREADS_PER_CORE,
                    check::max_threads()
                );
            }
            let options = CheckOptions {
                paths: args.paths.clone(),
                scope: scope.clone(),
                threads: args.threads.map(usize::from),
                progress: true,
            };
            check::analyse(&options, settings)
        }
    };
    let mut analysis = match analysis {
        Ok(analysis) => analysis,
        Err(e) => return fail(e),
    };
    // Project-level checks (registries, dependencies) join the per-file findings, so that they
    // meet the same scope, suppressions and baseline.
    let mut project = None;
    let mut vulnerable_policy = None;
    if !args.no_package_checks
        && selects_project_checks(&selection)
        && !analysis.package_files.is_empty()
    {
        let (registry, dependencies) = match project_settings(&config, args.offline) {
            Ok(settings) => settings,
            Err(e) => return fail(e),
        };
        let advisories = match advisory_settings(&config) {
            Ok(advisories) => advisories,
            Err(e) => return fail(e),
        };
        vulnerable_policy = Some(advisories.fail_on);
        let mut report = check::run_project_checks(
            &analysis.package_files,
            &ProjectOptions {
                root: &config.root,
                paths: &args.paths,
                registry,
                dependencies: &dependencies,
                scope: &scope,
                cwd: &cwd,
                max_file_size: settings.max_file_size,
                advisories: advisories.enabled.then_some(&advisories),
            },
        );
        for note in &report.notes {
            eprintln!("note: {note}");
        }
        for warning in &report.warnings {
            eprintln!("warning: {warning}");
        }
        analysis.add_incomplete(std::mem::take(&mut report.incomplete));
        analysis.add_findings(std::mem::take(&mut report.findings), settings);
        project = Some(report);
    }
    let mut baseline = match &args.baseline {
        Some(path) => match Baseline::load(path, analysis.cwd()) {
            Ok(baseline) => Some(baseline),
            Err(e) => return fail(e),
        },
        None => None,
    };
    let mut outcome = analysis.finish(settings, baseline.as_mut());
    if let Some(path) = &config.path {
        let file = path
            .file_name()
            .unwrap_or(path.as_os_str())
            .to_string_lossy();
        outcome.narrowed = config
            .narrowing
            .iter()
            .map(|n| format!("{file} {n}"))
            .collect();
    }
    outcome
        .findings
        .retain(|f| selection.keeps(&f.finding.rule_id));
    let fixes = args
        .output
        .fix_options()
        .map(|options| run_fixes(&mut outcome, options));
    // `fail-on-new` made the offending notes errors; whether the check fails is decided by the
    // notes that survive scope, suppressions and the baseline, so that a failing run always
    // shows why.
    let dependency_policy_fails = project.is_some()
        && outcome.findings.iter().any(|f| {
            f.finding.category == Category::NewDependency && f.finding.severity == Severity::Error
        });
    outcome.dependencies = project.and_then(|p| p.dependencies);
    // Likewise `fail-on-vulnerable` for vulnerable dependencies (which `fail-on` leaves out).
    let vulnerable_policy_fails = vulnerable_policy.is_some_and(|policy| {
        outcome.findings.iter().any(|f| {
            f.finding
                .advisory
                .as_ref()
                .is_some_and(|a| policy.fails(a.level, a.reach))
        })
    });

    let allow_incomplete = args.allow_incomplete || config.allow_incomplete;
    for note in output::notes(&outcome) {
        eprintln!("note: {note}");
    }
    for error in &outcome.errors {
        eprintln!("error: {error}");
    }
    if args.stats {
        print_stats(&outcome.stats);
    }
    if let Some(path) = &args.write_baseline {
        if let Err(e) = check::write_baseline(path, &cwd, &outcome.findings) {
            return fail(e);
        }
        eprintln!(
            "wrote {} finding(s) to baseline {}",
            outcome.findings.len(),
            path.display()
        );
        return exit_code(&outcome, None, allow_incomplete);
    }

    if let Err(e) = args.output.write(&outcome, &settings.rules, fixes.as_ref()) {
        return fail(format!("cannot write the report: {e}"));
    }
    let fail_on = args.fail_on.or(config.fail_on).unwrap_or(Severity::Warning);
    if args.output.exit_zero {
        return exit_code(&outcome, None, true);
    }
    if (dependency_policy_fails || vulnerable_policy_fails) && outcome.errors.is_empty() {
        return ExitCode::from(EXIT_FINDINGS);
    }
    exit_code(&outcome, Some(fail_on), allow_incomplete)
}

/// Whether `--select`/`--ignore` leave any registry or dependency finding to report (else the
/// project-level pass, the slow one, is skipped).
fn selects_project_checks(selection: &Selection) -> bool {
    rules::ids::PRODUCER_IDS
        .iter()
        .filter(|id| id.starts_with("registry.") || id.starts_with("deps."))
        .any(|id| selection.keeps(id))
}

/// The typed `[registry]` and `[dependencies]` tables of the config, with `--offline` applied.
fn project_settings(
    config: &Config,
    offline: bool,
) -> Result<(registry::Settings, DependencySettings), String> {
    let mut registry = registry_settings(config)?;
    registry.offline |= offline;
    let dependencies = DependencySettings::from_table(&config.dependencies)
        .and_then(|d| d.with_licences(&config.licenses))
        .map_err(|e| format!("{}: {e}", config_name(config)))?;
    Ok((registry, dependencies))
}

/// The config file's name for messages (`slopguard.toml` when there is none).
fn config_name(config: &Config) -> String {
    config.path.as_ref().map_or_else(
        || config::CONFIG_FILE.to_string(),
        |p| p.display().to_string(),
    )
}

/// The typed `[registry]` table as the repository may set it (notes on stderr for the keys it
/// may not set), with the environment applied.
pub(super) fn registry_settings(config: &Config) -> Result<registry::Settings, String> {
    let file = config_name(config);
    let registry_config: RegistryConfig = config
        .registry
        .clone()
        .try_into()
        .map_err(|e: toml::de::Error| format!("{file}: [registry]: {}", e.message().trim()))?;
    let env = |name: &str| std::env::var(name).ok();
    let (registry_config, ignored) = registry_config.limited_for_repository(&env);
    for note in ignored {
        eprintln!("note: {file}: {note}");
    }
    Ok(registry::Settings::from_config(&registry_config))
}

/// The typed `[advisories]` table, likewise.
pub(super) fn advisory_settings(config: &Config) -> Result<AdvisorySettings, String> {
    let file = config_name(config);
    let (settings, ignored) = AdvisorySettings::from_repository_table(&config.advisories)
        .map_err(|e| format!("{file}: {e}"))?;
    for note in ignored {
        eprintln!("note: {file}: {note}");
    }
    Ok(settings)
}

/// The config `--config` names, else the one found from the current directory.
pub(super) fn load_config(explicit: Option<&Path>, cwd: &Path) -> Result<Config, String> {
    match explicit {
        Some(path) => Config::load(path),
        None => Config::discover(cwd),
    }
    .map_err(|e| e.to_string())
}

/// 2 when a file could not be read, else 1 when a finding is at or above `fail_on`, else 3
/// when analysis was incomplete (unless allowed), else 0.
fn exit_code(
    outcome: &check::Outcome,
    fail_on: Option<Severity>,
    allow_incomplete: bool,
) -> ExitCode {
    if !outcome.errors.is_empty() {
        ExitCode::from(EXIT_ERROR)
    } else if fail_on.is_some_and(|level| outcome.fails(level)) {
        ExitCode::from(EXIT_FINDINGS)
    } else if !outcome.incomplete.is_empty() && !allow_incomplete {
        ExitCode::from(EXIT_INCOMPLETE)
    } else {
        ExitCode::SUCCESS
    }
}

/// The rules (built-in, config `extra-dirs`, `--rules`) minus the disabled and deselected ones,
/// the rest of the settings from the config, and the `--select`/`--ignore` selection.
fn settings(args: &CheckArgs, config: &Config) -> Result<(Settings, Selection), ExitCode> {
    let mut all = Vec::new();
    let mut errors = Vec::new();
    if !args.no_builtin_rules {
        match rules::load_embedded() {
            Ok(builtin) => all.extend(builtin),
            Err(e) => errors.extend(e),
        }
    }
    // The repository's `extra-dirs` may not reach outside it; the user's `--rules` may.
    let config_dirs = config
        .extra_rule_dirs
        .iter()
        .map(|dir| rules::load_dir_within(dir, &config.root));
    for loaded in config_dirs.chain(args.rule_dirs.iter().map(|dir| rules::load_dir(dir))) {
        match loaded {
            Ok(more) => all.extend(more),
            Err(e) => errors.extend(e),
        }
    }
    // The built-in ids count as known even with `--no-builtin-rules`: a config or suppression
    // naming one is not a typo.
    let builtin = args.no_builtin_rules.then(|| {
        RuleSet::builtin()
            .rules()
            .iter()
            .map(|rule| rule.id.as_str())
    });
    let known = KnownIds::new(
        all.iter()
            .map(|rule| rule.id.as_str())
            .chain(builtin.into_iter().flatten()),
    );
    // (Broken rule files first: an id they define is not known yet.)
    let unknown = if errors.is_empty() {
        config.unknown_rule_ids(&known)
    } else {
        Vec::new()
    };
    if !unknown.is_empty() {
        for error in &unknown {
            eprintln!("error: {error}");
        }
        return Err(ExitCode::from(EXIT_ERROR));
    }
    let selection = match Selection::new(&args.output.select, &args.output.ignore, &known) {
        Ok(selection) => selection,
        Err(e) => return Err(fail(e)),
    };
    // A taint library reports nothing but lends its sources and sanitizers to every taint rule
    // of its language: `--select python.sql` must not change what `python.sql-*` reports.
    all.retain(|rule| {
        rule.is_taint_library() || (config.rules.enabled(&rule.id) && selection.keeps(&rule.id))
    });
    let rules = if errors.is_empty() {
        RuleSet::new(all).map_err(|e| {
            errors = e;
        })
    } else {
        Err(())
    };
    match rules {
        Ok(rules) => Ok((
            Settings {
                rules,
                known_ids: known,
                policy: config.rules.clone(),
                excludes: config.excludes.clone(),
                max_file_size: config.max_file_size,
                files: config.files,
                attributes: crate::context::Attributes::read(&config.root),
                root: crate::config::normalize(
                    &std::env::current_dir()
                        .unwrap_or_default()
                        .join(&config.root),
                ),
            },
            selection,
        )),
        Err(()) => {
            for error in &errors {
                eprintln!("error: {error}");
            }
            Err(ExitCode::from(EXIT_ERROR))
        }
    }
}

fn print_stats(stats: &check::Stats) {
    let seconds = stats.elapsed.as_secs_f64().max(1e-9);
    eprintln!(
        "checked {} files, {} lines in {:.3}s with {} thread(s): {:.0} files/s, {:.0} lines/s",
        stats.files,
        stats.lines,
        seconds,
        stats.threads,
        stats.files as f64 / seconds,
        stats.lines as f64 / seconds
    );
}

pub fn init(args: InitArgs) -> ExitCode {
    let path = Path::new(config::CONFIG_FILE);
    if path.exists() && !args.force {
        return fail(format!(
            "{} already exists (use --force to overwrite it)",
            path.display()
        ));
    }
    match std::fs::write(path, config::DEFAULT_CONFIG) {
        Ok(()) => {
            eprintln!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(format!("cannot write {}: {e}", path.display())),
    }
}
