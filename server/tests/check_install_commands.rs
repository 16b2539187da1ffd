//! `slopguard check` over the install commands assistants write: a README code block, a
//! Dockerfile `RUN` line and a workflow `run:` step, against a registry on 127.0.0.1.

mod support;

use support::cli::{check_json, findings};
use support::{Package, RegistryServer};

#[test]
fn hallucinated_names_in_install_commands_are_reported_where_written() {
    let server = RegistryServer::start();
    server.pypi("acme-client", Package::new("2.1.0"));
    server.npm("acme-widgets", Package::new("1.0.0"));
    server.krate("acme-cli", Package::new("0.3.0"));
    let repo = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let dir = repo.path();
    let workflows = dir.join(".github/workflows");
    std::fs::create_dir_all(&workflows).unwrap();
    std::fs::write(
        dir.join("README.md"),
        "# Demo\n\n```bash\npip install acme-client==2.1.0\nnpm i acme-phantom-js\npip install reqeusts\n```\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("Dockerfile"),
        "FROM python:3.12\nRUN pip install acme-client && \\\n    pip install acme-phantom-py\n",
    )
    .unwrap();
    std::fs::write(
        workflows.join("ci.yml"),
        "jobs:\n  build:\n    steps:\n      - run: |\n          npm i acme-widgets\n          cargo install acme-cli acme-phantom-rs\n",
    )
    .unwrap();

    let (code, document, stderr) = check_json(dir, &server, cache.path(), &[]);
    assert_eq!(code, 1, "{document:#}\n{stderr}");
    let mut reported: Vec<(&str, u64, &str)> = findings(&document, "registry.hallucinated-package")
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap(),
                f["range"]["start"]["line"].as_u64().unwrap(),
                f["package"]["name"].as_str().unwrap(),
            )
        })
        .collect();
    reported.sort();
    assert_eq!(
        reported,
        [
            (".github/workflows/ci.yml", 6, "acme-phantom-rs"),
            ("Dockerfile", 3, "acme-phantom-py"),
            ("README.md", 5, "acme-phantom-js"),
            ("README.md", 6, "reqeusts"),
        ],
        "{document:#}"
    );
    // A typo of a popular name gets the did-you-mean manifest entries get.
    assert!(
        findings(&document, "registry.hallucinated-package")
            .iter()
            .any(|f| f["message"]
                .as_str()
                .unwrap()
                .contains("did you mean `requests`?")),
        "{document:#}"
    );
    // The real packages are looked up and not reported.
    let named: Vec<&str> = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["package"]["name"].as_str())
        .collect();
    for real in ["acme-client", "acme-widgets", "acme-cli"] {
        assert!(!named.contains(&real), "{real}: {document:#}");
    }
}
