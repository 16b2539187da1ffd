//! Baselines: the findings a project has accepted for now, recorded by rule, path and a
//! fingerprint of the code (not line numbers, which move with every edit above them).
//!
//! Paths are stored relative to the baseline file's directory, so a baseline keeps working
//! when `check` runs from another directory.

use super::Reported;
use crate::config::normalize;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
struct Entry {
    rule: String,
    path: String,
    fingerprint: String,
}

/// A loaded baseline: how many findings of each (rule, path, fingerprint) it accepts.
#[derive(Debug)]
pub struct Baseline {
    dir: PathBuf,
    accepted: HashMap<Entry, usize>,
}

impl Baseline {
    /// Reads a baseline written by `--write-baseline`.
    pub fn load(path: &Path, cwd: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
        let file: BaselineFile = serde_json::from_str(&text)
            .map_err(|e| format!("{}: not a slopguard baseline: {e}", path.display()))?;
        if file.version != VERSION {
            return Err(format!(
                "{}: baseline version {} is not supported (expected {VERSION})",
                path.display(),
                file.version
            ));
        }
        let mut accepted = HashMap::new();
        for entry in file.findings {
            *accepted.entry(entry).or_insert(0) += 1;
        }
        Ok(Baseline {
            dir: base_dir(path, cwd),
            accepted,
        })
    }

    /// Keeps the findings the baseline does not account for. Each recorded entry accounts for
    /// one finding, so a second copy of an accepted problem is still reported.
    pub fn filter(&mut self, findings: Vec<Reported>) -> Vec<Reported> {
        findings
            .into_iter()
            .filter(|finding| {
                let key = entry(finding, &self.dir);
                match self.accepted.get_mut(&key) {
                    Some(count) if *count > 0 => {
                        *count -= 1;
                        false
                    }
                    _ => true,
                }
            })
            .collect()
    }
}

/// Writes `findings` as a baseline to `path`.
pub fn write(path: &Path, cwd: &Path, findings: &[Reported]) -> Result<(), String> {
    let dir = base_dir(path, cwd);
    let mut entries: Vec<Entry> = findings.iter().map(|f| entry(f, &dir)).collect();
    entries.sort();
    let file = BaselineFile {
        version: VERSION,
        findings: entries,
    };
    let mut json = serde_json::to_string_pretty(&file).expect("plain data serializes");
    json.push('\n');
    std::fs::write(path, json).map_err(|e| format!("cannot write baseline {}: {e}", path.display()))
}

fn base_dir(baseline: &Path, cwd: &Path) -> PathBuf {
    normalize(&cwd.join(baseline))
        .parent()
        .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf)
}

fn entry(finding: &Reported, dir: &Path) -> Entry {
    Entry {
        rule: finding.finding.rule_id.to_string(),
        path: relative_to(&finding.absolute, dir),
        fingerprint: finding.fingerprint.clone(),
    }
}

/// `path` relative to `dir` with `/` separators, both absolute and normalised.
fn relative_to(path: &Path, dir: &Path) -> String {
    let path: Vec<Component> = path.components().collect();
    let dir: Vec<Component> = dir.components().collect();
    let common = path.iter().zip(&dir).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); dir.len() - common];
    parts.extend(
        path[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_baseline_directory() {
        assert_eq!(
            relative_to(Path::new("/r/src/a.py"), Path::new("/r")),
            "src/a.py"
        );
        assert_eq!(
            relative_to(Path::new("/r/src/a.py"), Path::new("/r/ci")),
            "../src/a.py"
        );
    }
}
