//! The `sarif` format: SARIF 2.1.0, as read by GitHub code scanning and other dashboards.
//! Rules carry their docs (short and full description, help, CWE tags, default level); results
//! carry regions, fixes and a partial fingerprint.

use crate::check::{Outcome, Reported};
use crate::finding::Finding;
use crate::rules::{Category, Rule, RuleSet, Severity};
use crate::text::Position;
use serde_json::json;
use serde_sarif::sarif;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn write(outcome: &Outcome, rules: &RuleSet, out: &mut dyn Write) -> io::Result<()> {
    // Every rule that ran, then descriptors for findings from elsewhere (suppression hints,
    // project-level checks), so each result can point at its rule by index. Taint libraries
    // run with every taint rule of their language but never report: they are not listed.
    let mut descriptors: Vec<sarif::ReportingDescriptor> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut sorted: Vec<&Rule> = rules
        .rules()
        .iter()
        .filter(|rule| !rule.is_taint_library())
        .collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    for rule in sorted {
        index.insert(rule.id.as_str(), descriptors.len());
        descriptors.push(rule_descriptor(rule));
    }
    for reported in &outcome.findings {
        let finding = &reported.finding;
        if !index.contains_key(finding.rule_id.as_ref()) {
            index.insert(finding.rule_id.as_ref(), descriptors.len());
            descriptors.push(other_descriptor(finding));
        }
    }
    let results: Vec<sarif::Result> = outcome
        .findings
        .iter()
        .map(|reported| result(reported, index[reported.finding.rule_id.as_ref()]))
        .collect();
    let driver = sarif::ToolComponent::builder()
        .name("slopguard")
        .version(env!("CARGO_PKG_VERSION"))
        .information_uri(crate::DOCS_RULES_URL)
        .rules(descriptors)
        .build();
    let run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .results(results)
        // Columns count Unicode scalar values, as `Position` does.
        .column_kind(json!("unicodeCodePoints"))
        .invocations(vec![invocation(outcome)])
        .build();
    let log = sarif::Sarif::builder()
        .schema(SCHEMA)
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build();
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// The run itself: unsuccessful, with a notification per gap, when analysis was incomplete,
/// so a dashboard does not show an incomplete scan as a clean one.
fn invocation(outcome: &Outcome) -> sarif::Invocation {
    let notifications: Vec<sarif::Notification> = outcome
        .incomplete
        .iter()
        .map(|gap| {
            let artifact = sarif::ArtifactLocation::builder()
                .uri(uri(&gap.path))
                .build();
            let line = i64::from(gap.reason.line().unwrap_or(0)) + 1;
            let location = sarif::Location::builder()
                .physical_location(
                    sarif::PhysicalLocation::builder()
                        .artifact_location(artifact)
                        .region(sarif::Region::builder().start_line(line).build())
                        .build(),
                )
                .build();
            sarif::Notification::builder()
                .descriptor(
                    sarif::ReportingDescriptorReference::builder()
                        .id(format!("slopguard/incomplete/{}", gap.reason.kind()))
                        .build(),
                )
                .level(json!("warning"))
                .locations(vec![location])
                .message(
                    sarif::Message::builder()
                        .text(format!("Analysis incomplete: {}", gap.reason))
                        .build(),
                )
                .build()
        })
        .collect();
    sarif::Invocation::builder()
        .execution_successful(notifications.is_empty())
        .tool_execution_notifications(notifications)
        .tool_configuration_notifications(configuration_notifications(outcome))
        .build()
}

/// What the config turned off (`slopguard.toml excludes vendor`), one notification each.
fn configuration_notifications(outcome: &Outcome) -> Vec<sarif::Notification> {
    outcome
        .narrowed
        .iter()
        .map(|narrowed| {
            sarif::Notification::builder()
                .level(json!("note"))
                .message(
                    sarif::Message::builder()
                        .text(format!("Not checked: {narrowed}."))
                        .build(),
                )
                .build()
        })
        .collect()
}

fn level(severity: Severity) -> serde_json::Value {
    json!(match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    })
}

fn rule_descriptor(rule: &Rule) -> sarif::ReportingDescriptor {
    let docs = &rule.docs;
    let help_text = format!(
        "{}\n\nWhy: {}\n\nExample:\n{}\nFix: {}",
        docs.what.trim(),
        docs.why.trim(),
        docs.example.trim_end(),
        docs.fix.trim()
    );
    let help_markdown = format!(
        "{}\n\n**Why:** {}\n\n```\n{}\n```\n\n**Fix:** {}",
        docs.what.trim(),
        docs.why.trim(),
        docs.example.trim_end(),
        docs.fix.trim()
    );
    let mut tags: Vec<String> = rule.cwe.to_vec();
    tags.push("security".into());
    tags.push(rule.category.as_str().into());
    sarif::ReportingDescriptor::builder()
        .id(rule.id.as_str())
        .short_description(message_string(&first_sentence(&rule.message)))
        .full_description(message_string(docs.what.trim()))
        .help(
            sarif::MultiformatMessageString::builder()
                .text(help_text)
                .markdown(help_markdown)
                .build(),
        )
        .help_uri(rule.docs_url())
        .default_configuration(
            sarif::ReportingConfiguration::builder()
                .level(level(rule.severity))
                .build(),
        )
        .properties(sarif::PropertyBag::builder().tags(tags).build())
        .build()
}

/// A descriptor for a rule id that is not in the rule set (suppression hints, project checks).
fn other_descriptor(finding: &Finding) -> sarif::ReportingDescriptor {
    let mut tags = finding.cwe.to_vec();
    tags.push(finding.category.as_str().into());
    // One rule for every advisory: its help is what such a finding means; each result names
    // its own advisory and that advisory's page (`properties.advisory`).
    let (short, help_uri) = match finding.category {
        Category::VulnerableDependency => (
            "A dependency pinned at a version a known advisory affects".to_string(),
            Some(crate::DOCS_VULNERABILITIES_URL),
        ),
        _ => (first_sentence(&finding.message), None),
    };
    let mut descriptor = sarif::ReportingDescriptor::builder()
        .id(finding.rule_id.as_ref())
        .short_description(message_string(&short))
        .default_configuration(
            sarif::ReportingConfiguration::builder()
                .level(level(finding.severity))
                .build(),
        )
        .properties(sarif::PropertyBag::builder().tags(tags).build())
        .build();
    descriptor.help_uri = help_uri.map(str::to_string);
    descriptor
}

fn result(reported: &Reported, rule_index: usize) -> sarif::Result {
    let finding = &reported.finding;
    let artifact = sarif::ArtifactLocation::builder()
        .uri(uri(&reported.path))
        .build();
    let location = sarif::Location::builder()
        .physical_location(
            sarif::PhysicalLocation::builder()
                .artifact_location(artifact.clone())
                .region(region(finding.span.start, finding.span.end))
                .build(),
        )
        .build();
    let mut fingerprints = BTreeMap::new();
    fingerprints.insert("slopguard/v1".to_string(), reported.fingerprint.clone());
    let message = sarif::Message::builder()
        .text(finding.message.as_ref())
        .build();
    let fixes: Vec<sarif::Fix> = finding
        .fix
        .iter()
        .map(|fix| {
            let replacement = sarif::Replacement::builder()
                .deleted_region(region(fix.span.start, fix.span.end))
                .inserted_content(
                    sarif::ArtifactContent::builder()
                        .text(fix.replacement.as_str())
                        .build(),
                )
                .build();
            sarif::Fix::builder()
                .description(
                    sarif::Message::builder()
                        .text(format!("Replace with `{}`", fix.replacement))
                        .build(),
                )
                .artifact_changes(vec![
                    sarif::ArtifactChange::builder()
                        .artifact_location(artifact.clone())
                        .replacements(vec![replacement])
                        .build(),
                ])
                .build()
        })
        .collect();
    let mut properties = BTreeMap::new();
    properties.insert("category".to_string(), json!(finding.category.as_str()));
    properties.insert("confidence".to_string(), json!(finding.confidence.as_str()));
    if let Some(package) = &finding.package {
        properties.insert(
            "package".to_string(),
            match &package.version {
                Some(version) => json!({ "ecosystem": package.ecosystem, "name": package.name,
                                         "version": version }),
                None => json!({ "ecosystem": package.ecosystem, "name": package.name }),
            },
        );
    }
    if let Some(advisory) = &finding.advisory {
        properties.insert(
            "advisory".to_string(),
            json!({ "id": advisory.id, "aliases": advisory.aliases, "fixed": advisory.fixed,
                    "reach": advisory.reach, "severity": advisory.level,
                    "cvss": advisory.score, "helpUri": advisory.url }),
        );
    }
    let builder = sarif::Result::builder()
        .rule_id(finding.rule_id.as_ref())
        .rule_index(rule_index as i64)
        .level(match finding.severity {
            Severity::Error => sarif::ResultLevel::Error,
            Severity::Warning => sarif::ResultLevel::Warning,
            Severity::Info | Severity::Hint => sarif::ResultLevel::Note,
        })
        .message(message)
        .locations(vec![location])
        .partial_fingerprints(fingerprints)
        .properties(
            sarif::PropertyBag::builder()
                .additional_properties(properties)
                .build(),
        );
    let mut result = if fixes.is_empty() {
        builder.build()
    } else {
        builder.fixes(fixes).build()
    };
    if let Some(flow) = &finding.flow {
        // Reported at a sink in a helper's file: the source and steps are in the caller's.
        let caller = flow.steps_elsewhere.as_deref().map(|caller| {
            sarif::ArtifactLocation::builder()
                .uri(uri(&reported.path_of(&caller.path)))
                .build()
        });
        let steps_artifact = caller.as_ref().unwrap_or(&artifact);
        result.code_flows = Some(vec![code_flow(flow, steps_artifact, &artifact, finding)]);
        // Where the value came from, in another file, is also where a reader wants to go.
        if let Some(caller) = &caller {
            let source = &flow.source;
            let mut related = located(caller, source.span.start, source.span.end, &source.note);
            related.id = Some(0);
            result.related_locations = Some(vec![related]);
        }
    }
    result
}

/// A location in `artifact` with a message.
fn located(
    artifact: &sarif::ArtifactLocation,
    start: Position,
    end: Position,
    note: &str,
) -> sarif::Location {
    sarif::Location::builder()
        .physical_location(
            sarif::PhysicalLocation::builder()
                .artifact_location(artifact.clone())
                .region(region(start, end))
                .build(),
        )
        .message(sarif::Message::builder().text(note).build())
        .build()
}

/// A data-flow path as SARIF shows it: one thread from the source (in `steps_artifact`) through
/// each step to the sink, the finding's own range.
fn code_flow(
    flow: &crate::finding::FlowTrace,
    steps_artifact: &sarif::ArtifactLocation,
    artifact: &sarif::ArtifactLocation,
    finding: &crate::finding::Finding,
) -> sarif::CodeFlow {
    let point = |artifact: &sarif::ArtifactLocation, start: Position, end: Position, note: &str| {
        sarif::ThreadFlowLocation::builder()
            .location(located(artifact, start, end, note))
            .build()
    };
    let mut locations = vec![point(
        steps_artifact,
        flow.source.span.start,
        flow.source.span.end,
        &flow.source.note,
    )];
    locations.extend(
        flow.steps
            .iter()
            .map(|s| point(steps_artifact, s.span.start, s.span.end, &s.note)),
    );
    locations.push(point(
        artifact,
        finding.span.start,
        finding.span.end,
        "reaches the sink",
    ));
    sarif::CodeFlow::builder()
        .thread_flows(vec![
            sarif::ThreadFlow::builder().locations(locations).build(),
        ])
        .build()
}

fn region(start: Position, end: Position) -> sarif::Region {
    sarif::Region::builder()
        .start_line(i64::from(start.line) + 1)
        .start_column(i64::from(start.column) + 1)
        .end_line(i64::from(end.line) + 1)
        .end_column(i64::from(end.column) + 1)
        .build()
}

fn message_string(text: &str) -> sarif::MultiformatMessageString {
    sarif::MultiformatMessageString::builder()
        .text(text)
        .build()
}

/// A rule message's first sentence, its `{{capture}}` placeholders shown as `…`.
fn first_sentence(message: &str) -> String {
    let sentence = message.split(". ").next().unwrap_or(message).trim();
    let mut out = String::new();
    let mut rest = sentence;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        match rest[start..].find("}}") {
            Some(end) => {
                out.push('…');
                rest = &rest[start + end + 2..];
            }
            None => {
                rest = &rest[start..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A relative path as a URI reference: `/` separators, unsafe bytes percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for byte in path.as_bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(*byte as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn short_descriptions_hide_placeholders() {
        assert_eq!(
            super::first_sentence("`{{f}}()` runs code. Use x."),
            "`…()` runs code"
        );
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(super::uri("src/my app/é.py"), "src/my%20app/%C3%A9.py");
    }
}
