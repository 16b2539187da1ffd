//! Helpers the registry tests share: temporary projects, running the checker, summarising.

use super::{RegistryServer, settings};
use slopguard::registry::{FileFinding, PackageChecker, SourceFile};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

pub fn project(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// Checks the given files of `root` (read from disk).
pub fn check(checker: &PackageChecker, root: &Path, files: &[&str]) -> Vec<FileFinding> {
    let texts: Vec<(PathBuf, String)> = files
        .iter()
        .map(|f| (root.join(f), std::fs::read_to_string(root.join(f)).unwrap()))
        .collect();
    let sources: Vec<SourceFile<'_>> = texts
        .iter()
        .map(|(path, text)| SourceFile { path, text })
        .collect();
    checker.check(root, &sources)
}

/// Checks the given files of `root` against `server`, with a cache of their own that starts
/// empty, so every answer comes from `server`.
pub fn check_fresh(server: &RegistryServer, root: &Path, files: &[&str]) -> Vec<FileFinding> {
    let cache = tempfile::tempdir().unwrap();
    check(&checker(server, &cache), root, files)
}

/// `(rule id, package name)` of each finding.
pub fn rules_and_packages(findings: &[FileFinding]) -> Vec<(&str, &str)> {
    findings
        .iter()
        .map(|f| {
            (
                f.finding.rule_id.as_ref(),
                f.finding.package.as_ref().unwrap().name.as_str(),
            )
        })
        .collect()
}

/// `(rule id, package, text under the span)` of each finding.
pub fn summary(findings: &[FileFinding]) -> Vec<(String, String, String)> {
    findings
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f.path).unwrap();
            let span = &text[f.finding.span.start_byte..f.finding.span.end_byte];
            (
                f.finding.rule_id.to_string(),
                f.finding.package.as_ref().unwrap().name.clone(),
                span.to_string(),
            )
        })
        .collect()
}

pub fn rule_ids(findings: &[FileFinding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| f.finding.rule_id.to_string())
        .collect()
}

pub fn checker(server: &RegistryServer, cache: &TempDir) -> PackageChecker {
    PackageChecker::new(settings(server, cache.path()))
}

/// An RFC 3339 time `days` days ago.
pub fn days_ago(days: u64) -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        - days * 86400
        - 60;
    let days_since_epoch = (secs / 86400) as i64;
    let (y, m, d) = civil_from_days(days_since_epoch);
    let rem = secs % 86400;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}
