//! The one way slopguard runs git: every invocation (check scopes, the dependency baseline,
//! the editor's HEAD baseline) is built by [`Git::command`], so that the scanned repository's
//! own configuration cannot start a program.
//!
//! A repository is hostile input: its `.git/config` (and `.gitattributes`, and any file its
//! config includes) may come from an archive, a shared disk or a compromised dependency. Git
//! reads that config and would start whatever it names. Each command therefore runs with:
//!
//! | setting | neutralised by | why |
//! | --- | --- | --- |
//! | `core.fsmonitor` (hook or daemon) | `-c core.fsmonitor=false` | `ls-files`, `diff` and `status` ask it which files changed |
//! | `core.hooksPath`, `.git/hooks/*` | `-c core.hooksPath=/dev/null` | no command slopguard runs fires a hook today; a future one (`post-index-change` on an index write) would |
//! | `diff.external`, `diff.<driver>.command`, `GIT_EXTERNAL_DIFF` | `-c diff.external=`, `--no-ext-diff` on every `diff`, the variable removed | external diff programs |
//! | `diff.<driver>.textconv` | `--no-textconv` on every `diff`; contents are read with `cat-file blob`, which never converts | text conversion programs |
//! | `filter.<driver>.clean`/`smudge`/`process` | every configured driver emptied and made optional (`GIT_CONFIG_KEY_n`) | a worktree diff runs the clean filter on modified files |
//! | `core.sshCommand`, `GIT_SSH*`, `core.gitProxy`, remote helpers, `credential.helper`, `core.askPass` | `GIT_ALLOW_PROTOCOL=` (no transport at all), `GIT_NO_LAZY_FETCH=1`, `-c credential.helper=`, `GIT_ASKPASS=`, `GIT_TERMINAL_PROMPT=0` | a partial clone fetches missing objects on demand, over any transport |
//! | `core.pager`, `pager.<cmd>`, `GIT_PAGER` | `--no-pager`, `GIT_PAGER=cat` | output is a pipe, never a terminal, but no pager either way |
//! | `log.showSignature` (`gpg.program`) | `-c log.showSignature=false` | signature checks run gpg; no `log` is used today |
//! | submodules | `-c diff.ignoreSubmodules=all` | a worktree diff runs `git status` inside each submodule |
//! | `GIT_DIR`, `GIT_WORK_TREE`, `GIT_COMMON_DIR`, `GIT_OBJECT_DIRECTORY`, `GIT_ALTERNATE_OBJECT_DIRECTORIES`, `GIT_NAMESPACE` | removed | they would point git at another repository than the one under the scanned path (an editor or hook environment) |
//! | `core.worktree` | [`Git::toplevel`] refuses a work tree that does not contain the scanned directory | it could make the "repository" the user's home |
//!
//! Also: `--no-optional-locks` (never writes the index), `--literal-pathspecs` (a file named
//! `*.py` or `:(exclude)x` is a path, not a pattern), standard input closed.
//!
//! Kept on purpose: the system and user config (`/etc/gitconfig`, `~/.gitconfig`) are the
//! machine's and the user's, not the repository's, and the overrides above take precedence over
//! them too; `GIT_INDEX_FILE` is honoured so that a pre-commit hook run by `git commit -a` or
//! `git commit <paths>` checks the index being committed; `safe.directory` keeps refusing
//! repositories owned by someone else (that refusal becomes a note).

pub mod patch;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// Configuration every git command gets, as `-c` arguments (these win over every config file).
const OVERRIDES: [&str; 8] = [
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "diff.external=",
    "diff.ignoreSubmodules=all",
    "credential.helper=",
    "log.showSignature=false",
    "protocol.allow=never",
    "core.quotePath=true",
];

/// Environment variables removed: they would select another repository or start a program.
const REMOVED_ENV: [&str; 11] = [
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_COMMON_DIR",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_NAMESPACE",
    "GIT_EXTERNAL_DIFF",
    "GIT_SSH",
    "GIT_SSH_COMMAND",
    "GIT_PROXY_COMMAND",
    "GIT_EDITOR",
];

/// Environment variables set: no transport, no lazy fetch, no prompt, no pager.
const SET_ENV: [(&str, &str); 5] = [
    ("GIT_ALLOW_PROTOCOL", ""),
    ("GIT_NO_LAZY_FETCH", "1"),
    ("GIT_TERMINAL_PROMPT", "0"),
    ("GIT_ASKPASS", ""),
    ("GIT_PAGER", "cat"),
];

/// Why a git command did not give an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitError {
    /// `git` could not be started.
    NoGit(String),
    NotARepository,
    UnknownRevision(String),
    Failed(String),
}

impl std::fmt::Display for GitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GitError::NoGit(why) => write!(f, "git could not be run ({why})"),
            GitError::NotARepository => f.write_str("not inside a git repository"),
            GitError::UnknownRevision(rev) => write!(f, "unknown revision `{rev}`"),
            GitError::Failed(why) => write!(f, "git failed: {why}"),
        }
    }
}

/// Git run in one directory, hardened as the module comment says.
#[derive(Debug, Clone)]
pub struct Git {
    dir: PathBuf,
    /// `filter.<driver>.*` keys to empty, read once from the repository's config.
    filters: OnceLock<Vec<(String, String)>>,
}

impl Git {
    pub fn new(dir: impl Into<PathBuf>) -> Git {
        Git {
            dir: dir.into(),
            filters: OnceLock::new(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A git command in this directory; add the subcommand and its arguments.
    pub fn command(&self) -> Command {
        let filters = self.filters.get_or_init(|| filter_overrides(&self.dir));
        let mut command = base_command(&self.dir);
        let mut count: usize = std::env::var("GIT_CONFIG_COUNT")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        for (key, value) in filters {
            command
                .env(format!("GIT_CONFIG_KEY_{count}"), key)
                .env(format!("GIT_CONFIG_VALUE_{count}"), value);
            count += 1;
        }
        if !filters.is_empty() {
            command.env("GIT_CONFIG_COUNT", count.to_string());
        }
        command
    }

    /// Runs `git <args>` and returns its standard output, or its standard error as the error.
    pub fn output(&self, args: &[&str]) -> Result<Vec<u8>, GitError> {
        let output = self
            .command()
            .args(args)
            .stderr(Stdio::piped())
            .output()
            .map_err(|e| GitError::NoGit(e.to_string()))?;
        if output.status.success() {
            Ok(output.stdout)
        } else {
            Err(GitError::Failed(
                String::from_utf8_lossy(&output.stderr).trim().to_string(),
            ))
        }
    }

    /// The top of the work tree that contains this directory, canonical. A work tree that does
    /// not contain the directory (a repository whose `core.worktree` points elsewhere) is
    /// refused: slopguard never reads files outside the scanned path because a config said so.
    pub fn toplevel(&self) -> Result<PathBuf, GitError> {
        let dir = self
            .dir
            .canonicalize()
            .map_err(|e| GitError::Failed(format!("{}: {e}", self.dir.display())))?;
        // `rev-parse` reads no file contents: the plain hardened command is enough, and the
        // config lookup for filters waits until a command that could run one.
        let output = base_command(&dir)
            .args(["rev-parse", "--show-toplevel"])
            .stderr(Stdio::null())
            .output()
            .map_err(|e| GitError::NoGit(e.to_string()))?;
        if !output.status.success() {
            return Err(GitError::NotARepository);
        }
        let mut stdout = output.stdout;
        if stdout.last() == Some(&b'\n') {
            stdout.pop();
        }
        let toplevel = path_from_bytes(stdout);
        let toplevel = toplevel.canonicalize().unwrap_or(toplevel);
        if !dir.starts_with(&toplevel) {
            return Err(GitError::Failed(format!(
                "the repository's work tree {} does not contain {} (core.worktree?); not used",
                toplevel.display(),
                dir.display()
            )));
        }
        Ok(toplevel)
    }
}

/// The hardened command without the per-repository filter overrides.
fn base_command(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .current_dir(dir)
        .args(["--no-pager", "--no-optional-locks", "--literal-pathspecs"]);
    for setting in OVERRIDES {
        command.args(["-c", setting]);
    }
    for name in REMOVED_ENV {
        command.env_remove(name);
    }
    for (name, value) in SET_ENV {
        command.env(name, value);
    }
    command.stdin(Stdio::null());
    command
}

/// Empties every filter driver the repository's config defines, and makes it optional, so
/// that no clean, smudge or long-running process filter can start. Keys go through
/// `GIT_CONFIG_KEY_n` rather than `-c` because a driver name may contain `=`.
fn filter_overrides(dir: &Path) -> Vec<(String, String)> {
    let output = base_command(dir)
        .args(["config", "-z", "--name-only", "--get-regexp", r"^filter\."])
        .stderr(Stdio::null())
        .output();
    let Ok(output) = output else {
        return Vec::new();
    };
    let mut drivers: Vec<String> = output
        .stdout
        .split(|b| *b == 0)
        .filter_map(|key| {
            let key = String::from_utf8_lossy(key);
            let (section_and_name, _variable) = key.rsplit_once('.')?;
            section_and_name.strip_prefix("filter.").map(str::to_string)
        })
        .collect();
    drivers.sort();
    drivers.dedup();
    drivers
        .into_iter()
        .flat_map(|driver| {
            [
                (format!("filter.{driver}.clean"), String::new()),
                (format!("filter.{driver}.smudge"), String::new()),
                (format!("filter.{driver}.process"), String::new()),
                (format!("filter.{driver}.required"), "false".to_string()),
            ]
        })
        .collect()
}

/// A path from the bytes git printed (exact on Unix, where paths are bytes).
pub fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        PathBuf::from(OsString::from_vec(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(OsString::from(String::from_utf8_lossy(&bytes).into_owned()))
    }
}

/// A repository-relative path as git spells it in `<rev>:<path>` and pathspecs: `/`-separated
/// (a backslash is part of a Unix file name, so it is only a separator on Windows).
pub fn spell(relative: &Path) -> String {
    let text = relative.to_string_lossy();
    if cfg!(windows) {
        text.replace('\\', "/")
    } else {
        text.into_owned()
    }
}
