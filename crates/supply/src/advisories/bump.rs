//! The manifest edit that moves a requirement to a fixed version while keeping how it was
//! written: `^1.2` → `^1.2.5`, `~1.2` → `~1.2.5`, `1.2` → `1.2.5`, `=1.0.0` → `=1.0.3`, `==1.0`
//! → `==1.0.3`, `>=1.0,<2` → `>=1.0.3,<2`, `~=1.0` → `~=1.0.3`. The operator of the clause that
//! sets the lower bound is kept and its version replaced; the other clauses stay. The result
//! must still accept the fixed version by the ecosystem's rules (an upper bound below it, `<1.5`
//! for a fix in 1.6, means no edit is offered); forms this does not rewrite (`*`, npm `||`
//! unions and hyphen ranges, URLs, tags) get none either.

use crate::deps::Ecosystem;
use std::str::FromStr;

/// Operators that set a lower bound, longest first so that `>=` is not read as `>`.
const LOWER_BOUNDS: &[&str] = &["===", "==", "~=", ">=", "^", "~", "=", "v"];

/// `requirement` rewritten to start at `fixed`, or `None` when that cannot be done in its style.
pub fn bump(ecosystem: Ecosystem, requirement: &str, fixed: &str) -> Option<String> {
    let requirement = requirement.trim();
    if requirement.is_empty() || requirement.contains("||") || requirement.contains(" - ") {
        return None;
    }
    let separator = match ecosystem {
        Ecosystem::Npm => ' ',
        Ecosystem::Crates | Ecosystem::PyPI => ',',
    };
    let clauses: Vec<&str> = requirement.split(separator).collect();
    let mut replaced = false;
    let rewritten: Vec<String> = clauses
        .iter()
        .map(|clause| {
            let trimmed = clause.trim();
            if replaced || trimmed.is_empty() {
                return clause.to_string();
            }
            let operator = LOWER_BOUNDS
                .iter()
                .find(|op| trimmed.starts_with(*op))
                .copied()
                .unwrap_or("");
            let version = trimmed[operator.len()..].trim_start();
            if !version.starts_with(|c: char| c.is_ascii_digit()) {
                return clause.to_string();
            }
            replaced = true;
            let leading = &clause[..clause.len() - clause.trim_start().len()];
            format!("{leading}{operator}{fixed}")
        })
        .collect();
    let bumped = rewritten.join(&separator.to_string());
    (replaced && accepts(ecosystem, &bumped, fixed)).then_some(bumped)
}

/// Whether the requirement accepts `version`; forms a parser rejects are taken as written.
fn accepts(ecosystem: Ecosystem, requirement: &str, version: &str) -> bool {
    match ecosystem {
        Ecosystem::PyPI => {
            let (Ok(specifiers), Ok(version)) = (
                pep440_rs::VersionSpecifiers::from_str(requirement),
                pep440_rs::Version::from_str(version),
            ) else {
                return false;
            };
            specifiers.contains(&version)
        }
        Ecosystem::Crates | Ecosystem::Npm => {
            let Ok(version) = semver::Version::parse(version) else {
                return false;
            };
            // npm separates clauses by spaces, Cargo by commas; npm's bare version is exact.
            let cargo_style = match ecosystem {
                Ecosystem::Npm => requirement
                    .split_whitespace()
                    .map(|c| match c.trim_start_matches('v') {
                        bare if bare.starts_with(|c: char| c.is_ascii_digit()) => {
                            format!("={bare}")
                        }
                        other => other.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                _ => requirement.to_string(),
            };
            semver::VersionReq::parse(&cargo_style).is_ok_and(|req| req.matches(&version))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ecosystem::*;

    #[test]
    fn styles_are_kept() {
        let cases = [
            (Crates, "^1.2", "1.2.5", Some("^1.2.5")),
            (Crates, "1.2", "1.2.5", Some("1.2.5")),
            (Crates, "~1.2", "1.2.5", Some("~1.2.5")),
            (Crates, "=1.0.0", "1.0.3", Some("=1.0.3")),
            (Crates, ">=1.0, <2", "1.6.1", Some(">=1.6.1, <2")),
            (Crates, ">=1.0, <1.5", "1.6.1", None),
            (Crates, "*", "1.6.1", None),
            (Npm, "^4.17.0", "4.17.21", Some("^4.17.21")),
            (Npm, "4.17.20", "4.17.21", Some("4.17.21")),
            (Npm, ">=1.0.0 <2.0.0", "1.2.6", Some(">=1.2.6 <2.0.0")),
            (Npm, "^1 || ^2", "2.0.1", None),
            (Npm, "latest", "2.0.1", None),
            (PyPI, "==1.0", "1.0.3", Some("==1.0.3")),
            (PyPI, ">=1.0,<2", "1.0.3", Some(">=1.0.3,<2")),
            (PyPI, "~=5.3", "5.3.1", Some("~=5.3.1")),
            (PyPI, ">=1.0,<1.2", "1.3", None),
        ];
        for (ecosystem, requirement, fixed, expected) in cases {
            assert_eq!(
                bump(ecosystem, requirement, fixed).as_deref(),
                expected,
                "{ecosystem} {requirement} → {fixed}"
            );
        }
    }
}
