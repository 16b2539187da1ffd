//! Risky packages and versions: new, with install scripts, deprecated or yanked; pinned versions
//! that do not exist; when npm packages are dated from the full document.

use crate::support::check::*;
use crate::support::{Package, RegistryServer};

#[test]
fn typosquats_and_risky_packages_are_reported() {
    let server = RegistryServer::start();
    server.pypi("reqeusts", Package::new("0.1"));
    // One edit from `requests` too, but a package with years of releases of its own: a
    // neighbour, not an imitation.
    server.pypi(
        "requestss",
        Package {
            versions: (0..12).map(|i| (format!("1.{i}.0"), false)).collect(),
            ..Package::new("x")
        },
    );
    let fresh = days_ago(3);
    server.pypi(
        "acme-brand-new",
        Package {
            published: fresh.clone(),
            ..Package::new("0.0.1")
        },
    );
    server.npm(
        "acme-postinstall",
        Package {
            install_script: true,
            ..Package::new("1.0.0")
        },
    );
    server.npm(
        "acme-abandoned",
        Package {
            deprecated: true,
            ..Package::new("1.0.0")
        },
    );
    server.krate(
        "acme-yanked",
        Package {
            versions: vec![("0.1.0".into(), true)],
            ..Package::new("0.1.0")
        },
    );
    let root = project(&[
        (
            "a.py",
            "import reqeusts\nimport acme_brand_new\nimport requests\nimport requestss\n",
        ),
        (
            "b.js",
            "require('acme-postinstall');\nrequire('acme-abandoned');\n",
        ),
        ("Cargo.toml", "[dependencies]\nacme-yanked = \"0.1\"\n"),
    ]);
    let findings = check_fresh(&server, root.path(), &["a.py", "b.js", "Cargo.toml"]);
    let got = rules_and_packages(&findings);
    assert_eq!(
        got,
        [
            ("registry.typosquat", "reqeusts"),
            ("registry.risky-package", "acme_brand_new"),
            ("registry.risky-package", "acme-postinstall"),
            ("registry.risky-package", "acme-abandoned"),
            ("registry.risky-package", "acme-yanked"),
        ]
    );
    let messages: Vec<&str> = findings
        .iter()
        .map(|f| f.finding.message.as_ref())
        .collect();
    assert!(messages[0].contains("`requests`"), "{}", messages[0]);
    assert!(
        messages[1].contains("first published 3 days ago"),
        "{}",
        messages[1]
    );
    assert!(messages[2].contains("install script"), "{}", messages[2]);
    assert!(messages[3].contains("deprecated"), "{}", messages[3]);
    assert!(messages[4].contains("yanked"), "{}", messages[4]);
}

#[test]
fn pinned_versions_must_exist_and_not_be_yanked() {
    let server = RegistryServer::start();
    server.krate(
        "serde",
        Package {
            versions: vec![("1.0.200".into(), false), ("1.0.201".into(), true)],
            ..Package::new("x")
        },
    );
    server.pypi("requests", Package::new("2.31.0"));
    server.npm("left-pad", Package::new("1.3.0"));
    let root = project(&[
        ("Cargo.toml", "[dependencies]\nserde = \"=1.0.201\"\n"),
        ("requirements.txt", "requests==9.9.9\n"),
        ("package.json", r#"{"dependencies": {"left-pad": "1.3.0"}}"#),
    ]);
    let findings = check_fresh(
        &server,
        root.path(),
        &["Cargo.toml", "requirements.txt", "package.json"],
    );
    let got = rules_and_packages(&findings);
    assert_eq!(
        got,
        [
            ("registry.version-yanked", "serde"),
            ("registry.version-not-found", "requests")
        ]
    );
}

#[test]
fn npm_packages_are_dated_from_the_full_document_only_when_they_can_be_new() {
    // The abbreviated metadata has `modified` but no `time.created`: a package changed within
    // the risk window is fetched again in full to date it; an old one is not.
    let server = RegistryServer::start();
    server.npm(
        "acme-fresh-widget",
        Package {
            published: days_ago(2),
            ..Package::new("0.0.1")
        },
    );
    server.npm("acme-settled-widget", Package::new("3.1.0"));
    // A popular package changed yesterday is no new package: never fetched in full (its
    // document runs to megabytes). The pinned version makes the check ask about it.
    server.npm(
        "react",
        Package {
            published: days_ago(1),
            ..Package::new("18.2.0")
        },
    );
    let root = project(&[
        (
            "a.js",
            "require('acme-fresh-widget');\nrequire('acme-settled-widget');\n",
        ),
        ("package.json", r#"{"dependencies": {"react": "18.2.0"}}"#),
    ]);
    let findings = check_fresh(&server, root.path(), &["a.js", "package.json"]);
    assert_eq!(
        summary(&findings),
        [(
            "registry.risky-package".to_string(),
            "acme-fresh-widget".to_string(),
            "acme-fresh-widget".to_string()
        )]
    );
    assert!(
        findings[0]
            .finding
            .message
            .contains("first published 2 days ago"),
        "{}",
        findings[0].finding.message
    );
    let requests = server.requests();
    let asked = |name: &str| -> Vec<bool> {
        requests
            .iter()
            .filter(|r| r.path.ends_with(name))
            .map(|r| r.accept.contains("application/vnd.npm.install-v1+json"))
            .collect()
    };
    assert_eq!(asked("acme-fresh-widget"), [true, false]);
    assert_eq!(asked("acme-settled-widget"), [true]);
    assert_eq!(asked("/react"), [true]);
}
