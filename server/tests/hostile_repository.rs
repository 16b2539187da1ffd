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
        assert!(run.code <= 1, "{args:?}: exit {}: {}", run.code, run.stderr);
        // The nested include inside the project was followed.
        assert!(
            server.paths().iter().any(|p| p.contains("acme-extra")),
            "{args:?}: {:?}",
            server.paths()
        );
    }
    let run = check(&project, &server, cache.path(), &[]);
    // Each include that leads out is named: the absolute path, `../`, the symlink (by where
    // it leads) and the nested one.
    let outside: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.ends_with("which is outside the project: not read"))
        .collect();
    let creds = creds.display().to_string();
    let expected = [
        format!("note: nested/more.in includes {creds}"),
        format!("note: requirements.txt includes {creds}"),
        "note: requirements.txt includes link.txt".to_string(),
    ];
    for note in &expected {
        assert!(
            outside.iter().any(|l| l.starts_with(note.as_str())),
            "{note}: {}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .contains("requirements.txt includes missing.txt, which does not exist"),
        "{}",
        run.stderr
    );
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
