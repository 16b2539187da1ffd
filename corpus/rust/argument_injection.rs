//! Values from a request given to tools that parse options: git, tar, ssh, sendmail.
use axum::extract::{Form, Json, Query};
use serde::Deserialize;
use std::process::{Command, Stdio};

const MIRROR: &str = "/srv/git/site.git";

#[derive(Deserialize)]
pub struct LogQuery {
    pub rev: String,
    pub branch: String,
}

#[derive(Deserialize)]
pub struct Backup {
    pub files: Vec<String>,
}

pub async fn log(Query(q): Query<LogQuery>) -> Vec<u8> {
    let out = Command::new("git")
        .args(["--git-dir", MIRROR, "log", "--oneline"])
        // ruleid: rust.argument-injection
        .arg(&q.rev)
        .output()
        .unwrap();
    out.stdout
}

pub async fn log_after_options(Query(q): Query<LogQuery>) -> Vec<u8> {
    let out = Command::new("git")
        .args(["--git-dir", MIRROR, "log", "--oneline", "--"])
        // ok: rust.argument-injection
        .arg(&q.rev)
        .output()
        .unwrap();
    out.stdout
}

pub async fn branch_log(Query(q): Query<LogQuery>) -> Vec<u8> {
    let out = Command::new("git")
        .args(["--git-dir", MIRROR, "log"])
        // ok: rust.argument-injection
        .arg(format!("refs/heads/{}", q.branch))
        .output()
        .unwrap();
    out.stdout
}

pub async fn backup(Json(req): Json<Backup>) -> bool {
    let mut tar = Command::new("tar");
    tar.args(["-czf", "/srv/backups/latest.tgz", "-C", "/srv/data"]);
    // ruleid: rust.argument-injection
    tar.args(&req.files);
    tar.status().map(|s| s.success()).unwrap_or(false)
}

fn send_welcome(recipient: &str) -> std::io::Result<()> {
    Command::new("/usr/sbin/sendmail")
        .arg("-f")
        .arg("noreply@example.com")
        // ruleid: rust.argument-injection
        .arg(recipient)
        .stdin(Stdio::piped())
        .spawn()?;
    Ok(())
}

#[derive(Deserialize)]
pub struct Signup {
    pub email: String,
}

pub async fn signup(Form(form): Form<Signup>) -> &'static str {
    let _ = send_welcome(&form.email);
    "ok"
}

pub async fn signup_checked(Form(form): Form<Signup>) -> &'static str {
    let out = Command::new("/usr/sbin/sendmail")
        .args(["-f", "noreply@example.com", "--"])
        // ok: rust.argument-injection
        .arg(&form.email)
        .spawn();
    if out.is_ok() { "ok" } else { "failed" }
}

fn main() {
    let archive = std::env::args().nth(1).unwrap_or_default();
    // ok: rust.argument-injection
    let _ = Command::new("tar").args(["-xzf", &archive]).status();
}

const MEDIA_DIR: &str = "/srv/media";

#[derive(Deserialize)]
pub struct Thumb {
    pub image: String,
    pub note: String,
}

pub async fn thumbnail(Json(job): Json<Thumb>) -> bool {
    let input = std::path::PathBuf::from(MEDIA_DIR).join(&job.image);
    let comment = format!("source: {}", job.note);
    Command::new("convert")
        // ok: rust.argument-injection
        .arg(&input)
        .args(["-set", "comment"])
        // ok: rust.argument-injection
        .arg(&comment)
        // ruleid: rust.argument-injection
        .arg(&job.note)
        .status()
        .is_ok()
}
