// An xtask-style build helper: a private function whose every call passes program constants runs
// only the program's commands; a public one, or one fed an unknown value, does not.
use std::process::Command;

fn sh(script: &str) {
    // ok: rust.shell-command-injection
    Command::new("sh").arg("-c").arg(script).status().expect("sh");
}

fn sh_in(dir: &str, script: &str) {
    // ruleid: rust.shell-command-injection
    Command::new("sh").arg("-c").arg(script).current_dir(dir).status().expect("sh");
}

pub fn sh_public(script: &str) {
    // ruleid: rust.shell-command-injection
    Command::new("sh").arg("-c").arg(script).status().expect("sh");
}

fn main() {
    let root = env!("CARGO_MANIFEST_DIR");
    sh("cargo fmt --check");
    sh(&format!("cd {} && cargo clippy -- -D warnings", root));
    sh_in(root, "cargo test");
    let task = std::env::args().nth(1).unwrap_or_default();
    sh_in(root, &task);
    sh_public("cargo doc");
}
