//! What open documents cost, and giving it back.
//!
//! A syntax tree costs about 35 times its text (1.2 MB for a 1,000-line, 34 KB Python file): it
//! was nearly all of the 1.8 MiB an open document cost. Only the documents being edited need
//! one (the base of the next incremental parse and of the per-item answer), so the trees of all
//! but the [`TREES_KEPT`] most recently changed documents are dropped; the next edit of such a
//! document parses it whole once, then it is incremental again.
//!
//! Freed memory did not leave the process: glibc's allocator keeps freed chunks in its arenas
//! (one per thread that allocated, and tree nodes are small chunks spread over them) and only
//! gives back what lies at the top of a heap. After documents close or trees are dropped,
//! [`Trimmer`] asks it to return every free page (`malloc_trim(0)`), once per burst.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How many documents keep their syntax tree: those changed (or opened) most recently.
pub const TREES_KEPT: usize = 8;

/// How long after memory was released the allocator is asked to return it: a burst of closes
/// (a workspace closed, a branch switched) costs one trim.
const TRIM_DELAY: Duration = Duration::from_millis(500);

/// Returns freed memory to the system, at most once per `TRIM_DELAY`.
#[derive(Default, Clone)]
pub struct Trimmer {
    scheduled: Arc<AtomicBool>,
}

impl Trimmer {
    /// Memory was released: trim shortly, unless a trim is already due.
    pub fn schedule(&self) {
        if self.scheduled.swap(true, Ordering::AcqRel) {
            return;
        }
        let scheduled = self.scheduled.clone();
        tokio::spawn(async move {
            tokio::time::sleep(TRIM_DELAY).await;
            scheduled.store(false, Ordering::Release);
            let _ = tokio::task::spawn_blocking(release_free_memory).await;
        });
    }
}

/// Asks the allocator to give every free page back to the system.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only walks the allocator's own free lists under its locks; it has
    // no preconditions and is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}
