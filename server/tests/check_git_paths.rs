//! `check --staged` and `check --diff` read the changed lines of every file git can name:
//! spaces (git appends a tab), backslashes and unicode (git quotes them), renames, and added
//! lines that look like patch headers (`++ i;` is written `+++ i;`), and files whose lines
//! end in a lone `\r`, which git does not count as line ends.

mod common;

use common::*;

/// Commits `before`, then stages `after` (the work tree equals the index), and returns the
/// findings of `--staged` and of `--diff HEAD`, which must agree.
fn changed_findings(repo: &Repo) -> Vec<(String, String, u64)> {
    let (staged_code, staged) = repo.json(&["--staged"]);
    let (diff_code, diff) = repo.json(&["--diff", "HEAD"]);
    assert_eq!(found(&staged), found(&diff), "--staged and --diff disagree");
    assert_eq!(staged_code, diff_code);
    found(&staged)
}

fn key_at(path: &str, line: u64) -> (String, String, u64) {
    ("any.test-key".into(), path.into(), line)
}

#[test]
fn a_name_with_a_space_is_checked() {
    let repo = Repo::new();
    repo.write("README.md", "hi\n");
    repo.commit_all("first");
    repo.write("sp ace.py", "x = eval(payload)\n");
    repo.git(&["add", "-A"]);
    assert_eq!(changed_findings(&repo), vec![eval_at("sp ace.py", 1)]);
}

#[test]
fn a_name_with_a_backslash_is_checked() {
    let repo = Repo::new();
    repo.write("README.md", "hi\n");
    repo.commit_all("first");
    repo.write("back\\slash.py", "x = 1\ny = eval(payload)\n");
    repo.git(&["add", "-A"]);
    assert_eq!(changed_findings(&repo), vec![eval_at("back\\slash.py", 2)]);
}

#[test]
fn a_unicode_name_with_a_tab_is_checked() {
    let repo = Repo::new();
    repo.write("src/été.py", "ok = 1\n");
    repo.commit_all("first");
    repo.write("src/été.py", "ok = 1\nbad = eval(payload)\n")
        .write("src/ta\tb ü.py", "eval(x)\n");
    repo.git(&["add", "-A"]);
    assert_eq!(
        changed_findings(&repo),
        vec![eval_at("src/ta\tb ü.py", 1), eval_at("src/été.py", 2)]
    );
}

#[test]
fn a_renamed_file_reports_only_its_added_lines() {
    let repo = Repo::new();
    let body: String = (0..20).map(|i| format!("v{i} = {i}\n")).collect();
    repo.write("old.py", format!("old = eval(a)\n{body}"));
    repo.commit_all("first");
    // Moved and edited: git pairs the two as a rename (similarity above 50%).
    std::fs::remove_file(repo.path().join("old.py")).unwrap();
    repo.write(
        "new dir/rénamed.py",
        format!("old = eval(a)\n{body}new = eval(b)\n"),
    );
    repo.git(&["add", "-A"]);
    assert_eq!(
        changed_findings(&repo),
        vec![eval_at("new dir/rénamed.py", 22)]
    );
}

#[test]
fn added_lines_that_look_like_headers_do_not_hide_later_hunks() {
    let repo = Repo::new();
    let lines: Vec<String> = (0..30).map(|i| format!("let v{i} = {i};")).collect();
    repo.write("a.js", lines.join("\n") + "\n");
    repo.commit_all("first");
    let mut edited = lines.clone();
    edited.insert(2, "++ i;".into());
    edited.insert(3, "-- j;".into());
    edited.insert(25, "const key = 'TESTKEY_0123456789';".into());
    repo.write("a.js", edited.join("\n") + "\n");
    repo.git(&["add", "-A"]);
    assert_eq!(changed_findings(&repo), vec![key_at("a.js", 26)]);
}

#[test]
fn staged_ignores_untracked_files_and_diff_does_not() {
    let repo = Repo::new();
    repo.write("app.py", "a = 1\n");
    repo.commit_all("first");
    repo.write("app.py", "a = 1\nb = eval(x)\n");
    repo.git(&["add", "app.py"]);
    repo.write("untracked.py", "eval(y)\n");
    let (_, staged) = repo.json(&["--staged"]);
    assert_eq!(found(&staged), vec![eval_at("app.py", 2)]);
    let (_, diff) = repo.json(&["--diff", "HEAD"]);
    assert_eq!(
        found(&diff),
        vec![eval_at("app.py", 2), eval_at("untracked.py", 1)]
    );
}

#[test]
fn lines_ending_in_a_carriage_return_alone_are_matched_as_git_counts_them() {
    let repo = Repo::new();
    // Git counts lines at `\n` only: its line 2 is `old = eval(x)\rb = 2`, ours are 2 and 3.
    repo.write("mac.py", "a = 1\nold = eval(x)\rb = 2\n");
    repo.write("classic.py", "x = 1\r");
    repo.commit_all("first");
    // An added git line 3 (our line 4) in one; in the other, a whole file that is one git line.
    repo.write("mac.py", "a = 1\nold = eval(x)\rb = 2\nnew = eval(y)\n");
    repo.write("classic.py", "x = 1\ry = 2\rz = eval(payload)\r");
    repo.git(&["add", "-A"]);
    assert_eq!(
        changed_findings(&repo),
        vec![eval_at("classic.py", 3), eval_at("mac.py", 4)],
        "the new evals, on our lines; not the old one on an unchanged git line"
    );
}
