//! What each registry answers for a [`Package`]: the PyPI JSON API document, npm's full and
//! abbreviated documents, a crates.io sparse-index file and the `versions` of crates.io's web
//! API, in the shapes the real registries serve.

use super::Package;
use serde_json::{Value, json};

pub(super) fn pypi_json(name: &str, package: &Package) -> Value {
    let releases: serde_json::Map<String, Value> = package
        .versions
        .iter()
        .enumerate()
        .map(|(i, (v, yanked))| {
            let time = package.release_time(i);
            let file = |filename: String, kind: &str| {
                json!({
                    "filename": filename,
                    "packagetype": kind,
                    "upload_time": &time[..19],
                    "upload_time_iso_8601": time,
                    "yanked": yanked,
                    "yanked_reason": null,
                })
            };
            let mut files = vec![file(format!("{name}-{v}.tar.gz"), "sdist")];
            if package.wheel {
                files.push(file(format!("{name}-{v}-py3-none-any.whl"), "bdist_wheel"));
            }
            (v.clone(), Value::Array(files))
        })
        .collect();
    let latest = package
        .versions
        .last()
        .map(|v| v.0.clone())
        .unwrap_or_default();
    json!({
        "info": {"name": name, "version": latest, "summary": "test package", "yanked": false,
            "license_expression": package.licence},
        "last_serial": 1,
        "releases": releases,
        "urls": [],
        "vulnerabilities": [],
    })
}

pub(super) fn npm_json(name: &str, package: &Package, abbreviated: bool) -> Value {
    let latest = package
        .versions
        .last()
        .map(|v| v.0.clone())
        .unwrap_or_default();
    let versions: serde_json::Map<String, Value> = package
        .versions
        .iter()
        .enumerate()
        .map(|(i, (v, _))| {
            let mut meta = json!({
                "name": name,
                "version": v,
                "dist": {"tarball": format!("https://registry.invalid/{name}/-/{v}.tgz"), "shasum": "0"},
            });
            if package.install_script || package.scripted.contains(v) {
                meta["hasInstallScript"] = json!(true);
            }
            if package.deprecated {
                meta["deprecated"] = json!("no longer maintained");
            }
            // Fields only the full document carries, as the real registry serves them.
            if !abbreviated {
                if let Some(licence) = &package.licence {
                    meta["license"] = json!(licence);
                }
                if let Some(publisher) = package.publishers.get(i) {
                    meta["_npmUser"] = json!({"name": publisher, "email": "x@example.invalid"});
                }
            }
            (v.clone(), meta)
        })
        .collect();
    let mut doc = json!({
        "name": name,
        "dist-tags": {"latest": latest},
        "versions": versions,
        "modified": package.published,
    });
    if !abbreviated {
        let mut time = json!({"created": package.published, "modified": package.published});
        for (i, (v, _)) in package.versions.iter().enumerate() {
            time[v] = json!(package.release_time(i));
        }
        doc["time"] = time;
    }
    doc
}

pub(super) fn crate_index(name: &str, package: &Package) -> String {
    package
        .versions
        .iter()
        .enumerate()
        .map(|(i, (v, yanked))| {
            json!({
                "name": name, "vers": v, "deps": [], "cksum": "00", "features": {},
                "yanked": yanked, "pubtime": package.release_time(i), "v": 2,
            })
            .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `versions` of crates.io's web API: licence, publisher and time of each.
pub(super) fn crate_api_versions(package: &Package) -> Value {
    package
        .versions
        .iter()
        .enumerate()
        .map(|(i, (v, yanked))| {
            json!({
                "num": v, "yanked": yanked, "license": package.licence,
                "created_at": package.release_time(i),
                "published_by": package.publishers.get(i).map(|login| json!({"login": login})),
            })
        })
        .collect()
}
