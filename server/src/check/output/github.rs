//! GitHub Actions workflow commands: one `::error file=...,line=...::message` line per finding,
//! which GitHub shows as annotations on the pull request.

use crate::check::Outcome;
use crate::rules::Severity;
use std::io::{self, Write};

pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    // What was not analysed comes first: a reader must not take silence for safety.
    for gap in &outcome.incomplete {
        writeln!(
            out,
            "::warning file={},line={},title=slopguard: analysis incomplete::{}",
            property(&gap.path),
            gap.reason.line().unwrap_or(0) + 1,
            data(&gap.reason.to_string()),
        )?;
    }
    for reported in &outcome.findings {
        let finding = &reported.finding;
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info | Severity::Hint => "notice",
        };
        let (start, end) = (finding.span.start, finding.span.end);
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&reported.path),
            start.line + 1,
            start.column + 1,
            end.line + 1,
            end.column + 1,
            property(&finding.rule_id),
            data(&format!("{} [{}]", finding.message, finding.rule_id)),
        )?;
    }
    Ok(())
}

/// Escapes a command's message, as the Actions toolkit does.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property value, which also must not contain `:` or `,`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_workflow_command_rules() {
        assert_eq!(data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(property("a,b:c.py"), "a%2Cb%3Ac.py");
    }
}
