//! How a data-flow finding explains its path in every output: JSON `flow` (source location and
//! steps), SARIF `codeFlows`, and in the editor the diagnostic's `relatedInformation` and the
//! hover's steps. The real binary, on one file whose path is known line by line.

mod support;

use serde_json::{Value, json};
use support::RegistryServer;
use support::cli::{check_command, check_json, findings};
use support::lsp::Editor;

/// `request.args["url"]` enters on line 6, is assigned twice, and reaches `requests.get` on line 9
/// (1-based).
const VIEW: &str = "import requests\nfrom flask import request\n\n\ndef preview():\n    target = request.args[\"url\"]\n    first = target\n    second = first\n    return requests.get(second).text\n";

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("views.py"), VIEW).unwrap();
    dir
}

#[test]
fn json_names_the_source_location_and_each_step() {
    let dir = project();
    let server = RegistryServer::start();
    let cache = tempfile::tempdir().unwrap();
    let (_, document, stderr) = check_json(dir.path(), &server, cache.path(), &["--offline"]);
    let ssrf = findings(&document, "python.ssrf");
    assert_eq!(ssrf.len(), 1, "{document}\n{stderr}");
    let flow = &ssrf[0]["flow"];
    assert_eq!(flow["source"]["range"]["start"]["line"], 6, "{flow}");
    assert_eq!(flow["source"]["range"]["start"]["column"], 14, "{flow}");
    assert_eq!(
        flow["source"]["note"], "untrusted value enters: `request.args[\"url\"]`",
        "{flow}"
    );
    let steps: Vec<(&Value, &Value)> = flow["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (&s["range"]["start"]["line"], &s["note"]))
        .collect();
    assert_eq!(
        steps,
        [
            (&json!(6), &json!("assigned to `target`")),
            (&json!(7), &json!("assigned to `first`")),
            (&json!(8), &json!("assigned to `second`")),
        ],
        "{flow}"
    );
    assert!(
        ssrf[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("`request.args[\"url\"]` (line 6) reaches `requests.get()`"),
        "{}",
        ssrf[0]
    );
}

#[test]
fn sarif_carries_a_code_flow_from_source_to_sink() {
    let dir = project();
    let server = RegistryServer::start();
    let cache = tempfile::tempdir().unwrap();
    let output = check_command(dir.path(), &server, cache.path())
        .args(["--offline", "--format", "sarif"])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let ssrf = results
        .iter()
        .find(|r| r["ruleId"] == "python.ssrf")
        .unwrap_or_else(|| panic!("{sarif}"));
    let locations = ssrf["codeFlows"][0]["threadFlows"][0]["locations"]
        .as_array()
        .unwrap();
    let points: Vec<(u64, &str)> = locations
        .iter()
        .map(|l| {
            let location = &l["location"];
            (
                location["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap(),
                location["message"]["text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        points,
        [
            (6, "untrusted value enters: `request.args[\"url\"]`"),
            (6, "assigned to `target`"),
            (7, "assigned to `first`"),
            (8, "assigned to `second`"),
            (9, "reaches the sink"),
        ],
        "{ssrf}"
    );
    let uri = &locations[0]["location"]["physicalLocation"]["artifactLocation"]["uri"];
    assert!(uri.as_str().unwrap().ends_with("views.py"), "{uri}");
}

#[test]
fn the_editor_relates_the_source_and_hovers_the_steps() {
    let dir = project();
    let file = dir.path().join("views.py");
    let mut editor = Editor::offline(dir.path(), &dir.path().join("cache"));
    editor.open(&file, "python", VIEW);
    let diagnostic = editor
        .diagnostic(&file, "python.ssrf")
        .expect("an SSRF diagnostic");
    let related: Vec<(u64, &str)> = diagnostic["relatedInformation"]
        .as_array()
        .unwrap_or_else(|| panic!("{diagnostic}"))
        .iter()
        .map(|r| {
            (
                r["location"]["range"]["start"]["line"].as_u64().unwrap(),
                r["message"].as_str().unwrap(),
            )
        })
        .collect();
    // 0-based lines in the protocol.
    assert_eq!(
        related,
        [
            (5, "untrusted value enters: `request.args[\"url\"]`"),
            (5, "assigned to `target`"),
            (6, "assigned to `first`"),
            (7, "assigned to `second`"),
        ],
        "{diagnostic}"
    );
    assert!(
        related_uri(&diagnostic).ends_with("views.py"),
        "{diagnostic}"
    );

    let hover = editor.request(
        2,
        "textDocument/hover",
        json!({
            "textDocument": {"uri": format!("file://{}", file.display())},
            "position": {"line": 8, "character": 14},
        }),
    );
    let markdown = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("{hover}"));
    for line in [
        "**Path:**",
        "- line 6: untrusted value enters: `request.args[\"url\"]`",
        "- line 6: assigned to `target`",
        "- line 7: assigned to `first`",
        "- line 8: assigned to `second`",
        "- line 9: reaches the sink",
    ] {
        assert!(markdown.contains(line), "{line} missing from:\n{markdown}");
    }
}

fn related_uri(diagnostic: &Value) -> &str {
    diagnostic["relatedInformation"][0]["location"]["uri"]
        .as_str()
        .unwrap()
}
