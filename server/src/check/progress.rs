//! A progress line on stderr for runs longer than a second, on a terminal only (never when
//! piped or in CI, where it would be noise in logs).

use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a run goes before the indicator appears.
const DELAY: Duration = Duration::from_secs(1);
const REFRESH: Duration = Duration::from_millis(100);

/// Whether a progress line may be drawn: stderr is a terminal and this is not a CI job.
pub fn wanted() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("CI").is_none()
}

/// Counts finished files; a background thread draws `N/M files read, K analysed` until dropped
/// (binary, oversized and out-of-scope files are read past, not analysed).
pub struct Progress {
    done: Arc<AtomicUsize>,
    analysed: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    pub fn start(total: usize, enabled: bool) -> Progress {
        let done = Arc::new(AtomicUsize::new(0));
        let analysed = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = enabled.then(|| {
            let (done, analysed, stop) = (done.clone(), analysed.clone(), stop.clone());
            std::thread::spawn(move || draw(total, &done, &analysed, &stop))
        });
        Progress {
            done,
            analysed,
            stop,
            thread,
        }
    }

    /// Records one finished file, and whether it was analysed.
    pub fn tick(&self, analysed: bool) {
        self.done.fetch_add(1, Ordering::Relaxed);
        if analysed {
            self.analysed.fetch_add(1, Ordering::Relaxed);
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The progress line's text.
fn line(done: usize, total: usize, analysed: usize) -> String {
    format!("slopguard: {done}/{total} files read, {analysed} analysed")
}

fn draw(total: usize, done: &AtomicUsize, analysed: &AtomicUsize, stop: &AtomicBool) {
    let started = Instant::now();
    let mut drawn = false;
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(REFRESH);
        if started.elapsed() < DELAY {
            continue;
        }
        let mut stderr = std::io::stderr().lock();
        let _ = write!(
            stderr,
            "\r\x1b[2K{}",
            line(
                done.load(Ordering::Relaxed),
                total,
                analysed.load(Ordering::Relaxed)
            )
        );
        let _ = stderr.flush();
        drawn = true;
    }
    if drawn {
        let _ = write!(std::io::stderr(), "\r\x1b[2K");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipped_files_are_read_but_not_counted_as_analysed() {
        let progress = Progress::start(3, false);
        progress.tick(true);
        progress.tick(false); // a binary file
        progress.tick(true);
        assert_eq!(
            line(
                progress.done.load(Ordering::Relaxed),
                3,
                progress.analysed.load(Ordering::Relaxed)
            ),
            "slopguard: 3/3 files read, 2 analysed"
        );
    }
}
