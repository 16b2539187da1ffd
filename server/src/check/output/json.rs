//! The `json` format, version 1: a stable shape other tools consume.
//! `{"version":1,"findings":[...],"summary":{...}}`, 1-based lines and columns.

use crate::check::{Outcome, Reported};
use crate::text::Position;
use serde_json::{Map, Value, json};
use std::io::{self, Write};

pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let document = json!({
        "version": 1,
        "findings": outcome.findings.iter().map(finding).collect::<Vec<_>>(),
        "summary": {
            "files": outcome.stats.files,
            "skipped": outcome.skipped.len(),
            "findings": outcome.findings.len(),
            "error": outcome.count(crate::rules::Severity::Error),
            "warning": outcome.count(crate::rules::Severity::Warning),
            "info": outcome.count(crate::rules::Severity::Info),
            "hint": outcome.count(crate::rules::Severity::Hint),
        },
    });
    serde_json::to_writer(&mut *out, &document)?;
    writeln!(out)
}

fn finding(reported: &Reported) -> Value {
    let finding = &reported.finding;
    let mut object = Map::new();
    object.insert("rule".into(), json!(finding.rule_id));
    object.insert("category".into(), json!(finding.category.as_str()));
    object.insert("severity".into(), json!(finding.severity.as_str()));
    object.insert("message".into(), json!(finding.message));
    object.insert("path".into(), json!(reported.path));
    object.insert("range".into(), range(finding.span.start, finding.span.end));
    object.insert("cwe".into(), json!(finding.cwe));
    if let Some(fix) = &finding.fix {
        object.insert(
            "fix".into(),
            json!({
                "range": range(fix.span.start, fix.span.end),
                "replacement": fix.replacement,
                "safe": fix.safe,
            }),
        );
    }
    if let Some(package) = &finding.package {
        object.insert(
            "package".into(),
            json!({ "ecosystem": package.ecosystem, "name": package.name }),
        );
    }
    Value::Object(object)
}

fn range(start: Position, end: Position) -> Value {
    json!({
        "start": { "line": start.line + 1, "column": start.column + 1 },
        "end": { "line": end.line + 1, "column": end.column + 1 },
    })
}
