//! The command line: argument parsing and dispatch. Each subcommand is a thin shell over the
//! library; nothing here analyses code.

mod check_cmd;
mod db_cmd;
mod lsp_cmd;
mod output_args;
mod packages_cmd;
mod rules_cmd;
mod rules_coverage;
mod sbom_cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Exit code for a usage, configuration or I/O error.
pub const EXIT_ERROR: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "slopguard",
    version,
    about = "Guards code written with AI assistants",
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check files for insecure code (the guard for pre-commit hooks and CI).
    Check(check_cmd::CheckArgs),
    /// Write a commented default slopguard.toml in the current directory.
    Init(check_cmd::InitArgs),
    /// Write, inspect and test rules.
    #[command(subcommand)]
    Rules(rules_cmd::RulesCommand),
    /// Developer command: run only the registry checks and print their findings.
    #[command(hide = true)]
    Packages(packages_cmd::PackagesArgs),
    /// Run the language server on stdin/stdout.
    Lsp(lsp_cmd::LspArgs),
    /// The local advisory database behind vulnerable-dependency findings.
    #[command(subcommand)]
    Db(db_cmd::DbCommand),
    /// Write the project's bill of materials (CycloneDX 1.6 or SPDX 2.3 JSON) to stdout.
    Sbom(sbom_cmd::SbomArgs),
}

/// Writes a command's output to stdout. A reader that went away (`slopguard rules list | head`)
/// ends the output quietly, as for any Unix filter; another write error is an error exit.
pub(crate) fn print_stdout(text: &str) -> Result<(), ExitCode> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => {
            eprintln!("error: cannot write the output: {e}");
            Err(ExitCode::from(EXIT_ERROR))
        }
    }
}

/// Parses the process arguments and runs the command; returns the process exit code.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(EXIT_ERROR),
            };
        }
    };
    match cli.command {
        Command::Check(args) => check_cmd::run(args),
        Command::Init(args) => check_cmd::init(args),
        Command::Rules(command) => rules_cmd::run(command),
        Command::Packages(args) => packages_cmd::run(args),
        Command::Lsp(args) => lsp_cmd::run(args),
        Command::Db(command) => db_cmd::run(command),
        Command::Sbom(args) => sbom_cmd::run(args),
    }
}
