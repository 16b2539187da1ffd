//! A guard in front of the protocol library's reader: only well-formed JSON-RPC messages pass.
//!
//! `tower-lsp-server` 0.23 stops reading input for good after the first message it cannot
//! decode (a body that is not JSON, not UTF-8, or a header block without `Content-Length`):
//! the server then hangs. This guard reads the framing itself, checks every body exactly as the
//! library will decode it, forwards good messages unchanged, and replaces each bad one by a
//! `slopguard/malformedMessage` notification that the server logs (window/logMessage).

use serde_json::json;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tower_lsp_server::jsonrpc::{Request, Response};

/// The notification a malformed message is replaced with.
pub const MALFORMED: &str = "slopguard/malformedMessage";

/// A header line longer than this is garbage, not a header.
const MAX_HEADER_LINE: usize = 8 * 1024;

/// Why the guard stopped.
#[derive(Debug, PartialEq, Eq)]
pub enum Ending {
    /// It forwarded the `exit` notification: nothing may follow, and the process must end.
    Exit,
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
    let mut input = BufReader::new(input);
    let mut ending = Ending::Closed;
    loop {
        let frame = match read_frame(&mut input).await {
            Ok(Some(frame)) => frame,
            Ok(None) | Err(_) => break,
        };
        let body = match frame {
            Frame::Body(body) => match check(&body) {
                Ok(()) => body,
                Err(reason) => malformed(&reason),
            },
            Frame::Bad(reason) => malformed(&reason),
        };
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        if output.write_all(header.as_bytes()).await.is_err()
            || output.write_all(&body).await.is_err()
            || output.flush().await.is_err()
        {
            break;
        }
        if is_exit(&body) {
            ending = Ending::Exit;
            break;
        }
    }
    let _ = output.shutdown().await;
    ending
}

fn is_exit(body: &[u8]) -> bool {
    serde_json::from_slice::<Request>(body).is_ok_and(|r| r.method() == "exit" && r.id().is_none())
}

enum Frame {
    Body(Vec<u8>),
    Bad(String),
}

/// Reads one header block and its body. `Ok(None)` at the end of input.
async fn read_frame<R: AsyncRead + Unpin>(
    input: &mut BufReader<R>,
) -> std::io::Result<Option<Frame>> {
    let mut content_length: Option<Result<usize, String>> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        let n = (&mut *input)
            .take(MAX_HEADER_LINE as u64)
            .read_until(b'\n', &mut line)
            .await?;
        if n == 0 {
            return Ok(None);
        }
        if !line.ends_with(b"\n") {
            return Ok(Some(Frame::Bad("a header line is too long".into())));
        }
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
    let length = match content_length {
        Some(Ok(length)) => length,
        Some(Err(reason)) => return Ok(Some(Frame::Bad(reason))),
        None => return Ok(Some(Frame::Bad("a message without Content-Length".into()))),
    };
    let mut body = Vec::new();
    (&mut *input)
        .take(length as u64)
        .read_to_end(&mut body)
        .await?;
    if body.len() < length {
        return Ok(None);
    }
    Ok(Some(Frame::Body(body)))
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
        assert_eq!(guard(&input[..], &mut out).await, Ending::Exit);
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

    #[tokio::test]
    async fn a_truncated_message_ends_the_stream() {
        assert_eq!(run(b"Content-Length: 100\r\n\r\n{\"jsonrpc\"").await, "");
    }
}
