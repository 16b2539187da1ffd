//! Analysis throughput with the whole built-in pack: `cargo bench --bench analyze`.
//!
//! For each language it generates a ~100,000-line file of ordinary application code with a few
//! insecure idioms mixed in, then reports the one-off query compile time and lines per second for
//! parse + all rules (median of 5 runs). No timing is asserted; the README records the figures.

use slopguard::analysis::{FileKind, analyze_with};
use slopguard::lang::Language;
use slopguard::rules::RuleSet;
use std::time::{Duration, Instant};

#[path = "support/samples.rs"]
mod samples;
use samples::{BlockFn, generate, javascript_block, python_block, rust_block, typescript_block};

const TARGET_LINES: usize = 100_000;
const RUNS: usize = 5;

/// With `BENCH_PER_RULE=1`: the ten rules whose queries cost most on this input, each run alone.
fn per_rule(rules: &RuleSet, language: Language, text: &str) {
    let tree = slopguard::analysis::parse(language, text, None).expect("parses in time");
    let mut costs: Vec<(Duration, String)> = rules
        .rules()
        .iter()
        .filter(|r| {
            r.applies_to(Some(language))
                && matches!(r.matcher, slopguard::rules::Matcher::Query { .. })
        })
        .map(|rule| {
            let alone = RuleSet::new(vec![rule.clone()]).expect("one rule");
            alone.prepare(&[language]);
            let start = Instant::now();
            alone.check(Some(language), text, Some(&tree));
            (start.elapsed(), rule.id.clone())
        })
        .collect();
    costs.sort();
    for (cost, id) in costs.iter().rev().take(10) {
        println!("    {:>6}ms  {id}", cost.as_millis());
    }
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let started = Instant::now();
    let rules = RuleSet::builtin();
    println!(
        "built-in pack: {} rules, loaded in {:?}",
        rules.rules().len(),
        started.elapsed()
    );
    let cases: [(Language, BlockFn); 4] = [
        (Language::Python, python_block),
        (Language::JavaScript, javascript_block),
        (Language::TypeScript, typescript_block),
        (Language::Rust, rust_block),
    ];
    println!(
        "{:<11} {:>8} {:>10} {:>10} {:>10} {:>10} {:>12}",
        "language", "lines", "compile", "findings", "parse", "total", "lines/s"
    );
    for (language, block) in cases {
        let text = generate(block, TARGET_LINES);
        let lines = text.lines().count();
        let compile = Instant::now();
        rules.prepare(&[language]);
        let compile = compile.elapsed();
        let mut samples = Vec::new();
        let mut findings = 0;
        for _ in 0..RUNS {
            let start = Instant::now();
            findings = analyze_with(rules, FileKind::Code(language), &text).len();
            samples.push(start.elapsed());
        }
        let time = median(samples);
        let parse = median(
            (0..RUNS)
                .map(|_| {
                    let start = Instant::now();
                    slopguard::analysis::parse(language, &text, None).expect("parses in time");
                    start.elapsed()
                })
                .collect(),
        );
        if std::env::var_os("BENCH_PER_RULE").is_some() {
            per_rule(rules, language, &text);
        }
        println!(
            "{:<11} {:>8} {:>8}ms {:>10} {:>8}ms {:>8}ms {:>12.0}",
            language.name(),
            lines,
            compile.as_millis(),
            findings,
            parse.as_millis(),
            time.as_millis(),
            lines as f64 / time.as_secs_f64()
        );
    }
}
