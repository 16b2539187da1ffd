//! `slopguard sbom [--format cyclonedx|spdx] [PATH]`: writes the project's bill of materials
//! to stdout. Notes about files that could not be read go to stderr; they do not fail the run.

use super::{EXIT_ERROR, check_cmd, print_stdout};
use crate::registry::PackageChecker;
use crate::sbom::{self, Stamp};
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SbomFormat {
    /// CycloneDX 1.6 JSON.
    Cyclonedx,
    /// SPDX 2.3 JSON.
    Spdx,
}

#[derive(Debug, Args)]
pub struct SbomArgs {
    /// The document format.
    #[arg(long, value_enum, default_value_t = SbomFormat::Cyclonedx)]
    format: SbomFormat,
    /// The project directory (default: the current directory).
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Take licences from the cache only (`SLOPGUARD_OFFLINE=1` does the same); without it the
    /// registries are asked for what the cache lacks.
    #[arg(long)]
    offline: bool,
}

pub fn run(args: SbomArgs) -> ExitCode {
    if !args.path.is_dir() {
        eprintln!("error: {} is not a directory", args.path.display());
        return ExitCode::from(EXIT_ERROR);
    }
    let stamp = match Stamp::from_env() {
        Ok(stamp) => stamp,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let mut bom = sbom::collect(&args.path);
    // The project's `[registry]` (mirrors, offline), as `check` reads it.
    let settings = check_cmd::load_config(None, &args.path)
        .and_then(|config| check_cmd::registry_settings(&config));
    let mut settings = match settings {
        Ok(settings) => settings,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_ERROR);
        }
    };
    settings.offline |= args.offline;
    let network = !settings.offline;
    sbom::add_licences(&mut bom, &PackageChecker::new(settings), network);
    for note in &bom.notes {
        eprintln!("note: {note}");
    }
    let document = match args.format {
        SbomFormat::Cyclonedx => sbom::cyclonedx::write(&bom, &stamp),
        SbomFormat::Spdx => sbom::spdx::write(&bom, &stamp),
    };
    match print_stdout(&document) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}
