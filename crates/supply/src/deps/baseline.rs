//! The two sides of a dependency comparison, read through the git CLI.
//!
//! Why the CLI and not `gix`: a call costs about 2 ms, every machine that has a repository has
//! git, and it adds no crate to a supply-chain tool (`gix` brings about 90). Each side is listed
//! with one `git ls-files`/`ls-tree` call, and all its blobs are read through one long-running
//! `git cat-file --batch`.
//!
//! Git runs through [`crate::git::Git`], so the repository's own config cannot start a program.

use crate::git::Git;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Stdio};

/// The largest file read from either side; anything bigger is not a hand-written manifest
/// or a lockfile any tool writes.
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// What the current state is compared with.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Baseline {
    /// The working tree against `HEAD` (plain `check`, the editor).
    #[default]
    Head,
    /// The index against `HEAD`: what the next commit adds (`check --staged`).
    Index,
    /// The working tree against the merge base of a revision and `HEAD` (`check --diff REV`),
    /// the same base the line scope of `check --diff` uses.
    Rev(String),
}

/// One side of the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Side {
    Worktree,
    Index,
    /// A commit (`None`: the repository has no commit yet, so nothing existed).
    Commit(Option<String>),
}

pub use crate::git::GitError;

/// A git repository and the directory of the project inside it.
#[derive(Debug, Clone)]
pub struct Repository {
    git: Git,
    toplevel: PathBuf,
    /// The project directory relative to `toplevel` (`""` at the top), `/`-separated.
    prefix: String,
}

impl Repository {
    /// The repository that contains `dir`.
    pub fn discover(dir: &Path) -> Result<Repository, GitError> {
        let dir = dir
            .canonicalize()
            .map_err(|e| GitError::Failed(e.to_string()))?;
        let toplevel = Git::new(&dir).toplevel()?;
        let prefix = dir
            .strip_prefix(&toplevel)
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        Ok(Repository {
            git: Git::new(&toplevel),
            toplevel,
            prefix,
        })
    }

    pub fn toplevel(&self) -> &Path {
        &self.toplevel
    }

    /// The (old, new) sides a baseline compares.
    pub fn sides(&self, baseline: &Baseline) -> Result<(Side, Side), GitError> {
        let head = self.commit("HEAD")?;
        Ok(match baseline {
            Baseline::Head => (Side::Commit(head), Side::Worktree),
            Baseline::Index => (Side::Commit(head), Side::Index),
            Baseline::Rev(rev) => {
                let Some(target) = self.commit(rev)? else {
                    return Err(GitError::UnknownRevision(rev.clone()));
                };
                let base = match &head {
                    Some(head) => self.merge_base(&target, head)?.unwrap_or(target),
                    None => target,
                };
                (Side::Commit(Some(base)), Side::Worktree)
            }
        })
    }

    /// The commit a revision names; `None` for `HEAD` in a repository without commits.
    fn commit(&self, rev: &str) -> Result<Option<String>, GitError> {
        if rev.starts_with('-') {
            return Err(GitError::UnknownRevision(rev.to_string()));
        }
        let output = self.run(&[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ])?;
        if output.status.success() {
            return Ok(Some(
                String::from_utf8_lossy(&output.stdout).trim().to_string(),
            ));
        }
        if rev == "HEAD" {
            return Ok(None);
        }
        Err(GitError::UnknownRevision(rev.to_string()))
    }

    fn merge_base(&self, a: &str, b: &str) -> Result<Option<String>, GitError> {
        let output = self.run(&["merge-base", a, b])?;
        Ok(output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string()))
    }

    /// The files of the project on one side whose names `wanted` accepts, as paths relative to
    /// the project directory, with their texts (lossily decoded; oversized files are left out).
    pub fn read_files(
        &self,
        side: &Side,
        wanted: &dyn Fn(&Path) -> bool,
    ) -> Result<BTreeMap<PathBuf, String>, GitError> {
        let pathspec = if self.prefix.is_empty() {
            "."
        } else {
            self.prefix.as_str()
        };
        let listing = match side {
            Side::Commit(None) => return Ok(BTreeMap::new()),
            Side::Commit(Some(commit)) => self.list(&[
                "ls-tree",
                "-r",
                "-z",
                "--name-only",
                "--full-tree",
                commit,
                "--",
                pathspec,
            ])?,
            Side::Index => self.list(&["ls-files", "-z", "--cached", "--", pathspec])?,
            Side::Worktree => self.list(&[
                "ls-files",
                "-z",
                "--cached",
                "--others",
                "--exclude-standard",
                "--",
                pathspec,
            ])?,
        };
        let relative = |path: &str| {
            let path = path.strip_prefix(&self.prefix).unwrap_or(path);
            PathBuf::from(path.trim_start_matches('/'))
        };
        // `wanted` sees the path as the result keys it: relative to the project directory.
        let paths: Vec<String> = listing
            .into_iter()
            .filter(|p| wanted(&relative(p)) && !p.split('/').any(|c| c == "node_modules"))
            .collect();
        let mut files = BTreeMap::new();
        if *side == Side::Worktree {
            for path in paths {
                // Listed in the index but deleted in the working tree: gone on this side. A
                // tracked symlink leading out of the repository is not followed.
                let super::Reach::Inside(full) =
                    super::reach(&self.toplevel, &self.toplevel.join(&path))
                else {
                    continue;
                };
                let Ok(meta) = std::fs::metadata(&full) else {
                    continue;
                };
                if !meta.is_file() || meta.len() > MAX_FILE_SIZE {
                    continue;
                }
                if let Ok(bytes) = std::fs::read(&full) {
                    files.insert(
                        relative(&path),
                        String::from_utf8_lossy(&bytes).into_owned(),
                    );
                }
            }
            return Ok(files);
        }
        let revision = match side {
            Side::Commit(Some(commit)) => commit.as_str(),
            _ => "",
        };
        let mut batch = Batch::start(self)?;
        for path in paths {
            if let Some(bytes) = batch.read(&format!("{revision}:{path}"))? {
                files.insert(
                    relative(&path),
                    String::from_utf8_lossy(&bytes).into_owned(),
                );
            }
        }
        Ok(files)
    }

    /// The given files (relative to the project directory) on one side, without listing the
    /// tree: what the editor needs for the one manifest it shows, on every typing pause.
    pub fn read_paths(
        &self,
        side: &Side,
        paths: &[PathBuf],
    ) -> Result<BTreeMap<PathBuf, String>, GitError> {
        let mut files = BTreeMap::new();
        let in_repository = |path: &Path| {
            let path = path.to_string_lossy().replace('\\', "/");
            match self.prefix.trim_end_matches('/') {
                "" => path,
                prefix => format!("{prefix}/{path}"),
            }
        };
        let revision = match side {
            Side::Commit(None) => return Ok(files),
            Side::Commit(Some(commit)) => commit.as_str(),
            Side::Index => "",
            Side::Worktree => {
                for path in paths {
                    let super::Reach::Inside(full) =
                        super::reach(&self.toplevel, &self.toplevel.join(in_repository(path)))
                    else {
                        continue;
                    };
                    let small = std::fs::metadata(&full)
                        .is_ok_and(|m| m.is_file() && m.len() <= MAX_FILE_SIZE);
                    if small && let Ok(bytes) = std::fs::read(&full) {
                        files.insert(path.clone(), String::from_utf8_lossy(&bytes).into_owned());
                    }
                }
                return Ok(files);
            }
        };
        let mut batch = Batch::start(self)?;
        for path in paths {
            if let Some(bytes) = batch.read(&format!("{revision}:{}", in_repository(path)))? {
                files.insert(path.clone(), String::from_utf8_lossy(&bytes).into_owned());
            }
        }
        Ok(files)
    }

    fn run(&self, args: &[&str]) -> Result<std::process::Output, GitError> {
        self.git
            .command()
            .args(args)
            .output()
            .map_err(|e| GitError::NoGit(e.to_string()))
    }

    fn list(&self, args: &[&str]) -> Result<Vec<String>, GitError> {
        let output = self.run(args)?;
        if !output.status.success() {
            return Err(GitError::Failed(
                String::from_utf8_lossy(&output.stderr).trim().to_string(),
            ));
        }
        Ok(output
            .stdout
            .split(|b| *b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect())
    }
}

/// One `git cat-file --batch` process answering `<rev>:<path>` requests in turn.
struct Batch {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
}

impl Batch {
    fn start(repository: &Repository) -> Result<Batch, GitError> {
        let mut child = repository
            .git
            .command()
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| GitError::NoGit(e.to_string()))?;
        let (Some(input), Some(output)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            return Err(GitError::Failed("git cat-file has no pipes".into()));
        };
        Ok(Batch {
            child,
            input,
            output: BufReader::new(output),
        })
    }

    /// The blob an object name points at; `None` when it is missing, not a blob, or too big.
    fn read(&mut self, object: &str) -> Result<Option<Vec<u8>>, GitError> {
        let broken = |e: std::io::Error| GitError::Failed(format!("git cat-file: {e}"));
        if object.contains('\n') {
            return Ok(None);
        }
        writeln!(self.input, "{object}").map_err(broken)?;
        self.input.flush().map_err(broken)?;
        let mut header = String::new();
        self.output.read_line(&mut header).map_err(broken)?;
        // `<oid> <type> <size>`, or `<object> missing`.
        let fields: Vec<&str> = header.split_whitespace().collect();
        let [_, kind, size] = fields[..] else {
            return Ok(None);
        };
        let size: u64 = size
            .parse()
            .map_err(|_| GitError::Failed(format!("git cat-file: {header}")))?;
        let mut content = Vec::new();
        (&mut self.output)
            .take(size + 1)
            .read_to_end(&mut content)
            .map_err(broken)?;
        content.pop();
        Ok((kind == "blob" && size <= MAX_FILE_SIZE).then_some(content))
    }
}

impl Drop for Batch {
    fn drop(&mut self) {
        // Every answer has been read: end cat-file and reap it so that no zombie is left.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
