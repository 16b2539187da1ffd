//! One problem, one finding, across rules: a rule may say in its file that it `supersedes`
//! others, which report a weaker form of its problem (`python.eval-exec` and the review prompt
//! `python.exec-file-contents` on `exec(compile(open(p).read(), p, "exec"))` with an untrusted
//! path). Where a finding of the stronger rule and one of a weaker rule lie at the same place,
//! only the stronger one is reported.
//!
//! The same place: both start on the same line, or their ranges overlap (a call written over
//! several lines). This is decided on the whole list of a file's findings, after every rule ran
//! (shape matches, flow, regexes), in [`super::RuleFindings::findings`]: the full check, the
//! editor's incremental re-check and its per-item answer all end there, so they agree.

use crate::finding::Finding;
use crate::rules::Rule;
use std::collections::{HashMap, HashSet};

/// For each rule some other rule supersedes, the rules that do (directly, or through a chain:
/// `a` supersedes `b` and `b` supersedes `c` make `a` supersede `c`).
#[derive(Debug, Default)]
pub(crate) struct Supersedes {
    by: HashMap<String, HashSet<String>>,
}

impl Supersedes {
    pub(crate) fn new(rules: &[Rule]) -> Supersedes {
        let mut by: HashMap<String, HashSet<String>> = HashMap::new();
        for rule in rules {
            for weaker in &rule.supersedes {
                by.entry(weaker.clone())
                    .or_default()
                    .insert(rule.id.clone());
            }
        }
        // The closure: whoever supersedes a stronger rule supersedes what it supersedes.
        loop {
            let mut grown = false;
            let snapshot = by.clone();
            for stronger in by.values_mut() {
                let more: Vec<String> = stronger
                    .iter()
                    .filter_map(|s| snapshot.get(s))
                    .flatten()
                    .filter(|s| !stronger.contains(*s))
                    .cloned()
                    .collect();
                grown |= !more.is_empty();
                stronger.extend(more);
            }
            if !grown {
                break;
            }
        }
        Supersedes { by }
    }

    /// `findings` without those a finding of a superseding rule covers at the same place.
    /// Findings of two rules that supersede each other (a cycle) both stay.
    pub(crate) fn apply(&self, findings: Vec<Finding>) -> Vec<Finding> {
        if self.by.is_empty() {
            return findings;
        }
        let superseded = |finding: &Finding| {
            let Some(stronger) = self.by.get(&*finding.rule_id) else {
                return false;
            };
            findings.iter().any(|other| {
                stronger.contains(&*other.rule_id)
                    && !self
                        .by
                        .get(&*other.rule_id)
                        .is_some_and(|s| s.contains(&*finding.rule_id))
                    && same_place(finding, other)
            })
        };
        let keep: Vec<bool> = findings.iter().map(|f| !superseded(f)).collect();
        findings
            .into_iter()
            .zip(keep)
            .filter_map(|(finding, keep)| keep.then_some(finding))
            .collect()
    }
}

/// Both start on the same line, or their byte ranges overlap.
fn same_place(a: &Finding, b: &Finding) -> bool {
    a.span.start.line == b.span.start.line
        || (a.span.start_byte < b.span.end_byte && b.span.start_byte < a.span.end_byte)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::parse_rule;

    fn rule(id: &str, supersedes: &str) -> Rule {
        let text = format!(
            "id = \"{id}\"\nlanguages = [\"python\"]\nseverity = \"warning\"\ncwe = [\"CWE-94\"]\n\
             message = \"m\"\n{supersedes}\n[docs]\nwhat = \"w\"\nwhy = \"y\"\nexample = \"e\"\n\
             fix = \"f\"\n[match]\nregex = 'x'\n"
        );
        parse_rule(&text, "test", None).unwrap()
    }

    fn finding(rule: &str, line: u32, bytes: std::ops::Range<usize>) -> Finding {
        let at = |column| crate::text::Position { line, column };
        Finding {
            rule_id: rule.into(),
            category: crate::rules::Category::default(),
            severity: crate::rules::Severity::Warning,
            confidence: crate::rules::Confidence::default(),
            message: "m".into(),
            span: crate::text::Span {
                start_byte: bytes.start,
                end_byte: bytes.end,
                start: at(0),
                end: at(1),
            },
            cwe: Vec::new().into(),
            fix: None,
            package: None,
            flow: None,
            advisory: None,
        }
    }

    fn ids(findings: &[Finding]) -> Vec<(String, u32)> {
        findings
            .iter()
            .map(|f| (f.rule_id.to_string(), f.span.start.line))
            .collect()
    }

    #[test]
    fn a_weaker_finding_at_the_same_place_goes_and_elsewhere_stays() {
        let table = Supersedes::new(&[
            rule("python.strong", "supersedes = [\"python.weak\"]"),
            rule("python.weak", ""),
            rule("python.other", ""),
        ]);
        let kept = table.apply(vec![
            finding("python.strong", 3, 40..80),
            // Same line, a range of its own (`unsafe` and the call in its block).
            finding("python.weak", 3, 30..36),
            // Another line, but inside the strong finding's range (a call over two lines).
            finding("python.weak", 4, 60..70),
            // Elsewhere: stays.
            finding("python.weak", 9, 200..210),
            // A rule the strong one does not name: stays.
            finding("python.other", 3, 45..50),
        ]);
        assert_eq!(
            ids(&kept),
            [
                ("python.strong".into(), 3),
                ("python.weak".into(), 9),
                ("python.other".into(), 3)
            ]
        );
    }

    #[test]
    fn chains_are_followed_and_cycles_keep_both() {
        let chain = Supersedes::new(&[
            rule("python.a", "supersedes = [\"python.b\"]"),
            rule("python.b", "supersedes = [\"python.c\"]"),
        ]);
        let kept = chain.apply(vec![
            finding("python.a", 1, 0..5),
            finding("python.c", 1, 0..5),
        ]);
        assert_eq!(ids(&kept), [("python.a".into(), 1)]);

        let cycle = Supersedes::new(&[
            rule("python.a", "supersedes = [\"python.b\"]"),
            rule("python.b", "supersedes = [\"python.a\"]"),
        ]);
        let kept = cycle.apply(vec![
            finding("python.a", 1, 0..5),
            finding("python.b", 1, 0..5),
        ]);
        assert_eq!(kept.len(), 2);
    }

    #[test]
    fn bad_entries_are_errors_with_a_reason() {
        for (entry, reason) in [
            ("supersedes = [\"Not An Id\"]", "is not a rule id"),
            ("supersedes = [\"python.x\"]", "cannot supersede itself"),
            ("supersedes = [\"python.y\", \"python.y\"]", "listed twice"),
            ("supersedes = \"python.y\"", "invalid type"),
        ] {
            let text = format!(
                "id = \"python.x\"\nlanguages = [\"python\"]\nseverity = \"warning\"\n\
                 cwe = [\"CWE-94\"]\nmessage = \"m\"\n{entry}\n[docs]\nwhat = \"w\"\nwhy = \"y\"\n\
                 example = \"e\"\nfix = \"f\"\n[match]\nregex = 'x'\n"
            );
            let error = parse_rule(&text, "test", None).unwrap_err();
            assert!(error.message.contains(reason), "{entry}: {error:?}");
            assert_eq!(error.line, Some(6), "{entry}: {error:?}");
        }
    }
}
