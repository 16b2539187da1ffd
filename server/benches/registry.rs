//! Registry-check benchmark: `cargo bench --bench registry`.
//!
//! 1. Extraction + resolution of 1,000 imports (Python, JavaScript, Rust files) with a warm
//!    cache: every name answered from the embedded lists or the on-disk cache.
//! 2. Wall time to check a project with 200 dependencies (package.json, requirements.txt,
//!    Cargo.toml) against a cold registry server on 127.0.0.1 and an empty cache.
//! 3. Cold and warm runs over 300 distinct dependencies against the server with 50 ms added to
//!    every answer (a registry across a network), default settings otherwise.

#[path = "../tests/support/mod.rs"]
mod support;

use slopguard::registry::{PackageChecker, SourceFile};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use support::{Knob, Package, RegistryServer, settings};

fn main() {
    let server = RegistryServer::start();
    warm_thousand_imports(&server);
    cold_two_hundred_dependencies(&server);
    three_hundred_at_fifty_ms();
}

fn three_hundred_at_fifty_ms() {
    let server = RegistryServer::start();
    server.knob("lat-", Knob::Delay(Duration::from_millis(50)));
    let root = tempfile::tempdir().unwrap();
    let js: Vec<String> = (0..100).map(|i| format!("\"lat-js-{i}\": \"1\"")).collect();
    let mut requirements = String::new();
    let mut cargo = String::from("[package]\nname = \"bench\"\n[dependencies]\n");
    for i in 0..100 {
        server.npm(&format!("lat-js-{i}"), Package::new("1.0.0"));
        server.pypi(&format!("lat-py-{i}"), Package::new("1.0.0"));
        server.krate(&format!("lat-rs-{i}"), Package::new("1.0.0"));
        requirements.push_str(&format!("lat-py-{i}>=1\n"));
        cargo.push_str(&format!("lat-rs-{i} = \"1\"\n"));
    }
    let files = [
        (
            root.path().join("package.json"),
            format!("{{\"dependencies\": {{{}}}}}", js.join(",")),
        ),
        (root.path().join("requirements.txt"), requirements),
        (root.path().join("Cargo.toml"), cargo),
    ];
    let sources: Vec<SourceFile<'_>> = files
        .iter()
        .map(|(p, t)| SourceFile { path: p, text: t })
        .collect();
    let (mut cold, mut warm) = (Vec::new(), Vec::new());
    for _ in 0..3 {
        let cache = tempfile::tempdir().unwrap();
        let run = || {
            let checker = PackageChecker::new(settings(&server, cache.path()));
            let started = Instant::now();
            let findings = checker.check(root.path(), &sources);
            assert!(findings.is_empty(), "{findings:#?}");
            started.elapsed()
        };
        server.clear_requests();
        cold.push(run());
        // One request per name per run: no retry, no second spelling, no full npm document.
        let mut asked = server.paths();
        asked.sort();
        asked.dedup();
        assert_eq!((server.paths().len(), asked.len()), (300, 300), "{asked:?}");
        server.clear_requests();
        warm.push(run());
        assert!(server.paths().is_empty(), "a warm run asked the registry");
    }
    cold.sort();
    warm.sort();
    println!(
        "300 dependencies, 50 ms per answer: cold median {:.1} ms (min {:.1}, max {:.1}); warm median {:.1} ms (min {:.1}, max {:.1}); 3 runs each",
        ms(cold[1]),
        ms(cold[0]),
        ms(cold[2]),
        ms(warm[1]),
        ms(warm[0]),
        ms(warm[2])
    );
}

fn warm_thousand_imports(server: &RegistryServer) {
    let root = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    // 1,000 imports: 400 Python, 400 JavaScript, 200 Rust, in 50 files; half the names popular
    // (embedded list), half only known to the registry (answered by the warm cache).
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    for f in 0..20 {
        let mut py = String::new();
        let mut js = String::new();
        for i in 0..20 {
            let n = f * 20 + i;
            if n % 2 == 0 {
                py.push_str(
                    [
                        "import requests\n",
                        "import numpy as np\n",
                        "from yaml import safe_load\n",
                        "import boto3\n",
                    ][(n / 2) % 4],
                );
                js.push_str(
                    [
                        "import React from 'react';\n",
                        "const _ = require('lodash/fp');\n",
                    ][(n / 2) % 2],
                );
            } else {
                server.pypi(&format!("acme-py-{n}"), Package::new("1.0.0"));
                server.npm(&format!("acme-js-{n}"), Package::new("1.0.0"));
                py.push_str(&format!("import acme_py_{n}\n"));
                js.push_str(&format!("import x{n} from 'acme-js-{n}/sub';\n"));
            }
        }
        files.push((root.path().join(format!("m{f}.py")), py));
        files.push((root.path().join(format!("m{f}.js")), js));
    }
    for f in 0..10 {
        let mut rs = String::new();
        for i in 0..20 {
            let n = f * 20 + i;
            server.krate(&format!("acme_rs_{n}"), Package::new("1.0.0"));
            rs.push_str(&format!("use acme_rs_{n}::Thing{i};\n"));
        }
        files.push((root.path().join(format!("src/m{f}.rs")), rs));
    }
    let checker = PackageChecker::new(settings(server, cache.path()));
    let sources: Vec<SourceFile<'_>> = files
        .iter()
        .map(|(p, t)| SourceFile { path: p, text: t })
        .collect();
    let first = checker.check(root.path(), &sources);
    assert!(first.is_empty(), "{first:#?}");
    let requests_before = server.requests().len();
    let rounds = 20;
    let started = Instant::now();
    for _ in 0..rounds {
        let findings = checker.check(root.path(), &sources);
        assert!(findings.is_empty());
    }
    let per_round = started.elapsed() / rounds;
    assert_eq!(
        server.requests().len(),
        requests_before,
        "a warm run must not ask the registry"
    );
    println!(
        "warm: 1,000 imports in 50 files, extraction + resolution: {:.1} ms per 1,000 imports (mean of {rounds})",
        ms(per_round)
    );
}

fn cold_two_hundred_dependencies(server: &RegistryServer) {
    let root = tempfile::tempdir().unwrap();
    let mut package_json = String::from("{\"dependencies\": {\n");
    let mut requirements = String::new();
    let mut cargo = String::from("[package]\nname = \"bench\"\n[dependencies]\n");
    for i in 0..70 {
        server.npm(&format!("cold-js-{i}"), Package::new("1.0.0"));
        package_json.push_str(&format!(
            "{}\"cold-js-{i}\": \"^1.0.0\"\n",
            if i == 0 { "" } else { "," }
        ));
    }
    package_json.push_str("}}\n");
    for i in 0..70 {
        server.pypi(&format!("cold-py-{i}"), Package::new("1.0.0"));
        requirements.push_str(&format!("cold-py-{i}>=1\n"));
    }
    for i in 0..60 {
        server.krate(&format!("cold-rs-{i}"), Package::new("1.0.0"));
        cargo.push_str(&format!("cold-rs-{i} = \"1\"\n"));
    }
    let files = [
        (root.path().join("package.json"), package_json),
        (root.path().join("requirements.txt"), requirements),
        (root.path().join("Cargo.toml"), cargo),
    ];
    let sources: Vec<SourceFile<'_>> = files
        .iter()
        .map(|(p, t)| SourceFile { path: p, text: t })
        .collect();
    let mut times = Vec::new();
    for _ in 0..5 {
        let cache = tempfile::tempdir().unwrap();
        let checker = PackageChecker::new(settings(server, cache.path()));
        let started = Instant::now();
        let findings = checker.check(root.path(), &sources);
        times.push(started.elapsed());
        assert!(findings.is_empty(), "{findings:#?}");
    }
    times.sort();
    println!(
        "cold: 200 dependencies, empty cache, local registry server: median {:.1} ms (min {:.1}, max {:.1}, 5 runs)",
        ms(times[2]),
        ms(times[0]),
        ms(times[4])
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
