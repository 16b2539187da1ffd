//! What the dependency diff reports: findings (rule ids below, category `new-dependency`),
//! the summary `check` prints and writes as `summary.dependencies` in JSON, and the wording of
//! the notes, which quote what the registry says about each new package.

use super::diff::Change;
use super::{Dependency, Ecosystem, SourceKind};
use crate::finding::{Finding, PackageRef};
use crate::registry::{FileFinding, Lookup};
use crate::rules::{Category, Confidence, Severity};
use crate::text::Span;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;

/// Rule ids of the findings this module produces.
pub use crate::rules::ids::deps_ids as rule_ids;

/// One package in the summary.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct DependencyEntry {
    pub ecosystem: Ecosystem,
    pub name: String,
    /// The locked version, or for a direct dependency the requirement as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The manifest or lockfile, relative to the project directory, `/`-separated.
    pub path: String,
}

/// `summary.dependencies` of `check --format json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DependencySummary {
    /// Dependencies a manifest introduces (added, re-sourced or renamed).
    pub direct_added: Vec<DependencyEntry>,
    /// Packages lockfiles newly pin that no manifest declares directly.
    pub transitive_added: Vec<DependencyEntry>,
    /// Direct dependencies dropped from a manifest and packages dropped from a lockfile.
    pub removed: Vec<DependencyEntry>,
}

/// Everything [`super::introduced`] found.
#[derive(Debug, Clone, Default)]
pub struct DependencyReport {
    /// New-dependency notes, plus the registry findings of transitive newcomers (which no
    /// other check sees). Registry findings of direct dependencies and imports are not
    /// repeated here: the registry checks of the manifests and code report them.
    pub findings: Vec<FileFinding>,
    pub summary: DependencySummary,
    /// Why parts were skipped (no repository, unreadable lockfile...), for the user to see.
    pub notes: Vec<String>,
    /// True when `fail-on-new` makes the check fail (the offending notes are errors).
    pub fails: bool,
}

/// How a source is named in messages.
pub(crate) fn describe_source(ecosystem: Ecosystem, source: &SourceKind) -> String {
    match source {
        SourceKind::Registry => ecosystem.registry_name().to_string(),
        SourceKind::OtherRegistry(name) => format!("the `{name}` registry"),
        SourceKind::Git => "a git repository".into(),
        SourceKind::Path => "a local path".into(),
        SourceKind::Url => "a URL".into(),
        SourceKind::Workspace => "the workspace".into(),
    }
}

/// A source with where it points, when it points somewhere: "a git repository
/// (https://...)".
fn describe_location(ecosystem: Ecosystem, source: &SourceKind, location: Option<&str>) -> String {
    let described = describe_source(ecosystem, source);
    match location {
        Some(location) => format!("{described} ({location})"),
        None => described,
    }
}

/// The first sentence of a new-dependency note.
pub(crate) fn headline(dependency: &Dependency, change: &Change) -> String {
    let (name, ecosystem, section) = (&dependency.name, dependency.ecosystem, &dependency.section);
    let from = describe_location(
        ecosystem,
        &dependency.source,
        dependency.location.as_deref(),
    );
    match change {
        Change::Added => format!("new dependency `{name}` from {from} in `{section}`"),
        Change::Resourced {
            from: before,
            location,
        } => format!(
            "dependency `{name}` now comes from {from} instead of {}",
            describe_location(ecosystem, before, location.as_deref())
        ),
        Change::Renamed { from: before } => {
            format!("the name `{before}` now points at another package: `{name}` from {from}")
        }
    }
}

/// What the registry says about a package, for a reviewer: latest version, first
/// publication, repository link (or its absence, where the registry would list one).
pub(crate) fn facts(ecosystem: Ecosystem, lookup: Option<&Lookup>) -> Option<String> {
    let info = match lookup? {
        Lookup::Exists(info) => info,
        Lookup::Missing => return None,
        Lookup::Unknown(why) => return Some(format!("registry facts unavailable ({why})")),
    };
    if info.from_list {
        return Some("a popular package (slopguard's embedded list; not looked up)".into());
    }
    let mut parts = Vec::new();
    if let Some(latest) = &info.latest {
        parts.push(format!("latest {latest}"));
    }
    parts.push(format!("{} versions", info.versions.len()));
    if let Some(first) = info.first_published {
        parts.push(format!("first published {}", date(first)));
    }
    if let Some(downloads) = &info.downloads {
        let recent = downloads
            .recent
            .map(|r| format!(", {} in the last 90 days", thousands(r)))
            .unwrap_or_default();
        parts.push(format!(
            "{} downloads {}{recent}",
            thousands(downloads.count),
            downloads.period
        ));
    }
    match (&info.repository, ecosystem) {
        (Some(url), _) => parts.push(format!("repository {url}")),
        // The crates.io index and npm's abbreviated metadata never carry a repository link
        // (crates.io's web API does, when it could be asked), so its absence there says
        // nothing.
        (None, Ecosystem::PyPI) => parts.push("no repository link".into()),
        // Asked of the full metadata: its absence is a fact then.
        (None, _) if info.repository_checked => parts.push("no repository link".into()),
        (None, _) => {}
    }
    Some(parts.join(", "))
}

/// A finding of the dependency checks about one package (CWE-1357: reliance on insufficiently
/// trustworthy components).
#[allow(clippy::too_many_arguments)]
pub(crate) fn finding(
    path: PathBuf,
    rule_id: &str,
    category: Category,
    severity: Severity,
    message: String,
    span: Span,
    ecosystem: Ecosystem,
    name: &str,
    version: Option<String>,
) -> FileFinding {
    FileFinding {
        path,
        finding: Finding {
            rule_id: rule_id.into(),
            category,
            severity,
            confidence: Confidence::High,
            message: message.into(),
            span,
            cwe: Arc::new(["CWE-1357".to_string()]),
            fix: None,
            package: Some(PackageRef {
                ecosystem: ecosystem.as_str().to_string(),
                name: name.to_string(),
                version,
            }),
            flow: None,
            advisory: None,
        },
    }
}

/// `1234567` → `1,234,567`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "also reported as ...": the registry verdicts that take precedence over a note.
pub(crate) fn precedence(categories: &[Category]) -> Option<String> {
    let mut labels: Vec<&str> = categories
        .iter()
        .filter_map(|c| match c {
            Category::HallucinatedPackage => Some("hallucinated"),
            Category::Typosquat => Some("a typosquat"),
            Category::RiskyPackage => Some("risky"),
            _ => None,
        })
        .collect();
    labels.dedup();
    (!labels.is_empty()).then(|| {
        format!(
            "also reported as {}: that finding takes precedence",
            labels.join(" and ")
        )
    })
}

/// `YYYY-MM-DD` of a Unix time (UTC).
pub(crate) fn date(seconds: i64) -> String {
    // Civil from days (Howard Hinnant's algorithm).
    let z = seconds.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::parse_time;

    #[test]
    fn dates_round_trip() {
        for text in ["1970-01-01", "2000-02-29", "2019-05-01", "2024-12-31"] {
            let seconds = parse_time(&format!("{text}T10:00:00Z")).unwrap();
            assert_eq!(date(seconds), text);
        }
    }

    #[test]
    fn counts_have_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn summary_serialises_as_documented() {
        let summary = DependencySummary {
            direct_added: vec![DependencyEntry {
                ecosystem: Ecosystem::Crates,
                name: "anyhow".into(),
                version: Some("1".into()),
                path: "Cargo.toml".into(),
            }],
            ..DependencySummary::default()
        };
        assert_eq!(
            serde_json::to_string(&summary).unwrap(),
            r#"{"direct_added":[{"ecosystem":"crates.io","name":"anyhow","version":"1","path":"Cargo.toml"}],"transitive_added":[],"removed":[]}"#
        );
    }
}
