//! File context: whether a file is shipped code, a test, a fixture, an example, documentation,
//! vendored, generated or minified — and what `slopguard check` does with each.
//!
//! The kind comes from the path (the conventions of each ecosystem: `tests/`, `test_*.py`,
//! `*_test.py`, `conftest.py`, `__tests__/`, `*.spec.ts`, `*.test.js`, `fixtures/`, `examples/`,
//! `docs/`, `docs_src/`, `vendor/`, `third_party/`, `node_modules/`, `dist/`, `build/`,
//! `*.min.js`), from markers at the top of the text (`@generated`, `DO NOT EDIT`), from the
//! shape of the text (a minified file is a few very long lines), from a Python module's imports
//! (`pytest`, a `testing` package: test support) and from `.gitattributes`
//! (`linguist-vendored`, `linguist-generated`). Inside a shipped Rust file, the items under
//! `#[cfg(test)]` are test code ([`retain_outside_inline_tests`]). Defaults a user would choose
//! ([`FilePolicy::default`]): vendored, generated and minified files are not analysed; tests,
//! fixtures, examples and documentation are analysed only by the rules that declare they matter
//! there (`contexts` in a rule file: live credentials of real services). `[files]` in
//! `slopguard.toml` changes each default.

use serde::Deserialize;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

/// What kind of file a path holds, for deciding which rules run on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileContext {
    /// Shipped code: everything else.
    Code,
    Test,
    Fixture,
    Example,
    Docs,
    Vendored,
    Generated,
    Minified,
}

impl FileContext {
    pub const ALL: [FileContext; 8] = [
        FileContext::Code,
        FileContext::Test,
        FileContext::Fixture,
        FileContext::Example,
        FileContext::Docs,
        FileContext::Vendored,
        FileContext::Generated,
        FileContext::Minified,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FileContext::Code => "code",
            FileContext::Test => "test",
            FileContext::Fixture => "fixture",
            FileContext::Example => "example",
            FileContext::Docs => "docs",
            FileContext::Vendored => "vendored",
            FileContext::Generated => "generated",
            FileContext::Minified => "minified",
        }
    }

    pub fn from_name(name: &str) -> Option<FileContext> {
        FileContext::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// What `check` does with files of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Handling {
    /// Not analysed; the summary says so.
    Skip,
    /// Analysed by the rules whose `contexts` name this kind.
    Relevant,
    /// Analysed by every rule, as shipped code.
    All,
}

/// `[files]` in `slopguard.toml`: one [`Handling`] per kind of file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FilePolicy {
    pub tests: Handling,
    pub fixtures: Handling,
    pub examples: Handling,
    pub docs: Handling,
    pub vendored: Handling,
    pub generated: Handling,
    pub minified: Handling,
}

impl Default for FilePolicy {
    fn default() -> Self {
        FilePolicy {
            tests: Handling::Relevant,
            fixtures: Handling::Relevant,
            examples: Handling::Relevant,
            docs: Handling::Relevant,
            vendored: Handling::Skip,
            generated: Handling::Skip,
            minified: Handling::Skip,
        }
    }
}

impl FilePolicy {
    pub fn handling(&self, context: FileContext) -> Handling {
        match context {
            FileContext::Code => Handling::All,
            FileContext::Test => self.tests,
            FileContext::Fixture => self.fixtures,
            FileContext::Example => self.examples,
            FileContext::Docs => self.docs,
            FileContext::Vendored => self.vendored,
            FileContext::Generated => self.generated,
            FileContext::Minified => self.minified,
        }
    }

    /// The `slopguard.toml` key that sets a kind's handling.
    pub fn key(context: FileContext) -> &'static str {
        match context {
            FileContext::Code => "code",
            FileContext::Test => "tests",
            FileContext::Fixture => "fixtures",
            FileContext::Example => "examples",
            FileContext::Docs => "docs",
            FileContext::Vendored => "vendored",
            FileContext::Generated => "generated",
            FileContext::Minified => "minified",
        }
    }
}

/// Files larger than this are skipped with a note unless `max-file-size` says otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 1024 * 1024;

/// One file's place in its project: its path below the root, the `.gitattributes` verdict for
/// it, the project's `[files]` policy and its `max-file-size`. The editor loads one per open
/// document; `check` makes the same decision per walked file.
#[derive(Debug, Clone)]
pub struct FileScope {
    /// Relative to the project root; `None` for a document without a path (shipped code).
    pub relative: Option<PathBuf>,
    pub attribute: Option<FileContext>,
    pub policy: FilePolicy,
    /// Texts longer than this many bytes are not analysed (`max-file-size`, as `check` reads it).
    pub max_size: u64,
}

impl Default for FileScope {
    fn default() -> Self {
        FileScope {
            relative: None,
            attribute: None,
            policy: FilePolicy::default(),
            max_size: DEFAULT_MAX_FILE_SIZE,
        }
    }
}

impl FileScope {
    /// The scope of `path` in the project rooted at `root`: its `.gitattributes`, and the
    /// project's `slopguard.toml` `[files]` policy and `max-file-size` as the caller read them
    /// (configuration belongs to the shells; the defaults when there is none or it is invalid).
    pub fn load(root: &Path, path: &Path, policy: FilePolicy, max_size: u64) -> FileScope {
        let Ok(relative) = path.strip_prefix(root) else {
            return FileScope::default();
        };
        FileScope {
            attribute: Attributes::read(root).context_of(relative),
            relative: Some(relative.to_path_buf()),
            policy,
            max_size,
        }
    }

    /// Why `text` is not analysed here, if it is over the size limit.
    pub fn too_large(&self, text: &str) -> Option<crate::analysis::Incomplete> {
        let size = text.len() as u64;
        (size > self.max_size).then_some(crate::analysis::Incomplete::TooLarge {
            size,
            limit: self.max_size,
        })
    }

    /// What kind of file `text` is here, and what is done with it.
    pub fn judge(&self, text: &str) -> (FileContext, Handling) {
        let kind = match &self.relative {
            Some(relative) => classify(relative, text, self.attribute),
            None => FileContext::Code,
        };
        (kind, self.policy.handling(kind))
    }

    /// The findings that stand in this file: none when its kind is skipped, only those of rules
    /// that matter in its kind when it is analysed as relevant, all otherwise. Findings of no
    /// rule (registry, dependencies) always stand.
    pub fn keep(
        &self,
        text: &str,
        mut findings: Vec<crate::finding::Finding>,
        rules: &crate::rules::RuleSet,
    ) -> Vec<crate::finding::Finding> {
        match self.judge(text) {
            (_, Handling::Skip) => findings.clear(),
            (kind, Handling::Relevant) if kind != FileContext::Code => findings.retain(|f| {
                rules
                    .get(&f.rule_id)
                    .is_none_or(|rule| rule.applies_in(kind))
            }),
            (FileContext::Code, _) => {
                if let Some(path) = &self.relative {
                    let tests = self.policy.tests;
                    retain_outside_inline_tests(path, text, tests, &mut findings, |f| f, rules);
                }
            }
            _ => {}
        }
        findings
    }
}

/// Drops the findings that lie inside Rust items compiled only for tests (`#[cfg(test)] mod
/// tests { ... }`, a `#[cfg(test)] fn`) of a shipped file, as the project's handling of test
/// files would: all of them when tests are skipped, those of rules that do not matter in tests
/// when tests are analysed as relevant (the default), none when tests get every rule.
pub fn retain_outside_inline_tests<T>(
    path: &Path,
    text: &str,
    tests: Handling,
    findings: &mut Vec<T>,
    finding: impl Fn(&T) -> &crate::finding::Finding,
    rules: &crate::rules::RuleSet,
) {
    let rust = path.extension().is_some_and(|e| e == "rs");
    if !rust || findings.is_empty() || tests == Handling::All || !may_mark_tests(text) {
        return;
    }
    let ranges = inline_test_ranges(text);
    if ranges.is_empty() {
        return;
    }
    findings.retain(|f| {
        let f = finding(f);
        let inside = ranges.iter().any(|r| r.contains(&f.span.start_byte));
        !inside
            || (tests == Handling::Relevant
                && rules
                    .get(&f.rule_id)
                    .is_none_or(|rule| rule.applies_in(FileContext::Test)))
    });
}

/// Byte ranges of the Rust items (attributes included) that `#[cfg(test)]` or
/// `#[cfg(all(test, ...))]` compiles only for tests, and the functions `#[test]` and its
/// async cousins mark as tests, at any depth of modules.
pub fn inline_test_ranges(text: &str) -> Vec<Range<usize>> {
    let Some(tree) = crate::analysis::parse(crate::lang::Language::Rust, text, None) else {
        return Vec::new();
    };
    let mut ranges = Vec::new();
    let mut lists = vec![tree.root_node()];
    while let Some(list) = lists.pop() {
        let mut test_only_from = None;
        let mut cursor = list.walk();
        for item in list.named_children(&mut cursor) {
            if item.kind() == "attribute_item" {
                let attribute: String = text[item.byte_range()]
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                if is_test_only_attribute(&attribute) {
                    test_only_from.get_or_insert(item.start_byte());
                }
                continue;
            }
            if item.kind() == "line_comment" || item.kind() == "block_comment" {
                continue;
            }
            match test_only_from.take() {
                Some(start) => ranges.push(start..item.end_byte()),
                None if item.kind() == "mod_item" => {
                    lists.extend(item.child_by_field_name("body"));
                }
                None => {}
            }
        }
    }
    ranges
}

/// Whether `text` may hold an attribute [`is_test_only_attribute`] accepts: the file is parsed
/// again only then, and a shipped file's every edit in the editor pays for that parse.
fn may_mark_tests(text: &str) -> bool {
    [
        "cfg(",
        "test]",
        "::test",
        "test(",
        "#[rstest",
        "#[test_case",
    ]
    .iter()
    .any(|marker| text.contains(marker))
}

/// `#[cfg(test)]`, `#[cfg(all(test, ...))]`, and the attributes that make a function a test
/// (`#[test]`, `#[tokio::test]`, `#[tokio::test(flavor = "multi_thread")]`, `#[rstest]`,
/// `#[test_case(...)]`), written without whitespace.
fn is_test_only_attribute(attribute: &str) -> bool {
    let Some(inner) = attribute
        .strip_prefix("#[")
        .and_then(|a| a.strip_suffix(']'))
    else {
        return false;
    };
    let path = inner.split('(').next().unwrap_or(inner);
    inner == "cfg(test)"
        || inner.starts_with("cfg(all(test,")
        || path == "test"
        || path.ends_with("::test")
        || path == "rstest"
        || path == "test_case"
}

/// How much of a file's start is searched for generated-code markers.
const MARKER_PROBE: usize = 1024;

/// The kind of the file at `path` (relative to the project root, so that the directories above
/// the project never count) holding `text`. `attributes` are the `.gitattributes` verdict for
/// the path, when known. The first matching kind wins, most specific first: a minified file
/// under `tests/` is minified.
pub fn classify(path: &Path, text: &str, attributes: Option<FileContext>) -> FileContext {
    if let Some(kind) = attributes {
        return kind;
    }
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let dirs: Vec<String> = path
        .parent()
        .into_iter()
        .flat_map(Path::components)
        .filter_map(|c| match c {
            Component::Normal(part) => part.to_str().map(str::to_ascii_lowercase),
            _ => None,
        })
        .collect();
    let in_dir = |names: &[&str]| dirs.iter().any(|d| names.contains(&d.as_str()));

    if name.contains(".min.") || name.ends_with("-min.js") || looks_minified(&name, text) {
        return FileContext::Minified;
    }
    if in_dir(&[
        "vendor",
        "vendored",
        "third_party",
        "third-party",
        "thirdparty",
        "node_modules",
        "bower_components",
        // pip's, setuptools' and pkg_resources' copies of their dependencies.
        "_vendor",
    ]) {
        return FileContext::Vendored;
    }
    let head = &text[..floor_char_boundary(text, MARKER_PROBE)];
    // A Python package may have a module folder named `build` (pip's `operations/build/`); a
    // build's output sits at the project's top.
    let output_dir = match name.ends_with(".py") {
        true => dirs.first().is_some_and(|d| d == "build" || d == "dist"),
        false => in_dir(&["dist", "build"]),
    };
    if head.contains("@generated")
        || head.contains("DO NOT EDIT")
        || head.contains("automatically generated by rust-bindgen")
        || output_dir
    {
        return FileContext::Generated;
    }
    if in_dir(&[
        "fixtures",
        "fixture",
        "__fixtures__",
        "testdata",
        "test_data",
        "test-data",
        "__mocks__",
        "mocks",
    ]) {
        return FileContext::Fixture;
    }
    let stem = name.split('.').next().unwrap_or_default();
    let test_file = name == "conftest.py"
        // Django's per-app `tests.py`.
        || name == "tests.py"
        || (name.ends_with(".py") && (stem.starts_with("test_") || stem.ends_with("_test")))
        || stem.ends_with("_test") && name.ends_with(".rs")
        // `#[cfg(test)] mod tests;` keeps a Rust module's tests in `tests.rs` (or `test.rs`).
        || name == "tests.rs"
        || name == "test.rs"
        || [".test.", ".spec.", "_spec.", "-spec.", "-test."]
            .iter()
            .any(|infix| name.contains(infix));
    // Celery's and Perl's `t/unit/`, `t/integration/`.
    let t_dir = dirs.windows(2).any(|pair| {
        pair[0] == "t" && matches!(pair[1].as_str(), "unit" | "integration" | "functional")
    });
    if test_file
        || t_dir
        || (name.ends_with(".py") && imports_test_harness(text))
        || in_dir(&[
            "tests",
            "test",
            "__tests__",
            "testing",
            "spec",
            "specs",
            "e2e",
            "benches",
        ])
    {
        return FileContext::Test;
    }
    if in_dir(&["examples", "example", "samples", "sample", "demo", "demos"]) {
        return FileContext::Example;
    }
    // `docs_src/`: the example programs documentation pages include (FastAPI, Typer, SQLModel).
    if in_dir(&["docs", "doc", "documentation", "docs_src"])
        || [".md", ".rst", ".adoc", ".markdown"]
            .iter()
            .any(|ext| name.ends_with(ext))
    {
        return FileContext::Docs;
    }
    FileContext::Code
}

/// How much of a Python file's start is searched for module-level imports of a test harness.
const IMPORT_PROBE: usize = 16 * 1024;

/// A Python module that imports pytest or a module of a package named `testing` at module level
/// is test support (SQLAlchemy's per-dialect `provision.py` plugs into its `testing` harness to
/// create and drop the test databases; a pytest plugin shipped in a package), wherever it sits.
/// An import indented under a function or `if TYPE_CHECKING:` does not count: shipped code
/// reaches for its test client that way (`flask/app.py`).
fn imports_test_harness(text: &str) -> bool {
    text[..floor_char_boundary(text, IMPORT_PROBE)]
        .lines()
        .any(|line| {
            let module = match (line.strip_prefix("import "), line.strip_prefix("from ")) {
                (Some(rest), _) => rest,
                (None, Some(rest)) => rest.split(" import").next().unwrap_or_default(),
                (None, None) => return false,
            };
            let module = module.trim();
            module == "pytest"
                || module.starts_with("pytest.")
                || module
                    .trim_start_matches('.')
                    .split('.')
                    .any(|part| part == "testing")
        })
}

/// A bundled or minified script: JavaScript or CSS whose lines average over 300 characters, or
/// with a line over 5,000 characters in its first part. Hand-written code has neither.
fn looks_minified(name: &str, text: &str) -> bool {
    let script = [".js", ".mjs", ".cjs", ".css"]
        .iter()
        .any(|ext| name.ends_with(ext));
    if !script || text.len() < 2_000 {
        return false;
    }
    let lines = text.lines().count().max(1);
    text.len() / lines > 300 || text.lines().take(50).any(|line| line.len() > 5_000)
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    if index >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// `.gitattributes` of a project root, read for `linguist-vendored` and `linguist-generated`
/// (the attributes GitHub uses to leave files out of language statistics and diffs).
#[derive(Debug, Clone, Default)]
pub struct Attributes {
    patterns: Vec<(globset::GlobMatcher, FileContext)>,
}

impl Attributes {
    /// Reads `root/.gitattributes`; none, unreadable or unparsable lines mean no verdicts.
    pub fn read(root: &Path) -> Attributes {
        let Ok(text) = std::fs::read_to_string(root.join(".gitattributes")) else {
            return Attributes::default();
        };
        Attributes::parse(&text)
    }

    pub fn parse(text: &str) -> Attributes {
        let mut patterns = Vec::new();
        for line in text.lines() {
            let mut words = line.split_whitespace();
            let Some(pattern) = words.next().filter(|p| !p.starts_with('#')) else {
                continue;
            };
            let kind = words.find_map(|attribute| match attribute {
                "linguist-vendored" | "linguist-vendored=true" => Some(FileContext::Vendored),
                "linguist-generated" | "linguist-generated=true" => Some(FileContext::Generated),
                _ => None,
            });
            let Some(kind) = kind else { continue };
            // A pattern without a slash matches at any depth, as in gitignore.
            let glob = match pattern.trim_start_matches('/') {
                p if !pattern.contains('/') => format!("**/{p}"),
                p => p.to_string(),
            };
            if let Ok(glob) = globset::GlobBuilder::new(&glob)
                .literal_separator(true)
                .build()
            {
                patterns.push((glob.compile_matcher(), kind));
            }
        }
        Attributes { patterns }
    }

    /// The verdict for a path relative to the root; the last matching line wins, as in git.
    pub fn context_of(&self, path: &Path) -> Option<FileContext> {
        self.patterns
            .iter()
            .rev()
            .find(|(glob, _)| glob.is_match(path))
            .map(|(_, kind)| *kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(path: &str) -> FileContext {
        classify(Path::new(path), "x = 1\n", None)
    }

    #[test]
    fn paths_follow_each_ecosystems_conventions() {
        use FileContext::*;
        for (path, expected) in [
            ("src/app.py", Code),
            ("src/flask/testing.py", Code),
            ("tests/test_app.py", Test),
            ("pkg/test_utils.py", Test),
            ("pkg/utils_test.py", Test),
            ("conftest.py", Test),
            ("src/__tests__/a.tsx", Test),
            ("src/button.spec.ts", Test),
            ("src/button.test.js", Test),
            ("crate/tests/client.rs", Test),
            ("tests/fixtures/key.pem", Fixture),
            ("examples/tutorial/app.py", Example),
            ("docs/config.rst", Docs),
            ("docs_src/security/tutorial004.py", Docs),
            ("README.md", Docs),
            ("vendor/lib.js", Vendored),
            ("a/node_modules/x/index.js", Vendored),
            ("third_party/x.py", Vendored),
            ("dist/bundle.js", Generated),
            ("packages/ui/dist/index.js", Generated),
            ("build/lib/pkg/app.py", Generated),
            // A package's own module folder named `build`.
            ("pip/_internal/operations/build/wheel.py", Code),
            ("pip/_vendor/distlib/wheel.py", Vendored),
            ("src/client/tests.rs", Test),
            ("src/client/test.rs", Test),
            ("src/client/testing.rs", Code),
            ("allauth/socialaccount/providers/apple/tests.py", Test),
            ("t/unit/security/__init__.py", Test),
            ("pkg/t/integration/test_x.py", Test),
            ("pkg/t/helpers.py", Code),
            ("static/jquery.min.js", Minified),
        ] {
            assert_eq!(kind(path), expected, "{path}");
        }
    }

    #[test]
    fn python_modules_importing_a_test_harness_are_test_support() {
        let kind_of =
            |text: &str| classify(Path::new("lib/pkg/dialects/pg/provision.py"), text, None);
        for harness in [
            "from ...testing.provision import create_db\n",
            "import os\nfrom ..testing import fixtures\n",
            "import pytest\n",
            "from pytest import fixture\n",
            "from click.testing import CliRunner\n",
        ] {
            assert_eq!(kind_of(harness), FileContext::Test, "{harness}");
        }
        for shipped in [
            // Under `if TYPE_CHECKING:` or inside a function: the app reaching for its test client.
            "if t.TYPE_CHECKING:\n    from .testing import FlaskClient\n",
            "def test_client(self):\n    from .testing import FlaskClient\n",
            "import pytesting\nfrom .testing_utils import x\n",
            "# from ..testing import fixtures\nimport os\n",
        ] {
            assert_eq!(kind_of(shipped), FileContext::Code, "{shipped}");
        }
        // Only Python's imports are read.
        assert_eq!(
            classify(Path::new("src/a.js"), "import pytest\n", None),
            FileContext::Code
        );
    }

    #[test]
    fn markers_and_shape_are_read() {
        let generated = "// Code generated by protoc. DO NOT EDIT.\nfn a() {}\n";
        assert_eq!(
            classify(Path::new("src/a.rs"), generated, None),
            FileContext::Generated
        );
        let bindings =
            "/* automatically generated by rust-bindgen 0.69.4 */\npub const A: u32 = 1;\n";
        assert_eq!(
            classify(Path::new("src/bindings.rs"), bindings, None),
            FileContext::Generated
        );
        let bundle = format!("!function(){{{}}}();\n", "var a=1;".repeat(1_000));
        assert_eq!(
            classify(Path::new("static/app.js"), &bundle, None),
            FileContext::Minified
        );
        // Long lines in Python are not minification.
        assert_eq!(
            classify(Path::new("src/table.py"), &bundle, None),
            FileContext::Code
        );
    }

    #[test]
    fn rust_items_compiled_only_for_tests_are_found_at_any_depth() {
        let text = "fn shipped() {}\n\
                    #[cfg(test)]\n\
                    mod tests {\n    fn helper() {}\n}\n\
                    mod proxy {\n    #[cfg(all(test, feature = \"x\"))]\n    fn fixture() {}\n    \
                    #[cfg(any(test, feature = \"y\"))]\n    fn shared() {}\n}\n";
        let found: Vec<&str> = inline_test_ranges(text)
            .into_iter()
            .map(|r| text[r].lines().last().unwrap_or_default().trim())
            .collect();
        assert_eq!(found, vec!["}", "fn fixture() {}"]);
        let tests = &text[inline_test_ranges(text)[0].clone()];
        assert!(tests.starts_with("#[cfg(test)]") && tests.contains("fn helper()"));
    }

    #[test]
    fn rust_test_functions_outside_a_test_module_are_test_code() {
        let text = "pub fn parse(u: &str) {}\n\
                    #[test]\nfn parses() { let p = \"hunter\"; }\n\
                    #[tokio::test(flavor = \"multi_thread\")]\nasync fn fetches() {}\n\
                    #[rstest]\nfn cases() {}\n\
                    #[testing]\nfn shipped() {}\n";
        let found: Vec<&str> = inline_test_ranges(text)
            .into_iter()
            .map(|r| text[r].lines().last().unwrap_or_default())
            .collect();
        assert_eq!(
            found,
            vec![
                "fn parses() { let p = \"hunter\"; }",
                "async fn fetches() {}",
                "fn cases() {}"
            ]
        );
    }
    #[test]
    fn the_editor_keeps_a_shipped_rust_files_test_module_to_the_test_rules() {
        let text = "pub fn bits(b: u32) -> f32 {\n    unsafe { std::mem::transmute(b) }\n}\n\
                    #[cfg(test)]\nmod tests {\n    fn bits(b: u32) -> f32 {\n        \
                    unsafe { std::mem::transmute(b) }\n    }\n}\n";
        let transmute_lines = |scope: &FileScope| -> Vec<u32> {
            let findings = crate::analysis::analyze(crate::lang::Language::Rust, text);
            scope
                .keep(text, findings, crate::rules::RuleSet::builtin())
                .iter()
                .filter(|f| &*f.rule_id == "rust.transmute")
                .map(|f| f.span.start.line)
                .collect()
        };
        let mut scope = FileScope {
            relative: Some(PathBuf::from("src/lib.rs")),
            ..FileScope::default()
        };
        assert_eq!(transmute_lines(&scope), vec![1]);
        scope.policy.tests = Handling::All;
        assert_eq!(transmute_lines(&scope), vec![1, 6]);
    }

    #[test]
    fn gitattributes_mark_vendored_and_generated_paths() {
        let attributes = Attributes::parse(
            "# comment\n*.pb.go linguist-generated\nassets/lib/** linguist-vendored=true\n*.py text\n",
        );
        assert_eq!(
            attributes.context_of(Path::new("api/x.pb.go")),
            Some(FileContext::Generated)
        );
        assert_eq!(
            attributes.context_of(Path::new("assets/lib/a/b.js")),
            Some(FileContext::Vendored)
        );
        assert_eq!(attributes.context_of(Path::new("src/app.py")), None);
    }
}
