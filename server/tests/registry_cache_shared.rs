//! The answer cache shared by concurrent slopguard processes (the CLI, the editor, two `check`
//! runs in CI): two processes rewrite the same entries at once while this one reads them, and
//! every read sees one writer's whole answer, never half of one or a mix of both, and no
//! temporary file is left behind.
//!
//! The writers are this test binary started again with [`WRITER`] set: they run
//! [`cache_writer_process`], which does nothing in an ordinary test run.

use slopguard::registry::{Cache, Ecosystem, Lookup, PackageInfo, Settings, VersionInfo};
use std::path::Path;
use std::process::{Command, Stdio};

/// Set to `<cache dir>|<writer tag>` in the writer processes.
const WRITER: &str = "SLOPGUARD_TEST_CACHE_WRITER";
const NAMES: usize = 8;
const ROUNDS: usize = 25;
/// Versions per answer: about 60 KB of JSON, more than one write call and one page.
const VERSIONS: usize = 1500;

fn answer(tag: &str) -> Lookup {
    Lookup::Exists(PackageInfo {
        versions: (0..VERSIONS)
            .map(|i| VersionInfo {
                version: format!("{tag}.{i}.0"),
                ..VersionInfo::default()
            })
            .collect(),
        ..PackageInfo::default()
    })
}

fn cache(dir: &Path) -> Cache {
    Cache::new(dir.to_path_buf(), &Settings::default())
}

fn name(i: usize) -> String {
    format!("shared-entry-{i}")
}

/// The body of a writer process (see the module docs); a no-op unless [`WRITER`] is set.
#[test]
fn cache_writer_process() {
    let Ok(job) = std::env::var(WRITER) else {
        return;
    };
    let (dir, tag) = job.split_once('|').expect("dir|tag");
    let cache = cache(Path::new(dir));
    let lookup = answer(tag);
    for _ in 0..ROUNDS {
        for i in 0..NAMES {
            cache.put(Ecosystem::Npm, &name(i), &lookup);
        }
    }
}

#[test]
fn two_processes_writing_the_same_entries_never_tear_a_read() {
    if std::env::var(WRITER).is_ok() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let writers: Vec<_> = ["1", "2"]
        .iter()
        .map(|tag| {
            Command::new(std::env::current_exe().unwrap())
                .args(["--exact", "cache_writer_process", "--test-threads", "1"])
                .env(WRITER, format!("{}|{tag}", dir.path().display()))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    let reader = cache(dir.path());
    let paths: Vec<_> = (0..NAMES)
        .map(|i| reader.path(Ecosystem::Npm, &name(i)))
        .collect();
    let mut whole_reads = 0;
    let running = |writers: &mut Vec<std::process::Child>| {
        writers.iter_mut().any(|w| w.try_wait().unwrap().is_none())
    };
    let mut writers = writers;
    while running(&mut writers) {
        for (i, path) in paths.iter().enumerate() {
            // Not written yet is fine; a file that exists must be a whole answer.
            if !path.exists() {
                continue;
            }
            match reader.get(Ecosystem::Npm, &name(i)) {
                Some(Lookup::Exists(info)) => {
                    assert_eq!(info.versions.len(), VERSIONS, "a torn entry");
                    let tag = info.versions[0].version.split('.').next().unwrap();
                    let prefix = format!("{tag}.");
                    assert!(
                        info.versions.iter().all(|v| v.version.starts_with(&prefix)),
                        "an entry mixing both writers"
                    );
                    whole_reads += 1;
                }
                other => panic!("{} exists but reads as {other:?}", path.display()),
            }
        }
    }
    for mut writer in writers {
        assert!(writer.wait().unwrap().success(), "a writer failed");
    }
    // The reads overlapped the writes (else this test proves nothing).
    assert!(whole_reads > 0, "no read while the writers ran");
    for (i, _) in paths.iter().enumerate() {
        assert!(matches!(
            reader.get(Ecosystem::Npm, &name(i)),
            Some(Lookup::Exists(_))
        ));
    }
    let folder = paths[0].parent().unwrap();
    let leftovers: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| !f.ends_with(".json"))
        .collect();
    assert_eq!(leftovers, Vec::<String>::new(), "temporary files left");
}
