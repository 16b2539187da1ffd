//! The dependency diff of a project: every manifest and lockfile read at the baseline and now,
//! what each change introduces and removes, the registry checks of what arrives, the
//! allow list and the `fail-on-new` policy, folded into one [`DependencyReport`].

use super::baseline::Baseline;
use super::changes::{Changes, is_tracked, read_changes};
use super::diff::Change;
use super::lockfile::{Locked, url_host};
use super::policy::{DependencySettings, FailOnNew};
use super::report::{self, DependencyEntry, DependencyReport, rule_ids};
use super::signals;
use super::{Ecosystem, ManifestKind, SourceKind, canonical_name, located};
use crate::registry::{self, FileFinding, PackageChecker, PackageQuery, SourceFile, Verdicts};
use crate::rules::{Category, Severity};
use crate::text::Span;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// How many transitive newcomers a lockfile note names before "and N more".
const NAMED_NEWCOMERS: usize = 5;

/// What [`introduced`] runs with.
pub struct IntroducedOptions<'a> {
    /// What the manifests and lockfiles are compared with; `None`: no comparison at all (no
    /// git process runs), only the undeclared imports of the code files.
    pub baseline: Option<Baseline>,
    pub settings: &'a DependencySettings,
    /// Asks the registries about what arrives; `None`: no facts, no registry checks.
    pub checker: Option<&'a PackageChecker>,
    /// Whether the registries may be asked (false in the editor: cache and lists only).
    pub network: bool,
    /// Files of the check: code files are searched for undeclared imports, and the texts of
    /// manifests and lockfiles here win over the working tree (unsaved editor buffers).
    pub sources: &'a [SourceFile<'a>],
    /// The editor's open document (absolute): only what concerns it is computed. A code file
    /// needs no baseline at all (its undeclared imports); a manifest is diffed alone.
    pub focus: Option<&'a Path>,
}

/// The dependency diff of the project at `root` against `options.baseline`. Never fails: what
/// cannot be computed (no repository, an unknown revision, an unreadable lockfile) becomes a
/// note in [`DependencyReport::notes`].
pub fn introduced(root: &Path, options: &IntroducedOptions<'_>) -> DependencyReport {
    let mut report = DependencyReport::default();
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let settings = options.settings;
    // The root is canonical; paths as given on the command line are relative to the working
    // directory (`app.py`): each source is resolved once, the same way, or no file is inside
    // the root and no manifest around it declares anything.
    let resolved: Vec<PathBuf> = options.sources.iter().map(|f| located(f.path)).collect();
    let sources: Vec<SourceFile<'_>> = options
        .sources
        .iter()
        .zip(&resolved)
        .map(|(f, path)| SourceFile { path, text: f.text })
        .collect();
    let imports = match options.checker {
        Some(checker) => {
            let code: Vec<usize> = (0..sources.len())
                .filter(|&i| ManifestKind::from_path(sources[i].path).is_none())
                .collect();
            let code_files: Vec<SourceFile<'_>> = code.iter().map(|&i| sources[i]).collect();
            checker
                .undeclared_imports(&root, &code_files)
                .into_iter()
                .map(|i| (options.sources[code[i.file]].path.to_path_buf(), i))
                .collect()
        }
        None => Vec::new(),
    };
    let focus = options.focus.map(|f| {
        let f = located(f);
        f.strip_prefix(&root).map(Path::to_path_buf).unwrap_or(f)
    });
    let changes = match (&options.baseline, &focus) {
        (None, _) => Ok(Changes::default()),
        (Some(_), Some(focus)) if !is_tracked(focus) => Ok(Changes::default()),
        (Some(baseline), _) => read_changes(&root, baseline, &sources, focus.as_deref()),
    };
    let mut changes = match changes {
        Ok(changes) => changes,
        Err(note) => {
            report.notes.push(note);
            Changes::default()
        }
    };
    report.notes.extend(changes.notes.iter().cloned());
    // As the registry checks do: a manifest entry naming the workspace's own package is the
    // project's code, not a new dependency, and a scope `.npmrc` sends to a private registry
    // is not the public registry's to answer for.
    let texts = sources.iter().map(|s| (s.path.to_path_buf(), s.text));
    let local = registry::LocalKnowledge::new(&root, texts);
    changes.direct.retain(|(path, introduced)| {
        let dependency = &introduced.dependency;
        !local.is_own_package(&root.join(path), dependency.ecosystem, &dependency.name)
    });

    // Ask the registries about everything that arrives, in one batch.
    let mut queries = Vec::new();
    // The lockfile of each query about a lockfile entry (`None`: a manifest or an import).
    let mut lockfile_of: Vec<Option<PathBuf>> = Vec::new();
    for (path, introduced) in &changes.direct {
        let dependency = &introduced.dependency;
        if dependency.source == SourceKind::Registry
            && !local.is_private_npm(&root.join(path), &dependency.name)
        {
            queries.push(PackageQuery {
                ecosystem: dependency.ecosystem,
                name: dependency.name.clone(),
                version: dependency.pinned_version().map(str::to_string),
                span: dependency.name_span,
                details: true,
            });
            lockfile_of.push(None);
        }
    }
    for (_, import) in &imports {
        queries.push(PackageQuery {
            ecosystem: import.ecosystem,
            name: import.name.clone(),
            version: None,
            span: import.span,
            details: true,
        });
        lockfile_of.push(None);
    }
    for lock in &changes.locks {
        // Entries from hosts slopguard does not ask (a private registry, or a proxy of the
        // public one that is not configured): named in a note, so that what goes unchecked is
        // said.
        let mut elsewhere: BTreeMap<&str, usize> = BTreeMap::new();
        let arrivals = lock.newcomers.iter().map(|p| (p, false));
        for (package, bump) in arrivals.chain(lock.changed.iter().map(|c| (&c.1, true))) {
            let host = package.host.as_deref();
            let asked = options
                .checker
                .is_none_or(|checker| asks_the_registry(lock.ecosystem, host, checker.settings()));
            if package.registry && !asked {
                *elsewhere.entry(host.unwrap_or_default()).or_default() += 1;
            }
            let checked_registry =
                asked && !local.is_private_npm(&root.join(&lock.path), &package.name);
            if package.registry && checked_registry {
                queries.push(PackageQuery {
                    ecosystem: lock.ecosystem,
                    name: package.name.clone(),
                    version: Some(package.version.clone()).filter(|v| !v.is_empty()),
                    span: package.span,
                    // The documents the details read name publishers (wanted for a version
                    // bump) and licences (wanted when a policy judges them); a newcomer's
                    // facts are otherwise the registry checks' alone.
                    details: bump || settings.licences.is_active(),
                });
                lockfile_of.push(Some(lock.path.clone()));
            }
        }
        for (host, count) in elsewhere {
            report.notes.push(format!(
                "{}: {count} new or changed entr{} from {host} not checked against {} (set its URL in [registry] to check them)",
                display(&lock.path),
                if count == 1 { "y" } else { "ies" },
                lock.ecosystem.registry_name()
            ));
        }
    }
    let verdicts = match options.checker {
        Some(checker) if !queries.is_empty() => checker.check_packages(&queries, options.network),
        _ => Verdicts::default(),
    };
    // Registry categories per package, and the findings of lockfile entries (reported here,
    // since no other check reads lockfiles).
    let mut flagged: HashMap<(Ecosystem, String), Vec<Category>> = HashMap::new();
    for (index, finding) in &verdicts.findings {
        let query = &queries[*index];
        if &*finding.rule_id != registry::rule_ids::UNVERIFIED {
            flagged
                .entry((
                    query.ecosystem,
                    canonical_name(query.ecosystem, &query.name),
                ))
                .or_default()
                .push(finding.category);
        }
        if let Some(path) = &lockfile_of[*index] {
            report.findings.push(FileFinding {
                path: root.join(path),
                finding: finding.clone(),
            });
        }
    }
    let categories = |ecosystem: Ecosystem, name: &str| {
        flagged
            .get(&(ecosystem, canonical_name(ecosystem, name)))
            .cloned()
            .unwrap_or_default()
    };
    let lookup =
        |ecosystem: Ecosystem, name: &str| verdicts.lookups.get(&(ecosystem, name.to_string()));
    let lookups_on = options.network && options.checker.is_some_and(|c| !c.settings().offline);

    for (path, introduced) in &changes.direct {
        let dependency = &introduced.dependency;
        report.summary.direct_added.push(DependencyEntry {
            ecosystem: dependency.ecosystem,
            name: dependency.name.clone(),
            version: dependency.requirement.clone(),
            path: display(path),
        });
        if settings.allows(dependency.ecosystem, &dependency.name) {
            continue;
        }
        let found = categories(dependency.ecosystem, &dependency.name);
        if found.contains(&Category::HallucinatedPackage) {
            // The registry's "does not exist" error on the same name says all there is: no
            // second finding on the span (the summary still lists the dependency).
            continue;
        }
        let mut message = report::headline(dependency, &introduced.change);
        if dependency.source == SourceKind::Registry {
            if let Some(facts) = report::facts(
                dependency.ecosystem,
                lookup(dependency.ecosystem, &dependency.name),
            ) {
                message.push_str(&format!(": {facts}"));
            }
        } else if introduced.change == Change::Added
            || matches!(introduced.change, Change::Resourced { .. })
        {
            message.push_str(": no registry checks apply, review its source");
        }
        if dependency.source == SourceKind::Registry {
            let locked = changes.locks.iter().flat_map(|l| &l.declared).find(|p| {
                canonical_name(dependency.ecosystem, &p.name)
                    == canonical_name(dependency.ecosystem, &dependency.name)
            });
            let version = dependency
                .pinned_version()
                .or(locked.map(|p| p.version.as_str()));
            let arrival = signals::Arrival {
                ecosystem: dependency.ecosystem,
                version: version.unwrap_or_default(),
                from: None,
            };
            let lookup = lookup(dependency.ecosystem, &dependency.name);
            let (notes, licence) = signals::judge(lookup, &arrival, settings, lookups_on);
            if !notes.is_empty() {
                message.push_str(&format!("; supply-chain signals: {}", notes.join("; ")));
            }
            report.findings.extend(licence.map(|(denied, why)| {
                signals::licence_finding(
                    root.join(path),
                    dependency.name_span,
                    dependency.ecosystem,
                    &dependency.name,
                    denied,
                    why,
                )
            }));
        }
        let risky = !found.is_empty();
        report.findings.push(note(
            root.join(path),
            rule_ids::NEW_DEPENDENCY,
            message,
            dependency.name_span,
            dependency.ecosystem,
            &dependency.name,
            &found,
            risky,
            settings.fail_on_new,
        ));
    }

    for (path, import) in &imports {
        let found = categories(import.ecosystem, &import.name);
        if settings.allows(import.ecosystem, &import.name)
            || found.contains(&Category::HallucinatedPackage)
        {
            continue;
        }
        let manifests = match import.ecosystem {
            Ecosystem::PyPI => "pyproject.toml or requirements*.txt",
            Ecosystem::Npm => "package.json",
            Ecosystem::Crates => "Cargo.toml",
        };
        let mut message = format!(
            "`{}` is imported but not declared in {manifests}: using it adds a dependency from {}",
            import.name,
            import.ecosystem.registry_name()
        );
        if let Some(facts) = report::facts(import.ecosystem, lookup(import.ecosystem, &import.name))
        {
            message.push_str(&format!(" ({facts})"));
        }
        let risky = !found.is_empty();
        report.findings.push(note(
            path.clone(),
            rule_ids::UNDECLARED_IMPORT,
            message,
            import.span,
            import.ecosystem,
            &import.name,
            &found,
            risky,
            settings.fail_on_new,
        ));
    }

    for lock in &changes.locks {
        let arrivals = lock.newcomers.iter().map(|p| (p, None)).chain(
            lock.changed
                .iter()
                .map(|(old, new)| (new, Some(old.version.as_str()))),
        );
        for (package, from) in arrivals {
            if settings.allows(lock.ecosystem, &package.name) {
                continue;
            }
            let arrival = signals::Arrival {
                ecosystem: lock.ecosystem,
                version: &package.version,
                from,
            };
            let (notes, licence) = signals::judge(
                lookup(lock.ecosystem, &package.name),
                &arrival,
                settings,
                lookups_on,
            );
            report.findings.extend(signals::lockfile_findings(
                root.join(&lock.path),
                lock.ecosystem,
                package,
                from,
                &notes,
                licence.filter(|_| from.is_none()),
            ));
        }
        let path = display(&lock.path);
        let entry = |p: &Locked| DependencyEntry {
            ecosystem: lock.ecosystem,
            name: p.name.clone(),
            version: Some(p.version.clone()).filter(|v| !v.is_empty()),
            path: path.clone(),
        };
        report
            .summary
            .transitive_added
            .extend(lock.newcomers.iter().map(entry));
        report
            .summary
            .removed
            .extend(lock.removed.iter().map(entry));
        let shown: Vec<&Locked> = lock
            .newcomers
            .iter()
            .filter(|p| !settings.allows(lock.ecosystem, &p.name))
            .collect();
        let Some(first) = shown.first() else { continue };
        let mut names: Vec<String> = shown
            .iter()
            .take(NAMED_NEWCOMERS)
            .map(|p| format!("{} {}", p.name, p.version))
            .collect();
        if shown.len() > NAMED_NEWCOMERS {
            names.push(format!("and {} more", shown.len() - NAMED_NEWCOMERS));
        }
        let flagged_here: Vec<&str> = shown
            .iter()
            .filter(|p| !categories(lock.ecosystem, &p.name).is_empty())
            .map(|p| p.name.as_str())
            .collect();
        let mut message = format!(
            "{} transitive package{} arrive{} with this change: {}",
            shown.len(),
            if shown.len() == 1 { "" } else { "s" },
            if shown.len() == 1 { "s" } else { "" },
            names.join(", ")
        );
        if !flagged_here.is_empty() {
            message.push_str(&format!(
                "; flagged by the registry checks: {}",
                flagged_here.join(", ")
            ));
        }
        report.findings.push(note(
            root.join(&lock.path),
            rule_ids::TRANSITIVE_ADDED,
            message,
            first.span,
            lock.ecosystem,
            &first.name,
            &[],
            !flagged_here.is_empty(),
            settings.fail_on_new,
        ));
    }

    // A manifest's removal is listed rather than its lockfile's.
    let locked_removals = std::mem::replace(&mut report.summary.removed, changes.removed);
    report.summary.removed.extend(locked_removals);
    dedup_removed(&mut report.summary.removed);
    report.summary.direct_added.sort();
    report.summary.transitive_added.sort();
    report.fails = report.findings.iter().any(|f| {
        f.finding.category == Category::NewDependency && f.finding.severity == Severity::Error
    });
    report.findings.sort_by(|a, b| {
        (&a.path, a.finding.span.start_byte, &a.finding.rule_id).cmp(&(
            &b.path,
            b.finding.span.start_byte,
            &b.finding.rule_id,
        ))
    });
    report
}

/// A new-dependency note, made an error when the policy says this one fails the check.
#[allow(clippy::too_many_arguments)]
fn note(
    path: PathBuf,
    rule_id: &str,
    mut message: String,
    span: Span,
    ecosystem: Ecosystem,
    name: &str,
    found: &[Category],
    risky: bool,
    policy: FailOnNew,
) -> FileFinding {
    if let Some(precedence) = report::precedence(found) {
        message.push_str(&format!("; {precedence}"));
    }
    let fails = match policy {
        FailOnNew::None => false,
        FailOnNew::Risky => risky,
        FailOnNew::Any => true,
    };
    if fails {
        message.push_str(&format!(
            " (fails the check: fail-on-new = \"{}\")",
            policy.as_str()
        ));
    }
    report::finding(
        path,
        rule_id,
        Category::NewDependency,
        if fails {
            Severity::Error
        } else {
            Severity::Info
        },
        message,
        span,
        ecosystem,
        name,
        None,
    )
}

/// One entry per package: a manifest's removal wins over its lockfile's.
fn dedup_removed(removed: &mut Vec<DependencyEntry>) {
    let mut seen = HashSet::new();
    removed.retain(|e| seen.insert((e.ecosystem, canonical_name(e.ecosystem, &e.name))));
    removed.sort();
}

/// Whether a lockfile entry fetched from `host` is one the configured registry answers for:
/// the public registry's hosts, or the host of the URL slopguard asks (a mirror or proxy). A
/// package from a private registry is not on the public one, and saying it does not exist
/// there would be a false alarm.
fn asks_the_registry(
    ecosystem: Ecosystem,
    host: Option<&str>,
    settings: &registry::Settings,
) -> bool {
    let Some(host) = host else { return true };
    let (public, configured): (&[&str], &str) = match ecosystem {
        Ecosystem::Npm => (
            &[
                "registry.npmjs.org",
                "registry.yarnpkg.com",
                "registry.npmjs.com",
            ],
            &settings.npm_url,
        ),
        Ecosystem::PyPI => (&["pypi.org", "files.pythonhosted.org"], &settings.pypi_url),
        Ecosystem::Crates => (
            &["index.crates.io", "crates.io"],
            &settings.crates_index_url,
        ),
    };
    public.contains(&host) || url_host(configured).as_deref() == Some(host)
}

fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
