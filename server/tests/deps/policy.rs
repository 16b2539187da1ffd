//! `fail-on-new` and the allow list, on the npm project of [`crate::npm`].

use crate::npm::{npm_lockfile_rows, npm_repo, npm_server};
use crate::{Run, message, rows, summary_json};
use slopguard::deps::DependencyReport;

#[test]
fn fail_on_new_policies() {
    let server = npm_server();
    let repo = npm_repo();
    let severities = |report: &DependencyReport| -> Vec<(String, String)> {
        report
            .findings
            .iter()
            .filter(|f| f.finding.category.as_str() == "new-dependency")
            .map(|f| {
                (
                    f.finding.package.as_ref().unwrap().name.clone(),
                    f.finding.severity.as_str().to_string(),
                )
            })
            .collect()
    };
    let none = Run::new(repo.path())
        .config("fail-on-new = \"none\"")
        .report(&server);
    assert_eq!(
        severities(&none),
        [
            ("acme-color".into(), "info".into()),
            ("acme-charts".into(), "info".into())
        ]
    );
    assert!(!none.fails);

    // Risky: the lockfile note fails (a newcomer does not exist), the clean direct one does not.
    let risky = Run::new(repo.path())
        .config("fail-on-new = \"risky\"")
        .report(&server);
    assert_eq!(
        severities(&risky),
        [
            ("acme-color".into(), "error".into()),
            ("acme-charts".into(), "info".into())
        ]
    );
    assert!(risky.fails);
    assert!(
        message(&risky, "deps.transitive-added", "acme-color")
            .ends_with("(fails the check: fail-on-new = \"risky\")")
    );

    let any = Run::new(repo.path())
        .config("fail-on-new = \"any\"")
        .report(&server);
    assert_eq!(
        severities(&any),
        [
            ("acme-color".into(), "error".into()),
            ("acme-charts".into(), "error".into())
        ]
    );
    assert!(any.fails);

    // Approved packages do not fail "any"; nothing new and unapproved is left.
    let allowed = Run::new(repo.path())
        .config("fail-on-new = \"any\"\nallow = [\"npm:acme-charts\", \"acme-color\", \"acme-ghost-dep\", \"npm:acme-postinstall\"]")
        .report(&server);
    assert_eq!(severities(&allowed), []);
    assert!(!allowed.fails);
}

#[test]
fn allow_list_suppresses_notes_but_not_registry_errors() {
    let server = npm_server();
    let repo = npm_repo();
    let report = Run::new(repo.path())
        .config("allow = [\"npm:acme-charts\", \"acme-ghost-dep\", \"pypi:acme-color\"]")
        .report(&server);
    // acme-color is allowed on PyPI only, so it still counts here; acme-ghost-dep is approved,
    // but its hallucination error stays.
    assert_eq!(rows(repo.path(), &report), npm_lockfile_rows());
    assert!(
        message(&report, "deps.transitive-added", "acme-color")
            .starts_with("2 transitive packages arrive with this change: acme-color 3.1.0, acme-postinstall 1.0.0")
    );
    // The summary still counts every package: the allow list hides notes, not facts.
    assert_eq!(
        summary_json(&report)["transitive_added"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}
