//! Running `slopguard check --format json` against a test registry.

use super::RegistryServer;
use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

/// `slopguard check` in `dir`, with every registry at `server`, the cache in `cache`, no colour
/// and lookups on; callers add their arguments.
pub fn check_command(dir: &Path, server: &RegistryServer, cache: &Path) -> Command {
    let mut command = Command::cargo_bin("slopguard").unwrap();
    command
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("SLOPGUARD_OFFLINE")
        .envs(server.env())
        .env("SLOPGUARD_CACHE_DIR", cache)
        .arg("check");
    command
}

/// Runs `slopguard check --format json <extra>` in `dir` with every registry at `server` and
/// the cache in `cache`: the exit code, the JSON report and stderr.
pub fn check_json(
    dir: &Path,
    server: &RegistryServer,
    cache: &Path,
    extra: &[&str],
) -> (i32, Value, String) {
    let output = check_command(dir, server, cache)
        .args(["--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let document: Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}\n{stderr}"));
    (output.status.code().unwrap(), document, stderr)
}

/// The findings of one rule in a JSON report.
pub fn findings<'a>(document: &'a Value, rule: &str) -> Vec<&'a Value> {
    document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .collect()
}
