//! `slopguard packages PATH... [--offline] [--root DIR]`: a hidden developer command that runs
//! only the registry checks over files and directories and prints the findings, one a line.
//! `slopguard check` is the command for users; this one exists to try the registry checks alone.

use crate::cli::EXIT_ERROR;
use crate::deps::ManifestKind;
use crate::lang::Language;
use crate::registry::{PackageChecker, Settings, SourceFile};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct PackagesArgs {
    /// Files or directories to check (directories are walked, honouring .gitignore).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The project root, for telling local modules from packages (default: the first path if
    /// it is a directory, else the current directory).
    #[arg(long)]
    root: Option<PathBuf>,
    /// Use only the cache and the embedded lists.
    #[arg(long)]
    offline: bool,
}

pub fn run(args: PackagesArgs) -> ExitCode {
    let mut paths = Vec::new();
    for path in &args.paths {
        for entry in ignore::WalkBuilder::new(path).build().flatten() {
            let p = entry.path();
            if p.is_file()
                && (Language::from_path(p).is_some() || ManifestKind::from_path(p).is_some())
            {
                paths.push(p.to_path_buf());
            }
        }
    }
    let root = args.root.clone().unwrap_or_else(|| {
        args.paths
            .first()
            .filter(|p| p.is_dir())
            .cloned()
            .unwrap_or_else(|| PathBuf::from("."))
    });
    let texts: Vec<(PathBuf, String)> = paths
        .into_iter()
        .filter_map(|p| {
            let text = String::from_utf8(std::fs::read(&p).ok()?).ok()?;
            // Absolute paths, so that they compare with the canonical root.
            Some((p.canonicalize().unwrap_or(p), text))
        })
        .collect();
    let mut settings = Settings::from_env();
    settings.offline |= args.offline;
    let Ok(root) = root.canonicalize() else {
        eprintln!("error: cannot read the project root {}", root.display());
        return ExitCode::from(EXIT_ERROR);
    };
    let sources: Vec<SourceFile<'_>> = texts
        .iter()
        .map(|(path, text)| SourceFile { path, text })
        .collect();
    let findings = PackageChecker::new(settings).check(&root, &sources);
    for f in &findings {
        let start = f.finding.span.start;
        println!(
            "{}:{}:{}: {} {}: {}",
            f.path.display(),
            start.line + 1,
            start.column + 1,
            f.finding.severity,
            f.finding.rule_id,
            f.finding.message
        );
    }
    if findings
        .iter()
        .any(|f| f.finding.severity >= crate::rules::Severity::Error)
    {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
