//! The `concise` format: one line per finding, `path:line:column: severity[rule] message`
//! (1-based), then the summary line. For terminals too narrow for code frames and for tools
//! that read one finding a line.

use super::count_phrase;
use crate::check::Outcome;
use std::io::{self, Write};

pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    for reported in &outcome.findings {
        let finding = &reported.finding;
        let start = finding.span.start;
        let fixable = if finding.fix.is_some() { " [fix]" } else { "" };
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {}{fixable}",
            reported.path,
            start.line + 1,
            start.column + 1,
            finding.severity,
            finding.rule_id,
            finding.message
        )?;
    }
    let files = outcome.stats.files;
    let files = format!("{files} file{}", if files == 1 { "" } else { "s" });
    if outcome.findings.is_empty() {
        writeln!(out, "No findings in {files}.")
    } else {
        writeln!(out, "Found {} in {files}.", count_phrase(outcome))
    }
}
