//! One GET to a registry, bounded every way a hostile or broken registry could stretch it: a
//! slot among the requests in flight to that registry from the whole process, the registry's
//! circuit breaker, the batch's deadline (a request already waiting is abandoned when it passes,
//! its thread left to finish on its own timeout), retries with backoff on 5xx and 429 only, and
//! a cap on the body read.

use super::Settings;
use super::breaker::{self, RunDeadline};
use crate::deps::Ecosystem;
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// The largest response body read (PyPI's JSON for a project with thousands of files is
/// several megabytes).
const MAX_BODY: u64 = 64 * 1024 * 1024;
/// How often a wait (for a slot, for an answer) looks at the run's deadline.
const POLL: Duration = Duration::from_millis(50);

/// One HTTP answer, reduced to what the lookups distinguish.
pub enum Fetched {
    Body(String),
    NotFound,
    Failed(String),
}

/// What one attempt got: a status and, for a success, the body.
type Attempt = Result<(u16, Option<Result<String, String>>), String>;

pub struct Fetcher {
    agent: ureq::Agent,
    settings: Settings,
}

impl Fetcher {
    pub fn new(settings: &Settings) -> Fetcher {
        let tls = ureq::tls::TlsConfig::builder()
            .root_certs(ureq::tls::RootCerts::PlatformVerifier)
            .build();
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(settings.timeout))
            .timeout_connect(Some(settings.connect_timeout))
            .user_agent(format!(
                "slopguard/{} (package existence checks)",
                env!("CARGO_PKG_VERSION")
            ))
            .http_status_as_error(false)
            .tls_config(tls)
            .build();
        Fetcher {
            agent: config.into(),
            settings: settings.clone(),
        }
    }

    /// GET within the deadline of the batch `run` and the registry's circuit breaker, telling
    /// the breaker how it went.
    pub fn get(&self, run: &RunDeadline, ecosystem: Ecosystem, url: &str, accept: &str) -> Fetched {
        let origin = breaker::origin(url);
        match self.get_with_retries(run, ecosystem, url, accept) {
            Some(fetched) => fetched,
            None => Fetched::Failed(format!(
                "no answer within the run's deadline ({} s after {origin}'s first answer)",
                self.settings.deadline.as_secs_f32()
            )),
        }
    }

    /// `None` when the run's deadline passed before an answer.
    fn get_with_retries(
        &self,
        run: &RunDeadline,
        ecosystem: Ecosystem,
        url: &str,
        accept: &str,
    ) -> Option<Fetched> {
        let origin = breaker::origin(url);
        let mut attempt = 0;
        loop {
            let permit = in_flight(ecosystem).acquire(self.settings.concurrency, || {
                run.budget(ecosystem, &self.settings).is_none()
            })?;
            if let Err(why) = breaker::allow(origin) {
                return Some(Fetched::Failed(why));
            }
            let budget = run.budget(ecosystem, &self.settings)?;
            let answer = match self.attempt(run, ecosystem, url, accept, budget, permit)? {
                Ok(answer) => answer,
                // A request given only what was left of the deadline timed out with it: the
                // deadline's doing, not the registry's failure.
                Err(_) if run.budget(ecosystem, &self.settings).is_none() => return None,
                Err(e) => {
                    breaker::record(origin, false, &self.settings);
                    return Some(Fetched::Failed(format!("{url}: {e}")));
                }
            };
            run.answered(ecosystem);
            let failed = |why: String| {
                breaker::record(origin, false, &self.settings);
                Some(Fetched::Failed(why))
            };
            match answer {
                (200..=299, Some(Ok(body))) => {
                    breaker::record(origin, true, &self.settings);
                    return Some(Fetched::Body(body));
                }
                (200..=299, Some(Err(e))) => {
                    return failed(format!("{url}: reading the answer: {e}"));
                }
                (404 | 410, _) => {
                    breaker::record(origin, true, &self.settings);
                    return Some(Fetched::NotFound);
                }
                (429 | 500..=599, _) if attempt < self.settings.retries => {
                    std::thread::sleep(self.settings.retry_backoff * 2u32.pow(attempt));
                    attempt += 1;
                }
                // The registry answered, refusing this one name (npm's 403 for capitals in a
                // scope, a 400): unknown, but no sign the registry is failing.
                (status, _) if status_refuses_name(status) => {
                    breaker::record(origin, true, &self.settings);
                    return Some(Fetched::Failed(format!("{url}: HTTP {status}")));
                }
                (status, _) => return failed(format!("{url}: HTTP {status}")),
            }
        }
    }

    /// One request on a thread of its own, holding `permit` until it ends, waited for only
    /// while the run's deadline allows (`None` once it has passed: the request is abandoned).
    fn attempt(
        &self,
        run: &RunDeadline,
        ecosystem: Ecosystem,
        url: &str,
        accept: &str,
        budget: Duration,
        permit: Permit,
    ) -> Option<Attempt> {
        let (sender, receiver) = channel();
        let (agent, url, accept) = (self.agent.clone(), url.to_string(), accept.to_string());
        std::thread::spawn(move || {
            let _permit = permit;
            let response = agent
                .get(&url)
                .config()
                .timeout_global(Some(budget))
                .build()
                .header("Accept", &accept)
                .call();
            let attempt = response
                .map(|mut response| {
                    let status = response.status().as_u16();
                    let body = (200..300).contains(&status).then(|| {
                        let body = response.body_mut().with_config().limit(MAX_BODY);
                        body.read_to_string().map_err(|e| e.to_string())
                    });
                    (status, body)
                })
                .map_err(|e| e.to_string());
            let _ = sender.send(attempt);
        });
        loop {
            match receiver.recv_timeout(POLL) {
                Ok(attempt) => return Some(attempt),
                Err(RecvTimeoutError::Disconnected) => {
                    return Some(Err("the request ended without an answer".into()));
                }
                Err(RecvTimeoutError::Timeout) => {
                    run.budget(ecosystem, &self.settings)?;
                }
            }
        }
    }
}

/// The requests in flight to one registry, across every client and thread of the process: the
/// editor's background passes and a `check` each make their own client, and the registry sees
/// their sum.
struct InFlight {
    count: Mutex<usize>,
    freed: Condvar,
}

/// Holds one of a registry's request slots until dropped.
struct Permit(&'static InFlight);

impl InFlight {
    const fn idle() -> InFlight {
        InFlight {
            count: Mutex::new(0),
            freed: Condvar::new(),
        }
    }

    /// A slot, or `None` once `give_up` says so (checked every [`POLL`] while waiting).
    fn acquire(&'static self, limit: usize, give_up: impl Fn() -> bool) -> Option<Permit> {
        let mut count = self.count.lock().unwrap_or_else(|e| e.into_inner());
        while *count >= limit.max(1) {
            if give_up() {
                return None;
            }
            count = self
                .freed
                .wait_timeout(count, POLL)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        *count += 1;
        Some(Permit(self))
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        let mut count = self.0.count.lock().unwrap_or_else(|e| e.into_inner());
        *count -= 1;
        // Waiters may hold different limits: wake them all, each checks its own.
        self.0.freed.notify_all();
    }
}

fn in_flight(ecosystem: Ecosystem) -> &'static InFlight {
    static CRATES: InFlight = InFlight::idle();
    static PYPI: InFlight = InFlight::idle();
    static NPM: InFlight = InFlight::idle();
    match ecosystem {
        Ecosystem::Crates => &CRATES,
        Ecosystem::PyPI => &PYPI,
        Ecosystem::Npm => &NPM,
    }
}

/// A 4xx answer about one name, from a registry that works: not 404/410 (an answer), not 429
/// (the registry asks to slow down, which is retried and then counts as a failure).
fn status_refuses_name(status: u16) -> bool {
    (400..=499).contains(&status) && !matches!(status, 404 | 410 | 429)
}
