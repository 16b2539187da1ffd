//! Fuzz targets: every parser that reads bytes from a scanned repository or an editor, as a
//! function of arbitrary bytes that panics when a property fails.
//!
//! The same functions are driven by two engines (see `docs/fuzzing.md`): the stable runner
//! `server/tests/fuzz.rs` (seed corpus replay in every `cargo test`, plus a bounded run of
//! seeded mutations in CI) and libFuzzer through `cargo fuzz` (`fuzz/`, nightly, for deep
//! coverage-guided runs). Seed corpora live in `fuzz/corpus/<target name>/`.
//!
//! Each target checks more than "no panic" where an oracle is cheap: every span a parser
//! reports lies in the text, on character boundaries, with the positions [`LineIndex`] gives;
//! the diff parser reads back exactly the path git would have written (`diff`); the LSP guard
//! emits only well-framed JSON-RPC and still delivers a good message that follows garbage
//! (`framing`). Hangs are the engines' business: both bound the time of one input.

mod diff;
mod framing;
#[rustfmt::skip]
mod tokens;

pub use diff::{git_diff, git_diff_path};
pub use framing::lsp_framing;

use crate::analysis::FileKind;
use crate::deps::lockfile::{LockfileKind, parse_lockfile};
use crate::deps::{ManifestKind, install_commands, parse_manifest, parse_pep508};
use crate::lang::Language;
use crate::text::{LineIndex, Span};
use std::path::Path;

/// One fuzz target: a name (its corpus directory and its `cargo fuzz` binary), the function,
/// and tokens of its format that a mutation may insert (libFuzzer finds its own).
pub struct Target {
    pub name: &'static str,
    pub run: fn(&[u8]),
    pub dictionary: &'static [&'static str],
}

impl Target {
    const fn new(name: &'static str, run: fn(&[u8]), dictionary: &'static [&'static str]) -> Self {
        Target {
            name,
            run,
            dictionary,
        }
    }
}

/// Every target, in the order the stable runner visits them.
pub const TARGETS: &[Target] = &[
    Target::new("requirements", requirements, tokens::REQUIREMENTS),
    Target::new("manifest_cargo", manifest_cargo, tokens::TOML),
    Target::new("manifest_package_json", manifest_package_json, tokens::JSON),
    Target::new("manifest_pyproject", manifest_pyproject, tokens::TOML),
    Target::new("lockfile_cargo", lockfile_cargo, tokens::TOML),
    Target::new("lockfile_npm", lockfile_npm, tokens::JSON),
    Target::new("lockfile_yarn", lockfile_yarn, tokens::YARN),
    Target::new("lockfile_pnpm", lockfile_pnpm, tokens::PNPM),
    Target::new("lockfile_python", lockfile_python, tokens::TOML),
    Target::new("install_commands", install_commands, tokens::SHELL),
    Target::new("git_diff", git_diff, tokens::DIFF),
    Target::new("git_diff_path", git_diff_path, tokens::PATH),
    Target::new("lsp_framing", lsp_framing, tokens::LSP),
    Target::new("analyze_python", analyze_python, tokens::CODE),
    Target::new("analyze_javascript", analyze_javascript, tokens::CODE),
    Target::new("analyze_typescript", analyze_typescript, tokens::CODE),
    Target::new("analyze_tsx", analyze_tsx, tokens::CODE),
    Target::new("analyze_rust", analyze_rust, tokens::CODE),
];

/// The target called `name`.
pub fn target(name: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.name == name)
}

/// Bytes as `slopguard check` reads a code file: invalid UTF-8 replaced, NUL kept.
fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// A reported range must be one [`LineIndex`] would give: inside the text, on character
/// boundaries, start before end, positions matching the bytes.
#[track_caller]
fn assert_span(text: &str, lines: &LineIndex<'_>, span: &Span, what: &str) {
    let (start, end) = (span.start_byte, span.end_byte);
    assert!(
        start <= end && end <= text.len(),
        "{what}: span {start}..{end} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: span {start}..{end} splits a character"
    );
    assert_eq!(span.start, lines.position(start), "{what}: start position");
    assert_eq!(span.end, lines.position(end), "{what}: end position");
}

/// `requirements*.txt`: the PEP 508 reader on every line, and the manifest reader on the file.
pub fn requirements(data: &[u8]) {
    let text = text(data);
    for line in text.lines() {
        if let Some(parsed) = parse_pep508(line) {
            let (start, end) = parsed.name;
            let name = &line[start..end];
            assert!(
                name.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)),
                "a distribution name with other characters: {name:?}"
            );
            if let Some((start, end)) = parsed.specifier {
                assert!(
                    start <= end && line.get(start..end).is_some(),
                    "specifier range"
                );
            }
        }
    }
    manifest(ManifestKind::Requirements, &text);
}

pub fn manifest_cargo(data: &[u8]) {
    manifest(ManifestKind::CargoToml, &text(data));
}

pub fn manifest_package_json(data: &[u8]) {
    manifest(ManifestKind::PackageJson, &text(data));
}

pub fn manifest_pyproject(data: &[u8]) {
    manifest(ManifestKind::PyProject, &text(data));
}

fn manifest(kind: ManifestKind, text: &str) {
    let manifest = parse_manifest(kind, text);
    let lines = LineIndex::new(text);
    for dependency in &manifest.dependencies {
        assert_eq!(dependency.ecosystem, kind.ecosystem());
        assert_span(text, &lines, &dependency.name_span, "dependency name");
        if let Some(span) = &dependency.requirement_span {
            assert_span(text, &lines, span, "requirement");
        }
    }
}

pub fn lockfile_cargo(data: &[u8]) {
    lockfile(LockfileKind::CargoLock, &text(data));
}

pub fn lockfile_npm(data: &[u8]) {
    lockfile(LockfileKind::PackageLock, &text(data));
}

pub fn lockfile_yarn(data: &[u8]) {
    lockfile(LockfileKind::YarnLock, &text(data));
}

pub fn lockfile_pnpm(data: &[u8]) {
    lockfile(LockfileKind::PnpmLock, &text(data));
}

/// `poetry.lock` and `uv.lock` share a corpus: both are TOML with `[[package]]` tables.
pub fn lockfile_python(data: &[u8]) {
    let text = text(data);
    lockfile(LockfileKind::PoetryLock, &text);
    lockfile(LockfileKind::UvLock, &text);
}

fn lockfile(kind: LockfileKind, text: &str) {
    let lockfile = parse_lockfile(kind, text);
    let lines = LineIndex::new(text);
    for package in lockfile.packages.iter().chain(&lockfile.roots) {
        assert_span(text, &lines, &package.span, "locked package");
        // pnpm's range is the name's own bytes (the other formats cover the quoted key).
        if kind == LockfileKind::PnpmLock {
            let spanned = &text[package.span.start_byte..package.span.end_byte];
            assert_eq!(spanned, package.name, "pnpm: the range of a name");
        }
    }
}

/// Install commands, read as each kind of file that may hold them.
pub fn install_commands(data: &[u8]) {
    let text = text(data);
    let lines = LineIndex::new(&text);
    for path in [
        "README.md",
        "setup.sh",
        "Dockerfile",
        "Makefile",
        ".github/workflows/ci.yml",
    ] {
        for name in install_commands::install_names(Path::new(path), &text) {
            assert!(!name.name.is_empty(), "{path}: an empty package name");
            assert_span(&text, &lines, &name.span, "install name");
        }
    }
}

pub fn analyze_python(data: &[u8]) {
    analyze(Language::Python, data);
}

pub fn analyze_javascript(data: &[u8]) {
    analyze(Language::JavaScript, data);
}

pub fn analyze_typescript(data: &[u8]) {
    analyze(Language::TypeScript, data);
}

pub fn analyze_tsx(data: &[u8]) {
    analyze(Language::Tsx, data);
}

pub fn analyze_rust(data: &[u8]) {
    analyze(Language::Rust, data);
}

/// Parse + the built-in rule pack, as `check` runs them on a file; every range a finding
/// carries (its own, its fix's, its flow's) must lie in the text.
fn analyze(language: Language, data: &[u8]) {
    let text = text(data);
    let lines = LineIndex::new(&text);
    let analysed = crate::analysis::analyze_checked(
        crate::rules::RuleSet::builtin(),
        FileKind::Code(language),
        &text,
    );
    for finding in &analysed.findings {
        assert_span(&text, &lines, &finding.span, &finding.rule_id);
        if let Some(fix) = &finding.fix {
            assert_span(&text, &lines, &fix.span, "fix");
        }
        if let Some(flow) = &finding.flow {
            for point in std::iter::once(&flow.source).chain(&flow.steps) {
                assert_span(&text, &lines, &point.span, "flow point");
            }
        }
    }
}
