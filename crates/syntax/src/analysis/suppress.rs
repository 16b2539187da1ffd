//! Suppression comments: `# slopguard: ignore[rule-id, other-id]` (or `//`, `/* */`) silences
//! those rules on its own line, or, when the comment stands alone on its line, on the next line
//! too. `ignore` without a list silences every rule there.
//!
//! This lives in the analysis core so `check` and the LSP honour the same comments. A directive
//! (or one id in its list) that silenced nothing becomes a hint finding,
//! [`UNUSED_SUPPRESSION`], so stale suppressions do not pile up.

use crate::finding::Finding;
use crate::rules::{Category, Confidence, KnownIds, Severity};
use crate::text::{LineIndex, Span};
use regex::Regex;
use std::sync::{Arc, LazyLock};

/// The rule id of the hint reported for a suppression that silenced nothing.
pub const UNUSED_SUPPRESSION: &str = "slopguard.unused-suppression";

/// The marker, after a comment opener. The list is optional; ids are separated by commas.
static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:#|//|/\*|<!--|--)[ \t]*slopguard:[ \t]*ignore(?:\[([^\]\n]*)\])?").unwrap()
});

/// The suppression directives of one document and which of them were used.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    directives: Vec<Directive>,
}

#[derive(Debug, Clone)]
struct Directive {
    /// 0-based line of the comment.
    line: u32,
    /// The comment stands alone on its line, so it also covers the next line.
    covers_next_line: bool,
    /// `None`: every rule. Else the ids, each with whether it silenced something.
    ids: Option<Vec<(String, bool)>>,
    /// For a directive without a list: whether it silenced something.
    used: bool,
    span: Span,
}

impl Directive {
    fn covers(&self, line: u32) -> bool {
        line == self.line || (self.covers_next_line && line == self.line + 1)
    }
}

impl Suppressions {
    /// Finds every directive in `text`.
    pub fn parse(text: &str) -> Suppressions {
        // Most documents have none: skip building a line index for them.
        if !text.contains("slopguard:") {
            return Suppressions::default();
        }
        let lines = LineIndex::new(text);
        let directives = DIRECTIVE
            .captures_iter(text)
            .map(|captures| {
                let whole = captures.get(0).unwrap();
                let line = lines.line_of(whole.start());
                let before = &text[lines.line_start(line)..whole.start()];
                let ids = captures.get(1).map(|list| {
                    list.as_str()
                        .split(',')
                        .map(str::trim)
                        .filter(|id| !id.is_empty())
                        .map(|id| (id.to_string(), false))
                        .collect()
                });
                Directive {
                    line: line as u32,
                    covers_next_line: before.trim().is_empty(),
                    ids,
                    used: false,
                    span: lines.span(whole.start(), whole.end()),
                }
            })
            .collect();
        Suppressions { directives }
    }

    pub fn is_empty(&self) -> bool {
        self.directives.is_empty()
    }

    /// Drops the findings a directive silences and remembers which directives were used.
    /// Hints about unused suppressions are never silenced.
    pub fn silence(&mut self, findings: Vec<Finding>) -> Vec<Finding> {
        if self.directives.is_empty() {
            return findings;
        }
        findings
            .into_iter()
            .filter(|finding| {
                if &*finding.rule_id == UNUSED_SUPPRESSION {
                    return true;
                }
                let mut silenced = false;
                for directive in &mut self.directives {
                    if !directive.covers(finding.span.start.line) {
                        continue;
                    }
                    match &mut directive.ids {
                        None => {
                            directive.used = true;
                            silenced = true;
                        }
                        Some(ids) => {
                            for (id, used) in ids.iter_mut() {
                                if **id == *finding.rule_id {
                                    *used = true;
                                    silenced = true;
                                }
                            }
                        }
                    }
                }
                !silenced
            })
            .collect()
    }

    /// A hint for each directive, or id in a directive's list, that silenced nothing so far.
    /// With the ids a run can report (`known`), an id that is none of them gets a hint of its
    /// own with a suggestion (`eval-exec` → did you mean `python.eval-exec`?).
    pub fn unused(&self, known: Option<&KnownIds>) -> Vec<Finding> {
        let mut hints = Vec::new();
        for directive in &self.directives {
            let hint = |message: String| Finding {
                rule_id: UNUSED_SUPPRESSION.into(),
                // Not a security finding; the category enum has no better member, and the
                // hint never fails a run at the default `fail-on`.
                category: Category::InsecureCode,
                severity: Severity::Hint,
                confidence: Confidence::High,
                message: message.into(),
                span: directive.span,
                cwe: Arc::new([]),
                fix: None,
                package: None,
                flow: None,
                advisory: None,
            };
            let message = match &directive.ids {
                None if !directive.used => {
                    "`slopguard: ignore` silences nothing here: remove it".to_string()
                }
                None => continue,
                Some(ids) if ids.is_empty() => {
                    "`slopguard: ignore[]` names no rule: remove it".to_string()
                }
                Some(ids) => {
                    let is_unknown = |id: &str| known.is_some_and(|known| !known.contains(id));
                    for (id, _) in ids.iter().filter(|(id, used)| !used && is_unknown(id)) {
                        let known = known.expect("only with known ids");
                        hints.push(hint(format!(
                            "{}: this ignore silences nothing",
                            known.unknown_message(id)
                        )));
                    }
                    let unused: Vec<&str> = ids
                        .iter()
                        .filter(|(id, used)| !used && !is_unknown(id))
                        .map(|(id, _)| id.as_str())
                        .collect();
                    match unused.as_slice() {
                        [] => continue,
                        [one] => format!("`{one}` reports nothing here: remove it from the ignore"),
                        many => format!(
                            "{} report nothing here: remove them from the ignore",
                            many.iter()
                                .map(|id| format!("`{id}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    }
                }
            };
            hints.push(hint(message));
        }
        hints
    }
}

/// Applies the suppressions written in `text` to its `findings`: the silenced ones are dropped
/// and a hint is added for each suppression that silenced nothing. For a shell that has every
/// finding of a document at once (the LSP); `check` uses [`Suppressions`] directly because
/// project-level findings for a file may arrive later.
pub fn apply_suppressions(text: &str, findings: Vec<Finding>) -> Vec<Finding> {
    let mut suppressions = Suppressions::parse(text);
    if suppressions.is_empty() {
        return findings;
    }
    let mut kept = suppressions.silence(findings);
    kept.extend(suppressions.unused(None));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &str, text: &str, line: usize) -> Finding {
        let lines = LineIndex::new(text);
        let start = lines.line_start(line);
        Finding {
            rule_id: rule.into(),
            category: Category::InsecureCode,
            severity: Severity::Error,
            confidence: Confidence::High,
            message: "m".into(),
            span: lines.span(start, start + 1),
            cwe: Arc::new([]),
            fix: None,
            package: None,
            flow: None,
            advisory: None,
        }
    }

    fn kept_rules(text: &str, findings: Vec<Finding>) -> Vec<(String, u32)> {
        apply_suppressions(text, findings)
            .into_iter()
            .map(|f| (f.rule_id.to_string(), f.span.start.line))
            .collect()
    }

    #[test]
    fn a_trailing_comment_silences_its_own_line_only() {
        let text = "a = f(x)  # slopguard: ignore[py.a]\nb = f(x)\n";
        let out = kept_rules(
            text,
            vec![finding("py.a", text, 0), finding("py.a", text, 1)],
        );
        assert_eq!(out, vec![("py.a".into(), 1)]);
    }

    #[test]
    fn a_comment_alone_on_its_line_silences_the_next_line() {
        let text = "// slopguard: ignore[js.a, js.b]\neval(x)\neval(y)\n";
        let out = kept_rules(
            text,
            vec![
                finding("js.a", text, 1),
                finding("js.b", text, 1),
                finding("js.a", text, 2),
            ],
        );
        assert_eq!(out, vec![("js.a".into(), 2)]);
    }

    #[test]
    fn ignore_without_a_list_silences_every_rule() {
        let text = "x = 1 # slopguard: ignore\n";
        let out = kept_rules(text, vec![finding("a.b", text, 0), finding("c.d", text, 0)]);
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn other_rules_are_not_silenced() {
        let text = "x = 1 # slopguard: ignore[a.b]\n";
        let out = kept_rules(text, vec![finding("c.d", text, 0)]);
        assert_eq!(
            out,
            vec![("c.d".into(), 0), (UNUSED_SUPPRESSION.into(), 0)],
            "the ignore silenced nothing, so it is reported too"
        );
    }

    #[test]
    fn unused_ids_are_reported_one_by_one() {
        let text = "x = 1\n# slopguard: ignore[a.b, c.d]\ny = f()\n";
        let out = apply_suppressions(text, vec![finding("a.b", text, 2)]);
        assert_eq!(out.len(), 1);
        assert_eq!(&*out[0].rule_id, UNUSED_SUPPRESSION);
        assert_eq!(out[0].severity, Severity::Hint);
        assert_eq!(out[0].span.start.line, 1);
        assert!(out[0].message.contains("`c.d`"), "{}", out[0].message);
        assert!(!out[0].message.contains("a.b"), "{}", out[0].message);
    }

    #[test]
    fn text_without_directives_is_untouched() {
        let text = "slopguard is a word here\n";
        let out = kept_rules(text, vec![finding("a.b", text, 0)]);
        assert_eq!(out, vec![("a.b".into(), 0)]);
    }
}
