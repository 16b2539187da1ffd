//! The `text` format: a code frame per finding (rule id, severity, message, the span
//! underlined), then a one-line summary, and one of the dependency changes when there are any. Colour is written always and stripped by the caller's
//! stream when stdout is not a terminal or `NO_COLOR` is set.

use super::count_phrase;
use crate::check::{Outcome, Reported};
use crate::rules::Severity;
use crate::text::floor_char_boundary;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::io::{self, Write};

pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let renderer = Renderer::styled();
    for reported in &outcome.findings {
        writeln!(out, "{}\n", renderer.render(&frame(reported)))?;
    }
    let files = outcome.stats.files;
    let files = format!("{files} file{}", if files == 1 { "" } else { "s" });
    if outcome.findings.is_empty() {
        writeln!(out, "No findings in {files}.")?;
    } else {
        writeln!(out, "Found {} in {files}.", count_phrase(outcome))?;
    }
    if !outcome.incomplete.is_empty() {
        let mut paths: Vec<&str> = outcome.incomplete.iter().map(|g| g.path.as_str()).collect();
        paths.dedup();
        writeln!(
            out,
            "Analysis incomplete in {} file{} (see the notes): {}.",
            paths.len(),
            if paths.len() == 1 { "" } else { "s" },
            super::list(&paths)
        )?;
    }
    for narrowed in &outcome.narrowed {
        writeln!(out, "Not checked: {narrowed}.")?;
    }
    match &outcome.dependencies {
        Some(d)
            if !(d.direct_added.is_empty()
                && d.transitive_added.is_empty()
                && d.removed.is_empty()) =>
        {
            writeln!(
                out,
                "Dependencies: {} added directly, {} transitively, {} removed.",
                d.direct_added.len(),
                d.transitive_added.len(),
                d.removed.len()
            )
        }
        _ => Ok(()),
    }
}

fn frame(reported: &Reported) -> Vec<Group<'_>> {
    let finding = &reported.finding;
    let level = match finding.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Hint => Level::HELP.with_name("hint"),
    };
    let snippet = &reported.snippet;
    let text = snippet.text.as_str();
    // The span, relative to the snippet and clamped to it (a long span is cut at its end).
    let start = floor_char_boundary(
        text,
        finding
            .span
            .start_byte
            .saturating_sub(snippet.start_byte)
            .min(text.len()),
    );
    let end = floor_char_boundary(
        text,
        finding
            .span
            .end_byte
            .saturating_sub(snippet.start_byte)
            .min(text.len()),
    )
    .max(start);
    let title = level
        .primary_title(finding.message.as_ref())
        .id(finding.rule_id.as_ref());
    let location = Snippet::source(text)
        .line_start(snippet.first_line as usize + 1)
        .path(reported.path.as_str())
        .annotation(AnnotationKind::Primary.span(start..end));
    let mut groups = vec![title.element(location)];
    // Reported at a sink in a helper's file: where the caller handed the value on.
    if let Some(flow) = &finding.flow
        && let (Some(caller), Some(call)) = (&flow.steps_elsewhere, flow.steps.last())
    {
        groups.push(Group::with_title(Level::NOTE.secondary_title(format!(
            "{}:{}: {}",
            reported.path_of(&caller.path),
            call.span.start.line + 1,
            call.note
        ))));
    }
    if let Some(fix) = &finding.fix {
        groups.push(Group::with_title(Level::HELP.secondary_title(format!(
            "{}: replace with `{}`",
            if fix.safe { "fix" } else { "possible fix" },
            fix.replacement
        ))));
    }
    groups
}
