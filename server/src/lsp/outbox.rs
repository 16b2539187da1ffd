//! The server's one way out: every message to the client goes through one writer task, whole.
//!
//! The protocol library turns each notification's parameters into a `serde_json::Value` before
//! it writes them. For `publishDiagnostics` of a large file — hundreds of diagnostics, after
//! every keystroke — building, writing and dropping that tree was a quarter of the server's CPU
//! per edit. So diagnostics are serialized straight to bytes ([`Outbox::notification`]) and
//! handed to the outbox, which carries the library's own output too: the library writes into a
//! [`LibraryOutput`], which cuts its byte stream into whole messages, so messages from the two
//! sources never interleave inside one. Both sides wait when the client stops reading (a
//! bounded channel), as a direct write to the output would.

use serde::Serialize;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::io::{AsyncWrite, AsyncWriteExt};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tokio_util::sync::PollSender;

/// Messages waiting for the writer: enough for a burst, few enough that a client which stops
/// reading stops the server's output rather than filling memory.
const QUEUED_MESSAGES: usize = 64;

/// What the writer task is asked to do, in order.
enum Item {
    /// Write one or more whole messages (header and body).
    Messages(Vec<u8>),
    /// Flush, then say so: everything queued before has been written.
    Flush(oneshot::Sender<()>),
}

/// A handle for sending whole messages to the client.
#[derive(Clone)]
pub struct Outbox {
    items: mpsc::Sender<Item>,
}

/// A JSON-RPC notification, serialized without an intermediate `Value`.
#[derive(Serialize)]
struct Notification<'a, P> {
    jsonrpc: &'static str,
    method: &'a str,
    params: P,
}

impl Outbox {
    /// Starts the writer task on `output`; it ends when every [`Outbox`] and [`LibraryOutput`]
    /// is dropped, or when the output fails.
    pub fn start<W>(output: W) -> (Outbox, JoinHandle<()>)
    where
        W: AsyncWrite + Unpin + Send + 'static,
    {
        let (items, receiver) = mpsc::channel(QUEUED_MESSAGES);
        (Outbox { items }, tokio::spawn(write_all(receiver, output)))
    }

    /// The output to give the protocol library's server.
    pub fn library_output(&self) -> LibraryOutput {
        LibraryOutput {
            items: PollSender::new(self.items.clone()),
            pending: Vec::new(),
        }
    }

    /// The body of the notification `method` with `params`.
    pub fn notification(method: &str, params: impl Serialize) -> Vec<u8> {
        let notification = Notification {
            jsonrpc: "2.0",
            method,
            params,
        };
        // Serializing protocol types to a buffer fails only for maps with non-string keys,
        // which they do not have.
        serde_json::to_vec(&notification).unwrap_or_default()
    }

    /// Queues a message body (from [`Outbox::notification`]); waits while the queue is full.
    /// A closed output drops it: the client is gone.
    pub async fn send(&self, body: &[u8]) {
        let mut message = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        message.extend_from_slice(body);
        let _ = self.items.send(Item::Messages(message)).await;
    }

    /// Returns once everything queued so far has been written and flushed (or the output is
    /// gone).
    pub async fn flush(&self) {
        let (done, written) = oneshot::channel();
        if self.items.send(Item::Flush(done)).await.is_ok() {
            let _ = written.await;
        }
    }
}

async fn write_all<W: AsyncWrite + Unpin>(mut items: mpsc::Receiver<Item>, mut output: W) {
    while let Some(item) = items.recv().await {
        match item {
            Item::Messages(bytes) => {
                if output.write_all(&bytes).await.is_err() {
                    return;
                }
                // Flush once the queue is empty: a burst goes out in as few writes as it came.
                if items.is_empty() && output.flush().await.is_err() {
                    return;
                }
            }
            Item::Flush(done) => {
                let _ = output.flush().await;
                let _ = done.send(());
            }
        }
    }
    let _ = output.shutdown().await;
}

/// The protocol library's output: bytes in, whole messages out to the outbox.
pub struct LibraryOutput {
    items: PollSender<Item>,
    /// Bytes written that do not yet make a whole message.
    pending: Vec<u8>,
}

/// The length of the whole messages at the start of `bytes`. A header block without a readable
/// `Content-Length` (the library never writes one) counts as a message without a body, so it
/// is passed on rather than held forever.
fn whole_messages(bytes: &[u8]) -> usize {
    let mut whole = 0;
    loop {
        let rest = &bytes[whole..];
        let Some(header_end) = rest.windows(4).position(|w| w == b"\r\n\r\n") else {
            return whole;
        };
        let length = std::str::from_utf8(&rest[..header_end])
            .ok()
            .and_then(|headers| {
                headers.split("\r\n").find_map(|line| {
                    let (name, value) = line.split_once(':')?;
                    let named = name.trim().eq_ignore_ascii_case("content-length");
                    named.then(|| value.trim().parse::<usize>().ok())?
                })
            })
            .unwrap_or(0);
        let end = header_end + 4 + length;
        if rest.len() < end {
            return whole;
        }
        whole += end;
    }
}

impl AsyncWrite for LibraryOutput {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        // The bytes are taken only when there is room to pass them on.
        match this.items.poll_reserve(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(Err(_)) => return Poll::Ready(Err(io::ErrorKind::BrokenPipe.into())),
            Poll::Ready(Ok(())) => {}
        }
        this.pending.extend_from_slice(buf);
        let whole = whole_messages(&this.pending);
        if whole == 0 {
            this.items.abort_send();
        } else {
            let messages = this.pending.drain(..whole).collect();
            if this.items.send_item(Item::Messages(messages)).is_err() {
                return Poll::Ready(Err(io::ErrorKind::BrokenPipe.into()));
            }
        }
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        // Whole messages are already queued; the writer flushes when its queue runs empty.
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.items.close();
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncReadExt;

    #[test]
    fn whole_messages_stop_before_a_partial_one() {
        let one = b"Content-Length: 2\r\n\r\n{}";
        let mut bytes = one.to_vec();
        bytes.extend_from_slice(b"Content-Length: 5\r\n\r\n{\"a\"");
        assert_eq!(whole_messages(&bytes), one.len());
        assert_eq!(whole_messages(&bytes[..one.len() - 1]), 0);
        assert_eq!(whole_messages(b"Content-Length: 2\r\n"), 0);
    }

    #[tokio::test]
    async fn the_library_and_direct_messages_never_interleave() {
        let (server_out, mut client_in) = tokio::io::duplex(1 << 16);
        let (outbox, writer) = Outbox::start(server_out);
        let mut library = outbox.library_output();
        // The library's message arrives in two writes; a direct one is sent between them.
        let message = b"Content-Length: 14\r\n\r\n{\"id\":1,\"x\":2}";
        library.write_all(&message[..20]).await.unwrap();
        outbox.send(b"{\"direct\":true}").await;
        library.write_all(&message[20..]).await.unwrap();
        outbox.flush().await;
        drop((outbox, library));
        writer.await.unwrap();
        let mut received = String::new();
        client_in.read_to_string(&mut received).await.unwrap();
        assert_eq!(
            received,
            "Content-Length: 15\r\n\r\n{\"direct\":true}Content-Length: 14\r\n\r\n{\"id\":1,\"x\":2}"
        );
    }
}
