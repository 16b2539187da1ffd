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
    let ssrf = ssrf_in_json(dir.path());
    let flow = &ssrf["flow"];
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
        ssrf["message"]
            .as_str()
            .unwrap()
            .starts_with("`request.args[\"url\"]` (line 6) reaches `requests.get()`"),
        "{}",
        ssrf
    );
}

#[test]
fn sarif_carries_a_code_flow_from_source_to_sink() {
    let dir = project();
    let ssrf = &ssrf_in_sarif(dir.path());
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

    let markdown = hover(&mut editor, &file, 8, 14);
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

/// The one SSRF finding `check --format json` reports in `dir`.
fn ssrf_in_json(dir: &std::path::Path) -> Value {
    let server = RegistryServer::start();
    let cache = tempfile::tempdir().unwrap();
    let (_, document, stderr) = check_json(dir, &server, cache.path(), &["--offline"]);
    let ssrf = findings(&document, "python.ssrf");
    assert_eq!(ssrf.len(), 1, "{document}\n{stderr}");
    ssrf[0].clone()
}

/// The SSRF result of `check --format sarif` in `dir`.
fn ssrf_in_sarif(dir: &std::path::Path) -> Value {
    let server = RegistryServer::start();
    let cache = tempfile::tempdir().unwrap();
    let output = check_command(dir, &server, cache.path())
        .args(["--offline", "--format", "sarif"])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    results
        .iter()
        .find(|r| r["ruleId"] == "python.ssrf")
        .unwrap_or_else(|| panic!("{sarif}"))
        .clone()
}

/// The hover's markdown at a 0-based position of `file`.
fn hover(editor: &mut Editor, file: &std::path::Path, line: u32, character: u32) -> String {
    let hover = editor.request(
        2,
        "textDocument/hover",
        json!({
            "textDocument": {"uri": format!("file://{}", file.display())},
            "position": {"line": line, "character": character},
        }),
    );
    hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("{hover}"))
        .to_string()
}

fn related_uri(diagnostic: &Value) -> &str {
    diagnostic["relatedInformation"][0]["location"]["uri"]
        .as_str()
        .unwrap()
}

/// A view passes `request.args["u"]` (line 6) to `fetch()` of another file, which requests it
/// on line 5 of that file: the sink is in `app/clients.py`.
const PASSING_VIEW: &str = "from flask import request\nfrom .clients import fetch\n\n\ndef proxy():\n    return fetch(request.args[\"u\"]).text\n";
const CLIENT: &str =
    "import requests\n\n\ndef fetch(url):\n    return requests.get(url, timeout=5)\n";

fn two_files() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("app")).unwrap();
    for (name, text) in [
        ("__init__.py", ""),
        ("views.py", PASSING_VIEW),
        ("clients.py", CLIENT),
    ] {
        std::fs::write(dir.path().join("app").join(name), text).unwrap();
    }
    dir
}

#[test]
fn check_reports_a_sink_in_another_file_there_with_the_callers_path() {
    let dir = two_files();
    let ssrf = ssrf_in_json(dir.path());
    assert!(
        ssrf["path"].as_str().unwrap().ends_with("app/clients.py"),
        "{ssrf}"
    );
    assert_eq!(ssrf["range"]["start"]["line"], 5, "{ssrf}");
    assert!(
        ssrf["message"]
            .as_str()
            .unwrap()
            .starts_with("`request.args[\"u\"]` (line 6 of ")
            && ssrf["message"]
                .as_str()
                .unwrap()
                .contains("app/views.py) reaches `requests.get()`"),
        "{ssrf}"
    );
    // The source and the steps are in the caller's file, each point says so.
    let points: Vec<(bool, &Value, &Value)> = std::iter::once(&ssrf["flow"]["source"])
        .chain(ssrf["flow"]["steps"].as_array().unwrap())
        .map(|p| {
            let path = p["path"].as_str().unwrap_or_else(|| panic!("{ssrf}"));
            (
                path.ends_with("app/views.py"),
                &p["range"]["start"]["line"],
                &p["note"],
            )
        })
        .collect();
    let untrusted = json!("untrusted value enters: `request.args[\"u\"]`");
    let passed = json!("passed to `fetch()` of app/clients.py");
    assert_eq!(
        points,
        [(true, &json!(6), &untrusted), (true, &json!(6), &passed)],
        "{ssrf}"
    );

    let result = &ssrf_in_sarif(dir.path());
    let place = |location: &Value| {
        let physical = &location["physicalLocation"];
        let uri = physical["artifactLocation"]["uri"].as_str().unwrap();
        let file = uri.rsplit('/').next().unwrap().to_string();
        (file, physical["region"]["startLine"].as_u64().unwrap())
    };
    assert_eq!(
        place(&result["locations"][0]),
        ("clients.py".to_string(), 5),
        "{result}"
    );
    let thread: Vec<(String, u64)> = result["codeFlows"][0]["threadFlows"][0]["locations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| place(&l["location"]))
        .collect();
    let expected = [("views.py", 6), ("views.py", 6), ("clients.py", 5)];
    let expected: Vec<(String, u64)> = expected.iter().map(|(f, l)| (f.to_string(), *l)).collect();
    assert_eq!(thread, expected, "{result}");
    // The source, in the caller's file, is where a reader wants to go next.
    let related = &result["relatedLocations"][0];
    assert_eq!(place(related), ("views.py".to_string(), 6), "{result}");
    // Both files are named the same way: below the directory `check` was given.
    let uris: Vec<&str> = [&result["locations"][0], related]
        .iter()
        .map(|l| {
            l["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(
        uris[0].trim_end_matches("clients.py"),
        uris[1].trim_end_matches("views.py"),
        "{result}"
    );
}

#[test]
fn the_editor_relates_a_sink_in_another_file() {
    let dir = two_files();
    let views = dir.path().join("app/views.py");
    let mut editor = Editor::offline(dir.path(), &dir.path().join("cache"));
    editor.open(&views, "python", PASSING_VIEW);
    let diagnostic = editor
        .diagnostic(&views, "python.ssrf")
        .expect("an SSRF diagnostic");
    let related = diagnostic["relatedInformation"]
        .as_array()
        .unwrap_or_else(|| panic!("{diagnostic}"));
    let last = related.last().unwrap();
    let uri = last["location"]["uri"].as_str().unwrap();
    assert!(
        uri.starts_with("file://") && uri.ends_with("/app/clients.py"),
        "{diagnostic}"
    );
    // 0-based: line 5 of the file is line 4.
    assert_eq!(
        last["location"]["range"]["start"]["line"], 4,
        "{diagnostic}"
    );
    assert_eq!(
        last["message"], "app/clients.py:5: reaches `requests.get()`",
        "{diagnostic}"
    );

    let markdown = hover(&mut editor, &views, 5, 14);
    for line in [
        "- line 6: passed to `fetch()` of app/clients.py",
        "- app/clients.py:5: reaches `requests.get()`",
    ] {
        assert!(markdown.contains(line), "{line} missing from:\n{markdown}");
    }
    assert!(!markdown.contains("reaches the sink"), "{markdown}");
}

/// The SSRF findings of `check --format json <extra>` in `dir`.
fn ssrf_findings(dir: &std::path::Path, extra: &[&str]) -> Vec<Value> {
    let server = RegistryServer::start();
    let cache = tempfile::tempdir().unwrap();
    let mut args = vec!["--offline"];
    args.extend_from_slice(extra);
    let (_, document, _) = check_json(dir, &server, cache.path(), &args);
    findings(&document, "python.ssrf")
        .into_iter()
        .cloned()
        .collect()
}

#[test]
fn a_finding_moved_to_its_sink_is_one_and_in_scope_when_either_end_changed() {
    let dir = two_files();
    let app = dir.path().join("app");
    // A second caller of the same helper: still one finding at the sink.
    let admin = "from flask import request\nfrom .clients import fetch\n\n\ndef mirror():\n    return fetch(request.form[\"v\"]).text\n";
    std::fs::write(app.join("admin.py"), admin).unwrap();
    assert_eq!(ssrf_findings(dir.path(), &[]).len(), 1);

    support::git(dir.path(), &["init", "-q"]);
    support::git(dir.path(), &["add", "."]);
    support::git(dir.path(), &["commit", "-qm", "start"]);
    let staged = |file: &str, text: &str| {
        std::fs::write(app.join(file), text).unwrap();
        support::git(dir.path(), &["add", "."]);
        let found = ssrf_findings(dir.path(), &["--staged"]).len();
        support::git(dir.path(), &["reset", "-q", "--hard"]);
        found
    };
    // A change of the caller's line that hands the value on keeps it; a change of the
    // helper's file alone does not (its callers are not analysed for it).
    assert_eq!(
        staged("views.py", &PASSING_VIEW.replace(".text", ".json()")),
        1
    );
    assert_eq!(
        staged("clients.py", &CLIENT.replacen("\n\n", "\n# c\n", 1)),
        0
    );

    // Silenced at both calls: nothing is left to move.
    let quiet = |text: &str| text.replace(".text\n", ".text  # slopguard: ignore[python.ssrf]\n");
    std::fs::write(app.join("views.py"), quiet(PASSING_VIEW)).unwrap();
    std::fs::write(app.join("admin.py"), quiet(admin)).unwrap();
    assert_eq!(ssrf_findings(dir.path(), &[]), Vec::<Value>::new());
}
