//! The registry client: what to ask each registry and how to read its answer. It speaks the
//! crates.io sparse index, the PyPI JSON API and the npm registry's abbreviated metadata, with
//! URLs built by [`super::urls`] and requests made by [`super::fetch`] (one `ureq` agent on
//! rustls trusting the platform's certificate store, with timeouts, retries, a bound on
//! requests in flight, the run's deadline and a circuit breaker per registry).

use super::breaker::RunDeadline;
use super::fetch::{Fetched, Fetcher};
use super::releases;
use super::urls::{self, invalid_reason};
use super::{Downloads, Lookup, PackageInfo, Settings, VersionInfo};
use crate::deps::{Ecosystem, canonical_name};
use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

const NPM_ABBREVIATED: &str = "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8";

pub struct Client {
    fetcher: Fetcher,
    settings: Settings,
}

impl Client {
    pub fn new(settings: &Settings) -> Client {
        Client {
            fetcher: Fetcher::new(settings),
            settings: settings.clone(),
        }
    }

    /// Asks the registry about one package.
    pub fn lookup(&self, ecosystem: Ecosystem, name: &str) -> Lookup {
        self.lookup_within(&RunDeadline::default(), ecosystem, name)
    }

    /// [`Self::lookup`] as part of a batch whose deadline is `run`.
    fn lookup_within(&self, run: &RunDeadline, ecosystem: Ecosystem, name: &str) -> Lookup {
        if self.settings.offline {
            return Lookup::Unknown("offline".into());
        }
        match ecosystem {
            Ecosystem::Crates => self.crate_lookup(run, name),
            Ecosystem::PyPI => {
                let Some(url) = urls::pypi_document(&self.settings.pypi_url, name) else {
                    return Lookup::Unknown(invalid_reason(ecosystem));
                };
                match self
                    .fetcher
                    .get(run, Ecosystem::PyPI, &url, "application/json")
                {
                    Fetched::Body(body) => parse_pypi(&body),
                    Fetched::NotFound => Lookup::Missing,
                    Fetched::Failed(why) => Lookup::Unknown(why),
                }
            }
            Ecosystem::Npm => {
                let Some(url) = urls::npm_document(&self.settings.npm_url, name) else {
                    return Lookup::Unknown(invalid_reason(ecosystem));
                };
                match self.fetcher.get(run, Ecosystem::Npm, &url, NPM_ABBREVIATED) {
                    Fetched::Body(body) => self.npm_with_age(run, name, &body),
                    Fetched::NotFound => Lookup::Missing,
                    Fetched::Failed(why) => Lookup::Unknown(why),
                }
            }
        }
    }

    /// npm's abbreviated metadata has no `time.created`, only `modified`. A package is never
    /// older than its last change, so only one modified within the risk window can be new;
    /// for those alone the full document is fetched to date the first publication. (The full
    /// document of a busy package runs to megabytes, so a popular one, which is no new package,
    /// is never fetched so.)
    fn npm_with_age(&self, run: &RunDeadline, name: &str, abbreviated: &str) -> Lookup {
        let Ok(json) = serde_json::from_str::<serde_json::Value>(abbreviated) else {
            return Lookup::Unknown(
                "the npm registry answered with something that is not JSON".into(),
            );
        };
        let mut info = npm_info(&json);
        releases::npm_abbreviated(&mut info, &json);
        if info.first_published.is_some() {
            return Lookup::Exists(info);
        }
        let window = self.settings.min_age.as_secs() as i64;
        let modified = json
            .get("modified")
            .and_then(|t| t.as_str())
            .and_then(parse_time);
        let recently_modified = modified.is_some_and(|modified| unix_now() - modified < window);
        let popular = super::known::popular(Ecosystem::Npm)
            .rank(&canonical_name(Ecosystem::Npm, name))
            .is_some();
        if recently_modified && !popular {
            self.add_npm_full_document(run, name, &mut info);
        }
        Lookup::Exists(info)
    }

    /// Adds what only npm's full document says (megabytes for a busy package, so asked for
    /// sparingly): the first publication and the repository. A failure leaves `info` as it was.
    fn add_npm_full_document(&self, run: &RunDeadline, name: &str, info: &mut PackageInfo) {
        let Some(url) = urls::npm_document(&self.settings.npm_url, name) else {
            return;
        };
        if let Fetched::Body(full) = self
            .fetcher
            .get(run, Ecosystem::Npm, &url, "application/json")
            && let Ok(json) = serde_json::from_str::<serde_json::Value>(&full)
        {
            let complete = npm_info(&json);
            info.first_published = info.first_published.or(complete.first_published);
            info.repository = info.repository.take().or(complete.repository);
            info.repository_checked = true;
            releases::npm_full(info, &json);
        }
    }

    /// Asks about many packages at once: each registry gets its own pool of at most
    /// `concurrency` threads, and the registries are asked in parallel.
    pub fn lookup_many(
        &self,
        packages: &[(Ecosystem, String)],
    ) -> HashMap<(Ecosystem, String), Lookup> {
        // One batch, one deadline: counted from each registry's first answer to this batch.
        let run = &RunDeadline::default();
        let results = Mutex::new(HashMap::with_capacity(packages.len()));
        std::thread::scope(|scope| {
            for ecosystem in Ecosystem::ALL {
                let queue: Vec<&String> = packages
                    .iter()
                    .filter(|(e, _)| *e == ecosystem)
                    .map(|(_, n)| n)
                    .collect();
                if queue.is_empty() {
                    continue;
                }
                let next = std::sync::Arc::new(AtomicUsize::new(0));
                let queue = std::sync::Arc::new(queue);
                for _ in 0..self.settings.concurrency.min(queue.len()) {
                    let (next, queue, results) = (next.clone(), queue.clone(), &results);
                    scope.spawn(move || {
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(name) = queue.get(i) else { break };
                            let lookup = self.lookup_within(run, ecosystem, name);
                            if let Ok(mut results) = results.lock() {
                                results.insert((ecosystem, (*name).clone()), lookup);
                            }
                        }
                    });
                }
            }
        });
        results.into_inner().unwrap_or_default()
    }

    /// Adds what the registry knows beyond its index or abbreviated metadata, for a reviewer of
    /// a new dependency: npm's first publication and repository (the full document) and
    /// downloads last month (`{npm-downloads}/downloads/point/last-month/<name>`), crates.io's
    /// downloads and repository link (`{crates-api}/api/v1/crates/<name>`).
    /// PyPI publishes no download counts. A failure leaves `info` as it was: these are facts
    /// for a note, never a verdict.
    pub fn add_details(&self, ecosystem: Ecosystem, name: &str, info: &mut PackageInfo) {
        self.add_details_within(&RunDeadline::default(), ecosystem, name, info);
    }

    fn add_details_within(
        &self,
        run: &RunDeadline,
        ecosystem: Ecosystem,
        name: &str,
        info: &mut PackageInfo,
    ) {
        if self.settings.offline {
            return;
        }
        match ecosystem {
            Ecosystem::PyPI => {}
            Ecosystem::Npm => {
                // The abbreviated metadata dates nothing, links no repository and names no
                // licence or publisher; the full document does, asked for here only for the
                // packages a reviewer reads about.
                if !info.repository_checked {
                    self.add_npm_full_document(run, name, info);
                }
                let Some(url) = urls::npm_downloads(&self.settings.npm_downloads_url, name) else {
                    return;
                };
                if let Fetched::Body(body) =
                    self.fetcher.get(run, ecosystem, &url, "application/json")
                    && let Ok(json) = serde_json::from_str::<serde_json::Value>(&body)
                    && let Some(count) = json.get("downloads").and_then(|d| d.as_u64())
                {
                    info.downloads = Some(Downloads {
                        count,
                        period: "last month".into(),
                        recent: None,
                    });
                }
            }
            Ecosystem::Crates => {
                let Some(url) = urls::crate_api(&self.settings.crates_api_url, name) else {
                    return;
                };
                if let Fetched::Body(body) =
                    self.fetcher.get(run, ecosystem, &url, "application/json")
                    && let Ok(json) = serde_json::from_str::<serde_json::Value>(&body)
                {
                    let field = |key: &str| json.pointer(&format!("/crate/{key}")).cloned();
                    if let Some(count) = field("downloads").and_then(|d| d.as_u64()) {
                        info.downloads = Some(Downloads {
                            count,
                            period: "all time".into(),
                            recent: field("recent_downloads").and_then(|d| d.as_u64()),
                        });
                    }
                    if info.repository.is_none() {
                        info.repository = field("repository")
                            .and_then(|r| r.as_str().map(str::to_string))
                            .filter(|r| !r.is_empty());
                    }
                    info.repository_checked = json.get("crate").is_some();
                    releases::crate_api(info, &json);
                }
            }
        }
    }

    /// [`Self::add_details`] for many packages, the registries in parallel, each within its
    /// bound on requests in flight.
    pub fn add_details_many(&self, packages: &mut [(Ecosystem, String, PackageInfo)]) {
        let run = &RunDeadline::default();
        std::thread::scope(|scope| {
            for chunk in
                packages.chunks_mut(packages.len().div_ceil(self.settings.concurrency).max(1))
            {
                scope.spawn(move || {
                    for (ecosystem, name, info) in chunk {
                        self.add_details_within(run, *ecosystem, name, info);
                    }
                });
            }
        });
    }

    /// A crate by its name and, when it has `-` or `_`, by the other spelling: cargo treats them
    /// as one name but the index files it under the published one. Only a "not found" moves on
    /// to the next spelling: after a failure the answer is unknown anyway, and a hung index
    /// must not cost a timeout per spelling.
    fn crate_lookup(&self, run: &RunDeadline, name: &str) -> Lookup {
        let lower = name.to_ascii_lowercase();
        let mut variants = vec![lower.clone()];
        for variant in [lower.replace('-', "_"), lower.replace('_', "-")] {
            if !variants.contains(&variant) {
                variants.push(variant);
            }
        }
        for variant in variants {
            let Some(url) = urls::crate_index(&self.settings.crates_index_url, &variant) else {
                return Lookup::Unknown(invalid_reason(Ecosystem::Crates));
            };
            match self.fetcher.get(run, Ecosystem::Crates, &url, "text/plain") {
                Fetched::Body(body) => return parse_crate_index(&body),
                Fetched::NotFound => {}
                Fetched::Failed(why) => return Lookup::Unknown(why),
            }
        }
        Lookup::Missing
    }
}

/// A sparse index file: one JSON object per line and version, in publication order (`vers`,
/// `yanked`, and since 2025 `pubtime`). Versions published before `pubtime` existed carry none,
/// so only the first line dates the crate: a later version's time would make an old crate new.
fn parse_crate_index(body: &str) -> Lookup {
    let mut info = PackageInfo::default();
    let mut first_line = true;
    for line in body.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(entry) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(version) = entry.get("vers").and_then(|v| v.as_str()) else {
            continue;
        };
        releases::crate_index_line(&mut info, version, &entry);
        info.versions.push(VersionInfo {
            version: version.to_string(),
            yanked: entry
                .get("yanked")
                .and_then(|y| y.as_bool())
                .unwrap_or(false),
            deprecated: false,
        });
        if std::mem::take(&mut first_line) {
            info.first_published = entry
                .get("pubtime")
                .and_then(|t| t.as_str())
                .and_then(parse_time);
        }
    }
    if info.versions.is_empty() {
        return Lookup::Unknown("the index file lists no version".into());
    }
    // The index lists versions in publication order.
    let usable = |v: &&VersionInfo| !v.yanked;
    info.latest = info
        .versions
        .iter()
        .filter(usable)
        .rfind(|v| !v.version.contains('-'))
        .or_else(|| info.versions.iter().rfind(usable))
        .map(|v| v.version.clone());
    Lookup::Exists(info)
}

/// PyPI's `/pypi/<name>/json`: `releases` maps versions to their files; a version is yanked
/// when all its files are.
fn parse_pypi(body: &str) -> Lookup {
    let Ok(json) = serde_json::from_str::<serde_json::Value>(body) else {
        return Lookup::Unknown("PyPI answered with something that is not JSON".into());
    };
    let mut info = PackageInfo::default();
    if let Some(releases) = json.get("releases").and_then(|r| r.as_object()) {
        for (version, files) in releases {
            let files = files.as_array().map(Vec::as_slice).unwrap_or_default();
            let yanked = !files.is_empty()
                && files
                    .iter()
                    .all(|f| f.get("yanked").and_then(|y| y.as_bool()) == Some(true));
            for file in files {
                let time = file
                    .get("upload_time_iso_8601")
                    .or_else(|| file.get("upload_time"))
                    .and_then(|t| t.as_str())
                    .and_then(parse_time);
                if let Some(time) = time {
                    info.first_published =
                        Some(info.first_published.map_or(time, |t: i64| t.min(time)));
                }
            }
            info.versions.push(VersionInfo {
                version: version.clone(),
                yanked,
                deprecated: false,
            });
        }
    }
    info.latest = json
        .pointer("/info/version")
        .and_then(|v| v.as_str())
        .map(str::to_string);
    info.repository = pypi_repository(&json);
    releases::pypi(&mut info, &json);
    Lookup::Exists(info)
}

/// npm's abbreviated metadata (or the full document): `versions` with `deprecated` and
/// `hasInstallScript`, and `dist-tags.latest`. (`time.created`, only in the full document,
/// dates the package.)
fn npm_info(json: &serde_json::Value) -> PackageInfo {
    let mut info = PackageInfo::default();
    let latest = json.pointer("/dist-tags/latest").and_then(|l| l.as_str());
    if let Some(versions) = json.get("versions").and_then(|v| v.as_object()) {
        for (version, meta) in versions {
            let deprecated = meta
                .get("deprecated")
                .is_some_and(|d| d.as_str().is_some_and(|s| !s.is_empty()));
            if Some(version.as_str()) == latest {
                info.install_script =
                    meta.get("hasInstallScript").and_then(|h| h.as_bool()) == Some(true);
            }
            info.versions.push(VersionInfo {
                version: version.clone(),
                yanked: false,
                deprecated,
            });
        }
    }
    info.latest = latest.map(str::to_string);
    // The document's own `repository`, else the latest version's `package.json` one: documents
    // that copy no top-level fields (mirrors, and npm's for some packages) carry it only there.
    let latest_meta =
        latest.and_then(|l| json.pointer(&format!("/versions/{}", pointer_escape(l))));
    info.repository = npm_repository(json.get("repository"))
        .or_else(|| npm_repository(latest_meta.and_then(|m| m.get("repository"))));
    // `time.created`, else the earliest version's publication time.
    let times = json.get("time").and_then(|t| t.as_object());
    info.first_published = times
        .and_then(|t| t.get("created"))
        .and_then(|t| t.as_str())
        .and_then(parse_time)
        .or_else(|| {
            times?
                .iter()
                .filter(|(key, _)| *key != "modified" && *key != "created")
                .filter_map(|(_, t)| t.as_str().and_then(parse_time))
                .min()
        });
    info
}

/// A `package.json` `repository`: a URL, npm's shorthand (`user/repo` on GitHub,
/// `gitlab:user/repo`, ...) or `{ "type": "git", "url": ... }`, as a link a reviewer can open.
fn npm_repository(value: Option<&serde_json::Value>) -> Option<String> {
    let text = match value? {
        serde_json::Value::String(url) => url.as_str(),
        other => other.get("url")?.as_str()?,
    }
    .trim();
    if text.is_empty() {
        return None;
    }
    let shorthand = |host: &str, path: &str| format!("https://{host}/{path}");
    Some(match text.split_once(':') {
        Some(("github", path)) => shorthand("github.com", path),
        Some(("gitlab", path)) => shorthand("gitlab.com", path),
        Some(("bitbucket", path)) => shorthand("bitbucket.org", path),
        Some(_) => text.to_string(),
        // `user/repo`: GitHub.
        None if text.matches('/').count() == 1 && !text.starts_with('/') => {
            shorthand("github.com", text)
        }
        None => text.to_string(),
    })
}

/// A JSON pointer segment for `key` (RFC 6901: `~` and `/` escaped).
fn pointer_escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// The repository a PyPI project links to: a `project_urls` entry named like a source link,
/// else any project URL or home page on a code host.
fn pypi_repository(json: &serde_json::Value) -> Option<String> {
    const SOURCE_LABELS: [&str; 5] = ["source", "source code", "repository", "code", "github"];
    const CODE_HOSTS: [&str; 4] = [
        "github.com/",
        "gitlab.com/",
        "bitbucket.org/",
        "codeberg.org/",
    ];
    let urls: Vec<(String, &str)> = json
        .pointer("/info/project_urls")
        .and_then(|u| u.as_object())
        .into_iter()
        .flatten()
        .filter_map(|(label, url)| Some((label.to_ascii_lowercase(), url.as_str()?)))
        .chain(
            json.pointer("/info/home_page")
                .and_then(|u| u.as_str())
                .map(|u| ("home_page".to_string(), u)),
        )
        .filter(|(_, url)| !url.trim().is_empty())
        .collect();
    urls.iter()
        .find(|(label, _)| SOURCE_LABELS.contains(&label.as_str()))
        .or_else(|| {
            urls.iter()
                .find(|(_, url)| CODE_HOSTS.iter().any(|h| url.contains(h)))
        })
        .map(|(_, url)| url.to_string())
}

/// Seconds since the Unix epoch, now.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Seconds since the Unix epoch of an RFC 3339 / ISO 8601 UTC time (`2024-05-01T12:00:00Z`,
/// fractions and offsets ignored beyond the minute).
pub fn parse_time(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    if bytes.len() < 19 {
        return None;
    }
    let num = |range: std::ops::Range<usize>| text.get(range)?.parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hh, mm, ss) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hh * 3600 + mm * 60 + ss)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_first_version_dates_a_crate() {
        let line = |v: &str, time: Option<&str>| {
            let mut entry =
                serde_json::json!({"name": "x", "vers": v, "deps": [], "yanked": false});
            if let Some(time) = time {
                entry["pubtime"] = serde_json::json!(time);
            }
            entry.to_string()
        };
        // Published in 2018, before the index recorded times; a release last week has one.
        let old = [
            line("0.1.0", None),
            line("2.0.0", Some("2026-11-24T00:00:00Z")),
        ]
        .join("\n");
        let Lookup::Exists(info) = parse_crate_index(&old) else {
            panic!()
        };
        assert_eq!(info.first_published, None);
        let new = [
            line("0.1.0", Some("2026-11-20T00:00:00Z")),
            line("0.1.1", Some("2026-11-24T00:00:00Z")),
        ]
        .join("\n");
        let Lookup::Exists(info) = parse_crate_index(&new) else {
            panic!()
        };
        assert_eq!(info.first_published, parse_time("2026-11-20T00:00:00Z"));
    }

    #[test]
    fn times_are_parsed() {
        assert_eq!(parse_time("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_time("2024-03-01T00:00:01.123456Z"),
            Some(1_709_251_201)
        );
        assert_eq!(parse_time("garbage"), None);
    }
}
