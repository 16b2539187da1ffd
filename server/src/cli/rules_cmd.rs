//! `slopguard rules {test, show, explain, list}`.

use super::EXIT_ERROR;
use crate::lang::Language;
use crate::rules::{self, RuleError, RuleSet};
use clap::{Args, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// `writeln!` into a `String`, which cannot fail.
macro_rules! outln {
    ($out:expr, $($arg:tt)*) => {{
        $out.push_str(&format!($($arg)*));
        $out.push('\n');
    }};
}

#[derive(Debug, Args)]
pub struct RuleSource {
    /// A directory of extra rule files (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    dirs: Vec<PathBuf>,
    /// Leave out the built-in rule pack (to test your own rules alone).
    #[arg(long)]
    no_builtin_rules: bool,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Run every rule on the annotated corpus and score it (TP/FP/FN per rule).
    Test {
        #[command(flatten)]
        source: RuleSource,
        /// The corpus directory of annotated samples.
        #[arg(long, value_name = "DIR", default_value = "corpus")]
        corpus: PathBuf,
        /// Print every rule, not only the ones that fail.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Print a rule's documentation.
    Show {
        /// The rule id, e.g. python.yaml-load.
        id: String,
        #[command(flatten)]
        source: RuleSource,
    },
    /// List the rules, one a line: id, severity, languages, CWE.
    List {
        #[command(flatten)]
        source: RuleSource,
    },
    /// Print the reference of every rule as Markdown (the source of docs/rules.md).
    Docs {
        #[command(flatten)]
        source: RuleSource,
    },
    /// Print the syntax tree (with field names) at FILE:LINE[:COL] and its ancestors.
    Explain {
        /// FILE:LINE[:COL], 1-based.
        location: String,
    },
}

pub fn run(command: RulesCommand) -> ExitCode {
    match command {
        RulesCommand::Test {
            source,
            corpus,
            verbose,
        } => test(&source, &corpus, verbose),
        RulesCommand::Show { id, source } => show(&source, &id),
        RulesCommand::List { source } => list(&source),
        RulesCommand::Docs { source } => docs(&source),
        RulesCommand::Explain { location } => explain(&location),
    }
}

fn load(source: &RuleSource) -> Result<RuleSet, ExitCode> {
    rules::load_rule_set(!source.no_builtin_rules, &source.dirs)
        .map_err(|errors| report_rule_errors(&errors))
}

fn report_rule_errors(errors: &[RuleError]) -> ExitCode {
    for error in errors {
        eprintln!("error: {error}");
    }
    ExitCode::from(EXIT_ERROR)
}

fn test(source: &RuleSource, corpus: &std::path::Path, verbose: bool) -> ExitCode {
    let rules = match load(source) {
        Ok(rules) => rules,
        Err(code) => return code,
    };
    if !corpus.is_dir() {
        eprintln!(
            "error: corpus directory `{}` does not exist",
            corpus.display()
        );
        return ExitCode::from(EXIT_ERROR);
    }
    if let Err(errors) = rules.compile_all() {
        return report_rule_errors(&errors);
    }
    let report = rules::score_corpus(&rules, corpus);
    let mut out = String::new();
    outln!(
        out,
        "{:<48} {:>4} {:>4} {:>4} {:>9}",
        "rule",
        "TP",
        "FP",
        "FN",
        "cases +/-"
    );
    let (mut tp, mut fp, mut fn_, mut failed) = (0, 0, 0, 0);
    for score in &report.scores {
        tp += score.true_positives;
        fp += score.false_positives;
        fn_ += score.false_negatives;
        let status = if score.passed() {
            "ok"
        } else {
            failed += 1;
            if score.has_enough_cases() {
                "FAIL"
            } else {
                "FAIL (needs >= 2 ruleid and 2 ok cases)"
            }
        };
        if verbose || !score.passed() {
            outln!(
                out,
                "{:<48} {:>4} {:>4} {:>4} {:>4}/{:<4} {status}",
                score.rule,
                score.true_positives,
                score.false_positives,
                score.false_negatives,
                score.flagged_cases,
                score.ok_cases
            );
            for at in &score.false_positive_at {
                outln!(out, "    false positive at {at}");
            }
            for at in &score.false_negative_at {
                outln!(out, "    missed at {at}");
            }
        }
    }
    for error in &report.errors {
        outln!(out, "corpus error: {error}");
    }
    outln!(
        out,
        "{} rules, {} corpus files: TP {tp}, FP {fp}, FN {fn_}; {} rules failed, {} corpus errors",
        report.scores.len(),
        report.files,
        failed,
        report.errors.len()
    );
    if let Err(code) = super::print_stdout(&out) {
        return code;
    }
    if report.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn show(source: &RuleSource, id: &str) -> ExitCode {
    let rules = match load(source) {
        Ok(rules) => rules,
        Err(code) => return code,
    };
    let Some(rule) = rules.get(id) else {
        let known = rules::KnownIds::new(rules.rules().iter().map(|r| r.id.as_str()));
        match known.suggest(id) {
            Some(near) => eprintln!("error: no rule `{id}` (did you mean `{near}`?)"),
            None => eprintln!("error: no rule `{id}` (see `slopguard rules list`)"),
        }
        return ExitCode::from(EXIT_ERROR);
    };
    done(super::print_stdout(&render_docs(rule)))
}

/// A rule's documentation as plain text: used by `rules show`.
pub fn render_docs(rule: &rules::Rule) -> String {
    let languages: Vec<String> = rule
        .targets
        .iter()
        .map(|t| match t {
            rules::Target::Language(l) => l.name().to_string(),
            rules::Target::AnyFile => "any file".to_string(),
        })
        .collect();
    // The replacement is a template over the match's captures: show each as `<name>`.
    let fix = match &rule.fix {
        Some(f) => format!(
            "\nAutomatic fix{} (`check --fix`)\n  replaces <{}> with {}\n",
            if f.safe { "" } else { ", needs review" },
            f.capture,
            rules::render_template(&f.replacement, |name| Some(format!("<{name}>")))
        ),
        None => String::new(),
    };
    format!(
        "{id}  ({severity}, confidence {confidence}, {cwe})\nlanguages: {languages}\n\nWhat it does\n  {what}\n\nWhy is this bad?\n  {why}\n\nExample\n{example}\nFix\n  {fixdoc}\n{fix}",
        id = rule.id,
        severity = rule.severity,
        confidence = rule.confidence.as_str(),
        cwe = rule.cwe.join(", "),
        languages = languages.join(", "),
        what = rule.docs.what.trim().replace('\n', "\n  "),
        why = rule.docs.why.trim().replace('\n', "\n  "),
        example = indent(rule.docs.example.trim_end()),
        fixdoc = rule.docs.fix.trim().replace('\n', "\n  "),
    )
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}\n")).collect()
}

fn list(source: &RuleSource) -> ExitCode {
    let rules = match load(source) {
        Ok(rules) => rules,
        Err(code) => return code,
    };
    let mut sorted: Vec<_> = rules.rules().iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    let mut out = String::new();
    for rule in sorted {
        outln!(
            out,
            "{:<48} {:<8} {:<24} {}",
            rule.id,
            rule.severity.as_str(),
            language_names(rule).join(","),
            rule.cwe.join(",")
        );
    }
    done(super::print_stdout(&out))
}

/// `python`, `javascript`, ... or `any` for a rule on every file.
fn language_names(rule: &rules::Rule) -> Vec<&'static str> {
    rule.targets
        .iter()
        .map(|t| match t {
            rules::Target::Language(l) => l.name(),
            rules::Target::AnyFile => "any",
        })
        .collect()
}

/// Success, or the exit code of a failed write.
fn done(written: Result<(), ExitCode>) -> ExitCode {
    written.err().unwrap_or(ExitCode::SUCCESS)
}

fn docs(source: &RuleSource) -> ExitCode {
    let rules = match load(source) {
        Ok(rules) => rules,
        Err(code) => return code,
    };
    done(super::print_stdout(&render_reference(&rules)))
}

/// The rule reference in Markdown: one section per rule, anchored by its id, which is where
/// diagnostics and SARIF link (`Rule::docs_url`).
pub fn render_reference(rules: &RuleSet) -> String {
    let mut sorted: Vec<_> = rules.rules().iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    let mut out = String::from(
        "# Rule reference\n\nGenerated by `slopguard rules docs > docs/rules.md`; a test keeps it in step with `rules/`.\n\n",
    );
    out.push_str(&super::rules_coverage::render_summary(&sorted));
    out.push_str("## All rules\n\n| rule | severity | CWE |\n| --- | --- | --- |\n");
    for rule in &sorted {
        out.push_str(&format!(
            "| [`{0}`](#{0}) | {1} | {2} |\n",
            rule.id,
            rule.severity,
            rule.cwe.join(", ")
        ));
    }
    let links = |ids: Vec<&str>| -> String {
        let links: Vec<String> = ids.iter().map(|id| format!("[`{id}`](#{id})")).collect();
        links.join(", ")
    };
    for rule in sorted.iter().copied() {
        // `supersedes`, both ways: one finding per place, the stronger rule's.
        let mut same_place = String::new();
        if !rule.supersedes.is_empty() {
            same_place.push_str(&format!(
                "Where it reports the same place as {}, only this rule's finding is reported.\n\n",
                links(rule.supersedes.iter().map(String::as_str).collect())
            ));
        }
        let stronger: Vec<&str> = sorted
            .iter()
            .filter(|r| r.supersedes.contains(&rule.id))
            .map(|r| r.id.as_str())
            .collect();
        if !stronger.is_empty() {
            same_place.push_str(&format!(
                "Not reported where {} reports the same place.\n\n",
                links(stronger)
            ));
        }
        out.push_str(&format!(
            "\n<a id=\"{id}\"></a>\n## {id}\n\n{severity}, confidence {confidence}, {cwe}\n\n{same_place}**What it does.** {what}\n\n**Why is this bad?** {why}\n\n**Example.**\n\n```\n{example}\n```\n\n**Fix.** {fix}\n",
            id = rule.id,
            severity = rule.severity,
            confidence = rule.confidence.as_str(),
            cwe = rule.cwe.join(", "),
            what = rule.docs.what.trim(),
            why = rule.docs.why.trim(),
            example = rule.docs.example.trim_matches('\n').trim_end(),
            fix = rule.docs.fix.trim(),
        ));
    }
    out
}

fn explain(location: &str) -> ExitCode {
    let Some((path, line, column)) = parse_location(location) else {
        eprintln!("error: expected FILE:LINE[:COL], got `{location}`");
        return ExitCode::from(EXIT_ERROR);
    };
    let Some(language) = Language::from_path(&path) else {
        eprintln!(
            "error: `{}` is not a Python, JavaScript, TypeScript or Rust file",
            path.display()
        );
        return ExitCode::from(EXIT_ERROR);
    };
    let text = match std::fs::read(&path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", path.display());
            return ExitCode::from(EXIT_ERROR);
        }
    };
    match rules::explain(language, &text, line, column) {
        Ok(out) => done(super::print_stdout(&out)),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// `FILE:LINE[:COL]`, where FILE may itself contain colons.
fn parse_location(location: &str) -> Option<(PathBuf, usize, Option<usize>)> {
    let mut parts = location.rsplitn(3, ':');
    let last = parts.next()?;
    let middle = parts.next()?;
    match (middle.parse::<usize>(), parts.next()) {
        (Ok(line), Some(path)) if last.parse::<usize>().is_ok() => {
            Some((path.into(), line, last.parse().ok()))
        }
        _ => {
            let line = last.parse().ok()?;
            let path = location.rsplit_once(':')?.0;
            Some((path.into(), line, None))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_parse() {
        assert_eq!(parse_location("a.py:3"), Some(("a.py".into(), 3, None)));
        assert_eq!(
            parse_location("a.py:3:7"),
            Some(("a.py".into(), 3, Some(7)))
        );
        assert_eq!(
            parse_location("C:/x/a.py:3:7"),
            Some(("C:/x/a.py".into(), 3, Some(7)))
        );
        assert_eq!(parse_location("a.py"), None);
        assert_eq!(parse_location("a.py:x"), None);
    }
}
