#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| slopguard::fuzzing::install_commands(data));
