//! Registry URLs from package names. A name comes from the scanned repository, so it is hostile
//! input: a name the registry would refuse (`..`, `evil?x=1`, `evil#frag`, a space, a path) is
//! never sent, and every path segment is percent-encoded, so that no name can change which
//! document is asked for or where.

use crate::deps::{Ecosystem, normalize_pypi};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but RFC 3986's unreserved characters is encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Why a name is not looked up: it is not one the registry accepts, so it cannot exist there
/// (nor be registered by anyone).
pub fn invalid_reason(ecosystem: Ecosystem) -> String {
    format!(
        "not a valid name on {}, so it was not looked up",
        ecosystem.registry_name()
    )
}

fn segment(text: &str) -> String {
    utf8_percent_encode(text, SEGMENT).to_string()
}

/// PEP 508's project name: ASCII letters and digits, with `-`, `_`, `.` inside.
pub fn valid_pypi(name: &str) -> bool {
    let bytes = name.as_bytes();
    let inner = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.');
    !bytes.is_empty()
        && bytes.iter().all(inner)
        && bytes[0].is_ascii_alphanumeric()
        && bytes[bytes.len() - 1].is_ascii_alphanumeric()
}

/// npm's rules for names (those of `validate-npm-package-name` that old packages also follow,
/// so `JSONStream` passes): at most 214 characters, URL-safe characters only, no leading `.` or
/// `_`, an optional `@scope/` with the same rules, and not `node_modules` or `favicon.ico`.
pub fn valid_npm(name: &str) -> bool {
    let part = |p: &str| {
        !p.is_empty()
            && !p.starts_with(['.', '_'])
            && p.bytes().all(|b| {
                b.is_ascii_alphanumeric()
                    || matches!(
                        b,
                        b'-' | b'.' | b'_' | b'~' | b'!' | b'*' | b'\'' | b'(' | b')'
                    )
            })
    };
    let valid_parts = match name.strip_prefix('@') {
        Some(scoped) => scoped
            .split_once('/')
            .is_some_and(|(scope, bare)| part(scope) && part(bare)),
        None => part(name),
    };
    valid_parts && name.len() <= 214 && !matches!(name, "node_modules" | "favicon.ico")
}

/// crates.io's rule: an ASCII letter, then letters, digits, `-` and `_`, at most 64 in all.
pub fn valid_crate(name: &str) -> bool {
    name.len() <= 64
        && name.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `{pypi}/pypi/<normalised name>/json`.
pub fn pypi_document(base: &str, name: &str) -> Option<String> {
    valid_pypi(name).then(|| format!("{base}/pypi/{}/json", segment(&normalize_pypi(name))))
}

/// `{npm}/<name>`, a scoped name as one segment (`@scope%2Fname`), as the registry expects.
pub fn npm_document(base: &str, name: &str) -> Option<String> {
    valid_npm(name).then(|| format!("{base}/{}", npm_scoped_segment(name)))
}

/// `{npm-downloads}/downloads/point/last-month/<name>`; the downloads API takes a scoped name's
/// `/` as a separator (`@scope/name`), each side encoded.
pub fn npm_downloads(base: &str, name: &str) -> Option<String> {
    valid_npm(name).then(|| {
        let path = match name.split_once('/') {
            Some((scope, bare)) => format!("@{}/{}", segment(&scope[1..]), segment(bare)),
            None => segment(name),
        };
        format!("{base}/downloads/point/last-month/{path}")
    })
}

fn npm_scoped_segment(name: &str) -> String {
    match name.split_once('/') {
        Some((scope, bare)) => format!("@{}%2F{}", segment(&scope[1..]), segment(bare)),
        None => segment(name),
    }
}

/// `{index}/<sparse index path>`: `1/a`, `2/ab`, `3/a/abc`, `ab/cd/abcd...`.
pub fn crate_index(base: &str, name: &str) -> Option<String> {
    sparse_index_path(name).map(|path| format!("{base}/{path}"))
}

/// `{crates-api}/api/v1/crates/<name>`.
pub fn crate_api(base: &str, name: &str) -> Option<String> {
    valid_crate(name).then(|| format!("{base}/api/v1/crates/{}", segment(name)))
}

/// The path of a crate's file in a sparse index, lowercased.
pub fn sparse_index_path(name: &str) -> Option<String> {
    if !valid_crate(name) {
        return None;
    }
    let name = name.to_ascii_lowercase();
    Some(match name.len() {
        1 => format!("1/{name}"),
        2 => format!("2/{name}"),
        3 => format!("3/{}/{name}", &name[..1]),
        _ => format!("{}/{}/{name}", &name[..2], &name[2..4]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparse_index_layout() {
        assert_eq!(sparse_index_path("a").unwrap(), "1/a");
        assert_eq!(sparse_index_path("io").unwrap(), "2/io");
        assert_eq!(sparse_index_path("syn").unwrap(), "3/s/syn");
        assert_eq!(sparse_index_path("Serde_JSON").unwrap(), "se/rd/serde_json");
        assert_eq!(sparse_index_path("../x"), None);
        assert_eq!(sparse_index_path("1password"), None);
    }

    #[test]
    fn names_registries_refuse_are_never_urls() {
        for name in [
            "..",
            ".",
            "evil?x=1&y=2",
            "evil#frag",
            "a b",
            "a/b",
            "_private",
            "",
        ] {
            assert_eq!(npm_document("http://r", name), None, "{name}");
        }
        for name in ["@scope/..", "@../x", "@scope/a/b", "@scope", "node_modules"] {
            assert_eq!(npm_document("http://r", name), None, "{name}");
        }
        for name in ["../x", "a b", "x?y", "-lead", "trail.", "a/b", "é"] {
            assert_eq!(pypi_document("http://r", name), None, "{name}");
        }
        for name in ["x%2f..", "a.b", "x?y"] {
            assert_eq!(crate_api("http://r", name), None, "{name}");
        }
    }

    #[test]
    fn valid_names_keep_their_shape() {
        assert_eq!(
            npm_document("http://r", "@babel/core").unwrap(),
            "http://r/@babel%2Fcore"
        );
        assert_eq!(
            npm_document("http://r", "JSONStream").unwrap(),
            "http://r/JSONStream"
        );
        assert_eq!(
            npm_document("http://r", "lodash.merge").unwrap(),
            "http://r/lodash.merge"
        );
        assert_eq!(
            npm_document("http://r", "left(pad)").unwrap(),
            "http://r/left%28pad%29"
        );
        assert_eq!(
            npm_downloads("http://d", "@types/node").unwrap(),
            "http://d/downloads/point/last-month/@types/node"
        );
        assert_eq!(
            pypi_document("http://p", "Zope.Fancy_Thing").unwrap(),
            "http://p/pypi/zope-fancy-thing/json"
        );
        assert_eq!(
            crate_api("http://c", "serde_json").unwrap(),
            "http://c/api/v1/crates/serde_json"
        );
    }
}
