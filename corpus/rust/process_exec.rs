//! Thumbnail worker and admin endpoints that shell out to system tools.

use std::path::Path;
use std::process::{Command, Stdio};

use axum::{extract::Query, http::StatusCode, Json};
use serde::Deserialize;

const CLEANUP_SCRIPT: &str = "find /tmp/thumbs -mtime +7 -delete";

#[derive(Deserialize)]
pub struct PingParams {
    host: String,
}

pub async fn ping(Query(params): Query<PingParams>) -> Result<String, StatusCode> {
    let output = Command::new("sh")
        .arg("-c")
        // ruleid: rust.shell-command-injection
        .arg(format!("ping -c 3 {}", params.host))
        .output()
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

pub async fn ping_safe(Query(params): Query<PingParams>) -> Result<String, StatusCode> {
    // ok: rust.shell-command-injection
    let output = Command::new("ping").args(["-c", "3"]).arg(&params.host).output()
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

pub fn make_thumbnail(upload: &Path, thumb: &Path) -> std::io::Result<bool> {
    let cmd = format!(
        "convert {} -resize 200x200 {}",
        upload.display(),
        thumb.display()
    );
    // ruleid: rust.shell-command-injection
    let status = Command::new("bash").args(["-c", &cmd]).status()?;
    Ok(status.success())
}

pub fn run_user_hook(hook: &str) -> std::io::Result<()> {
    let shell = if cfg!(target_os = "windows") {
        // ruleid: rust.shell-command-injection
        Command::new("cmd").args(&["/C", hook]).status()?
    } else {
        // ruleid: rust.shell-command-injection
        Command::new("/bin/sh").arg("-c").arg(hook).status()?
    };
    println!("hook exited with {shell}");
    Ok(())
}

pub async fn archive(dir: String) -> std::io::Result<()> {
    let mut child = tokio::process::Command::new("sh");
    // ruleid: rust.shell-command-injection
    child.arg("-c").arg(format!("tar czf /backups/{dir}.tgz {dir}"));
    child.status().await?;
    Ok(())
}

pub fn git_log(repo: &str, n: u32) -> std::io::Result<String> {
    let out = Command::new("zsh")
        .current_dir(repo)
        // ruleid: rust.shell-command-injection
        .args(vec!["-lc", &format!("git log -n {} --oneline", n)])
        .output()?;
    Ok(String::from_utf8_lossy(&out.stdout).to_string())
}

pub fn cleanup() -> std::io::Result<()> {
    // ok: rust.shell-command-injection
    Command::new("sh").arg("-c").arg("rm -rf /tmp/thumbs/*.partial").status()?;
    // ok: rust.shell-command-injection
    Command::new("sh").arg("-c").arg(CLEANUP_SCRIPT).status()?;
    // ok: rust.shell-command-injection
    Command::new("bash").args(["-c", "echo hello"]).status()?;
    Ok(())
}

pub fn commit_as(author: &str) -> std::io::Result<()> {
    // ok: rust.shell-command-injection
    Command::new("git").arg("-c").arg(format!("user.name={}", author)).arg("commit").status()?;
    Ok(())
}

pub fn positional_args(upload: &Path, thumb: &Path) -> std::io::Result<()> {
    // ok: rust.shell-command-injection
    Command::new("sh")
        .args(["-c", "convert \"$1\" -resize 200x200 \"$2\"", "sh"])
        .arg(upload)
        .arg(thumb)
        .stdout(Stdio::null())
        .status()?;
    Ok(())
}

#[derive(Deserialize)]
pub struct ToolRequest {
    tool: String,
    input: String,
}

pub async fn run_tool(Json(req): Json<ToolRequest>) -> Result<String, StatusCode> {
    // ruleid: rust.command-program-from-format
    let out = Command::new(format!("./tools/{}", req.tool))
        .arg(&req.input)
        .output()
        .map_err(|_| StatusCode::BAD_REQUEST)?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

pub fn clone_repo(url: &str) -> std::io::Result<()> {
    // ruleid: rust.command-program-from-format
    std::process::Command::new(&format!("git clone {}", url)).status()?;
    Ok(())
}

pub fn venv_python(venv: &Path, script: &Path) -> std::io::Result<()> {
    // ok: rust.command-program-from-format
    Command::new(venv.join("bin").join("python")).arg(script).status()?;
    // ok: rust.command-program-from-format
    Command::new("python3").arg(format!("{}", script.display())).status()?;
    Ok(())
}

pub fn run_configured(tool_path: &Path) -> std::io::Result<()> {
    // ok: rust.command-program-from-format
    Command::new(tool_path).arg("--version").status()?;
    Ok(())
}

pub async fn spawn_tool(name: &str) -> std::io::Result<()> {
    // ruleid: rust.command-program-from-format
    tokio::process::Command::new(format!("/opt/tools/{name}")).spawn()?.wait().await?;
    Ok(())
}

pub async fn spawn_plugin(name: &str) -> std::io::Result<()> {
    // A comment after the parenthesis is not the argument.
    tokio::process::Command::new(
        // ruleid: rust.command-program-from-format
        format!("/opt/plugins/{name}"),
    )
    .spawn()?
    .wait()
    .await?;
    Ok(())
}

#[derive(Deserialize)]
pub struct Inspect {
    share: String,
}

pub async fn inspect_share(Json(req): Json<Inspect>) -> Result<String, StatusCode> {
    let script = format!("Get-SmbShare -Name {}", req.share);
    let output = Command::new("powershell.exe")
        // ruleid: rust.shell-command-injection
        .args(["-NoProfile", "-NonInteractive", "-Command", &script])
        .output()
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

pub async fn list_shares() -> Result<String, StatusCode> {
    let output = Command::new("powershell.exe")
        // ok: rust.shell-command-injection
        .args(["-NoProfile", "-NonInteractive", "-Command", "Get-SmbShare"])
        .output()
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
