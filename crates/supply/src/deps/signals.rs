//! Supply-chain signals and licence verdicts for the dependencies a change introduces or
//! moves to another version, read from the registry facts of the version it arrives at
//! ([`crate::registry::Release`]) and, for a version change, of the one it left.
//!
//! Signals (each only where the registry's documents tell; never guessed):
//! - **install script**: npm `hasInstallScript` appearing in a version (a `preinstall`,
//!   `install` or `postinstall` script runs on install; a new package's is reported by the
//!   registry checks as risky); a PyPI version with no wheel (installing it builds the source
//!   distribution, running its build backend); a crate whose index entry has `links` (which
//!   requires a build script; a `build.rs` without `links` is not in registry metadata). On a
//!   version change, only when the old version did not have it.
//! - **new publisher**: npm `_npmUser` and crates.io `published_by` of the new version differ
//!   from the old one's (PyPI's JSON API names no uploader).
//! - **dormancy**: the version came out after `dormant-days` without any release.
//! - **fresh**: the version was published less than `cool-down-days` ago.
//!
//! Thresholds live in `[dependencies]` of `slopguard.toml`: `cool-down-days = 7`,
//! `dormant-days = 365` (0 turns either off).

use super::Ecosystem;
use super::lockfile::Locked;
use super::policy::DependencySettings;
use super::report::{self, rule_ids};
use crate::licences::{Licence, LicencePolicy, Verdict};
use crate::registry::{FileFinding, Lookup, PackageInfo, Release, unix_now};
use crate::rules::{Category, Severity};
use crate::text::Span;
use std::path::PathBuf;

const DAY: i64 = 86_400;

/// The thresholds of the time-based signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignalSettings {
    pub cool_down_days: u64,
    pub dormant_days: u64,
}

impl Default for SignalSettings {
    fn default() -> SignalSettings {
        SignalSettings {
            cool_down_days: 7,
            dormant_days: 365,
        }
    }
}

/// One package version to judge: `from` is the version it replaces, if any.
pub struct Arrival<'a> {
    pub ecosystem: Ecosystem,
    pub version: &'a str,
    pub from: Option<&'a str>,
}

/// The release facts of `version`, when the answer has them.
fn release<'a>(info: &'a PackageInfo, version: &str) -> Option<&'a Release> {
    info.releases.get(version)
}

/// The signals of one arrival, as phrases for a note ("runs an install script", ...).
pub fn signals(
    info: &PackageInfo,
    arrival: &Arrival<'_>,
    settings: &SignalSettings,
    now: i64,
) -> Vec<String> {
    let Some(new) = release(info, arrival.version) else {
        return Vec::new();
    };
    let old = arrival.from.and_then(|v| release(info, v));
    let version = arrival.version;
    let mut out = Vec::new();
    let had = |f: fn(&Release) -> bool| old.is_some_and(f);
    // A new package's install script is the registry checks' (`registry.risky-package`, on
    // its latest version); what only a version change shows is one appearing.
    if let Some(from) = arrival.from
        && new.install_script == Some(true)
        && !had(|r| r.install_script == Some(true))
    {
        out.push(format!(
            "an install script appears in {version} ({from} had none)"
        ));
    }
    if new.sdist_only == Some(true) && !had(|r| r.sdist_only == Some(true)) {
        out.push(format!(
            "{version} has no wheel: installing it builds the source distribution and runs its build backend"
        ));
    }
    if let Some(links) = &new.links
        && !had(|r| r.links.is_some())
    {
        out.push(format!(
            "{version} links the native library `{links}`, so it runs a build script"
        ));
    }
    if let (Some(before), Some(after)) = (
        old.and_then(|r| r.publisher.as_deref()),
        new.publisher.as_deref(),
    ) && before != after
    {
        out.push(format!(
            "{version} was published by `{after}`, {} by `{before}`",
            arrival.from.unwrap_or_default()
        ));
    }
    if let Some(published) = new.published {
        let previous = info
            .releases
            .iter()
            .filter(|(v, _)| v.as_str() != version)
            .filter_map(|(v, r)| Some((r.published?, v)))
            .filter(|(time, _)| *time < published)
            .max();
        let dormant = settings.dormant_days as i64 * DAY;
        if let Some((time, previous_version)) = previous
            && dormant > 0
            && published - time > dormant
        {
            out.push(format!(
                "{version} came out after {} days without a release (the previous, {previous_version}, on {})",
                (published - time) / DAY,
                super::date(time)
            ));
        }
        let age = now - published;
        if (0..settings.cool_down_days as i64 * DAY).contains(&age) {
            out.push(format!(
                "{version} was published {} ago, within the {}-day cool-down",
                match age / DAY {
                    0 => "less than a day".to_string(),
                    1 => "1 day".to_string(),
                    n => format!("{n} days"),
                },
                settings.cool_down_days
            ));
        }
    }
    out
}

/// The licence the registry declares for `version`, normalised; `Err` says why none is known.
/// `lookups_on`: the registries could be asked (not `--offline`, not the editor's cache-only
/// pass), so a missing answer is a failure rather than a lookup that was never made.
pub fn licence(
    ecosystem: Ecosystem,
    lookup: Option<&Lookup>,
    version: &str,
    lookups_on: bool,
) -> Result<Licence, String> {
    let info = match lookup {
        Some(Lookup::Exists(info)) if !info.from_list => info,
        Some(Lookup::Unknown(why)) if lookups_on => {
            return Err(format!("the registry could not be asked ({why})"));
        }
        _ if lookups_on => return Err("the registry gave no metadata".into()),
        _ => return Err("registry lookups were off and the cache has no answer".into()),
    };
    match release(info, version).and_then(|r| r.licence.as_deref()) {
        Some(text) => Ok(Licence::from_registry(text)),
        None if ecosystem == Ecosystem::PyPI && info.latest.as_deref() != Some(version) => {
            Err("PyPI's project document gives the licence of the latest release only".into())
        }
        None => Err(format!("{} declares none", ecosystem.registry_name())),
    }
}

/// The policy's verdict on a licence lookup, as a finding's wording: `None` when accepted.
pub fn licence_problem(
    policy: &LicencePolicy,
    found: &Result<Licence, String>,
) -> Option<(bool, String)> {
    match (found, policy.judge(found.as_ref().ok())) {
        (_, Verdict::Accepted) => None,
        (Ok(licence), Verdict::Denied(why)) => {
            Some((true, format!("licence `{}`: {why}", licence.as_str())))
        }
        (Ok(Licence::Other(text)), _) => Some((
            false,
            format!("licence unknown: the registry says `{text}`, which is no SPDX expression"),
        )),
        (Err(why), _) => Some((false, format!("licence unknown: {why}"))),
        (Ok(Licence::Spdx(text)), _) => Some((false, format!("licence `{text}` not judged"))),
    }
}

/// The signals of an arrival and, when a `[licenses]` policy is set, its licence problem
/// (`(denied, wording)`). A manifest entry without a known version is judged at the
/// registry's latest version, and says so.
pub fn judge(
    lookup: Option<&Lookup>,
    arrival: &Arrival<'_>,
    settings: &DependencySettings,
    lookups_on: bool,
) -> (Vec<String>, Option<(bool, String)>) {
    let info = match lookup {
        Some(Lookup::Exists(info)) => Some(info),
        _ => None,
    };
    let latest = info.and_then(|i| i.latest.as_deref());
    let (version, assumed) = match (arrival.version, latest) {
        ("", Some(latest)) => (latest, true),
        (version, _) => (version, false),
    };
    let arrival = Arrival {
        version,
        ..*arrival
    };
    let mut notes = info
        .map(|info| signals(info, &arrival, &settings.signals, unix_now()))
        .unwrap_or_default();
    if assumed && !notes.is_empty() {
        notes.insert(0, format!("judged at the latest version, {version}"));
    }
    let licence = settings
        .licences
        .is_active()
        .then(|| {
            let found = licence(arrival.ecosystem, lookup, version, lookups_on);
            licence_problem(&settings.licences, &found)
        })
        .flatten();
    (notes, licence)
}

/// A licence finding on a new dependency: a warning when denied, an info when unknown.
pub fn licence_finding(
    path: PathBuf,
    span: Span,
    ecosystem: Ecosystem,
    name: &str,
    denied: bool,
    wording: String,
) -> FileFinding {
    let (rule_id, severity) = match denied {
        true => (rule_ids::LICENSE_DENIED, Severity::Warning),
        false => (rule_ids::LICENSE_UNKNOWN, Severity::Info),
    };
    report::finding(
        path,
        rule_id,
        Category::License,
        severity,
        format!("new dependency `{name}`: {wording}"),
        span,
        ecosystem,
        name,
        None,
    )
}

/// The findings of one new or changed lockfile entry: a note with its signals, and its
/// licence problem.
pub fn lockfile_findings(
    path: PathBuf,
    ecosystem: Ecosystem,
    package: &Locked,
    from: Option<&str>,
    notes: &[String],
    licence: Option<(bool, String)>,
) -> Vec<FileFinding> {
    let mut out = Vec::new();
    if !notes.is_empty() {
        let what = match from {
            Some(from) => format!(
                "`{}` moves from {from} to {}",
                package.name, package.version
            ),
            None => format!("`{}` {} arrives", package.name, package.version),
        };
        out.push(report::finding(
            path.clone(),
            rule_ids::SUPPLY_CHAIN_SIGNAL,
            Category::NewDependency,
            Severity::Info,
            format!("{what}: {}", notes.join("; ")),
            package.span,
            ecosystem,
            &package.name,
            Some(package.version.clone()),
        ));
    }
    if let Some((denied, wording)) = licence {
        out.push(licence_finding(
            path,
            package.span,
            ecosystem,
            &package.name,
            denied,
            wording,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(releases: &[(&str, Release)]) -> PackageInfo {
        PackageInfo {
            releases: releases
                .iter()
                .map(|(v, r)| (v.to_string(), r.clone()))
                .collect(),
            ..PackageInfo::default()
        }
    }

    #[test]
    fn a_bump_to_a_fresh_scripted_release_by_someone_else_after_years() {
        let now = 2_000_000_000;
        let old = Release {
            published: Some(now - 900 * DAY),
            install_script: Some(false),
            publisher: Some("alice".into()),
            ..Release::default()
        };
        let new = Release {
            published: Some(now - 2 * DAY),
            install_script: Some(true),
            publisher: Some("mallory".into()),
            ..Release::default()
        };
        let info = info(&[("1.0.0", old.clone()), ("1.0.1", new)]);
        let arrival = Arrival {
            ecosystem: Ecosystem::Npm,
            version: "1.0.1",
            from: Some("1.0.0"),
        };
        let found = signals(&info, &arrival, &SignalSettings::default(), now);
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(found[0].contains("install script appears in 1.0.1 (1.0.0 had none)"));
        assert!(found[1].contains("published by `mallory`, 1.0.0 by `alice`"));
        assert!(found[2].contains("after 898 days without a release"));
        assert!(found[3].contains("published 2 days ago, within the 7-day cool-down"));
        // Thresholds at 0 turn the time signals off; an old version that had the script
        // already makes it no news.
        let quiet = SignalSettings {
            cool_down_days: 0,
            dormant_days: 0,
        };
        let scripted_before = Release {
            install_script: Some(true),
            publisher: Some("mallory".into()),
            ..old
        };
        let info = PackageInfo {
            releases: [
                ("1.0.0".to_string(), scripted_before),
                ("1.0.1".to_string(), info.releases["1.0.1"].clone()),
            ]
            .into(),
            ..PackageInfo::default()
        };
        assert!(signals(&info, &arrival, &quiet, now).is_empty());
    }

    #[test]
    fn licences_say_why_they_are_unknown() {
        let policy = LicencePolicy::from_table(
            &toml::from_str::<toml::Table>("deny = [\"GPL-3.0-only\"]").unwrap(),
        )
        .unwrap();
        let with_licence = |text: &str| {
            Lookup::Exists(PackageInfo {
                latest: Some("2.0".into()),
                ..info(&[(
                    "2.0",
                    Release {
                        licence: Some(text.into()),
                        ..Release::default()
                    },
                )])
            })
        };
        let judge = |lookup: Option<&Lookup>, version: &str| {
            licence_problem(&policy, &licence(Ecosystem::PyPI, lookup, version, false))
        };
        assert_eq!(judge(Some(&with_licence("MIT")), "2.0"), None);
        let (denied, message) = judge(Some(&with_licence("GPL-3.0-only")), "2.0").unwrap();
        assert!(
            denied && message.contains("GPL-3.0-only denied"),
            "{message}"
        );
        let (denied, message) = judge(Some(&with_licence("MIT")), "1.0").unwrap();
        assert!(
            !denied && message.contains("latest release only"),
            "{message}"
        );
        let (_, message) = judge(None, "2.0").unwrap();
        assert_eq!(
            message,
            "licence unknown: registry lookups were off and the cache has no answer"
        );
        let (_, message) = judge(Some(&with_licence("BSD")), "2.0").unwrap();
        assert!(
            message.contains("`BSD`, which is no SPDX expression"),
            "{message}"
        );
    }
}
