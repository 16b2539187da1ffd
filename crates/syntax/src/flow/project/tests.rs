//! Resolution and flow across files, on small trees written to a temporary directory.

use super::{Project, within};
use crate::analysis::{FileKind, analyze};
use crate::finding::Finding;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A fresh directory below the system's temporary one, removed on drop.
struct Tree(PathBuf);

impl Tree {
    fn new(name: &str, files: &[(&str, &str)]) -> Tree {
        let dir =
            std::env::temp_dir().join(format!("slopguard-project-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (path, text) in files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        Tree(dir)
    }

    /// The findings on `file`, checked as part of the tree rooted at `root` (relative).
    fn check(&self, root: &str, file: &str) -> Vec<Finding> {
        let project = Arc::new(Project::new(&self.0.join(root), 1 << 20).unwrap());
        let path = self.0.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        within(&project, &path, || {
            analyze(FileKind::from_path(&path), &text)
        })
    }

    fn lines(&self, root: &str, file: &str, rule: &str) -> Vec<u32> {
        self.check(root, file)
            .iter()
            .filter(|f| &*f.rule_id == rule)
            .map(|f| f.span.start.line + 1)
            .collect()
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const CLIENT: &str =
    "import requests\n\n\ndef fetch(url):\n    return requests.get(url, timeout=5)\n";

fn view(import: &str, call: &str) -> String {
    format!(
        "from flask import Flask, request\n{import}\n\napp = Flask(__name__)\n\n\n@app.get(\"/a\")\ndef a():\n    return {call}(request.args[\"u\"])\n\n\n@app.get(\"/b\")\ndef b():\n    return {call}(\"https://example.com/\")\n"
    )
}

#[test]
fn python_relative_absolute_and_module_imports_reach_the_other_files_sink() {
    for (import, call) in [
        ("from .clients import fetch", "fetch"),
        ("from . import clients", "clients.fetch"),
        ("from app.clients import fetch", "fetch"),
        ("import app.clients", "app.clients.fetch"),
    ] {
        let tree = Tree::new(
            "py",
            &[
                ("app/__init__.py", ""),
                ("app/clients.py", CLIENT),
                ("app/views.py", &view(import, call)),
            ],
        );
        assert_eq!(
            tree.lines("", "app/views.py", "python.ssrf"),
            [9],
            "{import}: the call with request data, not the constant"
        );
        let message = tree.check("", "app/views.py")[0].message.to_string();
        assert!(
            message.contains("`requests.get()` at app/clients.py:5"),
            "{message}"
        );
        // Alone, the view knows nothing of the helper.
        let text = std::fs::read_to_string(tree.0.join("app/views.py")).unwrap();
        assert!(analyze("views.py", &text).is_empty());
    }
}

#[test]
fn a_helper_returning_its_parameter_taints_the_callers_value() {
    let tree = Tree::new(
        "ret",
        &[
            ("pkg/__init__.py", ""),
            ("pkg/util.py", "def cmd(x):\n    return \"ls \" + x\n"),
            (
                "pkg/app.py",
                "import os\nfrom flask import request\nfrom .util import cmd\n\n\ndef a():\n    os.system(cmd(request.args[\"d\"]))\n    os.system(cmd(\"/tmp\"))\n",
            ),
        ],
    );
    let lines: Vec<u32> = tree
        .check("", "pkg/app.py")
        .iter()
        .map(|f| f.span.start.line + 1)
        .collect();
    assert_eq!(lines, [7], "the constant argument stays quiet");
}

#[test]
fn javascript_index_files_extensions_and_default_exports_resolve() {
    let helper = "import axios from \"axios\";\nexport async function get(u) { return axios.get(u); }\nexport default function pull(u) { return axios.get(u); }\n";
    for (helper_path, import, call) in [
        ("lib/index.js", "import { get } from \"./lib\";", "get"),
        (
            "lib/http.ts",
            "import * as http from \"./lib/http\";",
            "http.get",
        ),
        (
            "lib/http.ts",
            "import { get } from \"./lib/http.js\";",
            "get",
        ),
        (
            "lib/http.mjs",
            "const { get } = require(\"./lib/http.mjs\");",
            "get",
        ),
        ("lib/http.js", "import pull from \"./lib/http\";", "pull"),
    ] {
        let server = format!(
            "import express from \"express\";\n{import}\nconst app = express();\napp.get(\"/p\", async (req, res) => {{\n  res.json(await {call}(req.query.url));\n  res.json(await {call}(\"https://example.com\"));\n}});\n"
        );
        let tree = Tree::new("js", &[(helper_path, helper), ("server.ts", &server)]);
        assert_eq!(tree.lines("", "server.ts", "js.ssrf"), [5], "{import}");
    }
}

#[test]
fn rust_module_paths_resolve_from_the_crate_root() {
    let service = "pub async fn fetch(url: &str) -> String {\n    reqwest::get(url).await.unwrap().text().await.unwrap()\n}\n";
    for call in [
        "service::fetch",
        "crate::service::fetch",
        "self::service::fetch",
    ] {
        let main = format!(
            "mod service;\nuse axum::extract::Path;\n\nasync fn proxy(Path(url): Path<String>) -> String {{\n    {call}(&url).await\n}}\n"
        );
        let tree = Tree::new("rs", &[("src/service.rs", service), ("src/main.rs", &main)]);
        assert_eq!(tree.lines("", "src/main.rs", "rust.ssrf"), [5], "{call}");
    }
    // `super::` from a nested module, and `mod.rs`.
    let tree = Tree::new(
        "rs-super",
        &[
            ("src/lib.rs", "pub mod api;\npub mod net;\n"),
            ("src/net/mod.rs", service),
            (
                "src/api.rs",
                "use axum::extract::Path;\n\npub async fn proxy(Path(url): Path<String>) -> String {\n    super::net::fetch(&url).await\n}\n",
            ),
        ],
    );
    assert_eq!(tree.lines("", "src/api.rs", "rust.ssrf"), [4]);
}

#[test]
fn files_outside_the_root_are_never_read() {
    // `..` climbing out of the scanned directory.
    let tree = Tree::new(
        "escape",
        &[
            ("outside/helper.py", CLIENT),
            ("root/app/__init__.py", ""),
            (
                "root/app/views.py",
                &view("from ...outside.helper import fetch", "fetch"),
            ),
            (
                "root/web.js",
                "const { get } = require(\"../outside/h\");\napp.get(\"/\", (req, res) => get(req.query.u));\n",
            ),
            (
                "outside/h.js",
                "const axios = require(\"axios\");\nfunction get(u) { return axios.get(u); }\nmodule.exports = { get };\n",
            ),
        ],
    );
    assert!(
        tree.lines("root", "root/app/views.py", "python.ssrf")
            .is_empty()
    );
    assert!(tree.lines("root", "root/web.js", "js.ssrf").is_empty());
    // The same files inside the root are followed.
    assert_eq!(tree.lines("", "root/web.js", "js.ssrf"), [2]);
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_root_is_not_followed() {
    let tree = Tree::new(
        "symlink",
        &[
            ("outside/clients.py", CLIENT),
            ("root/app/__init__.py", ""),
            (
                "root/app/views.py",
                &view("from .clients import fetch", "fetch"),
            ),
        ],
    );
    std::os::unix::fs::symlink(
        tree.0.join("outside/clients.py"),
        tree.0.join("root/app/clients.py"),
    )
    .unwrap();
    assert!(
        tree.lines("root", "root/app/views.py", "python.ssrf")
            .is_empty()
    );
    // A link that stays inside the root is fine.
    std::fs::copy(
        tree.0.join("outside/clients.py"),
        tree.0.join("root/real.py"),
    )
    .unwrap();
    std::fs::remove_file(tree.0.join("root/app/clients.py")).unwrap();
    std::os::unix::fs::symlink(
        tree.0.join("root/real.py"),
        tree.0.join("root/app/clients.py"),
    )
    .unwrap();
    assert_eq!(tree.lines("root", "root/app/views.py", "python.ssrf"), [9]);
}

#[test]
fn import_cycles_terminate_and_chains_are_followed() {
    let tree = Tree::new(
        "cycle",
        &[
            ("m/__init__.py", ""),
            (
                "m/a.py",
                "from flask import request\nfrom .b import pong\n\n\ndef ping(x):\n    return pong(x)\n\n\ndef view():\n    return ping(request.args[\"u\"])\n",
            ),
            (
                "m/b.py",
                "import requests\nfrom .a import ping\nfrom .c import get\n\n\ndef pong(x):\n    ping(x)\n    return get(x)\n",
            ),
            (
                "m/c.py",
                "import requests\n\n\ndef get(u):\n    return requests.get(u)\n",
            ),
        ],
    );
    let findings = tree.check("", "m/a.py");
    let ssrf: Vec<&Finding> = findings
        .iter()
        .filter(|f| &*f.rule_id == "python.ssrf")
        .collect();
    assert_eq!(ssrf.len(), 1, "{findings:?}");
    // Reported where the local helper `ping` hands the value to the other file (a local
    // helper's sinks are reported inside it), naming the sink two files away.
    assert_eq!(ssrf[0].span.start.line + 1, 6);
    assert!(ssrf[0].message.contains("m/c.py:5"), "{}", ssrf[0].message);
}

#[test]
fn a_project_refuses_paths_outside_its_root() {
    let tree = Tree::new("inside", &[("root/a.py", "x = 1\n"), ("b.py", "y = 2\n")]);
    let project = Project::new(&tree.0.join("root"), 1 << 20).unwrap();
    assert!(project.inside(&tree.0.join("root/a.py")).is_some());
    assert!(project.inside(&tree.0.join("root/../b.py")).is_none());
    assert!(project.inside(&tree.0.join("b.py")).is_none());
    assert!(project.inside(Path::new("/etc/passwd")).is_none());
    let small = Project::new(&tree.0.join("root"), 2).unwrap();
    assert!(
        small.inside(&tree.0.join("root/a.py")).is_none(),
        "over the size limit"
    );
}

#[test]
fn a_typescript_service_given_to_a_constructor_is_followed() {
    let service = "import { readFileSync } from \"fs\";\n\nexport class FilesService {\n  read(name: string) {\n    return readFileSync(\"/srv/\" + name);\n  }\n}\n";
    let controller = "import { Controller, Get, Query } from \"@nestjs/common\";\nimport { FilesService } from \"./files.service\";\n\n@Controller(\"f\")\nexport class FilesController {\n  constructor(private readonly files: FilesService) {}\n\n  @Get()\n  get(@Query(\"n\") n: string) {\n    return this.files.read(n);\n  }\n\n  @Get(\"x\")\n  fixed() {\n    return this.files.read(\"a.txt\");\n  }\n}\n";
    let tree = Tree::new(
        "nest",
        &[
            ("src/files.service.ts", service),
            ("src/files.controller.ts", controller),
        ],
    );
    assert_eq!(
        tree.lines("", "src/files.controller.ts", "js.path-traversal-request"),
        [10]
    );
}

#[test]
fn an_analysis_notes_every_file_its_summaries_came_from_cached_or_not() {
    let tree = Tree::new(
        "uses",
        &[
            ("s/__init__.py", "from .service import relay\n"),
            (
                "s/service.py",
                "from .client import get\n\n\ndef relay(x):\n    return get(x)\n",
            ),
            (
                "s/client.py",
                "import requests\n\n\ndef get(u):\n    return requests.get(u)\n",
            ),
            ("s/unused.py", "def other(x):\n    return x\n"),
            (
                "s/view.py",
                "from flask import request\nfrom s import relay\n\n\ndef view():\n    return relay(request.args[\"u\"])\n",
            ),
        ],
    );
    let project = Arc::new(Project::new(&tree.0, 1 << 20).unwrap());
    let path = tree.0.join("s/view.py");
    let text = std::fs::read_to_string(&path).unwrap();
    let root = tree.0.canonicalize().unwrap();
    let expected: Vec<PathBuf> = ["s/__init__.py", "s/client.py", "s/service.py"]
        .iter()
        .map(|p| root.join(p))
        .collect();
    // Twice: the second analysis takes the summaries from the cache, with the files they were
    // made from.
    for round in 0..2 {
        let (findings, uses) = super::within_noting(&project, &path, || {
            analyze(FileKind::from_path(&path), &text)
        });
        let ssrf: Vec<u32> = findings
            .iter()
            .filter(|f| &*f.rule_id == "python.ssrf")
            .map(|f| f.span.start.line + 1)
            .collect();
        // Through the package's re-export, two files on.
        assert_eq!(ssrf, [6], "round {round}: {findings:?}");
        assert_eq!(&*uses, expected.as_slice(), "round {round}");
    }
}

#[test]
fn re_exports_stay_inside_the_root_and_their_cycles_end() {
    let tree = Tree::new(
        "reexport",
        &[
            ("outside/helper.py", CLIENT),
            (
                "root/app/__init__.py",
                "from ...outside.helper import fetch\n",
            ),
            ("root/app/views.py", &view("from app import fetch", "fetch")),
            // A package that re-exports from itself and a sibling that re-exports back.
            ("root/loop/__init__.py", "from .a import *\n"),
            ("root/loop/a.py", "from . import *\nfrom .b import fetch\n"),
            ("root/loop/b.py", "from .a import fetch\n"),
            ("root/loop/views.py", &view("from . import fetch", "fetch")),
            (
                "root/js/index.ts",
                "export * from \"./index\";\nexport { fetch } from \"../../outside/h\";\n",
            ),
            (
                "root/js/app.ts",
                "import { fetch } from \"./index\";\napp.get(\"/\", (req, res) => fetch(req.query.u));\n",
            ),
            (
                "outside/h.ts",
                "export function fetch(u: string) { return axios.get(u); }\n",
            ),
        ],
    );
    assert!(
        tree.lines("root", "root/app/views.py", "python.ssrf")
            .is_empty()
    );
    assert!(
        tree.lines("root", "root/loop/views.py", "python.ssrf")
            .is_empty()
    );
    assert!(tree.lines("root", "root/js/app.ts", "js.ssrf").is_empty());
    // The same re-export followed when the helper lies inside the root.
    assert_eq!(tree.lines("", "root/app/views.py", "python.ssrf"), [9]);
}
