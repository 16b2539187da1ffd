// A task runner that imports its process types under other names.
use std::process::Command as Cmd;
use tokio::process::{self as tproc};
use crate::sandbox::Command;

fn run_task(task: &str, shell_line: &str) -> std::io::Result<()> {
    // ruleid: rust.shell-command-injection
    Cmd::new("sh").arg("-c").arg(shell_line).status()?;
    // ok: rust.shell-command-injection
    Cmd::new("sh").arg("-c").arg("make all").status()?;
    // ruleid: rust.command-program-from-format
    Cmd::new(format!("./tasks/{}", task)).status()?;
    Ok(())
}

async fn run_async(tool: &str) -> std::io::Result<()> {
    // ruleid: rust.command-program-from-format
    tproc::Command::new(format!("/opt/tools/{tool}")).spawn()?.wait().await?;
    Ok(())
}

fn sandboxed(script: &str) {
    // The project's own sandbox type is not a process.
    // ok: rust.shell-command-injection
    Command::new("sh").arg("-c").arg(script).run();
    // ok: rust.command-program-from-format
    Command::new(format!("job-{}", script)).run();
}
