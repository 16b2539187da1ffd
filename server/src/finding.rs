//! The one finding type every part of slopguard produces and every output consumes.

use crate::rules::{Category, Confidence, Severity};
use crate::text::Span;
use serde::Serialize;

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
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule_id: String,
    pub category: Category,
    pub severity: Severity,
    pub confidence: Confidence,
    pub message: String,
    pub span: Span,
    pub cwe: Vec<String>,
    pub fix: Option<Fix>,
    pub package: Option<PackageRef>,
}
