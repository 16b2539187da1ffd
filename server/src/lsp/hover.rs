//! Hovers: on a flagged range, the rule's documentation; on a flagged package, what slopguard
//! knows about it (the facts travel in the finding, whichever pass produced it).

use super::position::LineStarts;
use crate::finding::Finding;
use crate::rules::RuleSet;
use std::fmt::Write;
use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

/// The hover at `position`, from the findings whose range holds it.
pub fn hover(
    findings: &[Finding],
    rules: &RuleSet,
    text: &str,
    lines: &LineStarts,
    position: Position,
) -> Option<Hover> {
    let offset = lines.offset(text, position);
    let here: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.span.start_byte <= offset && offset <= f.span.end_byte)
        .collect();
    let first = here.first()?;
    let mut markdown = String::new();
    for (i, finding) in here.iter().enumerate() {
        if i > 0 {
            markdown.push_str("\n\n---\n\n");
        }
        describe(finding, rules, &mut markdown);
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(lines.range(text, first.span.start_byte, first.span.end_byte)),
    })
}

fn describe(finding: &Finding, rules: &RuleSet, out: &mut String) {
    let _ = write!(
        out,
        "**slopguard: {}** ({}, {})\n\n{}",
        finding.rule_id, finding.severity, finding.category, finding.message
    );
    if let Some(package) = &finding.package {
        let _ = write!(
            out,
            "\n\nPackage `{}` on {}.",
            package.name, package.ecosystem
        );
    }
    if let Some(advisory) = &finding.advisory {
        let _ = write!(out, "\n\n**{}**", advisory.id);
        if !advisory.aliases.is_empty() {
            let _ = write!(out, " ({})", advisory.aliases.join(", "));
        }
        if !advisory.summary.is_empty() {
            let _ = write!(out, ": {}", advisory.summary);
        }
        let _ = write!(
            out,
            "\n\nReach: {}. Fixed in: {}. [Advisory]({})",
            advisory.reach.as_str(),
            advisory
                .fixed
                .as_deref()
                .unwrap_or("no fixed version known"),
            advisory.url
        );
    }
    if let Some(flow) = &finding.flow {
        let _ = write!(out, "\n\n**Path:**");
        for point in std::iter::once(&flow.source).chain(&flow.steps) {
            let _ = write!(
                out,
                "\n- line {}: {}",
                point.span.start.line + 1,
                point.note
            );
        }
        match &flow.sink_elsewhere {
            // The last step is the call of the helper; the sink is in its file.
            Some(remote) => {
                let _ = write!(
                    out,
                    "\n- {}:{}: {}",
                    remote.file,
                    remote.span.start.line + 1,
                    remote.note()
                );
            }
            None => {
                let _ = write!(
                    out,
                    "\n- line {}: reaches the sink",
                    finding.span.start.line + 1
                );
            }
        }
    }
    if let Some(rule) = rules.get(&finding.rule_id) {
        let docs = &rule.docs;
        let _ = write!(
            out,
            "\n\n**What:** {}\n\n**Why:** {}\n\n**Fix:** {}\n\n[Rule documentation]({})",
            docs.what.trim(),
            docs.why.trim(),
            docs.fix.trim(),
            rule.docs_url()
        );
    }
    let cwes: Vec<String> = finding
        .cwe
        .iter()
        .map(|cwe| match cwe.strip_prefix("CWE-") {
            Some(number) => {
                format!("[{cwe}](https://cwe.mitre.org/data/definitions/{number}.html)")
            }
            None => cwe.clone(),
        })
        .collect();
    if !cwes.is_empty() {
        let _ = write!(out, "\n\n{}", cwes.join(", "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;
    use crate::rules::parse_rule;

    #[test]
    fn hover_shows_rule_docs_and_cwe_links_inside_the_range_only() {
        let rule = parse_rule(
            r#"
id = "python.eval-call"
languages = ["python"]
severity = "error"
cwe = ["CWE-95"]
message = "eval runs code"
[docs]
what = "Finds eval."
why = "It runs strings as code."
example = "eval(x)"
fix = "Use ast.literal_eval."
[match]
query = '((call function: (identifier) @f) @match (#eq? @f "eval"))'
"#,
            "test",
            None,
        )
        .unwrap();
        let rules = RuleSet::new(vec![rule]).unwrap();
        let text = "x = 1\ny = eval(x)\n";
        let findings = crate::analysis::analyze_with(&rules, Language::Python.into(), text);
        let lines = LineStarts::new(text);
        let hover = hover(&findings, &rules, text, &lines, Position::new(1, 6)).unwrap();
        let HoverContents::Markup(markup) = hover.contents else {
            panic!("markdown expected")
        };
        assert!(
            markup.value.contains("**What:** Finds eval."),
            "{}",
            markup.value
        );
        assert!(markup.value.contains("definitions/95.html"));
        assert!(super::hover(&findings, &rules, text, &lines, Position::new(0, 1)).is_none());
    }
}
