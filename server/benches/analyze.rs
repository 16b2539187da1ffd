//! Analysis throughput with the whole built-in pack: `cargo bench --bench analyze`.
//!
//! For each language it generates a ~100,000-line file of ordinary application code with a few
//! insecure idioms mixed in, then reports the one-off query compile time and lines per second for
//! parse + all rules (median of 5 runs). No timing is asserted; the README records the figures.

use slopguard::analysis::{FileKind, analyze_with};
use slopguard::lang::Language;
use slopguard::rules::RuleSet;
use std::time::{Duration, Instant};

const TARGET_LINES: usize = 100_000;
const RUNS: usize = 5;

/// Generates the i-th block of sample code.
type BlockFn = fn(usize) -> String;

fn python_block(i: usize) -> String {
    format!(
        r#"
class Service{i}:
    """Loads and stores records for tenant {i}."""

    def __init__(self, session, cache=None):
        self.session = session
        self.cache = cache or {{}}

    def fetch(self, record_id: int) -> dict:
        if record_id in self.cache:
            return self.cache[record_id]
        row = self.session.execute("SELECT * FROM records WHERE id = %s", (record_id,)).fetchone()
        result = {{"id": row[0], "name": row[1].strip(), "tags": [t for t in row[2].split(",") if t]}}
        self.cache[record_id] = result
        return result

    def export(self, path):
        with open(path, "w", encoding="utf-8") as handle:
            for key, value in sorted(self.cache.items()):
                handle.write(f"{{key}}\t{{value['name']}}\n")
        return len(self.cache)

def load_config_{i}(text):
    import yaml
    return yaml.load(text)
"#
    )
}

fn javascript_block(i: usize) -> String {
    format!(
        r#"
export class Store{i} {{
  constructor(client, options = {{}}) {{
    this.client = client;
    this.ttl = options.ttl ?? 60;
    this.items = new Map();
  }}

  async get(id) {{
    if (this.items.has(id)) return this.items.get(id);
    const res = await this.client.query('SELECT * FROM items WHERE id = $1', [id]);
    const item = {{ id, name: res.rows[0].name.trim(), tags: res.rows[0].tags.split(',') }};
    this.items.set(id, item);
    return item;
  }}

  render(el, item) {{
    el.textContent = `${{item.name}} (${{item.tags.length}})`;
    el.innerHTML = item.description;
  }}
}}

export function total{i}(values) {{
  return values.filter((v) => v > 0).reduce((a, b) => a + b, 0);
}}
"#
    )
}

fn typescript_block(i: usize) -> String {
    format!(
        r#"
export interface Item{i} {{ id: number; name: string; tags: string[] }}

export class Repo{i}<T extends Item{i}> {{
  private readonly cache = new Map<number, T>();

  constructor(private readonly db: {{ query(sql: string, args: unknown[]): Promise<T[]> }}) {{}}

  async find(id: number): Promise<T | undefined> {{
    const hit = this.cache.get(id);
    if (hit) return hit;
    const [row] = await this.db.query('SELECT * FROM items WHERE id = ?', [id]);
    if (row) this.cache.set(id, row);
    return row;
  }}

  async search(term: string): Promise<T[]> {{
    return this.db.query(`SELECT * FROM items WHERE name LIKE '%${{term}}%'`, []);
  }}
}}

export const sum{i} = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
"#
    )
}

fn rust_block(i: usize) -> String {
    format!(
        r#"
/// Keeps the latest readings of sensor group {i}.
pub struct Readings{i} {{
    values: Vec<f64>,
    limit: usize,
}}

impl Readings{i} {{
    pub fn new(limit: usize) -> Self {{
        Self {{ values: Vec::with_capacity(limit), limit }}
    }}

    pub fn push(&mut self, value: f64) {{
        if self.values.len() == self.limit {{
            self.values.remove(0);
        }}
        self.values.push(value);
    }}

    pub fn mean(&self) -> Option<f64> {{
        if self.values.is_empty() {{
            return None;
        }}
        Some(self.values.iter().sum::<f64>() / self.values.len() as f64)
    }}

    pub fn raw(&self) -> &[f64] {{
        unsafe {{ std::slice::from_raw_parts(self.values.as_ptr(), self.values.len()) }}
    }}
}}
"#
    )
}

fn generate(block: BlockFn) -> String {
    let mut text = String::new();
    let mut i = 0;
    while text.lines().count() < TARGET_LINES {
        for _ in 0..200 {
            text.push_str(&block(i));
            i += 1;
        }
    }
    text
}

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
        let text = generate(block);
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
