//! `--statistics`: how many findings each rule reported, most first, instead of the findings
//! (as ruff's `--statistics`). A table for people, an array for `--output-format json`.

use crate::check::Outcome;
use crate::rules::Severity;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

#[derive(Serialize)]
struct RuleCount<'a> {
    rule: &'a str,
    count: usize,
    /// The highest severity among the rule's findings.
    severity: Severity,
    /// How many of them carry a fix `--fix` can apply.
    fixable: usize,
}

fn counts(outcome: &Outcome) -> Vec<RuleCount<'_>> {
    let mut by_rule: BTreeMap<&str, RuleCount<'_>> = BTreeMap::new();
    for reported in &outcome.findings {
        let finding = &reported.finding;
        let entry = by_rule
            .entry(finding.rule_id.as_ref())
            .or_insert(RuleCount {
                rule: &finding.rule_id,
                count: 0,
                severity: finding.severity,
                fixable: 0,
            });
        entry.count += 1;
        entry.severity = entry.severity.max(finding.severity);
        entry.fixable += usize::from(finding.fix.is_some());
    }
    let mut counts: Vec<RuleCount<'_>> = by_rule.into_values().collect();
    // Most first; ties by id (the map's order, kept by the stable sort).
    counts.sort_by_key(|c| std::cmp::Reverse(c.count));
    counts
}

/// `  12  python.eval-exec  error  (3 fixable)`, one line per rule, columns aligned.
pub fn write_table(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let counts = counts(outcome);
    let width = counts.iter().map(|c| c.rule.len()).max().unwrap_or(0);
    let count_width = counts
        .iter()
        .map(|c| c.count.to_string().len())
        .max()
        .unwrap_or(1);
    for c in &counts {
        write!(
            out,
            "{:>count_width$}  {:<width$}  {:<7}",
            c.count,
            c.rule,
            c.severity.as_str()
        )?;
        if c.fixable > 0 {
            write!(out, "  ({} fixable)", c.fixable)?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// `[{"rule": ..., "count": ..., "severity": ..., "fixable": ...}]`.
pub fn write_json(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &counts(outcome))?;
    writeln!(out)
}
