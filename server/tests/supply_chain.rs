//! Supply-chain outputs end to end: `slopguard sbom` documents (validated against the vendored
//! CycloneDX 1.6 and SPDX 2.3 schemas), licences and supply-chain signals, through the binary
//! against a registry on 127.0.0.1.

mod support;

use serde_json::{Value, json};
use std::path::Path;
use support::check::{days_ago, project};
use support::cli::{check_json, findings};
use support::{Package, RegistryServer, git};

const RAND: &str = "1c1c65e8f2de96f1f1dd8a3b574871477a13cc8fbd46b591e988206170735238";
const RAND_CORE: &str = "4ff4e7d2f130e70fcc252761ea2a4ae4d15ff6d57ce2f45f95b0ca3f519397d6";
const SERDE: &str = "8b917c4b6163bc82ef4aff025c6f5f4d54205232c4595f39b7b43008256a6cb7";
const REQUESTS: &str = "ec72420df5dfbdce4111f715c96338df3b7cb75f58e478d2449c9720e560de8c";
const CODE_FRAME: &str = "sha512-TYiAM+uWjdQmMiyF8JIeZmJm5ZMNKP+Hnko+QvS6K4F+UZsFmjkEFu0sQrwwsXqS3tYZqioo6kca9wuALrJnuw==";
const LODASH: &str = "sha512-WWBGtyfDRrPIzxFy0HaPccRrj678i95zax2MixXJQT5RTkjHJJWsd/YhWwqy4EaG9POVDAK/RjxiWi0jaoAHnA==";

/// A workspace with a Cargo, an npm and a Python project (each with its lockfile), and a
/// requirements file no lockfile covers.
fn workspace() -> tempfile::TempDir {
    let cargo_lock = format!(
        r#"version = 4

[[package]]
name = "app"
version = "0.1.0"
dependencies = [
 "rand",
 "serde",
]

[[package]]
name = "rand"
version = "0.8.5"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "{RAND}"
dependencies = [
 "rand_core",
]

[[package]]
name = "rand_core"
version = "0.6.4"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "{RAND_CORE}"

[[package]]
name = "serde"
version = "1.0.200"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "{SERDE}"
"#
    );
    let package_lock = json!({
        "name": "web",
        "lockfileVersion": 3,
        "packages": {
            "": {"name": "web", "dependencies": {"@babel/code-frame": "^7.0.0", "lodash": "^4.17.0"}},
            "node_modules/@babel/code-frame": {
                "version": "7.24.2",
                "resolved": "https://registry.npmjs.org/@babel/code-frame/-/code-frame-7.24.2.tgz",
                "integrity": CODE_FRAME,
                "dependencies": {"js-tokens": "^4.0.0"}
            },
            "node_modules/js-tokens": {"version": "4.0.0"},
            "node_modules/lodash": {"version": "4.17.21", "integrity": LODASH}
        }
    })
    .to_string();
    let uv_lock = format!(
        r#"version = 1
requires-python = ">=3.11"

[[package]]
name = "svc"
version = "0.1.0"
source = {{ editable = "." }}
dependencies = [
    {{ name = "requests" }},
    {{ name = "typing-extensions" }},
]

[[package]]
name = "idna"
version = "3.7"
source = {{ registry = "https://pypi.org/simple" }}

[[package]]
name = "requests"
version = "2.32.3"
source = {{ registry = "https://pypi.org/simple" }}
dependencies = [
    {{ name = "idna" }},
]
sdist = {{ url = "https://files.example.invalid/requests-2.32.3.tar.gz", hash = "sha256:{REQUESTS}", size = 1 }}

[[package]]
name = "typing-extensions"
version = "4.12.2"
source = {{ registry = "https://pypi.org/simple" }}
"#
    );
    project(&[
        (
            "rust/Cargo.toml",
            "[package]\nname = \"app\"\nversion = \"0.1.0\"\n\n[dependencies]\nrand = \"0.8\"\nserde = \"1\"\n",
        ),
        ("rust/Cargo.lock", &cargo_lock),
        (
            "web/package.json",
            r#"{"name": "web", "dependencies": {"@babel/code-frame": "^7.0.0", "lodash": "^4.17.0"}}"#,
        ),
        ("web/package-lock.json", &package_lock),
        (
            "py/pyproject.toml",
            "[project]\nname = \"svc\"\nversion = \"0.1.0\"\ndependencies = [\"requests>=2\", \"Typing_Extensions\"]\n",
        ),
        ("py/uv.lock", &uv_lock),
        ("scripts/requirements.txt", "Flask==3.0.0\nclick>=8\n"),
    ])
}

/// `slopguard sbom --format <format> <dir>` offline with a fixed time and an empty cache.
fn sbom(dir: &Path, format: &str) -> Value {
    let cache = tempfile::tempdir().unwrap();
    sbom_with_cache(dir, cache.path(), &[], format)
}

/// `slopguard sbom --format <format> <dir>` offline with a fixed time, the cache `cache` and
/// the registry URLs in `env` (the cache is kept per registry).
fn sbom_with_cache(dir: &Path, cache: &Path, env: &[(&str, String)], format: &str) -> Value {
    let output = assert_cmd::Command::cargo_bin("slopguard")
        .unwrap()
        .args(["sbom", "--format", format])
        .arg(dir)
        .env("SOURCE_DATE_EPOCH", "1764684000")
        .env("SLOPGUARD_OFFLINE", "1")
        .env("SLOPGUARD_CACHE_DIR", cache)
        .envs(env.iter().cloned())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

fn schema(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sbom")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The schema errors of `document` against the vendored schema `name` (the CycloneDX one
/// with the two schemas it refers to registered under their `$id`s; no network).
fn schema_errors(name: &str, document: &Value) -> Vec<String> {
    let registry = jsonschema::Registry::new()
        .add(
            "http://cyclonedx.org/schema/spdx.schema.json",
            schema("spdx.schema.json"),
        )
        .unwrap()
        .add(
            "http://cyclonedx.org/schema/jsf-0.82.schema.json",
            schema("jsf-0.82.schema.json"),
        )
        .unwrap()
        .prepare()
        .unwrap();
    let validator = jsonschema::options()
        .with_registry(&registry)
        .should_validate_formats(true)
        .build(&schema(name))
        .unwrap();
    validator
        .iter_errors(document)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

#[test]
fn cyclonedx_document_validates_and_lists_every_package() {
    let dir = workspace();
    let bom = sbom(dir.path(), "cyclonedx");
    let errors = schema_errors("bom-1.6.schema.json", &bom);
    assert!(errors.is_empty(), "CycloneDX is invalid: {errors:#?}");
    // The validator does reject what the schema forbids.
    let mut broken = bom.clone();
    broken["components"][0]["hashes"] = json!([{"alg": "SHA-256", "content": "xyz"}]);
    broken["serialNumber"] = json!("not-a-urn");
    assert_eq!(schema_errors("bom-1.6.schema.json", &broken).len(), 2);

    assert_eq!(bom["specVersion"], "1.6");
    assert_eq!(bom["metadata"]["timestamp"], "2025-12-02T14:00:00Z");
    let purls: Vec<&str> = bom["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["purl"].as_str().unwrap())
        .collect();
    assert_eq!(
        purls,
        [
            "pkg:pypi/click",
            "pkg:pypi/flask@3.0.0",
            "pkg:pypi/idna@3.7",
            "pkg:pypi/requests@2.32.3",
            "pkg:pypi/typing-extensions@4.12.2",
            "pkg:npm/%40babel/code-frame@7.24.2",
            "pkg:npm/js-tokens@4.0.0",
            "pkg:npm/lodash@4.17.21",
            "pkg:cargo/rand@0.8.5",
            "pkg:cargo/rand_core@0.6.4",
            "pkg:cargo/serde@1.0.200",
        ]
    );
    let component = |purl: &str| {
        bom["components"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["purl"] == purl)
            .unwrap()
            .clone()
    };
    assert_eq!(
        component("pkg:cargo/rand@0.8.5")["hashes"],
        json!([{"alg": "SHA-256", "content": RAND}])
    );
    assert_eq!(
        component("pkg:pypi/requests@2.32.3")["hashes"][0]["content"],
        REQUESTS
    );
    let code_frame = component("pkg:npm/%40babel/code-frame@7.24.2");
    assert_eq!(code_frame["group"], "@babel");
    assert_eq!(code_frame["name"], "code-frame");
    assert_eq!(code_frame["hashes"][0]["alg"], "SHA-512");
    assert!(
        code_frame["hashes"][0]["content"]
            .as_str()
            .unwrap()
            .starts_with("4d888033eb968dd4")
    );

    let depends_on = |reference: &str| -> Vec<String> {
        bom["dependencies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["ref"] == reference)
            .unwrap_or_else(|| panic!("no dependencies entry for {reference}"))["dependsOn"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        depends_on("project"),
        [
            "pkg:cargo/rand@0.8.5",
            "pkg:cargo/serde@1.0.200",
            "pkg:npm/%40babel/code-frame@7.24.2",
            "pkg:npm/lodash@4.17.21",
            "pkg:pypi/click",
            "pkg:pypi/flask@3.0.0",
            "pkg:pypi/requests@2.32.3",
            "pkg:pypi/typing-extensions@4.12.2",
        ]
    );
    assert_eq!(
        depends_on("pkg:cargo/rand@0.8.5"),
        ["pkg:cargo/rand_core@0.6.4"]
    );
    assert_eq!(
        depends_on("pkg:npm/%40babel/code-frame@7.24.2"),
        ["pkg:npm/js-tokens@4.0.0"]
    );
    assert_eq!(
        depends_on("pkg:pypi/requests@2.32.3"),
        ["pkg:pypi/idna@3.7"]
    );
    assert!(depends_on("pkg:cargo/serde@1.0.200").is_empty());

    // Reproducible: the same project at the same SOURCE_DATE_EPOCH, byte for byte.
    assert_eq!(bom, sbom(dir.path(), "cyclonedx"));
}

#[test]
fn spdx_document_validates_with_relationships_and_purls() {
    let dir = workspace();
    let doc = sbom(dir.path(), "spdx");
    let errors = schema_errors("spdx-2.3.schema.json", &doc);
    assert!(errors.is_empty(), "SPDX is invalid: {errors:#?}");
    let mut broken = doc.clone();
    broken["packages"][1]["checksums"] = json!([{"algorithm": "SHA-999", "checksumValue": "0"}]);
    assert_eq!(schema_errors("spdx-2.3.schema.json", &broken).len(), 1);

    assert_eq!(doc["spdxVersion"], "SPDX-2.3");
    assert_eq!(doc["creationInfo"]["created"], "2025-12-02T14:00:00Z");
    let packages = doc["packages"].as_array().unwrap();
    assert_eq!(packages.len(), 12, "the project and 11 packages");
    // Every SPDX identifier is of the allowed characters, and unique.
    let id_shape = regex::Regex::new("^SPDXRef-[A-Za-z0-9.-]+$").unwrap();
    let ids: std::collections::BTreeSet<&str> = packages
        .iter()
        .map(|p| p["SPDXID"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), packages.len());
    assert!(ids.iter().all(|id| id_shape.is_match(id)), "{ids:?}");
    let id_of = |purl: &str| {
        packages
            .iter()
            .find(|p| p["externalRefs"][0]["referenceLocator"] == purl)
            .unwrap_or_else(|| panic!("no package {purl}"))["SPDXID"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let relationships = doc["relationships"].as_array().unwrap();
    let has = |from: &str, kind: &str, to: &str| {
        relationships.iter().any(|r| {
            r["spdxElementId"] == from
                && r["relationshipType"] == kind
                && r["relatedSpdxElement"] == to
        })
    };
    assert!(has("SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-Project"));
    assert!(has(
        "SPDXRef-Project",
        "DEPENDS_ON",
        &id_of("pkg:npm/lodash@4.17.21")
    ));
    assert!(has(
        &id_of("pkg:cargo/rand@0.8.5"),
        "DEPENDS_ON",
        &id_of("pkg:cargo/rand_core@0.6.4")
    ));
    assert!(!has(
        "SPDXRef-Project",
        "DEPENDS_ON",
        &id_of("pkg:cargo/rand_core@0.6.4")
    ));
    let serde = packages.iter().find(|p| p["name"] == "serde").unwrap();
    assert_eq!(
        serde["checksums"],
        json!([{"algorithm": "SHA256", "checksumValue": SERDE}])
    );
    // Offline with an empty cache: no licence is known, and none is invented.
    assert!(
        packages
            .iter()
            .all(|p| p["licenseDeclared"] == "NOASSERTION")
    );
    assert_eq!(doc, sbom(dir.path(), "spdx"));
}

/// A git repository whose first commit is `before` and whose working tree then gets `after`.
fn changed_repo(before: &[(&str, &str)], after: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = project(before);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    for (path, text) in after {
        std::fs::write(dir.path().join(path), text).unwrap();
    }
    dir
}

fn npm_lock(packages: &[(&str, &str)]) -> String {
    let mut map = serde_json::Map::new();
    let names: serde_json::Map<String, Value> = packages
        .iter()
        .map(|(n, _)| (n.to_string(), json!("*")))
        .collect();
    map.insert("".into(), json!({"name": "web", "dependencies": names}));
    for (name, version) in packages {
        map.insert(
            format!("node_modules/{name}"),
            json!({"version": version, "resolved": format!("https://registry.npmjs.org/{name}/-/{name}-{version}.tgz")}),
        );
    }
    serde_json::to_string_pretty(&json!({"name": "web", "lockfileVersion": 3, "packages": map}))
        .unwrap()
}

fn messages(document: &Value, rule: &str) -> Vec<String> {
    findings(document, rule)
        .iter()
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn lockfile_bumps_and_newcomers_carry_supply_chain_signals() {
    let server = RegistryServer::start();
    // A widget dormant for 900 days, then a release two days ago, by someone else, with an
    // install script the old version did not have.
    server.npm(
        "acme-widget",
        Package {
            versions: vec![("1.0.0".into(), false), ("1.0.1".into(), false)],
            release_times: vec![days_ago(900), days_ago(2)],
            publishers: vec!["alice".into(), "mallory".into()],
            scripted: vec!["1.0.1".into()],
            ..Package::new("x")
        },
    );
    server.pypi("acme-web", Package::new("1.0"));
    server.pypi(
        "acme-native",
        Package {
            wheel: false,
            ..Package::new("0.1")
        },
    );
    let uv_lock = |extra: &str| {
        format!(
            "version = 1\n\n[[package]]\nname = \"svc\"\nversion = \"0.1.0\"\nsource = {{ editable = \".\" }}\n\n[[package]]\nname = \"acme-web\"\nversion = \"1.0\"\nsource = {{ registry = \"https://pypi.org/simple\" }}\n{extra}"
        )
    };
    let pyproject =
        "[project]\nname = \"svc\"\nversion = \"0.1.0\"\ndependencies = [\"acme-web\"]\n";
    let dir = changed_repo(
        &[
            (
                "package.json",
                r#"{"name": "web", "dependencies": {"acme-widget": "^1.0.0"}}"#,
            ),
            ("package-lock.json", &npm_lock(&[("acme-widget", "1.0.0")])),
            ("pyproject.toml", pyproject),
            ("uv.lock", &uv_lock("")),
        ],
        &[
            ("package-lock.json", &npm_lock(&[("acme-widget", "1.0.1")])),
            (
                "uv.lock",
                &uv_lock(
                    "\n[[package]]\nname = \"acme-native\"\nversion = \"0.1\"\nsource = { registry = \"https://pypi.org/simple\" }\n",
                ),
            ),
        ],
    );
    let cache = tempfile::tempdir().unwrap();
    let (_, document, stderr) = check_json(dir.path(), &server, cache.path(), &[]);
    let signals = messages(&document, "deps.supply-chain-signal");
    assert_eq!(signals.len(), 2, "{signals:#?}\n{stderr}");
    let widget = signals.iter().find(|m| m.contains("acme-widget")).unwrap();
    assert!(
        widget.starts_with("`acme-widget` moves from 1.0.0 to 1.0.1: "),
        "{widget}"
    );
    for part in [
        "an install script appears in 1.0.1 (1.0.0 had none)",
        "1.0.1 was published by `mallory`, 1.0.0 by `alice`",
        "1.0.1 came out after 898 days without a release (the previous, 1.0.0, on ",
        "1.0.1 was published 2 days ago, within the 7-day cool-down",
    ] {
        assert!(widget.contains(part), "missing `{part}` in {widget}");
    }
    let native = signals.iter().find(|m| m.contains("acme-native")).unwrap();
    assert_eq!(
        native,
        "`acme-native` 0.1 arrives: 0.1 has no wheel: installing it builds the source distribution and runs its build backend"
    );
    let finding = findings(&document, "deps.supply-chain-signal")
        .into_iter()
        .find(|f| f["message"].as_str().unwrap().contains("acme-widget"))
        .unwrap();
    assert_eq!(finding["path"], "package-lock.json");
    assert_eq!(finding["category"], "new-dependency");

    // The thresholds are settings: with both off, only the script and the publisher remain.
    std::fs::write(
        dir.path().join("slopguard.toml"),
        "[dependencies]\ncool-down-days = 0\ndormant-days = 0\n",
    )
    .unwrap();
    let (_, document, _) = check_json(dir.path(), &server, cache.path(), &[]);
    let widget = messages(&document, "deps.supply-chain-signal")
        .into_iter()
        .find(|m| m.contains("acme-widget"))
        .unwrap();
    assert!(
        !widget.contains("cool-down") && !widget.contains("without a release"),
        "{widget}"
    );
    assert!(widget.contains("install script appears"), "{widget}");
}

#[test]
fn licence_policy_judges_new_dependencies_and_says_when_it_could_not() {
    let server = RegistryServer::start();
    let licensed = |licence: Option<&str>| Package {
        licence: licence.map(str::to_string),
        ..Package::new("1.0.0")
    };
    server.npm("acme-gpl", licensed(Some("GPL-3.0-only")));
    server.npm("acme-dual", licensed(Some("MIT OR GPL-3.0-only")));
    server.npm("acme-mystery", licensed(None));
    server.npm("acme-vague", licensed(Some("SEE LICENSE IN LICENSE.md")));
    let dir = changed_repo(
        &[
            ("package.json", r#"{"name": "web", "dependencies": {}}"#),
            ("slopguard.toml", "[licenses]\ndeny = [\"GPL-3.0-only\"]\n"),
        ],
        &[(
            "package.json",
            r#"{"name": "web", "dependencies": {"acme-gpl": "1.0.0", "acme-dual": "1.0.0", "acme-mystery": "1.0.0", "acme-vague": "1.0.0"}}"#,
        )],
    );
    let cache = tempfile::tempdir().unwrap();
    let (_, document, stderr) = check_json(dir.path(), &server, cache.path(), &[]);
    let denied = findings(&document, "deps.license-denied");
    assert_eq!(denied.len(), 1, "{document:#}\n{stderr}");
    assert_eq!(denied[0]["category"], "license");
    assert_eq!(denied[0]["severity"], "warning");
    assert_eq!(
        denied[0]["message"],
        "new dependency `acme-gpl`: licence `GPL-3.0-only`: GPL-3.0-only denied by [licenses] deny"
    );
    let mut unknown = messages(&document, "deps.license-unknown");
    unknown.sort();
    assert_eq!(
        unknown,
        [
            "new dependency `acme-mystery`: licence unknown: the npm registry declares none",
            "new dependency `acme-vague`: licence unknown: the registry says `SEE LICENSE IN LICENSE.md`, which is no SPDX expression",
        ]
    );

    // Offline with an empty cache nothing is known, and the findings say why.
    let empty = tempfile::tempdir().unwrap();
    let (_, document, _) = check_json(dir.path(), &server, empty.path(), &["--offline"]);
    assert!(findings(&document, "deps.license-denied").is_empty());
    let unknown = messages(&document, "deps.license-unknown");
    assert_eq!(unknown.len(), 4, "{unknown:#?}");
    assert!(
        unknown.iter().all(|m| m
            .ends_with("licence unknown: registry lookups were off and the cache has no answer")),
        "{unknown:#?}"
    );

    // The SBOM takes licences from the cache the online run filled, offline.
    let bom = sbom_with_cache(dir.path(), cache.path(), &server.env(), "cyclonedx");
    let licence_of = |name: &str| {
        bom["components"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap()["licenses"]
            .clone()
    };
    assert_eq!(
        licence_of("acme-gpl"),
        json!([{"expression": "GPL-3.0-only"}])
    );
    assert_eq!(
        licence_of("acme-dual"),
        json!([{"expression": "MIT OR GPL-3.0-only"}])
    );
    assert_eq!(
        licence_of("acme-vague"),
        json!([{"license": {"name": "SEE LICENSE IN LICENSE.md"}}])
    );
    assert_eq!(licence_of("acme-mystery"), Value::Null);
    assert!(schema_errors("bom-1.6.schema.json", &bom).is_empty());
    let spdx = sbom_with_cache(dir.path(), cache.path(), &server.env(), "spdx");
    assert!(schema_errors("spdx-2.3.schema.json", &spdx).is_empty());
    let gpl = spdx["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "acme-gpl")
        .unwrap();
    assert_eq!(gpl["licenseDeclared"], "GPL-3.0-only");
}
