//! `slopguard lsp`: starts the language server on stdio.

use super::EXIT_ERROR;
use crate::lsp::{RuleOptions, Stopped, run_stdio};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Also load the rules in this directory (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Leave out the built-in rule pack.
    #[arg(long)]
    no_builtin_rules: bool,
    /// Accepted for editors that pass it; stdio is the only transport.
    #[arg(long, hide = true)]
    stdio: bool,
}

pub fn run(args: LspArgs) -> ExitCode {
    let options = RuleOptions {
        builtin: !args.no_builtin_rules,
        dirs: args.rules,
    };
    match run_stdio(options) {
        Ok(Stopped::Cleanly) => ExitCode::SUCCESS,
        Ok(Stopped::ExitWithoutShutdown) => ExitCode::from(1),
        Err(e) => {
            eprintln!("slopguard lsp: cannot start: {e}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}
