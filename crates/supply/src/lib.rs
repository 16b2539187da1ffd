//! slopguard's supply-chain knowledge: the packages a project declares and locks, what the
//! registries say about them, known advisories, licences and SBOMs, and the git baseline new
//! dependencies are measured against.
//!
//! It builds on the syntax core (import extraction, the finding type, rule ids) and never on the
//! shells (`check`, the LSP, the command line). The core's modules are imported at the root so
//! that `crate::rules`, `crate::text` and the rest read the same here as in one crate. See
//! `ARCHITECTURE.md` at the repository root for the map.

pub mod advisories;
pub mod deps;
pub mod git;
pub mod licences;
pub mod registry;
pub mod sbom;

use slopguard_syntax::{analysis, finding, lang, names, rules, text};
