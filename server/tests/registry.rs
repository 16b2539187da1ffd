//! Registry checks end to end against a registry server the test starts on 127.0.0.1: URL layouts, names, local code, typosquats, risk and versions.

mod support;

use support::check::*;
use support::{Knob, Package, RegistryServer};

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
    let cache = tempfile::tempdir().unwrap();
    let findings = check(
        &checker(&server, &cache),
        root.path(),
        &["a.js", "package.json"],
    );
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

#[test]
fn gone_is_absent_too() {
    // 410 Gone (npm answers it for unpublished packages) means the package does not exist.
    let server = RegistryServer::start();
    server.knob("acme-unpublished", Knob::Status(410));
    let root = project(&[("a.js", "require('acme-unpublished');\n")]);
    let cache = tempfile::tempdir().unwrap();
    let findings = check(&checker(&server, &cache), root.path(), &["a.js"]);
    assert_eq!(
        rule_ids(&findings),
        ["registry.hallucinated-package"],
        "{findings:?}"
    );
}

#[test]
fn short_names_one_keystroke_from_a_popular_one_are_typosquats_when_young_and_small() {
    // `sny` (two letters of `syn` swapped) and `lig` (`o` slipped to the next key) are days old
    // with one version; `logg` is years old with many versions: a neighbour, not a squat.
    let server = RegistryServer::start();
    let young = Package {
        published: days_ago(5),
        ..Package::new("0.1.0")
    };
    server.krate("sny", young.clone());
    server.krate("lig", young);
    let established = Package {
        versions: (0..12).map(|i| (format!("1.{i}.0"), false)).collect(),
        published: "2017-01-01T00:00:00Z".into(),
        ..Package::new("1.0.0")
    };
    server.krate("logg", established);
    let root = project(&[(
        "Cargo.toml",
        "[package]\nname = \"demo\"\n[dependencies]\nsny = \"0.1\"\nlig = \"0.1\"\nlogg = \"1\"\n",
    )]);
    let cache = tempfile::tempdir().unwrap();
    let findings = check(&checker(&server, &cache), root.path(), &["Cargo.toml"]);
    let squats = named(&findings, "registry.typosquat");
    assert_eq!(squats.len(), 2, "{findings:#?}");
    assert_eq!(squats[0].0, "sny");
    assert!(squats[0].1.contains("`syn`"), "{}", squats[0].1);
    assert_eq!(squats[1].0, "lig");
    assert!(squats[1].1.contains("`log`"), "{}", squats[1].1);
}

#[test]
fn a_young_squat_of_an_unlisted_established_name_is_risky_with_both_facts() {
    // Neither `acme-ledger` nor `acme-parser` is on any list. `acme-ledgerr` (a doubled letter)
    // costs one extra lookup of `acme-ledger`; `acme-parsre` finds `acme-parser` among this
    // run's own answers, at no extra cost. An old, busy neighbour is a neighbour, not a squat.
    let server = RegistryServer::start();
    let established = Package {
        versions: (0..12).map(|i| (format!("1.{i}.0"), false)).collect(),
        published: "2017-01-01T00:00:00Z".into(),
        ..Package::new("1.0.0")
    };
    let young = Package {
        published: days_ago(4),
        ..Package::new("0.1.0")
    };
    server.krate("acme-ledger", established.clone());
    server.krate("acme-parser", established);
    server.krate("acme-ledgerr", young.clone());
    server.krate("acme-parsre", young);
    let root = project(&[(
        "Cargo.toml",
        "[package]\nname = \"demo\"\n[dependencies]\nacme-ledgerr = \"0.1\"\n\
         acme-parser = \"1\"\nacme-parsre = \"0.1\"\n",
    )]);
    let cache = tempfile::tempdir().unwrap();
    let findings = check(&checker(&server, &cache), root.path(), &["Cargo.toml"]);
    let risky = named(&findings, "registry.risky-package");
    assert_eq!(risky.len(), 2, "{findings:#?}");
    assert_eq!(risky[0].0, "acme-ledgerr");
    assert!(
        risky[0].1.contains("one edit from `acme-ledger`")
            && risky[0].1.contains("first published 4 days ago")
            && risky[0].1.contains("no repository"),
        "{}",
        risky[0].1
    );
    assert_eq!(risky[1].0, "acme-parsre");
    assert!(
        risky[1].1.contains("one edit from `acme-parser`"),
        "{}",
        risky[1].1
    );
    let paths = server.paths();
    let asked = |name: &str| paths.iter().filter(|p| p.ends_with(name)).count();
    assert_eq!(asked("/acme-ledger"), 1, "{paths:?}");
    assert_eq!(asked("/acme-parser"), 1, "{paths:?}");
}

#[test]
fn short_name_typosquats_in_pypi_and_npm_too() {
    // As for crates above: a keystroke slip of a short popular name, young and small, is a
    // typosquat; an old, busy neighbour is not. PyPI: `sxi` (six, swapped), `tomk` (toml, `l`
    // slipped to `k`), `tomp` established. npm: `vie` (vue), `qa` (qs), `wss` established.
    let young = Package {
        published: days_ago(6),
        ..Package::new("0.1.0")
    };
    let established = Package {
        versions: (0..12).map(|i| (format!("1.{i}.0"), false)).collect(),
        published: "2016-01-01T00:00:00Z".into(),
        ..Package::new("1.0.0")
    };
    // (manifest, its text, squats and their targets, an established neighbour)
    type Case<'a> = (&'a str, &'a str, [(&'a str, &'a str); 2], &'a str);
    let cases: [Case<'_>; 2] = [
        (
            "requirements.txt",
            "sxi\ntomk\ntomp\n",
            [("sxi", "six"), ("tomk", "toml")],
            "tomp",
        ),
        (
            "package.json",
            r#"{"dependencies": {"vie": "0.1.0", "qa": "0.1.0", "wss": "1.0.0"}}"#,
            [("vie", "vue"), ("qa", "qs")],
            "wss",
        ),
    ];
    for (manifest, text, squats, neighbour) in cases {
        let server = RegistryServer::start();
        let register = |name: &str, package: &Package| match manifest {
            "package.json" => server.npm(name, package.clone()),
            _ => server.pypi(name, package.clone()),
        };
        for (squat, _) in squats {
            register(squat, &young);
        }
        register(neighbour, &established);
        let root = project(&[(manifest, text)]);
        let cache = tempfile::tempdir().unwrap();
        let findings = check(&checker(&server, &cache), root.path(), &[manifest]);
        let found = named(&findings, "registry.typosquat");
        assert_eq!(found.len(), 2, "{manifest}: {findings:#?}");
        for ((squat, target), (name, message)) in squats.iter().zip(&found) {
            assert_eq!(name, squat, "{manifest}");
            assert!(message.contains(&format!("`{target}`")), "{message}");
        }
    }
}

#[test]
fn squats_of_popular_crates_the_old_list_lacked_are_typosquats() {
    // `zerovec`, `rust_decimal` and `http-body` are in most real dependency trees but were not
    // in the crate list built from slopguard's own tree: one-edit squats of them went unreported.
    let server = RegistryServer::start();
    let young = Package {
        published: days_ago(9),
        ..Package::new("0.1.0")
    };
    let squats = [
        ("zerovce", "zerovec"),
        ("rust_decimall", "rust_decimal"),
        ("http-bodi", "http-body"),
    ];
    let mut manifest = String::from("[package]\nname = \"demo\"\n[dependencies]\n");
    for (squat, _) in squats {
        server.krate(squat, young.clone());
        manifest.push_str(&format!("{squat} = \"0.1\"\n"));
    }
    let root = project(&[("Cargo.toml", manifest.as_str())]);
    let cache = tempfile::tempdir().unwrap();
    let findings = check(&checker(&server, &cache), root.path(), &["Cargo.toml"]);
    let found = named(&findings, "registry.typosquat");
    assert_eq!(found.len(), 3, "{findings:#?}");
    for ((squat, target), (name, message)) in squats.iter().zip(&found) {
        assert_eq!(name, squat);
        assert!(message.contains(&format!("`{target}`")), "{message}");
    }
}

/// `(package name, message)` of the findings of one rule, in order.
fn named(findings: &[slopguard::registry::FileFinding], rule: &str) -> Vec<(String, String)> {
    findings
        .iter()
        .filter(|f| f.finding.rule_id == rule)
        .map(|f| {
            let name = f.finding.package.as_ref().unwrap().name.clone();
            (name, f.finding.message.clone())
        })
        .collect()
}
