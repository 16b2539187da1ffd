//! Low-level helpers an assistant wrote for a packet parser and a C library binding.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::{c_char, CStr};
use std::mem::{self, MaybeUninit};
use std::ptr;
use std::slice;
use std::sync::atomic::{AtomicU64, Ordering};

#[repr(u8)]
#[derive(Debug, Clone, Copy)]
pub enum Opcode {
    Ping = 1,
    Data = 2,
    Close = 3,
}

pub struct PacketCache {
    entries: RefCell<HashMap<u32, Vec<u8>>>,
}

// ruleid: rust.unsafe-impl-send-sync
unsafe impl Sync for PacketCache {}

// ruleid: rust.unsafe-impl-send-sync
unsafe impl std::marker::Send for PacketCache {}

pub struct RawHandle(*mut std::ffi::c_void);

pub struct SharedPtr<T>(*mut T);

// ruleid: rust.unsafe-impl-send-sync
unsafe impl<T> Send for SharedPtr<T> {}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct WireHeader {
    pub len: u32,
    pub kind: u32,
}

// ok: rust.unsafe-impl-send-sync
unsafe impl bytemuck::Zeroable for WireHeader {}

// ok: rust.unsafe-impl-send-sync
impl Drop for RawHandle {
    fn drop(&mut self) {}
}

pub struct BumpAlloc;

// ok: rust.unsafe-impl-send-sync
unsafe impl std::alloc::GlobalAlloc for BumpAlloc {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        // ruleid: rust.unsafe-block
        unsafe { std::alloc::System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        // ruleid: rust.unsafe-block
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
}

// ok: rust.unsafe-block
pub unsafe fn read_header(ptr: *const u8) -> u32 {
    // ruleid: rust.unsafe-block
    unsafe { ptr::read_unaligned(ptr as *const u32) }
}

pub fn opcode_from_byte(b: u8) -> Opcode {
    // ruleid: rust.transmute
    // ok: rust.unsafe-block
    unsafe { mem::transmute(b) }
}

pub fn float_from_bits(bits: u32) -> f32 {
    // ruleid: rust.transmute
    // ok: rust.unsafe-block
    unsafe { std::mem::transmute::<u32, f32>(bits) }
}

pub fn float_from_bits_safe(bits: u32) -> f32 {
    // ok: rust.transmute
    f32::from_bits(bits)
}

pub fn extend_lifetime<'a>(s: &'a str) -> &'static str {
    // ruleid: rust.transmute
    // ok: rust.unsafe-block
    unsafe { core::mem::transmute_copy(&s) }
}

pub fn cast_words(words: &[u32]) -> &[u8] {
    // ok: rust.transmute
    bytemuck::cast_slice(words)
}

pub fn zerocopy_header(raw: [u8; 4]) -> u32 {
    // ok: rust.transmute
    zerocopy::transmute!(raw)
}

pub fn payload<'a>(base: *const u8, len: usize) -> &'a [u8] {
    // ruleid: rust.from-raw-parts
    // ok: rust.unsafe-block
    unsafe { slice::from_raw_parts(base, len * 4) }
}

pub fn payload_mut<'a>(base: *mut u8, len: usize) -> &'a mut [u8] {
    // ruleid: rust.unsafe-block
    unsafe {
        // ruleid: rust.from-raw-parts
        std::slice::from_raw_parts_mut(base, len)
    }
}

pub fn rebuild_string(mut buf: Vec<u8>) -> String {
    let len = buf.len();
    // ruleid: rust.unsafe-block
    let s = unsafe {
        // ruleid: rust.from-raw-parts
        String::from_raw_parts(buf.as_mut_ptr(), len, len)
    };
    s
}

pub fn rebuild_vec(p: *mut u32, n: usize, cap: usize) -> Vec<u32> {
    // ruleid: rust.from-raw-parts
    // ok: rust.unsafe-block
    unsafe { Vec::<u32>::from_raw_parts(p, n, cap) }
}

pub fn raw_slice_ptr(base: *const u8, len: usize) -> *const [u8] {
    // ok: rust.from-raw-parts
    ptr::slice_from_raw_parts(base, len)
}

pub fn nonnull_view(base: std::ptr::NonNull<u8>, len: usize) -> std::ptr::NonNull<[u8]> {
    // ok: rust.from-raw-parts
    std::ptr::NonNull::slice_from_raw_parts(base, len)
}

pub fn view(buf: &Vec<u8>) -> &[u8] {
    // ok: rust.from-raw-parts
    slice::from_ref(&buf[0])
}

pub fn c_name(p: *const c_char) -> String {
    // ruleid: rust.unsafe-block
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

#[derive(Default)]
pub struct Settings {
    pub name: String,
    pub retries: u32,
    pub peers: Vec<String>,
}

pub fn scratch_buffer() -> [u8; 4096] {
    // ruleid: rust.mem-uninitialized
    // ok: rust.unsafe-block
    unsafe { mem::uninitialized() }
}

pub fn blank_settings() -> Settings {
    // ruleid: rust.mem-uninitialized
    // ok: rust.unsafe-block
    unsafe { MaybeUninit::uninit().assume_init() }
}

pub fn boxed_settings() -> Box<Settings> {
    // ruleid: rust.mem-uninitialized
    // ok: rust.unsafe-block
    unsafe { Box::<Settings>::new_uninit().assume_init() }
}

pub fn slot_array() -> [MaybeUninit<u64>; 8] {
    // ruleid: rust.unsafe-block
    // ok: rust.mem-uninitialized
    unsafe { MaybeUninit::<[MaybeUninit<u64>; 8]>::uninit().assume_init() }
}

pub fn read_buffer() -> usize {
    // ruleid: rust.unsafe-block
    // ok: rust.mem-uninitialized
    let slots: [MaybeUninit<u8>; 64] = unsafe { MaybeUninit::uninit().assume_init() };
    slots.len()
}

pub fn header_from_c() -> WireHeader {
    // ruleid: rust.mem-uninitialized
    // ok: rust.unsafe-block
    let h = unsafe { MaybeUninit::<WireHeader>::uninit().assume_init() };
    h
}

pub fn written_settings() -> Settings {
    // ok: rust.mem-uninitialized
    let mut slot = MaybeUninit::<Settings>::uninit();
    slot.write(Settings::default());
    // ruleid: rust.unsafe-block
    unsafe { slot.assume_init() }
}

pub fn zeroed_settings() -> Settings {
    // ruleid: rust.mem-zeroed
    // ok: rust.unsafe-block
    let s: Settings = unsafe { std::mem::zeroed() };
    s
}

pub fn zeroed_turbofish() -> Settings {
    // ruleid: rust.mem-zeroed
    // ok: rust.unsafe-block
    unsafe { mem::zeroed::<Settings>() }
}

pub fn zeroed_maybe() -> Settings {
    // ruleid: rust.mem-zeroed
    // ok: rust.unsafe-block
    let s: Settings = unsafe { MaybeUninit::zeroed().assume_init() };
    s
}

pub fn file_size(path: &CStr) -> i64 {
    // ruleid: rust.unsafe-block
    // ok: rust.mem-zeroed
    let mut st: libc::stat = unsafe { mem::zeroed() };
    // ruleid: rust.unsafe-block
    let rc = unsafe { libc::stat(path.as_ptr(), &mut st) };
    if rc != 0 {
        return -1;
    }
    st.st_size
}

pub fn empty_sockaddr() -> libc::sockaddr_in {
    // ruleid: rust.unsafe-block
    // ok: rust.mem-zeroed
    unsafe { std::mem::zeroed::<libc::sockaddr_in>() }
}

// A C options struct of a `-sys` crate's bindings, zeroed before its init function fills it.
pub fn blame_options() -> git2_sys::git_blame_options {
    // ruleid: rust.unsafe-block
    // ok: rust.mem-zeroed
    let mut opts: git2_sys::git_blame_options = unsafe { std::mem::zeroed() };
    opts.version = 1;
    opts
}

pub fn digest_buffer() -> [u8; 32] {
    // ruleid: rust.unsafe-block
    // ok: rust.mem-zeroed
    let out: [u8; 32] = unsafe { mem::zeroed() };
    out
}

#[allow(non_camel_case_types)]
#[repr(C)]
pub struct CONSOLE_INFO {
    pub width: i16,
    pub height: i16,
}

pub fn console_info() -> CONSOLE_INFO {
    // ruleid: rust.unsafe-block
    // ok: rust.mem-zeroed
    let info: CONSOLE_INFO = unsafe { std::mem::zeroed() };
    info
}

pub fn zero_slot() -> MaybeUninit<Settings> {
    // ok: rust.mem-zeroed
    MaybeUninit::zeroed()
}

// ruleid: rust.static-mut
static mut PACKETS_SEEN: u64 = 0;

// ruleid: rust.static-mut
pub static mut LAST_ERROR: Option<String> = None;

// ok: rust.static-mut
static PACKETS_TOTAL: AtomicU64 = AtomicU64::new(0);

// ok: rust.static-mut
const MAX_PACKET: usize = 65_535;

pub fn scratch() -> usize {
    // ruleid: rust.static-mut
    static mut SCRATCH: [u8; 1024] = [0; 1024];
    // ruleid: rust.unsafe-block
    unsafe { (*std::ptr::addr_of!(SCRATCH)).len() }
}

pub fn count_packet() {
    // ruleid: rust.unsafe-block
    unsafe {
        PACKETS_SEEN += 1;
    }
    // ok: rust.static-mut
    PACKETS_TOTAL.fetch_add(1, Ordering::Relaxed);
}

pub fn header_len(buf: &[u8]) -> u32 {
    assert!(buf.len() >= 4);
    // SAFETY: the assert above guarantees four readable bytes, and read_unaligned has no
    // alignment requirement.
    // ok: rust.unsafe-block
    unsafe { ptr::read_unaligned(buf.as_ptr() as *const u32) }
}

pub fn first_checked(buf: &[u8]) -> Option<u8> {
    if buf.is_empty() {
        return None;
    }
    // ok: rust.unsafe-block
    let value = /* SAFETY: non-empty, checked above */ unsafe { *buf.get_unchecked(0) };
    Some(value)
}

pub fn first_unchecked(buf: &[u8]) -> u8 {
    // Reads the first byte.
    // ruleid: rust.unsafe-block
    unsafe { *buf.as_ptr() }
}

pub fn read_frame(stream: &mut impl std::io::Read, len: usize) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(len);
    // ruleid: rust.unsafe-block
    unsafe {
        // ruleid: rust.set-len
        buf.set_len(len);
    }
    stream.read_exact(&mut buf)?;
    Ok(buf)
}

pub fn zeroed(n: usize) -> Vec<u8> {
    let mut v: Vec<u8> = Vec::with_capacity(n);
    // SAFETY: write_bytes initialises all n elements before the length covers them.
    unsafe {
        std::ptr::write_bytes(v.as_mut_ptr(), 0, n);
        // ok: rust.set-len
        v.set_len(n);
    }
    v
}

pub fn reset(buf: &mut Vec<u8>) {
    // SAFETY: zero elements are always initialised.
    unsafe {
        // ok: rust.set-len
        buf.set_len(0);
    }
    // ok: rust.set-len
    buf.truncate(0);
}

pub fn fill(buf: &mut Vec<u8>, n: usize) {
    let spare = buf.spare_capacity_mut();
    for slot in spare.iter_mut().take(n) {
        slot.write(0);
    }
    // SAFETY: the loop above initialised n elements.
    // ruleid: rust.set-len
    unsafe { buf.set_len(buf.len() + n) }
}

pub fn pairs(bytes: &[u8], i: usize) -> (u8, u8) {
    // ruleid: rust.get-unchecked-computed
    // ok: rust.unsafe-block
    unsafe { (*bytes.get_unchecked(i), *bytes.get_unchecked(i + 1)) }
}

pub fn window(bytes: &[u8], start: usize, len: usize) -> &[u8] {
    // ruleid: rust.get-unchecked-computed
    // ok: rust.unsafe-block
    unsafe { bytes.get_unchecked(start..start + len) }
}

pub fn first_two(bytes: &[u8; 4]) -> (u8, u8) {
    // SAFETY: a four-byte array has indices 0 and 1.
    // ok: rust.get-unchecked-computed
    unsafe { (*bytes.get_unchecked(0), *bytes.get_unchecked(1)) }
}

pub fn lookup(map: &HashMap<u32, Vec<u8>>, id: u32) -> &Vec<u8> {
    // ruleid: rust.unchecked-unwrap
    // ok: rust.unsafe-block
    unsafe { map.get(&id).unwrap_unchecked() }
}

pub fn opcode(b: u8) -> Opcode {
    match b {
        1 => Opcode::Ping,
        2 => Opcode::Data,
        3 => Opcode::Close,
        // ruleid: rust.unchecked-unwrap
        // ok: rust.unsafe-block
        _ => unsafe { std::hint::unreachable_unchecked() },
    }
}

pub fn lookup_checked(map: &HashMap<u32, Vec<u8>>, id: u32) -> &Vec<u8> {
    // ok: rust.unchecked-unwrap
    map.get(&id).expect("id registered at start-up")
}

pub fn opcode_checked(b: u8) -> Opcode {
    match b {
        1 => Opcode::Ping,
        2 => Opcode::Data,
        // ok: rust.unchecked-unwrap
        _ => unreachable!("opcode {b}"),
    }
}

pub fn body_text(bytes: Vec<u8>) -> String {
    // ruleid: rust.from-utf8-unchecked
    // ok: rust.unsafe-block
    unsafe { String::from_utf8_unchecked(bytes) }
}

pub fn header_name(raw: &[u8]) -> &str {
    // ruleid: rust.from-utf8-unchecked
    // ok: rust.unsafe-block
    unsafe { std::str::from_utf8_unchecked(&raw[..8]) }
}

pub fn body_text_checked(bytes: Vec<u8>) -> Result<String, std::string::FromUtf8Error> {
    // ok: rust.from-utf8-unchecked
    String::from_utf8(bytes)
}

pub fn magic() -> &'static str {
    // SAFETY: an ASCII literal is valid UTF-8.
    // ok: rust.from-utf8-unchecked
    unsafe { std::str::from_utf8_unchecked(b"SLOP") }
}

/// A borrowed JSON text: `#[repr(transparent)]` gives it exactly the layout of `str`.
#[repr(transparent)]
pub struct RawJson {
    json: str,
}

impl RawJson {
    pub fn from_borrowed(json: &str) -> &Self {
        // ruleid: rust.unsafe-block
        // ok: rust.transmute
        unsafe { mem::transmute::<&str, &RawJson>(json) }
    }
}

/// The same cast to a struct without the attribute: Rust may lay it out as it likes.
pub struct LooseJson {
    json: str,
}

impl LooseJson {
    pub fn from_borrowed(json: &str) -> &Self {
        // ruleid: rust.transmute
        // ok: rust.unsafe-block
        unsafe { mem::transmute::<&str, &LooseJson>(json) }
    }
}
