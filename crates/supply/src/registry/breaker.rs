//! How long lookups may wait for a registry that hangs or fails: a deadline per run (each
//! registry is asked for at most [`Settings::deadline`] after its first answer) and a circuit
//! breaker per registry for the whole process (after [`Settings::breaker_failures`] failures in
//! a row it is not asked for [`Settings::breaker_cooldown`]: the editor's next pass and the
//! rest of a `check` answer "unknown" at once instead of each waiting out a timeout).

use super::Settings;
use crate::deps::Ecosystem;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// One batch of lookups' clock (a `check`'s lookups, an editor pass's): when each registry
/// first answered it.
#[derive(Default)]
pub struct RunDeadline {
    first_answer: [OnceLock<Instant>; 3],
}

impl RunDeadline {
    /// Records that `ecosystem`'s registry answered (any HTTP status).
    pub fn answered(&self, ecosystem: Ecosystem) {
        self.first_answer[index(ecosystem)].get_or_init(Instant::now);
    }

    /// How long the next request to `ecosystem` may take: the request timeout, cut to what is
    /// left of the run's deadline; `None` when the deadline has passed.
    pub fn budget(&self, ecosystem: Ecosystem, settings: &Settings) -> Option<Duration> {
        match self.first_answer[index(ecosystem)].get() {
            None => Some(settings.timeout),
            Some(first) => {
                let left = (*first + settings.deadline).checked_duration_since(Instant::now())?;
                (!left.is_zero()).then(|| left.min(settings.timeout))
            }
        }
    }
}

fn index(ecosystem: Ecosystem) -> usize {
    match ecosystem {
        Ecosystem::PyPI => 0,
        Ecosystem::Npm => 1,
        Ecosystem::Crates => 2,
    }
}

#[derive(Default)]
struct Circuit {
    failures: u32,
    open_until: Option<Instant>,
}

fn circuits() -> &'static Mutex<HashMap<String, Circuit>> {
    static CIRCUITS: OnceLock<Mutex<HashMap<String, Circuit>>> = OnceLock::new();
    CIRCUITS.get_or_init(Mutex::default)
}

/// The registry a URL belongs to: scheme, host and port.
pub fn origin(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find('/') {
        Some(slash) => &url[..after_scheme + slash],
        None => url,
    }
}

/// `Err(why)` while the registry at `origin`'s circuit is open.
pub fn allow(origin: &str) -> Result<(), String> {
    let mut circuits = circuits().lock().unwrap_or_else(|e| e.into_inner());
    let Some(circuit) = circuits.get_mut(origin) else {
        return Ok(());
    };
    match circuit.open_until {
        Some(until) if Instant::now() < until => Err(format!(
            "{origin} failed {} times in a row; not asked again for {} s",
            circuit.failures,
            until.saturating_duration_since(Instant::now()).as_secs() + 1
        )),
        _ => Ok(()),
    }
}

/// Records how a request to `origin` went. A success closes the circuit; the
/// `settings.breaker_failures`-th failure in a row opens it (and, after the cool-down, one more
/// failure opens it again).
pub fn record(origin: &str, ok: bool, settings: &Settings) {
    let mut circuits = circuits().lock().unwrap_or_else(|e| e.into_inner());
    if ok {
        circuits.remove(origin);
        return;
    }
    let circuit = circuits.entry(origin.to_string()).or_default();
    circuit.failures += 1;
    if circuit.failures >= settings.breaker_failures.max(1) {
        circuit.open_until = Some(Instant::now() + settings.breaker_cooldown);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins() {
        assert_eq!(origin("http://127.0.0.1:9/npm/x"), "http://127.0.0.1:9");
        assert_eq!(origin("https://pypi.org"), "https://pypi.org");
    }

    #[test]
    fn the_circuit_opens_after_consecutive_failures_and_a_success_closes_it() {
        let settings = Settings {
            breaker_failures: 2,
            ..Settings::default()
        };
        let origin = "http://breaker.invalid:1";
        record(origin, false, &settings);
        assert!(allow(origin).is_ok());
        record(origin, true, &settings);
        record(origin, false, &settings);
        assert!(allow(origin).is_ok(), "a success reset the count");
        record(origin, false, &settings);
        let why = allow(origin).unwrap_err();
        assert!(why.contains("failed 2 times in a row"), "{why}");
        assert!(allow("http://other.invalid:1").is_ok());
    }

    #[test]
    fn the_deadline_counts_from_the_first_answer() {
        let settings = Settings {
            deadline: Duration::from_millis(50),
            timeout: Duration::from_secs(10),
            ..Settings::default()
        };
        let run = RunDeadline::default();
        assert_eq!(
            run.budget(Ecosystem::Npm, &settings),
            Some(settings.timeout)
        );
        run.answered(Ecosystem::Npm);
        let left = run.budget(Ecosystem::Npm, &settings).unwrap();
        assert!(left <= Duration::from_millis(50));
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(run.budget(Ecosystem::Npm, &settings), None);
        assert_eq!(
            run.budget(Ecosystem::PyPI, &settings),
            Some(settings.timeout)
        );
    }
}
