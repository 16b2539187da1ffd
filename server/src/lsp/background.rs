//! Threads for the work nobody is waiting on: the full analysis that follows an edit's first
//! answer (the catch-up).
//!
//! The editor waits on the first answer; the catch-up only replaces it when the two differ. Both
//! want a core right after an edit, and with the user typing on they want one together: the
//! catch-up of the last edit still runs when the next edit's first answer starts. On two cores
//! (and the editor, the language servers of other languages and a build sharing them) that
//! contention, not the first answer's own work, was most of its latency. The catch-up therefore
//! runs on threads of a lower scheduling priority (nice 10 on Linux, where it is per thread):
//! whatever else wants the core (the first answer, the server's own I/O, the editor) takes it
//! first, and an idle core still runs the catch-up at full speed.
//!
//! Dedicated threads rather than the runtime's blocking pool, because an unprivileged thread
//! cannot raise its priority back once lowered: a blocking-pool thread, once niced, would later
//! run first answers niced too.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, OnceLock};

/// How much lower than the server's other threads the background threads run (the `nice` value
/// they add). At 10 a contended core gives them about a tenth of its time, yet they are never
/// starved: the kernel still runs them whenever a core would otherwise idle.
#[cfg(target_os = "linux")]
const NICE: libc::c_int = 10;

type Task = Box<dyn FnOnce() + Send>;

/// A fixed set of lower-priority threads, started on the first task and ended when the pool is
/// dropped (each finishes the task it is running first).
pub struct BackgroundThreads {
    threads: usize,
    queue: OnceLock<Sender<Task>>,
}

/// Why a background task gave no result: it panicked (the thread lives on).
#[derive(Debug)]
pub struct TaskPanicked;

impl BackgroundThreads {
    pub fn new(threads: usize) -> BackgroundThreads {
        BackgroundThreads {
            threads: threads.max(1),
            queue: OnceLock::new(),
        }
    }

    /// Runs `work` on a background thread and waits for its result without blocking the runtime.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, TaskPanicked> {
        let (done, result) = tokio::sync::oneshot::channel();
        let task: Task = Box::new(move || {
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
            let _ = done.send(outcome.map_err(|_| TaskPanicked));
        });
        if self.queue().send(task).is_err() {
            return Err(TaskPanicked);
        }
        // A dropped sender means the task was dropped unrun: the threads could not start.
        result.await.unwrap_or(Err(TaskPanicked))
    }

    fn queue(&self) -> &Sender<Task> {
        self.queue.get_or_init(|| {
            let (sender, receiver) = channel::<Task>();
            let receiver = Arc::new(Mutex::new(receiver));
            for n in 0..self.threads {
                let receiver = receiver.clone();
                // A thread that cannot start leaves the others; with none, tasks are dropped
                // unrun and `run` reports it.
                let _ = std::thread::Builder::new()
                    .name(format!("slopguard-background-{n}"))
                    .spawn(move || serve(&receiver));
            }
            sender
        })
    }
}

/// One background thread: lowers its own priority, then runs tasks until the pool is dropped.
fn serve(queue: &Mutex<Receiver<Task>>) {
    lower_own_priority();
    loop {
        // The lock is held only while waiting for the next task, never while running one.
        let next = queue.lock().unwrap_or_else(|e| e.into_inner()).recv();
        match next {
            Ok(task) => task(),
            Err(_) => return,
        }
    }
}

/// Lowers the calling thread's scheduling priority by [`NICE`] below the one it inherited (a
/// server started under `nice` keeps its catch-up below its own answers); where threads have no
/// priority of their own, or the system refuses, the thread runs at the inherited priority.
fn lower_own_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: `gettid` has no preconditions; `getpriority` only reads, and `setpriority` on the
    // calling thread's id changes only that thread's nice value (per-thread on Linux) and fails
    // harmlessly. (`getpriority` returns -1 on error as well as for nice -1: either way the
    // thread ends at least as low as asked.)
    unsafe {
        let tid = libc::gettid() as libc::id_t;
        let inherited = libc::getpriority(libc::PRIO_PROCESS, tid);
        libc::setpriority(libc::PRIO_PROCESS, tid, (inherited + NICE).min(19));
    }
}

/// The calling thread's nice value (Linux), for tests.
#[cfg(all(test, target_os = "linux"))]
fn own_nice() -> libc::c_int {
    // SAFETY: as above; `getpriority` only reads.
    unsafe { libc::getpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn tasks_run_and_a_panic_is_an_error_not_a_lost_thread() {
        let pool = BackgroundThreads::new(1);
        assert_eq!(pool.run(|| 6 * 7).await.unwrap(), 42);
        assert!(pool.run(|| -> u8 { panic!("analysis bug") }).await.is_err());
        // The one thread survived the panic and still serves.
        assert_eq!(pool.run(|| "still here").await.unwrap(), "still here");
    }

    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn background_threads_run_below_the_callers_priority() {
        let pool = BackgroundThreads::new(2);
        let mine = own_nice();
        let theirs = pool.run(own_nice).await.unwrap();
        // Nice values stop at 19.
        assert_eq!(theirs, (mine + NICE).min(19), "caller's nice is {mine}");
        // The caller's own priority is untouched.
        assert_eq!(own_nice(), mine);
    }
}
