//! Registries and names that try to mislead or stall the checks, against servers the tests
//! start on 127.0.0.1: answers cached from one registry never answer for another, names a
//! registry would refuse are never sent (and valid ones are encoded per path segment), and a
//! hung or half-hung registry costs one run a bounded time, never a false "does not exist".

mod support;

use slopguard::registry::{Ecosystem, PackageChecker, PackageQuery, Settings};
use std::time::{Duration, Instant};
use support::check::*;
use support::{Knob, Package, RegistryServer, SilentServer, settings};

fn query(ecosystem: Ecosystem, name: &str) -> PackageQuery {
    PackageQuery {
        ecosystem,
        name: name.to_string(),
        version: None,
        span: slopguard::text::LineIndex::new("").span(0, 0),
        details: false,
    }
}

#[test]
fn an_answer_from_one_registry_never_answers_for_another() {
    // A mirror (or a registry a repository's config pointed at) says a name exists; the
    // machine-wide cache must not then vouch for it when another registry is asked.
    let mirror = RegistryServer::start();
    mirror.npm("mirror-only-pkg", Package::new("1.0.0"));
    mirror.pypi("mirror-only-dist", Package::new("1.0"));
    let public = RegistryServer::start();
    let root = project(&[
        ("a.js", "require('mirror-only-pkg');\n"),
        ("b.py", "import mirror_only_dist\n"),
    ]);
    let cache = tempfile::tempdir().unwrap();
    let files = ["a.js", "b.py"];
    assert!(check(&checker(&mirror, &cache), root.path(), &files).is_empty());
    let findings = check(&checker(&public, &cache), root.path(), &files);
    assert_eq!(
        rule_ids(&findings),
        [
            "registry.hallucinated-package",
            "registry.hallucinated-package"
        ]
    );
    assert_eq!(public.paths().len(), 2, "{:?}", public.paths());
    // Each registry's answers stay cached for it.
    mirror.clear_requests();
    assert!(check(&checker(&mirror, &cache), root.path(), &files).is_empty());
    assert!(mirror.paths().is_empty(), "{:?}", mirror.paths());
}

#[test]
fn names_a_registry_would_refuse_are_never_sent() {
    let server = RegistryServer::start();
    // What a path-injected name would be answered as, if it were sent.
    server.npm("evil", Package::new("1.0.0"));
    server.pypi("evil", Package::new("1.0"));
    server.krate("evil", Package::new("1.0.0"));
    server.npm("@acme/widgets", Package::new("1.0.0"));
    let root = project(&[(
        "package.json",
        r#"{"dependencies": {"..": "1", "evil?x=1&y=2": "1", "evil#frag": "1",
            "@acme/..": "1", "@acme/widgets": "1", "evil%2f..": "1"}}"#,
    )]);
    let cache = tempfile::tempdir().unwrap();
    let checker = checker(&server, &cache);
    let findings = check(&checker, root.path(), &["package.json"]);
    let refused: Vec<&str> = findings
        .iter()
        .filter(|f| f.finding.message.contains("not a valid name"))
        .map(|f| f.finding.package.as_ref().unwrap().name.as_str())
        .collect();
    assert_eq!(
        refused,
        ["..", "evil?x=1&y=2", "evil#frag", "@acme/..", "evil%2f.."]
    );
    assert!(
        findings
            .iter()
            .all(|f| &*f.finding.rule_id == "registry.unverified"),
        "{findings:#?}"
    );
    // The same through the API the lockfile and new-dependency checks use, per ecosystem.
    let queries = [
        query(Ecosystem::PyPI, "../evil"),
        query(Ecosystem::PyPI, "evil?x=1"),
        query(Ecosystem::PyPI, "evil#frag"),
        query(Ecosystem::Crates, "evil/../x"),
        query(Ecosystem::Crates, "evil?x=1"),
        query(Ecosystem::Crates, "9evil"),
    ];
    let verdicts = checker.check_packages(&queries, true);
    let ids: Vec<&str> = verdicts
        .findings
        .iter()
        .map(|(_, f)| f.rule_id.as_ref())
        .collect();
    assert_eq!(ids, ["registry.unverified"; 6], "{:#?}", verdicts.findings);
    // Only the valid scoped name went out, as one encoded path segment.
    assert_eq!(server.paths(), ["/npm/@acme%2Fwidgets"]);
}

#[test]
fn a_hung_registry_costs_one_timeout_not_one_per_batch() {
    // 100 unknown npm names against a registry that never answers: 8 in flight at a time, a
    // 2 s timeout. Batch after batch this was 13 × 2 s; the circuit breaker stops asking
    // after the first failures.
    let silent = SilentServer::start();
    let cache = tempfile::tempdir().unwrap();
    let settings = Settings {
        npm_url: silent.base(),
        cache_dir: Some(cache.path().to_path_buf()),
        timeout: Duration::from_secs(2),
        connect_timeout: Duration::from_secs(1),
        concurrency: 8,
        ..Settings::default()
    };
    let manifest = (0..100)
        .map(|i| format!("\"hung-dep-{i}\": \"1\""))
        .collect::<Vec<_>>()
        .join(", ");
    let root = project(&[(
        "package.json",
        &format!("{{\"dependencies\": {{{manifest}}}}}"),
    )]);
    let started = Instant::now();
    let findings = check(
        &PackageChecker::new(settings),
        root.path(),
        &["package.json"],
    );
    let elapsed = started.elapsed();
    assert_eq!(findings.len(), 100);
    assert!(
        findings
            .iter()
            .all(|f| &*f.finding.rule_id == "registry.unverified"),
        "{findings:#?}"
    );
    assert!(elapsed < Duration::from_secs(6), "took {elapsed:?}");
    assert!(
        silent.connections() <= 16,
        "{} connections",
        silent.connections()
    );
}

#[test]
fn a_registry_that_hangs_on_some_names_is_cut_off_by_the_run_deadline() {
    let server = RegistryServer::start();
    server.knob("hangs-", Knob::Delay(Duration::from_secs(30)));
    for name in ["quick-one", "quick-two"] {
        server.pypi(name, Package::new("1.0"));
    }
    let root = project(&[(
        "a.py",
        "import quick_one\nimport quick_two\nimport hangs_one\nimport hangs_two\n",
    )]);
    let cache = tempfile::tempdir().unwrap();
    let settings = Settings {
        timeout: Duration::from_secs(20),
        deadline: Duration::from_secs(1),
        ..settings(&server, cache.path())
    };
    let started = Instant::now();
    let findings = check(&PackageChecker::new(settings), root.path(), &["a.py"]);
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");
    let got: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| {
            let name = f.finding.package.as_ref().unwrap().name.as_str();
            (f.finding.rule_id.as_ref(), name)
        })
        .collect();
    assert_eq!(
        got,
        [
            ("registry.unverified", "hangs_one"),
            ("registry.unverified", "hangs_two")
        ]
    );
    assert!(
        findings
            .iter()
            .all(|f| f.finding.message.contains("deadline")),
        "{findings:#?}"
    );
}

#[test]
fn a_crate_name_with_dash_or_underscore_costs_one_timeout() {
    // Cargo treats `-` and `_` alike and the index files a crate under its published spelling,
    // so two are tried, but only a "not found" moves on to the second.
    let silent = SilentServer::start();
    let cache = tempfile::tempdir().unwrap();
    let settings = Settings {
        crates_index_url: silent.base(),
        cache_dir: Some(cache.path().to_path_buf()),
        timeout: Duration::from_millis(1500),
        connect_timeout: Duration::from_secs(1),
        ..Settings::default()
    };
    let root = project(&[("Cargo.toml", "[dependencies]\nacme_hung-crate = \"1\"\n")]);
    let started = Instant::now();
    let findings = check(&PackageChecker::new(settings), root.path(), &["Cargo.toml"]);
    let elapsed = started.elapsed();
    assert_eq!(rule_ids(&findings), ["registry.unverified"]);
    assert!(elapsed < Duration::from_millis(2800), "took {elapsed:?}");
    assert_eq!(silent.connections(), 1);
}
