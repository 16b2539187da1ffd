//! Random bytes reinterpreted as wider integers: a transmute someone justified, and one nobody did.

pub fn words_from_bytes(buf: [u8; 16]) -> [u32; 4] {
    // SAFETY: [u8; 16] and [u32; 4] have the same size and every bit pattern is a valid u32.
    // ok: rust.transmute
    unsafe { core::mem::transmute(buf) }
}

pub fn words_from_bytes_unexplained(buf: [u8; 16]) -> [u32; 4] {
    // ruleid: rust.transmute
    // ok: rust.unsafe-block
    unsafe { core::mem::transmute(buf) }
}

pub fn flag_from_byte(byte: u8) -> bool {
    // Any byte is fine here.
    // ruleid: rust.transmute
    // ok: rust.unsafe-block
    unsafe { std::mem::transmute::<u8, bool>(byte) }
}
