//! The local advisory store: one directory per ecosystem under `<cache dir>/advisories/`, built
//! from the OSV project's `all.zip` archive of that ecosystem by `slopguard db update`.
//!
//! ```text
//! advisories/PyPI/meta.json       where it came from, when, how many records
//!               /packages.jsonl   one line per package: the JSON list of its advisories
//!               /index.tsv        `name<TAB>offset<TAB>length`, sorted by name
//! ```
//!
//! The archive is read once, at update time, into what matching needs (see [`super::osv`]);
//! withdrawn records are dropped then. A lookup binary-searches the index (PEP 503 names for
//! PyPI, `_` for `-` on crates, lower case on npm) and reads one line of the data file, so a
//! check costs a little per package, whatever the size of the database. A new store is written
//! beside the old one and swapped in whole, so a reader never sees half of one.
//!
//! The archive is hostile input like any download: entries are read with a size cap, never
//! extracted to disk, and a record that does not parse is counted and skipped.

use super::osv::{Advisory, Record};
use crate::deps::{Ecosystem, canonical_name};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// The largest archive entry read (the largest OSV records are a few hundred kilobytes).
const MAX_ENTRY: u64 = 8 * 1024 * 1024;
/// The most entries read from one archive (npm's holds a few hundred thousand).
const MAX_ENTRIES: usize = 4_000_000;

/// The ecosystem's name in the OSV schema, which is also its directory in the export and here.
pub fn osv_name(ecosystem: Ecosystem) -> &'static str {
    match ecosystem {
        Ecosystem::PyPI => "PyPI",
        Ecosystem::Npm => "npm",
        Ecosystem::Crates => "crates.io",
    }
}

/// The directory of the store below a cache directory.
pub fn store_dir(cache_dir: &Path) -> PathBuf {
    cache_dir.join("advisories")
}

/// What `meta.json` records about one ecosystem's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// The OSV spelling (`PyPI`, `npm`, `crates.io`).
    pub ecosystem: String,
    /// The URL the archive was fetched from.
    pub source: String,
    /// When it was fetched, in seconds since the Unix epoch.
    pub updated: i64,
    /// Records in the archive, and those kept (not withdrawn, with a version range or list).
    pub records: usize,
    pub advisories: usize,
    /// Distinct packages with at least one advisory.
    pub packages: usize,
    /// Records that did not parse.
    pub unreadable: usize,
}

/// One ecosystem's data, opened.
struct Part {
    meta: Meta,
    dir: PathBuf,
    /// The index file and the start of each of its lines, read on the first lookup.
    index: OnceLock<Option<(String, Vec<u32>)>>,
    data: Mutex<Option<File>>,
}

/// The store as found on disk: the ecosystems that have data, each read lazily.
pub struct Store {
    parts: Vec<(Ecosystem, Part)>,
}

impl Store {
    /// Opens the store below `cache_dir` (see [`store_dir`]). Ecosystems without data (never
    /// updated, or unreadable metadata) are simply absent.
    pub fn open(cache_dir: &Path) -> Store {
        let root = store_dir(cache_dir);
        let parts = Ecosystem::ALL
            .into_iter()
            .filter_map(|ecosystem| {
                let dir = root.join(osv_name(ecosystem));
                let meta = fs::read_to_string(dir.join("meta.json")).ok()?;
                let meta: Meta = serde_json::from_str(&meta).ok()?;
                Some((
                    ecosystem,
                    Part {
                        meta,
                        dir,
                        index: OnceLock::new(),
                        data: Mutex::new(None),
                    },
                ))
            })
            .collect();
        Store { parts }
    }

    /// The metadata of each ecosystem that has data.
    pub fn metas(&self) -> impl Iterator<Item = (Ecosystem, &Meta)> {
        self.parts.iter().map(|(e, part)| (*e, &part.meta))
    }

    pub fn has(&self, ecosystem: Ecosystem) -> bool {
        self.part(ecosystem).is_some()
    }

    fn part(&self, ecosystem: Ecosystem) -> Option<&Part> {
        self.parts
            .iter()
            .find(|(e, _)| *e == ecosystem)
            .map(|(_, part)| part)
    }

    /// The advisories stored for a package (by its name in any spelling the ecosystem treats
    /// as the same). Empty when there are none, or no data for the ecosystem.
    pub fn lookup(&self, ecosystem: Ecosystem, name: &str) -> Vec<Advisory> {
        let Some(part) = self.part(ecosystem) else {
            return Vec::new();
        };
        let Some((index, starts)) = part.index.get_or_init(|| read_index(&part.dir)) else {
            return Vec::new();
        };
        let key = canonical_name(ecosystem, name);
        let line = |i: usize| {
            let start = starts[i] as usize;
            let end = starts.get(i + 1).map_or(index.len(), |&e| e as usize);
            index[start..end].trim_end_matches('\n')
        };
        let name_at = |i: usize| line(i).split('\t').next().unwrap_or("");
        // The first line whose name is not below the key (the index is sorted by name).
        let (mut low, mut high) = (0, starts.len());
        while low < high {
            let middle = low + (high - low) / 2;
            if name_at(middle) < key.as_str() {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        let found = (low < starts.len() && name_at(low) == key).then(|| line(low));
        let Some((offset, length)) = found.and_then(|line| {
            let mut fields = line.split('\t').skip(1);
            Some((
                fields.next()?.parse::<u64>().ok()?,
                fields.next()?.parse::<usize>().ok()?,
            ))
        }) else {
            return Vec::new();
        };
        let mut data = part.data.lock().unwrap_or_else(|e| e.into_inner());
        if data.is_none() {
            *data = File::open(part.dir.join("packages.jsonl")).ok();
        }
        let Some(file) = data.as_mut() else {
            return Vec::new();
        };
        let mut bytes = vec![0; length.min(64 * 1024 * 1024)];
        if file.seek(SeekFrom::Start(offset)).is_err() || file.read_exact(&mut bytes).is_err() {
            return Vec::new();
        }
        serde_json::from_slice(&bytes).unwrap_or_default()
    }
}

fn read_index(dir: &Path) -> Option<(String, Vec<u32>)> {
    let text = fs::read_to_string(dir.join("index.tsv")).ok()?;
    let mut starts = Vec::with_capacity(text.len() / 24);
    let mut start = 0;
    for (i, byte) in text.bytes().enumerate() {
        if byte == b'\n' {
            starts.push(u32::try_from(start).ok()?);
            start = i + 1;
        }
    }
    Some((text, starts))
}

/// Reads an OSV `all.zip` of `ecosystem` and writes its store directory below `cache_dir`,
/// replacing the old one only once the new one is complete.
pub fn build(
    ecosystem: Ecosystem,
    archive: impl Read + Seek,
    cache_dir: &Path,
    source: &str,
    updated: i64,
) -> Result<Meta, String> {
    let osv = osv_name(ecosystem);
    let mut zip =
        zip::ZipArchive::new(archive).map_err(|e| format!("{osv}: not a zip archive: {e}"))?;
    if zip.len() > MAX_ENTRIES {
        return Err(format!(
            "{osv}: the archive has {} entries, more than {MAX_ENTRIES}",
            zip.len()
        ));
    }
    let mut by_package: BTreeMap<String, Vec<Advisory>> = BTreeMap::new();
    let (mut records, mut advisories, mut unreadable) = (0, 0, 0);
    let mut text = String::new();
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| format!("{osv}: reading the archive: {e}"))?;
        if !entry.is_file() || !entry.name().is_ok_and(|name| name.ends_with(".json")) {
            continue;
        }
        records += 1;
        text.clear();
        let read = (&mut entry).take(MAX_ENTRY).read_to_string(&mut text);
        let record = match read {
            Ok(_) if (text.len() as u64) < MAX_ENTRY => serde_json::from_str::<Record>(&text).ok(),
            _ => None,
        };
        let Some(record) = record else {
            unreadable += 1;
            continue;
        };
        for advisory in record.advisories(osv) {
            let key = canonical_name(ecosystem, &advisory.package);
            if key.chars().any(char::is_control) {
                continue;
            }
            advisories += 1;
            by_package.entry(key).or_default().push(advisory);
        }
    }
    for advisories in by_package.values_mut() {
        advisories.sort_by(|a, b| a.id.cmp(&b.id));
    }
    let root = store_dir(cache_dir);
    fs::create_dir_all(&root).map_err(|e| format!("cannot create {}: {e}", root.display()))?;
    let fresh = root.join(format!("{osv}.new-{}", std::process::id()));
    let meta = Meta {
        ecosystem: osv.to_string(),
        source: source.to_string(),
        updated,
        records,
        advisories,
        packages: by_package.len(),
        unreadable,
    };
    let written = write_part(&fresh, &by_package, &meta);
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&fresh);
        return Err(format!("cannot write {}: {e}", fresh.display()));
    }
    let target = root.join(osv);
    let old = root.join(format!("{osv}.old-{}", std::process::id()));
    if target.exists() {
        fs::rename(&target, &old)
            .map_err(|e| format!("cannot replace {}: {e}", target.display()))?;
    }
    fs::rename(&fresh, &target).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    let _ = fs::remove_dir_all(&old);
    Ok(meta)
}

fn write_part(
    dir: &Path,
    by_package: &BTreeMap<String, Vec<Advisory>>,
    meta: &Meta,
) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    let mut data = BufWriter::new(File::create(dir.join("packages.jsonl"))?);
    let mut index = BufWriter::new(File::create(dir.join("index.tsv"))?);
    let mut offset = 0u64;
    for (name, advisories) in by_package {
        let line = serde_json::to_string(advisories)?;
        data.write_all(line.as_bytes())?;
        data.write_all(b"\n")?;
        writeln!(index, "{name}\t{offset}\t{}", line.len())?;
        offset += line.len() as u64 + 1;
    }
    data.flush()?;
    index.flush()?;
    // The metadata last: a directory without it is not a store.
    fs::write(dir.join("meta.json"), serde_json::to_string_pretty(meta)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;
    use zip::write::SimpleFileOptions;

    fn archive(entries: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, text) in entries {
            zip.start_file(*name, SimpleFileOptions::default()).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn a_store_built_from_an_archive_answers_by_canonical_name() {
        let cache = tempfile::tempdir().unwrap();
        let bytes = archive(&[
            (
                "PYSEC-1.json",
                r#"{"id":"PYSEC-1","summary":"s","affected":[{"package":{"ecosystem":"PyPI","name":"PyYAML"},"versions":["5.3"]}]}"#,
            ),
            (
                "GHSA-2.json",
                r#"{"id":"GHSA-2","affected":[{"package":{"ecosystem":"PyPI","name":"pyyaml"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"5.4"}]}]}]}"#,
            ),
            (
                "GHSA-3.json",
                r#"{"id":"GHSA-3","withdrawn":"2020-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"aaa"},"versions":["1"]}]}"#,
            ),
            ("broken.json", "{not json"),
            ("README.txt", "not a record"),
        ]);
        let meta = build(
            Ecosystem::PyPI,
            Cursor::new(bytes),
            cache.path(),
            "http://x/PyPI/all.zip",
            42,
        )
        .unwrap();
        assert_eq!(
            (
                meta.records,
                meta.advisories,
                meta.packages,
                meta.unreadable
            ),
            (4, 2, 1, 1)
        );
        let store = Store::open(cache.path());
        assert!(store.has(Ecosystem::PyPI) && !store.has(Ecosystem::Npm));
        let found = store.lookup(Ecosystem::PyPI, "PYYAML");
        let ids: Vec<&str> = found.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["GHSA-2", "PYSEC-1"]);
        assert!(store.lookup(Ecosystem::PyPI, "aaa").is_empty());
        assert!(store.lookup(Ecosystem::PyPI, "zzz").is_empty());
        assert!(store.lookup(Ecosystem::Npm, "pyyaml").is_empty());
        // A second build replaces the first whole.
        let bytes = archive(&[(
            "A.json",
            r#"{"id":"A","affected":[{"package":{"ecosystem":"PyPI","name":"zzz"},"versions":["1"]}]}"#,
        )]);
        build(Ecosystem::PyPI, Cursor::new(bytes), cache.path(), "u", 43).unwrap();
        let store = Store::open(cache.path());
        assert!(store.lookup(Ecosystem::PyPI, "pyyaml").is_empty());
        assert_eq!(store.lookup(Ecosystem::PyPI, "ZZZ").len(), 1);
        assert_eq!(fs::read_dir(store_dir(cache.path())).unwrap().count(), 1);
    }

    #[test]
    fn not_a_zip_is_an_error_and_leaves_the_store_alone() {
        let cache = tempfile::tempdir().unwrap();
        let err = build(
            Ecosystem::Npm,
            Cursor::new(b"<html>".to_vec()),
            cache.path(),
            "u",
            1,
        )
        .unwrap_err();
        assert!(err.contains("not a zip archive"), "{err}");
        assert!(!Store::open(cache.path()).has(Ecosystem::Npm));
    }
}
