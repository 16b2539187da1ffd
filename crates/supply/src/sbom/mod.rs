//! `slopguard sbom`: a bill of materials of a project, read from its manifests and lockfiles
//! (never by building or installing anything), written as CycloneDX 1.6 JSON
//! ([`cyclonedx`]) or SPDX 2.3 JSON ([`spdx`]).
//!
//! [`collect`] walks the project and builds one format-neutral [`Bom`]: every package a
//! lockfile pins (direct and transitive) with its checksums and its dependencies; every
//! manifest dependency no lockfile covers, with the version when the manifest pins one; which
//! of them the project depends on directly; licences where they are known ([`Licences`]).
//!
//! Output is deterministic: components, edges and checksums are sorted, and the two values a
//! document must carry that are not content (its creation time; CycloneDX's serial number and
//! SPDX's namespace) come from [`Stamp`]: the time from `SOURCE_DATE_EPOCH` when set (the
//! reproducible-builds convention), the serial a UUID derived from the content and that time.
//! The formats are written with serde types of our own rather than a library (see
//! `docs/sbom.md` for why).

mod collect;
pub mod cyclonedx;
pub mod purl;
pub mod spdx;

pub use crate::licences::Licence;
pub use collect::collect;

use crate::deps::Ecosystem;
use crate::deps::lockfile::Checksum;
use crate::registry::{Lookup, PackageChecker, PackageQuery};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// One package of the bill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Component {
    pub ecosystem: Ecosystem,
    pub name: String,
    /// The locked version, or a manifest's exact pin; `None` when only a range is known.
    pub version: Option<String>,
    /// The package URL, for packages from the ecosystem's public registry; a git, path or URL
    /// dependency has none (a `pkg:cargo/...` purl would claim it came from crates.io).
    pub purl: Option<String>,
    pub hashes: BTreeSet<Checksum>,
    /// Keys ([`Component::key`]) of the components this one depends on.
    pub dependencies: BTreeSet<String>,
    /// The manifests and lockfiles that name it, relative to the project, `/`-separated.
    pub sources: BTreeSet<String>,
}

impl Component {
    /// The component's identity in the bill: its purl, or for a package from elsewhere a
    /// string of the same shape that cannot be mistaken for one.
    pub fn key(&self) -> String {
        match &self.purl {
            Some(purl) => purl.clone(),
            None => format!(
                "external:{}/{}@{}",
                purl::purl_type(self.ecosystem),
                self.name,
                self.version.as_deref().unwrap_or("")
            ),
        }
    }
}

/// The licence of each component that has a known one, by [`Component::key`].
pub type Licences = BTreeMap<String, Licence>;

/// A project's bill of materials.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bom {
    /// The project's name: the scanned directory's.
    pub project: String,
    /// Sorted by ecosystem, name and version.
    pub components: Vec<Component>,
    /// Keys of the components the project depends on directly.
    pub direct: BTreeSet<String>,
    pub licences: Licences,
    /// What could not be read (an unparsable lockfile...), for stderr.
    pub notes: Vec<String>,
}

/// Fills [`Bom::licences`] from the registries: the cache, and when `network` the registries
/// themselves (npm's full documents and crates.io's web API name licences; their answers are
/// cached like any other). A component whose version the registry's documents give no licence
/// for stays without one: nothing is inferred from another version.
pub fn add_licences(bom: &mut Bom, checker: &PackageChecker, network: bool) {
    let queries: Vec<PackageQuery> = bom
        .components
        .iter()
        .filter(|c| c.purl.is_some() && c.version.is_some())
        .map(|c| PackageQuery {
            ecosystem: c.ecosystem,
            name: c.name.clone(),
            version: None,
            // Not about any line: the findings of this batch are not used.
            span: crate::text::LineIndex::new("").span(0, 0),
            details: true,
        })
        .collect();
    let verdicts = checker.check_packages(&queries, network);
    for c in &bom.components {
        let (Some(version), Some(Lookup::Exists(info))) = (
            c.version.as_deref(),
            verdicts.lookups.get(&(c.ecosystem, c.name.clone())),
        ) else {
            continue;
        };
        if let Some(text) = info
            .releases
            .get(version)
            .and_then(|r| r.licence.as_deref())
        {
            bom.licences.insert(c.key(), Licence::from_registry(text));
        }
    }
}

/// The values a document carries that are not its content: when it was made, and an
/// identifier unique to this content at this time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// Unix seconds.
    pub time: i64,
}

impl Stamp {
    /// `SOURCE_DATE_EPOCH` when it is set to a number of seconds, else now.
    pub fn from_env() -> Result<Stamp, String> {
        match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(text) => text
                .trim()
                .parse::<i64>()
                .map(|time| Stamp { time })
                .map_err(|_| format!("SOURCE_DATE_EPOCH is not a number of seconds: `{text}`")),
            Err(_) => Ok(Stamp {
                time: crate::registry::unix_now(),
            }),
        }
    }

    /// RFC 3339 UTC (`2026-12-02T14:00:00Z`).
    pub fn rfc3339(&self) -> String {
        let seconds = self.time.rem_euclid(86_400);
        format!(
            "{}T{:02}:{:02}:{:02}Z",
            crate::deps::date(self.time),
            seconds / 3600,
            seconds % 3600 / 60,
            seconds % 60
        )
    }

    /// A UUID (version 8, RFC 9562: custom) from the SHA-256 of the document's content and
    /// this time: the same project at the same `SOURCE_DATE_EPOCH` gets the same one.
    pub fn uuid(&self, bom: &Bom) -> String {
        let mut hash = Sha256::new();
        hash.update(self.time.to_le_bytes());
        hash.update(bom.project.as_bytes());
        for component in &bom.components {
            hash.update(component.key().as_bytes());
            hash.update([0]);
        }
        let mut bytes: [u8; 16] = hash.finalize()[..16].try_into().unwrap_or([0; 16]);
        bytes[6] = (bytes[6] & 0x0f) | 0x80;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        format!(
            "{}-{}-{}-{}-{}",
            &hex[..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..]
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_reproducible_and_well_formed() {
        let stamp = Stamp {
            time: 1_764_684_000,
        };
        assert_eq!(stamp.rfc3339(), "2025-12-02T14:00:00Z");
        let bom = Bom {
            project: "demo".into(),
            ..Bom::default()
        };
        let uuid = stamp.uuid(&bom);
        assert_eq!(uuid, stamp.uuid(&bom));
        assert_ne!(uuid, Stamp { time: 0 }.uuid(&bom));
        let shape = regex::Regex::new(
            "^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
        )
        .unwrap();
        assert!(shape.is_match(&uuid), "{uuid}");
    }
}
