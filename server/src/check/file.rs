//! One file of the tree: loaded (decoded, size-limited), classified (test, vendored, …),
//! analysed inside the project flow may follow calls across, and turned into a report, or the
//! reason it was not.

use super::report::FileReport;
use super::scope::ChangedLines;
use super::source::{self, Loaded, SkipReason};
use super::{Settings, Skipped};
use crate::analysis::{FileKind, Incomplete, analyze_checked};
use crate::config::normalize;
use crate::context::{FileContext, Handling};
use crate::flow::project::{Project, within};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

pub(super) enum FileOutcome {
    Report {
        report: FileReport,
        lossy: bool,
        nul: bool,
        incomplete: Vec<Incomplete>,
        /// The file's kind, when only the rules that matter there ran on it.
        limited: Option<FileContext>,
    },
    Clean,
    Skipped(Skipped),
    OutOfScope,
    Error {
        path: String,
        error: String,
    },
}

/// The directories named on the command line that lie below where the check runs (not `.`,
/// the project root or a parent of them), absolute, deepest first.
pub(super) fn named_directories(paths: &[PathBuf], cwd: &Path, root: &Path) -> Vec<PathBuf> {
    let root = normalize(&cwd.join(root));
    let mut dirs: Vec<PathBuf> = paths
        .iter()
        .map(|p| normalize(&cwd.join(p)))
        .filter(|p| p.is_dir() && !cwd.starts_with(p) && !root.starts_with(p))
        .collect();
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    dirs
}

/// The path whose directory names tell a file's kind (`tests/`, `examples/`, `vendor/`...).
/// For a file found by walking a directory the user named, it starts below that directory: as
/// ruff checks a path it is given even where it would exclude it, `check examples/demo` checks
/// the demo as the code it is, whatever the folders it is kept in are called (`~/build/app`,
/// `examples/`); folders inside it still count (`check src` leaves `src/tests/` tests). Otherwise
/// it is the path below the project root, as for files named one by one (pre-commit passes
/// `tests/test_app.py` and expects test handling).
fn convention_path<'p>(
    absolute: &'p Path,
    root_relative: &'p Path,
    named_dirs: &[PathBuf],
) -> &'p Path {
    named_dirs
        .iter()
        .find_map(|dir| {
            let below = absolute.strip_prefix(dir).ok()?;
            (!below.as_os_str().is_empty()).then_some(below)
        })
        .unwrap_or(root_relative)
}

/// The trees flow may follow calls across, deepest first: each directory named on the command
/// line, then the project root. A file belongs to the first that holds it.
pub(super) fn projects(
    named_dirs: &[PathBuf],
    cwd: &Path,
    settings: &Settings,
) -> Vec<Arc<Project>> {
    named_dirs
        .iter()
        .cloned()
        .chain(std::iter::once(normalize(&cwd.join(&settings.root))))
        .filter_map(|dir| Project::new(&dir, settings.max_file_size))
        .map(Arc::new)
        .collect()
}

#[allow(clippy::too_many_arguments)]
pub(super) fn check_file(
    path: &Path,
    cwd: &Path,
    named_dirs: &[PathBuf],
    projects: &[Arc<Project>],
    changed: Option<&ChangedLines>,
    settings: &Settings,
    lines: &AtomicUsize,
) -> FileOutcome {
    let absolute = normalize(&cwd.join(path));
    if let Some(changed) = changed
        && changed.lines_for(&absolute).is_none()
    {
        return FileOutcome::OutOfScope;
    }
    let loaded = match changed.and_then(|c| c.staged_contents(&absolute)) {
        Some(Ok(bytes)) => Ok(source::decode(bytes, settings.max_file_size, path)),
        Some(Err(e)) => Err(e),
        None => source::load(path, settings.max_file_size).map_err(|e| e.to_string()),
    };
    let (text, lossy, nul) = match loaded {
        Ok(Loaded::Text { text, lossy, nul }) => (text, lossy, nul),
        Ok(Loaded::Skipped(reason)) => {
            return FileOutcome::Skipped(Skipped {
                path: display(path),
                reason,
            });
        }
        Err(error) => {
            return FileOutcome::Error {
                path: display(path),
                error,
            };
        }
    };
    let relative = absolute
        .strip_prefix(&settings.root)
        .or_else(|_| absolute.strip_prefix(cwd))
        .unwrap_or(path);
    let kind = crate::context::classify(
        convention_path(&absolute, relative, named_dirs),
        &text,
        settings.attributes.context_of(relative),
    );
    let handling = settings.files.handling(kind);
    if handling == Handling::Skip {
        return FileOutcome::Skipped(Skipped {
            path: display(path),
            reason: SkipReason::Context(kind),
        });
    }
    lines.fetch_add(count_lines(&text), Ordering::Relaxed);
    let analyse = || analyze_checked(&settings.rules, FileKind::from_path(path), &text);
    // Calls of functions other files of the scanned tree define are followed (`flow::project`).
    let analysed = match absolute
        .canonicalize()
        .ok()
        .and_then(|real| projects.iter().find(|p| real.starts_with(p.root())))
    {
        Some(project) => within(project, &absolute, analyse),
        None => analyse(),
    };
    let limited = (handling == Handling::Relevant && kind != FileContext::Code).then_some(kind);
    if analysed.findings.is_empty()
        && analysed.incomplete.is_empty()
        && !text.contains("slopguard:")
        && !lossy
        && !nul
        && limited.is_none()
    {
        return FileOutcome::Clean;
    }
    let mut report = FileReport::new(
        display(path),
        absolute,
        &text,
        analysed.findings,
        &settings.policy,
    );
    if limited.is_some() {
        // After suppressions were matched, so a suppression of a rule that does not run here
        // is not reported unused.
        report.findings.retain(|f| {
            settings
                .rules
                .get(&f.finding.rule_id)
                .is_none_or(|rule| rule.applies_in(kind))
        });
    }
    if kind == FileContext::Code {
        crate::context::retain_outside_inline_tests(
            path,
            &text,
            settings.files.tests,
            &mut report.findings,
            |f| &f.finding,
            &settings.rules,
        );
    }
    FileOutcome::Report {
        report,
        lossy,
        nul,
        incomplete: analysed.incomplete,
        limited,
    }
}

pub(super) fn count_lines(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count()
        + usize::from(!text.is_empty() && !text.ends_with('\n'))
}

/// A path as shown in output: as given, with `/` separators.
pub(super) fn display(path: &Path) -> String {
    // A backslash is a separator only on Windows; elsewhere it is part of a file name.
    if cfg!(windows) {
        path.to_string_lossy().replace('\\', "/")
    } else {
        path.to_string_lossy().into_owned()
    }
}
