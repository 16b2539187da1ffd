//! A scanned repository's own `.git/config` cannot make slopguard start a program: for each
//! setting that names one, `check --staged`, `check --diff` and the git calls the editor makes
//! (HEAD baseline, dependency baseline) leave the marker script unrun, while plain git with the
//! same config does run it (so each test would catch a regression).

mod common;
mod support;

use common::Repo;
use serde_json::json;
use slopguard::deps::baseline::{Repository, Side};
use std::path::{Path, PathBuf};
use support::lsp::Editor;
use tempfile::TempDir;

/// A repository with a staged change and a further unstaged change to `app.py` (so that
/// index, work tree and HEAD all differ), and a script that appends to a marker file.
struct Hostile {
    repo: Repo,
    scripts: TempDir,
}

impl Hostile {
    fn new(attributes: &str) -> Hostile {
        let repo = Repo::new();
        repo.write("app.py", "a = 1\n")
            .write("requirements.txt", "requests==2.31.0\n")
            .write(".gitattributes", attributes);
        repo.commit_all("first");
        repo.write("app.py", "a = 1\nb = eval(x)\n");
        repo.git(&["add", "app.py"]);
        repo.write("app.py", "a = 1\nb = eval(x)\nc = eval(y)\n");
        let scripts = TempDir::new().unwrap();
        let hostile = Hostile { repo, scripts };
        let script = hostile.script();
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\necho \"$0 $*\" >> '{}'\nexit 0\n",
                hostile.marker().display()
            ),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        hostile
    }

    fn script(&self) -> PathBuf {
        self.scripts.path().join("evil.sh")
    }

    fn marker(&self) -> PathBuf {
        self.scripts.path().join("ran")
    }

    fn config(&self, key: &str, value: &str) -> &Self {
        self.repo.git(&["config", key, value]);
        self
    }

    fn ran(&self) -> bool {
        self.marker().exists()
    }

    /// Every slopguard path that runs git, then the assertion; then `control` (plain git),
    /// which must run the script.
    fn assert_slopguard_runs_nothing(&self, control: &[&str]) {
        self.assert_runs_nothing(control, true);
    }

    fn assert_runs_nothing(&self, control: &[&str], objects_complete: bool) {
        let root = self.repo.path();
        let staged = self.repo.check(&["--staged"]).output().unwrap();
        assert!(!self.ran(), "check --staged ran the repository's program");
        let diff = self.repo.check(&["--diff", "HEAD"]).output().unwrap();
        assert!(!self.ran(), "check --diff ran the repository's program");
        // The editor: the HEAD baseline of an open file, and the dependency baseline.
        let _ = slopguard::lsp::baseline::load(&root.join("app.py"));
        assert!(!self.ran(), "the editor's HEAD baseline ran it");
        if let Ok(repository) = Repository::discover(root) {
            let every = |_: &Path| true;
            let _ = repository.read_files(&Side::Worktree, &every);
            let _ = repository.read_files(&Side::Index, &every);
            if let Ok((head, _)) = repository.sides(&slopguard::deps::Baseline::Head) {
                let _ = repository.read_files(&head, &every);
            }
        }
        assert!(!self.ran(), "the dependency baseline ran it");
        // The checks did their work: the staged eval was found.
        if objects_complete {
            assert_eq!(staged.status.code(), Some(1), "{staged:?}");
        }
        assert!(diff.status.code().is_some(), "{diff:?}");
        // Plain git with the same config does run it: the assertions above can fail. (Never a
        // terminal prompt: the program under test is the only thing that may ask.)
        let _ = std::process::Command::new("git")
            .args(control)
            .current_dir(root)
            .env("GIT_TERMINAL_PROMPT", "0")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(
            self.ran(),
            "control: plain `git {control:?}` did not run the script"
        );
    }
}

#[test]
fn core_fsmonitor_is_not_run() {
    let hostile = Hostile::new("");
    let script = hostile.script();
    hostile.config("core.fsmonitor", script.to_str().unwrap());
    hostile.assert_slopguard_runs_nothing(&["status"]);
}

#[test]
fn hooks_are_not_run() {
    let hostile = Hostile::new("");
    let hooks = hostile.scripts.path().join("hooks");
    std::fs::create_dir(&hooks).unwrap();
    for hook in [
        "post-index-change",
        "post-checkout",
        "pre-commit",
        "reference-transaction",
    ] {
        std::os::unix::fs::symlink(hostile.script(), hooks.join(hook)).unwrap();
    }
    hostile.config("core.hooksPath", hooks.to_str().unwrap());
    hostile.assert_slopguard_runs_nothing(&["add", "app.py"]);
}

#[test]
fn an_external_diff_program_is_not_run() {
    let hostile = Hostile::new("");
    let script = hostile.script();
    hostile.config("diff.external", script.to_str().unwrap());
    hostile.assert_slopguard_runs_nothing(&["diff"]);
}

#[test]
fn a_diff_driver_command_is_not_run() {
    let hostile = Hostile::new("*.py diff=evil\n");
    let script = hostile.script();
    hostile.config("diff.evil.command", script.to_str().unwrap());
    hostile.assert_slopguard_runs_nothing(&["diff"]);
}

#[test]
fn a_textconv_driver_is_not_run() {
    let hostile = Hostile::new("*.py diff=evil\n");
    let script = hostile.script();
    hostile.config("diff.evil.textconv", script.to_str().unwrap());
    hostile.assert_slopguard_runs_nothing(&["diff"]);
}

#[test]
fn a_clean_filter_is_not_run() {
    let hostile = Hostile::new("*.py filter=evil\n");
    let script = hostile.script();
    hostile.config("filter.evil.clean", script.to_str().unwrap());
    hostile.config("filter.evil.required", "true");
    hostile.assert_slopguard_runs_nothing(&["diff"]);
}

#[test]
fn a_process_filter_is_not_run_even_under_an_awkward_name() {
    let hostile = Hostile::new("*.py filter=a=b.c\n");
    let script = hostile.script();
    hostile.config("filter.a=b.c.process", script.to_str().unwrap());
    hostile.assert_slopguard_runs_nothing(&["diff"]);
}

/// Makes the repository a partial clone of `url` whose committed `app.py` blob is missing:
/// reading it makes plain git fetch it from the promisor remote.
fn partial_clone_of(hostile: &Hostile, url: &str) {
    let root = hostile.repo.path();
    let blob = String::from_utf8(
        std::process::Command::new("git")
            .args(["rev-parse", "HEAD:app.py"])
            .current_dir(root)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let blob = blob.trim();
    std::fs::remove_file(root.join(".git/objects").join(&blob[..2]).join(&blob[2..])).unwrap();
    hostile
        .config("core.repositoryformatversion", "1")
        .config("extensions.partialClone", "origin")
        .config("remote.origin.url", url)
        .config("remote.origin.promisor", "true");
}

#[test]
fn a_lazy_fetch_never_starts_the_ssh_command() {
    let hostile = Hostile::new("");
    partial_clone_of(&hostile, "ssh://git.example.invalid/x.git");
    let script = hostile.script();
    hostile.config("core.sshCommand", script.to_str().unwrap());
    hostile.assert_runs_nothing(&["cat-file", "-p", "HEAD:app.py"], false);
}

/// An HTTP server on 127.0.0.1 that asks every request for credentials (401), so that plain
/// git fetching from it consults the credential helper and the askpass program.
fn password_protected_remote() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/x.git", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            use std::io::{BufRead, Write};
            let mut reader = std::io::BufReader::new(&stream);
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let _ = (&stream).write_all(
                b"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"x\"\r\n\
                  Content-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    });
    url
}

#[test]
fn a_credential_helper_is_not_run() {
    let hostile = Hostile::new("");
    partial_clone_of(&hostile, &password_protected_remote());
    let script = hostile.script();
    hostile.config("credential.helper", script.to_str().unwrap());
    hostile.assert_runs_nothing(&["cat-file", "-p", "HEAD:app.py"], false);
}

#[test]
fn an_askpass_program_is_not_run() {
    let hostile = Hostile::new("");
    partial_clone_of(&hostile, &password_protected_remote());
    let script = hostile.script();
    hostile.config("core.askPass", script.to_str().unwrap());
    hostile.assert_runs_nothing(&["cat-file", "-p", "HEAD:app.py"], false);
}

/// Runs `command` (a shell command line) in `dir` with a terminal as its input and output, as
/// in an interactive shell: git starts a pager only then.
fn in_terminal(dir: &Path, command: &str) {
    let _ = std::process::Command::new("script")
        .args(["-qec", command, "/dev/null"])
        .current_dir(dir)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("SLOPGUARD_OFFLINE", "1")
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
}

/// A pager from the repository's config: slopguard run in a terminal starts none, and plain
/// git run in a terminal does.
fn assert_pager_not_run(key: &str, control: &str) {
    let hostile = Hostile::new("");
    let script = hostile.script();
    hostile.config(key, script.to_str().unwrap());
    let root = hostile.repo.path();
    let slopguard = format!(
        "'{}' check --no-builtin-rules --rules '{}'",
        env!("CARGO_BIN_EXE_slopguard"),
        hostile.repo.rules.path().display()
    );
    in_terminal(root, &format!("{slopguard} --staged"));
    in_terminal(root, &format!("{slopguard} --diff HEAD"));
    assert!(!hostile.ran(), "slopguard in a terminal started the pager");
    in_terminal(root, control);
    assert!(
        hostile.ran(),
        "control: `{control}` did not start the pager"
    );
}

#[test]
fn the_core_pager_is_not_run() {
    assert_pager_not_run("core.pager", "git log");
}

#[test]
fn a_command_pager_is_not_run() {
    assert_pager_not_run("pager.diff", "git diff HEAD");
}

#[test]
fn the_language_server_runs_no_program_of_the_repository() {
    let hostile = Hostile::new("");
    // HEAD holds two evals (committed before the repository's config names the script).
    hostile.repo.commit_all("second");
    let script = hostile.script();
    hostile.config("core.fsmonitor", script.to_str().unwrap());
    let root = hostile.repo.path();
    let mut editor = Editor::start_configured(
        root,
        vec![
            ("SLOPGUARD_OFFLINE", "1".into()),
            (
                "SLOPGUARD_CACHE_DIR",
                root.join("cache").display().to_string(),
            ),
        ],
        json!({"onlyChangedLines": true}),
    );
    // An open file is compared with HEAD (`onlyChangedLines`) before it is analysed: the
    // evals on committed lines are hidden, the new one shown.
    let app = root.join("app.py");
    editor.open(
        &app,
        "python",
        "a = 1\nb = eval(x)\nc = eval(y)\nd = eval(w)\n",
    );
    let shown = editor
        .diagnostics(&app, |d| !d.is_empty())
        .expect("the new line's eval");
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!(shown[0]["range"]["start"]["line"], 3, "{shown:?}");
    // An unsaved manifest is compared with the dependency baseline (`git ls-files`, `cat-file`).
    let manifest = root.join("requirements.txt");
    editor.open(
        &manifest,
        "pip-requirements",
        "requests==2.31.0\nacme-extra==2.0.0\n",
    );
    editor
        .diagnostic(&manifest, "deps.new-dependency")
        .expect("the new dependency, found against HEAD");
    assert!(
        !hostile.ran(),
        "slopguard lsp ran the repository's fsmonitor"
    );
    let _ = std::process::Command::new("git")
        .arg("status")
        .current_dir(root)
        .output()
        .unwrap();
    assert!(hostile.ran(), "control: plain `git status` did not run it");
}
