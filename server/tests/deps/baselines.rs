//! What a change is compared with: HEAD, the index, a revision or its merge base, an empty
//! repository, no repository at all; and broken files on either side.

use crate::support::{Package, RegistryServer};
use crate::{Repo, Run, message, row, rows, summary_json, write_files};
use slopguard::deps::Baseline;

#[test]
fn a_new_manifest_has_only_new_dependencies() {
    let server = RegistryServer::start();
    server.npm("acme-left", Package::new("1.0.0"));
    server.npm(
        "@acme/right",
        Package {
            downloads: 1_234_567,
            ..Package::new("2.0.0")
        },
    );
    let repo = Repo::new();
    repo.write("README.md", "demo\n");
    repo.commit("base");
    repo.write(
        "tools/package.json",
        "{\"devDependencies\": {\"acme-left\": \"1.0.0\", \"@acme/right\": \"^2\"}}\n",
    );
    let report = Run::new(repo.path()).report(&server);
    assert_eq!(
        rows(repo.path(), &report),
        [
            row(
                "deps.new-dependency",
                "tools/package.json",
                1,
                "acme-left",
                "info"
            ),
            row(
                "deps.new-dependency",
                "tools/package.json",
                1,
                "@acme/right",
                "info"
            )
        ]
    );
    assert_eq!(
        summary_json(&report)["direct_added"],
        serde_json::json!([
            {"ecosystem": "npm", "name": "@acme/right", "version": "^2", "path": "tools/package.json"},
            {"ecosystem": "npm", "name": "acme-left", "version": "1.0.0", "path": "tools/package.json"},
        ])
    );
    // A scoped name is asked for as written, and its count reaches the note.
    assert!(
        message(&report, "deps.new-dependency", "@acme/right").ends_with(
            "first published 2019-05-01, 1,234,567 downloads last month, no repository link"
        ),
        "{}",
        message(&report, "deps.new-dependency", "@acme/right")
    );
    assert!(
        server
            .paths()
            .contains(&"/npm-downloads/downloads/point/last-month/@acme/right".to_string()),
        "{:?}",
        server.paths()
    );
}

#[test]
fn a_repository_without_commits_compares_with_nothing() {
    let server = RegistryServer::start();
    server.krate("acme-core", Package::new("0.3.0"));
    let repo = Repo::new();
    repo.write(
        "Cargo.toml",
        "[package]\nname = \"x\"\n[dependencies]\nacme-core = \"0.3\"\n",
    );
    let report = Run::new(repo.path()).report(&server);
    assert!(report.notes.is_empty(), "{:?}", report.notes);
    assert_eq!(report.summary.direct_added.len(), 1);
}

#[test]
fn no_git_repository_is_a_note_not_a_failure() {
    let server = RegistryServer::start();
    server.pypi("acme-client", Package::new("1.0"));
    server.pypi("acme-undeclared", Package::new("1.0"));
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("requirements.txt", "acme-client\n"),
            ("app.py", "import acme_client\nimport acme_undeclared\n"),
        ],
    );
    let report = Run::new(dir.path()).code(&["app.py"]).report(&server);
    assert_eq!(report.notes.len(), 1);
    assert!(
        report.notes[0].starts_with("new dependencies not computed: not inside a git repository"),
        "{:?}",
        report.notes
    );
    // The undeclared import needs no repository.
    assert_eq!(
        rows(dir.path(), &report),
        [row(
            "deps.undeclared-import",
            "app.py",
            2,
            "acme_undeclared",
            "info"
        )]
    );
    assert!(
        message(&report, "deps.undeclared-import", "acme_undeclared").starts_with(
            "`acme_undeclared` is imported but not declared in pyproject.toml or requirements*.txt"
        ),
        "{}",
        message(&report, "deps.undeclared-import", "acme_undeclared")
    );
    assert_eq!(report.summary, Default::default());
}

#[test]
fn staged_head_and_diff_against_a_revision() {
    let server = RegistryServer::start();
    for name in ["acme-a", "acme-b", "acme-c", "acme-d"] {
        server.npm(name, Package::new("1.0.0"));
    }
    let repo = Repo::new();
    let manifest = |names: &[&str]| {
        let deps: Vec<String> = names
            .iter()
            .map(|n| format!("\"{n}\": \"1.0.0\""))
            .collect();
        format!("{{\"dependencies\": {{{}}}}}\n", deps.join(", "))
    };
    repo.write("package.json", &manifest(&["acme-a"]));
    let base = repo.commit("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("package.json", &manifest(&["acme-a", "acme-b"]));
    repo.commit("add acme-b");
    // Staged: acme-c. Unstaged on top: acme-d.
    repo.write("package.json", &manifest(&["acme-a", "acme-b", "acme-c"]));
    repo.git(&["add", "package.json"]);
    repo.write(
        "package.json",
        &manifest(&["acme-a", "acme-b", "acme-c", "acme-d"]),
    );
    let names = |baseline: Baseline| -> Vec<String> {
        Run::new(repo.path())
            .baseline(baseline)
            .report(&server)
            .summary
            .direct_added
            .into_iter()
            .map(|e| e.name)
            .collect()
    };
    assert_eq!(names(Baseline::Index), ["acme-c"]);
    assert_eq!(names(Baseline::Head), ["acme-c", "acme-d"]);
    assert_eq!(
        names(Baseline::Rev(base.clone())),
        ["acme-b", "acme-c", "acme-d"]
    );
    // Against a branch, the base is the merge base.
    repo.git(&["branch", "other", &base]);
    assert_eq!(
        names(Baseline::Rev("other".into())),
        ["acme-b", "acme-c", "acme-d"]
    );
    let unknown = Run::new(repo.path())
        .baseline(Baseline::Rev("no-such-rev".into()))
        .report(&server);
    assert_eq!(
        unknown.notes,
        ["new dependencies not computed: unknown revision `no-such-rev`"]
    );
    // Staged findings point into the index's text.
    let staged = Run::new(repo.path())
        .baseline(Baseline::Index)
        .report(&server);
    assert_eq!(staged.findings.len(), 1);
    assert_eq!(staged.findings[0].finding.span.start.line, 0);
}

#[test]
fn broken_lockfiles_and_manifests_degrade_to_notes() {
    let server = RegistryServer::start();
    let repo = Repo::new();
    repo.write("package.json", "{\"dependencies\": {}}\n")
        .write(
            "package-lock.json",
            "{\"lockfileVersion\": 1, \"dependencies\": {}}\n",
        );
    repo.commit("base");
    repo.write(
        "package-lock.json",
        "{\"lockfileVersion\": 1, \"dependencies\": {\"x\": {}}}\n",
    )
    .write("Cargo.lock", "[[package]\nthis is not toml")
    .write("Cargo.toml", "[dependencies\nbroken = ");
    let report = Run::new(repo.path()).report(&server);
    assert_eq!(report.notes.len(), 2, "{:?}", report.notes);
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.starts_with("Cargo.lock: Cargo.lock does not parse"))
    );
    assert!(report.notes.iter().any(|n| n.contains("lockfileVersion 1")));
}
