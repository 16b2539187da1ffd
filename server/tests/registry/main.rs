//! Registry checks end to end against a registry server the test starts on 127.0.0.1.
//!
//! One test binary: `names` (URL layouts, name normalisation, import names, absent packages),
//! `projects` (realistic projects that must raise no false alarm), `squats` (typosquats, short
//! names, young squats of established names) and `risk` (risky packages, pinned versions, when a
//! package is dated). The helpers they share live in `support::check`.

#[path = "../support/mod.rs"]
mod support;

mod names;
mod projects;
mod risk;
mod squats;
