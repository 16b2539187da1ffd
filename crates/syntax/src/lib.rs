//! slopguard's syntax core: text → syntax tree → (names, flow, context) → findings.
//!
//! Everything here is pure analysis of one text at a time: the languages and their grammars
//! ([`lang`]), parsing and the analysis entry point ([`analysis::parse`], [`analysis::analyze`]),
//! imports resolved to canonical names ([`names`]), data flow ([`flow`]), the file's kind
//! ([`context`]), the rule engine with the embedded rule pack ([`rules::RuleSet`]) and the one
//! finding type ([`finding::Finding`]). It knows nothing of registries, git, the command line or
//! the editor: those crates depend on this one, never the reverse. See `ARCHITECTURE.md` at the
//! repository root for the map.

pub mod analysis;
pub mod context;
pub mod finding;
pub mod flow;
pub mod lang;
pub mod names;
pub mod rules;
pub mod text;

pub use analysis::{FileKind, analyze};
pub use finding::{Finding, Fix, FlowPoint, FlowTrace, PackageRef};

/// Where rule documentation is published; a rule's link is this plus `#<rule id>`.
pub const DOCS_RULES_URL: &str = "https://github.com/slopguard/slopguard/blob/main/docs/rules.md";
