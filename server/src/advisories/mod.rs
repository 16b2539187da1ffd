//! Known vulnerabilities of the packages a project resolves to, from a local store of OSV
//! advisories, ranked by whether the project's own code reaches them.
//!
//! ```text
//! slopguard db update ──► store (cache dir, per ecosystem, with its date)
//!                              │ lookup by package name
//! lockfiles / pinned manifests ─┼─► matching (SemVer, PEP 440, version lists) ──► matches
//!                                                                                 │
//!              code files ──► reach (imports, resolved calls) ───────────────────►│
//!                                                                                 ▼
//!                                                       findings (`vulnerable-dependency`)
//! ```
//!
//! Nothing here asks the network except [`store::update`]: `check` and the editor read what the
//! last `slopguard db update` stored, so they work offline and never wait for a download.
//! See `docs/vulnerabilities.md` for what users see.

pub mod bump;
pub mod editor;
pub mod matching;
pub mod osv;
pub mod reach;
pub mod report;
pub mod settings;
pub mod store;
pub mod update;

use serde::Serialize;

/// The ids of the findings this module produces.
pub mod rule_ids {
    /// A dependency pinned at a version a known advisory affects.
    pub const VULNERABLE: &str = "deps.vulnerable-dependency";
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

/// How old data fetched at `updated` (Unix seconds) is, for messages: `fetched 3 days ago`.
pub fn describe_age(updated: i64) -> String {
    let seconds = (crate::registry::unix_now() - updated).max(0);
    let (count, unit) = match seconds {
        s if s < 3600 => (s / 60, "minute"),
        s if s < 86_400 => (s / 3600, "hour"),
        s => (s / 86_400, "day"),
    };
    format!(
        "fetched {count} {unit}{} ago",
        if count == 1 { "" } else { "s" }
    )
}
