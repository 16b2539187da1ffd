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
//! Nothing here asks the network except [`update::update`]: `check` and the editor read what the
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

/// The ids of the findings this module produces.
pub use crate::rules::ids::advisory_ids as rule_ids;

pub use crate::finding::Reach;

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
