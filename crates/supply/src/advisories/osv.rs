//! The OSV schema (<https://ossf.github.io/osv-schema/>), read into what slopguard keeps of an
//! advisory: its ids, summary, severity, the affected version ranges and version lists of one
//! package, the versions that fix it, and the functions and modules it names as affected.
//!
//! Function and module lists are not part of the core schema; each database puts them in its
//! own field, and this is where they are read:
//!
//! | database | field (per `affected` entry) | kept as |
//! | --- | --- | --- |
//! | RustSec | `ecosystem_specific.affects.functions` (`smallvec::SmallVec::insert_many`) | functions |
//! | Go-style / PyPA | `ecosystem_specific.imports[].path` and `.symbols` | modules, `module.symbol` functions |
//! | any | `ecosystem_specific` or `database_specific` `affected_functions` / `functions` | functions |
//! | any | `ecosystem_specific` or `database_specific` `affected_modules` / `modules` | modules |
//!
//! Severity comes from a CVSS v3/v4 vector (record or entry level) scored with the `cvss` crate,
//! else from GHSA's `database_specific.severity` word. Withdrawn records are dropped here.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// An OSV record as published (the fields slopguard reads).
#[derive(Debug, Deserialize)]
pub struct Record {
    pub id: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub details: Option<String>,
    #[serde(default)]
    pub withdrawn: Option<String>,
    #[serde(default)]
    pub severity: Vec<SeverityEntry>,
    #[serde(default)]
    pub affected: Vec<Affected>,
    #[serde(default)]
    pub references: Vec<Reference>,
    #[serde(default)]
    pub database_specific: Option<Value>,
}

#[derive(Debug, Deserialize)]
pub struct SeverityEntry {
    #[serde(rename = "type")]
    pub kind: String,
    pub score: String,
}

#[derive(Debug, Deserialize)]
pub struct Reference {
    #[serde(rename = "type")]
    pub kind: String,
    pub url: String,
}

#[derive(Debug, Deserialize)]
pub struct Affected {
    pub package: Option<PackageId>,
    #[serde(default)]
    pub ranges: Vec<RawRange>,
    #[serde(default)]
    pub versions: Vec<String>,
    #[serde(default)]
    pub severity: Vec<SeverityEntry>,
    #[serde(default)]
    pub ecosystem_specific: Option<Value>,
    #[serde(default)]
    pub database_specific: Option<Value>,
}

#[derive(Debug, Deserialize)]
pub struct PackageId {
    pub ecosystem: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
pub struct RawRange {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub events: Vec<RawEvent>,
}

#[derive(Debug, Deserialize)]
pub struct RawEvent {
    pub introduced: Option<String>,
    pub fixed: Option<String>,
    pub last_affected: Option<String>,
    pub limit: Option<String>,
}

pub use crate::finding::Level;

/// One point of an affected range, in the order the record gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Event {
    Introduced(String),
    Fixed(String),
    LastAffected(String),
    Limit(String),
}

/// An affected range of versions (`SEMVER` or `ECOSYSTEM`: both are compared by the
/// ecosystem's own rules). `GIT` ranges (commits) are not kept: lockfiles pin versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    pub events: Vec<Event>,
}

/// What slopguard keeps of one advisory for one package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Advisory {
    pub id: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub summary: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    pub url: String,
    /// The package name as the advisory writes it.
    pub package: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ranges: Vec<Range>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<String>,
    /// Affected functions, as qualified paths (`yaml.load`, `smallvec::SmallVec::insert_many`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub functions: Vec<String>,
    /// Affected modules (`django.contrib.auth`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modules: Vec<String>,
}

impl Advisory {
    /// Every version a range names as fixing it.
    pub fn fixed_versions(&self) -> impl Iterator<Item = &str> {
        self.ranges
            .iter()
            .flat_map(|r| &r.events)
            .filter_map(|e| match e {
                Event::Fixed(v) => Some(v.as_str()),
                _ => None,
            })
    }
}

impl Record {
    /// The advisories this record holds for packages of `ecosystem` (the OSV spelling:
    /// `PyPI`, `npm`, `crates.io`), one per package; none when it is withdrawn.
    pub fn advisories(&self, ecosystem: &str) -> Vec<Advisory> {
        if self.withdrawn.is_some() {
            return Vec::new();
        }
        let mut out: Vec<Advisory> = Vec::new();
        for affected in &self.affected {
            let Some(package) = &affected.package else {
                continue;
            };
            if package.ecosystem != ecosystem || package.name.is_empty() {
                continue;
            }
            let index = match out.iter().position(|a| a.package == package.name) {
                Some(index) => index,
                None => {
                    out.push(self.empty_advisory(&package.name));
                    out.len() - 1
                }
            };
            let advisory = &mut out[index];
            advisory
                .ranges
                .extend(affected.ranges.iter().filter_map(range));
            advisory.versions.extend(affected.versions.iter().cloned());
            for specific in [&affected.ecosystem_specific, &affected.database_specific]
                .into_iter()
                .flatten()
            {
                read_lists(specific, &mut advisory.functions, &mut advisory.modules);
            }
            if let Some(score) = best_score(&affected.severity)
                && advisory.score.is_none_or(|s| s < score)
            {
                advisory.score = Some(score);
                advisory.level = Level::of_score(score);
            }
        }
        for advisory in &mut out {
            advisory.functions.sort();
            advisory.functions.dedup();
            advisory.modules.sort();
            advisory.modules.dedup();
        }
        out.retain(|a| !a.ranges.is_empty() || !a.versions.is_empty());
        out
    }

    fn empty_advisory(&self, package: &str) -> Advisory {
        let score = best_score(&self.severity);
        let level = score.and_then(Level::of_score).or_else(|| {
            let word = self.database_specific.as_ref()?.get("severity")?.as_str()?;
            match word.to_ascii_uppercase().as_str() {
                "CRITICAL" => Some(Level::Critical),
                "HIGH" => Some(Level::High),
                "MODERATE" | "MEDIUM" => Some(Level::Medium),
                "LOW" => Some(Level::Low),
                _ => None,
            }
        });
        let summary = self
            .summary
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .or_else(|| {
                self.details
                    .as_deref()?
                    .lines()
                    .find(|l| !l.trim().is_empty())
            })
            .unwrap_or("")
            .trim();
        let url = self
            .references
            .iter()
            .find(|r| r.kind == "ADVISORY" && r.url.starts_with("https://"))
            .map(|r| r.url.clone())
            .unwrap_or_else(|| format!("https://osv.dev/vulnerability/{}", self.id));
        Advisory {
            id: self.id.clone(),
            aliases: self.aliases.clone(),
            summary: truncate(summary, 300),
            score,
            level,
            url,
            package: package.to_string(),
            ranges: Vec::new(),
            versions: Vec::new(),
            functions: Vec::new(),
            modules: Vec::new(),
        }
    }
}

/// An advisory `X` of package `p` that says nothing else, for unit tests to fill in what they
/// check: `Advisory { versions, ..Advisory::blank() }`.
#[cfg(test)]
impl Advisory {
    pub(crate) fn blank() -> Advisory {
        Advisory {
            id: "X".into(),
            aliases: vec![],
            summary: String::new(),
            score: None,
            level: None,
            url: String::new(),
            package: "p".into(),
            ranges: vec![],
            versions: vec![],
            functions: vec![],
            modules: vec![],
        }
    }
}

fn range(raw: &RawRange) -> Option<Range> {
    if !matches!(raw.kind.as_str(), "SEMVER" | "ECOSYSTEM") {
        return None;
    }
    let events: Vec<Event> = raw
        .events
        .iter()
        .filter_map(|e| {
            Some(if let Some(v) = &e.introduced {
                Event::Introduced(v.clone())
            } else if let Some(v) = &e.fixed {
                Event::Fixed(v.clone())
            } else if let Some(v) = &e.last_affected {
                Event::LastAffected(v.clone())
            } else {
                Event::Limit(e.limit.clone()?)
            })
        })
        .collect();
    (!events.is_empty()).then_some(Range { events })
}

/// The highest base score of the CVSS vectors given.
fn best_score(entries: &[SeverityEntry]) -> Option<f64> {
    entries
        .iter()
        .filter_map(|entry| match entry.kind.as_str() {
            "CVSS_V3" => entry
                .score
                .parse::<cvss::v3::Vector>()
                .ok()
                .map(|vector| vector.score().value()),
            "CVSS_V4" => entry
                .score
                .parse::<cvss::v4::Vector>()
                .ok()
                .map(|vector| vector.score().value()),
            _ => None,
        })
        .fold(None, |best: Option<f64>, s| {
            Some(best.map_or(s, |b| b.max(s)))
        })
}

/// Function and module lists from an `ecosystem_specific` / `database_specific` object.
fn read_lists(specific: &Value, functions: &mut Vec<String>, modules: &mut Vec<String>) {
    let strings = |value: Option<&Value>| -> Vec<String> {
        value
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .filter(|s| !s.is_empty() && s.len() < 512)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    functions.extend(strings(
        specific.get("affects").and_then(|a| a.get("functions")),
    ));
    for key in ["affected_functions", "functions"] {
        functions.extend(strings(specific.get(key)));
    }
    for key in ["affected_modules", "modules"] {
        modules.extend(strings(specific.get(key)));
    }
    if let Some(imports) = specific.get("imports").and_then(Value::as_array) {
        for import in imports {
            let Some(path) = import.get("path").and_then(Value::as_str) else {
                continue;
            };
            let symbols = strings(import.get("symbols"));
            if symbols.is_empty() {
                modules.push(path.to_string());
            }
            functions.extend(symbols.iter().map(|s| format!("{path}.{s}")));
        }
    }
}

fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(json: &str) -> Record {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn rustsec_functions_cvss_and_ranges_are_kept() {
        let r = record(
            r#"{"id":"RUSTSEC-2021-0003","aliases":["CVE-2021-25900"],
            "summary":"Buffer overflow in SmallVec::insert_many",
            "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
            "affected":[{"package":{"ecosystem":"crates.io","name":"smallvec"},
              "ranges":[{"type":"SEMVER","events":[{"introduced":"0.6.3"},{"fixed":"0.6.14"},
                {"introduced":"1.0.0"},{"fixed":"1.6.1"}]}],
              "ecosystem_specific":{"affects":{"functions":["smallvec::SmallVec::insert_many"]}}}],
            "references":[{"type":"ADVISORY","url":"https://rustsec.org/advisories/RUSTSEC-2021-0003.html"}]}"#,
        );
        let advisories = r.advisories("crates.io");
        assert_eq!(advisories.len(), 1);
        let a = &advisories[0];
        assert_eq!(a.functions, ["smallvec::SmallVec::insert_many"]);
        assert_eq!(a.score, Some(9.8));
        assert_eq!(a.level, Some(Level::Critical));
        assert_eq!(a.fixed_versions().collect::<Vec<_>>(), ["0.6.14", "1.6.1"]);
        assert_eq!(
            a.url,
            "https://rustsec.org/advisories/RUSTSEC-2021-0003.html"
        );
        assert!(r.advisories("npm").is_empty());
    }

    #[test]
    fn withdrawn_records_and_git_only_ranges_give_nothing() {
        let withdrawn = record(
            r#"{"id":"GHSA-x","withdrawn":"2024-01-01T00:00:00Z","affected":[{"package":
            {"ecosystem":"npm","name":"a"},"versions":["1.0.0"]}]}"#,
        );
        assert!(withdrawn.advisories("npm").is_empty());
        let git = record(
            r#"{"id":"OSV-1","affected":[{"package":{"ecosystem":"PyPI","name":"a"},
            "ranges":[{"type":"GIT","repo":"https://x","events":[{"introduced":"abc"}]}]}]}"#,
        );
        assert!(git.advisories("PyPI").is_empty());
    }

    #[test]
    fn ghsa_severity_words_and_import_lists() {
        let r = record(
            r#"{"id":"GHSA-1","summary":"","details":"\nFirst line.\nSecond.",
            "database_specific":{"severity":"MODERATE"},
            "affected":[{"package":{"ecosystem":"PyPI","name":"PyYAML"},"versions":["5.3"],
            "ecosystem_specific":{"imports":[{"path":"yaml","symbols":["load","full_load"]},
              {"path":"yaml.constructor"}]}}]}"#,
        );
        let a = &r.advisories("PyPI")[0];
        assert_eq!(a.level, Some(Level::Medium));
        assert_eq!(a.summary, "First line.");
        assert_eq!(a.functions, ["yaml.full_load", "yaml.load"]);
        assert_eq!(a.modules, ["yaml.constructor"]);
        assert_eq!(a.url, "https://osv.dev/vulnerability/GHSA-1");
    }
}
