//! From a project's files to `vulnerable-dependency` findings: the packages its lockfiles and
//! pinned manifests resolve to ([`crate::deps::resolved`]), the stored advisories that affect
//! those versions ([`super::matching`]), how far the code reaches each ([`super::reach`]), and
//! the finding that says so on the line that pins the version.
//!
//! Severity follows the advisory (CVSS base score, else its own word): critical and high are
//! errors, medium a warning, low an info, unknown a warning; one step lower when no code
//! imports the package. Whether a finding fails `check` is `fail-on-vulnerable`'s call
//! ([`super::settings::FailOnVulnerable`]), not `fail-on`'s.

use super::matching::{affects, lowest_fix};
use super::osv::{Advisory, Level};
use super::reach::{CodeIndex, Reached};
use super::settings::AdvisorySettings;
use super::store::{Store, osv_name};
use super::{Reach, describe_age, rule_ids};
use crate::deps::resolved::{Resolved, resolved_packages};
use crate::finding::{AdvisoryRef, Finding, PackageRef};
use crate::rules::{Category, Confidence, Severity};
use std::path::Path;
use std::sync::Arc;

/// One advisory that affects one resolved package.
#[derive(Debug, Clone)]
pub struct Vulnerable {
    pub package: Resolved,
    pub advisory: Advisory,
    /// The lowest fixed version above the resolved one.
    pub fixed: Option<String>,
    pub reached: Reached,
}

/// Every stored advisory affecting a package `files` (path, text: manifests, lockfiles and
/// code) resolve to, ranked called > imported > not-imported, then by severity; and notes on
/// lockfiles that could not be read.
pub fn scan(store: &Store, files: &[(&Path, &str)]) -> (Vec<Vulnerable>, Vec<String>) {
    let (resolved, notes) = resolved_packages(files);
    let mut matches: Vec<(Resolved, Advisory, Option<String>)> = Vec::new();
    for package in resolved {
        if !store.has(package.ecosystem) {
            continue;
        }
        for advisory in store.lookup(package.ecosystem, &package.name) {
            if affects(package.ecosystem, &advisory, &package.version) {
                let fixed = lowest_fix(package.ecosystem, &advisory, &package.version);
                matches.push((package.clone(), advisory, fixed));
            }
        }
    }
    if matches.is_empty() {
        return (Vec::new(), notes);
    }
    // The code is parsed only when something matched.
    let code = CodeIndex::new(files);
    let mut found: Vec<Vulnerable> = matches
        .into_iter()
        .map(|(package, advisory, fixed)| {
            let reached = code.reach(package.ecosystem, &package.name, &advisory);
            Vulnerable {
                package,
                advisory,
                fixed,
                reached,
            }
        })
        .collect();
    found.sort_by(|a, b| {
        (b.reached.reach, b.advisory.level)
            .cmp(&(a.reached.reach, a.advisory.level))
            .then_with(|| a.package.path.cmp(&b.package.path))
            .then_with(|| a.package.span.start.line.cmp(&b.package.span.start.line))
            .then_with(|| a.advisory.id.cmp(&b.advisory.id))
    });
    (found, notes)
}

/// The severity of a finding: from the advisory's level, one step lower when unreached.
pub fn severity(level: Option<Level>, reach: Reach) -> Severity {
    let base = match level {
        Some(Level::Critical | Level::High) => Severity::Error,
        Some(Level::Medium) | None => Severity::Warning,
        Some(Level::Low) => Severity::Info,
    };
    match (reach, base) {
        (Reach::NotImported, Severity::Error) => Severity::Warning,
        (Reach::NotImported, Severity::Warning) => Severity::Info,
        (Reach::NotImported, _) => Severity::Hint,
        (_, base) => base,
    }
}

/// The finding for one match, on the line that pins the version; `shown` writes a path as the
/// user reads it (relative to where the check runs).
pub fn finding(found: &Vulnerable, shown: &dyn Fn(&Path) -> String) -> Finding {
    let Vulnerable {
        package,
        advisory,
        fixed,
        reached,
    } = found;
    let mut message = format!(
        "{} {} is affected by {}",
        package.name, package.version, advisory.id
    );
    let mut facts: Vec<String> = advisory
        .aliases
        .iter()
        .filter(|a| a.starts_with("CVE-"))
        .take(2)
        .cloned()
        .collect();
    match (advisory.level, advisory.score) {
        (Some(level), Some(score)) => facts.push(format!("{} {score:.1}", level.as_str())),
        (Some(level), None) => facts.push(level.as_str().to_string()),
        _ => {}
    }
    if !facts.is_empty() {
        message.push_str(&format!(" ({})", facts.join(", ")));
    }
    if !advisory.summary.is_empty() {
        message.push_str(&format!(": {}", advisory.summary));
    }
    message.push_str(&match fixed {
        Some(fixed) => format!("; fixed in {fixed}"),
        None => "; no fixed version known".to_string(),
    });
    message.push_str(&format!("; {}", reach_phrase(reached, package, shown)));
    Finding {
        rule_id: rule_ids::VULNERABLE.into(),
        category: Category::VulnerableDependency,
        severity: severity(advisory.level, reached.reach),
        confidence: Confidence::High,
        message: message.into(),
        span: package.span,
        cwe: Arc::new([]),
        fix: None,
        package: Some(PackageRef {
            ecosystem: package.ecosystem.as_str().to_string(),
            name: package.name.clone(),
            version: Some(package.version.clone()),
        }),
        flow: None,
        advisory: Some(Box::new(advisory_ref(found))),
    }
}

/// The advisory part of a finding.
pub fn advisory_ref(found: &Vulnerable) -> AdvisoryRef {
    AdvisoryRef {
        id: found.advisory.id.clone(),
        aliases: found.advisory.aliases.clone(),
        fixed: found.fixed.clone(),
        reach: found.reached.reach,
        level: found.advisory.level,
        score: found.advisory.score,
        summary: found.advisory.summary.clone(),
        url: found.advisory.url.clone(),
    }
}

/// `called at src/main.rs:12 (yaml.load)`, `imported at app.py:3`, `not imported by the code
/// (a transitive dependency)`.
fn reach_phrase(reached: &Reached, package: &Resolved, shown: &dyn Fn(&Path) -> String) -> String {
    let at =
        |site: &super::reach::Site| format!("{}:{}", shown(&site.path), site.span.start.line + 1);
    match (&reached.reach, &reached.site) {
        (Reach::Called, Some(site)) if reached.by_method_name => format!(
            "likely called at {} (a `.{}(..)` method call in a file that imports it)",
            at(site),
            site.what
        ),
        (Reach::Called, Some(site)) => format!("called at {} ({})", at(site), site.what),
        (Reach::Imported, Some(site)) if reached.affected_module => format!(
            "the affected module {} is imported at {}",
            site.what,
            at(site)
        ),
        (Reach::Imported, Some(site)) => format!("imported at {}", at(site)),
        _ if package.direct => "declared but not imported by the code".to_string(),
        _ => "not imported by the code (a transitive dependency)".to_string(),
    }
}

/// What `check` says about the data's age: a warning when the oldest ecosystem's data is
/// older than the configured limit, else how old it is; `None` without data.
pub fn freshness(store: &Store, settings: &AdvisorySettings) -> Option<(bool, String)> {
    let (ecosystem, oldest) = store
        .metas()
        .min_by_key(|(_, meta)| meta.updated)
        .map(|(ecosystem, meta)| (ecosystem, meta.updated))?;
    let age = (crate::registry::unix_now() - oldest).max(0) as u64;
    let stale = age > settings.stale_after.as_secs();
    let names: Vec<&str> = store.metas().map(|(e, _)| osv_name(e)).collect();
    let text = if stale {
        format!(
            "advisory data is stale: {} {} (over {} days); run `slopguard db update`",
            osv_name(ecosystem),
            describe_age(oldest),
            settings.stale_after.as_secs() / 86_400
        )
    } else {
        format!(
            "advisories for {} {}",
            names.join(", "),
            describe_age(oldest)
        )
    };
    Some((stale, text))
}
