//! The editor follows calls into other files of the workspace as `slopguard check` does
//! (`flow::project`): from disk, and from open documents that are not saved. The real binary
//! over its stdio.

mod support;

use serde_json::Value;
use std::path::Path;
use support::lsp::Editor;

const VIEWS: &str = "from flask import Flask, request\nfrom .clients import fetch\n\napp = Flask(__name__)\n\n\n@app.get(\"/p\")\ndef proxy():\n    return fetch(request.args[\"u\"]).text\n\n\n@app.get(\"/s\")\ndef status():\n    return fetch(\"https://status.example.com\").text\n";

const CLIENT: &str =
    "import requests\n\n\ndef fetch(url):\n    return requests.get(url, timeout=5)\n";

fn write(root: &Path, path: &str, text: &str) -> std::path::PathBuf {
    let file = root.join(path);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, text).unwrap();
    file
}

fn ssrf_lines(diagnostics: &[Value]) -> Vec<u64> {
    diagnostics
        .iter()
        .filter(|d| d["code"] == "python.ssrf")
        .map(|d| d["range"]["start"]["line"].as_u64().unwrap())
        .collect()
}

#[test]
fn a_call_into_another_file_of_the_workspace_is_followed_from_disk_and_open_buffers() {
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("project");
    std::fs::create_dir_all(root.join(".git")).unwrap();
    write(&root, "app/__init__.py", "");
    write(&root, "app/clients.py", CLIENT);
    let views = write(&root, "app/views.py", VIEWS);
    let mut editor = Editor::offline(&root, &work.path().join("cache"));

    editor.open(&views, "python", VIEWS);
    let found = editor
        .diagnostics(&views, |d| !ssrf_lines(d).is_empty())
        .expect("the call with request data is reported");
    assert_eq!(ssrf_lines(&found), [8], "{found:?}");
    let message = found[0]["message"].as_str().unwrap();
    assert!(message.contains("app/clients.py:5"), "{message}");

    // A helper file that exists only as an unsaved buffer is read from the editor.
    let buffer_views = VIEWS.replace(".clients", ".unsaved");
    let unsaved = root.join("app/unsaved.py");
    editor.open(&unsaved, "python", CLIENT);
    let other = write(&root, "app/other.py", &buffer_views);
    editor.open(&other, "python", &buffer_views);
    let found = editor
        .diagnostics(&other, |d| !ssrf_lines(d).is_empty())
        .expect("the helper's open buffer is read");
    assert_eq!(ssrf_lines(&found), [8], "{found:?}");
}

/// A client whose `fetch` sends nothing of its argument anywhere.
const CLIENT_CONSTANT: &str = "import requests\n\n\ndef fetch(url):\n    return requests.get(\"https://example.com\", timeout=5)\n";

fn change(editor: &mut Editor, file: &Path, version: i32, text: &str) {
    editor.notify(
        "textDocument/didChange",
        serde_json::json!({"textDocument": {"uri": format!("file://{}", file.display()),
            "version": version}, "contentChanges": [{"text": text}]}),
    );
}

#[test]
fn editing_a_file_re_checks_the_open_documents_that_call_into_it() {
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("project");
    std::fs::create_dir_all(root.join(".git")).unwrap();
    write(&root, "app/__init__.py", "");
    let clients = write(&root, "app/clients.py", CLIENT_CONSTANT);
    let views = write(&root, "app/views.py", VIEWS);
    let mut editor = Editor::offline(&root, &work.path().join("cache"));

    editor.open(&views, "python", VIEWS);
    let first = editor
        .diagnostics(&views, |_| true)
        .expect("the caller is published");
    assert!(ssrf_lines(&first).is_empty(), "{first:?}");
    editor.open(&clients, "python", CLIENT_CONSTANT);

    // `fetch` starts passing its argument to the request: the caller's diagnostics appear
    // without any change to the caller.
    change(&mut editor, &clients, 2, CLIENT);
    let found = editor
        .diagnostics(&views, |d| !ssrf_lines(d).is_empty())
        .expect("the caller is re-checked when the file it calls into changes");
    assert_eq!(ssrf_lines(&found), [8], "{found:?}");

    // And back: they go away.
    change(&mut editor, &clients, 3, CLIENT_CONSTANT);
    editor
        .diagnostics(&views, |d| ssrf_lines(d).is_empty())
        .expect("the caller's finding goes when the helper no longer passes its argument on");

    // Closing the buffer: the caller reads the disk again (still the constant client), and a
    // change on disk the editor reports re-checks it too.
    editor.notify(
        "textDocument/didClose",
        serde_json::json!({"textDocument": {"uri": format!("file://{}", clients.display())}}),
    );
    std::fs::write(&clients, CLIENT).unwrap();
    editor.notify(
        "workspace/didChangeWatchedFiles",
        serde_json::json!({"changes": [{"uri": format!("file://{}", clients.display()),
            "type": 2}]}),
    );
    let found = editor
        .diagnostics(&views, |d| !ssrf_lines(d).is_empty())
        .expect("a change on disk re-checks the caller");
    assert_eq!(ssrf_lines(&found), [8], "{found:?}");
}
