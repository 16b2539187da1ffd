//! Registry answers on disk: one small JSON file per package under
//! `<cache dir>/v3/<ecosystem>-<registry key>/`, written to a temporary file and renamed into
//! place so that a reader (the CLI, the LSP and concurrent runs share the cache) never sees half
//! a file. A file that does not parse is ignored and later overwritten. "Unknown" answers are
//! never stored.
//!
//! Answers are keyed by the registry that gave them (its base URL, and the URL of the API its
//! details came from): a mirror's or a redirected registry's "this name exists" never answers
//! for another registry, so one project's configuration cannot poison every other project's
//! checks on the machine.

use super::{Lookup, PackageInfo, Settings};
use crate::deps::{Ecosystem, canonical_name};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    positive_ttl: Duration,
    negative_ttl: Duration,
    /// The registries answering, per ecosystem (in [`Ecosystem::ALL`] order).
    registries: [String; 3],
    /// The first failure to read or write an entry (a missing entry is no failure): the
    /// answers were then neither kept nor reused, which the shells report.
    problem: Arc<OnceLock<String>>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    /// The registry that answered ([`Cache::registry`]); an entry from another is not used.
    registry: String,
    /// When the registry answered (Unix seconds).
    fetched: u64,
    /// `None`: the package does not exist.
    info: Option<PackageInfo>,
}

impl Cache {
    /// The cache in `dir` for the registries and lifetimes of `settings`.
    pub fn new(dir: PathBuf, settings: &Settings) -> Cache {
        let registries = Ecosystem::ALL.map(|ecosystem| match ecosystem {
            Ecosystem::PyPI => settings.pypi_url.clone(),
            Ecosystem::Npm => format!("{} {}", settings.npm_url, settings.npm_downloads_url),
            Ecosystem::Crates => {
                format!("{} {}", settings.crates_index_url, settings.crates_api_url)
            }
        });
        Cache {
            // v3: keyed by registry (v2 entries carry no registry and are not trusted).
            dir: dir.join("v3"),
            positive_ttl: settings.positive_ttl,
            negative_ttl: settings.negative_ttl,
            registries,
            problem: Arc::default(),
        }
    }

    /// The directory the cache was given.
    pub fn dir(&self) -> &Path {
        self.dir.parent().unwrap_or(&self.dir)
    }

    /// The first failure to read or write an entry in this cache, if any.
    pub fn problem(&self) -> Option<&str> {
        self.problem.get().map(String::as_str)
    }

    fn record(&self, doing: &str, path: &Path, error: &std::io::Error) {
        let _ = self
            .problem
            .set(format!("cannot {doing} {}: {error}", path.display()));
    }

    /// What identifies the registry answering for `ecosystem`: its URLs.
    fn registry(&self, ecosystem: Ecosystem) -> &str {
        let index = Ecosystem::ALL.iter().position(|e| *e == ecosystem);
        &self.registries[index.unwrap_or(0)]
    }

    /// The stored answer for a package, if there is one and it has not expired.
    pub fn get(&self, ecosystem: Ecosystem, name: &str) -> Option<Lookup> {
        let path = self.path(ecosystem, name);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(e) => {
                self.record("read", &path, &e);
                return None;
            }
        };
        let entry: Entry = serde_json::from_slice(&bytes).ok()?;
        if entry.registry != self.registry(ecosystem) {
            return None;
        }
        let ttl = if entry.info.is_some() {
            self.positive_ttl
        } else {
            self.negative_ttl
        };
        let age = now().saturating_sub(entry.fetched);
        if age >= ttl.as_secs() {
            return None;
        }
        Some(entry.info.map_or(Lookup::Missing, Lookup::Exists))
    }

    /// Stores a definite answer. A failure does not stop the check (the cache is an
    /// optimisation) but is kept for [`Self::problem`].
    pub fn put(&self, ecosystem: Ecosystem, name: &str, lookup: &Lookup) {
        self.put_at(ecosystem, name, lookup, now());
    }

    /// Replaces a stored answer with a fuller one (the same answer with details added), keeping
    /// the time it was fetched: the answer does not live longer for having been enriched.
    pub fn enrich(&self, ecosystem: Ecosystem, name: &str, lookup: &Lookup) {
        let fetched = std::fs::read(self.path(ecosystem, name))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Entry>(&bytes).ok())
            .map(|entry| entry.fetched);
        if let Some(fetched) = fetched {
            self.put_at(ecosystem, name, lookup, fetched);
        }
    }

    /// Stores an answer as if fetched at `fetched` (Unix seconds); tests age entries with it.
    pub fn put_at(&self, ecosystem: Ecosystem, name: &str, lookup: &Lookup, fetched: u64) {
        let info = match lookup {
            Lookup::Exists(info) => Some(info.clone()),
            Lookup::Missing => None,
            Lookup::Unknown(_) => return,
        };
        let registry = self.registry(ecosystem).to_string();
        let entry = Entry {
            registry,
            fetched,
            info,
        };
        let Ok(json) = serde_json::to_vec(&entry) else {
            return;
        };
        let path = self.path(ecosystem, name);
        if let Err(e) = write_atomically(&path, &json) {
            self.record("write", &path, &e);
        }
    }

    /// The file holding a package's answer. npm names are case-sensitive (`JSONStream` is not
    /// `jsonstream`), so they are kept as written, with capitals escaped for file systems that
    /// ignore case; PyPI and crates.io names are one name however spelled.
    pub fn path(&self, ecosystem: Ecosystem, name: &str) -> PathBuf {
        let key = match ecosystem {
            Ecosystem::Npm => name.to_string(),
            Ecosystem::PyPI | Ecosystem::Crates => canonical_name(ecosystem, name),
        };
        let mut file = String::with_capacity(key.len() + 5);
        for byte in key.bytes() {
            let plain = byte.is_ascii_lowercase() || byte.is_ascii_digit();
            if plain || matches!(byte, b'-' | b'_' | b'.' | b'@') {
                file.push(byte as char);
            } else {
                file.push_str(&format!("%{byte:02x}"));
            }
        }
        file.push_str(".json");
        self.dir.join(self.folder(ecosystem)).join(file)
    }

    /// `<ecosystem>-<16 hex digits of the registry's SHA-256>`: one folder per registry.
    fn folder(&self, ecosystem: Ecosystem) -> String {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(self.registry(ecosystem).as_bytes());
        let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        format!("{}-{hex}", ecosystem.as_str())
    }
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.{}.{:?}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("entry"),
        std::process::id(),
        std::thread::current().id()
    ));
    let mut file = std::fs::File::create(&tmp)?;
    file.write_all(bytes)?;
    drop(file);
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

fn now() -> u64 {
    super::unix_now().max(0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cache(dir: &Path) -> Cache {
        Cache::new(dir.to_path_buf(), &Settings::default())
    }

    #[test]
    fn enriching_an_answer_keeps_its_age() {
        let dir = tempfile::tempdir().unwrap();
        let cache = cache(dir.path());
        let plain = Lookup::Exists(PackageInfo::default());
        let detailed = Lookup::Exists(PackageInfo {
            repository_checked: true,
            ..PackageInfo::default()
        });
        // Fetched six days ago: enriched now, it still expires tomorrow, not in a week.
        let six_days_ago = now() - 6 * 86_400;
        cache.put_at(Ecosystem::Npm, "left", &plain, six_days_ago);
        cache.enrich(Ecosystem::Npm, "left", &detailed);
        assert_eq!(cache.get(Ecosystem::Npm, "left"), Some(detailed.clone()));
        let entry: Entry =
            serde_json::from_slice(&std::fs::read(cache.path(Ecosystem::Npm, "left")).unwrap())
                .unwrap();
        assert_eq!(entry.fetched, six_days_ago);
        // Nothing stored: nothing to enrich.
        cache.enrich(Ecosystem::Npm, "right", &detailed);
        assert_eq!(cache.get(Ecosystem::Npm, "right"), None);
    }

    #[test]
    fn answers_round_trip_and_expire() {
        let dir = tempfile::tempdir().unwrap();
        let cache = cache(dir.path());
        let info = PackageInfo {
            first_published: Some(1),
            ..PackageInfo::default()
        };
        cache.put(Ecosystem::PyPI, "PyYAML", &Lookup::Exists(info.clone()));
        assert_eq!(
            cache.get(Ecosystem::PyPI, "pyyaml"),
            Some(Lookup::Exists(info))
        );
        cache.put(Ecosystem::Npm, "@scope/missing", &Lookup::Missing);
        assert_eq!(
            cache.get(Ecosystem::Npm, "@scope/missing"),
            Some(Lookup::Missing)
        );
        cache.put(Ecosystem::Npm, "flaky", &Lookup::Unknown("timeout".into()));
        assert_eq!(cache.get(Ecosystem::Npm, "flaky"), None);
        // A negative answer expires after an hour, a positive one after a week.
        let two_hours_ago = now() - 7200;
        cache.put_at(Ecosystem::Crates, "gone", &Lookup::Missing, two_hours_ago);
        assert_eq!(cache.get(Ecosystem::Crates, "gone"), None);
        let info = Lookup::Exists(PackageInfo::default());
        cache.put_at(Ecosystem::Crates, "kept", &info, two_hours_ago);
        assert_eq!(cache.get(Ecosystem::Crates, "kept"), Some(info.clone()));
        cache.put_at(Ecosystem::Crates, "old", &info, now() - 8 * 86400);
        assert_eq!(cache.get(Ecosystem::Crates, "old"), None);
    }

    #[test]
    fn a_corrupt_entry_is_ignored_and_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let cache = cache(dir.path());
        let path = cache.path(Ecosystem::Npm, "left-pad");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, b"{\"fetched\": 17, \"info\": {\"versi").unwrap();
        assert_eq!(cache.get(Ecosystem::Npm, "left-pad"), None);
        cache.put(Ecosystem::Npm, "left-pad", &Lookup::Missing);
        assert_eq!(cache.get(Ecosystem::Npm, "left-pad"), Some(Lookup::Missing));
    }

    #[test]
    fn names_become_safe_file_names() {
        let cache = cache(Path::new("/c"));
        let path = cache.path(Ecosystem::Npm, "@Scope/../../etc");
        assert_eq!(
            path.parent().unwrap(),
            Path::new("/c/v3").join(cache.folder(Ecosystem::Npm))
        );
        assert!(!path.file_name().unwrap().to_str().unwrap().contains('/'));
    }

    #[test]
    fn npm_names_differing_in_case_are_two_entries() {
        let dir = tempfile::tempdir().unwrap();
        let cache = cache(dir.path());
        cache.put(
            Ecosystem::Npm,
            "JSONStream",
            &Lookup::Exists(PackageInfo::default()),
        );
        cache.put(Ecosystem::Npm, "jsonstream", &Lookup::Missing);
        assert!(matches!(
            cache.get(Ecosystem::Npm, "JSONStream"),
            Some(Lookup::Exists(_))
        ));
        assert_eq!(
            cache.get(Ecosystem::Npm, "jsonstream"),
            Some(Lookup::Missing)
        );
        // PyPI spellings are one project.
        cache.put(Ecosystem::PyPI, "PyYAML", &Lookup::Missing);
        assert_eq!(cache.get(Ecosystem::PyPI, "pyyaml"), Some(Lookup::Missing));
    }
}
