//! The corpus scorer behind `slopguard rules test`: annotated samples (`ruleid:` / `ok:`) in,
//! per-rule true positives, false positives and false negatives out.

use super::RuleSet;
use crate::analysis::{FileKind, analyze_with};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// How many `ruleid:` and `ok:` cases every rule needs at least.
pub const MIN_CASES: usize = 2;

static ANNOTATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:#|//|/\*)\s*(ruleid|ok)\s*:\s*([A-Za-z0-9_.\-]+(?:\s*,\s*[A-Za-z0-9_.\-]+)*)")
        .unwrap()
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expectation {
    Flagged,
    NotFlagged,
}

#[derive(Debug)]
struct Annotation {
    expectation: Expectation,
    rule: String,
    /// 0-based line the annotation speaks about, and the line it is written on.
    target_line: usize,
    written_line: usize,
}

/// Reads the annotations of one sample file.
fn annotations(text: &str) -> Vec<Annotation> {
    let lines: Vec<&str> = text.lines().collect();
    let only_annotation = |line: &str| -> bool {
        ANNOTATION.find(line).is_some_and(|m| {
            line[..m.start()]
                .trim()
                .trim_start_matches('{')
                .trim()
                .is_empty()
        })
    };
    let mut out = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let Some(caps) = ANNOTATION.captures(line) else {
            continue;
        };
        let target_line = if only_annotation(line) {
            (index + 1..lines.len())
                .find(|&next| !only_annotation(lines[next]))
                .unwrap_or(lines.len())
        } else {
            index
        };
        let expectation = if &caps[1] == "ruleid" {
            Expectation::Flagged
        } else {
            Expectation::NotFlagged
        };
        for rule in caps[2].split(',') {
            out.push(Annotation {
                expectation,
                rule: rule.trim().to_string(),
                target_line,
                written_line: index,
            });
        }
    }
    out
}

/// The score of one rule over the whole corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleScore {
    pub rule: String,
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    pub flagged_cases: usize,
    pub ok_cases: usize,
    /// `path:line` (1-based) of every false positive and false negative.
    pub false_positive_at: Vec<String>,
    pub false_negative_at: Vec<String>,
}

impl RuleScore {
    pub fn has_enough_cases(&self) -> bool {
        self.flagged_cases >= MIN_CASES && self.ok_cases >= MIN_CASES
    }

    pub fn passed(&self) -> bool {
        self.false_positives == 0 && self.false_negatives == 0 && self.has_enough_cases()
    }
}

#[derive(Debug, Default)]
pub struct CorpusReport {
    /// One score per rule, in rule id order.
    pub scores: Vec<RuleScore>,
    /// Problems with the corpus itself: unknown rule ids, annotations for a rule that does not
    /// run on that file, unreadable files.
    pub errors: Vec<String>,
    pub files: usize,
}

impl CorpusReport {
    pub fn passed(&self) -> bool {
        self.errors.is_empty() && self.scores.iter().all(RuleScore::passed)
    }
}

/// Runs every rule of `rules` over every file below `corpus_dir`.
pub fn score_corpus(rules: &RuleSet, corpus_dir: &Path) -> CorpusReport {
    let mut report = CorpusReport::default();
    let mut scores: BTreeMap<String, RuleScore> = rules
        .rules()
        .iter()
        .filter(|r| !r.is_taint_library())
        .map(|r| {
            (
                r.id.clone(),
                RuleScore {
                    rule: r.id.clone(),
                    ..RuleScore::default()
                },
            )
        })
        .collect();
    let mut files = Vec::new();
    if let Err(e) = collect_files(corpus_dir, &mut files) {
        report.errors.push(format!("{}: {e}", corpus_dir.display()));
    }
    files.sort();
    for path in files {
        let shown = path.display().to_string();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                report.errors.push(format!("{shown}: {e}"));
                continue;
            }
        };
        report.files += 1;
        let kind = FileKind::from_path(&path);
        // Files below a `*.project` directory are checked together, as one scanned tree: a
        // call of a function another of them defines is followed (`flow::project`).
        let findings = match project_of(&path) {
            Some(project) => {
                crate::flow::project::within(&project, &path, || analyze_with(rules, kind, &text))
            }
            None => analyze_with(rules, kind, &text),
        };
        let mut flagged_lines: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
        for finding in &findings {
            flagged_lines
                .entry(&*finding.rule_id)
                .or_default()
                .insert(finding.span.start.line as usize);
        }
        let mut expected: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
        for annotation in annotations(&text) {
            let Some(rule) = rules.get(&annotation.rule) else {
                report.errors.push(format!(
                    "{shown}:{}: annotation names unknown rule `{}`",
                    annotation.written_line + 1,
                    annotation.rule
                ));
                continue;
            };
            if !rule.applies_to(kind.language()) {
                report.errors.push(format!(
                    "{shown}:{}: rule `{}` does not run on this file's language",
                    annotation.written_line + 1,
                    annotation.rule
                ));
                continue;
            }
            let Some(score) = scores.get_mut(&annotation.rule) else {
                report.errors.push(format!(
                    "{shown}:{}: `{}` is a taint library, which reports nothing",
                    annotation.written_line + 1,
                    annotation.rule
                ));
                continue;
            };
            match annotation.expectation {
                Expectation::Flagged => {
                    score.flagged_cases += 1;
                    expected
                        .entry(annotation.rule)
                        .or_default()
                        .insert(annotation.target_line);
                }
                Expectation::NotFlagged => score.ok_cases += 1,
            }
        }
        for score in scores.values_mut() {
            let flagged = flagged_lines.get(score.rule.as_str());
            let wanted = expected.get(&score.rule);
            for line in wanted.into_iter().flatten() {
                if flagged.is_some_and(|f| f.contains(line)) {
                    score.true_positives += 1;
                } else {
                    score.false_negatives += 1;
                    score
                        .false_negative_at
                        .push(format!("{shown}:{}", line + 1));
                }
            }
            for line in flagged.into_iter().flatten() {
                if !wanted.is_some_and(|w| w.contains(line)) {
                    score.false_positives += 1;
                    score
                        .false_positive_at
                        .push(format!("{shown}:{}", line + 1));
                }
            }
        }
    }
    report.scores = scores.into_values().collect();
    report
}

/// The multi-file case `path` belongs to: the nearest directory above it named `*.project`.
fn project_of(path: &Path) -> Option<std::sync::Arc<crate::flow::project::Project>> {
    let dir = path
        .ancestors()
        .skip(1)
        .find(|d| d.extension().is_some_and(|e| e == "project"))?;
    let project = crate::flow::project::Project::new(dir, crate::context::DEFAULT_MAX_FILE_SIZE)?;
    Some(std::sync::Arc::new(project))
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        // Follow symbolic links: a corpus or rule directory may link in another.
        if std::fs::metadata(&path)?.is_dir() {
            collect_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_apply_to_the_next_code_line() {
        let text =
            "# ruleid: a.b, a.c\n# ok: a.d\nx = 1\ny = 2  # ruleid: a.e\n{/* ok: a.f */}\n<p/>\n";
        let found: Vec<(String, usize, Expectation)> = annotations(text)
            .into_iter()
            .map(|a| (a.rule, a.target_line, a.expectation))
            .collect();
        assert_eq!(
            found,
            vec![
                ("a.b".into(), 2, Expectation::Flagged),
                ("a.c".into(), 2, Expectation::Flagged),
                ("a.d".into(), 2, Expectation::NotFlagged),
                ("a.e".into(), 3, Expectation::Flagged),
                ("a.f".into(), 5, Expectation::NotFlagged),
            ]
        );
    }
}
