//! Realistic projects in each language: local modules, path aliases, workspaces and the standard
//! library are not packages, so nothing is reported but what is really missing.

use crate::support::check::*;
use crate::support::{Package, RegistryServer};

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
    let findings = check_fresh(&server, root.path(), &files);
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
    let findings = check_fresh(
        &server,
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
    let files = [
        "crates/core/src/lib.rs",
        "crates/core/src/parse.rs",
        "crates/cli/src/main.rs",
        "crates/cli/src/commands.rs",
    ];
    let findings = check_fresh(&server, root.path(), &files);
    assert_eq!(
        summary(&findings),
        [(
            "registry.hallucinated-package".into(),
            "invented_cli_magic".into(),
            "invented_cli_magic".into()
        )]
    );
}
