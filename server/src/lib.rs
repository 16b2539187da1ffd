//! slopguard: guards code written with AI assistants.
//!
//! Data flows one way: text → syntax tree ([`analysis::parse`]) → findings ([`rules::RuleSet`],
//! [`analysis::analyze`]) → diagnostics (the LSP) or reports (`slopguard check`). See
//! `ARCHITECTURE.md` at the repository root for the map.

pub mod advisories;
pub mod analysis;
pub mod check;
pub mod cli;
pub mod config;
pub mod context;
pub mod deps;
pub mod finding;
pub mod flow;
pub mod fuzzing;
pub mod git;
pub mod lang;
pub mod licences;
pub mod lsp;
pub mod names;
pub mod registry;
pub mod rules;
pub mod sbom;
pub mod text;

pub use analysis::{FileKind, analyze};
pub use finding::{Finding, Fix, FlowPoint, FlowTrace, PackageRef};

/// Where rule documentation is published; a rule's link is this plus `#<rule id>`.
pub const DOCS_RULES_URL: &str = "https://github.com/slopguard/slopguard/blob/main/docs/rules.md";
/// What a vulnerable-dependency finding means (the SARIF help URI of its rule).
pub const DOCS_VULNERABILITIES_URL: &str =
    "https://github.com/slopguard/slopguard/blob/main/docs/vulnerabilities.md";
