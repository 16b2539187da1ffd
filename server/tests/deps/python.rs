//! Python: requirements files (and what they include), `pyproject.toml`, `uv.lock`, `poetry.lock`.

use crate::support::{Package, RegistryServer};
use crate::{Repo, Run, message, row, rows, summary_json};

#[test]
fn python_requirements_pyproject_and_uv_lock() {
    let server = RegistryServer::start();
    server.pypi("acme-client", Package::new("2.1.0"));
    server.repository(
        "pypi",
        "acme-client",
        "https://git.example.invalid/acme/client",
    );
    server.pypi("acme-yaml", Package::new("6.0.1"));
    server.pypi("acme-idna", Package::new("3.7"));
    server.pypi("reqeusts", Package::new("0.0.1"));
    server.pypi("acme-flask", Package::new("3.0.1"));
    let repo = Repo::new();
    repo.write("requirements.txt", "acme-flask==3.0.0\n")
        .write(
            "pyproject.toml",
            "[project]\nname = \"svc\"\nversion = \"0.1.0\"\ndependencies = [\"acme-flask>=3\"]\n",
        )
        .write(
            "uv.lock",
            "version = 1\nrequires-python = \">=3.11\"\n\n[[package]]\nname = \"acme-flask\"\nversion = \"3.0.0\"\nsource = { registry = \"https://pypi.org/simple\" }\n\n[[package]]\nname = \"svc\"\nversion = \"0.1.0\"\nsource = { editable = \".\" }\n",
        );
    repo.commit("base");
    repo.write("requirements.txt", "acme-flask==3.0.0\nACME_Client>=2\nreqeusts\n")
        .write(
            "pyproject.toml",
            "[project]\nname = \"svc\"\nversion = \"0.1.0\"\ndependencies = [\"acme-flask>=2\", \"acme-yaml\"]\n",
        )
        .write(
            "uv.lock",
            "version = 1\nrequires-python = \">=3.11\"\n\n[[package]]\nname = \"acme-flask\"\nversion = \"3.0.1\"\nsource = { registry = \"https://pypi.org/simple\" }\n\n[[package]]\nname = \"acme-idna\"\nversion = \"3.7\"\nsource = { registry = \"https://pypi.org/simple\" }\n\n[[package]]\nname = \"acme-yaml\"\nversion = \"6.0.1\"\nsource = { registry = \"https://pypi.org/simple\" }\n\n[[package]]\nname = \"svc\"\nversion = \"0.1.0\"\nsource = { editable = \".\" }\n",
        );
    let report = Run::new(repo.path()).report(&server);
    assert_eq!(
        rows(repo.path(), &report),
        [
            row(
                "deps.new-dependency",
                "pyproject.toml",
                4,
                "acme-yaml",
                "info"
            ),
            row(
                "deps.new-dependency",
                "requirements.txt",
                2,
                "ACME_Client",
                "info"
            ),
            row(
                "deps.new-dependency",
                "requirements.txt",
                3,
                "reqeusts",
                "info"
            ),
            row(
                "deps.transitive-added",
                "uv.lock",
                10,
                "\"acme-idna\"",
                "info"
            ),
        ]
    );
    assert_eq!(
        message(&report, "deps.new-dependency", "ACME_Client"),
        "new dependency `ACME_Client` from PyPI in `requirements`: latest 2.1.0, 1 versions, first published 2019-05-01, repository https://git.example.invalid/acme/client"
    );
    assert!(
        message(&report, "deps.new-dependency", "acme-yaml").ends_with("no repository link"),
        "{}",
        message(&report, "deps.new-dependency", "acme-yaml")
    );
    assert!(
        message(&report, "deps.new-dependency", "reqeusts")
            .ends_with("; also reported as a typosquat: that finding takes precedence"),
        "{}",
        message(&report, "deps.new-dependency", "reqeusts")
    );
    let summary = summary_json(&report);
    assert_eq!(summary["transitive_added"][0]["name"], "acme-idna");
    assert_eq!(summary["direct_added"].as_array().unwrap().len(), 3);
}

#[test]
fn poetry_lock_delta() {
    let server = RegistryServer::start();
    server.pypi("acme-attrs", Package::new("23.2.0"));
    let repo = Repo::new();
    let lock = |extra: &str| {
        format!(
            "[[package]]\nname = \"acme-web\"\nversion = \"1.0.0\"\ndescription = \"\"\n{extra}\n[metadata]\nlock-version = \"2.0\"\n"
        )
    };
    repo.write(
        "pyproject.toml",
        "[tool.poetry.dependencies]\npython = \"^3.11\"\nacme-web = \"^1\"\nacme-gone = \"^1\"\n",
    )
    .write(
        "poetry.lock",
        &lock("\n[[package]]\nname = \"acme-gone\"\nversion = \"1.0.0\"\n"),
    );
    repo.commit("base");
    repo.write(
        "pyproject.toml",
        "[tool.poetry.dependencies]\npython = \"^3.11\"\nacme-web = \"^1\"\n",
    )
    .write(
        "poetry.lock",
        &lock("\n[[package]]\nname = \"acme-attrs\"\nversion = \"23.2.0\"\n"),
    );
    let report = Run::new(repo.path()).report(&server);
    assert_eq!(
        rows(repo.path(), &report),
        [row(
            "deps.transitive-added",
            "poetry.lock",
            7,
            "\"acme-attrs\"",
            "info"
        )]
    );
    assert_eq!(
        summary_json(&report)["removed"],
        serde_json::json!([{"ecosystem": "pypi", "name": "acme-gone", "version": "^1", "path": "pyproject.toml"}])
    );
}

#[test]
fn requirements_files_included_under_other_names_are_diffed_and_declare() {
    let server = RegistryServer::start();
    server.pypi("acme-one", Package::new("1.0.0"));
    server.pypi("acme-two", Package::new("2.0.0"));
    let repo = Repo::new();
    repo.write("requirements.txt", "-r requirements/base.in\n")
        .write("requirements/base.in", "acme-one\n")
        .write("app.py", "import acme_one\n");
    repo.commit("base");
    // The new dependency is added to the included file, and the code that uses it is
    // declared through the include: a new-dependency note, no undeclared import.
    repo.write("requirements/base.in", "acme-one\nacme-two>=2\n")
        .write("app.py", "import acme_one\nimport acme_two\n");
    let report = Run::new(repo.path()).code(&["app.py"]).report(&server);
    assert_eq!(
        rows(repo.path(), &report),
        [row(
            "deps.new-dependency",
            "requirements/base.in",
            2,
            "acme-two",
            "info"
        )]
    );
    assert_eq!(
        summary_json(&report)["direct_added"],
        serde_json::json!([{"ecosystem": "pypi", "name": "acme-two", "version": ">=2", "path": "requirements/base.in"}])
    );
}

#[test]
fn a_project_below_the_repository_top_level_diffs_its_includes() {
    // The project directory is `py/` inside the repository: git lists paths from the top
    // level, the diff keys them from the project.
    let server = RegistryServer::start();
    server.pypi("acme-one", Package::new("1.0.0"));
    server.pypi("acme-two", Package::new("2.0.0"));
    let repo = Repo::new();
    repo.write("py/requirements.txt", "-r base.in\n")
        .write("py/base.in", "acme-one\n");
    repo.commit("base");
    repo.write("py/base.in", "acme-one\nacme-two\n");
    let project = repo.path().join("py");
    let report = Run::new(&project).report(&server);
    assert_eq!(
        rows(&project, &report),
        [row("deps.new-dependency", "base.in", 2, "acme-two", "info")]
    );
}
