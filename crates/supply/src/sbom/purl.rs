//! Package URLs (purl, <https://github.com/package-url/purl-spec>) for the three registries:
//!
//! - `pkg:cargo/<name>@<version>`: the crate name as published.
//! - `pkg:npm/<name>@<version>`, or `pkg:npm/%40<scope>/<name>@<version>` for a scoped
//!   package: the scope is the namespace, its `@` percent-encoded as the spec requires.
//! - `pkg:pypi/<name>@<version>`: the name lower-cased with `_` written `-`, as the spec's
//!   `pypi` type says (PyPI treats them alike).
//!
//! Every segment is percent-encoded except the unreserved characters (`A-Z a-z 0-9 . - _ ~`),
//! so a version such as `1.0.0+build` becomes `1.0.0%2Bbuild`. A package without a version
//! (a manifest entry no lockfile pins) gets a purl without one.

use crate::deps::Ecosystem;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but the unreserved characters of RFC 3986.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'.')
    .remove(b'-')
    .remove(b'_')
    .remove(b'~');

fn encode(text: &str) -> String {
    utf8_percent_encode(text, SEGMENT).to_string()
}

/// The purl type of an ecosystem.
pub fn purl_type(ecosystem: Ecosystem) -> &'static str {
    match ecosystem {
        Ecosystem::Crates => "cargo",
        Ecosystem::Npm => "npm",
        Ecosystem::PyPI => "pypi",
    }
}

/// An npm name split into its scope (without `@`) and name: `@babel/core` → (`babel`, `core`).
pub fn npm_scope(name: &str) -> (Option<&str>, &str) {
    match name.strip_prefix('@').and_then(|n| n.split_once('/')) {
        Some((scope, rest)) => (Some(scope), rest),
        None => (None, name),
    }
}

/// The purl of a registry package.
pub fn purl(ecosystem: Ecosystem, name: &str, version: Option<&str>) -> String {
    let path = match ecosystem {
        Ecosystem::Crates => encode(name),
        Ecosystem::PyPI => encode(&name.to_ascii_lowercase().replace('_', "-")),
        Ecosystem::Npm => match npm_scope(name) {
            (Some(scope), rest) => format!("{}/{}", encode(&format!("@{scope}")), encode(rest)),
            (None, rest) => encode(rest),
        },
    };
    let version = version
        .filter(|v| !v.is_empty())
        .map(|v| format!("@{}", encode(v)))
        .unwrap_or_default();
    format!("pkg:{}/{path}{version}", purl_type(ecosystem))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purls_per_type() {
        assert_eq!(
            purl(Ecosystem::Crates, "serde_json", Some("1.0.0")),
            "pkg:cargo/serde_json@1.0.0"
        );
        assert_eq!(
            purl(Ecosystem::Npm, "@babel/core", Some("7.24.0")),
            "pkg:npm/%40babel/core@7.24.0"
        );
        assert_eq!(
            purl(Ecosystem::Npm, "lodash", Some("4.17.21")),
            "pkg:npm/lodash@4.17.21"
        );
        assert_eq!(
            purl(Ecosystem::PyPI, "Typing_Extensions", Some("4.12.2")),
            "pkg:pypi/typing-extensions@4.12.2"
        );
        assert_eq!(
            purl(Ecosystem::PyPI, "zope.interface", None),
            "pkg:pypi/zope.interface"
        );
        assert_eq!(
            purl(Ecosystem::Crates, "x", Some("1.0.0+build.1")),
            "pkg:cargo/x@1.0.0%2Bbuild.1"
        );
        // A hostile name cannot break out of its segment.
        assert_eq!(
            purl(Ecosystem::Npm, "a/../b?c#d", Some("1 2")),
            "pkg:npm/a%2F..%2Fb%3Fc%23d@1%202"
        );
    }
}
