//! `exclude`: globs over paths relative to the config's directory, anchored as in `.gitignore`.

use super::SpannedError;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use std::path::{Component, Path, PathBuf};
use toml::Spanned;

/// The `exclude` globs, matched against paths relative to the config's directory.
#[derive(Debug, Clone)]
pub struct Excludes {
    root: PathBuf,
    set: GlobSet,
    empty: bool,
}

impl Excludes {
    pub(super) fn new(root: &Path, globs: &[Spanned<String>]) -> Result<Excludes, SpannedError> {
        let mut builder = GlobSetBuilder::new();
        for glob in globs {
            let pattern = glob.get_ref().trim_end_matches('/');
            // As in .gitignore: a pattern without `/` matches a name at any depth.
            let anchored = match pattern.strip_prefix('/') {
                Some(rest) => rest.to_string(),
                None if pattern.contains('/') => pattern.to_string(),
                None => format!("**/{pattern}"),
            };
            let compiled = GlobBuilder::new(&anchored)
                .literal_separator(true)
                .build()
                .map_err(|e| (glob.span(), format!("bad glob `{}`: {e}", glob.get_ref())))?;
            builder.add(compiled);
        }
        let set = builder
            .build()
            .map_err(|e| (0..0, format!("bad globs: {e}")))?;
        Ok(Excludes {
            root: root.to_path_buf(),
            set,
            empty: globs.is_empty(),
        })
    }

    /// Whether `path` (absolute, or relative to the current directory) or one of its parent
    /// directories below the config's directory matches an `exclude` glob.
    pub fn is_excluded(&self, path: &Path, cwd: &Path) -> bool {
        if self.empty {
            return false;
        }
        let absolute = normalize(&cwd.join(path));
        let root = normalize(&cwd.join(&self.root));
        let Ok(relative) = absolute.strip_prefix(&root) else {
            return false;
        };
        relative
            .ancestors()
            .filter(|p| !p.as_os_str().is_empty())
            .any(|p| self.set.is_match(p))
    }
}

/// Lexically normalises a path: drops `.` and resolves `..` without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            // Only a name is undone: a leading `..` of a relative path stays (`../../x`).
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
