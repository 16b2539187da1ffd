//! The workspace as flow across files sees it (`flow::project`): calls of functions other files
//! of the workspace define are followed, those files read from the open documents as they are
//! at the moment of the analysis, else from the disk. An edit of another file re-checks the open
//! documents whose analysis used it (`dependents.rs`).

use super::State;
use crate::context::DEFAULT_MAX_FILE_SIZE;
use crate::flow::project::{Project, canonical_path};
use std::path::PathBuf;
use std::sync::Arc;
use tower_lsp_server::ls_types::Uri;

impl State {
    /// The workspace project and the document's path, when the document is a file inside the
    /// workspace root. Call it without holding an entry of the document store.
    pub(super) fn project_for(&self, uri: &Uri) -> Option<(Arc<Project>, PathBuf)> {
        let root = self.root.read().ok()?.clone()?;
        let path = self.docs.get(uri)?.path.clone()?;
        let base = {
            let mut workspace = self.workspace.write().ok()?;
            match workspace.as_ref() {
                Some(project) if root.canonicalize().ok().as_deref() == Some(project.root()) => {
                    project.clone()
                }
                _ => {
                    let project = Arc::new(Project::new(&root, DEFAULT_MAX_FILE_SIZE)?);
                    *workspace = Some(project.clone());
                    project
                }
            }
        };
        // The other open documents of the workspace now: their paths as opened, canonicalised
        // only when asked for.
        let open: Vec<(PathBuf, Arc<String>)> = self
            .docs
            .iter()
            .filter(|entry| entry.key() != uri)
            .filter_map(|entry| {
                let path = entry.path.as_ref().filter(|p| p.starts_with(&root))?;
                Some((path.clone(), entry.doc.shared_text()))
            })
            .collect();
        let reader = move |wanted: &std::path::Path| {
            open.iter()
                .find(|(path, _)| canonical_path(path).as_deref() == Some(wanted))
                .map(|(_, text)| String::clone(text))
        };
        Some((Arc::new(base.reading(Box::new(reader))), path))
    }
}
