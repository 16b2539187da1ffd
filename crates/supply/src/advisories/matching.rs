//! Whether an advisory affects one version of a package, by the ecosystem's own version rules:
//! SemVer precedence for crates and npm (build metadata ignored, pre-releases before their
//! release), PEP 440 for PyPI (`1.0` is `1.0.0`, `1.0a1` before `1.0`). It reuses the parsers the
//! manifest pins use ([`crate::deps::version`]: `semver`, `pep440_rs`).
//!
//! An OSV range is a list of events (`introduced`, `fixed`, `last_affected`, `limit`); a version
//! is affected when, walking the events in version order, the last one at or below it opened the
//! range (the evaluation the OSV schema describes). `versions` lists match exactly (by PEP 440
//! equality on PyPI). A version that does not parse matches only a list, never a range; an
//! event version that does not parse is skipped.

use super::osv::{Advisory, Event, Range};
use crate::deps::Ecosystem;
use std::cmp::Ordering;
use std::str::FromStr;

/// A version parsed by its ecosystem's rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Version {
    Semver(semver::Version),
    Pep440(pep440_rs::Version),
}

impl Version {
    pub fn parse(ecosystem: Ecosystem, text: &str) -> Option<Version> {
        let text = text.trim();
        match ecosystem {
            Ecosystem::PyPI => pep440_rs::Version::from_str(text).ok().map(Version::Pep440),
            Ecosystem::Crates | Ecosystem::Npm => {
                semver::Version::parse(text.trim_start_matches(['v', '=']))
                    .ok()
                    .map(Version::Semver)
            }
        }
    }

    fn compare(&self, other: &Version) -> Option<Ordering> {
        match (self, other) {
            (Version::Semver(a), Version::Semver(b)) => Some(a.cmp_precedence(b)),
            (Version::Pep440(a), Version::Pep440(b)) => Some(a.cmp(b)),
            _ => None,
        }
    }
}

/// A range event with its version parsed; `introduced: "0"` is below every version.
enum Bound {
    Zero,
    At(Version),
}

/// Whether `advisory` affects `version` of a package of `ecosystem`.
pub fn affects(ecosystem: Ecosystem, advisory: &Advisory, version: &str) -> bool {
    let parsed = Version::parse(ecosystem, version);
    let listed = advisory.versions.iter().any(|listed| {
        listed == version
            || matches!((&parsed, Version::parse(ecosystem, listed)),
                (Some(a), Some(b)) if a.compare(&b) == Some(Ordering::Equal))
    });
    listed
        || parsed.is_some_and(|v| {
            advisory
                .ranges
                .iter()
                .any(|range| in_range(ecosystem, range, &v))
        })
}

fn in_range(ecosystem: Ecosystem, range: &Range, version: &Version) -> bool {
    let bound = |text: &str| match text {
        "0" => Some(Bound::Zero),
        _ => Version::parse(ecosystem, text).map(Bound::At),
    };
    let mut events: Vec<(Bound, &Event)> = range
        .events
        .iter()
        .filter_map(|event| {
            let text = match event {
                Event::Introduced(v)
                | Event::Fixed(v)
                | Event::LastAffected(v)
                | Event::Limit(v) => v,
            };
            Some((bound(text)?, event))
        })
        .collect();
    let order = |a: &Bound, b: &Bound| match (a, b) {
        (Bound::Zero, Bound::Zero) => Ordering::Equal,
        (Bound::Zero, _) => Ordering::Less,
        (_, Bound::Zero) => Ordering::Greater,
        (Bound::At(a), Bound::At(b)) => a.compare(b).unwrap_or(Ordering::Equal),
    };
    events.sort_by(|a, b| order(&a.0, &b.0));
    let mut affected = false;
    for (at, event) in &events {
        let relation = match at {
            Bound::Zero => Ordering::Greater,
            Bound::At(at) => match version.compare(at) {
                Some(relation) => relation,
                None => continue,
            },
        };
        match event {
            Event::Introduced(_) if relation != Ordering::Less => affected = true,
            Event::Fixed(_) | Event::Limit(_) if relation != Ordering::Less => affected = false,
            Event::LastAffected(_) if relation == Ordering::Greater => affected = false,
            _ => {}
        }
    }
    affected
}

/// The lowest version a range names as fixed that is above `version`: what to upgrade to.
pub fn lowest_fix(ecosystem: Ecosystem, advisory: &Advisory, version: &str) -> Option<String> {
    let current = Version::parse(ecosystem, version)?;
    advisory
        .fixed_versions()
        .filter_map(|fixed| Some((Version::parse(ecosystem, fixed)?, fixed)))
        .filter(|(parsed, _)| parsed.compare(&current) == Some(Ordering::Greater))
        .min_by(|a, b| a.0.compare(&b.0).unwrap_or(Ordering::Equal))
        .map(|(_, text)| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ecosystem::*;

    fn advisory(ranges: Vec<Vec<Event>>, versions: &[&str]) -> Advisory {
        Advisory {
            ranges: ranges.into_iter().map(|events| Range { events }).collect(),
            versions: versions.iter().map(|v| v.to_string()).collect(),
            ..Advisory::blank()
        }
    }

    fn intro(v: &str) -> Event {
        Event::Introduced(v.into())
    }
    fn fixed(v: &str) -> Event {
        Event::Fixed(v.into())
    }

    #[test]
    fn semver_ranges_with_two_windows() {
        let a = advisory(
            vec![vec![
                intro("0.6.3"),
                fixed("0.6.14"),
                intro("1.0.0"),
                fixed("1.6.1"),
            ]],
            &[],
        );
        for (version, expected) in [
            ("0.6.2", false),
            ("0.6.3", true),
            ("0.6.13", true),
            ("0.6.14", false),
            ("0.9.0", false),
            ("1.0.0", true),
            ("1.6.0", true),
            ("1.6.1-rc.1", true),
            ("1.6.1", false),
            ("1.6.1+build", false),
            ("2.0.0", false),
        ] {
            assert_eq!(affects(Crates, &a, version), expected, "{version}");
        }
        assert_eq!(lowest_fix(Crates, &a, "0.6.5").as_deref(), Some("0.6.14"));
        assert_eq!(lowest_fix(Crates, &a, "1.2.0").as_deref(), Some("1.6.1"));
        assert_eq!(lowest_fix(Crates, &a, "1.6.1"), None);
    }

    #[test]
    fn last_affected_and_open_ranges() {
        let a = advisory(
            vec![vec![intro("0"), Event::LastAffected("4.17.20".into())]],
            &[],
        );
        assert!(affects(Npm, &a, "1.0.0"));
        assert!(affects(Npm, &a, "4.17.20"));
        assert!(!affects(Npm, &a, "4.17.21"));
        let open = advisory(vec![vec![intro("2.0.0")]], &[]);
        assert!(affects(Npm, &open, "9.9.9"));
        assert!(!affects(Npm, &open, "1.9.9"));
    }

    #[test]
    fn pypi_ranges_and_lists_follow_pep_440() {
        let a = advisory(vec![vec![intro("0"), fixed("2.0")]], &[]);
        assert!(affects(PyPI, &a, "1.9.9"));
        assert!(affects(PyPI, &a, "2.0rc1"));
        assert!(!affects(PyPI, &a, "2.0.0"));
        assert!(!affects(PyPI, &a, "2.0.post1"));
        assert_eq!(lowest_fix(PyPI, &a, "1.0").as_deref(), Some("2.0"));
        let listed = advisory(vec![], &["5.3", "5.3.1"]);
        assert!(affects(PyPI, &listed, "5.3.0"));
        assert!(affects(PyPI, &listed, "5.3.1"));
        assert!(!affects(PyPI, &listed, "5.4"));
    }

    #[test]
    fn unparsable_versions_match_lists_only() {
        let a = advisory(vec![vec![intro("0")]], &["weird-1"]);
        assert!(affects(Npm, &a, "weird-1"));
        assert!(!affects(Npm, &a, "weird-2"));
        assert!(affects(Npm, &a, "0.0.1"));
    }
}
