//! `check --fix`: applying the fixes rules attach to their findings, to the files on disk or as a
//! unified diff (`--dry-run`). Safe fixes only, unless `--unsafe-fixes` (as ruff).
//!
//! A file is rewritten only when every byte of it was analysed as it is on disk: files decoded
//! lossily (invalid UTF-8) are left alone, and a file whose text changed since it was analysed
//! (a fix span off a character boundary or past the end) is skipped with an error, not patched
//! blindly. Overlapping fixes in one file: the first wins; the next run applies the rest.

use super::{Outcome, Reported};
use crate::finding::Fix;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Which fixes to apply and where the result goes.
#[derive(Debug, Clone, Copy, Default)]
pub struct FixOptions {
    /// Also apply fixes their rule does not mark safe.
    pub unsafe_fixes: bool,
    /// Change nothing: describe the changes as a unified diff.
    pub dry_run: bool,
}

/// What `--fix` did.
#[derive(Debug, Default)]
pub struct FixReport {
    /// Findings whose fix was applied (or would be, in a dry run).
    pub fixed: usize,
    /// Files changed (or that would be).
    pub files: usize,
    /// Fixable findings left alone because their fix is not marked safe.
    pub unsafe_left: usize,
    /// The unified diff of every change, in a dry run.
    pub diff: String,
    /// Files that could not be fixed.
    pub errors: Vec<String>,
}

/// Applies the fixes of `outcome`'s findings. The fixed findings leave `outcome` unless this is
/// a dry run (nothing changed, so they still stand).
pub fn apply(outcome: &mut Outcome, options: FixOptions) -> FixReport {
    let mut report = FixReport::default();
    let applicable = |reported: &Reported| {
        reported
            .finding
            .fix
            .as_ref()
            .is_some_and(|fix| fix.safe || options.unsafe_fixes)
    };
    report.unsafe_left = outcome
        .findings
        .iter()
        .filter(|r| r.finding.fix.is_some() && !applicable(r))
        .count();

    // Per file, in order: (index of the finding, its fix).
    let mut by_file: BTreeMap<(PathBuf, String), Vec<(usize, &Fix)>> = BTreeMap::new();
    for (index, reported) in outcome.findings.iter().enumerate() {
        if !applicable(reported) || outcome.lossy.contains(&reported.path) {
            continue;
        }
        let fix = reported.finding.fix.as_ref().expect("applicable");
        by_file
            .entry((reported.absolute.clone(), reported.path.clone()))
            .or_default()
            .push((index, fix));
    }

    let mut fixed_indices = Vec::new();
    for ((absolute, path), mut fixes) in by_file {
        let text = match std::fs::read_to_string(&absolute) {
            Ok(text) => text,
            Err(e) => {
                report.errors.push(format!("{path}: cannot fix: {e}"));
                continue;
            }
        };
        fixes.sort_by_key(|(_, fix)| (fix.span.start_byte, fix.span.end_byte));
        let mut fixed = String::with_capacity(text.len());
        let mut copied_to = 0;
        let mut applied = Vec::new();
        let mut stale = false;
        for (index, fix) in fixes {
            let (start, end) = (fix.span.start_byte, fix.span.end_byte);
            if start < copied_to {
                continue; // overlaps a fix already applied
            }
            if end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                stale = true;
                break;
            }
            fixed.push_str(&text[copied_to..start]);
            fixed.push_str(&fix.replacement);
            copied_to = end;
            applied.push(index);
        }
        if stale {
            report.errors.push(format!(
                "{path}: not fixed: the file changed while it was checked"
            ));
            continue;
        }
        fixed.push_str(&text[copied_to..]);
        if fixed == text {
            // Fixes that replace text with itself: nothing to write, nothing fixed.
            continue;
        }
        if options.dry_run {
            report.diff.push_str(
                &similar::TextDiff::from_lines(&text, &fixed)
                    .unified_diff()
                    .header(&format!("a/{path}"), &format!("b/{path}"))
                    .to_string(),
            );
        } else if let Err(e) = std::fs::write(&absolute, &fixed) {
            report
                .errors
                .push(format!("{path}: cannot write the fix: {e}"));
            continue;
        }
        report.files += 1;
        report.fixed += applied.len();
        fixed_indices.extend(applied);
    }

    if !options.dry_run {
        fixed_indices.sort_unstable();
        let mut next = fixed_indices.into_iter().peekable();
        let mut index = 0;
        outcome.findings.retain(|_| {
            let drop = next.next_if_eq(&index).is_some();
            index += 1;
            !drop
        });
    }
    report
}
