#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| slopguard::fuzzing::git_diff_path(data));
