//! OSV advisories for tests: records written as the OSV schema spells them, zipped the way the
//! OSV export serves `{base}/{ecosystem}/all.zip`, and `slopguard db update` run against them.

use super::RegistryServer;
use serde_json::{Value, json};
use std::io::Write;
use std::path::Path;

/// A zip archive holding each record as `<id>.json`.
pub fn archive(records: &[Value]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for record in records {
        let name = format!("{}.json", record["id"].as_str().unwrap());
        zip.start_file(name, options).unwrap();
        zip.write_all(record.to_string().as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Serves `records` as the archive of `ecosystem` (`PyPI`, `npm`, `crates.io`).
pub fn serve(server: &RegistryServer, ecosystem: &str, records: &[Value]) {
    server.file(&format!("/osv/{ecosystem}/all.zip"), archive(records));
}

/// One record affecting `name` of `ecosystem`; `affected` adds fields to its `affected` entry
/// (`ranges`, `versions`, `ecosystem_specific`), `extra` to the record.
pub fn record(id: &str, ecosystem: &str, name: &str, affected: Value, extra: Value) -> Value {
    let mut entry = json!({"package": {"ecosystem": ecosystem, "name": name}});
    entry
        .as_object_mut()
        .unwrap()
        .extend(affected.as_object().unwrap().clone());
    let mut record = json!({"id": id, "modified": "2026-01-01T00:00:00Z", "affected": [entry]});
    record
        .as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    record
}

/// A SEMVER / ECOSYSTEM range from `introduced` to `fixed`.
pub fn range(kind: &str, introduced: &str, fixed: &str) -> Value {
    json!({"ranges": [{"type": kind, "events": [{"introduced": introduced}, {"fixed": fixed}]}]})
}

/// `slopguard db update` with the OSV base URL at `server` and the cache in `cache`.
pub fn db_update(dir: &Path, server: &RegistryServer, cache: &Path) -> std::process::Output {
    assert_cmd::Command::cargo_bin("slopguard")
        .unwrap()
        .current_dir(dir)
        .envs(server.env())
        .env("SLOPGUARD_CACHE_DIR", cache)
        .args(["db", "update"])
        .output()
        .unwrap()
}
