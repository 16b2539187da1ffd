//! The one finding type every part of slopguard produces and every output consumes.

use crate::rules::{Category, Confidence, Severity};
use crate::text::Span;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A replacement of one range of the analysed text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub span: Span,
    pub replacement: String,
    /// True when applying it without review is reasonable (a preferred quick fix).
    pub safe: bool,
}

/// The package a registry or dependency finding is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct PackageRef {
    /// `pypi`, `npm` or `crates.io`.
    pub ecosystem: String,
    pub name: String,
    /// The exact version the finding is about (a vulnerable dependency's locked version).
    pub version: Option<String>,
}

/// The known advisory a `vulnerable-dependency` finding reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdvisoryRef {
    /// The advisory's OSV id (`GHSA-...`, `RUSTSEC-...`, `PYSEC-...`).
    pub id: String,
    /// Its other ids (`CVE-...`).
    pub aliases: Vec<String>,
    /// The lowest version above the affected one that fixes it, if any.
    pub fixed: Option<String>,
    pub reach: Reach,
    /// `low`, `medium`, `high` or `critical`, when the advisory says.
    pub level: Option<Level>,
    /// The CVSS base score, when the advisory gives a vector.
    pub score: Option<f64>,
    /// One line on what the advisory is about.
    pub summary: String,
    /// Where to read it (the advisory's own page, else its osv.dev page).
    pub url: String,
}

/// How far the project's code reaches a vulnerable dependency, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reach {
    /// Nothing in the project imports the package: it is only a transitive dependency, or
    /// declared and unused.
    NotImported,
    /// The code imports the package (or the advisory's affected module) but calls none of the
    /// affected functions the advisory lists (or it lists none).
    Imported,
    /// The code calls a function the advisory names as affected.
    Called,
}

impl Reach {
    pub fn as_str(self) -> &'static str {
        match self {
            Reach::Called => "called",
            Reach::Imported => "imported",
            Reach::NotImported => "not-imported",
        }
    }
}

/// How bad an advisory says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Low,
    Medium,
    High,
    Critical,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
            Level::Critical => "critical",
        }
    }

    /// The qualitative rating of a CVSS base score.
    pub fn of_score(score: f64) -> Option<Level> {
        match score {
            s if s >= 9.0 => Some(Level::Critical),
            s if s >= 7.0 => Some(Level::High),
            s if s >= 4.0 => Some(Level::Medium),
            s if s > 0.0 => Some(Level::Low),
            _ => None,
        }
    }
}

/// One point of a data-flow path: a range and what happens to the value there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlowPoint {
    pub span: Span,
    pub note: String,
}

/// Where an untrusted value entered and the steps it took to the finding's range (the sink).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlowTrace {
    pub source: FlowPoint,
    /// The source as the code wrote it, in backticks (`source.note` says what happens there):
    /// a message that names the source again takes it from here.
    #[serde(skip)]
    pub source_label: Arc<str>,
    pub steps: Vec<FlowPoint>,
    /// When the finding's range is a call of another file's helper that passes the value on:
    /// the sink in that file. Kept apart from `steps`, whose ranges are all in this file (edits
    /// shift them; they bound what an edit must re-check).
    pub sink_elsewhere: Option<Arc<RemotePoint>>,
    /// When the finding is reported at its sink in another file than its source (`check` moves
    /// a finding from the call of another file's helper to the sink in that file, see
    /// `RuleSet::at_sink`): the file `source` and `steps` are in.
    pub steps_elsewhere: Option<Arc<OtherFile>>,
}

/// Another file of the scanned tree, named as [`RemotePoint`] names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OtherFile {
    /// As the shell shows it.
    pub file: Arc<str>,
    /// Absolute.
    pub path: Arc<std::path::Path>,
}

/// A point of a path in another file of the scanned tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RemotePoint {
    /// Relative to the scan root (the editor's workspace folder), `/`-separated: as messages
    /// name it.
    pub file: Arc<str>,
    /// Canonical: the shells show it as they show the finding's own path, or as a URI.
    pub path: Arc<std::path::Path>,
    pub span: Span,
    /// The sink as messages name it (`` `requests.get()` ``).
    pub sink: String,
}

impl RemotePoint {
    /// What happens at this point, as steps are noted.
    pub fn note(&self) -> String {
        format!("reaches {}", self.sink)
    }
}

/// Cheap to clone: the editor keeps thousands of findings and copies them on every edit (the
/// findings outside the edited items carried into the new answer, a snapshot an analysis
/// still holds), so the texts they share with their rule or never change are reference-counted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule_id: Arc<str>,
    pub category: Category,
    pub severity: Severity,
    pub confidence: Confidence,
    pub message: Arc<str>,
    pub span: Span,
    pub cwe: Arc<[String]>,
    pub fix: Option<Fix>,
    pub package: Option<PackageRef>,
    /// For a data-flow finding: the path from the source.
    pub flow: Option<Box<FlowTrace>>,
    /// For a vulnerable dependency: the advisory.
    pub advisory: Option<Box<AdvisoryRef>>,
}
