//! A C binding and a number formatter: the same unsafe operations with and without the comment
//! that says why they are sound. `Safety:` counts in any case, as clippy's
//! `undocumented_unsafe_blocks` reads it.

use std::ffi::c_void;

pub struct Handle(*mut c_void);

// ruleid: rust.unsafe-impl-send-sync
unsafe impl Send for Handle {}

// Safety: the C library documents its handles as usable from any thread.
// ok: rust.unsafe-impl-send-sync
unsafe impl Sync for Handle {}

pub fn digits(buf: &[u8]) -> &str {
    // ruleid: rust.from-utf8-unchecked
    // ok: rust.unsafe-block
    unsafe { std::str::from_utf8_unchecked(buf) }
}

pub fn digits_written_here(buf: &[u8]) -> &str {
    // Safety: `buf` holds only the ASCII digits the formatter above wrote.
    // ok: rust.unsafe-block, rust.from-utf8-unchecked
    unsafe { std::str::from_utf8_unchecked(buf) }
}

pub fn digits_from_formatter(buf: Vec<u8>) -> String {
    // The formatter writes only ASCII digits and a sign.
    // ruleid: rust.unsafe-block
    // ok: rust.from-utf8-unchecked
    unsafe { String::from_utf8_unchecked(buf) }
}

pub fn body_from_validated(bytes: &[u8]) -> &str {
    // `bytes` is a slice of a `&str` the caller passed in, so it is valid UTF-8.
    // ruleid: rust.unsafe-block
    // ok: rust.from-utf8-unchecked
    unsafe { std::str::from_utf8_unchecked(bytes) }
}

pub fn body_fast(bytes: &[u8]) -> &str {
    // Fast path: skip the check, the parser is hot.
    // ruleid: rust.from-utf8-unchecked
    // ok: rust.unsafe-block
    unsafe { std::str::from_utf8_unchecked(bytes) }
}

/// # Safety
/// `name` must point to `len` readable bytes.
pub unsafe extern "C" fn set_name(name: *const u8, len: usize) -> usize {
    // ruleid: rust.from-raw-parts
    // ok: rust.unsafe-block
    let bytes = unsafe { std::slice::from_raw_parts(name, len) };
    bytes.len()
}

/// # Safety
/// `name` must point to `len` readable bytes.
pub unsafe extern "C" fn set_label(name: *const u8, len: usize) -> usize {
    // SAFETY: the caller promises `len` readable bytes at `name` (see the doc comment).
    // ok: rust.from-raw-parts, rust.unsafe-block
    let bytes = unsafe { std::slice::from_raw_parts(name, len) };
    bytes.len()
}

pub fn fill(buf: &mut Vec<u8>, n: usize) {
    buf.reserve(n);
    // ruleid: rust.set-len
    // ok: rust.unsafe-block
    unsafe { buf.set_len(buf.len() + n) };
}

pub fn fill_zeroed(buf: &mut Vec<u8>, n: usize) {
    buf.reserve(n);
    // safety: the `n` bytes after the length are zeroed first.
    // ok: rust.unsafe-block
    unsafe {
        std::ptr::write_bytes(buf.as_mut_ptr().add(buf.len()), 0, n);
        // The elements were written just above: nothing uninitialised is exposed.
        // ok: rust.set-len
        buf.set_len(buf.len() + n);
    }
}

pub fn level(raw: u8) -> bool {
    // Safety: callers pass 0 or 1 only.
    // ok: rust.transmute, rust.unsafe-block
    unsafe { std::mem::transmute::<u8, bool>(raw) }
}

pub struct Handle {
    file: std::fs::File,
}

pub fn adopt(fd: i32) -> Option<Handle> {
    // Safety: `fd` was just returned by `open` and nothing else owns it.
    Some(Handle {
        // ok: rust.unsafe-block
        file: unsafe { std::os::fd::FromRawFd::from_raw_fd(fd) },
    })
}

pub fn adopt_undocumented(fd: i32) -> Option<Handle> {
    Some(Handle {
        // ruleid: rust.unsafe-block
        file: unsafe { std::os::fd::FromRawFd::from_raw_fd(fd) },
    })
}

pub fn first(bytes: &[u8], ready: bool) -> u8 {
    match ready {
        // ok: rust.unsafe-block
        true => unsafe {
            // Safety: `ready` is set only once `bytes` holds at least one byte.
            *bytes.get_unchecked(0)
        },
        false => 0,
    }
}

pub fn sum_later(ptr: *const u8) -> u8 {
    // Safety: this comment is about the closure's setup, far from the block below.
    let total = std::iter::once(1u8).map(|one| {
        let two = one + one;
        let three = two + one;
        // ruleid: rust.unsafe-block
        three + unsafe { *ptr }
    });
    total.sum()
}

pub fn truncate_log(file: &std::fs::File, size: u64) -> std::io::Result<()> {
    // `File::set_len` sizes the file on disk: nothing unsafe about it.
    // ok: rust.set-len
    file.set_len(size)
}
