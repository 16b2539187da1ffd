//! SPDX 2.3 JSON (<https://spdx.github.io/spdx-spec/v2.3/>): a document describing one
//! package, the project, and one package per component, as serde types of our own.
//!
//! - `SPDXRef-Project` is the project; the document `DESCRIBES` it and it `DEPENDS_ON` its
//!   direct dependencies; each package `DEPENDS_ON` its own dependencies.
//! - Packages carry `versionInfo`, `checksums` (`SHA1`, `SHA256`, `SHA384`, `SHA512`), the
//!   purl as a `PACKAGE-MANAGER` external reference, `filesAnalyzed: false` (nothing was
//!   downloaded), `downloadLocation` and `licenseConcluded` `NOASSERTION` (slopguard asserts
//!   neither), and `licenseDeclared`: the registry's licence when it is a valid SPDX
//!   expression, else `NOASSERTION` (a free-text licence goes to `licenseComments`).
//! - `SPDXRef-` identifiers are built from the ecosystem, name and version with every
//!   character SPDX does not allow (`[A-Za-z0-9.-]` only) written `-`, numbered when two
//!   collide.
//! - `documentNamespace` is `urn:uuid:` + the [`Stamp`] UUID.

use super::{Bom, Licence, Stamp};
use crate::deps::lockfile::HashAlgorithm;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

const PROJECT_ID: &str = "SPDXRef-Project";
const NOASSERTION: &str = "NOASSERTION";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Document {
    spdx_version: &'static str,
    data_license: &'static str,
    #[serde(rename = "SPDXID")]
    spdx_id: &'static str,
    name: String,
    document_namespace: String,
    creation_info: CreationInfo,
    packages: Vec<Package>,
    relationships: Vec<Relationship>,
}

#[derive(Serialize)]
struct CreationInfo {
    created: String,
    creators: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Package {
    #[serde(rename = "SPDXID")]
    spdx_id: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    version_info: Option<String>,
    download_location: &'static str,
    files_analyzed: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    checksums: Vec<Checksum>,
    license_concluded: &'static str,
    license_declared: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    license_comments: Option<String>,
    copyright_text: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    external_refs: Vec<ExternalRef>,
    primary_package_purpose: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Checksum {
    algorithm: &'static str,
    checksum_value: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ExternalRef {
    reference_category: &'static str,
    reference_type: &'static str,
    reference_locator: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Relationship {
    spdx_element_id: String,
    relationship_type: &'static str,
    related_spdx_element: String,
}

fn algorithm(algorithm: HashAlgorithm) -> &'static str {
    match algorithm {
        HashAlgorithm::Sha1 => "SHA1",
        HashAlgorithm::Sha256 => "SHA256",
        HashAlgorithm::Sha384 => "SHA384",
        HashAlgorithm::Sha512 => "SHA512",
    }
}

/// `SPDXRef-Package-<ecosystem>-<name>-<version>` with disallowed characters as `-`.
fn element_id(text: &str) -> String {
    let safe: String = text
        .chars()
        .map(|c| match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '.' | '-' => c,
            _ => '-',
        })
        .collect();
    format!("SPDXRef-Package-{safe}")
}

/// The document, pretty-printed.
pub fn write(bom: &Bom, stamp: &Stamp) -> String {
    // Identifiers first, so that edges can name them; unique even when sanitising collides.
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    let mut taken: BTreeSet<String> = BTreeSet::from([PROJECT_ID.to_string()]);
    for c in &bom.components {
        let base = element_id(&format!(
            "{}-{}-{}",
            super::purl::purl_type(c.ecosystem),
            c.name,
            c.version.as_deref().unwrap_or("")
        ));
        let mut id = base.clone();
        let mut n = 2;
        while !taken.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        ids.insert(c.key(), id);
    }
    let mut packages = vec![Package {
        spdx_id: PROJECT_ID.into(),
        name: bom.project.clone(),
        version_info: None,
        download_location: NOASSERTION,
        files_analyzed: false,
        checksums: Vec::new(),
        license_concluded: NOASSERTION,
        license_declared: NOASSERTION.into(),
        license_comments: None,
        copyright_text: NOASSERTION,
        external_refs: Vec::new(),
        primary_package_purpose: "APPLICATION",
    }];
    let mut relationships = vec![Relationship {
        spdx_element_id: "SPDXRef-DOCUMENT".into(),
        relationship_type: "DESCRIBES",
        related_spdx_element: PROJECT_ID.into(),
    }];
    let depends_on = |from: &str, to: &str, relationships: &mut Vec<Relationship>| {
        if let Some(to) = ids.get(to) {
            relationships.push(Relationship {
                spdx_element_id: from.to_string(),
                relationship_type: "DEPENDS_ON",
                related_spdx_element: to.clone(),
            });
        }
    };
    for key in &bom.direct {
        depends_on(PROJECT_ID, key, &mut relationships);
    }
    for c in &bom.components {
        let key = c.key();
        let id = ids[&key].clone();
        for target in &c.dependencies {
            depends_on(&id, target, &mut relationships);
        }
        let (declared, comments) = match bom.licences.get(&key) {
            Some(Licence::Spdx(expression)) => (expression.clone(), None),
            Some(Licence::Other(text)) => (
                NOASSERTION.into(),
                Some(format!("The registry declares the licence as: {text}")),
            ),
            None => (NOASSERTION.into(), None),
        };
        packages.push(Package {
            spdx_id: id,
            name: c.name.clone(),
            version_info: c.version.clone(),
            download_location: NOASSERTION,
            files_analyzed: false,
            checksums: c
                .hashes
                .iter()
                .map(|h| Checksum {
                    algorithm: algorithm(h.algorithm),
                    checksum_value: h.hex.clone(),
                })
                .collect(),
            license_concluded: NOASSERTION,
            license_declared: declared,
            license_comments: comments,
            copyright_text: NOASSERTION,
            external_refs: c
                .purl
                .iter()
                .map(|purl| ExternalRef {
                    reference_category: "PACKAGE-MANAGER",
                    reference_type: "purl",
                    reference_locator: purl.clone(),
                })
                .collect(),
            primary_package_purpose: "LIBRARY",
        });
    }
    let document = Document {
        spdx_version: "SPDX-2.3",
        data_license: "CC0-1.0",
        spdx_id: "SPDXRef-DOCUMENT",
        name: format!("{} dependencies", bom.project),
        document_namespace: format!("urn:uuid:{}", stamp.uuid(bom)),
        creation_info: CreationInfo {
            created: stamp.rfc3339(),
            creators: vec![format!("Tool: slopguard-{}", env!("CARGO_PKG_VERSION"))],
        },
        packages,
        relationships,
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
