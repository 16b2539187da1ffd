//! The LSP message guard (`lsp::framing`): garbage, then one good message.

use crate::lsp::framing::{Ending, MALFORMED, guard};
use tower_lsp_server::jsonrpc::{Request, Response};

/// The message appended after the garbage.
const PROBE: &str = r#"{"jsonrpc":"2.0","method":"slopguard/fuzzProbe","params":{}}"#;

/// Garbage longer than this could hold a header line past the guard's line limit, which may
/// legitimately swallow what follows.
const MAX_GARBAGE: usize = 4096;

/// Whatever the input, the guard ends, writes only well-framed JSON-RPC messages (good ones
/// byte for byte as they came, bad ones replaced by a `slopguard/malformedMessage`
/// notification), and stops after an `exit` only. When the garbage names no `Content-Length`
/// (so cannot declare a body that swallows the probe), the probe is the last message out.
pub fn lsp_framing(data: &[u8]) {
    let garbage = &data[..data.len().min(MAX_GARBAGE)];
    let mut input = garbage.to_vec();
    input.extend_from_slice(format!("Content-Length: {}\r\n\r\n{PROBE}", PROBE.len()).as_bytes());

    let mut output = Vec::new();
    let ending = RUNTIME.with(|runtime| runtime.block_on(guard(&input[..], &mut output)));

    let bodies = frames(&output);
    for body in &bodies {
        let request = serde_json::from_slice::<Request>(body);
        assert!(
            request.is_ok() || serde_json::from_slice::<Response>(body).is_ok(),
            "forwarded a body the protocol library cannot decode: {:?}",
            String::from_utf8_lossy(body)
        );
        let replaced = request.is_ok_and(|r| r.method() == MALFORMED);
        assert!(
            replaced || contains(&input, body),
            "forwarded a body that is not in the input: {:?}",
            String::from_utf8_lossy(body)
        );
    }
    let last_is_exit = bodies.last().is_some_and(|body| {
        serde_json::from_slice::<Request>(body)
            .is_ok_and(|r| r.method() == "exit" && r.id().is_none())
    });
    assert_eq!(
        matches!(ending, Ending::Exit { .. }),
        last_is_exit,
        "ending {ending:?}"
    );

    let lower = garbage.to_ascii_lowercase();
    if !contains(&lower, b"content-length") {
        assert_eq!(ending, Ending::Closed);
        assert_eq!(
            bodies.last().map(|b| b.as_slice()),
            Some(PROBE.as_bytes()),
            "the good message after the garbage was lost"
        );
    }
}

thread_local! {
    static RUNTIME: tokio::runtime::Runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a current-thread runtime");
}

/// The bodies of `Content-Length: N\r\n\r\n<N bytes>` frames; panics on anything else.
fn frames(mut output: &[u8]) -> Vec<Vec<u8>> {
    let mut bodies = Vec::new();
    while !output.is_empty() {
        let rest = output
            .strip_prefix(b"Content-Length: ")
            .expect("each frame starts with Content-Length");
        let end = rest
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a header block ends with a blank line");
        let length: usize = std::str::from_utf8(&rest[..end])
            .ok()
            .and_then(|n| n.parse().ok())
            .expect("a decimal Content-Length");
        let body = rest
            .get(end + 4..end + 4 + length)
            .expect("the body is as long as its Content-Length");
        bodies.push(body.to_vec());
        output = &rest[end + 4 + length..];
    }
    bodies
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || haystack.windows(needle.len()).any(|w| w == needle)
}
