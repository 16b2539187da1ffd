//! The summary at the top of the rule reference (`docs/rules.md`): how many rules each language
//! has, which rules cover each CWE, and a coverage table of weakness classes by language.

use crate::lang::Language;
use crate::rules::{Rule, Target};
use std::collections::BTreeMap;

/// The columns of the tables: what a rule author writes in `languages`.
const COLUMNS: [(&str, &str); 5] = [
    ("python", "Python"),
    ("javascript", "JavaScript"),
    ("typescript", "TypeScript"),
    ("rust", "Rust"),
    ("any", "any file"),
];

/// Weakness classes for the coverage table and the CWEs that belong to each. A rule counts in the
/// class of the first of its CWEs that any class lists; a rule with none counts as "Other".
const CLASSES: &[(&str, &[&str])] = &[
    (
        "Hard-coded credentials and secrets",
        &[
            "CWE-798", "CWE-259", "CWE-321", "CWE-522", "CWE-1188", "CWE-214",
        ],
    ),
    (
        "Injection (SQL, NoSQL, command, code, template)",
        &[
            "CWE-89", "CWE-943", "CWE-78", "CWE-77", "CWE-94", "CWE-95", "CWE-1336", "CWE-917",
        ],
    ),
    (
        "Cross-site scripting and output encoding",
        &["CWE-79", "CWE-116"],
    ),
    (
        "XML external entities and entity expansion",
        &["CWE-611", "CWE-776"],
    ),
    ("Path traversal", &["CWE-22", "CWE-23", "CWE-73"]),
    ("Unsafe deserialization", &["CWE-502"]),
    (
        "Server-side request forgery and open redirects",
        &["CWE-918", "CWE-601"],
    ),
    (
        "Weak cryptography and randomness",
        &[
            "CWE-327", "CWE-328", "CWE-326", "CWE-329", "CWE-1204", "CWE-330", "CWE-338",
            "CWE-916", "CWE-759", "CWE-780",
        ],
    ),
    (
        "TLS, certificates and clear-text transport",
        &["CWE-295", "CWE-297", "CWE-319", "CWE-757", "CWE-523"],
    ),
    (
        "Authentication, sessions and tokens (JWT, cookies, CSRF)",
        &[
            "CWE-347", "CWE-345", "CWE-613", "CWE-287", "CWE-285", "CWE-617", "CWE-352", "CWE-614",
            "CWE-1004", "CWE-1275", "CWE-208", "CWE-521",
        ],
    ),
    (
        "Web framework configuration (CORS, CSP, hosts, framing, mass assignment)",
        &[
            "CWE-942", "CWE-346", "CWE-693", "CWE-1021", "CWE-644", "CWE-915", "CWE-1321",
            "CWE-940", "CWE-829", "CWE-749",
        ],
    ),
    (
        "Information exposure (debug modes, logs, errors, listings)",
        &[
            "CWE-200", "CWE-209", "CWE-215", "CWE-489", "CWE-532", "CWE-538", "CWE-548", "CWE-598",
            "CWE-201", "CWE-668",
        ],
    ),
    (
        "Resource exhaustion and ReDoS",
        &["CWE-1333", "CWE-400", "CWE-770"],
    ),
    (
        "Permissions and temporary files",
        &["CWE-732", "CWE-377", "CWE-379"],
    ),
    (
        "Memory safety (Rust `unsafe`)",
        &[
            "CWE-119", "CWE-125", "CWE-787", "CWE-908", "CWE-457", "CWE-758", "CWE-476", "CWE-362",
            "CWE-665", "CWE-843",
        ],
    ),
];

const OTHER: &str = "Other";

/// Whether `rule` runs on files of the language a column names.
fn targets(rule: &Rule, column: &str) -> bool {
    rule.targets.iter().any(|target| match target {
        Target::AnyFile => column == "any",
        Target::Language(Language::Tsx) => column == "typescript",
        Target::Language(language) => language.name() == column,
    })
}

fn class_of(rule: &Rule) -> &'static str {
    rule.cwe
        .iter()
        .find_map(|cwe| {
            CLASSES
                .iter()
                .find(|(_, cwes)| cwes.contains(&cwe.as_str()))
                .map(|(name, _)| *name)
        })
        .unwrap_or(OTHER)
}

fn link(id: &str) -> String {
    format!("[`{id}`](#{id})")
}

/// The summary sections, for rules sorted by id.
pub fn render_summary(rules: &[&Rule]) -> String {
    let mut out = format!(
        "{} rules.\n\n## Coverage by weakness class and language\n\n",
        rules.len()
    );
    out.push_str(
        "A rule counts once per language it runs on; `any file` rules are the regex rules\n",
    );
    out.push_str("(secrets) that run on every file, source and configuration alike.\n\n");
    out.push_str("| class | ");
    out.push_str(&COLUMNS.map(|(_, title)| title).join(" | "));
    out.push_str(" | rules |\n| --- |");
    out.push_str(&" ---: |".repeat(COLUMNS.len() + 1));
    out.push('\n');
    let class_names = CLASSES.iter().map(|(name, _)| *name).chain([OTHER]);
    for class in class_names {
        let members: Vec<&&Rule> = rules.iter().filter(|r| class_of(r) == class).collect();
        if members.is_empty() {
            continue;
        }
        let counts = COLUMNS.map(|(column, _)| {
            members
                .iter()
                .filter(|r| targets(r, column))
                .count()
                .to_string()
        });
        out.push_str(&format!(
            "| {class} | {} | {} |\n",
            counts.join(" | "),
            members.len()
        ));
    }
    let totals = COLUMNS.map(|(column, _)| {
        rules
            .iter()
            .filter(|r| targets(r, column))
            .count()
            .to_string()
    });
    out.push_str(&format!(
        "| **all** | {} | {} |\n",
        totals.join(" | "),
        rules.len()
    ));

    out.push_str("\n## Rules by language\n");
    for (column, title) in COLUMNS {
        let ids: Vec<String> = rules
            .iter()
            .filter(|r| targets(r, column))
            .map(|r| link(&r.id))
            .collect();
        out.push_str(&format!(
            "\n**{title}** ({}): {}\n",
            ids.len(),
            ids.join(", ")
        ));
    }

    out.push_str("\n## Rules by CWE\n\n| CWE | rules | ids |\n| --- | ---: | --- |\n");
    let mut by_cwe: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
    for rule in rules {
        for cwe in rule.cwe.iter() {
            let number = cwe.trim_start_matches("CWE-").parse().unwrap_or(0);
            by_cwe.entry(number).or_default().push(&rule.id);
        }
    }
    for (number, ids) in by_cwe {
        let links: Vec<String> = ids.iter().map(|id| link(id)).collect();
        out.push_str(&format!(
            "| [CWE-{number}](https://cwe.mitre.org/data/definitions/{number}.html) | {} | {} |\n",
            ids.len(),
            links.join(", ")
        ));
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(id: &str, languages: &str, cwe: &str) -> Rule {
        let text = format!(
            "id = \"{id}\"\nlanguages = [{languages}]\nseverity = \"warning\"\ncwe = [{cwe}]\nmessage = \"m\"\n\
             [docs]\nwhat = \"w\"\nwhy = \"y\"\nexample = \"e\"\nfix = \"f\"\n[match]\nregex = 'x'\n"
        );
        crate::rules::parse_rule(&text, "test", None).unwrap()
    }

    #[test]
    fn a_rule_counts_in_the_class_of_its_first_known_cwe_and_in_each_language() {
        let xss = rule(
            "js.x",
            "\"javascript\", \"typescript\"",
            "\"CWE-20\", \"CWE-79\"",
        );
        let unknown = rule("python.y", "\"python\"", "\"CWE-1\"");
        assert_eq!(class_of(&xss), "Cross-site scripting and output encoding");
        assert_eq!(class_of(&unknown), OTHER);
        assert!(targets(&xss, "javascript") && targets(&xss, "typescript"));
        assert!(!targets(&xss, "python") && !targets(&xss, "any"));

        let summary = render_summary(&[&unknown, &xss]);
        assert!(summary.starts_with("2 rules."), "{summary}");
        assert!(
            summary
                .contains("| Cross-site scripting and output encoding | 0 | 1 | 1 | 0 | 0 | 1 |"),
            "{summary}"
        );
        assert!(
            summary.contains("| Other | 1 | 0 | 0 | 0 | 0 | 1 |"),
            "{summary}"
        );
        assert!(
            summary.contains("**TypeScript** (1): [`js.x`](#js.x)"),
            "{summary}"
        );
        assert!(summary.contains(
            "| [CWE-79](https://cwe.mitre.org/data/definitions/79.html) | 1 | [`js.x`](#js.x) |"
        ));
    }

    #[test]
    fn every_class_names_distinct_cwes() {
        let mut seen = std::collections::HashSet::new();
        for (_, cwes) in CLASSES {
            for cwe in *cwes {
                assert!(seen.insert(*cwe), "{cwe} is in two classes");
            }
        }
    }
}
