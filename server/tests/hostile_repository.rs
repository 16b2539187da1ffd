//! A scanned repository cannot make slopguard read, report or send files from outside it:
//! requirements includes (`-r` absolute, `../`, through a symlink, nested) are noted and never
//! read, and no line of an outside file reaches the registry (served on 127.0.0.1) or the report.

mod support;

use assert_cmd::Command;
use std::path::Path;
use support::cli::check_command;
use support::{Package, RegistryServer, git};

const SECRET: &str = "ghp-secret-token-0123456789abcdef";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn check(dir: &Path, server: &RegistryServer, cache: &Path, args: &[&str]) -> Run {
    let output = check_command(dir, server, cache)
        .args(args)
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn requirement_includes_never_leave_the_repository() {
    let server = RegistryServer::start();
    server.pypi("acme-client", Package::new("2.1.0"));
    server.pypi("acme-extra", Package::new("1.0.0"));
    let outer = tempfile::tempdir().unwrap();
    let outer = outer.path().canonicalize().unwrap();
    let cache = tempfile::tempdir().unwrap();
    std::fs::create_dir(outer.join("secret")).unwrap();
    let creds = outer.join("secret/creds.txt");
    std::fs::write(&creds, format!("{SECRET}\n")).unwrap();
    let project = outer.join("project");
    std::fs::create_dir_all(project.join("nested")).unwrap();
    git(&project, &["init", "-q"]);
    std::fs::write(project.join("requirements.txt"), "acme-client==2.1.0\n").unwrap();
    git(&project, &["add", "-A"]);
    git(&project, &["commit", "-q", "-m", "base"]);
    std::os::unix::fs::symlink(&creds, project.join("link.txt")).unwrap();
    std::fs::write(
        project.join("requirements.txt"),
        format!(
            "acme-client==2.1.0\n-r {}\n-r ../secret/creds.txt\n-r link.txt\n\
             --requirement=nested/more.in\n-c ../secret/creds.txt\n-r missing.txt\n",
            creds.display()
        ),
    )
    .unwrap();
    std::fs::write(
        project.join("nested/more.in"),
        "acme-extra==1.0.0\n-r ../../secret/creds.txt\n",
    )
    .unwrap();
    git(&project, &["add", "-A"]);

    for args in [
        &["--format", "json"][..],
        &[],
        &["--staged"],
        &["--format", "sarif"],
    ] {
        let run = check(&project, &server, cache.path(), args);
        let leaked: Vec<String> = server
            .paths()
            .into_iter()
            .filter(|p| p.contains("ghp") || p.contains("secret"))
            .collect();
        assert!(
            leaked.is_empty(),
            "{args:?}: sent to the registry: {leaked:?}"
        );
        assert!(!run.stdout.contains(SECRET), "{args:?}: {}", run.stdout);
        assert!(!run.stderr.contains(SECRET), "{args:?}: {}", run.stderr);
        // What was not read leaves the run incomplete.
        assert_eq!(run.code, 3, "{args:?}: {}", run.stderr);
        // The nested include inside the project was followed.
        assert!(
            server.paths().iter().any(|p| p.contains("acme-extra")),
            "{args:?}: {:?}",
            server.paths()
        );
    }
    let run = check(&project, &server, cache.path(), &[]);
    // Each include that leads out is named: the absolute path and `../` (shown as the same
    // file, once), the symlink, and the nested one.
    let outside: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("which is outside the project: not read"))
        .collect();
    let creds = creds.display().to_string();
    let expected = [
        ("nested/more.in", creds.as_str()),
        ("requirements.txt", creds.as_str()),
        ("requirements.txt", "link.txt"),
    ];
    for (includer, include) in expected {
        let note = format!("note: analysis incomplete: {includer}: includes {include},");
        assert!(
            outside.iter().any(|l| l.starts_with(&note)),
            "{note}: {}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains(
            "note: analysis incomplete: requirements.txt: includes missing.txt, which does not exist"
        ),
        "{}",
        run.stderr
    );

    // The same, for scripts and dashboards: JSON `summary.incomplete`, SARIF notifications.
    let run = check(&project, &server, cache.path(), &["--format", "json"]);
    let document: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let gaps: Vec<(String, String, String)> = document["summary"]["incomplete"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let text = |k: &str| g[k].as_str().unwrap().to_string();
            (text("path"), text("kind"), text("reason"))
        })
        .collect();
    for (includer, include) in expected {
        assert!(
            gaps.iter().any(|(path, kind, reason)| path == includer
                && kind == "include-outside-root"
                && reason.starts_with(&format!("includes {include},"))),
            "{includer} {include}: {gaps:?}"
        );
    }
    assert!(
        gaps.contains(&(
            "requirements.txt".into(),
            "include-missing".into(),
            "includes missing.txt, which does not exist".into()
        )),
        "{gaps:?}"
    );
    let run = check(&project, &server, cache.path(), &["--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let ids: Vec<&str> = invocation["toolExecutionNotifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["descriptor"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids.iter()
            .filter(|id| **id == "slopguard/incomplete/include-outside-root")
            .count(),
        3,
        "{ids:?}"
    );
    assert!(
        ids.contains(&"slopguard/incomplete/include-missing"),
        "{ids:?}"
    );
}

#[test]
fn an_unusable_cache_is_said_in_every_format() {
    // The cache directory is a file: no answer can be kept or read back. The check still runs
    // (the registry answers), and every format says the cache was not used.
    let server = RegistryServer::start();
    server.pypi("acme-client", Package::new("2.1.0"));
    let project = tempfile::tempdir().unwrap();
    std::fs::write(
        project.path().join("requirements.txt"),
        "acme-client==2.1.0\n",
    )
    .unwrap();
    let holder = tempfile::tempdir().unwrap();
    let cache = holder.path().join("not-a-dir");
    std::fs::write(&cache, "").unwrap();

    let run = check(project.path(), &server, &cache, &[]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    let note = format!(
        "note: analysis incomplete: {}: the registry cache is unusable: cannot read {}",
        cache.display(),
        cache.display()
    );
    assert!(run.stderr.contains(&note), "{}", run.stderr);
    assert!(
        run.stdout.contains("Analysis incomplete in 1 file"),
        "{}",
        run.stdout
    );

    let run = check(project.path(), &server, &cache, &["--format", "json"]);
    let document: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let gap = &document["summary"]["incomplete"][0];
    assert_eq!(gap["kind"], "cache", "{document}");
    assert_eq!(gap["path"], cache.display().to_string());

    let run = check(project.path(), &server, &cache, &["--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["descriptor"]["id"],
        "slopguard/incomplete/cache"
    );

    // Offline, where only the cache can answer, too.
    let run = check(project.path(), &server, &cache, &["--offline"]);
    assert!(run.stderr.contains(&note), "{}", run.stderr);
}

#[test]
fn the_repository_config_cannot_choose_the_cache_or_registries() {
    let server = RegistryServer::start();
    server.pypi("acme-client", Package::new("2.1.0"));
    let project = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let planted = elsewhere.path().join("planted-cache");
    let user_cache = tempfile::tempdir().unwrap();
    std::fs::write(
        project.path().join("requirements.txt"),
        "acme-client==2.1.0\n",
    )
    .unwrap();
    std::fs::write(
        project.path().join("slopguard.toml"),
        format!(
            "[registry]\ncache-dir = \"{}\"\npypi-url = \"http://127.0.0.1:9/evil\"\n",
            planted.display()
        ),
    )
    .unwrap();
    let run = |allow: bool| {
        let mut command = Command::cargo_bin("slopguard").unwrap();
        command
            .current_dir(project.path())
            .env_remove("SLOPGUARD_OFFLINE")
            .env_remove("SLOPGUARD_CACHE_DIR")
            .env_remove("SLOPGUARD_ALLOW_CONFIG_REGISTRY")
            .envs(server.env())
            .env("XDG_CACHE_HOME", user_cache.path())
            .args(["check", "--format", "json"]);
        if allow {
            command.env("SLOPGUARD_ALLOW_CONFIG_REGISTRY", "1");
        }
        command.output().unwrap()
    };
    let output = run(false);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !planted.exists(),
        "the repository chose the cache: {stderr}"
    );
    assert!(user_cache.path().join("slopguard").is_dir(), "{stderr}");
    for key in ["cache-dir", "pypi-url"] {
        assert!(
            stderr.contains(&format!(
                "[registry] {key} in the repository's slopguard.toml is ignored"
            )),
            "{key}: {stderr}"
        );
    }
    // The user may allow it: then the config's cache is used.
    let output = run(true);
    assert!(
        planted.is_dir(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn what_the_repository_config_turns_off_is_in_every_summary() {
    let project = tempfile::tempdir().unwrap();
    std::fs::write(project.path().join("app.py"), "eval(x)\n").unwrap();
    std::fs::write(
        project.path().join("slopguard.toml"),
        "exclude = [\"**\"]\n[rules]\ndisable = [\"*\"]\n",
    )
    .unwrap();
    let run = |format: &str| {
        let output = Command::cargo_bin("slopguard")
            .unwrap()
            .current_dir(project.path())
            .env("NO_COLOR", "1")
            .env("SLOPGUARD_OFFLINE", "1")
            .args(["check", "--format", format])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        String::from_utf8(output.stdout).unwrap()
    };
    let excludes = "slopguard.toml excludes **";
    let disables = "slopguard.toml disables rules *";
    let text = run("text");
    assert!(
        text.contains(&format!("Not checked: {excludes}.")),
        "{text}"
    );
    assert!(
        text.contains(&format!("Not checked: {disables}.")),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(
        json["summary"]["narrowed"],
        serde_json::json!([excludes, disables])
    );
    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).unwrap();
    let notes: Vec<&str> = sarif["runs"][0]["invocations"][0]["toolConfigurationNotifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["message"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        notes,
        [
            format!("Not checked: {excludes}."),
            format!("Not checked: {disables}.")
        ]
    );
}

#[test]
fn rule_directories_of_the_repository_config_never_leave_it() {
    let server = RegistryServer::start();
    let outer = tempfile::tempdir().unwrap();
    let outer = outer.path().canonicalize().unwrap();
    let cache = tempfile::tempdir().unwrap();
    // A file of the user's outside the repository; a TOML error would quote its line.
    std::fs::create_dir(outer.join("private")).unwrap();
    std::fs::write(
        outer.join("private/credentials.toml"),
        format!("token = {SECRET}\n"),
    )
    .unwrap();
    let project = outer.join("project");
    std::fs::create_dir_all(project.join("rules")).unwrap();
    std::fs::write(project.join("app.py"), "x = 1\n").unwrap();
    // Named with `..`, and reached through a link inside an allowed directory.
    std::os::unix::fs::symlink(outer.join("private"), project.join("rules/linked")).unwrap();
    for dirs in ["\"../private\"", "\"rules\""] {
        std::fs::write(
            project.join("slopguard.toml"),
            format!("[rules]\nextra-dirs = [{dirs}]\n"),
        )
        .unwrap();
        let run = check(&project, &server, cache.path(), &[]);
        assert_eq!(run.code, 2, "{dirs}: {}", run.stderr);
        assert!(
            run.stderr.contains("outside the project"),
            "{dirs}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains(SECRET), "{dirs}: {}", run.stderr);
        assert!(!run.stdout.contains(SECRET), "{dirs}: {}", run.stdout);
    }
}
