//! duct's `cmd!` runs its first argument as the program: with `sh -c`, the third is a script.
use duct::cmd;

const STATUS: &str = "systemctl is-active nginx";

pub fn grep_logs(pattern: &str, file: &str) -> std::io::Result<String> {
    let script = format!("grep -n '{pattern}' {file} | tail -50");
    // ruleid: rust.shell-command-injection
    cmd!("sh", "-c", script).read()
}

pub fn grep_logs_args(pattern: &str, file: &str) -> std::io::Result<String> {
    // ok: rust.shell-command-injection
    cmd!("grep", "-n", pattern, file).read()
}

pub fn status() -> std::io::Result<String> {
    // ok: rust.shell-command-injection
    cmd!("sh", "-c", STATUS).read()
}

pub fn run_hook(hook: String) -> std::io::Result<String> {
    // ruleid: rust.shell-command-injection
    cmd!("bash", "-lc", &hook).read()
}
