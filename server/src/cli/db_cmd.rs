//! `slopguard db update` and `slopguard db status`: the local advisory store behind the
//! vulnerable-dependency findings (see [`crate::advisories`]).

use super::EXIT_ERROR;
use super::check_cmd::{advisory_settings, load_config, registry_settings};
use crate::advisories::store::{self, Meta, Store};
use crate::advisories::{describe_age, update};
use crate::deps::Ecosystem;
use clap::{Args, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Download the OSV advisories for PyPI, npm and crates.io into the cache (base URL from
    /// SLOPGUARD_OSV_URL, else `[advisories] url`, else the OSV project's export).
    Update(UpdateArgs),
    /// Say what the local advisory store holds and how old it is.
    Status(StatusArgs),
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// Only these ecosystems (repeatable) [default: all three].
    #[arg(long = "ecosystem", value_name = "NAME")]
    ecosystems: Vec<OsvEcosystem>,
    /// Use this config file instead of looking for slopguard.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Use this config file instead of looking for slopguard.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

/// The ecosystems as the OSV schema names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OsvEcosystem {
    #[value(name = "PyPI", alias = "pypi")]
    PyPI,
    #[value(name = "npm")]
    Npm,
    #[value(name = "crates.io", alias = "crates")]
    Crates,
}

impl From<OsvEcosystem> for Ecosystem {
    fn from(value: OsvEcosystem) -> Ecosystem {
        match value {
            OsvEcosystem::PyPI => Ecosystem::PyPI,
            OsvEcosystem::Npm => Ecosystem::Npm,
            OsvEcosystem::Crates => Ecosystem::Crates,
        }
    }
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(EXIT_ERROR)
}

pub fn run(command: DbCommand) -> ExitCode {
    let explicit = match &command {
        DbCommand::Update(args) => args.config.as_deref(),
        DbCommand::Status(args) => args.config.as_deref(),
    };
    let cwd = std::env::current_dir().unwrap_or_default();
    let config = match load_config(explicit, &cwd) {
        Ok(config) => config,
        Err(e) => return fail(e),
    };
    let (registry, advisories) = match (registry_settings(&config), advisory_settings(&config)) {
        (Ok(registry), Ok(advisories)) => (registry, advisories),
        (Err(e), _) | (_, Err(e)) => return fail(e),
    };
    let Some(cache_dir) = registry.cache_dir else {
        return fail("no cache directory: set SLOPGUARD_CACHE_DIR (or HOME)");
    };
    match command {
        DbCommand::Status(_) => {
            status(&Store::open(&cache_dir));
            ExitCode::SUCCESS
        }
        DbCommand::Update(args) => {
            let ecosystems: Vec<Ecosystem> = if args.ecosystems.is_empty() {
                Ecosystem::ALL.to_vec()
            } else {
                args.ecosystems.iter().map(|&e| e.into()).collect()
            };
            let terminal = std::io::stderr().is_terminal();
            let mut shown = (None, 0u64);
            let mut progress = |ecosystem: Ecosystem, done: u64, total: Option<u64>| {
                // On a terminal, one line per ecosystem redrawn every mebibyte.
                if !terminal || (shown.0 == Some(ecosystem) && done < shown.1 + (1 << 20)) {
                    return;
                }
                shown = (Some(ecosystem), done);
                let of = total.map_or(String::new(), |t| format!(" of {}", mebibytes(t)));
                eprint!(
                    "\r\x1b[2K{}: downloading {}{of}",
                    store::osv_name(ecosystem),
                    mebibytes(done)
                );
            };
            eprintln!("updating advisories from {}", advisories.url);
            let results = update::update(&advisories, &cache_dir, &ecosystems, &mut progress);
            let mut failed = false;
            for (ecosystem, result) in results {
                if terminal {
                    eprint!("\r\x1b[2K");
                }
                match result {
                    Ok(meta) => eprintln!("{}", summary(&meta)),
                    Err(e) => {
                        failed = true;
                        eprintln!("error: {}: {e}", store::osv_name(ecosystem));
                    }
                }
            }
            eprintln!("stored in {}", store::store_dir(&cache_dir).display());
            if failed {
                ExitCode::from(EXIT_ERROR)
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}

fn status(store: &Store) {
    let mut any = false;
    for (_, meta) in store.metas() {
        any = true;
        println!("{}, {}", summary(meta), describe_age(meta.updated));
    }
    if !any {
        println!("no advisories stored: run `slopguard db update`");
    }
}

fn summary(meta: &Meta) -> String {
    let mut line = format!(
        "{}: {} advisories for {} packages ({} records)",
        meta.ecosystem, meta.advisories, meta.packages, meta.records
    );
    if meta.unreadable > 0 {
        line.push_str(&format!(", {} unreadable", meta.unreadable));
    }
    line
}

fn mebibytes(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}
