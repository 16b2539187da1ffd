//! `slopguard lsp` under input an editor should not send and documents built to hide code: the
//! process's exit code, wrong `Content-Length` headers, CR-only line endings, and analysis that
//! cannot cover a whole document. The real binary over its stdio.

mod support;

use serde_json::json;
use support::lsp::Editor;

fn framed(body: &str) -> String {
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

#[test]
fn exit_without_shutdown_exits_1_and_after_shutdown_0() {
    let work = tempfile::tempdir().unwrap();
    let mut editor = Editor::offline(work.path(), &work.path().join("cache"));
    editor.notify("exit", json!(null));
    assert_eq!(editor.exit_status().code(), Some(1));

    let mut editor = Editor::offline(work.path(), &work.path().join("cache"));
    let response = editor.request(2, "shutdown", json!(null));
    assert_eq!(response["result"], json!(null), "{response}");
    editor.notify("exit", json!(null));
    assert_eq!(editor.exit_status().code(), Some(0));
}

#[test]
fn a_wrong_content_length_costs_no_later_request() {
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("app.py");
    let mut editor = Editor::offline(work.path(), &work.path().join("cache"));
    let uri = format!("file://{}", file.display());
    editor.open(&file, "python", "x = 1\n");
    let state = |id: u64| {
        json!({"jsonrpc": "2.0", "id": id, "method": "slopguard/documentState",
            "params": {"uri": uri}})
        .to_string()
    };

    // Declared 10,000 bytes, sent 120 or so, then the next request: both are answered, and
    // the overshoot is logged.
    let first = state(2);
    editor.send_raw(format!("Content-Length: 10000\r\n\r\n{first}{}", framed(&state(3))).as_bytes());
    let found = editor.expect_all(&[
        ("answer to #2", &|m| m["id"] == 2),
        ("answer to #3", &|m| m["id"] == 3),
        ("overshoot log", &|m| {
            Editor::is_log(m, "Content-Length 10000 ran into the next message")
        }),
    ]);
    for response in &found[..2] {
        assert_eq!(response["result"]["text"], "x = 1\n", "{response}");
    }

    // An absurd length is refused without waiting for its bytes; the next request is answered.
    editor.send_raw(
        format!("Content-Length: 999999999999\r\n\r\n{{\"jsonrpc\":\"2.0\"}}{}", framed(&state(4)))
            .as_bytes(),
    );
    let found = editor.expect_all(&[
        ("answer to #4", &|m| m["id"] == 4),
        ("refused length log", &|m| Editor::is_log(m, "is over the limit of")),
    ]);
    assert_eq!(found[0]["result"]["version"], 1, "{}", found[0]);
}
