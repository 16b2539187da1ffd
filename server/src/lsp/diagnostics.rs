//! Findings of one document, per source, and their conversion to LSP diagnostics.
//!
//! A document's findings come from several sources: the rule engine (`code`, computed on every
//! edit) and background passes (registry and new-dependency checks) that may finish later, each
//! for the version it saw. [`visible`] merges them into one list in the current text's terms;
//! every publish carries exactly that list and the document version.

use super::baseline::ChangedLines;
use super::config::Settings;
use super::position::LineStarts;
use crate::analysis::Incomplete;
use crate::finding::Finding;
use crate::rules::{RuleSet, Severity};
use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;
use std::sync::{Arc, LazyLock, Mutex};
use tower_lsp_server::ls_types;
use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Range, Uri,
};

/// The `source` of every diagnostic slopguard publishes.
pub const SOURCE: &str = "slopguard";

/// Findings one source produced for one version of a document, with that version's text so
/// their byte spans can be checked against later versions.
#[derive(Debug, Clone)]
pub struct SourceFindings {
    pub version: i32,
    pub text: Arc<String>,
    pub findings: Vec<Finding>,
}

/// Everything known about a document's findings.
#[derive(Debug, Default)]
pub struct DocFindings {
    /// From the rule engine. Only shown for the document's current version.
    pub code: Option<SourceFindings>,
    /// From background passes, by pass name.
    pub extra: BTreeMap<String, SourceFindings>,
    /// Lines that differ from HEAD, for the version in `code`.
    pub changed: Option<(i32, ChangedLines)>,
}

/// The findings to show for the document at `version` with text `text`: code findings of exactly
/// this version, plus background findings whose text is unchanged at their span (a pass that
/// resolved for an older version still counts when the edit was elsewhere, and is dropped until
/// the pass runs again otherwise). Severity overrides and `onlyChangedLines` are applied here,
/// so publishing, code actions and hovers agree.
pub fn visible(
    findings: &DocFindings,
    version: i32,
    text: &str,
    lines: &LineStarts,
    settings: &Settings,
) -> Vec<Finding> {
    visible_borrowed(findings, version, text, lines, settings)
        .into_iter()
        .map(|(finding, severity)| Finding {
            severity,
            ..finding.clone()
        })
        .collect()
}

/// [`visible`] without copying the findings: each with the severity the settings give it.
/// Publishing reads them once, after every edit, hundreds at a time.
pub fn visible_borrowed<'a>(
    findings: &'a DocFindings,
    version: i32,
    text: &str,
    lines: &LineStarts,
    settings: &Settings,
) -> Vec<(&'a Finding, Severity)> {
    let mut out: Vec<&Finding> = Vec::new();
    if let Some(code) = findings.code.as_ref().filter(|c| c.version == version) {
        out.extend(code.findings.iter());
    }
    for source in findings.extra.values() {
        out.extend(
            source
                .findings
                .iter()
                .filter(|f| source.version == version || same_text_at(&source.text, text, f)),
        );
    }
    let changed = match &findings.changed {
        Some((v, changed)) if *v == version && settings.only_changed_lines => Some(changed),
        _ => None,
    };
    let mut out: Vec<(&Finding, Severity)> = out
        .into_iter()
        .filter_map(|finding| {
            let severity = settings.severity_of(&finding.rule_id, finding.severity)?;
            changed
                .is_none_or(|changed| {
                    changed.touches(
                        lines.line_of(finding.span.start_byte),
                        lines.line_of(finding.span.end_byte),
                    )
                })
                .then_some((finding, severity))
        })
        .collect();
    out.sort_by_key(|(f, _)| (f.span.start_byte, f.span.end_byte));
    out
}

fn same_text_at(old: &str, new: &str, finding: &Finding) -> bool {
    let range = finding.span.start_byte..finding.span.end_byte;
    match (old.get(range.clone()), new.get(range)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// The LSP diagnostic for a finding in `text`, the document at `uri` (a data-flow finding's path
/// becomes its related information when the document is known).
pub fn to_diagnostic(
    finding: &Finding,
    text: &str,
    lines: &LineStarts,
    rules: &RuleSet,
    uri: Option<&Uri>,
) -> Diagnostic {
    WireDiagnostic::new(finding, finding.severity, text, lines, rules, uri).into()
}

/// The diagnostic of a finding, serialized from borrowed parts: a
/// publish carries every finding of the document after every edit (1,600 in a 20,000-line
/// file), and building each `Diagnostic`'s strings only to serialize and drop them was a
/// tenth of the server's work. Serializes to the same JSON (a test holds them equal).
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WireDiagnostic<'a> {
    range: Range,
    severity: DiagnosticSeverity,
    code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    code_description: Option<Href>,
    source: &'static str,
    message: Message<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    related_information: Option<Vec<DiagnosticRelatedInformation>>,
}

impl<'a> WireDiagnostic<'a> {
    pub fn new(
        finding: &'a Finding,
        severity: Severity,
        text: &str,
        lines: &LineStarts,
        rules: &RuleSet,
        uri: Option<&Uri>,
    ) -> Self {
        WireDiagnostic {
            range: lines.range(text, finding.span.start_byte, finding.span.end_byte),
            severity: self::severity(severity),
            code: &finding.rule_id,
            code_description: docs_link(rules, &finding.rule_id).map(|href| Href { href }),
            source: SOURCE,
            message: Message(finding),
            related_information: flow_path(finding, text, lines, uri),
        }
    }
}

impl From<WireDiagnostic<'_>> for Diagnostic {
    fn from(wire: WireDiagnostic<'_>) -> Diagnostic {
        Diagnostic {
            range: wire.range,
            severity: Some(wire.severity),
            code: Some(NumberOrString::String(wire.code.to_string())),
            code_description: (wire.code_description)
                .and_then(|h| Uri::from_str(&h.href).ok())
                .map(|href| CodeDescription { href }),
            source: Some(wire.source.to_string()),
            message: wire.message.to_string(),
            related_information: wire.related_information,
            tags: None,
            data: None,
        }
    }
}

#[derive(serde::Serialize)]
struct Href {
    href: Arc<str>,
}

/// A finding's message with its CWE ids, written straight into the output.
struct Message<'a>(&'a Finding);

impl std::fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.message)?;
        if !self.0.cwe.is_empty() {
            write!(f, " ({})", self.0.cwe.join(", "))?;
        }
        Ok(())
    }
}

impl serde::Serialize for Message<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The documentation link of a rule, checked to be a valid URI. Every publish carries one per
/// diagnostic (hundreds in a large file, after every keystroke) and rule ids are few: each
/// link is made and checked once.
fn docs_link(rules: &RuleSet, rule_id: &str) -> Option<Arc<str>> {
    static CHECKED: LazyLock<Mutex<HashMap<String, Option<Arc<str>>>>> =
        LazyLock::new(Mutex::default);
    let mut checked = CHECKED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(link) = checked.get(rule_id) {
        return link.clone();
    }
    let docs = rules
        .get(rule_id)
        .map(|rule| rule.docs_url())
        .unwrap_or_else(|| format!("{}#{}", crate::DOCS_RULES_URL, rule_id));
    let link = Uri::from_str(&docs).ok().map(|uri| Arc::from(uri.as_str()));
    checked.insert(rule_id.to_string(), link.clone());
    link
}

/// Where the untrusted value entered and each step it took, as related locations.
fn flow_path(
    finding: &Finding,
    text: &str,
    lines: &LineStarts,
    uri: Option<&Uri>,
) -> Option<Vec<DiagnosticRelatedInformation>> {
    let (flow, uri) = (finding.flow.as_ref()?, uri?);
    let mut related: Vec<_> = std::iter::once(&flow.source)
        .chain(&flow.steps)
        .map(|point| DiagnosticRelatedInformation {
            location: Location {
                uri: uri.clone(),
                range: lines.range(text, point.span.start_byte, point.span.end_byte),
            },
            message: point.note.clone(),
        })
        .collect();
    // The sink in another file, as whole lines: columns in LSP are that file's UTF-16 units,
    // which only its text gives; its lines are exact without reading it.
    if let Some(remote) = &flow.sink_elsewhere
        && let Some(other) = Uri::from_file_path(&remote.path)
    {
        let line = remote.span.start.line;
        let whole_lines = ls_types::Range::new(
            ls_types::Position::new(line, 0),
            ls_types::Position::new(remote.span.end.line + 1, 0),
        );
        related.push(DiagnosticRelatedInformation {
            location: Location {
                uri: other,
                range: whole_lines,
            },
            message: format!("{}:{}: {}", remote.file, line + 1, remote.note()),
        });
    }
    Some(related)
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// What the editor must be told about an analysis besides its findings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnalysisNotes {
    pub incomplete: Vec<Incomplete>,
    /// The text holds NUL bytes, analysed as spaces.
    pub nul: bool,
}

impl AnalysisNotes {
    pub fn is_empty(&self) -> bool {
        self.incomplete.is_empty() && !self.nul
    }

    /// Whether the text was left unanalysed for its size.
    pub fn too_large(&self) -> bool {
        self.incomplete
            .iter()
            .any(|gap| matches!(gap, Incomplete::TooLarge { .. }))
    }

    /// One sentence each, for the log and the line-1 diagnostics, with their severity and
    /// diagnostic code.
    pub fn messages(&self) -> Vec<(DiagnosticSeverity, &'static str, String)> {
        let mut messages: Vec<_> = self
            .incomplete
            .iter()
            .map(|gap| {
                (
                    DiagnosticSeverity::WARNING,
                    INCOMPLETE_CODE,
                    format!("slopguard: analysis incomplete: {gap}"),
                )
            })
            .collect();
        if self.nul {
            messages.push((
                DiagnosticSeverity::INFORMATION,
                NUL_CODE,
                "slopguard: this file holds NUL bytes; they were read as spaces".into(),
            ));
        }
        messages
    }
}

/// The code of the line-1 diagnostic saying part of a document was not analysed.
pub const INCOMPLETE_CODE: &str = "slopguard.analysis-incomplete";
/// The code of the line-1 diagnostic saying a document holds NUL bytes.
pub const NUL_CODE: &str = "slopguard.nul-bytes";

/// A diagnostic on line 1 for each note: what was not analysed is said where it is seen, not
/// only in a log few people read.
pub fn note_diagnostics(notes: &AnalysisNotes) -> Vec<Diagnostic> {
    let start = tower_lsp_server::ls_types::Range::default();
    notes
        .messages()
        .into_iter()
        .map(|(severity, code, message)| Diagnostic {
            range: start,
            severity: Some(severity),
            code: Some(NumberOrString::String(code.into())),
            source: Some("slopguard".into()),
            message,
            ..Diagnostic::default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Category, Confidence};
    use crate::text::LineIndex;
    use serde_json::json;

    fn finding(text: &str, needle: &str, rule: &str) -> Finding {
        let start = text.find(needle).unwrap();
        Finding {
            rule_id: rule.into(),
            category: Category::InsecureCode,
            severity: Severity::Warning,
            confidence: Confidence::High,
            message: "m".into(),
            span: LineIndex::new(text).span(start, start + needle.len()),
            cwe: vec!["CWE-95".into()].into(),
            fix: None,
            package: None,
            flow: None,
            advisory: None,
        }
    }

    fn source(version: i32, text: &str, findings: Vec<Finding>) -> SourceFindings {
        SourceFindings {
            version,
            text: Arc::new(text.to_string()),
            findings,
        }
    }

    #[test]
    fn code_findings_show_only_for_their_version_and_extras_while_their_text_stands() {
        let v1 = "import reqests\neval(x)\n";
        let v2 = "import reqests\neval(x)\nmore\n";
        let v3 = "import requests\neval(x)\n";
        let mut doc = DocFindings {
            code: Some(source(1, v1, vec![finding(v1, "eval(x)", "t.eval")])),
            ..DocFindings::default()
        };
        doc.extra.insert(
            "registry".into(),
            source(1, v1, vec![finding(v1, "reqests", "typo")]),
        );
        let settings = Settings::default();
        let ids = |version, text: &str| {
            visible(&doc, version, text, &LineStarts::new(text), &settings)
                .into_iter()
                .map(|f| f.rule_id.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(1, v1), ["typo", "t.eval"]);
        assert_eq!(ids(2, v2), ["typo"], "stale code findings are never shown");
        assert!(
            ids(3, v3).is_empty(),
            "the import changed under the registry finding"
        );
    }

    #[test]
    fn overrides_and_changed_lines_filter_what_is_shown() {
        let text = "eval(a)\neval(b)\n";
        let mut doc = DocFindings {
            code: Some(source(
                4,
                text,
                vec![
                    finding(text, "eval(a)", "t.a"),
                    finding(text, "eval(b)", "t.b"),
                ],
            )),
            ..DocFindings::default()
        };
        let old = super::super::baseline::Baseline::Head("eval(a)\n".into());
        doc.changed = Some((4, super::super::baseline::changed_lines(&old, text)));
        let lines = LineStarts::new(text);
        let shown = visible(&doc, 4, text, &lines, &Settings::default());
        assert_eq!(shown.len(), 1);
        assert_eq!(&*shown[0].rule_id, "t.b");
        let (settings, _) = Settings::from_json(&json!({"onlyChangedLines": false,
            "severityOverrides": {"t.a": "error", "t.b": "off"}}));
        let shown = visible(&doc, 4, text, &lines, &settings);
        assert_eq!(shown.len(), 1);
        assert_eq!(
            (shown[0].rule_id.as_ref(), shown[0].severity),
            ("t.a", Severity::Error)
        );
    }

    #[test]
    fn diagnostics_carry_code_link_and_utf16_range() {
        let text = "s = '😀'; eval(s)\n";
        let f = finding(text, "eval(s)", "python.eval");
        let rules = RuleSet::new(vec![]).unwrap();
        let d = to_diagnostic(&f, text, &LineStarts::new(text), &rules, None);
        assert_eq!(d.range.start.character, 10);
        assert_eq!(d.code, Some(NumberOrString::String("python.eval".into())));
        assert_eq!(d.source.as_deref(), Some(SOURCE));
        assert!(
            d.code_description
                .unwrap()
                .href
                .as_str()
                .ends_with("#python.eval")
        );
        assert_eq!(d.severity, Some(DiagnosticSeverity::WARNING));
        assert!(d.message.contains("CWE-95"));
    }

    #[test]
    fn the_wire_form_serializes_as_the_diagnostic_does() {
        let text = "s = '😀'; eval(s)\n";
        let mut plain = finding(text, "eval(s)", "python.eval");
        plain.cwe = Arc::new(["CWE-95".into(), "CWE-94".into()]);
        let mut traced = plain.clone();
        traced.cwe = Arc::new([]);
        traced.flow = Some(Box::new(crate::finding::FlowTrace {
            source: crate::finding::FlowPoint {
                span: plain.span,
                note: "source".into(),
            },
            source_label: "`s`".into(),
            steps: vec![],
            sink_elsewhere: None,
            steps_elsewhere: None,
        }));
        let rules = RuleSet::new(vec![]).unwrap();
        let lines = LineStarts::new(text);
        let uri = Uri::from_str("file:///a.py").unwrap();
        for f in [&plain, &traced] {
            let wire = WireDiagnostic::new(f, Severity::Error, text, &lines, &rules, Some(&uri));
            let built = Diagnostic::from(WireDiagnostic::new(
                f,
                Severity::Error,
                text,
                &lines,
                &rules,
                Some(&uri),
            ));
            assert_eq!(
                serde_json::to_value(&wire).unwrap(),
                serde_json::to_value(&built).unwrap()
            );
        }
    }
}
