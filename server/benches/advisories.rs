//! Vulnerable-dependency matching at full scale: a generated OSV export the size of the real
//! one (npm ~210,000 records over ~190,000 packages, most of them malicious-package entries;
//! PyPI ~17,000 over ~6,000; crates.io ~2,000 over ~1,000), built into the store once, then a
//! 2,000-entry `package-lock.json` and a 2,000-entry `poetry.lock` matched against it: opening
//! the store, reading the lockfile, every lookup and every version comparison. Records carry
//! realistic shapes (two-window SEMVER ranges, ECOSYSTEM ranges with `last_affected`, version
//! lists, CVSS vectors); about one lockfile entry in ten has advisories.
//!
//! Run: `cargo bench --bench advisories` (figures in docs/vulnerabilities.md).

use serde_json::json;
use slopguard::advisories::report::scan;
use slopguard::advisories::store::{Store, build};
use slopguard::deps::Ecosystem;
use std::io::{Cursor, Write};
use std::path::Path;
use std::time::{Duration, Instant};

const LOCKFILE_ENTRIES: usize = 2_000;
const RUNS: usize = 20;

/// `records` records over `packages` package names `{prefix}{n}`; every record of a package
/// shares its name, the first `packages / 10` packages are the ones the lockfile will pin.
fn archive(ecosystem: &str, prefix: &str, records: usize, packages: usize) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..records {
        let package = format!("{prefix}{}", i % packages);
        let affected = match i % 4 {
            0 => json!({"ranges": [{"type": "SEMVER", "events": [
                {"introduced": "0.5.0"}, {"fixed": "0.9.3"}, {"introduced": "1.0.0"}, {"fixed": format!("1.{}.4", i % 7)}]}]}),
            1 => json!({"ranges": [{"type": "ECOSYSTEM", "events": [
                {"introduced": "0"}, {"last_affected": format!("1.{}.0", i % 5)}]}]}),
            2 => json!({"versions": ["1.0.0", "1.0.1", "1.1.0", "1.2.0", "1.3.0", "2.0.0"]}),
            _ => json!({"ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]}),
        };
        let mut entry = json!({"package": {"ecosystem": ecosystem, "name": package}});
        entry
            .as_object_mut()
            .unwrap()
            .extend(affected.as_object().unwrap().clone());
        let record = json!({
            "id": format!("GHSA-{i:05}"),
            "aliases": [format!("CVE-2024-{i:05}")],
            "summary": "A generated advisory with a summary of realistic length for the store",
            "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
            "affected": [entry],
            "references": [{"type": "ADVISORY", "url": format!("https://example.invalid/{i}")}],
        });
        zip.start_file(format!("GHSA-{i:05}.json"), options)
            .unwrap();
        zip.write_all(record.to_string().as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn package_lock() -> String {
    let entries: Vec<String> = (0..LOCKFILE_ENTRIES)
        .map(|i| {
            // One entry in ten names a package with advisories (`npm-pkg-0` ..), the rest do not.
            let name = if i % 10 == 0 { format!("npm-pkg-{}", i / 10) } else { format!("clean-{i}") };
            format!(
                "    \"node_modules/{name}\": {{\n      \"version\": \"1.{}.0\",\n      \"resolved\": \"https://registry.npmjs.org/{name}/-/{name}-1.0.0.tgz\"\n    }}",
                i % 4
            )
        })
        .collect();
    format!(
        "{{\n  \"name\": \"bench\",\n  \"lockfileVersion\": 3,\n  \"packages\": {{\n    \"\": {{\"name\": \"bench\"}},\n{}\n  }}\n}}\n",
        entries.join(",\n")
    )
}

fn poetry_lock() -> String {
    (0..LOCKFILE_ENTRIES)
        .map(|i| {
            let name = if i % 10 == 0 {
                format!("py-pkg-{}", i / 10)
            } else {
                format!("clean-{i}")
            };
            format!(
                "[[package]]\nname = \"{name}\"\nversion = \"1.{}\"\n\n",
                i % 4
            )
        })
        .collect()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn measure(store_dir: &Path, name: &str, text: &str) {
    let path = Path::new(name);
    let files = [(path, text)];
    // Cold for the process (the OS file cache is warm after the build): open the store and
    // read the index on first use.
    let started = Instant::now();
    let (found, _) = scan(&Store::open(store_dir), &files);
    let first = started.elapsed();
    let times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            let (again, _) = scan(&Store::open(store_dir), &files);
            assert_eq!(again.len(), found.len());
            started.elapsed()
        })
        .collect();
    println!(
        "{name}: {LOCKFILE_ENTRIES} entries, {} affected (package, advisory) pairs: first run {:.1} ms, warm median {:.1} ms over {RUNS} runs (store opened each run)",
        found.len(),
        first.as_secs_f64() * 1e3,
        median(times).as_secs_f64() * 1e3
    );
}

fn main() {
    let cache = tempfile::tempdir().unwrap();
    for (ecosystem, osv, prefix, records, packages) in [
        (Ecosystem::Npm, "npm", "npm-pkg-", 210_000, 190_000),
        (Ecosystem::PyPI, "PyPI", "py-pkg-", 17_000, 6_000),
        (Ecosystem::Crates, "crates.io", "crate-", 2_000, 1_000),
    ] {
        let started = Instant::now();
        let bytes = archive(osv, prefix, records, packages);
        let generated = started.elapsed();
        let started = Instant::now();
        let meta = build(ecosystem, Cursor::new(&bytes), cache.path(), "bench", 0).unwrap();
        println!(
            "{osv}: {} records, {} packages, archive {:.1} MiB (generated in {:.1} s), store built in {:.1} s",
            meta.records,
            meta.packages,
            bytes.len() as f64 / 1048576.0,
            generated.as_secs_f64(),
            started.elapsed().as_secs_f64()
        );
    }
    measure(cache.path(), "package-lock.json", &package_lock());
    measure(cache.path(), "poetry.lock", &poetry_lock());
}
