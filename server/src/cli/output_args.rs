//! The `check` flags that shape what is reported and how, named as ruff names them:
//! `--output-format` (alias `--format`), `--color`, `--select`/`--ignore`, `--statistics`,
//! `--exit-zero`, `--fix` (`--unsafe-fixes`, `--dry-run`). They change the presentation and the
//! exit code, never what the analysis finds.

use crate::check::Outcome;
use crate::check::fix::{self, FixOptions, FixReport};
use crate::check::output::{self, Format};
use crate::rules::RuleSet;
use clap::Args;
use std::io::{self, Write};

#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format (`--format` is an alias).
    #[arg(long, alias = "format", value_enum, default_value_t = Format::Text)]
    pub output_format: Format,
    /// When to colour the text output. `auto` colours a terminal unless NO_COLOR is set;
    /// FORCE_COLOR colours even a pipe.
    #[arg(long, value_enum, default_value_t = ColorMode::Auto, value_name = "WHEN")]
    pub color: ColorMode,
    /// Report only rules whose id starts with one of these prefixes (comma-separated,
    /// repeatable), e.g. `python,any.aws`.
    #[arg(long, value_name = "PREFIXES")]
    pub select: Vec<String>,
    /// Leave out rules whose id starts with one of these prefixes (comma-separated, repeatable).
    #[arg(long, value_name = "PREFIXES")]
    pub ignore: Vec<String>,
    /// Print how many findings each rule reported instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Exit 0 even when findings are at or above `--fail-on` (errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Apply the fixes rules offer (safe ones only, unless `--unsafe-fixes`), then report what
    /// is left.
    #[arg(long, conflicts_with_all = ["staged", "stdin_filename"])]
    pub fix: bool,
    /// With `--fix`: also apply fixes that need review.
    #[arg(long, requires = "fix")]
    pub unsafe_fixes: bool,
    /// With `--fix`: change no file; print the fixes as a unified diff instead of the report.
    #[arg(long, requires = "fix")]
    pub dry_run: bool,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorMode {
    Auto,
    Always,
    Never,
}

impl OutputArgs {
    /// Sets the process-wide colour choice the text output is written through: the flag wins,
    /// then `NO_COLOR`, then `FORCE_COLOR`, then whether stdout is a terminal.
    pub fn apply_color(&self) {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        let choice = match self.color {
            ColorMode::Always => anstream::ColorChoice::Always,
            ColorMode::Never => anstream::ColorChoice::Never,
            ColorMode::Auto if set("NO_COLOR") => anstream::ColorChoice::Never,
            ColorMode::Auto if set("FORCE_COLOR") => anstream::ColorChoice::Always,
            ColorMode::Auto => anstream::ColorChoice::Auto,
        };
        choice.write_global();
    }

    pub fn fix_options(&self) -> Option<FixOptions> {
        self.fix.then_some(FixOptions {
            unsafe_fixes: self.unsafe_fixes,
            dry_run: self.dry_run,
        })
    }

    /// Writes the report (or the statistics, or the dry run's diff) to stdout. A closed pipe
    /// (`| head`) is the reader's choice, not an error.
    pub fn write(
        &self,
        outcome: &Outcome,
        rules: &RuleSet,
        fixes: Option<&FixReport>,
    ) -> io::Result<()> {
        let styled = matches!(self.output_format, Format::Text | Format::Concise);
        let mut stdout: Box<dyn Write> = if styled {
            Box::new(anstream::stdout().lock())
        } else {
            Box::new(io::stdout().lock())
        };
        let written = match fixes {
            Some(report) if self.dry_run => stdout.write_all(report.diff.as_bytes()),
            _ if self.statistics => match self.output_format {
                Format::Json => output::statistics::write_json(outcome, &mut stdout),
                _ => output::statistics::write_table(outcome, &mut stdout),
            },
            _ => output::write(self.output_format, outcome, rules, &mut stdout),
        };
        match written.and_then(|()| stdout.flush()) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => other,
        }
    }
}

/// Applies `--fix` and says on stderr what it did; files it could not fix join
/// `outcome.errors` (the run cannot pass).
pub fn run_fixes(outcome: &mut Outcome, options: FixOptions) -> FixReport {
    let mut report = fix::apply(outcome, options);
    outcome.errors.append(&mut report.errors);
    let verb = if options.dry_run {
        "would fix"
    } else {
        "fixed"
    };
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    eprintln!(
        "{verb} {} finding{} in {} file{}",
        report.fixed,
        plural(report.fixed),
        report.files,
        plural(report.files)
    );
    if report.unsafe_left > 0 {
        eprintln!(
            "note: {} more fix{} need{} review: apply with `--fix --unsafe-fixes`",
            report.unsafe_left,
            if report.unsafe_left == 1 { "" } else { "es" },
            if report.unsafe_left == 1 { "s" } else { "" },
        );
    }
    report
}
