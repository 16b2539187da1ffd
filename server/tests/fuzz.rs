//! The stable fuzz runner for `slopguard::fuzzing`'s targets (see `docs/fuzzing.md`).
//!
//! Every `cargo test` replays the seed corpora (`fuzz/corpus/<target>/`) and a few seeded
//! mutations of them. CI runs more for a bounded time:
//!
//! | variable | meaning | default |
//! | --- | --- | --- |
//! | `SLOPGUARD_FUZZ_SECONDS` | wall-clock budget for all targets together | unset: iterations |
//! | `SLOPGUARD_FUZZ_ITERATIONS` | mutated inputs per target when no budget is set | 24 |
//! | `SLOPGUARD_FUZZ_SEED` | the run's seed (printed); input `i` of a target depends only on it | fixed |
//! | `SLOPGUARD_FUZZ_TARGET` | run only this target | all |
//! | `SLOPGUARD_FUZZ_ITERATION` | run only this input (with the seed and target of a failure) | all |
//!
//! This is not coverage-guided (libFuzzer through `cargo fuzz` is, on nightly): it mutates the
//! seeds libFuzzer-style (bit flips, interesting bytes, deletions, repeats, the target's
//! tokens, splices of two seeds), which is cheap and finds what the properties check for near
//! real files. A failing input is written under the target directory and named in the panic.

use slopguard::fuzzing::{TARGETS, Target};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Longer inputs are cut: the properties are about structure, not size (size has its own tests).
const MAX_INPUT: usize = 16 * 1024;
/// One input taking longer than this is a hang (debug build, busy machine: generous).
const HANG_LIMIT: Duration = Duration::from_secs(30);
const DEFAULT_SEED: u64 = 0x51_09_c0_a2_d0_00_00_11;

fn corpus_dir(target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus")
        .join(target)
}

/// The seeds of a target, sorted by file name so that input `i` is the same on every machine.
fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = corpus_dir(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect()
}

#[test]
fn every_target_has_seeds_a_libfuzzer_binary_and_every_corpus_a_target() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let manifest = std::fs::read_to_string(fuzz.join("Cargo.toml")).unwrap();
    for target in TARGETS {
        assert!(
            !corpus(target.name).is_empty(),
            "{}: no seed files",
            target.name
        );
        let source = format!("fuzz_targets/{}.rs", target.name);
        assert!(
            manifest.contains(&format!("name = \"{}\"", target.name))
                && std::fs::read_to_string(fuzz.join(&source))
                    .is_ok_and(|s| s.contains(&format!("fuzzing::{}(", target.name))),
            "{}: no `cargo fuzz` binary in fuzz/Cargo.toml and {source}",
            target.name
        );
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus");
    for entry in std::fs::read_dir(root).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            slopguard::fuzzing::target(&name).is_some(),
            "fuzz/corpus/{name} belongs to no target"
        );
    }
}

#[test]
fn seed_corpora_replay_clean() {
    let mut failures = Vec::new();
    for target in TARGETS {
        for (path, bytes) in corpus(target.name) {
            if let Err(message) = run_one(target, &bytes) {
                failures.push(format!("{}: {message}", path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn seeded_mutations_break_no_property() {
    let settings = Settings::from_env();
    eprintln!(
        "fuzz: seed {:#x} (SLOPGUARD_FUZZ_SEED), {}",
        settings.seed,
        match settings.budget {
            Some(budget) => format!("{} s for all targets", budget.as_secs_f64()),
            None => format!("{} inputs per target", settings.iterations),
        }
    );
    let mut targets: Vec<&'static Target> = TARGETS
        .iter()
        .filter(|t| settings.only.as_deref().is_none_or(|only| only == t.name))
        .collect();
    assert!(!targets.is_empty(), "no target named {:?}", settings.only);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4)
        .min(targets.len());
    // The budget is shared by weight, the heaviest targets first so that the workers end
    // together.
    targets.sort_by_key(|t| std::cmp::Reverse(weight(t)));
    let shares: u32 = targets.iter().map(|t| weight(t)).sum();
    let budget_of = |target: &Target| {
        settings.budget.map(|budget| {
            budget.mul_f64(workers as f64 * f64::from(weight(target)) / f64::from(shares))
        })
    };
    let next = AtomicUsize::new(0);
    let watch = Arc::new(Watch::default());
    let watchdog = watch.clone();
    std::thread::spawn(move || watchdog.run(settings.seed));
    let failures: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..workers)
            .map(|worker| {
                let (next, targets, settings, watch) = (&next, &targets, &settings, &watch);
                scope.spawn(move || {
                    let mut failures = Vec::new();
                    while let Some(target) = targets.get(next.fetch_add(1, Ordering::Relaxed)) {
                        failures.extend(fuzz_target(
                            target,
                            settings,
                            budget_of(target),
                            watch,
                            worker,
                        ));
                    }
                    failures
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A target's share of a time budget: parse + the whole rule pack runs about a hundred times
/// slower than a manifest reader, so those targets get three shares to see inputs enough.
fn weight(target: &Target) -> u32 {
    if target.name.starts_with("analyze_") {
        3
    } else {
        1
    }
}

struct Settings {
    seed: u64,
    budget: Option<Duration>,
    iterations: u64,
    only: Option<String>,
    iteration: Option<u64>,
}

impl Settings {
    fn from_env() -> Settings {
        let number = |name: &str| {
            std::env::var(name).ok().map(|v| {
                let v = v.trim();
                let parsed = match v.strip_prefix("0x") {
                    Some(hex) => u64::from_str_radix(hex, 16),
                    None => v.parse(),
                };
                parsed.unwrap_or_else(|e| panic!("{name}={v}: {e}"))
            })
        };
        Settings {
            seed: number("SLOPGUARD_FUZZ_SEED").unwrap_or(DEFAULT_SEED),
            budget: number("SLOPGUARD_FUZZ_SECONDS").map(Duration::from_secs),
            iterations: number("SLOPGUARD_FUZZ_ITERATIONS").unwrap_or(24),
            only: std::env::var("SLOPGUARD_FUZZ_TARGET").ok(),
            iteration: number("SLOPGUARD_FUZZ_ITERATION"),
        }
    }
}

/// Runs one target's mutated inputs; the failure, if one is found (the target stops there).
fn fuzz_target(
    target: &Target,
    settings: &Settings,
    budget: Option<Duration>,
    watch: &Watch,
    worker: usize,
) -> Option<String> {
    let seeds: Vec<Vec<u8>> = corpus(target.name).into_iter().map(|(_, b)| b).collect();
    let started = Instant::now();
    let mut iteration = settings.iteration.unwrap_or(0);
    let mut count = 0u64;
    // The slowest input and its number: a slow one is a hang in the making.
    let mut slowest = (Duration::ZERO, 0);
    loop {
        let more = match (settings.iteration, budget) {
            (Some(_), _) => count == 0,
            (None, Some(budget)) => started.elapsed() < budget,
            (None, None) => iteration < settings.iterations,
        };
        if !more {
            break;
        }
        let input = mutated(target, &seeds, settings.seed, iteration);
        watch.start(worker, target.name, iteration, &input);
        // On disk before it runs: a stack overflow aborts the process, and no panic hook or
        // watchdog gets to save the input that caused it.
        let in_flight = save_in_flight(target.name, settings.seed, iteration, &input);
        let began = Instant::now();
        let outcome = run_one(target, &input);
        slowest = slowest.max((began.elapsed(), iteration));
        watch.finish(worker);
        let _ = std::fs::remove_file(in_flight);
        if let Err(message) = outcome {
            let saved = save_failure(target.name, settings.seed, iteration, &input);
            return Some(format!(
                "{}: {message}\n  input saved to {}\n  reproduce: SLOPGUARD_FUZZ_SEED={:#x} \
                 SLOPGUARD_FUZZ_TARGET={} SLOPGUARD_FUZZ_ITERATION={iteration} \
                 cargo test --test fuzz seeded_mutations",
                target.name,
                saved.display(),
                settings.seed,
                target.name
            ));
        }
        iteration += 1;
        count += 1;
    }
    eprintln!(
        "fuzz {}: {count} inputs in {:.1} s, the slowest {} ms (input {})",
        target.name,
        started.elapsed().as_secs_f64(),
        slowest.0.as_millis(),
        slowest.1
    );
    None
}

/// Runs one input; the panic message if a property failed.
fn run_one(target: &Target, input: &[u8]) -> Result<(), String> {
    catch_unwind(AssertUnwindSafe(|| (target.run)(input))).map_err(|panic| {
        panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "a panic".into())
    })
}

fn save_failure(target: &str, seed: u64, iteration: u64, input: &[u8]) -> PathBuf {
    save_input("fuzz-failures", target, seed, iteration, input)
}

/// The input being run, removed when it returns: what is left in `fuzz-in-flight/` after an
/// abort is the input that aborted (`.ci/run` lists it).
fn save_in_flight(target: &str, seed: u64, iteration: u64, input: &[u8]) -> PathBuf {
    save_input("fuzz-in-flight", target, seed, iteration, input)
}

fn save_input(dir: &str, target: &str, seed: u64, iteration: u64, input: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{target}-{seed:x}-{iteration}"));
    std::fs::write(&path, input).unwrap();
    path
}

/// What each worker is running since when, so that a hang is reported with its input rather
/// than stalling the run until CI's own timeout.
#[derive(Default)]
struct Watch {
    running: Mutex<Vec<Option<Running>>>,
}

struct Running {
    since: Instant,
    target: &'static str,
    iteration: u64,
    input: Vec<u8>,
}

impl Watch {
    fn start(&self, worker: usize, target: &'static str, iteration: u64, input: &[u8]) {
        let mut running = self.running.lock().unwrap();
        if running.len() <= worker {
            running.resize_with(worker + 1, || None);
        }
        running[worker] = Some(Running {
            since: Instant::now(),
            target,
            iteration,
            input: input.to_vec(),
        });
    }

    fn finish(&self, worker: usize) {
        self.running.lock().unwrap()[worker] = None;
    }

    fn run(&self, seed: u64) {
        loop {
            std::thread::sleep(Duration::from_millis(200));
            let running = self.running.lock().unwrap();
            for hung in running.iter().flatten() {
                if hung.since.elapsed() > HANG_LIMIT {
                    let saved = save_failure(hung.target, seed, hung.iteration, &hung.input);
                    eprintln!(
                        "fuzz {}: input {} (seed {seed:#x}) ran for over {} s: a hang; input \
                         saved to {}",
                        hung.target,
                        hung.iteration,
                        HANG_LIMIT.as_secs(),
                        saved.display()
                    );
                    std::process::exit(101);
                }
            }
        }
    }
}

/// Input `iteration` of `target`: a seed (or nothing) changed by 1 to 8 mutations, all drawn
/// from a generator seeded by the run's seed, the target and the iteration only.
fn mutated(target: &Target, seeds: &[Vec<u8>], seed: u64, iteration: u64) -> Vec<u8> {
    let mut rng =
        Rng(seed ^ fnv1a(target.name.as_bytes()) ^ iteration.wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let mut data = match rng.below(16) {
        0 => Vec::new(),
        _ => seeds[rng.below(seeds.len())].clone(),
    };
    for _ in 0..1 + rng.below(8) {
        mutate(&mut data, &mut rng, target.dictionary, seeds);
    }
    data.truncate(MAX_INPUT);
    data
}

const INTERESTING: &[u8] = b"\0\x01\x7f\x80\xff\xc3\xa9\xe2\n\r\t \"'\\{}[]()<>=:;,#@/-+0123456789";

fn mutate(data: &mut Vec<u8>, rng: &mut Rng, dictionary: &[&str], seeds: &[Vec<u8>]) {
    let at = rng.below(data.len() + 1);
    match rng.below(9) {
        0 if at < data.len() => data[at] ^= 1 << rng.below(8),
        1 if at < data.len() => data[at] = INTERESTING[rng.below(INTERESTING.len())],
        2 if at < data.len() => {
            let longest = rng.below(64);
            let end = rng.between(at, data.len().min(at + 1 + longest));
            data.drain(at..end);
        }
        3 => {
            let bytes: Vec<u8> = (0..1 + rng.below(8))
                .map(|_| INTERESTING[rng.below(INTERESTING.len())])
                .collect();
            data.splice(at..at, bytes);
        }
        // Repeat a piece, sometimes many times: nesting, long lines, many entries.
        4 if at < data.len() => {
            let longest = rng.below(32);
            let end = rng.between(at + 1, data.len().min(at + 1 + longest));
            let piece = data[at..end].to_vec();
            let times = if rng.below(4) == 0 {
                1 + rng.below(512)
            } else {
                1
            };
            let into = rng.below(data.len() + 1);
            data.splice(into..into, piece.repeat(times));
        }
        5 | 6 if !dictionary.is_empty() => {
            let token = dictionary[rng.below(dictionary.len())].as_bytes();
            data.splice(at..at, token.iter().copied());
        }
        7 if !seeds.is_empty() => {
            let other = &seeds[rng.below(seeds.len())];
            let from = rng.below(other.len() + 1);
            let to = rng.between(from, other.len());
            let end = rng.between(at, data.len());
            data.splice(at..end, other[from..to].iter().copied());
        }
        _ => data.truncate(at),
    }
}

/// SplitMix64: a tiny, good-enough generator, so that no random-number crate is needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform-enough in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// In `from..=to` (`from <= to`).
    fn between(&mut self, from: usize, to: usize) -> usize {
        from + self.below(to - from + 1)
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}
