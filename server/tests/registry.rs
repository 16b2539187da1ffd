//! Registry checks end to end against a registry server the test starts on 127.0.0.1.

mod support;

use slopguard::registry::{FileFinding, PackageChecker, Settings, SourceFile};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use support::{Knob, Package, RegistryServer, SilentServer, settings};
use tempfile::TempDir;

fn project(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// Checks the given files of `root` (read from disk).
fn check(checker: &PackageChecker, root: &Path, files: &[&str]) -> Vec<FileFinding> {
    let texts: Vec<(PathBuf, String)> = files
        .iter()
        .map(|f| (root.join(f), std::fs::read_to_string(root.join(f)).unwrap()))
        .collect();
    let sources: Vec<SourceFile<'_>> = texts
        .iter()
        .map(|(path, text)| SourceFile { path, text })
        .collect();
    checker.check(root, &sources)
}

/// `(rule id, package, text under the span)` of each finding.
fn summary(findings: &[FileFinding]) -> Vec<(String, String, String)> {
    findings
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f.path).unwrap();
            let span = &text[f.finding.span.start_byte..f.finding.span.end_byte];
            (
                f.finding.rule_id.clone(),
                f.finding.package.as_ref().unwrap().name.clone(),
                span.to_string(),
            )
        })
        .collect()
}

fn rule_ids(findings: &[FileFinding]) -> Vec<String> {
    findings.iter().map(|f| f.finding.rule_id.clone()).collect()
}

fn checker(server: &RegistryServer, cache: &TempDir) -> PackageChecker {
    PackageChecker::new(settings(server, cache.path()))
}

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
    let cache = tempfile::tempdir().unwrap();
    let findings = check(
        &checker(&server, &cache),
        root.path(),
        &["app.py", "web.js", "Cargo.toml"],
    );
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
        .map(|f| f.finding.message.as_str())
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
    let cache = tempfile::tempdir().unwrap();
    let findings = check(&checker(&server, &cache), root.path(), &["a.py"]);
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
    let cache = tempfile::tempdir().unwrap();
    let findings = check(
        &checker(&server, &cache),
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
        paths.contains(&"/npm/@acme%2fwidgets".to_string()),
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
    let cache = tempfile::tempdir().unwrap();
    let findings = check(&checker(&server, &cache), root.path(), &["Cargo.toml"]);
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
    let cache = tempfile::tempdir().unwrap();
    let findings = check(
        &checker(&server, &cache),
        root.path(),
        &["Cargo.toml", "src/lib.rs"],
    );
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
    let cache = tempfile::tempdir().unwrap();
    let findings = check(&checker(&server, &cache), root.path(), &["app.py"]);
    assert!(findings.is_empty(), "{findings:#?}");
    // All of these are popular distributions: no request was needed.
    assert!(server.paths().is_empty(), "{:?}", server.paths());
}

#[test]
fn a_realistic_python_project_has_no_false_alarms() {
    let server = RegistryServer::start();
    server.pypi("acme-internal-sdk", Package::new("3.1.0"));
    let root = project(&[
        (
            "pyproject.toml",
            "[project]\nname = \"shop\"\ndependencies = [\"acme-internal-sdk>=3\"]\n",
        ),
        ("requirements-dev.txt", "-r requirements.txt\n"),
        ("requirements.txt", "acme-private-dep==1.0\n"),
        ("src/shop/__init__.py", ""),
        (
            "src/shop/models.py",
            "from __future__ import annotations\nimport dataclasses, json, tomllib\nfrom .db import Session\n",
        ),
        (
            "src/shop/db.py",
            "import sqlite3\nimport acme_internal_sdk\nimport acme_private_dep\nfrom shop import models\n",
        ),
        (
            "src/shop/api/__init__.py",
            "from shop.api.routes import router\nfrom ..models import Item\n",
        ),
        (
            "src/shop/api/routes.py",
            "import shop.models\nfrom shop.db import Session\nimport distutils.util\n",
        ),
        ("scripts/seed.py", "import helpers\nimport shop\n"),
        ("scripts/helpers.py", "import os\n"),
        (
            "tests/conftest.py",
            "import pytest\nfrom shop.db import Session\n",
        ),
        (
            "tests/test_api.py",
            "from tests.conftest import fixture\nimport invented_shop_plugin\n",
        ),
    ]);
    let files = [
        "src/shop/__init__.py",
        "src/shop/models.py",
        "src/shop/db.py",
        "src/shop/api/__init__.py",
        "src/shop/api/routes.py",
        "scripts/seed.py",
        "scripts/helpers.py",
        "tests/conftest.py",
        "tests/test_api.py",
    ];
    let cache = tempfile::tempdir().unwrap();
    let findings = check(&checker(&server, &cache), root.path(), &files);
    assert_eq!(
        summary(&findings),
        [(
            "registry.hallucinated-package".into(),
            "invented_shop_plugin".into(),
            "invented_shop_plugin".into()
        )]
    );
    assert_eq!(server.paths(), ["/pypi/pypi/invented-shop-plugin/json"]);
}

#[test]
fn a_typescript_project_with_path_aliases_and_workspaces_has_no_false_alarms() {
    let server = RegistryServer::start();
    let root = project(&[
        (
            "package.json",
            r#"{"name": "acme", "workspaces": ["packages/*"], "devDependencies": {"acme-private-lint": "1.0.0"}}"#,
        ),
        (
            "tsconfig.json",
            "{\n  // comments are allowed\n  \"compilerOptions\": {\"baseUrl\": \"src\", \"paths\": {\"@/*\": [\"src/*\"], \"~lib\": [\"src/lib/index.ts\"]},},\n}\n",
        ),
        (
            "packages/shared/package.json",
            r#"{"name": "@acme/shared", "dependencies": {"acme-only-here": "^2"}}"#,
        ),
        (
            "packages/shared/index.ts",
            "import { x } from 'acme-only-here';\nexport const y = x;\n",
        ),
        ("src/lib/index.ts", "export const z = 1;\n"),
        ("src/util/format.ts", "export const f = 1;\n"),
        (
            "src/app.tsx",
            "import fs from 'node:fs';\nimport path from 'path';\nimport { y } from '@acme/shared';\nimport B from '@/components/Button';\n\
             import { z } from '~lib';\nimport { f } from 'util/format';\nimport lint from 'acme-private-lint';\nimport './styles.css';\n\
             import type { T } from 'react';\nconst m = await import('https://esm.invalid/x.js');\nconst h = require('hallucinated-ts-helper');\n",
        ),
    ]);
    let cache = tempfile::tempdir().unwrap();
    let findings = check(
        &checker(&server, &cache),
        root.path(),
        &["src/app.tsx", "packages/shared/index.ts"],
    );
    assert_eq!(
        summary(&findings),
        [(
            "registry.hallucinated-package".into(),
            "hallucinated-ts-helper".into(),
            "hallucinated-ts-helper".into()
        )]
    );
}

#[test]
fn a_rust_workspace_has_no_false_alarms() {
    let server = RegistryServer::start();
    let root = project(&[
        (
            "Cargo.toml",
            "[workspace]\nmembers = [\"crates/*\"]\n[workspace.dependencies]\nacme-shared-dep = \"1\"\n",
        ),
        (
            "crates/core/Cargo.toml",
            "[package]\nname = \"acme-core\"\n[dependencies]\nacme-shared-dep.workspace = true\n",
        ),
        (
            "crates/core/src/lib.rs",
            "pub mod parse;\nmod util { pub fn f() {} }\nuse std::fmt;\npub fn g() { util::f(); parse::go(); acme_shared_dep::x(); }\n",
        ),
        (
            "crates/core/src/parse.rs",
            "use crate::util;\nuse super::*;\npub fn go() { helpers::x(); }\n",
        ),
        (
            "crates/cli/Cargo.toml",
            "[package]\nname = \"acme-cli\"\n[dependencies]\nacme-core = { path = \"../core\" }\n",
        ),
        (
            "crates/cli/src/main.rs",
            "use acme_core::g;\nmod commands;\nfn main() { commands::run(); acme_core::g(); invented_cli_magic::go(); }\n",
        ),
        (
            "crates/cli/src/commands.rs",
            "pub fn run() { core::mem::drop(1); alloc_free(); }\nfn alloc_free() {}\n",
        ),
    ]);
    let cache = tempfile::tempdir().unwrap();
    let files = [
        "crates/core/src/lib.rs",
        "crates/core/src/parse.rs",
        "crates/cli/src/main.rs",
        "crates/cli/src/commands.rs",
    ];
    let findings = check(&checker(&server, &cache), root.path(), &files);
    assert_eq!(
        summary(&findings),
        [(
            "registry.hallucinated-package".into(),
            "invented_cli_magic".into(),
            "invented_cli_magic".into()
        )]
    );
}

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
                f.finding.rule_id.clone(),
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
        ("a.py", "import nonexistent_one\nimport nonexistent_two\n"),
        ("b.js", "require('nonexistent-three');\n"),
        ("Cargo.toml", "[dependencies]\nnonexistent-four = \"1\"\n"),
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
            .all(|f| f.finding.rule_id == "registry.unverified"),
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
        Duration::from_secs(7 * 86400),
        Duration::from_secs(3600),
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
    let got: Vec<_> = findings
        .iter()
        .map(|f| {
            (
                f.finding.rule_id.as_str(),
                f.finding.package.as_ref().unwrap().name.as_str(),
            )
        })
        .collect();
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
fn typosquats_and_risky_packages_are_reported() {
    let server = RegistryServer::start();
    server.pypi("reqeusts", Package::new("0.1"));
    let fresh = chrono_free_days_ago(3);
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
            "import reqeusts\nimport acme_brand_new\nimport requests\n",
        ),
        (
            "b.js",
            "require('acme-postinstall');\nrequire('acme-abandoned');\n",
        ),
        ("Cargo.toml", "[dependencies]\nacme-yanked = \"0.1\"\n"),
    ]);
    let cache = tempfile::tempdir().unwrap();
    let findings = check(
        &checker(&server, &cache),
        root.path(),
        &["a.py", "b.js", "Cargo.toml"],
    );
    let got: Vec<_> = findings
        .iter()
        .map(|f| {
            (
                f.finding.rule_id.as_str(),
                f.finding.package.as_ref().unwrap().name.as_str(),
            )
        })
        .collect();
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
        .map(|f| f.finding.message.as_str())
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
    let cache = tempfile::tempdir().unwrap();
    let findings = check(
        &checker(&server, &cache),
        root.path(),
        &["Cargo.toml", "requirements.txt", "package.json"],
    );
    let got: Vec<_> = findings
        .iter()
        .map(|f| {
            (
                f.finding.rule_id.as_str(),
                f.finding.package.as_ref().unwrap().name.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("registry.version-yanked", "serde"),
            ("registry.version-not-found", "requests")
        ]
    );
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

/// An RFC 3339 time `days` days ago.
fn chrono_free_days_ago(days: u64) -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        - days * 86400
        - 60;
    let days_since_epoch = (secs / 86400) as i64;
    let (y, m, d) = civil_from_days(days_since_epoch);
    let rem = secs % 86400;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}
