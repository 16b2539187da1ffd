//! Start-up cost of `slopguard check` on one small file per language: wall time of the whole
//! process, median of 20 runs (what a pre-commit hook on one changed file pays), in a plain
//! directory and inside a git repository holding the same files (where a hook runs).
//!
//! Run: `cargo bench --bench startup`. Registry checks answer from the embedded lists and the
//! cache only (`SLOPGUARD_OFFLINE=1`), so the network never counts. Figures are recorded in
//! docs/benchmarks-lsp.md.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 20;

/// A small, clean file of ordinary code per language, as a hook would see.
const FILES: [(&str, &str); 4] = [
    (
        "small.py",
        "import json\nimport os\n\n\ndef load(path):\n    \"\"\"Reads settings.\"\"\"\n    with open(path, encoding=\"utf-8\") as handle:\n        data = json.load(handle)\n    return {k: v for k, v in data.items() if not k.startswith(\"_\")}\n\n\ndef home():\n    return os.environ.get(\"HOME\", \"/\")\n",
    ),
    (
        "small.js",
        "const path = require('path');\n\nfunction resolve(base, name) {\n  const full = path.join(base, name);\n  return full.startsWith(base) ? full : null;\n}\n\nmodule.exports = { resolve };\n",
    ),
    (
        "small.ts",
        "import { join } from 'path';\n\nexport interface Entry { name: string; size: number }\n\nexport function total(entries: Entry[]): number {\n  return entries.reduce((sum, e) => sum + e.size, 0);\n}\n\nexport const where = (dir: string): string => join(dir, 'index.json');\n",
    ),
    (
        "small.rs",
        "use std::collections::HashMap;\n\n/// Counts words.\npub fn count(text: &str) -> HashMap<&str, usize> {\n    let mut counts = HashMap::new();\n    for word in text.split_whitespace() {\n        *counts.entry(word).or_insert(0) += 1;\n    }\n    counts\n}\n",
    ),
];

fn main() {
    let plain = tempfile::tempdir().expect("temp dir");
    let repository = tempfile::tempdir().expect("temp dir");
    for dir in [plain.path(), repository.path()] {
        for (name, text) in FILES {
            std::fs::write(dir.join(name), text).expect("writes the sample");
        }
    }
    git(repository.path(), &["init", "-q"]);
    git(repository.path(), &["add", "-A"]);
    git(repository.path(), &["commit", "-q", "-m", "samples"]);
    println!("slopguard check FILE, wall time of the whole process (median of {RUNS}):");
    for (place, dir) in [
        ("outside a repository", plain.path()),
        ("inside a git repository", repository.path()),
    ] {
        println!("{place}:");
        for (name, _) in FILES {
            let mut samples: Vec<Duration> = (0..RUNS).map(|_| run_check(dir, name)).collect();
            samples.sort();
            println!(
                "  {name:<9} median {:>7.1} ms   min {:>7.1} ms   max {:>7.1} ms",
                samples[RUNS / 2].as_secs_f64() * 1e3,
                samples[0].as_secs_f64() * 1e3,
                samples[RUNS - 1].as_secs_f64() * 1e3,
            );
        }
    }
}

/// One `slopguard check name` in `dir`, timed from start to exit.
fn run_check(dir: &Path, name: &str) -> Duration {
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_slopguard"))
        .arg("check")
        .arg(name)
        .current_dir(dir)
        .env("SLOPGUARD_OFFLINE", "1")
        .output()
        .expect("slopguard runs");
    let elapsed = started.elapsed();
    assert!(
        output.status.success(),
        "{name} is clean: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    elapsed
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=bench",
            "-c",
            "user.email=bench@example.invalid",
        ])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}
