//! `slopguard lsp`: the language server. It owns open documents (text, version, syntax tree,
//! kept current by incremental edits), turns the analysis core's findings into diagnostics,
//! code actions and hovers, and never analyses anything itself.
//!
//! - [`state`]: the document store and the per-document worker (ordering and staleness rules);
//! - [`server`]: the protocol handlers;
//! - [`document`], [`position`]: incremental text sync with UTF-16 positions and `Tree::edit`;
//! - [`analysis`]: one analysis run, the suppression seam and the background-pass hook;
//! - [`diagnostics`], [`actions`], [`hover`]: findings to protocol types;
//! - [`config`], [`baseline`]: settings, `slopguard.toml`, and `onlyChangedLines` via git;
//! - [`framing`]: the guard that keeps malformed input from stopping the protocol library;
//! - [`outbox`]: the one writer of the server's output, and diagnostics serialized directly;
//! - [`memory`]: which documents keep a syntax tree, and freed memory returned to the system;
//! - [`registry_pass`]: the registry checks as a background pass.

pub mod actions;
pub mod advisory_pass;
pub mod analysis;
pub mod background;
pub mod baseline;
pub mod config;
pub mod diagnostics;
pub mod document;
pub mod framing;
pub mod hover;
pub mod memory;
pub mod outbox;
pub mod position;
pub mod registry_pass;
pub mod server;
pub mod state;

pub use analysis::{BackgroundPass, PassInput};
pub use server::{Backend, RuleOptions};

use std::sync::Arc;
use tower_lsp_server::{LspService, Server};

/// Builds the service: the backend plus slopguard's own requests.
pub fn service(
    rule_options: RuleOptions,
    passes: Vec<Arc<dyn BackgroundPass>>,
    outbox: outbox::Outbox,
) -> (LspService<Backend>, tower_lsp_server::ClientSocket) {
    LspService::build(move |client| {
        Backend::new(client, outbox, rule_options, analysis::analyze, passes)
    })
    .custom_method("slopguard/documentState", Backend::document_state)
    .custom_method(framing::MALFORMED, Backend::malformed_message)
    .finish()
}

/// How long the protocol library may take to wind down after `exit`.
const EXIT_GRACE: std::time::Duration = std::time::Duration::from_millis(200);

/// How the server stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// `exit` after `shutdown`, or the input closed: exit code 0.
    Cleanly,
    /// `exit` without a `shutdown` request first: exit code 1, as the protocol says.
    ExitWithoutShutdown,
}

/// Serves LSP over stdin/stdout until `exit`. Returns an error only when the runtime cannot
/// start.
pub fn run_stdio(rule_options: RuleOptions) -> std::io::Result<Stopped> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let stopped = runtime.block_on(async {
        let passes: Vec<Arc<dyn BackgroundPass>> = vec![
            Arc::new(registry_pass::RegistryPass),
            Arc::new(advisory_pass::AdvisoryPass),
        ];
        let (outbox, _writer) = outbox::Outbox::start(tokio::io::stdout());
        let (service, socket) = service(rule_options, passes, outbox.clone());
        let (guarded, reader) = tokio::io::duplex(1 << 16);
        let guard = tokio::spawn(framing::guard(tokio::io::stdin(), guarded));
        let serve = Server::new(reader, outbox.library_output(), socket).serve(service);
        tokio::pin!(serve);
        let mut guard = guard;
        // Both can be ready at once: the library returns soon after the guard forwards `exit`.
        // Whichever is seen first, the guard's ending decides the exit code.
        let ending = tokio::select! {
            () = &mut serve => tokio::time::timeout(EXIT_GRACE, &mut guard).await,
            ending = &mut guard => {
                // The library returns only when every handler has finished; `exit` must end the
                // process even if one has not (a notification it is still sending, say).
                let _ = tokio::time::timeout(EXIT_GRACE, serve).await;
                Ok(ending)
            }
        };
        let stopped = match ending {
            Ok(Ok(framing::Ending::Exit {
                after_shutdown: false,
            })) => Stopped::ExitWithoutShutdown,
            _ => Stopped::Cleanly,
        };
        // What the server said before it stopped reaches the client.
        let _ = tokio::time::timeout(EXIT_GRACE, outbox.flush()).await;
        stopped
    });
    // Blocking analyses still running must not delay `exit`.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    Ok(stopped)
}

#[cfg(test)]
mod tests;
