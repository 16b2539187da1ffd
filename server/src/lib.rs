//! slopguard: guards code written with AI assistants.
//!
//! Data flows one way: text → syntax tree ([`analysis::parse`]) → findings ([`rules::RuleSet`],
//! [`analysis::analyze`]) → diagnostics (the LSP) or reports (`slopguard check`). This crate is
//! the shells (the command line, `check`, the language server) over two library crates: the
//! syntax core `slopguard-syntax` and the supply chain `slopguard-supply`, whose modules are
//! re-exported here so `slopguard::rules`, `slopguard::registry` and friends keep their paths.
//! See `ARCHITECTURE.md` at the repository root for the map.

pub mod check;
pub mod cli;
pub mod config;
pub mod fuzzing;
pub mod lsp;

pub use slopguard_supply::{advisories, deps, git, licences, registry, sbom};
pub use slopguard_syntax::{
    DOCS_RULES_URL, analysis, context, finding, flow, lang, names, rules, text,
};

pub use analysis::{FileKind, analyze};
pub use finding::{Finding, Fix, FlowPoint, FlowTrace, PackageRef};

/// What a vulnerable-dependency finding means (the SARIF help URI of its rule).
pub const DOCS_VULNERABILITIES_URL: &str =
    "https://github.com/slopguard/slopguard/blob/main/docs/vulnerabilities.md";
