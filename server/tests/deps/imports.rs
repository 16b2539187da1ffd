//! Imports of packages no manifest declares, in each language.

use crate::support::{Package, RegistryServer};
use crate::{Repo, Run, message, row, rows};

#[test]
fn undeclared_imports_in_each_language() {
    let server = RegistryServer::start();
    server.npm("acme-date", Package::new("1.0.0"));
    server.krate("acme-json", Package::new("1.0.0"));
    server.pypi("acme-http", Package::new("1.0"));
    let repo = Repo::new();
    repo.write(
        "web/package.json",
        "{\"dependencies\": {\"acme-ui\": \"1\"}}\n",
    )
    .write(
        "web/app.js",
        "import ui from 'acme-ui';\nimport d from 'acme-date';\nimport fs from 'node:fs';\n",
    )
    .write("core/Cargo.toml", "[package]\nname = \"core\"\n")
    .write("core/src/lib.rs", "use acme_json::Value;\nuse std::fmt;\n")
    .write(
        "svc/pyproject.toml",
        "[project]\nname = \"svc\"\ndependencies = []\n",
    )
    .write("svc/main.py", "import os\nimport acme_http\n")
    .write("loose/script.py", "import acme_http\n");
    repo.commit("base");
    let report = Run::new(repo.path())
        .code(&[
            "web/app.js",
            "core/src/lib.rs",
            "svc/main.py",
            "loose/script.py",
        ])
        .report(&server);
    assert_eq!(
        rows(repo.path(), &report),
        [
            row(
                "deps.undeclared-import",
                "core/src/lib.rs",
                1,
                "acme_json",
                "info"
            ),
            row(
                "deps.undeclared-import",
                "svc/main.py",
                2,
                "acme_http",
                "info"
            ),
            row(
                "deps.undeclared-import",
                "web/app.js",
                2,
                "acme-date",
                "info"
            ),
        ]
    );
    assert!(
        message(&report, "deps.undeclared-import", "acme-date")
            .contains("not declared in package.json")
    );
    assert!(
        message(&report, "deps.undeclared-import", "acme_json")
            .contains("not declared in Cargo.toml")
    );
}
