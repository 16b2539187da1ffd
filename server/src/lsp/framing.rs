//! A guard in front of the protocol library's reader: only well-formed JSON-RPC messages pass.
//!
//! `tower-lsp-server` 0.23 stops reading input for good after the first message it cannot
//! decode (a body that is not JSON, not UTF-8, or a header block without `Content-Length`):
//! the server then hangs. This guard reads the framing itself, checks every body exactly as the
//! library will decode it, forwards good messages unchanged, and replaces each bad one by a
//! `slopguard/malformedMessage` notification that the server logs (window/logMessage).
//!
//! A wrong `Content-Length` must not cost the messages after it:
//! - **too long**: a body cannot hold the next message's header (a raw `Content-` outside a
//!   JSON string is never valid JSON), so a header met inside a declared body ends that body
//!   there. The part before it is forwarded if it is a whole message, and the overshoot is
//!   logged; reading goes on with the next message instead of waiting for bytes that never come.
//! - **absurd**: a body over [`MAX_CONTENT_LENGTH`] is skipped as it arrives (never held in
//!   memory), up to its declared end or the next header, and logged. The request it carried,
//!   if any, gets no answer: its id was never read.

use serde_json::json;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tower_lsp_server::jsonrpc::{Request, Response};

/// The notification a malformed message is replaced with.
pub const MALFORMED: &str = "slopguard/malformedMessage";

/// A header line longer than this is garbage, not a header.
const MAX_HEADER_LINE: usize = 8 * 1024;

/// The largest message body read. An editor sends a whole document in `didOpen`, JSON-escaped
/// (up to twice its size): 128 MiB holds documents far past any size analysed usefully.
pub const MAX_CONTENT_LENGTH: usize = 128 * 1024 * 1024;

/// Why the guard stopped.
#[derive(Debug, PartialEq, Eq)]
pub enum Ending {
    /// It forwarded the `exit` notification: nothing may follow, and the process must end —
    /// with code 0 if a `shutdown` request came first, else 1 (as the protocol says).
    Exit { after_shutdown: bool },
    /// The input ended or the output closed.
    Closed,
}

/// Copies messages from `input` to `output` until `input` ends, `output` closes, or the `exit`
/// notification has been forwarded.
pub async fn guard<R, W>(input: R, mut output: W) -> Ending
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut input = Input::new(input);
    let mut ending = Ending::Closed;
    let mut after_shutdown = false;
    'messages: loop {
        let frame = match read_frame(&mut input).await {
            Ok(Some(frame)) => frame,
            Ok(None) | Err(_) => break,
        };
        let mut bodies = Vec::new();
        match frame {
            Frame::Body(body) => bodies.push(checked(body)),
            Frame::Cut { body, declared } => {
                bodies.push(malformed(&format!(
                    "Content-Length {declared} ran into the next message after {} bytes; \
                     read the next message from there",
                    body.len()
                )));
                bodies.push(checked(body));
            }
            Frame::Bad(reason) => bodies.push(malformed(&reason)),
        }
        for body in bodies {
            let header = format!("Content-Length: {}\r\n\r\n", body.len());
            if output.write_all(header.as_bytes()).await.is_err()
                || output.write_all(&body).await.is_err()
                || output.flush().await.is_err()
            {
                break 'messages;
            }
            match method(&body) {
                Some((method, true)) if method == "shutdown" => after_shutdown = true,
                Some((method, false)) if method == "exit" => {
                    ending = Ending::Exit { after_shutdown };
                    break 'messages;
                }
                _ => {}
            }
        }
    }
    let _ = output.shutdown().await;
    ending
}

/// `body` if the library will decode it, else the notification saying why not.
fn checked(body: Vec<u8>) -> Vec<u8> {
    match check(&body) {
        Ok(()) => body,
        Err(reason) => malformed(&reason),
    }
}

/// The method of a request or notification, and whether it has an id.
fn method(body: &[u8]) -> Option<(String, bool)> {
    let request = serde_json::from_slice::<Request>(body).ok()?;
    Some((request.method().to_string(), request.id().is_some()))
}

enum Frame {
    Body(Vec<u8>),
    /// A body that ended where the next message's header began, before its declared length.
    Cut {
        body: Vec<u8>,
        declared: usize,
    },
    Bad(String),
}

/// A buffered reader that can look ahead: a body is scanned for the next header before its
/// bytes are taken.
struct Input<R> {
    reader: R,
    buffer: Vec<u8>,
    /// Bytes of `buffer` before this were taken.
    start: usize,
}

impl<R: AsyncRead + Unpin> Input<R> {
    fn new(reader: R) -> Input<R> {
        Input {
            reader,
            buffer: Vec::with_capacity(1 << 16),
            start: 0,
        }
    }

    fn available(&self) -> &[u8] {
        &self.buffer[self.start..]
    }

    fn take(&mut self, n: usize) {
        self.start += n;
    }

    /// Reads more bytes after those available; `false` at the end of input.
    async fn fill(&mut self) -> std::io::Result<bool> {
        if self.start > 0 {
            self.buffer.drain(..self.start);
            self.start = 0;
        }
        let mut chunk = [0u8; 1 << 16];
        let n = self.reader.read(&mut chunk).await?;
        self.buffer.extend_from_slice(&chunk[..n]);
        Ok(n > 0)
    }

    /// One line up to `\n` (included), or `Ok(Err(()))` when it is longer than `limit` (its
    /// first `limit` bytes are taken); `Ok(Ok(None))` at the end of input.
    async fn line(&mut self, limit: usize) -> std::io::Result<Result<Option<Vec<u8>>, ()>> {
        loop {
            if let Some(end) = self.available().iter().position(|b| *b == b'\n') {
                if end >= limit {
                    // Only the limit is dropped: the next header may follow garbage on the line.
                    self.take(limit);
                    return Ok(Err(()));
                }
                let line = self.available()[..=end].to_vec();
                self.take(end + 1);
                return Ok(Ok(Some(line)));
            }
            if self.available().len() >= limit {
                self.take(limit);
                return Ok(Err(()));
            }
            if !self.fill().await? {
                return Ok(Ok(None));
            }
        }
    }
}

/// Reads one header block and its body. `Ok(None)` at the end of input.
async fn read_frame<R: AsyncRead + Unpin>(input: &mut Input<R>) -> std::io::Result<Option<Frame>> {
    let mut content_length: Option<Result<usize, String>> = None;
    let mut saw_header = false;
    loop {
        let line = match input.line(MAX_HEADER_LINE).await? {
            Ok(Some(line)) => line,
            Ok(None) => return Ok(None),
            Err(()) => return Ok(Some(Frame::Bad("a header line is too long".into()))),
        };
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if !saw_header {
                continue; // stray blank line between messages
            }
            break;
        }
        saw_header = true;
        // Searched anywhere in the line: after garbage without a header, the next message's
        // header may share a line with the garbage's tail.
        let lower = text.to_ascii_lowercase();
        if let Some(at) = lower.find("content-length:") {
            let value = &text[at + "content-length:".len()..];
            content_length = Some(
                value
                    .trim()
                    .parse()
                    .map_err(|_| format!("invalid Content-Length `{}`", value.trim())),
            );
        }
    }
    let declared = match content_length {
        Some(Ok(length)) => length,
        Some(Err(reason)) => return Ok(Some(Frame::Bad(reason))),
        None => return Ok(Some(Frame::Bad("a message without Content-Length".into()))),
    };
    let keep = declared <= MAX_CONTENT_LENGTH;
    let Some(body) = read_body(input, declared, keep).await? else {
        return Ok(None);
    };
    Ok(Some(match body {
        Body::Whole(_) if !keep => Frame::Bad(format!(
            "Content-Length {declared} is over the limit of {MAX_CONTENT_LENGTH} bytes; \
             the message was skipped"
        )),
        Body::Cut(_) if !keep => Frame::Bad(format!(
            "Content-Length {declared} is over the limit of {MAX_CONTENT_LENGTH} bytes; \
             skipped up to the next message"
        )),
        Body::Whole(body) => Frame::Body(body),
        Body::Cut(body) => Frame::Cut { body, declared },
    }))
}

/// The start of a header (`Content-Length`, `Content-Type`), which no JSON text holds outside
/// a string.
const HEADER_START: &[u8] = b"content-";

enum Body {
    Whole(Vec<u8>),
    /// Ended early, where a header began.
    Cut(Vec<u8>),
}

/// Reads a body of `declared` bytes, or up to a header that begins inside it. `keep: false`
/// reads without keeping (the returned body is empty). `None` when the input ends first.
async fn read_body<R: AsyncRead + Unpin>(
    input: &mut Input<R>,
    declared: usize,
    keep: bool,
) -> std::io::Result<Option<Body>> {
    let mut body = Vec::new();
    let mut json = JsonStrings::default();
    let mut read = 0;
    while read < declared {
        if input.available().is_empty() && !input.fill().await? {
            return Ok(None);
        }
        let available = input.available();
        let want = (declared - read).min(available.len());
        let mut scanned = 0;
        let mut header_at = None;
        let mut look_further = false;
        while scanned < want {
            let byte = available[scanned];
            if !json.in_string() && byte.eq_ignore_ascii_case(&HEADER_START[0]) {
                let ahead = &available[scanned..];
                if ahead.len() < HEADER_START.len() {
                    // Too few bytes to tell: decide once more have arrived.
                    look_further = scanned == 0;
                    break;
                }
                if ahead[..HEADER_START.len()].eq_ignore_ascii_case(HEADER_START) {
                    header_at = Some(scanned);
                    break;
                }
            }
            json.read(byte);
            scanned += 1;
        }
        if keep {
            body.extend_from_slice(&available[..scanned]);
        }
        input.take(scanned);
        read += scanned;
        if header_at.is_some() {
            return Ok(Some(Body::Cut(body)));
        }
        if look_further && !input.fill().await? {
            // The input ends within a few bytes: they are the body's.
            let rest = input.available().len().min(declared - read);
            if keep {
                body.extend_from_slice(&input.available()[..rest]);
            }
            input.take(rest);
            read += rest;
            if read < declared {
                return Ok(None);
            }
        }
    }
    Ok(Some(Body::Whole(body)))
}

/// Whether a byte of JSON text is inside a string.
#[derive(Default)]
struct JsonStrings {
    in_string: bool,
    escaped: bool,
}

impl JsonStrings {
    fn in_string(&self) -> bool {
        self.in_string
    }

    fn read(&mut self, byte: u8) {
        if !self.in_string {
            self.in_string = byte == b'"';
        } else if self.escaped {
            self.escaped = false;
        } else if byte == b'\\' {
            self.escaped = true;
        } else if byte == b'"' {
            self.in_string = false;
        }
    }
}

/// Whether the library will decode `body`: UTF-8, JSON, and a request/notification or response.
fn check(body: &[u8]) -> Result<(), String> {
    let text = std::str::from_utf8(body).map_err(|e| format!("body is not UTF-8: {e}"))?;
    if serde_json::from_str::<Request>(text).is_ok()
        || serde_json::from_str::<Response>(text).is_ok()
    {
        return Ok(());
    }
    match serde_json::from_str::<serde_json::Value>(text) {
        Err(e) => Err(format!("body is not JSON: {e}")),
        Ok(_) => Err("body is JSON but not a JSON-RPC 2.0 message".into()),
    }
}

fn malformed(reason: &str) -> Vec<u8> {
    json!({ "jsonrpc": "2.0", "method": MALFORMED, "params": { "reason": reason } })
        .to_string()
        .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn run(input: &[u8]) -> String {
        let mut out = Vec::new();
        assert_eq!(guard(input, &mut out).await, Ending::Closed);
        String::from_utf8(out).unwrap()
    }

    #[tokio::test]
    async fn the_exit_notification_is_the_last_message_forwarded() {
        let exit = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        let after = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let mut input = Vec::new();
        for body in [exit, after] {
            input.extend(format!("Content-Length: {}\r\n\r\n{body}", body.len()).bytes());
        }
        let mut out = Vec::new();
        assert_eq!(
            guard(&input[..], &mut out).await,
            Ending::Exit {
                after_shutdown: false
            }
        );
        let out = String::from_utf8(out).unwrap();
        assert!(out.ends_with(exit) && !out.contains("initialized"), "{out}");
    }

    #[tokio::test]
    async fn good_messages_pass_and_bad_ones_become_notifications() {
        let good = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let mut input = Vec::new();
        input.extend(format!("Content-Length: {}\r\n\r\n{good}", good.len()).bytes());
        input.extend(b"Content-Length: 4\r\n\r\n{\xff\xfe}");
        input.extend(b"X-Nonsense: 1\r\n\r\n");
        input.extend(b"Content-Length: 2\r\n\r\n{}");
        input.extend(b"Content-Length: nine\r\n\r\n");
        input.extend(format!("content-length: {}\r\n\r\n{good}", good.len()).bytes());
        let out = run(&input).await;
        let bodies: Vec<&str> = out.split("\r\n\r\n").skip(1).collect();
        assert!(bodies[0].starts_with(good));
        assert!(out.contains("not UTF-8"));
        assert!(out.contains("without Content-Length"));
        assert!(out.contains("not a JSON-RPC 2.0 message"));
        assert!(out.contains("invalid Content-Length"));
        assert_eq!(out.matches(MALFORMED).count(), 4);
        assert!(out.ends_with(good));
    }

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[tokio::test]
    async fn exit_after_shutdown_is_told_from_exit_without_it() {
        let shutdown = r#"{"jsonrpc":"2.0","id":7,"method":"shutdown"}"#;
        let exit = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        let mut out = Vec::new();
        let input = framed(shutdown) + &framed(exit);
        assert_eq!(
            guard(input.as_bytes(), &mut out).await,
            Ending::Exit {
                after_shutdown: true
            }
        );
        // A notification named `shutdown` is not the request.
        let notification = r#"{"jsonrpc":"2.0","method":"shutdown"}"#;
        let input = framed(notification) + &framed(exit);
        assert_eq!(
            guard(input.as_bytes(), &mut out).await,
            Ending::Exit {
                after_shutdown: false
            }
        );
    }

    #[tokio::test]
    async fn a_content_length_too_long_does_not_swallow_the_next_message() {
        let first = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown","params":"Content-Length: 9"}"#;
        let next = r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#;
        // 1,000 declared, and nothing more than the two messages is ever sent.
        let input = format!("Content-Length: 1000\r\n\r\n{first}") + &framed(next);
        let out = run(input.as_bytes()).await;
        assert!(
            out.contains("Content-Length 1000 ran into the next message after"),
            "{out}"
        );
        // Both messages pass, whole: a header inside a JSON string does not cut the first.
        assert!(out.contains(&framed(first)), "{out}");
        assert!(out.ends_with(&framed(next)), "{out}");
    }

    #[tokio::test]
    async fn an_absurd_content_length_is_skipped_without_holding_the_body() {
        let next = r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#;
        let huge = MAX_CONTENT_LENGTH + 1;
        // Declared over the limit, followed by a little garbage and the next message.
        let input = format!("Content-Length: {huge}\r\n\r\n[1,2,3]") + &framed(next);
        let out = run(input.as_bytes()).await;
        assert!(out.contains("over the limit"), "{out}");
        assert!(out.ends_with(&framed(next)), "{out}");
        // A number too large for any length is refused as such.
        let input = "Content-Length: 99999999999999999999999\r\n\r\n{}".to_string() + &framed(next);
        let out = run(input.as_bytes()).await;
        assert!(out.contains("invalid Content-Length"), "{out}");
        assert!(out.ends_with(&framed(next)), "{out}");
    }

    #[tokio::test]
    async fn a_header_split_across_reads_still_cuts_the_body() {
        // The reader hands over a few bytes at a time: the lookahead must wait for them.
        let first = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let next = r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#;
        let input = format!("Content-Length: 500\r\n\r\n{first}") + &framed(next);
        let mut builder = tokio_test_reader(input.as_bytes(), 3);
        let mut out = Vec::new();
        assert_eq!(guard(&mut builder, &mut out).await, Ending::Closed);
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains(&framed(first)), "{out}");
        assert!(out.ends_with(&framed(next)), "{out}");
    }

    /// A reader that returns at most `step` bytes per read.
    fn tokio_test_reader(bytes: &[u8], step: usize) -> impl AsyncRead + Unpin {
        struct Trickle(Vec<u8>, usize, usize);
        impl AsyncRead for Trickle {
            fn poll_read(
                mut self: std::pin::Pin<&mut Self>,
                _: &mut std::task::Context<'_>,
                buf: &mut tokio::io::ReadBuf<'_>,
            ) -> std::task::Poll<std::io::Result<()>> {
                let (at, step) = (self.1, self.2);
                let end = (at + step).min(self.0.len()).min(at + buf.remaining());
                buf.put_slice(&self.0[at..end]);
                self.1 = end;
                std::task::Poll::Ready(Ok(()))
            }
        }
        Trickle(bytes.to_vec(), 0, step)
    }

    #[tokio::test]
    async fn a_truncated_message_ends_the_stream() {
        assert_eq!(run(b"Content-Length: 100\r\n\r\n{\"jsonrpc\"").await, "");
    }
}
