use super::*;
use crate::finding::{Fix, PackageRef};
use crate::lang::Language;
use crate::rules::{Confidence, Severity};
use crate::text::LineIndex;
use std::str::FromStr;
use tower_lsp_server::ls_types::Position;

fn finding(text: &str, needle: &str, rule: &str, category: Category) -> Finding {
    let start = text.find(needle).unwrap();
    Finding {
        rule_id: rule.into(),
        category,
        severity: Severity::Warning,
        confidence: Confidence::High,
        message: "m".into(),
        span: LineIndex::new(text).span(start, start + needle.len()),
        cwe: vec![].into(),
        fix: None,
        package: None,
        flow: None,
        advisory: None,
    }
}

fn with_fix(mut f: Finding, text: &str, replacement: &str, safe: bool) -> Finding {
    f.fix = Some(Fix {
        span: f.span,
        replacement: replacement.into(),
        safe,
    });
    let _ = text;
    f
}

/// Applies the edits of one file to `text` (LSP semantics: all ranges refer to the original).
fn apply(text: &str, edits: &[TextEdit]) -> String {
    let lines = LineStarts::new(text);
    let mut edits: Vec<_> = edits
        .iter()
        .map(|e| {
            (
                lines.offset(text, e.range.start),
                lines.offset(text, e.range.end),
                e.new_text.clone(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (start, end, new) in edits {
        out.replace_range(start..end, &new);
    }
    out
}

struct Fixture {
    uri: Uri,
    text: String,
    lines: LineStarts,
    rules: RuleSet,
}

impl Fixture {
    fn new(text: &str) -> Fixture {
        Fixture {
            uri: Uri::from_str("file:///w/app.py").unwrap(),
            text: text.into(),
            lines: LineStarts::new(text),
            rules: RuleSet::new(vec![]).unwrap(),
        }
    }

    fn cx<'a>(&'a self, kind: FileKind, config: Option<&'a Path>) -> ActionContext<'a> {
        ActionContext {
            uri: &self.uri,
            kind,
            text: &self.text,
            lines: &self.lines,
            rules: &self.rules,
            config_path: config,
        }
    }
}

fn actions(
    cx: &ActionContext<'_>,
    findings: &[Finding],
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeAction> {
    let everything = Range::new(Position::new(0, 0), Position::new(99, 0));
    code_actions(cx, findings, everything, only)
        .into_iter()
        .map(|a| match a {
            CodeActionOrCommand::CodeAction(a) => a,
            CodeActionOrCommand::Command(_) => panic!("commands are never returned"),
        })
        .collect()
}

fn edits_of<'a>(action: &'a CodeAction, uri: &Uri) -> &'a [TextEdit] {
    &action.edit.as_ref().unwrap().changes.as_ref().unwrap()[uri]
}

#[test]
fn rule_fix_and_ignore_actions_edit_the_right_text() {
    let text = "import yaml\ncfg = yaml.load(data)  # read it\n";
    let fx = Fixture::new(text);
    let f = with_fix(
        finding(text, "load", "python.yaml-load", Category::InsecureCode),
        text,
        "safe_load",
        true,
    );
    let cx = fx.cx(Language::Python.into(), None);
    let all = actions(&cx, &[f], None);
    let titles: Vec<_> = all.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Fix python.yaml-load: replace with `safe_load`",
            "Ignore python.yaml-load on this line"
        ]
    );
    assert_eq!(all[0].is_preferred, Some(true));
    assert_eq!(
        apply(text, edits_of(&all[0], &fx.uri)),
        "import yaml\ncfg = yaml.safe_load(data)  # read it\n"
    );
    assert_eq!(
        apply(text, edits_of(&all[1], &fx.uri)),
        "import yaml\ncfg = yaml.load(data)  # read it  # slopguard: ignore[python.yaml-load]\n"
    );
}

#[test]
fn ignore_uses_the_language_comment_and_extends_an_existing_list() {
    let text = "el.innerHTML = x; // slopguard: ignore[js.other]\r\nnext();\n";
    let fx = Fixture::new(text);
    let f = finding(
        text,
        "el.innerHTML",
        "js.inner-html",
        Category::InsecureCode,
    );
    let all = actions(
        &fx.cx(Language::JavaScript.into(), None),
        std::slice::from_ref(&f),
        None,
    );
    assert_eq!(
        apply(text, edits_of(&all[0], &fx.uri)),
        "el.innerHTML = x; // slopguard: ignore[js.other, js.inner-html]\r\nnext();\n"
    );
    let plain = "el.innerHTML = x;\n";
    let fx = Fixture::new(plain);
    let f = finding(
        plain,
        "el.innerHTML",
        "js.inner-html",
        Category::InsecureCode,
    );
    let all = actions(&fx.cx(Language::TypeScript.into(), None), &[f], None);
    assert_eq!(
        apply(plain, edits_of(&all[0], &fx.uri)),
        "el.innerHTML = x;  // slopguard: ignore[js.inner-html]\n"
    );
    let ignored = "x  // slopguard: ignore[js.inner-html]\n";
    let fx = Fixture::new(ignored);
    let f = finding(ignored, "x", "js.inner-html", Category::InsecureCode);
    assert!(actions(&fx.cx(Language::JavaScript.into(), None), &[f], None).is_empty());
}

#[test]
fn package_replacement_and_fix_all() {
    let text = "import reqests\nimport yaml\nyaml.load(a)\nyaml.load(b)\n";
    let fx = Fixture::new(text);
    let mut typo = with_fix(
        finding(text, "reqests", "typosquat", Category::Typosquat),
        text,
        "requests",
        false,
    );
    typo.package = Some(PackageRef {
        ecosystem: "pypi".into(),
        name: "reqests".into(),
        version: None,
    });
    let a = with_fix(
        finding(text, "load(a)", "p.load", Category::InsecureCode),
        text,
        "safe_load(a)",
        true,
    );
    let b = with_fix(
        finding(text, "load(b)", "p.load", Category::InsecureCode),
        text,
        "safe_load(b)",
        true,
    );
    let findings = [typo, a, b];
    let cx = fx.cx(Language::Python.into(), None);
    let all = actions(&cx, &findings, None);
    assert_eq!(all[0].title, "Replace with requests");
    assert_eq!(all[0].is_preferred, Some(false));
    assert!(
        all.iter()
            .all(|a| a.kind != Some(CodeActionKind::from(FIX_ALL)))
    );
    let only = [CodeActionKind::SOURCE_FIX_ALL];
    let fix_all = actions(&cx, &findings, Some(&only));
    assert_eq!(fix_all.len(), 1);
    assert_eq!(
        apply(text, edits_of(&fix_all[0], &fx.uri)),
        "import reqests\nimport yaml\nyaml.safe_load(a)\nyaml.safe_load(b)\n",
        "fix-all applies only safe fixes"
    );
}

#[test]
fn allow_adds_the_package_to_slopguard_toml() {
    assert_eq!(
        allow_insertion("", "\"left-pad\"").unwrap().1,
        "\n[dependencies]\nallow = [\"left-pad\"]\n"
    );
    let cases = [
        (
            "[dependencies]\nallow = []\n",
            "[dependencies]\nallow = [\"x\"]\n",
        ),
        (
            "[dependencies]\nallow = [\"a\"]\n",
            "[dependencies]\nallow = [\"a\", \"x\"]\n",
        ),
        (
            "[dependencies]\nallow = [\n  \"a\",\n]\n",
            "[dependencies]\nallow = [\n  \"a\", \"x\"\n]\n",
        ),
        (
            "[dependencies]\n# c\n",
            "[dependencies]\nallow = [\"x\"]\n# c\n",
        ),
        (
            "[rules]\nextra-dirs = []",
            "[rules]\nextra-dirs = []\n\n[dependencies]\nallow = [\"x\"]\n",
        ),
    ];
    for (before, after) in cases {
        let (offset, insert) = allow_insertion(before, "\"x\"").unwrap();
        let mut text = before.to_string();
        text.insert_str(offset, &insert);
        assert_eq!(text, after, "from {before:?}");
        let parsed: AllowFile = toml::from_str(&text).unwrap();
        assert!(
            parsed
                .dependencies
                .unwrap()
                .allow
                .unwrap()
                .get_ref()
                .contains(&"x".to_string())
        );
    }
    assert!(allow_insertion("[dependencies]\nallow = [\"x\"]\n", "\"x\"").is_none());
    assert!(allow_insertion("dependencies.other = 1\n", "\"x\"").is_none());
    assert!(allow_insertion("not toml [", "\"x\"").is_none());

    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("slopguard.toml");
    let text = "import leftpad\n";
    let fx = Fixture::new(text);
    let mut dep = finding(text, "leftpad", "new-dependency", Category::NewDependency);
    dep.package = Some(PackageRef {
        ecosystem: "pypi".into(),
        name: "leftpad".into(),
        version: None,
    });
    let all = actions(&fx.cx(Language::Python.into(), Some(&config)), &[dep], None);
    assert_eq!(all[0].title, "Allow leftpad");
    let edit = all[0].edit.as_ref().unwrap();
    let Some(DocumentChanges::Operations(ops)) = &edit.document_changes else {
        panic!("a missing config is created: {edit:?}");
    };
    assert!(matches!(
        ops[0],
        DocumentChangeOperation::Op(ResourceOp::Create(_))
    ));
}
