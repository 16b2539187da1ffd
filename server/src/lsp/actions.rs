//! Code actions for visible findings: rule fixes, "Ignore `<rule>` on this line", "Replace with
//! `<package>`", "Allow `<package>`" and `source.fixAll.slopguard`.
//!
//! Everything is derived from `Finding` fields, whatever produced the finding: a `fix` is a
//! quick fix; a fix on a hallucinated or typosquatted package is a package replacement; a
//! `new-dependency` finding with a `package` can be allowed in `slopguard.toml`.

use super::diagnostics::to_diagnostic;
use super::position::{LineStarts, ranges_touch};
use crate::analysis::FileKind;
use crate::finding::Finding;
use crate::rules::{Category, RuleSet};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CreateFile, CreateFileOptions,
    DocumentChangeOperation, DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier,
    Range, ResourceOp, TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

/// The kind of the fix-everything action, as editors request it on save.
pub const FIX_ALL: &str = "source.fixAll.slopguard";

/// The marker of a suppression comment: `# slopguard: ignore[rule-id]`.
pub const SUPPRESSION_MARKER: &str = "slopguard: ignore[";

/// The document a code action request is about.
pub struct ActionContext<'a> {
    pub uri: &'a Uri,
    pub kind: FileKind,
    pub text: &'a str,
    pub lines: &'a LineStarts,
    pub rules: &'a RuleSet,
    /// Where `slopguard.toml` lives, if the workspace has a root.
    pub config_path: Option<&'a Path>,
}

/// The code actions for `range`, restricted to the kinds in `only` (all kinds when `None`).
pub fn code_actions(
    cx: &ActionContext<'_>,
    findings: &[Finding],
    range: Range,
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeActionOrCommand> {
    let wants = |kind: &str| match only {
        None => kind != FIX_ALL,
        Some(only) => only.iter().any(|o| {
            let o = o.as_str();
            kind == o || kind.starts_with(&format!("{o}."))
        }),
    };
    let mut actions = Vec::new();
    if wants(CodeActionKind::QUICKFIX.as_str()) {
        for finding in findings {
            let finding_range =
                cx.lines
                    .range(cx.text, finding.span.start_byte, finding.span.end_byte);
            if !ranges_touch(finding_range, range) {
                continue;
            }
            let diagnostic = to_diagnostic(finding, cx.text, cx.lines, cx.rules, Some(cx.uri));
            let mut quick = |title: String, edit: WorkspaceEdit, preferred: bool| {
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic.clone()]),
                    edit: Some(edit),
                    is_preferred: Some(preferred),
                    ..CodeAction::default()
                }))
            };
            if let Some(fix) = &finding.fix {
                let edit = TextEdit::new(
                    cx.lines
                        .range(cx.text, fix.span.start_byte, fix.span.end_byte),
                    fix.replacement.clone(),
                );
                let title = match (&finding.package, finding.category) {
                    (Some(_), Category::HallucinatedPackage | Category::Typosquat) => {
                        format!("Replace with {}", fix.replacement)
                    }
                    (Some(package), Category::VulnerableDependency) => {
                        let fixed = finding.advisory.as_ref().and_then(|a| a.fixed.as_deref());
                        format!(
                            "Upgrade {} to {} (`{}`)",
                            package.name,
                            fixed.unwrap_or("the fixed version"),
                            fix.replacement
                        )
                    }
                    _ => format!(
                        "Fix {}: replace with `{}`",
                        finding.rule_id,
                        shorten(&fix.replacement)
                    ),
                };
                quick(title, single_file_edit(cx.uri, vec![edit]), fix.safe);
            }
            if finding.category == Category::NewDependency
                && let (Some(package), Some(config)) = (&finding.package, cx.config_path)
                && let Some(edit) = allow_edit(config, &package.name)
            {
                quick(format!("Allow {}", package.name), edit, false);
            }
            if let Some(edit) = ignore_edit(cx, finding) {
                quick(
                    format!("Ignore {} on this line", finding.rule_id),
                    single_file_edit(cx.uri, vec![edit]),
                    false,
                );
            }
        }
    }
    if wants(FIX_ALL)
        && let Some(action) = fix_all(cx, findings)
    {
        actions.push(CodeActionOrCommand::CodeAction(action));
    }
    actions
}

/// Every safe fix of the document at once, skipping fixes that overlap an earlier one.
fn fix_all(cx: &ActionContext<'_>, findings: &[Finding]) -> Option<CodeAction> {
    let mut edits = Vec::new();
    let mut end_of_last = 0;
    for fix in findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .filter(|f| f.safe)
    {
        if fix.span.start_byte < end_of_last {
            continue;
        }
        end_of_last = fix.span.end_byte;
        edits.push(TextEdit::new(
            cx.lines
                .range(cx.text, fix.span.start_byte, fix.span.end_byte),
            fix.replacement.clone(),
        ));
    }
    (!edits.is_empty()).then(|| CodeAction {
        title: "Fix all safe slopguard findings".into(),
        kind: Some(CodeActionKind::from(FIX_ALL)),
        edit: Some(single_file_edit(cx.uri, edits)),
        ..CodeAction::default()
    })
}

/// Appends `<comment> slopguard: ignore[rule]` to the line the finding starts on, or adds the
/// rule to a suppression comment already there.
fn ignore_edit(cx: &ActionContext<'_>, finding: &Finding) -> Option<TextEdit> {
    let line = cx.lines.line_of(finding.span.start_byte);
    let (start, end) = cx.lines.line_range(cx.text, line)?;
    let line_text = cx.text[start..end].trim_end_matches('\r');
    let end = start + line_text.len();
    if let Some(marker) = line_text.find(SUPPRESSION_MARKER) {
        let list_start = marker + SUPPRESSION_MARKER.len();
        let close = list_start + line_text[list_start..].find(']')?;
        let listed = &line_text[list_start..close];
        if listed.split(',').any(|id| id.trim() == &*finding.rule_id) {
            return None;
        }
        let at = cx.lines.position(cx.text, start + close);
        return Some(TextEdit::new(
            Range::new(at, at),
            format!(", {}", finding.rule_id),
        ));
    }
    let comment = cx.kind.language().map_or("#", |l| l.line_comment());
    let at = cx.lines.position(cx.text, end);
    let gap = if line_text.trim().is_empty() {
        ""
    } else {
        "  "
    };
    Some(TextEdit::new(
        Range::new(at, at),
        format!("{gap}{comment} {SUPPRESSION_MARKER}{}]", finding.rule_id),
    ))
}

/// The table and key of `slopguard.toml` that list dependencies allowed without review.
pub const ALLOW_TABLE: &str = "dependencies";
pub const ALLOW_KEY: &str = "allow";

#[derive(Deserialize)]
struct AllowFile {
    dependencies: Option<AllowTable>,
}

#[derive(Deserialize)]
struct AllowTable {
    allow: Option<toml::Spanned<Vec<String>>>,
}

/// The edit that adds `name` to `[dependencies] allow` in the config file at `path` (creating
/// it when missing). `None` when it is already allowed or the file cannot be edited safely.
pub fn allow_edit(path: &Path, name: &str) -> Option<WorkspaceEdit> {
    let uri = Uri::from_file_path(path)?;
    let quoted = serde_json::to_string(name).ok()?;
    let Ok(existing) = std::fs::read_to_string(path) else {
        let text = format!("[{ALLOW_TABLE}]\n{ALLOW_KEY} = [{quoted}]\n");
        return Some(WorkspaceEdit {
            document_changes: Some(DocumentChanges::Operations(vec![
                DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
                    uri: uri.clone(),
                    options: Some(CreateFileOptions {
                        overwrite: Some(false),
                        ignore_if_exists: Some(true),
                    }),
                    annotation_id: None,
                })),
                DocumentChangeOperation::Edit(text_document_edit(uri, &text)),
            ])),
            ..WorkspaceEdit::default()
        });
    };
    let (offset, insert) = allow_insertion(&existing, &quoted)?;
    let lines = LineStarts::new(&existing);
    let at = lines.position(&existing, offset);
    Some(single_file_edit(
        &uri,
        vec![TextEdit::new(Range::new(at, at), insert)],
    ))
}

/// Where and what to insert into an existing config so that it allows `quoted`.
fn allow_insertion(existing: &str, quoted: &str) -> Option<(usize, String)> {
    let parsed: AllowFile = toml::from_str(existing).ok()?;
    let name: String = serde_json::from_str(quoted).ok()?;
    match parsed.dependencies {
        Some(AllowTable { allow: Some(list) }) => {
            if list.get_ref().contains(&name) {
                return None;
            }
            let span = list.span();
            let close = span.start + existing[span.clone()].rfind(']')?;
            let before = existing[span.start..close].trim_end();
            let insert = match before.chars().last() {
                Some('[') => quoted.to_string(),
                Some(',') => format!(" {quoted}"),
                _ => format!(", {quoted}"),
            };
            Some((span.start + before.len(), insert))
        }
        Some(AllowTable { allow: None }) => {
            let header = format!("[{ALLOW_TABLE}]");
            let mut offset = 0;
            for line in existing.split_inclusive('\n') {
                offset += line.len();
                if line.trim() == header {
                    let newline = if line.ends_with('\n') { "" } else { "\n" };
                    return Some((offset, format!("{newline}{ALLOW_KEY} = [{quoted}]\n")));
                }
            }
            // A dotted or inline table: not safe to edit as text.
            None
        }
        None => {
            let newline = if existing.is_empty() || existing.ends_with('\n') {
                ""
            } else {
                "\n"
            };
            Some((
                existing.len(),
                format!("{newline}\n[{ALLOW_TABLE}]\n{ALLOW_KEY} = [{quoted}]\n"),
            ))
        }
    }
}

fn text_document_edit(uri: Uri, text: &str) -> TextDocumentEdit {
    let start = tower_lsp_server::ls_types::Position::new(0, 0);
    TextDocumentEdit {
        text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
        edits: vec![OneOf::Left(TextEdit::new(
            Range::new(start, start),
            text.to_string(),
        ))],
    }
}

fn single_file_edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

fn shorten(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    if line.chars().count() > 40 || line.len() < text.len() {
        format!("{}…", line.chars().take(40).collect::<String>())
    } else {
        line.to_string()
    }
}

#[cfg(test)]
#[path = "actions_tests.rs"]
mod tests;
