//! `slopguard db update`: fetches `{base}/{ecosystem}/all.zip` for each ecosystem (the OSV
//! export layout) into a temporary file in the store directory, reports progress as it goes,
//! and builds the store from it ([`super::store::build`]). One ecosystem failing (a mirror
//! without npm, a network error) leaves its old data in place and does not stop the others.

use super::settings::AdvisorySettings;
use super::store::{self, Meta};
use crate::deps::Ecosystem;
use std::fs::{self, File};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::time::Duration;

/// The largest archive accepted (npm's is the largest, a few hundred megabytes).
const MAX_ARCHIVE: u64 = 4 * 1024 * 1024 * 1024;

/// How far a download is: bytes so far and, when the server says, the total.
pub type Progress<'a> = &'a mut dyn FnMut(Ecosystem, u64, Option<u64>);

/// Updates the store below `cache_dir` for each of `ecosystems`; one result per ecosystem.
pub fn update(
    settings: &AdvisorySettings,
    cache_dir: &Path,
    ecosystems: &[Ecosystem],
    progress: Progress<'_>,
) -> Vec<(Ecosystem, Result<Meta, String>)> {
    let tls = ureq::tls::TlsConfig::builder()
        .root_certs(ureq::tls::RootCerts::PlatformVerifier)
        .build();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(Some(Duration::from_secs(10)))
        // Slow links take minutes for npm's archive; a stalled one is cut by the resolver and
        // connect timeouts and by this overall bound.
        .timeout_global(Some(Duration::from_secs(30 * 60)))
        .user_agent(format!(
            "slopguard/{} (advisory database update)",
            env!("CARGO_PKG_VERSION")
        ))
        .http_status_as_error(false)
        .tls_config(tls)
        .build()
        .into();
    ecosystems
        .iter()
        .map(|&ecosystem| {
            let url = format!("{}/{}/all.zip", settings.url, store::osv_name(ecosystem));
            let result = fetch_and_build(&agent, ecosystem, &url, cache_dir, progress);
            (ecosystem, result)
        })
        .collect()
}

fn fetch_and_build(
    agent: &ureq::Agent,
    ecosystem: Ecosystem,
    url: &str,
    cache_dir: &Path,
    progress: Progress<'_>,
) -> Result<Meta, String> {
    let dir = store::store_dir(cache_dir);
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let part = dir.join(format!(
        "{}.zip.part-{}",
        store::osv_name(ecosystem),
        std::process::id()
    ));
    let result = (|| {
        let mut file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&part)
            .map_err(|e| format!("cannot write {}: {e}", part.display()))?;
        download(agent, ecosystem, url, &mut file, progress)?;
        file.seek(SeekFrom::Start(0))
            .map_err(|e| format!("{}: {e}", part.display()))?;
        store::build(
            ecosystem,
            std::io::BufReader::new(file),
            cache_dir,
            url,
            crate::registry::unix_now(),
        )
    })();
    let _ = fs::remove_file(&part);
    result
}

fn download(
    agent: &ureq::Agent,
    ecosystem: Ecosystem,
    url: &str,
    out: &mut File,
    progress: Progress<'_>,
) -> Result<(), String> {
    let mut response = agent.get(url).call().map_err(|e| format!("{url}: {e}"))?;
    let status = response.status().as_u16();
    if status != 200 {
        return Err(format!("{url}: HTTP {status}"));
    }
    let total = response.body().content_length();
    let mut reader = response
        .body_mut()
        .with_config()
        .limit(MAX_ARCHIVE)
        .reader();
    let mut buffer = vec![0; 256 * 1024];
    let mut done = 0u64;
    progress(ecosystem, 0, total);
    loop {
        let read = reader
            .read(&mut buffer)
            .map_err(|e| format!("{url}: reading the archive: {e}"))?;
        if read == 0 {
            break;
        }
        out.write_all(&buffer[..read])
            .map_err(|e| format!("writing the archive: {e}"))?;
        done += read as u64;
        progress(ecosystem, done, total);
    }
    out.flush().map_err(|e| format!("writing the archive: {e}"))
}
