//! CycloneDX 1.6 JSON (<https://cyclonedx.org/docs/1.6/json/>): the subset a dependency
//! inventory needs, as serde types of our own.
//!
//! - `metadata.component`: the project (`type: application`, `bom-ref: project`);
//!   `metadata.tools.components`: slopguard.
//! - `components`: one `library` per package, `bom-ref` its purl (or its external key),
//!   npm scopes as `group`, `hashes` (`SHA-1`, `SHA-256`, `SHA-384`, `SHA-512`), `licenses`
//!   (an SPDX expression as `expression`, other text as a named licence), and the manifests and
//!   lockfiles that name it as `slopguard:source` properties.
//! - `dependencies`: one entry for the project and one per component (an empty `dependsOn`
//!   says "depends on nothing", which a lockfile does tell).

use super::purl::npm_scope;
use super::{Bom, Licence, Stamp};
use crate::deps::Ecosystem;
use crate::deps::lockfile::HashAlgorithm;
use serde::Serialize;

/// The `bom-ref` of the project itself.
const PROJECT_REF: &str = "project";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Document<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    bom_format: &'static str,
    spec_version: &'static str,
    serial_number: String,
    version: u32,
    metadata: Metadata<'a>,
    components: Vec<Component<'a>>,
    dependencies: Vec<Dependency<'a>>,
}

#[derive(Serialize)]
struct Metadata<'a> {
    timestamp: String,
    tools: Tools,
    component: Component<'a>,
}

#[derive(Serialize)]
struct Tools {
    components: Vec<Tool>,
}

#[derive(Serialize)]
struct Tool {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Component<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "bom-ref")]
    bom_ref: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    hashes: Vec<Hash>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    licenses: Vec<LicenseChoice<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    purl: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    properties: Vec<Property>,
}

#[derive(Serialize)]
struct Hash {
    alg: &'static str,
    content: String,
}

#[derive(Serialize)]
#[serde(untagged)]
enum LicenseChoice<'a> {
    Expression { expression: &'a str },
    License { license: NamedLicense<'a> },
}

#[derive(Serialize)]
struct NamedLicense<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct Property {
    name: &'static str,
    value: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Dependency<'a> {
    #[serde(rename = "ref")]
    reference: &'a str,
    depends_on: Vec<&'a str>,
}

fn algorithm(algorithm: HashAlgorithm) -> &'static str {
    match algorithm {
        HashAlgorithm::Sha1 => "SHA-1",
        HashAlgorithm::Sha256 => "SHA-256",
        HashAlgorithm::Sha384 => "SHA-384",
        HashAlgorithm::Sha512 => "SHA-512",
    }
}

/// The document, pretty-printed.
pub fn write(bom: &Bom, stamp: &Stamp) -> String {
    let keys: Vec<String> = bom.components.iter().map(|c| c.key()).collect();
    let components = bom
        .components
        .iter()
        .zip(&keys)
        .map(|(c, key)| {
            let (group, name) = match c.ecosystem {
                Ecosystem::Npm => match npm_scope(&c.name) {
                    (Some(scope), name) => (Some(format!("@{scope}")), name),
                    (None, name) => (None, name),
                },
                _ => (None, c.name.as_str()),
            };
            let licenses = match bom.licences.get(key) {
                Some(Licence::Spdx(expression)) => vec![LicenseChoice::Expression { expression }],
                Some(Licence::Other(name)) => vec![LicenseChoice::License {
                    license: NamedLicense { name },
                }],
                None => Vec::new(),
            };
            Component {
                kind: "library",
                bom_ref: key.clone(),
                group,
                name,
                version: c.version.as_deref(),
                hashes: c
                    .hashes
                    .iter()
                    .map(|h| Hash {
                        alg: algorithm(h.algorithm),
                        content: h.hex.clone(),
                    })
                    .collect(),
                licenses,
                purl: c.purl.as_deref(),
                properties: c
                    .sources
                    .iter()
                    .map(|s| Property {
                        name: "slopguard:source",
                        value: s.clone(),
                    })
                    .collect(),
            }
        })
        .collect();
    let mut dependencies = vec![Dependency {
        reference: PROJECT_REF,
        depends_on: bom.direct.iter().map(String::as_str).collect(),
    }];
    dependencies.extend(bom.components.iter().zip(&keys).map(|(c, key)| Dependency {
        reference: key,
        depends_on: c.dependencies.iter().map(String::as_str).collect(),
    }));
    let document = Document {
        schema: "http://cyclonedx.org/schema/bom-1.6.schema.json",
        bom_format: "CycloneDX",
        spec_version: "1.6",
        serial_number: format!("urn:uuid:{}", stamp.uuid(bom)),
        version: 1,
        metadata: Metadata {
            timestamp: stamp.rfc3339(),
            tools: Tools {
                components: vec![Tool {
                    kind: "application",
                    name: "slopguard",
                    version: env!("CARGO_PKG_VERSION"),
                }],
            },
            component: Component {
                kind: "application",
                bom_ref: PROJECT_REF.into(),
                group: None,
                name: &bom.project,
                version: None,
                hashes: Vec::new(),
                licenses: Vec::new(),
                purl: None,
                properties: Vec::new(),
            },
        },
        components,
        dependencies,
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
