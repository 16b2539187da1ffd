//! Names: each registry's URL layout, normalisation, renamed and short crates, import names
//! mapped to distributions, and the answers that mean "absent" (404, 410).

use crate::support::check::*;
use crate::support::{Knob, Package, RegistryServer};

#[test]
fn present_and_absent_packages_in_every_ecosystem() {
    let server = RegistryServer::start();
    server.pypi("acme-client", Package::new("1.0.0"));
    server.npm("acme-widgets", Package::new("2.0.0"));
    server.krate("acme-core", Package::new("0.3.0"));
    let root = project(&[
        (
            "app.py",
            "import acme_client\nimport flask_jwt_hallucinated\nfrom acme_client.sub import x\n",
        ),
        (
            "web.js",
            "const w = require('acme-widgets');\nimport z from 'react-super-hooks-ai';\n",
        ),
        (
            "Cargo.toml",
            "[package]\nname = \"demo\"\n[dependencies]\nacme-core = \"0.3\"\nfastjson-rs-ai = \"1\"\n",
        ),
    ]);
    let findings = check_fresh(&server, root.path(), &["app.py", "web.js", "Cargo.toml"]);
    assert_eq!(
        summary(&findings),
        [
            (
                "registry.hallucinated-package".into(),
                "flask_jwt_hallucinated".into(),
                "flask_jwt_hallucinated".into()
            ),
            (
                "registry.hallucinated-package".into(),
                "react-super-hooks-ai".into(),
                "react-super-hooks-ai".into()
            ),
            (
                "registry.hallucinated-package".into(),
                "fastjson-rs-ai".into(),
                "fastjson-rs-ai".into()
            ),
        ]
    );
    let messages: Vec<&str> = findings
        .iter()
        .map(|f| f.finding.message.as_ref())
        .collect();
    assert!(
        messages[0].contains("does not exist on PyPI"),
        "{}",
        messages[0]
    );
    assert!(messages[1].contains("the npm registry"), "{}", messages[1]);
    assert!(messages[2].contains("crates.io"), "{}", messages[2]);
    let package = findings[1].finding.package.as_ref().unwrap();
    assert_eq!(package.ecosystem, "npm");
    assert_eq!(
        findings[0].finding.category.as_str(),
        "hallucinated-package"
    );
    // Every request named slopguard; npm was asked for abbreviated metadata.
    let requests = server.requests();
    assert!(
        requests
            .iter()
            .all(|r| r.user_agent.starts_with("slopguard/"))
    );
    let npm = requests
        .iter()
        .find(|r| r.path.starts_with("/npm/"))
        .unwrap();
    assert!(
        npm.accept.contains("application/vnd.npm.install-v1+json"),
        "{}",
        npm.accept
    );
}

#[test]
fn a_hallucinated_name_close_to_a_popular_one_names_it() {
    let server = RegistryServer::start();
    let root = project(&[("a.py", "import reqeusts\n")]);
    let findings = check_fresh(&server, root.path(), &["a.py"]);
    assert_eq!(findings.len(), 1);
    assert!(
        findings[0]
            .finding
            .message
            .contains("did you mean `requests`?"),
        "{}",
        findings[0].finding.message
    );
}

#[test]
fn names_are_normalised_per_registry() {
    let server = RegistryServer::start();
    server.pypi("Zope.Fancy_Thing", Package::new("1.0"));
    server.npm("@acme/widgets", Package::new("1.0.0"));
    server.krate("acme-tools", Package::new("1.0.0"));
    server.krate("acme_macros", Package::new("1.0.0"));
    let root = project(&[
        ("requirements.txt", "Zope.Fancy_Thing>=1\n"),
        ("ui.ts", "import { W } from '@acme/widgets/button';\n"),
        (
            "src/main.rs",
            "use acme_tools::run;\nfn main() { acme_macros::m(); run(); }\n",
        ),
    ]);
    let findings = check_fresh(
        &server,
        root.path(),
        &["requirements.txt", "ui.ts", "src/main.rs"],
    );
    assert!(findings.is_empty(), "{findings:#?}");
    let paths = server.paths();
    assert!(
        paths.contains(&"/pypi/pypi/zope-fancy-thing/json".to_string()),
        "{paths:?}"
    );
    assert!(
        paths.contains(&"/npm/@acme%2Fwidgets".to_string()),
        "{paths:?}"
    );
    // `acme_tools` is published as `acme-tools`: the `_` spelling is tried first, then `-`.
    assert!(
        paths.contains(&"/crates/ac/me/acme_tools".to_string()),
        "{paths:?}"
    );
    assert!(
        paths.contains(&"/crates/ac/me/acme-tools".to_string()),
        "{paths:?}"
    );
}

#[test]
fn short_crate_names_use_the_short_index_layouts() {
    let server = RegistryServer::start();
    server
        .krate("q", Package::new("1.0.0"))
        .krate("qz", Package::new("1.0.0"))
        .krate("qzx", Package::new("1.0.0"));
    let root = project(&[(
        "Cargo.toml",
        "[dependencies]\nq = \"1\"\nqz = \"1\"\nqzx = \"1\"\nqzxy = \"1\"\n",
    )]);
    let findings = check_fresh(&server, root.path(), &["Cargo.toml"]);
    assert_eq!(rule_ids(&findings), ["registry.hallucinated-package"]);
    let mut paths = server.paths();
    paths.sort();
    assert_eq!(
        paths,
        [
            "/crates/1/q",
            "/crates/2/qz",
            "/crates/3/q/qzx",
            "/crates/qz/xy/qzxy"
        ]
    );
}

#[test]
fn renamed_cargo_dependencies_are_checked_under_their_real_name() {
    let server = RegistryServer::start();
    server.krate("acme-json", Package::new("1.0.0"));
    let root = project(&[
        (
            "Cargo.toml",
            "[package]\nname = \"demo\"\n[dependencies]\njson = { package = \"acme-json\", version = \"1\" }\n\
                        fake = { package = \"acme-jsonn-invented\", version = \"1\" }\n",
        ),
        (
            "src/lib.rs",
            "use json::Value;\npub fn f() -> fake::T { json::parse() }\n",
        ),
    ]);
    let findings = check_fresh(&server, root.path(), &["Cargo.toml", "src/lib.rs"]);
    assert_eq!(
        summary(&findings),
        [(
            "registry.hallucinated-package".into(),
            "acme-jsonn-invented".into(),
            "acme-jsonn-invented".into()
        )]
    );
}

#[test]
fn import_names_map_to_their_distributions() {
    let server = RegistryServer::start();
    let root = project(&[(
        "app.py",
        "import yaml\nimport cv2\nfrom sklearn import svm\nfrom PIL import Image\nfrom bs4 import BeautifulSoup\n\
         import jwt\nfrom Crypto.Cipher import AES\nimport attr\nfrom dateutil import parser\n\
         from google.cloud import storage\nimport google.cloud.bigquery\n",
    )]);
    let findings = check_fresh(&server, root.path(), &["app.py"]);
    assert!(findings.is_empty(), "{findings:#?}");
    // All of these are popular distributions: no request was needed.
    assert!(server.paths().is_empty(), "{:?}", server.paths());
}

#[test]
fn gone_is_absent_too() {
    // 410 Gone (npm answers it for unpublished packages) means the package does not exist.
    let server = RegistryServer::start();
    server.knob("acme-unpublished", Knob::Status(410));
    let root = project(&[("a.js", "require('acme-unpublished');\n")]);
    let findings = check_fresh(&server, root.path(), &["a.js"]);
    assert_eq!(
        rule_ids(&findings),
        ["registry.hallucinated-package"],
        "{findings:?}"
    );
}
