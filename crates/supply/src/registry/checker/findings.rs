//! The findings a reference can become: a package that does not exist (with the popular name it
//! is probably meant to be), a local module that a registry package shares its name with, and a
//! name that could not be verified.

use super::Reference;
use crate::finding::{Finding, PackageRef};
use crate::registry::{rule_ids, short_typosquat_target, typosquat_target};
use crate::rules::{Category, Confidence, Severity};
use std::path::Path;
use std::sync::Arc;

pub(super) fn finding(
    reference: &Reference,
    rule_id: &str,
    category: Category,
    severity: Severity,
    message: String,
) -> Finding {
    Finding {
        rule_id: rule_id.into(),
        category,
        severity,
        confidence: Confidence::High,
        message: message.into(),
        span: reference.span,
        cwe: Arc::new(["CWE-829".to_string()]),
        fix: None,
        package: Some(PackageRef {
            ecosystem: reference.ecosystem.as_str().to_string(),
            name: reference.name.clone(),
            version: None,
        }),
        flow: None,
        advisory: None,
    }
}

pub(super) fn hallucinated(reference: &Reference) -> Finding {
    let written = match &reference.written {
        Some(written) => format!("`{written}` (package `{}`)", reference.name),
        None => format!("`{}`", reference.name),
    };
    let mut message = format!(
        "{written} does not exist on {}: the name may be hallucinated, and anyone can register it",
        reference.ecosystem.registry_name()
    );
    let target = typosquat_target(reference.ecosystem, &reference.name)
        .or_else(|| short_typosquat_target(reference.ecosystem, &reference.name));
    if let Some(target) = target {
        message.push_str(&format!("; did you mean `{target}`?"));
    }
    finding(
        reference,
        rule_ids::HALLUCINATED,
        Category::HallucinatedPackage,
        Severity::Error,
        message,
    )
}

/// A hint that a name imported as the repository's own code is also a registry package.
pub(super) fn local_twin(reference: &Reference, local: &Path) -> Finding {
    let mut finding = finding(
        reference,
        rule_ids::LOCAL_OR_REGISTRY,
        Category::HallucinatedPackage,
        Severity::Hint,
        format!(
            "`{}` is imported as the repository's own code (`{}`), and {} has a package of that name too: make sure the local one is what runs",
            reference.name,
            local.display(),
            reference.ecosystem.registry_name()
        ),
    );
    finding.confidence = Confidence::Low;
    finding.cwe = Arc::new([]);
    finding
}

pub(super) fn unverified(reference: &Reference, why: &str) -> Finding {
    let mut finding = finding(
        reference,
        rule_ids::UNVERIFIED,
        Category::UnverifiedPackage,
        Severity::Info,
        format!(
            "could not verify `{}` on {} ({why})",
            reference.name,
            reference.ecosystem.registry_name()
        ),
    );
    finding.confidence = Confidence::Low;
    finding.cwe = Arc::new([]);
    finding
}
