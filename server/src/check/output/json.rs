//! The `json` format, version 1: a stable shape other tools consume, fields in this order:
//! `{"version":1,"findings":[{"rule","category","severity","message","path","range","cwe",
//! "fix"?,"package"?,"flow"?}],"summary":{...}}`, with 1-based lines and columns. `flow` is
//! `{"source":{"range","note"},"steps":[{"range","note"}],"sink"?:{"path","range","note"}}` for a
//! data-flow finding, `sink` when the sink is in another file (the finding is the call of that
//! file's helper). `package` is
//! `{"ecosystem","name","version"?}`; a vulnerable dependency adds `"advisory":{"id","aliases",
//! "fixed","reach","summary","url"}` (`fixed` null when no fixed version is known; `reach` one of
//! `called`, `imported`, `not-imported`).

use crate::check::{Outcome, Reported};
use crate::rules::Severity;
use crate::text::Position;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    findings: Vec<Finding<'a>>,
    summary: Summary<'a>,
}

#[derive(Serialize)]
struct Finding<'a> {
    rule: &'a str,
    category: &'static str,
    severity: &'static str,
    message: &'a str,
    path: &'a str,
    range: Range,
    cwe: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<Fix<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    package: Option<Package<'a>>,
    /// A data-flow finding's path: where the untrusted value entered and its steps.
    #[serde(skip_serializing_if = "Option::is_none")]
    flow: Option<Flow<'a>>,
    /// A vulnerable dependency's advisory.
    #[serde(skip_serializing_if = "Option::is_none")]
    advisory: Option<&'a crate::finding::AdvisoryRef>,
}

#[derive(Serialize)]
struct Flow<'a> {
    source: FlowPoint<'a>,
    steps: Vec<FlowPoint<'a>>,
}

#[derive(Serialize)]
struct FlowPoint<'a> {
    /// When the point is in another file than the finding (a finding reported at the sink in
    /// a helper's file, whose value came from a caller).
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    range: Range,
    note: &'a str,
}

#[derive(Serialize)]
struct Range {
    start: LineColumn,
    end: LineColumn,
}

#[derive(Serialize)]
struct LineColumn {
    line: u32,
    column: u32,
}

#[derive(Serialize)]
struct Fix<'a> {
    range: Range,
    replacement: &'a str,
    safe: bool,
}

#[derive(Serialize)]
struct Package<'a> {
    ecosystem: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<&'a str>,
}

#[derive(Serialize)]
struct Incomplete<'a> {
    path: &'a str,
    /// `parse-budget`, `match-budget`, `too-deep`, `too-large`, `unreadable`, `cache`,
    /// `include-outside-root`, `include-missing` (see `analysis::Incomplete::kind`).
    kind: String,
    reason: String,
    /// 1-based, where the gap has a line.
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
}

#[derive(Serialize)]
struct Summary<'a> {
    /// Files analysed.
    files: usize,
    /// Files not analysed (binary, over the size limit).
    skipped: usize,
    findings: usize,
    error: usize,
    warning: usize,
    info: usize,
    hint: usize,
    /// What was not analysed, or not fully (empty when analysis was complete).
    incomplete: Vec<Incomplete<'a>>,
    /// What the change adds to and removes from the dependencies, when that was computed.
    #[serde(skip_serializing_if = "Option::is_none")]
    dependencies: Option<&'a crate::deps::DependencySummary>,
    /// What the config turned off (`slopguard.toml excludes vendor`).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    narrowed: &'a [String],
}

pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let document = Document {
        version: 1,
        findings: outcome.findings.iter().map(finding).collect(),
        summary: Summary {
            files: outcome.stats.files,
            skipped: outcome.skipped.len(),
            findings: outcome.findings.len(),
            error: outcome.count(Severity::Error),
            warning: outcome.count(Severity::Warning),
            info: outcome.count(Severity::Info),
            hint: outcome.count(Severity::Hint),
            incomplete: outcome
                .incomplete
                .iter()
                .map(|gap| Incomplete {
                    path: &gap.path,
                    kind: gap.reason.kind().to_string(),
                    reason: gap.reason.to_string(),
                    line: gap.reason.line().map(|line| line + 1),
                })
                .collect(),
            dependencies: outcome.dependencies.as_ref(),
            narrowed: &outcome.narrowed,
        },
    };
    serde_json::to_writer(&mut *out, &document)?;
    writeln!(out)
}

fn finding<'a>(reported: &'a Reported) -> Finding<'a> {
    let finding = &reported.finding;
    Finding {
        rule: &finding.rule_id,
        category: finding.category.as_str(),
        severity: finding.severity.as_str(),
        message: &finding.message,
        path: &reported.path,
        range: range(finding.span.start, finding.span.end),
        cwe: &finding.cwe,
        fix: finding.fix.as_ref().map(|fix| Fix {
            range: range(fix.span.start, fix.span.end),
            replacement: &fix.replacement,
            safe: fix.safe,
        }),
        package: finding.package.as_ref().map(|package| Package {
            ecosystem: &package.ecosystem,
            name: &package.name,
            version: package.version.as_deref(),
        }),
        flow: finding.flow.as_ref().map(|flow| {
            let elsewhere = flow
                .steps_elsewhere
                .as_deref()
                .map(|caller| reported.path_of(&caller.path));
            let point = |p: &'a crate::finding::FlowPoint| FlowPoint {
                path: elsewhere.clone(),
                range: range(p.span.start, p.span.end),
                note: &p.note,
            };
            Flow {
                source: point(&flow.source),
                steps: flow.steps.iter().map(point).collect(),
            }
        }),
        advisory: finding.advisory.as_deref(),
    }
}

fn range(start: Position, end: Position) -> Range {
    let one_based = |p: Position| LineColumn {
        line: p.line + 1,
        column: p.column + 1,
    };
    Range {
        start: one_based(start),
        end: one_based(end),
    }
}
