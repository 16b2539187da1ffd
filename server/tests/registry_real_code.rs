//! The registry checks on real code that imports only real things, read in place (never
//! copied into the repository): the crate sources cargo's registry holds after building
//! slopguard, the machine Python's standard library and site-packages, and the machine npm's
//! own sources and node_modules. The registry server the test starts knows every name those
//! projects declare. Zero `hallucinated-package` findings are expected; renaming one import to an
//! invented name (in memory) must give exactly one.

mod support;

use slopguard::deps::{ManifestKind, parse_manifest};
use slopguard::registry::{FileFinding, PackageChecker, SourceFile};
use std::path::{Path, PathBuf};
use support::{Package, RegistryServer, settings};

const HALLUCINATED: &str = "registry.hallucinated-package";

/// Files under `dir` whose name satisfies `wanted`, skipping directories `skip` rejects.
fn files_under(
    dir: &Path,
    wanted: &dyn Fn(&Path) -> bool,
    skip: &dyn Fn(&Path) -> bool,
) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                if !skip(&path) {
                    stack.push(path);
                }
            } else if kind.is_file() && wanted(&path) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Reads files as text (skipping what is not UTF-8), checks them, returns the findings.
fn check(
    checker: &PackageChecker,
    root: &Path,
    paths: &[PathBuf],
    edit: Option<(&Path, &str, &str)>,
) -> Vec<FileFinding> {
    let texts: Vec<(PathBuf, String)> = paths
        .iter()
        .filter_map(|p| {
            let mut text = String::from_utf8(std::fs::read(p).ok()?).ok()?;
            if let Some((path, from, to)) = edit
                && path == p
            {
                assert!(text.contains(from), "{} has no `{from}`", p.display());
                text = text.replacen(from, to, 1);
            }
            Some((p.clone(), text))
        })
        .collect();
    let files: Vec<SourceFile<'_>> = texts
        .iter()
        .map(|(path, text)| SourceFile { path, text })
        .collect();
    checker.check(root, &files)
}

fn hallucinated(findings: &[FileFinding]) -> Vec<String> {
    findings
        .iter()
        .filter(|f| &*f.finding.rule_id == HALLUCINATED)
        .map(|f| format!("{}: {}", f.path.display(), f.finding.message))
        .collect()
}

/// Registers every registry dependency the manifests declare.
fn register_declared(server: &RegistryServer, manifests: &[PathBuf]) -> usize {
    let mut count = 0;
    for path in manifests {
        let (Some(kind), Ok(text)) = (ManifestKind::from_path(path), std::fs::read_to_string(path))
        else {
            continue;
        };
        for dependency in parse_manifest(kind, &text).dependencies {
            let package = Package::new("1.0.0");
            match dependency.ecosystem {
                slopguard::deps::Ecosystem::Crates => {
                    server.krate(&dependency.name, package);
                }
                slopguard::deps::Ecosystem::Npm => {
                    server.npm(&dependency.name, package);
                }
                slopguard::deps::Ecosystem::PyPI => {
                    server.pypi(&dependency.name, package);
                }
            }
            count += 1;
        }
    }
    count
}

fn rust_sources(krate: &Path) -> Vec<PathBuf> {
    let mut files = files_under(
        &krate.join("src"),
        &|p| p.extension().is_some_and(|e| e == "rs"),
        &|_| false,
    );
    if krate.join("build.rs").is_file() {
        files.push(krate.join("build.rs"));
    }
    files
}

fn cargo_registry_crates() -> Vec<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").expect("HOME is set")).join(".cargo")
        });
    let src = home.join("registry").join("src");
    let mut crates = Vec::new();
    for index in std::fs::read_dir(&src)
        .unwrap_or_else(|e| panic!("{}: {e}: building slopguard fills it", src.display()))
        .flatten()
    {
        for krate in std::fs::read_dir(index.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            if krate.path().join("Cargo.toml").is_file() {
                crates.push(krate.path());
            }
        }
    }
    crates.sort();
    assert!(
        crates.len() >= 50,
        "expected the crates slopguard depends on in {}",
        src.display()
    );
    crates
}

#[test]
fn crates_in_the_cargo_registry_reference_only_real_crates() {
    let server = RegistryServer::start();
    let cache = tempfile::tempdir().unwrap();
    let checker = PackageChecker::new(settings(&server, cache.path()));
    let crates = cargo_registry_crates();
    let manifests: Vec<PathBuf> = crates.iter().map(|c| c.join("Cargo.toml")).collect();
    assert!(register_declared(&server, &manifests) > 100);
    let mut all = Vec::new();
    let mut files_checked = 0;
    let mut sample: Option<(PathBuf, PathBuf)> = None;
    for krate in &crates {
        // What the crate compiles as a package: `src/` and the build script. (Tests and examples
        // use dev-dependencies, which the published manifest may no longer list.)
        let mut files = rust_sources(krate);
        files_checked += files.len();
        if sample.is_none()
            && let Some(file) = files
                .iter()
                .find(|f| std::fs::read_to_string(f).is_ok_and(|t| t.contains("\nuse serde::")))
        {
            sample = Some((krate.clone(), file.clone()));
        }
        files.push(krate.join("Cargo.toml"));
        all.extend(check(&checker, krate, &files, None));
    }
    assert!(files_checked > 1000, "{files_checked}");
    assert_eq!(hallucinated(&all), Vec::<String>::new());

    let (krate, file) = sample.expect("some crate uses serde");
    let mut files = rust_sources(&krate);
    files.push(krate.join("Cargo.toml"));
    let edited = check(
        &checker,
        &krate,
        &files,
        Some((&file, "\nuse serde::", "\nuse serde_invented_zqx::")),
    );
    let found = hallucinated(&edited);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("serde_invented_zqx"), "{found:?}");
}

fn python_paths() -> (PathBuf, PathBuf) {
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import sysconfig; p = sysconfig.get_paths(); print(p['stdlib']); print(p['purelib'])",
        ])
        .output()
        .expect("python3 is installed on this machine");
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    (
        PathBuf::from(lines.next().unwrap()),
        PathBuf::from(lines.next().unwrap()),
    )
}

#[test]
fn the_python_standard_library_imports_only_real_modules() {
    let server = RegistryServer::start();
    let cache = tempfile::tempdir().unwrap();
    let checker = PackageChecker::new(settings(&server, cache.path()));
    let (stdlib, _) = python_paths();
    let files = files_under(
        &stdlib,
        &|p| p.extension().is_some_and(|e| e == "py"),
        // The test suites are left out: they import modules they create at run time and names
        // chosen not to exist (`i_do_not_exist`), exactly what this check reports.
        &|d| {
            d.ends_with("site-packages")
                || d.ends_with("dist-packages")
                || d.file_name().is_some_and(|n| {
                    ["__pycache__", "test", "tests", "idle_test"]
                        .contains(&n.to_str().unwrap_or(""))
                })
        },
    );
    assert!(files.len() > 500, "{}", files.len());
    let findings = check(&checker, &stdlib, &files, None);
    assert_eq!(hallucinated(&findings), Vec::<String>::new());

    let json = stdlib.join("json").join("decoder.py");
    let edited = check(
        &checker,
        &stdlib,
        &files,
        Some((&json, "import re", "import re_invented_zqx")),
    );
    let found = hallucinated(&edited);
    assert_eq!(found.len(), 1, "{found:#?}");
}

#[test]
fn python_site_packages_import_only_real_packages() {
    let server = RegistryServer::start();
    let cache = tempfile::tempdir().unwrap();
    let checker = PackageChecker::new(settings(&server, cache.path()));
    let (_, site) = python_paths();
    // What the installed distributions declare (`Requires-Dist`), as a registry would know it.
    for metadata in files_under(&site, &|p| p.ends_with("METADATA"), &|_| false) {
        for line in std::fs::read_to_string(&metadata)
            .unwrap_or_default()
            .lines()
        {
            if let Some(requirement) = line.strip_prefix("Requires-Dist:")
                && let Some(parsed) = slopguard::deps::parse_pep508(requirement)
            {
                server.pypi(
                    &requirement[parsed.name.0..parsed.name.1],
                    Package::new("1.0"),
                );
            }
        }
    }
    // Optional dependencies some distributions import without declaring them (sympy, IPython);
    // each is a real PyPI project, so the test's registry knows it as PyPI does.
    for real in [
        "aesara",
        "matchpy",
        "python-flint",
        "python-sat",
        "PySide",
        "sagemath-standard",
    ] {
        server.pypi(real, Package::new("1.0"));
    }
    // Two files import modules that really are not on PyPI, so that reporting them is right:
    // PyQt4 (never published there) and Ubuntu's `apport_python_hook`. They are left out.
    let not_on_pypi = [
        "IPython/external/qt_loaders.py",
        "trio/_core/_multierror.py",
    ];
    let files: Vec<PathBuf> =
        files_under(&site, &|p| p.extension().is_some_and(|e| e == "py"), &|d| {
            let name = d.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name == "__pycache__"
                || name.starts_with("test")
                || name.starts_with("_test")
                || name.ends_with("_tests")
        })
        .into_iter()
        .filter(|f| !not_on_pypi.iter().any(|n| f.ends_with(n)))
        .collect();
    assert!(files.len() > 500, "{}", files.len());
    let findings = check(&checker, &site, &files, None);
    assert_eq!(hallucinated(&findings), Vec::<String>::new());

    let target = files
        .iter()
        .find(|f| f.ends_with("requests/sessions.py"))
        .or_else(|| files.iter().find(|f| f.ends_with("pip/_internal/main.py")))
        .expect("requests or pip is installed")
        .clone();
    let text = std::fs::read_to_string(&target).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("import ") && !l.contains(','))
        .expect("an import line")
        .to_string();
    let edited = check(
        &checker,
        &site,
        &files,
        Some((
            &target,
            &format!("\n{line}\n"),
            "\nimport invented_site_module_zqx\n",
        )),
    );
    let found = hallucinated(&edited);
    assert_eq!(found.len(), 1, "{found:#?}");
}

#[test]
fn npm_and_its_node_modules_require_only_real_packages() {
    let server = RegistryServer::start();
    let cache = tempfile::tempdir().unwrap();
    let checker = PackageChecker::new(settings(&server, cache.path()));
    let out = std::process::Command::new("npm")
        .args(["root", "-g"])
        .output()
        .expect("npm is installed on this machine");
    let npm = PathBuf::from(String::from_utf8(out.stdout).unwrap().trim()).join("npm");
    let manifests = files_under(&npm, &|p| p.ends_with("package.json"), &|_| false);
    register_declared(&server, &manifests);
    let files = files_under(
        &npm,
        &|p| {
            p.extension()
                .is_some_and(|e| e == "js" || e == "cjs" || e == "mjs")
        },
        &|d| d.file_name().is_some_and(|n| n == "test" || n == "tests"),
    );
    assert!(files.len() > 500, "{}", files.len());
    let findings = check(&checker, &npm, &files, None);
    assert_eq!(hallucinated(&findings), Vec::<String>::new());

    let cli = npm.join("lib").join("cli.js");
    let target = files
        .iter()
        .find(|f| f.ends_with("lib/commands/install.js"))
        .cloned()
        .unwrap_or(cli);
    let text = std::fs::read_to_string(&target).unwrap();
    let from = text
        .split("require('")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .map(|s| format!("require('{s}')"))
        .expect("a require");
    let edited = check(
        &checker,
        &npm,
        &files,
        Some((&target, &from, "require('invented-npm-helper-zqx')")),
    );
    let found = hallucinated(&edited);
    assert_eq!(found.len(), 1, "{found:#?}");
}
