//! A squat whose target is on no list: a package that is young, small and links no repository,
//! one edit from a name that exists and is established, is risky. The neighbour is found in
//! what this run already knows (its answers, the cache) or by one extra lookup per suspect: its
//! name with a doubled letter made single, the commonest slip that a list cannot anticipate.

use super::{PackageChecker, established};
use crate::deps::{Ecosystem, canonical_name};
use crate::registry::typosquat::one_edit_variants;
use crate::registry::{Lookup, PackageInfo, known, typosquat_target, unix_now};
use std::collections::HashMap;

/// Versions below which a package is small.
const SMALL_VERSIONS: usize = 5;

type Key = (Ecosystem, String);

/// An established package one edit from a suspect.
pub struct Neighbour {
    pub name: String,
    pub info: PackageInfo,
}

impl PackageChecker {
    /// Whether `info` looks like a fresh squat: first published within `min_age`, fewer than
    /// [`SMALL_VERSIONS`] versions, no repository the registry links, and (where the registry
    /// said) few downloads.
    pub(super) fn suspect(&self, info: &PackageInfo) -> bool {
        let young = info
            .first_published
            .is_some_and(|first| unix_now() - first < self.settings.min_age.as_secs() as i64);
        let few_downloads = info.downloads.as_ref().is_none_or(|d| d.count < 1000);
        young
            && !info.from_list
            && info.versions.len() < SMALL_VERSIONS
            && info.repository.is_none()
            && few_downloads
    }

    /// The established neighbour of each suspect in `answers`, asking the registry at most
    /// once per suspect.
    pub(super) fn neighbours(&self, answers: &HashMap<Key, Lookup>) -> HashMap<Key, Neighbour> {
        let mut found = HashMap::new();
        let mut to_ask: Vec<(Key, Key)> = Vec::new();
        for (key, lookup) in answers {
            let Lookup::Exists(info) = lookup else {
                continue;
            };
            let listed = known::popular(key.0)
                .rank(&canonical_name(key.0, &key.1))
                .is_some();
            if listed || !self.suspect(info) || typosquat_target(key.0, &key.1).is_some() {
                continue;
            }
            let known_here = one_edit_variants(&key.1).find_map(|variant| {
                let answer = answers
                    .get(&(key.0, variant.clone()))
                    .cloned()
                    .or_else(|| self.cache.as_ref()?.get(key.0, &variant))?;
                let Lookup::Exists(info) = answer else {
                    return None;
                };
                let crates = key.0 == Ecosystem::Crates;
                established(&info, crates).then_some(Neighbour {
                    name: variant,
                    info,
                })
            });
            match known_here {
                Some(neighbour) => {
                    found.insert(key.clone(), neighbour);
                }
                None => {
                    if let Some(single) = undoubled(&key.1) {
                        to_ask.push((key.clone(), (key.0, single)));
                    }
                }
            }
        }
        if to_ask.is_empty() || self.settings.offline {
            return found;
        }
        let wanted: Vec<Key> = to_ask.iter().map(|(_, n)| n.clone()).collect();
        let asked = self.client.lookup_many(&wanted);
        for (suspect, neighbour) in to_ask {
            if let Some(lookup @ Lookup::Exists(info)) = asked.get(&neighbour) {
                if let Some(cache) = &self.cache {
                    cache.put(neighbour.0, &neighbour.1, lookup);
                }
                if established(info, neighbour.0 == Ecosystem::Crates) {
                    let info = info.clone();
                    found.insert(
                        suspect,
                        Neighbour {
                            name: neighbour.1,
                            info,
                        },
                    );
                }
            }
        }
        found
    }
}

/// The name with its first doubled letter made single (`chrrono` → `chrono`).
fn undoubled(name: &str) -> Option<String> {
    let chars: Vec<char> = name.chars().collect();
    let at = chars
        .windows(2)
        .position(|w| w[0] == w[1] && w[0].is_ascii_alphanumeric())?;
    let mut single = chars;
    single.remove(at);
    Some(single.into_iter().collect())
}

/// The risk stated for a suspect with an established neighbour: both facts.
pub fn neighbour_reason(info: &PackageInfo, neighbour: &Neighbour) -> String {
    let age = info.first_published.map_or(String::new(), |first| {
        format!(
            "first published {} days ago, ",
            ((unix_now() - first).max(0)) / 86_400
        )
    });
    let since = neighbour
        .info
        .first_published
        .map(|first| format!(" since {}", 1970 + first / 31_556_952))
        .unwrap_or_default();
    format!(
        "{age}{} version(s), no repository link, and one edit from `{}`, which exists with {} versions{since}",
        info.versions.len(),
        neighbour.name,
        neighbour.info.versions.len()
    )
}
