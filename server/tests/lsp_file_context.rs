//! The editor applies file context as `slopguard check` does: vendored, generated and minified
//! documents get no diagnostics, tests only those of rules that matter there (a live credential),
//! and `[files]` in `slopguard.toml` changes each default. The real binary over its stdio.

mod support;

use serde_json::Value;
use std::path::Path;
use support::lsp::Editor;

/// A test module: a debug server (normal in a test) and a GitHub token whose checksum is valid
/// (a live credential matters everywhere). The token is built here, never a real one.
fn test_module() -> String {
    let random = "Zq7LmN2xR8tB5yC1vH4sJ9pK3dF6gW";
    let check = crc32_base62(random);
    format!(
        "from app import create_app\n\nTOKEN = \"ghp_{random}{check}\"\n\n\ndef test_debug():\n    create_app().run(debug=True)\n"
    )
}

/// GitHub's checksum of a token's random part: CRC32 in base62, six digits.
fn crc32_base62(random: &str) -> String {
    let mut crc = !0u32;
    for byte in random.bytes() {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    let mut value = !crc;
    let digits = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut out = vec![b'0'; 6];
    for slot in out.iter_mut().rev() {
        *slot = digits[(value % 62) as usize];
        value /= 62;
    }
    String::from_utf8(out).unwrap()
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    let mut codes: Vec<String> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect();
    codes.sort();
    codes
}

fn write(root: &Path, path: &str, text: &str) -> std::path::PathBuf {
    let file = root.join(path);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, text).unwrap();
    file
}

#[test]
fn tests_get_only_the_rules_that_matter_there_and_vendored_code_none() {
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("project");
    std::fs::create_dir_all(root.join(".git")).unwrap();
    let module = test_module();
    let test = write(&root, "tests/test_server.py", &module);
    let shipped = write(&root, "app/server.py", &module);
    let vendored = write(&root, "vendor/legacy.js", "eval(location.hash.slice(1));\n");
    let mut editor = Editor::offline(&root, &work.path().join("cache"));

    editor.open(&shipped, "python", &module);
    let all = editor
        .diagnostics(&shipped, |d| {
            d.iter().any(|d| d["code"] == "python.flask-debug")
        })
        .expect("shipped code gets every rule");
    assert!(
        codes(&all).contains(&"any.github-token".to_string()),
        "{all:?}"
    );

    editor.open(&test, "python", &module);
    let in_test = editor
        .diagnostics(&test, |d| !d.is_empty())
        .expect("the credential is reported in a test");
    assert_eq!(codes(&in_test), ["any.github-token"], "{in_test:?}");

    editor.open(&vendored, "javascript", "eval(location.hash.slice(1));\n");
    let in_vendor = editor
        .diagnostics(&vendored, |_| true)
        .expect("a publication for the vendored file");
    assert!(in_vendor.is_empty(), "{in_vendor:?}");
}

#[test]
fn files_in_slopguard_toml_change_the_defaults() {
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("project");
    std::fs::create_dir_all(&root).unwrap();
    write(
        &root,
        "slopguard.toml",
        "[files]\ntests = \"all\"\nvendored = \"all\"\n",
    );
    let module = test_module();
    let test = write(&root, "tests/test_server.py", &module);
    let vendored = write(&root, "vendor/legacy.js", "eval(location.hash.slice(1));\n");
    let mut editor = Editor::offline(&root, &work.path().join("cache"));

    editor.open(&test, "python", &module);
    let in_test = editor
        .diagnostics(&test, |d| {
            d.iter().any(|d| d["code"] == "python.flask-debug")
        })
        .expect("`tests = \"all\"` runs every rule on tests");
    assert!(
        codes(&in_test).contains(&"any.github-token".to_string()),
        "{in_test:?}"
    );

    editor.open(&vendored, "javascript", "eval(location.hash.slice(1));\n");
    editor
        .diagnostics(&vendored, |d| {
            d.iter().any(|d| d["code"] == "js.eval-dynamic")
        })
        .expect("`vendored = \"all\"` analyses vendored code");
}
