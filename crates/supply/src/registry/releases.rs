//! Per-version facts ([`super::Release`]) read from the registry documents the client already
//! fetches: the crates.io sparse index and web API, PyPI's project JSON, npm's abbreviated and
//! full documents. Each reader fills only what its document says and leaves the rest alone, so
//! a later, fuller document adds to an earlier one.

use super::client::parse_time;
use super::{PackageInfo, Release};
use serde_json::Value;

fn release<'a>(info: &'a mut PackageInfo, version: &str) -> &'a mut Release {
    info.releases.entry(version.to_string()).or_default()
}

fn text(value: Option<&Value>) -> Option<String> {
    value
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// One line of the crates.io sparse index: `pubtime` and `links`.
pub(super) fn crate_index_line(info: &mut PackageInfo, version: &str, entry: &Value) {
    let release = release(info, version);
    release.published = text(entry.get("pubtime")).and_then(|t| parse_time(&t));
    release.links = text(entry.get("links"));
}

/// crates.io's web API (`/api/v1/crates/<name>`): `versions[]` with `num`, `license`,
/// `created_at` and `published_by.login`.
pub(super) fn crate_api(info: &mut PackageInfo, json: &Value) {
    let versions = json.get("versions").and_then(Value::as_array);
    for entry in versions.into_iter().flatten() {
        let Some(version) = text(entry.get("num")) else {
            continue;
        };
        let release = release(info, &version);
        release.licence = text(entry.get("license")).or(release.licence.take());
        release.publisher = text(entry.pointer("/published_by/login")).or(release.publisher.take());
        release.published = release
            .published
            .or_else(|| text(entry.get("created_at")).and_then(|t| parse_time(&t)));
    }
}

/// PyPI's project JSON: each release's files (earliest upload, whether any is a wheel), and the
/// licence of the release the document describes (`info.version`).
pub(super) fn pypi(info: &mut PackageInfo, json: &Value) {
    if let Some(releases) = json.get("releases").and_then(Value::as_object) {
        for (version, files) in releases {
            let files = files.as_array().map(Vec::as_slice).unwrap_or_default();
            let release = release(info, version);
            release.published = files
                .iter()
                .filter_map(|f| {
                    text(
                        f.get("upload_time_iso_8601")
                            .or_else(|| f.get("upload_time")),
                    )
                    .and_then(|t| parse_time(&t))
                })
                .min();
            if !files.is_empty() {
                let wheel = files
                    .iter()
                    .any(|f| f.get("packagetype").and_then(Value::as_str) == Some("bdist_wheel"));
                release.sdist_only = Some(!wheel);
            }
        }
    }
    if let Some(version) = text(json.pointer("/info/version")) {
        release(info, &version).licence = pypi_licence(json);
    }
}

/// PEP 639's `license_expression`, else the free-text `license` when it is short (many
/// projects paste the whole licence text there), else the `License ::` classifiers joined
/// with `OR` as their names (normalisation maps the common ones to SPDX ids).
fn pypi_licence(json: &Value) -> Option<String> {
    if let Some(expression) = text(json.pointer("/info/license_expression")) {
        return Some(expression);
    }
    if let Some(license) = text(json.pointer("/info/license")).filter(|l| l.len() <= 100) {
        return Some(license);
    }
    let classifiers: Vec<String> = json
        .pointer("/info/classifiers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter_map(|c| c.strip_prefix("License :: "))
        .filter_map(|c| c.rsplit(" :: ").next())
        .filter(|c| !c.starts_with("OSI Approved") || c.contains(' '))
        .map(str::to_string)
        .collect();
    (!classifiers.is_empty()).then(|| classifiers.join(" OR "))
}

/// npm's abbreviated metadata: `hasInstallScript` of every version.
pub(super) fn npm_abbreviated(info: &mut PackageInfo, json: &Value) {
    let versions = json.get("versions").and_then(Value::as_object);
    for (version, meta) in versions.into_iter().flatten() {
        release(info, version).install_script =
            Some(meta.get("hasInstallScript").and_then(Value::as_bool) == Some(true));
    }
}

/// npm's full document: `time[version]`, and each version's `license` (a string, the legacy
/// `{type}` object or `licenses` array) and `_npmUser.name`.
pub(super) fn npm_full(info: &mut PackageInfo, json: &Value) {
    let times = json.get("time").and_then(Value::as_object);
    let versions = json.get("versions").and_then(Value::as_object);
    for (version, meta) in versions.into_iter().flatten() {
        let published = times
            .and_then(|t| text(t.get(version)))
            .and_then(|t| parse_time(&t));
        let release = release(info, version);
        release.published = published.or(release.published);
        release.licence = npm_licence(meta).or(release.licence.take());
        release.publisher = text(meta.pointer("/_npmUser/name")).or(release.publisher.take());
        if release.install_script.is_none()
            && let Some(scripts) = meta.get("scripts").and_then(Value::as_object)
        {
            release.install_script = Some(
                ["preinstall", "install", "postinstall"]
                    .iter()
                    .any(|s| scripts.contains_key(*s)),
            );
        }
    }
}

fn npm_licence(meta: &Value) -> Option<String> {
    match meta.get("license") {
        Some(Value::String(s)) => text(Some(&Value::String(s.clone()))),
        Some(object @ Value::Object(_)) => text(object.get("type")),
        _ => {
            let types: Vec<String> = meta
                .get("licenses")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|l| text(l.get("type")))
                .collect();
            (!types.is_empty()).then(|| types.join(" OR "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_document_adds_what_it_says() {
        let mut info = PackageInfo::default();
        npm_abbreviated(
            &mut info,
            &json!({"versions": {"1.0.0": {}, "1.1.0": {"hasInstallScript": true}}}),
        );
        npm_full(
            &mut info,
            &json!({
                "time": {"1.0.0": "2020-01-01T00:00:00Z", "1.1.0": "2026-11-30T00:00:00Z"},
                "versions": {
                    "1.0.0": {"license": {"type": "MIT"}, "_npmUser": {"name": "alice"}},
                    "1.1.0": {"licenses": [{"type": "MIT"}, {"type": "Apache-2.0"}], "_npmUser": {"name": "mallory"}}
                }
            }),
        );
        let new = &info.releases["1.1.0"];
        assert_eq!(new.install_script, Some(true));
        assert_eq!(new.licence.as_deref(), Some("MIT OR Apache-2.0"));
        assert_eq!(new.publisher.as_deref(), Some("mallory"));
        assert_eq!(new.published, parse_time("2026-11-30T00:00:00Z"));
        assert_eq!(info.releases["1.0.0"].install_script, Some(false));
        assert_eq!(info.releases["1.0.0"].licence.as_deref(), Some("MIT"));

        let mut info = PackageInfo::default();
        pypi(
            &mut info,
            &json!({
                "info": {"version": "2.0", "license": "", "classifiers": [
                    "License :: OSI Approved :: BSD License", "Programming Language :: Python"]},
                "releases": {
                    "1.0": [{"packagetype": "sdist", "upload_time_iso_8601": "2019-01-01T00:00:00Z"}],
                    "2.0": [{"packagetype": "sdist"}, {"packagetype": "bdist_wheel"}],
                    "3.0": []
                }
            }),
        );
        assert_eq!(info.releases["1.0"].sdist_only, Some(true));
        assert_eq!(info.releases["2.0"].sdist_only, Some(false));
        assert_eq!(info.releases["3.0"].sdist_only, None);
        assert_eq!(info.releases["2.0"].licence.as_deref(), Some("BSD License"));
        assert_eq!(info.releases["1.0"].licence, None);
    }

    #[test]
    fn crates_index_and_api() {
        let mut info = PackageInfo::default();
        crate_index_line(
            &mut info,
            "0.2.0",
            &json!({"vers": "0.2.0", "links": "z", "pubtime": "2026-11-20T00:00:00Z"}),
        );
        crate_index_line(&mut info, "0.1.0", &json!({"vers": "0.1.0"}));
        crate_api(
            &mut info,
            &json!({"versions": [
                {"num": "0.2.0", "license": "MIT/Apache-2.0", "published_by": {"login": "bob"},
                 "created_at": "2020-01-01T00:00:00Z"},
                {"num": "0.1.0", "license": null, "published_by": null,
                 "created_at": "2019-01-01T00:00:00Z"}
            ]}),
        );
        let new = &info.releases["0.2.0"];
        assert_eq!(new.links.as_deref(), Some("z"));
        assert_eq!(new.licence.as_deref(), Some("MIT/Apache-2.0"));
        assert_eq!(new.publisher.as_deref(), Some("bob"));
        // The index's time wins; the API dates what the index does not.
        assert_eq!(new.published, parse_time("2026-11-20T00:00:00Z"));
        let old = &info.releases["0.1.0"];
        assert_eq!(
            (old.links.as_deref(), old.publisher.as_deref()),
            (None, None)
        );
        assert_eq!(old.published, parse_time("2019-01-01T00:00:00Z"));
    }
}
