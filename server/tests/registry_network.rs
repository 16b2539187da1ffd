//! Registry checks end to end against a registry server the test starts on 127.0.0.1: registry failures, the cache, offline and the editor's non-blocking check.

mod support;

use slopguard::registry::{PackageChecker, Settings, SourceFile};
use std::time::{Duration, Instant};
use support::check::*;
use support::{Knob, Package, RegistryServer, SilentServer, settings};

#[test]
fn server_errors_and_timeouts_are_unknown_never_hallucinated() {
    let server = RegistryServer::start();
    server.knob("unavailable", Knob::Status(503));
    server.knob("flaky", Knob::FailFirst(1));
    server.pypi("flaky-pkg", Package::new("1.0"));
    server.knob("slowpoke", Knob::Delay(Duration::from_secs(4)));
    server.pypi("slowpoke", Package::new("1.0"));
    let root = project(&[(
        "a.py",
        "import unavailable_pkg\nimport flaky_pkg\nimport slowpoke\nimport absent_pkg_xyz\n",
    )]);
    let cache = tempfile::tempdir().unwrap();
    let findings = check(&checker(&server, &cache), root.path(), &["a.py"]);
    let got: Vec<(String, String, String)> = findings
        .iter()
        .map(|f| {
            (
                f.finding.rule_id.to_string(),
                f.finding.severity.to_string(),
                f.finding.package.clone().unwrap().name,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "registry.unverified".into(),
                "info".into(),
                "unavailable_pkg".into()
            ),
            (
                "registry.unverified".into(),
                "info".into(),
                "slowpoke".into()
            ),
            (
                "registry.hallucinated-package".into(),
                "error".into(),
                "absent_pkg_xyz".into()
            ),
        ]
    );
    assert!(
        findings[0].finding.message.contains("503"),
        "{}",
        findings[0].finding.message
    );
    // 503 is retried (two retries), then given up; the flaky one succeeded on its retry.
    let paths = server.paths();
    assert_eq!(
        paths.iter().filter(|p| p.contains("unavailable")).count(),
        3
    );
    assert_eq!(paths.iter().filter(|p| p.contains("flaky")).count(), 2);
    // Unknown answers are not cached: the next run asks again.
    server.clear_requests();
    let _ = check(&checker(&server, &cache), root.path(), &["a.py"]);
    assert!(server.paths().iter().any(|p| p.contains("unavailable")));
    assert!(!server.paths().iter().any(|p| p.contains("absent")));
}

#[test]
fn a_server_that_never_answers_costs_bounded_time_and_no_false_finding() {
    let silent = SilentServer::start();
    let cache = tempfile::tempdir().unwrap();
    let settings = Settings {
        pypi_url: silent.base(),
        npm_url: silent.base(),
        crates_index_url: silent.base(),
        cache_dir: Some(cache.path().to_path_buf()),
        timeout: Duration::from_secs(1),
        connect_timeout: Duration::from_secs(1),
        ..Settings::default()
    };
    let root = project(&[
        ("a.py", "import unanswered_one\nimport unanswered_two\n"),
        ("b.js", "require('unanswered-three');\n"),
        ("Cargo.toml", "[dependencies]\nunanswered-four = \"1\"\n"),
    ]);
    let started = Instant::now();
    let findings = check(
        &PackageChecker::new(settings),
        root.path(),
        &["a.py", "b.js", "Cargo.toml"],
    );
    let elapsed = started.elapsed();
    assert!(
        findings
            .iter()
            .all(|f| &*f.finding.rule_id == "registry.unverified"),
        "{findings:#?}"
    );
    assert_eq!(findings.len(), 4);
    // Every lookup runs in parallel and gives up after the 1 s total timeout (crates try two
    // spellings): far from a hang.
    assert!(elapsed < Duration::from_secs(8), "took {elapsed:?}");
}

#[test]
fn answers_are_cached_expire_and_survive_corruption() {
    let server = RegistryServer::start();
    server.npm("cached-pkg", Package::new("1.0.0"));
    let root = project(&[(
        "a.js",
        "require('cached-pkg');\nrequire('missing-pkg-q');\n",
    )]);
    let cache = tempfile::tempdir().unwrap();
    let checker = checker(&server, &cache);
    let first = check(&checker, root.path(), &["a.js"]);
    assert_eq!(rule_ids(&first), ["registry.hallucinated-package"]);
    assert_eq!(server.paths().len(), 2);
    // A hit: no request at all.
    server.clear_requests();
    assert_eq!(check(&checker, root.path(), &["a.js"]), first);
    assert!(server.paths().is_empty());
    // The negative answer expires after an hour; an attacker may have registered the name since.
    let store = slopguard::registry::Cache::new(
        cache.path().to_path_buf(),
        &settings(&server, cache.path()),
    );
    let an_hour_ago = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        - 3601;
    store.put_at(
        slopguard::registry::Ecosystem::Npm,
        "missing-pkg-q",
        &slopguard::registry::Lookup::Missing,
        an_hour_ago,
    );
    server.npm("missing-pkg-q", Package::new("0.0.1"));
    let after = check(&checker, root.path(), &["a.js"]);
    assert!(after.is_empty(), "{after:#?}");
    assert_eq!(server.paths(), ["/npm/missing-pkg-q"]);
    // A corrupt entry is ignored and refetched.
    std::fs::write(
        store.path(slopguard::registry::Ecosystem::Npm, "cached-pkg"),
        b"\x00garbage{",
    )
    .unwrap();
    server.clear_requests();
    assert!(check(&checker, root.path(), &["a.js"]).is_empty());
    assert_eq!(server.paths(), ["/npm/cached-pkg"]);
}

#[test]
fn offline_uses_only_the_cache_and_the_lists() {
    let server = RegistryServer::start();
    let root = project(&[(
        "a.py",
        "import requests\nimport never_seen_pkg\nimport known_missing_pkg\n",
    )]);
    let cache = tempfile::tempdir().unwrap();
    // Fill the cache with one negative answer while online.
    let online = checker(&server, &cache);
    let root2 = project(&[("b.py", "import known_missing_pkg\n")]);
    assert_eq!(
        rule_ids(&check(&online, root2.path(), &["b.py"])),
        ["registry.hallucinated-package"]
    );
    server.clear_requests();
    let offline = PackageChecker::new(Settings {
        offline: true,
        ..settings(&server, cache.path())
    });
    let findings = check(&offline, root.path(), &["a.py"]);
    let got = rules_and_packages(&findings);
    assert_eq!(
        got,
        [
            ("registry.unverified", "never_seen_pkg"),
            ("registry.hallucinated-package", "known_missing_pkg")
        ]
    );
    assert!(findings[0].finding.message.contains("offline"));
    assert!(server.paths().is_empty());
}

#[test]
fn the_editor_check_never_waits_for_the_network() {
    let server = RegistryServer::start();
    let root = project(&[("a.py", "import requests\nimport editor_missing_pkg\n")]);
    let cache = tempfile::tempdir().unwrap();
    let checker = checker(&server, &cache);
    let text = std::fs::read_to_string(root.path().join("a.py")).unwrap();
    let path = root.path().join("a.py");
    let files = [SourceFile {
        path: &path,
        text: &text,
    }];
    let first = checker.check_cached(root.path(), &files);
    assert!(first.findings.is_empty());
    assert_eq!(first.pending.len(), 1);
    assert_eq!(first.pending[0].name, "editor_missing_pkg");
    assert!(server.paths().is_empty());
    checker.prefetch(&first.pending);
    let second = checker.check_cached(root.path(), &files);
    assert!(second.pending.is_empty());
    assert_eq!(
        rule_ids(&second.findings),
        ["registry.hallucinated-package"]
    );
}

#[test]
fn a_registry_refusing_some_names_is_not_a_failing_registry() {
    // npm answers 403 for names it will not serve (`@docusaurus/Head`: capitals in a scope).
    // Those are "could not verify", and the registry, which answered, is asked the next name:
    // the refusals must not open the circuit breaker.
    let server = RegistryServer::start();
    server.knob("refused", Knob::Status(403));
    server.pypi("acme-answered", Package::new("1.0"));
    let cache = tempfile::tempdir().unwrap();
    let refused = project(&[(
        "a.py",
        "import refused_a\nimport refused_b\nimport refused_c\nimport refused_d\n",
    )]);
    let findings = check(&checker(&server, &cache), refused.path(), &["a.py"]);
    assert_eq!(findings.len(), 4, "{findings:#?}");
    for f in &findings {
        assert_eq!(&*f.finding.rule_id, "registry.unverified");
        assert!(f.finding.message.contains("403"), "{}", f.finding.message);
    }
    let next = project(&[("b.py", "import acme_answered\nimport absent_after\n")]);
    let findings = check(&checker(&server, &cache), next.path(), &["b.py"]);
    let rules: Vec<&str> = findings
        .iter()
        .map(|f| f.finding.rule_id.as_ref())
        .collect();
    assert_eq!(rules, ["registry.hallucinated-package"], "{findings:#?}");
}
