//! Whether a published version satisfies a manifest's exact pin, by each ecosystem's own rules,
//! so that `==2.0` is not reported missing when PyPI lists `2.0.0`: PEP 440 for PyPI (release
//! segments are zero-padded, `==1.0` accepts `1.0+local`, `1.0a1` is `1.0.0a1`), SemVer for
//! Cargo (`=1.2` is any `1.2.x`) and npm (a partial `1.2` is the range `1.2.x`, `v1.2.3` is
//! `1.2.3`). A version string one of the parsers rejects is compared as written.

use super::Ecosystem;
use std::str::FromStr;

/// Whether `published` is a version the pin `pinned` (as [`super::Dependency::pinned_version`]
/// returns it, without its operator) accepts.
pub fn pin_matches(ecosystem: Ecosystem, pinned: &str, published: &str) -> bool {
    let parsed = match ecosystem {
        Ecosystem::PyPI => pep440_matches(pinned, published),
        Ecosystem::Crates => semver_matches(pinned, published),
        Ecosystem::Npm => semver_matches(pinned.trim_start_matches(['v', '=']), published),
    };
    parsed.unwrap_or_else(|| pinned == published)
}

fn pep440_matches(pinned: &str, published: &str) -> Option<bool> {
    let specifier = pep440_rs::VersionSpecifier::from_str(&format!("=={pinned}")).ok()?;
    let version = pep440_rs::Version::from_str(published).ok()?;
    Some(specifier.contains(&version))
}

fn semver_matches(pinned: &str, published: &str) -> Option<bool> {
    let version = semver::Version::parse(published).ok()?;
    if let Ok(exact) = semver::Version::parse(pinned) {
        // Build metadata does not take part in precedence.
        return Some(exact.cmp_precedence(&version).is_eq());
    }
    let partial = semver::VersionReq::parse(&format!("={pinned}")).ok()?;
    Some(partial.matches(&version))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ecosystem::*;

    #[test]
    fn pypi_pins_follow_pep_440() {
        assert!(pin_matches(PyPI, "2.0", "2.0.0"));
        assert!(pin_matches(PyPI, "2.0.0", "2"));
        assert!(pin_matches(PyPI, "1.0", "1.0+ubuntu1"));
        assert!(pin_matches(PyPI, "1.0.0a1", "1.0a1"));
        assert!(pin_matches(PyPI, "1.0.0-alpha.1", "1.0a1"));
        assert!(pin_matches(PyPI, "2.31.0", "2.31.0"));
        assert!(!pin_matches(PyPI, "2.0", "2.0.1"));
        assert!(!pin_matches(PyPI, "1.0", "1.0.post1"));
        assert!(!pin_matches(PyPI, "1.0", "1.0rc1"));
    }

    #[test]
    fn cargo_pins_follow_semver() {
        assert!(pin_matches(Crates, "1.0.100", "1.0.100"));
        assert!(pin_matches(Crates, "1.2", "1.2.7"));
        assert!(pin_matches(Crates, "1", "1.9.0"));
        assert!(pin_matches(Crates, "1.0.0", "1.0.0+build.5"));
        assert!(!pin_matches(Crates, "1.2", "1.3.0"));
        assert!(!pin_matches(Crates, "1.2", "1.2.0-rc.1"));
        assert!(!pin_matches(Crates, "1.0.0", "1.0.0-rc.1"));
    }

    #[test]
    fn npm_pins_follow_semver() {
        assert!(pin_matches(Npm, "4.17.21", "4.17.21"));
        assert!(pin_matches(Npm, "v4.17.21", "4.17.21"));
        assert!(pin_matches(Npm, "4.17", "4.17.21"));
        assert!(!pin_matches(Npm, "4.17.20", "4.17.21"));
    }

    #[test]
    fn unparsable_versions_compare_as_written() {
        assert!(pin_matches(PyPI, "not a version", "not a version"));
        assert!(!pin_matches(Crates, "1.0.0", "one"));
    }
}
