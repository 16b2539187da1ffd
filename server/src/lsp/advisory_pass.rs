//! Known vulnerabilities in the editor, as a [`BackgroundPass`]: on a manifest's dependency
//! lines (with the bump to the fixed version as a code action) and on the import or call in
//! code that reaches a vulnerable package. It reads the local advisory store that `slopguard db
//! update` fills and never asks the network (see [`crate::advisories::editor`]).

use super::analysis::{BackgroundPass, PassInput, PassOutput};
use super::registry_pass::{project_root, project_settings};
use crate::advisories::editor::document_findings;
use crate::advisories::settings::AdvisorySettings;
use crate::advisories::store::Store;
use crate::config::Config;
use crate::deps::ManifestKind;
use crate::lang::Language;
use std::future::Future;
use std::pin::Pin;

pub struct AdvisoryPass;

impl BackgroundPass for AdvisoryPass {
    fn name(&self) -> &'static str {
        "advisories"
    }

    fn run(&self, input: PassInput) -> Pin<Box<dyn Future<Output = PassOutput> + Send>> {
        Box::pin(async move {
            let Some(path) = input.path.clone() else {
                return PassOutput::default();
            };
            let relevant =
                ManifestKind::from_path(&path).is_some() || Language::from_path(&path).is_some();
            if !input.settings.enable || !relevant {
                return PassOutput::default();
            }
            let editor = input.settings.clone();
            let findings = tokio::task::spawn_blocking(move || {
                let root = project_root(&path);
                let enabled = Config::discover(&root)
                    .ok()
                    .and_then(|c| AdvisorySettings::from_repository_table(&c.advisories).ok())
                    .is_none_or(|(settings, _)| settings.enabled);
                let (registry, _) = project_settings(&root, &editor);
                match registry.cache_dir {
                    Some(cache) if enabled => {
                        document_findings(&Store::open(&cache), &root, &path, &input.text)
                    }
                    _ => Vec::new(),
                }
            })
            .await
            .unwrap_or_default();
            PassOutput::from(findings)
        })
    }
}
