//! Dependency-diff throughput: reading each lockfile format and computing the delta between
//! two versions of a 5,000-package lockfile, and a whole `introduced()` run (git baseline
//! included, no registry) on a temp repository holding those lockfiles.
//!
//! Run: `cargo bench --bench deps`

use slopguard::deps::lockfile::{LockfileKind, delta, parse_lockfile};
use slopguard::deps::{Baseline, DependencySettings, IntroducedOptions, introduced};
use std::process::Command;
use std::time::Instant;

const PACKAGES: usize = 5_000;

/// A lockfile format: its file name, kind, and a generator of `PACKAGES` entries shifted by n.
type Format = (&'static str, LockfileKind, fn(usize) -> String);

fn cargo_lock(shift: usize) -> String {
    let mut text = String::from("version = 4\n");
    for i in shift..PACKAGES + shift {
        text.push_str(&format!(
            "\n[[package]]\nname = \"crate-{i}\"\nversion = \"1.{}.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\nchecksum = \"{:064x}\"\n",
            i % 7,
            i
        ));
    }
    text
}

fn package_lock(shift: usize) -> String {
    let entries: Vec<String> = (shift..PACKAGES + shift)
        .map(|i| format!("    \"node_modules/pkg-{i}\": {{\n      \"version\": \"1.0.{}\",\n      \"resolved\": \"https://registry.npmjs.org/pkg-{i}/-/pkg-{i}-1.0.0.tgz\",\n      \"integrity\": \"sha512-x\"\n    }}", i % 9))
        .collect();
    format!(
        "{{\n  \"name\": \"b\",\n  \"lockfileVersion\": 3,\n  \"packages\": {{\n    \"\": {{\"name\": \"b\"}},\n{}\n  }}\n}}\n",
        entries.join(",\n")
    )
}

fn yarn_lock(shift: usize) -> String {
    let mut text = String::from("# yarn lockfile v1\n\n");
    for i in shift..PACKAGES + shift {
        text.push_str(&format!("pkg-{i}@^1.0.0:\n  version \"1.0.{}\"\n  resolved \"https://registry.yarnpkg.com/pkg-{i}.tgz\"\n  integrity sha512-x\n\n", i % 9));
    }
    text
}

fn pnpm_lock(shift: usize) -> String {
    let mut text = String::from("lockfileVersion: '9.0'\n\npackages:\n\n");
    for i in shift..PACKAGES + shift {
        text.push_str(&format!(
            "  pkg-{i}@1.0.{}:\n    resolution: {{integrity: sha512-x}}\n\n",
            i % 9
        ));
    }
    text
}

fn uv_lock(shift: usize) -> String {
    let mut text = String::from("version = 1\n");
    for i in shift..PACKAGES + shift {
        text.push_str(&format!("\n[[package]]\nname = \"dist-{i}\"\nversion = \"2.{}\"\nsource = {{ registry = \"https://pypi.org/simple\" }}\n", i % 5));
    }
    text
}

fn time(label: &str, runs: u32, mut f: impl FnMut()) {
    f();
    let start = Instant::now();
    for _ in 0..runs {
        f();
    }
    let each = start.elapsed() / runs;
    println!("{label:<44} {:>9.2} ms", each.as_secs_f64() * 1000.0);
}

fn main() {
    let formats: [Format; 5] = [
        ("Cargo.lock", LockfileKind::CargoLock, cargo_lock),
        ("package-lock.json", LockfileKind::PackageLock, package_lock),
        ("yarn.lock", LockfileKind::YarnLock, yarn_lock),
        ("pnpm-lock.yaml", LockfileKind::PnpmLock, pnpm_lock),
        ("uv.lock", LockfileKind::UvLock, uv_lock),
    ];
    for (name, kind, make) in formats {
        let (old, new) = (make(0), make(100));
        time(
            &format!("{name}: read 2 x {PACKAGES} packages + delta"),
            10,
            || {
                let (a, b) = (parse_lockfile(kind, &old), parse_lockfile(kind, &new));
                let d = delta(kind.ecosystem(), &a.packages, &b.packages);
                assert_eq!(d.added.len(), 100);
            },
        );
    }

    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let ok = Command::new("git")
            .current_dir(dir.path())
            .args(["-c", "user.name=b", "-c", "user.email=b@example.invalid"])
            .args(args)
            .output()
            .unwrap()
            .status
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    for (name, _, make) in formats {
        std::fs::write(dir.path().join(name), make(0)).unwrap();
    }
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "base"]);
    for (name, _, make) in formats {
        std::fs::write(dir.path().join(name), make(100)).unwrap();
    }
    let settings = DependencySettings::default();
    let mut transitive = 0;
    time("introduced(): 5 lockfiles, HEAD vs worktree", 5, || {
        let report = introduced(
            dir.path(),
            &IntroducedOptions {
                baseline: Some(Baseline::Head),
                settings: &settings,
                checker: None,
                network: false,
                sources: &[],
                focus: None,
            },
        );
        transitive = report.summary.transitive_added.len();
    });
    assert_eq!(transitive, 500);
}
