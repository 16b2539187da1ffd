//! How much work one parse or one match may do before it stops with what it has. A hostile
//! file must not hang an editor or a CI job, and a loaded machine must not change the findings:
//! so the limit is counted in work, never in wall-clock time.
//!
//! Two bounds, both checked from tree-sitter's progress callbacks:
//! - **steps**: tree-sitter calls back after a fixed amount of its own work (100 parser
//!   operations; 1,000 units of query-cursor work), so the number of calls is the same for the
//!   same input on any machine. The budget grows with the text: ordinary code needs well under
//!   a twentieth of it.
//! - **CPU time of the thread**, far above what any ordinary file needs, as a backstop: a few
//!   inputs make tree-sitter do much more work per step than it counts (error recovery over
//!   thousands of unclosed brackets). Time the thread spends waiting for a core is not counted,
//!   so a busy machine does not move this bound either. (Where the platform has no per-thread
//!   CPU clock, wall-clock time stands in.)
//!
//! And one stop that is not a bound: **cancellation**. Work whose result nobody will read (the
//! analysis of a document the editor has just closed) runs inside [`cancellable`], and every
//! budget made on that thread meanwhile is spent as soon as its flag is set.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Progress steps allowed per byte of text, plus [`STEPS_FLOOR`].
pub const STEPS_PER_BYTE: u64 = 1;
/// Progress steps any text may use, however short.
pub const STEPS_FLOOR: u64 = 50_000;
/// Thread CPU time any parse or match may use, plus [`CPU_PER_MEGABYTE`] per MiB of text.
pub const CPU_FLOOR: Duration = Duration::from_secs(10);
/// See [`CPU_FLOOR`].
pub const CPU_PER_MEGABYTE: Duration = Duration::from_secs(10);

/// How often (in steps) the CPU clock is read: reading it is a system call on some kernels.
const CPU_CHECK_EVERY: u64 = 16;

/// The work left to one parse or one match of a text.
pub struct Budget {
    steps_left: u64,
    steps_taken: u64,
    /// The thread's CPU time at which to stop.
    cpu_deadline: Duration,
    /// Set when the work is no longer wanted ([`cancellable`]).
    cancel: Option<Arc<AtomicBool>>,
}

thread_local! {
    /// The cancellation flag of the work this thread is doing, if it can be cancelled.
    static CANCEL: RefCell<Option<Arc<AtomicBool>>> = const { RefCell::new(None) };
}

/// Runs `work` so that setting `cancel` (from any thread) stops it early: every [`Budget`] made
/// on this thread meanwhile is spent at its next check, and [`cancelled`] turns true. What
/// `work` returns after a cancellation is incomplete and must be thrown away.
pub fn cancellable<T>(cancel: &Arc<AtomicBool>, work: impl FnOnce() -> T) -> T {
    /// Restores the outer flag even if `work` panics (a blocking thread is reused).
    struct Restore(Option<Arc<AtomicBool>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            CANCEL.with(|c| *c.borrow_mut() = self.0.take());
        }
    }
    let _restore = Restore(CANCEL.with(|c| c.borrow_mut().replace(cancel.clone())));
    work()
}

/// Whether the work this thread is doing has been cancelled ([`cancellable`]): for loops that
/// spend no [`Budget`] to stop at.
pub fn cancelled() -> bool {
    CANCEL.with(|c| {
        c.borrow()
            .as_ref()
            .is_some_and(|flag| flag.load(Ordering::Relaxed))
    })
}

impl Budget {
    /// The budget for one pass over a text of `len` bytes.
    pub fn for_text(len: usize) -> Budget {
        let megabytes = len as f64 / (1024.0 * 1024.0);
        Budget {
            steps_left: STEPS_FLOOR + STEPS_PER_BYTE * len as u64,
            steps_taken: 0,
            cpu_deadline: thread_cpu_time() + CPU_FLOOR + CPU_PER_MEGABYTE.mul_f64(megabytes),
            cancel: CANCEL.with(|c| c.borrow().clone()),
        }
    }

    /// Charges one progress step; `true` once the budget is spent (and from then on).
    pub fn spend(&mut self) -> bool {
        self.steps_taken += 1;
        if self.steps_left == 0 {
            return true;
        }
        self.steps_left -= 1;
        if self.steps_taken.is_multiple_of(CPU_CHECK_EVERY)
            && (thread_cpu_time() > self.cpu_deadline
                || self
                    .cancel
                    .as_ref()
                    .is_some_and(|c| c.load(Ordering::Relaxed)))
        {
            self.steps_left = 0;
            return true;
        }
        false
    }
}

/// CPU time the calling thread has used.
#[cfg(unix)]
fn thread_cpu_time() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid, writable timespec; the clock id is a constant the platform
    // defines.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    if status != 0 {
        return Duration::ZERO;
    }
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

/// Without a per-thread CPU clock: time since the process started.
#[cfg(not(unix))]
fn thread_cpu_time() -> Duration {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_step_budget_grows_with_the_text_and_stays_spent() {
        let mut budget = Budget::for_text(10);
        for _ in 0..STEPS_FLOOR + 10 {
            assert!(!budget.spend());
        }
        assert!(budget.spend());
        assert!(budget.spend());
    }

    #[test]
    fn a_cancelled_budget_is_spent_at_its_next_check() {
        let cancel = Arc::new(AtomicBool::new(false));
        let (mut before, mut outside) = (Budget::for_text(10), Budget::for_text(10));
        let mut inside = cancellable(&cancel, || {
            assert!(!cancelled());
            Budget::for_text(10)
        });
        cancel.store(true, Ordering::Relaxed);
        let steps = |budget: &mut Budget| (1..=STEPS_FLOOR).find(|_| budget.spend());
        assert_eq!(steps(&mut inside), Some(CPU_CHECK_EVERY));
        assert_eq!(
            steps(&mut before),
            None,
            "a budget made outside is not cancelled"
        );
        assert_eq!(steps(&mut outside), None);
        assert!(
            !cancelled(),
            "the flag is the work's, not the thread's after it"
        );
        assert!(cancellable(&cancel, cancelled));
    }

    #[test]
    fn a_cancelled_parse_stops_early() {
        let text = "x = [1, 2, 3]\n".repeat(200_000);
        let cancel = Arc::new(AtomicBool::new(true));
        let parsed = cancellable(&cancel, || {
            crate::analysis::parse_checked(crate::lang::Language::Python, &text, None)
        });
        assert!(
            !parsed.incomplete.is_empty(),
            "a parse started cancelled stops with what it has"
        );
        let whole = crate::analysis::parse_checked(crate::lang::Language::Python, &text, None);
        assert!(whole.incomplete.is_empty());
    }

    #[test]
    fn the_thread_cpu_clock_advances_with_work() {
        let before = thread_cpu_time();
        let mut x = 0u64;
        for i in 0..20_000_000u64 {
            x = x.wrapping_mul(31).wrapping_add(i);
        }
        std::hint::black_box(x);
        assert!(thread_cpu_time() > before);
    }
}
