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
    editor
        .send_raw(format!("Content-Length: 10000\r\n\r\n{first}{}", framed(&state(3))).as_bytes());
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
        format!(
            "Content-Length: 999999999999\r\n\r\n{{\"jsonrpc\":\"2.0\"}}{}",
            framed(&state(4))
        )
        .as_bytes(),
    );
    let found = editor.expect_all(&[
        ("answer to #4", &|m| m["id"] == 4),
        ("refused length log", &|m| {
            Editor::is_log(m, "is over the limit of")
        }),
    ]);
    assert_eq!(found[0]["result"]["version"], 1, "{}", found[0]);
}

#[test]
fn carriage_returns_alone_end_lines_in_the_editor() {
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("cr.py");
    let mut editor = Editor::offline(work.path(), &work.path().join("cache"));
    editor.open(
        &file,
        "python",
        "import os\r\r# c\r\nx = eval(payload)\ry = 1\r",
    );
    let diagnostic = editor
        .diagnostic(&file, "python.eval-exec")
        .expect("an eval diagnostic");
    assert_eq!(
        diagnostic["range"]["start"],
        json!({"line": 3, "character": 4})
    );
    // An edit addressed in the protocol's lines (where `\r` ends one) lands where the editor
    // means: a line inserted before the eval moves it down one.
    editor.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": format!("file://{}", file.display()), "version": 2},
            "contentChanges": [{"range": {"start": {"line": 1, "character": 0},
                "end": {"line": 1, "character": 0}}, "text": "z = 2\r"}]}),
    );
    let moved = editor
        .diagnostics(&file, |d| {
            d.iter()
                .any(|d| d["code"] == "python.eval-exec" && d["range"]["start"]["line"] == 4)
        })
        .expect("the eval diagnostic on line 5 after the edit");
    let state = editor.request(
        9,
        "slopguard/documentState",
        json!({"uri": format!("file://{}", file.display())}),
    );
    assert_eq!(
        state["result"]["text"], "import os\rz = 2\r\r# c\r\nx = eval(payload)\ry = 1\r",
        "{moved:?}"
    );
}

#[test]
fn incomplete_analysis_is_logged_and_shown_on_line_1() {
    let work = tempfile::tempdir().unwrap();
    let mut editor = Editor::offline(work.path(), &work.path().join("cache"));
    // Nesting too deep to parse: the rest of the document is still analysed, and the editor
    // is told which part was not, in its log and in a diagnostic on line 1.
    let deep = work.path().join("deep.js");
    let text = format!("x = eval(input);\n{}y = eval(z);\n", "[\n".repeat(300));
    editor.open(&deep, "javascript", &text);
    let uri = format!("file://{}", deep.display());
    let found = editor.expect_all(&[
        ("log of the incomplete analysis", &|m| {
            Editor::is_log(
                m,
                "analysis incomplete: nesting too deep to parse in lines 130-301",
            ) && Editor::is_log(m, &uri)
        }),
        ("diagnostics with the note", &|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri.as_str()
                && m["params"]["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|d| d["code"] == "slopguard.analysis-incomplete")
        }),
    ]);
    let diagnostics = found[1]["params"]["diagnostics"].as_array().unwrap();
    let note = diagnostics
        .iter()
        .find(|d| d["code"] == "slopguard.analysis-incomplete")
        .unwrap();
    assert_eq!(note["range"]["start"], json!({"line": 0, "character": 0}));
    assert_eq!(note["severity"], 2, "a warning: {note}");
    assert!(
        note["message"]
            .as_str()
            .unwrap()
            .contains("nesting too deep to parse in lines 130-301"),
        "{note}"
    );
    let evals: Vec<&serde_json::Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "js.eval-dynamic")
        .map(|d| &d["range"]["start"]["line"])
        .collect();
    assert_eq!(evals, [&json!(0), &json!(301)], "{diagnostics:?}");

    // Closing the brackets makes the analysis whole: the note goes.
    editor.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"text": "x = eval(input);\n"}]}),
    );
    editor
        .diagnostics(&deep, |d| d.len() == 1 && d[0]["code"] == "js.eval-dynamic")
        .expect("the note gone once the document is whole");

    // A NUL byte: analysed, and said.
    let nul = work.path().join("nul.js");
    editor.open(
        &nul,
        "javascript",
        "// build \0 marker\nconst y = eval(x);\n",
    );
    let diagnostics = editor
        .diagnostics(&nul, |d| {
            d.iter().any(|d| d["code"] == "slopguard.nul-bytes")
        })
        .expect("the NUL note");
    assert!(
        diagnostics
            .iter()
            .any(|d| d["code"] == "js.eval-dynamic" && d["range"]["start"]["line"] == 1),
        "{diagnostics:?}"
    );
}

#[test]
fn a_document_over_the_size_limit_is_not_analysed_and_says_so() {
    let work = tempfile::tempdir().unwrap();
    std::fs::write(work.path().join("slopguard.toml"), "max-file-size = 2000\n").unwrap();
    let mut editor = Editor::offline(work.path(), &work.path().join("cache"));
    let big = work.path().join("big.py");
    let text = format!("x = eval(payload)\n{}", "y = 1\n".repeat(400));
    editor.open(&big, "python", &text);
    let uri = format!("file://{}", big.display());
    let reason = format!("{} bytes is over the size limit of 2000", text.len());
    let found = editor.expect_all(&[
        ("log of the skipped document", &|m| {
            Editor::is_log(m, &reason) && Editor::is_log(m, &uri)
        }),
        ("diagnostics with the note", &|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str()
        }),
    ]);
    let diagnostics = found[1]["params"]["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "only the note: {diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "slopguard.analysis-incomplete");
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({"line": 0, "character": 0})
    );
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains(&reason),
        "{diagnostics:?}"
    );

    // Cut below the limit by an edit: analysed again, and the note goes.
    editor.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": {"start": {"line": 1, "character": 0},
                "end": {"line": 401, "character": 0}}, "text": ""}]}),
    );
    editor
        .diagnostics(&big, |d| d.len() == 1 && d[0]["code"] == "python.eval-exec")
        .expect("the eval found, the note gone, once the document is under the limit");

    // Grown past it again by an edit: the findings go and the note is back.
    editor.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3},
            "contentChanges": [{"range": {"start": {"line": 1, "character": 0},
                "end": {"line": 1, "character": 0}}, "text": "z = eval(w)\n".repeat(200)}]}),
    );
    editor
        .diagnostics(&big, |d| {
            d.len() == 1 && d[0]["code"] == "slopguard.analysis-incomplete"
        })
        .expect("the note alone once the document is over the limit again");
}

#[test]
fn without_a_config_the_editor_applies_the_default_size_limit() {
    let work = tempfile::tempdir().unwrap();
    let mut editor = Editor::offline(work.path(), &work.path().join("cache"));
    let big = work.path().join("generated.js");
    // Just over 1 MiB, the `max-file-size` default of `check`.
    let text = format!("eval(x);\n{}", "a = 1;\n".repeat(150_000));
    assert!(text.len() > 1024 * 1024);
    editor.open(&big, "javascript", &text);
    let diagnostics = editor
        .diagnostics(&big, |d| !d.is_empty())
        .expect("diagnostics for the large document");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("is over the size limit of 1048576"),
        "{diagnostics:?}"
    );
}

#[test]
fn only_recently_changed_documents_keep_a_syntax_tree_and_the_others_stay_right() {
    let work = tempfile::tempdir().unwrap();
    let mut editor = Editor::offline(work.path(), &work.path().join("cache"));
    // Two more documents than keep a tree (`lsp::memory::TREES_KEPT`, 8).
    let files: Vec<_> = (0..10)
        .map(|n| work.path().join(format!("doc_{n}.py")))
        .collect();
    for file in &files {
        editor.open(file, "python", "import os\n\nx = eval(payload)\n");
        editor
            .diagnostic(file, "python.eval-exec")
            .expect("each document analysed");
    }
    let state = |editor: &mut Editor, id: u64, file: &std::path::Path| {
        editor.request(
            id,
            "slopguard/documentState",
            json!({"uri": format!("file://{}", file.display())}),
        )["result"]
            .clone()
    };
    assert_eq!(state(&mut editor, 20, &files[0])["syntaxTree"], false);
    assert_eq!(state(&mut editor, 21, &files[1])["syntaxTree"], false);
    assert_eq!(state(&mut editor, 22, &files[9])["syntaxTree"], true);

    // The first document, edited without a tree, is parsed whole again: its diagnostics follow.
    editor.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": format!("file://{}", files[0].display()), "version": 2},
            "contentChanges": [{"range": {"start": {"line": 1, "character": 0},
                "end": {"line": 1, "character": 0}}, "text": "os.system(input())\n"}]}),
    );
    let diagnostics = editor
        .diagnostics(&files[0], |d| d.len() == 2)
        .expect("both findings after the edit");
    let lines: Vec<_> = diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["range"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(lines.contains(&("python.eval-exec", 3)), "{lines:?}");
    assert_eq!(state(&mut editor, 23, &files[0])["syntaxTree"], true);
    // ... and the least recently changed document gave its tree up instead.
    assert_eq!(state(&mut editor, 24, &files[2])["syntaxTree"], false);
}
