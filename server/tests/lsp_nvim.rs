//! End-to-end: the real `slopguard lsp` binary driven by headless Neovim through the plugin in
//! `editors/nvim`, with the Lua scenario in `tests/nvim/e2e.lua`.
//!
//! Neovim is required: `apt-get install -y neovim` (Debian ships 0.7.2). Without it this test
//! fails, it never skips.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdout(Stdio::null())
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?} failed");
}

/// The first `ruleid:` annotation of a built-in Python rule in the corpus, if the pack has any:
/// (corpus file, rule id).
fn builtin_case(root: &Path) -> Option<(PathBuf, String)> {
    let rules = root.join("rules/python");
    let ids: Vec<String> = std::fs::read_dir(&rules)
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let path = e.path();
            if path.extension()? != "toml" {
                return None;
            }
            Some(format!("python.{}", path.file_stem()?.to_str()?))
        })
        .collect();
    let corpus = std::fs::read_dir(root.join("corpus/python")).ok()?;
    for entry in corpus.filter_map(|e| e.ok()) {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        for line in text.lines() {
            if let Some(rest) = line.split("ruleid:").nth(1) {
                let id = rest.split([',', ' ']).find(|s| !s.is_empty())?.trim();
                if ids.iter().any(|known| known == id) {
                    return Some((entry.path(), id.to_string()));
                }
            }
        }
    }
    None
}

#[test]
fn neovim_shows_fixes_and_clears_diagnostics_in_four_languages() {
    let nvim_ok = Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        nvim_ok,
        "Neovim (`nvim`) is required for the editor end-to-end test: install it with \
         `apt-get update && apt-get install -y neovim`"
    );
    let root = repo_root();
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    git(dir, &["init", "-q"]);
    git(dir, &["config", "user.email", "e2e@example.invalid"]);
    git(dir, &["config", "user.name", "e2e"]);
    std::fs::create_dir(dir.join("src")).unwrap();
    // Each committed file holds a legacy finding that `onlyChangedLines` must keep quiet.
    std::fs::write(dir.join("app.py"), "import yaml\nlegacy = yaml.load(old)\n").unwrap();
    std::fs::write(dir.join("web.js"), "legacy.innerHTML = old;\n").unwrap();
    std::fs::write(dir.join("view.ts"), "legacy.innerHTML = old;\n").unwrap();
    std::fs::write(
        dir.join("src/net.rs"),
        "fn connect() -> Result<(), E> {\n    let old = b.danger_accept_invalid_certs(true);\n    Ok(())\n}\n",
    )
    .unwrap();
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "legacy"]);

    let log = dir.join("e2e.log");
    let cache = tempfile::tempdir().unwrap();
    // A sample of the built-in pack's corpus, copied into the workspace untracked: a file the
    // repository tracks unchanged would (rightly) show nothing with `onlyChangedLines`.
    let (sample, rule) = builtin_case(&root).expect("the built-in pack has a Python corpus case");
    let copy = dir.join("builtin_sample.py");
    std::fs::copy(&sample, &copy).unwrap();
    let builtin = format!("{}|{rule}", copy.display());
    let install_cases = install_command_files(dir, cache.path());
    let mut child = Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n"])
        .arg("-c")
        .arg(format!(
            "luafile {}",
            root.join("tests/nvim/e2e.lua").display()
        ))
        .current_dir(dir)
        .env("SLOPGUARD_PLUGIN", root.join("editors/nvim"))
        .env("SLOPGUARD_BIN", env!("CARGO_BIN_EXE_slopguard"))
        .env("SLOPGUARD_RULES", root.join("tests/fixtures/lsp-rules"))
        .env("SLOPGUARD_WORKDIR", dir)
        .env("SLOPGUARD_LOG", &log)
        .env("SLOPGUARD_BUILTIN", &builtin)
        .env("SLOPGUARD_INSTALL_CASES", &install_cases)
        // The server's registry checks must never reach the internet from a test.
        .env("SLOPGUARD_OFFLINE", "1")
        .env("SLOPGUARD_CACHE_DIR", cache.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("nvim starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > Duration::from_secs(180) {
            let _ = child.kill();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let report = std::fs::read_to_string(&log).unwrap_or_else(|_| "(no report written)".into());
    println!("{report}");
    let status = status.expect("nvim did not finish within 180 s");
    assert!(
        status.success() && report.trim_end().ends_with("E2E OK"),
        "the Neovim scenario failed ({status}):\n{report}"
    );
    assert!(
        report.contains(&format!("built-in rule {rule} fired")),
        "{report}"
    );
    for case in install_cases.split(',') {
        let file = case.split('|').next().unwrap();
        assert!(
            report.contains(&format!("{file}: registry.hallucinated-package")),
            "{report}"
        );
    }
}

/// Untracked files of the types the plugin attaches for their install commands and manifest
/// entries, each naming a package the (offline) server's cache says does not exist; returns
/// `FILE|PACKAGE,...` for the scenario.
fn install_command_files(dir: &Path, cache: &Path) -> String {
    use slopguard::registry::{Cache, Ecosystem, Lookup, Settings};
    let files = [
        (
            "README.md",
            "```sh\npip install acme-phantom-md\n```\n",
            Ecosystem::PyPI,
            "acme-phantom-md",
        ),
        (
            "Dockerfile",
            "FROM node:22\nRUN npm i acme-phantom-docker\n",
            Ecosystem::Npm,
            "acme-phantom-docker",
        ),
        (
            "Makefile",
            "setup:\n\tcargo add acme-phantom-make\n",
            Ecosystem::Crates,
            "acme-phantom-make",
        ),
        (
            "setup.sh",
            "#!/bin/sh\npip install acme-phantom-sh\n",
            Ecosystem::PyPI,
            "acme-phantom-sh",
        ),
        (
            ".github/workflows/ci.yml",
            "jobs:\n  a:\n    steps:\n      - run: npx acme-phantom-ci\n",
            Ecosystem::Npm,
            "acme-phantom-ci",
        ),
        (
            "Cargo.toml",
            "[package]\nname = \"demo\"\n\n[dependencies]\nacme-phantom-toml = \"1\"\n",
            Ecosystem::Crates,
            "acme-phantom-toml",
        ),
    ];
    let answers = Cache::new(cache.to_path_buf(), &Settings::default());
    let mut cases = Vec::new();
    for (file, text, ecosystem, package) in files {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        answers.put(ecosystem, package, &Lookup::Missing);
        cases.push(format!("{file}|{package}"));
    }
    cases.join(",")
}
