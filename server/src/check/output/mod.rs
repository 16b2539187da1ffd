//! Output formats for `slopguard check`: `text` for people, `concise` for one line per finding,
//! `json` for scripts, `sarif` for code scanning dashboards, `github` for annotations in GitHub
//! Actions, and the per-rule counts of `--statistics`. Each takes the finished
//! [`Outcome`] and writes it; none decides anything about the findings.

mod concise;
mod github;
mod json;
mod sarif;
pub mod statistics;
mod text;

use super::{Outcome, SkipReason};
use crate::analysis::Incomplete;
use crate::rules::RuleSet;
use std::io::{self, Write};

pub use github::write as write_github;
pub use json::write as write_json;
pub use sarif::write as write_sarif;
pub use text::write as write_text;

/// The `--output-format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Concise,
    Json,
    Sarif,
    Github,
}

/// Writes `outcome` in `format`. `rules` describes the rules in SARIF.
pub fn write(
    format: Format,
    outcome: &Outcome,
    rules: &RuleSet,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Text => text::write(outcome, out),
        Format::Concise => concise::write(outcome, out),
        Format::Json => json::write(outcome, out),
        Format::Sarif => sarif::write(outcome, rules, out),
        Format::Github => github::write(outcome, out),
    }
}

/// Notes for stderr about files not analysed or decoded lossily: one line per kind, naming up
/// to a few files, so a tree full of images does not flood the terminal.
pub fn notes(outcome: &Outcome) -> Vec<String> {
    let mut notes = Vec::new();
    // Unreadable files are already said as errors.
    notes.extend(
        outcome
            .incomplete
            .iter()
            .filter(|gap| !matches!(gap.reason, Incomplete::Unreadable { .. }))
            .map(|gap| format!("analysis incomplete: {gap}")),
    );
    let binary: Vec<&str> = outcome
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::Binary)
        .map(|s| s.path.as_str())
        .collect();
    if !binary.is_empty() {
        notes.push(format!(
            "skipped {} binary file(s): {}",
            binary.len(),
            list(&binary)
        ));
    }
    if !outcome.nul.is_empty() {
        let nul: Vec<&str> = outcome.nul.iter().map(String::as_str).collect();
        notes.push(format!(
            "{} code file(s) hold NUL bytes and were analysed as text: {}",
            nul.len(),
            list(&nul)
        ));
    }
    notes.extend(context_notes(outcome, &list));
    if !outcome.lossy.is_empty() {
        let lossy: Vec<&str> = outcome.lossy.iter().map(String::as_str).collect();
        notes.push(format!(
            "{} file(s) are not valid UTF-8 and were read with replacement characters: {}",
            lossy.len(),
            list(&lossy)
        ));
    }
    notes
}

/// Up to a few paths, then how many more.
pub(crate) fn list(paths: &[&str]) -> String {
    const SHOWN: usize = 5;
    let mut text = paths
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if paths.len() > SHOWN {
        text.push_str(&format!(" and {} more", paths.len() - SHOWN));
    }
    text
}

/// What file context left out: per kind, the files not analysed and those analysed only by the
/// rules that matter there, with the `slopguard.toml` key that changes it.
fn context_notes(outcome: &Outcome, list: &dyn Fn(&[&str]) -> String) -> Vec<String> {
    use crate::context::{FileContext, FilePolicy};
    let mut notes = Vec::new();
    for kind in FileContext::ALL {
        let skipped: Vec<&str> = outcome
            .skipped
            .iter()
            .filter(|s| s.reason == SkipReason::Context(kind))
            .map(|s| s.path.as_str())
            .collect();
        if !skipped.is_empty() {
            notes.push(format!(
                "skipped {} {} file(s) (`[files] {} = \"all\"` in slopguard.toml to check them): {}",
                skipped.len(),
                kind.as_str(),
                FilePolicy::key(kind),
                list(&skipped)
            ));
        }
        let limited: Vec<&str> = outcome
            .limited
            .iter()
            .filter(|s| s.reason == SkipReason::Context(kind))
            .map(|s| s.path.as_str())
            .collect();
        if !limited.is_empty() {
            notes.push(format!(
                "checked {} {} file(s) only with the rules that matter there, such as live credentials (`[files] {} = \"all\"` for every rule): {}",
                limited.len(),
                kind.as_str(),
                FilePolicy::key(kind),
                list(&limited)
            ));
        }
    }
    notes
}

/// `3 findings (1 error, 2 warnings)`.
pub(crate) fn count_phrase(outcome: &Outcome) -> String {
    use crate::rules::Severity::*;
    let parts: Vec<String> = [
        (Error, "error"),
        (Warning, "warning"),
        (Info, "info"),
        (Hint, "hint"),
    ]
    .into_iter()
    .filter_map(|(severity, name)| {
        let n = outcome.count(severity);
        (n > 0).then(|| format!("{n} {name}{}", if n == 1 { "" } else { "s" }))
    })
    .collect();
    let n = outcome.findings.len();
    format!(
        "{n} finding{} ({})",
        if n == 1 { "" } else { "s" },
        parts.join(", ")
    )
}
