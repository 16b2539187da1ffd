//! Embeds every rule file under `../../rules` (the repository's rule pack) into the binary.
//!
//! Paths are relative to this crate's directory, never absolute: a `target/` copied to another
//! checkout (a git worktree) must rerun this script and embed that checkout's rules, not the
//! files of the checkout it was built in.

use std::fmt::Write;
use std::path::{Path, PathBuf};

/// The rule pack, relative to this crate's manifest directory.
const RULES: &str = "../../rules";

fn main() {
    // Read at run time: cargo sets it for the checkout being built, while `env!` would keep the
    // directory this script was compiled in.
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let rules_dir = manifest_dir.join(RULES);
    // Relative paths are resolved by cargo against the package being built.
    println!("cargo:rerun-if-changed={RULES}");
    let mut files = Vec::new();
    if rules_dir.is_dir() {
        collect(&rules_dir, &mut files);
    }
    files.sort();
    let mut out = String::from("&[\n");
    for file in &files {
        let relative = file
            .strip_prefix(&rules_dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        println!("cargo:rerun-if-changed={RULES}/{relative}");
        writeln!(
            out,
            "    ({relative:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {:?}))),",
            format!("/{RULES}/{relative}")
        )
        .unwrap();
    }
    out.push(']');
    let out_path = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("embedded_rules.rs");
    std::fs::write(out_path, out).unwrap();
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}
