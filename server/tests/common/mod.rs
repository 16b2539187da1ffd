//! Shared by the `check` end-to-end tests: git repositories in temp dirs with real commits, and
//! rules defined here (so the tests do not depend on the built-in pack).
#![allow(dead_code)] // each test binary uses a different part

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;
use tempfile::TempDir;

pub const EVAL_RULE: &str = r#"
id = "python.eval-call"
languages = ["python"]
severity = "error"
confidence = "high"
cwe = ["CWE-95"]
message = "`eval()` runs arbitrary code"
[docs]
what = "Finds calls to eval."
why = "eval runs whatever string it is given."
example = '''
eval(data)
'''
fix = "Use ast.literal_eval for literals."
[match]
query = '''
((call function: (identifier) @f) @match (#eq? @f "eval"))
'''
[fix]
capture = "f"
replacement = "ast.literal_eval"
"#;

pub const KEY_RULE: &str = r#"
id = "any.test-key"
languages = ["any"]
severity = "warning"
cwe = ["CWE-798"]
message = "a test access key"
[docs]
what = "Finds test keys."
why = "Keys in code leak."
example = '''
TESTKEY_0123456789
'''
fix = "Load it from the environment."
[match]
regex = '''TESTKEY_[0-9]{10}'''
"#;

/// A git repository in a temp dir, and a rules dir beside it.
pub struct Repo {
    pub dir: TempDir,
    pub rules: TempDir,
}

impl Repo {
    pub fn new() -> Repo {
        let rules = TempDir::new().unwrap();
        std::fs::write(rules.path().join("eval-call.toml"), EVAL_RULE).unwrap();
        std::fs::write(rules.path().join("test-key.toml"), KEY_RULE).unwrap();
        let repo = Repo {
            dir: TempDir::new().unwrap(),
            rules,
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["config", "user.name", "Test"]);
        repo.git(&["config", "user.email", "test@example.invalid"]);
        repo.git(&["config", "commit.gpgsign", "false"]);
        repo
    }

    /// A plain directory, not a git repository.
    pub fn without_git() -> Repo {
        let repo = Repo::new();
        std::fs::remove_dir_all(repo.path().join(".git")).unwrap();
        repo
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, path: &str, contents: impl AsRef<[u8]>) -> &Self {
        let full = self.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, contents).unwrap();
        self
    }

    pub fn git(&self, args: &[&str]) {
        let status = std::process::Command::new("git")
            .args(args)
            .current_dir(self.path())
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?} failed");
    }

    pub fn commit_all(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    pub fn check(&self, args: &[&str]) -> Command {
        let mut command = slopguard_in(self.path(), &self.rules.path().join("cache"));
        command
            .arg("check")
            .arg("--no-builtin-rules")
            .arg("--rules")
            .arg(self.rules.path())
            .args(args);
        command
    }

    /// Runs `check --format json` and returns the exit code and the document.
    pub fn json(&self, args: &[&str]) -> (i32, Value) {
        let output = self
            .check(&[&["--format", "json"], args].concat())
            .output()
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        let document = serde_json::from_str(&stdout).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {stdout}\nstderr: {}",
                String::from_utf8_lossy(&output.stderr)
            )
        });
        (output.status.code().unwrap(), document)
    }
}

/// `slopguard` run in `dir`, without colour, CI or the internet: the project-level registry
/// checks are offline, with `cache` as their cache.
pub fn slopguard_in(dir: &Path, cache: &Path) -> Command {
    let mut command = Command::cargo_bin("slopguard").unwrap();
    command
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("FORCE_COLOR")
        .env_remove("CI")
        .env("SLOPGUARD_OFFLINE", "1")
        .env("SLOPGUARD_CACHE_DIR", cache);
    command
}

/// `(rule, path, line)` of each finding in a JSON document.
pub fn found(document: &Value) -> Vec<(String, String, u64)> {
    document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["path"].as_str().unwrap().to_string(),
                f["range"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

pub fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn eval_at(path: &str, line: u64) -> (String, String, u64) {
    ("python.eval-call".into(), path.into(), line)
}
