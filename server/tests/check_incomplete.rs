//! Nothing is lost silently: nesting too deep to parse, files over the size limit and code files
//! holding a NUL byte are analysed as far as they can be, and what was not is said in every
//! output format and by exit code 3 (unless allowed). The real binary, the built-in rules.

mod common;

use common::*;
use serde_json::Value;
use std::process::Output;

fn check(repo: &Repo, args: &[&str]) -> Output {
    slopguard_in(repo.path(), &repo.path().join(".cache"))
        .args(["check", "--no-package-checks"])
        .args(args)
        .output()
        .unwrap()
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            stderr_of(output)
        )
    })
}

/// `(path, line)` of every finding of a rule whose id holds `eval`.
fn evals(document: &Value) -> Vec<(String, u64)> {
    found(document)
        .into_iter()
        .filter(|(rule, _, _)| rule.contains("eval"))
        .map(|(_, path, line)| (path, line))
        .collect()
}

#[test]
fn deep_nesting_keeps_the_rest_of_the_file_and_says_so() {
    let depth = 100_000;
    let repo = Repo::without_git();
    repo.write(
        "nested.js",
        format!(
            "x = eval(input);\na = {}1{};\ny = eval(z);\n",
            "{a:".repeat(depth),
            "}".repeat(depth)
        ),
    )
    .write(
        "unclosed.js",
        format!("x = eval(input);\n{}\ny = eval(z);\n", "[".repeat(depth)),
    )
    // One long line reads as minified, which is skipped by default: checked here.
    .write("slopguard.toml", "[files]\nminified = \"all\"\n");
    let output = check(&repo, &["--format", "json"]);
    let document = json(&output);
    assert_eq!(
        evals(&document),
        vec![
            ("nested.js".into(), 1),
            ("nested.js".into(), 3),
            ("unclosed.js".into(), 1),
            ("unclosed.js".into(), 3)
        ],
        "{}",
        stderr_of(&output)
    );
    let incomplete = document["summary"]["incomplete"].as_array().unwrap();
    let said: Vec<(&str, &str, u64)> = incomplete
        .iter()
        .map(|gap| {
            (
                gap["path"].as_str().unwrap(),
                gap["kind"].as_str().unwrap(),
                gap["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        said,
        vec![("nested.js", "too-deep", 2), ("unclosed.js", "too-deep", 2)]
    );
    assert!(stderr_of(&output).contains("analysis incomplete: nested.js: nesting too deep"));
}

#[test]
fn incomplete_analysis_is_said_in_every_format_and_exits_3_unless_allowed() {
    let repo = Repo::without_git();
    let depth = 5_000;
    repo.write(
        "data.py",
        format!("x = {}0{}\n", "[".repeat(depth), "]".repeat(depth)),
    );
    let output = check(&repo, &[]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr_of(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("Analysis incomplete in 1 file (see the notes): data.py."),
        "{stdout}"
    );

    let sarif: Value = json(&check(&repo, &["--format", "sarif"]));
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notification = &invocation["toolExecutionNotifications"][0];
    assert_eq!(
        notification["descriptor"]["id"],
        "slopguard/incomplete/too-deep"
    );
    assert_eq!(
        notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "data.py"
    );

    let github = check(&repo, &["--format", "github"]);
    let annotations = String::from_utf8_lossy(&github.stdout);
    assert!(
        annotations.starts_with(
            "::warning file=data.py,line=1,title=slopguard: analysis incomplete::nesting too deep"
        ),
        "{annotations}"
    );

    // Opting out: the flag, or the config key; the note is still printed.
    let allowed = check(&repo, &["--allow-incomplete"]);
    assert_eq!(allowed.status.code(), Some(0));
    assert!(stderr_of(&allowed).contains("analysis incomplete: data.py"));
    repo.write("slopguard.toml", "allow-incomplete = true\n");
    assert_eq!(check(&repo, &[]).status.code(), Some(0));
}

#[test]
fn a_file_over_the_size_limit_makes_the_run_incomplete() {
    let repo = Repo::without_git();
    repo.write("big.py", format!("x = 1\n{}", "# padding\n".repeat(200)))
        .write("slopguard.toml", "max-file-size = 1000\n");
    let output = check(&repo, &["--format", "json"]);
    assert_eq!(output.status.code(), Some(3));
    let gap = &json(&output)["summary"]["incomplete"][0];
    assert_eq!(gap["path"], "big.py");
    assert_eq!(gap["kind"], "too-large");
}

#[test]
fn a_binary_file_over_the_size_limit_is_skipped_not_incomplete() {
    // A large image holds no code to miss: the run is complete, the file counted as binary.
    let mut image = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    image.resize(5000, 0x7f);
    let repo = Repo::without_git();
    repo.write("docs/screenshot.png", image)
        .write("slopguard.toml", "max-file-size = 1000\n");
    let output = check(&repo, &["--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let document = json(&output);
    assert_eq!(
        document["summary"]["incomplete"].as_array().map(Vec::len),
        Some(0)
    );
    assert_eq!(document["summary"]["skipped"], 1);
}

#[test]
fn a_nul_byte_does_not_hide_a_code_file() {
    let repo = Repo::without_git();
    repo.write("app.js", "// build \0 marker\nconst y = eval(x);\n")
        .write("image.png", b"\x89PNG\r\n\x1a\n\0\0\0IHDR");
    let output = check(&repo, &["--format", "json"]);
    let document = json(&output);
    assert_eq!(evals(&document), vec![("app.js".into(), 2)]);
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("1 code file(s) hold NUL bytes and were analysed as text: app.js"),
        "{stderr}"
    );
    // A binary file is still skipped, and counted.
    assert!(
        stderr.contains("skipped 1 binary file(s): image.png"),
        "{stderr}"
    );
    assert_eq!(document["summary"]["skipped"], 1);
}

#[test]
fn brackets_in_strings_and_comments_are_not_nesting() {
    // Ten thousand `(` in a string literal and in a comment nest nothing: nothing is blanked,
    // the run is complete, and the eval after them is found.
    let repo = Repo::without_git();
    let many = "(".repeat(10_000);
    repo.write(
        "app.py",
        format!("s = \"{many}\"\n# {many}\nx = eval(payload)\n"),
    )
    .write(
        "web.js",
        format!("/* {many} */\nconst s = `{many}`;\neval(x);\n"),
    )
    // Long lines read as minified, which is skipped by default: checked here.
    .write("slopguard.toml", "[files]\nminified = \"all\"\n");
    let output = check(&repo, &["--format", "json"]);
    let document = json(&output);
    assert_eq!(
        document["summary"]["incomplete"],
        serde_json::json!([]),
        "{}",
        stderr_of(&output)
    );
    assert_eq!(
        evals(&document),
        vec![("app.py".into(), 3), ("web.js".into(), 3)]
    );
    assert_eq!(output.status.code(), Some(1));
}

/// Processes that keep every core busy until dropped.
struct Burners(Vec<std::process::Child>);

impl Burners {
    fn start(count: usize) -> Burners {
        Burners(
            (0..count)
                .map(|_| {
                    std::process::Command::new("sh")
                        .args(["-c", "while :; do :; done"])
                        .spawn()
                        .unwrap()
                })
                .collect(),
        )
    }
}

impl Drop for Burners {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

#[test]
fn the_same_input_gives_the_same_findings_on_a_busy_machine() {
    // Limits are counted in work, not wall time: with more worker threads than cores and every
    // core also busy with other processes, three runs over large files give byte-identical
    // reports, and every eval is found. (Under the former wall-clock limits, such runs on a
    // loaded machine found 3, then 1, then 0 of 6.)
    let repo = Repo::without_git();
    let files = 4;
    for file in 0..files {
        let mut text = String::new();
        for function in 0..30 {
            text.push_str(&format!("def f{function}(data):\n"));
            for line in 0..50 {
                if line == 7 {
                    text.push_str(&format!("    r{line} = eval(data)\n"));
                } else {
                    text.push_str(&format!(
                        "    v{line} = compute({line}, [x * {file} for x in range(10)], {{'k': (a, b)}})\n"
                    ));
                }
            }
        }
        repo.write(&format!("m{file}.py"), text);
    }
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let threads = (cores * 3).to_string();
    let _burners = Burners::start(cores);
    let runs: Vec<Output> = (0..3)
        .map(|_| check(&repo, &["--format", "json", "--threads", &threads]))
        .collect();
    let document = json(&runs[0]);
    assert_eq!(evals(&document).len(), files * 30, "{document}");
    assert_eq!(document["summary"]["incomplete"], serde_json::json!([]));
    for run in &runs[1..] {
        assert!(
            run.stdout == runs[0].stdout,
            "two runs differ:\n{}\n---\n{}",
            String::from_utf8_lossy(&runs[0].stdout),
            String::from_utf8_lossy(&run.stdout)
        );
    }
}
